"""Defence in depth behind safe-by-construction output: a Content-Security-Policy in every built
page, and a gate that checks every built page before the site is swapped in.

The policy lets a page run scripts from the site's own files and, inline, only Material's own
three small scripts (the storage scope, the palette, the tabbed-content target), allowed by their
SHA-256. Those hashes are computed from Material's installed templates (never from the pages or
from ``overrides/``, which a pull request can change), rendered with each page's base URL, the one
value that varies in them. ``inject`` puts the policy into a page (the MkDocs hook calls it);
``verify_page`` and ``verify_site`` parse the built pages with a real HTML parser and list every
way a page could run or load something it should not.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import parser as html_parser
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import material

from build_tools import paths

MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
# The partials whose inline scripts the edition's pages run, read from Material's own folder.
# content.html's other script (tab memory) is rendered only with the content.tabs.link feature,
# which the edition does not use, so it is not allowed.
MATERIAL_INLINE = ("partials/javascripts/base.html", "partials/javascripts/palette.html", "partials/javascripts/content.html")

# Why each directive (ARCHITECTURE.md has the long version):
# - default-src: anything not named below (media, manifests, …) only from the site's files.
# - 'self' file:: Chromium lets 'self' on a file:// page match every file: URL; browsers that treat
#   a file: origin as opaque (as the spec reads) need the file: scheme to load the bundle's own
#   files. An http(s) page cannot load file: URLs at all, so the hosted site gains nothing from it.
# - style-src: stylesheets from the site only, no <style> elements; style-src-attr 'unsafe-inline'
#   because Markdown tables align columns with style="" attributes (styles run no code, and their
#   url()s are still held to img-src). Browsers without style-src-attr drop the alignment only.
# - img-src data:: Material's CSS draws icons with data: SVG masks.
# - connect-src/worker-src 'self': the hosted search worker and its index (from file:// the
#   vendored iframe-worker runs it in a hidden about:blank frame, which frame-src does not govern).
# - object-src, frame-src 'none'; base-uri 'none' (no <base> can redirect relative script URLs);
#   form-action 'none' (the search form is never submitted).
DIRECTIVES = (
    "default-src 'self' file:",
    "script-src 'self' file: {hashes}",
    "style-src 'self' file:",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' file: data:",
    "font-src 'self' file:",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
)

# Script types a browser does not run: data blocks (Material's __config JSON, the edition's messages
# for edition.js from overrides/main.html).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
# Elements that embed other documents or change how every URL in the page resolves.
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}
# Attributes holding a URL a browser follows or loads.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
    "ping",
    "cite",
    "manifest",
    "codebase",
    "lowsrc",
    "dynsrc",
}
# Of those, the ones that load a resource into the page (rather than navigate to it).
LOADING_ATTRIBUTES = {"src", "poster", "data", "background", "manifest", "codebase", "lowsrc", "dynsrc"}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# <link> relations that fetch their href into the page; canonical, prev, next and the like do not.
LOADING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "prerender",
    "manifest",
    "dns-prefetch",
    "preconnect",
    "import",
}
# SVG elements whose href loads (or, for animations, rewrites) something.
SVG_LOADING = {"image", "use", "feimage", "script"}
SVG_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform"}
BAD_SCHEMES = {"javascript", "data", "vbscript"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Browsers drop tabs and newlines anywhere in a URL and C0 controls and spaces at either end.
URL_DROPPED = re.compile(r"[\t\n\r]")
URL_TRIMMED = "".join(map(chr, range(0x21)))
HEAD_OPEN = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)
# Error pages (404.html), which MkDocs renders with absolute URLs (see error_page_base).
ERROR_PAGE = re.compile(r"\d{3}\.html")
SCRIPT_OPEN = re.compile(r"<script\b", re.IGNORECASE)
# The code a pass of the gate depends on besides the page; and where passes are remembered.
VERIFIER = hashlib.sha256(Path(__file__).read_bytes() + Path(html_parser.__file__).read_bytes()).hexdigest()
PASSED = paths.BUILD / "csp-passed.txt"


class GateFailed(Exception):
    """One or more built pages failed the gate; ``problems`` lists each as ``path:line: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the built pages:\n" + "\n".join(problems))
        self.problems = problems


def sha256_source(script: str) -> str:
    """The CSP source expression allowing an inline script with exactly this text."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


@functools.cache
def material_scripts(base_url: str) -> tuple[str, ...]:
    """The texts of Material's allowed inline scripts, as they appear in a page with this base URL."""
    # Only Material's own folder is on the loader path, so no override can stand in for a partial.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(MATERIAL_TEMPLATES)))
    # No extra.scope (mkdocs.yml sets none; if it did, the pages' scope script would differ and the
    # gate would say so) and no features (content.tabs.link would add a script).
    context = {"base_url": base_url, "config": {"extra": {}}, "features": ()}
    scripts: list[str] = []
    for name in MATERIAL_INLINE:
        found = Page.parse(env.get_template(name).render(context)).scripts
        scripts += [s.text for s in found if s.src is None]
    return tuple(scripts)


@functools.cache
def policy(base_url: str) -> str:
    """The Content-Security-Policy of a page whose base URL (MkDocs' ``base_url``) is this."""
    hashes = " ".join(sorted({sha256_source(s) for s in material_scripts(base_url)}))
    return "; ".join(DIRECTIVES).format(hashes=hashes)


def meta_tag(base_url: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(base_url)}">'


def inject(html: str, base_url: str) -> str:
    """The page with its policy as the first thing in <head> (after <meta charset>, which must stay
    in the first 1024 bytes); a page without a <head> is returned as it is, for the gate to fail."""
    match = HEAD_OPEN.search(html)
    if not match:
        return html
    return f"{html[: match.end()]}\n    {meta_tag(base_url)}{html[match.end() :]}"


def error_page_base(site_url: str) -> str:
    """The base URL of an error page (404.html), which a server shows at whatever address was
    missing: the path of the variant's site URL, so its styles and links are found from any depth;
    without a site URL, relative to its own folder (``.``: right from disk and at the top of the
    folder the site is served from), not MkDocs' ``/``, which is wrong for a site in a subfolder
    and for the offline bundle. The build hook renders the page with it (mkdocs_build_hooks.py)."""
    return (urlsplit(site_url).path or "/") if site_url else "."


def page_base_url(relative: str, prefixes: Iterable[str], site_url: str) -> str:
    """MkDocs' base_url for a built page, from its path in the site: ``.``, ``..``, … up to its
    variant's root; the 404 page gets ``error_page_base`` of its variant's site URL."""
    prefix = max((p for p in prefixes if relative.startswith(p)), key=len)
    inside = relative[len(prefix) :]
    if ERROR_PAGE.fullmatch(inside):
        return error_page_base(site_url.rstrip("/") + "/" + prefix if site_url else "")
    depth = inside.count("/")
    return "/".join([".."] * depth) or "."


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int


@dataclass
class Script:
    src: str | None
    type: str
    text: str
    line: int


class Page(HTMLParser):
    """The elements and scripts of a page as Python's HTML parser sees them: script text raw, as the
    browser hashes it; attribute values with character references decoded, as the browser uses them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.scripts: list[Script] = []
        self.script: Script | None = None

    @classmethod
    def parse(cls, html: str) -> Page:
        page = cls()
        page.feed(html)
        page.close()
        return page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        self.elements.append(Element(tag, values, line))
        if tag == "script":
            self.script = Script(values.get("src"), values.get("type", "").strip().lower(), "", line)
            self.scripts.append(self.script)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script.text += data


def url_scheme(value: str) -> str | None:
    """The scheme a browser would read in an attribute's (already decoded) URL, or None if relative."""
    cleaned = URL_DROPPED.sub("", value).strip(URL_TRIMMED).lower()
    match = SCHEME.match(cleaned)
    return match.group(1) if match else None


def is_same_site(value: str) -> bool:
    """A relative URL (``assets/x.js``, ``../x``, ``/x``) that cannot leave the site's origin."""
    cleaned = URL_DROPPED.sub("", value).strip(URL_TRIMMED).replace("\\", "/")
    return cleaned != "" and url_scheme(cleaned) is None and not cleaned.startswith("//")


def srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def loads(element: Element, name: str) -> bool:
    """Whether this URL attribute of this element fetches something into the page."""
    if name in LOADING_ATTRIBUTES:
        return True
    if name in {"href", "xlink:href"}:
        if element.tag == "link":
            return bool(set(element.attrs.get("rel", "").lower().split()) & LOADING_RELS)
        return element.tag in SVG_LOADING
    return False


def element_problems(element: Element) -> list[str]:
    """What is wrong with one element and its attributes, if anything."""
    where = f"line {element.line}: <{element.tag}>"
    problems = [f"{where} is not allowed"] if element.tag in FORBIDDEN_ELEMENTS else []
    if element.tag == "meta" and element.attrs.get("http-equiv", "").strip().lower() == "refresh":
        problems.append(f"{where} http-equiv=refresh is not allowed")
    for name, value in element.attrs.items():
        if name.startswith("on"):
            problems.append(f"{where} has an event handler attribute {name}")
            continue
        urls = srcset_urls(value) if name in SRCSET_ATTRIBUTES else [value] if name in URL_ATTRIBUTES else []
        # SVG animations can rewrite an href to any value they name.
        if element.tag in SVG_ANIMATIONS and name in {"to", "from", "by", "values"}:
            urls = value.split(";")
        for url in urls:
            scheme = url_scheme(url)
            if scheme in BAD_SCHEMES:
                problems.append(f"{where} {name} uses a {scheme}: URL")
            elif (name in SRCSET_ATTRIBUTES or loads(element, name)) and not is_same_site(url):
                problems.append(f"{where} {name} loads from outside the site: {url.strip()[:80]}")
    return problems


def csp_problems(page: Page, expected: str) -> list[str]:
    """The policy must be the first thing in <head> (after <meta charset>) and exactly the expected one."""
    metas = [e for e in page.elements if e.tag == "meta" and e.attrs.get("http-equiv", "").strip().lower() == "content-security-policy"]
    if not metas:
        return ["no Content-Security-Policy <meta>"]
    problems = [f"line {m.line}: a second Content-Security-Policy <meta>" for m in metas[1:]]
    first = metas[0]
    if first.attrs.get("content") != expected:
        problems.append(f"line {first.line}: the Content-Security-Policy is not the expected one: {first.attrs.get('content')!r}")
    before = page.elements[: page.elements.index(first)]
    if [e.tag for e in before if not (e.tag == "meta" and "charset" in e.attrs)] != ["html", "head"]:
        problems.append(f"line {first.line}: the Content-Security-Policy <meta> is not the first element of <head>")
    return problems


def script_problems(page: Page, allowed: set[str]) -> list[str]:
    """Inline scripts must be Material's allowed ones; external ones must come from the site."""
    problems = []
    for script in page.scripts:
        if script.src is not None:
            if not is_same_site(script.src):
                problems.append(f"line {script.line}: <script src> is not a same-site relative path: {script.src[:80]}")
        elif script.type not in DATA_SCRIPT_TYPES and sha256_source(script.text) not in allowed:
            problems.append(f"line {script.line}: inline script not allowed by the policy: {script.text.strip()[:80]!r}")
    return problems


def verify_page(html: str, base_url: str) -> list[str]:
    """Every problem with one built page, each as ``line N: …``; an empty list when it passes."""
    page = Page.parse(html)
    problems = csp_problems(page, policy(base_url))
    problems += script_problems(page, {sha256_source(s) for s in material_scripts(base_url)})
    # A second opinion on the parser: every "<script" in the source is a script it saw.
    if len(SCRIPT_OPEN.findall(html)) != len(page.scripts):
        problems.append(f"{len(SCRIPT_OPEN.findall(html))} '<script' in the source but {len(page.scripts)} script elements parsed")
    for element in page.elements:
        problems += element_problems(element)
    return problems


def pass_key(data: bytes, base_url: str) -> str:
    """The name of one pass of the gate: the page's bytes, its base URL and policy, and the code
    that verified it (this module and the HTML parser), so a pass is only ever reused for the
    same page checked by the same checks."""
    digest = hashlib.sha256(f"{VERIFIER}\0{base_url}\0{policy(base_url)}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def verify_site(site: Path, prefixes: Iterable[str], site_url: str = "", passed: Path | None = None) -> list[str]:
    """Every problem in every HTML file of a built site, each as ``path:line: message``.

    With ``passed``, a file of pass keys: pages that passed before, byte for byte, are not parsed
    again (parsing is nearly all of the gate's half second), and the file is rewritten with this
    run's passes.
    """
    prefixes = list(prefixes)
    known = set(passed.read_text(encoding="utf-8").split()) if passed and passed.exists() else set()
    passes: set[str] = set()
    problems = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        base_url = page_base_url(relative, prefixes, site_url)
        data = path.read_bytes()
        key = pass_key(data, base_url)
        found = [] if key in known else verify_page(data.decode("utf-8"), base_url)
        if not found:
            passes.add(key)
        # As a linter prints them: path:line: message (the path is the built page's, under site/).
        problems += [f"{relative}:{p.removeprefix('line ')}" if p.startswith("line ") else f"{relative}:1: {p}" for p in found]
    if passed:
        paths.store_cached(passed, "".join(f"{k}\n" for k in sorted(passes)))
    return problems


def gate(site: Path, prefixes: Iterable[str], site_url: str = "") -> None:
    """Raise GateFailed, naming every file and problem, if any built page fails ``verify_page``."""
    problems = verify_site(site, prefixes, site_url, passed=PASSED)
    if problems:
        raise GateFailed(problems)
