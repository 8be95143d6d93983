// One Pyodide per visit, behind one promise. Material's instant navigation keeps this
// script alive between pages, so later pages reuse the worker that the first one started.
//
// If the worker stops (it crashed, ran out of memory, or was terminated), every call still
// waiting is rejected at once and the listeners hear of it, so no widget stays busy for ever.
// The page learns of the stop through a Web Lock that the worker holds for as long as it lives:
// a stopped worker sends no message, but its lock is released.
//
// The build also puts this script right after each widget (alliance_atlas.widgets.markup): run there while
// the rest of the page is still being read, it starts Python at once when that widget is near the viewport,
// rather than after the theme's and every other page script. A page whose first widget is near its top also
// has it in its head, marked data-atlas-start, to start Python sooner still. All copies share one runtime.
(function () {
  const script = document.currentScript;
  if (!window.AtlasPython) window.AtlasPython = pythonRuntime(new URL("python-worker.js", script.src).href);
  // In the head of a page whose widget is near its top (overrides/main.html): start now, as the head is read.
  if (script.hasAttribute("data-atlas-start")) window.AtlasPython.get();
  // After a widget: start if it is near the viewport. Measuring makes the parser lay out the page read so far,
  // so not when Python has started already.
  const widget = script.previousElementSibling;
  if (window.AtlasPython.startCount === 0 && widget && widget.hasAttribute("data-atlas-contract") &&
      window.AtlasPython.nearViewport(widget)) {
    window.AtlasPython.get();
  }

  function pythonRuntime(workerUrl) {
    let runtime = null;

    function stoppedError(message) {
      const error = new Error(message);
      error.runtimeStopped = true;
      return error;
    }

    function start() {
      window.AtlasPython.startCount += 1;
      const listeners = new Set();
      const pending = new Map();
      let nextId = 1;
      // startedAt and readyAt (performance.now()), and the worker's own timings of its steps, let the benchmark time the boot.
      const state = {
        stage: "Starting Python", fraction: 0, ready: false, error: null, startedAt: performance.now(), readyAt: null, timings: null,
      };
      let rejectReady = null;

      // The first failure wins: later ones add nothing for the reader.
      function fail(error) {
        if (state.error) return;
        state.error = error;
        if (rejectReady) rejectReady(error);
        pending.forEach(function ({ reject }) { reject(error); });
        pending.clear();
        listeners.forEach((listener) => listener(state));
      }

      function watchForStop(lockName) {
        if (!navigator.locks) return; // without Web Locks (an insecure context), a silent stop goes unseen
        navigator.locks.request(lockName, function () {
          fail(stoppedError(state.ready
            ? "Python stopped working in this tab. Reload the page to use the live analysis again."
            : "Python stopped while it was starting."));
        });
      }

      const ready = new Promise(function (resolve, reject) {
        rejectReady = reject;
        if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
          reject(new Error("This browser cannot run WebAssembly in a worker, so the live analysis is unavailable."));
          return;
        }
        const lockName = "atlas-python-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
        let worker;
        try {
          worker = new Worker(workerUrl + "#" + encodeURIComponent(lockName), { type: "module" });
        } catch (error) {
          reject(error);
          return;
        }
        worker.onerror = function (event) {
          fail(stoppedError(event.message || "Python could not start in this browser."));
        };
        worker.onmessageerror = function () {
          fail(stoppedError("Python sent a message this page could not read."));
        };
        worker.onmessage = function (event) {
          const data = event.data;
          if (data.type === "alive") {
            watchForStop(lockName);
          } else if (data.type === "progress") {
            state.stage = data.stage;
            state.fraction = data.fraction;
            listeners.forEach((listener) => listener(state));
          } else if (data.type === "ready") {
            state.ready = true;
            state.readyAt = performance.now();
            state.timings = data.timings;
            listeners.forEach((listener) => listener(state));
            resolve(call);
          } else if (data.type === "failed") {
            fail(new Error(data.error.message));
          } else if (pending.has(data.id)) {
            const { resolve: done, reject: failCall } = pending.get(data.id);
            pending.delete(data.id);
            if (data.error) {
              const error = new Error(data.error.message);
              error.pythonType = data.error.type;
              failCall(error);
            } else {
              done(data.result);
            }
          }
        };

        function call(fn, ...args) {
          if (state.error) return Promise.reject(state.error);
          return new Promise(function (resolveCall, rejectCall) {
            const id = nextId++;
            pending.set(id, { resolve: resolveCall, reject: rejectCall });
            worker.postMessage({ id, fn, args });
          });
        }
      });
      ready.catch(fail);

      return {
        ready,
        state,
        // How many calls are waiting for Python (the tests check that none is left hanging).
        pendingCount: () => pending.size,
        onProgress(listener) {
          listeners.add(listener);
          listener(state);
          return () => listeners.delete(listener);
        },
      };
    }

    // How far below (or above) the viewport a widget starts Python, in CSS pixels: far enough that a reader
    // scrolling at an ordinary pace finds it ready, near enough that a reader who stops above it downloads nothing.
    const BOOT_MARGIN = 600;

    function nearViewport(element) {
      const rect = element.getBoundingClientRect();
      return rect.width + rect.height > 0 && rect.bottom > -BOOT_MARGIN && rect.top < window.innerHeight + BOOT_MARGIN;
    }

    return {
      BOOT_MARGIN,
      nearViewport,
      // How many workers this visit has started: one at most (the tests check it).
      startCount: 0,
      // Python starts only when a page first asks for it.
      get() {
        if (!runtime) runtime = start();
        return runtime;
      },
    };
  }
})();
