"""What applied in a leaf, in words: `项目预算安排率 = 85% → ≥ 80% → 3分`.

The compiled scorer's explain path records the facts (branch, metric, clause,
steps, the value before and after clamps); this module turns them into text
with the rubric's own names, showing percents where the rubric wrote them.
The text is read by policy staff (扣分说明 in the reports), so it says things
the way the generated 评价标准 do: `预算调整率绝对值`, `80%（含）－90%`,
`扣完为止（不低于0分）`, and prints the minus sign as `−`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from rubricdsl import ir
from rubricdsl.compiler import text

_LONG = 6  # digits after the point beyond which a value is shown rounded, with ≈
_SHOWN = Decimal("0.0001")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ITEM_END = "；;。.，, "  # punctuation an item's own text may end with


def show(value: Decimal, unit: ir.LiteralUnit = "plain") -> str:
    """A value for reading: exact when short, else ≈ rounded to 4 places."""
    scaled = value.scaleb(2, text.CONTEXT) if unit in ("percent", "pp") else value
    exponent = scaled.as_tuple().exponent
    shown = text.signed(scaled)
    if isinstance(exponent, int) and -exponent > _LONG:
        shown = "≈" + text.signed(scaled.quantize(_SHOWN, context=text.CONTEXT))
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
    return f"{text.expr(expr, chinese=True)} = {text.expr(expr, values, chinese=True)} = {value}"


def _value_text(value: object) -> str:
    """A value put in place of its name; a negative one in parentheses: 3 − （−2）."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if not isinstance(value, Decimal):
        return str(value)
    shown = show(value)
    return f"（{shown}）" if value < 0 else shown


def _checklist(rule: ir.ChecklistRule, facts: Mapping[str, Any], inputs: Mapping[str, object]) -> str:
    """①有制度，2分：是；②有节约制度，2分：否 → 2分"""
    parts = [
        f"{_item_label(index, item)}：{'是' if inputs.get(item.input) else '否'}"
        for index, item in enumerate(rule.items)
    ]
    return "；".join(parts) + f" → {show(facts['value'])}分"


def _item_label(index: int, item: ir.ChecklistItem) -> str:
    """The item as the generated 评价标准 list it: its marker, text and points."""
    label = (item.text or item.input).rstrip(_ITEM_END)
    marker = "" if label[:1] in _CIRCLED else _CIRCLED[index % len(_CIRCLED)]
    points = f"{text.plain(item.points)}分"
    return f"{marker}{label}{'' if points in label else '，' + points}"


def _bands(rule: ir.BandsRule, facts: Mapping[str, Any]) -> str:
    unit = metric_unit(rule)
    metric = rule.metric_name or text.expr(rule.metric, chinese=True)
    head = f"{metric} = {show(facts['metric'], unit)}"
    clause = rule.clauses[facts["clause"]]
    if isinstance(clause, ir.Band):
        return f"{head} → {band_text(clause)} → {text.plain(clause.points)}分"
    return f"{head}，{_step_text(clause, facts)}"


def metric_unit(rule: ir.BandsRule) -> ir.LiteralUnit:
    """Percent when the rubric wrote the bounds as percents."""
    units = {c.unit for c in rule.clauses}
    return "percent" if units & {"percent", "pp"} else "plain"


def band_text(band: ir.Band) -> str:
    """≥ 80%, 50%（含）－80%, = 0, 其他: a band as the 评价标准 write it."""
    if band.otherwise:
        return "其他"
    low = None if band.lower is None else _bound(band.lower, band.unit)
    high = None if band.upper is None else _bound(band.upper, band.unit)
    if low is not None and high is not None:
        if band.lower == band.upper:
            return f"= {low}"
        return f"{low}{'（含）' if band.lower_closed else ''}－{high}{'（含）' if band.upper_closed else ''}"
    if low is not None:
        return f"{'≥' if band.lower_closed else '>'} {low}"
    return f"{'≤' if band.upper_closed else '<'} {high}"


def _bound(value: Decimal, unit: ir.LiteralUnit) -> str:
    return "0" if value.is_zero() else text.chinese_number(value, unit)


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
    arithmetic = f"{show(step.base)} {sign} {show(change.copy_abs())} = {show(facts['value'])}"
    return (
        f"{where}{text.chinese_number(edge, edge_unit)}的部分{show(facts['distance'], distance_unit)}，"
        f"按{show(steps)}步计 → {arithmetic}"
    )


def _clamped(clamps: list[ir.Clamp], facts: Mapping[str, Any]) -> str:
    """The clamp that changed the value: 扣完为止（不低于0分）, 最低1分, 总分不超过4分."""
    if not clamps or facts["clamped"] == facts["value"]:
        return ""
    final = facts["clamped"]
    kind = "floor" if final > facts["value"] else "cap"
    phrase = text.clamp_phrase(kind, final, outer=True)
    if kind == "floor" and final.is_zero():
        phrase += "（不低于0分）"
    return f"，{phrase} → {show(final)}"
