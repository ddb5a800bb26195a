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
