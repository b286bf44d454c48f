"""A Babel extraction method (named in babel.cfg) that finds every message key the code uses.

Python's own method finds only literal first arguments (`t("data.title")`). This one also
yields the keys of an f-string template (`t(f"grain.{g}")`: every known value declared in
`kpi.i18n.dynamic`, or for an open template every English key it matches; an undeclared
template stops the extraction with the place to declare it),
both keys of a conditional (`t("a" if x else "b")`), and every string literal that is already a
key of the English catalog (`("leads.social_value", …)` later passed to `t(key)`).

A count's message, `tn("data.read_files", n)`, is a plural entry: its key is the `msgid` and
`kpi.i18n.messages.plural_id(key)` the `msgid_plural` (`make messages` passes `-k tn:1,2`)."""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from functools import cache
from typing import IO, Any

from kpi.i18n import dynamic
from kpi.i18n.messages import plural_id

Found = tuple[int, str | None, str | tuple[str, str], list[str]]
PLURAL = "tn"  # the function of a count's message (ngettext)


def template(node: ast.JoinedStr) -> str:
    """An f-string's template, `{}` for each value: f"leads.col.{c}" → "leads.col.{}"."""
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _literal_keys(node: ast.expr) -> list[str]:
    """The keys a literal argument names: a string, or both strings of a conditional."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literal_keys(node.body) + _literal_keys(node.orelse)
    return []


def _template_keys(node: ast.JoinedStr, where: str, known: Collection[str]) -> list[str]:
    """A template's declared keys; for an open one, the known keys it matches."""
    try:
        keys = dynamic.template_keys(template(node))
    except KeyError:
        raise ValueError(
            f"{where}:{node.lineno}: the key {template(node)!r} is built at run time: declare its "
            "values in kpi/i18n/dynamic.py"
        ) from None
    if keys is None:
        prefix = template(node).split("{}")[0]
        return sorted(k for k in known if k.startswith(prefix))
    return keys


def keys_in_source(
    source: str, keywords: Collection[str], known: Collection[str], where: str = "<source>"
) -> Iterator[tuple[int, str]]:
    """Every (line, key) the source uses: arguments of the `keywords` functions, declared
    templates anywhere, and literals that are `known` keys."""
    tree = ast.parse(source)
    in_calls: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node) in keywords and node.args:
            first = node.args[0]
            in_calls.add(id(first))
            if isinstance(first, ast.JoinedStr):
                for key in _template_keys(first, where, known):
                    yield node.lineno, key
            for key in _literal_keys(first):
                yield node.lineno, key
    for node in ast.walk(tree):
        if id(node) in in_calls:
            continue
        if isinstance(node, ast.JoinedStr) and template(node) in dynamic.TEMPLATES:
            for key in _template_keys(node, where, known):
                yield node.lineno, key
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known:
            yield node.lineno, node.value


def plural_keys_in_source(source: str) -> Iterator[tuple[int, str]]:
    """Every (line, key) of a count's message: the literal first arguments of `tn()` calls."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _callee(node) == PLURAL and node.args:
            if isinstance(node.args[0], ast.JoinedStr):
                raise ValueError(f"line {node.lineno}: tn() takes a literal key, not a template")
            for key in _literal_keys(node.args[0]):
                yield node.lineno, key


@cache
def english_keys() -> frozenset[str]:
    """The keys of the English `.po` (the source, which may be newer than its `.mo`)."""
    from kpi.i18n.migrate import read_catalog

    return frozenset(m.id for m in read_catalog("en") if m.id and isinstance(m.id, str))


def extract_keys(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Found]:
    """Babel's extraction interface: (line, function, message, comments) for each key."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    where = getattr(fileobj, "name", "<source>")
    singular = set(keywords) - {PLURAL}
    for line, key in keys_in_source(source, singular, english_keys(), where):
        yield line, None, key, []
    for line, key in plural_keys_in_source(source):
        yield line, PLURAL, (key, plural_id(key)), []
