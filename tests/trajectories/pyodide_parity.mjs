// Run the parity cases under Pyodide (Node) and print the results as one JSON document.
//
//   node tests/trajectories/pyodide_parity.mjs <pyodide dir> <pyodide-lock.json> <parity_cases.json>
//
// The lock file and the wheel beside it are what the site ships (alliance_atlas.widgets.bundle);
// the package is installed by name the way the browser worker installs it, its sha256 checked.
// Each case goes through analyze(...).to_dict(); each explorer preset through browser_api.explore_preset(...). Python's json.dumps writes the floats, so
// the comparison in the test sees exactly the digits Pyodide computed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, lockPath, casesPath] = process.argv.slice(2).map((arg) => path.resolve(arg));
try {
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep, lockFileURL: lockPath, packageBaseUrl: path.dirname(lockPath) + path.sep,
});
await pyodide.loadPackage("alliance-atlas", { checkIntegrity: true, messageCallback: () => {} });
pyodide.FS.writeFile("/home/pyodide/parity_cases.json", await readFile(casesPath, "utf8"));
const output = pyodide.runPython(`
import json, sys
from alliance_atlas.trajectories import analyze
from alliance_atlas.widgets import api as browser_api
cases = json.load(open("/home/pyodide/parity_cases.json", encoding="utf-8"))["cases"]
json.dumps({
    "python": sys.version.split()[0],
    "package_file": __import__("alliance_atlas").__file__,
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
