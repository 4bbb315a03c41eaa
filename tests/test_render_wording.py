"""Generated criterion wording: one exact sentence per rule form."""

from __future__ import annotations

import pytest

from rubricdsl.diagnostics import render_all_text
from rubricdsl.frontend import analyse
from rubricdsl.ir import RubricIR
from rubricdsl.render.scoreview import grade_scale
from rubricdsl.render.wording import checklist_lines, criterion_text
from rubricdsl.source import Source

INPUTS = """
  不符合项数 count
  问题数 count
  优秀项目数 count
  超期天数 count 天
  完成数 count ≤ 总数
  总数 count ≥ 1
  核定数 amount 万元
  申报数 amount 万元 > 0
  调整数 number 万元
  预算数 amount 万元 > 0
  完成率 percent
  安排数 amount 万元
  支出数 amount 万元
  有制度 yes/no
  已公开 yes/no
  未申报扣分 judged 0..2
  质量扣分 judged 0..3
  评分 judged 0..5
"""


def one_leaf(score: str, weight: str, lets: str = "", grades: str = "") -> RubricIR:
    text = (
        f'rubric "t"\ntotal {weight}\nlevels 指标\nsteps whole\n{grades}\n'
        f"inputs {{{INPUTS}}}\n{lets}\n测试 {weight} {{ score{score} }}\n"
    )
    analysis = analyse(Source("t.rubric", text))
    assert analysis.ir is not None, render_all_text(analysis.diagnostics)
    return analysis.ir


def wording(score: str, weight: str, lets: str = "") -> str:
    rubric = one_leaf(score, weight, lets)
    return criterion_text(rubric, rubric.leaves()[0])


CASES = [
    pytest.param(
        " by 项目预算安排率: ≥ 80% → 3; [50%, 80%) → 2; [30%, 50%) → 1; < 30% → 0",
        "3",
        "let 项目预算安排率 = 核定数 / 申报数",
        "项目预算安排率≥80%得3分；50%（含）－80%得2分；30%（含）－50%得1分；低于30%不得分。",
        id="bands",
    ),
    pytest.param(
        " by 控制率: = 0 → 5; (0, 10%] → 4; (10%, 20%] → 3; > 20% → 0",
        "5",
        "let 控制率 = 核定数 / 申报数",
        "控制率＝0得5分；0－10%（含）得4分；10%－20%（含）得3分；＞20%不得分。",
        id="bands-left-open",
    ),
    pytest.param(
        " by 完成率: ≥ 90% → 4; otherwise → 1",
        "4",
        "",
        "完成率≥90%得4分；其他情况得1分。",
        id="bands-otherwise",
    ),
    pytest.param(
        " by abs(调整率): ≤ 5% → 5; each started +0.1pp → −0.1, floor 0",
        "5",
        "let 调整率 = 调整数 / 预算数",
        "调整率绝对值≤5%得5分；＞5%的，每增加0.1个百分点扣0.1分"
        "（不足0.1个百分点按0.1个百分点计），扣完为止。",
        id="steps-started-pp",
    ),
    pytest.param(
        " by 完成率: ≥ 100% → 5; each whole 5% below → −0.5, floor 0",
        "5",
        "",
        "完成率≥100%得5分；低于100%的，每低于5%扣0.5分（不足5%不扣分），扣完为止。",
        id="steps-whole-below",
    ),
    pytest.param(
        " by 完成率: = 100% → 6; each whole ±5% → −2, floor 0",
        "6",
        "",
        "完成率＝100%得6分；每超过或低于5%扣2分（不足5%不扣分），扣完为止。",
        id="steps-both-sides",
    ),
    pytest.param(
        " by 完成率: ≤ 100% → 5; each pro-rata 10% above → −1, floor 0",
        "5",
        "",
        "完成率≤100%得5分；＞100%的，每增加10%扣1分（不足10%的部分按比例扣分），扣完为止。",
        id="steps-pro-rata",
    ),
    pytest.param(
        " by 超期天数: = 0 → 2; each started 5 above → −0.5, floor 0",
        "2",
        "",
        "超期天数＝0得2分；＞0的，每增加5天扣0.5分（不足5天按5天计），扣完为止。",
        id="steps-with-unit",
    ),
    pytest.param(
        ": 3 − 0.5 per 不符合项数, floor 0",
        "3",
        "",
        "满分3分，不符合项数每项扣0.5分，扣完为止。",
        id="deduction-per-count",
    ),
    pytest.param(
        ": (4 − 1 per 问题数, floor 0) + 2 per 优秀项目数, cap 4",
        "4",
        "",
        "满分4分，问题数每项扣1分，扣完为止；优秀项目数每个加2分，总分不超过4分。",
        id="deduction-then-bonus-cap",
    ),
    pytest.param(
        ": 2 per 优秀项目数, cap 4",
        "4",
        "",
        "优秀项目数每个加2分，总分不超过4分。",
        id="bonus-cap",
    ),
    pytest.param(
        ": 6 × 完成数 / 总数",
        "6",
        "",
        "得分＝完成数/总数×6分。",
        id="proportional",
    ),
    pytest.param(
        ": min(核定数 / 申报数 × 4, 4)",
        "4",
        "",
        "得分＝核定数/申报数×4分，最高不超过4分。",
        id="proportional-with-min",
    ),
    pytest.param(
        ': checklist { 有制度 → 2 "有内部财务管理制度"; 已公开 → 1 }',
        "3",
        "",
        "①有内部财务管理制度，2分；②已公开，1分。",
        id="checklist",
    ),
    pytest.param(
        ": 3 − 未申报扣分 − 质量扣分, floor 0",
        "3",
        "",
        "满分3分；未申报扣分：酌情扣0-2分；质量扣分：酌情扣0-3分，扣完为止。",
        id="judged-deductions",
    ),
    pytest.param(": 评分", "5", "", "评分：酌情给0-5分。", id="judged-score"),
    pytest.param(
        ": when 安排数 = 0 and 支出数 = 0: 8 when 安排数 = 0: 0"
        " else: by 控制率: ≤ 100% → 8; each whole 1% above → −0.5, floor 0",
        "8",
        "let 控制率 = 支出数 / 安排数",
        "若安排数为0且支出数为0，得8分；若安排数为0，不得分；其他情况下，"
        "控制率≤100%得8分；＞100%的，每增加1%扣0.5分（不足1%不扣分），扣完为止。",
        id="guards",
    ),
    pytest.param(
        ": when not 有制度: 0 else: 2",
        "2",
        "",
        "若有制度为否，不得分；其他情况下，得2分。",
        id="guard-on-yes-no",
    ),
    pytest.param(
        ": (核定数 + 调整数) / 预算数, cap 1, floor 0",
        "1",
        "",
        "得分＝（核定数＋调整数）/预算数，总分不超过1分，扣完为止。",
        id="any-other-formula",
    ),
]


@pytest.mark.parametrize(("score", "weight", "lets", "expected"), CASES)
def test_generated_wording(score: str, weight: str, lets: str, expected: str) -> None:
    assert wording(score, weight, lets) == expected


def test_checklist_lines_are_one_per_item_and_keep_written_points() -> None:
    rubric = one_leaf(
        ': checklist { 有制度 → 2 "①有内部财务管理制度，2分；"; 已公开 → 1 "②预算已公开" }', "3"
    )
    assert checklist_lines(rubric, rubric.leaves()[0]) == ["①有内部财务管理制度，2分；", "②预算已公开，1分。"]


def test_grade_scale_names_every_range() -> None:
    rubric = one_leaf(": 5", "100", grades="grades { 优 ≥ 90; 良 ≥ 80; 中 > 60; 差 otherwise }")
    assert grade_scale(rubric) == "评价等级：≥90分为优；80（含）－90分为良；60－80分为中；≤60分为差。"
