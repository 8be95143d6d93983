// "Check your understanding": check answers, announce feedback through aria-live, keep progress per
// page in localStorage (with "reset"), and draw "Another one" chart question with Pyodide.
// Every class and attribute name comes from the page (data-atlas-question-contract, written by
// alliance_atlas.questions.contract); only that one bootstrap attribute is named here.
// Re-run on every document$ emission, so the questions survive Material's instant navigation.
(function () {
  "use strict";

  const STORAGE_PREFIX = "atlas-questions:";

  function readContract() {
    const holder = document.querySelector("[data-atlas-question-contract]");
    if (!holder) return null;
    try {
      return { holder, contract: JSON.parse(holder.getAttribute("data-atlas-question-contract")) };
    } catch (error) {
      return null;
    }
  }

  function storageKey(holder, contract) {
    return STORAGE_PREFIX + holder.getAttribute(contract.attributes.page_key);
  }

  function loadProgress(key) {
    try {
      const saved = JSON.parse(window.localStorage.getItem(key) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch (error) {
      return {};
    }
  }

  function saveProgress(key, progress) {
    try {
      window.localStorage.setItem(key, JSON.stringify(progress));
    } catch (error) {
      // Storage full or blocked: the questions still work, progress is just not kept.
    }
  }

  function chosen(root) {
    return Array.from(root.querySelectorAll("input:checked")).map((input) => input.value).sort();
  }

  function correctSet(root, contract) {
    return (root.getAttribute(contract.attributes.correct) || "").split(",").filter(Boolean).sort();
  }

  function labelText(root, value) {
    const input = Array.from(root.querySelectorAll("input")).find((item) => item.value === value);
    const label = input && root.querySelector(`label[for="${CSS.escape(input.id)}"]`);
    return label ? label.textContent.trim() : value;
  }

  function reasonText(root, contract, value) {
    const item = root.querySelector(`.${contract.classes.why} [${contract.attributes.option_reason}="${CSS.escape(value)}"]`);
    return item ? item.textContent.trim() : "";
  }

  function setup() {
    const found = readContract();
    if (!found) return;
    const { holder, contract } = found;
    const key = storageKey(holder, contract);
    const progress = loadProgress(key);
    const status = holder.querySelector("[role=status]");
    const resetButton = holder.querySelector(`[${contract.attributes.reset}]`);
    const roots = () => Array.from(document.querySelectorAll(`[${contract.root}]`));

    function updateStatus() {
      const all = roots();
      const right = all.filter((root) => progress[root.getAttribute(contract.attributes.id)] === "right").length;
      status.textContent = `${right} of ${all.length} questions on this page answered correctly.`;
      holder.dataset.atlasAnswered = String(right);
    }

    function showResult(root, answer, announce) {
      const id = root.getAttribute(contract.attributes.id);
      const feedback = root.querySelector(`.${contract.classes.feedback}`);
      const correct = correctSet(root, contract);
      const right = answer.length === correct.length && answer.every((value, index) => value === correct[index]);
      root.setAttribute(contract.attributes.state, right ? "right" : "wrong");
      if (right) {
        feedback.textContent = "Correct. The explanation is open below.";
        root.querySelector(`.${contract.classes.answer}`).open = true;
      } else if (announce) {
        const reasons = answer.filter((value) => !correct.includes(value))
          .map((value) => reasonText(root, contract, value)).filter(Boolean);
        const missing = correct.length > 1 && answer.every((value) => correct.includes(value))
          ? " Some correct answers are not ticked yet." : "";
        feedback.textContent = "Not quite. " + (reasons.join(" ") || "") + missing + " Try again.";
      }
      if (right || progress[id] !== "right") progress[id] = right ? "right" : "tried";
      return right;
    }

    function enhance(root) {
      if (root.dataset.atlasQuestionReady) return;
      root.dataset.atlasQuestionReady = "1";
      const form = root.querySelector(`.${contract.classes.form}`);
      const actions = root.querySelector(`.${contract.classes.actions}`);
      if (!form || !actions) return;
      actions.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        const answer = chosen(root);
        const feedback = root.querySelector(`.${contract.classes.feedback}`);
        if (!answer.length) {
          feedback.textContent = "Choose an answer first.";
          return;
        }
        showResult(root, answer, true);
        progress[root.getAttribute(contract.attributes.id) + ":answer"] = answer;
        saveProgress(key, progress);
        updateStatus();
      });
      const id = root.getAttribute(contract.attributes.id);
      const saved = progress[id + ":answer"];
      if (Array.isArray(saved)) {
        for (const input of root.querySelectorAll("input")) input.checked = saved.includes(input.value);
        showResult(root, saved.slice().sort(), false);
      }
    }

    roots().forEach(enhance);
    updateStatus();
    resetButton.parentElement.hidden = false;
    resetButton.onclick = function () {
      for (const name of Object.keys(progress)) delete progress[name];
      try {
        window.localStorage.removeItem(key);
      } catch (error) {
        // nothing stored
      }
      for (const root of roots()) {
        for (const input of root.querySelectorAll("input")) input.checked = false;
        root.removeAttribute(contract.attributes.state);
        root.querySelector(`.${contract.classes.feedback}`).textContent = "";
        root.querySelector(`.${contract.classes.answer}`).open = false;
      }
      updateStatus();
      status.textContent = "Your answers on this page have been cleared. " + status.textContent;
    };

    for (const bank of document.querySelectorAll(`[${contract.bank}]`)) setupBank(bank, contract, enhance);
    drawCharts(contract);
  }

  // Charts without build-time SVG (fresh questions, or a build without Node) are drawn with Vega.
  function drawCharts(contract) {
    const pending = Array.from(document.querySelectorAll(`.${contract.classes.chart} [data-atlas-spec]`))
      .filter((chart) => !chart.querySelector("svg") && !chart.dataset.atlasDrawing);
    if (!pending.length || !window.AtlasVega) return;
    window.AtlasVega.load().then(function (embed) {
      for (const chart of pending) {
        chart.dataset.atlasDrawing = "1";
        const spec = JSON.parse(chart.getAttribute("data-atlas-spec"));
        embed(chart, spec, { actions: false, renderer: "svg", mode: "vega-lite", config: window.AtlasVega.themeConfig() })
          .then(function () {
            const svg = chart.querySelector("svg");
            if (svg) {
              svg.setAttribute("role", "img");
              svg.setAttribute("aria-label", spec.description || "Chart of alliance scores by session");
            }
          })
          .catch(function () {});
      }
    }).catch(function () {});
  }

  function setupBank(bank, contract, enhance) {
    if (bank.dataset.atlasBankReady) return;
    bank.dataset.atlasBankReady = "1";
    const config = JSON.parse(bank.getAttribute(contract.bank));
    const buttons = Array.from(bank.querySelectorAll(`[${contract.attributes.another}]`));
    const status = bank.querySelector(".atlas-question-set__python");
    const items = bank.querySelector(".atlas-question-set__items");
    if (!window.AtlasPython || !buttons.length) return;
    buttons[0].parentElement.hidden = false;
    const runtime = window.AtlasPython.get();
    runtime.ready.then(
      function (call) {
        status.textContent = "Python is ready: each button draws a new series in your browser.";
        for (const button of buttons) {
          button.disabled = false;
          button.onclick = async function () {
            const hard = button.getAttribute(contract.attributes.another) === "hard";
            const number = items.querySelectorAll(`[${contract.root}]`).length + 1;
            const seed = Math.floor(Math.random() * 2147483647);
            button.disabled = true;
            try {
              const html = await call("chart_question_html", seed, hard, number, config.prefix);
              const template = document.createElement("template");
              template.innerHTML = html;
              const root = template.content.firstElementChild;
              items.appendChild(root);
              enhance(root);
              drawCharts(contract);
              status.textContent = `Question ${number} added below.`;
              root.querySelector("input").focus();
            } catch (error) {
              status.textContent = "A new question could not be drawn: " + error.message;
            } finally {
              button.disabled = false;
            }
          };
        }
      },
      function (error) {
        buttons[0].parentElement.hidden = true;
        status.textContent = "New questions need Python in the browser, which could not start here (" +
          error.message + "). The questions above still work.";
      },
    );
  }

  if (window.document$) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
