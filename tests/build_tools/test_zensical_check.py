"""Zensical builds the same report text as Material: the comparison, the derived config, the build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools import paths, zensical_check
from build_tools.settings import BuildSettings
from build_tools.zensical_check import (
    Difference,
    ZensicalUnavailable,
    compare_pages,
    compare_sites,
    report_blocks,
    zensical_config,
)

PAGE = """<article>
<h2 data-para="2.4">持之以恒打造最优营商环境<a data-editorial class="headerlink" href="#x">¶</a></h2>
<p data-para="2.4.1">纵深推进“<a class="term" data-term="z" href="g.html#z">最多跑一次</a>”改革。<sup data-editorial>[注1]</sup></p>
<p data-para="2.4.2">抓好省政务服务2.0建设。<span data-editorial><button>复制</button>[sic]</span></p>
</article>"""


def test_equal_pages_have_no_difference():
    assert compare_pages("2/4.html", PAGE, PAGE) == (3, [])
    assert report_blocks(PAGE) == {"2.4": "持之以恒打造最优营商环境", "2.4.1": "纵深推进“最多跑一次”改革。", "2.4.2": "抓好省政务服务2.0建设。"}


def test_a_changed_character_is_a_difference():
    changed = PAGE.replace("2.0建设", "2.0建没")
    assert compare_pages("2/4.html", PAGE, changed) == (3, [Difference("2/4.html", "2.4.2", "抓好省政务服务2.0建设。", "抓好省政务服务2.0建没。")])


def test_a_missing_block_is_a_difference_either_way():
    without = PAGE.replace(' data-para="2.4.1"', "")
    assert compare_pages("2/4.html", PAGE, without) == (3, [Difference("2/4.html", "2.4.1", "纵深推进“最多跑一次”改革。", None)])
    assert compare_pages("2/4.html", without, PAGE) == (3, [Difference("2/4.html", "2.4.1", None, "纵深推进“最多跑一次”改革。")])


def test_editorial_markers_are_ignored_but_not_text_outside_them():
    other_markers = PAGE.replace("[注1]", "[注2]").replace("<button>复制</button>", "").replace("¶", "#")
    assert compare_pages("2/4.html", PAGE, other_markers) == (3, [])
    unmarked = PAGE.replace("<sup data-editorial>", "<sup>")
    assert compare_pages("2/4.html", PAGE, unmarked)[1] == [Difference("2/4.html", "2.4.1", "纵深推进“最多跑一次”改革。", "纵深推进“最多跑一次”改革。[注1]")]


def test_an_id_twice_on_a_page_is_an_error():
    with pytest.raises(ValueError, match=r"2\.4\.1"):
        report_blocks(PAGE + '<p data-para="2.4.1">又一段</p>')


def test_a_page_only_one_build_has_is_a_difference(tmp_path):
    for side, pages in (("material", ("index.html", "2/4.html")), ("zensical", ("index.html",))):
        for page in pages:
            (tmp_path / side / page).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / side / page).write_text(PAGE, encoding="utf-8")
    # The traditional variants of the Material site are not compared: Zensical builds only 简体.
    (tmp_path / "material" / "zh-TW").mkdir()
    (tmp_path / "material" / "zh-TW" / "index.html").write_text("<p data-para='x'>x</p>", encoding="utf-8")
    result = compare_sites(tmp_path / "material", tmp_path / "zensical")
    assert (result.pages, result.blocks) == (1, 3)
    assert [d.describe() for d in result.differences] == ["2/4.html: missing from the Zensical build"]


def test_the_derived_config_leaves_out_hooks_overrides_and_unread_search_options():
    base = yaml.safe_load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = [{"首页": "index.md"}]
    config, removed = zensical_config(base, nav)
    assert "hooks" not in config and "custom_dir" not in config["theme"] and "alternate" not in config["extra"]
    assert config["plugins"] == [{"search": {"separator": base["plugins"][0]["search"]["separator"]}}, "offline"]
    assert (config["docs_dir"], config["site_dir"], config["nav"]) == ("docs", "site", nav)
    assert len(removed) == 5 and removed[0].startswith("hooks")
    # mkdocs.yml itself is read, never changed.
    assert base == yaml.safe_load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_zensical_builds_every_block_of_the_report_as_material_does(built, edition, hosted_env, monkeypatch, tmp_path):
    """The real Zensical build of the generated pages against the real Material build.

    Fails (never skips) when Zensical cannot be installed: the reason is pip's output.
    """
    from build_tools.s4_bundle.prepare import prepare

    for key, value in hosted_env.items():
        monkeypatch.setenv(key, value)
    prepare(BuildSettings())  # docs/ as the Material build had it, whatever ran in between
    try:
        zensical, _, _ = zensical_check.build_with_zensical(work=tmp_path / "zensical")
    except ZensicalUnavailable as exc:
        pytest.fail(str(exc))
    material_blocks, zensical_blocks = all_blocks(built["site"]), all_blocks(zensical)
    assert set(zensical_blocks) == set(material_blocks) == set(edition.texts)
    assert zensical_blocks == material_blocks
    result = compare_sites(built["site"], zensical)
    assert (result.blocks, result.differences) == (len(edition.texts), [])


def all_blocks(site: Path) -> dict[str, str]:
    """Every block of the 简体 site, keyed by citation id (an id on two pages fails)."""
    blocks: dict[str, str] = {}
    for page in sorted(zensical_check.html_pages(site)):
        for cid, text in report_blocks((site / page).read_text(encoding="utf-8")).items():
            assert cid not in blocks, f"{cid} on two pages"
            blocks[cid] = text
    return blocks
