"""jieba's cut (without HMM) of each run of Han characters, remembered across builds, for Material's search index."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import jieba

# MkDocs loads this file by path, from whatever folder the build runs in.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_tools import paths

BUILD = paths.BUILD


class Segments:
    """jieba's cut (without HMM) of each run of Han characters, remembered across builds."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.words: dict[str, list[str]] = {}
        self.added = False

    def load(self, config) -> None:
        search = config.plugins.get("material/search") or config.plugins.get("search")
        dicts = [search.config.jieba_dict, search.config.jieba_dict_user] if search else [None, None]
        # The same text is cut the same way only with the same dictionaries, so they name the file.
        digest = hashlib.sha256()
        for d in dicts:
            digest.update(Path(d).read_bytes() if d and Path(d).is_file() else b"-")
            digest.update(b"\0")
        name = Path(dicts[1]).stem if dicts[1] else "default"
        path = BUILD / "jieba" / f"segments-{name}-{digest.hexdigest()[:16]}.json"
        if path != self.path:
            self.path, self.added = path, False
            try:
                self.words = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.words = {}

    def cut(self, sentence, *args, **kwargs):
        # Material calls jieba.cut(text.encode()) and nothing else; any other call is passed on.
        if args or kwargs or self.path is None:
            return jieba.dt.cut(sentence, *args, HMM=False, **kwargs)
        key = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        words = self.words.get(key)
        if words is None:
            words = self.words[key] = list(jieba.dt.cut(key, HMM=False))
            self.added = True
        return iter(words)

    def save(self) -> None:
        if not (self.added and self.path):
            return
        # Files for older dictionaries of this variant go.
        family = self.path.name.rsplit("-", 1)[0] + "-*.json"
        paths.store_cached(self.path, json.dumps(self.words, ensure_ascii=False, sort_keys=True), family)
        self.added = False
