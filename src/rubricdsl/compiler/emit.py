"""Building blocks of generated source: indented blocks, leaf cells and module-level tables.

Safety rule for everything the compiler writes: identifiers are made here
from counters (`_k_3`, `_in_2`, `_let_1`, `_c_0`), never from rubric text;
rubric text and numbers reach the source only through `literal()` (a `repr`
of a `str`) or `Decimal` constants built from such a literal.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from rubricdsl.errors import InternalError

INDENT = "    "
T = TypeVar("T")


def literal(text: str) -> str:
    """A Python string literal holding `text` exactly."""
    if not isinstance(text, str):
        raise InternalError(f"only text may become a string literal, got {type(text).__name__}")
    return repr(text)


def literal_or_none(text: str | None) -> str:
    return "None" if text is None else literal(text)


class Block:
    """Lines at one indentation level, and the `let`s already computed on this path."""

    def __init__(self, indent: int, computed: dict[str, str] | None = None) -> None:
        self.indent = indent
        self.margin = INDENT * indent
        self.lines: list[str] = []
        self.computed = dict(computed or {})  # let name → the variable holding it

    def line(self, text: str) -> None:
        self.lines.append(self.margin + text)

    def child(self) -> Block:
        """A nested block: it sees this path's lets, and its own do not leak back."""
        return Block(self.indent + 1, self.computed)

    def nest(self, header: str, body: Block) -> None:
        self.line(header)
        self.lines.extend(body.lines or [body.margin + "pass"])


class Cells:
    """What one leaf function holds that another of the same shape would not.

    Written a first time, a leaf holds each constant, message site and `let`
    name in a parameter `_c_0`, `_c_1`, …, so leaves that differ only in those
    values have the same body: one shape.  A shape's function keeps as
    parameters only the cells whose values differ among its leaves, with the
    first leaf's values as defaults; the other leaves are copies of it.
    """

    def __init__(self) -> None:
        self._names: dict[tuple[str, str], str] = {}  # (kind, value's source text) → parameter

    def __call__(self, value: str, kind: str) -> str:
        """The parameter holding `value`, a constant, let name or site (of which table: `kind`)."""
        name = self._names.get((kind, value))
        if name is None:
            name = self._names[kind, value] = f"_c_{len(self._names)}"
        return name

    @property
    def names(self) -> list[str]:
        return list(self._names.values())

    def varying(self, others: Iterable[Cells]) -> dict[tuple[str, str], str]:
        """The cells whose value another leaf of this shape (same cells, in order) does not share."""
        keys = list(self._names)
        differ = {
            key for other in others for key, theirs in zip(keys, other._names, strict=True) if key != theirs
        }
        return {key: name for key, name in self._names.items() if key in differ}

    def values(self, names: Iterable[str]) -> list[str]:
        """The values in the named cells."""
        held = {name: value for (_kind, value), name in self._names.items()}
        return [held[name] for name in names]


def unbound(value: str, kind: str) -> str:
    """Outside a leaf, code uses values as they are."""
    return value


class Tables:
    """Module-level constants and message tables, filled while leaves are written."""

    def __init__(self) -> None:
        self._constants: dict[str, str] = {}  # a constant's text (it tells -0 from 0) → its name
        self._floats: set[str] = set()
        self.divisions: _Table[tuple[str, str, tuple[int, ...]]] = _Table()
        self.bands: _Table[tuple[str, str]] = _Table()
        self.constraints: list[tuple[int, str, tuple[int, ...]]] = []

    def const(self, value: Decimal) -> str:
        """The name of a module constant equal to `value`, written exactly."""
        text = str(value)
        name = self._constants.get(text)
        if name is None:
            if not value.is_finite() or Decimal(text) != value:
                raise InternalError(f"constant {value!r} does not survive its text")
            name = self._constants[text] = f"_k_{len(self._constants)}"
        return name

    def float_const(self, value: Decimal) -> str:
        """A module constant holding `value` as a float (only for exact float values)."""
        name = self.const(value)
        self._floats.add(name)
        return f"_f{name}"

    def constant_count(self) -> int:
        return len(self._constants)

    def division(self, indicator: str, divisor: str, inputs: tuple[int, ...]) -> int:
        return self.divisions.index_of((indicator, divisor, inputs))

    def band_site(self, indicator: str, metric: str) -> int:
        return self.bands.index_of((indicator, metric))

    def constraint(self, index: int, text: str, inputs: tuple[int, ...]) -> int:
        self.constraints.append((index, text, inputs))
        return len(self.constraints) - 1

    def constant_lines(self, start: int = 0) -> Iterable[str]:
        """Definitions of the constants, from the `start`-th on."""
        for text, name in itertools.islice(self._constants.items(), start, None):
            yield f"{name} = _D({literal(text)})"
            if name in self._floats:
                yield f"_f{name} = float({name})"

    def table_lines(self) -> Iterable[str]:
        yield f"_DIVISIONS = {table(self.divisions)}"
        yield f"_BANDS = {table(self.bands)}"
        yield f"_CONSTRAINTS = {table(self.constraints)}"


def table(rows: Iterable[object]) -> str:
    """A table of text, numbers and flags as one JSON text literal, read when the module runs.

    One string compiles in no time where a tuple of thousands of tuples does not.
    """
    return f"_table({literal(json.dumps(list(rows), ensure_ascii=False))})"


class _Table(list[T]):
    """A message table: each distinct entry once, found by value in constant time."""

    def __init__(self) -> None:
        super().__init__()
        self.positions: dict[T, int] = {}

    def index_of(self, entry: T) -> int:
        if entry not in self.positions:
            self.positions[entry] = len(self)
            self.append(entry)
        return self.positions[entry]
