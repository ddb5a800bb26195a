"""Stage 5: render the annotated model to Markdown pages through the Jinja2 templates.

Report text goes out as raw HTML blocks that Markdown passes through untouched, so the
``data-para`` contract holds exactly: everything inside a ``[data-para]`` element that is
not the report's text carries ``data-editorial``.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from itertools import groupby

import jinja2
import markdown
from markupsafe import Markup, escape

from build_tools import registry
from build_tools.model import Block, Page, Report
from build_tools.paths import TEMPLATES
from build_tools.s1_load import glossary as glossary_mod
from build_tools.s1_load.ledger import printed
from build_tools.s1_load.publishers import Registry
from build_tools.s1_load.schema import Entry, Note, Translation
from build_tools.s1_load.translations import fold, renderings
from build_tools.s2_render import sanitize
from build_tools.s2_render.ui import UI, source_ui
from build_tools.terms import TermMatcher

ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
# Front matter strings as JSON, which is YAML; non-ASCII kept so OpenCC can convert it later.
ENV.filters["yaml"] = lambda s: Markup(json.dumps(str(s), ensure_ascii=False))
# Markdown put around a message's values (the message itself is plain text).
ENV.globals["code"] = lambda text: Markup("`{}`").format(text)
ENV.globals["link"] = lambda text, href: Markup("[{}]({})").format(text, href)
ENV.globals["span"] = lambda cls, text: Markup('<span class="{}">{}</span>').format(cls, text)


def page_path(slug: str) -> str:
    """Markdown source path under docs/ for a page slug: "1" → 1/index.md, "1/2" → 1/2.md."""
    return f"{slug}/index.md" if "/" not in slug else f"{slug}.md"


def page_url(path: str) -> str:
    """Built HTML path of a Markdown source (the site is built without directory URLs)."""
    return path[: -len(".md")] + ".html"


def glossary_page(category: str) -> str:
    """Markdown path of the page that holds a category's entries, in the glossary's folder
    (registry.GLOSSARY): the one place that says which page an entry is on (Context.entry_page)."""
    return f"{registry.GLOSSARY.folder}/{category}.md"


# Asked some 18,000 times a build (every term, citation and entry link of three variants) for a few
# thousand distinct pairs.
@functools.cache
def rel(from_md: str, to_md: str, anchor: str = "") -> str:
    """Relative link between two built pages, working from file:// as well as hosted."""
    target = posixpath.relpath(page_url(to_md), posixpath.dirname(page_url(from_md)) or ".")
    return target + (f"#{anchor}" if anchor else "")


@dataclass
class Context:
    """What rendering needs besides the report: glossary, notes, and where blocks live."""

    entries: dict[str, Entry]
    matcher: TermMatcher
    notes: dict[str, list[Note]] = field(default_factory=dict)
    block_page: dict[str, str] = field(default_factory=dict)  # citation id → md path
    numbers: dict[str, list] = field(default_factory=dict)  # citation id → ledger.Placed
    publishers: Registry | None = None  # who publishes at each source's host (seeds/publishers.yaml)
    ui: UI = field(default_factory=source_ui)  # the edition's own words in the page's variant
    english: dict[str, Translation] = field(default_factory=dict)  # citation id → its English (seeds/translations/en.yaml)
    # Contributed Markdown as HTML, by (text, page): the same in every variant (their messages do
    # not enter it), so a variant's context (Edition.for_variant, a copy) shares this one dict.
    markdown_cache: dict[tuple[str, str], Markup] = field(default_factory=dict, repr=False, compare=False)

    def cite_link(self, from_md: str, cid: str) -> str:
        return rel(from_md, self.block_page[cid], anchor_of(cid))

    def entry_page(self, entry_id: str) -> str:
        """Markdown path of the glossary page that holds the entry (its category's page)."""
        return glossary_page(self.entries[entry_id].category)

    def entry_link(self, from_md: str, entry_id: str) -> str:
        """Relative link from a page to a glossary entry, on its category's page."""
        return rel(from_md, self.entry_page(entry_id), entry_id)


def cards_html(blocks: list[Block], ctx: Context, md_path: str) -> Markup:
    """The cards of the terms and numbers that ``blocks`` mark (templates/cards.html.j2), for
    docs/assets/cards.js: what a reader sees on hover, focus or tap instead of leaving the page."""
    ids = dict.fromkeys(m.entry_id for b in blocks for m in ctx.matcher.find(b.text))
    entries = [
        {
            "id": i,
            "term": ctx.entries[i].term,
            "pinyin": glossary_mod.pinyin_of(ctx.entries[i]),
            "english": ctx.entries[i].english,
            "definition": ctx.entries[i].definition,
            "status": ctx.entries[i].status,
            "href": ctx.entry_link(md_path, i),
        }
        for i in ids
    ]
    rows = {p.row.id: p.row for b in blocks for p in ctx.numbers.get(b.cid, [])}
    numbers = [
        {
            "id": r.id,
            "indicator": r.indicator,
            "year": r.year,
            "kind": r.kind,
            "comparison": r.comparison,
            "figure": f"{printed(r)}{r.unit}",
            "quote": quoted(r.quote),
            "href": rel(md_path, "numbers.md", f"n-{r.id}"),
        }
        for r in rows.values()
    ]
    return Markup(render_template("cards.html.j2", entries=entries, rows=numbers, ui=ctx.ui)) if entries or numbers else Markup("")


def anchor_of(cid: str) -> str:
    return f"p-{cid}"


def text_offset(block: Block, source_pos: int) -> int:
    """Where a source offset lands in the emended text."""
    delta = sum(len(e.after) - len(e.before) for e in block.emendations if e.end <= source_pos)
    return source_pos + delta


def sic(ui: UI) -> str:
    """The marker after a kept typo (a "sic" record), editorial like every marker in a block."""
    return f'<sup class="sic" data-editorial data-search-exclude title="{ui("sic_tip")}">[sic]</sup>'


def inline_html(block: Block, ctx: Context, md_path: str) -> Markup:
    """The block's text as HTML: lead sentences bold, terms linked with their definition."""
    text = block.text
    leads = []
    for lead in block.leads:
        start = text.find(lead)
        leads.append((start, start + len(lead)))

    def crosses_a_lead(start: int, end: int) -> bool:
        return any(s < end and start < e and not (s <= start and end <= e) for s, e in leads)

    # A term that crosses a lead sentence's edge is left unmarked rather than break the nesting.
    matches = [m for m in ctx.matcher.find(text) if not crosses_a_lead(m.start, m.end)]
    sics = [text_offset(block, em.end) for em in block.emendations if em.is_sic]
    # A ledger number links to its row unless a glossary link already covers it ("最多90天").
    numbers = [
        p for p in ctx.numbers.get(block.cid, []) if not any(m.start < p.end and p.start < m.end for m in matches) and not crosses_a_lead(p.start, p.end)
    ]
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for s, e in leads:
        opens.setdefault(s, []).append('<strong class="lead">')
        closes.setdefault(e, []).insert(0, "</strong>")
    for m in matches:
        href = ctx.entry_link(md_path, m.entry_id)
        opens.setdefault(m.start, []).append(f'<a class="term" data-term="{m.entry_id}" href="{href}">')
        closes.setdefault(m.end, []).insert(0, "</a>")
    seen_numbers = set()
    for p in numbers:
        if (p.start, p.end) in seen_numbers:
            continue  # one number stated for two indicators ("各8000亩") links to the first row
        seen_numbers.add((p.start, p.end))
        href = rel(md_path, "numbers.md", f"n-{p.row.id}")
        opens.setdefault(p.start, []).append(f'<a class="num" data-ledger="{p.row.id}" href="{href}">')
        closes.setdefault(p.end, []).insert(0, "</a>")
    out: list[str] = []
    marker = sic(ctx.ui)
    for i, ch in enumerate(text):
        out.extend(closes.get(i, ()))
        out.extend(opens.get(i, ()))
        if i in sics:
            out.append(marker)
        out.append(html.escape(ch, quote=False))
    out.extend(closes.get(len(text), ()))
    if len(text) in sics:
        out.append(marker)
    return Markup("".join(out))


def editorial_html(block: Block, ctx: Context, md_path: str) -> Markup:
    """Markers inside the block: notes, emendations, permalink and copy button (all editorial)."""
    ui = ctx.ui
    parts = []
    for i, _ in enumerate(ctx.notes.get(block.cid, []), start=1):
        parts.append(
            f'<sup class="note-ref" data-editorial data-search-exclude><a href="#note-{block.cid}-{i}" id="ref-{block.cid}-{i}" aria-label="{ui("note_ref_label", n=i)}">{ui("note_ref", n=i)}</a></sup>'
        )
    repairs = [e for e in block.emendations]
    if repairs:
        href = rel(md_path, "emendations.md", f"em-{block.cid}")
        parts.append(
            f'<a class="em-marker" data-editorial data-search-exclude href="{href}" title="{ui("emended_tip", count=len(repairs))}">{ui("emended_mark")}</a>'
        )
    parts.append(f'<a class="para-link" data-editorial data-search-exclude href="#{anchor_of(block.cid)}" title="{ui("para_link")}">{block.cid}</a>')
    parts.append(
        f'<button class="cite-copy" data-editorial data-search-exclude type="button" data-cite="{block.cid}" title="{ui("copy_citation")}" aria-label="{ui("cite_copy_label", cid=block.cid)}"></button>'
    )
    return Markup("".join(parts))


def block_html(block: Block, ctx: Context, md_path: str, tag: str = "p") -> Markup:
    """A block of the report, and its English after it when the translation has it: a paragraph
    and its English in one div.pair (side by side in the 中英对照 view), a list item's English as
    the next item (the list lays them out in two columns)."""
    body = inline_html(block, ctx, md_path) + editorial_html(block, ctx, md_path)
    chinese = Markup(f'<{tag} class="para para-{block.kind}" id="{anchor_of(block.cid)}" data-para="{block.cid}">') + body + Markup(f"</{tag}>")
    if block.cid not in ctx.english:
        return chinese
    english = english_html(block, ctx, md_path, tag)
    return chinese + english if tag == "li" else Markup('<div class="pair">') + chinese + english + Markup("</div>")


def heading_html(block: Block, ctx: Context, md_path: str) -> Markup:
    """A heading's inner HTML: the report's words in a data-para span, markers editorial; its
    English in a span of its own after it."""
    return (
        Markup(f'<span class="para para-{block.kind}" id="{anchor_of(block.cid)}" data-para="{block.cid}">')
        + inline_html(block, ctx, md_path)
        + editorial_html(block, ctx, md_path)
        + Markup("</span>")
        + (english_html(block, ctx, md_path, "span") if block.cid in ctx.english else Markup(""))
    )


def english_html(block: Block, ctx: Context, md_path: str, tag: str) -> Markup:
    """The block's English (an element with data-para-en and lang="en", never converted): the
    glossary terms marked in the Chinese marked in it too, where their English stands, linking to
    the same entries; its citation link and copy button; its review status."""
    t = ctx.english[block.cid]
    text, folded = t.en, fold(t.en)
    spans: list[tuple[int, int, str]] = []
    for entry_id in dict.fromkeys(m.entry_id for m in ctx.matcher.find(block.text)):
        for rendering in renderings(ctx.entries[entry_id]):
            for m in re.finditer(re.escape(rendering), folded):
                if not any(s < m.end() and m.start() < e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), entry_id))
    out, done = [], 0
    for start, end, entry_id in sorted(spans):
        out.append(escape(text[done:start]))
        out.append(Markup('<a class="term" data-term="{}" href="{}">{}</a>').format(entry_id, ctx.entry_link(md_path, entry_id), text[start:end]))
        done = end
    out.append(escape(text[done:]))
    status = Markup('<span class="en-status" data-editorial>{}</span>').format(ctx.ui("en_reviewed")) if t.status == "reviewed" else Markup("")
    markers = Markup(
        '<a class="para-link" data-editorial data-search-exclude href="#{}" title="{}">{}</a>'
        '<button class="cite-copy" data-editorial data-search-exclude type="button" data-cite="{}" data-cite-lang="en" title="{}" aria-label="{}"></button>'
    ).format(anchor_of(block.cid), ctx.ui("para_link"), block.cid, block.cid, ctx.ui("copy_citation"), ctx.ui("cite_copy_label", cid=block.cid))
    return (
        Markup('<{} class="para para-en para-en-{}" id="{}-en" lang="en" data-para-en="{}" data-en-status="{}">').format(
            tag, block.kind, anchor_of(block.cid), block.cid, t.status
        )
        + Markup("").join(out)
        + status
        + markers
        + Markup("</{}>").format(tag)
    )


CITATION = re.compile(r"(?<![\d.])([0-3]\.\d{1,2}\.\d{1,2})(?![\d.])")


def link_citations(text: str, md_path: str, ctx: Context | None) -> str:
    """Citation ids mentioned in a note or an explanation ("见 1.1.1") become links to the paragraph."""
    if ctx is None:
        return text

    def link(m: re.Match) -> str:
        cid = m.group(1)
        return f"[{cid}]({ctx.cite_link(md_path, cid)})" if cid in ctx.block_page else cid

    return CITATION.sub(link, text)


def markdown_html(text: str, md_path: str = "", ctx: Context | None = None) -> Markup:
    """Contributed Markdown rendered to HTML here: escaped first, so a tag in the text stays text,
    and the result sanitized to text tags and links to http(s), mailto or within the site, so no
    javascript:, data: or remote image gets through however it is spelled.

    Rendered once here rather than by each variant's MkDocs build (and once for all variants: the
    context's markdown_cache); the result has no blank line, so it stays one raw HTML block in the
    page's Markdown.
    """
    key = (text, md_path)
    if ctx is not None and key in ctx.markdown_cache:
        return ctx.markdown_cache[key]
    out = sanitize.text_fragment(markdown.markdown(link_citations(html.escape(text, quote=False), md_path, ctx)))
    done = Markup(re.sub(r"\n{2,}", "\n", out))
    if ctx is not None:
        ctx.markdown_cache[key] = done
    return done


def class_key(kind: str) -> str:
    """The message key of a publisher class's badge (class_<kind>; its tooltip: class_<kind>_tip)."""
    return "class_" + kind.replace("-", "_")


def quoted(text: str) -> str:
    """A text as it reads inside “…”: its own quotation marks re-levelled one level in, whatever
    the source used (“ ‘ or 「 『; ‘ at its first level, “ at its second), so that a quoted passage with quotes
    of its own nests as Chinese typesetting nests (the traditional variants turn “‘ into 「『)."""
    out, depth = [], 0
    for i, ch in enumerate(text):
        # An apostrophe (Zhejiang’s) is no quotation mark.
        if ch == "’" and 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha() and text[i + 1].isascii() and text[i + 1].isalpha():
            out.append(ch)
        elif ch in "“‘「『":
            out.append("‘" if depth % 2 == 0 else "“")
            depth += 1
        elif ch in "”’」』" and depth:
            depth -= 1
            out.append("’" if depth % 2 == 0 else "”")
        else:
            out.append(ch)
    return "".join(out)


KANA = re.compile("[\u3040-\u30ff]")
HAN_CHAR = re.compile("[\u3400-\u9fff]")
EDITORS_BRACKETS = re.compile("(［[^］]*］)?(.*?)(（[^）]*）)?", re.DOTALL)


def foreign(text: str) -> Markup | None:
    """A source's words in Japanese (any kana) or English (no Han character) in an element that says
    so, which script conversion leaves alone and whose own quotation marks stay as written; None
    for Chinese."""
    # The editors' own bracketed words around a title (［据内容拟题］…（中国网日文版）) stay Chinese.
    head, words, tail = EDITORS_BRACKETS.fullmatch(text).groups()  # type: ignore[union-attr]
    lang = "ja" if KANA.search(words) else "en" if not HAN_CHAR.search(words) and re.search("[A-Za-z]", words) else None
    # English nests its quotation marks as Chinese does (“…‘…’…”); Japanese keeps its own.
    words = quoted(words) if lang == "en" else words
    return Markup('{}<span lang="{}">{}</span>{}').format(head or "", lang, words, tail or "") if lang else None


def sources_html(sources: list, md_path: str, ctx: Context) -> list[Markup]:
    """The sources of a note or entry; one document cited for several passages is listed once."""
    grouped: dict[object, list] = {}
    for s in sources:
        key = s.cite if hasattr(s, "cite") else (s.url, s.title, s.publisher, s.date)
        grouped.setdefault(key, []).append(s)
    return [source_html(group[0], [s.quote for s in group if getattr(s, "quote", None)], md_path, ctx) for group in grouped.values()]


def source_html(source, quotes: list[str], md_path: str, ctx: Context) -> Markup:
    """A report paragraph link, or a document citation with the passages relied on."""
    if hasattr(source, "cite"):
        return ctx.ui("source_report", cid=Markup('<a href="{}">{}</a>').format(ctx.cite_link(md_path, source.cite), source.cite))
    date = ctx.ui("undated") if source.date == "n.d." else escape(source.date)
    quote = Markup("：") + Markup("；").join(Markup("“{}”").format(foreign(q) or quoted(q)) for q in quotes) if quotes else Markup("")
    reprint = ctx.ui("reprint_of", publisher=source.reprint_of) if source.reprint_of else Markup("")
    kind = ctx.publishers.kind(source.url) if ctx.publishers else None
    key = class_key(kind) if kind else ""
    label = Markup(' <span class="source-class source-{}" title="{}">{}</span>').format(kind, ctx.ui(key + "_tip"), ctx.ui(key)) if kind else Markup("")
    title = foreign(source.title) or escape(source.title)
    return Markup(f'{escape(source.publisher)}{reprint}《<a href="{escape(source.url)}">{title}</a>》，{date}') + label + quote


def render_template(name: str, **values) -> str:
    return ENV.get_template(name).render(**values)


def pages_markdown(report: Report, ctx: Context, english_note: str = "") -> dict[str, str]:
    """Every report page's Markdown, keyed by path under docs/; ``english_note``: the translation's
    account of itself, shown above its text."""
    out = {}
    for page in report.pages:
        md = page_path(page.slug)

        def note_html(note: Note, md_path: str) -> Markup:
            body = markdown_html(note.text, md_path, ctx)
            sources = Markup("；").join(sources_html(note.sources, md_path, ctx))
            return body + Markup(f'<p class="note-sources" data-search-exclude>{ctx.ui("sources")}{sources}</p>')

        out[md] = render_template(
            "page.md.j2",
            page=page,
            md=md,
            ctx=ctx,
            groups=[(kind, list(blocks)) for kind, blocks in groupby(page.blocks, key=lambda b: b.kind)],
            block_html=block_html,
            heading_html=heading_html,
            note_html=note_html,
            notes=ctx.notes,
            ui=ctx.ui,
            english_note=english_note,
            cards=cards_html([b for b in (page.part_heading, page.heading, *page.blocks) if b is not None], ctx, md),
            description=page_description(page),
        )
    return out


def page_description(page: Page) -> str:
    first = page.blocks[0].text if page.blocks else ""
    return (first[:90] + "…") if len(first) > 90 else first
