"""AST + checker facts → IR (`rubricdsl.ir`).

Runs only on a rubric the checker accepted, so every name resolves, every
step has an anchor, a direction and a policy.  Should one slip through
anyway, the lowering raises `InternalError` (a bug in the checker), never a
user error.  Each leaf gets the `let`s its rule needs, dependencies first,
and the inputs it reads, so the compiler can emit it as a standalone function.
The checked AST already holds values of the IR's types, so the models are
built without pydantic's validation (`ir.trusted`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rubricdsl import ir, semantics
from rubricdsl import nodes as n
from rubricdsl.errors import InternalError
from rubricdsl.source import Source, Span

LeafPath = tuple[str, ...]

_OP_SYMBOL = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠"}


def lower(
    file: n.RubricFile, source: Source, ranges: Mapping[LeafPath, tuple[Decimal, Decimal]]
) -> ir.RubricIR:
    """The IR of a checked rubric file."""
    lowering = _Lowering(file, source, ranges)
    return ir.trusted(
        ir.RubricIR,
        source=source.name,
        title=file.title.value if file.title else "",
        version=file.version.value if file.version else None,
        issuer=file.issuer.value if file.issuer else None,
        effective=file.effective.value if file.effective else None,
        total=file.total.value if file.total else Decimal(0),
        levels=[level.name for level in file.levels],
        rounding=_rounding(file.rounding),
        grades=[_grade(g) for g in file.grades],
        inputs=[lowering.input(decl) for decl in file.inputs],
        indicators=lowering.indicators(file.indicators, [], lowering.block_scope({}, file.lets, [])),
        examples=_examples(file.examples, source),
    )


def _rounding(rounding: n.Rounding | None) -> ir.Rounding | None:
    if rounding is None:
        return None
    return ir.trusted(ir.Rounding, quantum=rounding.quantum.value, mode=rounding.mode)


def _grade(grade: n.Grade) -> ir.Grade:
    threshold = grade.threshold.value if grade.threshold else None
    return ir.trusted(ir.Grade, name=grade.name.name, threshold=threshold, strict=grade.strict)


class _Lowering:
    def __init__(
        self,
        file: n.RubricFile,
        source: Source,
        ranges: Mapping[LeafPath, tuple[Decimal, Decimal]],
    ) -> None:
        self.file = file
        self.source = source
        self.ranges = ranges
        self.input_names = {decl.name.name for decl in file.inputs}
        self.homes: dict[int, _LetHome] = {}  # by the let's id: where it is written

    def block_scope(
        self, outer: Mapping[str, n.LetDecl], lets: Sequence[n.LetDecl], path: list[str]
    ) -> Mapping[str, n.LetDecl]:
        """The lets seen in a block (the file, or the indicator at `path`); each of
        the block's own is noted as written there, to be read in this scope."""
        if not lets:
            return outer
        scope = semantics.nested_lets(outer, lets)
        for let in lets:
            self.homes[id(let)] = _LetHome(scope, "/".join(path))
        return scope

    def line(self, span: Span) -> int:
        return self.source.line_col(span.start)[0]

    # ------------------------------------------------------------ inputs
    def input(self, decl: n.InputDecl) -> ir.Input:
        domain = _Domain.of_type(decl)
        for constraint in decl.constraints:
            domain.narrow(constraint)
        return ir.trusted(
            ir.Input,
            name=decl.name.name,
            type=decl.kind,
            unit=decl.unit,
            description=decl.description.value if decl.description else None,
            minimum=domain.minimum,
            minimum_closed=domain.minimum_closed,
            maximum=domain.maximum,
            maximum_closed=domain.maximum_closed,
            constraints=[self.constraint(c) for c in decl.constraints if c.op in _CONSTRAINT_OPS],
            line=self.line(decl.span),
        )

    def constraint(self, constraint: n.Constraint) -> ir.InputConstraint:
        text = f"{_OP_SYMBOL[constraint.op]} {self.source.snippet(constraint.bound.span).strip()}"
        bound = _ExprLowering(self.input_names, {}).expr(constraint.bound)
        return ir.trusted(ir.InputConstraint, op=constraint.op, bound=bound, text=text)

    # ------------------------------------------------------------ indicators
    def indicators(
        self, nodes: Sequence[n.Indicator], above: list[str], scope: Mapping[str, n.LetDecl]
    ) -> list[ir.Indicator]:
        """The IR of sibling indicators under the path `above`, which sees the lets in `scope`."""
        return [self.indicator(node, [*above, node.name.name], scope) for node in nodes]

    def indicator(self, node: n.Indicator, path: list[str], outer: Mapping[str, n.LetDecl]) -> ir.Indicator:
        scope = self.block_scope(outer, node.lets, path)
        children: list[ir.Indicator] = []
        exprs = _ExprLowering(self.input_names, scope, self.line, self.homes)  # a group's stays empty
        rule = None
        if node.children:
            children = self.indicators(node.children, path, scope)
        elif node.score:
            rule = _RuleLowering(exprs, self.file.step_policy, path).rule(node.score.rule)
        return ir.trusted(
            ir.Indicator,
            name=node.name.name,
            path=path,
            weight=node.weight.value,
            level=len(path),
            criterion=node.criterion.value if node.criterion else None,
            explain=node.explain.value if node.explain else None,
            line=self.line(node.span),
            children=children,
            rule=rule,
            lets=exprs.lets,
            inputs=exprs.inputs,
            reachable=None if node.children else self.ranges.get(tuple(path)),
        )


_CONSTRAINT_OPS = ("<", "<=", ">", ">=")
_ZERO = Decimal(0)


class _Domain:
    """An input's interval, from its type and its constant constraints."""

    def __init__(self) -> None:
        self.minimum: Decimal | None = None
        self.minimum_closed = True
        self.maximum: Decimal | None = None
        self.maximum_closed = True

    @classmethod
    def of_type(cls, decl: n.InputDecl) -> _Domain:
        domain = cls()
        if decl.kind in ("count", "amount", "percent"):
            domain.minimum = _ZERO
        if decl.kind == "judged" and decl.judged_range is not None:
            low, high = decl.judged_range
            domain.minimum, domain.maximum = low.value, high.value
        return domain

    def narrow(self, constraint: n.Constraint) -> None:
        bound = _constant(constraint.bound)
        if bound is None:
            return
        closed = constraint.op in ("<=", ">=")
        if constraint.op in (">", ">=") and _tighter(bound, closed, self.minimum, self.minimum_closed, 1):
            self.minimum, self.minimum_closed = bound, closed
        if constraint.op in ("<", "<=") and _tighter(bound, closed, self.maximum, self.maximum_closed, -1):
            self.maximum, self.maximum_closed = bound, closed


def _tighter(bound: Decimal, closed: bool, old: Decimal | None, old_closed: bool, inward: int) -> bool:
    """Whether a new bound narrows the old one (`inward` +1 for a minimum, −1 for a maximum)."""
    if old is None:
        return True
    if bound == old:
        return old_closed and not closed
    return (bound - old) * inward > 0


def _constant(expr: n.Expr) -> Decimal | None:
    """The value of a literal or a negated literal; None for anything else."""
    if isinstance(expr, n.Num):
        return expr.value
    if isinstance(expr, n.Negate):
        inner = _constant(expr.operand)
        return None if inner is None else -inner
    return None


@dataclass(frozen=True, slots=True)
class _LetHome:
    """Where a `let` is written: the names its expression sees, and the block's path."""

    scope: Mapping[str, n.LetDecl]
    path: str  # "" for the file


class _ExprLowering:
    """Lowers expressions in one scope, collecting the lets and inputs they use.

    A let's expression is read where the let is written, as the checker reads
    it: `let s = r × 2` in a group uses the group's `r` even in a leaf that has
    an `r` of its own.  A let the leaf's own scope hides under its name keeps
    that name with the block it is written in, so the two stay apart.
    """

    def __init__(
        self,
        input_names: set[str],
        scope: Mapping[str, n.LetDecl],
        line: Callable[[Span], int] | None = None,
        homes: Mapping[int, _LetHome] | None = None,
    ) -> None:
        self.input_names = input_names
        self.scope = scope
        self.line = line
        self.lets: list[ir.LetDef] = []
        self.inputs: list[str] = []
        self._own_scope = scope
        self._homes = homes or {}
        self._names: dict[int, str] = {}  # by the let's id: its name in the IR
        self._visiting: set[int] = set()

    def expr(self, expr: n.Expr) -> ir.Expr:
        if isinstance(expr, n.Num):
            return ir.trusted(ir.Const, value=expr.value, unit=expr.kind)
        if isinstance(expr, n.Ref):
            return self.ref(expr.name)
        if isinstance(expr, n.Negate):
            return ir.trusted(ir.Neg, operand=self.expr(expr.operand))
        if isinstance(expr, n.Binary):
            return ir.trusted(ir.BinOp, op=expr.op, left=self.expr(expr.left), right=self.expr(expr.right))
        if isinstance(expr, n.Per):
            return ir.trusted(ir.PerOp, points=self.expr(expr.points), count=self.expr(expr.count))
        if isinstance(expr, n.Call):
            return ir.trusted(ir.CallOp, func=expr.func, args=[self.expr(a) for a in expr.args])
        return ir.trusted(ir.Clamped, inner=self.expr(expr.inner), clamps=_clamps(expr.clamps))

    def ref(self, name: str) -> ir.Expr:
        let = self.scope.get(name)
        if let is None:
            if name not in self.inputs:
                self.inputs.append(name)
            return ir.trusted(ir.InputRef, name=name)
        known = self._names.get(id(let))
        if known is not None:
            return ir.trusted(ir.LetRef, name=known)
        if id(let) in self._visiting:
            raise InternalError(f"`let {name}` depends on itself; the checker should have said so")
        home = self._homes.get(id(let), _LetHome(self.scope, ""))
        hidden = self._own_scope.get(name) is not let
        ir_name = f"{name}（{home.path or '全局'}）" if hidden else name
        self._visiting.add(id(let))
        outer_scope, self.scope = self.scope, home.scope
        value = self.expr(let.expr)
        self.scope = outer_scope
        self._visiting.discard(id(let))
        self._names[id(let)] = ir_name
        line = self.line(let.span) if self.line else 0
        self.lets.append(ir.trusted(ir.LetDef, name=ir_name, expr=value, line=line))
        return ir.trusted(ir.LetRef, name=ir_name)

    def cond(self, cond: n.Cond) -> ir.Cond:
        if isinstance(cond, n.Compare):
            return ir.trusted(ir.Compare, op=cond.op, left=self.expr(cond.left), right=self.expr(cond.right))
        if isinstance(cond, n.Truth):
            return ir.trusted(ir.Truth, expr=self.expr(cond.expr))
        if isinstance(cond, n.Not):
            return ir.trusted(ir.NotCond, operand=self.cond(cond.operand))
        return ir.trusted(ir.BoolCond, kind=cond.op, left=self.cond(cond.left), right=self.cond(cond.right))


def _clamps(clamps: Sequence[n.Clamp]) -> list[ir.Clamp]:
    return [ir.trusted(ir.Clamp, kind=c.kind, bound=c.bound.value) for c in clamps]


class _RuleLowering:
    def __init__(self, exprs: _ExprLowering, default_policy: n.StepPolicy | None, path: list[str]) -> None:
        self.exprs = exprs
        self.default_policy = default_policy
        self.path = path

    def rule(self, rule: n.Rule) -> ir.Rule:
        if isinstance(rule, n.Guarded):
            branches = [
                ir.trusted(ir.Branch, cond=self.exprs.cond(b.cond), rule=self.simple(b.rule))
                for b in rule.branches
            ]
            return ir.trusted(ir.GuardedRule, branches=branches, otherwise=self.simple(rule.otherwise))
        return self.simple(rule)

    def simple(self, rule: n.SimpleRule) -> ir.FormulaRule | ir.BandsRule | ir.ChecklistRule:
        if isinstance(rule, n.Formula):
            return ir.trusted(ir.FormulaRule, expr=self.exprs.expr(rule.expr), clamps=_clamps(rule.clamps))
        if isinstance(rule, n.Checklist):
            items = [self.item(item) for item in rule.items]
            return ir.trusted(ir.ChecklistRule, items=items, clamps=_clamps(rule.clamps))
        return self.bands(rule)

    def item(self, item: n.CheckItem) -> ir.ChecklistItem:
        self.exprs.ref(item.name.name)
        text = item.text.value if item.text else None
        return ir.trusted(ir.ChecklistItem, input=item.name.name, points=item.points.value, text=text)

    def bands(self, rule: n.Bands) -> ir.BandsRule:
        metric = self.exprs.expr(rule.metric)
        name = rule.metric.name if isinstance(rule.metric, n.Ref) else None
        clauses = [self.clause(rule.clauses, i) for i in range(len(rule.clauses))]
        return ir.trusted(
            ir.BandsRule, metric=metric, metric_name=name, clauses=clauses, clamps=_clamps(rule.clamps)
        )

    def clause(self, clauses: Sequence[n.Band | n.Step], index: int) -> ir.Band | ir.Step:
        clause = clauses[index]
        if isinstance(clause, n.Band):
            return _band(clause)
        anchor_at = semantics.anchor_index(clauses, index)
        anchor = clauses[anchor_at] if anchor_at is not None else None
        if not isinstance(anchor, n.Band) or anchor_at is None:
            raise self.unchecked("a step with no band before it")
        direction = semantics.infer_direction(clause, anchor)
        policy = semantics.effective_policy(clause, self.default_policy)
        if direction is None or policy is None:
            raise self.unchecked("a step whose direction or partial-step policy is not settled")
        geometry = semantics.step_geometry(clauses, anchor, direction)
        return ir.trusted(
            ir.Step,
            size=clause.size.value,
            unit=clause.size.kind,
            direction=direction,
            policy=policy,
            delta=clause.delta.value,
            base=anchor.points.value,
            anchor=anchor_at,
            edge_above=geometry.edge_above,
            edge_above_closed=geometry.edge_above_closed,
            edge_below=geometry.edge_below,
            edge_below_closed=geometry.edge_below_closed,
            limit_above=geometry.limit_above,
            limit_below=geometry.limit_below,
        )

    def unchecked(self, what: str) -> InternalError:
        where = "/".join(self.path)
        return InternalError(f"{where}: {what} reached the lowering; the checker should reject it")


def _band(band: n.Band) -> ir.Band:
    lower, upper = band.lower, band.upper
    unit = lower.value.kind if lower else "plain"
    if unit == "plain" and upper:
        unit = upper.value.kind  # the first bound not written plain tells the unit
    return ir.trusted(
        ir.Band,
        lower=lower.value.value if lower else None,
        lower_closed=lower.closed if lower else False,
        upper=upper.value.value if upper else None,
        upper_closed=upper.closed if upper else False,
        points=band.points.value,
        otherwise=band.otherwise,
        unit=unit,
    )


# ---------------------------------------------------------------- examples


def _examples(examples: Sequence[n.Example], source: Source) -> list[ir.Example]:
    by_name = {ex.name.value: ex for ex in examples}
    return [
        ir.trusted(
            ir.Example,
            name=ex.name.value,
            given=dict(_given(ex, by_name)),
            expect=[_expectation(e) for e in ex.expect],
            line=source.line_col(ex.span.start)[0],
        )
        for ex in examples
    ]


def _given(example: n.Example, by_name: Mapping[str, n.Example]) -> Iterator[tuple[str, ir.ExampleValue]]:
    """The base examples' values first (oldest base first), then this one's."""
    chain: list[n.Example] = []
    current: n.Example | None = example
    while current is not None and current not in chain:
        chain.append(current)
        current = by_name.get(current.base.value) if current.base else None
    for ex in reversed(chain):
        for assignment in ex.given:
            yield assignment.name.name, _value(assignment.value)


def _value(value: n.Value) -> ir.ExampleValue:
    return ir.trusted(ir.ExampleValue, number=value.number.value if value.number else None, word=value.word)


def _expectation(expectation: n.Expectation) -> ir.Expectation:
    return ir.trusted(
        ir.Expectation,
        target=expectation.target,
        path=[ident.name for ident in expectation.path],
        value=_value(expectation.value),
    )
