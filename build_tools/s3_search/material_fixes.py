"""Fixes to Material's search, applied to the installed copies at build time.

- **The worker** (workers/search.*.min.js). Material segments a Chinese query against the index's
  own terms (function `fe`), but its inner loop stops one character short (`o<t.length`), so a
  query that is itself a whole index term — “最多跑一次”, “两山” — is never matched whole and falls
  apart into single characters: the fix is the one comparison. A term found is also looked up in
  its halves (WITH_HALVES). Each result's text is cut to a snippet around its first match
  and a term its text has is not listed as missing (answers.js, on the worker's answers).
- **The page script** (bundle.*.min.js). Material hands the index to the worker at page load over
  HTTP (from file:// it waits for the search to open), and its highlighter subscribes to the index
  on every page, so every page loads the whole index at once. Patched, the index is loaded when
  the search is first opened (focus, click, or its shortcut), or when the address asks for a
  highlight (``?h=``, a search hit arriving); never otherwise.

Each patch is an exact string of Material's minified code, found exactly once; if Material's code
changes, the build stops here rather than ship an unpatched or mispatched search. To be reported
upstream.
"""

from __future__ import annotations

from pathlib import Path

import material

from build_tools.s3_search import cross_script

JAVASCRIPTS = Path(material.__file__).resolve().parent / "templates" / "assets" / "javascripts"
WORKERS = JAVASCRIPTS / "workers"
BUGGY = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
# The same function keeps only the longest index term at each place: 数字经济 finds the paragraphs
# where jieba cut it whole and misses those where it cut 数字 / 经济 (jieba cuts by context). Every
# term found is also looked up in its two halves when both are index terms of two characters or more.
SEGMENTS_RETURN = 'return r.has("")?new Set([t]):r}'
WITH_HALVES = "for(const w of[...r])for(let k=2;k<w.length-1;k++)w.slice(0,k)in e&&w.slice(k)in e&&(r.add(w.slice(0,k)),r.add(w.slice(k)));" + SEGMENTS_RETURN

# The worker answers each message with `postMessage(...)`; a search's answer (type 3) passes through
# answers.js first (snippets; no term listed as missing that the result has).
ANSWER = "postMessage(yield Fe(t.data))"
SNIPPED_ANSWER = "postMessage(__editionAnswers(yield Fe(t.data)))"
ANSWERS_JS = Path(__file__).with_name("answers.js")

# The page script: the worker is given the index on the first opening of the search (and over
# HTTP, at once: `$(location.protocol!=="file:")`); only the opening is kept.
EAGER_SETUP = 'L($(location.protocol!=="file:"),Je("search")).pipe(Re(o=>o),b(()=>t))'
LAZY_SETUP = 'Je("search").pipe(Re(o=>o),b(()=>t))'
# The highlighter combines the index with the address (`z` is combineLatest, which subscribes to
# both at once); patched, it subscribes to the index only after an address with `h` (`b` is
# switchMap, `m` map).
EAGER_HIGHLIGHT = 'z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))]).pipe(m(([o,n])=>'
LAZY_HIGHLIGHT = 'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n])))).pipe(m(([o,n])=>'


class PatchFailed(Exception):
    pass


def patched_search_worker(query_tables: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """The worker with the fixes, keyed by its path in the site (so it replaces Material's); with
    ``query_tables`` (by variant), a query's characters are first put in the script of the variant
    the index names (cross_script)."""
    workers = sorted(WORKERS.glob("search.*.min.js"))
    if len(workers) != 1:
        raise PatchFailed(f"expected one Material search worker in {WORKERS}, found {len(workers)}")
    code = workers[0].read_text(encoding="utf-8")
    if code.count(BUGGY) != 1:
        raise PatchFailed(f"{workers[0]}: the query segmentation loop has changed; review build_tools/s3_search/material_fixes.py")
    if code.count(SEGMENTS_RETURN) != 1:
        raise PatchFailed(f"{workers[0]}: the query segmentation's return has changed; review build_tools/s3_search/material_fixes.py")
    if code.count(ANSWER) != 1:
        raise PatchFailed(f"{workers[0]}: the worker's answer has changed; review build_tools/s3_search/material_fixes.py")
    fixed = code.replace(BUGGY, FIXED).replace(SEGMENTS_RETURN, WITH_HALVES).replace(ANSWER, SNIPPED_ANSWER)
    fixed = ANSWERS_JS.read_text(encoding="utf-8") + fixed
    # Material's worker reads queries in its one "message" listener, registered at its end.
    if query_tables is not None:
        if code.count('addEventListener("message",') != 1:
            raise PatchFailed(f"{workers[0]}: the worker's message listener has changed; review build_tools/s3_search/cross_script.py")
        fixed = cross_script.query_script(query_tables) + fixed
    return {f"assets/javascripts/workers/{workers[0].name}": fixed}


def patched_bundle() -> dict[str, str]:
    """Material's page script with the index loaded on first use, keyed by its path in the site."""
    bundles = sorted(JAVASCRIPTS.glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PatchFailed(f"expected one Material page script in {JAVASCRIPTS}, found {len(bundles)}")
    code = bundles[0].read_text(encoding="utf-8")
    for eager in (EAGER_SETUP, EAGER_HIGHLIGHT):
        if code.count(eager) != 1:
            raise PatchFailed(f"{bundles[0]}: the search index's loading has changed ({eager[:40]}…); review build_tools/s3_search/material_fixes.py")
    return {f"assets/javascripts/{bundles[0].name}": code.replace(EAGER_SETUP, LAZY_SETUP).replace(EAGER_HIGHLIGHT, LAZY_HIGHLIGHT)}
