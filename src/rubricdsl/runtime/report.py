"""The result of scoring one record.

Scoring computes only the rounded leaves, the total and the grade; every
indicator's score, the traces and the explanation are worked out when first
asked for, so scoring many records stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rubricdsl import ir
from rubricdsl.compiler import Scorer, text
from rubricdsl.compiler.text import CONTEXT, plain
from rubricdsl.runtime import trace
from rubricdsl.runtime.names import IndicatorIndex


@dataclass(frozen=True, slots=True)
class LeafTrace:
    """How one leaf was scored."""

    name: str
    path: str  # 投入/预算编制/准确性
    weight: Decimal
    score: Decimal  # rounded
    lost: Decimal  # weight − score
    metric_name: str | None  # for band rules: the metric scored
    metric_value: Decimal | None
    applied: str  # in words: the branch, band, steps or items that applied
    inputs: dict[str, Decimal | bool]  # the values this leaf read
    lets: dict[str, Decimal]  # the derived values it computed


class Layout:
    """What every report of one rubric shares: its indicators and scorer."""

    def __init__(self, rubric: ir.RubricIR, scorer: Scorer) -> None:
        self.ir = rubric
        self.scorer = scorer
        self.nodes = scorer.nodes
        self.leaves = scorer.leaves
        self.index = IndicatorIndex(self.nodes)
        self.keys = scorer.keys
        self.input_names = [spec.name for spec in rubric.inputs]


class ScoreReport:
    """Scores of one record: `.total`, `.grade`, `.score_of(...)`, `.explain()`, `.to_dict()`."""

    __slots__ = ("_all", "_layout", "_traces", "grade", "leaf_scores", "total", "values")

    def __init__(
        self,
        layout: Layout,
        values: tuple[Any, ...],
        leaf_scores: tuple[Decimal, ...],
        total: Decimal,
        grade: str | None,
    ) -> None:
        self._layout = layout
        self.values = values  # the coerced inputs, in declaration order
        self.leaf_scores = leaf_scores  # rounded, in leaf order
        self.total = total
        self.grade = grade
        self._all: tuple[Decimal, ...] | None = None
        self._traces: dict[str, LeafTrace] | None = None

    def __repr__(self) -> str:
        return f"ScoreReport(total={self.total}, grade={self.grade!r})"

    def _every_score(self) -> tuple[Decimal, ...]:
        if self._all is None:
            self._all = self._layout.scorer.scores(self.leaf_scores)
        return self._all

    def ordered_scores(self) -> tuple[Decimal, ...]:
        """Every indicator's score, parents first, in the order of `Rubric.indicator_keys`."""
        return self._every_score()

    @property
    def scores(self) -> dict[str, Decimal]:
        """Every indicator's score by path (`投入/预算编制/准确性`), parents first."""
        return dict(zip(self._layout.index.paths, self._every_score(), strict=True))

    @property
    def inputs(self) -> dict[str, Decimal | bool]:
        return dict(zip(self._layout.input_names, self.values, strict=True))

    def score_of(self, name_or_path: str) -> Decimal:
        """The score of a leaf or group, by its name (when unique) or its path."""
        return self._every_score()[self._layout.index.find(name_or_path)]

    @property
    def traces(self) -> dict[str, LeafTrace]:
        """How each leaf was scored, by path."""
        if self._traces is None:
            facts = self._layout.scorer.explain(self.values)
            inputs = self.inputs
            self._traces = {
                "/".join(leaf.path): _leaf_trace(leaf, found, inputs)
                for leaf, found in zip(self._layout.leaves, facts, strict=True)
            }
        return self._traces

    def explain(self) -> str:
        """One line per indicator: what applied and the score, then the total and grade."""
        lines = []
        traces = self.traces
        for node, score in zip(self._layout.nodes, self._every_score(), strict=True):
            head = f"{'  ' * (node.level - 1)}{node.name}  {plain(score)}/{plain(node.weight)}分"
            applied = traces["/".join(node.path)].applied if node.is_leaf else ""
            lines.append(f"{head}  {applied}".rstrip())
        grade = f"，等级 {self.grade}" if self.grade else ""
        lines.append(f"总分 {plain(self.total)}/{plain(self._layout.ir.total)}{grade}")
        return "\n".join(lines)

    def to_dict(self, traces: bool = False) -> dict[str, Any]:
        """JSON-able: total, grade and every score as decimal text, keyed by name (or path)."""
        out: dict[str, Any] = {
            "total": _text(self.total),
            "grade": self.grade,
            "scores": {k: _text(v) for k, v in zip(self._layout.keys, self._every_score(), strict=True)},
        }
        if traces:
            out["traces"] = {path: _trace_dict(t) for path, t in self.traces.items()}
        return out


def _text(value: Decimal) -> str:
    return format(value.copy_abs() if value.is_zero() else value, "f")


def _leaf_trace(leaf: ir.Indicator, facts: dict[str, Any], inputs: dict[str, Decimal | bool]) -> LeafTrace:
    read = {name: inputs[name] for name in leaf.inputs}
    metric_name = None
    branch_rule = _chosen_rule(leaf.rule, facts)
    if isinstance(branch_rule, ir.BandsRule):
        metric_name = branch_rule.metric_name or text.expr(branch_rule.metric)
    score = facts["score"]
    return LeafTrace(
        name=leaf.name,
        path="/".join(leaf.path),
        weight=leaf.weight,
        score=score,
        lost=CONTEXT.subtract(leaf.weight, score),
        metric_name=metric_name,
        metric_value=facts.get("metric"),
        applied=trace.applied(leaf, facts, read),
        inputs=read,
        lets=dict(facts.get("lets", {})),
    )


def _chosen_rule(rule: ir.Rule | None, facts: dict[str, Any]) -> ir.Rule | None:
    if isinstance(rule, ir.GuardedRule):
        branch = facts["branch"]
        return rule.branches[branch].rule if branch < len(rule.branches) else rule.otherwise
    return rule


def _trace_dict(item: LeafTrace) -> dict[str, Any]:
    def value(v: object) -> object:
        return _text(v) if isinstance(v, Decimal) else v

    return {
        "score": _text(item.score),
        "lost": _text(item.lost),
        "metric": item.metric_name,
        "metric_value": value(item.metric_value),
        "applied": item.applied,
        "inputs": {k: value(v) for k, v in item.inputs.items()},
    }
