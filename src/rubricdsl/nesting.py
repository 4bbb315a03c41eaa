"""A limit on nesting, checked before any recursive pass runs.

The checker, the lowering, the compiler and the renderers walk the tree
recursively, and the generated scorer nests expressions in parentheses, which
Python's own parser limits.  No real rubric comes near these limits; a file
that does (an expression of hundreds of terms, indicators hundreds deep) gets
one located error instead of a crash deep inside a pass.
"""

from __future__ import annotations

import functools
from dataclasses import fields, is_dataclass

from rubricdsl import codes
from rubricdsl import nodes as n
from rubricdsl.diagnostics import Diagnostic
from rubricdsl.source import Source, Span

MAX_INDICATOR_DEPTH = 32
MAX_EXPRESSION_DEPTH = 64

_EXPRESSIONS = (n.Num, n.Ref, n.Negate, n.Binary, n.Per, n.Call, n.Group)


def nesting_diagnostic(file: n.RubricFile, source: Source) -> Diagnostic | None:
    """The first place nested past a limit, or None."""
    # Each entry: a node, the indicators above it, and the outermost expression
    # it is part of (reported whole) with the expression levels above it.
    stack: list[tuple[object, int, Span | None, int]] = [(file, 0, None, 0)]
    while stack:
        node, indicators, outermost, expressions = stack.pop()
        if isinstance(node, n.Indicator):
            indicators += 1
            if indicators > MAX_INDICATOR_DEPTH:
                return _too_deep(node.name.span, source, "indicators", MAX_INDICATOR_DEPTH, _FLATTER_TREE)
        elif isinstance(node, _EXPRESSIONS):
            outermost = outermost or node.span
            expressions += 1
            if expressions > MAX_EXPRESSION_DEPTH:
                return _too_deep(outermost, source, "an expression", MAX_EXPRESSION_DEPTH, _SHORTER_FORMULA)
        stack.extend((child, indicators, outermost, expressions) for child in _children(node))
    return None


_FLATTER_TREE = "group the indicators in fewer levels"
_SHORTER_FORMULA = "split the formula into a few `let` definitions"


# Fields that never hold a node worth walking into: positions and texts.
_LEAF_TYPES = (Span, n.Num, n.Ref, n.Ident, n.Text, n.Comment, str, bool, int)


@functools.cache
def _node_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.name != "span")


def _children(node: object) -> list[object]:
    if isinstance(node, _LEAF_TYPES) or not is_dataclass(node):
        return []
    found: list[object] = []
    for name in _node_fields(type(node)):  # type: ignore[arg-type]  # a dataclass instance's type
        value = getattr(node, name)
        if isinstance(value, tuple):
            found.extend(item for item in value if not isinstance(item, _LEAF_TYPES))
        elif value is not None and not isinstance(value, _LEAF_TYPES):
            found.append(value)
    return found


def _too_deep(span: Span, source: Source, what: str, limit: int, hint: str) -> Diagnostic:
    return codes.make("E090", f"{what} nested more than {limit} levels deep", span, source, hint=hint)
