"""What is computed once per version of a session's data: engine results keyed on the frozen
request, the fields each dataset fills, row counts, the rollups. A page rerun that changes
nothing (a widget elsewhere, a theme switch) then asks the database nothing.

The memo is found from the connection the engine is given (`memo_of(con)`), so every caller
of `run(con, request)` shares it without passing it around; only a connection a session
attached has one (a bare connection in a test or a script is never cached). The session bumps
the version whenever its data changes (a file added or removed, a mapping, a workspace)."""

from __future__ import annotations

import dataclasses
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from kpi.model import Kpi

T = TypeVar("T")
# Results are small (KPI values per period); a session's pages ask a few dozen distinct ones.
MAX_ENTRIES = 256


@dataclass
class DataMemo:
    """One session's values computed on the current version of its data."""

    version: int = 0
    _values: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def bump(self) -> None:
        """The data changed: forget everything computed on the old version."""
        with self._guard:
            self.version += 1
            self._values.clear()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for `key` on this version, computed once (least recently used dropped)."""
        with self._guard:
            version = self.version
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        with self._guard:
            if self.version == version:  # not stored when the data changed meanwhile
                self._values[key] = value
                while len(self._values) > MAX_ENTRIES:
                    self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)


_MEMOS: weakref.WeakKeyDictionary[object, DataMemo] = weakref.WeakKeyDictionary()


def attach(con: object, memo: DataMemo) -> None:
    """Give a connection its session's memo (forgotten with the connection object)."""
    _MEMOS[con] = memo


def memo_of(con: object) -> DataMemo | None:
    """The memo a session attached to this connection, or None."""
    try:
        return _MEMOS.get(con)
    except TypeError:  # an object that cannot be weakly referenced was never attached
        return None


def cached(con: object, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per data version of the connection's session; every time without one."""
    memo = memo_of(con)
    return compute() if memo is None else memo.get(key, compute)


def freeze(value: object) -> Hashable:
    """A hashable, order-independent image of a request (dicts, lists, dataclasses inside)."""
    if isinstance(value, Kpi):
        # A KPI is declared once and never changed: its image is made once and kept on it (a
        # request's queries look their KPIs up several times each); not a field, so equality,
        # `replace` and `asdict` ignore it.
        image = value.__dict__.get("_frozen_image")
        if image is None:
            image = _fields_image(value)
            object.__setattr__(value, "_frozen_image", image)
        return image
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields_image(value)
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return tuple(sorted(repr(freeze(v)) for v in value))
    return value  # type: ignore[return-value]


def _fields_image(value: Any) -> Hashable:
    """A dataclass instance's image: its type's name and each field's image."""
    fields = ((f.name, freeze(getattr(value, f.name))) for f in dataclasses.fields(value))
    return (type(value).__name__, *fields)
