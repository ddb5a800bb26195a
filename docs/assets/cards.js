// The card of a term or a number: its words, pinyin, English and one-line definition (or the
// indicator, year and quote of a number) with a link to the full entry, instead of a tooltip.
// Shown on hover (and kept while the pointer is on the card), on keyboard focus and on a tap;
// Esc, a tap elsewhere or the close button dismiss it; it is placed to stay on screen (WCAG
// 1.4.13). The cards themselves are in the page, hidden (.term-cards); this only shows them.
(function () {
  "use strict";
  var store = document.querySelector(".term-cards");
  if (!store) return;
  var TRIGGER = "a.term, a.num";
  var touch = window.matchMedia && window.matchMedia("(hover: none)").matches;
  var pop = document.createElement("div");
  pop.className = "term-card-pop";
  pop.id = "term-card-pop";
  pop.setAttribute("role", "dialog");
  pop.hidden = true;
  document.body.appendChild(pop);
  var current = null;
  var timer = null;
  // The link a tap has shown the card of: the next tap on it follows it (a tap also focuses it,
  // which shows the card too, so being shown is not enough).
  var armed = null;
  // The link Esc or the close button hands focus back to: its focus must not reopen the card.
  var quiet = null;

  function key(link) {
    return link.matches("a.term") ? "term:" + link.getAttribute("data-term") : "num:" + link.getAttribute("data-ledger");
  }

  function place(link) {
    if (touch || window.innerWidth < 600) {
      pop.classList.add("term-card-pop--sheet");
      pop.style.top = pop.style.left = "";
      return;
    }
    pop.classList.remove("term-card-pop--sheet");
    var r = link.getBoundingClientRect();
    var width = pop.offsetWidth;
    var height = pop.offsetHeight;
    var left = Math.min(Math.max(8, r.left), document.documentElement.clientWidth - width - 8);
    // Below the link if it fits, else above it.
    var top = r.bottom + 8 + height <= window.innerHeight ? r.bottom + 8 : Math.max(8, r.top - height - 8);
    pop.style.left = left + window.pageXOffset + "px";
    pop.style.top = top + window.pageYOffset + "px";
  }

  function show(link) {
    var card = store.querySelector('[data-card="' + key(link) + '"]');
    if (!card) return;
    clearTimeout(timer);
    if (current && current !== link) current.removeAttribute("aria-describedby");
    pop.innerHTML = "";
    pop.appendChild(card.cloneNode(true));
    var close = document.createElement("button");
    close.type = "button";
    close.className = "term-card-pop__close";
    // The close button's words are the store's aria-label (a message of the catalog).
    close.setAttribute("aria-label", store.getAttribute("aria-label") || "×");
    close.textContent = "×";
    pop.appendChild(close);
    pop.hidden = false;
    current = link;
    link.setAttribute("aria-describedby", pop.id);
    place(link);
  }

  function hide() {
    clearTimeout(timer);
    armed = null;
    pop.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(hide, 400);
  }

  document.addEventListener("mouseover", function (event) {
    if (touch) return;
    var link = event.target.closest(TRIGGER);
    if (link) show(link);
    else if (event.target.closest(".term-card-pop")) clearTimeout(timer);
  });
  document.addEventListener("mouseout", function (event) {
    if (!touch && event.target.closest(TRIGGER + ", .term-card-pop")) later();
  });
  document.addEventListener("focusin", function (event) {
    var link = event.target.closest(TRIGGER);
    if (link && link === quiet) quiet = null;
    else if (link) show(link);
    else if (!event.target.closest(".term-card-pop")) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || pop.hidden) return;
    var link = current;
    var inside = pop.contains(document.activeElement);
    hide();
    // Focus goes back to the term only if it was in the card.
    if (link && inside) {
      quiet = link;
      link.focus({ preventScroll: true });
    }
    event.stopPropagation();
  }, true);
  pop.addEventListener("click", function (event) {
    if (event.target.closest(".term-card-pop__close")) {
      var link = current;
      hide();
      if (link) {
        quiet = link;
        link.focus({ preventScroll: true });
      }
    }
  });
  // A tap shows the card; a second tap on the same term (or the card's link) goes to the entry.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(TRIGGER);
    if (!link) {
      if (!event.target.closest(".term-card-pop")) hide();
      return;
    }
    if (!touch || (armed === link && !pop.hidden)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    show(link);
    armed = link;
  }, true);
  window.addEventListener("resize", function () {
    if (current && !pop.hidden) place(current);
  });
})();
