// The one Pyodide of a visit. It runs in this worker so the page never freezes while
// Python loads, and the page talks to it only through small messages.
import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";

const vendorUrl = new URL("../vendor/pyodide/", import.meta.url).href;
const bundleUrl = new URL("../python/alliance_atlas.zip", import.meta.url).href;

// The page named a lock in this worker's address: holding it until this worker stops lets the page
// notice a stop that sends no message (a crash, or the worker being terminated).
const aliveLock = decodeURIComponent(self.location.hash.slice(1));
if (aliveLock && self.navigator.locks) {
  self.navigator.locks.request(aliveLock, () => {
    self.postMessage({ type: "alive" });
    return new Promise(() => {});
  });
}

function progress(stage, fraction) {
  self.postMessage({ type: "progress", stage, fraction });
}

async function boot() {
  progress("Loading Python", 0.1);
  // The package downloads while Python boots.
  const bundle = fetch(bundleUrl).then((response) => {
    if (!response.ok) throw new Error(`The package could not be loaded (${response.status})`);
    return response.arrayBuffer();
  });
  bundle.catch(() => {}); // reported below, once Python is up
  const pyodide = await loadPyodide({ indexURL: vendorUrl });
  progress("Loading the Alliance Atlas package", 0.8);
  pyodide.unpackArchive(await bundle, "zip", { extractDir: "/home/pyodide/atlas" });
  pyodide.pyimport("sys").path.insert(0, "/home/pyodide/atlas");
  const api = pyodide.pyimport("alliance_atlas.widgets.api");
  progress("Ready", 1);
  return { pyodide, api };
}

const ready = boot();

function describeError(error) {
  // Python exceptions arrive as PythonError: `type` is the class name, the traceback's
  // last line is "module.ClassName: message". Readers only ever see the message.
  const text = String(error && error.message ? error.message : error).trim();
  const lines = text.split("\n");
  const last = lines[lines.length - 1];
  const match = last.match(/^(?:[\w.]+\.)?(\w+)(?:: (.*))?$/s);
  const type = (error && error.type) || (match ? match[1] : "Error");
  const message = match && match[2] !== undefined ? match[2] : last;
  return { type, message };
}

self.onmessage = async (event) => {
  const { id, fn, args } = event.data;
  try {
    const { api } = await ready;
    // JSON both ways: None stays null, and no proxy is left to free.
    const result = api.call_json(fn, JSON.stringify(args || []));
    self.postMessage({ id, result: JSON.parse(result) });
  } catch (error) {
    self.postMessage({ id, error: describeError(error) });
  }
};

ready.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", error: describeError(error) }),
);
