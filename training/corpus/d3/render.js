// Draws charts with D3 on a jsdom page and answers their SVG, for training/corpus/renderers/d3_*.py.
// One request per line on stdin, as JSON: {"kind", "width", "height", "style", "data"};
// one answer per line on stdout: {"svg": "..."} or {"error": "..."}.
// Each kind is a function (svg, request) in axes.js or layouts.js that draws into the <svg> with D3 idioms.
import readline from "node:readline";
import { JSDOM } from "jsdom";
import * as d3 from "d3";
import { AXES } from "./axes.js";
import { LAYOUTS } from "./layouts.js";

console.log = console.error; // stdout carries answers only
const KINDS = { ...AXES, ...LAYOUTS };
const document = new JSDOM("<!DOCTYPE html><body></body>").window.document;

function draw(request) {
  const kind = KINDS[request.kind];
  if (!kind) throw new Error(`unknown kind ${request.kind}`);
  const { width, height, style } = request;
  document.body.innerHTML = "";
  const svg = d3.select(document.body).append("svg")
    .attr("xmlns", "http://www.w3.org/2000/svg")
    .attr("width", width).attr("height", height).attr("viewBox", [0, 0, width, height])
    .attr("font-family", style.font).attr("font-size", style.fontSize);
  svg.append("rect").attr("width", width).attr("height", height).attr("fill", style.background);
  kind(svg, request);
  return document.body.innerHTML;
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let answer;
  try {
    answer = { svg: draw(JSON.parse(line)) };
  } catch (error) {
    answer = { error: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
