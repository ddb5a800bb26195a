"""Each traditional variant's house style (seeds/house-style.yaml) and the reviewed form of every
name (seeds/names.yaml), loaded and checked.

House style: where OpenCC's stock form differs from the usage of the place's government
(s2hk's 説 税 羣 against the 說 稅 群 of Hong Kong government publications; s2tw's 公佈 發佈 佔
against the 公布 發布 占 of Taiwan's laws), a rule replaces the stock form. The rules enter
OpenCC as the last step of the variant's conversion chain (convert.write_config), so they apply
to every converted character of that variant, report and apparatus alike.

Names: every glossary term and form, and every other person, place or organization name whose
characters OpenCC could convert more than one way, has a reviewed form per variant. Names enter
OpenCC as phrases of the project dictionary, first in the chain, so a name converts as a whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, create_model

from build_tools import registry
from build_tools.paths import HOUSE_STYLE, NAMES
from build_tools.s1_load.overrides import HAN, field_name
from build_tools.s1_load.schema import DocumentSource
from build_tools.s1_load.yamlio import DataError, LineDict, line_of, load, validate

TRADITIONAL = registry.TRADITIONAL
# A name's text: Han characters, Latin letters and digits (G351, 5G+), and the punctuation names
# carry; nothing that could be markup.
NAME_PUNCTUATION = set("、（）()·+-./“”‘’ ") | set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class HouseRule(BaseModel):
    """One difference from OpenCC: its stock form, the house form, and why, with sources."""

    model_config = ConfigDict(extra="forbid")
    opencc: str = Field(min_length=1, description="what the stock configuration prints")
    house: str = Field(min_length=1, description="what this variant prints instead")
    examples: list[str] = Field(min_length=1, description="words of the edition in which the rule shows, in the house form")
    reason: str = Field(min_length=4)
    sources: list[DocumentSource] = Field(min_length=1)


class VariantStyle(BaseModel):
    model_config = ConfigDict(extra="forbid")
    summary: str = Field(min_length=10, description="the house style in a few sentences, shown on the about page")
    rules: list[HouseRule]


HouseStyle = create_model(  # type: ignore[call-overload]
    "HouseStyle",
    __config__=ConfigDict(extra="forbid"),
    **{field_name(v.code): (VariantStyle, Field(alias=v.code)) for v in TRADITIONAL},
)


class HouseStyleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    variants: HouseStyle


class NameBase(BaseModel):
    """A name as the edition prints it in each variant."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    simplified: str = Field(min_length=1)
    # A glossary entry's id, or what kind of name it is.
    of: str = Field(min_length=1)

    def form(self, code: str) -> str:
        return getattr(self, field_name(code))


Name = create_model(  # type: ignore[call-overload]
    "Name",
    __base__=NameBase,
    **{field_name(v.code): (str, Field(alias=v.code, min_length=1)) for v in TRADITIONAL},
)
KINDS: tuple[str, ...] = ("person", "place", "organization", "title")


class Names(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: list[Name]


def load_house_style(path: Path = HOUSE_STYLE) -> tuple[dict[str, VariantStyle], list[DataError]]:
    """Each traditional variant's style by code, and every problem as a located DataError."""
    try:
        data = load(path)
    except DataError as exc:
        return {}, [exc]
    model, errors = validate(HouseStyleFile, data, path)
    if model is None:
        return {}, errors
    styles = {v.code: model.variants.__dict__[field_name(v.code)] for v in TRADITIONAL}
    errors += list(rule_errors(styles, data, path))
    return ({}, sorted(errors, key=lambda e: e.line)) if errors else (styles, [])


def rule_errors(styles: dict[str, VariantStyle], data: object, path: Path) -> Iterator[DataError]:
    """Rules that rewrite rather than replace a form (another length, not Han text), that are
    given twice, or whose examples do not show the house form."""
    for code, style in styles.items():
        seen: set[str] = set()
        for i, rule in enumerate(style.rules):
            where = ("variants", code, "rules", i)
            for key in ("opencc", "house"):
                text = getattr(rule, key)
                if not HAN.fullmatch(text):
                    yield DataError(path, line_of(data, (*where, key)), f"{code} rule {i}: {key} {text!r} must be Han characters only")
            if len(rule.opencc) != len(rule.house):
                yield DataError(
                    path, line_of(data, (*where, "house")), f"{code} rule {i}: {rule.house!r} is not as long as {rule.opencc!r}: a rule replaces characters"
                )
            if rule.opencc in seen:
                yield DataError(path, line_of(data, (*where, "opencc")), f"{code} rule {i}: a rule for {rule.opencc!r} is given twice")
            seen.add(rule.opencc)
            for example in rule.examples:
                if rule.house not in example:
                    yield DataError(path, line_of(data, (*where, "examples")), f"{code} rule {i}: example {example!r} does not show {rule.house!r}")


def house_pairs(style: VariantStyle) -> list[tuple[str, str]]:
    """The rules as OpenCC dictionary pairs (stock form, house form)."""
    return sorted((r.opencc, r.house) for r in style.rules)


def load_names(path: Path = NAMES) -> tuple[list[NameBase], list[DataError]]:
    """The reviewed names, and every problem (schema, length, characters, duplicates)."""
    try:
        data = load(path)
    except DataError as exc:
        return [], [exc]
    model, errors = validate(Names, data, path)
    items = data.get("names") if isinstance(data, dict) else None
    if isinstance(items, list):
        errors += list(name_errors(items, path))
    if errors or model is None:
        return [], sorted(errors, key=lambda e: e.line)
    return list(model.names), []


def name_errors(items: list, path: Path) -> Iterator[DataError]:
    codes = [v.code for v in TRADITIONAL]
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, LineDict) or not isinstance(item.get("simplified"), str):
            continue  # the schema's error
        simplified = item["simplified"]
        line = item.key_lines.get("simplified", item.line)
        for key in ("simplified", *codes):
            text = item.get(key)
            if isinstance(text, str) and (bad := next((c for c in text if not (HAN.fullmatch(c) or c in NAME_PUNCTUATION)), None)):
                yield DataError(
                    path,
                    item.key_lines.get(key, line),
                    f"names.{i}.{key}: a name holds Han characters, Latin letters, digits and 、（）()·+-./‘’“”; {bad!r} is not allowed",
                )
            if key != "simplified" and isinstance(text, str) and len(text) != len(simplified):
                yield DataError(
                    path, item.key_lines.get(key, line), f"names.{i}.{key}: {text!r} is not as long as {simplified!r}: OpenCC converts character for character"
                )
        if simplified in seen:
            yield DataError(path, line, f"names.{i}.simplified: {simplified!r} is given twice")
        seen.add(simplified)
        of = item.get("of")
        if isinstance(of, str) and of not in KINDS and not of.replace("-", "").isalnum():
            yield DataError(path, item.key_lines.get("of", line), f"names.{i}.of: {of!r} is neither a glossary id nor one of {', '.join(KINDS)}")


def glossary_name_errors(names: list[NameBase], entries: list, ids: set[str], path: Path = NAMES) -> Iterator[DataError]:
    """Every glossary term and form (of ``entries``, the ones that loaded) has its reviewed form
    among the names, under its entry's id; every ``of`` is a kind or an entry's id (``ids``: one per
    entry file, loaded or not, so that an entry's own error is not reported here again)."""
    data = load(path)
    listed = {n.simplified: (i, n) for i, n in enumerate(names)}
    for e in entries:
        for text in (e.term, *e.forms):
            if text not in listed:
                yield DataError(path, 1, f"names: the glossary's {text!r} ({e.id}) has no reviewed form in each variant; add it")
                continue
            i, name = listed[text]
            if name.of != e.id:
                yield DataError(path, line_of(data, ("names", i, "of")), f"names.{i}.of: {text!r} is a term of the glossary entry {e.id}; write of: {e.id}")
    for i, n in enumerate(names):
        if n.of not in KINDS and n.of not in ids:
            yield DataError(path, line_of(data, ("names", i, "of")), f"names.{i}.of: {n.of!r} is no glossary entry")
