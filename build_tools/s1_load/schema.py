"""Typed schemas of the contributed data in seeds/: glossary entries, notes, unglossed list."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

CATEGORIES = {
    "national-policy": "国家政策",
    "zhejiang-policy": "浙江省政策",
    "quzhou-policy": "衢州政策与品牌",
    "reform": "改革",
    "formula": "数字概括语",
    "place": "地名",
    "organization": "机构与企业",
    "person": "人物",
    "project": "项目与设施",
    "event": "活动与事件",
    "honour": "荣誉与排名",
}
LEVELS = {"national": "国家", "provincial": "省级", "municipal": "市级"}
CID_PATTERN = r"^[0-3](\.[0-9]{1,2}){0,2}$"
URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReportSource(Strict):
    """A paragraph of the report itself, by citation id."""

    cite: str = Field(pattern=CID_PATTERN)


class DocumentSource(Strict):
    """A public document: title, publisher, date, URL; `quote` gives the words relied on."""

    title: str = Field(min_length=2)
    publisher: str = Field(min_length=2)
    reprint_of: str | None = Field(None, description="the original publisher when the page at `url` reprints another publisher's article")
    # "n.d." (no date) where the document shows none; rendered as 日期不详.
    date: str = Field(
        description="the document's date as precise as it shows it: YYYY, YYYY-MM or YYYY-MM-DD; n.d. when it shows none",
        json_schema_extra={"pattern": r"^(\d{4}(-\d{2}(-\d{2})?)?|n\.d\.)$"},
    )
    url: str = Field(description="address of the document", json_schema_extra={"format": "uri"})
    quote: str | None = Field(None, description="the words of the document relied on")

    @field_validator("date")
    @classmethod
    def _date(cls, value: str) -> str:
        # As precise as the document shows it, and a real date: 2020-13 or 2020-02-30 is a typo.
        formats = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
        if value != "n.d.":
            try:
                datetime.strptime(value, formats[len(value)])
            except (KeyError, ValueError):
                raise ValueError("not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real one), or n.d.") from None
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        # Characters a URL may not carry unencoded (RFC 3986): this also catches a template
        # placeholder such as {{href}} copied from a scraped page.
        if not URL.fullmatch(value):
            raise ValueError('not an http(s) URL, or has a character that must be percent-encoded (space < > " { } | \\ ^ `)')
        return value


def _source_kind(value: Any) -> str:
    # Tell the two shapes apart by their keys, so an error names the field that is wrong.
    has_cite = "cite" in value if isinstance(value, dict) else hasattr(value, "cite")
    return "report" if has_cite else "document"


Source = Annotated[
    Annotated[ReportSource, Tag("report")] | Annotated[DocumentSource, Tag("document")],
    Discriminator(_source_kind),
]


class Entry(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    term: str = Field(min_length=1)
    forms: list[str] = []
    # Match only inside quotation marks: for short forms that also occur as ordinary words
    # (“三年” the campaign, not 三年行动; “俭” the motto, not 节俭).
    quoted_only: bool = False
    category: Literal[tuple(CATEGORIES)]  # type: ignore[valid-type]
    level: Literal[tuple(LEVELS)]  # type: ignore[valid-type]
    pinyin: str | None = None
    english: str = Field(min_length=1)
    # Grammatical forms of `english` a translation may use instead (a plural, a possessive), so
    # that the translations' term check accepts them; never a different rendering.
    english_variants: list[str] = Field([], description="grammatical variants of english (plural, possessive) that a translation may use")
    # Where the English rendering comes from: an official English source that prints it (quote),
    # or "edition" for the edition's own rendering.
    english_source: DocumentSource | Literal["edition"] = Field(
        description="the official English source that prints the rendering (its quote shows it), or 'edition' for the edition's own"
    )
    definition: str = Field(min_length=4, max_length=160)
    explanation: str = ""
    sources: list[Source] = Field(min_length=1)
    status: Literal["verified", "unverified"]
    related: list[str] = []
    # What an editor searched for and where, so that the next one does not repeat it.
    searched: list[str] = Field([], description="searches made for this entry's sources: what, where, when, and what came of it")


class Note(Strict):
    para: str = Field(pattern=CID_PATTERN)
    text: str = Field(min_length=4)
    sources: list[Source] = Field(min_length=1)


class Unglossed(Strict):
    expr: str = Field(min_length=1)
    reason: str = Field(min_length=2)


class UnglossedList(Strict):
    unglossed: list[Unglossed]


class LedgerRow(Strict):
    """One quantitative statement of the report (数说), quoted verbatim from its paragraph."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    para: str = Field(pattern=CID_PATTERN)
    quote: str = Field(min_length=2)
    indicator: str = Field(min_length=2)
    value: float
    unit: str = ""
    comparison: str = Field(min_length=1)
    year: int = Field(ge=2019, le=2020)
    kind: Literal["result", "target"]
    counterpart: str | None = None
    headline: bool = False
    note: str | None = None


class Ledger(Strict):
    rows: list[LedgerRow]


class NonQuantity(Strict):
    para: str = Field(pattern=CID_PATTERN)
    text: str = Field(min_length=1)
    reason: str = Field(min_length=2)


class NonQuantities(Strict):
    items: list[NonQuantity]


class NumberException(Strict):
    """A number of the Chinese block that its translation does not render as such, and why."""

    number: str = Field(min_length=1, description="the number as the checker prints it (6.7%, 2.8万, 第三, 以上)")
    reason: str = Field(min_length=4)


class TermException(Strict):
    """A marked glossary form that the translation does not render with its entry's English, and why."""

    term: str = Field(min_length=1, description="the surface form marked in the block")
    reason: str = Field(min_length=4)


class ReviewNote(Strict):
    """The review of a block's translation against the Chinese: by whom, when, what it changed."""

    by: str = Field(min_length=2, description="who reviewed the block, and how (a person, or a machine-assisted pass, said so)")
    date: str = Field(description="the day of the review: YYYY-MM-DD", json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$"})
    changes: str = Field(min_length=4, description="one line: what the review changed in the English, or none")

    @field_validator("date")
    @classmethod
    def _date(cls, value: str) -> str:
        try:
            if len(value) != 10:
                raise ValueError
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            raise ValueError("not a date: write YYYY-MM-DD (a real one)") from None
        return value


class Translation(Strict):
    """One block of the report in translation, by citation id."""

    id: str = Field(pattern=CID_PATTERN)
    status: Literal["draft", "reviewed"]
    en: str = Field(min_length=1)
    number_exceptions: list[NumberException] = []
    term_exceptions: list[TermException] = []
    # A reviewed block says who reviewed it, when and what changed; a draft has none (the
    # translations check enforces both ways).
    review: ReviewNote | None = None


class Translations(Strict):
    """A translation of the whole report: who made it, how, and every block."""

    language: Literal["en"]
    translator: str = Field(min_length=2)
    note: str = Field(min_length=10)
    number_style: str = Field(min_length=10, description="the house format of numbers in the translation")
    paragraphs: list[Translation]
