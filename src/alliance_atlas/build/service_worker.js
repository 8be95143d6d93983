// The site's service worker. service_worker.py writes it into the built site as sw.js, with one line above
// this text, `const PLAN = {...}`: the precache manifest (the shell and the nav pages, each with the md5 of
// its content as revision), the runtime caches' names, the offline page, and Workbox's runtime files.
//
// Those files are Workbox's prebuilt production builds, copied from node_modules next to this worker, so a
// build bundles nothing and no CDN is asked. Each defines one namespace on self.workbox and takes the ones
// loaded before it, so PLAN.runtime lists them in dependency order. importScripts runs them while the worker
// first evaluates, which is when a service worker may import scripts (the browser then keeps them with it).
importScripts(...PLAN.runtime);
const { core, precaching, routing, strategies, cacheableResponse } = self.workbox;

core.setCacheNameDetails({ prefix: "atlas" });

// A new build takes over at once, and its precache replaces the old one file by file (by revision).
self.skipWaiting();
core.clientsClaim();

// Precached pages are answered whatever their query string (see withoutQuery).
precaching.precacheAndRoute(PLAN.precache, { directoryIndex: "index.html", ignoreURLParametersMatching: [/.*/] });
precaching.cleanupOutdatedCaches();

// Pages: every same-origin HTML address outside assets/. Matched by URL, not by request.mode, so that the
// "Save" control's CACHE_URLS messages (plain requests, answered by Workbox's router) land in the same cache
// as visits.
const isPage = ({ url, sameOrigin }) =>
  sameOrigin && !url.pathname.includes("/assets/") && (url.pathname.endsWith("/") || url.pathname.endsWith(".html"));

// What a reader typed can reach a page's address (?list=..., ?preset=...): the page is stored and looked up
// without its query string and fragment, so no variant and no reader data is ever written to a cache.
const withoutQuery = {
  cacheKeyWillBeUsed: ({ request }) => {
    const url = new URL(request.url);
    url.search = "";
    url.hash = "";
    return url.href;
  },
};

// Offline, an unsaved page redirects to the offline page (precached), which names the address asked for.
// A redirect rather than the offline page's HTML, because its relative links only work at its own address.
const offlineFallback = {
  handlerDidError: ({ request }) => {
    const target = new URL(PLAN.offlinePage, self.registration.scope);
    const asked = new URL(request.url);
    target.searchParams.set(PLAN.fromParam, asked.pathname);
    return Response.redirect(target.href, 303);
  },
};

// Runtime caches are named by version ("atlas-pages-<build>", "atlas-vendor-<versions>"). Writing to the
// current one deletes the others of its family, so a new build's pages never mix with an old build's shell.
const dropOtherVersions = {
  cacheDidUpdate: ({ cacheName }) => {
    const family = cacheName.slice(0, cacheName.lastIndexOf("-") + 1);
    return caches.keys().then((names) => Promise.all(names
      .filter((name) => name.startsWith(family) && name !== cacheName)
      .map((name) => caches.delete(name))));
  },
};

// The Python runtime and the other pinned libraries: fetched once, the first time a page needs them.
routing.registerRoute(
  new RegExp(PLAN.vendorPattern),
  new strategies.CacheFirst({
    cacheName: PLAN.vendorCache,
    plugins: [new cacheableResponse.CacheableResponsePlugin({ statuses: [200] }), dropOtherVersions],
  }),
  "GET",
);

routing.registerRoute(
  isPage,
  new strategies.NetworkFirst({
    cacheName: PLAN.pagesCache,
    // On a poor network, a saved page after a few seconds beats a spinner.
    networkTimeoutSeconds: 6,
    plugins: [
      new cacheableResponse.CacheableResponsePlugin({ statuses: [200] }),
      withoutQuery,
      dropOtherVersions,
      offlineFallback,
    ],
  }),
  "GET",
);
