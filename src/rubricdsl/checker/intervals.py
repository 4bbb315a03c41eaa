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
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal

INF = Decimal("Infinity")
NEG_INF = Decimal("-Infinity")

# Ends are rounded outward, lower ends down and upper ends up, so that an
# inexact quotient (1/3) never leaves a reachable value outside.  Exact
# results, which are nearly all of them, are not rounded at all.
_DOWN = Context(prec=60, rounding=ROUND_FLOOR)
_UP = Context(prec=60, rounding=ROUND_CEILING)

End = tuple[Decimal, bool]  # a value and whether it is attained


@dataclass(frozen=True, slots=True)
class Interval:
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
    lo, lo_closed = _tighter_lower((a.lo, a.lo_closed), (b.lo, b.lo_closed))
    hi, hi_closed = _tighter_upper((a.hi, a.hi_closed), (b.hi, b.hi_closed))
    return make(lo, hi, lo_closed, hi_closed)


def hull(a: Interval, b: Interval) -> Interval:
    """The smallest interval holding both."""
    lo, lo_closed = _lowest([(a.lo, a.lo_closed), (b.lo, b.lo_closed)])
    hi, hi_closed = _highest([(a.hi, a.hi_closed), (b.hi, b.hi_closed)])
    return Interval(lo, hi, lo_closed, hi_closed)


def hull_all(items: Iterable[Interval | None]) -> Interval | None:
    result: Interval | None = None
    for item in items:
        if item is not None:
            result = item if result is None else hull(result, item)
    return result


def subtract(domain: Interval, pieces: Iterable[Interval]) -> list[Interval]:
    """The parts of `domain` that no piece covers, in increasing order."""
    remaining = [domain]
    for piece in pieces:
        remaining = [part for r in remaining for part in _minus(r, piece)]
    return sorted(remaining, key=lambda r: (r.lo, not r.lo_closed))


def _minus(r: Interval, p: Interval) -> list[Interval]:
    left = intersect(r, at_most(p.lo, not p.lo_closed)) if p.lo.is_finite() else None
    right = intersect(r, at_least(p.hi, not p.hi_closed)) if p.hi.is_finite() else None
    return [part for part in (left, right) if part is not None]


def integer_hull(iv: Interval) -> Interval | None:
    """The smallest interval with whole-number ends holding the same integers."""
    lo, hi = iv.lo, iv.hi
    if lo.is_finite():
        lo = _ceil(lo) + (1 if lo == _ceil(lo) and not iv.lo_closed else 0)
    if hi.is_finite():
        hi = _floor(hi) - (1 if hi == _floor(hi) and not iv.hi_closed else 0)
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
    lows = [_product(x, y, _DOWN) for x in _ends(a) for y in _ends(b)]
    highs = [_product(x, y, _UP) for x in _ends(a) for y in _ends(b)]
    return _span_of(lows, highs)


def div(a: Interval, b: Interval) -> Interval | None:
    """`a / b` over the points where `b` is not zero; None if `b` is only zero."""
    divisor = remove_point(b, Decimal(0))
    if divisor is None:
        return None
    if divisor.lo < 0 < divisor.hi:
        return point(Decimal(0)) if a == point(Decimal(0)) else EVERYTHING
    positive = divisor.lo >= 0
    pairs = [(x, y) for x in _ends(a) for y in _ends(divisor)]
    lows = [q for x, y in pairs if (q := _quotient(x, y, positive, _DOWN)) is not None]
    highs = [q for x, y in pairs if (q := _quotient(x, y, positive, _UP)) is not None]
    return _span_of(lows, highs)


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
    lo = a.lo
    if lo.is_finite():
        lo = _ceil(lo) + (1 if lo == _ceil(lo) and not a.lo_closed else 0)
    hi = _ceil(a.hi) if a.hi.is_finite() else a.hi
    return Interval(lo, hi, lo.is_finite(), hi.is_finite())


def floor_each(a: Interval) -> Interval:
    """The whole numbers reached by rounding every point down."""
    hi = a.hi
    if hi.is_finite():
        hi = _floor(hi) - (1 if hi == _floor(hi) and not a.hi_closed else 0)
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


def _ends(a: Interval) -> tuple[End, End]:
    return (a.lo, a.lo_closed), (a.hi, a.hi_closed)


def _product(x: End, y: End, ctx: Context) -> End:
    (xv, xc), (yv, yc) = x, y
    if xv == 0 or yv == 0:
        return Decimal(0), (xc and yc) or (xv == 0 and xc) or (yv == 0 and yc)
    return ctx.multiply(xv, yv), xc and yc


def _quotient(x: End, y: End, positive: bool, ctx: Context) -> End | None:
    """The corner `x / y` of a quotient whose divisor excludes 0 and has one sign."""
    (xv, xc), (yv, yc) = x, y
    if xv == 0:
        return Decimal(0), xc
    if not yv.is_finite():
        return (Decimal(0), False) if xv.is_finite() else None
    if yv == 0:  # an open end at zero: the quotient runs off to infinity
        return (INF if (xv > 0) == positive else NEG_INF), False
    return ctx.divide(xv, yv), xc and yc


def _span_of(lows: Sequence[End], highs: Sequence[End]) -> Interval:
    lo, lo_closed = _lowest(lows)
    hi, hi_closed = _highest(highs)
    return Interval(lo, hi, lo_closed and lo.is_finite(), hi_closed and hi.is_finite())


def _lowest(ends: Sequence[End]) -> End:
    value = min(v for v, _ in ends)
    return value, any(c for v, c in ends if v == value)


def _highest(ends: Sequence[End]) -> End:
    value = max(v for v, _ in ends)
    return value, any(c for v, c in ends if v == value)


def _tighter_lower(a: End, b: End) -> End:
    if a[0] != b[0]:
        return max(a, b, key=lambda e: e[0])
    return a[0], a[1] and b[1]


def _tighter_upper(a: End, b: End) -> End:
    if a[0] != b[0]:
        return min(a, b, key=lambda e: e[0])
    return a[0], a[1] and b[1]


def _ceil(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding=ROUND_CEILING)


def _floor(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding=ROUND_FLOOR)
