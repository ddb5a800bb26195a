"""Search by paragraph: a report page's entries become one per block, at its citation anchor."""

from build_tools.s3_search.paragraphs import block_entries, by_paragraph

PAGE = """<html><body><article>
<h2><span class="para" id="p-2.4" data-para="2.4">（四）持之以恒<a data-editorial href="#p-2.4">2.4</a></span><span id="p-2.4-en" data-para-en="2.4" lang="en">(4) Persistently</span></h2>
<div class="pair"><p id="p-2.4.1" data-para="2.4.1">纵深推进“<a class="term">最多跑一次</a>”改革。<sup data-editorial>注1</sup><button data-editorial></button></p>
<p id="p-2.4.1-en" data-para-en="2.4.1" lang="en">Advancing the “At Most One Visit” reform.<span data-editorial>Reviewed</span></p></div>
</article></body></html>"""


def test_each_block_and_its_english_is_an_entry_at_its_anchor_without_markers():
    entries = block_entries(PAGE, "2/4.html", lambda text: text.replace("推进", "\u200b推进\u200b"))
    assert [(e["location"], e["title"]) for e in entries] == [
        ("2/4.html#p-2.4", "2.4"),
        ("2/4.html#p-2.4-en", "2.4"),
        ("2/4.html#p-2.4.1", "2.4.1"),
        ("2/4.html#p-2.4.1-en", "2.4.1"),
    ]
    assert entries[2]["text"] == "<p>纵深\u200b推进\u200b“最多跑一次”改革。</p>"
    assert entries[3]["text"] == "<p>Advancing the “At Most One Visit” reform.</p>"


def test_only_the_report_pages_are_reindexed_and_each_keeps_a_faint_page_entry():
    index = {
        "config": {"lang": ["zh"]},
        "docs": [
            {"location": "2/4.html", "title": "持之以恒", "text": "all of it"},
            {"location": "2/4.html#section-2-4", "title": "（四）", "text": "all of it"},
            {"location": "glossary.html#x", "title": "x", "text": "y"},
        ],
    }
    out = by_paragraph(index, lambda page: PAGE, lambda text: text)
    assert out["config"] == index["config"]
    assert [d["location"] for d in out["docs"]] == ["2/4.html", "2/4.html#p-2.4", "2/4.html#p-2.4-en", "2/4.html#p-2.4.1", "2/4.html#p-2.4.1-en", "glossary.html#x"]
    assert out["docs"][0] == {"location": "2/4.html", "title": "持之以恒", "text": "", "boost": 0.0001}


def test_the_apparatus_ranks_after_the_paragraphs_and_the_glossary_entries():
    from build_tools.s3_search.paragraphs import APPARATUS_BOOST

    docs = [
        {"location": loc, "title": "t", "text": "x"}
        for loc in ("glossary/reform.html#zuiduo-paoyici", "glossary/reform.html", "glossary/reform.html#cat-reform", "glossary.html#cat-reform", "numbers.html#ledger", "about.html")
    ]
    out = by_paragraph({"config": {}, "docs": docs}, lambda page: PAGE, lambda text: text)
    assert [d.get("boost") for d in out["docs"]] == [None] + [APPARATUS_BOOST] * 5
