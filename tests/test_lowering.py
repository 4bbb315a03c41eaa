"""AST + checker facts → IR: resolved names, lets in order, steps settled, examples merged."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rubricdsl import ir
from rubricdsl.frontend import analyse
from rubricdsl.source import Source

RUBRIC = """
rubric "降级" version "2" issuer "某局" effective "2021-01-01"
total 20
levels 一级, 二级
rounding 0.1 half-even
steps whole
grades { 好 ≥ 15; 差 otherwise }
inputs {
  实际 amount 万元 "实际支出"
  计划 amount 万元 > 0
  调整 number
  满意度 percent ≤ 100% ≥ 10%
  完成 count ≤ 总数
  总数 count ≥ 1
  有 yes/no
}
let 比率 = 实际 / 计划
组 20 {
  let 偏差 = abs(比率 − 1)
  甲 8 {
    let 得分率 = 偏差 × 2
    score by 得分率: ≤ 10% → 8; each 1% above → −1; > 50% → 0, floor 0
  }
  乙 6 { score by 调整: = 0 → 6; each started ±5 → −1, floor 0 }
  丙 6 {
    score: when not 有 or 满意度 < 50%: 0
           else: checklist { 有 → 6 "有就得分" }
  }
}
example "基" {
  given { 实际: 1, 计划: 1, 调整: 0, 满意度: 90%, 完成: 1, 总数: 1, 有: 是 }
  expect { total = 20 }
}
example "派" from "基" { given { 调整: -6 } expect { 乙 = 4; 组/甲 = 8; grade = 好 } }
"""


@pytest.fixture(scope="module")
def rubric() -> ir.RubricIR:
    analysis = analyse(Source("降级.rubric", RUBRIC))
    assert analysis.ir is not None, analysis.diagnostics
    return analysis.ir


def leaf(rubric: ir.RubricIR, name: str) -> ir.Indicator:
    return next(node for node in rubric.leaves() if node.name == name)


def test_header(rubric: ir.RubricIR) -> None:
    assert (rubric.title, rubric.version, rubric.issuer, rubric.effective) == (
        "降级",
        "2",
        "某局",
        "2021-01-01",
    )
    assert rubric.total == 20 and rubric.levels == ["一级", "二级"]
    assert rubric.rounding == ir.Rounding(quantum=Decimal("0.1"), mode="half-even")
    assert rubric.grades == [ir.Grade(name="好", threshold=Decimal(15)), ir.Grade(name="差", threshold=None)]


def test_input_domains_come_from_types_and_constant_constraints(rubric: ir.RubricIR) -> None:
    inputs = {spec.name: spec for spec in rubric.inputs}
    assert (inputs["实际"].minimum, inputs["实际"].unit, inputs["实际"].description) == (
        0,
        "万元",
        "实际支出",
    )
    assert (inputs["计划"].minimum, inputs["计划"].minimum_closed) == (0, False)
    assert inputs["调整"].minimum is None and inputs["调整"].maximum is None
    assert (inputs["满意度"].minimum, inputs["满意度"].maximum) == (Decimal("0.1"), 1)
    assert inputs["总数"].minimum == 1
    assert inputs["有"].type == "yesno" and inputs["有"].minimum is None
    relative = inputs["完成"].constraints[0]
    assert (relative.op, relative.bound, relative.text) == ("<=", ir.InputRef(name="总数"), "≤ 总数")


def test_a_leaf_carries_the_lets_it_needs_dependencies_first(rubric: ir.RubricIR) -> None:
    first = leaf(rubric, "甲")
    assert [let.name for let in first.lets] == ["比率", "偏差", "得分率"]
    assert first.inputs == ["实际", "计划"]
    assert first.lets[0].expr == ir.BinOp(
        op="/", left=ir.InputRef(name="实际"), right=ir.InputRef(name="计划")
    )
    assert leaf(rubric, "乙").lets == [] and leaf(rubric, "乙").inputs == ["调整"]
    assert first.path == ["组", "甲"] and first.level == 2


def test_steps_are_settled(rubric: ir.RubricIR) -> None:
    bands = leaf(rubric, "甲").rule
    assert isinstance(bands, ir.BandsRule)
    step = bands.clauses[1]
    assert isinstance(step, ir.Step)
    assert (step.direction, step.policy, step.size, step.unit, step.delta, step.base) == (
        "above", "whole", Decimal("0.01"), "percent", Decimal(-1), Decimal(8)
    )  # fmt: skip
    assert (step.edge_above, step.edge_above_closed, step.limit_above) == (
        Decimal("0.1"),
        True,
        Decimal("0.5"),
    )
    two_sided = leaf(rubric, "乙").rule
    assert isinstance(two_sided, ir.BandsRule)
    step = two_sided.clauses[1]
    assert isinstance(step, ir.Step)
    assert (step.direction, step.policy, step.edge_above, step.edge_below) == ("both", "started", 0, 0)


def test_guards_and_checklists(rubric: ir.RubricIR) -> None:
    rule = leaf(rubric, "丙").rule
    assert isinstance(rule, ir.GuardedRule)
    cond = rule.branches[0].cond
    assert isinstance(cond, ir.BoolCond) and cond.kind == "or"
    assert cond.left == ir.NotCond(operand=ir.Truth(expr=ir.InputRef(name="有")))
    assert rule.otherwise == ir.ChecklistRule(
        items=[ir.ChecklistItem(input="有", points=Decimal(6), text="有就得分")]
    )
    assert leaf(rubric, "丙").inputs == ["有", "满意度"]


def test_examples_merge_their_base(rubric: ir.RubricIR) -> None:
    derived = rubric.examples[1]
    assert derived.given["调整"] == ir.ExampleValue(number=Decimal(-6))
    assert derived.given["有"] == ir.ExampleValue(word="是")
    assert derived.given["满意度"] == ir.ExampleValue(number=Decimal("0.9"))
    assert [e.target for e in derived.expect] == ["score", "score", "grade"]
    assert derived.expect[1].path == ["组", "甲"]


def test_the_ir_is_json_and_back(rubric: ir.RubricIR) -> None:
    assert ir.RubricIR.model_validate_json(rubric.model_dump_json()) == rubric


def test_reachable_comes_from_the_checker(rubric: ir.RubricIR) -> None:
    low, high = leaf(rubric, "甲").reachable or (None, None)
    assert low is not None and high is not None and low >= 0 and high <= 8


SHADOWED = """
rubric "遮蔽"
total 6
levels 一级, 二级
inputs { a amount; b amount; c amount > 0 }
let r = a / c
组 6 {
  let s = r × 2
  项 3 {
    let r = b / c
    score by s: ≥ 1 → 3; otherwise → 0
  }
  另项 3 {
    let r = b / c
    score by s + r: ≥ 1 → 3; otherwise → 0
  }
}
"""


def test_a_lets_expression_is_read_where_the_let_is_written() -> None:
    """`s` is written in the group, so its `r` is the file's `a / c`, even in a
    leaf with an `r` of its own; the hidden one is named with where it is written."""
    analysis = analyse(Source("t.rubric", SHADOWED))
    assert analysis.ir is not None, [d.one_line() for d in analysis.diagnostics]
    outer = ir.BinOp(op="/", left=ir.InputRef(name="a"), right=ir.InputRef(name="c"))
    first = leaf(analysis.ir, "项")
    assert [(let.name, let.expr) for let in first.lets] == [
        ("r（全局）", outer),
        ("s", ir.BinOp(op="*", left=ir.LetRef(name="r（全局）"), right=ir.Const(value=Decimal(2)))),
    ]
    both = leaf(analysis.ir, "另项")
    assert [let.name for let in both.lets] == ["r（全局）", "s", "r"]
    assert both.lets[2].expr == ir.BinOp(op="/", left=ir.InputRef(name="b"), right=ir.InputRef(name="c"))


def test_the_scorer_agrees_with_the_checker_on_a_hidden_let() -> None:
    import rubricdsl

    rubric = rubricdsl.loads(SHADOWED)
    report = rubric.score({"a": 1, "b": 0, "c": 1})  # s = 2 × a / c = 2, the leaf's r = 0
    assert (report.score_of("项"), report.score_of("另项")) == (Decimal(3), Decimal(3))
    report = rubric.score({"a": 0, "b": 5, "c": 1})  # s = 0 however large the leaf's r
    assert (report.score_of("项"), report.score_of("另项")) == (Decimal(0), Decimal(3))
