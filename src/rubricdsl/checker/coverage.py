"""Where bands and steps act on their metric, as intervals.

A band covers its own interval.  A step covers, on each side it runs, the
stretch from its anchor's edge to where the next band begins
(`semantics.step_geometry`), so steps never overlap the bands that end them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple

from rubricdsl import nodes as n
from rubricdsl import semantics
from rubricdsl.checker import intervals as iv
from rubricdsl.checker.intervals import INF, NEG_INF, Interval

Side = Literal["above", "below"]


def band_interval(band: n.Band) -> Interval | None:
    """The values a band holds (None for `otherwise` or an empty band)."""
    if band.otherwise:
        return None
    lo, lo_closed = (band.lower.value.value, band.lower.closed) if band.lower else (NEG_INF, False)
    hi, hi_closed = (band.upper.value.value, band.upper.closed) if band.upper else (INF, False)
    return iv.make(lo, hi, lo_closed, hi_closed)


class StepRun(NamedTuple):
    """One side on which a step acts: from `edge` outward over `region`."""

    step: n.Step
    anchor: n.Band
    side: Side
    edge: Interval  # the anchor's edge, as a single point
    region: Interval


def step_runs(clauses: Sequence[n.Band | n.Step], index: int) -> Iterator[StepRun]:
    """The sides a step acts on; none if its anchor or direction is unsettled."""
    step = clauses[index]
    assert isinstance(step, n.Step)
    anchor_at = semantics.anchor_index(clauses, index)
    if anchor_at is None:
        return
    anchor = clauses[anchor_at]
    assert isinstance(anchor, n.Band)
    direction = semantics.infer_direction(step, anchor)
    if direction is None:
        return
    geometry = semantics.step_geometry(clauses, anchor, direction)
    bands = [c for c in clauses if isinstance(c, n.Band) and c is not anchor and not c.otherwise]
    sides: tuple[tuple[Side, Decimal | None, Interval | None], ...] = (
        ("above", geometry.edge_above, _region_above(geometry, bands)),
        ("below", geometry.edge_below, _region_below(geometry, bands)),
    )
    for side, edge, region in sides:
        if region is not None and edge is not None:
            yield StepRun(step, anchor, side, iv.point(edge), region)


def _region_above(geometry: semantics.StepGeometry, bands: list[n.Band]) -> Interval | None:
    """From the anchor's upper edge up to where the next band begins (or on)."""
    if geometry.edge_above is None:
        return None
    limit = geometry.limit_above
    next_band_has_it = any(b.lower and b.lower.value.value == limit and b.lower.closed for b in bands)
    return iv.make(
        geometry.edge_above, limit if limit is not None else INF,
        not geometry.edge_above_closed, limit is not None and not next_band_has_it,
    )  # fmt: skip


def _region_below(geometry: semantics.StepGeometry, bands: list[n.Band]) -> Interval | None:
    """From the anchor's lower edge down to where the next band ends (or on)."""
    if geometry.edge_below is None:
        return None
    limit = geometry.limit_below
    next_band_has_it = any(b.upper and b.upper.value.value == limit and b.upper.closed for b in bands)
    return iv.make(
        limit if limit is not None else NEG_INF, geometry.edge_below,
        limit is not None and not next_band_has_it, not geometry.edge_below_closed,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a rule's bands and steps act on its metric."""

    bands: list[tuple[n.Band, Interval]]  # the bands that hold some value, `otherwise` aside
    runs: list[StepRun]  # the settled steps' runs

    @property
    def covered(self) -> list[Interval]:
        """Every interval the bands and the step runs hold."""
        return [held for _, held in self.bands] + [run.region for run in self.runs]


def layout(rule: n.Bands) -> Layout:
    helds = ((c, band_interval(c)) for c in rule.clauses if isinstance(c, n.Band))
    bands = [(band, held) for band, held in helds if held is not None]
    return Layout(bands, all_step_runs(rule))


def all_step_runs(rule: n.Bands) -> list[StepRun]:
    return [
        run
        for i, clause in enumerate(rule.clauses)
        if isinstance(clause, n.Step)
        for run in step_runs(rule.clauses, i)
    ]


def has_otherwise(rule: n.Bands) -> bool:
    return any(isinstance(c, n.Band) and c.otherwise for c in rule.clauses)


def shows_percent(rule: n.Bands) -> bool:
    """Whether the rule writes its metric in percents, to speak the same way."""
    literals = [c.size for c in rule.clauses if isinstance(c, n.Step)]
    for clause in rule.clauses:
        if isinstance(clause, n.Band):
            literals += [b.value for b in (clause.lower, clause.upper) if b is not None]
    return any(lit.kind in ("percent", "pp") for lit in literals)
