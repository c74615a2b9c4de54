"""No input text makes the loaders raise anything but LoaderError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import LoaderError, extract_source
from loaders.read import source_from_bytes

from .conftest import plan_path

SEED_LINES = [ln for k in ("zhejiang", "anhui", "qingyuan") for ln in plan_path(k).read_text(encoding="utf-8").splitlines() if ln.strip()]
PIECES = st.sampled_from(["(", ")", "、", ",", "牵头", "牵头单位:", "负责", "由", "等", "1.", "一、", "(一)", "专栏一", "附件", "序号", "指  标", "2015年", "\n", "达到", "%", "万个"])


def _extract(data: bytes) -> None:
    try:
        extract_source(source_from_bytes(data, "fuzz.txt"))
    except LoaderError as err:
        assert "fuzz.txt" in str(err)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes(data):
    _extract(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(SEED_LINES), PIECES, st.text(max_size=30)), max_size=40))
def test_shuffled_plan_fragments(parts):
    _extract("".join(parts).encode("utf-8", "surrogatepass"))
