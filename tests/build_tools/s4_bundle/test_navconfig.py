"""The generated nav block of mkdocs.yml: replaced in place, everything around it kept."""

import pytest

from build_tools.s4_bundle.navconfig import BEGIN, END, updated

CONFIG = f"site_name: x\n{BEGIN} old\nnav:\n- 首页: index.md\n{END}\nplugins:\n- search\n"


def test_only_the_block_changes_and_a_second_pass_changes_nothing():
    nav = [{"首页": "index.md"}, {"术语表": "glossary.md"}]
    once = updated(CONFIG, nav)
    assert once.startswith("site_name: x\n") and once.endswith(f"{END}\nplugins:\n- search\n")
    assert "- 术语表: glossary.md\n" in once
    assert updated(once, nav) == once


def test_a_config_without_the_block_is_refused():
    with pytest.raises(ValueError, match="no generated nav block"):
        updated("site_name: x\n", [])
