"""The edition's registry: its script variants, its pages outside the report and its emendation
rules, each listed once.

Everything that needs one of these lists derives it from here: the per-variant MkDocs configs and
the variant switcher, the navigation and the home page's appendix, the generated paths under
docs/, the open data's field descriptions, the 校勘记 page's rule table and the schema of the
hand-kept corrections. Adding a variant or a page type is a change here plus its content.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """One script variant of the whole edition."""

    code: str  # folder, id and key in the open data, e.g. "zh-TW"
    lang: str  # BCP 47 tag on <html lang> and hreflang
    label: str  # name in the switcher, in its own script
    opencc: str | None  # stock OpenCC configuration it is converted with; None for the source
    material_language: str  # Material's interface language
    og_locale: str  # Open Graph locale

    @property
    def prefix(self) -> str:
        """URL prefix under the site root: the source variant is the root itself."""
        return "" if self.opencc is None else f"{self.code}/"


VARIANTS: tuple[Variant, ...] = (
    Variant("zh-Hans", "zh-Hans", "简体", None, "zh", "zh_CN"),
    Variant("zh-TW", "zh-Hant-TW", "繁體·臺灣", "s2tw", "zh-TW", "zh_TW"),
    Variant("zh-HK", "zh-Hant-HK", "繁體·香港", "s2hk", "zh-Hant", "zh_HK"),
)
SOURCE = VARIANTS[0]
# The variants converted from the source, each with its own OpenCC configuration.
TRADITIONAL: tuple[Variant, ...] = tuple(v for v in VARIANTS if v.opencc)


@dataclass(frozen=True)
class AppendixPage:
    """A page after the report, generated from its template (about.md.j2 …).

    Its title and its line in the contents are interface messages (seeds/interface.yaml): the
    message ``key`` is the title, ``summary_<key>`` the line ({count}: the number of emendations).
    """

    path: str  # Markdown path under docs/
    key: str  # message key of its title
    template: str
    listed: bool = True  # has a line in the home page's contents (summary_<key>)
    search: bool = True  # False: left out of the search index
    # A generated folder of pages under this one (the glossary's category pages): in the nav as
    # the page's section, and rewritten by the build like the page.
    folder: str | None = None

    @property
    def summary_key(self) -> str:
        return f"summary_{self.key}"


APPENDIX: tuple[AppendixPage, ...] = (
    # The section's own page, first: Material's navigation.indexes makes the first index.md of a
    # section its landing page, which would otherwise be data/index.md (shown as "附录").
    AppendixPage("appendix/index.md", "appendix", "appendix.md.j2", listed=False),
    AppendixPage("numbers.md", "numbers", "numbers.md.j2"),
    # The glossary's landing page; each category's entries on a page of its own in glossary/.
    AppendixPage("glossary.md", "glossary", "glossary.md.j2", folder="glossary"),
    # The term index repeats the glossary's headings; in search it would only duplicate them.
    AppendixPage("terms.md", "terms", "terms.md.j2", search=False),
    AppendixPage("emendations.md", "emendations", "emendations.md.j2"),
    AppendixPage("data/index.md", "data", "data.md.j2"),
    AppendixPage("about.md", "about", "about.md.j2"),
    AppendixPage("contributors.md", "contributors", "contributors.md.j2", listed=False),
)
# Message key of the appendix's title in the navigation.
APPENDIX_KEY = "appendix"
GLOSSARY = next(page for page in APPENDIX if page.key == "glossary")
HOME = "index.md"


@dataclass(frozen=True)
class Rule:
    """A kind of emendation: what the build (or an editor, when hand-kept) changes, and why."""

    name: str
    label: str  # one line on the 校勘记 page
    hand_kept: bool = False  # recorded by editors in seeds/emendations.yaml, not found by the build


RULES: tuple[Rule, ...] = (
    Rule("page-break", "PDF 分页处断开的段落，接排", hand_kept=True),
    Rule("spacing", "数字两侧的半角空格，删去"),
    Rule("formula", "公式标记（PM_{2.5}），改回 PM2.5"),
    Rule("punctuation", "半角标点，改为全角"),
    Rule("heading-bracket", "标题序号的半角括号，改为全角"),
    Rule("traditional-character", "简体文本中的繁体字，改为简体"),
    Rule("typo", "原文错字，改正", hand_kept=True),
    Rule("sic", "原文如此，保留并加注", hand_kept=True),
)
RULE_LABELS = {r.name: r.label for r in RULES}
HAND_KEPT_RULES = tuple(r.name for r in RULES if r.hand_kept)
