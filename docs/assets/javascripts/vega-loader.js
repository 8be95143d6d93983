// The site's own Vega, Vega-Lite and Vega-Embed, loaded once per visit and only by pages that draw
// a chart. Shared by the trajectory widgets and the explainer charts.
(function () {
  "use strict";

  if (window.AtlasVega) return;

  const scriptUrl = document.currentScript.src;
  const VEGA_SCRIPTS = [
    "../vendor/vega/build/vega.min.js",
    "../vendor/vega-lite/build/vega-lite.min.js",
    "../vendor/vega-embed/build/vega-embed.min.js",
  ].map((path) => new URL(path, scriptUrl).href);

  let loading = null;

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = url;
      script.async = false;
      script.onload = resolve;
      script.onerror = function () {
        reject(new Error("Could not load " + url));
      };
      document.head.appendChild(script);
    });
  }

  // Resolves to window.vegaEmbed; a failed load may be retried by a later call.
  function load() {
    if (window.vegaEmbed) return Promise.resolve(window.vegaEmbed);
    if (!loading) {
      loading = VEGA_SCRIPTS.reduce((chain, url) => chain.then(() => loadScript(url)), Promise.resolve())
        .then(() => window.vegaEmbed);
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
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

  window.AtlasVega = { load, themeConfig };
})();
