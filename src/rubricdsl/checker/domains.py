"""The values each input can take, from its type and its constraints."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rubricdsl import nodes as n
from rubricdsl.checker import intervals as iv
from rubricdsl.checker.intervals import Interval

_BY_TYPE = {
    "count": iv.NON_NEGATIVE,
    "amount": iv.NON_NEGATIVE,
    "number": iv.EVERYTHING,
    "percent": iv.NON_NEGATIVE,
    "yesno": iv.closed(Decimal(0), Decimal(1)),
}
_WHOLE_TYPES = ("count", "yesno")


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A constraint that leaves its input no value, and what the input could be before it."""

    constraint: n.Constraint
    before: Interval


@dataclass(frozen=True)
class Domains:
    values: dict[str, Interval]
    integral: frozenset[str]  # inputs that hold whole numbers
    at_most: frozenset[tuple[str, str]]  # (a, b): a constraint says a ≤ b (or a < b)
    empty: dict[str, Contradiction]  # inputs whose constraints contradict each other


def type_domain(decl: n.InputDecl) -> Interval:
    if decl.judged_range is not None:
        low, high = sorted(num.value for num in decl.judged_range)
        return iv.closed(low, high)
    return _BY_TYPE.get(decl.kind, iv.EVERYTHING)


def restrict(current: Interval, op: n.CompareOp, other: Interval) -> Interval | None:
    """The values of `current` for which `current op other` can hold."""
    match op:
        case "<":
            return iv.part_at_most(current, other.hi, False)
        case "<=":
            return iv.part_at_most(current, other.hi, other.hi_closed)
        case ">":
            return iv.part_at_least(current, other.lo, False)
        case ">=":
            return iv.part_at_least(current, other.lo, other.lo_closed)
        case "=":
            return iv.intersect(current, other)
    return iv.remove_point(current, other.lo) if other.is_point else current


NEGATED: dict[n.CompareOp, n.CompareOp] = {
    "<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "=",
}  # fmt: skip
FLIPPED: dict[n.CompareOp, n.CompareOp] = {
    "<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!=",
}  # fmt: skip


def input_domains(inputs: dict[str, n.InputDecl]) -> Domains:
    """Type domains narrowed by the inputs' constraints."""
    integral = frozenset(name for name, decl in inputs.items() if decl.kind in _WHOLE_TYPES)
    values = {name: type_domain(decl) for name, decl in inputs.items()}
    at_most: set[tuple[str, str]] = set()
    empty: dict[str, Contradiction] = {}
    written = [(name, c) for name, decl in inputs.items() for c in decl.constraints]
    # Constant bounds first, so that `≤ 目标总项数` sees the other input's own bounds.
    for name, constraint in sorted(written, key=lambda item: isinstance(item[1].bound, n.Ref)):
        bound = _bound_value(constraint.bound, values)
        if bound is not None:
            narrowed = _narrowed(values[name], constraint.op, bound, name in integral)
            if narrowed is not None:
                values[name] = narrowed
            else:
                empty.setdefault(name, Contradiction(constraint, values[name]))
        at_most.update(_ordering(name, constraint))
    return Domains(values, integral, frozenset(at_most), empty)


def _narrowed(current: Interval, op: n.CompareOp, bound: Interval, whole: bool) -> Interval | None:
    """The domain under one more constraint; None if nothing is left (the caller
    then keeps the domain it had, so that one contradiction does not echo)."""
    narrowed = restrict(current, op, bound)
    if narrowed is not None and whole:
        narrowed = iv.integer_hull(narrowed)
    return narrowed


def _ordering(name: str, constraint: n.Constraint) -> list[tuple[str, str]]:
    """(a, b) when the constraint says a ≤ b (or a < b) of two inputs."""
    if not isinstance(constraint.bound, n.Ref):
        return []
    if constraint.op in ("<", "<="):
        return [(name, constraint.bound.name)]
    if constraint.op in (">", ">="):
        return [(constraint.bound.name, name)]
    return []


def _bound_value(expr: n.Expr, values: dict[str, Interval]) -> Interval | None:
    """A constraint's bound: a literal, a negated literal, or another input."""
    match expr:
        case n.Num(value=value):
            return iv.point(value)
        case n.Negate(operand=n.Num(value=value)):
            return iv.point(-value)
        case n.Ref(name=name):
            return values.get(name)
    return None
