/* Edition behaviour: copy a passage with its citation (button, selection, the touch screen's bar),
   the print header's date and terms, switch variant at the same paragraph, remember the choice.
   Its words come from the page (seeds/interface.yaml through overrides/main.html).
   Plain DOM code, no network; works hosted and from file://. */
(function () {
  "use strict";

  // This variant's words and the page's address, from the page (overrides/main.html).
  var DATA = (function () {
    try { return JSON.parse(document.getElementById("edition-messages").textContent); } catch (e) { return { messages: {} }; }
  })();
  var M = DATA.messages || {};
  var STORE = "quzhou-edition.variant";

  // The report's words of a block: the element minus everything editorial.
  function reportText(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll("[data-editorial]").forEach(function (n) { n.remove(); });
    return copy.textContent.trim();
  }

  // The page's address: always under the configured site URL, so that a citation copied from the
  // offline bundle (file://) still names the published page; without one, the page's own http(s)
  // address, and from disk none.
  function pageUrl() {
    if (DATA.site_url) return DATA.site_url.replace(/\/?$/, "/") + (DATA.page_url || "");
    if (/^https?:$/.test(location.protocol)) return location.href.split("#")[0];
    return "";
  }

  // The one citation format (also in docs/about.md and the print header):
  // 汤飞帆：《衢州市2020年政府工作报告》（2020年4月24日），第 2.4.1 段，载《…（注释版）》，https://…#p-2.4.1
  function citation(first, last) {
    var ids = last && last !== first ? first + "—" + last : first;
    var url = pageUrl();
    return M.cite_speaker + "：《" + M.cite_title + "》（" + M.cite_date + "），" +
      M.cite_para_before + " " + ids + " " + M.cite_para_after + "，" +
      M.cite_in + "《" + DATA.site_name + "》" + (url ? "，" + url + "#p-" + first : "");
  }

  // An English paragraph's citation (message cite_en, the same in every variant), its anchor #p-…-en.
  function citationEn(first, last) {
    var ids = last && last !== first ? first + "–" + last : first;
    var url = pageUrl();
    return M.cite_en.replace("{ids}", ids).replace("{url}", url ? url + "#p-" + first + "-en" : "").replace(/,\s*$/, "");
  }

  // English quoted with English marks, its own double quotes turned single.
  function quotedEn(text) {
    return "“" + text.replace(/[“”]/g, function (c) { return c === "“" ? "‘" : "’"; }) + "”";
  }

  // A passage quoted with the page's own marks (「」 in the traditional variants); its own
  // quotation marks go one level in, as they nest inside the citation's.
  function quoted(text) {
    var swap = {};
    swap[M.quote_open] = M.quote_inner_open; swap[M.quote_close] = M.quote_inner_close;
    swap[M.quote_inner_open] = M.quote_open; swap[M.quote_inner_close] = M.quote_close;
    var inner = text.replace(/[\s\S]/g, function (c) { return Object.prototype.hasOwnProperty.call(swap, c) ? swap[c] : c; });
    return M.quote_open + inner + M.quote_close;
  }

  // What a copy gives: the words, quoted, then one citation on the next line.
  function citedPassage(text, first, last, english) {
    return english ? quotedEn(text) + "\n" + citationEn(first, last) : quoted(text) + "\n" + citation(first, last);
  }

  // The clipboard API where the page may use it, else (or if it refuses) a selected text area.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { area.remove(); }
    return Promise.resolve();
  }

  function copyParagraph(block, button, done) {
    var english = block.hasAttribute("data-para-en");
    var id = english ? block.getAttribute("data-para-en") : block.getAttribute("data-para");
    copyText(citedPassage(reportText(block), id, id, english)).then(function () {
      button.classList.add("copied");
      button.setAttribute("title", M.citation_copied);
      if (done) done();
      setTimeout(function () { button.classList.remove("copied"); button.setAttribute("title", M.copy_citation); }, 1500);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cite-copy");
    if (!button) return;
    copyParagraph(button.closest("[data-para], [data-para-en]"), button);
  });

  // Touch screens have no hover and no margin: a tap on a block of the report (not on a link or a
  // button in it, not ending a selection) opens a bar under it with its id, "copy citation" and its
  // link; another tap on it, or elsewhere, closes it.
  var bar = null, barBlock = null;
  function closeBar() {
    if (bar) bar.remove();
    if (barBlock) barBlock.classList.remove("para-active");
    bar = barBlock = null;
  }
  function openBar(block) {
    var id = block.getAttribute("data-para");
    bar = document.createElement("div");
    bar.className = "para-actions";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", M.para_actions + " " + id);
    bar.setAttribute("data-editorial", "");
    bar.setAttribute("data-search-exclude", "");
    var label = document.createElement("span");
    label.className = "para-actions__id";
    label.textContent = M.cite_para_before + " " + id + " " + M.cite_para_after;
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "para-actions__copy";
    copy.textContent = M.copy_citation;
    copy.addEventListener("click", function () {
      copyParagraph(block, copy, function () { copy.textContent = M.citation_copied; });
    });
    var link = document.createElement("a");
    link.className = "para-actions__link";
    link.href = "#p-" + id;
    link.textContent = M.para_link;
    bar.append(label, copy, link);
    // After the block; inside a list item (a list holds only items); after a heading, not in it.
    var host = block.closest("h1, h2, h3, h4, h5, h6") || block;
    if (host.tagName === "LI") host.appendChild(bar); else host.after(bar);
    block.classList.add("para-active");
    barBlock = block;
  }
  if (window.matchMedia && window.matchMedia("(hover: none)").matches) {
    document.addEventListener("click", function (event) {
      var target = event.target;
      if (!target.closest || (bar && bar.contains(target))) return;
      var block = target.closest("[data-para]");
      var selection = window.getSelection();
      if (block && (target.closest("a, button") || (selection && !selection.isCollapsed))) return;
      var same = block && block === barBlock;
      closeBar();
      if (block && !same) openBar(block);
    });
  }

  // Text of a copied fragment, blocks on lines of their own.
  var BLOCKS = /^(P|LI|H[1-6]|DIV|ASIDE|UL|OL|BLOCKQUOTE|TABLE|TR|SECTION|ARTICLE|FIGURE)$/;
  function fragmentText(node) {
    var out = "";
    node.childNodes.forEach(function (n) {
      if (n.nodeType === 3) out += n.data;
      else if (n.nodeType === 1) out += BLOCKS.test(n.tagName) ? "\n" + fragmentText(n) + "\n" : fragmentText(n);
    });
    return out;
  }
  function withoutEditorial(fragment) {
    fragment.querySelectorAll("[data-editorial]").forEach(function (n) { n.remove(); });
    return fragment;
  }

  // Copying a selection of the report: its words without the edition's markers (note refs, 校,
  // ids, buttons, notes), then the citation of the paragraphs it spans (first–last).
  document.addEventListener("copy", function (event) {
    var active = document.activeElement;
    if (active && /^(INPUT|TEXTAREA)$/.test(active.tagName)) return;
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount || !event.clipboardData) return;
    var range = selection.getRangeAt(0);
    var ids = [];
    // A selection in the English (and in no Chinese block) is cited in English.
    var english = false;
    var blocks = document.querySelectorAll("[data-para]");
    var anyChinese = Array.prototype.some.call(blocks, function (b) { return range.intersectsNode(b) && b.getClientRects().length; });
    if (!anyChinese) {
      blocks = document.querySelectorAll("[data-para-en]");
      english = true;
    }
    blocks.forEach(function (block) {
      if (!range.intersectsNode(block)) return;
      // Only blocks of which some of the report's words are selected (a triple click ends the
      // range at the start of the next block).
      var part = document.createRange();
      part.selectNodeContents(block);
      if (range.compareBoundaryPoints(Range.START_TO_START, part) > 0) part.setStart(range.startContainer, range.startOffset);
      if (range.compareBoundaryPoints(Range.END_TO_END, part) < 0) part.setEnd(range.endContainer, range.endOffset);
      if (fragmentText(withoutEditorial(part.cloneContents())).trim()) ids.push(block.getAttribute(english ? "data-para-en" : "data-para"));
    });
    if (!ids.length) return;
    // The other language's blocks (hidden in the 中文 and English views, beside in 中英对照) are
    // not part of the passage: a copy is in one language, cited in it.
    var fragment = withoutEditorial(range.cloneContents());
    fragment.querySelectorAll(english ? "[data-para], .term-cards" : "[data-para-en], .en-note, .term-cards").forEach(function (n) { n.remove(); });
    var text = fragmentText(fragment).replace(/\s*\n\s*/g, "\n").trim();
    if (!text) return;
    event.clipboardData.setData("text/plain", citedPassage(text, ids[0], ids[ids.length - 1], english));
    event.preventDefault();
  });

  // The day a page is printed, for its print header (shown only on paper).
  var today = new Date().toLocaleDateString(document.documentElement.lang || "zh-Hans", { year: "numeric", month: "long", day: "numeric" });
  document.querySelectorAll(".print-date").forEach(function (el) { el.textContent = today; });

  // On paper, after the text: the page's glossary terms, each once (as the text first writes it),
  // with the definition of its card (docs/assets/cards.js shows the cards on screen).
  var article = document.querySelector("article.md-content__inner");
  var terms = document.querySelectorAll("[data-para] a.term[data-term]");
  if (article && terms.length && M.print_terms) {
    var seen = {}, list = document.createElement("dl");
    terms.forEach(function (a) {
      var key = a.getAttribute("data-term");
      if (seen[key]) return;
      seen[key] = true;
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = a.textContent;
      var card = document.querySelector('.term-cards [data-card="term:' + key + '"] .term-card__definition');
      dd.textContent = card ? card.textContent : "";
      list.append(dt, dd);
    });
    var section = document.createElement("section"), heading = document.createElement("h2");
    section.className = "print-terms";
    section.setAttribute("data-search-exclude", "");
    heading.textContent = M.print_terms;
    section.append(heading, list);
    article.appendChild(section);
  }

  // Material runs a query on keyup only: a query pasted with the mouse, dropped, or committed by an
  // input method without a key event changed nothing until a key was pressed. Any input now runs it.
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field && field.classList && field.classList.contains("md-search__input") && event.isTrusted) {
      field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
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

  // A reader who chose a variant lands in it from the edition's bare address (the root folder, no
  // page named: what a returning reader types), and nowhere else: an address that names a page,
  // shared or bookmarked or from a search engine, opens in the script it names.
  try {
    var chosen = localStorage.getItem(STORE);
    var here = document.querySelector('meta[name="edition-variant"]');
    var bare = DATA.landing && /\/$/.test(location.pathname) && !location.search && !location.hash;
    if (bare && chosen && here && chosen !== here.content) {
      var target = document.querySelector('a[data-variant="' + chosen + '"]');
      if (target) location.replace(target.href);
    }
  } catch (e) { /* storage off */ }
})();
