"""Hostile text that `check` lets through (it is text, not markup) is built inert; hostile
templates are refused by the build with the previous site/ and dist/ left whole."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow

VARIANTS = ("", "zh-TW/", "zh-HK/")
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "data")


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_no_page_of_the_hostile_build_has_an_event_handler_or_script_url(hostile_site):
    site = hostile_site / "site"
    found = []
    for path in pages(site):
        for el in soup(path).find_all(True):
            for name, value in el.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                squeezed = "".join(text.split()).lower()
                if name.lower().startswith("on") or (name in URL_ATTRS and squeezed.startswith(("javascript:", "data:", "vbscript:"))):
                    found.append(f"{path.relative_to(site)}: <{el.name} {name}={text[:60]!r}>")
    assert found == []


def test_the_hand_written_page_keeps_no_script_frame_or_outside_image(hostile_site):
    for prefix in VARIANTS:
        about = soup(hostile_site / "site" / prefix / "hostile.html")
        article = about.select_one("article")
        assert "alert(document.domain)" not in " ".join(s.get_text() for s in about.find_all("script"))
        assert article.find_all(["script", "iframe", "object", "embed"]) == []
        assert [img["src"] for img in article.find_all("img") if img.get("src", "").startswith(("http:", "https:", "//"))] == []
        # The words of the links stay (converted in the traditional variants); only their targets go.
        assert ("点我" if not prefix else "點我") in article.get_text()


def test_a_hostile_title_and_emendation_are_text_in_title_nav_and_meta(hostile_site):
    for prefix in VARIANTS:
        page = soup(hostile_site / "site" / prefix / "1" / "thanks.html")
        assert 'onmouseover="alert(document.domain)' in page.title.get_text()
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert 'autofocus onfocus="alert(document.domain)' in description
        og = page.find("meta", property="og:description")["content"]
        assert og == description
        nav_titles = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav a")]
        assert any('onmouseover="alert(document.domain)' in t for t in nav_titles)


def test_a_hostile_git_author_is_plain_text_on_the_contributors_page(hostile_site):
    for prefix in VARIANTS:
        article = soup(hostile_site / "site" / prefix / "contributors.html").select_one("article")
        # Shown as written, in every variant: a name is not converted.
        assert "[点我](javascript:alert(document.cookie))" in article.select_one("bdi[translate=no]").get_text()
        assert not any(a.get("href", "").lower().startswith("javascript") for a in article.find_all("a"))
        assert "\u202e" not in article.get_text()


def test_a_formula_in_a_ledger_cell_is_inert_in_the_csv(hostile_site):
    for prefix in VARIANTS:
        # A variant whose data are the root's, byte for byte, links the root's copy (s4_bundle/assets.py).
        own = hostile_site / "site" / prefix / "data" / "ledger.csv"
        csv_text = (own if own.exists() else hostile_site / "site" / "data" / "ledger.csv").read_text(encoding="utf-8")
        assert "\"'=HYPERLINK(" in csv_text
        assert ",=HYPERLINK(" not in csv_text and "\"=HYPERLINK(" not in csv_text


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_an_inline_script_in_an_override_fails_the_build_and_leaves_the_site_whole(hostile_site):
    main = hostile_site / "overrides" / "main.html"
    original = main.read_text(encoding="utf-8")
    before = (digest(hostile_site / "site"), digest(hostile_site / "dist"))
    main.write_text(original.replace("{% block extrahead %}", "{% block extrahead %}\n  <script>alert(document.domain)</script>", 1), encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=hostile_site, capture_output=True, text=True)
    finally:
        main.write_text(original, encoding="utf-8")
    assert proc.returncode == 1
    assert "index.html" in proc.stderr and "script" in proc.stderr
    assert (digest(hostile_site / "site"), digest(hostile_site / "dist")) == before
