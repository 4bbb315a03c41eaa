"""Passes over types and units: percents against counts, `pp` on non-percents,
yes/no inputs used as numbers, checklist items, conditions, units.

Each expression gets a `Kind`: what sort of quantity it is and its unit.  A
ratio is what dividing two quantities gives; it may meet a percent.  Kinds are
inferred bottom-up; where a mistake is found it is reported once and the
kind becomes `unknown`, so one mistake does not echo up the expression.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal, NamedTuple

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context, Scope
from rubricdsl.checker.walk import condition_parts, simple_rules
from rubricdsl.diagnostics import Label
from rubricdsl.source import Span

Tag = Literal["count", "amount", "number", "percent", "ratio", "yesno", "plain", "pp", "unknown"]

_PERCENT_LIKE = ("percent", "ratio", "pp")
_NOUN = {
    "count": "a count", "amount": "an amount", "number": "a number", "percent": "a percent",
    "ratio": "a ratio", "yesno": "a yes/no input", "plain": "a plain number",
    "pp": "percentage points", "unknown": "a value",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Kind:
    tag: Tag
    unit: str | None = None

    @property
    def noun(self) -> str:
        return _NOUN[self.tag] + (f" in {self.unit}" if self.unit else "")


@functools.cache
def _kind(tag: Tag, unit: str | None = None) -> Kind:
    """Kinds are values: one serves every expression of its tag and unit."""
    return Kind(tag, unit)


UNKNOWN = _kind("unknown")
PLAIN = _kind("plain")


def _literal_kind(literal: n.Num) -> Kind:
    return _kind(literal.kind)


class Typed(NamedTuple):
    """An operand of a combination, with the text to show in a message.  A
    named tuple, as quick to make as it can be: every operand is one."""

    kind: Kind
    span: Span
    text: str | None = None  # None: as written at `span`, looked up only for a message


class Typer:
    """Infers kinds; reports mistakes when `report` is set.

    A `let` is typed once, silently, where it is used: its own mistakes are
    reported where it is defined, not at every use."""

    def __init__(self, ctx: Context, report: bool) -> None:
        self.ctx = ctx
        self.report = report
        self._lets: dict[int, Kind] = {}  # by the let's id: hashing a `let` would walk its expression
        # None when this one is silent: a reference to itself would be a cycle
        # keeping the whole AST alive until the cycle collector runs.
        self._silent_typer = None if not report else Typer(ctx, report=False)

    # ------------------------------------------------------------ inference
    def kind(self, expr: n.Expr, scope: Scope) -> Kind:
        match expr:
            case n.Num():
                return _literal_kind(expr)
            case n.Ref():
                return self._ref(expr, scope)
            case n.Negate(operand=inner) | n.Group(inner=inner):
                return self.kind(inner, scope)
            case n.Binary(op="+" | "-"):
                return self.combine([self.operand(expr.left, scope), self.operand(expr.right, scope)])
            case n.Binary(op="*"):
                return _product(self.number(expr.left, scope), self.number(expr.right, scope))
            case n.Binary(op="/"):
                return _quotient(self.number(expr.left, scope), self.number(expr.right, scope))
            case n.Per():
                self.number(expr.points, scope)
                self.counted(expr.count, scope)
                return PLAIN
            case n.Call(func="abs"):
                return self.number(expr.args[0], scope)
            case n.Call():
                return self.combine([self.operand(arg, scope) for arg in expr.args])
        return UNKNOWN

    def _ref(self, ref: n.Ref, scope: Scope) -> Kind:
        target = scope.resolve(ref.name)
        if isinstance(target, n.InputDecl):
            return input_kind(target)
        if isinstance(target, n.LetDecl):
            return (self._silent_typer or self).let_kind(target)
        return UNKNOWN

    def let_kind(self, let: n.LetDecl) -> Kind:
        key = id(let)
        if key not in self._lets:
            self._lets[key] = UNKNOWN  # a cycle reads as unknown (E105 reports it)
            self._lets[key] = self.kind(let.expr, self.ctx.let_scope(let))
        return self._lets[key]

    def number(self, expr: n.Expr, scope: Scope) -> Kind:
        """The kind of an operand of arithmetic, which may not be yes/no."""
        return self.not_yesno(expr, self.kind(expr, scope))

    def not_yesno(self, expr: n.Expr, kind: Kind) -> Kind:
        if kind.tag != "yesno":
            return kind
        self.report_error(
            "E203", f"`{_text(self.ctx, expr)}` is a yes/no input, not a number", expr.span,
            hint="give it points in a `checklist { … }` or test it with `when`",
        )  # fmt: skip
        return UNKNOWN

    def counted(self, expr: n.Expr, scope: Scope) -> None:
        """What `per` multiplies by: a number of things, not a share."""
        kind = self.number(expr, scope)
        if kind.tag in _PERCENT_LIKE:
            self.report_error(
                "E209", f"`{_text(self.ctx, expr)}` is {kind.noun}, but `per` takes a count", expr.span,
                hint="score a percent with bands, or with steps from a band: "
                "`score by 满意度: ≥ 90% → 10; each whole 1% below → −1, floor 0`",
            )  # fmt: skip

    def operand(self, expr: n.Expr, scope: Scope) -> Typed:
        return Typed(self.number(expr, scope), expr.span)

    # ------------------------------------------------------------ combination
    def combine(self, operands: list[Typed]) -> Kind:
        """Values added, subtracted, compared or taken min/max of: one kind."""
        if not self.agree(operands):
            return UNKNOWN
        result = PLAIN
        for item in operands:
            result = _join(result, item.kind)
        return result

    def agree(self, operands: list[Typed]) -> bool:
        """Whether the operands may meet; the first disagreement is reported."""
        for i, left in enumerate(operands):
            for right in operands[i + 1 :]:
                if not self._compatible(left, right):
                    return False
        return True

    def _compatible(self, a: Typed, b: Typed) -> bool:
        if a.kind is b.kind:
            return True  # a kind always agrees with itself (and kinds are made once each)
        for this, other in ((a, b), (b, a)):
            if this.kind.tag == "pp" and other.kind.tag not in (*_PERCENT_LIKE, "unknown"):
                return self._mismatch("E202", this, other, "percentage points apply to percents only")
            if this.kind.tag == "percent" and other.kind.tag in ("count", "amount"):
                return self._mismatch("E201", this, other, _percent_help(other))
        if {a.kind.tag, b.kind.tag} == {"count", "amount"}:
            hint = "a count and an amount measure different things; for a rate, divide one by the other"
            return self._mismatch("E210", b, a, hint)
        units = (a.kind.unit, b.kind.unit)
        if None not in units and units[0] != units[1]:
            return self._mismatch("E205", b, a, "declare both inputs in one unit")
        return True

    def _mismatch(self, code: str, this: Typed, other: Typed, hint: str) -> bool:
        this_text, other_text = self._shown(this), self._shown(other)
        self.report_error(
            code, f"`{this_text}` is {this.kind.noun}, but `{other_text}` is {other.kind.noun}",
            this.span, labels=(Label(other.span, other.kind.noun),), hint=hint,
        )  # fmt: skip
        return False

    def _shown(self, operand: Typed) -> str:
        return operand.text if operand.text is not None else self.ctx.source.snippet(operand.span)

    def report_error(
        self, code: str, message: str, span: Span, *, labels: tuple[Label, ...] = (), hint: str
    ) -> None:
        if self.report:
            self.ctx.report(code, message, span, labels=labels, hint=hint)


def input_kind(decl: n.InputDecl) -> Kind:
    kind = decl.kind
    if kind == "count" or kind == "amount" or kind == "number":
        return _kind(kind, decl.unit)
    return PLAIN if kind == "judged" else _kind(kind)


def _percent_help(other: Typed) -> str:
    if other.kind.tag == "count":
        return "compare a count with a plain number (`5`), or a ratio of counts with a percent"
    return "compare a ratio of two amounts with a percent: `let 率 = 实际数 / 预算数`"


def _join(a: Kind, b: Kind) -> Kind:
    if a.tag == "unknown" or b.tag == "unknown":
        return UNKNOWN
    if a.tag in ("plain", "pp"):
        return b if b.tag != "plain" else a
    if b.tag in ("plain", "pp") or a == b:
        return a
    if {a.tag, b.tag} <= {"percent", "ratio"}:
        return _kind("percent")
    return _kind("number", a.unit or b.unit)


def _product(a: Kind, b: Kind) -> Kind:
    if "unknown" in (a.tag, b.tag):
        return UNKNOWN
    if b.tag in ("plain", "percent", "ratio"):
        return a
    if a.tag in ("plain", "percent", "ratio"):
        return b
    return _kind("number", a.unit or b.unit)


def _quotient(a: Kind, b: Kind) -> Kind:
    if "unknown" in (a.tag, b.tag):
        return UNKNOWN
    if b.tag == "plain":
        return a
    if a.tag == "plain":
        return _kind("number")
    return _kind("ratio")


def _text(ctx: Context, expr: n.Expr | n.Num) -> str:
    return ctx.source.snippet(expr.span)


# ---------------------------------------------------------------- passes


def check_expression_units(ctx: Context) -> None:
    """E201, E202, E203, E205 inside `let`s, constraints, formulas and conditions."""
    typer = Typer(ctx, report=True)
    for let, scope in ctx.let_scopes.items():
        typer.kind(let.expr, scope)
    for decl in (d for d in ctx.file.inputs if d.constraints):
        subject = Typed(input_kind(decl), decl.name.span, decl.name.name)
        for constraint in decl.constraints:
            typer.combine([subject, typer.operand(constraint.bound, ctx.top_scope)])
    for node in ctx.nodes:
        if node.indicator.score is not None:
            _check_rule(typer, node.indicator.score.rule, ctx.scope_of(node))


def _check_rule(typer: Typer, rule: n.Rule, scope: Scope) -> None:
    if isinstance(rule, n.Guarded):
        for branch in rule.branches:
            for part in condition_parts(branch.cond):
                if isinstance(part, n.Compare):
                    _check_compare(typer, part, scope)
    for simple in simple_rules(rule):
        if isinstance(simple, n.Formula):
            typer.number(simple.expr, scope)
        elif isinstance(simple, n.Bands):
            _check_bands(typer, simple, scope)


def _check_compare(typer: Typer, compare: n.Compare, scope: Scope) -> None:
    """A comparison in a condition: a yes/no input is tested (`when 有制度`), not
    compared with a number (`when 有制度 = 1`)."""
    sides = [(expr, typer.kind(expr, scope)) for expr in (compare.left, compare.right)]
    tags = {kind.tag for _, kind in sides}
    if "yesno" in tags:
        if len(tags) == 2 and "unknown" not in tags:
            yesno = next(expr for expr, kind in sides if kind.tag == "yesno")
            text = _text(typer.ctx, yesno)
            typer.report_error(
                "E203", f"`{text}` is a yes/no input, not a number", yesno.span,
                hint=f"write `when {text}` or `when not {text}`",
            )  # fmt: skip
        return
    typer.combine([Typed(kind, expr.span) for expr, kind in sides])


def _check_bands(typer: Typer, bands: n.Bands, scope: Scope) -> None:
    """The metric against every bound and step size written for it."""
    metric = typer.operand(bands.metric, scope)
    # Whether kinds agree depends on the kinds alone: the first literal of each kind speaks for all.
    first_of_kind: dict[str, n.Num] = {}
    for clause in bands.clauses:
        if isinstance(clause, n.Step):
            first_of_kind.setdefault(clause.size.kind, clause.size)
        else:
            for bound in (clause.lower, clause.upper):
                if bound is not None:
                    first_of_kind.setdefault(bound.value.kind, bound.value)
    for literal in first_of_kind.values():
        if not typer.agree([Typed(_literal_kind(literal), literal.span), metric]):
            return  # one report per rule is enough


def check_checklist_items(ctx: Context) -> None:
    """E204: every checklist item is a yes/no input."""
    typer = Typer(ctx, report=False)
    for node, simple in ctx.simple_rules:
        if not isinstance(simple, n.Checklist):
            continue
        scope = ctx.scope_of(node)
        for item in simple.items:
            kind = typer.kind(item.name, scope)
            if kind.tag not in ("yesno", "unknown"):
                ctx.report(
                    "E204", f"`{item.name.name}` is {kind.noun}, not a yes/no input",
                    item.name.span, hint="a checklist item is a yes/no input that earns its points",
                )  # fmt: skip


def check_conditions(ctx: Context) -> None:
    """E206: a bare value used as a condition must be yes/no."""
    typer = Typer(ctx, report=False)
    for node in ctx.nodes:
        if node.indicator.score is None or not isinstance(node.indicator.score.rule, n.Guarded):
            continue
        scope = ctx.scope_of(node)
        for branch in node.indicator.score.rule.branches:
            for part in condition_parts(branch.cond):
                if isinstance(part, n.Truth):
                    kind = typer.kind(part.expr, scope)
                    if kind.tag not in ("yesno", "unknown"):
                        ctx.report(
                            "E206", f"`{_text(ctx, part.expr)}` is {kind.noun}, not yes or no",
                            part.span, hint=f"compare it: `{_text(ctx, part.expr)} = 0`",
                        )  # fmt: skip


def check_judged_bounds(ctx: Context) -> None:
    """E207: `judged a..b` with a above b."""
    for decl in ctx.file.inputs:
        if decl.judged_range is not None:
            low, high = decl.judged_range
            if low.value > high.value:
                ctx.report(
                    "E207", f"the judged range {low.text}..{high.text} runs backwards",
                    low.span.cover(high.span), hint=f"write `judged {high.text}..{low.text}`",
                )  # fmt: skip
