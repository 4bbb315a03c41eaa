"""The quick ways the interval helpers take give exactly what the plain
definitions give: the same ends, written the same way (`1` and `1.0` are
equal numbers but different results), and the same open or closed ends."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Context
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from rubricdsl.checker import intervals as iv
from rubricdsl.checker.intervals import INF, NEG_INF, Interval

# Ends written in several ways, so that equal values with other exponents meet.
ENDS = [D("-2"), D("-0.5"), D("0"), D("0.0"), D("1"), D("1.0"), D("1.00"), D("2.5"), D("3")]
VALUES = st.sampled_from(ENDS)
DOWN, UP = Context(prec=60, rounding=ROUND_FLOOR), Context(prec=60, rounding=ROUND_CEILING)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    """A non-empty interval; a third of them single points, some with ends written apart."""
    lo, hi = sorted([draw(VALUES), draw(VALUES)])
    if draw(st.integers(0, 2)) == 0:
        return Interval(lo, draw(st.sampled_from([v for v in ENDS if v == lo])))
    lo_closed, hi_closed = draw(st.booleans()), draw(st.booleans())
    if draw(st.integers(0, 5)) == 0:
        lo, lo_closed = NEG_INF, False
    if draw(st.integers(0, 5)) == 0:
        hi, hi_closed = INF, False
    return iv.make(lo, hi, lo_closed, hi_closed) or iv.point(lo if lo.is_finite() else D(0))


def written(result: Interval | None) -> object:
    """The result with its numbers as written, so that `1` and `1.0` differ."""
    return None if result is None else (str(result.lo), str(result.hi), result.lo_closed, result.hi_closed)


@given(a=intervals(), x=VALUES, closed_end=st.booleans())
def test_the_part_on_one_side_is_the_intersection_with_that_half_line(
    a: Interval, x: D, closed_end: bool
) -> None:
    assert written(iv.part_at_most(a, x, closed_end)) == written(iv.intersect(a, iv.at_most(x, closed_end)))
    assert written(iv.part_at_least(a, x, closed_end)) == written(iv.intersect(a, iv.at_least(x, closed_end)))


@given(items=st.lists(st.one_of(st.none(), intervals()), max_size=5))
def test_the_hull_of_many_is_the_hull_taken_two_at_a_time(items: list[Interval | None]) -> None:
    folded: Interval | None = None
    for item in items:
        if item is not None:
            folded = item if folded is None else iv.hull(folded, item)
    assert written(iv.hull_all(items)) == written(folded)


def _every_corner(a: Interval, b: Interval) -> list[tuple[iv.End, iv.End]]:
    ends_of_b = [(b.lo, b.lo_closed), (b.hi, b.hi_closed)]
    return [(x, y) for x in [(a.lo, a.lo_closed), (a.hi, a.hi_closed)] for y in ends_of_b]


def _span(corners: list[tuple[iv.End, iv.End]], combine: str) -> Interval | None:
    """The product or quotient from all four corners, as the definition has it."""
    lows: list[iv.End] = []
    highs: list[iv.End] = []
    for (xv, xc), (yv, yc) in corners:
        if combine == "mul":
            if xv == 0 or yv == 0:
                zero = D(0), (xc and yc) or (xv == 0 and xc) or (yv == 0 and yc)
                lows.append(zero)
                highs.append(zero)
                continue
            low, high = DOWN.multiply(xv, yv), UP.multiply(xv, yv)
        else:
            if xv == 0:
                lows.append((D(0), xc))
                highs.append((D(0), xc))
                continue
            low, high = DOWN.divide(xv, yv), UP.divide(xv, yv)
        lows.append((low, xc and yc))
        highs.append((high, xc and yc))
    lo = min(v for v, _ in lows)
    hi = max(v for v, _ in highs)
    lo_closed = any(c for v, c in lows if v == lo)
    hi_closed = any(c for v, c in highs if v == hi)
    return Interval(lo, hi, lo_closed and lo.is_finite(), hi_closed and hi.is_finite())


@given(a=intervals(), b=intervals())
def test_a_product_takes_a_points_corners_once_with_the_same_result(a: Interval, b: Interval) -> None:
    if not (a.bounded and b.bounded):
        return  # the reference here leaves out the infinite corners
    assert written(iv.mul(a, b)) == written(_span(_every_corner(a, b), "mul"))


@given(a=intervals(), divisor=st.sampled_from([D("0.5"), D("2"), D("2.0"), D("-4")]))
def test_a_quotient_by_a_point_takes_its_corners_once_with_the_same_result(a: Interval, divisor: D) -> None:
    if not a.bounded:
        return
    by = Interval(divisor, divisor)
    assert written(iv.div(a, by)) == written(_span(_every_corner(a, by), "div"))


def test_whole_numbers_at_open_and_closed_ends() -> None:
    assert iv.integer_hull(Interval(D("0.5"), D(3), True, False)) == Interval(D(1), D(2))
    assert iv.integer_hull(Interval(D(1), D(3), False, True)) == Interval(D(2), D(3))
    assert iv.ceil_each(Interval(D(1), D("2.5"), False, True)) == Interval(D(2), D(3))
    assert iv.floor_each(Interval(D("0.5"), D(2), True, False)) == Interval(D(0), D(1))
