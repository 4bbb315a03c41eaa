"""Passes over the indicator tree: levels, rules per node, weights, points."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rubricdsl import nodes as n
from rubricdsl.checker.context import Context, Node, num, plural
from rubricdsl.checker.walk import written_points
from rubricdsl.diagnostics import Label
from rubricdsl.source import Span


def check_leaf_depth(ctx: Context) -> None:
    """E306: every leaf sits at the last declared level."""
    levels = ctx.file.levels
    if not levels:
        return
    last = levels[-1]
    for leaf in ctx.leaves:
        if leaf.depth != len(levels):
            ctx.report(
                "E306",
                f"`{leaf.name}` is a leaf at level {leaf.depth}, "
                f"but the rubric has {plural(len(levels), 'level')}",
                leaf.indicator.name.span,
                labels=[Label(last.span, f"leaves belong at level {len(levels)}, {last.name}")],
                hint=_depth_hint(leaf, len(levels)),
            )


def _depth_hint(leaf: Node, wanted: int) -> str:
    if leaf.depth < wanted:
        return f"group it under {plural(wanted - leaf.depth, 'more level')}, or change `levels`"
    return "remove a level of grouping above it, or change `levels`"


def check_leaf_rules(ctx: Context) -> None:
    """E303, E304: a leaf has a score; a group has none."""
    for node in ctx.nodes:
        indicator = node.indicator
        if indicator.is_leaf and indicator.score is None:
            ctx.report(
                "E303", f"`{node.name}` has no score", indicator.name.span,
                hint="add a rule, e.g. `score: 3 − 0.5 per 不符合项数, floor 0`, or child indicators",
            )  # fmt: skip
        if not indicator.is_leaf and indicator.score is not None:
            ctx.report(
                "E304", f"`{node.name}` has children, so it cannot have a score of its own",
                indicator.score.span,
                labels=[Label(indicator.name.span, "a group scores its children's sum")],
                hint="move the rule into a child indicator",
            )  # fmt: skip


def check_repeated_items(ctx: Context) -> None:
    """E305: a second `score`, `criterion` or `explain` in one block."""
    for node in ctx.nodes:
        for span in node.indicator.duplicates:
            keyword, first = _first_of_kind(ctx, node.indicator, span)
            ctx.report(
                "E305", f"`{node.name}` has a second `{keyword}`", span,
                labels=[Label(first, "the first one")] if first else [],
                hint=f"keep one `{keyword}` per indicator",
            )  # fmt: skip


def _first_of_kind(ctx: Context, indicator: n.Indicator, span: Span) -> tuple[str, Span | None]:
    """Which statement a duplicate repeats, told from the keyword before it."""
    before = ctx.source.text[: span.start].rstrip()
    at = ctx.source.snippet(span)
    if at.startswith("score") or indicator.score is None:
        return "score", indicator.score.span if indicator.score else None
    if before.endswith("criterion"):
        return "criterion", indicator.criterion.span if indicator.criterion else None
    return "explain", indicator.explain.span if indicator.explain else None


def check_weight_sums(ctx: Context) -> None:
    """E301: a group's children weigh as much as the group."""
    for node in ctx.nodes:
        group = node.indicator
        if not group.is_leaf:
            _check_sum(ctx, group.children, group.weight, f"the children of `{node.name}`", node.name)


def check_total_sum(ctx: Context) -> None:
    """E302: the top-level indicators weigh as much as `total`."""
    total = ctx.file.total
    if total is not None:
        _check_sum(ctx, ctx.file.indicators, total, "the top-level indicators", None)


def _check_sum(
    ctx: Context, children: Sequence[n.Indicator], expected: n.Num, whose: str, parent: str | None
) -> None:
    actual = sum((child.weight.value for child in children), Decimal(0))
    if actual == expected.value:
        return
    terms = " + ".join(f"{child.name.name} {child.weight.text}" for child in children) or "nothing"
    fix = f"change the weight of `{parent}`" if parent else "change `total`"
    ctx.report(
        "E301" if parent else "E302",
        f"{whose} add up to {num(actual)}, but {'its weight' if parent else 'the total'} is {expected.text}",
        expected.span,
        labels=[Label(child.weight.span, "") for child in children],
        notes=[f"{terms} = {num(actual)}"],
        hint=f"make them add up to {expected.text}, or {fix} to {num(actual)}",
    )


def check_points_within_weight(ctx: Context) -> None:
    """E307: band and checklist points between 0 and the leaf's weight."""
    for node, simple in ctx.simple_rules:
        if not node.indicator.is_leaf:
            continue  # a group's rule is E304 already
        weight = node.indicator.weight
        for points in written_points(simple):
            if points.value < 0:
                problem = "less than 0"
            elif points.value > weight.value:
                problem = f"more than the weight {weight.text} of `{node.name}`"
            else:
                continue
            ctx.report(
                "E307", f"{ctx.source.snippet(points.span)} points is {problem}", points.span,
                labels=[Label(weight.span, "the weight")],
                hint=f"give between 0 and {weight.text} points",
            )  # fmt: skip
