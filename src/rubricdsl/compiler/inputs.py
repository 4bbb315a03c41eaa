"""Reading one input of a record: inline fast paths, then the prelude's full check.

The common cases — an int, a float or a plain numeral text within the
input's bounds, `True`/`False` or 是/否 for yes/no — are converted inline;
anything else goes to the prelude's `_count`/`_number`/`_yesno`, which
converts what it can and raises the located error otherwise.  The fast paths
never accept a value the slow path would reject, nor change its value.
"""

from __future__ import annotations

from decimal import Decimal

from rubricdsl import ir
from rubricdsl.compiler.emit import Block, Tables, literal


def read_input(index: int, spec: ir.Input, tables: Tables, block: Block) -> None:
    """Statements leaving input `index` of the record in `_in_<index>`."""
    var = f"_in_{index}"
    block.line(f"_v = _get({literal(spec.name)})")
    block.line("_t = type(_v)")
    if spec.type == "yesno":
        block.line("if _t is bool:")
        block.line(f"    {var} = _v")
        block.line("elif _t is str and (_w := _YES_OR_NO(_v)) is not None:")
        block.line(f"    {var} = _w")
        block.line("else:")
        block.line(f"    {var} = _yesno(_v, {index})")
        return
    keyword = "if"
    for cond, value in _fast_paths(spec, tables):
        block.line(f"{keyword} {cond}:")
        block.line(f"    {var} = {value}")
        keyword = "elif"
    slow = "_count" if spec.type == "count" else "_number"
    block.line("else:")
    block.line(f"    {var} = {slow}(_v, {index})")


def _fast_paths(spec: ir.Input, tables: Tables) -> list[tuple[str, str]]:
    bounded = spec.minimum is not None or spec.maximum is not None
    paths = [("_t is int" + (f" and {_range(spec, tables, '_v')}" if bounded else ""), "_D(_v)")]
    floats = _float_range(spec, tables)
    if floats is not None:
        whole = " and _v.is_integer()" if spec.type == "count" else ""
        paths.append((f"_t is float and {floats}{whole}", "_D(repr(_v))"))  # the shortest text
    # Unsigned ASCII digits, with one point unless a count: a subset of what the full check reads.
    digits = "_v.isdigit()" if spec.type == "count" else "_v.replace('.', '', 1).isdigit()"
    text = f"_t is str and _v.isascii() and {digits}"
    from_zero = spec.maximum is None and spec.minimum == 0 and spec.minimum_closed
    if bounded and not from_zero:
        paths.append((f"{text} and {_range(spec, tables, '(_d := _D(_v))')}", "_d"))
    else:
        paths.append((text, "_D(_v)"))  # unsigned text is ≥ 0
    return paths


def _range(spec: ir.Input, tables: Tables, value: str) -> str:
    """`low <= value < high` against Decimal constants (exact for int and Decimal)."""
    low = "" if spec.minimum is None else f"{tables.const(spec.minimum)} {_op(spec.minimum_closed)} "
    high = "" if spec.maximum is None else f" {_op(spec.maximum_closed)} {tables.const(spec.maximum)}"
    return f"{low}{value}{high}"


def _float_range(spec: ir.Input, tables: Tables) -> str | None:
    """The same test on a float, or None when a bound is not exactly a float.

    A float lies beyond a bound exactly when its shortest text does, if the
    bound itself is a float; NaN fails every comparison and ±inf the open ends.
    """
    bounds = [b for b in (spec.minimum, spec.maximum) if b is not None]
    if any(Decimal(float(b)) != b for b in bounds):
        return None
    low, high = "-_INF <", "< _INF"
    if spec.minimum is not None:
        low = f"{tables.float_const(spec.minimum)} {_op(spec.minimum_closed)}"
    if spec.maximum is not None:
        high = f"{_op(spec.maximum_closed)} {tables.float_const(spec.maximum)}"
    return f"{low} _v {high}"


def _op(closed: bool) -> str:
    return "<=" if closed else "<"
