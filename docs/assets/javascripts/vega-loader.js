// The site's own Vega, Vega-Lite and Vega-Embed, loaded once per visit and only by pages that draw
// a chart. Shared by the trajectory widgets (Vega and Vega-Lite only) and the explainer charts.
(function () {
  "use strict";

  if (window.AtlasVega) return;

  const scriptUrl = document.currentScript.src;
  const url = (path) => new URL(path, scriptUrl).href;
  // The widgets draw with Vega and Vega-Lite alone (widget-kit.js); the explainer charts also use Vega-Embed.
  const VEGA_SCRIPTS = ["../vendor/vega/build/vega.min.js", "../vendor/vega-lite/build/vega-lite.min.js"].map(url);
  const EMBED_SCRIPT = url("../vendor/vega-embed/build/vega-embed.min.js");

  // One promise per script address, so a script is added once however many callers wait for it;
  // a failed load may be retried by a later call.
  const loading = new Map();

  function loadScript(src) {
    if (!loading.has(src)) {
      const loaded = new Promise(function (resolve, reject) {
        const script = document.createElement("script");
        script.src = src;
        script.async = false;
        script.onload = resolve;
        script.onerror = function () {
          reject(new Error("Could not load " + src));
        };
        document.head.appendChild(script);
      });
      loaded.catch(() => loading.delete(src));
      loading.set(src, loaded);
    }
    return loading.get(src);
  }

  function loadInOrder(urls) {
    return urls.reduce((chain, src) => chain.then(() => loadScript(src)), Promise.resolve());
  }

  // Resolves to window.vega (with window.vegaLite) once both are loaded.
  function loadVega() {
    if (window.vega && window.vegaLite) return Promise.resolve(window.vega);
    return loadInOrder(VEGA_SCRIPTS).then(() => window.vega);
  }

  // Resolves to window.vegaEmbed.
  function load() {
    if (window.vegaEmbed) return Promise.resolve(window.vegaEmbed);
    return loadInOrder(VEGA_SCRIPTS.concat([EMBED_SCRIPT])).then(() => window.vegaEmbed);
  }

  // Follow the palette (light or dark) the reader chose.
  function themeConfig() {
    const style = getComputedStyle(document.body);
    const fg = style.getPropertyValue("--md-default-fg-color").trim() || "#000000";
    const light = style.getPropertyValue("--md-default-fg-color--light").trim() || fg;
    const bg = style.getPropertyValue("--md-default-bg-color").trim() || "#ffffff";
    return {
      background: bg,
      axis: { labelColor: fg, titleColor: fg, domainColor: light, tickColor: light, gridColor: light, gridOpacity: 0.25 },
      legend: { labelColor: fg, titleColor: fg },
      header: { labelColor: fg, titleColor: fg },
      title: { color: fg, subtitleColor: fg },
      view: { stroke: null },
      text: { color: fg },
      rule: { color: fg },
    };
  }

  window.AtlasVega = { load, loadVega, themeConfig };
})();
