/* Edition behaviour: copy a citation, switch variant at the same paragraph, remember the choice.
   Plain DOM code, no network; works hosted and from file://. */
(function () {
  "use strict";

  var SIMPLIFIED_QUOTES = { open: "“", close: "”", inner: { "“": "‘", "”": "’", "‘": "“", "’": "”" } };
  var TRADITIONAL_QUOTES = { open: "「", close: "」", inner: { "「": "『", "」": "』", "『": "「", "』": "」" } };
  var LABELS = {
    "zh-Hans": { copied: "已复制引文", report: "衢州市2020年政府工作报告", para: "第 {id} 段", quotes: SIMPLIFIED_QUOTES },
    "zh-Hant-TW": { copied: "已複製引文", report: "衢州市2020年政府工作報告", para: "第 {id} 段", quotes: TRADITIONAL_QUOTES },
    "zh-Hant-HK": { copied: "已複製引文", report: "衢州市2020年政府工作報告", para: "第 {id} 段", quotes: TRADITIONAL_QUOTES }
  };
  var STORE = "quzhou-edition.variant";
  var labels = LABELS[document.documentElement.lang] || LABELS["zh-Hans"];

  // The report's words of a block: the element minus everything editorial.
  function reportText(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll("[data-editorial]").forEach(function (n) { n.remove(); });
    return copy.textContent.trim();
  }

  function citation(el) {
    var id = el.getAttribute("data-para");
    var url = location.href.split("#")[0] + "#p-" + id;
    // The citation quotes with the page's own marks (「」 in the traditional variants), and the
    // paragraph's quotation marks go one level in, as they nest inside the citation's.
    var marks = labels.quotes;
    var inner = reportText(el).replace(/[“”‘’「」『』]/g, function (c) { return marks.inner[c] || c; });
    return marks.open + inner + marks.close + "（" + labels.report + "，" + labels.para.replace("{id}", id) + "）" + url;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { area.remove(); }
    return Promise.resolve();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cite-copy");
    if (!button) return;
    var block = button.closest("[data-para]");
    copyText(citation(block)).then(function () {
      button.classList.add("copied");
      button.setAttribute("title", labels.copied);
      setTimeout(function () { button.classList.remove("copied"); }, 1500);
    });
  });

  // Material's search dialog has no accessible name; give it the search field's own label.
  var dialog = document.querySelector(".md-search[role=dialog]");
  var field = document.querySelector(".md-search__input");
  if (dialog && field && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.getAttribute("placeholder") || "");

  // Per-entry edit links, once the build knows the repository (no repository, no link).
  var repo = document.querySelector('meta[name="edition-repo"]');
  if (repo && repo.content) {
    document.querySelectorAll("a[data-edit-path]").forEach(function (a) {
      a.href = repo.content.replace(/\/$/, "") + "/edit/main/" + a.getAttribute("data-edit-path");
      a.hidden = false;
    });
  }

  // The paragraph the reader is at: the hash if any, else the first one in view.
  function currentParagraph() {
    if (location.hash.indexOf("#p-") === 0) return location.hash;
    var blocks = document.querySelectorAll("[data-para][id]");
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].getBoundingClientRect().bottom > 80) return "#" + blocks[i].id;
    }
    return "";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-variant]");
    if (!link) return;
    try { localStorage.setItem(STORE, link.getAttribute("data-variant")); } catch (e) { /* storage off */ }
    event.preventDefault();
    event.stopImmediatePropagation();
    location.href = link.href.split("#")[0] + currentParagraph();
  }, true);

  // Touch screens have no hover: the first tap on a term focuses it, which shows its definition
  // in Material's tooltip; the second tap opens the glossary entry.
  if (window.matchMedia && window.matchMedia("(hover: none)").matches) {
    var opened = null;
    document.addEventListener("click", function (event) {
      var term = event.target.closest && event.target.closest("a.term");
      if (!term || term === opened) { opened = null; return; }
      event.preventDefault();
      opened = term;
      term.focus();
    }, true);
  }

  // Sortable, filterable tables (数说): header buttons sort, the box and the select filter.
  function cellValue(row, i, numeric) {
    var cell = row.cells[i];
    var raw = cell.getAttribute("data-value") || cell.textContent.trim();
    return numeric ? parseFloat(raw) : raw;
  }
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.getAttribute("data-sort") === "number";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i, numeric), y = cellValue(b, i, numeric);
          var order = numeric ? x - y : String(x).localeCompare(String(y), document.documentElement.lang);
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  function applyFilters(tableId) {
    var table = document.getElementById(tableId);
    var text = (document.querySelector('.ledger-filter[data-table="' + tableId + '"]') || {}).value || "";
    var kind = (document.querySelector('.ledger-kind[data-table="' + tableId + '"]') || {}).value || "";
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var ok = (!text || row.textContent.indexOf(text.trim()) >= 0) && (!kind || row.getAttribute("data-kind") === kind);
      row.hidden = !ok;
      if (ok) shown++;
    });
    var count = document.querySelector(".ledger-count");
    if (count) count.textContent = shown + " / " + table.tBodies[0].rows.length;
  }
  document.querySelectorAll(".ledger-filter, .ledger-kind").forEach(function (input) {
    input.addEventListener("input", function () { applyFilters(input.getAttribute("data-table")); });
  });

  // A reader who chose a variant before lands in it when arriving from outside the edition.
  try {
    var chosen = localStorage.getItem(STORE);
    var here = document.querySelector('meta[name="edition-variant"]');
    var fromInside = document.referrer && document.referrer.indexOf(location.origin === "null" ? "file:" : location.origin) === 0;
    if (chosen && here && chosen !== here.content && !fromInside) {
      var target = document.querySelector('a[data-variant="' + chosen + '"]');
      if (target) location.replace(target.href.split("#")[0] + location.hash);
    }
  } catch (e) { /* storage off */ }
})();
