"""The numbers ledger (数说): load, check against the text, and place each number in its paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.paths import LEDGER, NONQUANTITIES
from build_tools.s1_load.schema import Ledger, LedgerRow, NonQuantities
from build_tools.s1_load.yamlio import DataError, line_of, load, validate

NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


@dataclass(frozen=True)
class Placed:
    """Where a row's number stands in its paragraph's text."""

    row: LedgerRow
    start: int
    end: int


def load_ledger(path: Path = LEDGER) -> tuple[list[LedgerRow], object, list[DataError]]:
    data = load(path)
    model, errors = validate(Ledger, data, path)
    return (model.rows if model else []), data, errors


def load_nonquantities(path: Path = NONQUANTITIES) -> tuple[NonQuantities | None, object, list[DataError]]:
    data = load(path)
    model, errors = validate(NonQuantities, data, path)
    return model, data, errors


# A number as the report prints it, a range ("1-2") whole: the printed form and the link's span.
PRINTED = re.compile(r"\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?%?")


def _number_in_quote(row: LedgerRow) -> tuple[int, int] | None:
    """Where the row's number stands in its quote, as printed ("8.0", "1-2", "6.7%").

    The number whose value (a range's lower bound) is the row's; of several ("10亿企业10家"), the
    one the row's unit follows.
    """
    found = [m for m in PRINTED.finditer(row.quote) if float(m.group().rstrip("%").split("-")[0]) == row.value]
    followed = [m for m in found if row.unit and row.unit != "%" and row.quote.startswith(row.unit, m.end())]
    best = followed or found
    return (best[0].start(), best[0].end()) if best else None


def printed(row: LedgerRow) -> str:
    """The row's number as the report prints it (8.0, not 8; 1-2, not 1), its unit apart."""
    where = _number_in_quote(row)
    return row.quote[where[0] : where[1]].removesuffix("%") if where else f"{row.value:g}"


def place(rows: list[LedgerRow], texts: dict[str, str]) -> list[Placed]:
    """Each row whose number is written in digits, located in its paragraph."""
    placed = []
    for row in rows:
        where = _number_in_quote(row)
        text = texts.get(row.para, "")
        if where is None or row.quote not in text:
            continue
        base = text.index(row.quote)
        placed.append(Placed(row, base + where[0], base + where[1]))
    return placed


def check(rows: list[LedgerRow], data, texts: dict[str, str], path: Path = LEDGER) -> list[DataError]:
    errors = []
    ids: dict[str, LedgerRow] = {}
    for i, row in enumerate(rows):
        line = line_of(data, ("rows", i))
        if row.id in ids:
            errors.append(DataError(path, line, f"duplicate row id {row.id!r}"))
        ids[row.id] = row
        if row.para not in texts:
            errors.append(DataError(path, line, f"{row.id}: no paragraph {row.para!r}"))
        elif row.quote not in texts[row.para]:
            errors.append(DataError(path, line, f"{row.id}: quote {row.quote!r} is not in paragraph {row.para}"))
        elif not re.search(r"[〇一二三四五六七八九十百千万]", row.quote) and _number_in_quote(row) is None:
            errors.append(DataError(path, line, f"{row.id}: value {row.value:g} is not written in the quote"))
    for i, row in enumerate(rows):
        if row.counterpart is None:
            continue
        other = ids.get(row.counterpart)
        line = line_of(data, ("rows", i, "counterpart"))
        if other is None:
            errors.append(DataError(path, line, f"{row.id}: counterpart {row.counterpart!r} does not exist"))
        elif other.counterpart != row.id or other.kind == row.kind:
            errors.append(DataError(path, line, f"{row.id}: counterpart {other.id!r} must point back and be of the other kind"))
    return errors


def uncovered_numbers(rows: list[LedgerRow], nonq: NonQuantities, texts: dict[str, str]) -> list[tuple[str, str]]:
    """Numbers of the report in neither the ledger nor the reviewed non-quantities list."""
    covered: dict[str, list[tuple[int, int]]] = {}
    spans = [(r.para, r.quote) for r in rows] + [(n.para, n.text) for n in nonq.items]
    for para, quote in spans:
        text = texts.get(para, "")
        for m in re.finditer(re.escape(quote), text):
            covered.setdefault(para, []).append((m.start(), m.end()))
    missing = []
    for cid, text in texts.items():
        for m in NUMBER.finditer(text):
            if not any(s <= m.start() and m.end() <= e for s, e in covered.get(cid, [])):
                missing.append((cid, m.group()))
    return missing
