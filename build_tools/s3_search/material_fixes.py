"""A fix to Material's search worker, applied to the installed copy at build time.

Material segments a Chinese query against the index's own terms (function `fe` in
workers/search.*.min.js), but its inner loop stops one character short (`o<t.length`), so a
query that is itself a whole index term — “最多跑一次”, “两山” — is never matched whole and falls
apart into single characters. The fix is the one comparison; if Material's code changes, the
build stops here rather than ship an unpatched or mispatched worker. To be reported upstream.
"""

from __future__ import annotations

from pathlib import Path

import material

from build_tools.s3_search import cross_script

WORKERS = Path(material.__file__).resolve().parent / "templates" / "assets" / "javascripts" / "workers"
BUGGY = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
# The same function keeps only the longest index term at each place: 数字经济 finds the paragraphs
# where jieba cut it whole and misses those where it cut 数字 / 经济 (jieba cuts by context). Every
# term found is also looked up in its two halves when both are index terms of two characters or more.
SEGMENTS_RETURN = 'return r.has("")?new Set([t]):r}'
WITH_HALVES = "for(const w of[...r])for(let k=2;k<w.length-1;k++)w.slice(0,k)in e&&w.slice(k)in e&&(r.add(w.slice(0,k)),r.add(w.slice(k)));" + SEGMENTS_RETURN


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
    fixed = code.replace(BUGGY, FIXED).replace(SEGMENTS_RETURN, WITH_HALVES)
    # Material's worker reads queries in its one "message" listener, registered at its end.
    if query_tables is not None:
        if code.count('addEventListener("message",') != 1:
            raise PatchFailed(f"{workers[0]}: the worker's message listener has changed; review build_tools/s3_search/cross_script.py")
        fixed = cross_script.query_script(query_tables) + fixed
    return {f"assets/javascripts/workers/{workers[0].name}": fixed}
