"""The offline bundle (s4_bundle/archive.py): what stays on the hosted site, and the pages that link it."""

from __future__ import annotations

import zipfile

import pytest

from build_tools.s4_bundle import archive

SITE_URL = "https://example.org/report/"
PREFIXES = ["", "zh-TW/"]
# A tiny site after assets.share_with_root: the variant's report.csv was the root's and is gone,
# its data page links the root's copy.
FILES = {
    "index.html": '<a href="data/index.html">data</a> <a href="numbers.html">numbers</a>',
    "numbers.html": '<a href="data/ledger.csv">CSV</a> <a href="/report/data/ledger.json?v=1#rows">JSON</a> <img src="assets/chart.svg">',
    "data/index.html": (
        '<a href="glossary.json">g</a> <a href="glossary.schema.json#/properties">s</a> <a href="report.csv">r</a>'
        ' <a href="../index.html">home</a> <a href="#offline">offline</a> <a href="https://elsewhere.example/data.json">other</a>'
    ),
    "data/glossary.json": "{}",
    "data/glossary.schema.json": "{}",
    "data/report.csv": "a,b\n",
    "data/ledger.csv": "a,b\n",
    "data/ledger.json": "[]",
    "assets/chart.svg": "<svg/>",
    "assets/config.json": "{}",
    "search/search_index.json": "{}",
    "search/search_index.js": "var __index = {}",
    "zh-TW/index.html": '<a href="data/index.html">資料</a>',
    "zh-TW/data/index.html": '<a href="glossary.json">g</a> <a href="../../data/report.csv">r</a> <link href="../../assets/chart.svg">',
    "zh-TW/data/glossary.json": "{}",
    "zh-TW/search/search_index.json": "{}",
}


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "site"
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "rel,expected",
    [
        ("data/glossary.json", True),
        ("data/glossary.schema.json", True),
        ("data/report.csv", True),
        ("zh-TW/data/glossary.json", True),
        ("data/index.html", False),
        ("zh-TW/data/index.html", False),
        ("assets/config.json", False),
        ("search/search_index.json", False),
        ("data/sub/glossary.json", False),
        # Not a variant's prefix.
        ("zh-HK/data/glossary.json", False),
        ("metadata/glossary.json", False),
    ],
)
def test_the_open_data_are_the_files_directly_in_a_variants_data_folder(rel, expected):
    assert archive.data_file(rel, PREFIXES) is expected


def test_a_hosted_bundle_leaves_the_data_on_the_site_and_links_them_there(folder):
    before = snapshot(folder)
    files = dict(archive.bundle_files(folder, SITE_URL, PREFIXES))
    assert sorted(files) == [
        "assets/chart.svg",
        "assets/config.json",
        "data/index.html",
        "index.html",
        "numbers.html",
        "search/search_index.js",
        "zh-TW/data/index.html",
        "zh-TW/index.html",
    ]
    # Each link to a file left out leads to the file on the site, absolute, its query and fragment
    # kept, whether it was relative, led to the root's copy or was a root-absolute path.
    assert files["data/index.html"].decode() == (
        '<a href="https://example.org/report/data/glossary.json">g</a>'
        ' <a href="https://example.org/report/data/glossary.schema.json#/properties">s</a>'
        ' <a href="https://example.org/report/data/report.csv">r</a>'
        ' <a href="../index.html">home</a> <a href="#offline">offline</a> <a href="https://elsewhere.example/data.json">other</a>'
    )
    assert files["numbers.html"].decode() == (
        '<a href="https://example.org/report/data/ledger.csv">CSV</a>'
        ' <a href="https://example.org/report/data/ledger.json?v=1#rows">JSON</a> <img src="assets/chart.svg">'
    )
    assert files["zh-TW/data/index.html"].decode() == (
        '<a href="https://example.org/report/zh-TW/data/glossary.json">g</a>'
        ' <a href="https://example.org/report/data/report.csv">r</a> <link href="../../assets/chart.svg">'
    )
    # Pages without such links are as they were; the site itself is untouched.
    assert files["index.html"] == before["index.html"] and files["zh-TW/index.html"] == before["zh-TW/index.html"]
    assert snapshot(folder) == before


def test_a_site_url_without_a_trailing_slash_gives_the_same_addresses(folder):
    files = dict(archive.bundle_files(folder, SITE_URL.rstrip("/"), PREFIXES))
    assert b'href="https://example.org/report/data/ledger.json?v=1#rows"' in files["numbers.html"]
    assert b'href="https://example.org/report/zh-TW/data/glossary.json"' in files["zh-TW/data/index.html"]


def test_a_local_bundle_keeps_the_data_and_its_pages_as_they_are(folder):
    files = dict(archive.bundle_files(folder, "", PREFIXES))
    expected = {rel: text.encode() for rel, text in FILES.items() if not rel.endswith("search/search_index.json")}
    assert files == expected


def test_the_zip_holds_the_rewritten_pages_and_is_deterministic(folder, tmp_path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    archive.zip_folder(folder, first, 1_600_000_000, SITE_URL, PREFIXES)
    archive.zip_folder(folder, second, 1_600_000_000, SITE_URL, PREFIXES)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        names = zf.namelist()
        page = zf.read(f"{archive.BUNDLE_NAME}/zh-TW/data/index.html").decode()
    assert names == [f"{archive.BUNDLE_NAME}/{rel}" for rel, _ in archive.bundle_files(folder, SITE_URL, PREFIXES)]
    assert not [n for n in names if "/data/" in n and n.endswith((".json", ".csv"))]
    assert 'href="https://example.org/report/zh-TW/data/glossary.json"' in page
