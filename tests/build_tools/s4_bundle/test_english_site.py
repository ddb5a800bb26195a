"""The English reading text in the built site and data: every block's English once, on the block's
page, the same in every script variant, marked lang="en" and never converted; the open data
carries it; a section page stays within 1.3 times its weight without it."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from build_tools import registry
from build_tools.s2_render.render import page_url

pytestmark = pytest.mark.slow


def english_blocks(path) -> dict[str, str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    out = {}
    for el in soup.select("[data-para-en]"):
        assert el.get("lang") == "en"
        for marker in el.select("[data-editorial]"):
            marker.decompose()
        assert el["data-para-en"] not in out, "an English block given twice"
        out[el["data-para-en"]] = el.get_text()
    return out


def test_every_block_has_its_english_on_its_page_in_every_variant(built, edition):
    english = {cid: t.en for cid, t in edition.ctx.english.items()}
    assert set(english) == {b.cid for b in edition.report.blocks()}
    for v in registry.VARIANTS:
        found: dict[str, str] = {}
        for md in sorted(set(edition.ctx.block_page.values())):
            blocks = english_blocks(built["site"] / v.prefix / page_url(md))
            assert all(edition.ctx.block_page[cid] == md for cid in blocks)
            found |= blocks
        # Word for word the translation's text, unconverted, in each variant.
        assert found == english


def test_the_open_data_carries_the_english(built, edition):
    for v in registry.VARIANTS:
        blocks = json.loads((built["site"] / v.prefix / "data" / "report.json").read_text(encoding="utf-8"))["blocks"]
        assert {b["cid"]: (b["en"], b["en_status"]) for b in blocks} == {cid: (t.en, t.status) for cid, t in edition.ctx.english.items()}
    schema = json.loads((built["site"] / "data" / "report.schema.json").read_text(encoding="utf-8"))
    assert {"en", "en_status"} <= set(schema["$defs"]["BlockData"]["properties"])
    header = (built["site"] / "data" / "report.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-2:] == ["en", "en_status"]


def test_a_section_page_weighs_at_most_1_3_times_its_weight_without_the_english(built, edition):
    ratios = {}
    for md in sorted({p for p in edition.ctx.block_page.values() if p != "index.md"}):
        html = (built["site"] / page_url(md)).read_text(encoding="utf-8")
        # What the English adds: its blocks, the switch and the translation's note, as serialized.
        added = sum(len(str(el).encode()) for el in BeautifulSoup(html, "lxml").select("[data-para-en], .view-switch, .en-note"))
        assert added > 0, md
        ratios[md] = len(html.encode()) / (len(html.encode()) - added)
    assert max(ratios.values()) <= 1.3, ratios
