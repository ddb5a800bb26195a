"""Glossary helpers: index letters, pinyin order, the readings cache, the HTML guard."""

from build_tools.s1_load import glossary
from build_tools.s1_load.glossary import PinyinCache, initial


def _entry(term: str, pinyin: str | None = None):
    from build_tools.s1_load.schema import Entry, ReportSource

    return Entry(id="x", term=term, category="place", level="national", english="X", english_source="edition", definition="某某某某。",
                 sources=[ReportSource(cite="1.1.1")], status="unverified", pinyin=pinyin)


def test_index_letters_put_numbers_first_and_follow_pinyin():
    assert [initial(_entry(t)) for t in ["5459", "351国道", "最多跑一次", "安恒", "衢州"]] == ["0–9", "0–9", "Z", "A", "Q"]


def test_a_reviewed_reading_decides_the_index_letter_and_the_order():
    """长三角 is cháng: under C, before 常山 (cháng shān), whatever pypinyin guesses (zhǎng)."""
    changsanjiao = _entry("长三角", "cháng sān jiǎo")
    assert initial(changsanjiao) == "C"
    assert glossary.tone3("cháng sān jiǎo") == ["chang2", "san1", "jiao3"]
    assert sorted([_entry("中国"), changsanjiao], key=glossary.sort_key)[0] is changsanjiao


def test_entries_sort_by_pinyin_not_by_code_point(edition):
    terms = [e.term for e in sorted(edition.entries, key=glossary.sort_key)]
    # 阿里 (ā lǐ) before 安恒 (ān héng) before 八八战略 (bā bā), whatever their code points.
    assert terms.index("阿里") < terms.index("安恒") < terms.index("八八战略")


def test_a_cut_short_readings_cache_is_recomputed_not_fatal(tmp_path):
    path = tmp_path / "pinyin-cache.json"
    path.write_text('{"version": "0.5", "readings": {"衢', encoding="utf-8")
    cache = PinyinCache(path)
    assert cache("衢州")["tone"] == "qú zhōu"
    cache.save()
    assert PinyinCache(path).readings["衢州"]["plain"] == ["qu", "zhou"]
    assert [p.name for p in tmp_path.iterdir()] == ["pinyin-cache.json"]  # no temporary file left


