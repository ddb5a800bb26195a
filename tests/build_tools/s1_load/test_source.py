import hashlib

import pytest

from build_tools import paths
from build_tools.s1_load.source import SeedChanged, read_seed


def test_seed_is_the_report_as_received():
    assert hashlib.sha256(paths.SEED_TEXT.read_bytes()).hexdigest() == paths.SEED_SHA256


def test_seed_lines_keep_their_numbers():
    raw = read_seed()
    assert raw[0].line == 3 and raw[0].text == "2020年浙江省衢州市人民政府工作报告"
    assert all(b.text.strip() for b in raw)


def test_an_edited_seed_is_refused(tmp_path):
    edited = tmp_path / "seed.txt"
    edited.write_bytes(paths.SEED_TEXT.read_bytes().replace("落實".encode(), "落实".encode(), 1))
    with pytest.raises(SeedChanged, match=r"seed\.txt:1: .*SHA-256"):
        read_seed(edited)
