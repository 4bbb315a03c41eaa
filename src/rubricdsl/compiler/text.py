"""IR expressions and numbers as the text people read, for messages and traces.

Numbers written as percents are shown as percents (`0.8` → `80%`), with
exact decimal arithmetic on the text so `0.3 / 0.375` shows as `80%`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Context, Decimal

from rubricdsl import ir

# Display arithmetic must not depend on the caller's decimal context.
CONTEXT = Context(prec=60)

_SYMBOL = {"+": "+", "-": "−", "*": "×", "/": "/"}
_COMPARE = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠"}
_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def plain(number: Decimal) -> str:
    """Decimal text without exponent or trailing zeros: 4.80 → 4.8, 1E+1 → 10."""
    if number.is_zero():
        return "0"
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def number(value: Decimal, unit: ir.LiteralUnit = "plain") -> str:
    """A value in the unit it was written in: 80%, 0.1pp, 3."""
    if unit == "percent":
        return plain(value.scaleb(2, CONTEXT)) + "%"
    if unit == "pp":
        return plain(value.scaleb(2, CONTEXT)) + "pp"
    return plain(value)


def expr(node: ir.Expr, values: Mapping[str, str] | None = None) -> str:
    """The expression as written; with `values`, names are replaced by their values."""
    return _expr(node, 0, values or {})


def _expr(node: ir.Expr, outer: int, values: Mapping[str, str]) -> str:
    if isinstance(node, ir.Const):
        return number(node.value, node.unit)
    if isinstance(node, ir.InputRef | ir.LetRef):
        return values.get(node.name, node.name)
    if isinstance(node, ir.Neg):
        return "−" + _expr(node.operand, 3, values)
    if isinstance(node, ir.CallOp):
        return f"{node.func}({', '.join(_expr(a, 0, values) for a in node.args)})"
    if isinstance(node, ir.Clamped):
        clamps = "".join(f", {c.kind} {plain(c.bound)}" for c in node.clamps)
        return f"({_expr(node.inner, 0, values)}{clamps})"
    if isinstance(node, ir.PerOp):
        text, level = f"{_expr(node.points, 2, values)} × {_expr(node.count, 3, values)}", 2
    else:
        level = _PRECEDENCE[node.op]
        right = _expr(node.right, level + 1, values)  # a − (b − c) keeps its parentheses
        text = f"{_expr(node.left, level, values)} {_SYMBOL[node.op]} {right}"
    return f"({text})" if level < outer else text


_WORDS = {"and": "and", "or": "or", "not": "not "}
_CHINESE_WORDS = {"and": "且", "or": "或", "not": "非"}


def cond(node: ir.Cond, chinese: bool = False) -> str:
    """A condition as written, or with 且/或/非 for and/or/not."""
    return _cond(node, 0, _CHINESE_WORDS if chinese else _WORDS)


def _cond(node: ir.Cond, outer: int, words: Mapping[str, str]) -> str:
    if isinstance(node, ir.Compare):
        return f"{expr(node.left)} {_COMPARE[node.op]} {expr(node.right)}"
    if isinstance(node, ir.Truth):
        return expr(node.expr)
    if isinstance(node, ir.NotCond):
        return words["not"] + _cond(node.operand, 3, words)
    level = 1 if node.kind == "or" else 2
    text = f"{_cond(node.left, level, words)} {words[node.kind]} {_cond(node.right, level + 1, words)}"
    return f"({text})" if level < outer else text


def compare_symbol(op: str) -> str:
    return _COMPARE[op]
