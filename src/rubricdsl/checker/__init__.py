"""The checker: an ordered tuple of small named passes over the AST.

Each pass reads the `RubricFile` and reports diagnostics; none raises for a
user error.  The range analysis also leaves each leaf's reachable score
interval in `CheckResult.ranges`, which the lowering copies into the IR.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rubricdsl.diagnostics import Diagnostic
from rubricdsl.nodes import RubricFile
from rubricdsl.source import Source

LeafPath = tuple[str, ...]


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ranges: dict[LeafPath, tuple[Decimal, Decimal]] = field(default_factory=dict)


def check(file: RubricFile, source: Source) -> CheckResult:
    # Placeholder until the passes land: accepts everything.
    return CheckResult()
