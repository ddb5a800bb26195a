"""The English translation: the number normaliser, the term and plain-text rules, and the real file."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal

import pytest

from build_tools import paths
from build_tools.s1_load import glossary, translations
from build_tools.s1_load.schema import Entry, Translation, Translations
from build_tools.s1_load.translations import PERCENT, PLAIN, POINTS, chinese_numbers, chinese_numeral, english_numbers, renderings
from build_tools.s1_load.yamlio import load
from build_tools.terms import TermMatcher


def D(text: str) -> Decimal:
    return Decimal(text).normalize()


# --- the normaliser, Chinese side -------------------------------------------------------------


@pytest.mark.parametrize(
    "numeral,value",
    [("十", 10), ("十九", 19), ("二十", 20), ("两", 2), ("一百二十", 120), ("一百零五", 105), ("百", 100), ("千", 1000), ("万", 10_000),
     ("百亿", 10**10), ("三亿五千万", 350_000_000), ("万亿", 10**12), ("二〇二〇", 2020), ("零", 0)],
)
def test_chinese_numerals(numeral, value):
    assert chinese_numeral(numeral) == value


def values(text: str) -> list[tuple[str, Decimal, str]]:
    return [(n.printed, n.value.normalize(), n.kind) for n in chinese_numbers(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("增长6.7%", [("6.7%", D("6.7"), PERCENT)]),
        ("分别增长8.0%、7.0%", [("8.0%", D("8"), PERCENT), ("7.0%", D("7"), PERCENT)]),
        ("垦造耕地2.8万亩", [("2.8万", D("28000"), PLAIN)]),
        ("完成投资118亿元", [("118亿", D("1.18E10"), PLAIN)]),
        ("贷款1.5亿元", [("1.5亿", D("1.5E8"), PLAIN)]),
        ("1183.2万平方米", [("1183.2万", D("11832000"), PLAIN)]),
        ("提高0.5个百分点", [("0.5个百分点", D("0.5"), POINTS)]),
        ("增长3-5%", [("3-5%", D("3"), PERCENT), ("3-5%", D("5"), PERCENT)]),
        ("PM2.5浓度33微克", [("2.5", D("2.5"), PLAIN), ("33", D("33"), PLAIN)]),
        ("2020年4月24日", [("2020", D("2020"), PLAIN), ("4", D("4"), PLAIN), ("24", D("24"), PLAIN)]),
        ("十方面民生实事", [("十", D("10"), PLAIN)]),
        ("五夺“大禹鼎”", [("五", D("5"), PLAIN)]),
        ("第三轮战略合作", [("第三", D("3"), PLAIN)]),
        ("党的十九届四中全会", [("十九", D("19"), PLAIN), ("四", D("4"), PLAIN)]),
        ("实施三年行动", [("三", D("3"), PLAIN)]),
        ("二期工程", [("二", D("2"), PLAIN)]),
        ("：一是稳增长。二是", [("一是", D("1"), PLAIN), ("二是", D("2"), PLAIN)]),
        ("（二）协调发展", [("二", D("2"), PLAIN)]),
        ("一、2019年工作回顾", [("一", D("1"), PLAIN), ("2019", D("2019"), PLAIN)]),
        ("新引进亿元以上项目80个", [("亿元", D("1E8"), PLAIN), ("80", D("80"), PLAIN)]),
        ("新增百亿企业1家", [("百亿", D("1E10"), PLAIN), ("1", D("1"), PLAIN)]),
        # Not quantities: the indefinite 一, names and idioms.
        ("一年来，一批项目", []),
        ("万众一心、千方百计", []),
        ("红十字、四川、三衢味、二手房、九华大道", []),
    ],
)
def test_chinese_numbers(text, expected):
    assert values(text) == expected


# --- the normaliser, English side -------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("grew by 6.7%", {(D("6.7"), PERCENT): 1}),
        ("28,000 mu", {(D("28000"), PLAIN): 1}),
        ("8.57 billion yuan", {(D("8.57E9"), PLAIN): 1}),
        ("150 million yuan", {(D("1.5E8"), PLAIN): 1}),
        ("11.832 million square meters", {(D("11832000"), PLAIN): 1}),
        ("0.5 percentage points", {(D("0.5"), POINTS): 1}),
        ("1 percentage point", {(D("1"), POINTS): 1}),
        ("3-5%", {(D("3"), PERCENT): 1, (D("5"), PERCENT): 1}),
        ("3 to 5%", {(D("3"), PERCENT): 1, (D("5"), PERCENT): 1}),
        ("the 19th Central Committee", {(D("19"), PLAIN): 1}),
        ("Ten Measures, the third round, twenty-one", {(D("10"), PLAIN): 1, (D("3"), PLAIN): 1, (D("21"), PLAIN): 1}),
        ("on April 24, 2020", {(D("4"), PLAIN): 1, (D("24"), PLAIN): 1, (D("2020"), PLAIN): 1}),
        ("I. Review of Our Work in 2019", {(D("1"), PLAIN): 1, (D("2019"), PLAIN): 1}),
        ("phase II and Phase III", {(D("2"), PLAIN): 1, (D("3"), PLAIN): 1}),
        ("PM2.5 was 33 micrograms.", {(D("2.5"), PLAIN): 1, (D("33"), PLAIN): 1}),
        ("8.0% and 7%", {(D("8"), PERCENT): 1, (D("7"), PERCENT): 1}),
        # The house format has no "percent": it is not read as a percentage.
        ("6.7 percent", {(D("6.7"), PLAIN): 1}),
        ("we may, in 2019,", {(D("2019"), PLAIN): 1}),
    ],
)
def test_english_numbers(text, expected):
    assert dict(english_numbers(text)) == expected


# --- one block --------------------------------------------------------------------------------


def entry(term: str, english: str, variants: list[str] | None = None) -> Entry:
    return Entry(id="x-" + str(len(term)), term=term, category="reform", level="municipal", english=english, english_variants=variants or [],
                 english_source="edition", definition="一句话释义。", sources=[{"cite": "1.0.1"}], status="unverified")


def problems(chinese: str, en: str, entries: list[Entry] = (), **exceptions) -> list[str]:
    para = Translation(id="1.0.1", status="draft", en=en, **exceptions)
    matcher = TermMatcher(glossary.surface_forms(list(entries)), glossary.quoted_only_forms(list(entries)))
    by_form = {form: e for e in entries for form in [e.term, *e.forms]}
    return [msg for _, msg in translations.block_problems(para, chinese, matcher, by_form)]


def test_a_faithful_block_has_no_problem():
    two_mountains = entry("两山", "the “Two Mountains” theory")
    chinese = "践行“两山”理念，垦造耕地2.8万亩，减负85.7亿元，90%以上事项，近800场，第三批。"
    en = "We applied the “Two Mountains” theory, reclaimed 28,000 mu, cut burdens by 8.57 billion yuan, over 90% of matters, nearly 800 events, the third batch."
    assert problems(chinese, en, [two_mountains]) == []


def test_each_missing_number_and_qualifier_is_named():
    chinese = "增长6.7%，2.8万亩，100%、100%，90%以上，近800场。"
    en = "grew by 6.8%, 2,800 mu, 100%, 90%, 800 events."
    assert problems(chinese, en) == [
        "number 6.7% is not in the English as 6.7%",
        "number 2.8万 is not in the English as 28,000",
        "number 100% is not in the English as 100% 2 times, found 1",
        "以上 (1×) needs “over” or its kin in the English 1 time(s)",
        "近 (1×) needs “nearly” or its kin in the English 1 time(s)",
    ]


def test_numbers_inside_a_marked_term_are_the_terms():
    ten = entry("十大工程", "Ten Major Projects (old-city dual repair)")
    assert problems("古城双修“十大工程”。", "the “Ten Major Projects”", [ten]) == []


def test_exceptions_excuse_and_are_reported_when_they_excuse_nothing():
    chinese = "举行孔子诞辰2570周年大祭，增长7%。"
    en = "held the grand ceremony for Confucius's birthday, up 7%."
    reason = {"reason": "the ceremony's name"}
    assert problems(chinese, en, number_exceptions=[{"number": "2570", **reason}]) == []
    assert problems(chinese, en, number_exceptions=[{"number": "2570", **reason}, {"number": "7%", **reason}, {"number": "8%", **reason}]) == [
        "number exception '7%' excuses nothing: the English has it",
        "number exception '8%' excuses nothing: the block has no such number outside its marked terms",
    ]


def test_terms_use_the_entrys_english_as_the_entry_quotes_it():
    reform = entry("最多跑一次", "“At Most One Visit” reform")
    dayu = entry("大禹鼎", "Dayu Ding (Zhejiang's top award for water governance)")
    station = entry("健身驿站", "fitness station", ["fitness stations"])
    chinese = "“最多跑一次”改革，五夺“大禹鼎”，新增健身驿站20个。"
    good = "the “At Most One Visit” reform, won the “Dayu Ding” for the fifth time, added 20 fitness stations"
    assert problems(chinese, good, [reform, dayu, station]) == []
    assert problems(chinese, good.replace("“At Most One Visit” reform", '"At Most One Visit" reform'), [reform, dayu, station]) == [
        "straight double quote: the report's quotation marks are “ and ” in English",
        "1 quoted expression(s) in the Chinese, 0 in the English: keep the report's quotation marks",
        "term 最多跑一次 (x-5) is not rendered as '“At Most One Visit” reform'",
    ]
    assert problems(chinese, good.replace("Dayu Ding", "Great Yu Cauldron"), [reform, dayu, station]) == [
        "term 大禹鼎 (x-3) is not rendered as \"Dayu Ding (Zhejiang's top award for water governance)\""
    ]
    assert problems(chinese, good.replace("stations", "posts"), [reform, dayu, station]) == [
        "term 健身驿站 (x-4) is not rendered as 'fitness station' or 'fitness stations'"
    ]
    excused = {"term_exceptions": [{"term": "大禹鼎", "reason": "a test of the exception"}]}
    assert problems(chinese, good.replace("Dayu Ding", "Great Yu Cauldron"), [reform, dayu, station], **excused) == []
    assert problems(chinese, good, [reform, dayu, station], **excused) == ["term exception '大禹鼎' excuses nothing: the English has its rendering"]


def test_the_reports_quotation_marks_are_kept_unless_the_entry_renders_the_term_without():
    plan = entry("十三五", "13th Five-Year Plan")
    big = entry("大干项目", "going all out on projects")
    chinese = "“十三五”收官，突出“大干项目”，把握“牛鼻子”。"
    assert problems(chinese, "the end of the 13th Five-Year Plan, going all out on projects, the “crux”", [plan, big]) == []
    # Quoting an unquoted entry's rendering is allowed, but does not stand in for a lost quotation.
    assert problems(chinese, "the end of the 13th Five-Year Plan, “going all out on projects”, the crux", [plan, big]) == [
        "1 quoted expression(s) in the Chinese, 0 in the English: keep the report's quotation marks"
    ]


def test_renderings_drop_a_leading_the_and_a_trailing_gloss_only():
    assert renderings(entry("两山", "the “Two Mountains” theory")) == ["the “two mountains” theory", "“two mountains” theory"]
    assert renderings(entry("乌什", "Uqturpan (Wushi) County, Xinjiang")) == ["uqturpan (wushi) county, xinjiang"]
    assert renderings(entry("八项规定", "the CPC Central Committee’s eight-point rules")) == [
        "cpc central committee's eight-point rules", "the cpc central committee's eight-point rules"]


@pytest.mark.parametrize(
    "en,problem",
    [
        ("Fellow 代表,", "Chinese left in the English: 'Fellow 代表,'"),
        ("the **reform**", "not plain text: '*' (no Markdown, notes or emendation marks in a translation)"),
        ("the reform [sic]", "not plain text: '[' (no Markdown, notes or emendation marks in a translation)"),
        ("the reform (note: see 1.1.1)", "not plain text: '(note' (no Markdown, notes or emendation marks in a translation)"),
        ("the reform。", "not plain text: '。' (no Markdown, notes or emendation marks in a translation)"),
        ("the ”reform“", "unbalanced quotation marks “ ”"),
    ],
)
def test_plain_text(en, problem):
    assert problems("改革", en) == [problem]


# --- the file ---------------------------------------------------------------------------------


def test_the_real_translation_covers_the_report_and_passes(edition):
    model, data, errors = translations.load_translation()
    assert errors == [] and model is not None
    assert [p.id for p in model.paragraphs] == list(edition.texts)
    assert translations.check(model, data, edition.texts, edition.entries) == []
    # An AI-assisted draft says so, and no block is marked reviewed without its review.
    assert "machine-assisted" in model.translator
    assert {p.status for p in model.paragraphs} == {"draft", "reviewed"}
    assert all((p.status == "reviewed") == (p.review is not None) for p in model.paragraphs)


def test_a_broken_copy_lists_exactly_its_problems(tmp_path):
    from build_tools.s2_render.edition import load_edition

    seeds = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS, seeds)
    path = seeds / "translations" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("gross domestic product grew by 6.7%", "gross domestic product grew by 6.8%"),  # a changed number
        ("28,000 mu of farmland", "2,800 mu of farmland"),  # 万 not multiplied out
        ("won the “Dayu Ding” for the fifth time", "won the Dayu award for the fifth time"),  # a term not rendered
        ('  - id: "1.0.2"\n', '  - id: "1.0.9"\n'),  # a block that does not exist, and one left out
    ]:
        # Words may stand on two lines of a folded string.
        pattern = r"\s+".join(map(re.escape, old.split(" "))) if "\n" not in old else re.escape(old)
        assert len(re.findall(pattern, text)) == 1, old
        text = re.sub(pattern, new, text)
    path.write_text(text, encoding="utf-8")
    _, errors = load_edition(paths.SeedFiles(seeds))
    lines = sorted(str(e).replace(f"{seeds}/", "") for e in errors)
    unknown = _line(text, '  - id: "1.0.9"')
    assert lines == sorted([
        f"translations/en.yaml:{unknown}: '1.0.9' is not a citation id of the report",
        f"translations/en.yaml:{_en_line(text, '1.0.1')}: 1.0.1: number 6.7% is not in the English as 6.7%",
        f"translations/en.yaml:{_en_line(text, '1.2.1')}: 1.2.1: number 2.8万 is not in the English as 28,000",
        f"translations/en.yaml:{_en_line(text, '1.3.1')}: 1.3.1: term 大禹鼎 (dayu-ding) is not rendered as {DAYU!r}",
        f"translations/en.yaml:{_line(text, 'paragraphs:')}: no translation of 1 block(s): 1.0.2",
    ])


DAYU = "Dayu Ding (Zhejiang's top award for water governance)"


def _line(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def _en_line(text: str, cid: str) -> int:
    start = text.index(f'  - id: "{cid}"\n')
    return text[: text.index("    en:", start)].count("\n") + 1


REVIEW = {"by": "a reviewer who reads both languages", "date": "2026-12-01", "changes": "none"}


def test_a_reviewed_block_has_a_review_and_a_draft_none():
    def review_problems(status: str, review: dict | None) -> list[str]:
        para = Translation(id="1.0.1", status=status, en="the reform", review=review)
        return [f"{loc}: {msg}" for loc, msg in translations.block_problems(para, "改革", TermMatcher({}), {})]

    assert review_problems("reviewed", REVIEW) == []
    assert review_problems("draft", None) == []
    assert review_problems("reviewed", None) == [
        "('status',): status reviewed without a review: add review (by, date, changes), or set status: draft"
    ]
    assert review_problems("draft", REVIEW) == ["('review',): a draft has a review: set status: reviewed, or remove the review"]


def test_a_reviewed_block_without_a_review_is_refused_at_its_status_line(tmp_path):
    from build_tools.s2_render.edition import load_edition

    seeds = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS, seeds)
    path = seeds / "translations" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    # A reviewed block loses its review; a draft gains one.
    reviewed = re.search(r'  - id: "(?P<id>[^"]+)"\n    status: reviewed\n    en: >-\n(?:      .*\n)+(?P<review>    review:\n(?:      .*\n)+)', text)
    assert reviewed is not None
    text = text[: reviewed.start("review")] + text[reviewed.end("review") :]
    draft = '  - id: "1.0.2"\n    status: draft\n'
    assert text.count(draft) == 1
    text = text.replace(draft, draft + '    review:\n      by: someone\n      date: "2026-12-01"\n      changes: none\n')
    path.write_text(text, encoding="utf-8")
    _, errors = load_edition(paths.SeedFiles(seeds))
    cid = reviewed["id"]
    status_line = _line(text, f'  - id: "{cid}"\n    status: reviewed') + 1
    review_line = _line(text, draft) + 2
    assert sorted(str(e).replace(f"{seeds}/", "") for e in errors) == sorted([
        f"translations/en.yaml:{status_line}: {cid}: status reviewed without a review: add review (by, date, changes), or set status: draft",
        f"translations/en.yaml:{review_line}: 1.0.2: a draft has a review: set status: reviewed, or remove the review",
    ])


def test_a_review_has_a_real_date():
    with pytest.raises(ValueError, match="not a date"):
        Translation(id="1.0.1", status="reviewed", en="the reform", review={**REVIEW, "date": "2026-12-32"})


def test_the_schema_refuses_a_status_other_than_draft_or_reviewed(tmp_path):
    path = tmp_path / "en.yaml"
    real = (paths.SEEDS / "translations" / "en.yaml").read_text(encoding="utf-8")
    path.write_text(real.replace("status: draft", "status: final", 1), encoding="utf-8")
    model, _, errors = translations.load_translation(path)
    assert model is None
    assert [e.message for e in errors] == ["paragraphs.0.status: Input should be 'draft' or 'reviewed'"]
    assert isinstance(load(paths.SEEDS / "translations" / "en.yaml"), dict)
    assert Translations.model_fields.keys() >= {"translator", "note", "number_style", "paragraphs"}
