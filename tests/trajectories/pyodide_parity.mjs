// Run the parity cases under Pyodide (Node) and print the results as one JSON document.
//
//   node tests/trajectories/pyodide_parity.mjs <pyodide dir> <bundle.zip> <parity_cases.json>
//
// The bundle is the zip the site ships (alliance_atlas.widgets.bundle), unpacked the way the
// browser worker unpacks it. Each case goes through analyze(...).to_dict(); each explorer
// preset through browser_api.explore_preset(...). Python's json.dumps writes the floats, so
// the comparison in the test sees exactly the digits Pyodide computed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, bundlePath, casesPath] = process.argv.slice(2).map((arg) => path.resolve(arg));
try {
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
pyodide.unpackArchive(new Uint8Array(await readFile(bundlePath)), "zip", { extractDir: "/home/pyodide/atlas" });
pyodide.FS.writeFile("/home/pyodide/parity_cases.json", await readFile(casesPath, "utf8"));
const output = pyodide.runPython(`
import json, sys
sys.path.insert(0, "/home/pyodide/atlas")
from alliance_atlas.trajectories import analyze
from alliance_atlas.widgets import api as browser_api
cases = json.load(open("/home/pyodide/parity_cases.json", encoding="utf-8"))["cases"]
json.dumps({
    "python": sys.version.split()[0],
    "cases": {case["name"]: analyze(case["scores"], **case["options"]).to_dict() for case in cases},
    "presets": {name: browser_api.explore_preset(name) for name in browser_api.PRESET_LABELS},
}, allow_nan=False)
`);
process.stdout.write(output + "\n");
} catch (error) {
  // Pyodide's own stack traces quote its minified source; the message is what matters.
  process.stderr.write(String(error && error.message ? error.message : error).slice(-4000) + "\n");
  process.exit(1);
}
