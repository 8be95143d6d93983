// Render Vega-Lite specs to static SVG at build time, with the site's own npm copy of Vega.
//
//   node static_svg.mjs <node_modules dir>   < [{"id": ..., "spec": {...}}, ...]   > [{"id": ..., "svg": "..."}]
//
// Used by alliance_atlas.widgets.static_svg so each widget's first chart is in the page itself:
// visible at first paint, before Vega or Pyodide load, and without JavaScript at all.
// Text and axes use currentColor, so the SVG follows the light or dark palette.
import path from "node:path";
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

let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const { id, spec } of JSON.parse(input)) {
  const fixed = Object.assign({}, spec, { width: WIDTH, config: Object.assign({}, CONFIG, spec.config || {}) });
  const view = new vega.View(vega.parse(vegaLite.compile(fixed).spec), { renderer: "none" });
  out.push({ id, svg: await view.toSVG() });
  view.finalize();
}
process.stdout.write(JSON.stringify(out));
