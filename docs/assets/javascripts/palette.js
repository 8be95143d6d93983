// The light/dark switch in the header (overrides/partials/palette.html holds the options and why it is ours).
// The header stays in place through instant navigation, so one listener on the document serves every page.
(function () {
  const ROOT = "[data-atlas-palette]";

  function hex(color) {
    const parts = (color.match(/\d+/g) || []).slice(0, 3);
    return parts.length === 3 ? "#" + parts.map((part) => (+part).toString(16).padStart(2, "0")).join("") : null;
  }

  function switchTo(root, index) {
    const options = JSON.parse(root.getAttribute("data-atlas-palette"));
    const option = options[index];
    if (!option) return;
    const body = document.body;
    const hadFocus = root.contains(document.activeElement);
    // Material's stylesheet turns its colour transitions off while this attribute is set, so the page changes at once.
    body.setAttribute("data-md-color-switching", "");
    ["media", "scheme", "primary", "accent"].forEach((key) => body.setAttribute("data-md-color-" + key, option[key]));
    __md_set("__palette", { index, color: option });
    let shown = null;
    root.querySelectorAll("[data-atlas-palette-from]").forEach((button) => {
      button.hidden = Number(button.getAttribute("data-atlas-palette-from")) !== index;
      if (!button.hidden) shown = button;
    });
    // The button pressed is now hidden: keep the keyboard on the switch.
    if (shown && hadFocus) shown.focus();
    requestAnimationFrame(() => {
      body.removeAttribute("data-md-color-switching");
      // The browser's own chrome follows the header's colour, as with Material's switch.
      const meta = document.querySelector('meta[name="theme-color"]');
      const header = document.querySelector(".md-header");
      const color = header && hex(getComputedStyle(header).backgroundColor);
      if (meta && color) meta.setAttribute("content", color);
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(ROOT + " [data-atlas-palette-to]");
    if (!button) return;
    switchTo(button.closest(ROOT), Number(button.getAttribute("data-atlas-palette-to")));
  });
})();
