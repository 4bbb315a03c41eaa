"""What the checker works out once per check and shares between passes:
scopes built block by block, the rules in source order, the names used,
the bands' layouts and what the range analysis keeps of each band metric."""

from __future__ import annotations

from decimal import Decimal as D

from rubricdsl import nodes as n
from rubricdsl import semantics
from rubricdsl.checker import check
from rubricdsl.checker.context import Context
from rubricdsl.checker.intervals import Interval
from rubricdsl.checker.walk import refs
from rubricdsl.parser import parse
from rubricdsl.source import Source

HEADER = """rubric "测试"
total 10
levels 一级, 二级
steps whole
"""


def context(body: str, inputs: str, lets: str = "") -> Context:
    source = Source("t.rubric", f"{HEADER}\ninputs {{\n{inputs}\n}}\n{lets}\n{body}\n")
    parsed = parse(source)
    assert parsed.file is not None, [d.one_line() for d in parsed.diagnostics]
    return Context(parsed.file, source)


NESTED = """甲 10 {
  let 率 = 完成数 / 总数
  let 差 = 总数 − 完成数
  乙 6 {
    let 率 = 完成数 / 10
    score by 率: ≥ 50% → 6; otherwise → 0
  }
  丙 4 { score: when 差 = 0: 4 else: by 率: ≥ 80% → 4; < 80% → 0 }
}"""
INPUTS = "完成数 count\n总数 count ≥ 1\n有制度 yes/no"


def test_each_block_sees_its_own_lets_over_those_around_it() -> None:
    ctx = context(NESTED, INPUTS, lets="let 全 = 总数")
    group, inner, other = ctx.nodes
    assert list(ctx.scope_of(group).lets) == ["全", "率", "差"]
    assert ctx.scope_of(inner).lets["率"] is inner.indicator.lets[0]  # the inner `率` hides the outer
    assert ctx.scope_of(other) is ctx.scope_of(group)  # a block without `let`s shares its parent's
    for node in ctx.nodes:
        assert ctx.scope_of(node).lets == semantics.visible_lets(ctx.file, node.chain)


def test_a_lets_expression_sees_the_names_where_it_is_defined() -> None:
    ctx = context(NESTED, INPUTS, lets="let 全 = 总数")
    [top] = ctx.file.lets
    outer_rate, _ = ctx.nodes[0].indicator.lets
    [inner_rate] = ctx.nodes[1].indicator.lets
    assert ctx.let_scope(top) is ctx.top_scope
    assert ctx.let_scope(outer_rate) is ctx.scope_of(ctx.nodes[0])
    assert ctx.let_scope(inner_rate).lets["率"] is inner_rate


def test_rules_come_in_source_order_with_their_when_branches() -> None:
    ctx = context(NESTED, INPUTS)
    kinds = [(node.name, type(rule).__name__) for node, rule in ctx.simple_rules]
    assert kinds == [("乙", "Bands"), ("丙", "Formula"), ("丙", "Bands")]
    assert ctx.band_rules == tuple(rule for _, rule in ctx.simple_rules if isinstance(rule, n.Bands))


def test_names_are_collected_in_the_order_written() -> None:
    ctx = context("甲 10 { score: min(10, 2 × (完成数 − 总数) / abs(完成数)) }", INPUTS)
    [(_, formula)] = ctx.simple_rules
    assert isinstance(formula, n.Formula)
    assert [ref.name for ref in refs(formula.expr)] == ["完成数", "总数", "完成数"]


def test_name_uses_know_unknown_names_and_the_inputs_used() -> None:
    ctx = context("甲 10 { score: when 有制度: 10 else: 10 × 完成数 / 总人数 }", INPUTS)
    assert [(ref.name, scope is ctx.scope_of(ctx.nodes[0])) for ref, scope in ctx.name_uses.unknown] == [
        ("总人数", True)
    ]
    assert ctx.name_uses.inputs == {"有制度", "完成数"}


def test_a_layout_keeps_the_bands_that_hold_values_and_the_settled_steps() -> None:
    body = "甲 10 { score by 完成数: (0, 0) → 1; ≤ 2 → 10; each +1 → −2; otherwise → 0 }"
    ctx = context(body, INPUTS)
    [rule] = ctx.band_rules
    layout = ctx.layout(rule)
    assert layout is ctx.layout(rule)  # worked out once
    [(band, held)] = layout.bands  # `(0, 0)` holds nothing, `otherwise` is no interval
    assert band.points.value == 10 and held == Interval(D("-Infinity"), D(2), False, True)
    [run] = layout.runs
    assert (run.side, run.region) == ("above", Interval(D(2), D("Infinity"), False, False))
    assert layout.covered == [held, run.region]


def test_the_analysis_keeps_which_bands_a_metric_reaches_and_what_it_leaves() -> None:
    body = "甲 10 { score by 完成数: = 0 → 10; (0, 1) → 5; [2, 3] → 2 }"
    ctx = context(body, "完成数 count ≤ 4")
    [rule] = ctx.band_rules
    metric = ctx.analysis.metric(rule)
    assert metric.values == Interval(D(0), D(4)) and metric.integral
    assert metric.reached == [True, False, True]  # no count falls between 0 and 1
    assert metric.uncovered == [Interval(D(1), D(2), True, False), Interval(D(3), D(4), False, True)]


def test_expectations_find_indicators_by_name_or_by_full_path() -> None:
    body = """甲 6 { 乙 6 { score: 6 } }
丙 4 { 乙 4 { score: 4 } }
example "例" {
  given { 完成数: 1, 总数: 1, 有制度: 是 }
  expect { 甲 = 6; 甲/乙 = 6; 丙/乙 = 4; 乙 = 6; 丁 = 1; 甲/丙 = 1 }
}"""
    source = Source("t.rubric", f"{HEADER}\ninputs {{\n{INPUTS}\n}}\n{body}\n")
    parsed = parse(source)
    assert parsed.file is not None
    diagnostics = check(parsed.file, source).diagnostics
    found = [(d.code, d.message) for d in diagnostics if d.code in ("E705", "E707")]
    assert found == [
        ("E707", "2 indicators are named `乙`"),
        ("E705", "there is no indicator `丁`"),
        ("E705", "there is no indicator `甲/丙`"),
    ]
