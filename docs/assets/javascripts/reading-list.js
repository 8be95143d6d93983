// The reading-list builder: tick references on References or on a reading list, collect them in the
// tray, export them (.bib, .ris, APA as text or Markdown) and share them as a link.
//
// One store for the whole visit (this script runs once; Material's instant navigation swaps pages and
// emits `document$`, on which the page's checkboxes and tray are bound and redrawn), kept in
// localStorage so that it survives reloads. The data file is fetched from the site itself, only when
// the reader exports or opens a shared link. Nothing the reader or an address provides is ever
// written as HTML: only textContent and attributes.
(function () {
  "use strict";

  const STORAGE_KEY = "atlas-reading-list";
  const KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_:.-]{0,99}$/;
  const MAX_ITEMS = 500;
  const MAX_SHORT = 200;
  const SITE_NAME = "Alliance Atlas";
  const FORMATS = {
    bib: { extension: "bib", type: "application/x-bibtex", label: "BibTeX" },
    ris: { extension: "ris", type: "application/x-research-info-systems", label: "RIS" },
    txt: { extension: "txt", type: "text/plain", label: "APA as plain text" },
    md: { extension: "md", type: "text/markdown", label: "APA as Markdown" },
  };

  // The store: the reader's references in the order they were added, as {key, short}.
  const store = { items: [], open: false, data: {} };

  function validItem(item) {
    return item && typeof item.key === "string" && KEY_PATTERN.test(item.key) &&
      (typeof item.short === "string" || item.short === undefined);
  }

  function cleanShort(short, key) {
    return typeof short === "string" && short.trim() ? short.trim().slice(0, MAX_SHORT) : key;
  }

  function readStorage() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      const items = saved && Array.isArray(saved.items) ? saved.items : [];
      const seen = new Set();
      return items.filter(validItem).filter(function (item) {
        if (seen.has(item.key)) return false;
        seen.add(item.key);
        return true;
      }).slice(0, MAX_ITEMS).map(function (item) { return { key: item.key, short: cleanShort(item.short, item.key) }; });
    } catch (error) {
      return [];
    }
  }

  function writeStorage() {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, items: store.items }));
    } catch (error) {
      // Storage may be full or refused (private mode): the list still works for this visit.
    }
  }

  function find(key) {
    return store.items.findIndex(function (item) { return item.key === key; });
  }

  function has(key) { return find(key) !== -1; }

  function add(key, short) {
    if (has(key) || !KEY_PATTERN.test(key) || store.items.length >= MAX_ITEMS) return false;
    store.items.push({ key: key, short: cleanShort(short, key) });
    return true;
  }

  function remove(key) {
    const index = find(key);
    if (index === -1) return null;
    return store.items.splice(index, 1)[0];
  }

  function countText(count) {
    return count === 1 ? "1 reference" : count + " references";
  }

  function inList() {
    return countText(store.items.length) + " in your list.";
  }

  // ------------------------------------------------------------------------------------------
  // The data file, fetched once per address and only when needed

  function loadData(tray) {
    const url = new URL(tray.dataset.atlasData, window.location.href).href;
    if (!store.data[url]) {
      store.data[url] = window.fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          if (!data || typeof data.references !== "object" || !Array.isArray(data.order)) throw new Error("bad data");
          return data;
        })
        .catch(function (error) {
          delete store.data[url];
          throw error;
        });
    }
    return store.data[url];
  }

  function known(data, key) {
    return Object.prototype.hasOwnProperty.call(data.references, key);
  }

  // ------------------------------------------------------------------------------------------
  // The page's tray and checkboxes

  function currentTray() {
    return document.querySelector("[data-atlas-tray]");
  }

  function part(tray, name) {
    return tray.querySelector("[data-atlas-tray-" + name + "]");
  }

  function announce(tray, message) {
    if (tray) window.AtlasPage.announce(part(tray, "status"), message);
  }

  function showNotice(tray, message) {
    const notice = tray && part(tray, "notice");
    if (!notice) return;
    notice.textContent = message;
    notice.hidden = !message;
  }

  function shareUrl(tray) {
    const url = new URL(tray.dataset.atlasShare, window.location.href);
    url.hash = "";
    url.search = store.items.length
      ? "?" + (tray.dataset.atlasShareParameter || "list") + "=" +
        store.items.map(function (item) { return encodeURIComponent(item.key); }).join(",")
      : "";
    return url.href;
  }

  function setOpen(tray, open) {
    store.open = open;
    const toggle = part(tray, "toggle");
    const body = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = open ? "Hide my list" : "Show my list";
    if (body) body.hidden = !open;
  }

  function renderTray(tray) {
    part(tray, "count").textContent = countText(store.items.length);
    part(tray, "empty").hidden = store.items.length > 0;
    const list = part(tray, "items");
    list.hidden = store.items.length === 0;
    const rows = store.items.map(function (item) {
      const row = document.createElement("li");
      row.dataset.key = item.key;
      const name = document.createElement("span");
      name.className = "atlas-tray__name";
      name.textContent = item.short;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-tray__remove";
      button.dataset.atlasRemove = item.key;
      button.textContent = "Remove";
      button.setAttribute("aria-label", "Remove " + item.short + " from my reading list");
      row.append(name, " ", button);
      return row;
    });
    list.replaceChildren.apply(list, rows);
    part(tray, "link").value = store.items.length ? shareUrl(tray) : "";
    setOpen(tray, store.open);
  }

  function renderChecks() {
    document.querySelectorAll("input[data-atlas-pick]").forEach(function (box) {
      box.checked = has(box.dataset.atlasPick);
    });
  }

  // The page's checkboxes and its tray are drawn in one step, then the tray says which page they
  // were drawn for: after an instant navigation, a tray that names another page is the old page's.
  function render() {
    renderChecks();
    const tray = currentTray();
    if (tray) {
      renderTray(tray);
      tray.dataset.atlasSynced = window.location.pathname;
    }
  }

  function onPick(event) {
    const box = event.target;
    const key = box.dataset.atlasPick;
    const short = cleanShort(box.dataset.atlasShort, key);
    const tray = currentTray();
    if (box.checked) {
      if (!add(key, short) && !has(key)) {
        box.checked = false;
        announce(tray, "Your list is full: remove a reference first.");
        return;
      }
      announce(tray, "Added " + short + ". " + inList());
    } else {
      remove(key);
      announce(tray, "Removed " + short + ". " + inList());
    }
    writeStorage();
    render();
  }

  function onRemove(tray, button) {
    const key = button.dataset.atlasRemove;
    const rows = Array.from(part(tray, "items").children);
    const index = rows.findIndex(function (row) { return row.dataset.key === key; });
    const removed = remove(key);
    if (!removed) return;
    writeStorage();
    render();
    announce(tray, "Removed " + removed.short + ". " + inList());
    // The focused button is gone: move to the next one, else the previous, else the toggle.
    const buttons = part(tray, "items").querySelectorAll("button[data-atlas-remove]");
    const next = buttons[Math.min(index, buttons.length - 1)];
    (next || part(tray, "toggle")).focus();
  }

  function onClear(tray) {
    if (!store.items.length) {
      announce(tray, "Your list is already empty.");
      return;
    }
    store.items = [];
    writeStorage();
    render();
    showNotice(tray, "");
    announce(tray, "Cleared your list. " + inList());
  }

  // ------------------------------------------------------------------------------------------
  // Exports and the share link

  function exportText(format, entries, address) {
    if (format === "bib") return entries.map(function (entry) { return entry.bibtex.trim(); }).join("\n\n") + "\n";
    if (format === "ris") return entries.map(function (entry) { return entry.ris.trim(); }).join("\n\n") + "\n";
    if (format === "txt") {
      return ["My reading list", "From " + SITE_NAME + ": " + address, ""]
        .concat(entries.map(function (entry) { return entry.apa_text; }).join("\n\n")).join("\n") + "\n";
    }
    return ["# My reading list", "", "From [" + SITE_NAME + "](<" + address + ">).", ""]
      .concat(entries.map(function (entry) { return entry.apa_markdown; }).join("\n\n")).join("\n") + "\n";
  }

  function saveFile(filename, text, type) {
    window.AtlasPage.downloadFile(filename, text, type + ";charset=utf-8");
  }

  function onExport(tray, format) {
    const spec = FORMATS[format];
    if (!spec) return;
    if (!store.items.length) {
      announce(tray, "Your list is empty: tick a reference to add it first.");
      return;
    }
    const address = shareUrl(tray);
    loadData(tray).then(function (data) {
      const chosen = new Set(store.items.map(function (item) { return item.key; }));
      // APA order, whatever order the references were ticked in.
      const keys = data.order.filter(function (key) { return chosen.has(key) && known(data, key); });
      const missing = store.items.filter(function (item) { return !known(data, item.key); });
      saveFile("my-reading-list." + spec.extension,
        exportText(format, keys.map(function (key) { return data.references[key]; }), address), spec.type);
      if (missing.length) {
        showNotice(tray, "Left out of the download, because the site no longer has them: " +
          missing.map(function (item) { return item.short; }).join("; ") + ".");
      }
      announce(tray, "Downloaded " + countText(keys.length) + " as " + spec.label + ".");
    }, function () {
      announce(tray, "Could not load the reference data: check your connection and try again.");
    });
  }

  const copyText = window.AtlasPage.copyText;

  function onCopyLink(tray) {
    const field = part(tray, "link");
    if (!store.items.length) {
      announce(tray, "Your list is empty: there is no link to copy yet.");
      return;
    }
    copyText(field.value).then(
      function () { announce(tray, "Copied the link to your list."); },
      function () {
        field.focus();
        field.select();
        announce(tray, "The link is selected: copy it with your keyboard or menu.");
      }
    );
  }

  // A shared address such as references/?list=a,b,c adds those references, then leaves the address.
  function restoreShared(tray) {
    const parameter = tray.dataset.atlasShareParameter || "list";
    const params = new URLSearchParams(window.location.search);
    if (!params.has(parameter)) return;
    const wanted = [];
    (params.get(parameter) || "").split(",").forEach(function (raw) {
      const key = raw.trim();
      if (key && wanted.indexOf(key) === -1 && wanted.length < MAX_ITEMS) wanted.push(key);
    });
    params.delete(parameter);
    const query = params.toString();
    window.history.replaceState(window.history.state, "",
      window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    if (!wanted.length) return;
    loadData(tray).then(function (data) {
      let added = 0;
      const unknown = [];
      wanted.forEach(function (key) {
        if (KEY_PATTERN.test(key) && known(data, key)) {
          if (add(key, data.references[key].short)) added += 1;
        } else {
          unknown.push(key.length > 40 ? key.slice(0, 40) + "…" : key);
        }
      });
      writeStorage();
      store.open = true;
      render();
      const here = currentTray() || tray;
      if (unknown.length) {
        showNotice(here, "The link names " + countText(unknown.length) + " this site does not have; " +
          (unknown.length === 1 ? "it was" : "they were") + " left out: " +
          unknown.slice(0, 10).join(", ") + (unknown.length > 10 ? ", …" : "") + ".");
      }
      announce(here, (added || !(wanted.length - unknown.length)
        ? "Added " + countText(added) + " from the shared link. "
        : "The shared link's references were already in your list. ") + inList());
    }, function () {
      showNotice(tray, "Could not open the shared list: the reference data did not load. Reload the page to try again.");
    });
  }

  function bindTray(tray) {
    if (tray.dataset.atlasBound) return;
    tray.dataset.atlasBound = "true";
    tray.hidden = false;
    part(tray, "toggle").addEventListener("click", function () { setOpen(tray, !store.open); });
    part(tray, "clear").addEventListener("click", function () { onClear(tray); });
    part(tray, "copy").addEventListener("click", function () { onCopyLink(tray); });
    tray.querySelectorAll("button[data-atlas-export]").forEach(function (button) {
      button.addEventListener("click", function () { onExport(tray, button.dataset.atlasExport); });
    });
    part(tray, "items").addEventListener("click", function (event) {
      const button = event.target.closest("button[data-atlas-remove]");
      if (button) onRemove(tray, button);
    });
    restoreShared(tray);
  }

  function bind() {
    document.querySelectorAll("input[data-atlas-pick]").forEach(function (box) {
      if (box.dataset.atlasBound) return;
      box.dataset.atlasBound = "true";
      box.addEventListener("change", onPick);
      const label = box.closest("label");
      if (label) label.hidden = false;
    });
    const tray = currentTray();
    if (tray) bindTray(tray);
    render();
  }

  // Another tab changed the list: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY || event.key === null) {
      store.items = readStorage();
      render();
    }
  });

  store.items = readStorage();
  window.AtlasPage.onPage(bind);
})();
