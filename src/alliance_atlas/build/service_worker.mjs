// Generate the site's service worker with Workbox (workbox-build's generateSW), after the build.
//
// Usage: node service_worker.mjs NODE_MODULES < plan.json, where plan.json is written by service_worker.py:
//   {siteDir, buildId, precache: [glob], pagesCache, vendorCache, vendorPattern, offlinePage, fromParam,
//    saveList: {path, pages: [url], runtime: [url]}}
// Prints {count, size, warnings} as JSON. Workbox's own runtime is copied next to sw.js (no CDN).
//
// The route matchers and plugins below are serialised into sw.js by Workbox with Function#toString, so they
// cannot close over variables: the few values they need are written into their source with JSON.stringify.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const nodeModules = process.argv[2];
const plan = JSON.parse(readFileSync(0, "utf8"));
const require = createRequire(join(nodeModules, "workbox-build", "package.json"));
const { generateSW } = require("workbox-build");

// Pages: every same-origin HTML address outside assets/. Matched by URL, not by request.mode, so that the
// "Save" control's CACHE_URLS messages (plain requests) land in the same cache as visits.
const isPage = new Function("{url, sameOrigin}", `
  return sameOrigin && !url.pathname.includes("/assets/") &&
    (url.pathname.endsWith("/") || url.pathname.endsWith(".html"));`);

// What a reader typed can reach a page's address (?list=..., ?preset=...): the page is stored and looked up
// without its query string and fragment, so no variant and no reader data is ever written to a cache.
const withoutQuery = {
  cacheKeyWillBeUsed: new Function("{request}", `
    const url = new URL(request.url);
    url.search = "";
    url.hash = "";
    return url.href;`),
};

// Offline, an unsaved page redirects to the offline page (precached), which names the address asked for.
// A redirect rather than the offline page's HTML, because its relative links only work at its own address.
const offlineFallback = {
  handlerDidError: new Function("{request}", `
    const target = new URL(${JSON.stringify(plan.offlinePage)}, self.registration.scope);
    const asked = new URL(request.url);
    target.searchParams.set(${JSON.stringify(plan.fromParam)}, asked.pathname);
    return Response.redirect(target.href, 303);`),
};

// Runtime caches are named by version ("atlas-pages-<build>", "atlas-vendor-<versions>"). Writing to the
// current one deletes the others of its family, so a new build's pages never mix with an old build's shell.
const dropOtherVersions = {
  cacheDidUpdate: new Function("{cacheName}", `
    const family = cacheName.slice(0, cacheName.lastIndexOf("-") + 1);
    return caches.keys().then((names) => Promise.all(names
      .filter((name) => name.startsWith(family) && name !== cacheName)
      .map((name) => caches.delete(name))));`),
};

const saveListPath = join(plan.siteDir, plan.saveList.path);
mkdirSync(dirname(saveListPath), { recursive: true });
writeFileSync(saveListPath, JSON.stringify({
  build: plan.buildId,
  pagesCache: plan.pagesCache,
  vendorCache: plan.vendorCache,
  fromParam: plan.fromParam,
  pages: plan.saveList.pages,
  runtime: plan.saveList.runtime,
}));

const result = await generateSW({
  swDest: join(plan.siteDir, "sw.js"),
  globDirectory: plan.siteDir,
  globPatterns: plan.precache,
  globFollow: false,
  // Precached pages are answered whatever their query string (see withoutQuery).
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: "index.html",
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  cacheId: "atlas",
  // A new build takes over at once, and its precache replaces the old one file by file (by revision).
  skipWaiting: true,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  inlineWorkboxRuntime: false,
  sourcemap: false,
  mode: "production",
  disableDevLogs: true,
  runtimeCaching: [
    {
      // The Python runtime and the other pinned libraries: fetched once, the first time a page needs them.
      urlPattern: new RegExp(plan.vendorPattern),
      handler: "CacheFirst",
      options: {
        cacheName: plan.vendorCache,
        cacheableResponse: { statuses: [200] },
        plugins: [dropOtherVersions],
      },
    },
    {
      urlPattern: isPage,
      handler: "NetworkFirst",
      options: {
        cacheName: plan.pagesCache,
        // On a poor network, a saved page after a few seconds beats a spinner.
        networkTimeoutSeconds: 6,
        cacheableResponse: { statuses: [200] },
        plugins: [withoutQuery, dropOtherVersions, offlineFallback],
      },
    },
  ],
});

process.stdout.write(JSON.stringify({ count: result.count, size: result.size, warnings: result.warnings }));
