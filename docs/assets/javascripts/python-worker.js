// The one Pyodide of a visit. It runs in this worker so the page never freezes while
// Python loads, and the page talks to it only through small messages.
import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";

const vendorUrl = new URL("../vendor/pyodide/", import.meta.url).href;
// The site's own pyodide-lock.json: the core's lock plus the package's wheel, with its sha256
// (alliance_atlas.widgets.bundle). The wheel's address in it is relative to the lock file.
const pythonUrl = new URL("../python/", import.meta.url).href;
const PACKAGE = "alliance-atlas";

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
  const started = performance.now();
  // Named in `packages`, the wheel downloads while Pyodide boots instead of after it. Installed by name from
  // the lock file, which checks its sha256; a failed download or a wheel that does not match leaves it out.
  const pyodide = await loadPyodide({
    indexURL: vendorUrl,
    lockFileURL: pythonUrl + "pyodide-lock.json",
    packageBaseUrl: pythonUrl,
    packages: [PACKAGE],
  });
  const booted = performance.now();
  if (!pyodide.loadedPackages[PACKAGE]) {
    // loadPyodide only logs why a package failed: ask once more, now listening, so the reader learns why.
    progress("Loading the Alliance Atlas package", 0.8);
    const errors = [];
    await pyodide.loadPackage(PACKAGE, { messageCallback: () => {}, errorCallback: (message) => errors.push(message) });
    if (!pyodide.loadedPackages[PACKAGE]) {
      throw new Error("The package could not be loaded" + (errors.length ? ` (${errors.join(" ")})` : ""));
    }
  }
  const installed = performance.now();
  const api = pyodide.pyimport("alliance_atlas.widgets.api");
  progress("Ready", 1);
  // For the benchmark (bench/widgets.py): where the start-up time goes, in milliseconds. The wheel's
  // install now happens inside Pyodide's boot, so "install" is only the retry after a failed one.
  const timings = { pyodide: booted - started, install: installed - booted, import: performance.now() - installed };
  return { pyodide, api, timings };
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
  ({ timings }) => self.postMessage({ type: "ready", timings }),
  (error) => self.postMessage({ type: "failed", error: describeError(error) }),
);
