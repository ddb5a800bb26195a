"""The edition's translations (seeds/translations/en.yaml): load, and check each block's fidelity.

A translation is untrusted input like every seed file (its strings pass the contribution checks)
and is checked against the report's text, every problem a located DataError (``path:line``):

1. Coverage: every citation id of the report is translated once, in report order; no other id.
2. Numbers: every quantity of a Chinese block appears in its English after both are normalised
   (2.8万亩 and "28,000 mu" are both 28000; 85.7亿元 and "8.57 billion yuan" both 8570000000;
   6.7% stays a percentage, 0.5个百分点 is "0.5 percentage points"), as often as the Chinese has
   it; the qualifiers 以上, 左右, 近, 以内 keep an English counterpart ("over", "about", ...).
   Numbers inside a marked glossary term are the term's (rule 3 checks its rendering).
   Chinese numerals count where they count something (see chinese_numbers).
3. Terms: every glossary form that the annotate stage marks in a block is rendered, at least once
   in that block, with its entry's ``english`` or one of its ``english_variants`` (see renderings
   for the little that may differ: case, a leading "the", a trailing gloss in parentheses).
4. Plain text: no Chinese left, no Markdown, no bracketed notes or emendation markers, the
   report's quotation marks as “ ” (balanced), never a straight ", and as many of them as the
   Chinese has quoted expressions (a quoted term whose entry renders it unquoted aside).
5. Review: a block with ``status: reviewed`` has a ``review`` (by whom, when, what it changed),
   reported at its status line when it has none; a draft has none, reported at its review.

Limits, by design: both checks are per block, not per sentence, so a number or term present
elsewhere in the block satisfies them (an English "one" counts for any 1); the qualifier check
counts words ("over" in "Over the past year" counts too). They catch omissions and changed
figures, not every mistranslation: that is the reviewer's part (status: reviewed).

Exceptions are data, each with its reason: ``number_exceptions`` (the number as the checker
prints it) and ``term_exceptions`` (the marked form). An exception that excuses nothing is an
error too, so the list cannot outlive the translation it explains.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from build_tools.paths import TRANSLATION_EN
from build_tools.s1_load import glossary
from build_tools.s1_load.schema import Entry, Translation, Translations
from build_tools.s1_load.yamlio import DataError, line_of, load, validate

# The term matching is the render stage's too, so that the check sees exactly the occurrences a
# reader sees marked.
from build_tools.terms import TermMatcher


def load_translation(path: Path = TRANSLATION_EN) -> tuple[Translations | None, Any, list[DataError]]:
    data = load(path)
    model, errors = validate(Translations, data, path)
    return model, data, errors


# ---------------------------------------------------------------------------------------------
# Numbers: the normaliser. A number is (value, kind): kind "%" (a percentage), "pp" (percentage
# points) or "" (everything else: counts, amounts, years, ordinals). Values are Decimals, so that
# 8.0% and 8% are equal and 2.8 × 10⁴ is exactly 28000.

PERCENT, POINTS, PLAIN = "%", "pp", ""


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    printed: str  # as the Chinese prints it, the name an exception uses (6.7%, 2.8万, 第三)
    value: Decimal
    kind: str

    @property
    def key(self) -> tuple[Decimal, str]:
        return (self.value.normalize(), self.kind)


def show(value: Decimal, kind: str) -> str:
    """A number in the house format, as an error message suggests it (28,000; 6.7%)."""
    value = value.normalize()
    # Thousands separated from 10,000 up, so that a year reads as one (2020, not 2,020).
    text = f"{value:,f}" if value >= 10_000 else f"{value:f}"
    for scale, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if kind == PLAIN and value >= scale:
            text = f"{(value / scale).normalize():f} {word}"
            break
    return f"{text}%" if kind == PERCENT else f"{text} percentage points" if kind == POINTS else text


CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_LARGE = {"万": 10**4, "亿": 10**8}
CN_CHARS = "".join([*CN_DIGITS, *CN_SMALL, *CN_LARGE])


def chinese_numeral(text: str) -> int:
    """The value of a Chinese numeral: 十九 19, 两 2, 一百二十 120, 百亿 10¹⁰, 三亿五千万 350000000,
    二〇二〇 2020 (digits only: read positionally)."""
    if all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    largest = 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (digit or 1) * CN_SMALL[ch]
            digit = 0
        else:
            unit = CN_LARGE[ch]
            section += digit
            digit = 0
            # 万亿: the larger unit multiplies all before it; 亿…万: the smaller only its section.
            if unit > largest:
                total = (total + (section or (0 if total else 1))) * unit
                largest = unit
            else:
                total += (section or 1) * unit
            section = 0
    return total + section + digit


# A number in digits, a range's two ends sharing what follows them ("3-5%", "1-2万"), then 万/亿
# and a percent sign or 个百分点.
CN_ARABIC = re.compile(r"(?P<a>\d+(?:\.\d+)?)(?:\s*[-－—–~～至到]\s*(?P<b>\d+(?:\.\d+)?))?(?P<mult>万亿|万|亿)?(?P<unit>%|％|个百分点)?")
CN_RUN = re.compile(f"[{CN_CHARS}]+")
# What follows a Chinese numeral that is a quantity (十方面, 三年行动, 五夺, 十九届, 四中全会).
COUNTERS = (
    "方面",
    "个",
    "项",
    "家",
    "条",
    "次",
    "名",
    "位",
    "年",
    "届",
    "期",
    "轮",
    "批",
    "大",
    "种",
    "类",
    "所",
    "件",
    "场",
    "天",
    "倍",
    "夺",
    "中",
    "省",
    "县",
)


def chinese_numbers(text: str) -> list[Number]:
    """The quantities of a Chinese block: every number in digits, and the Chinese numerals that
    count something (before a counter, after 第, as an enumerator 一是 or （二）, or with 万/亿).

    The lone 一 before a counter is left out: it is mostly the indefinite article (一批 "a number
    of", 一年来 "over the past year"), which English does not write as a number.
    """
    found: list[Number] = []
    for m in CN_ARABIC.finditer(text):
        scale = Decimal(10) ** {"万亿": 12, "万": 4, "亿": 8}.get(m["mult"] or "", 0)
        kind = PERCENT if m["unit"] in ("%", "％") else POINTS if m["unit"] else PLAIN
        for group in ("a", "b"):
            if m[group] is not None:
                found.append(Number(m.start(group), m.end(), m.group(), Decimal(m[group]) * scale, kind))
    for m in CN_RUN.finditer(text):
        run, before, after = m.group(), text[m.start() - 1 : m.start()], text[m.end() : m.end() + 2]
        if before.isdigit() or before == ".":
            continue  # the 万 of 2.8万, read above
        if before == "第":
            printed = "第" + run
        elif (before == "（" and after[:1] == "）") or (m.start() == 0 and after[:1] == "、"):
            printed = run  # a heading's enumerator: 一、 （二）
        elif after[:1] == "是" and (m.start() == 0 or before in "：；。，"):
            printed = run + "是"  # 一是…二是…: first, second
        elif run in ("万", "亿") and after[:1] == "元":
            printed = run + "元"  # 亿元以上项目: projects of over 100 million yuan
        elif run == "一":
            continue
        elif any(u in run for u in CN_LARGE) and len(run) > 1:
            printed = run  # 百亿, 千万
        elif after.startswith(COUNTERS):
            printed = run
        else:
            continue
        found.append(Number(m.start(), m.end(), printed, Decimal(chinese_numeral(run)), PLAIN))
    return sorted(found, key=lambda n: n.start)


EN_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
} | {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000}
EN_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
MONTHS = {
    m: i + 1 for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"])
}
SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number in digits (1,183.2; 6.7; 19th), a range's two ends sharing what follows ("3-5%",
# "1 to 2 million"), a scale word, then % or "percentage point(s)".
EN_DIGITS = re.compile(
    rf"(?P<a>{_NUM})(?:st|nd|rd|th)?(?:\s*(?:-|–|to)\s*(?P<b>{_NUM})(?:st|nd|rd|th)?)?"
    rf"(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?(?P<unit>%|\s+percentage points?\b)?"
)
EN_WORD = re.compile(
    r"\b(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?P<unit>one|two|three|four|five|six|seven|eight|nine)\b|\b(?P<word>[a-z]+)\b"
)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# Roman numerals where the house format uses them: a part heading ("I. Review ...") and phases.
EN_ROMAN = re.compile(r"^(?P<r>[IVX]+)\.|\b[Pp]hase (?P<p>[IVX]+)\b")


def english_numbers(text: str) -> Counter[tuple[Decimal, str]]:
    """The numbers of an English block, normalised as chinese_numbers normalises the Chinese:
    digits with their scale words and units, number words and ordinals (ten, third, twenty-one),
    month names (April is 4, for 4月24日), and Roman numerals of headings and phases."""
    found: Counter[tuple[Decimal, str]] = Counter()
    for m in EN_DIGITS.finditer(text):
        scale = Decimal(10) ** SCALES.get(m["scale"] or "", 0)
        kind = PERCENT if m["unit"] == "%" else POINTS if m["unit"] else PLAIN
        for group in ("a", "b"):
            if m[group] is not None:
                found[((Decimal(m[group].replace(",", "")) * scale).normalize(), kind)] += 1
    for m in EN_WORD.finditer(text.lower()):
        if m["tens"]:
            value = EN_WORDS[m["tens"]] + EN_WORDS[m["unit"]]
        elif m["word"] in EN_WORDS or m["word"] in EN_ORDINALS:
            value = EN_WORDS[m["word"]] if m["word"] in EN_WORDS else EN_ORDINALS[m["word"]]
        else:
            continue
        found[(Decimal(value).normalize(), PLAIN)] += 1
    for m in re.finditer(r"\b(?:" + "|".join(MONTHS) + r")\b", text):
        found[(Decimal(MONTHS[m.group()]).normalize(), PLAIN)] += 1
    for m in EN_ROMAN.finditer(text):
        found[(Decimal(ROMAN[m["r"] or m["p"]]).normalize(), PLAIN)] += 1
    return found


# Qualifiers of a number that the translation keeps: each Chinese one needs an English one of its
# family, counted per block (a block with two 以上 needs two of "over", "more than", "above" ...).
QUALIFIERS = {
    "over": (
        re.compile(r"以上|超过|不低于|不少于"),
        re.compile(r"\b(?:over|more than|above|at least|exceed\w*|no less than|not less than|no fewer than)\b", re.I),
    ),
    "about": (re.compile(r"左右|约(?=\d)|大约"), re.compile(r"\b(?:about|around|approximately|roughly)\b", re.I)),
    "nearly": (re.compile(r"近(?=\d)"), re.compile(r"\b(?:nearly|almost|close to)\b", re.I)),
    "under": (
        re.compile(r"以内|以下|不超过|不高于"),
        re.compile(r"\b(?:within|below|under|no more than|less than|at most|not exceed\w*|no higher than)\b", re.I),
    ),
}


# ---------------------------------------------------------------------------------------------
# Terms.

_APOSTROPHES = str.maketrans({"\u2019": "'"})


def renderings(entry: Entry) -> list[str]:
    """The English a translation may use for an entry's marked form, lower-cased for comparison.

    The entry's ``english`` and its ``english_variants``, each also without a leading "the" and
    without a trailing parenthetical: the glossary's renderings carry a disambiguating gloss for
    the glossary page ("Dayu Ding (Zhejiang's top award for water governance)") that a faithful
    translation does not add to the text. Compared case-insensitively, because a rendering opens
    a sentence or a heading as often as it stands inside one ("the new concept for development"
    / "The new concept ..."), and with ’ read as ', a typing difference, not a wording one.
    """
    out: list[str] = []
    for english in [entry.english, *entry.english_variants]:
        forms = {english, re.sub(r"\s*\([^()]*\)$", "", english)}
        forms |= {re.sub(r"^the\s+", "", f, flags=re.I) for f in forms}
        out += sorted(fold(f) for f in forms if f)
    return list(dict.fromkeys(out))


def fold(text: str) -> str:
    """Text as renderings are compared: ’ read as ', case folded."""
    return text.translate(_APOSTROPHES).casefold()


# ---------------------------------------------------------------------------------------------
# Plain text.

# Markdown and notes: emphasis, code, links, headings, tables, footnotes, bracketed editorial
# notes ([sic], [1], 〔〕) and the Chinese punctuation that shows a passage left untranslated.
QUOTED = re.compile(r"“[^“”]*”")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NOT_PLAIN = re.compile(r"[\[\]{}*_`#|<>\\〔〕【】（）《》、。，；：！？]|\((?:sic|note|tr\.|translator|ed\.|editor)", re.I)


def check(model: Translations, data: Any, texts: dict[str, str], entries: list[Entry], path: Path = TRANSLATION_EN) -> list[DataError]:
    """Every problem of a translation against the report's blocks (citation id → text)."""
    errors = list(_coverage(model, data, texts, path))
    # By surface form, as the matcher resolves them (an entry id may be duplicated in a broken
    # glossary; the form is what was matched).
    by_form = {form: e for e in entries for form in [e.term, *e.forms]}
    matcher = TermMatcher(glossary.surface_forms(entries), glossary.quoted_only_forms(entries))
    for i, para in enumerate(model.paragraphs):
        if para.id in texts:
            errors += [
                DataError(path, line_of(data, ("paragraphs", i, *loc)), f"{para.id}: {msg}")
                for loc, msg in block_problems(para, texts[para.id], matcher, by_form)
            ]
    return errors


def _coverage(model: Translations, data: Any, texts: dict[str, str], path: Path) -> Iterator[DataError]:
    order = {cid: n for n, cid in enumerate(texts)}
    seen: set[str] = set()
    last = -1
    for i, para in enumerate(model.paragraphs):
        line = line_of(data, ("paragraphs", i, "id"))
        if para.id not in texts:
            yield DataError(path, line, f"{para.id!r} is not a citation id of the report")
        elif para.id in seen:
            yield DataError(path, line, f"{para.id} is translated twice")
        else:
            if order[para.id] < last:
                yield DataError(path, line, f"{para.id} is out of report order")
            last = order[para.id]
        seen.add(para.id)
    missing = [cid for cid in texts if cid not in seen]
    if missing:
        yield DataError(path, line_of(data, ("paragraphs",)), f"no translation of {len(missing)} block(s): {', '.join(missing)}")


def block_problems(para: Translation, chinese: str, matcher: TermMatcher, entries: dict[str, Entry]) -> Iterator[tuple[tuple, str]]:
    """The problems of one block's translation, each with its place in the entry (a loc).

    ``entries`` maps each surface form of the glossary to its entry."""
    # 5. Review: "reviewed" is a claim about the block, so it says who checked it, when and what
    # changed; a draft carries no review, so that none is left behind by a block set back to draft.
    if para.status == "reviewed" and para.review is None:
        yield ("status",), "status reviewed without a review: add review (by, date, changes), or set status: draft"
    elif para.status == "draft" and para.review is not None:
        yield ("review",), "a draft has a review: set status: reviewed, or remove the review"
    en = para.en
    # 4. Plain text.
    if han := HAN.search(en):
        yield ("en",), f"Chinese left in the English: {en[max(0, han.start() - 10) : han.end() + 10]!r}"
    if bad := NOT_PLAIN.search(en):
        yield ("en",), f"not plain text: {bad.group()!r} (no Markdown, notes or emendation marks in a translation)"
    if '"' in en:
        yield ("en",), "straight double quote: the report's quotation marks are “ and ” in English"
    if en.count("“") != en.count("”") or not _nested(en):
        yield ("en",), "unbalanced quotation marks “ ”"

    matches = matcher.find(chinese)
    in_term = [(m.start, m.end) for m in matches]
    # The report's quotation marks are kept: one “ in the English for each quoted expression of
    # the Chinese, but where the quoted words are a marked term, its entry's English decides
    # ("13th Five-Year Plan" has none; “At Most One Visit” reform has its own).
    # Such a term's rendering in quotation marks counts for nothing either way.
    unquoted = {(m.start, m.end): entries[m.form] for m in matches if "“" not in entries[m.form].english}
    quoted = [q for q in QUOTED.finditer(chinese) if (q.start() + 1, q.end() - 1) not in unquoted]
    rest_en = fold(en)
    for entry in unquoted.values():
        for r in renderings(entry):
            rest_en = rest_en.replace(f"“{r}”", r)
    if rest_en.count("“") < len(quoted):
        yield ("en",), f"{len(quoted)} quoted expression(s) in the Chinese, {rest_en.count('“')} in the English: keep the report's quotation marks"
    # 2. Numbers (those inside a marked term are the term's, and rule 3 checks its rendering).
    excused = {x.number: j for j, x in enumerate(para.number_exceptions)}
    used: set[str] = set()
    wanted: Counter[tuple[Decimal, str]] = Counter()
    shown: dict[tuple[Decimal, str], list[str]] = {}
    for n in chinese_numbers(chinese):
        if any(s <= n.start and n.end <= e for s, e in in_term):
            continue
        if n.printed in excused:
            used.add(n.printed)
            continue
        wanted[n.key] += 1
        shown.setdefault(n.key, []).append(n.printed)
    have = english_numbers(en)
    for key, count in wanted.items():
        if have[key] < count:
            printed = ", ".join(dict.fromkeys(shown[key]))
            times = f" {count} times, found {have[key]}" if count > 1 else ""
            yield ("en",), f"number {printed} is not in the English as {show(*key)}{times}"
    rest = _outside(chinese, in_term)
    for family, (zh, english) in QUALIFIERS.items():
        for word in dict.fromkeys(zh.findall(rest)):
            if word in excused:
                used.add(word)
        need = sum(1 for w in zh.findall(rest) if w not in excused)
        if need > len(english.findall(en)):
            yield ("en",), f"{'/'.join(dict.fromkeys(zh.findall(rest)))} ({need}×) needs “{family}” or its kin in the English {need} time(s)"
    for j, x in enumerate(para.number_exceptions):
        if x.number not in used:
            yield ("number_exceptions", j, "number"), f"number exception {x.number!r} excuses nothing: the block has no such number outside its marked terms"
        elif _rendered_anyway(x.number, chinese, en, in_term):
            yield ("number_exceptions", j, "number"), f"number exception {x.number!r} excuses nothing: the English has it"

    # 3. Terms, as the annotate stage marks them.
    excused_terms = {x.term for x in para.term_exceptions}
    used_terms: set[str] = set()
    reported: set[str] = set()
    folded = fold(en)
    for m in matches:
        entry = entries[m.form]
        if any(r in folded for r in renderings(entry)):
            continue
        if m.form in excused_terms:
            used_terms.add(m.form)
        elif m.form not in reported:
            reported.add(m.form)
            also = f" or {', '.join(repr(v) for v in entry.english_variants)}" if entry.english_variants else ""
            yield ("en",), f"term {m.form} ({entry.id}) is not rendered as {entry.english!r}{also}"
    for j, t in enumerate(para.term_exceptions):
        if t.term not in {m.form for m in matches}:
            yield ("term_exceptions", j, "term"), f"term exception {t.term!r} excuses nothing: the block has no such marked term"
        elif t.term not in used_terms:
            yield ("term_exceptions", j, "term"), f"term exception {t.term!r} excuses nothing: the English has its rendering"


def _rendered_anyway(printed: str, chinese: str, en: str, in_term: list[tuple[int, int]]) -> bool:
    # An exception whose number the English has anyway (as often as the Chinese) is not needed;
    # for a qualifier (以上) this is not decided here: the English may use "over" elsewhere.
    numbers = [n for n in chinese_numbers(chinese) if n.printed == printed and not any(s <= n.start and n.end <= e for s, e in in_term)]
    keys = Counter(n.key for n in numbers)
    have = english_numbers(en)
    return bool(keys) and all(have[k] >= c for k, c in keys.items())


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    # The text with the marked terms blanked out (a term's own 以上 is the term's).
    chars = list(text)
    for s, e in spans:
        chars[s:e] = "□" * (e - s)
    return "".join(chars)


def _nested(text: str) -> bool:
    # Every ” closes an open “ (the counts being equal, every “ is then closed too).
    depth = 0
    for mark in re.findall("[“”]", text):
        depth += 1 if mark == "“" else -1
        if depth < 0:
            return False
    return True
