"""The project's corrections to OpenCC (seeds/opencc-overrides.yaml), loaded and checked: Han text only, character for character, and occurring in the seeds."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    create_model,
    field_validator,
)

from build_tools import registry
from build_tools.paths import OPENCC_OVERRIDES, SeedFiles
from build_tools.s1_load.yamlio import MAX_BYTES, DataError, LineDict, load, validate

# What an override may hold: CJK unified ideographs (the basic block and extensions A to I) and
# 〇, the Han numeral zero. No ASCII, no punctuation, no compatibility ideographs: an override
# changes which character stands in the text, it can never add markup or anything else.
HAN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ee5f\U00030000-\U000323af]+")


class OverrideBase(BaseModel):
    """A correction to OpenCC: the simplified text, its form in each converted variant, and why."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    simplified: str = Field(min_length=1)
    reason: str = Field(min_length=4)

    @field_validator("*")
    @classmethod
    def han_only(cls, value: str, info: ValidationInfo) -> str:
        """Han characters only (see HAN), in every field but the reason."""
        if info.field_name == "reason":
            return value
        bad = next((c for c in value if not HAN.fullmatch(c)), None)
        if bad is not None:
            raise ValueError(f"only Han characters (CJK ideographs, 〇) are allowed; {bad!r} (U+{ord(bad):04X}) is not one")
        return value

    def form(self, code: str) -> str:
        """The override's text in the variant ``code``."""
        return getattr(self, field_name(code))


def field_name(code: str) -> str:
    return code.replace("-", "_")


# One field per converted variant of the registry, named by its code in the YAML ("zh-TW").
TRADITIONAL = registry.TRADITIONAL
Override = create_model(  # type: ignore[call-overload]
    "Override",
    __base__=OverrideBase,
    **{field_name(v.code): (str, Field(alias=v.code, min_length=1)) for v in TRADITIONAL},
)


class Overrides(BaseModel):
    model_config = ConfigDict(extra="forbid")
    overrides: list[Override]


def load_overrides(path: Path = OPENCC_OVERRIDES) -> tuple[list[OverrideBase], list[DataError]]:
    """The project's corrections to OpenCC, each one checked to be a character-for-character
    conversion of Han text that the seeds hold.

    Returns the overrides and every problem as a located DataError, in line order (no overrides
    while there is any problem).
    """
    try:
        data = load(path)
    except DataError as exc:
        return [], [exc]
    model, errors = validate(Overrides, data, path)
    items = data.get("overrides") if isinstance(data, dict) else None
    # Checked on the loaded YAML, so that they are reported with the schema's errors, not after.
    if isinstance(items, list):
        errors += override_errors(items, path, seed_text(path.parent))
    if errors or model is None:
        return [], sorted(errors, key=lambda e: e.line)
    return list(model.overrides), []


def override_errors(items: list, path: Path, text: str) -> list[DataError]:
    """Overrides that rewrite rather than convert (a form of another length), that convert
    nothing (the simplified form is not in ``text``) or that are given twice."""
    errors: list[DataError] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        simplified = item.get("simplified") if isinstance(item, LineDict) else None
        if not isinstance(simplified, str):
            continue  # the schema's error
        codes = [v.code for v in TRADITIONAL]
        line = {key: item.key_lines.get(key, item.line) for key in ("simplified", *codes)}
        for key in codes:
            form = item.get(key)
            if isinstance(form, str) and len(form) != len(simplified):
                errors.append(
                    DataError(
                        path,
                        line[key],
                        f"overrides.{i}.{key}: {form!r} has {len(form)} characters and {simplified!r} {len(simplified)}: OpenCC converts character for character, an override may not rewrite",
                    )
                )
        if simplified in seen:
            errors.append(DataError(path, line["simplified"], f"overrides.{i}.simplified: override for {simplified!r} given twice"))
        elif HAN.fullmatch(simplified) and simplified not in text:
            errors.append(
                DataError(
                    path,
                    line["simplified"],
                    f"overrides.{i}.simplified: {simplified!r} occurs nowhere in the report or the seeds' text: the override would convert nothing",
                )
            )
        seen.add(simplified)
    return errors


def seed_text(root: Path) -> str:
    """All that the seeds say, whitespace removed: the report as received and the YAML files but
    the overrides themselves (whose reasons quote the words they fix).

    Raw files rather than the loaded edition: reading them costs milliseconds, cannot fail on
    another file's error and needs none of the pipeline (generate imports this module); the
    report's words and the contributed text are all in them. Whitespace goes because the report's
    lines break inside words and YAML folds long strings.
    """
    seeds = SeedFiles(root)
    files = [seeds.text, seeds.corrections, seeds.structure, seeds.unglossed, seeds.notes, seeds.ledger, seeds.nonquantities]
    files += sorted(seeds.glossary.glob("*.yaml"))
    # A link or an oversized file is refused by the contribution check; it is not read here.
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file() and not f.is_symlink() and f.stat().st_size <= MAX_BYTES)
    return _joined_text(stamp)


@lru_cache(maxsize=4)
def _joined_text(stamp: tuple[tuple[str, int, int], ...]) -> str:
    # Keyed by the files' paths, mtimes and sizes: a build loads the overrides three times.
    # Bytes that are not UTF-8 are the contribution check's to report; here they cannot match.
    return re.sub(r"\s+", "", "".join(Path(name).read_text(encoding="utf-8", errors="replace") for name, _, _ in stamp))
