"""Where each glossary entry occurs in the report: its terms as build_tools.terms finds them, by block."""

from __future__ import annotations

from build_tools.terms import TermMatcher


def occurrences(blocks: dict[str, str], matcher: TermMatcher) -> dict[str, list[str]]:
    """Entry id → the citation ids where it occurs, in reading order, once per occurrence."""
    out: dict[str, list[str]] = {}
    for cid, text in blocks.items():
        for m in matcher.find(text):
            out.setdefault(m.entry_id, []).append(cid)
    return out
