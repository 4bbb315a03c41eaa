"""The public API: load, loads, Rubric, ScoreReport, LeafTrace, and their errors."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import rubricdsl
from rubricdsl.errors import InputError, RubricError, SourceReadError
from test_runtime_semantics import FORMS, FULL_MARKS

SEED = Path(__file__).resolve().parents[1] / "rubrics" / "dept-overall-2021.rubric"
QUWO = Path(__file__).resolve().parents[1] / "examples" / "quwo-2021.json"


@pytest.fixture(scope="module")
def forms() -> rubricdsl.Rubric:
    return rubricdsl.load(FORMS)


@pytest.fixture(scope="module")
def seed() -> rubricdsl.Rubric:
    return rubricdsl.load(SEED)


def quwo_record() -> dict[str, object]:
    record = json.loads(QUWO.read_text(encoding="utf-8"))
    del record["单位名称"]
    return dict(record)


def test_the_seed_units_own_result(seed: rubricdsl.Rubric) -> None:
    report = seed.score(quwo_record())
    assert (report.total, report.grade) == (Decimal(93), "优")
    assert [report.score_of(top) for top in ("投入", "过程", "产出及效率")] == [13, 55, 25]
    assert report.score_of("投入/预算编制/准确性") == report.score_of("准确性") == 3
    assert report.score_of("预算管理/政府采购执行率") == 6  # a unique tail of the path


def test_loads_reports_rubric_errors_with_their_diagnostics() -> None:
    with pytest.raises(RubricError) as caught:
        rubricdsl.loads('rubric "坏" total 10 levels 指标\n甲 5 { score: 5 }\n', name="坏.rubric")
    assert caught.value.diagnostics
    assert all(d.file == "坏.rubric" for d in caught.value.diagnostics if d.file)
    assert any(d.severity == "error" for d in caught.value.diagnostics)


def test_load_of_a_missing_file() -> None:
    with pytest.raises(SourceReadError, match="no such file"):
        rubricdsl.load("no/such/file.rubric")


def test_score_of_an_unknown_indicator_suggests_the_nearest(forms: rubricdsl.Rubric) -> None:
    report = forms.score(FULL_MARKS)
    with pytest.raises(KeyError) as caught:
        report.score_of("准确")
    assert str(caught.value) == "no indicator named 准确 (did you mean 准确性?)"
    assert isinstance(caught.value, rubricdsl.UnknownIndicatorError)


def test_a_name_used_twice_needs_its_path() -> None:
    rubric = rubricdsl.loads(
        'rubric "重名" total 4 levels 一级, 二级\n'
        "inputs { 甲分 judged 0..2; 乙分 judged 0..2 }\n"
        "甲 2 { 得分 2 { score: 甲分 } }\n乙 2 { 得分 2 { score: 乙分 } }\n"
    )
    report = rubric.score({"甲分": 1, "乙分": 2})
    assert report.score_of("甲/得分") == 1
    with pytest.raises(KeyError, match="names several indicators"):
        report.score_of("得分")
    assert report.to_dict()["scores"] == {"甲": "1", "甲/得分": "1", "乙": "2", "乙/得分": "2"}


def test_scores_holds_every_indicator_by_path(forms: rubricdsl.Rubric) -> None:
    scores = forms.score(FULL_MARKS).scores
    assert list(scores)[:4] == ["区间", "区间/准确性", "区间/控制率", "区间/满意"]
    assert len(scores) == 15
    assert all(isinstance(v, Decimal) for v in scores.values())


def test_to_dict_is_json_text_keyed_by_name(seed: rubricdsl.Rubric) -> None:
    data = seed.score(quwo_record()).to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["total"] == "93.00"
    assert data["grade"] == "优"
    assert data["scores"]["预算调整率"] == "4.00"
    assert "traces" not in data
    traced = seed.score(quwo_record()).to_dict(traces=True)["traces"]
    assert traced["过程/预算执行/预算调整率"]["lost"] == "1.00"


def test_traces_say_what_applied(seed: rubricdsl.Rubric) -> None:
    traces = seed.score({**quwo_record(), "预算调整数": "25.55", "预算数": 500}).traces
    adjustment = traces["过程/预算执行/预算调整率"]
    assert adjustment.applied == "预算调整率绝对值 = 5.11%，超出5%的部分0.11个百分点，按2步计 → 5 − 0.2 = 4.8"
    assert (adjustment.score, adjustment.lost) == (Decimal("4.80"), Decimal("0.20"))
    assert adjustment.metric_name == "abs(预算调整率)"
    assert adjustment.metric_value == Decimal("0.0511")
    assert adjustment.inputs == {"预算调整数": Decimal("25.55"), "预算数": Decimal(500)}
    accuracy = traces["投入/预算编制/准确性"]
    assert accuracy.applied == "项目预算安排率 = ≈91.5972% → ≥ 80% → 3分"
    assert (
        traces["过程/预算管理/“三公经费”控制率"].applied
        == "当 三公经费预算安排数 = 0 且 三公经费实际支出数 = 0 时：8分"
    )


def test_explain_has_one_line_per_indicator_and_the_total(seed: rubricdsl.Rubric) -> None:
    lines = seed.score(quwo_record()).explain().splitlines()
    assert len(lines) == len(seed.ir.walk()) + 1
    assert lines[0] == "投入  13/13分"
    assert lines[-1] == "总分 93/100，等级 优"
    assert "    预决算信息公开性  2/3分  3 − 1 × 预决算公开不符项数 = 3 − 1 × 1 = 2" in lines


def test_score_many_yields_reports_and_errors_in_order(forms: rubricdsl.Rubric) -> None:
    records = [FULL_MARKS, {**FULL_MARKS, "扣分": 9}, {**FULL_MARKS, "满意度": "50%"}]
    results = list(forms.score_many(iter(records)))
    assert [type(r).__name__ for r in results] == ["ScoreReport", "InputError", "ScoreReport"]
    first, error, third = results
    assert isinstance(first, rubricdsl.ScoreReport) and isinstance(third, rubricdsl.ScoreReport)
    assert (first.total, third.total) == (43, 41)
    assert isinstance(error, InputError) and error.input_name == "扣分"


def test_input_schema(forms: rubricdsl.Rubric) -> None:
    schema = forms.input_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == forms.input_names
    assert schema["additionalProperties"] is False
    props = schema["properties"]
    assert props["不符合项数"] == {
        "type": "integer", "minimum": 0, "description": "a whole number",
        "x-rubric-type": "count",
    }  # fmt: skip
    assert props["申报额"]["exclusiveMinimum"] == 0 and props["申报额"]["x-unit"] == "万元"
    assert props["扣分"]["minimum"] == 0 and props["扣分"]["maximum"] == 2
    assert props["满意度"]["maximum"] == 1
    assert props["完成项数"]["x-constraints"] == ["≤ 总项数"]
    assert props["调整数"]["description"].startswith("追减为负数; ")
    assert "boolean" in json.dumps(props["有制度"])


def test_the_ir_round_trips_through_json(seed: rubricdsl.Rubric) -> None:
    text = seed.ir.model_dump_json()
    again = rubricdsl.Rubric(type(seed.ir).model_validate_json(text))
    assert again.score(quwo_record()).to_dict() == seed.score(quwo_record()).to_dict()


def test_import_is_lazy() -> None:
    code = (
        "import sys, rubricdsl\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rubricdsl', 'lark', 'pydantic')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['rubricdsl']"
    assert "load" in dir(rubricdsl)
    with pytest.raises(AttributeError):
        rubricdsl.no_such_name  # noqa: B018
