"""Stage 7: build every variant with MkDocs and assemble site/ and the offline zip in dist/.

Everything is built in a staging folder of the run's own and swapped in at the end, so a failed
build leaves the previous site/ and dist/ untouched.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from build_tools.s4_bundle import buildlock, csp
from build_tools import paths
from build_tools.convert import VARIANTS, Variant, conversion_key, convert_text, converter, variant_configs
from build_tools.s1_load.glossary import surface_forms
from build_tools.s1_load.interface import load_interface
from build_tools.s4_bundle.prepare import jieba_dictionary, prepare, write_if_changed

BUNDLE_NAME = paths.BUNDLE_NAME
# Files whose text a reader sees, converted for the traditional variants; the rest is copied.
TEXT_SUFFIXES = {".md", ".html"}


class MkDocsFailed(Exception):
    pass


def source_date_epoch() -> int:
    """The commit date, so two builds of one commit are byte-identical."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True, check=True)
        return int(out.stdout.strip())
    except (subprocess.CalledProcessError, ValueError, FileNotFoundError):
        return 315532800  # 1980-01-01, the earliest date a zip can hold


def copy_converted(src: Path, dst: Path, config: str | None) -> None:
    """Mirror a folder, converting the text (not the markup) of Markdown and HTML files when a
    config is given.

    A file whose source, configuration and converter are those of the last mirroring, and which
    is still what that mirroring wrote, is left as it is (keys beside the folder, in
    <dst>.keys.json), so a warm build converts nothing.
    """
    keys_file = dst.with_name(f"{dst.name}.keys.json")
    before = json.loads(keys_file.read_text(encoding="utf-8")) if keys_file.exists() and dst.exists() else {}
    # Forgotten until the mirror is whole again, so that a file left half-written is never trusted.
    keys_file.unlink(missing_ok=True)
    salt = conversion_key(config).encode() if config else b""
    keys: dict[str, list[str]] = {}
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        rel, data = path.relative_to(src).as_posix(), path.read_bytes()
        source_key, target = hashlib.sha256(data + salt).hexdigest(), dst / rel
        # The output is checked too: another build (an older checkout's, say) may have rewritten it.
        kept = before.get(rel)
        if kept and kept[0] == source_key and target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == kept[1]:
            keys[rel] = kept
            continue
        out = convert_text(data.decode("utf-8"), config).encode("utf-8") if config and path.suffix in TEXT_SUFFIXES else data
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out)
        keys[rel] = [source_key, hashlib.sha256(out).hexdigest()]
    for stale in [p for p in dst.rglob("*") if p.is_file() and p.relative_to(dst).as_posix() not in keys]:
        stale.unlink()
    keys_file.write_text(json.dumps(keys, sort_keys=True), encoding="utf-8")


def variant_config(variant: Variant, base: dict, folder: Path, site_dir: Path, config: str | None, jieba_dict: Path, jieba_user: Path) -> Path:
    """A per-variant mkdocs.yml that only INHERITs the base and overrides what differs.

    Every variant uses overrides/ itself, unconverted; its words are the variant's own messages
    (extra.edition.messages, from seeds/interface.yaml).
    """
    conv = functools.partial(convert_text, config_path=config)

    def convert_nav(node):
        if isinstance(node, list):
            return [convert_nav(n) for n in node]
        if isinstance(node, dict):
            return {conv(k): convert_nav(v) for k, v in node.items()}
        return node

    palette = [dict(p, toggle=dict(p["toggle"], name=conv(p["toggle"]["name"]))) for p in base["theme"]["palette"]]
    search = next(p["search"] for p in base["plugins"] if isinstance(p, dict) and "search" in p)
    own = {
        "INHERIT": os.path.relpath(paths.ROOT / "mkdocs.yml", folder),
        "site_name": conv(base["site_name"]),
        "site_description": conv(base["site_description"]),
        "site_author": conv(base["site_author"]),
        "copyright": conv(base["copyright"]),
        "docs_dir": os.path.relpath(folder / "docs" if config else paths.DOCS, folder),
        "site_dir": os.path.relpath(site_dir, folder),
        "theme": {
            "language": variant.material_language,
            "custom_dir": os.path.relpath(paths.ROOT / "overrides", folder),
            "palette": palette,
        },
        "extra": {"edition": {"variant": variant.code, "og_locale": variant.og_locale, "switch_label": conv(base["extra"]["edition"]["switch_label"]), "repo": os.environ.get("REPO_URL", ""), "messages": load_interface()[variant.code]}},
        "plugins": [
            {"search": dict(search, jieba_dict=str(jieba_dict), jieba_dict_user=str(jieba_user))},
            "offline",
        ],
        # The standalone build has already generated docs/, so not the serve hook; only the hooks
        # every run shares (template bytecode cache, index segmentation without jieba's HMM).
        "hooks": [os.path.relpath(Path(__file__).resolve().parent.parent / "mkdocs_build_hooks.py", folder)],
        "nav": convert_nav(base["nav"]),
    }
    # The hosted site's address, when the build knows it (CI sets it from GitHub Pages):
    # canonical links, og:url, the sitemap and the 404 page's links need it.
    if os.environ.get("SITE_URL"):
        own["site_url"] = os.environ["SITE_URL"].rstrip("/") + "/" + variant.prefix
    path = folder / "mkdocs.yml"
    write_if_changed(path, yaml.safe_dump(own, allow_unicode=True, sort_keys=False))
    return path


HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
FILLER = "〇〇〇〇〇〇〇〇"


def jieba_dictionary_in(code: str, cc: str | None) -> Path | None:
    """jieba's dictionary in a variant's script: None (jieba's own) for 简体, else converted.

    jieba's dictionary is simplified; without a traditional copy, the traditional indexes would
    fall apart into single characters (數/字/經/濟) wherever a word is not a glossary term. The
    copy is made once per OpenCC configuration (whose file name carries its overrides' hash);
    words that convert to the same form pool their frequencies.
    """
    if cc is None:
        return None
    import jieba

    source = Path(jieba.__file__).with_name("dict.txt")
    key = hashlib.sha256(f"{Path(cc).name}|{jieba.__version__}".encode()).hexdigest()[:16]
    target = paths.BUILD / "jieba" / f"full-{code}-{key}.txt"
    if target.exists():
        return target
    freq: dict[str, int] = {}
    for line in converter(cc).convert(source.read_text(encoding="utf-8")).splitlines():
        word, count = line.split(" ")[:2]
        freq[word] = freq.get(word, 0) + int(count)
    return paths.store_cached(target, "".join(f"{w} {n}\n" for w, n in freq.items()), f"full-{code}-*.txt")


@functools.cache
def full_jieba(dictionary: Path | None = None):
    """jieba's full dictionary (or a converted copy), loaded once per build however many variants
    need cutting."""
    import jieba

    tokenizer = jieba.Tokenizer(str(dictionary)) if dictionary else jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def jieba_main_dictionary(docs: Path, target: Path, code: str = "zh-Hans", cc: str | None = None) -> Path:
    """jieba's own dictionary (in the variant's script) cut down to the words of these pages.

    Loading jieba's full dictionary costs each MkDocs process most of a second. Only words that
    occur in the text can take part in segmentation, and a filler entry keeps the total
    frequency unchanged, so the index is segmented exactly as with the full dictionary.
    Cached by the runs of Han characters it was cut for: a change elsewhere in the pages (the
    commit counts on the contributors page, say) reuses it.
    """
    dictionary = jieba_dictionary_in(code, cc)
    texts = [p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))]
    # With the markup taken out too, so that a word split by an inline tag is still seen whole.
    runs = sorted(set(HAN_RUN.findall("\n".join(texts + [re.sub(r"<[^>]+>", "", t) for t in texts]))))
    key = hashlib.sha256("\n".join([dictionary.name if dictionary else "", *runs]).encode("utf-8")).hexdigest()[:16]
    cached = target.with_name(f"{target.stem}-{key}.txt")
    if cached.exists():
        return cached
    full = full_jieba(dictionary)
    words: set[str] = set()
    for run in runs:
        for start, ends in full.get_DAG(run).items():
            words.update(run[start : end + 1] for end in ends if full.FREQ.get(run[start : end + 1]))
    kept = sum(full.FREQ[w] for w in words)
    lines = [f"{w} {full.FREQ[w]}\n" for w in sorted(words)] + [f"{FILLER} {full.total - kept}\n"]
    return paths.store_cached(cached, "".join(lines), f"{target.stem}-*.txt")


def run_mkdocs(config: Path, epoch: int) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="0")
    # Let each MkDocs process reuse compiled bytecode; some machines set this variable globally.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Not --quiet: it hides the warnings that --strict counts.
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise MkDocsFailed(f"mkdocs build failed for {config}:\n{proc.stdout}{proc.stderr}")


def zip_folder(folder: Path, target: Path, epoch: int) -> None:
    """A deterministic zip: sorted names, fixed timestamps and permissions."""
    import time

    stamp = time.gmtime(max(epoch, 315532800))[:6]
    # Level 1: the bundle is mostly text that compresses well at any level; level 9 costs four times
    # the time for a few per cent.
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{BUNDLE_NAME}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=1)


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def add_hreflang_to_sitemaps(site: Path, root_url: str) -> None:
    """hreflang alternates between the variants, in each variant's sitemap.

    They live in the sitemaps rather than in each page's <head>: Material's JavaScript fetches a
    sitemap for every <link rel="alternate"> it finds, relative to that link, which for page-level
    links would be a failing request on every page view.
    """
    import gzip
    from xml.etree import ElementTree as ET

    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    for variant in VARIANTS:
        path = site / variant.prefix / "sitemap.xml"
        tree = ET.parse(path)
        for url in tree.getroot().findall(f"{{{SITEMAP_NS}}}url"):
            loc = url.find(f"{{{SITEMAP_NS}}}loc").text
            page = loc[len(root_url + variant.prefix) :]
            for other in VARIANTS:
                ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=other.lang, href=root_url + other.prefix + page)
        data = ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True)
        path.write_bytes(data)
        (site / variant.prefix / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))


def swap_in(pairs: dict[Path, Path], aside: Path) -> None:
    """Put each staged folder (value) in place of its final one (key), all of them or none.

    POSIX renames one directory atomically, but no call swaps two, so site/ and dist/ cannot
    change in one atomic step. What this gives instead: both new trees are complete before the
    first rename; the renames (old site/ into ``aside``, new one in, then the same for dist/) run
    back to back; if any fails, or Ctrl-C interrupts them, those already made are undone in
    reverse and the old pair is back. ``aside`` is a folder under build/ (which git ignores; never
    next to site/), removed at the end; if a rename back fails too, it is kept, and the error says
    where the old copy is. It must be on the filesystem of the final folders, or the first rename
    fails and nothing changes.

    A reader of site/ sees either the whole old tree or the whole new one, never a mix of their
    files; but between two adjacent renames site/ briefly does not exist, and for the time of two
    renames the new site/ stands beside the old dist/. A process killed outright (SIGKILL, power
    loss) in that window can leave site/ or dist/ missing, never half-written; the next build
    makes it again and removes the copy left in ``aside``.
    """
    aside.mkdir(parents=True, exist_ok=True)
    moves: list[tuple[Path, Path]] = []
    for i, (final, staged) in enumerate(pairs.items()):
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists() or final.is_symlink():
            moves.append((final, aside / f"{i}-{final.name}"))
        moves.append((staged, final))
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in moves:
            source.rename(target)
            done.append((source, target))
    # BaseException: a Ctrl-C between two renames must not leave the pair half swapped either.
    except BaseException as exc:
        if undo_renames(done, exc):
            shutil.rmtree(aside, ignore_errors=True)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def undo_renames(done: list[tuple[Path, Path]], exc: BaseException) -> bool:
    """Move each renamed folder back, last first; False (with a note on ``exc``) if one would not go."""
    undone = True
    for source, target in reversed(done):
        try:
            target.rename(source)
        except OSError as undo:
            exc.add_note(f"could not move {target} back to {source} ({undo}); it is kept there until the next build")
            undone = False
    return undone


@contextlib.contextmanager
def run_staging(build_dir: Path = paths.BUILD) -> Iterator[Path]:
    """A staging folder of this run's own under build/, removed however the run ends.

    Called with the build lock held, so any other staging folder there was left by a build that
    was killed (its cleanup never ran) and is removed first. (A build killed outright can leave
    its MkDocs processes running for some seconds, writing into its own staging folder only; a
    later build removes what they write.)
    """
    for abandoned in build_dir.glob("staging*"):
        shutil.rmtree(abandoned, ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=build_dir))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build(site: Path = paths.SITE, dist: Path = paths.DIST, jobs: int = 3) -> None:
    """The whole edition: every variant into site/, the offline zip into dist/.

    One build at a time (a second waits for the first; see buildlock), made in a staging folder
    of its own that is removed on success and failure alike, and swapped in at the end: site/
    and dist/ are both the previous build's or both this one's (swap_in says how nearly).
    """
    with buildlock.exclusive(), run_staging() as staging:
        stage(staging, jobs)
        # Beside the staging folder, not in it: a copy that could not be moved back must outlive it.
        swap_in({site: staging / "site", dist: staging / "dist"}, staging.with_name(f"{staging.name}-old"))


def stage(staging: Path, jobs: int = 3) -> None:
    """Generate docs/, then build every variant into staging/site and the zip into staging/dist."""
    edition, _ = prepare()
    epoch = source_date_epoch()
    (staging / "site").mkdir()
    base = yaml.safe_load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    configs = variant_configs()
    forms = list(surface_forms(edition.entries))
    # Each variant builds into a folder of its own (MkDocs empties its site_dir first), starting
    # as soon as its Markdown is ready; the traditional ones then move under the simplified root.
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        builds = []
        for variant in VARIANTS:
            folder = paths.BUILD / "variants" / variant.code
            folder.mkdir(parents=True, exist_ok=True)
            cc = configs[variant.code]
            if cc:
                copy_converted(paths.DOCS, folder / "docs", cc)
            terms = [convert_text(f, cc) for f in forms]
            # One user dictionary per variant beside the one `mkdocs serve` uses (the same file for
            # 简体, which prepare() has already written, so this write is then a no-op).
            user_dict = paths.BUILD / "jieba" / f"{variant.code}.txt"
            write_if_changed(user_dict, jieba_dictionary(terms))
            main_dict = jieba_main_dictionary(folder / "docs" if cc else paths.DOCS, paths.BUILD / "jieba" / f"main-{variant.code}.txt", variant.code, cc)
            out = staging / "site" if not variant.prefix else staging / "variants" / variant.code
            builds.append(pool.submit(run_mkdocs, variant_config(variant, base, folder, out, cc, main_dict, user_dict), epoch))
        for done in builds:
            done.result()
    for variant in VARIANTS[1:]:
        (staging / "variants" / variant.code).rename(staging / "site" / variant.prefix.rstrip("/"))
    if os.environ.get("SITE_URL"):
        add_hreflang_to_sitemaps(staging / "site", os.environ["SITE_URL"].rstrip("/") + "/")
    # Defence in depth: no page may run or load what its Content-Security-Policy would not allow.
    csp.gate(staging / "site", [v.prefix for v in VARIANTS], os.environ.get("SITE_URL", ""))
    (staging / "dist").mkdir()
    zip_folder(staging / "site", staging / "dist" / f"{BUNDLE_NAME}.zip", epoch)
    # The hosted site offers the bundle for download (the data page links it); the bundle itself
    # cannot contain itself, so it is added after zipping.
    if os.environ.get("SITE_URL"):
        shutil.copyfile(staging / "dist" / f"{BUNDLE_NAME}.zip", staging / "site" / f"{BUNDLE_NAME}.zip")
