"""Meanings shared by the checker and the lowering to IR, defined once.

* Scopes: a leaf sees the rubric's top-level `let`s, those of every group
  above it, and its own; an inner definition hides an outer one.
* Steps: a step clause (`each +0.1pp → −0.1`) is anchored on the nearest band
  written before it.  Its direction is the sign or word it was written with,
  or else the one open side of the anchor (`≤ 5%` → above, `≥ 100%` → below).
  It acts from the anchor's edge up to where the next band on that side
  begins, so a later `> 30% → 0` ends the steps rather than overlapping them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rubricdsl import nodes as n


def visible_lets(file: n.RubricFile, ancestry: Sequence[n.Indicator]) -> dict[str, n.LetDecl]:
    """The `let`s a node sees, given the chain of indicators from the top to it."""
    scope = nested_lets({}, file.lets)
    for node in ancestry:
        scope = nested_lets(scope, node.lets)
    return scope


def nested_lets(outer: Mapping[str, n.LetDecl], lets: Iterable[n.LetDecl]) -> dict[str, n.LetDecl]:
    """The `let`s seen inside a block: the outer ones, hidden by the block's own."""
    return {**outer, **{let.name.name: let for let in lets}}


def anchor_index(clauses: Sequence[n.Band | n.Step], step_index: int) -> int | None:
    """The band a step counts from: the nearest bounded band before it."""
    for i in range(step_index - 1, -1, -1):
        clause = clauses[i]
        if isinstance(clause, n.Band) and not clause.otherwise:
            return i
    return None


def infer_direction(step: n.Step, anchor: n.Band) -> n.StepDirection | None:
    """The step's direction, written or implied; None if it cannot be told."""
    if step.direction is not None:
        return step.direction
    if anchor.lower is None and anchor.upper is not None:
        return "above"
    if anchor.upper is None and anchor.lower is not None:
        return "below"
    return None


@dataclass(frozen=True, slots=True)
class StepGeometry:
    """Where a step acts: from each edge outward, up to a limit (None: no end)."""

    edge_above: Decimal | None
    edge_above_closed: bool
    edge_below: Decimal | None
    edge_below_closed: bool
    limit_above: Decimal | None
    limit_below: Decimal | None


def step_geometry(
    clauses: Sequence[n.Band | n.Step], anchor: n.Band, direction: n.StepDirection
) -> StepGeometry:
    up = anchor.upper if direction in ("above", "both") else None
    down = anchor.lower if direction in ("below", "both") else None
    bands = [c for c in clauses if isinstance(c, n.Band) and not c.otherwise and c is not anchor]
    limit_above = limit_below = None
    if up is not None:
        starts = [b.lower.value.value for b in bands if b.lower and b.lower.value.value >= up.value.value]
        limit_above = min(starts, default=None)
    if down is not None:
        ends = [b.upper.value.value for b in bands if b.upper and b.upper.value.value <= down.value.value]
        limit_below = max(ends, default=None)
    return StepGeometry(
        edge_above=up.value.value if up else None,
        edge_above_closed=up.closed if up else False,
        edge_below=down.value.value if down else None,
        edge_below_closed=down.closed if down else False,
        limit_above=limit_above,
        limit_below=limit_below,
    )


def effective_policy(step: n.Step, default: n.StepPolicy | None) -> n.StepPolicy | None:
    """The clause's own policy, else the rubric's `steps` default, else None (an error)."""
    return step.policy or default
