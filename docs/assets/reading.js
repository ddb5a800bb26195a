// The reading views of a report page: 中文 (the report only), 中英对照 (each block with its English,
// side by side on a wide screen, one under the other on a phone) and English. The view is an
// attribute on <html> (data-view), remembered across pages and script variants in localStorage;
// switching keeps the block at the top of the screen in place. Works from file:// as hosted.
(function () {
  "use strict";
  var KEY = "edition-view";
  var VIEWS = ["zh", "bi", "en"];
  // Where reading happens: under Material's header and the sticky switch (px from the top).
  var LINE = 100;
  var root = document.documentElement;
  var group = document.querySelector(".view-switch");

  function saved() {
    try {
      var v = window.localStorage.getItem(KEY);
      return VIEWS.indexOf(v) >= 0 ? v : "zh";
    } catch (e) {
      return "zh"; // storage refused (a private window, a file:// policy): the default view
    }
  }

  // The block the reader is at: of those on screen, the one whose top is nearest the line under
  // the header and the switch (in 中英对照 a long English can end below its shorter Chinese).
  function blockAtTop() {
    var blocks = document.querySelectorAll("[data-para], [data-para-en]");
    var best = null;
    var distance = Infinity;
    for (var i = 0; i < blocks.length; i++) {
      var r = blocks[i].getBoundingClientRect();
      if (r.height === 0 || r.bottom <= LINE || r.top >= window.innerHeight) continue;
      if (Math.abs(r.top - LINE) < distance) {
        distance = Math.abs(r.top - LINE);
        best = blocks[i];
      }
    }
    return best && (best.getAttribute("data-para") || best.getAttribute("data-para-en"));
  }

  // The element that shows a citation id in a view: the English block in English, else the Chinese.
  function shown(id, view) {
    var en = document.querySelector('[data-para-en="' + id + '"]');
    return view === "en" && en ? en : document.querySelector('[data-para="' + id + '"]');
  }

  // Puts an element at the reading line at once (not smoothly: the page must not move after).
  function place(el) {
    window.scrollTo({ top: el.getBoundingClientRect().top + window.pageYOffset - LINE, behavior: "instant" });
  }

  function apply(view, keepPlace) {
    var id = keepPlace ? blockAtTop() : null;
    root.setAttribute("data-view", view);
    if (group) {
      var buttons = group.querySelectorAll("button[data-view]");
      for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-view") === view));
    }
    var target = id && shown(id, view);
    if (target) place(target);
  }

  // A link to a paragraph (#p-2.4.1) lands on what the view shows of it; a link to its English
  // (#p-2.4.1-en, an English search hit) shows the English beside the Chinese if it was hidden.
  function followHash() {
    var m = /^#p-(.+?)(-en)?$/.exec(decodeURIComponent(window.location.hash));
    if (!m) return;
    if (m[2] && root.getAttribute("data-view") === "zh") apply("bi", false);
    var view = root.getAttribute("data-view");
    var target = m[2] ? document.querySelector('[data-para-en="' + m[1] + '"]') : shown(m[1], view);
    if (target && (m[2] || view === "en")) place(target);
  }

  apply(saved(), false);
  if (!group) return;
  group.hidden = false;
  group.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-view]");
    if (!button) return;
    var view = button.getAttribute("data-view");
    try {
      window.localStorage.setItem(KEY, view);
    } catch (e) {
      /* the view still changes for this page */
    }
    apply(view, true);
  });
  window.addEventListener("hashchange", followHash);
  followHash();
})();
