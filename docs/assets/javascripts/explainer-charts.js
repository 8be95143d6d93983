// Draw the explainer notebooks' charts as they scroll into view.
//
// A notebook figure is stored as <div class="atlas-chart"> with its Vega-Lite spec and its
// vega-embed options in data attributes: data, never code, and no script element, because
// Material's instant navigation re-creates a new page's script elements without their `type`.
// This site-wide script watches every figure on each page view (document$ emits on the first load
// and after each instant navigation) and draws it with the site's own copy of Vega when it nears
// the viewport, so a long page neither loads Vega nor lays out charts the reader has not reached.
// Nothing is fetched from another host.
(function () {
  "use strict";

  if (window.AtlasExplainerCharts) return;

  // Start drawing a little before a chart enters the viewport, so it is usually ready when it does.
  const NEAR_VIEWPORT = "300px 0px";
  let views = [];
  let observer = null;
  // Figure -> its Vega view, for page scripts that drive a chart (the evidence map's filters).
  const viewByFigure = new WeakMap();

  // MathJax is loaded by math.js, which the build adds only to pages with math (hooks/math_pages.py).
  // mkdocs-jupyter adds its own MathJax loader to every page, which loads MathJax on every notebook
  // page, math or not; it stands down when this name is taken.
  window.mkdocsJupyterMathJax = window.mkdocsJupyterMathJax || { refresh: function () { return Promise.resolve(); } };

  async function draw(figure) {
    if (figure.dataset.atlasChartState) return;
    figure.dataset.atlasChartState = "drawing";
    const spec = JSON.parse(figure.dataset.atlasSpec);
    const options = figure.dataset.atlasOptions ? JSON.parse(figure.dataset.atlasOptions) : {};
    const target = figure.querySelector(".atlas-chart__view");
    const embed = await window.AtlasVega.load();
    const result = await embed(target, spec, Object.assign({ renderer: "svg", mode: "vega-lite" }, options, {
      actions: false,
      config: window.AtlasVega.themeConfig(),
    }));
    views.push(result.view);
    viewByFigure.set(figure, result.view);
    figure.dataset.atlasChartState = "drawn";
    figure.dispatchEvent(new CustomEvent("atlas-chart-drawn", { bubbles: true }));
  }

  function drawOrSay(figure) {
    return draw(figure).catch(function (error) {
      figure.dataset.atlasChartState = "failed";
      const note = document.createElement("p");
      note.className = "atlas-chart__failed";
      note.textContent = "This chart could not be drawn; its data are in the table below.";
      figure.appendChild(note);
      console.warn("Chart not drawn:", error);
    });
  }

  function figures() {
    return Array.prototype.slice.call(document.querySelectorAll(".atlas-chart[data-atlas-chart]"));
  }

  // Draw every chart of the page now (printing: the printout shows what the screen would).
  function drawAll() {
    if (observer) observer.disconnect();
    return Promise.all(figures().map(drawOrSay));
  }

  function watchAll() {
    // Views of the page we left are no longer in the document: release them.
    views = views.filter(function (view) {
      if (view.container() && document.body.contains(view.container())) return true;
      view.finalize();
      return false;
    });
    if (!("IntersectionObserver" in window)) return drawAll();
    if (observer) observer.disconnect();
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        drawOrSay(entry.target);
      });
    }, { rootMargin: NEAR_VIEWPORT });
    figures().forEach(function (figure) {
      if (!figure.dataset.atlasChartState) observer.observe(figure);
    });
  }

  function viewOf(figure) {
    return viewByFigure.get(figure) || null;
  }

  window.AtlasExplainerCharts = { drawAll: drawAll, viewOf: viewOf };

  window.addEventListener("beforeprint", drawAll);
  window.AtlasPage.onPage(watchAll);
})();
