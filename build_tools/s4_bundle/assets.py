"""The site's files after MkDocs: what no page uses is not shipped, the edition's own stylesheets
and scripts are minified, and each variant uses the root's copy of every asset and data file it
would only duplicate.

- **Unused**: Material's source maps (``*.map``, 1.6 MB a variant, read only by a browser's developer
  tools) and the search-language files of ``assets/javascripts/lunr/`` that the search worker does
  not load. The worker loads ``min/lunr.stemmer.support.min.js`` and ``min/lunr.<lang>.min.js`` for
  each language of the index but English, ``tinyseg.js`` for Japanese, ``wordcut.js`` for Hindi and
  Thai, and ``min/lunr.multi.min.js`` for more than one language (``WORKER_LOADS`` is that code; if
  Material's worker changes, the build stops here rather than ship a search that cannot load).
- **Minified**: the edition's own stylesheets and scripts (``docs/assets/*.css``, ``*.js``, which
  stay readable there and in ``mkdocs serve``) by rcssmin and rjsmin, which only drop comments and
  white space: a third fewer bytes on every page. Material's own are minified already.
- **Shared**: a variant's file under ``assets/`` or ``data/`` that is byte for byte the root's at
  the same path is removed, and every ``href``/``src`` of the variant's pages (and the search
  worker's address in Material's ``__config``) that led to it leads to the root's copy instead, in
  the same form (relative stays relative, an absolute path stays absolute), so it works from
  ``file://`` and hosted alike. Pages, search indexes and sitemaps are never shared.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

LUNR = "assets/javascripts/lunr"
WORKERS = "assets/javascripts/workers"
# The worker's language loading, as Material 9 writes it; the pruning below mirrors it.
WORKER_LOADS = (
    'case"ja":r.push(`${e}/tinyseg.js`)',
    'case"hi":case"th":r.push(`${e}/wordcut.js`)',
    'n!=="en"&&r.push(`${e}/min/lunr.${n}.min.js`)',
    "t.lang.length>1&&r.push(`${e}/min/lunr.multi.min.js`)",
    "importScripts(`${e}/min/lunr.stemmer.support.min.js`,...r)",
)
SOURCE_MAP_COMMENT = re.compile(r"\n?(//# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^\n]*?\*/)\s*$")
SHARED_FOLDERS = ("assets/", "data/")
URL_ATTRIBUTE = re.compile(r'(?<=\s)(href|src)="([^"]*)"')
CONFIG_SCRIPT = re.compile(r'<script id="__config" type="application/json">.*?</script>', re.DOTALL)
# The worker's address in Material's __config (a JSON string without escapes: a plain path).
CONFIG_SEARCH = re.compile(r'("search": ")([^"\\]*)(")')


class WorkerChanged(Exception):
    pass


def search_languages(root: Path) -> list[str]:
    """The languages of a variant's search index (its config, which the worker reads)."""
    index = root / "search" / "search_index.json"
    return list(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]) if index.exists() else []


def lunr_needed(languages: list[str]) -> set[str]:
    """The files under assets/javascripts/lunr/ that the worker loads for these languages."""
    loads = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    loads |= {"tinyseg.js" for lang in languages if lang == "ja"} | {"wordcut.js" for lang in languages if lang in ("hi", "th")}
    if len(languages) > 1:
        loads.add("min/lunr.multi.min.js")
    return loads | {"min/lunr.stemmer.support.min.js"} if loads else set()


def check_worker(root: Path) -> bool:
    """Whether the variant has a search worker (a site without search has none); raise
    WorkerChanged if it does not load its languages as WORKER_LOADS says."""
    workers = sorted((root / WORKERS).glob("search.*.min.js"))
    if not workers:
        return False
    code = workers[0].read_text(encoding="utf-8") if len(workers) == 1 else ""
    missing = [w for w in WORKER_LOADS if w not in code]
    if missing:
        raise WorkerChanged(
            f"{root / WORKERS}: the search worker no longer loads its languages as build_tools/s4_bundle/assets.py expects ({missing[0]}); review the pruning"
        )
    return True


def prune_unused(root: Path) -> list[Path]:
    """Remove from one variant's built site the source maps and the search-language files its worker
    does not load (and the comments naming the removed maps); the removed files."""
    searched = check_worker(root)
    removed = [p for p in sorted(root.rglob("*.map")) if p.is_file()]
    lunr = root / LUNR
    if searched:
        needed = lunr_needed(search_languages(root))
        removed += [p for p in sorted(lunr.rglob("*")) if p.is_file() and p.relative_to(lunr).as_posix() not in needed]
    for path in removed:
        path.unlink()
        # The minified file the map belonged to names it in a last-line comment.
        named = path.with_suffix("")
        if path.suffix == ".map" and named.is_file():
            named.write_text(SOURCE_MAP_COMMENT.sub("", named.read_text(encoding="utf-8")), encoding="utf-8")
    if lunr.is_dir():
        remove_empty_folders(lunr)
    return removed


def minify_own(root: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Minify, in one variant's built site, the edition's own assets (``names``: paths under its
    ``assets/``); each one's size before and after."""
    import rcssmin
    import rjsmin

    sizes = {}
    for name in names:
        path = root / "assets" / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text) if name.endswith(".css") else rjsmin.jsmin(text)
        path.write_text(small, encoding="utf-8")
        sizes[name] = (len(text.encode("utf-8")), len(small.encode("utf-8")))
    return sizes


def own_assets(docs: Path) -> list[str]:
    """The edition's own stylesheets and scripts: the files directly in ``docs/assets/``."""
    return sorted(p.name for p in (docs / "assets").glob("*") if p.suffix in (".css", ".js") and p.is_file())


def remove_empty_folders(folder: Path) -> None:
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(sub.iterdir()):
            sub.rmdir()


def shareable(site: Path, prefix: str) -> set[str]:
    """The variant's files (site-relative paths) under assets/ or data/ that are the root's, byte for byte."""
    found = set()
    for path in sorted((site / prefix).rglob("*")):
        rel = path.relative_to(site / prefix).as_posix()
        if path.is_file() and rel.startswith(SHARED_FOLDERS) and path.suffix != ".html":
            twin = site / rel
            if twin.is_file() and twin.read_bytes() == path.read_bytes():
                found.add(prefix + rel)
    return found


def site_path_of(site_url: str) -> str:
    """The path the site is served under (``/report/`` for ``https://host/report``), ``/`` without one."""
    path = urlsplit(site_url).path if site_url else "/"
    return path if path.endswith("/") else path + "/"


def target_of(url: str, page: str, site_path: str) -> str | None:
    """The site-relative path of the file that ``url``, as written in the page at site-relative path
    ``page``, leads to; None for an outside address, a bare fragment or query, or an absolute path
    outside the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        return parts.path[len(site_path) :] if parts.path.startswith(site_path) else None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))


def with_path(url: str, path: str) -> str:
    """``url`` leading to ``path`` instead, its query and fragment kept."""
    parts = urlsplit(url)
    return path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def rewrite_links(html: str, new_url: Callable[[str], str]) -> str:
    """``html`` with every href/src attribute's value replaced by ``new_url(value)``."""
    return URL_ATTRIBUTE.sub(lambda m: f'{m.group(1)}="{new_url(m.group(2))}"', html)


def rewrite_url(url: str, page: str, shared: set[str], site_path: str) -> str:
    """``url`` as written in the page at site-relative path ``page``, leading to the root's copy if it
    led to a shared file of the variant; otherwise as it was."""
    target = target_of(url, page, site_path)
    if target not in shared:
        return url
    prefix = target.split("/", 1)[0] + "/"
    root_copy = target[len(prefix) :]
    if url.startswith("/"):
        return with_path(url, site_path + root_copy)
    return with_path(url, posixpath.relpath(root_copy, posixpath.dirname(page) or "."))


def rewrite_page(html: str, page: str, shared: set[str], site_path: str) -> str:
    """A variant's page with every href/src, and the search worker's address, that led to a shared
    file leading to the root's copy."""

    def search(m: re.Match[str]) -> str:
        return m.group(1) + rewrite_url(m.group(2), page, shared, site_path) + m.group(3)

    def config(m: re.Match[str]) -> str:
        return CONFIG_SEARCH.sub(search, m.group(0), count=1)

    return CONFIG_SCRIPT.sub(config, rewrite_links(html, lambda url: rewrite_url(url, page, shared, site_path)))


def share_with_root(site: Path, prefixes: Iterable[str], site_url: str = "") -> list[str]:
    """Each variant (a non-empty prefix such as ``zh-TW/``) uses the root's copy of the files it
    would duplicate; the removed files, as site-relative paths."""
    site_path = site_path_of(site_url)
    removed: list[str] = []
    for prefix in (p for p in prefixes if p):
        shared = shareable(site, prefix)
        if not shared:
            continue
        for page in sorted((site / prefix).rglob("*.html")):
            html = page.read_text(encoding="utf-8")
            new = rewrite_page(html, page.relative_to(site).as_posix(), shared, site_path)
            if new != html:
                page.write_text(new, encoding="utf-8")
        for rel in sorted(shared):
            (site / rel).unlink()
        remove_empty_folders(site / prefix)
        removed += sorted(shared)
    return removed
