"""jieba's dictionaries for the search index: the edition's terms kept whole, and jieba's own
dictionary in each variant's script, cut to the words of the pages."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from build_tools import paths, registry
from build_tools.convert import converter

HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
FILLER = "〇〇〇〇〇〇〇〇"


def jieba_dictionary_in(code: str, cc: str | None) -> Path | None:
    """jieba's dictionary in a variant's script: None (jieba's own) for 简体, else converted.

    jieba's dictionary is simplified; without a traditional copy, the traditional indexes would
    fall apart into single characters (數/字/經/濟) wherever a word is not a glossary term. The
    copy is made once per OpenCC configuration (whose file name carries its overrides' hash);
    words that convert to the same form pool their frequencies.
    """
    if cc is None:
        return None
    import jieba

    source = Path(jieba.__file__).with_name("dict.txt")
    key = hashlib.sha256(f"{Path(cc).name}|{jieba.__version__}".encode()).hexdigest()[:16]
    target = paths.BUILD / "jieba" / f"full-{code}-{key}.txt"
    if target.exists():
        return target
    freq: dict[str, int] = {}
    for line in converter(cc).convert(source.read_text(encoding="utf-8")).splitlines():
        word, count = line.split(" ")[:2]
        freq[word] = freq.get(word, 0) + int(count)
    return paths.store_cached(target, "".join(f"{w} {n}\n" for w, n in freq.items()), f"full-{code}-*.txt")


@functools.cache
def full_jieba(dictionary: Path | None = None):
    """jieba's full dictionary (or a converted copy), loaded once per build however many variants
    need cutting."""
    import jieba

    tokenizer = jieba.Tokenizer(str(dictionary)) if dictionary else jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def jieba_main_dictionary(docs: Path, target: Path, code: str = registry.SOURCE.code, cc: str | None = None) -> Path:
    """jieba's own dictionary (in the variant's script) cut down to the words of these pages.

    Loading jieba's full dictionary costs each MkDocs process most of a second. Only words that
    occur in the text can take part in segmentation, and a filler entry keeps the total
    frequency unchanged, so the index is segmented exactly as with the full dictionary.
    Cached by the runs of Han characters it was cut for: a change elsewhere in the pages (the
    commit counts on the contributors page, say) reuses it.
    """
    dictionary = jieba_dictionary_in(code, cc)
    texts = [p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))]
    # With the markup taken out too, so that a word split by an inline tag is still seen whole.
    runs = sorted(set(HAN_RUN.findall("\n".join(texts + [re.sub(r"<[^>]+>", "", t) for t in texts]))))
    key = hashlib.sha256("\n".join([dictionary.name if dictionary else "", *runs]).encode("utf-8")).hexdigest()[:16]
    cached = target.with_name(f"{target.stem}-{key}.txt")
    if cached.exists():
        return cached
    full = full_jieba(dictionary)
    words: set[str] = set()
    for run in runs:
        for start, ends in full.get_DAG(run).items():
            words.update(run[start : end + 1] for end in ends if full.FREQ.get(run[start : end + 1]))
    kept = sum(full.FREQ[w] for w in words)
    lines = [f"{w} {full.FREQ[w]}\n" for w in sorted(words)] + [f"{FILLER} {full.total - kept}\n"]
    return paths.store_cached(cached, "".join(lines), f"{target.stem}-*.txt")


def jieba_dictionary(terms: list[str]) -> str:
    # A high frequency keeps each glossary term whole when Material segments the search index.
    return "".join(f"{t} 100000 n\n" for t in sorted(set(terms)) if not t.isascii() and " " not in t)
