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

WORKERS = Path(material.__file__).resolve().parent / "templates" / "assets" / "javascripts" / "workers"
BUGGY = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


class PatchFailed(Exception):
    pass


def patched_search_worker() -> dict[str, str]:
    """The worker with the fix, keyed by its path in the site (so it replaces Material's)."""
    workers = sorted(WORKERS.glob("search.*.min.js"))
    if len(workers) != 1:
        raise PatchFailed(f"expected one Material search worker in {WORKERS}, found {len(workers)}")
    code = workers[0].read_text(encoding="utf-8")
    if code.count(BUGGY) != 1:
        raise PatchFailed(f"{workers[0]}: the query segmentation loop has changed; review build_tools/s3_search/material_fixes.py")
    return {f"assets/javascripts/workers/{workers[0].name}": code.replace(BUGGY, FIXED)}
