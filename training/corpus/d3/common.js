// What every D3 chart of the corpus shares: margins and title, axes, colours, a legend.
import * as d3 from "d3";

/** The plot area: a <g> inside the margins, with its size, after the title (style.title) is drawn. */
export function frame(svg, { width, height, style }) {
  const m = style.margin;
  if (style.title) {
    const x = style.titleAlign === "middle" ? width / 2 : m.left;
    svg.append("text").attr("x", x).attr("y", Math.max(14, m.top / 2))
      .attr("text-anchor", style.titleAlign).attr("font-size", style.fontSize * style.titleScale)
      .attr("font-weight", style.titleWeight).attr("fill", style.ink).text(style.title);
  }
  const g = svg.append("g").attr("transform", `translate(${m.left},${m.top})`);
  return { g, w: width - m.left - m.right, h: height - m.top - m.bottom };
}

/** Colour i of the chart's categorical palette. */
export function colour(style, i) {
  return style.palette[i % style.palette.length];
}

/** A sequential colour scale over [lo, hi] with the style's interpolator (e.g. "interpolateViridis"). */
export function sequential(style, lo, hi) {
  const scale = d3.scaleSequential(d3[style.interpolator]).domain([lo, hi]);
  return style.reverseInterpolator ? scale.domain([hi, lo]) : scale;
}

/** Draw ``axis`` (d3.axisBottom(x)...) into g at ``transform``, styled: domain kept or removed, grid lines, ink. */
export function axis(g, axisFn, style, { transform = null, grid = 0, ticks = null } = {}) {
  axisFn.tickSizeOuter(style.domain ? 6 : 0);
  if (ticks !== null) axisFn.ticks(ticks);
  if (grid) axisFn.tickSizeInner(-grid);
  else axisFn.tickSizeInner(style.tickSize);
  const a = g.append("g").attr("font-size", style.fontSize).attr("font-family", style.font);
  if (transform) a.attr("transform", transform);
  a.call(axisFn);
  a.selectAll("text").attr("fill", style.ink);
  a.selectAll("line").attr("stroke", grid ? style.gridColour : style.ink);
  if (grid) a.selectAll("line").attr("stroke-opacity", 0.7).attr("stroke-dasharray", style.gridDash);
  a.select(".domain").attr("stroke", style.ink);
  if (!style.domain) a.select(".domain").remove();
  return a;
}

/** The usual pair of axes for a plot area of w × h: x at the bottom, y on the left, grid as the style says. */
export function axes(g, x, y, w, h, style, { xTicks = null, yTicks = null, xFormat = null, yFormat = null } = {}) {
  const bottom = d3.axisBottom(x);
  const left = d3.axisLeft(y);
  if (xFormat) bottom.tickFormat(d3.format(xFormat));
  if (yFormat) left.tickFormat(d3.format(yFormat));
  const xa = axis(g, bottom, style, { transform: `translate(0,${h})`, grid: style.grid.includes("x") ? h : 0, ticks: x.bandwidth ? null : xTicks });
  const ya = axis(g, left, style, { grid: style.grid.includes("y") ? w : 0, ticks: y.bandwidth ? null : yTicks });
  if (style.rotateLabels) xa.selectAll("text").attr("text-anchor", "end").attr("transform", "rotate(-40)").attr("dx", "-0.6em").attr("dy", "0.3em");
  if (style.xLabel) g.append("text").attr("x", w).attr("y", h + style.margin.bottom - 6).attr("text-anchor", "end").attr("fill", style.ink).text(style.xLabel);
  if (style.yLabel) {
    g.append("text").attr("transform", "rotate(-90)").attr("x", 0).attr("y", -style.margin.left + 12)
      .attr("text-anchor", "end").attr("fill", style.ink).text(style.yLabel);
  }
  return { xa, ya };
}

/** A legend of coloured swatches for ``names``, in a row above the plot or a column at its right. */
export function legend(svg, names, style, { width }) {
  if (!style.legend || names.length < 2) return;
  const m = style.margin;
  const size = Math.round(style.fontSize * 0.9);
  const right = style.legend === "right";
  // a row goes under the title (drawn at frame()'s height), clear of anything drawn just above the plot
  const y0 = right ? m.top + 6 : style.title ? Math.max(14, m.top / 2) + style.fontSize * 1.6 : 6 + size;
  let x = right ? width - m.right + 10 : m.left;
  names.forEach((name, i) => {
    const item = svg.append("g").attr("transform", `translate(${x},${right ? y0 + i * (size + 6) : y0})`);
    const swatch = style.legendShape === "circle"
      ? item.append("circle").attr("r", size / 2).attr("cx", size / 2)
      : item.append("rect").attr("width", size).attr("height", size).attr("y", -size / 2);
    swatch.attr("fill", colour(style, i));
    item.append("text").attr("x", size + 4).attr("dy", "0.35em").attr("fill", style.ink).text(name);
    if (!right) x += size + 14 + name.length * style.fontSize * 0.55;
  });
}

/** A colour legend for ``scale`` at (x, y), ``width`` wide: a ramp with ticks for a sequential scale, or one swatch
 *  per class with the thresholds between them for a quantize, quantile or threshold scale; ``title`` above it. */
export function colourLegend(svg, scale, style, { x, y, width, title = null, ticks = 5 }) {
  const g = svg.append("g").attr("transform", `translate(${x},${y})`).attr("font-size", style.fontSize);
  const height = Math.round(style.fontSize * 0.9);
  if (scale.invertExtent) {
    const colours = scale.range();
    const step = width / colours.length;
    g.selectAll("rect").data(colours).join("rect")
      .attr("x", (_, i) => i * step).attr("width", step).attr("height", height).attr("fill", (c) => c);
    const thresholds = scale.thresholds ? scale.thresholds() : scale.quantiles ? scale.quantiles() : scale.domain();
    const position = d3.scaleLinear().domain([-1, colours.length - 1]).range([0, width]);
    const every = Math.ceil((style.fontSize * 3.2) / step); // label as many thresholds as fit
    axis(g, d3.axisBottom(position).tickValues(d3.range(thresholds.length).filter((i) => i % every === 0))
      .tickFormat((i) => d3.format(".3~s")(thresholds[i])), style, { transform: `translate(0,${height})` });
  } else {
    const [lo, hi] = d3.extent(scale.domain());
    g.selectAll("rect").data(d3.range(64)).join("rect")
      .attr("x", (i) => (i * width) / 64).attr("width", width / 64 + 0.5).attr("height", height)
      .attr("fill", (i) => scale(lo + ((i + 0.5) / 64) * (hi - lo)));
    axis(g, d3.axisBottom(d3.scaleLinear().domain([lo, hi]).range([0, width])).ticks(ticks, ".3~s"), style,
      { transform: `translate(0,${height})` });
  }
  g.selectAll(".domain").remove();
  if (title) g.append("text").attr("y", -6).attr("fill", style.ink).attr("font-weight", "bold").text(title);
  return g;
}
