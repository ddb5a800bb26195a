/* What the search worker's answers show (build_tools/s3_search/answers.js, put before Material's
   worker by material_fixes.py).
   - Snippets: each result's text (HTML: p, li, code and the worker's <mark> around the matches)
     becomes one line of at most TOTAL widths starting at most BEFORE widths ahead of its first mark;
     a Han character is two widths wide, other characters one, markup none. Only the worker's marks
     are kept: blocks become spaces and other tags go, so no cut leaves a tag open, and nothing is
     added but the two ellipses.
   - Missing terms: a result is said to miss only the terms its title and text do not have.
   - Order: the pages with a result that has every term come first, each kind in Material's
     order (its title boost would otherwise put a glossary entry named 宅经济 above a paragraph
     that says 数字经济 six times, for the query 数字经济). */
var __editionAnswers = (function () {
  "use strict";
  var BEFORE = 36, TOTAL = 190, ELLIPSIS = "\u2026";
  var TOKEN = /<[^>]*>|&[#A-Za-z0-9]+;|[\s\S]/g;
  var WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
  var LETTER = /^[A-Za-z0-9'\u2019-]$/;

  function width(t) {
    return t.charAt(0) === "<" || t === "\u200b" ? 0 : WIDE.test(t) ? 2 : 1;
  }

  function tokens(html) {
    var out = [];
    (html.match(TOKEN) || []).forEach(function (t) {
      if (t.charAt(0) !== "<") out.push(t);
      else if (/^<\/?mark[\s>]/i.test(t)) out.push(t);
      else if (/^<\/?(p|li|ul|ol|div|h\d|br)[\s>/]/i.test(t) && out.length && !/^\s$/.test(out[out.length - 1])) out.push(" ");
    });
    while (out.length && /^\s$/.test(out[out.length - 1])) out.pop();
    while (out.length && /^\s$/.test(out[0])) out.shift();
    return out;
  }

  function cut(html) {
    if (typeof html !== "string" || !html) return html;
    var t = tokens(html), first = -1, i;
    for (i = 0; i < t.length; i++) if (/^<mark/i.test(t[i])) { first = i; break; }
    // Start: back from the first mark, BEFORE widths, then forward to a word's start.
    var start = 0;
    if (first > 0) {
      var w = 0;
      for (start = first; start > 0 && w + width(t[start - 1]) <= BEFORE; start--) w += width(t[start - 1]);
      while (start < first && start > 0 && LETTER.test(t[start - 1]) && LETTER.test(t[start])) start++;
    }
    // End: forward TOTAL widths, back to a word's end, closing a mark left open.
    var end = start, used = 0, open = false;
    for (; end < t.length; end++) {
      used += width(t[end]);
      if (used > TOTAL) break;
    }
    if (end < t.length) {
      var keep = end;
      while (keep > start && LETTER.test(t[keep - 1]) && LETTER.test(t[keep])) keep--;
      if (keep > start + 1) end = keep;
    }
    var out = start > 0 ? ELLIPSIS : "";
    for (i = start; i < end; i++) {
      if (/^<mark/i.test(t[i])) open = true;
      else if (/^<\/mark/i.test(t[i])) open = false;
      out += t[i];
    }
    if (open) out += "</mark>";
    if (end < t.length) out += ELLIPSIS;
    return "<p>" + out + "</p>";
  }

  // A term is missing only if the result does not have it: Material lists a term as missing when no
  // index word of the result starts with it, which misses a term the result has inside a longer
  // word (a half of 数字经济) and every term it gave lunr's wildcard (数字*).
  function found(doc) {
    var terms = doc.terms, plain = null;
    if (!terms) return terms;
    Object.keys(terms).forEach(function (k) {
      if (terms[k]) return;
      if (plain === null) plain = ((doc.title || "") + " " + (doc.text || "")).replace(/<[^>]*>|\u200b/g, "").toLowerCase();
      var bare = k.replace(/\*/g, "").toLowerCase();
      if (bare && plain.indexOf(bare) >= 0) terms[k] = true;
    });
    return terms;
  }

  // A search's answer: {type: 3, data: {items: [[document, ...], ...]}}; anything else as it is.
  return function (answer) {
    if (!answer || answer.type !== 3 || !answer.data || !Array.isArray(answer.data.items)) return answer;
    var whole = [], partial = [];
    answer.data.items.forEach(function (group) {
      var complete = false;
      group.forEach(function (doc) {
        if (!doc) return;
        // Before the cut: the terms are looked for in the whole text.
        doc.terms = found(doc);
        var keys = doc.terms ? Object.keys(doc.terms) : [];
        if (keys.length && keys.every(function (k) { return doc.terms[k]; })) complete = true;
        if (typeof doc.text === "string") doc.text = cut(doc.text);
      });
      (complete ? whole : partial).push(group);
    });
    answer.data.items = whole.concat(partial);
    return answer;
  };
})();
