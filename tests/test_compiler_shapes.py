"""Leaves of one shape share a compiled function; each still scores, fails and explains as itself.

Also: the IR the lowering builds without validation is the IR validation would build,
and a rubric with many inputs reads them in one loop exactly as inline code would.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, Field, PrivateAttr

import rubricdsl
from rubricdsl import compiler, ir
from rubricdsl.compiler import module
from rubricdsl.errors import InputError, InternalError
from test_runtime_semantics import FORMS, FULL_MARKS

SHAPES = """
rubric "形状" total 18
levels 一级, 二级
rounding 0.01 half-up
inputs {
  实际1 amount
  计划1 amount
  实际2 amount
  计划2 amount
  实际3 amount
  计划3 amount
}
组 18 {
  项1 6 {
    let 比率1 = 实际1 / 计划1
    score by 比率1: ≥ 80% → 6; [50%, 80%) → 3; < 50% → 0
  }
  项2 6 {
    let 比率2 = 实际2 / 计划2
    score by 比率2: ≥ 80% → 6; [50%, 80%) → 3; < 50% → 0
  }
  项3 6 {
    let 比率3 = 实际3 / 计划3
    score by 比率3: ≥ 90% → 6; [60%, 90%) → 2; < 60% → 0
  }
}
"""
RECORD = {"实际1": 90, "计划1": 100, "实际2": 60, "计划2": 100, "实际3": 70, "计划3": 100}


@pytest.fixture(scope="module")
def shapes() -> rubricdsl.Rubric:
    return rubricdsl.loads(SHAPES, name="shapes.rubric")


def test_one_function_serves_every_leaf_of_a_shape(shapes: rubricdsl.Rubric) -> None:
    source = shapes.to_python()
    assert re.findall(r"^def (_leaf_\d+)\(", source, re.MULTILINE) == ["_leaf_0"]
    copies = re.findall(r"^(_leaf_\d+) = _leaf_like\('\1', _leaf_0, ", source, re.MULTILINE)
    assert copies == ["_leaf_1", "_leaf_2"]
    report = shapes.score(RECORD)
    assert [report.score_of(name) for name in ("项1", "项2", "项3")] == [6, 3, 2]
    assert report.total == Decimal(11)


def test_a_leaf_the_same_as_another_but_for_its_inputs_is_that_function() -> None:
    rubric = rubricdsl.loads(
        'rubric "同" total 6\nlevels 一级, 二级\ninputs {\n  问题1 count\n  问题2 count\n}\n组 6 {\n'
        "  项1 3 { score: 3 − 1 per 问题1, floor 0 }\n  项2 3 { score: 3 − 1 per 问题2, floor 0 }\n}\n"
    )
    assert re.search(r"^_leaf_1 = _leaf_0$", rubric.to_python(), re.MULTILINE)
    report = rubric.score({"问题1": 1, "问题2": 5})
    assert (report.score_of("项1"), report.score_of("项2")) == (2, 0)


def test_a_shared_function_names_its_own_leaf_in_errors(shapes: rubricdsl.Rubric) -> None:
    with pytest.raises(InputError) as caught:
        shapes.score({**RECORD, "计划2": 0})
    assert caught.value.indicator == "组/项2"
    assert str(caught.value).startswith("组/项2: division by zero: 计划2 is 0")


def test_a_shared_function_explains_its_own_leaf(shapes: rubricdsl.Rubric) -> None:
    traces = shapes.score(RECORD).traces
    assert traces["组/项2"].lets == {"比率2": Decimal("0.6")}
    assert traces["组/项3"].lets == {"比率3": Decimal("0.7")}
    assert traces["组/项3"].score == 2


def test_a_metric_no_band_covers_names_the_leaf_of_a_shared_function(shapes: rubricdsl.Rubric) -> None:
    (group,) = shapes.ir.indicators

    def with_gap(leaf: ir.Indicator) -> ir.Indicator:
        rule = leaf.rule
        assert isinstance(rule, ir.BandsRule)
        return leaf.model_copy(update={"rule": rule.model_copy(update={"clauses": rule.clauses[:2]})})

    leaves = [with_gap(leaf) for leaf in group.children]
    edited = shapes.ir.model_copy(update={"indicators": [group.model_copy(update={"children": leaves})]})
    with pytest.raises(InputError) as caught:
        rubricdsl.Rubric(edited).score({**RECORD, "实际2": 10})
    assert caught.value.indicator == "组/项2"


def test_many_inputs_are_read_in_one_loop_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    inline = compiler.load(rubricdsl.load(FORMS).ir)
    monkeypatch.setattr(module, "INLINE_READING_LIMIT", 0)
    looped = compiler.load(rubricdsl.load(FORMS).ir)
    assert "_read_inputs(record)" in looped.source
    records: list[dict[str, Any]] = [
        FULL_MARKS,
        {**FULL_MARKS, "调整数": "−7.5", "满意度": "85%"},
        {**FULL_MARKS, "完成项数": 5},
        {**FULL_MARKS, "总项数": None},
        {k: v for k, v in FULL_MARKS.items() if k != "核定数"},
    ]
    for record in records:
        assert outcome(looped.run, record) == outcome(inline.run, record)


def outcome(run: Any, record: dict[str, Any]) -> object:
    try:
        return run(record)
    except InputError as error:
        return str(error)


def test_the_lowered_ir_is_what_validation_would_build(shapes: rubricdsl.Rubric) -> None:
    for rubric in (shapes.ir, rubricdsl.load(FORMS).ir):
        assert ir.RubricIR.model_validate_json(rubric.model_dump_json()) == rubric
        for model in models(rubric):
            assert list(vars(model)) == list(type(model).model_fields)  # every field, in order


def models(value: object) -> list[BaseModel]:
    """Every model inside a value, the value included."""
    found: list[BaseModel] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, BaseModel):
            found.append(item)
            stack.extend(vars(item).values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return found


def test_trusted_construction_refuses_a_missing_field() -> None:
    with pytest.raises(InternalError, match="Indicator"):
        ir.trusted(ir.Indicator, name="x", path=["x"], weight=Decimal(1), level=1)  # no lists given


class _WithFactory(BaseModel):
    tags: list[str] = Field(default_factory=list)


class _WithPrivate(BaseModel):
    name: str
    _seen: int = PrivateAttr(default=0)


@pytest.mark.parametrize(
    ("model", "fields", "message"),
    [
        (_WithFactory, {"tags": []}, "a made or shared default"),
        (_WithPrivate, {"name": "x"}, "private attributes"),
    ],
)
def test_trusted_construction_refuses_models_it_cannot_build(
    model: type[BaseModel], fields: dict[str, object], message: str
) -> None:
    with pytest.raises(InternalError, match=message):
        ir.trusted(model, **fields)
