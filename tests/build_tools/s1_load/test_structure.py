"""Parsing: heading shapes, editorial groups, citation ids; and the real report's outline."""

from pathlib import Path

import pytest

from build_tools.model import RawBlock
from build_tools.s1_load.edition import load_report
from build_tools.s1_load.emend import repair
from build_tools.s1_load.structure import Group, Structure, parse
from build_tools.s1_load.yamlio import BuildError

LINES = [
    "报告", "——日期", "市长 某某", "各位代表：", "现在，我代表市人民政府报告。",
    "一、回顾", "一年来，成绩显著。",
    "（一）创新发展的动能不断积蓄。实施大产业创新体系。传统产业加快提升。推进改造。",
    "(二)协调发展的势头不断提升。统筹推进。",
    "过去一年，我们坚持依法行政。",
    "二、任务", "今年是决胜之年。",
    "——突出“两手抓”。牢牢把握部署。",
    "——突出“全面小康”。集中力量。",
    "(一) 统筹推进疫情防控",
    "慎终如始抓好疫情防控。打好持久战。",
    "全面恢复经济社会秩序。加大力度。",
]
STRUCTURE = Structure(
    groups=[
        Group(slug="1", part=1, title="总体情况", starts="一年来，成绩"),
        Group(slug="1/review", part=1, title="政府自身建设", starts="过去一年"),
        Group(slug="2", part=2, title="总体要求", starts="今年是决胜之年"),
    ],
    leads=["传统产业加快提升。", "慎终如始抓好疫情防控。"],
)


def page(report, slug):
    return next(p for p in report.pages if p.slug == slug)


@pytest.fixture
def report():
    raw = [RawBlock(i + 1, t) for i, t in enumerate(LINES)]
    return parse(repair(raw, [], Path("c.yaml")), STRUCTURE, Path("s.yaml"))


def test_title_block_and_salutation(report):
    assert [(b.cid, b.kind) for b in report.front] == [
        ("0.0.1", "title"), ("0.0.2", "occasion"), ("0.0.3", "speaker"), ("0.0.4", "salutation"), ("0.0.5", "paragraph")
    ]


def test_inline_heading_is_split_from_its_paragraph(report):
    page = next(p for p in report.pages if p.slug == "1/1")
    assert page.heading.cid == "1.1" and page.heading.text == "（一）创新发展的动能不断积蓄。"
    assert page.blocks[0].cid == "1.1.1" and page.blocks[0].text.startswith("实施大产业")
    assert page.blocks[0].leads == ("传统产业加快提升。",)
    assert page.title == "创新发展的动能不断积蓄" and not page.editorial_title


def test_half_width_inline_and_standalone_headings(report):
    assert report.block("1.2").text == "（二）协调发展的势头不断提升。"
    assert report.block("2.1").text == "（一）统筹推进疫情防控"
    assert [b.cid for b in report.pages[-1].blocks] == ["2.1.1", "2.1.2"]


def test_unheaded_runs_get_editorial_pages_and_section_zero_ids(report):
    review = next(p for p in report.pages if p.slug == "1/review")
    assert review.editorial_title and review.title == "政府自身建设"
    assert [b.cid for b in review.blocks] == ["1.0.2"]


def test_dash_items_form_a_list(report):
    assert [(b.cid, b.kind) for b in page(report, "2").blocks] == [("2.0.1", "paragraph"), ("2.0.2", "item"), ("2.0.3", "item")]


def test_part_heading_sits_on_the_parts_first_page(report):
    assert report.pages[0].part_heading.text == "一、回顾"
    assert page(report, "2").part_heading.cid == "2"
    assert page(report, "1/1").part_heading is None


def test_a_lead_that_is_not_in_the_text_is_an_error():
    raw = [RawBlock(i + 1, t) for i, t in enumerate(LINES)]
    bad = STRUCTURE.model_copy(update={"leads": ["不存在的句子。"]})
    with pytest.raises(BuildError) as info:
        parse(repair(raw, [], Path("c.yaml")), bad, Path("s.yaml"))
    assert [str(e) for e in info.value.errors] == ["s.yaml:1: lead sentence '不存在的句子。' occurs 0 times; it must occur exactly once"]


def test_real_report_outline():
    report = load_report()
    assert [b.text for b in report.parts] == ["一、2019年工作回顾", "二、2020年目标任务和重点工作", "三、加快推进政府治理能力现代化"]
    numbered = [p.slug for p in report.pages if not p.editorial_title]
    assert numbered == [f"1/{i}" for i in range(1, 6)] + [f"2/{i}" for i in range(1, 10)] + [f"3/{i}" for i in range(1, 5)]
    assert 20 <= len(report.pages) <= 30
    cids = [b.cid for b in report.blocks()]
    assert len(cids) == len(set(cids))
