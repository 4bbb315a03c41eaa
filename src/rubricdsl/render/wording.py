"""Chinese criterion wording (评价标准) generated from a leaf's formal rule.

Used where a leaf has no official `criterion` text, and beside the official
text under `--compare-criteria`, so a reviewer can see where prose and rule
disagree.  The phrasing follows the official tables:
`项目预算安排率≥80%得3分；50%（含）－80%得2分；…；低于30%不得分。`
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rubricdsl import ir
from rubricdsl.render.numfmt import plain, points, quantity
from rubricdsl.render.phrases import bare, cond_text, expr_text

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True, slots=True)
class _Context:
    inputs: dict[str, ir.Input]
    weight: Decimal


def criterion_text(rubric: ir.RubricIR, leaf: ir.Indicator) -> str:
    """One sentence (or several, joined by ；) describing the leaf's rule."""
    if leaf.rule is None:
        return ""
    context = _Context({i.name: i for i in rubric.inputs}, leaf.weight)
    return _sentence(_rule(leaf.rule, context))


def checklist_lines(rubric: ir.RubricIR, leaf: ir.Indicator) -> list[str]:
    """A checklist leaf's items, one line each (①…，2分；), the last ending in 。"""
    rule = leaf.rule
    if not isinstance(rule, ir.ChecklistRule):
        return [criterion_text(rubric, leaf)]
    lines = list(_checklist_items(rule.items))
    lines[-1] = _with_clamps(lines[-1], rule.clamps)
    return [line + "；" for line in lines[:-1]] + [_sentence(lines[-1])]


def _sentence(text: str) -> str:
    return text if text.endswith("。") else text + "。"


def _rule(rule: ir.Rule, context: _Context) -> str:
    if isinstance(rule, ir.GuardedRule):
        parts = [f"若{cond_text(b.cond)}，{_simple(b.rule, context)}" for b in rule.branches]
        parts.append(f"其他情况下，{_simple(rule.otherwise, context)}")
        return "；".join(parts)
    return _simple(rule, context)


def _simple(rule: ir.FormulaRule | ir.BandsRule | ir.ChecklistRule, context: _Context) -> str:
    if isinstance(rule, ir.FormulaRule):
        return _with_clamps(_formula(rule.expr, context), rule.clamps)
    if isinstance(rule, ir.BandsRule):
        return _with_clamps(_bands(rule, context), rule.clamps)
    return _with_clamps("；".join(_checklist_items(rule.items)), rule.clamps)


def _with_clamps(text: str, clamps: Sequence[ir.Clamp], outer: bool = True) -> str:
    return "，".join([text, *(_clamp_phrase(c, outer) for c in clamps)])


def _clamp_phrase(clamp: ir.Clamp, outer: bool) -> str:
    if clamp.kind == "floor":
        return "扣完为止" if clamp.bound == 0 else f"最低{points(clamp.bound)}"
    return f"{'总分' if outer else '最高'}不超过{points(clamp.bound)}"


def _earns(value: Decimal) -> str:
    if value == 0:
        return "不得分"
    return f"得{points(value)}" if value > 0 else f"扣{points(-value)}"


# ---------------------------------------------------------------- checklists


def _checklist_items(items: Sequence[ir.ChecklistItem]) -> Iterator[str]:
    """①text，2分 — the marker and the points added only where the text lacks them."""
    for index, item in enumerate(items):
        text = (item.text or item.input).rstrip("；;。.，, ")
        marker = "" if text[:1] in _CIRCLED else _CIRCLED[index % len(_CIRCLED)]
        earned = "" if points(item.points) in text else f"，{points(item.points)}"
        yield f"{marker}{text}{earned}"


# ---------------------------------------------------------------- bands and steps


def _bands(rule: ir.BandsRule, context: _Context) -> str:
    subject = rule.metric_name or expr_text(rule.metric)
    unit = _metric_unit(rule.metric, context)
    bound_unit = _bound_unit(rule)
    phrases = []
    for index, clause in enumerate(rule.clauses):
        if isinstance(clause, ir.Band):
            phrases.append(_band(clause, subject if index == 0 else "", bound_unit))
        else:
            phrases.append(_step(clause, unit))
    return "；".join(phrases)


def _metric_unit(metric: ir.Expr, context: _Context) -> str:
    """The unit label of a plain metric read straight from an input (天, 万元)."""
    declared = context.inputs.get(metric.name) if isinstance(metric, ir.InputRef) else None
    return (declared.unit or "") if declared else ""


def _bound_unit(rule: ir.BandsRule) -> ir.LiteralUnit:
    """Percent when any bound was written as one: `(0, 10%]` reads 0－10%（含）."""
    written = {clause.unit for clause in rule.clauses if isinstance(clause, ir.Band)}
    return "percent" if "percent" in written else "plain"


def _band(band: ir.Band, subject: str, unit: ir.LiteralUnit) -> str:
    return f"{_band_range(band, subject, unit)}{_earns(band.points)}"


def _band_range(band: ir.Band, subject: str, unit: ir.LiteralUnit) -> str:
    def bound(value: Decimal) -> str:
        return "0" if value == 0 else quantity(value, unit)

    if band.otherwise:
        return "其他情况"
    if band.lower is not None and band.upper is not None:
        if band.lower == band.upper:
            return f"{subject}＝{bound(band.lower)}"
        low = bound(band.lower) + ("（含）" if band.lower_closed else "")
        high = bound(band.upper) + ("（含）" if band.upper_closed else "")
        return f"{subject}{'为' if subject else ''}{low}－{high}"
    if band.lower is not None:
        return f"{subject}{'≥' if band.lower_closed else '＞'}{bound(band.lower)}"
    assert band.upper is not None  # a band without bounds is `otherwise`
    return f"{subject}{'≤' if band.upper_closed else '低于'}{bound(band.upper)}"


_STEP_VERB = {"above": "每增加", "below": "每低于", "both": "每超过或低于"}


def _step(step: ir.Step, unit: str) -> str:
    size = quantity(step.size, step.unit) + (unit if step.unit == "plain" else "")
    action = f"扣{points(-step.delta)}" if step.delta < 0 else f"加{points(step.delta)}"
    return f"{_step_start(step)}{_STEP_VERB[step.direction]}{size}{action}{_partial(step, size)}"


def _step_start(step: ir.Step) -> str:
    """Where the steps begin: past the anchor's edge (none said for two-sided steps)."""
    unit = "percent" if step.unit == "pp" else step.unit
    if step.direction == "above" and step.edge_above is not None:
        sign = "＞" if step.edge_above_closed else "≥"
        return f"{sign}{quantity(step.edge_above, unit)}的，"
    if step.direction == "below" and step.edge_below is not None:
        sign = "低于" if step.edge_below_closed else "≤"
        return f"{sign}{quantity(step.edge_below, unit)}的，"
    return ""


def _partial(step: ir.Step, size: str) -> str:
    verb = "扣分" if step.delta < 0 else "加分"
    if step.policy == "started":
        return f"（不足{size}按{size}计）"
    if step.policy == "whole":
        return f"（不足{size}不{verb}）"
    return f"（不足{size}的部分按比例{verb}）"


# ---------------------------------------------------------------- formulas


def _formula(expr: ir.Expr, context: _Context) -> str:
    expr = bare(expr)
    if isinstance(expr, ir.Const):
        return _earns(expr.value)
    judged = _judged_input(expr, context)
    if judged is not None:
        return f"{judged.name}：酌情给{_judged_range(judged)}"
    capped = _min_max_bound(expr)
    if capped is not None:
        inner, limit = capped
        return f"{_formula(inner, context)}，{limit}"
    proportional = _proportional(expr)
    if proportional is not None:
        return proportional
    terms = list(_signed_terms(expr, 1))
    judged_terms = [j for sign, t in terms if sign > 0 and (j := _judged_input(t, context))]
    if len(terms) > 1 and len(judged_terms) == len(terms):
        return _judged_sum(judged_terms)
    if len(terms) > 1 or terms[0][0] < 0 or isinstance(terms[0][1], ir.PerOp):
        return _sum(terms, context)
    return f"得分＝{expr_text(expr)}"


def _judged_input(expr: ir.Expr, context: _Context) -> ir.Input | None:
    if isinstance(expr, ir.InputRef):
        declared = context.inputs.get(expr.name)
        if declared is not None and declared.type == "judged":
            return declared
    return None


def _judged_range(judged: ir.Input) -> str:
    low = plain(judged.minimum) if judged.minimum is not None else ""
    high = plain(judged.maximum) if judged.maximum is not None else ""
    return f"{low}-{high}分"


def _judged_sum(judged: Sequence[ir.Input]) -> str:
    """得分＝A＋B＋C，各项酌情给0-3分 (or each with its own range)."""
    ranges = {_judged_range(p) for p in judged}
    if len(ranges) == 1:
        return f"得分＝{'＋'.join(p.name for p in judged)}，各项酌情给{ranges.pop()}"
    return "得分＝" + "＋".join(f"{p.name}（酌情给{_judged_range(p)}）" for p in judged)


def _min_max_bound(expr: ir.Expr) -> tuple[ir.Expr, str] | None:
    """`min(x, 6)` reads as x with a ceiling of 6, `max(x, 0)` as a floor."""
    if not isinstance(expr, ir.CallOp) or expr.func == "abs" or len(expr.args) != 2:
        return None
    first, second = expr.args
    if not isinstance(second, ir.Const):
        return None
    if expr.func == "min":
        return first, f"最高不超过{points(second.value)}"
    return first, ("扣完为止" if second.value == 0 else f"最低{points(second.value)}")


def _proportional(expr: ir.Expr) -> str | None:
    """`6 × 完成项数 / 总项数` reads as 得分＝完成项数/总项数×6分."""
    numerator: list[ir.Expr] = []
    denominator: list[ir.Expr] = []
    _factors(expr, numerator, denominator)
    consts = [f for f in numerator if isinstance(f, ir.Const) and f.unit == "plain"]
    others = [f for f in numerator if f not in consts]
    if len(consts) != 1 or not others or any(isinstance(f, ir.Const) for f in others + denominator):
        return None
    text = "×".join(_factor_text(f) for f in others)
    text += "".join(f"/{_factor_text(f)}" for f in denominator)
    return f"得分＝{text}×{points(consts[0].value)}"


def _factors(expr: ir.Expr, numerator: list[ir.Expr], denominator: list[ir.Expr]) -> None:
    expr = bare(expr)
    if isinstance(expr, ir.BinOp) and expr.op == "*":
        _factors(expr.left, numerator, denominator)
        _factors(expr.right, numerator, denominator)
    elif isinstance(expr, ir.BinOp) and expr.op == "/":
        _factors(expr.left, numerator, denominator)
        _factors(expr.right, denominator, numerator)
    else:
        numerator.append(expr)


def _factor_text(expr: ir.Expr) -> str:
    text = expr_text(expr)
    simple = isinstance(expr, ir.InputRef | ir.LetRef | ir.Const | ir.CallOp)
    return text if simple else f"（{text}）"


def _signed_terms(expr: ir.Expr, sign: int) -> Iterator[tuple[int, ir.Expr]]:
    """The terms of a sum, each with its sign: 3 − 0.5 per n → (+1, 3), (−1, 0.5 per n)."""
    expr = bare(expr)
    if isinstance(expr, ir.BinOp) and expr.op in ("+", "-"):
        yield from _signed_terms(expr.left, sign)
        yield from _signed_terms(expr.right, sign if expr.op == "+" else -sign)
    elif isinstance(expr, ir.Neg):
        yield from _signed_terms(expr.operand, -sign)
    else:
        yield sign, expr


def _sum(terms: Sequence[tuple[int, ir.Expr]], context: _Context) -> str:
    out = previous = ""
    for index, (sign, term) in enumerate(terms):
        phrase = _term(sign, term, context, first=index == 0)
        if out:
            # phrases with their own commas or colons are set apart by semicolons
            out += "；" if "，" in previous or "：" in previous + phrase else "，"
        out += phrase
        previous = phrase
    return out


def _term(sign: int, term: ir.Expr, context: _Context, first: bool) -> str:
    if isinstance(term, ir.Const):
        value = term.value * sign
        if first and value > 0:
            return f"{'满分' if value == context.weight else '基础分'}{points(value)}"
        return f"{'加' if value >= 0 else '减'}{points(abs(value))}"
    if isinstance(term, ir.PerOp):
        return _per(sign, term)
    judged = _judged_input(term, context)
    if judged is not None:
        verb = "扣" if sign < 0 else "加"
        return f"{judged.name}：酌情{verb}{_judged_range(judged)}"
    if isinstance(term, ir.Clamped):
        inner = _formula(term.inner, context)
        return _with_clamps(inner, term.clamps, outer=False)
    if first and sign > 0:
        return _formula(term, context)
    return f"{'加上' if sign > 0 else '减去'}{expr_text(term)}"


def _per(sign: int, term: ir.PerOp) -> str:
    count = expr_text(term.count)
    if not isinstance(term.points, ir.Const):
        verb = "扣" if sign < 0 else "加"
        return f"{count}每项{verb}（{expr_text(term.points)}）分"
    value = term.points.value * sign
    if value < 0:
        return f"{count}每项扣{points(-value)}"
    return f"{count}每个加{points(value)}"
