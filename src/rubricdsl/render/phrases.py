"""Expressions and conditions written out as Chinese table text.

`项目预算核定数/项目预算申报额`, `预算调整率绝对值`, `A为0且B为0`: the pieces
the generated criterion wording is made of.  Parentheses are full-width, as in
the official tables, and only written where precedence needs them.
"""

from __future__ import annotations

from rubricdsl import ir
from rubricdsl.render.numfmt import plain, quantity

_ADDITIVE, _MULTIPLICATIVE, _UNARY, _ATOM = 1, 2, 3, 4

_BINARY_SYMBOL = {"+": "＋", "-": "－", "*": "×", "/": "/"}
_BINARY_PRECEDENCE = {"+": _ADDITIVE, "-": _ADDITIVE, "*": _MULTIPLICATIVE, "/": _MULTIPLICATIVE}
_COMPARE_SYMBOL = {"<": "＜", "<=": "≤", ">": "＞", ">=": "≥", "=": "＝", "!=": "≠"}


def expr_text(expr: ir.Expr) -> str:
    return _expr(expr)[0]


def bare(expr: ir.Expr) -> ir.Expr:
    """The expression inside parentheses that clamp nothing: `(a + b)` is `a + b`."""
    while isinstance(expr, ir.Clamped) and not expr.clamps:
        expr = expr.inner
    return expr


def _expr(expr: ir.Expr) -> tuple[str, int]:
    """The text of an expression and the precedence of its outermost operator."""
    expr = bare(expr)
    if isinstance(expr, ir.Const):
        text = quantity(expr.value, expr.unit)
        return text, _UNARY if expr.value < 0 else _ATOM
    if isinstance(expr, ir.InputRef | ir.LetRef):
        return expr.name, _ATOM
    if isinstance(expr, ir.Neg):
        return f"－{_operand(expr.operand, _UNARY + 1)}", _UNARY
    if isinstance(expr, ir.BinOp):
        return _binary(expr), _BINARY_PRECEDENCE[expr.op]
    if isinstance(expr, ir.PerOp):
        text = f"{_operand(expr.points, _MULTIPLICATIVE)}×{_operand(expr.count, _MULTIPLICATIVE + 1)}"
        return text, _MULTIPLICATIVE
    if isinstance(expr, ir.CallOp):
        return _call(expr), _ATOM
    return _clamped(expr), _ATOM


def _operand(expr: ir.Expr, needed: int) -> str:
    """An operand, parenthesised when it binds more loosely than `needed`."""
    text, precedence = _expr(expr)
    return text if precedence >= needed else f"（{text}）"


def _binary(expr: ir.BinOp) -> str:
    level = _BINARY_PRECEDENCE[expr.op]
    # a − (b − c) and a / (b / c) keep their parentheses; a + (b + c) does not need them
    right_needs = level + 1 if expr.op in ("-", "/") else level
    return f"{_operand(expr.left, level)}{_BINARY_SYMBOL[expr.op]}{_operand(expr.right, right_needs)}"


def _call(expr: ir.CallOp) -> str:
    if expr.func == "abs":
        (arg,) = expr.args
        if isinstance(arg, ir.InputRef | ir.LetRef):
            return f"{arg.name}绝对值"
        return f"｜{expr_text(arg)}｜"
    which = "较小值" if expr.func == "min" else "较大值"
    return f"{'与'.join(expr_text(a) for a in expr.args)}中的{which}"


def _clamped(expr: ir.Clamped) -> str:
    limits = "，".join(("最低" if c.kind == "floor" else "最高") + plain(c.bound) for c in expr.clamps)
    return f"（{expr_text(expr.inner)}，{limits}）"


# ---------------------------------------------------------------- conditions


def cond_text(cond: ir.Cond) -> str:
    if isinstance(cond, ir.Compare):
        return _compare(cond)
    if isinstance(cond, ir.Truth):
        return expr_text(cond.expr)
    if isinstance(cond, ir.NotCond):
        if isinstance(cond.operand, ir.Truth):
            return f"{expr_text(cond.operand.expr)}为否"
        return f"不满足“{cond_text(cond.operand)}”"
    joiner = "且" if cond.kind == "and" else "或"
    return f"{_cond_operand(cond.left, cond.kind)}{joiner}{_cond_operand(cond.right, cond.kind)}"


def _cond_operand(cond: ir.Cond, outer: str) -> str:
    text = cond_text(cond)
    # `or` inside `and` must keep its grouping; the reverse reads unambiguously
    needs_group = isinstance(cond, ir.BoolCond) and cond.kind == "or" and outer == "and"
    return f"（{text}）" if needs_group else text


def _compare(cond: ir.Compare) -> str:
    left, right = expr_text(cond.left), expr_text(cond.right)
    if isinstance(cond.right, ir.Const) and cond.op in ("=", "!="):
        return f"{left}{'为' if cond.op == '=' else '不为'}{right}"
    return f"{left}{_COMPARE_SYMBOL[cond.op]}{right}"
