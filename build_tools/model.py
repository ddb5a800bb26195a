"""The structured model of the report: plain frozen data shared by every stage."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Emendation:
    """One recorded change from the seed text to the edition's text.

    ``start``/``end`` index the block's ``source``; ``before`` is ``source[start:end]``.
    A ``sic`` record keeps the text (``after == before``) and only adds a note.
    """

    start: int
    end: int
    before: str
    after: str
    rule: str
    reason: str
    cid: str = ""

    @property
    def is_sic(self) -> bool:
        return self.rule == "sic"


@dataclass(frozen=True)
class RawBlock:
    """A non-blank line of the seed file, with its 1-based line number."""

    line: int
    text: str


@dataclass
class Block:
    """A block of the report's own text (heading or paragraph) in the edition."""

    cid: str
    kind: str  # title, occasion, speaker, salutation, part, section, paragraph, item
    source: str  # seed text of the block; "\n" marks a page break that was joined
    line: int  # seed line where the block starts
    emendations: tuple[Emendation, ...] = ()
    leads: tuple[str, ...] = ()  # lead sentences inside the text, rendered in bold

    @property
    def text(self) -> str:
        """The edition's text: the source with every emendation applied."""
        return apply_emendations(self.source, self.emendations)


@dataclass
class Page:
    """One page of the edition: a numbered section of the report or an editorial group."""

    slug: str  # URL path without slashes at the ends, e.g. "1/2" or "1/review"
    part: int
    title: str  # the page title as shown in navigation
    editorial_title: bool  # True when the title is supplied by the editors
    blocks: list[Block] = field(default_factory=list)
    heading: Block | None = None  # the report's own section heading, if any
    part_heading: Block | None = None  # set on the first page of a part


@dataclass
class Report:
    front: list[Block]
    parts: list[Block]  # the three part headings
    pages: list[Page]

    def blocks(self) -> list[Block]:
        """Every block in reading order."""
        out = list(self.front)
        for page in self.pages:
            if page.part_heading:
                out.append(page.part_heading)
            if page.heading:
                out.append(page.heading)
            out.extend(page.blocks)
        return out

    def block(self, cid: str) -> Block:
        for b in self.blocks():
            if b.cid == cid:
                return b
        raise KeyError(cid)


def apply_emendations(source: str, emendations: tuple[Emendation, ...] | list[Emendation]) -> str:
    """Apply non-overlapping emendations to ``source``."""
    out, pos = [], 0
    for em in sorted(emendations, key=lambda e: e.start):
        out.append(source[pos : em.start])
        out.append(em.after)
        pos = em.end
    out.append(source[pos:])
    return "".join(out)
