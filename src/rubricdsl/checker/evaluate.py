"""Expressions and conditions evaluated over intervals.

An `Evaluator` holds the values each input (and any narrowed `let`) can
take at one point of a rule.  `value` gives the interval of an expression,
`narrow` the evaluator for the points where a condition is true (or false):
after `when 预算数 = 0: …`, the later branches see `预算数 ≠ 0`.  A `let` is
evaluated where it is used, so a guard protects the divisions inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rubricdsl import nodes as n
from rubricdsl.checker import intervals as iv
from rubricdsl.checker.context import Context, Scope
from rubricdsl.checker.domains import FLIPPED, NEGATED, Domains, restrict
from rubricdsl.checker.intervals import Interval
from rubricdsl.source import Span

Key = str | n.LetDecl  # an input by name, or a `let`
Value = Interval | None  # None: the expression has no value here (it always fails)


@dataclass
class Trace:
    """What evaluating one leaf found out besides values."""

    risky: dict[Span, Interval]  # divisors that can be zero, shared by all leaves
    unsure: bool = False  # an unknown name, a `let` cycle or an input with no value was met


@dataclass
class Evaluator:
    """`env` holds only what narrowing changed; the rest is `domains.values`.

    Keeping the overlay small makes narrowing and joining cost the number of
    narrowed names, not the number of inputs in the rubric.
    """

    ctx: Context
    domains: Domains
    env: dict[Key, Interval]
    trace: Trace
    # `let`s by their id: hashing a `let` would walk its whole expression
    _lets: dict[int, Value] = field(default_factory=dict)
    _busy: set[int] = field(default_factory=set)

    # ------------------------------------------------------------ values
    def value(self, expr: n.Expr, scope: Scope) -> Value:
        match expr:
            case n.Num(value=value):
                return iv.point(value)
            case n.Ref():
                return self._ref(expr, scope)
            case n.Negate(operand=inner):
                return _lift(iv.negate, self.value(inner, scope))
            case n.Group(inner=inner, clamps=clamps):
                return _lift(lambda v: apply_clamps(v, clamps), self.value(inner, scope))
            case n.Per(points=points, count=count):
                return _lift2(iv.mul, self.value(points, scope), self.value(count, scope))
            case n.Binary(op="/"):
                return self._quotient(expr, scope)
            case n.Binary(op=op, left=left, right=right):
                return _lift2(_ARITHMETIC[op], self.value(left, scope), self.value(right, scope))
            case n.Call():
                return self._call(expr, scope)
        return iv.EVERYTHING

    def _ref(self, ref: n.Ref, scope: Scope) -> Value:
        target = scope.resolve(ref.name)
        if isinstance(target, n.InputDecl):
            return self._input(target.name.name)
        if isinstance(target, n.LetDecl):
            value = self._let(target)
            override = self.env.get(target)
            return iv.intersect(value, override) if value and override else value
        self.trace.unsure = True
        return iv.EVERYTHING

    def _input(self, name: str) -> Interval:
        if name in self.domains.empty:  # its constraints contradict (E208): any value is a guess
            self.trace.unsure = True
        found = self.env.get(name)
        return found if found is not None else self.domains.values.get(name, iv.EVERYTHING)

    def _let(self, let: n.LetDecl) -> Value:
        key = id(let)
        if key in self._busy:  # a cycle (E105) has no known value
            self.trace.unsure = True
            return iv.EVERYTHING
        if key not in self._lets:
            self._busy.add(key)
            self._lets[key] = self.value(let.expr, self.ctx.let_scope(let))
            self._busy.discard(key)
        return self._lets[key]

    def _quotient(self, expr: n.Binary, scope: Scope) -> Value:
        left, right = self.value(expr.left, scope), self.value(expr.right, scope)
        if right is not None and iv.may_be_zero(right):
            self.trace.risky.setdefault(expr.right.span, right)
        if left is None or right is None:
            return None
        quotient = iv.div(left, right)
        cap = self._ratio_cap(expr, scope)
        if quotient is not None and cap is not None:
            quotient = iv.part_at_most(quotient, cap) or quotient
        return quotient

    def _ratio_cap(self, expr: n.Binary, scope: Scope) -> Decimal | None:
        """`k × a / b` is at most k when a constraint says `a ≤ b`, with a ≥ 0, b > 0."""
        factor, part = _factor_and_ref(expr.left)
        if part is None or not isinstance(expr.right, n.Ref) or factor < 0:
            return None
        if (part.name, expr.right.name) not in self.domains.at_most:
            return None  # the cheap test first: an input goes by the name it is declared with
        a, b = scope.resolve(part.name), scope.resolve(expr.right.name)
        if not isinstance(a, n.InputDecl) or not isinstance(b, n.InputDecl):
            return None
        a_values, b_values = self._input(a.name.name), self._input(b.name.name)
        if a_values is None or b_values is None or a_values.lo < 0 or b_values.lo < 0:
            return None
        return factor

    def _call(self, call: n.Call, scope: Scope) -> Value:
        args = [self.value(arg, scope) for arg in call.args]
        known = [arg for arg in args if arg is not None]
        if len(known) < len(args) or not known:
            return None
        if call.func == "abs":
            return iv.absolute(known[0])
        return iv.minimum(known) if call.func == "min" else iv.maximum(known)

    # ------------------------------------------------------------ conditions
    def narrow(self, cond: n.Cond, scope: Scope, truth: bool) -> Evaluator | None:
        """The evaluator for where `cond` has the given truth; None if nowhere."""
        match cond:
            case n.Not(operand=inner):
                return self.narrow(inner, scope, not truth)
            case n.BoolOp(op=op, left=left, right=right):
                if (op == "and") == truth:  # both parts hold the given truth
                    first = self.narrow(left, scope, truth)
                    return first.narrow(right, scope, truth) if first else None
                return _join(self.narrow(left, scope, truth), self._or_else(left, right, scope, truth))
            case n.Truth(expr=expr):
                return self._narrow_truth(expr, scope, truth)
            case n.Compare():
                return self._narrow_compare(cond, scope, truth)
        return self

    def _or_else(self, left: n.Cond, right: n.Cond, scope: Scope, truth: bool) -> Evaluator | None:
        """Where `left` does not decide it, `right` must."""
        rest = self.narrow(left, scope, not truth)
        return rest.narrow(right, scope, truth) if rest else None

    def _narrow_truth(self, expr: n.Expr, scope: Scope, truth: bool) -> Evaluator | None:
        wanted = iv.point(Decimal(1 if truth else 0))
        return self._narrow_name(expr, scope, lambda current: iv.intersect(current, wanted))

    def _narrow_compare(self, cond: n.Compare, scope: Scope, truth: bool) -> Evaluator | None:
        left, right = self.value(cond.left, scope), self.value(cond.right, scope)
        if left is None or right is None:
            return None
        op = cond.op if truth else NEGATED[cond.op]
        narrowed: Evaluator | None = self._narrow_name(cond.left, scope, lambda v: restrict(v, op, right))
        if narrowed is not None:
            flipped = FLIPPED[op]
            narrowed = narrowed._narrow_name(cond.right, scope, lambda v: restrict(v, flipped, left))
        return narrowed

    def _narrow_name(
        self, expr: n.Expr, scope: Scope, how: Callable[[Interval], Interval | None]
    ) -> Evaluator | None:
        """Narrow the input or `let` that `expr` names; other expressions stay."""
        if not isinstance(expr, n.Ref):
            return self
        target = scope.resolve(expr.name)
        current = self.value(expr, scope)
        if target is None or current is None:
            return self
        key: Key = target.name.name if isinstance(target, n.InputDecl) else target
        narrowed = how(current)
        if narrowed is not None and key in self.domains.integral:
            narrowed = iv.integer_hull(narrowed)
        return None if narrowed is None else self._with(key, narrowed)

    def _with(self, key: Key, value: Interval) -> Evaluator:
        return Evaluator(self.ctx, self.domains, {**self.env, key: value}, self.trace)

    # ------------------------------------------------------------ whole numbers
    def integral(self, expr: n.Expr, scope: Scope, seen: frozenset[int] = frozenset()) -> bool:
        """Whether the expression only takes whole numbers."""
        match expr:
            case n.Num(value=value):
                return value == value.to_integral_value()
            case n.Ref(name=name):
                target = scope.resolve(name)
                if isinstance(target, n.LetDecl) and id(target) not in seen:  # `let`s by id, as in `_lets`
                    let_scope = self.ctx.let_scope(target)
                    return self.integral(target.expr, let_scope, seen | {id(target)})
                return isinstance(target, n.InputDecl) and name in self.domains.integral
            case n.Negate(operand=inner) | n.Group(inner=inner, clamps=()):
                return self.integral(inner, scope, seen)
            case n.Binary(op="+" | "-" | "*", left=left, right=right) | n.Per(points=left, count=right):
                return self.integral(left, scope, seen) and self.integral(right, scope, seen)
            case n.Call(args=args):
                return all(self.integral(arg, scope, seen) for arg in args)
        return False


_ARITHMETIC: dict[str, Callable[[Interval, Interval], Interval]] = {
    "+": iv.add, "-": iv.sub, "*": iv.mul,
}  # fmt: skip


def apply_clamps(value: Interval, clamps: tuple[n.Clamp, ...]) -> Interval:
    """`floor` and `cap`, in the order written."""
    for clamp in clamps:
        bound = clamp.bound.value
        value = iv.floor_at(value, bound) if clamp.kind == "floor" else iv.cap_at(value, bound)
    return value


def _factor_and_ref(expr: n.Expr) -> tuple[Decimal, n.Ref | None]:
    """`a`, `k × a` or `a × k` as (k, a); otherwise (0, None)."""
    match expr:
        case n.Ref():
            return Decimal(1), expr
        case n.Binary(op="*", left=n.Num(value=k), right=n.Ref() as ref):
            return k, ref
        case n.Binary(op="*", left=n.Ref() as ref, right=n.Num(value=k)):
            return k, ref
    return Decimal(0), None


def _lift(fn: Callable[[Interval], Interval], value: Value) -> Value:
    return None if value is None else fn(value)


def _lift2(fn: Callable[[Interval, Interval], Interval], a: Value, b: Value) -> Value:
    return None if a is None or b is None else fn(a, b)


def _join(a: Evaluator | None, b: Evaluator | None) -> Evaluator | None:
    """Where either holds: each value is the hull of the two."""
    if a is None or b is None:
        return a or b
    joined: dict[Key, Interval] = {}
    for key in a.env.keys() | b.env.keys():
        left, right = _overlay(a, key), _overlay(b, key)
        if left is not None and right is not None:  # a let narrowed on one side only stays open
            joined[key] = iv.hull(left, right)
    return Evaluator(a.ctx, a.domains, joined, a.trace)


def _overlay(ev: Evaluator, key: Key) -> Interval | None:
    """The value of `key` in `ev`: inputs fall back to their domain, lets to None."""
    if isinstance(key, str):
        return ev._input(key)
    return ev.env.get(key)
