"""Stage 7: build every variant with MkDocs and assemble site/ and the offline zip in dist/.

Everything is built in a staging folder of the run's own and swapped in at the end, so a failed
build leaves the previous site/ and dist/ untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from build_tools import paths
from build_tools.convert import (
    VARIANTS,
    convert_text,
    variant_configs,
)
from build_tools.s1_load.glossary import surface_forms
from build_tools.s2_render import generate
from build_tools.s3_search.jieba_dicts import jieba_dictionary, jieba_main_dictionary
from build_tools.s4_bundle import assets, buildlock, csp
from build_tools.s4_bundle.archive import source_date_epoch, zip_folder
from build_tools.s4_bundle.prepare import prepare, variant_pages, write_if_changed
from build_tools.s4_bundle.sitemaps import add_hreflang_to_sitemaps
from build_tools.s4_bundle.swap import run_staging, swap_in
from build_tools.s4_bundle.variants import copy_converted, variant_config
from build_tools.settings import BuildSettings

BUNDLE_NAME = paths.BUNDLE_NAME


class MkDocsFailed(Exception):
    pass


def run_mkdocs(config: Path, epoch: int) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="0")
    # Let each MkDocs process reuse compiled bytecode; some machines set this variable globally.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Not --quiet: it hides the warnings that --strict counts.
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise MkDocsFailed(f"mkdocs build failed for {config}:\n{proc.stdout}{proc.stderr}")


def build(settings: BuildSettings = BuildSettings()) -> None:
    """The whole edition: every variant into settings.site, the offline zip into settings.dist.

    One build at a time (a second waits for the first; see buildlock), made in a staging folder
    of its own that is removed on success and failure alike, and swapped in at the end: site/
    and dist/ are both the previous build's or both this one's (swap_in says how nearly).
    """
    with buildlock.exclusive(), run_staging() as staging:
        stage(staging, settings)
        # Beside the staging folder, not in it: a copy that could not be moved back must outlive it.
        swap_in({settings.site: staging / "site", settings.dist: staging / "dist"}, staging.with_name(f"{staging.name}-old"))


def stage(staging: Path, settings: BuildSettings) -> None:
    """Generate docs/, then build every variant into staging/site and the zip into staging/dist."""
    edition, files = prepare(settings)
    epoch = source_date_epoch(settings.source_date_epoch)
    (staging / "site").mkdir()
    base = yaml.safe_load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    configs = variant_configs()
    forms = list(surface_forms(edition.entries))
    # Each variant builds into a folder of its own (MkDocs empties its site_dir first), starting
    # as soon as its Markdown is ready; the traditional ones then move under the simplified root.
    with ThreadPoolExecutor(max_workers=settings.jobs) as pool:
        builds = []
        for variant in VARIANTS:
            folder = paths.BUILD / "variants" / variant.code
            folder.mkdir(parents=True, exist_ok=True)
            cc = configs[variant.code]
            own = edition.for_variant(variant.code)
            if cc:
                copy_converted(paths.DOCS, folder / "docs", cc, variant_pages(edition, variant.code, settings.site_url, files, cc))
            terms = [convert_text(f, cc) for f in forms]
            # One user dictionary per variant beside the one `mkdocs serve` uses (the same file for
            # 简体, which prepare() has already written, so this write is then a no-op).
            user_dict = paths.BUILD / "jieba" / f"{variant.code}.txt"
            write_if_changed(user_dict, jieba_dictionary(terms))
            main_dict = jieba_main_dictionary(folder / "docs" if cc else paths.DOCS, paths.BUILD / "jieba" / f"main-{variant.code}.txt", variant.code, cc)
            out = staging / "site" if not variant.prefix else staging / "variants" / variant.code
            builds.append(
                pool.submit(
                    run_mkdocs,
                    variant_config(variant, base, folder, out, cc, main_dict, user_dict, settings, generate.nav(edition.report, own.ctx.ui, edition.entries)),
                    epoch,
                )
            )
        for done in builds:
            done.result()
    for variant in VARIANTS[1:]:
        (staging / "variants" / variant.code).rename(staging / "site" / variant.prefix.rstrip("/"))
    # Lighter: no source maps or unused search languages, the edition's own assets minified; the
    # variants use the root's copy of every asset and data file they would duplicate (assets.py).
    # Each variant's copy is minified alike, so that sharing still finds them the root's, byte for byte.
    mine = assets.own_assets(paths.DOCS)
    for variant in VARIANTS:
        assets.prune_unused(staging / "site" / variant.prefix)
        assets.minify_own(staging / "site" / variant.prefix, mine)
    assets.share_with_root(staging / "site", [v.prefix for v in VARIANTS], settings.site_url)
    if settings.site_url:
        add_hreflang_to_sitemaps(staging / "site", settings.root_url)
    # Defence in depth: no page may run or load what its Content-Security-Policy would not allow.
    csp.gate(staging / "site", [v.prefix for v in VARIANTS], settings.site_url)
    (staging / "dist").mkdir()
    # A reading copy: a hosted build's open data stay on the site, which its pages link (archive.py).
    zip_folder(staging / "site", staging / "dist" / f"{BUNDLE_NAME}.zip", epoch, settings.site_url, [v.prefix for v in VARIANTS])
    # The hosted site offers the bundle for download (the data page links it); the bundle itself
    # cannot contain itself, so it is added after zipping.
    if settings.site_url:
        shutil.copyfile(staging / "dist" / f"{BUNDLE_NAME}.zip", staging / "site" / f"{BUNDLE_NAME}.zip")
