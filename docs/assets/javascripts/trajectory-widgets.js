// The trajectory explorer and "Analyse your own scores".
//
// The build puts each widget's first chart in the page (a Vega-Lite spec, a sentence and a
// data table), so the page is readable before Python is ready and stays so if it never is.
// This script draws that spec with the site's own copy of Vega, then talks to the one
// Pyodide worker of the visit (python-runtime.js) through alliance_atlas.browser_api.
// Whatever the reader types is shown with textContent, never parsed as HTML.
(function () {
  "use strict";

  if (window.AtlasWidgets) return; // loaded once per visit; instant navigation keeps it alive

  const scriptUrl = document.currentScript.src;
  const PATTERN_LABELS = {
    "stable none": "Stable",
    "linear up": "Linear growth",
    "linear down": "Linear decline",
    "quadratic up": "Quadratic, U shape (curving upwards)",
    "quadratic down": "Quadratic, inverted U (curving downwards)",
  };
  const FIELD_FOR_ERROR = { ScoresError: "input", ScaleError: "scale", SettingsError: "settings", CodeError: "code" };

  let cleanups = [];
  let renderCount = 0;

  // ------------------------------------------------------------------------------------------
  // Loading Vega lazily, from this site

  function loadVega() {
    return window.AtlasVega.load();
  }

  // What a spec draws, leaving out its data and its text description: when only those
  // change (a slider moved the scores), the view is kept and fed the new values.
  function structureKey(spec) {
    return JSON.stringify(spec, (key, value) => (key === "values" || key === "description" ? undefined : value));
  }

  // Draw `spec` in `slot.chart`: update the current view's data when the structure is the
  // same, else embed afresh (finalizing the previous view first).
  async function drawChart(slot, spec) {
    const embed = await loadVega();
    const key = structureKey(spec);
    if (slot.view && slot.key === key) {
      const compiled = window.vegaLite.compile(spec).spec;
      compiled.data.forEach(function (dataset) {
        if (dataset.values !== undefined) slot.view.data(dataset.name, dataset.values);
      });
      await slot.view.runAsync();
    } else {
      if (slot.view) {
        slot.view.finalize();
        slot.view = null;
      }
      // The build-time SVG (or the previous chart) gives way to the live view.
      slot.chart.replaceChildren();
      const result = await embed(slot.chart, spec, {
        actions: false,
        renderer: "svg",
        mode: "vega-lite",
        config: window.AtlasVega.themeConfig(),
      });
      // The reader may have left the page while Vega was loading: a view nobody shows must not live on.
      if (slot.disposed) {
        result.view.finalize();
        return null;
      }
      slot.view = result.view;
      slot.key = key;
    }
    // One accessible image whose name is the spec's description; the caption and the data
    // table under the chart give the same information as text.
    const svg = slot.chart.querySelector("svg");
    if (svg) {
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", spec.description || "Chart of alliance scores by session");
    }
    slot.chart.dataset.atlasRenders = String(++renderCount);
    return slot.view;
  }

  // The build writes JSON into data attributes: Material's instant navigation re-creates
  // inline <script> elements without their type, so JSON there would run as JavaScript.
  function readJson(element, attribute) {
    return JSON.parse(element.getAttribute(attribute));
  }

  // ------------------------------------------------------------------------------------------
  // Pieces both widgets share

  function formatScore(value) {
    return value === null || value === undefined ? "" : Number(value).toFixed(2);
  }

  function formatP(p) {
    return p < 0.001 ? "< .001" : p.toFixed(3).replace(/^0/, "");
  }

  function patternLabel(analysis) {
    return PATTERN_LABELS[analysis.pattern + " " + analysis.direction] || analysis.pattern;
  }

  function ruleSummary(analysis) {
    const parts = [];
    [["quadratic", "curvature"], ["linear", "slope"]].forEach(function ([name, label]) {
      const test = analysis.fits[name] && analysis.fits[name].f_test;
      if (test && test.p !== null && test.p !== undefined) parts.push(label + " test p = " + formatP(test.p));
    });
    parts.push("threshold " + analysis.threshold_sd + " SD, repair window " + analysis.repair_window);
    return "(" + parts.join("; ") + ")";
  }

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  }

  function row(cells, headerFirst) {
    const tr = document.createElement("tr");
    cells.forEach(function (cell, index) {
      tr.appendChild(index === 0 && headerFirst ? element("th", cell, { scope: "row" }) : element("td", cell));
    });
    return tr;
  }

  function episodesNode(analysis) {
    if (!analysis.episodes.length) {
      return element("p", "No rupture-repair episode was found with these settings.", { class: "atlas-findings__none" });
    }
    const wrap = element("div", null, { class: "atlas-table-scroll" });
    const table = element("table");
    table.appendChild(element("caption", "Rupture-repair episodes"));
    const head = document.createElement("thead");
    const headRow = document.createElement("tr");
    ["Episode", "Rupture session", "Lowest session", "Depth", "Repaired by session"].forEach((label) =>
      headRow.appendChild(element("th", label, { scope: "col" })));
    head.appendChild(headRow);
    table.appendChild(head);
    const body = document.createElement("tbody");
    analysis.episodes.forEach(function (episode, index) {
      body.appendChild(row([
        index + 1,
        episode.rupture_session,
        episode.trough_session,
        formatScore(episode.depth),
        episode.repair_session === null ? "not repaired" : episode.repair_session,
      ], true));
    });
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }

  // The chart, its sentence, its data table, the pattern and the episodes of one result.
  async function showResult(slot, result) {
    const drawn = drawChart(slot, result.chart);
    slot.description.textContent = result.description;
    const body = slot.table;
    body.replaceChildren(...result.table.map((r) =>
      row([r.session, formatScore(r.score), formatScore(r.fitted), r.events], true)));
    slot.pattern.textContent = patternLabel(result.analysis);
    slot.rule.textContent = ruleSummary(result.analysis);
    slot.episodes.replaceChildren(episodesNode(result.analysis));
    await drawn;
    slot.root.dispatchEvent(new CustomEvent("atlas:rendered", { detail: { renders: renderCount } }));
  }

  // The build put the first chart in the page as SVG; without it (no Node at build time),
  // draw the same spec with Vega now.
  function drawBuildTimeChart(slot) {
    if (slot.chart.querySelector("svg[data-atlas-static]")) return;
    drawChart(slot, readJson(slot.chart, "data-atlas-spec")).catch(function (error) {
      console.error("Alliance Atlas: the chart could not be drawn.", error);
      slot.chart.replaceChildren(element("p", "The chart could not be drawn in this browser (" + error.message +
        "). The data table below holds the same values.", { class: "atlas-widget__error" }));
    });
  }

  // Vega is fetched ahead of the first analysis; if that fails, the reader hears of it when a chart is drawn.
  function preloadVega() {
    loadVega().catch(function (error) {
      console.error("Alliance Atlas: Vega could not be loaded ahead of the first chart.", error);
    });
  }

  function resultSlot(root) {
    return {
      root,
      chart: root.querySelector("[data-atlas-widget-chart]"),
      description: root.querySelector(".atlas-chart__description"),
      table: root.querySelector("[data-atlas-table]"),
      pattern: root.querySelector('[data-atlas-out="pattern"]'),
      rule: root.querySelector('[data-atlas-out="rule"]'),
      episodes: root.querySelector('[data-atlas-out="episodes"]'),
      view: null,
      key: null,
      disposed: false,
    };
  }

  function showError(target, input, message) {
    if (!target) return;
    target.textContent = message;
    target.hidden = false;
    if (input) input.setAttribute("aria-invalid", "true");
  }

  function clearError(target, inputs) {
    if (target) {
      target.textContent = "";
      target.hidden = true;
    }
    (inputs || []).forEach((input) => input && input.removeAttribute("aria-invalid"));
  }

  // Progress while Python loads, then "ready" or a clear failure. Returns the unsubscribe.
  function watchPython(root, onReady, onFailed) {
    const status = root.querySelector("[data-atlas-status]");
    const progress = status.querySelector("progress");
    const stage = status.querySelector(".atlas-widget__stage");
    const label = status.querySelector("label");
    const runtime = window.AtlasPython.get();
    let settled = false;
    root.dataset.state = "loading";
    const stop = runtime.onProgress(function (state) {
      if (state.error && root.dataset.state === "ready") {
        // Python stopped after it had started: whatever was waiting has been rejected; say so here.
        root.dataset.state = "failed";
        stage.textContent = state.error.message + " The chart shows the last result.";
        onFailed(state.error);
        return;
      }
      if (settled) return;
      if (state.error) {
        settled = true;
        root.dataset.state = "failed";
        progress.hidden = true;
        label.hidden = true;
        stage.textContent = "The live analysis could not start in this browser (" + state.error.message + "). " +
          "The chart, its description and the data table show the example computed when the site was built.";
        onFailed(state.error);
      } else if (state.ready) {
        settled = true;
        root.dataset.state = "ready";
        progress.value = 100;
        progress.hidden = true;
        label.hidden = true;
        stage.textContent = "Python is ready: results update in your browser.";
        onReady(runtime);
      } else {
        progress.value = Math.round(100 * state.fraction);
        stage.textContent = state.stage + "\u2026";
      }
    });
    return { runtime, stop };
  }

  function download(filename, url) {
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function downloadText(filename, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    download(filename, url);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ------------------------------------------------------------------------------------------
  // The explorer

  function initExplorer(root) {
    const config = readJson(root, "data-atlas-config");
    const slot = resultSlot(root);
    const presetSelect = root.querySelector('[data-atlas-input="preset"]');
    const groups = root.querySelectorAll("fieldset[data-atlas-group]");
    const settingsError = root.querySelector('[id$="-settings-error"]');
    const copyButton = root.querySelector('[data-atlas-action="copy-link"]');
    const copyStatus = root.querySelector(".atlas-widget__copy-status");
    const code = root.querySelector('[data-atlas-input="code"]');
    const codeError = root.querySelector('[id$="-code-error"]');
    const codeStatus = root.querySelector(".atlas-code__status");
    const runButton = root.querySelector('[data-atlas-action="run-code"]');
    const resetButton = root.querySelector('[data-atlas-action="reset-code"]');
    const research = root.querySelector(".atlas-explorer__research");
    const ownsUrl = !document.querySelector(".atlas-explorer") || document.querySelector(".atlas-explorer") === root;
    const controls = {};
    root.querySelectorAll(".atlas-control--slider").forEach(function (control) {
      controls[control.dataset.param] = {
        control,
        range: control.querySelector('input[type="range"]'),
        number: control.querySelector('input[type="number"]'),
      };
    });
    const settingNames = config.settings.map((setting) => setting.name);
    const state = { preset: presetSelect.value, pattern: root.dataset.pattern, usingCode: false };

    // Pattern notes written in the page (with their citations) move into the widget.
    const notes = ownsUrl ? Array.from(document.querySelectorAll(".atlas-pattern-note")) : [];
    notes.forEach(function (note) {
      research.appendChild(note);
      note.hidden = true;
    });
    research.hidden = notes.length === 0;

    function showNotes(analysis) {
      const wanted = new Set([analysis.pattern]);
      if (analysis.episodes.length) wanted.add("rupture");
      notes.forEach((note) => (note.hidden = !wanted.has(note.dataset.pattern)));
    }

    function value(name) {
      return Number(controls[name].range.value);
    }

    function setValue(name, number) {
      const { range, number: box } = controls[name];
      range.value = String(number);
      box.value = range.value;
    }

    function showControlsFor(pattern) {
      config.parameters.forEach(function (parameter) {
        controls[parameter.name].control.hidden = !parameter.patterns.includes(pattern);
      });
    }

    function limitRuptureSession() {
      const sessions = value("sessions");
      const rupture = controls.rupture_session;
      rupture.range.max = String(sessions);
      rupture.number.max = String(sessions);
      if (value("rupture_session") > sessions) setValue("rupture_session", sessions);
    }

    function applyPreset(name) {
      const preset = config.presets[name];
      if (!preset) return false;
      state.preset = name;
      state.pattern = preset.pattern;
      presetSelect.value = name;
      config.parameters.forEach(function (parameter) {
        if (preset[parameter.name] !== undefined) setValue(parameter.name, preset[parameter.name]);
      });
      showControlsFor(state.pattern);
      code.value = config.generator_sources[state.pattern];
      code.dataset.pattern = state.pattern;
      state.usingCode = false;
      codeStatus.textContent = "";
      clearError(codeError, [code]);
      limitRuptureSession();
      return true;
    }

    function params() {
      const values = {};
      config.parameters.forEach(function (parameter) {
        if (parameter.patterns.includes(state.pattern)) values[parameter.name] = value(parameter.name);
      });
      return values;
    }

    function options() {
      return { threshold_sd: value("threshold_sd"), repair_window: value("repair_window") };
    }

    // Settings live in the query string, so a link reopens the same series.
    function writeUrl() {
      clearTimeout(urlTimer);
      if (!ownsUrl || !root.isConnected) return; // never rewrite the address of a page we left
      const query = new URLSearchParams();
      query.set("preset", state.preset);
      Object.entries(params()).forEach(([name, number]) => query.set(name, String(number)));
      settingNames.forEach((name) => query.set(name, String(value(name))));
      const url = location.pathname + "?" + query.toString() + location.hash;
      history.replaceState(history.state, "", url);
    }

    function readUrl() {
      if (!ownsUrl) return false;
      const query = new URLSearchParams(location.search);
      if (!query.has("preset") || !applyPreset(query.get("preset"))) return false;
      config.parameters.concat(config.settings).forEach(function (parameter) {
        if (!query.has(parameter.name)) return;
        const number = Number(query.get(parameter.name));
        const integerOk = !parameter.integer || Number.isInteger(number);
        if (Number.isFinite(number) && integerOk && number >= parameter.min && number <= parameter.max) {
          setValue(parameter.name, number);
        }
      });
      limitRuptureSession();
      return true;
    }

    // Browsers throttle history updates, so a dragged slider writes the address at most every 250 ms.
    let urlTimer = null;
    function scheduleUrl() {
      clearTimeout(urlTimer);
      urlTimer = setTimeout(writeUrl, 250);
    }

    // One request at a time; slider moves during a request collapse into one more.
    let busy = false;
    let again = false;
    let runtime = null;

    async function update() {
      if (!runtime) return;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      root.dataset.busy = "true";
      try {
        do {
          again = false;
          if (!root.isConnected) break; // instant navigation took this page away
          scheduleUrl();
          const call = await runtime.ready;
          let result;
          try {
            result = state.usingCode
              ? await call("run_generator_source", code.value, params(), options())
              : await call("explore", state.pattern, params(), options());
            clearError(settingsError, Object.values(controls).map((c) => c.number));
            clearError(codeError, [code]);
          } catch (error) {
            if (error.runtimeStopped) break; // the status line says so (watchPython)
            if (FIELD_FOR_ERROR[error.pythonType] === "code") showError(codeError, code, error.message);
            else showError(settingsError, null, error.message);
            continue;
          }
          if (!root.isConnected) break;
          await showResult(slot, result);
          showNotes(result.analysis);
        } while (again);
      } finally {
        busy = false;
        delete root.dataset.busy;
      }
    }

    // Wiring: the listeners live on the widget, so they go when instant navigation replaces the page.
    presetSelect.addEventListener("change", function () {
      applyPreset(presetSelect.value);
      update();
    });
    Object.entries(controls).forEach(function ([name, { range, number }]) {
      range.addEventListener("input", function () {
        number.value = range.value;
        number.removeAttribute("aria-invalid");
        if (name === "sessions") limitRuptureSession();
        update();
      });
      number.addEventListener("input", function () {
        const parsed = Number(number.value);
        const min = Number(number.min);
        const max = Number(number.max);
        if (number.value === "" || !Number.isFinite(parsed) || parsed < min || parsed > max) {
          showError(settingsError, number, controls[name].control.querySelector("label").textContent +
            " must be a number from " + min + " to " + max + ".");
          return;
        }
        clearError(settingsError, [number]);
        range.value = number.value;
        if (name === "sessions") limitRuptureSession();
        update();
      });
      number.addEventListener("change", function () {
        number.value = range.value;
        number.removeAttribute("aria-invalid");
      });
    });
    runButton.addEventListener("click", function () {
      clearError(codeError, [code]);
      state.usingCode = true;
      codeStatus.textContent = "Showing the series from your version of the generator; the sliders now run it.";
      update();
    });
    resetButton.addEventListener("click", function () {
      code.value = config.generator_sources[state.pattern];
      state.usingCode = false;
      codeStatus.textContent = "The original generator is back.";
      clearError(codeError, [code]);
      update();
    });
    copyButton.addEventListener("click", async function () {
      writeUrl();
      try {
        await navigator.clipboard.writeText(location.href);
        copyStatus.textContent = "Link copied.";
      } catch (error) {
        copyStatus.textContent = "Copy this link from the address bar: " + location.href;
      }
    });

    // Start: restore from the URL, draw the build-time chart, start Python.
    const fromUrl = readUrl();
    if (!fromUrl) {
      showControlsFor(state.pattern);
      limitRuptureSession();
    }
    presetSelect.disabled = false;
    groups.forEach((group) => (group.disabled = false));
    drawBuildTimeChart(slot);
    const watcher = watchPython(root, function (started) {
      runtime = started;
      [copyButton, runButton, resetButton].forEach((button) => (button.disabled = false));
      update();
    }, function () {
      presetSelect.disabled = true;
      groups.forEach((group) => (group.disabled = true));
    });
    return function () {
      clearTimeout(urlTimer);
      watcher.stop();
      slot.disposed = true;
      if (slot.view) slot.view.finalize();
    };
  }

  // ------------------------------------------------------------------------------------------
  // The analyser

  function initAnalyser(root) {
    const slot = resultSlot(root);
    const form = root.querySelector("form");
    const input = root.querySelector('[data-atlas-input="scores"]');
    const help = root.querySelector(".atlas-control--text .atlas-control__help");
    const inputError = root.querySelector('[id$="-input-error"]');
    const scale = root.querySelector('[data-atlas-input="scale"]');
    const custom = root.querySelector('[data-atlas-group="custom-scale"]');
    const scaleMin = root.querySelector('[data-atlas-input="scale-min"]');
    const scaleMax = root.querySelector('[data-atlas-input="scale-max"]');
    const scaleError = root.querySelector('[id$="-scale-error"]');
    const threshold = root.querySelector('[data-atlas-input="threshold_sd"]');
    const windowInput = root.querySelector('[data-atlas-input="repair_window"]');
    const settingsError = root.querySelector('[id$="-settings-error"]');
    const submit = root.querySelector('[data-atlas-action="analyse"]');
    const clientGroup = root.querySelector('[data-atlas-group="client"]');
    const clientSelect = root.querySelector('[data-atlas-input="client"]');
    const downloads = root.querySelectorAll(".atlas-analyser__downloads button");
    const titleNode = root.querySelector(".atlas-chart__title");
    const errors = { input: [inputError, input], scale: [scaleError, scaleMin], settings: [settingsError, threshold] };
    let current = { csv: null, name: "alliance-analysis", clients: null };
    let runtime = null;

    function mode() {
      return root.querySelector('input[type="radio"]:checked').value;
    }

    function clearAll() {
      clearError(inputError, [input]);
      clearError(scaleError, [scaleMin, scaleMax, scale]);
      clearError(settingsError, [threshold, windowInput]);
    }

    function scaleValue() {
      if (scale.value !== "custom") return scale.value;
      const low = Number(scaleMin.value);
      const high = Number(scaleMax.value);
      if (scaleMin.value === "" || !Number.isFinite(low)) throw fieldError("scale", scaleMin, "Give the scale minimum as a number.");
      if (scaleMax.value === "" || !Number.isFinite(high)) throw fieldError("scale", scaleMax, "Give the scale maximum as a number.");
      if (!(low < high)) throw fieldError("scale", scaleMin, "The scale minimum must be below the maximum.");
      return [low, high];
    }

    function fieldError(field, target, message) {
      const error = new Error(message);
      error.field = field;
      error.target = target;
      return error;
    }

    function report(error) {
      if (error.runtimeStopped) return; // the status line says so (watchPython)
      const field = error.field || FIELD_FOR_ERROR[error.pythonType] || "input";
      const [target, defaultInput] = errors[field] || errors.input;
      showError(target, error.target || defaultInput, error.message);
    }

    async function analyse() {
      clearAll();
      const text = input.value;
      try {
        if (!text.trim()) throw fieldError("input", input, mode() === "csv"
          ? "Paste a CSV with one row per client: an id, then at least three scores."
          : "Type or paste at least three scores.");
        const scaleArg = scaleValue();
        submit.disabled = true;
        root.dataset.busy = "true";
        const call = await runtime.ready;
        const fn = mode() === "csv" ? "analyse_csv" : "analyse_text";
        const result = await call(fn, text, scaleArg, threshold.value, windowInput.value);
        if (fn === "analyse_csv") {
          current = { csv: result.summary_csv, name: "alliance-analysis-clients", clients: result.clients };
          clientSelect.replaceChildren(...result.clients.map((client, index) =>
            element("option", client.id, { value: String(index) })));
          clientGroup.hidden = false;
          await showClient(0);
        } else {
          current = { csv: result.result_csv, name: "alliance-analysis", clients: null };
          clientGroup.hidden = true;
          titleNode.textContent = "Alliance across sessions (your scores).";
          await showResult(slot, result);
        }
        downloads.forEach((button) => (button.disabled = false));
      } catch (error) {
        report(error);
      } finally {
        submit.disabled = runtime === null;
        delete root.dataset.busy;
      }
    }

    async function showClient(index) {
      const client = current.clients[index];
      titleNode.textContent = "Alliance across sessions, client " + client.id + ".";
      await showResult(slot, client);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      analyse();
    });
    root.querySelectorAll('input[type="radio"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        help.textContent = mode() === "csv" ? help.dataset.csv : help.dataset.single;
        clearError(inputError, [input]);
      });
    });
    scale.addEventListener("change", function () {
      custom.hidden = scale.value !== "custom";
      clearError(scaleError, [scaleMin, scaleMax, scale]);
    });
    clientSelect.addEventListener("change", () => showClient(Number(clientSelect.value)));
    root.querySelector('[data-atlas-action="download-csv"]').addEventListener("click", function () {
      if (current.csv) downloadText(current.name + ".csv", current.csv, "text/csv;charset=utf-8");
    });
    ["png", "svg"].forEach(function (format) {
      root.querySelector('[data-atlas-action="download-' + format + '"]').addEventListener("click", async function () {
        if (!slot.view) return;
        const url = await slot.view.toImageURL(format, format === "png" ? 2 : 1);
        download(current.name + "." + format, url);
      });
    });

    drawBuildTimeChart(slot);
    const watcher = watchPython(root, function (started) {
      runtime = started;
      submit.disabled = false;
      preloadVega();
    }, function () {
      submit.disabled = true;
    });
    return function () {
      watcher.stop();
      slot.disposed = true;
      if (slot.view) slot.view.finalize();
    };
  }

  // ------------------------------------------------------------------------------------------
  // Every page, including those reached by instant navigation

  const INIT = { explorer: initExplorer, analyser: initAnalyser };

  function initPage() {
    cleanups.forEach((cleanup) => {
      try {
        cleanup();
      } catch (error) {
        /* the old page is gone; nothing to undo */
      }
    });
    cleanups = [];
    document.querySelectorAll(".atlas-widget[data-atlas-widget]").forEach(function (root) {
      if (root.dataset.atlasInit) return;
      const init = INIT[root.dataset.atlasWidget];
      if (!init) return;
      root.dataset.atlasInit = "1";
      cleanups.push(init(root));
    });
  }

  window.AtlasWidgets = { initPage, loadVega };
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(initPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initPage);
  } else {
    initPage();
  }
})();
