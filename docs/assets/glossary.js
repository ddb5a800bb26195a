// The glossary's pages: a filter box that narrows the entries (a category page) or the lists of
// terms (the landing page, the index of terms) as the reader types, by the term as shown, its
// simplified form, pinyin with or without tones (or with tone numbers) and English; the bar of
// categories scrolled to the current one; and an old link to an entry on the one-page glossary
// (glossary.html#id) sent on to the entry's page. No request, no storage: works from file://.
(function () {
  "use strict";
  var box = document.querySelector(".glossary-filter");
  var input = box && box.querySelector("input");

  // Lower case, tone marks off (ǚ → u), tone numbers after a syllable off (zui4 → zui).
  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/([a-z])[1-5]/g, "$1");
  }

  // What an item is matched against: its text as shown plus its keys (data-filter), folded, and
  // folded without spaces, so that "zuiduo" and "zuì duō" both find 最多跑一次.
  function haystack(text) {
    var f = fold(text);
    return f + "\n" + f.replace(/\s+/g, "");
  }

  // The items: on a category page each entry (its heading and everything up to the next), on the
  // other pages each list item with keys; with the heading of their group, hidden with it.
  var items = [];
  var groups = [];
  // The line of the table of contents (the sidebar) that leads to a heading, hidden with it.
  function tocLine(heading) {
    var link = heading.id && document.querySelector('.md-sidebar--secondary a[href="#' + heading.id + '"]');
    return link ? link.parentNode : null;
  }
  var headings = document.querySelectorAll(".md-typeset .glossary-entry");
  if (headings.length) {
    Array.prototype.forEach.call(headings, function (h) {
      var parts = [h];
      var keys = h.textContent;
      for (var el = h.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName); el = el.nextElementSibling) {
        parts.push(el);
        if (el.hasAttribute("data-filter")) keys += " " + el.getAttribute("data-filter");
      }
      var toc = tocLine(h);
      if (toc) parts.push(toc);
      items.push({ parts: parts, text: haystack(keys) });
    });
  } else {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset [data-filter-group]"), function (list) {
      var group = { parts: [list], items: [] };
      var heading = list.previousElementSibling;
      if (heading && /^H[1-6]$/.test(heading.tagName)) {
        group.parts.push(heading);
        if (tocLine(heading)) group.parts.push(tocLine(heading));
      }
      Array.prototype.forEach.call(list.querySelectorAll("[data-filter]"), function (li) {
        var item = { parts: [li], text: haystack(li.textContent + " " + li.getAttribute("data-filter")) };
        items.push(item);
        group.items.push(item);
      });
      groups.push(group);
    });
  }

  function show(parts, visible) {
    parts.forEach(function (el) { el.hidden = !visible; });
  }

  function apply() {
    var query = fold(input.value).trim();
    var words = query ? query.split(/\s+/) : [];
    var joined = query.replace(/\s+/g, "");
    var shown = 0;
    items.forEach(function (item) {
      var ok = !query || item.text.indexOf(joined) >= 0 || words.every(function (w) { return item.text.indexOf(w) >= 0; });
      item.visible = ok;
      show(item.parts, ok);
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      show(g.parts, g.items.some(function (item) { return item.visible; }));
    });
    var none = document.querySelector(".glossary-filter-none");
    if (none) none.hidden = shown > 0;
    // Read down from the first match: a reader who typed with the tools stuck under the header,
    // far down the page, is brought back to where the list starts.
    var tools = box.parentNode;
    var before = tools.previousElementSibling;
    var header = document.querySelector(".md-header");
    var top = header ? header.offsetHeight : 0;
    if (before && before.getBoundingClientRect().bottom < top) {
      // Scrolled past the start of the list (the tools are stuck): back to where it starts.
      window.scrollTo(0, window.pageYOffset + before.getBoundingClientRect().bottom - top);
    }
  }

  if (input && items.length) {
    box.hidden = false;
    input.addEventListener("input", apply);
    input.addEventListener("search", apply);
    // A query kept by the browser on going back to the page.
    if (input.value) apply();
  }

  // The bar: the current category brought into view if it is not (to the middle), scrolling the
  // bar only, never the page; a bar that shows it already stays at its start.
  var bar = document.querySelector(".glossary-bar");
  var current = bar && bar.querySelector(".glossary-bar-current");
  if (current) {
    var b = bar.getBoundingClientRect();
    var r = current.getBoundingClientRect();
    if (r.right > b.right || r.left < b.left) bar.scrollLeft += r.left - b.left - (b.width - r.width) / 2;
  }

  // An entry's old address on the one-page glossary: on to the page that holds it now.
  var id = decodeURIComponent(location.hash.slice(1));
  if (id && !document.getElementById(id)) {
    var entries = document.querySelectorAll("[data-entry]");
    for (var i = 0; i < entries.length; i++) {
      var link = entries[i].getAttribute("data-entry") === id && entries[i].querySelector("a[href]");
      if (link) {
        location.replace(link.href);
        break;
      }
    }
  }
})();
