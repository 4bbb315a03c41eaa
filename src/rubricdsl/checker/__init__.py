"""The checker: an ordered tuple of small named passes over the AST.

Each pass reads the `RubricFile` through a shared `Context` and reports
diagnostics; none raises for a user error.  The range analysis also leaves
each leaf's reachable score interval in `CheckResult.ranges`, which the
lowering copies into the IR.  To find the pass behind a code, search this
tuple: each pass names in its docstring the codes it reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rubricdsl.checker import bands, examples, given, grades, header, inputs, names, ranges, tree, units
from rubricdsl.checker.context import Context, LeafPath
from rubricdsl.diagnostics import Diagnostic, sort_key
from rubricdsl.nodes import RubricFile
from rubricdsl.source import Source

Pass = Callable[[Context], None]

PASSES: tuple[Pass, ...] = (
    # header
    header.check_required_header,
    header.check_repeated_header,
    header.check_total_positive,
    header.check_rounding,
    header.check_effective_date,
    # names
    names.check_duplicate_inputs,
    names.check_duplicate_siblings,
    names.check_duplicate_lets,
    names.check_let_shadows_input,
    names.check_let_cycles,
    names.check_unknown_names,
    names.check_checklist_repeats,
    # inputs, types and units
    units.check_judged_bounds,
    inputs.check_input_domains,
    inputs.check_unused_inputs,
    units.check_expression_units,
    units.check_checklist_items,
    units.check_conditions,
    # the tree and its weights
    tree.check_leaf_depth,
    tree.check_leaf_rules,
    tree.check_repeated_items,
    tree.check_weight_sums,
    tree.check_total_sum,
    tree.check_points_within_weight,
    # bands and steps
    bands.check_otherwise_placement,
    bands.check_steps,
    bands.check_band_overlaps,
    bands.check_band_gaps,
    bands.check_dead_bands,
    # reachable scores
    ranges.record_ranges,
    ranges.check_score_ceiling,
    ranges.check_score_floor,
    ranges.check_full_marks,
    ranges.check_divisions,
    # grades
    grades.check_grade_order,
    grades.check_grade_names,
    grades.check_grade_coverage,
    grades.check_grade_thresholds,
    # worked examples
    examples.check_example_names,
    examples.check_example_bases,
    given.check_example_given,
    given.check_example_complete,
    examples.check_example_expect,
)


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ranges: dict[LeafPath, tuple[Decimal, Decimal]] = field(default_factory=dict)


def check(file: RubricFile, source: Source, passes: tuple[Pass, ...] = PASSES) -> CheckResult:
    """Run the passes in order; diagnostics come back sorted by position."""
    ctx = Context(file, source)
    for run in passes:
        run(ctx)
    return CheckResult(sorted(ctx.diagnostics, key=sort_key), ctx.ranges)


__all__ = ["PASSES", "CheckResult", "LeafPath", "Pass", "check"]
