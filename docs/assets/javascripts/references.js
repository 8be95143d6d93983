// Copy buttons and the filter of the references list.
// Material's instant navigation swaps pages without reloading, so everything is (re)bound on each
// page view (AtlasPage.onPage), never by inline per-page scripts.
(function () {
  "use strict";

  const { announce, copyText } = window.AtlasPage;

  function bindCopyButtons(root) {
    root.querySelectorAll("button[data-atlas-copy]").forEach(function (button) {
      if (button.dataset.atlasBound) return;
      button.dataset.atlasBound = "true";
      button.addEventListener("click", function () {
        const what = button.textContent.replace(/^Copy\s+/, "");
        copyText(button.dataset.atlasCopy).then(
          function () { announce(button.dataset.atlasStatus, "Copied " + what + " to the clipboard"); },
          function () { announce(button.dataset.atlasStatus, "Could not copy: select the text and copy it yourself"); }
        );
      });
    });
  }

  function bindFilter(root) {
    const form = root.querySelector("form[data-atlas-filter]");
    if (!form || form.dataset.atlasBound) return;
    form.dataset.atlasBound = "true";
    const list = document.getElementById(form.dataset.atlasFilter);
    const status = document.getElementById(form.dataset.atlasFilterStatus);
    if (!list || !status) return;
    const items = Array.from(list.querySelectorAll(":scope > li"));
    const topic = form.elements.namedItem("topic");
    const evidence = form.elements.namedItem("evidence");
    const from = form.elements.namedItem("from");
    const to = form.elements.namedItem("to");

    function hasOption(select, value) {
      return Array.from(select.options).some(function (option) { return option.value === value; });
    }

    // The filter starts from the address, so `references/?topic=outcome` is a shareable reading list.
    const params = new URLSearchParams(window.location.search);
    if (params.has("topic") && hasOption(topic, params.get("topic"))) topic.value = params.get("topic");
    if (params.has("evidence") && hasOption(evidence, params.get("evidence"))) evidence.value = params.get("evidence");
    if (/^\d{4}$/.test(params.get("from") || "")) from.value = params.get("from");
    if (/^\d{4}$/.test(params.get("to") || "")) to.value = params.get("to");

    function apply(updateAddress) {
      const wantTopic = topic.value;
      const wantEvidence = evidence.value;
      const fromYear = parseInt(from.value, 10);
      const toYear = parseInt(to.value, 10);
      let shown = 0;
      items.forEach(function (item) {
        const year = parseInt(item.dataset.year, 10);
        const visible =
          (!wantTopic || (item.dataset.topics || "").split(" ").indexOf(wantTopic) !== -1) &&
          (!wantEvidence || item.dataset.evidence === wantEvidence) &&
          (isNaN(fromYear) || (!isNaN(year) && year >= fromYear)) &&
          (isNaN(toYear) || (!isNaN(year) && year <= toYear));
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = "Showing " + shown + " of " + items.length + " references.";
      if (updateAddress) {
        const next = new URLSearchParams();
        if (wantTopic) next.set("topic", wantTopic);
        if (wantEvidence) next.set("evidence", wantEvidence);
        if (!isNaN(fromYear)) next.set("from", String(fromYear));
        if (!isNaN(toYear)) next.set("to", String(toYear));
        const query = next.toString();
        window.history.replaceState(window.history.state, "",
          window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.hidden = false;
    apply(false);
  }

  function bind() {
    const root = document.querySelector(".md-content") || document;
    bindCopyButtons(root);
    bindFilter(root);
  }

  window.AtlasPage.onPage(bind);
})();
