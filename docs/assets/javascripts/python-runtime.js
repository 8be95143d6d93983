// One Pyodide per visit, behind one promise. Material's instant navigation keeps this
// script alive between pages, so later pages reuse the worker that the first one started.
(function () {
  const workerUrl = new URL("python-worker.js", document.currentScript.src).href;
  let runtime = null;

  function start() {
    window.AtlasPython.startCount += 1;
    const listeners = new Set();
    const pending = new Map();
    let nextId = 1;
    // startedAt and readyAt (performance.now()) let the benchmark time the boot.
    const state = { stage: "Starting Python", fraction: 0, ready: false, error: null, startedAt: performance.now(), readyAt: null };

    const ready = new Promise(function (resolve, reject) {
      if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
        reject(new Error("This browser cannot run WebAssembly in a worker, so the live analysis is unavailable."));
        return;
      }
      let worker;
      try {
        worker = new Worker(workerUrl, { type: "module" });
      } catch (error) {
        reject(error);
        return;
      }
      worker.onerror = function (event) {
        reject(new Error(event.message || "Python could not start in this browser."));
      };
      worker.onmessage = function (event) {
        const data = event.data;
        if (data.type === "progress") {
          state.stage = data.stage;
          state.fraction = data.fraction;
          listeners.forEach((listener) => listener(state));
        } else if (data.type === "ready") {
          state.ready = true;
          state.readyAt = performance.now();
          listeners.forEach((listener) => listener(state));
          resolve(call);
        } else if (data.type === "failed") {
          reject(new Error(data.error.message));
        } else if (pending.has(data.id)) {
          const { resolve: done, reject: fail } = pending.get(data.id);
          pending.delete(data.id);
          if (data.error) {
            const error = new Error(data.error.message);
            error.pythonType = data.error.type;
            fail(error);
          } else {
            done(data.result);
          }
        }
      };

      function call(fn, ...args) {
        return new Promise(function (resolveCall, rejectCall) {
          const id = nextId++;
          pending.set(id, { resolve: resolveCall, reject: rejectCall });
          worker.postMessage({ id, fn, args });
        });
      }
    });
    ready.catch(function (error) {
      state.error = error;
      listeners.forEach((listener) => listener(state));
    });

    return {
      ready,
      state,
      onProgress(listener) {
        listeners.add(listener);
        listener(state);
        return () => listeners.delete(listener);
      },
    };
  }

  window.AtlasPython = {
    // How many workers this visit has started: one at most (the tests check it).
    startCount: 0,
    // Python starts only when a page first asks for it.
    get() {
      if (!runtime) runtime = start();
      return runtime;
    },
  };
})();
