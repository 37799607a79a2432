// D3 charts without x/y axes: pies, radial charts, hierarchies, flows, networks, sets and maps, drawn as the D3
// gallery and Observable notebooks draw them. request.data holds the data and the renderer's choices of look.
import * as d3 from "d3";
import { sankey, sankeyCenter, sankeyJustify, sankeyLeft, sankeyLinkHorizontal, sankeyRight } from "d3-sankey";
import { colour, colourLegend, frame, legend, sequential } from "./common.js";

/** Dark or white text, whichever reads on ``fill``. */
function textOn(fill) {
  return d3.lab(fill).l > 62 ? "#222" : "white";
}

/** The plot area's centre as a <g>, with the radius that fits ``fraction`` of its shorter side. */
function disc(svg, request, fraction = 0.95) {
  const { g, w, h } = frame(svg, request);
  return { g: g.append("g").attr("transform", `translate(${w / 2},${h / 2})`), r: (Math.min(w, h) / 2) * fraction, w, h };
}

/** Outline ``text`` (a selection) in the background colour so that it reads over marks, as Observable's examples do. */
function halo(text, style) {
  text.clone(true).lower().attr("fill", "none").attr("stroke", style.background).attr("stroke-width", 3)
    .attr("stroke-linejoin", "round");
}

/** About how wide ``names`` are in the style's font. */
function textWidth(names, style) {
  return d3.max(names, (name) => String(name).length) * style.fontSize * 0.6;
}

/** Text anchored away from the centre at angle ``a`` (radians clockwise from 12 o'clock). */
function anchorAt(a) {
  const s = Math.sin(a);
  return Math.abs(s) < 0.1 ? "middle" : s > 0 ? "start" : "end";
}

const formats = { value: d3.format(",.0f"), percent: d3.format(".0%") };

/** Move labels (objects with y) apart so that none is nearer than ``gap`` to the one above it. */
function spreadOut(labels, gap) {
  labels.sort((a, b) => a.y - b.y).forEach((d, i) => { if (i) d.y = Math.max(d.y, labels[i - 1].y + gap); });
}

function pie(svg, request) {
  const { style, data } = request;
  const items = data.names.map((name, i) => ({ name, value: data.values[i], i }));
  const total = d3.sum(data.values);
  const says = ({ data: d }) => data.show === "percent" ? formats.percent(d.value / total)
    : data.show === "value" ? formats.value(d.value)
      : data.show === "both" && data.labels === "outside" ? `${d.name} (${formats.percent(d.value / total)})` : d.name;
  const plot = disc(svg, request);
  const { g } = plot;
  const arcs = d3.pie().value((d) => d.value).sort(data.sort ? (a, b) => b.value - a.value : null)
    .padAngle(data.padAngle).startAngle(data.startAngle).endAngle(data.startAngle + 2 * Math.PI)(items);
  const r = data.labels !== "outside" ? plot.r
    : Math.max(plot.r / 3, Math.min((plot.w / 2 - textWidth(arcs.map(says), style) - 8) / 1.25, plot.r / 1.25));
  const arc = d3.arc().innerRadius(r * data.inner).outerRadius(r).cornerRadius(data.cornerRadius);
  g.selectAll("path").data(arcs).join("path").attr("d", arc).attr("fill", (d) => colour(style, d.data.i))
    .attr("fill-opacity", style.opacity).attr("stroke", data.stroke).attr("stroke-width", data.strokeWidth);
  if (data.labels === "inside") {
    const mid = r * (data.inner ? (1 + data.inner) / 2 : 0.62);
    const at = d3.arc().innerRadius(mid).outerRadius(mid);
    const fits = (d) => textWidth([says(d)], style) < Math.min(mid * (d.endAngle - d.startAngle), r * 1.2 * (1 - data.inner));
    const text = g.selectAll("text.slice").data(arcs.filter(fits)).join("text")
      .attr("transform", (d) => `translate(${at.centroid(d)})`).attr("text-anchor", "middle")
      .attr("fill", (d) => textOn(colour(style, d.data.i)));
    text.append("tspan").attr("y", data.show === "both" ? "-0.4em" : "0.35em").attr("font-weight", "bold").text(says);
    if (data.show === "both") {
      text.append("tspan").attr("x", 0).attr("y", "0.8em").attr("fill-opacity", 0.8).text((d) => formats.value(d.data.value));
    }
  } else if (data.labels === "outside") {
    const bend = d3.arc().innerRadius(r * 1.1).outerRadius(r * 1.1);
    const labels = arcs.filter((d) => d.endAngle - d.startAngle > 0.03).map((d) => {
      const side = Math.sin((d.startAngle + d.endAngle) / 2) >= 0 ? 1 : -1;
      return { d, side, y: bend.centroid(d)[1] };
    });
    spreadOut(labels.filter((l) => l.side > 0), style.fontSize * 1.15);
    spreadOut(labels.filter((l) => l.side < 0), style.fontSize * 1.15);
    g.selectAll("polyline").data(labels).join("polyline").attr("fill", "none").attr("stroke", style.ink).attr("stroke-width", 0.8)
      .attr("points", (l) => [arc.centroid(l.d), bend.centroid(l.d), [r * 1.2 * l.side, l.y]]);
    g.selectAll("text.slice").data(labels).join("text").attr("fill", style.ink).attr("dy", "0.35em")
      .attr("x", (l) => r * 1.23 * l.side).attr("y", (l) => l.y).attr("text-anchor", (l) => (l.side > 0 ? "start" : "end"))
      .text((l) => says(l.d));
  }
  if (data.centre && data.inner > 0.4) {
    g.append("text").attr("text-anchor", "middle").attr("dy", "0.35em").attr("fill", style.ink).attr("font-weight", "bold")
      .attr("font-size", Math.min(r * data.inner * 0.45, style.fontSize * 2.6)).text(formats.value(total));
  }
  legend(svg, data.names, style, request);
}

function polarArea(svg, request) {
  const { style, data } = request;
  const around = data.labels === "none" ? 0.96 : 0.96 - Math.min(0.35, textWidth(data.names, style) / 180);
  const { g, r } = disc(svg, request, around);
  const inner = r * data.inner;
  const x = d3.scaleBand().domain(data.names).range([data.startAngle, data.startAngle + 2 * Math.PI]).paddingInner(data.padding);
  const stacked = d3.stack().keys(d3.range(data.series.length)).value((row, k) => row[k])(data.values);
  const top = d3.max(stacked.at(-1), (d) => d[1]);
  const y = (data.radial ? d3.scaleRadial() : d3.scaleLinear()).domain([0, top]).range([inner, r]).nice();
  if (data.grid) {
    g.append("g").selectAll("circle").data(y.ticks(4).slice(1)).join("circle").attr("r", y).attr("fill", "none")
      .attr("stroke", style.gridColour).attr("stroke-dasharray", style.gridDash);
  }
  const arc = d3.arc().innerRadius((d) => y(d[0])).outerRadius((d) => y(d[1])).startAngle((d) => x(data.names[d.i]))
    .endAngle((d) => x(data.names[d.i]) + x.bandwidth()).padAngle(0.01).padRadius(inner || r / 2).cornerRadius(data.cornerRadius);
  const coloured = data.series.length > 1 ? (k) => colour(style, k) : (_, i) => colour(style, data.byCategory ? i : 0);
  stacked.forEach((layer, k) => {
    g.append("g").selectAll("path").data(layer.map((d, i) => Object.assign(d, { i }))).join("path")
      .attr("d", arc).attr("fill", (d) => coloured(k, d.i)).attr("fill-opacity", style.opacity)
      .attr("stroke", data.stroke).attr("stroke-width", 1);
  });
  if (data.grid) {
    const ticks = g.append("g").attr("text-anchor", "middle").selectAll("text").data(y.ticks(4).slice(1)).join("text")
      .attr("y", (d) => -y(d)).attr("dy", "-0.3em").attr("fill", style.ink).text(y.tickFormat(4, "~s"));
    halo(ticks, style);
  }
  if (data.labels !== "none") {
    const labels = g.append("g").selectAll("g").data(data.names).join("g").attr("fill", style.ink);
    const mid = (name) => x(name) + x.bandwidth() / 2;
    if (data.labels === "rotated") {
      labels.attr("transform", (name) => `rotate(${(mid(name) * 180) / Math.PI - 90}) translate(${r + 6},0)`)
        .append("text").attr("dy", "0.35em").attr("transform", (name) => (Math.sin(mid(name)) < 0 ? "rotate(180)" : null))
        .attr("text-anchor", (name) => (Math.sin(mid(name)) < 0 ? "end" : "start")).text((name) => name);
    } else {
      labels.append("text").attr("dy", "0.35em").attr("text-anchor", (name) => anchorAt(mid(name)))
        .attr("x", (name) => d3.pointRadial(mid(name), r + 8)[0]).attr("y", (name) => d3.pointRadial(mid(name), r + 8)[1])
        .text((name) => name);
    }
  }
  legend(svg, data.series.length > 1 ? data.series : data.byCategory ? data.names : [], style, request);
}

function radar(svg, request) {
  const { style, data } = request;
  const { g, r } = disc(svg, request, 0.96 - Math.min(0.3, textWidth(data.axes, style) / 170));
  const n = data.axes.length;
  const angle = (i) => (i * 2 * Math.PI) / n;
  const y = d3.scaleLinear().domain([0, data.max]).range([0, r]);
  const levels = d3.range(1, data.levels + 1).map((l) => (l * data.max) / data.levels);
  const ring = d3.lineRadial().angle((_, i) => angle(i)).curve(d3.curveLinearClosed);
  const grid = g.append("g").attr("fill", "none").attr("stroke", style.gridColour);
  const shapes = data.circles ? grid.selectAll("circle").data(levels).join("circle").attr("r", y)
    : grid.selectAll("path").data(levels).join("path").attr("d", (v) => ring.radius(y(v))(d3.range(n)));
  if (data.bands) shapes.attr("fill", style.gridColour).attr("fill-opacity", 0.15);
  grid.selectAll("line").data(d3.range(n)).join("line").attr("x2", (i) => d3.pointRadial(angle(i), r)[0])
    .attr("y2", (i) => d3.pointRadial(angle(i), r)[1]);
  if (data.levelLabels) {
    g.append("g").selectAll("text").data(levels.slice(0, -1)).join("text").attr("x", 3).attr("y", (v) => -y(v)).attr("dy", "-0.2em")
      .attr("fill", style.ink).attr("fill-opacity", 0.7).attr("font-size", style.fontSize * 0.85).text(d3.format("~s"));
  }
  g.append("g").selectAll("text").data(data.axes).join("text").attr("fill", style.ink).attr("dy", "0.35em")
    .attr("x", (_, i) => d3.pointRadial(angle(i), r + 8)[0]).attr("y", (_, i) => d3.pointRadial(angle(i), r + 8)[1])
    .attr("text-anchor", (_, i) => anchorAt(angle(i))).text((name) => name);
  const line = d3.lineRadial().angle((_, i) => angle(i)).radius(y).curve(data.smooth ? d3.curveCardinalClosed : d3.curveLinearClosed);
  data.values.forEach((values, k) => {
    const c = colour(style, k);
    g.append("path").attr("d", line(values)).attr("fill", data.fill ? c : "none").attr("fill-opacity", data.fill)
      .attr("stroke", c).attr("stroke-width", data.strokeWidth);
    if (data.dots) {
      g.append("g").selectAll("circle").data(values).join("circle").attr("r", data.strokeWidth + 1.5).attr("fill", c)
        .attr("cx", (v, i) => d3.pointRadial(angle(i), y(v))[0]).attr("cy", (v, i) => d3.pointRadial(angle(i), y(v))[1]);
    }
  });
  legend(svg, data.series, style, request);
}

/** Name and value on the lines of a box ``width`` × ``height`` at its top left, clipped to it; nothing if too small. */
function boxLabel(g, d, style, { id, width, height, fill, value }) {
  const lines = [...d.data.name.split(/\s+/), ...(value ? [formats.value(d.value)] : [])];
  const lineHeight = style.fontSize * 1.1;
  if (width < style.fontSize * 2.5 || height < lineHeight + 4) return;
  g.append("clipPath").attr("id", id).append("rect").attr("width", width).attr("height", height);
  g.append("text").attr("clip-path", `url(#${id})`).attr("fill", textOn(fill)).selectAll("tspan").data(lines).join("tspan")
    .attr("x", 4).attr("y", (_, i) => 4 + (i + 0.8) * lineHeight).attr("fill-opacity", (_, i) => (value && i === lines.length - 1 ? 0.75 : null))
    .text((line) => line);
}

function treemap(svg, request) {
  const { style, data } = request;
  const { g, w, h } = frame(svg, request);
  const tile = { squarify: d3.treemapSquarify, binary: d3.treemapBinary, slice: d3.treemapSliceDice, resquarify: d3.treemapResquarify }[data.tile];
  const root = d3.treemap().tile(tile).size([w, h]).paddingInner(data.paddingInner).paddingOuter(data.paddingOuter)
    .paddingTop(data.header ? style.fontSize + 6 : data.paddingOuter).round(true)(
      d3.hierarchy(data.tree).sum((d) => d.value ?? 0).sort((a, b) => b.value - a.value));
  const top = (d) => d.ancestors().at(-2) ?? d;
  const depthColour = d3.scaleSequential([root.height + 1, 0], d3[style.interpolator]);
  const fill = (d) => data.byDepth ? depthColour(d.depth) : colour(style, root.children.indexOf(top(d)));
  const nodes = data.header ? root.descendants().slice(1) : root.leaves();
  const cell = g.selectAll("g").data(nodes).join("g").attr("transform", (d) => `translate(${d.x0},${d.y0})`);
  cell.append("rect").attr("width", (d) => d.x1 - d.x0).attr("height", (d) => d.y1 - d.y0).attr("fill", fill)
    .attr("fill-opacity", (d) => (d.children || !data.header ? 1 : style.opacity)).attr("stroke", data.stroke);
  cell.each(function (d, i) {
    const width = d.x1 - d.x0;
    if (d.children) {
      if (width > style.fontSize * 3) {
        d3.select(this).append("text").attr("x", 4).attr("y", style.fontSize + 1).attr("font-weight", "bold")
          .attr("fill", textOn(fill(d))).text(d.data.name.slice(0, Math.floor(width / (style.fontSize * 0.6))));
      }
    } else if (data.labels) {
      boxLabel(d3.select(this), d, style, { id: `clip-${i}`, width, height: d.y1 - d.y0, fill: fill(d), value: data.values });
    }
  });
  if (!data.byDepth) legend(svg, root.children.map((d) => d.data.name), style, request);
}

function sunburst(svg, request) {
  const { style, data } = request;
  const { g, r } = disc(svg, request);
  const root = d3.partition().size([2 * Math.PI, r])(d3.hierarchy(data.tree).sum((d) => d.value ?? 0).sort((a, b) => b.value - a.value));
  const hole = root.y1 * data.hole;
  const radius = d3.scaleLinear().domain([root.y1, r]).range([hole, r]);
  const arc = d3.arc().startAngle((d) => d.x0).endAngle((d) => d.x1).padAngle((d) => Math.min((d.x1 - d.x0) / 2, data.padAngle))
    .padRadius(r / 2).innerRadius((d) => radius(d.y0)).outerRadius((d) => radius(d.y1) - data.gap).cornerRadius(data.cornerRadius);
  const top = (d) => d.ancestors().at(-2);
  const fill = (d) => {
    const c = colour(style, root.children.indexOf(top(d)));
    return data.shade ? d3.interpolateRgb(c, "white")(Math.min(0.6, (d.depth - 1) * 0.18)) : c;
  };
  const nodes = root.descendants().slice(1);
  g.selectAll("path").data(nodes).join("path").attr("d", arc).attr("fill", fill)
    .attr("fill-opacity", (d) => (data.shade ? 1 : Math.max(0.4, 1 - (d.depth - 1) * 0.2)))
    .attr("stroke", data.stroke).attr("stroke-width", data.stroke === "none" ? 0 : 1);
  if (data.labels) {
    const fits = (d) => (radius(d.y0) + radius(d.y1)) / 2 * (d.x1 - d.x0) > style.fontSize * 1.2 &&
      radius(d.y1) - radius(d.y0) > d.data.name.length * style.fontSize * 0.55;
    g.append("g").attr("text-anchor", "middle").selectAll("text").data(nodes.filter(fits)).join("text")
      .attr("transform", (d) => {
        const a = ((d.x0 + d.x1) / 2) * 180 / Math.PI;
        return `rotate(${a - 90}) translate(${(radius(d.y0) + radius(d.y1)) / 2},0) rotate(${a < 180 ? 0 : 180})`;
      })
      .attr("dy", "0.35em").attr("fill", (d) => textOn(fill(d))).text((d) => d.data.name);
  }
  if (data.centre && hole > style.fontSize * 2) {
    g.append("text").attr("text-anchor", "middle").attr("dy", "0.35em").attr("fill", style.ink).attr("font-weight", "bold")
      .text(data.tree.name);
  }
}

function sankeyDiagram(svg, request) {
  const { style, data } = request;
  const { g, w, h } = frame(svg, request);
  const align = { justify: sankeyJustify, left: sankeyLeft, right: sankeyRight, center: sankeyCenter }[data.align];
  const { nodes, links } = sankey().nodeWidth(data.nodeWidth).nodePadding(data.nodePadding).nodeAlign(align)
    .extent([[1, 1], [w - 1, h - 1]])({ nodes: data.nodes.map((d) => ({ ...d })), links: data.links.map((d) => ({ ...d })) });
  const fill = (d) => colour(style, data.colourBy === "layer" ? d.layer : d.index);
  const link = g.append("g").attr("fill", "none").attr("stroke-opacity", data.linkOpacity).selectAll("path").data(links).join("path")
    .attr("d", sankeyLinkHorizontal()).attr("stroke-width", (d) => Math.max(1, d.width));
  if (data.linkColour === "gradient") {
    const gradient = g.append("defs").selectAll("linearGradient").data(links).join("linearGradient")
      .attr("id", (d) => `link-${d.index}`).attr("gradientUnits", "userSpaceOnUse")
      .attr("x1", (d) => d.source.x1).attr("x2", (d) => d.target.x0);
    gradient.append("stop").attr("offset", "0%").attr("stop-color", (d) => fill(d.source));
    gradient.append("stop").attr("offset", "100%").attr("stop-color", (d) => fill(d.target));
    link.attr("stroke", (d) => `url(#link-${d.index})`);
  } else {
    link.attr("stroke", (d) => data.linkColour === "source" ? fill(d.source) : data.linkColour === "target" ? fill(d.target) : "#999");
  }
  g.append("g").selectAll("rect").data(nodes).join("rect").attr("x", (d) => d.x0).attr("y", (d) => d.y0)
    .attr("width", (d) => d.x1 - d.x0).attr("height", (d) => Math.max(1, d.y1 - d.y0)).attr("fill", fill)
    .attr("stroke", data.nodeStroke);
  g.append("g").selectAll("text").data(nodes).join("text").attr("fill", style.ink).attr("dy", "0.35em")
    .attr("x", (d) => (d.x0 < w / 2 ? d.x1 + 6 : d.x0 - 6)).attr("y", (d) => (d.y0 + d.y1) / 2)
    .attr("text-anchor", (d) => (d.x0 < w / 2 ? "start" : "end"))
    .text((d) => (data.values ? `${d.name} ${formats.value(d.value)}` : d.name));
}

function network(svg, request) {
  const { style, data } = request;
  const { g, w, h } = frame(svg, request);
  const nodes = data.nodes.map((d) => ({ ...d }));
  const links = data.links.map((d) => ({ ...d }));
  const degree = d3.rollup(links.flatMap((l) => [l.source, l.target]), (v) => v.length, (id) => id);
  const size = (d) => (data.sizeByDegree ? data.radius * Math.min(3, Math.sqrt(degree.get(d.id) ?? 1)) : data.radius);
  d3.forceSimulation(nodes).randomSource(d3.randomLcg(data.seed))
    .force("link", d3.forceLink(links).id((d) => d.id).distance(Math.min(data.distance, Math.sqrt((w * h) / nodes.length) * 0.5)))
    .force("charge", d3.forceManyBody().strength(data.charge))
    .force("x", d3.forceX()).force("y", d3.forceY())
    .force("collide", d3.forceCollide((d) => size(d) + 1))
    .stop().tick(300);
  // Fit the layout into the plot area, keeping its aspect; nodes shrink with it.
  const pad = d3.max(nodes, size) + (data.labels ? style.fontSize : 2);
  const [x0, x1] = d3.extent(nodes, (d) => d.x);
  const [y0, y1] = d3.extent(nodes, (d) => d.y);
  const k = Math.min((w - 2 * pad) / (x1 - x0 || 1), (h - 2 * pad) / (y1 - y0 || 1));
  for (const d of nodes) {
    d.x = w / 2 + (d.x - (x0 + x1) / 2) * k;
    d.y = h / 2 + (d.y - (y0 + y1) / 2) * k;
  }
  const shrink = Math.max(0.6, Math.min(1, k));
  const radius = (d) => size(d) * shrink;
  const edges = g.append("g").attr("fill", "none").attr("stroke", data.linkColour).attr("stroke-opacity", data.linkOpacity)
    .selectAll("path").data(links).join("path").attr("stroke-width", (d) => Math.sqrt(d.value) * data.linkWidth)
    .attr("d", (d) => {
      const { source: s, target: t } = d;
      if (!data.curved) return `M${s.x},${s.y}L${t.x},${t.y}`;
      const bend = Math.hypot(t.x - s.x, t.y - s.y) * 1.2;
      return `M${s.x},${s.y}A${bend},${bend} 0 0,1 ${t.x},${t.y}`;
    });
  if (data.arrows) {
    g.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -5 10 10").attr("refX", 10 + (data.radius * shrink) / (0.6 * data.linkWidth))
      .attr("markerWidth", 6).attr("markerHeight", 6).attr("orient", "auto")
      .append("path").attr("d", "M0,-5L10,0L0,5").attr("fill", data.linkColour);
    edges.attr("marker-end", "url(#arrow)");
  }
  g.append("g").attr("stroke", data.nodeStroke).attr("stroke-width", 1.5).selectAll("circle").data(nodes).join("circle")
    .attr("cx", (d) => d.x).attr("cy", (d) => d.y).attr("r", radius).attr("fill", (d) => colour(style, d.group));
  if (data.labels) {
    g.append("g").selectAll("text").data(nodes).join("text").attr("x", (d) => d.x + radius(d) + 3).attr("y", (d) => d.y)
      .attr("dy", "0.35em").attr("fill", style.ink).attr("font-size", style.fontSize * 0.9).text((d) => d.id);
  }
  legend(svg, data.groups, style, request);
}

/** A bracket from parent ``s`` to child ``t`` of a radial layout (x: angle, y: radius): along the parent's ring, then out. */
function radialStep(s, t) {
  const [sx, sy] = d3.pointRadial(s.x, s.y);
  const [mx, my] = d3.pointRadial(t.x, s.y);
  const [tx, ty] = d3.pointRadial(t.x, t.y);
  return `M${sx},${sy}A${s.y},${s.y} 0 0,${t.x > s.x ? 1 : 0} ${mx},${my}L${tx},${ty}`;
}

function dendrogram(svg, request) {
  const { style, data } = request;
  const { g, w, h } = frame(svg, request);
  const root = d3.hierarchy(data.tree);
  const radial = data.orient === "radial";
  const leaves = root.leaves();
  // Leaf labels as large as the style says, or as the space between leaves allows; none below 6 px.
  const spacing = (radial ? Math.PI * Math.min(w, h) * 0.7 : data.orient === "horizontal" ? h : w) / leaves.length;
  const fontSize = Math.min(style.fontSize, spacing * 0.95);
  const labelled = data.labels && fontSize >= 6;
  const room = labelled ? textWidth(leaves.map((d) => d.data.name), { fontSize }) + 8 : 4;
  const r = Math.min(w, h) / 2 - room;
  const [breadth, depth] = radial ? [2 * Math.PI, r] : data.orient === "horizontal" ? [h, w - room] : [w, h - room];
  const layout = (data.layout === "cluster" ? d3.cluster() : d3.tree()).size([breadth, depth]);
  if (radial) layout.separation((a, b) => (a.parent === b.parent ? 1 : 2) / a.depth);
  layout(root);
  if (data.heights) {
    const height = d3.scaleLinear().domain([root.data.height, 0]).range([0, depth]);
    root.each((d) => { d.y = height(d.data.height ?? 0); });
  }
  const plot = radial ? g.append("g").attr("transform", `translate(${w / 2},${h / 2})`) : g;
  // Each orientation as (position of a node, link path, label placement).
  const at = radial ? (d) => d3.pointRadial(d.x, d.y) : data.orient === "horizontal" ? (d) => [d.y, d.x] : (d) => [d.x, d.y];
  const path = data.link === "curve"
    ? (radial ? d3.linkRadial().angle((d) => d.x).radius((d) => d.y) : data.orient === "horizontal"
      ? d3.linkHorizontal().x((d) => d.y).y((d) => d.x) : d3.linkVertical().x((d) => d.x).y((d) => d.y))
    : (l) => {
      if (radial) return radialStep(l.source, l.target);
      const [sx, sy] = at(l.source);
      const [tx, ty] = at(l.target);
      return data.orient === "horizontal" ? `M${sx},${sy}V${ty}H${tx}` : `M${sx},${sy}H${tx}V${ty}`;
    };
  plot.append("g").attr("fill", "none").attr("stroke", data.linkColour).attr("stroke-opacity", data.linkOpacity)
    .attr("stroke-width", data.linkWidth).selectAll("path").data(root.links()).join("path").attr("d", path);
  if (data.dots) {
    plot.append("g").selectAll("circle").data(root.descendants()).join("circle").attr("r", 2.5)
      .attr("fill", (d) => (d.children ? style.ink : colour(style, 0)))
      .attr("transform", (d) => `translate(${at(d)})`);
  }
  if (!labelled) return;
  const labels = plot.append("g").attr("font-size", fontSize).selectAll("text").data(leaves).join("text")
    .attr("fill", style.ink).attr("dy", "0.35em")
    .text((d) => d.data.name);
  if (radial) {
    labels.attr("transform", (d) => `rotate(${(d.x * 180) / Math.PI - 90}) translate(${d.y + 5},0)${d.x >= Math.PI ? " rotate(180)" : ""}`)
      .attr("text-anchor", (d) => (d.x < Math.PI ? "start" : "end"));
  } else if (data.orient === "horizontal") {
    labels.attr("x", (d) => d.y + 6).attr("y", (d) => d.x);
  } else {
    labels.attr("transform", (d) => `translate(${d.x},${d.y + 6}) rotate(90)`);
  }
}

function chord(svg, request) {
  const { style, data } = request;
  const { g, r } = disc(svg, request, 0.98);
  const outer = r - (data.labels ? textWidth(data.names, style) + 12 : 4) - (data.ticks ? 14 : 0);
  const inner = outer - data.thickness;
  const chords = (data.directed ? d3.chordDirected() : d3.chord()).padAngle(data.padAngle)
    .sortSubgroups(d3.descending).sortChords(d3.descending)(data.matrix);
  const ribbon = (data.directed ? d3.ribbonArrow() : d3.ribbon()).radius(inner - 1).padAngle(1 / inner);
  g.append("g").attr("fill-opacity", data.ribbonOpacity).selectAll("path").data(chords).join("path").attr("d", ribbon)
    .attr("fill", (d) => colour(style, data.colourByTarget ? d.target.index : d.source.index))
    .attr("stroke", data.stroke === "none" ? "none" : (d) => d3.color(colour(style, d.source.index)).darker().formatHex())
    .attr("stroke-width", 0.5);
  g.append("g").selectAll("path").data(chords.groups).join("path").attr("fill", (d) => colour(style, d.index))
    .attr("stroke", data.stroke).attr("d", d3.arc().innerRadius(inner).outerRadius(outer));
  let labelRadius = outer + 6;
  if (data.ticks) {
    const total = d3.sum(chords.groups, (d) => d.value);
    const step = d3.tickStep(0, total, 60);
    const ticks = chords.groups.flatMap((d) => d3.range(0, d.value, step).map((value, i) => ({
      value, angle: d.startAngle + (value / d.value) * (d.endAngle - d.startAngle), major: i % 5 === 0 })));
    const tick = g.append("g").selectAll("g").data(ticks).join("g")
      .attr("transform", (d) => `rotate(${(d.angle * 180) / Math.PI - 90}) translate(${outer},0)`);
    tick.append("line").attr("stroke", style.ink).attr("x2", (d) => (d.major ? 6 : 3));
    tick.filter((d) => d.major).append("text").attr("x", 8).attr("dy", "0.35em").attr("fill", style.ink)
      .attr("font-size", style.fontSize * 0.8)
      .attr("transform", (d) => (d.angle > Math.PI ? "rotate(180) translate(-16)" : null))
      .attr("text-anchor", (d) => (d.angle > Math.PI ? "end" : null)).text((d) => d3.format("~s")(d.value));
    labelRadius += 14;
  }
  if (data.labels) {
    const mid = (d) => (d.startAngle + d.endAngle) / 2;
    g.append("g").selectAll("text").data(chords.groups).join("text").attr("fill", style.ink).attr("dy", "0.35em")
      .attr("transform", (d) => `rotate(${(mid(d) * 180) / Math.PI - 90}) translate(${labelRadius},0)${mid(d) > Math.PI ? " rotate(180)" : ""}`)
      .attr("text-anchor", (d) => (mid(d) > Math.PI ? "end" : "start")).text((d) => data.names[d.index]);
  }
  legend(svg, data.labels ? [] : data.names, style, request);
}

function waffle(svg, request) {
  const { style, data } = request;
  const { g, w, h } = frame(svg, request);
  const size = Math.min(w / data.cols, h / data.rows);
  const gap = size * data.gap;
  const left = (w - size * data.cols) / 2;
  const top = (h - size * data.rows) / 2;
  const place = (i) => (data.byColumn ? [Math.floor(i / data.rows), i % data.rows] : [i % data.cols, Math.floor(i / data.cols)]);
  const cells = g.append("g").attr("transform", `translate(${left},${top})`).selectAll("g").data(data.cells).join("g")
    .attr("transform", (_, i) => `translate(${place(i)[0] * size + gap / 2},${place(i)[1] * size + gap / 2})`);
  if (data.shape === "circle") {
    cells.append("circle").attr("cx", (size - gap) / 2).attr("cy", (size - gap) / 2).attr("r", (size - gap) / 2);
  } else {
    cells.append("rect").attr("width", size - gap).attr("height", size - gap).attr("rx", data.shape === "rounded" ? size * 0.2 : 0);
  }
  cells.selectChildren().attr("fill", (k) => colour(style, k)).attr("fill-opacity", style.opacity);
  legend(svg, data.names, style, request);
}

function gauge(svg, request) {
  const { style, data } = request;
  const { g, w, h } = frame(svg, request);
  const a = data.angle; // the dial runs from -a to a, clockwise from 12 o'clock
  const below = Math.max(-Math.cos(a), data.needle ? 0.45 : 0.3);
  const r = Math.min(w / 2 / (a < Math.PI / 2 ? Math.sin(a) : 1), h / (1 + below)) * 0.9;
  const dial = g.append("g").attr("transform", `translate(${w / 2},${(h - r * (1 + below)) / 2 + r})`);
  const angle = d3.scaleLinear().domain([data.min, data.max]).range([-a, a]);
  const band = d3.arc().innerRadius(r * (1 - data.thickness)).outerRadius(r).cornerRadius(data.cornerRadius);
  dial.append("path").attr("d", band({ startAngle: -a, endAngle: a })).attr("fill", data.track);
  if (data.bands) {
    const edges = [data.min, ...data.bands, data.max];
    dial.append("g").selectAll("path").data(d3.pairs(edges)).join("path").attr("fill", (_, i) => data.bandColours[i])
      .attr("d", ([lo, hi]) => band({ startAngle: angle(lo), endAngle: angle(hi) }));
  } else {
    dial.append("path").attr("fill", colour(style, 0)).attr("d", band({ startAngle: -a, endAngle: angle(data.value) }));
  }
  if (data.ticks) {
    const ticks = angle.ticks(data.ticks);
    const at = (v, k) => d3.pointRadial(angle(v), r * k);
    dial.append("g").attr("stroke", style.ink).selectAll("line").data(ticks).join("line")
      .attr("x1", (v) => at(v, 1 - data.thickness - 0.02)[0]).attr("y1", (v) => at(v, 1 - data.thickness - 0.02)[1])
      .attr("x2", (v) => at(v, 1 - data.thickness - 0.07)[0]).attr("y2", (v) => at(v, 1 - data.thickness - 0.07)[1]);
    dial.append("g").selectAll("text").data(ticks).join("text").attr("fill", style.ink).attr("text-anchor", "middle")
      .attr("dy", "0.35em").attr("x", (v) => at(v, 1 - data.thickness - 0.16)[0]).attr("y", (v) => at(v, 1 - data.thickness - 0.16)[1])
      .text(angle.tickFormat(data.ticks));
  }
  if (data.needle) {
    const length = r * (1 - data.thickness / 2);
    dial.append("path").attr("fill", style.ink).attr("transform", `rotate(${(angle(data.value) * 180) / Math.PI})`)
      .attr("d", `M${-r * 0.03},0L0,${-length}L${r * 0.03},0Z`);
    dial.append("circle").attr("r", r * 0.05).attr("fill", style.ink);
  }
  const big = Math.min(r * (data.needle ? 0.22 : 0.28), style.fontSize * 4);
  const valueY = data.needle ? r * 0.08 + big * 0.8 : -big * 0.1;
  dial.append("text").attr("text-anchor", "middle").attr("y", valueY).attr("font-size", big).attr("font-weight", "bold")
    .attr("fill", style.ink).text(`${d3.format(",.0f")(data.value)}${data.unit}`);
  if (data.name) {
    dial.append("text").attr("text-anchor", "middle").attr("y", valueY + big * 0.7).attr("fill", style.ink).attr("fill-opacity", 0.75)
      .text(data.name);
  }
}

function venn(svg, request) {
  const { style, data } = request;
  const { g, w, h } = frame(svg, request);
  const pad = style.fontSize * 1.6;
  const x0 = d3.min(data.circles, (c) => c.x - c.r), x1 = d3.max(data.circles, (c) => c.x + c.r);
  const y0 = d3.min(data.circles, (c) => c.y - c.r), y1 = d3.max(data.circles, (c) => c.y + c.r);
  const k = Math.min((w - 2 * pad - 2 * textWidth(data.names, style) * data.outsideNames) / (x1 - x0), (h - 2 * pad) / (y1 - y0));
  const place = (x, y) => [w / 2 + (x - (x0 + x1) / 2) * k, h / 2 + (y - (y0 + y1) / 2) * k];
  const circles = data.circles.map((c, i) => ({ ...c, i, at: place(c.x, c.y), r: c.r * k }));
  g.append("g").selectAll("circle").data(circles).join("circle").attr("cx", (c) => c.at[0]).attr("cy", (c) => c.at[1])
    .attr("r", (c) => c.r).attr("fill", (c) => (data.filled ? colour(style, c.i) : "none")).attr("fill-opacity", data.fillOpacity)
    .attr("stroke", (c) => (data.stroke === "colour" ? colour(style, c.i) : data.stroke)).attr("stroke-width", data.strokeWidth);
  g.append("g").attr("text-anchor", "middle").selectAll("text").data(data.regions).join("text").attr("fill", style.ink)
    .attr("dy", "0.35em").attr("x", (d) => place(d.x, d.y)[0]).attr("y", (d) => place(d.x, d.y)[1]).text((d) => d.text);
  const [cx, cy] = place((x0 + x1) / 2, (y0 + y1) / 2);
  g.append("g").attr("font-weight", "bold").attr("font-size", style.fontSize * 1.15).selectAll("text").data(circles).join("text")
    .attr("fill", (c) => (data.colourNames ? d3.color(colour(style, c.i)).darker(0.5).formatHex() : style.ink)).attr("dy", "0.35em")
    .each(function (c) {
      const angle = Math.atan2(c.at[1] - cy, c.at[0] - cx);
      const reach = data.outsideNames ? c.r + 6 : c.r * 0.55;
      d3.select(this).attr("x", c.at[0] + Math.cos(angle) * reach).attr("y", c.at[1] + Math.sin(angle) * reach)
        .attr("text-anchor", !data.outsideNames || Math.abs(Math.cos(angle)) < 0.3 ? "middle" : Math.cos(angle) > 0 ? "start" : "end");
    })
    .text((c) => data.names[c.i]);
}

function choropleth(svg, request) {
  const { style, data } = request;
  const { g, w, h } = frame(svg, request);
  const room = data.legend ? style.fontSize * (data.legendTitle ? 4 : 3) : 0;
  const projection = d3.geoIdentity().reflectY(true).fitSize([w, h - room], data.regions);
  const [lo, hi] = d3.extent(data.values);
  const interpolate = (t) => sequential(style, 0, 1)(t);
  const scale = data.classes
    ? (data.quantile ? d3.scaleQuantile(data.values, d3.quantize(interpolate, data.classes))
      : d3.scaleQuantize([lo, hi], d3.quantize(interpolate, data.classes)).nice())
    : sequential(style, lo, hi);
  g.append("g").attr("transform", `translate(0,${room})`).selectAll("path").data(data.regions.features).join("path")
    .attr("d", d3.geoPath(projection)).attr("fill", (_, i) => scale(data.values[i]))
    .attr("stroke", data.stroke).attr("stroke-width", data.strokeWidth).attr("stroke-linejoin", "round");
  if (data.legend) {
    const width = Math.min(260, w * 0.6);
    const x = style.margin.left + (data.legendRight ? w - width : 0);
    const y = style.margin.top + (data.legendTitle ? style.fontSize * 1.2 : 0);
    colourLegend(svg, scale, style, { x, y, width, title: data.legendTitle });
  }
}

function funnel(svg, request) {
  const { style, data } = request;
  const { g, w, h } = frame(svg, request);
  const side = data.labels === "side" ? textWidth(data.names, style) + 10 : 0;
  const says = (v) => data.percent ? `${formats.value(v)} (${formats.percent(v / data.values[0])})` : formats.value(v);
  const values = data.labels === "side" ? textWidth(data.values.map(says), style) + 12 : 0;
  const left = side, width = w - side - values;
  const n = data.names.length;
  const step = h / n;
  const x = d3.scaleLinear().domain([0, d3.max(data.values)]).range([0, width]);
  const centre = left + width / 2;
  const fill = (i) => (data.single ? d3.color(colour(style, 0)).brighter(i * 0.25).formatHex() : colour(style, i));
  const stages = g.selectAll("g").data(data.values).join("g").attr("transform", (_, i) => `translate(0,${i * step})`);
  const bottom = (i) => (i + 1 < n ? data.values[i + 1] : data.values[i] * data.neck);
  stages.append("path").attr("fill", (_, i) => fill(i)).attr("stroke", data.stroke)
    .attr("d", (v, i) => {
      const top = x(v) / 2, low = data.shape === "bars" ? top : x(bottom(i)) / 2, y = step - data.gap;
      return `M${centre - top},0H${centre + top}L${centre + low},${y}H${centre - low}Z`;
    });
  if (data.labels === "side") {
    stages.append("text").attr("x", left - 8).attr("y", (step - data.gap) / 2).attr("dy", "0.35em").attr("text-anchor", "end")
      .attr("fill", style.ink).text((_, i) => data.names[i]);
    stages.append("text").attr("x", (v) => centre + x(v) / 2 + 8).attr("y", (step - data.gap) / 2).attr("dy", "0.35em")
      .attr("fill", style.ink).text(says);
  } else {
    const fits = (v, i) => x(v) > textWidth([data.names[i], says(v)], style) + 8;
    const text = stages.append("text").attr("x", centre).attr("y", (step - data.gap) / 2).attr("text-anchor", "middle")
      .attr("fill", (v, i) => (fits(v, i) ? textOn(fill(i)) : style.ink));
    text.append("tspan").attr("dy", "-0.2em").attr("font-weight", "bold").text((_, i) => data.names[i]);
    text.append("tspan").attr("x", centre).attr("dy", "1.15em").text(says);
  }
}

export const LAYOUTS = {
  pie, polar_area: polarArea, radar, treemap, sunburst, sankey: sankeyDiagram, network, dendrogram, chord, waffle, gauge,
  venn, choropleth, funnel,
};
