"""What applied in a leaf, in words: `项目预算安排率 = 85% → ≥ 80% → 3分`.

The compiled scorer's explain path records the facts (branch, metric, clause,
steps, the value before and after clamps); this module turns them into text
with the rubric's own names, showing percents where the rubric wrote them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from rubricdsl import ir
from rubricdsl.compiler import text

_LONG = 6  # digits after the point beyond which a value is shown rounded, with ≈
_SHOWN = Decimal("0.0001")


def show(value: Decimal, unit: ir.LiteralUnit = "plain") -> str:
    """A value for reading: exact when short, else ≈ rounded to 4 places."""
    scaled = value.scaleb(2, text.CONTEXT) if unit in ("percent", "pp") else value
    exponent = scaled.as_tuple().exponent
    shown = text.plain(scaled)
    if isinstance(exponent, int) and -exponent > _LONG:
        shown = "≈" + text.plain(scaled.quantize(_SHOWN, context=text.CONTEXT))
    return shown + ("%" if unit == "percent" else "个百分点" if unit == "pp" else "")


def applied(leaf: ir.Indicator, facts: Mapping[str, Any], inputs: Mapping[str, object]) -> str:
    rule = leaf.rule
    if rule is None:
        return ""
    if isinstance(rule, ir.GuardedRule):
        branch = facts["branch"]
        if branch < len(rule.branches):
            chosen = rule.branches[branch]
            return f"当 {text.cond(chosen.cond, chinese=True)} 时：" + _simple(chosen.rule, facts, inputs)
        return "其他情况：" + _simple(rule.otherwise, facts, inputs)
    return _simple(rule, facts, inputs)


def _simple(rule: ir.SimpleRule, facts: Mapping[str, Any], inputs: Mapping[str, object]) -> str:
    if isinstance(rule, ir.FormulaRule):
        body = _formula(rule.expr, facts, inputs)
    elif isinstance(rule, ir.ChecklistRule):
        body = _checklist(rule, facts, inputs)
    else:
        body = _bands(rule, facts)
    return body + _clamped(rule.clamps, facts)


def _formula(expr: ir.Expr, facts: Mapping[str, Any], inputs: Mapping[str, object]) -> str:
    value = show(facts["value"])
    if isinstance(expr, ir.Const):
        return f"{value}分"
    lets = facts.get("lets", {})
    values = {name: _value_text(v) for name, v in (*inputs.items(), *lets.items())}
    return f"{text.expr(expr)} = {text.expr(expr, values)} = {value}"


def _value_text(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return show(value) if isinstance(value, Decimal) else str(value)


def _checklist(rule: ir.ChecklistRule, facts: Mapping[str, Any], inputs: Mapping[str, object]) -> str:
    parts = []
    for item in rule.items:
        label = item.text or item.input
        earned = text.plain(item.points) if inputs.get(item.input) else "0"
        parts.append(f"{label}{'✓' if inputs.get(item.input) else '✗'}{earned}")
    return "；".join(parts) + f" → {show(facts['value'])}分"


def _bands(rule: ir.BandsRule, facts: Mapping[str, Any]) -> str:
    unit = metric_unit(rule)
    head = f"{rule.metric_name or text.expr(rule.metric)} = {show(facts['metric'], unit)}"
    clause = rule.clauses[facts["clause"]]
    if isinstance(clause, ir.Band):
        return f"{head} → {band_text(clause)} → {text.plain(clause.points)}分"
    return f"{head}，{_step_text(clause, facts)}"


def metric_unit(rule: ir.BandsRule) -> ir.LiteralUnit:
    """Percent when the rubric wrote the bounds as percents."""
    units = {c.unit for c in rule.clauses}
    return "percent" if units & {"percent", "pp"} else "plain"


def band_text(band: ir.Band) -> str:
    if band.otherwise:
        return "其他"
    low = None if band.lower is None else text.number(band.lower, band.unit)
    high = None if band.upper is None else text.number(band.upper, band.unit)
    if low is not None and high is not None:
        if band.lower == band.upper:
            return f"= {low}"
        return f"{'[' if band.lower_closed else '('}{low}, {high}{']' if band.upper_closed else ')'}"
    if low is not None:
        return f"{'≥' if band.lower_closed else '>'} {low}"
    return f"{'≤' if band.upper_closed else '<'} {high}"


def _step_text(step: ir.Step, facts: Mapping[str, Any]) -> str:
    above = facts["side"] == "above"
    edge = step.edge_above if above else step.edge_below
    assert edge is not None
    distance_unit: ir.LiteralUnit = "pp" if step.unit in ("percent", "pp") else "plain"
    edge_unit: ir.LiteralUnit = "percent" if step.unit in ("percent", "pp") else "plain"
    where = "超出" if above else "低于"
    steps = facts["steps"]
    change = text.CONTEXT.multiply(steps, step.delta)
    sign = "−" if change < 0 else "+"
    arithmetic = f"{text.plain(step.base)} {sign} {show(change.copy_abs())} = {show(facts['value'])}"
    return (
        f"{where}{text.number(edge, edge_unit)}的部分{show(facts['distance'], distance_unit)}，"
        f"按{show(steps)}步计 → {arithmetic}"
    )


def _clamped(clamps: list[ir.Clamp], facts: Mapping[str, Any]) -> str:
    if not clamps or facts["clamped"] == facts["value"]:
        return ""
    final = facts["clamped"]
    if final > facts["value"]:
        return f"，不低于{text.plain(final)}（扣完为止）→ {show(final)}"
    return f"，封顶{text.plain(final)}分 → {show(final)}"
