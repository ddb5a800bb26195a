"""Contributed HTML made safe by construction: allowlist sanitizers built on nh3 (Ammonia).

Two allowlists. ``text_fragment`` is for Markdown written in seeds/ (glossary explanations,
notes): a few text tags and links. ``page`` is for a whole page's body as MkDocs renders it
(generated pages and hand-written ones in docs/): every element and attribute the edition's own
pages use, and nothing that runs script, loads from elsewhere or submits anything.

Links may go to http, https and mailto addresses or stay within the site; images only within
the site. Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import SplitResult, urlsplit

import nh3

# mailto opens the reader's own mail program on an address the reader sees first; it runs nothing.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# Dropped with everything inside them: script and style text, embedded documents, and noscript
# (whose content parses differently with scripting on and off, a classic mutation vector).
CLEAN_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed", "noscript"})

TEXT_TAGS = frozenset({"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br"})
TEXT_ATTRIBUTES = {"a": {"href", "title"}}

PAGE_TAGS = frozenset(
    {
        # Text, as Python-Markdown writes it and as the report's blocks are marked up.
        "p",
        "a",
        "em",
        "strong",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
        "blockquote",
        "br",
        "hr",
        "small",
        "sup",
        "span",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "img",
        "bdi",
        # Tables (glossary index, ledger, emendations) and page furniture (notes, chart figure).
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "aside",
        "header",
        "figure",
        "figcaption",
        "details",
        "summary",
        # The copy button and the ledger's filter controls (never a form: nothing can be submitted).
        "button",
        "input",
        "label",
        "select",
        "option",
        # The headline chart (charts.py), inline SVG.
        "svg",
        "title",
        "desc",
        "defs",
        "pattern",
        "g",
        "rect",
        "line",
        "text",
    }
)
PAGE_ATTRIBUTES = {
    # translate="no" keeps a name (a contributor's) out of script conversion.
    "*": {"id", "class", "title", "lang", "hidden", "role", "translate"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"scope", "style"},
    "td": {"style"},
    "input": {"placeholder"},
    "option": {"value"},
    "svg": {"viewBox", "width", "xmlns"},
    "pattern": {"width", "height", "patternUnits", "patternTransform"},
    "rect": {"x", "y", "width", "height", "fill"},
    "line": {"x1", "y1", "x2", "y2", "stroke-width"},
    "g": {"transform"},
    "text": {"x", "y"},
}
# Attributes allowed only with these values (a button that submits nothing, a text-like field).
PAGE_ATTRIBUTE_VALUES = {"button": {"type": {"button"}}, "input": {"type": {"search", "text"}}}
# Table cell alignment, which Python-Markdown's tables extension writes as a style.
STYLE_PROPERTIES = frozenset({"text-align"})
# data-* attributes that the theme's or the edition's scripts act on outside the content:
# Material mounts components from data-md-* (its "source" component fetches from GitHub), and
# edition.js redirects returning readers through the first a[data-variant].
SCRIPT_DATA = ("data-md-", "data-variant")

# What a browser strips from both ends of a URL before reading it (C0 controls and space).
_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def browser_reading(url: str) -> str:
    """The URL as a browser parses it: tabs and newlines anywhere dropped, ends trimmed, "\\" read as "/"."""
    return "".join(ch for ch in url if ch not in "\t\n\r").strip(_C0_OR_SPACE).replace("\\", "/")


def _split(url: str) -> SplitResult | None:
    """The URL's parts as a browser reads it, or None when it cannot be parsed (a broken IPv6 host)."""
    try:
        return urlsplit(browser_reading(url))
    except ValueError:
        return None


def is_same_site(url: str) -> bool:
    """True when the URL stays within the site: a relative or absolute path or a fragment, no scheme, no host.

    An absolute path stays on the site's own host (or, from file://, on the reader's disk). A
    protocol-relative "//host/…" names another host (and from file:// a network share), so it is
    not within the site.
    """
    parts = _split(url)
    return parts is not None and not parts.scheme and not parts.netloc and not browser_reading(url).startswith("//")


def is_allowed_link(url: str) -> bool:
    """True for a link within the site or to an http, https or mailto address."""
    parts = _split(url)
    return is_same_site(url) or (parts is not None and parts.scheme.lower() in LINK_SCHEMES)


def keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: the value to keep, or None to drop the attribute.

    Applied after nh3's own scheme check, as a second, independent one: links by is_allowed_link,
    images only from within the site (no tracking pixel, nothing fetched from elsewhere).
    """
    if attribute == "href":
        return value if is_allowed_link(value) else None
    if attribute == "src":
        return value if is_same_site(value) else None
    if attribute.startswith(SCRIPT_DATA):
        return None
    if attribute == "fill":
        return value if is_local_paint(value) else None
    return value


def is_local_paint(value: str) -> bool:
    """True for an SVG paint that fetches nothing: a colour name or #hex, or url(#id) for a pattern in the page.

    No other function, parenthesis, colon, slash or CSS escape, so no spelling of url() can name another document.
    """
    paint = value.strip()
    if paint.startswith("url(#") and paint.endswith(")"):
        paint = paint[len("url(#") : -1]
    return not any(ch in paint for ch in "()\\:/")


def _cleaner(**options) -> Callable[[str], str]:
    cleaner = nh3.Cleaner(
        clean_content_tags=set(CLEAN_CONTENT),
        attribute_filter=keep_attribute,
        url_schemes=set(LINK_SCHEMES),
        # No rel is added: the pages open no window (no target), so rel would change nothing.
        link_rel=None,
        **options,
    )
    return cleaner.clean


_TEXT = _cleaner(tags=set(TEXT_TAGS), attributes={k: set(v) for k, v in TEXT_ATTRIBUTES.items()})
_PAGE = _cleaner(
    tags=set(PAGE_TAGS),
    attributes={k: set(v) for k, v in PAGE_ATTRIBUTES.items()},
    tag_attribute_values={t: {a: set(vs) for a, vs in avs.items()} for t, avs in PAGE_ATTRIBUTE_VALUES.items()},
    generic_attribute_prefixes={"data-", "aria-"},
    filter_style_properties=set(STYLE_PROPERTIES),
)
_PLAIN = _cleaner(tags=set(), attributes={})


def text_fragment(html: str) -> str:
    """HTML rendered from contributed Markdown, cut down to text tags and allowed links."""
    return _TEXT(html)


def page(html: str) -> str:
    """A page body, cut down to the elements and attributes the edition's pages use."""
    return _PAGE(html)


def plain(html: str) -> str:
    """HTML reduced to its text, escaped (for titles that are HTML, such as a toc entry's)."""
    return _PLAIN(html)
