"""Giving freed memory back to the system. Three allocators keep what the process freed for
reuse, so a server that replaces files stays near its peak unless told otherwise:

- DuckDB's own jemalloc (statically linked on Linux) keeps a dropped table's pages as "dirty"
  until a later allocation decays them; no SQL setting purges them on demand
  (`allocator_flush_threshold` and `allocator_bulk_deallocation_flush_threshold` were measured
  not to after a `DROP TABLE`), so its exported `mallctl` is asked to purge every arena.
- glibc malloc gives every thread that allocates (DuckDB's workers, a fresh pair per loader
  database) an arena of its own, up to eight per core, and after a large block is freed it
  serves blocks of that size (a file's worth, ~20 MiB) from an arena instead of mapping them,
  where they stay; so the arenas are capped and the mapping threshold fixed (`tune_malloc`).
- pyarrow's pool (mimalloc) is asked to release what it no longer uses.

Everything here is best effort: on another platform or build a step that cannot run is skipped.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
from pathlib import Path

import pyarrow

# glibc's mallopt parameters (malloc.h): the most arenas malloc creates, and the size from which
# a block gets a mapping of its own (returned to the system when freed).
_M_ARENA_MAX = -8
_M_MMAP_THRESHOLD = -3
# jemalloc's "every arena" index (MALLCTL_ARENAS_ALL) in `arena.<i>.purge`.
_ALL_ARENAS = 4096
# Two arenas: the main thread's and one shared by the worker threads. Measured at 100 000 rows,
# 6 uploads in a row (DuckDB purged): the default (16 on 2 cores) ended +14 % over the first
# round, 2 arenas +4 %.
ARENAS = 2
# Blocks from 4 MiB up are mapped, whatever was freed before (glibc's threshold otherwise rises
# with every large block freed, up to 32 MiB). Without it, one run in two kept a 20 MiB block in
# an arena for a few rounds (+6 % of the first round's memory at 100 000 rows).
MMAP_THRESHOLD = 4 * 1024**2


@functools.cache
def _libc() -> ctypes.CDLL | None:
    with contextlib.suppress(OSError):
        return ctypes.CDLL("libc.so.6")
    return None  # not glibc (macOS, musl): its allocator is left as it is


@functools.cache
def _duckdb_mallctl() -> object | None:
    """DuckDB's jemalloc control function, or None where DuckDB was built without jemalloc."""
    try:
        import _duckdb

        library = ctypes.CDLL(str(Path(_duckdb.__file__)))
        mallctl = library.duckdb_je_mallctl
    except (ImportError, OSError, AttributeError, TypeError):
        return None
    # int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
    mallctl.restype = ctypes.c_int
    mallctl.argtypes = [ctypes.c_char_p, *[ctypes.c_void_p] * 3, ctypes.c_size_t]
    return mallctl


def tune_malloc(arenas: int = ARENAS, mmap_threshold: int = MMAP_THRESHOLD) -> bool:
    """Cap the arenas glibc malloc creates from now on and fix the size from which blocks are
    mapped (call it early, before the threads that allocate start); True when both were set."""
    libc = _libc()
    if libc is None:
        return False
    capped = libc.mallopt(_M_ARENA_MAX, arenas) == 1
    return libc.mallopt(_M_MMAP_THRESHOLD, mmap_threshold) == 1 and capped


def purge_duckdb() -> bool:
    """Return the pages DuckDB's allocator holds for freed memory (dropped tables, finished
    queries, closed databases) to the system; True when it did."""
    mallctl = _duckdb_mallctl()
    if mallctl is None:
        return False
    name = f"arena.{_ALL_ARENAS}.purge".encode()
    return mallctl(name, None, None, None, 0) == 0


def duckdb_resident_bytes() -> int | None:
    """The bytes DuckDB's allocator keeps resident (its own figure), or None without jemalloc."""
    mallctl = _duckdb_mallctl()
    if mallctl is None:
        return None
    epoch, value = ctypes.c_uint64(1), ctypes.c_size_t(0)
    size = ctypes.c_size_t(ctypes.sizeof(value))
    at = ctypes.addressof
    # jemalloc's statistics are a snapshot, refreshed by writing to "epoch".
    mallctl(b"epoch", None, None, at(epoch), ctypes.sizeof(epoch))
    if mallctl(b"stats.resident", at(value), at(size), None, 0) != 0:
        return None
    return value.value


def return_freed_memory() -> None:
    """Hand the memory the process has freed back to the system: Python's cycles collected,
    then Arrow's pool, DuckDB's allocator and glibc's heap trimmed."""
    gc.collect()  # a session's objects hold cycles (closures, Streamlit state)
    pyarrow.default_memory_pool().release_unused()
    purge_duckdb()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
