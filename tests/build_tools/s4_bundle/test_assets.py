"""Asset handling after MkDocs (s4_bundle/assets.py): unused files pruned, variants sharing the root's copies."""

from __future__ import annotations

import json

import pytest

from build_tools.s4_bundle import assets

WORKER = "".join(assets.WORKER_LOADS)


def make_site(root, lang=("zh",), worker=WORKER):
    files = {
        "search/search_index.json": json.dumps({"config": {"lang": list(lang)}, "docs": []}),
        "assets/javascripts/workers/search.1234.min.js": worker,
        "assets/javascripts/bundle.1.min.js": "code();\n//# sourceMappingURL=bundle.1.min.js.map\n",
        "assets/javascripts/bundle.1.min.js.map": "{}",
        "assets/stylesheets/main.1.min.css": "a{}/*# sourceMappingURL=main.1.min.css.map*/",
        "assets/stylesheets/main.1.min.css.map": "{}",
        "assets/javascripts/lunr/tinyseg.js": "",
        "assets/javascripts/lunr/wordcut.js": "",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "",
        "assets/javascripts/lunr/min/lunr.multi.min.js": "",
        "assets/javascripts/lunr/min/lunr.zh.min.js": "",
        "assets/javascripts/lunr/min/lunr.ja.min.js": "",
        "assets/javascripts/lunr/min/lunr.de.min.js": "",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def listing(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "langs,needed",
    [
        (["zh"], {"min/lunr.stemmer.support.min.js", "min/lunr.zh.min.js"}),
        (["en"], set()),
        (["ja"], {"min/lunr.stemmer.support.min.js", "min/lunr.ja.min.js", "tinyseg.js"}),
        (["zh", "en"], {"min/lunr.stemmer.support.min.js", "min/lunr.zh.min.js", "min/lunr.multi.min.js"}),
    ],
)
def test_the_lunr_files_are_those_the_worker_loads(langs, needed):
    assert assets.lunr_needed(langs) == needed


def test_pruning_removes_maps_and_unused_languages_and_the_comments_naming_the_maps(tmp_path):
    root = make_site(tmp_path)
    assets.prune_unused(root)
    assert listing(root) == [
        "assets/javascripts/bundle.1.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/lunr/min/lunr.zh.min.js",
        "assets/javascripts/workers/search.1234.min.js",
        "assets/stylesheets/main.1.min.css",
        "search/search_index.json",
    ]
    assert (root / "assets/javascripts/bundle.1.min.js").read_text() == "code();"
    assert (root / "assets/stylesheets/main.1.min.css").read_text() == "a{}"


def test_a_changed_worker_stops_the_build_before_anything_is_removed(tmp_path):
    root = make_site(tmp_path, worker=WORKER.replace("tinyseg", "segmenter"))
    before = listing(root)
    with pytest.raises(assets.WorkerChanged, match="tinyseg"):
        assets.prune_unused(root)
    assert listing(root) == before


@pytest.mark.parametrize(
    "url,page,expected",
    [
        ("../assets/edition.css", "zh-TW/2/4.html", "../../assets/edition.css"),
        ("assets/edition.css", "zh-TW/index.html", "../assets/edition.css"),
        ("glossary.json", "zh-TW/data/index.html", "../../data/glossary.json"),
        ("glossary.json#x", "zh-TW/data/index.html", "../../data/glossary.json#x"),
        ("/report/zh-TW/assets/edition.css", "zh-TW/404.html", "/report/assets/edition.css"),
        # Not shared, elsewhere, or not a path: left as it is.
        ("../search/search_index.json", "zh-TW/2/4.html", "../search/search_index.json"),
        ("../glossary.html", "zh-TW/2/4.html", "../glossary.html"),
        ("/other/zh-TW/assets/edition.css", "zh-TW/404.html", "/other/zh-TW/assets/edition.css"),
        ("https://example.org/zh-TW/assets/edition.css", "zh-TW/2/4.html", "https://example.org/zh-TW/assets/edition.css"),
        ("#p-2.4.1", "zh-TW/2/4.html", "#p-2.4.1"),
    ],
)
def test_a_reference_to_a_shared_file_leads_to_the_roots_copy(url, page, expected):
    shared = {"zh-TW/assets/edition.css", "zh-TW/data/glossary.json"}
    assert assets.rewrite_url(url, page, shared, "/report/") == expected


def test_variants_share_identical_files_and_keep_their_own(tmp_path):
    site = tmp_path
    for prefix in ("", "zh-TW/"):
        (site / prefix / "assets").mkdir(parents=True)
        (site / prefix / "data").mkdir()
        (site / prefix / "search").mkdir()
        (site / prefix / "assets/edition.css").write_text("same")
        (site / prefix / "assets/own.js").write_text(f"own {prefix}")
        (site / prefix / "data/glossary.json").write_text("[]")
        (site / prefix / "search/search_index.json").write_text("{}")
    (site / "zh-TW/2").mkdir()
    page = (
        '<link rel="stylesheet" href="../assets/edition.css"><script src="../assets/own.js"></script>'
        '<script id="__config" type="application/json">{"base": "..", "search": "../assets/edition.css"}</script>'
        '<a href="../data/glossary.json">x</a>'
    )
    (site / "zh-TW/2/4.html").write_text(page)
    removed = assets.share_with_root(site, ["", "zh-TW/"], "https://example.org/report/")
    assert removed == ["zh-TW/assets/edition.css", "zh-TW/data/glossary.json"]
    assert (site / "zh-TW/2/4.html").read_text() == (
        '<link rel="stylesheet" href="../../assets/edition.css"><script src="../assets/own.js"></script>'
        '<script id="__config" type="application/json">{"base": "..", "search": "../../assets/edition.css"}</script>'
        '<a href="../../data/glossary.json">x</a>'
    )
    assert (site / "zh-TW/assets/own.js").exists() and (site / "zh-TW/search/search_index.json").exists()
    assert not (site / "zh-TW/data").exists()


def test_a_site_without_search_keeps_its_files_but_loses_its_maps(tmp_path):
    root = make_site(tmp_path)
    (root / "assets/javascripts/workers/search.1234.min.js").unlink()
    assets.prune_unused(root)
    assert "assets/javascripts/lunr/min/lunr.de.min.js" in listing(root)
    assert not [p for p in listing(root) if p.endswith(".map")]


def test_the_editions_own_assets_are_minified_and_materials_left(tmp_path):
    from build_tools import paths
    from build_tools.s4_bundle.assets import minify_own, own_assets

    names = own_assets(paths.DOCS)
    assert {"edition.css", "edition.js", "glossary.js", "numbers.css"} <= set(names)
    assert not [n for n in names if "/" in n or n.endswith(".min.js")]
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "a.css").write_text("/* why */\n.a {\n  color: red;\n}\n", encoding="utf-8")
    (tmp_path / "assets" / "a.js").write_text("// why\nvar a = 1;  // one\nvar s = '  //  kept  ';\n", encoding="utf-8")
    (tmp_path / "assets" / "javascripts" / "bundle.js").write_text("/* Material's */ var b = 2;", encoding="utf-8")
    sizes = minify_own(tmp_path, ["a.css", "a.js", "missing.css"])
    assert (tmp_path / "assets" / "a.css").read_text(encoding="utf-8") == ".a{color:red}"
    assert (tmp_path / "assets" / "a.js").read_text(encoding="utf-8") == "var a=1;var s='  //  kept  ';"
    assert (tmp_path / "assets" / "javascripts" / "bundle.js").read_text(encoding="utf-8") == "/* Material's */ var b = 2;"
    assert set(sizes) == {"a.css", "a.js"} and all(after < before for before, after in sizes.values())


@pytest.mark.slow
def test_the_built_site_serves_the_minified_assets(built):
    from build_tools import paths

    for name in ("edition.css", "edition.js", "cards.js"):
        built_size = (built["site"] / "assets" / name).stat().st_size
        assert built_size < 0.85 * (paths.DOCS / "assets" / name).stat().st_size, name
