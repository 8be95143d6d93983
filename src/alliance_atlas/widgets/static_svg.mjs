// Render Vega-Lite specs to static SVG at build time, with the site's own npm copy of Vega.
//
//   node static_svg.mjs <node_modules dir>
//   stdin:  one request a line,  [{"id": ..., "spec": {...}}, ...]
//   stdout: one answer a line,   [{"id": ..., "svg": "..."}, ...]   or {"error": "..."} if a spec fails
//
// Used by alliance_atlas.widgets.static_svg so each widget's first chart is in the page itself:
// visible at first paint, before Vega or Pyodide load, and without JavaScript at all.
// One process serves a whole build (it ends when its stdin closes): loading Vega and Vega-Lite is most of
// the cost of a request, so it is paid once, not once per page with charts.
// Text and axes use currentColor, so the SVG follows the light or dark palette.
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const nodeModules = path.resolve(process.argv[2]);
const load = (name, file) => import(pathToFileURL(path.join(nodeModules, name, file)).href);
const vega = await load("vega", "build/vega.module.js");
const vegaLite = await load("vega-lite", "build/index.js");

const WIDTH = 640;
const CONFIG = {
  background: null,
  axis: { labelColor: "currentColor", titleColor: "currentColor", domainColor: "currentColor",
          tickColor: "currentColor", gridColor: "currentColor", gridOpacity: 0.15 },
  legend: { labelColor: "currentColor", titleColor: "currentColor" },
  title: { color: "currentColor" },
  view: { stroke: null },
};

async function draw(requests) {
  const out = [];
  for (const { id, spec } of requests) {
    const fixed = Object.assign({}, spec, { width: WIDTH, config: Object.assign({}, CONFIG, spec.config || {}) });
    const view = new vega.View(vega.parse(vegaLite.compile(fixed).spec), { renderer: "none" });
    out.push({ id, svg: await view.toSVG() });
    view.finalize();
  }
  return out;
}

// Requests are answered one at a time, in order: the caller waits for each answer before the next request.
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  let answer;
  try {
    answer = await draw(JSON.parse(line));
  } catch (error) {
    // A bad spec fails its request, not the process: the build's other charts are still drawn by it.
    answer = { error: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
