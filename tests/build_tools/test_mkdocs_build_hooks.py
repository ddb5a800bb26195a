"""The segmentation the search index uses, remembered between builds, is jieba's own."""

import jieba
import pytest

from build_tools import mkdocs_build_hooks
from build_tools.mkdocs_build_hooks import Segments


class FakeSearch:
    def __init__(self, main, user):
        self.config = type("C", (), {"jieba_dict": str(main), "jieba_dict_user": str(user)})()


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setattr(mkdocs_build_hooks, "BUILD", tmp_path)
    main, user = tmp_path / "main.txt", tmp_path / "zh-TW.txt"
    main.write_text("衢州 100 ns\n", encoding="utf-8")
    user.write_text("最多跑一次 100000 n\n", encoding="utf-8")
    return type("Config", (), {"plugins": {"material/search": FakeSearch(main, user)}})(), user


TEXT = "深化最多跑一次改革"


def test_a_remembered_cut_equals_jiebas_and_survives_a_new_process(config):
    cfg, _ = config
    first = Segments()
    first.load(cfg)
    words = list(first.cut(TEXT.encode("utf-8")))
    assert words == list(jieba.dt.cut(TEXT, HMM=False))
    first.save()
    # A later build (a new process) reads the cut from disk instead of cutting again.
    later = Segments()
    later.load(cfg)
    assert later.words == {TEXT: words} and list(later.cut(TEXT.encode("utf-8"))) == words and not later.added


def test_other_dictionaries_mean_another_file_and_the_old_one_goes(config):
    cfg, user = config
    first = Segments()
    first.load(cfg)
    list(first.cut(TEXT.encode("utf-8")))
    first.save()
    user.write_text("最多跑一次 100000 n\n深化 100000 v\n", encoding="utf-8")
    second = Segments()
    second.load(cfg)
    assert second.path != first.path and second.words == {}
    list(second.cut(TEXT.encode("utf-8")))
    second.save()
    assert sorted(p.name for p in second.path.parent.glob("segments-*")) == [second.path.name]
