"""The canonical spelling of names, texts, numbers, expressions and conditions.

Operators take their Unicode spelling (≤ ≥ ≠ → − × ±), punctuation its ASCII
one.  Numbers keep the digits they were written with.  Parentheses are
printed only where the source had them: the AST keeps them as `Group` nodes,
so printing without adding any reproduces the same tree.
"""

from __future__ import annotations

import re
import unicodedata

from rubricdsl import nodes as n

# The grammar's NAME terminal; a test keeps the two in step.
NAME_RE = re.compile(r"[A-Za-z_]\w*|(?:[^\W\d_A-Za-z]|“)(?:[\w“”《》·]|（[^（）\s]*）)*")

# Words the lexer may read as something other than a name.
_GRAMMAR_WORDS = """
    above and below by cap checklist criterion each effective else example expect
    explain floor from given grade grades inputs issuer judged let levels not or
    otherwise per percent pp rounding rubric score steps total version when
"""
# Whole words that higher-priority tokens take: functions, types, rounding modes, policies.
_TOKEN_WORDS = "abs min max count amount number yesno 是否 ceiling up down started whole"
KEYWORDS = frozenset(_GRAMMAR_WORDS.split() + _TOKEN_WORDS.split())

COMPARE = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠"}
_BINARY = {"+": "+", "-": "−", "*": "×", "/": "/"}
_NAME_ESCAPES = {"\\": "\\\\", "`": "\\`", "\n": "\\n", "\t": "\\t"}
_TEXT_ESCAPES = {"\\": "\\\\", '"': '\\"'}


def display_width(text: str) -> int:
    """Terminal columns: Chinese characters and full-width forms take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def name(text: str) -> str:
    """A name bare when the lexer reads it back as the same name, else in backticks."""
    if NAME_RE.fullmatch(text) and text not in KEYWORDS:
        return text
    return "`" + "".join(_NAME_ESCAPES.get(ch, ch) for ch in text) + "`"


def quoted(text: n.Text) -> str:
    """A text in double quotes; real line breaks stay as they are."""
    return '"' + "".join(_TEXT_ESCAPES.get(ch, ch) for ch in text.value) + '"'


def number(num: n.Num) -> str:
    digits = "−" + num.text[1:] if num.text.startswith("-") else num.text
    suffix = {"plain": "", "percent": "%", "pp": "pp"}[num.kind]
    return digits + suffix


def expr(node: n.Expr) -> str:
    match node:
        case n.Num():
            return number(node)
        case n.Ref():
            return name(node.name)
        case n.Negate():
            return "−" + expr(node.operand)
        case n.Binary():
            return f"{expr(node.left)} {_BINARY[node.op]} {expr(node.right)}"
        case n.Per():
            return f"{expr(node.points)} per {expr(node.count)}"
        case n.Call():
            return f"{node.func}({', '.join(expr(arg) for arg in node.args)})"
        case n.Group():
            return f"({expr(node.inner)}{clamps(node.clamps)})"


def clamps(items: tuple[n.Clamp, ...]) -> str:
    return "".join(f", {clamp.kind} {number(clamp.bound)}" for clamp in items)


def cond(node: n.Cond) -> str:
    # Conditions have no parentheses in the language: the tree the parser
    # built reads back the same when printed left to right.
    match node:
        case n.Compare():
            return f"{expr(node.left)} {COMPARE[node.op]} {expr(node.right)}"
        case n.Truth():
            return expr(node.expr)
        case n.Not():
            return "not " + cond(node.operand)
        case n.BoolOp():
            return f"{cond(node.left)} {node.op} {cond(node.right)}"


def value(item: n.Value) -> str:
    """A value in an example: a number or a word such as 是 or 优."""
    if item.number is not None:
        return number(item.number)
    return name(item.word or "")
