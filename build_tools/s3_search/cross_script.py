"""Queries in either script: a reader types 数字经济 on the 繁體 site, or 數字經濟 on the 简体 one.

The search worker turns the query's characters into the script of the variant it serves before
searching, character by character, with a table made from the edition's own texts: the report's
blocks and the glossary's terms in simplified and as the variant prints them. A simplified
character that the edition prints two ways (发 as 發 and, elsewhere, 髮) takes the commoner form.
One worker serves every variant (the variants share the root's copy of the assets): it holds each
variant's table and takes the one the search index names (config.edition_variant, written by
paragraphs.rewrite_index).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable


def char_map(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """From texts and their conversions (``(from, to)``, the same length): each character of
    ``from`` that the conversion prints differently, and the form it prints most often."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for source, target in pairs:
        if len(source) != len(target):
            continue  # OpenCC converts character for character; a text that is not cannot align
        for a, b in zip(source, target, strict=True):
            if a != b:
                seen[a][b] += 1
    return {a: forms.most_common(1)[0][0] for a, forms in sorted(seen.items())}


# Prepended to Material's search worker: a message listener registered before Material's own, so it
# runs first: on setup (message type 0) it takes the table of the variant the index names, and it
# rewrites each query (type 2, SEARCH_QUERY) in place.
LISTENER = (
    "/* Queries in either script (build_tools/s3_search/cross_script.py). */"
    '(function(){{var t={tables},m={{}};addEventListener("message",function(e){{var d=e.data;'
    "if(d&&d.type===0){{var c=d.data&&d.data.config;m=(c&&t[c.edition_variant])||{{}};}}"
    'else if(d&&d.type===2&&typeof d.data==="string"){{var q="";for(var i=0;i<d.data.length;i++){{var k=d.data[i];q+=m[k]||k;}}d.data=q;}}}});}})();\n'
)


def query_script(tables: dict[str, dict[str, str]]) -> str:
    """The listener, with each variant's table as a JavaScript object literal (JSON, ASCII-escaped)."""
    import json

    return LISTENER.format(tables=json.dumps(tables, ensure_ascii=True, sort_keys=True, separators=(",", ":")))


def tables(texts: dict[str, list[str]], source: str) -> dict[str, dict[str, str]]:
    """Each variant's query table, from the same texts in every variant (``texts[code]``, aligned):
    a converted variant's from the source's characters to its own; the source's from every other
    variant's characters to its own."""
    out = {code: char_map(zip(texts[source], own, strict=True)) for code, own in texts.items() if code != source}
    out[source] = char_map((other, texts[source][i]) for code, own in texts.items() if code != source for i, other in enumerate(own))
    return out
