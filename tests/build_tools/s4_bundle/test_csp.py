"""The Content-Security-Policy and the post-build gate, on small hostile pages."""

from __future__ import annotations

import re

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from build_tools.s4_bundle import csp


def page(body: str = "", head: str = "", base_url: str = ".") -> str:
    """A page as the build makes it: policy injected, Material's own inline scripts in place."""
    scope, palette, target = csp.material_scripts(base_url)
    html = (
        '<!doctype html>\n<html lang="zh-Hans"><head>\n<meta charset="utf-8">\n'
        f'<script src="assets/vendor/iframe-worker/shim.js"></script>\n<script>{scope}</script>\n{head}</head>\n'
        f'<body><script>{palette}</script>\n{body}\n<script>{target}</script>\n'
        '<script id="__config" type="application/json">{"base": "."}</script>\n'
        '<script src="assets/javascripts/bundle.js"></script></body></html>\n'
    )
    return csp.inject(html, base_url)


def problems(body: str = "", head: str = "", base_url: str = ".") -> list[str]:
    return csp.verify_page(page(body, head, base_url), base_url)


def test_a_page_as_built_passes():
    assert problems('<p><a href="https://www.gov.cn/">政府网</a> <img src="../assets/x.png" alt=""></p>') == []
    assert problems(base_url="../..") == []


def test_the_policy_comes_first_in_head_and_names_only_materials_scripts():
    html = page()
    assert re.search(r'<head>\n<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"', html)
    policy = csp.policy(".")
    assert policy.count("'sha256-") == 3
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "'unsafe-eval'" not in policy


def test_an_inline_script_not_in_the_policy_fails():
    found = problems("<script>alert(1)</script>")
    assert len(found) == 1 and "inline script not allowed by the policy: 'alert(1)'" in found[0]
    # Material's scope script for another depth is not this page's.
    other = csp.material_scripts("..")[0]
    assert any("inline script not allowed" in p for p in problems(f"<script>{other}</script>"))
    # Neither is a script typed as a module, nor one hidden in SVG.
    assert any("inline script not allowed" in p for p in problems('<script type="module">alert(1)</script>'))
    assert any("inline script not allowed" in p for p in problems("<svg><script>alert(1)</script></svg>"))


def test_event_handler_attributes_fail():
    found = problems('<img src="x.png" onerror="alert(1)"><svg onload="alert(1)"></svg><p ONCLICK=x>')
    assert [p.split(": ", 1)[1] for p in found] == [
        "<img> has an event handler attribute onerror",
        "<svg> has an event handler attribute onload",
        "<p> has an event handler attribute onclick",
    ]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav&#10;ascript:alert(1)",
        "&#106;&#97;vascript&colon;alert(1)",
        "&#x6A;avascript&#x3A;alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_script_and_data_urls_fail_however_they_are_spelt(href):
    found = problems(f'<a href="{href}">x</a>')
    assert [p for p in found if re.search(r"<a> href uses a (javascript|vbscript|data): URL", p)] != [], found


def test_script_urls_fail_in_every_url_attribute():
    body = (
        '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>'
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a>'
        '<set attributeName="href" to="javascript:alert(1)"/></svg>'
    )
    assert [p.split(": ", 1)[1].split(" uses")[0] for p in problems(body)] == ["<form> action", "<button> formaction", "<a> xlink:href", "<set> to"]


def test_frames_objects_and_base_fail():
    found = problems('<iframe src="data:text/html,<script>alert(1)</script>"></iframe><object data="x.swf"></object><embed src="x.swf">', head='<base href="https://evil.example/">')
    # The gate counts the "<script" inside the data: URL too, and would rather fail than guess.
    assert found.pop(0) == "7 '<script' in the source but 6 script elements parsed"
    assert "<base> is not allowed" in found[0]
    assert [p.split(": ", 1)[1] for p in found[1:]] == [
        "<iframe> is not allowed",
        "<iframe> src uses a data: URL",
        "<object> is not allowed",
        "<embed> is not allowed",
    ]


@pytest.mark.parametrize(
    "tag",
    [
        '<img src="https://evil.example/x.png">',
        '<img src="//evil.example/x.png">',
        '<img src="/\\evil.example/x.png">',
        '<img src="x.png" srcset="a.png 1x, https://evil.example/b.png 2x">',
        '<video poster="http://evil.example/p.png"></video>',
        '<svg><image href="https://evil.example/x.svg"/></svg>',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
    ],
)
def test_anything_loaded_from_outside_fails(tag):
    found = problems(tag)
    assert len(found) == 1 and "loads from outside the site" in found[0], found


def test_links_out_and_canonical_links_are_fine():
    assert problems('<a href="https://zj.gov.cn/">浙江</a>', head='<link rel="canonical" href="https://quzhou-edition.example/report/">') == []


def test_script_sources_must_be_same_site_paths():
    assert problems('<script src="/report/assets/x.js"></script>') == []
    for src in ["https://cdn.example/x.js", "//cdn.example/x.js", "data:text/javascript,alert(1)", "file:///etc/x.js"]:
        found = problems(f'<script src="{src}"></script>')
        assert any("<script src> is not a same-site relative path" in p for p in found), (src, found)


def test_a_missing_wrong_or_late_policy_fails():
    good = page()
    without = re.sub(r"\s*<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", good)
    assert csp.verify_page(without, ".") == ["no Content-Security-Policy <meta>"]
    loose = good.replace("script-src 'self'", "script-src 'unsafe-inline' 'self'")
    assert any("is not the expected one" in p for p in csp.verify_page(loose, "."))
    # The right policy, after a script: the script ran before any policy applied.
    meta = csp.meta_tag(".")
    late = without.replace("</head>", f"{meta}</head>")
    assert any("not the first element of <head>" in p for p in csp.verify_page(late, "."))
    assert any("a second Content-Security-Policy" in p for p in csp.verify_page(good.replace("</head>", f"{meta}</head>"), "."))


def test_a_script_the_parser_did_not_see_fails():
    # A browser would see this script; a parser fooled by a comment might not.
    found = problems("<!-- <script>alert(1)</script> -->")
    assert any("'<script' in the source but" in p for p in found)


def test_refresh_redirects_fail():
    assert any("http-equiv=refresh" in p for p in problems(head='<meta http-equiv="refresh" content="0;url=https://evil.example/">'))


@pytest.mark.parametrize(
    "path,site_url,base",
    [
        ("index.html", "", "."),
        ("2/4.html", "", ".."),
        ("zh-TW/2/4.html", "", ".."),
        ("zh-HK/index.html", "", "."),
        ("404.html", "", "."),
        ("zh-TW/404.html", "", "."),
        ("zh-TW/404.html", "https://x.example/report/", "/report/zh-TW/"),
        ("404.html", "https://x.example/report", "/report/"),
    ],
)
def test_base_url_of_a_built_page(path, site_url, base):
    assert csp.page_base_url(path, ["", "zh-TW/", "zh-HK/"], site_url) == base


def test_the_hashes_are_those_of_the_scripts_material_emits(tmp_path):
    """A plain Material build (no overrides, no hooks): every inline script it runs is allowed by
    the policy computed for its page, and the policy allows nothing else."""
    docs = tmp_path / "docs"
    (docs / "a" / "b").mkdir(parents=True)
    for name in ["index.md", "a/page.md", "a/b/deep.md"]:
        (docs / name).write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nuse_directory_urls: false\nplugins: []\n"
        "theme:\n  name: material\n  palette:\n    - scheme: default\n      toggle: {icon: material/weather-night, name: x}\n"
        "    - scheme: slate\n      toggle: {icon: material/weather-sunny, name: y}\n",
        encoding="utf-8",
    )
    mkdocs_build(load_config(str(tmp_path / "mkdocs.yml")))
    for name, base in [("index.html", "."), ("a/page.html", ".."), ("a/b/deep.html", "../.."), ("404.html", "/")]:
        parsed = csp.Page.parse((tmp_path / "site" / name).read_text(encoding="utf-8"))
        inline = {csp.sha256_source(s.text) for s in parsed.scripts if s.src is None and s.type not in csp.DATA_SCRIPT_TYPES}
        allowed = set(re.findall(r"'sha256-[^']+'", csp.policy(base)))
        assert inline == allowed, name


def test_a_pass_is_reused_only_for_the_same_page(tmp_path, monkeypatch):
    site, passed = tmp_path / "site", tmp_path / "passed.txt"
    (site / "2").mkdir(parents=True)
    (site / "index.html").write_text(page(), encoding="utf-8")
    (site / "2" / "4.html").write_text(page(base_url=".."), encoding="utf-8")
    (site / "about.html").write_text(page("<script>alert(1)</script>"), encoding="utf-8")
    first = csp.verify_site(site, [""], passed=passed)
    assert len(first) == 1 and first[0].startswith("about.html:9: ") and len(passed.read_text().split()) == 2
    checked: list[str] = []
    real = csp.verify_page
    monkeypatch.setattr(csp, "verify_page", lambda html, base: checked.append(base) or real(html, base))
    # Unchanged pages are not parsed again; the failing one always is, and so is a changed one.
    (site / "2" / "4.html").write_text(page("<p onclick=x>", base_url=".."), encoding="utf-8")
    second = csp.verify_site(site, [""], passed=passed)
    assert sorted(checked) == [".", ".."] and len(second) == 2
    assert [p.split(":")[0] for p in second] == ["2/4.html", "about.html"]
    assert len(passed.read_text().split()) == 1
