// D3 charts on x/y axes, written the way D3's gallery and Observable examples write them.
// Each kind draws request.data (built in renderers/d3_axes.py) in request.style (d3_request.style()).
import * as d3 from "d3";
import { hexbin as d3Hexbin } from "d3-hexbin";
import { axes, axis, colour, frame, legend, sequential } from "./common.js";

const CURVES = { linear: d3.curveLinear, monotone: d3.curveMonotoneX, basis: d3.curveBasis, step: d3.curveStepAfter,
                 cardinal: d3.curveCardinal, natural: d3.curveNatural, catmullRom: d3.curveCatmullRom };

/** x positions of data.x: a UTC time scale for ISO dates, else a linear one. */
function xScale(data, w) {
  const xs = data.time ? data.x.map((d) => new Date(d)) : data.x;
  const scale = data.time ? d3.scaleUtc() : d3.scaleLinear();
  return { xs, x: scale.domain(d3.extent(xs)).range([0, w]) };
}

/** A band scale for categories and a linear scale for values, either way round. */
function bandAndValue(data, w, h, lo, hi) {
  const band = d3.scaleBand().domain(data.categories).padding(data.padding);
  const value = d3.scaleLinear().domain([Math.min(0, lo), hi]).nice();
  if (data.horizontal) return { band: band.range([0, h]), value: value.range([0, w]), x: value, y: band };
  return { band: band.range([0, w]), value: value.range([h, 0]), x: band, y: value };
}

/** Rectangles of a bar from value a to b in band slot (offset, size), either orientation. */
function barRect(sel, s, data, { band, offset = 0, size, a, b }) {
  if (data.horizontal) {
    sel.attr("y", (d, i) => s.band(band(d, i)) + offset).attr("height", size)
      .attr("x", (d, i) => s.value(Math.min(a(d, i), b(d, i)))).attr("width", (d, i) => Math.abs(s.value(b(d, i)) - s.value(a(d, i))));
  } else {
    sel.attr("x", (d, i) => s.band(band(d, i)) + offset).attr("width", size)
      .attr("y", (d, i) => s.value(Math.max(a(d, i), b(d, i)))).attr("height", (d, i) => Math.abs(s.value(a(d, i)) - s.value(b(d, i))));
  }
  return sel;
}

function bar(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const s = bandAndValue(data, w, h, d3.min(data.values), d3.max(data.values));
  axes(g, s.x, s.y, w, h, style);
  barRect(g.append("g").selectAll("rect").data(data.values).join("rect"), s, data, {
    band: (_, i) => data.categories[i], size: s.band.bandwidth(), a: () => 0, b: (d) => d })
    .attr("fill", (_, i) => (data.colourByCategory ? colour(style, i) : colour(style, 0)))
    .attr("rx", data.radius).attr("fill-opacity", style.opacity);
  if (data.labels) {
    g.append("g").attr("fill", style.ink).attr("text-anchor", data.horizontal ? "start" : "middle")
      .selectAll("text").data(data.values).join("text")
      .attr(data.horizontal ? "y" : "x", (_, i) => s.band(data.categories[i]) + s.band.bandwidth() / 2)
      .attr(data.horizontal ? "x" : "y", (d) => s.value(d) + (data.horizontal ? 4 : -4))
      .attr("dy", data.horizontal ? "0.35em" : 0).text((d) => d3.format(data.format)(d));
  }
}

function groupedBar(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const s = bandAndValue(data, w, h, 0, d3.max(data.values.flat()));
  const inner = d3.scaleBand().domain(data.keys).range([0, s.band.bandwidth()]).padding(data.innerPadding);
  axes(g, s.x, s.y, w, h, style);
  g.append("g").selectAll("g").data(data.values).join("g").each(function (row, i) {
    barRect(d3.select(this).selectAll("rect").data(row).join("rect"), s, data, {
      band: () => data.categories[i], offset: 0, size: inner.bandwidth(), a: () => 0, b: (d) => d })
      .attr(data.horizontal ? "y" : "x", function (_, k) {
        return s.band(data.categories[i]) + inner(data.keys[k]);
      })
      .attr("fill", (_, k) => colour(style, k)).attr("fill-opacity", style.opacity);
  });
  legend(svg, data.keys, style, request);
}

function stackedBar(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const rows = data.values.map((row) => Object.fromEntries(data.keys.map((k, j) => [k, row[j]])));
  const series = d3.stack().keys(data.keys).offset(data.normalize ? d3.stackOffsetExpand : d3.stackOffsetNone)(rows);
  const s = bandAndValue(data, w, h, 0, d3.max(series, (layer) => d3.max(layer, (d) => d[1])));
  axes(g, s.x, s.y, w, h, style, { xFormat: data.normalize && data.horizontal ? ".0%" : null,
                                    yFormat: data.normalize && !data.horizontal ? ".0%" : null });
  g.append("g").selectAll("g").data(series).join("g").attr("fill", (_, k) => colour(style, k))
    .attr("stroke", data.stroke).each(function (layer) {
      barRect(d3.select(this).selectAll("rect").data(layer).join("rect"), s, data, {
        band: (_, i) => data.categories[i], size: s.band.bandwidth(), a: (d) => d[0], b: (d) => d[1] });
    });
  legend(svg, data.keys, style, request);
}

function lollipop(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const s = bandAndValue(data, w, h, d3.min(data.values), d3.max(data.values));
  axes(g, s.x, s.y, w, h, style);
  const mid = (i) => s.band(data.categories[i]) + s.band.bandwidth() / 2;
  const [p, v] = data.horizontal ? ["y", "x"] : ["x", "y"];
  g.append("g").selectAll("line").data(data.values).join("line")
    .attr(`${p}1`, (_, i) => mid(i)).attr(`${p}2`, (_, i) => mid(i))
    .attr(`${v}1`, s.value(Math.max(0, s.value.domain()[0]))).attr(`${v}2`, (d) => s.value(d))
    .attr("stroke", data.stemColour || colour(style, 0)).attr("stroke-width", data.stemWidth);
  g.append("g").selectAll("circle").data(data.values).join("circle")
    .attr(`c${p}`, (_, i) => mid(i)).attr(`c${v}`, (d) => s.value(d)).attr("r", data.r)
    .attr("fill", colour(style, data.dotColour)).attr("stroke", data.dotStroke);
}

function histogram(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const x = d3.scaleLinear().domain(d3.extent(data.values)).nice().range([0, w]);
  const groups = data.groups.map((values) => d3.bin().domain(x.domain()).thresholds(x.ticks(data.bins))(values));
  const y = d3.scaleLinear().domain([0, d3.max(groups.flat(), (b) => b.length)]).nice().range([h, 0]);
  axes(g, x, y, w, h, style);
  groups.forEach((bins, k) => {
    g.append("g").attr("fill", colour(style, data.colour + k)).attr("fill-opacity", groups.length > 1 ? 0.55 : style.opacity)
      .attr("stroke", data.stroke).selectAll("rect").data(bins).join("rect")
      .attr("x", (b) => x(b.x0) + data.gap).attr("width", (b) => Math.max(0, x(b.x1) - x(b.x0) - data.gap))
      .attr("y", (b) => y(b.length)).attr("height", (b) => y(0) - y(b.length));
  });
  legend(svg, data.names, style, request);
}

function pyramid(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const max = d3.max([...data.left, ...data.right]);
  const gutter = data.gutter;
  const half = (w - gutter) / 2;
  const y = d3.scaleBand().domain(data.groups).range([h, 0]).padding(data.padding);
  const xl = d3.scaleLinear().domain([0, max]).nice().range([half, 0]);
  const xr = d3.scaleLinear().domain([0, max]).nice().range([half + gutter, w]);
  axes(g, xl, y, half, h, { ...style, grid: "" }, { xFormat: data.format });
  axes(g, xr, d3.scaleBand().domain([]).range([h, h]), w, h, { ...style, grid: "", yLabel: null, xLabel: null }, { xFormat: data.format });
  g.append("g").attr("fill", colour(style, 0)).selectAll("rect").data(data.left).join("rect")
    .attr("x", (d) => xl(d)).attr("width", (d) => half - xl(d)).attr("y", (_, i) => y(data.groups[i])).attr("height", y.bandwidth());
  g.append("g").attr("fill", colour(style, 1)).selectAll("rect").data(data.right).join("rect")
    .attr("x", half + gutter).attr("width", (d) => xr(d) - half - gutter).attr("y", (_, i) => y(data.groups[i])).attr("height", y.bandwidth());
  legend(svg, data.names, style, request);
}

function line(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const { xs, x } = xScale(data, w);
  const y = d3.scaleLinear().domain(d3.extent(data.series.flatMap((s) => s.y))).nice().range([h, 0]);
  axes(g, x, y, w, h, style, { xTicks: Math.max(2, Math.round(w / 80)) });
  const path = d3.line().defined((d) => d !== null).x((_, i) => x(xs[i])).y((d) => y(d)).curve(CURVES[data.curve]);
  data.series.forEach((s, k) => {
    g.append("path").datum(s.y).attr("fill", "none").attr("stroke", colour(style, k))
      .attr("stroke-width", data.strokeWidth).attr("stroke-linejoin", "round").attr("stroke-linecap", "round")
      .attr("stroke-dasharray", data.dashed && k > 0 ? "5,3" : null).attr("d", path);
    if (data.dots) {
      g.append("g").attr("fill", data.hollowDots ? style.background : colour(style, k)).attr("stroke", colour(style, k))
        .selectAll("circle").data(s.y).join("circle").attr("cx", (_, i) => x(xs[i])).attr("cy", (d) => y(d)).attr("r", data.dots);
    }
    if (data.directLabels) {
      g.append("text").attr("x", x(xs.at(-1)) + 4).attr("y", y(s.y.at(-1))).attr("dy", "0.35em")
        .attr("fill", colour(style, k)).text(s.name);
    }
  });
  if (!data.directLabels) legend(svg, data.series.map((s) => s.name), style, request);
}

function area(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const { xs, x } = xScale(data, w);
  const rows = data.x.map((_, i) => Object.fromEntries(data.series.map((s) => [s.name, s.y[i]])));
  const keys = data.series.map((s) => s.name);
  const layers = data.stacked || data.stream
    ? d3.stack().keys(keys).offset(data.stream ? d3[data.offset] : d3.stackOffsetNone)
      .order(data.stream ? d3.stackOrderInsideOut : d3.stackOrderNone)(rows)
    : data.series.map((s) => s.y.map((v) => [data.baseline, v]));
  const y = d3.scaleLinear().domain([d3.min(layers.flat(), (d) => d[0]), d3.max(layers.flat(), (d) => d[1])]).range([h, 0]);
  if (!data.stream) y.nice();
  const hideY = data.stream && data.hideY; // streamgraphs often drop the value axis: the baseline means nothing
  const { ya } = axes(g, x, y, w, h, hideY ? { ...style, yLabel: null, grid: style.grid.replace("y", "") } : style,
                      { xTicks: Math.max(2, Math.round(w / 80)) });
  if (hideY) ya.remove();
  const shape = d3.area().x((_, i) => x(xs[i])).y0((d) => y(d[0])).y1((d) => y(d[1])).curve(CURVES[data.curve]);
  const top = d3.line().x((_, i) => x(xs[i])).y((d) => y(d[1])).curve(CURVES[data.curve]);
  layers.forEach((layer, k) => {
    g.append("path").datum(layer).attr("fill", colour(style, k)).attr("fill-opacity", data.fillOpacity).attr("d", shape)
      .attr("stroke", data.stream && data.stroke ? style.background : null).attr("stroke-width", 0.5);
    if (data.outline) g.append("path").datum(layer).attr("fill", "none").attr("stroke", colour(style, k)).attr("stroke-width", data.outline).attr("d", top);
  });
  if (data.directLabels) {
    layers.forEach((layer, k) => {
      const i = d3.maxIndex(layer, (d) => d[1] - d[0]);
      g.append("text").attr("x", x(xs[i])).attr("y", y((layer[i][0] + layer[i][1]) / 2)).attr("dy", "0.35em")
        .attr("text-anchor", "middle").attr("fill", style.dark ? "white" : "#222").text(keys[k]);
    });
  } else {
    legend(svg, keys, style, request);
  }
}

/** Scatter, bubble and hexbin charts share their points: [x, y, size, group]. */
function pointScales(data, w, h) {
  const x = d3.scaleLinear().domain(d3.extent(data.points, (p) => p[0])).nice().range([0, w]);
  const y = d3.scaleLinear().domain(d3.extent(data.points, (p) => p[1])).nice().range([h, 0]);
  return { x, y };
}

function scatter(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const { x, y } = pointScales(data, w, h);
  axes(g, x, y, w, h, style);
  const r = data.sized ? d3.scaleSqrt().domain([0, d3.max(data.points, (p) => p[2])]).range([0, data.maxR]) : () => data.r;
  const points = data.sized ? [...data.points].sort((a, b) => b[2] - a[2]) : data.points;
  const marks = g.append("g").attr("fill-opacity", data.fillOpacity).attr("stroke-width", data.strokeWidth)
    .selectAll(data.symbol === "circle" ? "circle" : "path").data(points).join(data.symbol === "circle" ? "circle" : "path");
  if (data.symbol === "circle") marks.attr("cx", (p) => x(p[0])).attr("cy", (p) => y(p[1])).attr("r", (p) => r(p[2]));
  else marks.attr("transform", (p) => `translate(${x(p[0])},${y(p[1])})`).attr("d", d3.symbol(d3[data.symbol], data.r * data.r * 3));
  marks.attr("fill", (p) => (data.hollow ? "none" : colour(style, p[3])))
    .attr("stroke", (p) => (data.hollow || data.outline ? colour(style, p[3]) : data.strokeColour || "none"));
  if (data.labels) {
    g.append("g").attr("fill", style.ink).attr("text-anchor", "middle").selectAll("text").data(data.labels).join("text")
      .attr("x", (l) => x(data.points[l[0]][0])).attr("y", (l) => y(data.points[l[0]][1])).attr("dy", "0.35em").text((l) => l[1]);
  }
  legend(svg, data.names, style, request);
}

function hexbin(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const { x, y } = pointScales(data, w, h);
  const bins = d3Hexbin().x((p) => x(p[0])).y((p) => y(p[1])).radius(data.radius).extent([[0, 0], [w, h]])(data.points);
  const fill = sequential(style, 0, d3.max(bins, (b) => b.length));
  g.append("g").selectAll("path").data(bins).join("path").attr("d", d3Hexbin().radius(data.radius).hexagon())
    .attr("transform", (b) => `translate(${b.x},${b.y})`).attr("fill", (b) => fill(b.length))
    .attr("stroke", data.stroke).attr("stroke-width", 0.5);
  axes(g, x, y, w, h, { ...style, grid: "" });
}

function contour(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const { x, y } = pointScales(data, w, h);
  const bands = d3.contourDensity().x((p) => x(p[0])).y((p) => y(p[1])).size([w, h]).bandwidth(data.bandwidth)
    .thresholds(data.thresholds)(data.points);
  const fill = sequential(style, 0, d3.max(bands, (b) => b.value));
  g.append("g").selectAll("path").data(bands).join("path").attr("d", d3.geoPath())
    .attr("fill", (b) => (data.filled ? fill(b.value) : "none"))
    .attr("stroke", (b, i) => (data.filled ? data.stroke : (data.colourLines ? fill(b.value) : style.ink)))
    .attr("stroke-width", (_, i) => (i % 5 ? 0.8 : 1.4)).attr("stroke-linejoin", "round");
  if (data.showPoints) g.append("g").attr("fill", style.ink).selectAll("circle").data(data.points).join("circle")
    .attr("cx", (p) => x(p[0])).attr("cy", (p) => y(p[1])).attr("r", 1.2);
  axes(g, x, y, w, h, { ...style, grid: "" });
}

/** Quartiles, whiskers (1.5 IQR) and outliers of each group, for box plots. */
function boxStats(values) {
  const v = [...values].sort(d3.ascending);
  const [q1, median, q3] = [0.25, 0.5, 0.75].map((p) => d3.quantileSorted(v, p));
  const lo = q1 - 1.5 * (q3 - q1), hi = q3 + 1.5 * (q3 - q1);
  return { q1, median, q3, min: d3.min(v.filter((d) => d >= lo)), max: d3.max(v.filter((d) => d <= hi)),
           outliers: v.filter((d) => d < lo || d > hi) };
}

/** Box and violin plots: groups on a band scale, values on a linear one, either orientation. */
function distributionScales(data, w, h) {
  const band = d3.scaleBand().domain(data.names).padding(data.padding);
  const value = d3.scaleLinear().domain(d3.extent(data.values.flat())).nice();
  return data.horizontal
    ? { band: band.range([0, h]), value: value.range([0, w]), x: value, y: band }
    : { band: band.range([0, w]), value: value.range([h, 0]), x: band, y: value };
}

/** Attributes for a mark placed at band position b and value v, whatever the orientation. */
function at(data, b, v) {
  return data.horizontal ? { x: v, y: b } : { x: b, y: v };
}

function box(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const s = distributionScales(data, w, h);
  axes(g, s.x, s.y, w, h, style);
  const [B, V] = data.horizontal ? ["y", "x"] : ["x", "y"];
  const bw = s.band.bandwidth();
  data.values.forEach((values, k) => {
    const st = boxStats(values);
    const b0 = s.band(data.names[k]), mid = b0 + bw / 2;
    const one = g.append("g").attr("stroke", data.inkStroke ? style.ink : colour(style, k));
    one.append("line").attr(`${B}1`, mid).attr(`${B}2`, mid).attr(`${V}1`, s.value(st.min)).attr(`${V}2`, s.value(st.max));
    for (const end of [st.min, st.max]) {
      one.append("line").attr(`${B}1`, mid - bw * data.cap).attr(`${B}2`, mid + bw * data.cap).attr(`${V}1`, s.value(end)).attr(`${V}2`, s.value(end));
    }
    const a = s.value(st.q1), c = s.value(st.q3);
    one.append("rect").attr(B, b0).attr(V, Math.min(a, c)).attr(data.horizontal ? "height" : "width", bw)
      .attr(data.horizontal ? "width" : "height", Math.abs(c - a))
      .attr("fill", data.filled ? colour(style, data.oneColour ? 0 : k) : style.background).attr("fill-opacity", data.filled ? style.opacity : 1);
    one.append("line").attr(`${B}1`, b0).attr(`${B}2`, b0 + bw).attr(`${V}1`, s.value(st.median)).attr(`${V}2`, s.value(st.median))
      .attr("stroke-width", 2).attr("stroke", data.filled ? style.ink : null);
    const dots = data.jitter ? values : st.outliers;
    one.append("g").attr("stroke", "none").attr("fill", data.jitter ? style.ink : colour(style, k)).attr("fill-opacity", data.jitter ? 0.5 : 1)
      .selectAll("circle").data(dots).join("circle").attr(`c${V}`, (d) => s.value(d))
      .attr(`c${B}`, (_, i) => mid + (data.jitter ? (d3.randomLcg(i + k * 1000)() - 0.5) * bw * 0.7 : 0)).attr("r", data.jitter ? 2 : 2.5);
  });
}

/** Epanechnikov kernel density of ``values`` at ``ticks``, as in the D3 graph gallery's violins and ridgelines. */
function density(values, ticks, bandwidth) {
  const kernel = (u) => (Math.abs(u /= bandwidth) <= 1 ? (0.75 * (1 - u * u)) / bandwidth : 0);
  return ticks.map((t) => [t, d3.mean(values, (v) => kernel(t - v))]);
}

function violin(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const s = distributionScales(data, w, h);
  axes(g, s.x, s.y, w, h, style);
  const ticks = s.value.ticks(60);
  const bw = (s.value.domain()[1] - s.value.domain()[0]) * data.bandwidth;
  const curves = data.values.map((values) => density(values, ticks, bw));
  const width = d3.scaleLinear().domain([0, d3.max(curves.flat(), (d) => d[1])]).range([0, s.band.bandwidth() / 2]);
  curves.forEach((curve, k) => {
    const mid = s.band(data.names[k]) + s.band.bandwidth() / 2;
    const shape = data.horizontal
      ? d3.area().y0((d) => mid - width(d[1])).y1((d) => mid + width(d[1])).x((d) => s.value(d[0]))
      : d3.area().x0((d) => mid - width(d[1])).x1((d) => mid + width(d[1])).y((d) => s.value(d[0]));
    g.append("path").datum(curve).attr("d", shape.curve(d3.curveCatmullRom)).attr("fill", colour(style, data.oneColour ? 0 : k))
      .attr("fill-opacity", style.opacity).attr("stroke", data.stroke ? style.ink : "none");
    if (data.inner) {
      const st = boxStats(data.values[k]);
      const p = (v) => at(data, mid, s.value(v));
      g.append("line").attr("x1", p(st.q1).x).attr("y1", p(st.q1).y).attr("x2", p(st.q3).x).attr("y2", p(st.q3).y)
        .attr("stroke", style.dark ? "#eee" : "#222").attr("stroke-width", 4);
      g.append("circle").attr("cx", p(st.median).x).attr("cy", p(st.median).y).attr("r", 2.5).attr("fill", "white");
    }
  });
}

function ridgeline(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const x = d3.scaleLinear().domain(d3.extent(data.values.flat())).nice().range([0, w]);
  const y = d3.scalePoint().domain(data.names).range([data.overlap * h / data.names.length, h]);
  axes(g, x, y, w, h, { ...style, grid: style.grid.includes("x") ? "x" : "" });
  const ticks = x.ticks(80);
  const bw = (x.domain()[1] - x.domain()[0]) * data.bandwidth;
  const curves = data.values.map((values) => density(values, ticks, bw));
  const height = d3.scaleLinear().domain([0, d3.max(curves.flat(), (d) => d[1])]).range([0, data.overlap * h / data.names.length]);
  curves.forEach((curve, k) => {
    const base = y(data.names[k]);
    g.append("path").datum(curve).attr("d", d3.area().x((d) => x(d[0])).y0(base).y1((d) => base - height(d[1])).curve(d3.curveBasis))
      .attr("fill", data.gradient ? sequential(style, 0, data.names.length)(k) : colour(style, data.oneColour ? 0 : k))
      .attr("fill-opacity", style.opacity).attr("stroke", data.stroke ? style.ink : "none").attr("stroke-width", 0.8);
  });
}

function heatmap(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const x = d3.scaleBand().domain(data.xs).range([0, w]).padding(data.padding);
  const y = d3.scaleBand().domain(data.ys).range([0, h]).padding(data.padding);
  const fill = sequential(style, d3.min(data.values.flat()), d3.max(data.values.flat()));
  const cells = data.values.flatMap((row, i) => row.map((v, j) => ({ i, j, v })));
  g.append("g").selectAll("rect").data(cells).join("rect").attr("x", (c) => x(data.xs[c.j])).attr("y", (c) => y(data.ys[c.i]))
    .attr("width", x.bandwidth()).attr("height", y.bandwidth()).attr("rx", data.radius).attr("fill", (c) => fill(c.v));
  if (data.labels) {
    g.append("g").attr("text-anchor", "middle").selectAll("text").data(cells).join("text")
      .attr("x", (c) => x(data.xs[c.j]) + x.bandwidth() / 2).attr("y", (c) => y(data.ys[c.i]) + y.bandwidth() / 2).attr("dy", "0.35em")
      .attr("fill", (c) => (d3.lab(fill(c.v)).l < 55 ? "white" : "black")).text((c) => d3.format(data.format)(c.v));
  }
  axes(g, x, y, w, h, { ...style, grid: "", domain: false, tickSize: 0 });
}

function candlestick(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const days = data.dates.map((d) => new Date(d));
  const halfDay = 12 * 3600 * 1000;
  const x = d3.scaleUtc().domain([+days[0] - halfDay, +days.at(-1) + halfDay]).range([0, w]);
  const y = d3.scaleLinear().domain([d3.min(data.low), d3.max(data.high)]).nice().range([h, 0]);
  axes(g, x, y, w, h, { ...style, grid: style.grid.includes("y") ? "y" : "" }, { xTicks: Math.max(2, Math.round(w / 90)) });
  const body = (w / days.length) * (1 - data.padding);
  const up = data.upColour, down = data.downColour;
  const rising = (i) => data.close[i] >= data.open[i];
  const candle = g.append("g").attr("stroke-linecap", "round").selectAll("g").data(days).join("g")
    .attr("transform", (d) => `translate(${x(d)},0)`);
  candle.append("line").attr("y1", (_, i) => y(data.low[i])).attr("y2", (_, i) => y(data.high[i]))
    .attr("stroke", (_, i) => (data.wickInk ? style.ink : rising(i) ? up : down));
  if (data.ohlc) {
    for (const [side, values] of [[-1, data.open], [1, data.close]]) {
      candle.append("line").attr("x1", (side * body) / 2).attr("x2", 0).attr("y1", (_, i) => y(values[i])).attr("y2", (_, i) => y(values[i]))
        .attr("stroke", (_, i) => (rising(i) ? up : down));
    }
  } else {
    candle.append("rect").attr("x", -body / 2).attr("width", body)
      .attr("y", (_, i) => y(Math.max(data.open[i], data.close[i])))
      .attr("height", (_, i) => Math.max(1, Math.abs(y(data.open[i]) - y(data.close[i]))))
      .attr("fill", (_, i) => (rising(i) ? (data.hollowUp ? style.background : up) : down))
      .attr("stroke", (_, i) => (rising(i) ? up : down));
  }
}

function waterfall(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const s = bandAndValue({ ...data, horizontal: false }, w, h, Math.min(0, d3.min([...data.start, ...data.end])), d3.max([...data.start, ...data.end]));
  axes(g, s.x, s.y, w, h, style);
  const fill = { start: data.colours[2], up: data.colours[0], down: data.colours[1], total: data.colours[2] };
  barRect(g.append("g").selectAll("rect").data(data.steps).join("rect"), s, { horizontal: false }, {
    band: (_, i) => data.categories[i], size: s.band.bandwidth(), a: (_, i) => data.start[i], b: (_, i) => data.end[i] })
    .attr("fill", (k) => fill[k]);
  if (data.connectors) {
    g.append("g").attr("stroke", style.ink).attr("stroke-dasharray", "2,2").selectAll("line").data(data.end.slice(0, -1)).join("line")
      .attr("x1", (_, i) => s.band(data.categories[i]) + s.band.bandwidth()).attr("x2", (_, i) => s.band(data.categories[i + 1]))
      .attr("y1", (d) => s.value(d)).attr("y2", (d) => s.value(d));
  }
}

function gantt(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const start = data.start.map((d) => new Date(d)), end = data.end.map((d) => new Date(d));
  const x = d3.scaleUtc().domain([d3.min(start), d3.max(end)]).nice().range([0, w]);
  const y = d3.scaleBand().domain(data.tasks).range([0, h]).padding(data.padding);
  const time = data.axisOnTop ? d3.axisTop(x) : d3.axisBottom(x);
  axis(g, time, style, { transform: data.axisOnTop ? null : `translate(0,${h})`, grid: h, ticks: Math.max(2, Math.round(w / 90)) });
  axis(g, d3.axisLeft(y), { ...style, tickSize: 0 });
  g.append("g").selectAll("rect").data(data.tasks).join("rect").attr("x", (_, i) => x(start[i])).attr("y", (t) => y(t))
    .attr("width", (_, i) => Math.max(2, x(end[i]) - x(start[i]))).attr("height", y.bandwidth()).attr("rx", data.radius)
    .attr("fill", (_, i) => colour(style, data.phase[i]));
  if (data.today) {
    const t = x(new Date(data.today));
    g.append("line").attr("x1", t).attr("x2", t).attr("y1", 0).attr("y2", h).attr("stroke", "#d62728").attr("stroke-dasharray", "4,3");
  }
}

function parallel(svg, request) {
  const { data, style } = request;
  const { g, w, h } = frame(svg, request);
  const x = d3.scalePoint().domain(data.dims).range([0, w]);
  const ys = data.dims.map((_, j) => d3.scaleLinear().domain(d3.extent(data.rows, (r) => r[j])).nice().range([h, 0]));
  const path = d3.line().x((_, j) => x(data.dims[j])).y((v, j) => ys[j](v));
  g.append("g").attr("fill", "none").attr("stroke-width", data.strokeWidth).attr("stroke-opacity", data.lineOpacity)
    .selectAll("path").data(data.rows).join("path").attr("d", (r) => path(r.slice(0, data.dims.length)))
    .attr("stroke", (r, i) => (data.colourBy === "group" ? colour(style, data.groups[i]) : sequential(style, 0, data.rows.length)(i)));
  data.dims.forEach((dim, j) => {
    const a = g.append("g").attr("transform", `translate(${x(dim)},0)`).call(d3.axisLeft(ys[j]).ticks(5).tickSizeOuter(0));
    a.selectAll("text").attr("fill", style.ink).attr("stroke", data.halo ? style.background : null).attr("stroke-width", 3).attr("paint-order", "stroke");
    a.selectAll("line,path").attr("stroke", style.ink);
    a.append("text").attr("y", -9).attr("text-anchor", "middle").attr("fill", style.ink).attr("font-weight", "bold").text(dim);
  });
  legend(svg, data.names, style, request);
}

export const AXES = {
  bar, groupedBar, stackedBar, lollipop, histogram, pyramid, line, area, scatter, hexbin, contour, box, violin, ridgeline,
  heatmap, candlestick, waterfall, gantt, parallel,
};
