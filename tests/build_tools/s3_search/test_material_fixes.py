"""The search-worker fix applies to the installed Material, and refuses a worker it does not know."""

import pytest

from build_tools.s3_search import material_fixes
from build_tools.s3_search.material_fixes import (
    BUGGY,
    FIXED,
    PatchFailed,
    patched_search_worker,
)


def test_the_installed_worker_is_patched_once():
    ((path, code),) = patched_search_worker().items()
    assert path.startswith("assets/javascripts/workers/search.") and path.endswith(".min.js")
    assert code.count(FIXED) == 1 and BUGGY not in code


def test_a_changed_worker_stops_the_build(tmp_path, monkeypatch):
    (tmp_path / "search.0000.min.js").write_text("for(let o=s+1;o<t.length-1;o++)", encoding="utf-8")
    monkeypatch.setattr(material_fixes, "WORKERS", tmp_path)
    with pytest.raises(PatchFailed, match="the query segmentation loop has changed"):
        patched_search_worker()


def test_the_worker_also_looks_a_term_up_in_its_halves_and_in_the_sites_script():
    from build_tools.s3_search.material_fixes import SEGMENTS_RETURN, WITH_HALVES

    ((_, code),) = patched_search_worker({"zh-TW": {"数": "數"}}).items()
    assert code.count(WITH_HALVES) == 1 and code.count(SEGMENTS_RETURN) == 1
    # The query listener comes first, so that it runs before Material's own.
    assert code.startswith("/* Queries in either script") and code.index('"\\u6570":"\\u6578"') < code.index('addEventListener("message",t=>')


def test_a_worker_whose_segmentation_return_changed_stops_the_build(tmp_path, monkeypatch):
    (tmp_path / "search.0000.min.js").write_text(BUGGY + ";return r}", encoding="utf-8")
    monkeypatch.setattr(material_fixes, "WORKERS", tmp_path)
    with pytest.raises(PatchFailed, match="segmentation's return has changed"):
        patched_search_worker()


def test_the_worker_cuts_its_answers_to_snippets():
    from build_tools.s3_search.material_fixes import ANSWER, SNIPPED_ANSWER

    ((_, code),) = patched_search_worker().items()
    assert code.count(SNIPPED_ANSWER) == 1 and ANSWER not in code.replace(SNIPPED_ANSWER, "")
    # The cutter is defined before Material's code calls it.
    assert code.index("var __editionAnswers") < code.index(SNIPPED_ANSWER)


def test_a_worker_whose_answer_changed_stops_the_build(tmp_path, monkeypatch):
    from build_tools.s3_search.material_fixes import SEGMENTS_RETURN

    (tmp_path / "search.0000.min.js").write_text(BUGGY + SEGMENTS_RETURN + "postMessage(yield Fe(e.data))", encoding="utf-8")
    monkeypatch.setattr(material_fixes, "WORKERS", tmp_path)
    with pytest.raises(PatchFailed, match="the worker's answer has changed"):
        patched_search_worker()


def test_the_page_script_loads_the_index_on_first_use_only():
    from build_tools.s3_search.material_fixes import EAGER_HIGHLIGHT, EAGER_SETUP, LAZY_HIGHLIGHT, LAZY_SETUP, patched_bundle

    ((path, code),) = patched_bundle().items()
    assert path.startswith("assets/javascripts/bundle.") and path.endswith(".min.js")
    assert EAGER_SETUP not in code and EAGER_HIGHLIGHT not in code
    assert code.count(LAZY_SETUP) == 1 and code.count(LAZY_HIGHLIGHT) == 1


def test_a_changed_page_script_stops_the_build(tmp_path, monkeypatch):
    from build_tools.s3_search.material_fixes import EAGER_SETUP, patched_bundle

    # The setup as Material writes it, but the highlighter changed.
    (tmp_path / "bundle.0000.min.js").write_text(EAGER_SETUP + 'z([t,r.pipe(g(o=>!!o.searchParams.get("h")))])', encoding="utf-8")
    monkeypatch.setattr(material_fixes, "JAVASCRIPTS", tmp_path)
    with pytest.raises(PatchFailed, match="search index's loading has changed"):
        patched_bundle()
