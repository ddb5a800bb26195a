"""Stage 6: convert the 简体 edition to 繁體·臺灣 and 繁體·香港 with OpenCC.

Character conversion only (s2tw, s2hk): the phrase configs s2twp/s2hkp rewrite vocabulary
(项目→專案), which would misquote an official document. Project overrides from
seeds/opencc-overrides.yaml enter through OpenCC's own configuration as a text dictionary
placed first in the chain, not by string replacement afterwards.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc
from pydantic import BaseModel, ConfigDict, Field

from .paths import BUILD, OPENCC_OVERRIDES
from .yamlio import DataError, LineList, load, validate

SHARE = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"


@dataclass(frozen=True)
class Variant:
    code: str  # folder and id, e.g. "zh-TW"
    lang: str  # BCP 47 tag on <html lang>
    label: str  # name in the switcher, in its own script
    prefix: str  # URL prefix under the site root
    opencc: str | None  # base OpenCC config, None for the source
    material_language: str
    og_locale: str


VARIANTS = (
    Variant("zh-Hans", "zh-Hans", "简体", "", None, "zh", "zh_CN"),
    Variant("zh-TW", "zh-Hant-TW", "繁體·臺灣", "zh-TW/", "s2tw", "zh-TW", "zh_TW"),
    Variant("zh-HK", "zh-Hant-HK", "繁體·香港", "zh-HK/", "s2hk", "zh-Hant", "zh_HK"),
)


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    simplified: str = Field(min_length=1)
    zh_TW: str = Field(alias="zh-TW", min_length=1)
    zh_HK: str = Field(alias="zh-HK", min_length=1)
    reason: str = Field(min_length=4)


class Overrides(BaseModel):
    model_config = ConfigDict(extra="forbid")
    overrides: list[Override]


def load_overrides(path: Path = OPENCC_OVERRIDES) -> list[Override]:
    data = load(path)
    model, errors = validate(Overrides, data, path)
    if errors:
        raise ExceptionGroup("bad OpenCC overrides", errors)
    seen: dict[str, int] = {}
    items = data["overrides"] if isinstance(data["overrides"], LineList) else []
    for i, o in enumerate(model.overrides):
        if o.simplified in seen:
            raise DataError(path, getattr(items[i], "line", 1), f"override for {o.simplified!r} given twice")
        seen[o.simplified] = i
    return model.overrides


def _dict_group(files: list[str], policy: str) -> dict:
    return {"type": "group", "match_policy": policy, "dicts": [{"type": "ocd2", "file": str(SHARE / f)} for f in files]}


def write_config(variant: Variant, overrides: list[Override], folder: Path = BUILD / "opencc") -> Path:
    """An OpenCC configuration: the stock s2tw/s2hk chain with the project's dictionary first.

    The file names carry a hash of the overrides, so a changed override list is a new path: the
    cached converter of the old one is never reused (`mkdocs serve` runs for hours), and an
    unchanged list is not written again.
    """
    target = {"zh-TW": "zh_TW", "zh-HK": "zh_HK"}[variant.code]
    pairs = sorted({o.simplified: getattr(o, target) for o in overrides}.items())
    listing = "".join(f"{s}\t{t}\n" for s, t in pairs) or "\n"
    key = hashlib.sha256(listing.encode("utf-8")).hexdigest()[:12]
    path = folder / f"{variant.code}-{key}.json"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{variant.code}-*"):
        stale.unlink()
    project = folder / f"{variant.code}-{key}-overrides.txt"
    project.write_text(listing, encoding="utf-8")
    stock = json.loads((SHARE / f"{variant.opencc}.json").read_text(encoding="utf-8"))
    project_dict = {"type": "text", "file": str(project)}

    def absolute(node):
        # Stock dictionary paths are relative to OpenCC's share folder; ours live elsewhere.
        if isinstance(node, dict):
            return {k: (str(SHARE / v) if k == "file" else absolute(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [absolute(v) for v in node]
        return node

    config = absolute(stock)
    config["name"] = f"{stock['name']} + project overrides"
    # Segment on our phrases too, so that an override wins over a longer stock phrase.
    config["segmentation"]["dict"]["dicts"].insert(0, project_dict)
    first = config["conversion_chain"][0]["dict"]
    first["dicts"].insert(0, project_dict)
    path.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def variant_configs(folder: Path = BUILD / "opencc", overrides_path: Path = OPENCC_OVERRIDES) -> dict[str, str | None]:
    """The OpenCC config of each variant by code; None for the source (no conversion)."""
    overrides = load_overrides(overrides_path)
    return {v.code: (str(write_config(v, overrides, folder)) if v.opencc else None) for v in VARIANTS}


@cache
def converter(config_path: str) -> opencc.OpenCC:
    return opencc.OpenCC(config_path)


# Spans in another script are never converted: the simplified form shown on purpose
# (lang="zh-Hans"), English renderings (lang="en"), pinyin (lang="zh-Latn-pinyin"), and text
# already in a traditional variant's own form (lang="zh-Hant-TW", "zh-Hant-HK"), which a second
# conversion could only spoil.
KEEP = re.compile(r'(<span\b[^>]*\blang="(?:zh-Hans|en|zh-Latn-pinyin|zh-Hant-TW|zh-Hant-HK)"[^>]*>[^<]*</span>)')
CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def convert_text(text: str, config_path: str | None) -> str:
    """Text in a variant's script; the source variant (no configuration) is the text itself."""
    if config_path is None:
        return text
    cc = converter(config_path)
    parts = KEEP.split(text)
    return "".join(p if KEEP.fullmatch(p) else cc.convert(p).translate(CORNER) for p in parts)
