"""Hooks for every MkDocs run of the edition (the standalone builds and `mkdocs serve`).

- Each variant is a separate `mkdocs build` process, and each would compile Material's templates
  afresh; a bytecode cache on disk lets later builds skip that.
- The search index is segmented without jieba's HMM guesser: runs that are not dictionary words
  stay single characters, which Material's query segmentation (it matches queries against index
  terms) finds reliably, instead of guessed "words" such as 体新 (from 前驱体新材料) that no reader
  types. Glossary terms are whole words through the user dictionary. It is also 15% faster.
- That segmentation is also kept on disk between builds, keyed by the dictionaries in use: most
  runs of text are the same from one build to the next, and cutting them is a fifth of a build.
- Templates autoescape: a title or description from seeds/ or docs/ reaches the page as text.
  The page body is HTML by construction, so it is sanitized (build_tools/s2_render/sanitize.py) and only
  then marked safe, as are toc titles, which Python-Markdown has already escaped.
- Every page gets its Content-Security-Policy (build_tools/s4_bundle/csp.py) here, from the build rather than
  from a template in overrides/, which a pull request can change. Not under `mkdocs serve`, whose
  live-reload script is inline (mkdocs_hooks.py does not take these two hooks).
"""

from __future__ import annotations

import sys
from pathlib import Path

import jieba
import jinja2
from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url, is_error_template, normalize_url

# MkDocs loads this file by path, from whatever folder the build runs in.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_tools import paths
from build_tools.s2_render import sanitize
from build_tools.s3_search import paragraphs
from build_tools.s3_search.segments import Segments
from build_tools.s4_bundle import csp

BUILD = paths.BUILD
CACHE = BUILD / "jinja-cache"


SEGMENTS = Segments()


def on_startup(command, dirty):
    # Material calls jieba.cut(text) by attribute at each use, so this takes effect everywhere.
    jieba.cut = SEGMENTS.cut


def on_config(config):
    SEGMENTS.load(config)
    return config


# After Material's search and offline plugins have written the index: one entry per paragraph.
@event_priority(-100)
def on_post_build(config):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is not None and (Path(config.site_dir) / "search" / "search_index.json").exists():
        edition = config.extra.get("edition") or {}
        paragraphs.rewrite_index(Path(config.site_dir), index._segment_chinese, edition.get("variant", ""))
    SEGMENTS.save()


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    """Material's templates with autoescape on and a bytecode cache on disk."""
    CACHE.mkdir(parents=True, exist_ok=True)
    # Autoescape is compiled into a template's code, and the cache tells bytecode apart only by its
    # source: a file name of its own keeps bytecode compiled without escaping from being reused.
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(CACHE), "__jinja2_autoescape_%s.cache")
    # Every value a template prints is escaped unless it is Markup: only the page body and titles
    # that are HTML by construction are (on_page_content, on_page_context).
    env.autoescape = True
    return env


def mark_toc(items) -> None:
    """Toc titles are HTML text (Python-Markdown escaped them): reduced to text and marked safe."""
    for item in items:
        item.title = Markup(sanitize.plain(str(item.title)))
        mark_toc(item.children)


def mark_titles(page) -> None:
    """The page's toc titles, and a title MkDocs took from its first heading, marked safe as text."""
    mark_toc(page.toc)
    # Without a nav or front matter title, MkDocs keeps the first heading's HTML text (still escaped).
    heading = getattr(page, "_title_from_render", None)
    if heading is not None:
        page._title_from_render = Markup(sanitize.plain(str(heading)))


# Lowest priority: this runs after every other handler of the event, so nothing edits the body after.
@event_priority(-100)
def on_page_content(html: str, page, config, files) -> Markup:
    """The page body sanitized (sanitize.page) and marked safe for the autoescaping templates."""
    mark_titles(page)
    return Markup(sanitize.page(html))


@event_priority(-100)
def on_page_context(context, page, config, nav):
    """The body sanitized again after Material's search plugin rewrote it with a regular expression.

    That rewrite (deleting data-search-* attributes) hands back a plain string, and where the text
    itself says data-search-x=" it deletes up to the next quote, which may be inside a tag; so what
    the template prints is sanitized last, here, not only before the rewrite.
    """
    page.content = Markup(sanitize.page(str(page.content)))
    return context


def on_post_page(output, page, config):
    # The base URL MkDocs rendered this page with (Material's scope script holds it).
    return csp.inject(output, get_relative_url(".", page.url))


def on_template_context(context, template_name, config):
    """An error page without a site URL is rendered relative to its own folder, not to ``/``
    (csp.error_page_base says why); MkDocs has already made the stylesheet and script addresses
    with ``/``, so they are made again."""
    if is_error_template(template_name) and not config.site_url:
        base = csp.error_page_base("")
        context["base_url"] = base
        context["extra_css"] = [normalize_url(str(path), None, base) for path in config.extra_css]
        context["extra_javascript"] = [normalize_url(str(script), None, base) for script in config.extra_javascript]
    return context


def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output
    # As the templates were rendered: error pages with csp.error_page_base, others relative.
    if is_error_template(template_name):
        return csp.inject(output, csp.error_page_base(config.site_url or ""))
    return csp.inject(output, get_relative_url(".", template_name))
