// What every page script of the site needs, written once: start on each page view, announce a
// message to screen readers, copy text, and download a file. Loaded before the other page scripts.
//
// Material's instant navigation swaps pages without reloading and emits `document$` on the first
// load and after each swap; without Material (a page opened from disk, a test), the page's own
// load stands in for it.
(function () {
  "use strict";

  if (window.AtlasPage) return;

  // Run `start` on this page view and on every later one.
  function onPage(start) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(start);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  // Put `message` in a live region (an element or its id). It is cleared first and written a
  // moment later, so that the same message twice in a row is announced twice.
  function announce(region, message) {
    const status = typeof region === "string" ? document.getElementById(region) : region;
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copyWithSelection(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "atlas-copy__scratch";
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // Copy `text`; the promise is rejected when the browser refuses, so the caller can say so.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text); });
    }
    return copyWithSelection(text);
  }

  // Download `content` as `filename`: a string (with its MIME `type`) or a URL the page already has
  // (a chart's data: URL). A detached link: the click never reaches instant navigation's handler.
  function downloadFile(filename, content, type) {
    const fromText = type !== undefined;
    const url = fromText ? URL.createObjectURL(new Blob([content], { type: type })) : content;
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.click();
    if (fromText) window.setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
  }

  window.AtlasPage = { onPage: onPage, announce: announce, copyText: copyText, downloadFile: downloadFile };
})();
