// "Analyse your own scores": one series or a CSV of clients, a scale, the rupture settings, the results
// with a chart, downloads, a caseload view of a CSV and a printed report. Nothing leaves the browser, and
// the report's label is never stored: it lives in the label box and, while printing, in the report.
// Shared pieces are in widget-kit.js; the names of every element come from the widget's contract.
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
      file: find.one("input", "file"),
      label: find.part("report_label"),
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
    const problems = find.one("out", "row-problems");
    const caseload = {
      group: find.one("group", "caseload"),
      rows: find.one("out", "caseload-rows"),
      summary: find.one("out", "supervision"),
    };
    const printed = {
      button: root.querySelector(find.selector("report")),
      label: find.one("out", "report-label"),
      settings: find.one("out", "report-settings"),
    };
    const exampleSettings = Array.from(printed.settings.children);
    let current = { csv: null, name: "alliance-analysis", clients: null, caseloadCsv: null, settings: null, client: null };
    let runtime = null;

    function mode() {
      return root.querySelector('input[type="radio"]:checked').value;
    }

    function clearAll() {
      kit.clearError(errors.input[0], [inputs.scores]);
      kit.clearError(errors.scale[0], [inputs.scaleMin, inputs.scaleMax, inputs.scale]);
      kit.clearError(errors.settings[0], [inputs.threshold, inputs.window]);
      problems.replaceChildren();
      problems.hidden = true;
    }

    function report(error) {
      if (error.runtimeStopped) return; // the status line says so (watchPython)
      const field = error.field || kit.fieldFor(error) || "input";
      const [target, defaultInput] = errors[field] || errors.input;
      kit.showError(target, error.target || defaultInput, error.message);
    }

    async function showClient(index) {
      const client = current.clients[index];
      inputs.client.value = String(index);
      current.settings = client.settings;
      current.client = client.id;
      titleNode.textContent = "Alliance across sessions, client " + client.id + ".";
      await kit.showResult(slot, client);
    }

    // A list under a lead sentence: the bad rows next to the scores box, the summary's lists.
    function listWithLead(lead, items) {
      const nodes = [kit.element("p", lead)];
      if (items.length) {
        const list = kit.element("ul");
        list.replaceChildren(...items.map((item) => kit.element("li", item)));
        nodes.push(list);
      }
      return nodes;
    }

    function showCaseload(view) {
      caseload.rows.replaceChildren(...view.rows.map(function (entry) {
        const tr = kit.element("tr", null, entry.recent ? { class: find.className("recent") } : {});
        const th = kit.element("th", null, { scope: "row" });
        const open = kit.element("button", entry.id, { type: "button", class: "atlas-caseload__open" });
        open.appendChild(kit.element("span", ", open chart", { class: find.className("visually_hidden") }));
        open.addEventListener("click", async function () {
          await showClient(entry.index);
          inputs.client.focus();
        });
        th.appendChild(open);
        tr.appendChild(th);
        entry.cells.slice(1).forEach((cell) => tr.appendChild(kit.element("td", cell)));
        return tr;
      }));
      const summary = view.summary;
      caseload.summary.replaceChildren(
        ...listWithLead(summary.totals, summary.patterns),
        ...listWithLead(summary.recent_heading, summary.recent));
      caseload.group.hidden = false;
      if (view.problems.length) {
        problems.replaceChildren(...listWithLead(view.problems_heading, view.problems));
        problems.hidden = false;
      }
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
        const fn = mode() === "csv" ? "analyse_caseload" : "analyse_text";
        const result = await call(fn, text, scale, inputs.threshold.value, inputs.window.value);
        if (fn === "analyse_caseload") {
          current = { csv: result.summary_csv, name: "alliance-analysis-clients", clients: result.clients,
            caseloadCsv: result.caseload.csv };
          inputs.client.replaceChildren(...result.clients.map((client, index) =>
            kit.element("option", client.id, { value: String(index) })));
          clientGroup.hidden = false;
          showCaseload(result.caseload);
          await showClient(0);
        } else {
          current = { csv: result.result_csv, name: "alliance-analysis", clients: null, caseloadCsv: null,
            settings: result.settings, client: null };
          clientGroup.hidden = true;
          caseload.group.hidden = true;
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
    // A CSV file is read here, into the scores box; it goes nowhere else.
    inputs.file.addEventListener("change", async function () {
      const file = inputs.file.files[0];
      if (!file) return;
      inputs.scores.value = await file.text();
      root.querySelector('input[type="radio"][value="csv"]').click();
    });
    find.one("action", "download-caseload").addEventListener("click", function () {
      if (current.caseloadCsv) window.AtlasPage.downloadFile("alliance-caseload.csv", current.caseloadCsv, "text/csv;charset=utf-8");
    });

    // The report: the settings of the result on show, today's date and the label, then the print dialog;
    // print.css shows only the report while <html> carries the report attribute.
    function localDate() {
      return new Date().toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
    }

    function fillReport() {
      const head = [["Date", localDate()]];
      if (current.client !== null) head.push(["Client", current.client]);
      const groups = head.concat(current.settings || []).map(function ([term, value]) {
        const group = kit.element("div");
        group.append(kit.element("dt", term), kit.element("dd", value));
        return group;
      });
      // Until the reader's first analysis, the settings are those the build printed for the example.
      printed.settings.replaceChildren(...groups, ...(current.settings ? [] : exampleSettings));
      const label = inputs.label.value.trim();
      printed.label.textContent = label ? "Label: " + label : "";
      printed.label.hidden = !label;
    }

    function endReport() {
      document.documentElement.removeAttribute(find.contract.attributes.report);
      printed.label.textContent = "";
      printed.label.hidden = true;
    }

    printed.button.addEventListener("click", function () {
      fillReport();
      document.documentElement.setAttribute(find.contract.attributes.report, "printing");
      window.print();
    });
    window.addEventListener("afterprint", endReport);
    printed.button.disabled = false;
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
      window.removeEventListener("afterprint", endReport);
      endReport();
      watcher.stop();
      kit.disposeSlot(slot);
    };
  }

  kit.register("analyser", initAnalyser);
})();
