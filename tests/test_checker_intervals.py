"""Interval arithmetic with open and closed ends: unit cases, and a property
test that the exact result at points inside the operands always lies inside
the computed interval."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rubricdsl.checker import intervals as iv
from rubricdsl.checker.intervals import INF, NEG_INF, Interval


def test_make_returns_none_for_an_empty_interval() -> None:
    assert iv.make(D(2), D(1)) is None
    assert iv.make(D(1), D(1), lo_closed=False) is None
    assert iv.make(D(1), D(1)) == iv.point(D(1))


def test_infinite_ends_are_always_open() -> None:
    assert iv.make(NEG_INF, INF) == iv.EVERYTHING
    assert not iv.at_least(D(0)).hi_closed


def test_intersect_keeps_the_tighter_end() -> None:
    a = iv.make(D(0), D(1), hi_closed=False)
    b = iv.make(D("0.5"), D(2))
    assert a is not None and b is not None
    assert iv.intersect(a, b) == Interval(D("0.5"), D(1), True, False)
    assert iv.intersect(a, iv.at_least(D(1))) is None


def test_subtract_names_the_gap_between_bands() -> None:
    bands = [iv.at_least(D("0.8")), Interval(D("0.5"), D("0.8"), True, False), iv.at_most(D("0.3"), False)]
    gaps = iv.subtract(iv.NON_NEGATIVE, bands)
    assert gaps == [Interval(D("0.3"), D("0.5"), True, False)]
    assert iv.format_interval(gaps[0], percent=True) == "[30%, 50%)"


def test_subtract_finds_a_single_missing_point() -> None:
    gaps = iv.subtract(iv.EVERYTHING, [iv.at_most(D(0), False), iv.at_least(D(0), False)])
    assert gaps == [iv.point(D(0))]


def test_division_leaves_out_a_zero_divisor() -> None:
    quotient = iv.div(iv.closed(D(0), D(5)), iv.NON_NEGATIVE)
    assert quotient == iv.NON_NEGATIVE
    assert iv.div(iv.point(D(1)), iv.point(D(0))) is None
    assert iv.div(iv.point(D(1)), iv.closed(D(-1), D(1))) == iv.EVERYTHING


def test_division_by_a_negative_divisor_ending_at_zero() -> None:
    assert iv.div(iv.point(D(1)), iv.closed(D(-2), D(0))) == Interval(NEG_INF, D("-0.5"), False, True)


def test_product_with_zero_is_attained() -> None:
    assert iv.mul(iv.closed(D(0), D(1)), iv.EVERYTHING) == iv.EVERYTHING
    assert iv.mul(iv.point(D(0)), iv.NON_NEGATIVE) == iv.point(D(0))


def test_clamps_and_absolute_value() -> None:
    deduction = iv.at_most(D(3))
    assert iv.floor_at(deduction, D(0)) == iv.closed(D(0), D(3))
    assert iv.cap_at(iv.at_least(D(2)), D(4)) == iv.closed(D(2), D(4))
    assert iv.absolute(iv.closed(D(-3), D(2))) == iv.closed(D(0), D(3))


def test_steps_rounded_up_and_down() -> None:
    just_beyond = Interval(D(0), D("2.5"), False, True)
    assert iv.ceil_each(just_beyond) == iv.closed(D(1), D(3))
    assert iv.floor_each(just_beyond) == iv.closed(D(0), D(2))
    assert iv.floor_each(Interval(D(0), D(2), True, False)) == iv.closed(D(0), D(1))


def test_integer_hull_of_counts() -> None:
    assert iv.integer_hull(Interval(D(0), INF, False, False)) == iv.at_least(D(1))
    assert iv.integer_hull(Interval(D(0), D(1), False, False)) is None


def test_remove_point_only_at_an_end() -> None:
    assert iv.remove_point(iv.NON_NEGATIVE, D(0)) == Interval(D(0), INF, False, False)
    assert iv.remove_point(iv.closed(D(0), D(2)), D(1)) == iv.closed(D(0), D(2))


def test_formatting() -> None:
    assert iv.format_interval(iv.at_most(D(10))) == "(−∞, 10]"
    assert iv.format_interval(iv.point(D("0.05")), percent=True) == "5%"
    assert iv.format_interval(iv.negate(iv.closed(D(-2), D(0)))) == "[0, 2]"


# ---------------------------------------------------------------- property


@st.composite
def intervals_with_a_point(draw: st.DrawFn) -> tuple[Interval, Fraction]:
    """An interval (ends possibly open or infinite) and a point inside it."""
    bounds = sorted(draw(st.lists(st.integers(-40, 40), min_size=2, max_size=2)))
    lo, hi = D(bounds[0]) / 4, D(bounds[1]) / 4
    lo_closed, hi_closed = draw(st.booleans()), draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        lo, lo_closed = NEG_INF, False
    if draw(st.integers(0, 4)) == 0:
        hi, hi_closed = INF, False
    made = iv.make(lo, hi, lo_closed, hi_closed)
    if made is None:
        made = iv.point(lo if lo.is_finite() else D(0))
    x = _point_inside(draw, made)
    return made, x


def _point_inside(draw: st.DrawFn, a: Interval) -> Fraction:
    if a.is_point:
        return Fraction(a.lo)
    lo = Fraction(a.lo) if a.lo.is_finite() else Fraction(a.hi) - 50 if a.hi.is_finite() else Fraction(-50)
    hi = Fraction(a.hi) if a.hi.is_finite() else lo + 100
    t = Fraction(draw(st.integers(1, 999)), 1000)  # strictly inside
    if a.lo_closed and draw(st.integers(0, 5)) == 0:
        return Fraction(a.lo)
    if a.hi_closed and draw(st.integers(0, 5)) == 0:
        return Fraction(a.hi)
    return lo + (hi - lo) * t


def _holds(result: Interval | None, x: Fraction) -> bool:
    """Exact membership test, with Fractions so that no rounding hides a miss."""
    if result is None:
        return False
    lo, hi = result.lo, result.hi
    above = not lo.is_finite() or x > Fraction(lo) or (x == Fraction(lo) and result.lo_closed)
    below = not hi.is_finite() or x < Fraction(hi) or (x == Fraction(hi) and result.hi_closed)
    return above and below


Operation = Callable[[Interval, Interval], Interval | None]
BINARY: dict[str, tuple[Operation, Callable[[Fraction, Fraction], Fraction]]] = {
    "add": (iv.add, lambda x, y: x + y),
    "sub": (iv.sub, lambda x, y: x - y),
    "mul": (iv.mul, lambda x, y: x * y),
    "min": (lambda a, b: iv.minimum([a, b]), min),
    "max": (lambda a, b: iv.maximum([a, b]), max),
}


@pytest.mark.parametrize("name", sorted(BINARY))
@given(a=intervals_with_a_point(), b=intervals_with_a_point())
def test_binary_operations_hold_every_exact_result(
    name: str, a: tuple[Interval, Fraction], b: tuple[Interval, Fraction]
) -> None:
    operation, exact = BINARY[name]
    assert _holds(operation(a[0], b[0]), exact(a[1], b[1]))


@given(a=intervals_with_a_point(), b=intervals_with_a_point())
def test_division_holds_every_exact_quotient(
    a: tuple[Interval, Fraction], b: tuple[Interval, Fraction]
) -> None:
    if b[1] == 0:
        return  # a zero divisor has no quotient; `div` leaves it out
    assert _holds(iv.div(a[0], b[0]), a[1] / b[1])


@given(a=intervals_with_a_point(), bound=st.integers(-10, 10))
def test_unary_operations_hold_every_exact_result(a: tuple[Interval, Fraction], bound: int) -> None:
    interval, x = a
    assert _holds(iv.negate(interval), -x)
    assert _holds(iv.absolute(interval), abs(x))
    assert _holds(iv.floor_at(interval, D(bound)), max(x, Fraction(bound)))
    assert _holds(iv.cap_at(interval, D(bound)), min(x, Fraction(bound)))
    assert _holds(iv.ceil_each(interval), Fraction(-((-x.numerator) // x.denominator)))
    assert _holds(iv.floor_each(interval), Fraction(x.numerator // x.denominator))


@given(a=intervals_with_a_point(), b=intervals_with_a_point())
def test_hull_and_intersection(a: tuple[Interval, Fraction], b: tuple[Interval, Fraction]) -> None:
    assert _holds(iv.hull(a[0], b[0]), a[1])
    assert _holds(iv.hull(a[0], b[0]), b[1])
    both = iv.intersect(a[0], b[0])
    if _holds(b[0], a[1]):
        assert _holds(both, a[1])
