"""YAML loading that remembers line numbers, so every data error can name ``path:line``.

Everything in seeds/ comes from pull requests, so loading refuses what could be abused before
any of it is parsed into data: links (which could publish a file from outside the repository),
oversized files, bytes that are not UTF-8, control and bidi characters, and YAML anchors and
aliases (a few lines of nested aliases expand to gigabytes).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

# The largest seed file today is the ledger (about 50 KB); twenty times that is no edit.
MAX_BYTES = 1_000_000
# C0 and C1 controls (tab and newline allowed; CR too, for files saved on Windows), and the
# invisible formatting characters that can make text read differently from what it is: bidi
# embeddings, overrides and isolates, and the zero-width joiners used to hide words.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")


M = TypeVar("M", bound=BaseModel)


class DataError(Exception):
    """A problem in a contributed data file, located by path and 1-based line."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


class LineDict(dict):
    """A mapping from YAML that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):
    line: int = 0


def _plain(node: yaml.Node) -> Any:
    # Build plain Python data while keeping each node's line: yaml's own constructor forgets it.
    if isinstance(node, yaml.MappingNode):
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _plain(key_node)
            if key in out:
                raise DataError("", key_node.start_mark.line + 1, f"duplicate key {key!r}")
            out[key] = _plain(value_node)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LineList(_plain(v) for v in node.value)
        seq.line = node.start_mark.line + 1
        return seq
    # Scalars go through YAML's safe constructor so that ints, bools and dates resolve as usual.
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


# libyaml's parser where the wheel has it: the glossary is hundreds of files.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Parsed documents by their text (see load).
_CACHE: dict[str, Any] = {}


def load(path: Path) -> Any:
    """Load one YAML document, raising DataError with the file and line on bad syntax.

    The file is read and checked every time (read_text); only the parsing is remembered, by the
    text itself, so `mkdocs serve` re-parses only the file an editor changed and a copy of the
    seeds (a test's, a hostile case's) parses only what differs.
    """
    text = read_text(path)
    cached = _CACHE.get(text)
    if cached is None:
        cached = _CACHE[text] = _parse(text, path)
    return cached


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """A contributed file's text, or a located DataError saying why it cannot be used.

    Refused: a missing file, a symbolic link (it could publish a file from outside the
    repository), a file over ``max_bytes``, bytes that are not UTF-8, and control or bidi
    characters, each at its line.
    """
    if path.is_symlink():
        raise DataError(path, 1, "is a symbolic link; contributed files must be regular files in the repository")
    if not path.is_file():
        raise DataError(path, 1, "missing file" if not path.exists() else "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise DataError(path, 1, f"file is {size} bytes; the limit is {max_bytes}")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(path, data[: exc.start].count(b"\n") + 1, f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded") from None
    bad = FORBIDDEN_CHARS.search(text)
    if bad:
        raise DataError(path, text.count("\n", 0, bad.start()) + 1, f"character {_name(bad.group())} is not allowed")
    return text


def _name(ch: str) -> str:
    return "NUL" if ch == "\0" else f"U+{ord(ch):04X}"


def _refuse_aliases(text: str, path: Path) -> None:
    # Anchors and aliases are refused at the first event, before composing: composing is cheap,
    # but turning a node graph of nested aliases into data is exponential.
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise DataError(
                path, event.start_mark.line + 1 if event.start_mark else 1, "YAML anchors and aliases (& and *) are not allowed; write the value out"
            )


def _parse(text: str, path: Path) -> Any:
    try:
        _refuse_aliases(text, path)
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError(path, (mark.line + 1) if mark else 1, f"YAML syntax: {exc.problem}") from None
    if node is None:
        return None
    try:
        return _plain(node)
    except DataError as exc:
        raise DataError(path, exc.line, exc.message) from None


# Markup in any form: a tag, a comment, a declaration or processing instruction, an autolink.
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]")
# A URL scheme other than http(s), found after entities are decoded and white space and controls
# removed, so that "java\nscript:" and "&#106;avascript:" are seen for what they are.
SCHEME = re.compile(r"(?<![a-z0-9+.\-])(?!https?:)([a-z][a-z0-9+.\-]*):(?=[^\s:])")
# Markdown images: contributed text shows no pictures (an outside one is fetched on page load).
IMAGE = re.compile(r"!\[")
# Markdown link targets, which must be http(s) URLs or paths inside the site.
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def text_problem(text: str) -> str | None:
    """Why a contributed string may not reach a page, or None when it may.

    Every free-text field of every seed file passes through here: no markup, no control or
    bidi characters (escaped ones such as "\\0" included), no images, and no URL schemes other
    than http(s), in the text or as a link target. The page's sanitizer is the second line.
    """
    bad = FORBIDDEN_CHARS.search(text)
    if bad:
        return f"character {_name(bad.group())} is not allowed"
    if MARKUP.search(text):
        return "HTML or other markup is not allowed in contributed text"
    if IMAGE.search(text):
        return "images are not allowed in contributed text"
    squeezed = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(text)).lower()
    scheme = SCHEME.search(squeezed)
    if scheme and not _plain_colon(scheme.group(1)):
        return f"URL scheme {scheme.group(1)!r} is not allowed; only http and https"
    for target in LINK_TARGET.findall(text):
        if target.startswith("//"):
            return f"link target {target!r} has no scheme; write https://"
    return None


def _plain_colon(word: str) -> bool:
    # "Note:..." or a time "10:30" in running text is not a URL; a scheme a browser acts on is.
    return word not in DANGEROUS_SCHEMES and not word.endswith(("script", "data"))


DANGEROUS_SCHEMES = {
    "javascript",
    "vbscript",
    "data",
    "file",
    "blob",
    "filesystem",
    "jar",
    "about",
    "chrome",
    "view-source",
    "ms-its",
    "mhtml",
    "livescript",
    "mocha",
}


# Quotation marks that open again before they close: “…“…”…” is set ‘…’ inside “…” (「…『…』…」).
QUOTE_PAIRS = {"“": "”", "「": "」"}
# Words quoted verbatim from a document (a source's, or the report's in the ledger): as printed.
VERBATIM_KEYS = frozenset({"quote"})


def nested_quote(text: str) -> str | None:
    """Why ``text`` nests a quotation mark inside its own kind, or None."""
    for opening, closing in QUOTE_PAIRS.items():
        depth = 0
        for i, ch in enumerate(text):
            if ch == opening:
                if depth:
                    inner = "‘…’" if opening == "“" else "『…』"
                    return f"{opening} opened inside {opening}…{closing} at {text[max(0, i - 12) : i + 6]!r}: write {inner} inside {opening}…{closing}"
                depth += 1
            elif ch == closing and depth:
                depth -= 1
    return None


def text_errors(data: Any, path: Path) -> list[DataError]:
    """Every string in loaded data (keys too) that may not reach a page, each at its line; and
    editorial text (not a verbatim quote) whose quotation marks nest in their own kind."""
    found: list[DataError] = []

    def walk(node: Any, loc: tuple) -> None:
        if isinstance(node, LineDict):
            for key, value in node.items():
                if isinstance(key, str) and (problem := text_problem(key)):
                    found.append(DataError(path, line_of(data, (*loc, key)), f"key {key!r}: {problem}"))
                walk(value, (*loc, key))
        elif isinstance(node, LineList):
            for i, value in enumerate(node):
                walk(value, (*loc, i))
        elif isinstance(node, str) and (problem := text_problem(node) or (None if VERBATIM_KEYS & set(loc) else nested_quote(node))):
            where = ".".join(map(str, loc))
            found.append(DataError(path, line_of(data, loc), f"{where}: {problem}" if where else problem))

    walk(data, ())
    return found


def line_of(data: Any, loc: tuple[Any, ...]) -> int:
    """The line of the deepest element of ``loc`` that the loaded data knows."""
    line = getattr(data, "line", 1)
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            node = node[part]
            line = getattr(node, "line", line)
        else:
            break
    return line


def validate(model: type[M], data: Any, path: Path) -> tuple[M | None, list[DataError]]:
    """Validate ``data`` against ``model``; every schema error becomes a located DataError."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            # Drop union tags ("report"/"document") from the location: readers know fields, not tags.
            loc = tuple(p for p in err["loc"] if p not in ("report", "document"))
            where = ".".join(str(p) for p in loc)
            # A validator's own message reads better without pydantic's "Value error, " prefix.
            msg = err["msg"].removeprefix("Value error, ")
            errors.append(DataError(path, line_of(data, loc), f"{where}: {msg}" if where else msg))
        return None, errors


class BuildError(Exception):
    """Bad input: carries every located error so the CLI can print them all."""

    def __init__(self, errors: list[DataError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
