"""The search dictionaries: the edition's terms stay whole words in the index."""

from __future__ import annotations

import jieba
import pytest

from build_tools.s3_search.jieba_dicts import jieba_dictionary
from build_tools.s3_search.segments import Segments


# jieba loads its dictionary for each of these (0.4 s each): in `make test`, not the fast tier.
@pytest.mark.slow
def test_glossary_terms_are_whole_words_for_the_index(tmp_path):
    """With the user dictionary, a term jieba does not know is one word, not pieces."""
    user = tmp_path / "user.txt"
    user.write_text(jieba_dictionary(["最多跑一地", "标准地+区域评估", "5459"]), encoding="utf-8")
    # Terms with spaces or only ASCII cannot be jieba words and are left out.
    assert user.read_text(encoding="utf-8") == "最多跑一地 100000 n\n标准地+区域评估 100000 n\n"
    tokenizer = jieba.Tokenizer()
    with user.open("rb") as handle:
        tokenizer.load_userdict(handle)
    assert "最多跑一地" in list(tokenizer.cut("深化最多跑一地改革", HMM=False))


@pytest.mark.slow
def test_segments_are_cut_without_hmm_guesses(tmp_path, monkeypatch):
    """Runs that are not dictionary words stay single characters, not guessed words such as 体新."""
    from build_tools.s3_search import segments

    monkeypatch.setattr(segments, "BUILD", tmp_path)
    s = Segments()
    words = list(s.cut("前驱体新材料项目"))
    assert "体新" not in words and "".join(words) == "前驱体新材料项目"
