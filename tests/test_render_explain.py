"""What applied in a leaf (扣分说明, --explain), worded for policy staff.

The trace text reads as the generated 评价标准 do: no function names or
clamp keywords from the rubric language, the printed minus sign `−`.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from typing import Literal

import pytest

import rubricdsl
from render_support import FOUR_LEVEL, ROOT, SEED, load_ir
from rubricdsl import ir
from rubricdsl.compiler import text
from rubricdsl.render.documents import report_document
from rubricdsl.render.table import without_spans

QUWO = "曲沃县综合检验检测中心2021年度"
FOUR_LEVEL_RECORD = {
    "资金到位数": 95, "计划投入数": 100, "有管理办法": True, "办法已公开": False, "违规例数": 5,
    "延期天数": 7, "完成数量": 8, "计划数量": 10, "质量扣分": 0, "获奖次数": 3, "满意度": "85%",
}  # fmt: skip


@pytest.fixture(scope="module")
def seed() -> rubricdsl.Rubric:
    return rubricdsl.load(SEED, examples=True)


@pytest.fixture(scope="module")
def four_level() -> dict[str, str]:
    report = rubricdsl.load(FOUR_LEVEL).score(FOUR_LEVEL_RECORD)
    return {path.rsplit("/", 1)[-1]: trace.applied for path, trace in report.traces.items()}


def quwo_record(seed: rubricdsl.Rubric) -> dict[str, object]:
    example = next(e for e in seed.ir.examples if e.name == QUWO)
    return {k: v.number if v.number is not None else v.word for k, v in example.given.items()}


def test_steps_past_the_floor_read_in_chinese(seed: rubricdsl.Rubric) -> None:
    report = seed.score({**quwo_record(seed), "预算调整数": "88.20", "预算数": "367.50"})
    assert report.traces["过程/预算执行/预算调整率"].applied == (
        "预算调整率绝对值 = 24%，超出5%的部分19个百分点，按190步计 → 5 − 19 = −14，扣完为止（不低于0分） → 0"
    )


def test_the_lost_points_column_carries_the_same_words(seed: rubricdsl.Rubric) -> None:
    report = seed.score({**quwo_record(seed), "预算调整数": "88.20", "预算数": "367.50"})
    grid = without_spans(report_document(load_ir(SEED), "甲局", report).table)
    row = next(row for row in grid if row[6] == "预算调整率")
    assert row[-1].startswith("扣5分：预算调整率绝对值 = 24%") and row[-1].endswith(
        "扣完为止（不低于0分） → 0。"
    )


def test_clamps_inside_and_outside_a_formula(four_level: dict[str, str]) -> None:
    assert four_level["质量"] == (
        "（2 − 质量扣分，扣完为止）+ 0.5 × 获奖次数 = （2 − 0，扣完为止）+ 0.5 × 3 = 3.5，总分不超过2分 → 2"
    )
    assert four_level["违规情况"] == "3 − 1 × 违规例数 = 3 − 1 × 5 = −2，扣完为止（不低于0分） → 0"


def test_bands_read_as_the_criterion_writes_them(four_level: dict[str, str]) -> None:
    assert four_level["资金到位率"] == "资金到位率 = 95% → 90%（含）－100% → 3分"
    assert four_level["满意度得分"] == "其他情况：满意度 = 85% → 80%（含）－90% → 1分"


def test_checklist_items_say_yes_or_no(four_level: dict[str, str]) -> None:
    assert four_level["管理办法"] == "①制定了资金管理办法，1分：是；②管理办法已公开，1分：否 → 1分"


def test_no_rubric_keyword_or_ascii_minus_in_any_trace_of_the_example_units(seed: rubricdsl.Rubric) -> None:
    with (ROOT / "examples" / "units-2021.csv").open(encoding="utf-8") as handle:
        records = [{k: v for k, v in row.items() if k != "单位名称"} for row in csv.DictReader(handle)]
    reports = [r for r in seed.score_many(records) if isinstance(r, rubricdsl.ScoreReport)]
    assert len(reports) >= 20
    texts = [trace.applied for report in reports for trace in report.traces.values()]
    assert any("扣完为止" in t for t in texts) and any("总分不超过" in t for t in texts)
    assert [t for t in texts if re.search(r"[A-Za-z]|-", t)] == []


def _call(func: Literal["abs", "min", "max"], *args: ir.Expr) -> ir.CallOp:
    return ir.CallOp(func=func, args=list(args))


def test_functions_and_clamps_in_words_and_as_written() -> None:
    rate, six = ir.LetRef(name="调整率"), ir.Const(value=Decimal(6))
    clamped = ir.Clamped(
        inner=ir.BinOp(op="-", left=six, right=rate),
        clamps=[ir.Clamp(kind="floor", bound=Decimal(1)), ir.Clamp(kind="cap", bound=Decimal(5))],
    )
    assert text.expr(_call("abs", rate), chinese=True) == "调整率绝对值"
    assert text.expr(_call("abs", rate), {"调整率": "（−0.3）"}, chinese=True) == "｜（−0.3）｜"
    assert text.expr(_call("min", rate, six), chinese=True) == "调整率与6中的较小值"
    assert text.expr(clamped, chinese=True) == "（6 − 调整率，最低1分，最高不超过5分）"
    assert text.expr(ir.Const(value=Decimal("-0.1"), unit="pp"), chinese=True) == "−10个百分点"
    # messages quote the rubric as written
    assert text.expr(_call("abs", rate)) == "abs(调整率)"
    assert text.expr(clamped) == "(6 − 调整率, floor 1, cap 5)"


def test_conditions_in_words() -> None:
    has_rules = ir.Truth(expr=ir.InputRef(name="有制度"))
    zero = ir.Compare(op="=", left=ir.InputRef(name="预算数"), right=ir.Const(value=Decimal(0)))
    assert text.cond(ir.NotCond(operand=has_rules), chinese=True) == "有制度为否"
    assert text.cond(ir.NotCond(operand=zero), chinese=True) == "不满足“预算数 = 0”"
    either = ir.BoolCond(kind="or", left=zero, right=has_rules)
    both = ir.BoolCond(kind="and", left=either, right=has_rules)
    assert text.cond(both, chinese=True) == "（预算数 = 0 或 有制度） 且 有制度"
    assert text.cond(ir.NotCond(operand=zero)) == "not 预算数 = 0"
