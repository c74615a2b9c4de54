"""Reading: every encoding a web copy comes in, normalisation that keeps offsets, clear errors."""

from __future__ import annotations

import pytest

from loaders import LoaderError
from loaders.read import normalise, read_source, source_from_bytes

from .conftest import plan_path

ZJ = "5.制定“互联网 ”制造实施意见。（省经信委、省发改委）\u00a0〔2016〕"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_plan_reads_the_same_in_every_encoding(encoding, tmp_path):
    text = plan_path("qingyuan").read_text(encoding="utf-8")
    f = tmp_path / f"plan-{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    src = read_source(f)
    assert src.text.lstrip("\ufeff") == text


def test_normalisation_keeps_every_offset():
    norm = normalise(ZJ)
    assert len(norm) == len(ZJ)
    assert "互联网+”制造" in norm
    assert "(省经信委、省发改委)" in norm
    assert "(2016)" in norm and "\u00a0" not in norm
    i = norm.index("省发改委")
    assert ZJ[i : i + 4] == "省发改委"


def test_lost_plus_is_restored_only_after_互联网():
    assert normalise("开展 “数字企业 ”创建") == "开展 “数字企业 ”创建"
    assert normalise("举办互联网 、智慧城市") == "举办互联网+、智慧城市"


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "L003"), (b"   \n\n", "L003"), (b"\x00\x01\x02\xff" * 200, "L002"), (bytes(range(256)) * 40, "L002")],
)
def test_unreadable_input_is_refused_with_the_file_name(data, code):
    with pytest.raises(LoaderError) as err:
        source_from_bytes(data, "broken.txt")
    assert err.value.code == code
    assert "broken.txt" in str(err.value)


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(LoaderError, match="nothere.txt"):
        read_source(tmp_path / "nothere.txt")
