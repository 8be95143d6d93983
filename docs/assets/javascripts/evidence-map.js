// The evidence map's filters (evidence/): each <select data-atlas-filter="NAME"> keeps the table
// rows whose data-NAME matches and sets the chart's Vega-Lite parameter NAME. The names come from
// the page (alliance_atlas.evidence.vocabulary.FILTERS), so nothing is repeated here. The chart
// itself is drawn by explainer-charts.js; this script only changes its parameters.
(function () {
  "use strict";

  if (window.AtlasEvidenceMap) return;

  function countSentence(shown, total) {
    // Same words as alliance_atlas.evidence.evidence_map.count_sentence.
    return shown === total ? "Showing all " + total + " pooled effects." : "Showing " + shown + " of " + total + " pooled effects.";
  }

  function setUp(map) {
    if (map.dataset.atlasEvidenceState) return;
    map.dataset.atlasEvidenceState = "ready";
    const all = map.dataset.atlasAll;
    const selects = Array.prototype.slice.call(map.querySelectorAll("select[data-atlas-filter]"));
    const rows = Array.prototype.slice.call(map.querySelectorAll("tbody tr[data-atlas-effect]"));
    const status = map.querySelector("[data-atlas-evidence-count]");
    const empty = map.querySelector("[data-atlas-evidence-empty]");
    const figure = map.querySelector(".atlas-chart[data-atlas-chart]");

    function chosen() {
      const values = {};
      selects.forEach(function (select) {
        values[select.dataset.atlasFilter] = select.value;
      });
      return values;
    }

    function apply() {
      const values = chosen();
      const names = Object.keys(values);
      let shown = 0;
      rows.forEach(function (row) {
        const keep = names.every(function (name) {
          return values[name] === all || row.getAttribute("data-" + name) === values[name];
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      status.textContent = countSentence(shown, rows.length);
      empty.hidden = shown > 0;
      const view = window.AtlasExplainerCharts ? window.AtlasExplainerCharts.viewOf(figure) : null;
      if (!view) {
        map.dataset.atlasEvidenceShown = String(shown);
        return Promise.resolve();
      }
      names.forEach(function (name) {
        view.signal(name, values[name]);
      });
      return view.runAsync().then(function () {
        map.dataset.atlasEvidenceShown = String(shown);
      });
    }

    selects.forEach(function (select) {
      select.addEventListener("change", apply);
    });
    // The chart may be drawn before or after this runs: apply the current filters once it is.
    figure.addEventListener("atlas-chart-drawn", apply);
    apply();
  }

  function setUpAll() {
    document.querySelectorAll("[data-atlas-evidence-map]").forEach(setUp);
  }

  window.AtlasEvidenceMap = { setUpAll: setUpAll };

  if (typeof document$ !== "undefined") {
    document$.subscribe(setUpAll);
  } else {
    document.addEventListener("DOMContentLoaded", setUpAll);
  }
})();
