"""Each variant's MkDocs input: its Markdown (converted for the traditional ones) and its config, which INHERITs the base mkdocs.yml."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

import yaml

from build_tools import paths, registry
from build_tools.convert import (
    Variant,
    conversion_key,
    convert_text,
)
from build_tools.s1_load.interface import load_interface
from build_tools.s1_load.yamlio import BuildError
from build_tools.s4_bundle.prepare import write_if_changed
from build_tools.settings import BuildSettings

# Files whose text a reader sees, converted for the traditional variants; the rest is copied.
TEXT_SUFFIXES = {".md", ".html"}


def copy_converted(src: Path, dst: Path, config: str | None, pages: dict[str, str] | None = None) -> None:
    """Mirror a folder, converting the text (not the markup) of Markdown and HTML files when a
    config is given. ``pages`` (path → text) stand in for the files of the same path under ``src``
    (a variant's own rendering of the generated pages, see prepare.variant_pages).

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
    own = pages or {}
    names = sorted({p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file()} | set(own))
    for rel in names:
        data = own[rel].encode("utf-8") if rel in own else (src / rel).read_bytes()
        path = Path(rel)
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


def variant_config(
    variant: Variant, base: dict, folder: Path, site_dir: Path, config: str | None, jieba_dict: Path, jieba_user: Path, settings: BuildSettings, nav: list
) -> Path:
    """A per-variant mkdocs.yml that only INHERITs the base and overrides what differs.

    Every variant uses overrides/ itself, unconverted; its words are the variant's own messages
    (extra.edition.messages, from seeds/interface.yaml). The navigation (``nav``, the simplified
    one, converted here) and the switcher's list of variants come from the build, not from the
    base mkdocs.yml.
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
        "extra": {"edition": {"variant": variant.code, "og_locale": variant.og_locale, "repo": settings.repo_url, **edition_extra(variant)}},
        "plugins": [
            {"search": dict(search, jieba_dict=str(jieba_dict), jieba_dict_user=str(jieba_user))},
            "offline",
        ],
        # The standalone build has already generated docs/, so not the serve hook; only the hooks
        # every run shares (template bytecode cache, index segmentation without jieba's HMM).
        "hooks": [os.path.relpath(Path(__file__).resolve().parent.parent / "mkdocs_build_hooks.py", folder)],
        "nav": convert_nav(nav),
    }
    # The hosted site's address, when the build knows it (CI sets it from GitHub Pages):
    # canonical links, og:url, the sitemap and the 404 page's links need it.
    if settings.site_url:
        own["site_url"] = settings.root_url + variant.prefix
    path = folder / "mkdocs.yml"
    write_if_changed(path, yaml.safe_dump(own, allow_unicode=True, sort_keys=False))
    return path


def edition_extra(variant: Variant) -> dict:
    """What the templates in overrides/ read about the variants (extra.edition): this one's code,
    the switcher's list, and this variant's interface messages."""
    return {
        "variant": variant.code,
        "lang": variant.lang,
        "og_locale": variant.og_locale,
        "variants": [{"code": v.code, "lang": v.lang, "label": v.label, "prefix": v.prefix} for v in registry.VARIANTS],
        "messages": messages()[variant.code],
    }


def messages() -> dict[str, dict[str, str]]:
    """The interface messages of every variant; the build has checked them before it comes here."""
    by_variant, errors = load_interface()
    if errors:
        raise BuildError(errors)
    return by_variant
