"""What each rule form scores, worked out by hand, on and next to every edge.

The rubric tests/cases/scoring/forms.rubric holds one leaf per form; each case
changes a few inputs of a record that scores full marks and checks one leaf.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import rubricdsl

FORMS = Path(__file__).parent / "cases" / "scoring" / "forms.rubric"

FULL_MARKS: dict[str, Any] = {
    "核定数": 80, "申报额": 100, "调整数": 0, "预算数": 100, "完成数": 100, "支出": 90,
    "支出预算": 100, "采购金额": 50, "采购预算": 50, "不符合项数": 0, "问题数": 0, "优秀数": 0,
    "完成项数": 4, "总项数": 4, "有制度": "是", "有节约制度": "是", "扣分": 0, "满意度": "95%",
}  # fmt: skip


@pytest.fixture(scope="module")
def forms() -> rubricdsl.Rubric:
    return rubricdsl.load(FORMS)


def score_of(rubric: rubricdsl.Rubric, leaf: str, **changes: Any) -> Decimal:
    return rubric.score({**FULL_MARKS, **changes}).score_of(leaf)


CASES: list[tuple[str, dict[str, Any], str]] = [
    # bands; 0.3 / 0.375 is exactly 80%
    ("准确性", {"核定数": "0.3", "申报额": "0.375"}, "3"),
    ("准确性", {"核定数": 0.3, "申报额": 0.375}, "3"),
    ("准确性", {"核定数": "79.99"}, "2"),
    ("准确性", {"核定数": 50}, "2"),
    ("准确性", {"核定数": "49.99"}, "1"),
    ("准确性", {"核定数": 30}, "1"),
    ("准确性", {"核定数": "29.99"}, "0"),
    ("准确性", {"核定数": 0}, "0"),
    # `= 0`, left-open bands, otherwise (a negative rate)
    ("控制率", {"调整数": 0}, "5"),
    ("控制率", {"调整数": "0.01"}, "4"),
    ("控制率", {"调整数": 10}, "4"),
    ("控制率", {"调整数": "10.01"}, "3"),
    ("控制率", {"调整数": 30}, "2"),
    ("控制率", {"调整数": "30.01"}, "0"),
    ("控制率", {"调整数": -5}, "0"),
    ("满意", {"满意度": "90%"}, "2"),
    ("满意", {"满意度": "89.99%"}, "1"),
    ("满意", {"满意度": 0.7}, "1"),
    ("满意", {"满意度": "0.6999"}, "0"),
    # started steps of 0.1pp beyond 5%, on the absolute value
    ("调整率", {"调整数": 5}, "5"),
    ("调整率", {"调整数": "5.01"}, "4.9"),
    ("调整率", {"调整数": "5.1"}, "4.9"),
    ("调整率", {"调整数": "5.11"}, "4.8"),
    ("调整率", {"调整数": "-5.11"}, "4.8"),
    ("调整率", {"调整数": -10}, "0"),
    # whole steps of 5% below 100%
    ("完成率", {"完成数": 120}, "3"),
    ("完成率", {"完成数": 96}, "3"),
    ("完成率", {"完成数": 95}, "2.5"),
    ("完成率", {"完成数": "90.1"}, "2.5"),
    ("完成率", {"完成数": 90}, "2"),
    ("完成率", {"完成数": 0}, "0"),
    # pro-rata steps of 10% above 100%
    ("进度", {"支出": 100}, "3"),
    ("进度", {"支出": 105}, "2.5"),
    ("进度", {"支出": 101}, "2.9"),
    ("进度", {"支出": "112.345"}, "1.77"),
    ("进度", {"支出": 100, "支出预算": 75}, "0"),
    # whole steps up to the next band, which ends them
    ("限幅", {"支出": "109.99"}, "3"),
    ("限幅", {"支出": 110}, "2"),
    ("限幅", {"支出": 120}, "1"),
    ("限幅", {"支出": "120.01"}, "0"),
    ("限幅", {"支出": 200}, "0"),
    # guards tried in order; the division is reached only when the divisor is not 0
    ("采购", {"采购预算": 0, "采购金额": 0}, "3"),
    ("采购", {"采购预算": 0, "采购金额": 1}, "0"),
    ("采购", {"采购预算": 100, "采购金额": 201}, "0"),
    ("采购", {"采购预算": 100, "采购金额": 100}, "3"),
    ("采购", {"采购预算": 100, "采购金额": "104.99"}, "3"),
    ("采购", {"采购预算": 100, "采购金额": 105}, "2"),
    ("采购", {"采购预算": 100, "采购金额": 95}, "2"),
    ("采购", {"采购预算": 100, "采购金额": "94.99"}, "2"),
    ("采购", {"采购预算": 100, "采购金额": 90}, "1"),
    ("采购", {"采购预算": 100, "采购金额": 80}, "0"),
    # deductions per count, judged deductions, floor
    ("职责", {"不符合项数": 1, "扣分": "0.5"}, "2"),
    ("职责", {"扣分": 2}, "1"),
    ("职责", {"不符合项数": 6}, "0"),
    # a clamped group plus a bonus, capped
    ("绩效", {"问题数": 2}, "2"),
    ("绩效", {"问题数": 6, "优秀数": 1}, "2"),
    ("绩效", {"问题数": 2, "优秀数": 3}, "4"),
    # proportional, rounded half-up to 0.01
    ("完成", {"完成项数": 3, "总项数": 7}, "2.57"),
    ("完成", {"完成项数": 5, "总项数": 8}, "3.75"),
    ("完成", {"完成项数": 1, "总项数": 6}, "1"),
    # checklist items earn their points for a yes
    ("制度", {"有制度": "否"}, "1"),
    ("制度", {"有节约制度": False}, "2"),
    ("制度", {"有制度": "no", "有节约制度": "0"}, "0"),
]


@pytest.mark.parametrize(("leaf", "changes", "expected"), CASES)
def test_leaf_score(forms: rubricdsl.Rubric, leaf: str, changes: dict[str, Any], expected: str) -> None:
    assert score_of(forms, leaf, **changes) == Decimal(expected)


def test_full_marks(forms: rubricdsl.Rubric) -> None:
    report = forms.score(FULL_MARKS)
    assert (report.total, report.grade) == (Decimal(43), "优")
    assert report.score_of("步进") == 17


@pytest.mark.parametrize(
    ("changes", "total", "grade"),
    [
        # 43 − 3 − 2 − 2 = 36: the threshold itself is met (≥)
        ({"完成数": 0, "满意度": "0.5", "核定数": 30}, "36", "优"),
        # 良 is `> 30`: exactly 30 is not enough
        ({"完成数": 0, "满意度": 0, "核定数": 0, "调整数": "-0.01"}, "30", "差"),
        ({"完成数": 95, "满意度": 0, "核定数": 0, "调整数": "-0.01"}, "32.5", "良"),
    ],
)
def test_grades_use_the_rounded_total(
    forms: rubricdsl.Rubric, changes: dict[str, Any], total: str, grade: str
) -> None:
    report = forms.score({**FULL_MARKS, **changes})
    assert (report.total, report.grade) == (Decimal(total), grade)


def test_groups_and_total_are_sums_of_the_rounded_leaves(forms: rubricdsl.Rubric) -> None:
    report = forms.score({**FULL_MARKS, "完成项数": 1, "总项数": 3, "支出": "112.345"})
    assert [report.score_of(name) for name in ("完成", "进度")] == [Decimal("2.00"), Decimal("1.77")]
    assert report.score_of("公式") == sum(
        report.score_of(f"公式/{n}") for n in ("职责", "绩效", "完成", "制度")
    )
    assert report.total == sum(report.score_of(top) for top in ("区间", "步进", "公式"))


# ---------------------------------------------------------------- rounding


def rounding_rubric(rounding: str) -> rubricdsl.Rubric:
    return rubricdsl.loads(
        f"""
        rubric "舍入" total 20 levels 指标 {rounding}
        inputs {{ 比例 percent ≤ 100% }}
        甲 10 {{ score: 10 × 比例 }}
        乙 10 {{ score: 10 × 比例 }}
        """
    )


@pytest.mark.parametrize(
    ("rounding", "ratio", "leaf"),
    [
        ("rounding 0.01 half-up", "0.2345", "2.35"),
        ("rounding 0.01 half-even", "0.2345", "2.34"),
        ("rounding 0.01 half-even", "0.2355", "2.36"),
        ("rounding 0.01 half-down", "0.2345", "2.34"),
        ("rounding 0.01 up", "0.2341", "2.35"),
        ("rounding 0.01 down", "0.2349", "2.34"),
        ("rounding 0.01 ceiling", "0.2341", "2.35"),
        ("rounding 0.01 floor", "0.2349", "2.34"),
        ("rounding 0.5 half-up", "0.2345", "2.5"),
        ("rounding 0.5 half-up", "0.2249", "2.0"),
        ("rounding 0.25 half-even", "0.2125", "2.00"),
        ("rounding 0.25 up", "0.2001", "2.25"),
        ("rounding 1 half-up", "0.25", "3"),
        ("rounding 10 half-up", "0.51", "10"),
        ("", "0.2345678", "2.345678"),
    ],
)
def test_rounding_modes(rounding: str, ratio: str, leaf: str) -> None:
    report = rounding_rubric(rounding).score({"比例": ratio})
    assert report.score_of("甲") == Decimal(leaf)
    if rounding:
        assert str(report.score_of("甲")) == leaf  # the quantum decides the digits shown


def test_total_is_the_sum_of_rounded_leaves() -> None:
    report = rounding_rubric("rounding 0.01 half-up").score({"比例": "0.1005"})
    assert report.score_of("甲") == Decimal("1.01")  # 1.005 rounds up
    assert report.total == Decimal("2.02")  # not 2.01, the rounded exact sum


def test_the_callers_decimal_context_is_neither_used_nor_changed(forms: rubricdsl.Rubric) -> None:
    import decimal

    with decimal.localcontext() as caller:
        caller.prec = 3
        caller.rounding = decimal.ROUND_DOWN
        report = forms.score({**FULL_MARKS, "完成项数": 3, "总项数": 7, "支出": "112.345"})
        assert report.score_of("完成") == Decimal("2.57")
        assert report.score_of("进度") == Decimal("1.77")
        assert report.scores["公式/完成"] == Decimal("2.57")
        assert "2.57" in report.explain()
        assert (caller.prec, caller.rounding) == (3, decimal.ROUND_DOWN)
        assert decimal.getcontext() is caller


def test_bands_with_only_otherwise() -> None:
    rubric = rubricdsl.loads(
        'rubric "x" total 3 levels a\ninputs { v percent ≤ 100% }\n甲 3 { score by v: otherwise → 3 }\n'
    )
    report = rubric.score({"v": "50%"})
    assert report.total == 3
    assert report.traces["甲"].applied == "v = 0.5 → 其他 → 3分"
