// Typeset math with the site's own MathJax copy. Only pages with math load this script (hooks/math_pages.py
// puts it in their content); instant navigation runs it again on each such page, so it sets up once.
(function () {
  if (window.AtlasMath) return;
  window.AtlasMath = true;
  const mathjaxUrl = new URL("../vendor/mathjax/es5/tex-mml-chtml.js", document.currentScript.src).href;
  let loading = null;

  window.MathJax = {
    tex: { inlineMath: [["\\(", "\\)"]], displayMath: [["\\[", "\\]"]], processEscapes: true, processEnvironments: true },
    options: { ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex" },
    startup: { typeset: false },
  };

  function loadMathJax() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        const script = document.createElement("script");
        script.src = mathjaxUrl;
        script.async = true;
        script.onload = function () { window.MathJax.startup.promise.then(resolve, reject); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function typeset() {
    if (!document.querySelector(".arithmatex")) return;
    loadMathJax().then(function () {
      window.MathJax.startup.output.clearCache();
      window.MathJax.typesetClear();
      window.MathJax.texReset();
      return window.MathJax.typesetPromise();
    }).catch(function (error) {
      console.warn("Math could not be typeset:", error);
    });
  }

  // On a page opened directly this script, being in the content, runs before the site-wide ones.
  if (window.AtlasPage) {
    window.AtlasPage.onPage(typeset);
  } else {
    document.addEventListener("DOMContentLoaded", function () { window.AtlasPage.onPage(typeset); });
  }
})();
