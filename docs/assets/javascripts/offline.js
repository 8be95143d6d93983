// Offline use: registers the service worker that the build generates with Workbox (sw.js), runs the
// "Save the atlas for offline use" control, and explains, on the offline page, which address was not saved.
//
// Material's instant navigation keeps this script alive between pages, so it runs once per visit: it
// registers once and subscribes once (AtlasPage.onPage, atlas-page.js); the controls are bound on each page.
// The addresses come from <meta name="atlas-offline"> (overrides/main.html), written from the package's
// constants, and are read once, relative to the first page of the visit.
(function () {
  if (window.AtlasOffline) return;
  const meta = document.querySelector('meta[name="atlas-offline"]');
  const supported = "serviceWorker" in navigator && window.isSecureContext && "caches" in window;
  const settings = meta ? {
    worker: new URL(meta.dataset.worker, location.href).href,
    saveList: new URL(meta.dataset.saveList, location.href).href,
    fromParam: meta.dataset.fromParam,
  } : null;
  const api = window.AtlasOffline = {
    supported: Boolean(settings && supported),
    // Resolves with the registration once a worker is active (or null where there is none).
    ready: Promise.resolve(null),
  };

  if (api.supported) {
    const scope = new URL("./", settings.worker).href;
    // Installing the worker precaches the shell and every page (megabytes): only once the page has loaded, so
    // that it does not compete with the page's own requests and scripts on a slow phone.
    api.ready = pageLoaded()
      .then(() => navigator.serviceWorker.register(settings.worker, { scope: scope }))
      .then(() => navigator.serviceWorker.ready)
      .catch((error) => {
        console.warn("The offline service worker could not be registered:", error);
        return null;
      });
    api.ready.then(cachePythonIfStarted).catch((error) => {
      console.warn("The Python runtime could not be kept for offline use:", error);
    });
  }

  function pageLoaded() {
    return new Promise((resolve) => {
      if (document.readyState === "complete") resolve();
      else window.addEventListener("load", () => resolve(), { once: true });
    });
  }

  async function loadSaveList() {
    const response = await fetch(settings.saveList);
    if (!response.ok) throw new Error("the list of pages could not be loaded (" + response.status + ")");
    return response.json();
  }

  // On a first visit, Python may start before the worker takes over: its files then bypass the worker's
  // cache. Once the worker is running, ask it to cache them (the browser's HTTP cache usually has them), so
  // the explorer and the analyser work offline after this one use. Python started later is cached as it loads.
  async function cachePythonIfStarted(registration) {
    if (!registration || !registration.active) return;
    if (!(window.AtlasPython && window.AtlasPython.startCount > 0)) return;
    const list = await loadSaveList();
    const root = new URL("./", settings.worker);
    await cacheBatch(registration.active, list.runtime.map((path) => new URL(path, root).href));
  }

  function say(status, text) {
    status.textContent = text;
  }

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toLocaleString("en", { maximumFractionDigits: 1 }) + " MB";
  }

  // Workbox's router answers a CACHE_URLS message once every address has gone through its route.
  function cacheBatch(worker, urls) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      worker.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: urls } }, [channel.port2]);
    });
  }

  // Precached pages are stored as ".../index.html?__WB_REVISION__=...", visited ones as ".../".
  async function isSaved(url) {
    return Boolean(await caches.match(url, { ignoreSearch: true })
      || (url.endsWith("/") && await caches.match(url + "index.html", { ignoreSearch: true })));
  }

  async function save(control) {
    const button = control.querySelector("button");
    const status = control.querySelector("[data-atlas-offline-status]");
    const progress = control.querySelector("progress");
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    control.setAttribute("aria-busy", "true");
    say(status, "Saving the atlas on this device…");
    try {
      const registration = await api.ready;
      if (!registration || !registration.active) throw new Error("the offline service worker is not running");
      const list = await loadSaveList();
      const root = new URL("./", settings.worker);
      const urls = list.pages.concat(list.runtime).map((path) => new URL(path, root).href);
      progress.max = urls.length;
      progress.value = 0;
      progress.hidden = false;
      const batch = 8;
      for (let start = 0; start < urls.length; start += batch) {
        await cacheBatch(registration.active, urls.slice(start, start + batch));
        progress.value = Math.min(urls.length, start + batch);
      }
      const saved = [];
      for (const url of list.pages.map((path) => new URL(path, root).href)) {
        if (await isSaved(url)) saved.push(url);
      }
      if (navigator.storage && navigator.storage.persist) await navigator.storage.persist();
      const estimate = navigator.storage && navigator.storage.estimate ? await navigator.storage.estimate() : null;
      const space = estimate && estimate.usage
        ? " The atlas now takes about " + megabytes(estimate.usage) + " on this device."
        : "";
      const missed = list.pages.length - saved.length;
      say(status, (missed
        ? "Saved " + saved.length + " of " + list.pages.length + " pages; " + missed + " could not be saved (are you online?)."
        : "Saved all " + list.pages.length + " pages and the Python runtime for offline use.") + space);
      control.dataset.atlasOfflineSaved = String(saved.length);
    } catch (error) {
      say(status, "The atlas could not be saved: " + error.message + ".");
    } finally {
      button.removeAttribute("aria-disabled");
      control.removeAttribute("aria-busy");
      progress.hidden = true;
    }
  }

  function bindSaveControls() {
    for (const control of document.querySelectorAll("[data-atlas-offline-save]:not([data-atlas-bound])")) {
      control.dataset.atlasBound = "";
      const status = control.querySelector("[data-atlas-offline-status]");
      if (!api.supported) {
        control.querySelector("button").setAttribute("aria-disabled", "true");
        say(status, "This browser cannot keep the atlas for offline use here (it needs service workers over HTTPS).");
        continue;
      }
      control.querySelector("button").addEventListener("click", () => save(control));
    }
  }

  // On the offline page, name the address that was asked for (the worker passes it as ?from=/path/).
  function explainMissingPage() {
    const notice = document.querySelector("[data-atlas-offline-from]");
    if (!notice || !settings) return;
    const asked = new URLSearchParams(location.search).get(settings.fromParam);
    if (!asked || !asked.startsWith("/") || asked.startsWith("//")) return;
    const link = notice.querySelector("a");
    link.href = new URL(asked, location.origin).href;
    link.textContent = asked;
    notice.hidden = false;
  }

  // "Search the atlas" on the offline page opens Material's own search box.
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-atlas-open-search]") : null;
    if (!button) return;
    const toggle = document.getElementById("__search");
    if (toggle) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    const input = document.querySelector("[data-md-component=search-query]");
    if (input) input.focus();
  });

  function onPage() {
    bindSaveControls();
    explainMissingPage();
  }

  window.AtlasPage.onPage(onPage);
})();
