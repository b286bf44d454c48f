"""The fast path judges the number style on the cells the careful path judges it on
(`text.style_values`: the first records of the first characters), wherever those characters
end: inside a record, on its line break or just after it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import SETTINGS

from kpi.load import fast, text


def _csv(
    titles: int, rows: int, pad: int, newline_every: int, number: str, title: str = "Report"
) -> str:
    lines = [f"{title} {k}\n" for k in range(titles)] + ["id,text,value\n"]
    for i in range(rows):
        cut = "\n" if newline_every and i % newline_every == 3 else ""
        lines.append(f'{i},"{"x" * pad}{cut}","{number}"\n')
    return "".join(lines)


def _judged(sample_text: str, complete: bool, monkeypatch: pytest.MonkeyPatch) -> list[str] | None:
    seen: list[list[str]] = []

    def spy(values: list[str], delimiter: str | None = None) -> object:
        seen.append(list(values))
        return text.detect_number_style(values, delimiter)

    monkeypatch.setattr(fast, "detect_number_style", spy)
    sample = fast._analyse(sample_text, complete)
    return seen[0] if sample is not None else None


def _expected(sample_text: str, complete: bool) -> list[str]:
    if not complete:
        sample_text = sample_text[: sample_text.rfind("\n") + 1]
    return text.style_values(sample_text, ",")


@SETTINGS
@given(
    titles=st.integers(0, 2),
    rows=st.sampled_from([3, 1990, 1997, 1998, 1999, 2000, 2600]),
    pad=st.sampled_from([0, 120, 127, 128, 129, 130, 131, 140]),
    newline_every=st.sampled_from([0, 7, 1000]),
    number=st.sampled_from(["1,5", "1.5", "1.234,5", "12"]),
    complete=st.booleans(),
    cut=st.integers(0, 400),
)
def test_the_style_is_judged_on_the_cells_the_careful_path_judges_it_on(
    titles: int, rows: int, pad: int, newline_every: int, number: str, complete: bool, cut: int
) -> None:
    body = _csv(titles, rows, pad, newline_every, number)
    if not complete:
        body = body[: len(body) - cut]  # the sample's end may fall anywhere
    with pytest.MonkeyPatch.context() as monkeypatch:
        judged = _judged(body, complete, monkeypatch)
    if judged is not None:
        assert judged == _expected(body, complete)


@pytest.mark.parametrize("shift", [-60, -1, 0, 1, 2, 5, 60])
def test_a_last_record_ending_at_the_style_window_edge(
    shift: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 2 000th record (a title, the header, 1 998 rows) ends just before, at or just after
    the STYLE_CHARS-th character, or is cut by it."""

    def last_break(body: str) -> int:
        at = -1
        for _ in range(text.STYLE_ROWS):
            at = body.index("\n", at + 1)
        return at

    first = _csv(1, 2500, 115, 0, "1,5", title="T")
    title = "T" * (1 + text.STYLE_CHARS - 1 + shift - last_break(first))
    body = _csv(1, 2500, 115, 0, "1,5", title=title)
    assert last_break(body) == text.STYLE_CHARS - 1 + shift
    assert _judged(body, True, monkeypatch) == _expected(body, True)
