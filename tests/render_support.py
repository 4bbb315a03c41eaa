"""Helpers shared by the renderer tests: rubrics to render, score reports and failures by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rubricdsl.diagnostics import render_all_text
from rubricdsl.frontend import analyse, read_source
from rubricdsl.ir import RubricIR

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "rubrics" / "dept-overall-2021.rubric"
CASES = ROOT / "tests" / "cases" / "render"
FOUR_LEVEL = CASES / "four-level.rubric"
HOSTILE = CASES / "hostile.rubric"
GOLDEN_RENDER = ROOT / "tests" / "golden" / "render"


def load_ir(path: Path) -> RubricIR:
    analysis = analyse(read_source(path))
    assert analysis.ir is not None, render_all_text(analysis.diagnostics)
    return analysis.ir


@dataclass(frozen=True)
class Trace:
    score: Decimal
    lost: Decimal
    applied: str


@dataclass(frozen=True)
class Report:
    """A score report made by hand: every leaf gets `leaf_scores` or full marks."""

    total: Decimal
    grade: str | None
    scores: dict[str, Decimal]
    traces: dict[str, Trace] = field(default_factory=dict)


def report_for(rubric: RubricIR, leaf_scores: dict[str, str], grade: str | None = None) -> Report:
    """Leaves by name; groups are the sums of their leaves."""
    scores: dict[str, Decimal] = {}
    traces: dict[str, Trace] = {}
    for leaf in rubric.leaves():
        score = Decimal(leaf_scores.get(leaf.name, str(leaf.weight)))
        path = "/".join(leaf.path)
        scores[path] = score
        lost = leaf.weight - score
        traces[path] = Trace(score, lost, f"{leaf.name}未达标" if lost else "全部达标")
    for node in reversed(rubric.walk()):
        if node.children:
            scores["/".join(node.path)] = sum((scores["/".join(c.path)] for c in node.children), Decimal(0))
    total = sum((scores["/".join(top.path)] for top in rubric.indicators), Decimal(0))
    return Report(total, grade, scores, traces)


@dataclass(frozen=True)
class Failure:
    """A record that could not be scored, shaped like the runtime's batch outcome."""

    number: int
    where: str  # "row 5" / "record 3"
    label: str
    error: str

    @classmethod
    def row(cls, number: int, label: str, error: str) -> Failure:
        return cls(number, f"row {number}", label, error)
