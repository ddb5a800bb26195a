"""The contributors page: git author names reach it as text, whatever they contain."""

from __future__ import annotations

import subprocess

import markdown
from bs4 import BeautifulSoup

from build_tools.s2_render import sanitize
from build_tools.s2_render.pages import contributors
from build_tools.s2_render.ui import source_ui

NAMES = [
    "[x](javascript:alert(1))", "<img src=x onerror=alert(2)>", "Ann", "\u202eevil\u202c", "a\x1b[31mb\x07",
    "\u2066iso\u2069 late", "Ann", "\u202e",
]


def fake_git_log(monkeypatch, names: list[str]) -> None:
    def run(*args, **kwargs):
        return subprocess.CompletedProcess(args, 0, stdout="".join(n + "\n" for n in names), stderr="")

    monkeypatch.setattr(contributors.subprocess, "run", run)


def test_names_lose_control_and_bidi_override_characters(monkeypatch):
    fake_git_log(monkeypatch, NAMES)
    people = contributors.contributors()
    assert people == [("Ann", 2), ("<img src=x onerror=alert(2)>", 1), ("[x](javascript:alert(1))", 1),
                      ("a[31mb", 1), ("evil", 1), ("iso late", 1)]


def test_names_reach_the_page_as_text_not_markdown_or_html(monkeypatch):
    fake_git_log(monkeypatch, NAMES)
    page = contributors.contributors_page(source_ui())
    html = markdown.markdown(page.split("---", 2)[2], extensions=["attr_list"])
    soup = BeautifulSoup(sanitize.page(html), "html.parser")
    assert not soup.find_all(["a", "img", "script"])
    items = [li.get_text() for li in soup.select("ul > li")]
    assert "[x](javascript:alert(1))（1 次提交）" in items and "<img src=x onerror=alert(2)>（1 次提交）" in items
    # Unsanitized too: Markdown leaves the raw HTML list alone, so no link is made from a name.
    assert "<a" not in html and "<img" not in html


def test_no_history_says_so(monkeypatch):
    fake_git_log(monkeypatch, [])
    page = contributors.contributors_page(source_ui())
    assert "<li>本次构建没有取得仓库提交记录。</li>" in page
