// Draw the explainer notebooks' charts.
//
// A notebook figure is stored as <div class="atlas-chart"> with its Vega-Lite spec and its
// vega-embed options in data attributes: data, never code, and no script element, because
// Material's instant navigation re-creates a new page's script elements without their `type`.
// This site-wide script draws every figure on each page view (document$ emits on the first load
// and after each instant navigation) with the site's own copy of Vega. Nothing is fetched from
// another host.
(function () {
  "use strict";

  if (window.AtlasExplainerCharts) return;

  const scriptUrl = document.currentScript.src;
  let views = [];

  // mkdocs-jupyter's MathJax loader keeps the MathJax address of the first page a visit opened,
  // relative to that page, so after instant navigation to a notebook at another depth it would
  // request a wrong address. Loading the site's copy by its absolute address first, under the id
  // that loader looks for, lets it reuse ours. (Pages with math already load it through math.js.)
  const MATHJAX_URL = new URL("../vendor/mathjax/es5/tex-mml-chtml.js", scriptUrl).href;

  function preloadMathJaxForNotebooks() {
    if (!document.querySelector(".jupyter-wrapper") || document.querySelector(".arithmatex")) return;
    if ((window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) ||
        document.getElementById("MathJax-script")) return;
    const script = document.createElement("script");
    script.id = "MathJax-script";
    script.src = MATHJAX_URL;
    script.async = true;
    document.head.appendChild(script);
  }

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
    figure.dataset.atlasChartState = "drawn";
  }

  function drawAll() {
    preloadMathJaxForNotebooks();
    // Views of the page we left are no longer in the document: release them.
    views = views.filter(function (view) {
      if (view.container() && document.body.contains(view.container())) return true;
      view.finalize();
      return false;
    });
    const figures = document.querySelectorAll(".atlas-chart[data-atlas-chart]");
    return Promise.all(Array.prototype.map.call(figures, function (figure) {
      return draw(figure).catch(function (error) {
        figure.dataset.atlasChartState = "failed";
        const note = document.createElement("p");
        note.className = "atlas-chart__failed";
        note.textContent = "This chart could not be drawn; its data are in the table below.";
        figure.appendChild(note);
        console.warn("Chart not drawn:", error);
      });
    }));
  }

  window.AtlasExplainerCharts = { drawAll: drawAll };

  window.AtlasPage.onPage(drawAll);
})();
