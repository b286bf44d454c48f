"""The fast path counts the upload's line breaks with numpy in chunks (in the writer's thread):
it must say exactly what counting the bytes says, wherever a chunk ends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kpi.load import fast


def _by_bytes(data: bytes, start: int) -> tuple[int, bool] | None:
    cr = data.count(b"\r", start)
    if cr and cr != data.count(b"\r\n", start):
        return None  # a lone CR
    if data.find(b"\x00", start) >= 0:
        return None
    return data.count(b"\n", start), bool(cr)


@given(
    st.binary(max_size=60).map(
        lambda b: b.translate(bytes(b"a\r\n\n\x00b"[i % 6] for i in range(256)))
    ),
    st.integers(0, 60),
    st.integers(1, 9),
)
def test_chunked_counts_equal_counting_the_bytes(data, start, chunk):
    start = min(start, len(data))
    before = fast.COUNT_BYTES
    fast.COUNT_BYTES = chunk  # tiny chunks: line breaks on either side of their ends
    try:
        assert fast._utf8_counts(data, start) == _by_bytes(data, start)
    finally:
        fast.COUNT_BYTES = before


def test_hand_counted_examples():
    assert fast._utf8_counts(b"a,b\r\nc,d\r\n", 0) == (2, True)
    assert fast._utf8_counts(b"a,b\nc,d\n", 4) == (1, False)
    assert fast._utf8_counts(b"a\rb\n", 0) is None  # a lone CR
    assert fast._utf8_counts(b"a\x00b\n", 0) is None
