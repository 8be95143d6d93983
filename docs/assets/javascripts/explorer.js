// The trajectory explorer: presets, a slider and a number box per generator parameter, settings kept
// in the address, research notes for the current pattern, and "Show the Python". Shared pieces are
// in widget-kit.js; the names of every element come from the widget's contract.
(function () {
  "use strict";

  const kit = window.AtlasWidgetKit;

  // ------------------------------------------------------------------------------------------
  // The sliders and number boxes, by parameter name

  function sliders(root, find, config) {
    const controls = {};
    find.all("param").forEach(function (control) {
      controls[control.getAttribute(find.contract.attributes.param)] = {
        control,
        range: control.querySelector('input[type="range"]'),
        number: control.querySelector(find.selector("number")),
      };
    });

    function value(name) {
      return Number(controls[name].range.value);
    }

    function setValue(name, number) {
      const { range, number: box } = controls[name];
      range.value = String(number);
      box.value = range.value;
    }

    // The rupture cannot come after the last session.
    function limitRuptureSession() {
      const sessions = value("sessions");
      const rupture = controls.rupture_session;
      rupture.range.max = String(sessions);
      rupture.number.max = String(sessions);
      if (value("rupture_session") > sessions) setValue("rupture_session", sessions);
    }

    function showFor(pattern) {
      config.parameters.forEach(function (parameter) {
        controls[parameter.name].control.hidden = !parameter.patterns.includes(pattern);
      });
    }

    function params(pattern) {
      const values = {};
      config.parameters.forEach(function (parameter) {
        if (parameter.patterns.includes(pattern)) values[parameter.name] = value(parameter.name);
      });
      return values;
    }

    function options() {
      return { threshold_sd: value("threshold_sd"), repair_window: value("repair_window") };
    }

    return { controls, value, setValue, limitRuptureSession, showFor, params, options };
  }

  // ------------------------------------------------------------------------------------------
  // Settings in the address, so that a link reopens the same series

  function addressState(root, config, widget) {
    let timer = null;
    // Instant navigation changes the address before it swaps the page, so being in the document is not enough.
    const home = location.pathname;

    function write() {
      clearTimeout(timer);
      if (!widget.ownsUrl || !root.isConnected || location.pathname !== home) return; // never rewrite the address of a page we left
      const query = new URLSearchParams();
      query.set("preset", widget.state.preset);
      Object.entries(widget.sliders.params(widget.state.pattern)).forEach(([name, number]) => query.set(name, String(number)));
      config.settings.forEach((setting) => query.set(setting.name, String(widget.sliders.value(setting.name))));
      history.replaceState(history.state, "", location.pathname + "?" + query.toString() + location.hash);
    }

    function read() {
      if (!widget.ownsUrl) return false;
      const query = new URLSearchParams(location.search);
      if (!query.has("preset") || !widget.applyPreset(query.get("preset"))) return false;
      config.parameters.concat(config.settings).forEach(function (parameter) {
        if (!query.has(parameter.name)) return;
        const number = Number(query.get(parameter.name));
        const integerOk = !parameter.integer || Number.isInteger(number);
        if (Number.isFinite(number) && integerOk && number >= parameter.min && number <= parameter.max) {
          widget.sliders.setValue(parameter.name, number);
        }
      });
      widget.sliders.limitRuptureSession();
      return true;
    }

    // Browsers throttle history updates, so a dragged slider writes the address at most every 250 ms.
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(write, 250);
    }

    return { write, read, schedule, cancel: () => clearTimeout(timer) };
  }

  // ------------------------------------------------------------------------------------------
  // Research notes written in the page (with their citations) move into the first explorer

  function researchNotes(find, ownsUrl) {
    const research = find.part("research");
    const notes = ownsUrl ? Array.from(document.querySelectorAll("." + find.className("pattern_note"))) : [];
    notes.forEach(function (note) {
      research.appendChild(note);
      note.hidden = true;
    });
    research.hidden = notes.length === 0;
    return function show(analysis) {
      const wanted = new Set([analysis.pattern]);
      if (analysis.episodes.length) wanted.add("rupture");
      notes.forEach((note) => (note.hidden = !wanted.has(note.dataset.pattern)));
    };
  }

  // ------------------------------------------------------------------------------------------
  // One request at a time; slider moves during a request collapse into one more

  function updater(root, widget) {
    let busy = false;
    let again = false;

    return async function update() {
      if (!widget.runtime) return;
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
          widget.address.schedule();
          const call = await widget.runtime.ready;
          let result;
          try {
            result = await widget.compute(call);
            kit.clearError(widget.settingsError, Object.values(widget.sliders.controls).map((c) => c.number));
            kit.clearError(widget.code.error, [widget.code.input]);
          } catch (error) {
            if (error.runtimeStopped) break; // the status line says so (watchPython)
            if (kit.fieldFor(error) === "code") kit.showError(widget.code.error, widget.code.input, error.message);
            else kit.showError(widget.settingsError, null, error.message);
            continue;
          }
          if (!root.isConnected) break;
          await kit.showResult(widget.slot, result);
          widget.showNotes(result.analysis);
        } while (again);
      } finally {
        busy = false;
        delete root.dataset.busy;
      }
    };
  }

  // ------------------------------------------------------------------------------------------
  // Wiring

  function bindSliders(widget, update) {
    Object.entries(widget.sliders.controls).forEach(function ([name, { control, range, number }]) {
      range.addEventListener("input", function () {
        number.value = range.value;
        number.removeAttribute("aria-invalid");
        if (name === "sessions") widget.sliders.limitRuptureSession();
        update();
      });
      number.addEventListener("input", function () {
        const parsed = Number(number.value);
        const min = Number(number.min);
        const max = Number(number.max);
        if (number.value === "" || !Number.isFinite(parsed) || parsed < min || parsed > max) {
          kit.showError(widget.settingsError, number, control.querySelector("label").textContent +
            " must be a number from " + min + " to " + max + ".");
          return;
        }
        kit.clearError(widget.settingsError, [number]);
        range.value = number.value;
        if (name === "sessions") widget.sliders.limitRuptureSession();
        update();
      });
      number.addEventListener("change", function () {
        number.value = range.value;
        number.removeAttribute("aria-invalid");
      });
    });
  }

  function bindCode(widget, config, update) {
    const code = widget.code;
    code.run.addEventListener("click", function () {
      kit.clearError(code.error, [code.input]);
      widget.state.usingCode = true;
      code.status.textContent = "Showing the series from your version of the generator; the sliders now run it.";
      update();
    });
    code.reset.addEventListener("click", function () {
      code.input.value = config.generator_sources[widget.state.pattern];
      widget.state.usingCode = false;
      code.status.textContent = "The original generator is back.";
      kit.clearError(code.error, [code.input]);
      update();
    });
  }

  function bindCopyLink(widget, copyButton, copyStatus) {
    copyButton.addEventListener("click", function () {
      widget.address.write();
      window.AtlasPage.copyText(location.href).then(
        () => window.AtlasPage.announce(copyStatus, "Link copied."),
        () => window.AtlasPage.announce(copyStatus, "Copy this link from the address bar: " + location.href),
      );
    });
  }

  function initExplorer(root, find) {
    const config = find.json(root, "config");
    const presetSelect = find.one("input", "preset");
    const groups = root.querySelectorAll("fieldset" + find.selector("group"));
    const copyButton = find.one("action", "copy-link");
    const firstExplorer = document.querySelector(find.selector("widget", "explorer"));
    const widget = {
      ownsUrl: firstExplorer === root,
      state: { preset: presetSelect.value, pattern: root.dataset.pattern, usingCode: false },
      slot: kit.resultSlot(root, find),
      sliders: sliders(root, find, config),
      settingsError: find.part("settings_error"),
      code: {
        input: find.one("input", "code"),
        error: find.part("code_error"),
        status: find.part("code_status"),
        run: find.one("action", "run-code"),
        reset: find.one("action", "reset-code"),
      },
      runtime: null,
    };
    widget.showNotes = researchNotes(find, widget.ownsUrl);
    widget.address = addressState(root, config, widget);
    widget.compute = function (call) {
      const { state, sliders: s } = widget;
      return state.usingCode
        ? call("run_generator_source", widget.code.input.value, s.params(state.pattern), s.options())
        : call("explore", state.pattern, s.params(state.pattern), s.options());
    };
    widget.applyPreset = function (name) {
      const preset = config.presets[name];
      if (!preset) return false;
      Object.assign(widget.state, { preset: name, pattern: preset.pattern, usingCode: false });
      presetSelect.value = name;
      config.parameters.forEach(function (parameter) {
        if (preset[parameter.name] !== undefined) widget.sliders.setValue(parameter.name, preset[parameter.name]);
      });
      widget.sliders.showFor(preset.pattern);
      widget.code.input.value = config.generator_sources[preset.pattern];
      widget.code.input.dataset.pattern = preset.pattern;
      widget.code.status.textContent = "";
      kit.clearError(widget.code.error, [widget.code.input]);
      widget.sliders.limitRuptureSession();
      return true;
    };

    const update = updater(root, widget);
    presetSelect.addEventListener("change", function () {
      widget.applyPreset(presetSelect.value);
      update();
    });
    bindSliders(widget, update);
    bindCode(widget, config, update);
    bindCopyLink(widget, copyButton, find.part("copy_status"));

    // Start: restore from the address, draw the build-time chart, start Python.
    if (!widget.address.read()) {
      widget.sliders.showFor(widget.state.pattern);
      widget.sliders.limitRuptureSession();
    }
    presetSelect.disabled = false;
    groups.forEach((group) => (group.disabled = false));
    kit.drawBuildTimeChart(widget.slot);
    const watcher = kit.watchPython(root, find, function (started) {
      widget.runtime = started;
      [copyButton, widget.code.run, widget.code.reset].forEach((button) => (button.disabled = false));
      update();
    }, function () {
      presetSelect.disabled = true;
      groups.forEach((group) => (group.disabled = true));
    });
    return function cleanup() {
      widget.address.cancel();
      watcher.stop();
      kit.disposeSlot(widget.slot);
    };
  }

  kit.register("explorer", initExplorer);
})();
