// Draws Chart.js charts in Node.js on a Skia canvas (@napi-rs/canvas), for
// training/corpus/renderers/chartjs_charts.py.
// One request per line on stdin, as JSON: {"width", "height", "background", "font", "config"};
// one answer per line on stdout: {"png": "<base64>"} or {"error": "..."}.
const readline = require("readline");
const { createCanvas } = require("@napi-rs/canvas");
const { Chart, registerables } = require("chart.js");
Chart.register(...registerables);
console.log = console.error; // stdout carries answers only

// Paints the canvas before the chart draws (Chart.js leaves it transparent).
const background = {
  id: "background",
  beforeDraw(chart, args, options) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = options.color || "white";
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    Chart.defaults.font.family = request.font || "sans-serif";
    Chart.defaults.font.size = request.fontSize || 12;
    Chart.defaults.color = request.textColor || "#666";
    Chart.defaults.borderColor = request.gridColor || "rgba(0,0,0,0.1)";
    const canvas = createCanvas(request.width, request.height);
    const config = request.config;
    config.options = { ...config.options, responsive: false, animation: false, devicePixelRatio: request.scale || 1 };
    config.options.plugins = { ...config.options.plugins, background: { color: request.background } };
    config.plugins = [background];
    const chart = new Chart(canvas.getContext("2d"), config);
    chart.draw();
    answer = { png: canvas.toBuffer("image/png").toString("base64") };
    chart.destroy();
  } catch (error) {
    answer = { error: String((error && error.stack) || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
