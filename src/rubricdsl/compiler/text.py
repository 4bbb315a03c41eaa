"""IR expressions and numbers as the text people read, for messages and traces.

Numbers written as percents are shown as percents (`0.8` → `80%`), with
exact decimal arithmetic on the text so `0.3 / 0.375` shows as `80%`.
Messages quote expressions as written (`abs(预算调整率)`); the traces in
score reports read them in Chinese (`预算调整率绝对值`, `扣完为止`, `−30`),
in the words the generated 评价标准 use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Context, Decimal

from rubricdsl import ir

# Display arithmetic must not depend on the caller's decimal context.
CONTEXT = Context(prec=60)
MINUS = "−"  # U+2212, the minus of printed tables; `-` is a hyphen

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


def signed(number: Decimal) -> str:
    """`plain` with the printed minus sign: −30, not -30."""
    text = plain(number)
    return MINUS + text[1:] if text.startswith("-") else text


def number(value: Decimal, unit: ir.LiteralUnit = "plain") -> str:
    """A value in the unit it was written in: 80%, 0.1pp, 3."""
    if unit == "percent":
        return plain(value.scaleb(2, CONTEXT)) + "%"
    if unit == "pp":
        return plain(value.scaleb(2, CONTEXT)) + "pp"
    return plain(value)


def chinese_number(value: Decimal, unit: ir.LiteralUnit = "plain") -> str:
    """A value as the tables print it: 80%, 0.1个百分点, −3."""
    if unit == "plain":
        return signed(value)
    shown = signed(value.scaleb(2, CONTEXT))
    return shown + ("%" if unit == "percent" else "个百分点")


# ---------------------------------------------------------------- expressions


@dataclass(frozen=True, slots=True)
class _Style:
    chinese: bool
    values: Mapping[str, str]

    def group(self, text: str) -> str:
        return f"（{text}）" if self.chinese else f"({text})"

    def join(self, left: str, symbol: str, right: str) -> str:
        """`a − b`; a full-width parenthesis brings its own space: `（a，扣完为止）+ b`."""
        if not self.chinese:
            return f"{left} {symbol} {right}"
        before = "" if left.endswith("）") else " "
        after = "" if right.startswith("（") else " "
        return f"{left}{before}{symbol}{after}{right}"


def expr(node: ir.Expr, values: Mapping[str, str] | None = None, *, chinese: bool = False) -> str:
    """The expression as written; with `values`, names are replaced by their values.

    `chinese` reads functions and clamps in words and groups in full-width
    parentheses: `（4 − 1 × 问题数，扣完为止）`, `预算调整率绝对值`.
    """
    return _expr(node, 0, _Style(chinese, values or {}))


def _expr(node: ir.Expr, outer: int, style: _Style) -> str:
    if isinstance(node, ir.Const):
        return chinese_number(node.value, node.unit) if style.chinese else number(node.value, node.unit)
    if isinstance(node, ir.InputRef | ir.LetRef):
        return style.values.get(node.name, node.name)
    if isinstance(node, ir.Neg):
        return "−" + _expr(node.operand, 3, style)
    if isinstance(node, ir.CallOp):
        return _chinese_call(node, style) if style.chinese else _call(node, style)
    if isinstance(node, ir.Clamped):
        return _clamped(node, style)
    if isinstance(node, ir.PerOp):
        text, level = style.join(_expr(node.points, 2, style), "×", _expr(node.count, 3, style)), 2
    else:
        level = _PRECEDENCE[node.op]
        right = _expr(node.right, level + 1, style)  # a − (b − c) keeps its parentheses
        text = style.join(_expr(node.left, level, style), _SYMBOL[node.op], right)
    return style.group(text) if level < outer else text


def _call(node: ir.CallOp, style: _Style) -> str:
    return f"{node.func}({', '.join(_expr(a, 0, style) for a in node.args)})"


def _chinese_call(node: ir.CallOp, style: _Style) -> str:
    """预算调整率绝对值, ｜a − b｜, a与b中的较小值 — as the generated 评价标准 say it."""
    if node.func == "abs":
        (arg,) = node.args
        if isinstance(arg, ir.InputRef | ir.LetRef) and arg.name not in style.values:
            return f"{arg.name}绝对值"
        return f"｜{_expr(arg, 0, style)}｜"
    which = "较小值" if node.func == "min" else "较大值"
    return f"{'与'.join(_expr(a, 3, style) for a in node.args)}中的{which}"


def _clamped(node: ir.Clamped, style: _Style) -> str:
    inner = _expr(node.inner, 0, style)
    if not style.chinese:
        return f"({inner}{''.join(f', {c.kind} {plain(c.bound)}' for c in node.clamps)})"
    return style.group("，".join([inner, *(clamp_phrase(c.kind, c.bound) for c in node.clamps)]))


def clamp_phrase(kind: str, bound: Decimal, outer: bool = False) -> str:
    """A clamp in the generated 评价标准's words: 扣完为止, 最低1分, 最高不超过4分 (总分… outside)."""
    if kind == "floor":
        return "扣完为止" if bound.is_zero() else f"最低{plain(bound)}分"
    return f"{'总分' if outer else '最高'}不超过{plain(bound)}分"


# ---------------------------------------------------------------- conditions

_WORDS = {"and": "and", "or": "or", "not": "not "}
_CHINESE_WORDS = {"and": "且", "or": "或", "not": "非"}


def cond(node: ir.Cond, chinese: bool = False) -> str:
    """A condition as written, or in Chinese: 且/或, `X为否`, `不满足“…”`."""
    if chinese:
        return _chinese_cond(node, 0)
    return _cond(node, 0, _WORDS)


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


def _chinese_cond(node: ir.Cond, outer: int) -> str:
    if isinstance(node, ir.Compare):
        left, right = expr(node.left, chinese=True), expr(node.right, chinese=True)
        return f"{left} {_COMPARE[node.op]} {right}"
    if isinstance(node, ir.Truth):
        return expr(node.expr, chinese=True)
    if isinstance(node, ir.NotCond):
        if isinstance(node.operand, ir.Truth):
            return f"{expr(node.operand.expr, chinese=True)}为否"
        return f"不满足“{_chinese_cond(node.operand, 0)}”"
    level = 1 if node.kind == "or" else 2
    joiner = _CHINESE_WORDS[node.kind]
    text = f"{_chinese_cond(node.left, level)} {joiner} {_chinese_cond(node.right, level + 1)}"
    return f"（{text}）" if level < outer else text


def compare_symbol(op: str) -> str:
    return _COMPARE[op]
