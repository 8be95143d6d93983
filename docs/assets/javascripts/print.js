// Printing. "Print or save as PDF" buttons (the course pack) use one listener for the whole visit, so they
// keep working after Material's instant navigation replaces the page. While printing, closed <details>
// (a chart's data table, for example) are opened, then closed again afterwards. Links to this site are marked
// data-atlas-internal, so that print.css prints the address after external links only (instant navigation
// makes every link's href absolute, so the href alone cannot tell).
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target.closest("[data-atlas-print]") : null;
  if (target) {
    event.preventDefault();
    window.print();
  }
});

window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll(".md-typeset details:not([open])")) {
    details.setAttribute("open", "");
    details.dataset.atlasPrintOpened = "";
  }
});

window.addEventListener("afterprint", () => {
  for (const details of document.querySelectorAll("details[data-atlas-print-opened]")) {
    details.removeAttribute("open");
    delete details.dataset.atlasPrintOpened;
  }
});

function markInternalLinks() {
  for (const link of document.querySelectorAll("a[href]")) {
    if (link.origin === window.location.origin) link.dataset.atlasInternal = "";
  }
}

window.AtlasPage.onPage(markInternalLinks);
