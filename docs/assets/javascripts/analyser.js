// "Analyse your own scores": one series or a CSV of clients, a scale, the rupture settings, the results
// with a chart, and downloads. Nothing leaves the browser. Shared pieces are in widget-kit.js; the names
// of every element come from the widget's contract.
(function () {
  "use strict";

  const kit = window.AtlasWidgetKit;

  function fieldError(field, target, message) {
    const error = new Error(message);
    error.field = field;
    error.target = target;
    return error;
  }

  // The scale the reader chose: a known scale's name, or [minimum, maximum] checked here first.
  function scaleValue(inputs) {
    if (inputs.scale.value !== "custom") return inputs.scale.value;
    const low = Number(inputs.scaleMin.value);
    const high = Number(inputs.scaleMax.value);
    if (inputs.scaleMin.value === "" || !Number.isFinite(low)) throw fieldError("scale", inputs.scaleMin, "Give the scale minimum as a number.");
    if (inputs.scaleMax.value === "" || !Number.isFinite(high)) throw fieldError("scale", inputs.scaleMax, "Give the scale maximum as a number.");
    if (!(low < high)) throw fieldError("scale", inputs.scaleMin, "The scale minimum must be below the maximum.");
    return [low, high];
  }

  function initAnalyser(root, find) {
    const slot = kit.resultSlot(root, find);
    const form = root.querySelector("form");
    const inputs = {
      scores: find.one("input", "scores"),
      scale: find.one("input", "scale"),
      scaleMin: find.one("input", "scale-min"),
      scaleMax: find.one("input", "scale-max"),
      threshold: find.one("input", "threshold_sd"),
      window: find.one("input", "repair_window"),
      client: find.one("input", "client"),
    };
    const help = find.part("input_help");
    const errors = {
      input: [find.part("input_error"), inputs.scores],
      scale: [find.part("scale_error"), inputs.scaleMin],
      settings: [find.part("settings_error"), inputs.threshold],
    };
    const submit = find.one("action", "analyse");
    const clientGroup = find.one("group", "client");
    const custom = find.one("group", "custom-scale");
    const downloads = root.querySelectorAll("." + find.className("downloads") + " button");
    const titleNode = root.querySelector("." + find.className("title"));
    let current = { csv: null, name: "alliance-analysis", clients: null };
    let runtime = null;

    function mode() {
      return root.querySelector('input[type="radio"]:checked').value;
    }

    function clearAll() {
      kit.clearError(errors.input[0], [inputs.scores]);
      kit.clearError(errors.scale[0], [inputs.scaleMin, inputs.scaleMax, inputs.scale]);
      kit.clearError(errors.settings[0], [inputs.threshold, inputs.window]);
    }

    function report(error) {
      if (error.runtimeStopped) return; // the status line says so (watchPython)
      const field = error.field || kit.fieldFor(error) || "input";
      const [target, defaultInput] = errors[field] || errors.input;
      kit.showError(target, error.target || defaultInput, error.message);
    }

    async function showClient(index) {
      const client = current.clients[index];
      titleNode.textContent = "Alliance across sessions, client " + client.id + ".";
      await kit.showResult(slot, client);
    }

    async function analyse() {
      clearAll();
      const text = inputs.scores.value;
      try {
        if (!text.trim()) throw fieldError("input", inputs.scores, mode() === "csv"
          ? "Paste a CSV with one row per client: an id, then at least three scores."
          : "Type or paste at least three scores.");
        const scale = scaleValue(inputs);
        submit.disabled = true;
        root.dataset.busy = "true";
        const call = await runtime.ready;
        const fn = mode() === "csv" ? "analyse_csv" : "analyse_text";
        const result = await call(fn, text, scale, inputs.threshold.value, inputs.window.value);
        if (fn === "analyse_csv") {
          current = { csv: result.summary_csv, name: "alliance-analysis-clients", clients: result.clients };
          inputs.client.replaceChildren(...result.clients.map((client, index) =>
            kit.element("option", client.id, { value: String(index) })));
          clientGroup.hidden = false;
          await showClient(0);
        } else {
          current = { csv: result.result_csv, name: "alliance-analysis", clients: null };
          clientGroup.hidden = true;
          titleNode.textContent = "Alliance across sessions (your scores).";
          await kit.showResult(slot, result);
        }
        downloads.forEach((button) => (button.disabled = false));
      } catch (error) {
        report(error);
      } finally {
        submit.disabled = runtime === null;
        delete root.dataset.busy;
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      analyse();
    });
    root.querySelectorAll('input[type="radio"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        help.textContent = mode() === "csv" ? help.dataset.csv : help.dataset.single;
        kit.clearError(errors.input[0], [inputs.scores]);
      });
    });
    inputs.scale.addEventListener("change", function () {
      custom.hidden = inputs.scale.value !== "custom";
      kit.clearError(errors.scale[0], [inputs.scaleMin, inputs.scaleMax, inputs.scale]);
    });
    inputs.client.addEventListener("change", () => showClient(Number(inputs.client.value)));
    find.one("action", "download-csv").addEventListener("click", function () {
      if (current.csv) window.AtlasPage.downloadFile(current.name + ".csv", current.csv, "text/csv;charset=utf-8");
    });
    ["png", "svg"].forEach(function (format) {
      find.one("action", "download-" + format).addEventListener("click", async function () {
        if (!slot.view) return;
        const url = await slot.view.toImageURL(format, format === "png" ? 2 : 1);
        window.AtlasPage.downloadFile(current.name + "." + format, url);
      });
    });

    kit.drawBuildTimeChart(slot);
    const watcher = kit.watchPython(root, find, function (started) {
      runtime = started;
      submit.disabled = false;
      kit.preloadVega();
    }, function () {
      submit.disabled = true;
    });
    return function cleanup() {
      watcher.stop();
      kit.disposeSlot(slot);
    };
  }

  kit.register("analyser", initAnalyser);
})();
