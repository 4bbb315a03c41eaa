"""The seed rubric (部门整体支出绩效自评表 2021) against its contract, rule by rule.

Every expected value below is written by hand from the contract's wording: each
band edge, each step boundary, the zero-budget guards, checklists, caps, floors
and rounding.  The same cases pin both the independent reference scorer and the
rubric's compiled scorer, so a disagreement shows which one drifted.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import reference_seed as ref
import rubricdsl
from rubricdsl import nodes as n
from rubricdsl.errors import InputError
from rubricdsl.parser import parse
from rubricdsl.source import Source

ROOT = Path(__file__).resolve().parents[1]
RUBRIC = ROOT / "rubrics" / "dept-overall-2021.rubric"
SEED = ROOT.parent / "shared" / "seed" / "000_df6e94a99b85a1dc.txt"

# A unit meeting every target (the rubric's example "全部达标").
FULL_MARKS: dict[str, Any] = {
    "不符合项数": 0, "项目预算核定数": "60", "项目预算申报额": "60", "未申报绩效目标扣分": 0,
    "绩效目标质量扣分": 0, "未细化项目数": 0, "超期工作日": 0, "预算完成数": "500", "预算数": "500",
    "预算调整数": "0", "本年追加预算": "0", "年初预算": "500", "实际支出": "480", "支出预算": "500",
    "三公经费实际支出数": "3", "三公经费预算安排数": "5", "资产管理不符项数": 0,
    "实际政府采购金额": "40", "政府采购预算数": "40", "有内部财务管理制度": True, "有厉行节约制度": True,
    "管理制度合法合规完整": True, "管理制度有效执行": True, "资金使用不合规例数": 0,
    "基础信息不符项数": 0, "预决算公开不符项数": 0, "按进度完成目标项数": 8, "目标总项数": 8,
    "按进度完成项目个数": 5, "总项目个数": 5, "绩效管理问题数": 0, "优秀评价项目数": 0,
    "经济效益得分": 3, "社会效益得分": 3, "生态效益得分": 1, "可持续影响得分": 1, "满意度": "0.95",
}  # fmt: skip


def record(**overrides: Any) -> dict[str, Decimal | bool]:
    merged = {**FULL_MARKS, **overrides}
    return {k: v if isinstance(v, bool) else Decimal(str(v)) for k, v in merged.items()}


Y, N = True, False
# (leaf, inputs changed from full marks, expected leaf score)
CASES: list[tuple[str, dict[str, Any], str]] = [
    ("职责相关性", {"不符合项数": 1}, "2.5"),
    ("职责相关性", {"不符合项数": 5}, "0.5"),
    ("职责相关性", {"不符合项数": 6}, "0"),
    ("职责相关性", {"不符合项数": 7}, "0"),
    ("准确性", {"项目预算核定数": 48}, "3"),
    ("准确性", {"项目预算核定数": "0.3", "项目预算申报额": "0.375"}, "3"),
    ("准确性", {"项目预算核定数": 90}, "3"),
    ("准确性", {"项目预算核定数": "79.99", "项目预算申报额": 100}, "2"),
    ("准确性", {"项目预算核定数": 50, "项目预算申报额": 100}, "2"),
    ("准确性", {"项目预算核定数": "49.99", "项目预算申报额": 100}, "1"),
    ("准确性", {"项目预算核定数": 30, "项目预算申报额": 100}, "1"),
    ("准确性", {"项目预算核定数": "29.99", "项目预算申报额": 100}, "0"),
    ("准确性", {"项目预算核定数": 0}, "0"),
    ("规范性", {"未申报绩效目标扣分": 2}, "1"),
    ("规范性", {"未申报绩效目标扣分": "0.5", "绩效目标质量扣分": "1.5"}, "1"),
    ("规范性", {"绩效目标质量扣分": 3}, "0"),
    ("规范性", {"未申报绩效目标扣分": 2, "绩效目标质量扣分": 3}, "0"),
    ("细化程度", {"未细化项目数": 1}, "1.7"),
    ("细化程度", {"未细化项目数": 6}, "0.2"),
    ("细化程度", {"未细化项目数": 7}, "0"),
    ("及时性", {"超期工作日": 4}, "2"),
    ("及时性", {"超期工作日": 5}, "1.5"),
    ("及时性", {"超期工作日": 9}, "1.5"),
    ("及时性", {"超期工作日": 10}, "1"),
    ("及时性", {"超期工作日": 19}, "0.5"),
    ("及时性", {"超期工作日": 20}, "0"),
    ("及时性", {"超期工作日": 100}, "0"),
    ("预算完成率", {"预算完成数": 520}, "5"),
    ("预算完成率", {"预算完成数": 480}, "5"),  # 96%
    ("预算完成率", {"预算完成数": "475.05"}, "5"),  # 95.01%
    ("预算完成率", {"预算完成数": 475}, "4.5"),  # 95%
    ("预算完成率", {"预算完成数": "450.5"}, "4.5"),  # 90.1%
    ("预算完成率", {"预算完成数": 450}, "4"),
    ("预算完成率", {"预算完成数": 275}, "0.5"),  # 55%: 9 whole steps
    ("预算完成率", {"预算完成数": 0}, "0"),
    ("预算调整率", {"预算调整数": 25}, "5"),  # 5%
    ("预算调整率", {"预算调整数": -25}, "5"),
    ("预算调整率", {"预算调整数": "25.05"}, "4.9"),  # 5.01%
    ("预算调整率", {"预算调整数": "25.5"}, "4.9"),  # 5.1%
    ("预算调整率", {"预算调整数": "25.55"}, "4.8"),  # 5.11%
    ("预算调整率", {"预算调整数": "-25.05"}, "4.9"),
    ("预算调整率", {"预算调整数": "-25.55"}, "4.8"),
    ("预算调整率", {"预算调整数": 30}, "4"),  # 6%: 10 steps
    ("预算调整率", {"预算调整数": "49.5"}, "0.1"),  # 9.9%: 49 steps
    ("预算调整率", {"预算调整数": "49.95"}, "0"),  # 9.99%: 50 started steps
    ("预算调整率", {"预算调整数": -100}, "0"),
    ("预算控制率", {"本年追加预算": "0.01"}, "4"),
    ("预算控制率", {"本年追加预算": 50}, "4"),  # 10%
    ("预算控制率", {"本年追加预算": "50.01"}, "3"),
    ("预算控制率", {"本年追加预算": 100}, "3"),  # 20%
    ("预算控制率", {"本年追加预算": "100.01"}, "2"),
    ("预算控制率", {"本年追加预算": 150}, "2"),  # 30%
    ("预算控制率", {"本年追加预算": "150.01"}, "0"),
    ("预算控制率", {"本年追加预算": 1000}, "0"),
    ("支出进度率", {"实际支出": 0}, "5"),
    ("支出进度率", {"实际支出": 500}, "5"),
    ("支出进度率", {"实际支出": "524.99"}, "5"),
    ("支出进度率", {"实际支出": 525}, "3"),  # 105%
    ("支出进度率", {"实际支出": "549.99"}, "3"),
    ("支出进度率", {"实际支出": 550}, "1"),
    ("支出进度率", {"实际支出": 575}, "0"),  # 115%: 5 − 6, floor 0
    ("“三公经费”控制率", {"三公经费预算安排数": 0, "三公经费实际支出数": 0}, "8"),
    ("“三公经费”控制率", {"三公经费预算安排数": 0, "三公经费实际支出数": "0.01"}, "0"),
    ("“三公经费”控制率", {"三公经费实际支出数": 0}, "8"),
    ("“三公经费”控制率", {"三公经费实际支出数": 5}, "8"),
    ("“三公经费”控制率", {"三公经费实际支出数": "5.0499"}, "8"),  # 100.998%
    ("“三公经费”控制率", {"三公经费实际支出数": "5.05"}, "7.5"),  # 101%
    ("“三公经费”控制率", {"三公经费实际支出数": "5.1"}, "7"),
    ("“三公经费”控制率", {"三公经费实际支出数": "5.75"}, "0.5"),  # 115%
    ("“三公经费”控制率", {"三公经费实际支出数": "5.8"}, "0"),
    ("资产管理规范性", {"资产管理不符项数": 1}, "4"),
    ("资产管理规范性", {"资产管理不符项数": 3}, "0"),
    ("资产管理规范性", {"资产管理不符项数": 4}, "0"),
    ("政府采购执行率", {"实际政府采购金额": 38}, "4"),  # 95%
    ("政府采购执行率", {"实际政府采购金额": 42}, "4"),  # 105%
    ("政府采购执行率", {"实际政府采购金额": "38.01"}, "6"),
    ("政府采购执行率", {"实际政府采购金额": "41.99"}, "6"),
    ("政府采购执行率", {"实际政府采购金额": 36}, "2"),
    ("政府采购执行率", {"实际政府采购金额": 44}, "2"),
    ("政府采购执行率", {"实际政府采购金额": 34}, "0"),
    ("政府采购执行率", {"实际政府采购金额": 46}, "0"),
    ("政府采购执行率", {"实际政府采购金额": 0}, "0"),
    ("政府采购执行率", {"政府采购预算数": 0, "实际政府采购金额": 0}, "6"),
    ("政府采购执行率", {"政府采购预算数": 0, "实际政府采购金额": "0.01"}, "0"),
    ("管理制度健全性", {"有内部财务管理制度": N}, "4"),
    ("管理制度健全性", {"有厉行节约制度": N}, "4"),
    ("管理制度健全性", {"管理制度合法合规完整": N}, "5"),
    ("管理制度健全性", {"管理制度有效执行": N}, "5"),
    ("管理制度健全性", {"有内部财务管理制度": N, "有厉行节约制度": N, "管理制度有效执行": N}, "1"),
    (
        "管理制度健全性",
        {"有内部财务管理制度": N, "有厉行节约制度": N, "管理制度合法合规完整": N, "管理制度有效执行": N},
        "0",
    ),
    ("资金使用合规性", {"资金使用不合规例数": 3}, "5"),
    ("资金使用合规性", {"资金使用不合规例数": 8}, "0"),
    ("资金使用合规性", {"资金使用不合规例数": 9}, "0"),
    ("基础信息完善性", {"基础信息不符项数": 1}, "1"),
    ("基础信息完善性", {"基础信息不符项数": 3}, "0"),
    ("预决算信息公开性", {"预决算公开不符项数": 2}, "1"),
    ("预决算信息公开性", {"预决算公开不符项数": 4}, "0"),
    ("重点工作实际完成率", {"按进度完成目标项数": 0}, "0"),
    ("重点工作实际完成率", {"按进度完成目标项数": 1, "目标总项数": 3}, "2"),
    ("重点工作实际完成率", {"按进度完成目标项数": 11, "目标总项数": 16}, "4.13"),  # 4.125
    ("重点工作实际完成率", {"按进度完成目标项数": 1, "目标总项数": 7}, "0.86"),
    ("重点工作实际完成率", {"按进度完成目标项数": 1, "目标总项数": 1200}, "0.01"),  # 0.005
    ("项目完成率", {"按进度完成项目个数": 5, "总项目个数": 7}, "4.29"),
    ("项目完成率", {"按进度完成项目个数": 3, "总项目个数": 16}, "1.13"),  # 1.125
    ("项目完成率", {"按进度完成项目个数": 1, "总项目个数": 1}, "6"),
    ("项目绩效管理有效性", {"绩效管理问题数": 1}, "3"),
    ("项目绩效管理有效性", {"绩效管理问题数": 4}, "0"),
    ("项目绩效管理有效性", {"绩效管理问题数": 5}, "0"),
    ("项目绩效管理有效性", {"绩效管理问题数": 2, "优秀评价项目数": 1}, "4"),
    ("项目绩效管理有效性", {"绩效管理问题数": 3, "优秀评价项目数": 1}, "3"),
    ("项目绩效管理有效性", {"绩效管理问题数": 6, "优秀评价项目数": 1}, "2"),  # floor, then bonus
    ("项目绩效管理有效性", {"优秀评价项目数": 2}, "4"),
    ("项目绩效管理有效性", {"绩效管理问题数": 9, "优秀评价项目数": 3}, "4"),
    ("个性化效益指标", {"经济效益得分": 3, "社会效益得分": 3, "生态效益得分": 3, "可持续影响得分": 3}, "8"),
    ("个性化效益指标", {"经济效益得分": 2}, "7"),
    ("个性化效益指标", {"生态效益得分": "0.99"}, "7.99"),
    ("个性化效益指标", {"经济效益得分": 0, "社会效益得分": 0, "生态效益得分": 0, "可持续影响得分": 0}, "0"),
    ("社会公众或服务对象满意度", {"满意度": 1}, "4"),
    ("社会公众或服务对象满意度", {"满意度": "0.9"}, "4"),
    ("社会公众或服务对象满意度", {"满意度": "0.8999"}, "3"),
    ("社会公众或服务对象满意度", {"满意度": "0.8"}, "3"),
    ("社会公众或服务对象满意度", {"满意度": "0.7999"}, "2"),
    ("社会公众或服务对象满意度", {"满意度": "0.7"}, "2"),
    ("社会公众或服务对象满意度", {"满意度": "0.6999"}, "0"),
    ("社会公众或服务对象满意度", {"满意度": 0}, "0"),
]
CASE_IDS = [f"{leaf}-{'-'.join(f'{k}={v}' for k, v in inputs.items())}" for leaf, inputs, _ in CASES]


@pytest.fixture(scope="module")
def scorer() -> rubricdsl.Rubric:
    return rubricdsl.load(RUBRIC)


@pytest.mark.parametrize(("leaf", "inputs", "expected"), CASES, ids=CASE_IDS)
def test_reference_follows_contract(leaf: str, inputs: dict[str, Any], expected: str) -> None:
    assert ref.score(record(**inputs)).scores[leaf] == Decimal(expected)


@pytest.mark.parametrize(("leaf", "inputs", "expected"), CASES, ids=CASE_IDS)
def test_rubric_follows_contract(
    scorer: rubricdsl.Rubric, leaf: str, inputs: dict[str, Any], expected: str
) -> None:
    assert scorer.score(record(**inputs)).score_of(leaf) == Decimal(expected)


def test_full_marks_total_and_levels(scorer: rubricdsl.Rubric) -> None:
    report = scorer.score(record())
    assert (report.total, report.grade) == (Decimal(100), "优")
    assert [report.score_of(top) for top in ("投入", "过程", "产出及效率")] == [13, 59, 28]


@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"),
     ("59.99", "差"), ("0", "差")],
)  # fmt: skip
def test_reference_grades(total: str, grade: str) -> None:
    assert ref.grade_of(Decimal(total)) == grade


BAD_RECORDS: list[tuple[dict[str, Any], set[str]]] = [
    ({"预算数": 0}, {"预算数"}),
    ({"年初预算": 0}, {"年初预算"}),
    ({"支出预算": 0}, {"支出预算"}),
    ({"项目预算申报额": 0}, {"项目预算申报额"}),
    ({"目标总项数": 0, "按进度完成目标项数": 0}, {"目标总项数"}),
    ({"按进度完成目标项数": 9}, {"按进度完成目标项数", "目标总项数"}),
    ({"按进度完成项目个数": 6}, {"按进度完成项目个数", "总项目个数"}),
    ({"满意度": "1.01"}, {"满意度"}),
    ({"未申报绩效目标扣分": "2.5"}, {"未申报绩效目标扣分"}),
    ({"经济效益得分": "-0.5"}, {"经济效益得分"}),
    ({"不符合项数": -1}, {"不符合项数"}),
    ({"资金使用不合规例数": "2.5"}, {"资金使用不合规例数"}),
    ({"实际支出": "-1"}, {"实际支出"}),
]


@pytest.mark.parametrize(("inputs", "names"), BAD_RECORDS, ids=[str(i) for i, _ in BAD_RECORDS])
def test_records_outside_the_domains_are_refused(
    scorer: rubricdsl.Rubric, inputs: dict[str, Any], names: set[str]
) -> None:
    assert ref.problems(record(**inputs))
    with pytest.raises(InputError) as caught:
        scorer.score(record(**inputs))
    assert caught.value.input_name in names


def test_negative_adjustment_is_allowed(scorer: rubricdsl.Rubric) -> None:
    assert not ref.problems(record(预算调整数="-30"))
    assert scorer.score(record(预算调整数="-30")).score_of("预算调整率") == 4


# ---------------------------------------------------------------- the rubric text


def parsed() -> n.RubricFile:
    result = parse(Source(str(RUBRIC), RUBRIC.read_text(encoding="utf-8")))
    assert result.file is not None, result.diagnostics
    return result.file


def test_tree_names_and_weights_are_the_contracts() -> None:
    def shape(node: n.Indicator) -> tuple[Any, ...]:
        return (node.name.name, node.weight.value, tuple(shape(c) for c in node.children))

    def expected(node: ref.Node) -> tuple[Any, ...]:
        return (node[0], Decimal(node[1]), tuple(expected(c) for c in node[2]))

    assert [shape(top) for top in parsed().indicators] == [expected(top) for top in ref.TREE]


def test_inputs_are_the_contracts() -> None:
    kinds = {i.name.name: i.kind for i in parsed().inputs}
    assert set(kinds) == set(ref.INPUT_NAMES)
    groups = {
        "count": ref.COUNTS, "amount": ref.AMOUNTS, "number": ref.NUMBERS,
        "percent": ref.PERCENTS, "yesno": ref.YES_NO, "judged": tuple(ref.JUDGED),
    }  # fmt: skip
    assert {name: kind for kind, names in groups.items() for name in names} == kinds


def _seed_texts() -> dict[str, tuple[str, str]]:
    """The table's 评价标准 and 指标说明 per scored row, padding collapsed."""
    text = SEED.read_text(encoding="utf-8")
    table = text[text.index("\t一级指标") : text.index("\t合计")]
    texts: dict[str, list[list[str]]] = {}
    last = ""
    for block in table.split("\n\n")[1:]:
        if not block.strip():
            continue
        cells = re.split(r"(?:^|\n)\t", block)[1:]
        last = cells[4] or last
        criterion, explain = texts.setdefault(last, [[], []])
        criterion.append(cells[6])
        explain.extend([cells[7]] if cells[7] else [])
    return {name: (_collapse("\n".join(c)), _collapse("\n".join(e))) for name, (c, e) in texts.items()}


def _collapse(text: str) -> str:
    return re.sub(" {2,}", " ", text).strip()


@pytest.mark.skipif(not SEED.exists(), reason="the seed document is not beside the repository")
def test_texts_are_the_seeds_verbatim() -> None:
    seed = _seed_texts()
    seed["个性化效益指标"] = seed.pop("经济效益")
    for name in ("社会效益", "生态效益", "可持续影响"):
        assert seed.pop(name) == ("", "")
    leaves = [leaf for top in parsed().indicators for leaf in _leaves(top)]
    written = {leaf.name.name: (_text(leaf.criterion), _text(leaf.explain)) for leaf in leaves}
    assert written == seed


def _leaves(node: n.Indicator) -> list[n.Indicator]:
    return [node] if node.is_leaf else [leaf for child in node.children for leaf in _leaves(child)]


def _text(text: n.Text | None) -> str:
    return text.value if text else ""


def test_checklist_items_carry_the_numbered_texts() -> None:
    leaf = next(x for top in parsed().indicators for x in _leaves(top) if x.name.name == "管理制度健全性")
    assert leaf.score is not None and isinstance(leaf.score.rule, n.Checklist)
    items = [(i.name.name, i.points.value, _text(i.text)[:1]) for i in leaf.score.rule.items]
    assert items == [
        ("有内部财务管理制度", Decimal(2), "①"), ("有厉行节约制度", Decimal(2), "②"),
        ("管理制度合法合规完整", Decimal(1), "③"), ("管理制度有效执行", Decimal(1), "④"),
    ]  # fmt: skip


# ---------------------------------------------------------------- worked examples


def _example_records() -> list[tuple[str, dict[str, Decimal | bool], list[n.Expectation]]]:
    by_name = {ex.name.value: ex for ex in parsed().examples}

    def given(ex: n.Example) -> dict[str, Decimal | bool]:
        base = given(by_name[ex.base.value]) if ex.base else {}
        return {**base, **{a.name.name: _value(a.value) for a in ex.given}}

    return [(name, given(ex), list(ex.expect)) for name, ex in by_name.items()]


def _value(value: n.Value) -> Decimal | bool:
    if value.number is None:
        return value.word == "是"
    return -value.number.value if value.negative else value.number.value


def test_every_worked_example_agrees_with_the_reference() -> None:
    examples = _example_records()
    assert len(examples) >= 40
    for name, inputs, expectations in examples:
        assert not ref.problems(inputs), name
        result = ref.score(inputs)
        for exp in expectations:
            actual: object = {"total": result.total, "grade": result.grade}.get(exp.target)
            if exp.target == "score":
                actual = result.scores[exp.path[-1].name]
            wanted = exp.value.word if exp.target == "grade" else _value(exp.value)
            assert actual == wanted, (name, exp.target, [p.name for p in exp.path])


def test_rubric_test_command_passes() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "rubricdsl", "test", str(RUBRIC)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_rubric_check_is_clean() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "rubricdsl", "check", str(RUBRIC.parent)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning" not in (run.stdout + run.stderr).lower()


# ---------------------------------------------------------------- examples/ data


def _as_record(row: dict[str, Any]) -> dict[str, Decimal | bool]:
    """A data row as the reference takes it: 是/否 and true/false as bools, "88%" as 0.88."""
    out: dict[str, Decimal | bool] = {}
    for name in ref.INPUT_NAMES:
        value = row[name]
        if isinstance(value, bool) or value in ("是", "否"):
            out[name] = value in (True, "是")
        elif isinstance(value, str) and value.endswith("%"):
            out[name] = Decimal(value[:-1]) / 100
        else:
            out[name] = Decimal(str(value))
    return out


def test_quwo_example_scores_93(scorer: rubricdsl.Rubric) -> None:
    data = json.loads((ROOT / "examples" / "quwo-2021.json").read_text(encoding="utf-8"))
    assert data["单位名称"] and data["预算数"] == 367.35 and data["三公经费预算安排数"] == 0
    assert Decimal(str(data["预算完成数"])) == Decimal("287.96") + Decimal("67.93")
    inputs = _as_record(data)
    expected = ref.score(inputs)
    report = scorer.score(inputs)
    assert (expected.total, expected.grade) == (report.total, report.grade) == (Decimal(93), "优")
    assert [report.score_of(top) for top in ("投入", "过程", "产出及效率")] == [13, 55, 25]


def _csv_rows() -> list[dict[str, str]]:
    with (ROOT / "examples" / "units-2021.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _row_problems(row: dict[str, str]) -> list[str]:
    try:
        return ref.problems(_as_record(row))
    except ArithmeticError as error:  # a value that is not a number at all
        return [str(error)]


def test_units_csv_has_two_bad_rows_and_the_rest_score_as_the_reference(scorer: rubricdsl.Rubric) -> None:
    rows = _csv_rows()
    assert len(rows) >= 22 and set(rows[0]) == {"单位名称", *ref.INPUT_NAMES}
    bad = [row["单位名称"] for row in rows if _row_problems(row)]
    assert len(bad) == 2, bad
    for row in rows:
        if row["单位名称"] in bad:
            with pytest.raises(InputError):
                scorer.score({k: v for k, v in row.items() if k != "单位名称"})
            continue
        expected = ref.score(_as_record(row))
        report = scorer.score({k: v for k, v in row.items() if k != "单位名称"})
        assert (report.total, report.grade) == (expected.total, expected.grade), row["单位名称"]


def test_score_command_reports_the_bad_rows_and_scores_the_rest() -> None:
    data = ROOT / "examples" / "units-2021.csv"
    command = [sys.executable, "-m", "rubricdsl", "score", str(RUBRIC), str(data), "--format", "json"]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    assert run.returncode == 1, run.stderr
    assert "实际支出" in run.stderr and "按进度完成目标项数" in run.stderr
    totals = {unit["单位名称"]: unit.get("total") for unit in json.loads(run.stdout)}
    for row in _csv_rows():
        total = totals[row["单位名称"]]
        if _row_problems(row):
            assert total is None, row["单位名称"]
        else:
            assert Decimal(total) == ref.score(_as_record(row)).total, row["单位名称"]
