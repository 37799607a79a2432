// Renders ECharts options to SVG on the server side, for training/corpus/renderers/echarts_charts.py.
// One request per line on stdin, as JSON: {"width", "height", "theme", "option", "map"?};
// one answer per line on stdout: {"svg": "..."} or {"error": "..."}.
const readline = require("readline");
const echarts = require("echarts");
console.log = console.error; // stdout carries answers only

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    if (request.map) echarts.registerMap("regions", request.map);
    const chart = echarts.init(null, request.theme || null, {
      renderer: "svg", ssr: true, width: request.width, height: request.height,
    });
    chart.setOption({ animation: false, ...request.option });
    answer = { svg: chart.renderToSVGString() };
    chart.dispose();
  } catch (error) {
    answer = { error: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
