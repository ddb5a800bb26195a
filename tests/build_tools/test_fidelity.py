"""Nothing of the report is lost or silently changed: the built pages, with every recorded emendation
undone, are the seed file.

The text is read from the built HTML (each ``[data-para]`` minus its ``[data-editorial]`` parts),
the records from the published ``data/report.json`` and ``seeds/emendations.yaml``, and the result is
compared with the seed file read directly. Nothing here calls Block.text, the renderer or
apply_emendations, so a bug in any of them (a change made but not recorded, a record whose change
was not made, an offset that points elsewhere) shows as a difference from the seed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools import paths

SEED = paths.ROOT / "seeds" / "quzhou-2020-government-work-report.txt"
CORRECTIONS = paths.ROOT / "seeds" / "emendations.yaml"


def seed_lines() -> list[str]:
    """The seed file's lines, blank ones aside (the edition keeps no blank lines)."""
    return [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]


def built_texts(site: Path) -> dict[str, str]:
    """Citation id → the report's own text of that block on the simplified pages."""
    out = {}
    pages = [site / "index.html", *sorted(p for part in ("1", "2", "3") for p in (site / part).glob("*.html"))]
    for page in pages:
        for el in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("[data-para]"):
            for editorial in el.select("[data-editorial]"):
                editorial.decompose()
            assert el["data-para"] not in out, f"{el['data-para']} is printed twice"
            out[el["data-para"]] = el.get_text()
    return out


def undo(text: str, records: list[dict]) -> tuple[str, list[str]]:
    """The seed text of a block: each record's ``after``, found where its ``start`` says, put back to ``before``.

    ``start`` is an offset in the seed text; in the printed text it moves by what the earlier
    records added or removed. A record whose ``after`` is not there is a problem, not skipped.
    """
    out, problems, pos, shift = [], [], 0, 0
    for r in sorted(records, key=lambda r: r["start"]):
        at = r["start"] + shift
        if text[at : at + len(r["after"])] != r["after"]:
            problems.append(f"{r['rule']} at {r['start']}: expected {r['after']!r}, printed {text[at : at + len(r['after'])]!r}")
        out.append(text[pos:at])
        out.append(r["before"])
        pos = at + len(r["after"])
        shift += len(r["after"]) - len(r["before"])
    out.append(text[pos:])
    return "".join(out), problems


@pytest.fixture(scope="module")
def published(built) -> dict:
    return json.loads((built["site"] / "data" / "report.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_built_pages_with_emendations_undone_are_the_seed(built, published):
    """Undoing each published record in the printed text gives back every line of the seed file, in order."""
    printed = built_texts(built["site"])
    assert set(printed) == {b["cid"] for b in published["blocks"]}
    lines: list[str] = []
    problems: list[str] = []
    previous_line = None
    for block in published["blocks"]:
        source, block_problems = undo(printed[block["cid"]], block["emendations"])
        problems += [f"{block['cid']}: {p}" for p in block_problems]
        # A section heading and the paragraph after it can share a seed line ("（一）……。实施……").
        if block["seed_line"] == previous_line:
            lines[-1] += source
        else:
            lines.append(source)
        previous_line = block["seed_line"]
    assert problems == []
    # A joined page break is a recorded "\n"; the seed's blank lines are the only thing left aside.
    assert "\n".join(lines).split("\n") == seed_lines()


@pytest.mark.slow
def test_every_hand_kept_correction_is_published_as_a_record(published):
    """Each record of seeds/emendations.yaml is among the published ones the fidelity check undoes."""
    records = [e for b in published["blocks"] for e in b["emendations"]]
    missing = []
    for c in yaml.safe_load(CORRECTIONS.read_text(encoding="utf-8"))["corrections"]:
        if c["rule"] == "page-break":
            found = [r for r in records if r["rule"] == "page-break" and r["before"] == "\n" and r["reason"] == c["reason"]]
        else:
            found = [r for r in records if (r["rule"], r["before"], r["after"], r["reason"]) == (c["rule"], c["before"], c["after"], c["reason"])]
        if len(found) != 1:
            missing.append((c["line"], c["rule"]))
    assert missing == []


def test_known_scars_are_repaired(report):
    """The PDF's scars are gone from the edition's text, the [sic] is kept, and every rule is used."""
    text = "".join(b.text for b in report.blocks())
    for scar in ("项\n目", " 80 ", "PM_{2.5}", "落實", "(二)", "代表!"):
        assert scar not in text
    assert "衢州市人民政府市长 汤飞帆" in text
    assert "中央和省省委省政府" in text  # kept, with a [sic] note
    rules = {e.rule for b in report.blocks() for e in b.emendations}
    assert rules == {"page-break", "spacing", "formula", "punctuation", "heading-bracket", "traditional-character", "sic"}
    page_breaks = sum(1 for b in report.blocks() for e in b.emendations if e.rule == "page-break")
    assert page_breaks == 8
