"""The abstract syntax tree: what a rubric file says, with a span on every node.

The builder makes these while parsing; nothing downstream sees Lark.
Nodes are frozen so that passes can share them freely.  Numbers are kept as
`Decimal` together with the text they were written as, so the formatter can
reproduce them and diagnostics can quote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, TypeAlias

from rubricdsl.source import Span

# ---------------------------------------------------------------- expressions

NumberKind = Literal["plain", "percent", "pp"]


@dataclass(frozen=True, slots=True)
class Num:
    """A literal: `3`, `80%` (value 0.8) or `0.1pp` (value 0.001)."""

    value: Decimal
    kind: NumberKind
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Ref:
    """A use of an input or a `let` name."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Expr
    span: Span


BinaryOp = Literal["+", "-", "*", "/"]


@dataclass(frozen=True, slots=True)
class Binary:
    op: BinaryOp
    left: Expr
    right: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Per:
    """`0.5 per 不符合项数`: points times a count, kept apart for wording."""

    points: Expr
    count: Expr
    span: Span


FuncName = Literal["abs", "min", "max"]


@dataclass(frozen=True, slots=True)
class Call:
    func: FuncName
    args: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Clamp:
    """`floor 0` or `cap 4` as written after a rule or inside parentheses."""

    kind: Literal["floor", "cap"]
    bound: Num
    span: Span


@dataclass(frozen=True, slots=True)
class Group:
    """`( expr , floor 0 )`: parentheses, optionally clamping what they hold."""

    inner: Expr
    clamps: tuple[Clamp, ...]
    span: Span


Expr: TypeAlias = Num | Ref | Negate | Binary | Per | Call | Group

# ---------------------------------------------------------------- conditions

CompareOp = Literal["<", "<=", ">", ">=", "=", "!="]


@dataclass(frozen=True, slots=True)
class Compare:
    op: CompareOp
    left: Expr
    right: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Truth:
    """A yes/no input used as a condition: `when 有内部财务管理制度: …`."""

    expr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Not:
    operand: Cond
    span: Span


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: Literal["and", "or"]
    left: Cond
    right: Cond
    span: Span


Cond: TypeAlias = Compare | Truth | Not | BoolOp

# ---------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Bound:
    value: Num
    closed: bool


@dataclass(frozen=True, slots=True)
class Band:
    """A span of the metric and the points it earns.

    `≥ 80%` is `lower=80% closed, upper=None`; `= 0` is both bounds closed at
    0; `otherwise` has `otherwise=True` and no bounds.
    """

    lower: Bound | None
    upper: Bound | None
    points: Num
    otherwise: bool
    span: Span


StepPolicy = Literal["started", "whole", "pro-rata"]
StepDirection = Literal["above", "below", "both"]


@dataclass(frozen=True, slots=True)
class Step:
    """`each whole +5% → −2`: points per step beyond the anchor band."""

    size: Num
    direction: StepDirection | None  # None: to be inferred from the anchor
    policy: StepPolicy | None  # None: the rubric's `steps` default
    delta: Num
    span: Span
    signed: bool = False  # written `+5%`/`−5%` rather than `5% above`/`5% below`


@dataclass(frozen=True, slots=True)
class Formula:
    expr: Expr
    clamps: tuple[Clamp, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Bands:
    metric: Expr
    clauses: tuple[Band | Step, ...]
    clamps: tuple[Clamp, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class CheckItem:
    name: Ref
    points: Num
    text: Text | None
    span: Span


@dataclass(frozen=True, slots=True)
class Checklist:
    items: tuple[CheckItem, ...]
    clamps: tuple[Clamp, ...]
    span: Span


SimpleRule: TypeAlias = Formula | Bands | Checklist


@dataclass(frozen=True, slots=True)
class WhenBranch:
    cond: Cond
    rule: SimpleRule
    span: Span


@dataclass(frozen=True, slots=True)
class Guarded:
    branches: tuple[WhenBranch, ...]
    otherwise: SimpleRule
    span: Span


Rule: TypeAlias = Formula | Bands | Checklist | Guarded

# ---------------------------------------------------------------- declarations


@dataclass(frozen=True, slots=True)
class Text:
    """A string as written: `value` is unescaped, `span` covers the quotes."""

    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class Ident:
    """A declared name and where it was written."""

    name: str
    span: Span


InputKind = Literal["count", "amount", "number", "percent", "yesno", "judged"]


@dataclass(frozen=True, slots=True)
class Constraint:
    op: CompareOp
    bound: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class InputDecl:
    name: Ident
    kind: InputKind
    unit: str | None
    judged_range: tuple[Num, Num] | None  # only for `judged a..b`
    constraints: tuple[Constraint, ...]
    description: Text | None
    span: Span


@dataclass(frozen=True, slots=True)
class LetDecl:
    name: Ident
    expr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ScoreStmt:
    rule: Rule
    span: Span


@dataclass(frozen=True, slots=True)
class Indicator:
    """A node of the indicator tree: a group (children) or a leaf (a rule)."""

    name: Ident
    weight: Num
    criterion: Text | None
    explain: Text | None
    lets: tuple[LetDecl, ...]
    score: ScoreStmt | None
    children: tuple[Indicator, ...]
    span: Span
    # A second `score`, `criterion` or `explain` in one block: kept so the
    # checker can point at it rather than the parser silently dropping it.
    duplicates: tuple[Span, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True, slots=True)
class Grade:
    name: Ident
    threshold: Num | None  # None for `otherwise`
    strict: bool  # `>` rather than `≥`
    span: Span


@dataclass(frozen=True, slots=True)
class Value:
    """A value in an example: a number literal or a word (`是`, `优`)."""

    number: Num | None
    word: str | None
    negative: bool
    span: Span


@dataclass(frozen=True, slots=True)
class Assignment:
    name: Ident
    value: Value
    span: Span


ExpectTarget = Literal["total", "grade", "score"]


@dataclass(frozen=True, slots=True)
class Expectation:
    target: ExpectTarget
    path: tuple[Ident, ...]  # the indicator's name or path, for "score"
    value: Value
    span: Span


@dataclass(frozen=True, slots=True)
class Example:
    name: Text
    base: Text | None
    given: tuple[Assignment, ...]
    expect: tuple[Expectation, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Comment:
    text: str  # including the leading `#` or `//`
    span: Span


@dataclass(frozen=True, slots=True)
class Header:
    """One header statement, kept in source order for the checker and fmt."""

    keyword: Literal[
        "rubric", "issuer", "effective", "total", "levels", "rounding", "steps", "grades"
    ]
    span: Span


RoundingMode = Literal["half-up", "half-even", "half-down", "ceiling", "floor", "up", "down"]


@dataclass(frozen=True, slots=True)
class Rounding:
    quantum: Num
    mode: RoundingMode
    span: Span


@dataclass(frozen=True, slots=True)
class RubricFile:
    """A whole file.  Header fields are None when the statement is absent."""

    title: Text | None
    version: Text | None
    issuer: Text | None
    effective: Text | None
    total: Num | None
    levels: tuple[Ident, ...]
    rounding: Rounding | None
    step_policy: StepPolicy | None
    grades: tuple[Grade, ...]
    inputs: tuple[InputDecl, ...]
    lets: tuple[LetDecl, ...]
    indicators: tuple[Indicator, ...]
    examples: tuple[Example, ...]
    headers: tuple[Header, ...]  # every header statement, repeats included
    comments: tuple[Comment, ...]
    span: Span
