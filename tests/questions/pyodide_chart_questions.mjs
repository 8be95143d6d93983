// Draw chart questions under Pyodide (Node) from the zip the site ships, the way "Another one" does:
// browser_api.call_json("chart_question_html", ...). Prints one JSON document of the results.
//
//   node tests/questions/pyodide_chart_questions.mjs <pyodide dir> <bundle.zip> <requests.json>
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, bundlePath, requestsPath] = process.argv.slice(2).map((arg) => path.resolve(arg));
try {
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
  pyodide.unpackArchive(new Uint8Array(await readFile(bundlePath)), "zip", { extractDir: "/home/pyodide/atlas" });
  pyodide.pyimport("sys").path.insert(0, "/home/pyodide/atlas");
  const api = pyodide.pyimport("alliance_atlas.widgets.api");
  const requests = JSON.parse(await readFile(requestsPath, "utf8"));
  const results = requests.map((args) => JSON.parse(api.call_json("chart_question_html", JSON.stringify(args))));
  process.stdout.write(JSON.stringify(results) + "\n");
} catch (error) {
  process.stderr.write(String(error && error.message ? error.message : error).slice(-4000) + "\n");
  process.exit(1);
}
