"""Scoring rules → statements that leave the leaf's score in `_s`.

Guards try their branches in order.  Bands test the bounded bands first (the
checker proved they do not overlap), then the steps beyond each anchor's
edge up to their limit, then `otherwise`; a metric no clause covers is an
input error.  Clamps apply in the order written.
"""

from __future__ import annotations

from collections.abc import Sequence

from rubricdsl import ir
from rubricdsl.compiler import text
from rubricdsl.compiler.emit import Block, literal
from rubricdsl.compiler.leaf import ExprWriter
from rubricdsl.errors import InternalError

Clause = ir.Band | ir.Step


class RuleWriter(ExprWriter):
    def rule(self, rule: ir.Rule, block: Block) -> None:
        if isinstance(rule, ir.GuardedRule):
            self.branches(rule.branches, rule.otherwise, 0, block)
        else:
            self.simple(rule, block)

    def branches(
        self, branches: Sequence[ir.Branch], otherwise: ir.SimpleRule, index: int, block: Block
    ) -> None:
        """`if c0: … elif c1: … else: …`, nesting under `else` where a condition needs statements."""
        keyword = "if"
        while index < len(branches):
            scratch = block if keyword == "if" else block.child()
            cond = self.cond(branches[index].cond, scratch)
            if scratch is not block and scratch.lines:
                self.branches(branches, otherwise, index, scratch := block.child())
                block.nest("else:", scratch)
                return
            body = block.child()
            self.trace(body, "branch", str(index))
            self.simple(branches[index].rule, body)
            block.nest(f"{keyword} {cond}:", body)
            keyword, index = "elif", index + 1
        body = block.child()
        self.trace(body, "branch", str(len(branches)))
        self.simple(otherwise, body)
        block.nest("else:", body)

    def simple(self, rule: ir.SimpleRule, block: Block) -> None:
        if isinstance(rule, ir.FormulaRule):
            block.line(f"_s = {self.expr(rule.expr, block)}")
        elif isinstance(rule, ir.ChecklistRule):
            block.line(f"_s = {self.checklist(rule)}")
        else:
            self.bands(rule, block)
        self.trace(block, "value", "_s")
        for clamp in rule.clamps:
            bound = self.const(clamp.bound)
            block.line(f"if _s {'<' if clamp.kind == 'floor' else '>'} {bound}:")
            block.line(f"    _s = {bound}")

    def checklist(self, rule: ir.ChecklistRule) -> str:
        terms = [
            f"({self.const(item.points)} if {self.input_var(item.input)} else _ZERO)" for item in rule.items
        ]
        return " + ".join(terms) or "_ZERO"

    def trace(self, block: Block, key: str, value: str) -> None:
        if self.tracing:
            block.line(f"_f[{literal(key)}] = {value}")

    # ------------------------------------------------------------ bands and steps
    def bands(self, rule: ir.BandsRule, block: Block) -> None:
        block.line(f"_m = {self.expr(rule.metric, block)}")
        self.trace(block, "metric", "_m")
        tests = [test for i, c in _in_test_order(rule.clauses) for test in self.clause(c, i, block)]
        for number, (cond, body) in enumerate(tests):
            block.nest(f"{'elif' if number else 'if'} {cond}:", body)
        fallback = block.child() if tests else block  # only `otherwise`: no test at all
        otherwise = [(i, c) for i, c in enumerate(rule.clauses) if isinstance(c, ir.Band) and c.otherwise]
        if otherwise:
            index, band = otherwise[0]
            self.trace(fallback, "clause", str(index))
            fallback.line(f"_s = {self.const(band.points)}")
        else:
            metric = rule.metric_name or text.expr(rule.metric)
            site = self.tables.band_site(self.where, metric)
            fallback.line(f"_s = _uncovered({self.site('bands', site)}, _m)")
        if tests:
            block.nest("else:", fallback)

    def clause(self, clause: Clause, index: int, block: Block) -> list[tuple[str, Block]]:
        if isinstance(clause, ir.Band):
            body = block.child()
            self.trace(body, "clause", str(index))
            body.line(f"_s = {self.const(clause.points)}")
            return [(self.band_test(clause), body)]
        sides = [s for s in ("above", "below") if clause.direction in (s, "both")]
        return [self.step_side(clause, index, side, block) for side in sides]

    def band_test(self, band: ir.Band) -> str:
        const = self.const
        if band.lower is not None and band.lower == band.upper and band.lower_closed and band.upper_closed:
            return f"_m == {const(band.lower)}"
        low = None if band.lower is None else f"{const(band.lower)} {'<=' if band.lower_closed else '<'}"
        high = None if band.upper is None else f"{'<=' if band.upper_closed else '<'} {const(band.upper)}"
        return " ".join(part for part in (low, "_m", high) if part)  # a chained comparison

    def step_side(self, step: ir.Step, index: int, side: str, block: Block) -> tuple[str, Block]:
        const = self.const
        if side == "above":
            edge, closed, limit = step.edge_above, step.edge_above_closed, step.limit_above
        else:
            edge, closed, limit = step.edge_below, step.edge_below_closed, step.limit_below
        if edge is None:
            raise InternalError(f"{self.where}: a step {side} its anchor has no edge there")
        if side == "above":
            test = f"_m {'>' if closed else '>='} {const(edge)}"
            test += f" and _m <= {const(limit)}" if limit is not None else ""
            distance = f"_m - {const(edge)}"
        else:
            test = f"_m {'<' if closed else '<='} {const(edge)}"
            test += f" and _m >= {const(limit)}" if limit is not None else ""
            distance = f"{const(edge)} - _m"
        body = block.child()
        self.trace(body, "clause", str(index))
        self.trace(body, "side", literal(side))
        body.line(f"_d = {distance}")
        self.step_count(step, body)
        body.line(f"_s = {const(step.base)} + _n * {const(step.delta)}")
        return test, body

    def step_count(self, step: ir.Step, body: Block) -> None:
        size = self.const(step.size)
        if step.policy == "pro-rata":
            body.line(f"_n = _d / {size}")
        elif step.policy == "whole":
            body.line(f"_n = _d // {size}")  # d ≥ 0: truncation is the floor
        else:
            body.line(f"_n, _r = divmod(_d, {size})")
            body.line("if _r:")
            body.line("    _n += _ONE")
        self.trace(body, "distance", "_d")
        self.trace(body, "steps", "_n")


def _in_test_order(clauses: Sequence[Clause]) -> list[tuple[int, Clause]]:
    """Bounded bands first, then steps; `otherwise` is the fallback, not a test."""
    bands: list[tuple[int, Clause]] = [
        (i, c) for i, c in enumerate(clauses) if isinstance(c, ir.Band) and not c.otherwise
    ]
    steps: list[tuple[int, Clause]] = [(i, c) for i, c in enumerate(clauses) if isinstance(c, ir.Step)]
    return bands + steps
