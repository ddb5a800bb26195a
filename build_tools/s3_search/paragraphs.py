"""Search by paragraph: each block of the report (and its English) is its own entry in Material's
search index, at its citation anchor (#p-2.4.1), so that a hit lands on the paragraph, ranks by
what that paragraph says, shows that paragraph as its snippet, and can be found by its citation id.

Material indexes a page by its headings; a report page has a handful of headings over thousands of
characters. After Material's search plugin (and the offline plugin, which inlines the index for
file://) have written the index, the report pages' entries are replaced by one per block, taken
from the built HTML: the text a reader reads, without editorial markers.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html

# The report's pages (parts 1–3 and their sections); every other page keeps Material's entries.
REPORT_PAGE = re.compile(r"^[123]/[^#]*\.html$|^[123]/index\.html$")
# A glossary entry, at its anchor on its category's page (not the page, not a category heading).
GLOSSARY_ENTRY = re.compile(r"^glossary/[^/#]+\.html#(?!cat-)[^#]+$")
# Every other entry (the pages about the edition, the numbers, the glossary's landing and
# category headings) ranks after the paragraphs and entries that have the same words: its
# headings are titles, which Material boosts a thousandfold, and "全部数字" must not outrank a
# paragraph that says 数字经济 six times. It is still found when nothing else has the words.
APPARATUS_BOOST = 0.0005

Segment = Callable[[str], str]


def block_entries(page_html: str, location: str, segment: Segment) -> list[dict]:
    """One entry per block of a built report page: its citation id as the title (typing 2.2.3 finds
    it), its text (Chinese segmented as Material segments it, English as it is) as the text."""
    # lxml's own tree, not BeautifulSoup's: this runs on every report page of every variant.
    doc = lxml.html.fromstring(page_html)
    entries = []
    for el in doc.xpath("//article//*[@data-para or @data-para-en]"):
        cid = el.get("data-para") or el.get("data-para-en")
        for marker in el.xpath(".//*[@data-editorial]"):
            marker.drop_tree()  # the marker goes; the text after it stays
        text = " ".join(el.text_content().split())
        if not text:
            continue
        english = el.get("data-para-en") is not None
        body = html.escape(text if english else segment(text), quote=False)
        # The English has an anchor of its own: one entry per location (Material keys them so).
        entries.append({"location": f"{location}#{el.get('id')}", "title": cid, "text": f"<p>{body}</p>"})
    return entries


def by_paragraph(index: dict, read_page: Callable[[str], str], segment: Segment) -> dict:
    """``index`` (Material's search_index.json, parsed) with each report page's section entries
    replaced by one entry for the page (its title, so that results group under it) and one per
    block. ``read_page`` gives the built HTML of a location."""
    docs: list[dict] = []
    done: set[str] = set()
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        if not REPORT_PAGE.match(page):
            docs.append(doc if GLOSSARY_ENTRY.match(doc["location"]) else {**doc, "boost": APPARATUS_BOOST})
            continue
        if page in done:
            continue
        done.add(page)
        # The page's own entry: Material shows a page's hits under it.
        title = next((d["title"] for d in index["docs"] if d["location"] == page), doc["title"])
        # Its boost is small: its title is not a paragraph's words, and must not outrank them.
        docs.append({"location": page, "title": title, "text": "", "boost": 0.0001})
        docs += block_entries(read_page(page), page, segment)
    return {**index, "docs": docs}


def rewrite_index(site_dir: Path, segment: Segment, variant: str = "") -> int:
    """Rewrite search/search_index.json (and the offline plugin's search_index.js, the same data
    for file://) of a built site by paragraph, naming the ``variant`` it serves (for the query
    tables of s3_search.cross_script); the number of entries."""
    folder = site_dir / "search"
    path = folder / "search_index.json"
    index = by_paragraph(json.loads(path.read_text(encoding="utf-8")), lambda page: (site_dir / page).read_text(encoding="utf-8"), segment)
    index["config"] = {**index["config"], "edition_variant": variant}
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
    inline = folder / "search_index.js"
    if inline.exists():
        inline.write_text(f"var __index = {data}", encoding="utf-8")
    return len(index["docs"])
