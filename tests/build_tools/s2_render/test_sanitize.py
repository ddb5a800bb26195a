"""The sanitizers: hostile HTML loses everything that runs or loads, the edition's own pages lose nothing."""

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from mkdocs.utils import meta

from build_tools import paths
from build_tools.s2_render import generate, sanitize
from build_tools.s2_render.edition import load_edition


@pytest.mark.parametrize("url", [
    "../glossary.html#zuiduo-paoyici", "#p-2.4.1", "numbers.html", "data/report.json", "/about.html",
])
def test_paths_within_the_site_are_same_site(url):
    assert sanitize.is_same_site(url) and sanitize.is_allowed_link(url)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\nscript:alert(1)", "java\tscript:alert(1)",
    " \x01javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
    "//evil.example/x", "///evil.example/x", "/\\evil.example/x", "\\\\evil.example\\x", "/\t/evil.example",
    "file:///etc/passwd", "http://[::1",
])
def test_scripts_other_schemes_and_other_hosts_are_not_allowed(url):
    assert not sanitize.is_same_site(url) and not sanitize.is_allowed_link(url)


@pytest.mark.parametrize("url", ["https://www.gov.cn/", "HTTP://qz.gov.cn/a", "mailto:editors@example.org"])
def test_web_and_mail_links_are_allowed_but_are_not_same_site(url):
    assert sanitize.is_allowed_link(url) and not sanitize.is_same_site(url)


@pytest.mark.parametrize("paint, local", [
    ("url(#hatch)", True), ("#c0392b", True), ("none", True), ("url(https://evil.example/p.svg#x)", False),
    ("\\75rl(https://evil.example/p.svg#x)", False), ("url(#a) url(b.svg#c)", False), ("url(/p.svg#x)", False),
])
def test_svg_paint_may_name_a_pattern_in_the_page_only(paint, local):
    assert sanitize.is_local_paint(paint) is local


HOSTILE_PAGE = """
<p onclick="alert(1)" data-para="1.1.1" data-editorial>text<script>alert(2)</script><style>p{}</style></p>
<img src="https://evil.example/pixel.png" onerror="alert(3)"><img src="//evil.example/p.png"><img src="assets/ok.png" alt="ok">
<a href="&#106;avascript:alert(4)">a</a><a href="java&#10;script:alert(5)">b</a><a href="data:text/html,x">c</a>
<a href="vbscript:x">d</a><a href="//evil.example/">e</a><a href="mailto:ed@example.org">f</a><a href="https://www.gov.cn/">g</a>
<iframe src="https://evil.example">fallback</iframe><object data="x.swf">fallback</object><embed src="x.swf">
<form action="https://evil.example"><input type="submit" formaction="javascript:alert(6)"></form>
<svg><a href="javascript:alert(7)"><text>s</text></a><animate attributeName="href" to="javascript:alert(8)"/>
<use href="https://evil.example/s.svg#x"/><rect fill="url(https://evil.example/p.svg#x)"/></svg>
<span data-md-component="source" data-variant="zh-TW" aria-label="ok">m</span>
<button type="submit">s</button><td style="text-align: right; background: url(https://evil.example/)">1</td>
<noscript><p title="</noscript><img src=x onerror=alert(9)>"></p></noscript>
"""


def attributes(html: str) -> list[tuple[str, str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(el.name, k, " ".join(v) if isinstance(v, list) else v) for el in soup.find_all(True) for k, v in el.attrs.items()]


def test_the_page_sanitizer_drops_script_handlers_remote_images_and_bad_links():
    out = sanitize.page(HOSTILE_PAGE)
    soup = BeautifulSoup(out, "html.parser")
    assert not soup.find_all(["script", "style", "iframe", "object", "embed", "form", "animate", "use", "noscript"])
    assert "alert(2)" not in out and "alert(9)" not in soup.get_text() and "fallback" not in out
    attrs = attributes(out)
    assert not [a for a in attrs if a[1].startswith("on") or a[1] in ("formaction", "data-md-component", "data-variant")]
    # The img after </noscript> is a real element, as a browser with scripting on reads it; x is a relative path.
    assert [v for _, k, v in attrs if k == "src"] == ["assets/ok.png", "x"]
    assert [v for _, k, v in attrs if k == "href"] == ["mailto:ed@example.org", "https://www.gov.cn/"]
    assert ("p", "data-para", "1.1.1") in attrs and ("span", "aria-label", "ok") in attrs
    assert not [a for a in attrs if a[1] == "fill" or (a[0] == "button" and a[1] == "type")]


def test_the_text_sanitizer_keeps_only_text_tags():
    out = sanitize.text_fragment('<p><em>a</em> <a href="https://www.gov.cn/" title="t">b</a></p><h1 id="x">c</h1><table><tr><td>d</td></tr></table><img src="a.png">')
    assert out == '<p><em>a</em> <a href="https://www.gov.cn/" title="t">b</a></p>cd'


def test_plain_keeps_text_escaped_and_drops_tags():
    assert sanitize.plain("A &amp; B <b>c</b> &lt;d&gt;<script>x</script>") == "A &amp; B c &lt;d&gt;"


def canonical(html: str) -> list[tuple]:
    """Elements with their attributes and text, in order; comments left out, as the sanitizer strips them."""
    out = []
    for node in BeautifulSoup(html, "html.parser").descendants:
        if isinstance(node, Tag):
            attrs = {k: " ".join(v) if isinstance(v, list) else v for k, v in node.attrs.items()}
            if "style" in attrs:  # the sanitizer writes "text-align: right;" as "text-align:right"
                attrs["style"] = "".join(attrs["style"].split()).rstrip(";")
            out.append((node.name, tuple(sorted(attrs.items()))))
        elif isinstance(node, NavigableString) and not isinstance(node, Comment):
            out.append(str(node))
    return out


def site_pages() -> dict[str, str]:
    """Every generated page's Markdown and the hand-written ones in docs/."""
    ed, errors = load_edition()
    assert errors == []
    pages = generate.render_all(ed)
    for path in paths.DOCS.rglob("*.md"):
        pages.setdefault(path.relative_to(paths.DOCS).as_posix(), path.read_text(encoding="utf-8"))
    return pages


# Every generated page through the sanitizer: 2 s, so in `make test` rather than the fast tier.
@pytest.mark.slow
def test_the_editions_own_pages_come_out_of_the_page_sanitizer_unchanged():
    config = yaml.safe_load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    configs = {k: v for e in config["markdown_extensions"] if isinstance(e, dict) for k, v in e.items()}
    changed = []
    for name, source in sorted(site_pages().items()):
        html = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(meta.get_data(source)[0])
        if canonical(sanitize.page(html)) != canonical(html):
            changed.append(name)
    assert changed == []
