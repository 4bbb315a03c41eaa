"""The range analysis: each leaf's reachable scores, by interval arithmetic
over the input domains, and the passes that judge them.

`analyse` runs once per check (`Context.analysis`) and records, besides each
rule's range, the values of every band metric with the bands they reach and
the values no band covers (for the band checks), and every divisor that can
be zero (for W502).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from rubricdsl import nodes as n
from rubricdsl.checker import intervals as iv
from rubricdsl.checker.context import Context, Node, Scope, num
from rubricdsl.checker.coverage import StepRun
from rubricdsl.checker.evaluate import Evaluator, Trace, apply_clamps
from rubricdsl.checker.intervals import Interval
from rubricdsl.checker.walk import written_points
from rubricdsl.source import Span


class RuleRange(NamedTuple):
    """What one rule gives.  The records the analysis makes for every leaf are
    named tuples, quicker to make than frozen dataclasses."""

    rule: n.SimpleRule
    values: Interval | None  # None: the rule is never reached


class LeafRange(NamedTuple):
    node: Node
    rules: tuple[RuleRange, ...]
    reliable: bool  # False when an unknown name or a cycle made it a guess
    values: Interval | None  # what all its rules together give


class MetricRange(NamedTuple):
    """The values a band rule's metric takes where the rule applies."""

    values: Interval | None  # None: the rule is never reached, or its metric has no value
    integral: bool  # the metric only takes whole numbers
    reached: list[bool]  # for each band of the rule's layout, whether the metric falls in it
    uncovered: list[Interval]  # its values that no band or step holds


_UNKNOWN_METRIC = MetricRange(None, False, [], [])


@dataclass
class Analysis:
    leaves: list[LeafRange] = field(default_factory=list)
    metrics: dict[int, MetricRange] = field(default_factory=dict)  # by the rule's id, as layouts
    risky: dict[Span, Interval] = field(default_factory=dict)

    def metric(self, rule: n.Bands) -> MetricRange:
        """What the rule's metric takes where the rule applies (nothing, if never analysed)."""
        return self.metrics.get(id(rule), _UNKNOWN_METRIC)


def analyse(ctx: Context) -> Analysis:
    analysis = Analysis()
    domains = ctx.domains
    for node in ctx.leaves:
        score = node.indicator.score
        if score is None:
            continue
        trace = Trace(analysis.risky)
        evaluator = Evaluator(ctx, domains, {}, trace)
        ranges = tuple(_rule_ranges(analysis, evaluator, score.rule, ctx.scope_of(node)))
        values = iv.hull_all(r.values for r in ranges)
        analysis.leaves.append(LeafRange(node, ranges, reliable=not trace.unsure, values=values))
    return analysis


def _rule_ranges(analysis: Analysis, ev: Evaluator, rule: n.Rule, scope: Scope) -> Iterator[RuleRange]:
    if not isinstance(rule, n.Guarded):
        yield RuleRange(rule, _simple_range(analysis, ev, rule, scope))
        return
    current: Evaluator | None = ev
    for branch in rule.branches:
        inside = current.narrow(branch.cond, scope, True) if current else None
        yield RuleRange(branch.rule, _simple_range(analysis, inside, branch.rule, scope))
        current = current.narrow(branch.cond, scope, False) if current else None
    yield RuleRange(rule.otherwise, _simple_range(analysis, current, rule.otherwise, scope))


def _simple_range(
    analysis: Analysis, ev: Evaluator | None, rule: n.SimpleRule, scope: Scope
) -> Interval | None:
    """The scores of one rule; None where it is never reached."""
    if ev is None:
        return None
    if isinstance(rule, n.Formula):
        values = ev.value(rule.expr, scope)
    elif isinstance(rule, n.Checklist):
        values = _checklist_range(ev, rule, scope)
    else:
        metric = analysis.metrics[id(rule)] = _metric_range(ev, rule, scope)
        values = _bands_range(ev, rule, metric) if metric.values else None
    return apply_clamps(values, rule.clamps) if values else None


def _metric_range(ev: Evaluator, rule: n.Bands, scope: Scope) -> MetricRange:
    """Worked out once here for the analysis and the band checks alike."""
    values = ev.value(rule.metric, scope)
    integral = ev.integral(rule.metric, scope)
    if values is None:
        return MetricRange(None, integral, [], [])
    layout = ev.ctx.layout(rule)
    reached = [reachable(iv.intersect(held, values), integral) is not None for _, held in layout.bands]
    return MetricRange(values, integral, reached, iv.subtract(values, layout.covered))


def reachable(part: Interval | None, integral: bool) -> Interval | None:
    """What a metric can take of a part of its values: whole numbers only, if it is integral."""
    if part is None:
        return None
    return iv.integer_hull(part) if integral else part


def _checklist_range(ev: Evaluator, rule: n.Checklist, scope: Scope) -> Interval:
    total = iv.point(Decimal(0))
    for item in rule.items:
        answer = iv.intersect(ev.value(item.name, scope) or iv.EVERYTHING, _YES_OR_NO) or _YES_OR_NO
        total = iv.add(total, iv.mul(answer, iv.point(item.points.value)))
    return total


_YES_OR_NO = iv.closed(Decimal(0), Decimal(1))


def _bands_range(ev: Evaluator, rule: n.Bands, metric: MetricRange) -> Interval | None:
    """The points of every band and step the metric can reach."""
    values = metric.values
    assert values is not None
    layout = ev.ctx.layout(rule)
    found: list[Interval | None] = []
    for (band, _), reached in zip(layout.bands, metric.reached, strict=True):
        if reached:
            found.append(iv.point(band.points.value))
    for run in layout.runs:
        part = reachable(iv.intersect(run.region, values), metric.integral)
        if part is not None:
            found.append(_step_scores(run, part, ev.ctx.file.step_policy))
    otherwise = [c for c in rule.clauses if isinstance(c, n.Band) and c.otherwise]
    if otherwise and any(reachable(gap, metric.integral) for gap in metric.uncovered):
        found += [iv.point(clause.points.value) for clause in otherwise]
    return iv.hull_all(found)


def _step_scores(run: StepRun, reached: Interval, default: n.StepPolicy | None) -> Interval | None:
    size = run.step.size.value
    if size <= 0:
        return None
    distance = iv.sub(reached, run.edge) if run.side == "above" else iv.sub(run.edge, reached)
    steps = iv.div(distance, iv.point(size))
    if steps is None:
        return None
    policy = run.step.policy or default
    if policy == "started":
        steps = iv.ceil_each(steps)
    elif policy == "whole":
        steps = iv.floor_each(steps)
    points = iv.point(run.anchor.points.value)
    return iv.add(points, iv.mul(steps, iv.point(run.step.delta.value)))


# ---------------------------------------------------------------- passes


def record_ranges(ctx: Context) -> None:
    """Leave each leaf's reachable [min, max] for the lowering."""
    for leaf in ctx.analysis.leaves:
        values = leaf.values
        if values is not None:
            ctx.ranges[leaf.node.path] = (values.lo, values.hi)


def check_score_ceiling(ctx: Context) -> None:
    """E501: no rule gives more than the leaf's weight."""
    for leaf in ctx.analysis.leaves:
        weight = leaf.node.indicator.weight
        if leaf.values is None or leaf.values.hi <= weight.value:
            continue  # then no rule of the leaf goes higher either
        bad = _first(leaf, functools.partial(_too_high, weight.value))
        if bad is None or bad.values is None:
            continue
        has_cap = any(c.kind == "cap" for c in bad.rule.clamps)
        ctx.report(
            "E501", f"`{leaf.node.name}` can score more than its weight {weight.text}",
            bad.rule.span, notes=[scores_note("this rule", bad.values)],
            hint=f"lower the cap to {weight.text}" if has_cap else f"end the rule with `, cap {weight.text}`",
        )  # fmt: skip


def check_score_floor(ctx: Context) -> None:
    """E502: no rule gives less than 0."""
    for leaf in ctx.analysis.leaves:
        if leaf.values is None or leaf.values.lo >= 0:
            continue  # then no rule of the leaf goes lower either
        bad = _first(leaf, _too_low)
        if bad is None or bad.values is None:
            continue
        has_floor = any(c.kind == "floor" for c in bad.rule.clamps)
        ctx.report(
            "E502", f"`{leaf.node.name}` can score below 0",
            bad.rule.span, notes=[scores_note("this rule", bad.values)],
            hint="raise the floor to 0" if has_floor else "end the rule with `, floor 0` (扣完为止)",
        )  # fmt: skip


def _too_high(limit: Decimal, values: Interval, rule: n.SimpleRule) -> bool:
    return values.hi > limit and not _states_points(rule, limit, True)


def _too_low(values: Interval, rule: n.SimpleRule) -> bool:
    return values.lo < 0 and not _states_points(rule, Decimal(0), False)


def _states_points(rule: n.SimpleRule, limit: Decimal, above: bool) -> bool:
    """Whether the rule writes out points beyond the limit, which E307 reports
    at the points themselves (the more precise place)."""
    points = [p.value for p in written_points(rule)]
    return any(p > limit for p in points) if above else any(p < limit for p in points)


def scores_note(whose: str, values: Interval) -> str:
    """`this rule gives scores in [0, 3]`, or `this rule always gives 12`."""
    if values.is_point:
        return f"{whose} always gives {num(values.lo)}"
    return f"{whose} gives scores in {iv.format_interval(values)}"


def check_full_marks(ctx: Context) -> None:
    """W501: some inputs earn the leaf its full weight."""
    for leaf in ctx.analysis.leaves:
        values, weight = leaf.values, leaf.node.indicator.weight
        if not leaf.reliable or values is None or values.contains(weight.value) or values.hi > weight.value:
            continue
        score = leaf.node.indicator.score
        assert score is not None
        best = f"less than {num(values.hi)}" if not values.hi_closed else f"at most {num(values.hi)}"
        ctx.report(
            "W501", f"`{leaf.node.name}` scores {best}, never its full weight {weight.text}", score.span,
            notes=[scores_note("its rule", values)],
            hint="check the points of its bands or its formula",
        )  # fmt: skip


def check_divisions(ctx: Context) -> None:
    """W502: a divisor that can be zero, unguarded."""
    for span, values in sorted(ctx.analysis.risky.items(), key=lambda item: item[0].start):
        divisor = ctx.source.snippet(span)
        if values.is_point:
            _report_zero_divisor(ctx, span, divisor)
            continue
        guard = divisor if divisor in ctx.inputs or " " not in divisor else "…"
        ctx.report(
            "W502", f"`{divisor}` can be 0 here, and nothing guards this division", span,
            notes=[f"`{divisor}` can be anything in {iv.format_interval(values)}"],
            hint=f"guard the rule with `when {guard} = 0: … else: …`"
            + (f", or declare the input `{divisor}` with `> 0`" if divisor in ctx.inputs else ""),
        )  # fmt: skip


def _report_zero_divisor(ctx: Context, span: Span, divisor: str) -> None:
    """A divisor that is 0 wherever this division is reached: a literal `0`, or a
    name that a `when` before it has pinned to 0."""
    constant = _is_literal(divisor)
    ctx.report(
        "W502", f"the divisor `{divisor}` is always zero" + ("" if constant else " here"), span,
        hint="divide by a number other than 0" if constant
        else f"where `{divisor}` is 0, give the points without dividing by it",
    )  # fmt: skip


def _is_literal(text: str) -> bool:
    """A number as written (`0`, `0%`): names never start with a digit."""
    return text.strip()[:1].isdigit()


def _first(leaf: LeafRange, bad: Callable[[Interval, n.SimpleRule], bool]) -> RuleRange | None:
    if not leaf.reliable:
        return None
    return next((r for r in leaf.rules if r.values is not None and bad(r.values, r.rule)), None)
