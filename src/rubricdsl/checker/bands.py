"""Passes over bands and steps: `otherwise`, step settings, overlaps, gaps."""

from __future__ import annotations

from rubricdsl import nodes as n
from rubricdsl import semantics
from rubricdsl.checker import intervals as iv
from rubricdsl.checker.context import Context
from rubricdsl.checker.coverage import has_otherwise, shows_percent
from rubricdsl.checker.ranges import reachable
from rubricdsl.diagnostics import Label


def _bounds_text(ctx: Context, band: n.Band) -> str:
    """`[50%, 80%)` of `[50%, 80%) → 2`."""
    text = ctx.source.snippet(band.span)
    for arrow in ("→", "->"):
        text = text.split(arrow)[0]
    return text.strip()


def check_otherwise_placement(ctx: Context) -> None:
    """E403, E404: one `otherwise`, and nothing after it."""
    for rule in ctx.band_rules:
        first = None
        for clause in rule.clauses:
            if first is not None:
                is_repeat = isinstance(clause, n.Band) and clause.otherwise
                code, message = ("E403", "`otherwise` is given twice") if is_repeat else (
                    "E404", "this clause comes after `otherwise`")
                ctx.report(
                    code, message, clause.span,
                    labels=[Label(first.span, "`otherwise` takes all that is left")],
                    hint="make `otherwise` the last clause, and write it once",
                )  # fmt: skip
                break
            if isinstance(clause, n.Band) and clause.otherwise:
                first = clause


def check_steps(ctx: Context) -> None:
    """E405–E409: a step needs an anchor, a direction, a policy and a size."""
    for rule in ctx.band_rules:
        for index, clause in enumerate(rule.clauses):
            if isinstance(clause, n.Step):
                _check_step(ctx, rule.clauses, index, clause)


def _check_step(ctx: Context, clauses: tuple[n.Band | n.Step, ...], index: int, step: n.Step) -> None:
    if step.size.value <= 0:
        ctx.report(
            "E408", "the step size must be greater than 0", step.size.span,
            hint="count steps of a positive size, e.g. `each whole 5% below → −0.5`",
        )  # fmt: skip
    if semantics.effective_policy(step, ctx.file.step_policy) is None:
        _report_unsettled_policy(ctx, step)
    _check_anchor_and_direction(ctx, clauses, index, step)


def _check_anchor_and_direction(
    ctx: Context, clauses: tuple[n.Band | n.Step, ...], index: int, step: n.Step
) -> None:
    anchor_at = semantics.anchor_index(clauses, index)
    if anchor_at is None:
        ctx.report(
            "E405", "this step has no band before it to count from", step.span,
            hint="write the band that earns the starting points first, e.g. `≤ 5% → 5; each +0.1pp → −0.1`",
        )  # fmt: skip
        return
    anchor = clauses[anchor_at]
    assert isinstance(anchor, n.Band)
    direction = semantics.infer_direction(step, anchor)
    if direction is None:
        size = ctx.source.snippet(step.size.span)
        ctx.report(
            "E406", "this step could run either way from its band", step.span,
            labels=[Label(anchor.span, "bounded on both sides")],
            hint=f"say which way: `each +{size}` (above), `each −{size}` (below) or `each ±{size}` (both)",
        )  # fmt: skip
        return
    _check_open_side(ctx, step, anchor, direction)


def _report_unsettled_policy(ctx: Context, step: n.Step) -> None:
    text = ctx.source.snippet(step.span)
    fixed = text.replace("each", "each whole", 1)
    ctx.report(
        "E407", "this step does not say how a partial step counts", step.span,
        notes=["`started` counts a begun step, `whole` only complete ones, `pro-rata` the fraction"],
        hint=f"write `{fixed}` (or `started`, `pro-rata`), or declare `steps whole` once for the rubric",
    )


def _check_open_side(ctx: Context, step: n.Step, anchor: n.Band, direction: n.StepDirection) -> None:
    missing = []
    if direction in ("above", "both") and anchor.upper is None:
        missing.append("upper")
    if direction in ("below", "both") and anchor.lower is None:
        missing.append("lower")
    if missing:
        side = " or ".join(missing)
        ctx.report(
            "E409", f"this step runs {direction.replace('both', 'both ways')} its band, "
            f"which has no {side} edge", step.span,
            labels=[Label(anchor.span, f"no {side} edge")],
            hint="reverse the step's direction, or bound the band on that side",
        )  # fmt: skip


def check_band_overlaps(ctx: Context) -> None:
    """E401: no value falls in two bands."""
    for rule in ctx.band_rules:
        integral = ctx.analysis.metric(rule).integral
        bands = ctx.layout(rule).bands
        for i, (earlier, a) in enumerate(bands):
            for later, b in bands[i + 1 :]:
                common = reachable(iv.intersect(a, b), integral)
                if common is not None:
                    _report_overlap(ctx, rule, earlier, later, common)


def _report_overlap(ctx: Context, rule: n.Bands, earlier: n.Band, later: n.Band, common: iv.Interval) -> None:
    shown = iv.format_interval(common, shows_percent(rule))
    ctx.report(
        "E401", f"`{_bounds_text(ctx, later)}` overlaps `{_bounds_text(ctx, earlier)}` on `{shown}`",
        later.span, labels=[Label(earlier.span, "overlaps this band")],
        hint="make one of the bounds open, so that each value falls in one band",
    )  # fmt: skip


def check_band_gaps(ctx: Context) -> None:
    """E402: the bands cover every value the metric can take."""
    for rule in ctx.band_rules:
        metric = ctx.analysis.metric(rule)
        domain = metric.values
        if domain is None or not metric.uncovered or has_otherwise(rule) or _has_unsettled_step(ctx, rule):
            continue  # an unsettled step (E405, E406, E409) would only echo as a gap
        for gap in metric.uncovered:
            shown_gap = reachable(gap, metric.integral)
            if shown_gap is not None:
                _report_gap(ctx, rule, gap, shown_gap, domain)


def _has_unsettled_step(ctx: Context, rule: n.Bands) -> bool:
    runs = {id(run.step) for run in ctx.layout(rule).runs}
    return any(isinstance(c, n.Step) and id(c) not in runs for c in rule.clauses)


def _report_gap(
    ctx: Context, rule: n.Bands, gap: iv.Interval, shown: iv.Interval, domain: iv.Interval
) -> None:
    percent = shows_percent(rule)
    text = iv.format_interval(shown, percent)
    bands = ctx.layout(rule).bands
    after = [c for c, b in bands if b.lo == gap.hi]
    before = [c for c, b in bands if b.hi == gap.lo]
    primary = after[0].span if after else before[0].span if before else rule.metric.span
    labels = [Label(before[0].span, "the band just below the gap")] if after and before else []
    metric = ctx.source.snippet(rule.metric.span)
    ctx.report(
        "E402", f"`{text}` is not covered by any band", primary, labels=labels,
        notes=[f"`{metric}` can be anything in {iv.format_interval(domain, percent)}"],
        hint=f"add a band for `{text}`, or end the bands with `otherwise → 0`",
    )  # fmt: skip


def check_dead_bands(ctx: Context) -> None:
    """W401: every band holds some value the metric can take."""
    if ctx.domains.empty:
        return  # an input without values (E208) leaves no domain to judge bands by
    for rule in ctx.band_rules:
        metric = ctx.analysis.metric(rule)
        domain = metric.values
        if domain is None:
            continue  # the rule is never reached, or its metric has no value
        layout = ctx.layout(rule)
        anchors = [run.anchor for run in layout.runs]  # their steps need them all the same
        # An empty band such as `(5, 5)` is a different mistake: the layout leaves it out.
        for (band, _), reached in zip(layout.bands, metric.reached, strict=True):
            if not reached and not any(band is anchor for anchor in anchors):
                _report_dead_band(ctx, rule, band, domain)


def _report_dead_band(ctx: Context, rule: n.Bands, band: n.Band, domain: iv.Interval) -> None:
    metric = ctx.source.snippet(rule.metric.span)
    shown = iv.format_interval(domain, shows_percent(rule))
    ctx.report(
        "W401", f"the band `{_bounds_text(ctx, band)}` can never apply", band.span,
        notes=[f"`{metric}` can only be in {shown}"],
        hint="remove the band, or check the constraints of the inputs it depends on",
    )  # fmt: skip
