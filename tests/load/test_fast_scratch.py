"""Where the fast path's temporary copy of an upload goes, and that it never stays behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kpi.load import fast, load_file
from tests.conftest import use_settings

DATA = b"Date,Post,Clicks\n" + b"".join(
    f"2024-01-{1 + i % 28:02d},post {i},{i}\n".encode() for i in range(200)
)


@pytest.fixture
def shm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in memory file system and a separate configured temp folder."""
    folder = tmp_path / "shm"
    folder.mkdir()
    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setattr(fast, "SHM_DIR", str(folder))
    use_settings(monkeypatch, temp_dir=str(spill))
    return folder


def test_the_copy_goes_to_the_memory_file_system_when_it_has_room(shm: Path) -> None:
    assert fast.scratch_dir(len(DATA)) == str(shm)


def test_the_copy_goes_to_the_temp_folder_when_the_memory_file_system_is_short(
    shm: Path,
) -> None:
    free = os.statvfs(shm)
    too_big = free.f_bavail * free.f_frsize  # twice this never fits
    assert fast.scratch_dir(too_big) == str(shm.parent / "spill")


def test_the_copy_goes_to_the_temp_folder_without_a_memory_file_system(
    shm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast, "SHM_DIR", str(shm / "missing"))
    assert fast.scratch_dir(10) == str(shm.parent / "spill")


def test_the_copy_is_read_from_there_and_removed(
    shm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    read_csv = fast._read_csv

    def spy(con, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(path)
        assert Path(path).read_bytes() == DATA.split(b"\n", 1)[1]  # the data lines, whole
        return read_csv(con, path, *args, **kwargs)

    monkeypatch.setattr(fast, "_read_csv", spy)
    result = load_file("posts.csv", DATA)
    assert result.tables[0].report.rows_loaded == 200
    assert seen and all(Path(p).parent == shm for p in seen)
    assert list(shm.iterdir()) == []


# Past the sample Python decides from: only the count of the written bytes sees these.
LONG = DATA + b"".join(b"2024-01-01,post,%d\n" % i for i in range(fast.SAMPLE_BYTES // 20))


@pytest.mark.parametrize(
    "data",
    [
        LONG + b"2024-02-01,lone\rcr,1\n",
        LONG + b"2024-02-01,nul\x00,1\n",
        (LONG + b"2024-02-01,nul\x00,1\n").decode().encode("utf-16"),  # transcoded
    ],
)
def test_a_copy_the_fast_path_gives_up_on_is_removed(
    shm: Path, data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kpi.load

    tried: list[bool] = []
    fast_path = kpi.load.load_text_fast

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        tables = fast_path(*args, **kwargs)
        tried.append(tables is None)
        return tables

    monkeypatch.setattr(kpi.load, "load_text_fast", spy)
    result = load_file("posts.csv", data)
    assert tried == [True]  # the fast path gave up: the careful path read the file
    assert result.tables and result.tables[0].source is None
    assert list(shm.iterdir()) == []  # and its copy is gone


def test_utf16_is_transcoded_into_the_copy(shm: Path) -> None:
    text = DATA.decode().replace("post 1,", "café 1,")
    quick = load_file("posts.csv", text.encode("utf-16"))
    with fast.disabled():
        careful = load_file("posts.csv", text.encode("utf-16"))
    assert quick.tables[0].data.to_pylist() == careful.tables[0].data.to_pylist()
    assert list(shm.iterdir()) == []
