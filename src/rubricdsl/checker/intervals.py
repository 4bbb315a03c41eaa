"""Intervals of exact decimals with open or closed ends, for the range analysis.

An `Interval` is a non-empty set of decimals between two ends; each end is
open or closed, and an end may be infinite (always open).  Operations that can
produce an empty set return None.  Arithmetic over-approximates: the result
holds every value the operation can take on points of its operands, so a
check built on it never misses a reachable score (it may report one that is
not reachable).  The limit `0 × ∞` counts as 0, as usual for intervals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal
from typing import NamedTuple

INF = Decimal("Infinity")
NEG_INF = Decimal("-Infinity")

# Ends are rounded outward, lower ends down and upper ends up, so that an
# inexact quotient (1/3) never leaves a reachable value outside.  Exact
# results, which are nearly all of them, are not rounded at all.
_DOWN = Context(prec=60, rounding=ROUND_FLOOR)
_UP = Context(prec=60, rounding=ROUND_CEILING)

End = tuple[Decimal, bool]  # a value and whether it is attained


class Interval(NamedTuple):
    """Immutable like a frozen dataclass, and made in half the time: the range
    analysis makes a great many."""

    lo: Decimal
    hi: Decimal
    lo_closed: bool = True
    hi_closed: bool = True

    def contains(self, x: Decimal) -> bool:
        above = x > self.lo or (x == self.lo and self.lo_closed)
        below = x < self.hi or (x == self.hi and self.hi_closed)
        return above and below

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    @property
    def bounded(self) -> bool:
        return self.lo.is_finite() and self.hi.is_finite()


def make(lo: Decimal, hi: Decimal, lo_closed: bool = True, hi_closed: bool = True) -> Interval | None:
    """The interval between two ends, or None when it holds nothing."""
    lo_closed = lo_closed and lo.is_finite()
    hi_closed = hi_closed and hi.is_finite()
    if lo > hi or (lo == hi and not (lo_closed and hi_closed)):
        return None
    return Interval(lo, hi, lo_closed, hi_closed)


def point(x: Decimal) -> Interval:
    return Interval(x, x)


def closed(lo: Decimal, hi: Decimal) -> Interval:
    result = make(lo, hi)
    if result is None:
        raise ValueError(f"empty interval [{lo}, {hi}]")
    return result


EVERYTHING = Interval(NEG_INF, INF, False, False)
NON_NEGATIVE = Interval(Decimal(0), INF, True, False)


def at_least(x: Decimal, closed_end: bool = True) -> Interval:
    return Interval(x, INF, closed_end and x.is_finite(), False)


def at_most(x: Decimal, closed_end: bool = True) -> Interval:
    return Interval(NEG_INF, x, False, closed_end and x.is_finite())


# ---------------------------------------------------------------- sets


def intersect(a: Interval, b: Interval) -> Interval | None:
    # The tighter of each pair of ends, the first given of equal ones.
    if a.lo == b.lo:
        lo, lo_closed = a.lo, a.lo_closed and b.lo_closed
    else:
        lo, lo_closed = (a.lo, a.lo_closed) if a.lo > b.lo else (b.lo, b.lo_closed)
    if a.hi == b.hi:
        hi, hi_closed = a.hi, a.hi_closed and b.hi_closed
    else:
        hi, hi_closed = (a.hi, a.hi_closed) if a.hi < b.hi else (b.hi, b.hi_closed)
    return make(lo, hi, lo_closed, hi_closed)


def hull(a: Interval, b: Interval) -> Interval:
    """The smallest interval holding both."""
    return _hull([a, b])


def hull_all(items: Iterable[Interval | None]) -> Interval | None:
    present = [item for item in items if item is not None]
    if len(present) < 2:
        return present[0] if present else None
    return _hull(present)


def _hull(items: Sequence[Interval]) -> Interval:
    lo, lo_closed = _lowest([(i.lo, i.lo_closed) for i in items])
    hi, hi_closed = _highest([(i.hi, i.hi_closed) for i in items])
    return Interval(lo, hi, lo_closed, hi_closed)


def subtract(domain: Interval, pieces: Iterable[Interval]) -> list[Interval]:
    """The parts of `domain` that no piece covers, in increasing order."""
    remaining = [domain]
    for piece in pieces:
        remaining = [part for r in remaining for part in _minus(r, piece)]
    return sorted(remaining, key=lambda r: (r.lo, not r.lo_closed))


def part_at_most(a: Interval, x: Decimal, closed_end: bool = True) -> Interval | None:
    """`intersect(a, at_most(x, closed_end))`, without making the half-line."""
    if a.hi == x:
        return make(a.lo, a.hi, a.lo_closed, a.hi_closed and closed_end)
    if a.hi < x:
        return make(a.lo, a.hi, a.lo_closed, a.hi_closed)
    return make(a.lo, x, a.lo_closed, closed_end)


def part_at_least(a: Interval, x: Decimal, closed_end: bool = True) -> Interval | None:
    """`intersect(a, at_least(x, closed_end))`, without making the half-line."""
    if a.lo == x:
        return make(a.lo, a.hi, a.lo_closed and closed_end, a.hi_closed)
    if a.lo > x:
        return make(a.lo, a.hi, a.lo_closed, a.hi_closed)
    return make(x, a.hi, closed_end, a.hi_closed)


def _minus(r: Interval, p: Interval) -> list[Interval]:
    left = part_at_most(r, p.lo, not p.lo_closed) if p.lo.is_finite() else None
    right = part_at_least(r, p.hi, not p.hi_closed) if p.hi.is_finite() else None
    return [part for part in (left, right) if part is not None]


def integer_hull(iv: Interval) -> Interval | None:
    """The smallest interval with whole-number ends holding the same integers."""
    lo, hi = iv.lo, iv.hi
    if lo.is_finite():
        lo = _least_whole_from(lo, iv.lo_closed)
    if hi.is_finite():
        hi = _greatest_whole_to(hi, iv.hi_closed)
    return make(lo, hi)


def remove_point(iv: Interval, x: Decimal) -> Interval | None:
    """`iv` without `x`: exact at an end, the whole interval when `x` is inside."""
    if iv.is_point and iv.lo == x:
        return None
    if iv.lo == x:
        return Interval(iv.lo, iv.hi, False, iv.hi_closed)
    if iv.hi == x:
        return Interval(iv.lo, iv.hi, iv.lo_closed, False)
    return iv


# ---------------------------------------------------------------- arithmetic


def add(a: Interval, b: Interval) -> Interval:
    return Interval(
        _DOWN.add(a.lo, b.lo), _UP.add(a.hi, b.hi),
        a.lo_closed and b.lo_closed, a.hi_closed and b.hi_closed,
    )  # fmt: skip


def negate(a: Interval) -> Interval:
    return Interval(-a.hi, -a.lo, a.hi_closed, a.lo_closed)


def sub(a: Interval, b: Interval) -> Interval:
    return add(a, negate(b))


def mul(a: Interval, b: Interval) -> Interval:
    products = [_product(x, y) for x, y in _corners(a, b)]
    return _span_of([low for low, _ in products], [high for _, high in products])


def div(a: Interval, b: Interval) -> Interval | None:
    """`a / b` over the points where `b` is not zero; None if `b` is only zero."""
    divisor = remove_point(b, Decimal(0))
    if divisor is None:
        return None
    if divisor.lo < 0 < divisor.hi:
        return point(Decimal(0)) if a == point(Decimal(0)) else EVERYTHING
    positive = divisor.lo >= 0
    quotients = [q for x, y in _corners(a, divisor) if (q := _quotient(x, y, positive)) is not None]
    return _span_of([low for low, _ in quotients], [high for _, high in quotients])


def may_be_zero(a: Interval) -> bool:
    return a.contains(Decimal(0))


def absolute(a: Interval) -> Interval:
    if a.lo >= 0:
        return a
    if a.hi <= 0:
        return negate(a)
    hi, hi_closed = _highest([(-a.lo, a.lo_closed), (a.hi, a.hi_closed)])
    return Interval(Decimal(0), hi, True, hi_closed)


def minimum(items: Sequence[Interval]) -> Interval:
    lo, lo_closed = _lowest([(i.lo, i.lo_closed) for i in items])
    hi, hi_closed = _lowest([(i.hi, i.hi_closed) for i in items])
    return Interval(lo, hi, lo_closed, hi_closed)


def maximum(items: Sequence[Interval]) -> Interval:
    lo, lo_closed = _highest([(i.lo, i.lo_closed) for i in items])
    hi, hi_closed = _highest([(i.hi, i.hi_closed) for i in items])
    return Interval(lo, hi, lo_closed, hi_closed)


def floor_at(a: Interval, bound: Decimal) -> Interval:
    """The clamp `floor bound`: never below it."""
    return maximum([a, point(bound)])


def cap_at(a: Interval, bound: Decimal) -> Interval:
    """The clamp `cap bound`: never above it."""
    return minimum([a, point(bound)])


def ceil_each(a: Interval) -> Interval:
    """The whole numbers reached by rounding every point up."""
    lo = _least_whole_from(a.lo, a.lo_closed) if a.lo.is_finite() else a.lo
    hi = _ceil(a.hi) if a.hi.is_finite() else a.hi
    return Interval(lo, hi, lo.is_finite(), hi.is_finite())


def floor_each(a: Interval) -> Interval:
    """The whole numbers reached by rounding every point down."""
    hi = _greatest_whole_to(a.hi, a.hi_closed) if a.hi.is_finite() else a.hi
    lo = _floor(a.lo) if a.lo.is_finite() else a.lo
    return Interval(lo, hi, lo.is_finite(), hi.is_finite())


# ---------------------------------------------------------------- display


def format_number(x: Decimal, percent: bool = False) -> str:
    if not x.is_finite():
        return "∞" if x > 0 else "−∞"
    value = (x * 100 if percent else x) + 0  # `+ 0` turns −0 into 0
    text = format(value.normalize(), "f")
    if text.startswith("-"):
        text = "−" + text[1:]
    return text + ("%" if percent else "")


def format_interval(iv: Interval, percent: bool = False) -> str:
    """`[30%, 50%)`, `(−∞, 0)`, or `5%` for a single point."""
    if iv.is_point:
        return format_number(iv.lo, percent)
    left = "[" if iv.lo_closed else "("
    right = "]" if iv.hi_closed else ")"
    return f"{left}{format_number(iv.lo, percent)}, {format_number(iv.hi, percent)}{right}"


# ---------------------------------------------------------------- ends


def _corners(a: Interval, b: Interval) -> list[tuple[End, End]]:
    """Each end of `a` with each end of `b`, where the extremes of a product or
    a quotient lie."""
    ends_of_b = _ends(b)
    return [(x, y) for x in _ends(a) for y in ends_of_b]


def _ends(a: Interval) -> tuple[End, ...]:
    """Both ends, or a point's one end: its second would only repeat the same corners."""
    lo, hi = (a.lo, a.lo_closed), (a.hi, a.hi_closed)
    return (lo,) if lo == hi else (lo, hi)


def _product(x: End, y: End) -> tuple[End, End]:
    """The corner `x × y`, rounded down and up."""
    (xv, xc), (yv, yc) = x, y
    if xv == 0 or yv == 0:
        zero = Decimal(0), (xc and yc) or (xv == 0 and xc) or (yv == 0 and yc)
        return zero, zero
    closed = xc and yc
    return (_DOWN.multiply(xv, yv), closed), (_UP.multiply(xv, yv), closed)


def _quotient(x: End, y: End, positive: bool) -> tuple[End, End] | None:
    """The corner `x / y`, rounded down and up, of a quotient whose divisor
    excludes 0 and has one sign."""
    (xv, xc), (yv, yc) = x, y
    if xv == 0:
        exact: End = Decimal(0), xc
    elif not yv.is_finite():
        if not xv.is_finite():
            return None
        exact = Decimal(0), False
    elif yv == 0:  # an open end at zero: the quotient runs off to infinity
        exact = (INF if (xv > 0) == positive else NEG_INF), False
    else:
        closed = xc and yc
        return (_DOWN.divide(xv, yv), closed), (_UP.divide(xv, yv), closed)
    return exact, exact


def _span_of(lows: Sequence[End], highs: Sequence[End]) -> Interval:
    lo, lo_closed = _lowest(lows)
    hi, hi_closed = _highest(highs)
    return Interval(lo, hi, lo_closed and lo.is_finite(), hi_closed and hi.is_finite())


def _lowest(ends: Sequence[End]) -> End:
    """The least value (the first written, of equal ones), attained if any end at it is."""
    value, attained = ends[0]
    for v, c in ends[1:]:
        if v < value:
            value, attained = v, c
        elif v == value:
            attained = attained or c
    return value, attained


def _highest(ends: Sequence[End]) -> End:
    """The greatest value (the first written, of equal ones), attained if any end at it is."""
    value, attained = ends[0]
    for v, c in ends[1:]:
        if v > value:
            value, attained = v, c
        elif v == value:
            attained = attained or c
    return value, attained


def _least_whole_from(x: Decimal, closed: bool) -> Decimal:
    """The least whole number at a lower end `x` (past it, if the end is open)."""
    up = _ceil(x)
    return up + (1 if up == x and not closed else 0)


def _greatest_whole_to(x: Decimal, closed: bool) -> Decimal:
    """The greatest whole number at an upper end `x` (short of it, if the end is open)."""
    down = _floor(x)
    return down - (1 if down == x and not closed else 0)


def _ceil(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding=ROUND_CEILING)


def _floor(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding=ROUND_FLOOR)
