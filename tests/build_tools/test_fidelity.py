"""Nothing of the report is lost: the model with emendations undone is the seed file."""

from build_tools import paths
from build_tools.model import apply_emendations


def test_undoing_emendations_gives_back_the_seed(report):
    seed = paths.SEED_TEXT.read_text(encoding="utf-8")
    rebuilt = "".join(b.source for b in report.blocks())
    # Line breaks and blank lines are the only difference allowed.
    assert rebuilt.replace("\n", "") == seed.replace("\n", "")


def test_every_block_is_its_source_plus_its_emendations(report):
    for block in report.blocks():
        for e in block.emendations:
            assert block.source[e.start : e.end] == e.before, (block.cid, e)
        assert block.text == apply_emendations(block.source, block.emendations)


def test_known_scars_are_repaired(report):
    text = "".join(b.text for b in report.blocks())
    for scar in ("项\n目", " 80 ", "PM_{2.5}", "落實", "(二)", "代表!"):
        assert scar not in text
    assert "衢州市人民政府市长 汤飞帆" in text
    assert "中央和省省委省政府" in text  # kept, with a [sic] note
    rules = {e.rule for b in report.blocks() for e in b.emendations}
    assert rules == {"page-break", "spacing", "formula", "punctuation", "heading-bracket", "traditional-character", "sic"}
    page_breaks = sum(1 for b in report.blocks() for e in b.emendations if e.rule == "page-break")
    assert page_breaks == 8
