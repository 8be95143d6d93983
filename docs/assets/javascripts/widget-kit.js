// What the trajectory explorer (explorer.js) and "Analyse your own scores" (analyser.js) share.
//
// The build puts each widget's first chart in the page (a Vega-Lite spec, a sentence and a data
// table), so the page is readable before Python is ready and stays so if it never is. The widgets
// draw with the site's own copy of Vega and talk to the one Pyodide worker of the visit
// (python-runtime.js) through alliance_atlas.widgets.api. Whatever the reader types is shown with
// textContent, never parsed as HTML; every text of a result (the pattern's name, the tests behind
// it) comes from Python with the result.
//
// Every class name, data attribute and id is read from the widget's own `data-atlas-contract`
// (alliance_atlas/widgets/contract.py), so Python and this script cannot drift apart.
(function () {
  "use strict";

  if (window.AtlasWidgetKit) return; // loaded once per visit; instant navigation keeps it alive

  const CONTRACT_ATTRIBUTE = "data-atlas-contract";
  const FIELD_FOR_ERROR = { ScoresError: "input", ScaleError: "scale", SettingsError: "settings", CodeError: "code" };
  let renderCount = 0;

  // ------------------------------------------------------------------------------------------
  // Finding a widget's elements through its contract

  function finder(root) {
    const contract = JSON.parse(root.getAttribute(CONTRACT_ATTRIBUTE));
    const names = contract.attributes;
    const selector = (role, value) => (value === undefined ? "[" + names[role] + "]" : "[" + names[role] + '="' + value + '"]');
    return {
      contract,
      selector,
      one: (role, value) => root.querySelector(selector(role, value)),
      all: (role, value) => Array.from(root.querySelectorAll(selector(role, value))),
      part: (name) => document.getElementById(root.id + "-" + contract.parts[name]),
      className: (name) => contract.classes[name],
      json: (element, role) => JSON.parse(element.getAttribute(names[role])),
      setState: (state) => root.setAttribute(names.state, state),
    };
  }

  // ------------------------------------------------------------------------------------------
  // The chart

  // What a spec draws, leaving out its data and its text description: when only those
  // change (a slider moved the scores), the view is kept and fed the new values.
  function structureKey(spec) {
    return JSON.stringify(spec, (key, value) => (key === "values" || key === "description" ? undefined : value));
  }

  // Lets the browser paint and take input between the steps of drawing a new view, so that none of them
  // holds the main thread for long (the first draw of a visit also runs Vega's code for the first time).
  function nextTask() {
    if (window.scheduler && typeof window.scheduler.yield === "function") return window.scheduler.yield();
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  // The spec's named datasets as [name, values] (alliance_atlas.widgets.vega_spec names them): Vega-Lite keeps
  // those names in the Vega it compiles, so a view of the same structure takes new values by name.
  function namedData(spec) {
    return [spec].concat(spec.layer || [])
      .filter((part) => part.data && part.data.name && part.data.values !== undefined)
      .map((part) => [part.data.name, part.data.values]);
  }

  // Draw `spec` in `slot.chart`: give the current view the new data when the structure is the same, else
  // compile and draw a new view (finalizing the previous one). A later call supersedes one still drawing.
  async function drawChart(slot, spec) {
    const vega = await window.AtlasVega.loadVega();
    const key = structureKey(spec);
    const data = namedData(spec);
    const draw = (slot.draws = (slot.draws || 0) + 1);
    const superseded = () => slot.disposed || slot.draws !== draw;
    if (slot.view && slot.key === key && data.length) {
      data.forEach(([name, values]) => slot.view.data(name, values));
      await slot.view.runAsync();
    } else {
      await nextTask();
      if (superseded()) return slot.view;
      const compiled = window.vegaLite.compile(spec, { config: window.AtlasVega.themeConfig() }).spec;
      await nextTask();
      if (superseded()) return slot.view;
      const runtime = vega.parse(compiled);
      await nextTask();
      // The reader may have left the page meanwhile: a view nobody shows must not live on.
      if (superseded()) return slot.view;
      if (slot.view) slot.view.finalize();
      // The build-time SVG (or the previous chart) stays until here, and the new view is drawn in the same
      // task, so no frame shows an empty chart.
      slot.chart.replaceChildren();
      slot.view = new vega.View(runtime, { renderer: "svg" }).initialize(slot.chart);
      slot.key = key;
      await slot.view.runAsync();
      if (slot.disposed) return null;
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

  // The build put the first chart in the page as SVG; without it (no Node at build time),
  // draw the same spec with Vega now. If that fails, the reader is told; the data table holds the values.
  function drawBuildTimeChart(slot) {
    if (slot.chart.querySelector("svg[" + slot.find.contract.attributes.static + "]")) return;
    drawChart(slot, slot.find.json(slot.chart, "spec")).catch(function (error) {
      console.error("Alliance Atlas: the chart could not be drawn.", error);
      slot.chart.replaceChildren(element("p", "The chart could not be drawn in this browser (" + error.message +
        "). The data table below holds the same values.", { class: "atlas-widget__error" }));
    });
  }

  // Vega is fetched ahead of the first analysis, when the page is idle: parsing its scripts takes the main
  // thread for a while, which must not hold up Python's start or the reader's first input. If that fails,
  // the reader hears of it when a chart is drawn.
  function preloadVega() {
    const whenIdle = window.requestIdleCallback || ((callback) => setTimeout(callback, 0));
    whenIdle(function () {
      window.AtlasVega.loadVega().catch(function (error) {
        console.error("Alliance Atlas: Vega could not be loaded ahead of the first chart.", error);
      });
    }, { timeout: 2000 });
  }

  // When the page is left: no view of it may be kept or created any more.
  function disposeSlot(slot) {
    slot.disposed = true;
    if (slot.view) slot.view.finalize();
  }

  // ------------------------------------------------------------------------------------------
  // A result: chart, sentence, data table, pattern, tests and episodes

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

  function formatScore(value) {
    return value === null || value === undefined ? "" : Number(value).toFixed(2);
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

  function resultSlot(root, find) {
    return {
      root,
      find,
      chart: find.one("chart"),
      description: find.part("description"),
      table: find.one("table"),
      pattern: find.one("out", "pattern"),
      rule: find.one("out", "rule"),
      episodes: find.one("out", "episodes"),
      view: null,
      key: null,
      disposed: false,
    };
  }

  async function showResult(slot, result) {
    const drawn = drawChart(slot, result.chart);
    slot.description.textContent = result.description;
    slot.table.replaceChildren(...result.table.map((r) =>
      row([r.session, formatScore(r.score), formatScore(r.fitted), r.events], true)));
    slot.pattern.textContent = result.findings.pattern;
    slot.rule.textContent = result.findings.rule;
    slot.episodes.replaceChildren(episodesNode(result.analysis));
    await drawn;
    slot.root.dispatchEvent(new CustomEvent("atlas:rendered", { detail: { renders: renderCount } }));
  }

  // ------------------------------------------------------------------------------------------
  // Messages next to inputs

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

  // Which input a Python error belongs to ("input", "scale", "settings" or "code"), by its class.
  function fieldFor(error) {
    return FIELD_FOR_ERROR[error.pythonType];
  }

  // ------------------------------------------------------------------------------------------
  // Python

  // Near the viewport: within AtlasPython.BOOT_MARGIN pixels of it (python-runtime.js, which also uses it to
  // start Python while the page loads).
  const nearViewport = (element) => window.AtlasPython.nearViewport(element);

  // Call `start` once the widget nears the viewport or the reader touches it (focus or pointer on any of
  // its controls), so a page that merely holds a widget costs nothing until then: its build-time chart,
  // description and data table are already there. On the explorer's and the analyser's own pages the
  // widget is in view, so Python starts at once; once a page of the visit started it, every later widget
  // attaches at once. Returns a function that stops waiting.
  function whenWanted(root, start) {
    if (window.AtlasPython.startCount > 0 || typeof IntersectionObserver !== "function" || nearViewport(root)) {
      start();
      return function () {};
    }
    let waiting = true;
    const observer = new IntersectionObserver(function (entries) {
      if (entries.some((entry) => entry.isIntersecting)) begin();
    }, { rootMargin: window.AtlasPython.BOOT_MARGIN + "px 0px" });
    function stopWaiting() {
      waiting = false;
      observer.disconnect();
      root.removeEventListener("focusin", begin);
      root.removeEventListener("pointerdown", begin);
    }
    function begin() {
      if (!waiting) return;
      stopWaiting();
      start();
    }
    observer.observe(root);
    root.addEventListener("focusin", begin);
    root.addEventListener("pointerdown", begin);
    return stopWaiting;
  }

  // Progress while Python loads (once it is wanted: whenWanted), then "ready" or a clear failure.
  // Returns `stop`, which ends the waiting and the listening when the page goes.
  function watchPython(root, find, onReady, onFailed) {
    let stopListening = function () {};
    const stopWaiting = whenWanted(root, function () {
      stopListening = listen(root, find, onReady, onFailed);
    });
    return {
      stop() {
        stopWaiting();
        stopListening();
      },
    };
  }

  function listen(root, find, onReady, onFailed) {
    const status = find.one("status");
    const progress = find.part("progress");
    const stage = find.part("stage");
    const label = status.querySelector("label");
    const runtime = window.AtlasPython.get();
    let settled = false;
    find.setState("loading");
    return runtime.onProgress(function (state) {
      if (state.error && root.getAttribute(find.contract.attributes.state) === "ready") {
        // Python stopped after it had started: whatever was waiting has been rejected; say so here.
        find.setState("failed");
        stage.textContent = state.error.message + " The chart shows the last result.";
        onFailed(state.error);
        return;
      }
      if (settled) return;
      if (state.error) {
        settled = true;
        find.setState("failed");
        progress.hidden = true;
        label.hidden = true;
        stage.textContent = "The live analysis could not start in this browser (" + state.error.message + "). " +
          "The chart, its description and the data table show the example computed when the site was built.";
        onFailed(state.error);
      } else if (state.ready) {
        settled = true;
        find.setState("ready");
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
  }

  // ------------------------------------------------------------------------------------------
  // Every page, including those reached by instant navigation

  // Set up every widget of `kind` on each page view: `init(root, find)` returns the widget's cleanup,
  // run when the next page view comes (its listeners stop and its Vega views are released).
  function register(kind, init) {
    let cleanups = [];
    window.AtlasPage.onPage(function () {
      cleanups.forEach(function (cleanup) {
        try {
          cleanup();
        } catch (error) {
          console.warn("A widget of the previous page could not be cleaned up:", error);
        }
      });
      cleanups = [];
      document.querySelectorAll("[" + CONTRACT_ATTRIBUTE + "]").forEach(function (root) {
        const find = finder(root);
        if (root.dataset.atlasInit || root.getAttribute(find.contract.attributes.widget) !== kind) return;
        root.dataset.atlasInit = "1";
        cleanups.push(init(root, find));
      });
    });
  }

  window.AtlasWidgetKit = {
    register, drawChart, drawBuildTimeChart, preloadVega, disposeSlot, resultSlot, showResult,
    element, showError, clearError, fieldFor, watchPython,
  };
})();
