"""The offline bundle: a deterministic zip of the site, time-stamped with the commit's date.

The bundle is a reading copy, read from disk (file://). Two kinds of file stay on the hosted site:

- **The search index as JSON**: Material's search loads each variant's index from
  ``search/search_index.js`` there; the same index as ``search/search_index.json``, which only a page
  served over HTTP fetches, stays out of the bundle (a third of its size).
- **The open data** (a build with a site_url only): each variant's ``data/*.json`` (schemas
  included) and ``data/*.csv`` are downloads, not reading. The bundle leaves them out, and every
  page of it that links one of them (the data pages, the numbers page) links the file on the hosted
  site instead: its absolute address, site_url and the path the hosted page's link resolves to
  (after assets.share_with_root). The zip holds these pages rewritten; site/ is left as it is. A
  local build has no site to link to and keeps the files.
"""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from build_tools import paths
from build_tools.s4_bundle import assets

BUNDLE_NAME = paths.BUNDLE_NAME
COMPRESSLEVEL = 6
# Files of the site that no page opened from disk reads (as paths inside a variant's root).
HOSTED_ONLY = ("search/search_index.json",)
# A variant's open data: the files directly in its data/ folder with these endings.
DATA_FOLDER = "data/"
DATA_SUFFIXES = (".json", ".csv")


def offline(rel: str) -> bool:
    """Whether a file of the site (its path in the site) belongs in the offline bundle."""
    return not rel.endswith(HOSTED_ONLY)


def data_file(rel: str, prefixes: Iterable[str]) -> bool:
    """Whether a file of the site (its path in the site) is an open data file of a variant (a prefix
    such as ``""`` or ``zh-TW/``)."""
    for prefix in prefixes:
        name = rel.removeprefix(prefix + DATA_FOLDER)
        if rel.startswith(prefix + DATA_FOLDER) and "/" not in name and name.endswith(DATA_SUFFIXES):
            return True
    return False


def link_hosted(html: str, page: str, hosted: set[str], site_url: str) -> str:
    """The page at site-relative path ``page`` with every href/src that led to one of the ``hosted``
    files (site-relative paths) leading to that file on the site at ``site_url``, absolute."""
    site_path = assets.site_path_of(site_url)
    root = site_url.rstrip("/") + "/"

    def new_url(url: str) -> str:
        target = assets.target_of(url, page, site_path)
        return assets.with_path(url, root + target) if target in hosted else url

    return assets.rewrite_links(html, new_url)


def bundle_files(folder: Path, site_url: str = "", prefixes: Iterable[str] = ("",)) -> Iterator[tuple[str, bytes]]:
    """The bundle's files in a stable order, as (path in the site, contents): the site's files but
    those that stay on the hosted site, with the pages that link those leading there."""
    files = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*")) if p.is_file()]
    prefixes = list(prefixes)
    hosted = {rel for rel in files if data_file(rel, prefixes)} if site_url else set()
    for rel in files:
        if not offline(rel) or rel in hosted:
            continue
        data = (folder / rel).read_bytes()
        if hosted and rel.endswith(".html"):
            data = link_hosted(data.decode("utf-8"), rel, hosted, site_url).encode("utf-8")
        yield rel, data


def source_date_epoch(given: int | None = None) -> int:
    """``given`` (the settings' SOURCE_DATE_EPOCH), else the commit date, so that two builds of
    one commit are byte-identical."""
    if given is not None:
        return given
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True, check=True)
        return int(out.stdout.strip())
    except (subprocess.CalledProcessError, ValueError, FileNotFoundError):
        return 315532800  # 1980-01-01, the earliest date a zip can hold


def zip_folder(folder: Path, target: Path, epoch: int, site_url: str = "", prefixes: Iterable[str] = ("",)) -> None:
    """A deterministic zip of the bundle's files (bundle_files): sorted names, fixed timestamps and
    permissions."""
    import time

    stamp = time.gmtime(max(epoch, 315532800))[:6]
    # Level 6, measured 2026-12-01 on the hosted bundle's 13.5 MB (pruned nav, no HTTP-only indexes,
    # no open data; median of three on 2 shared cores): 3,207,758 bytes in 0.36 s, against
    # 3,729,334 in 0.26 s at level 1 and 3,183,124 in 0.60 s at level 9 (25 KB less, not worth it).
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSLEVEL) as zf:
        for rel, data in bundle_files(folder, site_url, prefixes):
            info = zipfile.ZipInfo(f"{BUNDLE_NAME}/{rel}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=COMPRESSLEVEL)
