"""Stage 6: convert the 简体 edition to 繁體·臺灣 and 繁體·香港 with OpenCC.

Character conversion only (s2tw, s2hk): the phrase configs s2twp/s2hkp rewrite vocabulary
(项目→專案), which would misquote an official document. The project's corrections
(seeds/opencc-overrides.yaml) and reviewed names (seeds/names.yaml) enter through OpenCC's own
configuration as a text dictionary placed first in the chain, and each variant's house style
(seeds/house-style.yaml) as a last step, not by string replacement afterwards.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from functools import cache, lru_cache

# The parser's own (undocumented) patterns, so that a tag is cut exactly where the parser cuts it.
from html.parser import HTMLParser, attrfind_tolerant, tagfind_tolerant  # type: ignore[attr-defined]
from pathlib import Path

import opencc
import yaml

from build_tools import registry
from build_tools.paths import BUILD, SeedFiles
from build_tools.registry import Variant
from build_tools.s1_load.house_style import house_pairs, load_house_style, load_names
from build_tools.s1_load.overrides import load_overrides
from build_tools.s1_load.yamlio import BuildError

SHARE = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"


# The variants are the registry's; they are named here too because every stage that converts
# asks this module for them together with their configurations.
VARIANTS = registry.VARIANTS
TRADITIONAL = registry.TRADITIONAL


def write_config(variant: Variant, pins: dict[str, str], house: list[tuple[str, str]], folder: Path = BUILD / "opencc") -> Path:
    """An OpenCC configuration: the stock s2tw/s2hk chain with the project's phrases first and the
    variant's house style last.

    ``pins`` (simplified → this variant's form: the overrides and the reviewed names) form a text
    dictionary placed before the stock ones, in segmentation and in the first conversion, so a
    pinned phrase converts as a whole. ``house`` (stock form → house form) is one more step at the
    end of the chain, so it applies to whatever the stock dictionaries print.

    The file names carry a hash of both lists, so a changed list is a new path: the cached
    converter of the old one is never reused (`mkdocs serve` runs for hours), and an unchanged
    one is not written again.
    """
    listing = "".join(f"{s}\t{t}\n" for s, t in sorted(pins.items())) or "\n"
    house_listing = "".join(f"{s}\t{t}\n" for s, t in house)
    key = hashlib.sha256(f"{listing}\0{house_listing}".encode()).hexdigest()[:12]
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
    config["name"] = f"{stock['name']} + project phrases + house style"
    # Segment on our phrases too, so that a pinned phrase wins over a longer stock phrase.
    config["segmentation"]["dict"]["dicts"].insert(0, project_dict)
    first = config["conversion_chain"][0]["dict"]
    first["dicts"].insert(0, project_dict)
    if house_listing:
        style = folder / f"{variant.code}-{key}-house.txt"
        style.write_text(house_listing, encoding="utf-8")
        config["conversion_chain"].append({"dict": {"type": "text", "file": str(style)}})
    path.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def variant_configs(folder: Path = BUILD / "opencc", seeds: SeedFiles = SeedFiles()) -> dict[str, str | None]:
    """The OpenCC config of each variant by code; None for the source (no conversion)."""
    overrides, errors = load_overrides(seeds.overrides)
    names, name_errors = load_names(seeds.names)
    styles, style_errors = load_house_style(seeds.house_style)
    # The build checked every seed before it came here; a direct caller learns of a bad file too.
    if errors or name_errors or style_errors:
        raise BuildError(errors + name_errors + style_errors)
    configs: dict[str, str | None] = {}
    for v in VARIANTS:
        if v.opencc is None:
            configs[v.code] = None
            continue
        # A correction is more particular than a name's reviewed form; it wins where both speak.
        pins = {n.simplified: n.form(v.code) for n in names} | {o.simplified: o.form(v.code) for o in overrides}
        configs[v.code] = str(write_config(v, pins, house_pairs(styles[v.code]), folder))
    return configs


@cache
def conversion_key(config_path: str) -> str:
    """What a converted document depends on besides its source: this module's code, the OpenCC
    configuration (whose file name carries the overrides' hash) and OpenCC's version."""
    parts = [Path(__file__).read_bytes(), Path(config_path).read_bytes(), opencc.__version__.encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


@cache
def converter(config_path: str) -> opencc.OpenCC:
    return opencc.OpenCC(config_path)


# Documents are converted in their text only: markup and code are kept byte for byte. A piece of
# a document is its source text and whether it is text to convert.
Piece = tuple[str, bool]

# Attributes whose values a reader sees or hears; every other one (id, class, href, data-*, value)
# is code and kept. data-label is the one data-* a reader sees: the ledger's column header on each
# cell, which numbers.css shows as the cell's label on a phone.
HUMAN_ATTRIBUTES = frozenset(
    {
        "title",
        "alt",
        "aria-label",
        "aria-description",
        "aria-roledescription",
        "aria-placeholder",
        "aria-valuetext",
        "placeholder",
        "label",
        "abbr",
        "data-label",
    }
)
# Elements whose content is code or literal input and output.
VERBATIM_ELEMENTS = frozenset({"code", "pre", "script", "style", "kbd", "samp"})
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
# Markdown in the text between tags that is code, not text: code spans (within a paragraph), link
# destinations `](…)` (a link title after one stays text), reference labels `][…]` and
# definitions, attribute lists `{ #id .class key=value }`.
MARKDOWN_CODE = re.compile(
    r"(?<!`)(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))*?(?<!`)\1(?!`)"
    r"|\]\([^\s()]*(?:\([^\s()]*\)[^\s()]*)*"
    r"|\]\[[^\]\n]*\]"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+"
    r"|\{:?[ \t]*(?:[#.][^\s{}]|[\w-]+=)[^{}\n]*\}",
    re.MULTILINE,
)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
# Front matter values that readers see: the page title, its description, the edit buttons' labels
# (None stands for every item of a list). Every other key and value is kept.
FRONT_MATTER_TEXT = (("title",), ("description",), ("edit_sources", None, "label"))
CORNER = {"“": "「", "”": "」", "‘": "『", "’": "』"}
HAN_CHAR = re.compile("[\u3400-\u9fff\U00020000-\U0003134f]")


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def corner(text: str) -> str:
    """Chinese quotation marks as Taiwan and Hong Kong set them (“‘ → 「『), but not the marks of
    English: an apostrophe between letters (bachelor’s), and a pair that quotes words with no Han
    character in them inside an English sentence (the “Eight-Eight Strategy”). A Chinese sentence
    quoting English (英文作“Three Zones”) is Chinese typesetting and gets corner marks."""
    out = list(text)
    stacks: dict[str, list[int]] = {"“": [], "‘": []}
    pairs = {"”": "“", "’": "‘"}
    for i, ch in enumerate(text):
        if ch in stacks:
            stacks[ch].append(i)
            continue
        if ch not in pairs:
            continue
        if ch == "’" and 0 < i < len(text) - 1 and _latin(text[i - 1]) and _latin(text[i + 1]):
            continue  # an apostrophe
        opened = stacks[pairs[ch]]
        j = opened.pop() if opened else None
        before = text[j - 2 : j].strip() if j is not None else ""
        if j is not None and before and (_latin(before[-1]) or before[-1] in ",.;:") and not HAN_CHAR.search(text[j:i]):
            continue  # English quoting English: both marks stay
        out[i] = CORNER[ch]
        if j is not None:
            out[j] = CORNER[text[j]]
    for opened in stacks.values():
        for j in opened:
            out[j] = CORNER[text[j]]
    return "".join(out)


# Joins a document's texts for one OpenCC call; a private-use character, so no phrase spans it.
SEPARATOR = "\ue000"
# Around a run of text already written in the variant's script (an interface message of the
# catalog, seeds/interface.yaml): kept as it is, and the marks themselves dropped from the output.
KEEP_OPEN, KEEP_CLOSE = "\ue001", "\ue002"
KEPT_RUN = re.compile(f"{KEEP_OPEN}([^{KEEP_OPEN}{KEEP_CLOSE}]*){KEEP_CLOSE}")
# A kept run stands in the text as its number between two more private-use characters while the
# rest is converted: neither OpenCC nor the splitter changes them, wherever the run stands.
STASHED = re.compile("\ue003([0-9]+)\ue004")
TEXT, KEPT, TAG = range(3)


class _Splitter(HTMLParser):
    """HTML with Markdown between the tags, cut into markup and text at the parser's own positions.

    Content of a verbatim element (VERBATIM_ELEMENTS) or of any element that declares its language
    (lang="en", "zh-Hans", "zh-Latn-pinyin", a traditional variant's tag: all are not the page's
    running simplified text) or says translate="no" is kept, however deeply nested.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.marks: list[tuple[int, int]] = []  # (offset, TEXT | KEPT | TAG), in document order
        self.tag_ends: dict[int, tuple[int, bool]] = {}  # start tag offset -> (end, has attributes to convert)
        self.open: list[tuple[str, bool]] = []  # open elements and whether each keeps its content
        self.keeping = 0  # how many open elements keep their content
        self.feed(source)
        self.close()

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _mark(self, kind: int) -> None:
        self.marks.append((self._here(), kind))

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], void: bool) -> None:
        start, raw = self._here(), self.get_starttag_text() or ""
        declared = human = False
        for name, value in attrs:
            declared = declared or (name == "lang" and bool(value)) or (name == "translate" and value == "no")
            human = human or name in HUMAN_ATTRIBUTES
        self.marks.append((start, TAG))
        self.tag_ends[start] = (start + len(raw), human and not (self.keeping or declared))
        if not void:
            keeps = declared or tag in VERBATIM_ELEMENTS
            self.open.append((tag, keeps))
            self.keeping += keeps
        # Whatever follows the tag up to the next event belongs to the element's content.
        self.marks.append((start + len(raw), KEPT if self.keeping else TEXT))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, tag in VOID_ELEMENTS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, True)

    def handle_endtag(self, tag: str) -> None:
        self._mark(KEPT)
        # An end tag closes its element and any left open inside it; a stray one closes nothing.
        if any(name == tag for name, _ in self.open):
            while self.open:
                name, keeps = self.open.pop()
                self.keeping -= keeps
                if name == tag:
                    break

    def handle_data(self, data: str) -> None:
        self._mark(KEPT if self.keeping else TEXT)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(name)

    def handle_charref(self, name: str) -> None:
        self.handle_data(name)

    def handle_comment(self, data: str) -> None:
        self._mark(KEPT)

    def handle_decl(self, decl: str) -> None:
        self.handle_comment(decl)

    def handle_pi(self, data: str) -> None:
        self.handle_comment(data)

    def unknown_decl(self, data: str) -> None:
        self.handle_comment(data)


def _tag_pieces(raw: str, attributes_are_text: bool) -> list[Piece]:
    """A start tag kept byte for byte but for the values of human-readable attributes.

    Attributes are found with the very expressions html.parser read the tag with.
    """
    if not attributes_are_text:
        return [(raw, False)]
    pieces: list[Piece] = []
    done, k = 0, tagfind_tolerant.match(raw, 1).end()
    while (m := attrfind_tolerant.match(raw, k)) and m.end() > k:
        if m.group(3) and m.group(1).lower() in HUMAN_ATTRIBUTES:
            start, end = m.span(3)
            if raw[start] in "'\"":
                start, end = start + 1, end - 1
            pieces += [(raw[done:start], False), (raw[start:end], True)]
            done = end
        k = m.end()
    return [*pieces, (raw[done:], False)]


def _markdown_pieces(text: str) -> list[Piece]:
    """Text between tags, with its Markdown code (MARKDOWN_CODE) kept."""
    # Most texts hold none of the characters the expression starts with; spare them the scan.
    if not any(c in text for c in "`]{"):
        return [(text, True)]
    pieces: list[Piece] = []
    done = 0
    for m in MARKDOWN_CODE.finditer(text):
        pieces += [(text[done : m.start()], True), (m.group(), False)]
        done = m.end()
    return [*pieces, (text[done:], True)]


def _body_pieces(source: str) -> list[Piece]:
    """The document after its front matter: markup kept, text cut further by _markdown_pieces."""
    splitter = _Splitter(source)
    # Each mark runs to the next; the last one closes the text still open.
    marks = [*splitter.marks, (len(source), KEPT), (len(source), KEPT)]
    pieces: list[Piece] = []
    text_start = None
    for (start, kind), (end, _) in itertools.pairwise(marks):
        # Adjacent text events (data, character references) are one text, so that a code span
        # across an entity is still seen whole.
        if kind == TEXT:
            text_start = start if text_start is None else text_start
            continue
        if text_start is not None:
            pieces += _markdown_pieces(source[text_start:start])
            text_start = None
        if kind == TAG:
            tag_end, attributes_are_text = splitter.tag_ends[start]
            pieces += _tag_pieces(source[start:tag_end], attributes_are_text)
        else:
            pieces.append((source[start:end], False))
    return pieces


def _scalars_at(node: yaml.Node, path: tuple[str | None, ...]) -> list[tuple[int, int]]:
    """Where the string scalars at ``path`` (keys; None: every item of a list) stand in the source."""
    if not path:
        return [(node.start_mark.index, node.end_mark.index)] if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" else []
    key, rest = path[0], path[1:]
    if key is None and isinstance(node, yaml.SequenceNode):
        return [span for item in node.value for span in _scalars_at(item, rest)]
    if key is not None and isinstance(node, yaml.MappingNode):
        return [span for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key for span in _scalars_at(v, rest)]
    return []


def _front_matter_pieces(source: str, inner: tuple[int, int]) -> list[Piece]:
    """YAML front matter (its YAML at ``inner``) kept as written but for the string values a reader
    sees (FRONT_MATTER_TEXT), located by the YAML parser, so keys, layout and quoting stay."""
    offset = inner[0]
    try:
        root = yaml.compose(source[offset : inner[1]], Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return [(source, False)]  # MkDocs will refuse it; nothing to convert
    spans = sorted(span for path in FRONT_MATTER_TEXT for span in (_scalars_at(root, path) if root else []))
    pieces: list[Piece] = []
    done = 0
    for start, end in spans:
        pieces += [(source[done : offset + start], False), (source[offset + start : offset + end], True)]
        done = offset + end
    return [*pieces, (source[done:], False)]


@lru_cache(maxsize=256)
def split_document(text: str) -> tuple[Piece, ...]:
    """A generated Markdown/HTML document cut into pieces of code (kept) and text (converted);
    the same for every variant, so cached for the next one."""
    front = FRONT_MATTER.match(text)
    if front is None:
        pieces = _body_pieces(text)
    else:
        head = _front_matter_pieces(front.group(), front.span(1)) if front.group(1) else [(front.group(), False)]
        pieces = head + _body_pieces(text[front.end() :])
    return tuple(p for p in pieces if p[0])


def keep(text: str) -> str:
    """``text`` marked as written in the variant's script already: convert_text leaves it be."""
    return f"{KEEP_OPEN}{text}{KEEP_CLOSE}"


def unmark(text: str) -> str:
    return text.replace(KEEP_OPEN, "").replace(KEEP_CLOSE, "")


def convert_plain(texts: list[str], config_path: str) -> list[str]:
    """Each text converted, corner quotes included, in one call to OpenCC."""
    if not texts:
        return []
    cc = converter(config_path)
    if any(SEPARATOR in t for t in texts):
        return [corner(cc.convert(t)) for t in texts]
    converted = [corner(t) for t in cc.convert(SEPARATOR.join(texts)).split(SEPARATOR)]
    if len(converted) != len(texts):
        raise ValueError("OpenCC changed the number of separators; the texts cannot be put back")
    return converted


def convert_text(text: str, config_path: str | None) -> str:
    """A document (Markdown, HTML or plain text) in a variant's script, its text converted and its
    markup, code and kept runs (keep) kept (split_document); the source variant (no configuration)
    is the text itself. The marks of kept runs never reach the output."""
    if config_path is None:
        return unmark(text)
    runs: list[str] = []

    def stash(m: re.Match) -> str:
        runs.append(m.group(1))
        return f"\ue003{len(runs) - 1}\ue004"

    stashed = KEPT_RUN.sub(stash, text) if KEEP_OPEN in text else text
    pieces = split_document(stashed)
    converted = iter(convert_plain([p for p, is_text in pieces if is_text], config_path))
    out = "".join(next(converted) if is_text else p for p, is_text in pieces)
    return unmark(STASHED.sub(lambda m: runs[int(m.group(1))], out)) if runs else unmark(out)
