"""Reading a record's values, and the InputError for each kind of bad record."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

import pytest

import rubricdsl
from rubricdsl.errors import InputError
from test_runtime_semantics import FORMS, FULL_MARKS


@pytest.fixture(scope="module")
def forms() -> rubricdsl.Rubric:
    return rubricdsl.load(FORMS)


def inputs_of(rubric: rubricdsl.Rubric, **changes: Any) -> dict[str, Decimal | bool]:
    return rubric.score({**FULL_MARKS, **changes}).inputs


@pytest.mark.parametrize(
    ("name", "given", "read"),
    [
        ("核定数", 80, Decimal(80)),
        ("核定数", 0.1, Decimal("0.1")),  # through the float's shortest text, not its binary value
        ("核定数", 1e-7, Decimal("1E-7")),
        ("核定数", "12.50", Decimal("12.50")),
        ("核定数", "  12.5 ", Decimal("12.5")),
        ("核定数", "1e3", Decimal("1000")),
        ("核定数", Decimal("0.375"), Decimal("0.375")),
        ("调整数", "-25.55", Decimal("-25.55")),
        ("调整数", "−5", Decimal(-5)),  # the minus sign of the rubric language
        ("调整数", "－２５．５", Decimal("-25.5")),  # full-width, as typed in Chinese text
        ("调整数", "＋３", Decimal(3)),
        ("调整数", -3, Decimal(-3)),
        ("不符合项数", 2, Decimal(2)),
        ("不符合项数", 2.0, Decimal(2)),
        ("不符合项数", "3", Decimal(3)),
        ("满意度", "85%", Decimal("0.85")),
        ("满意度", " 85.5 % ", Decimal("0.855")),
        ("满意度", "85％", Decimal("0.85")),
        ("满意度", "８５．５％", Decimal("0.855")),
        ("满意度", 0.85, Decimal("0.85")),
        ("满意度", 1, Decimal(1)),
        ("扣分", "1.5", Decimal("1.5")),
    ],
)
def test_numbers_are_read_exactly(forms: rubricdsl.Rubric, name: str, given: object, read: Decimal) -> None:
    value = inputs_of(forms, **{name: given})[name]
    assert value == read
    assert isinstance(value, Decimal)


@pytest.mark.parametrize("word", [True, "是", "yes", "Yes", "y", "true", "TRUE", "1", 1, " 是 ", "有", "对"])
def test_yes(forms: rubricdsl.Rubric, word: object) -> None:
    assert inputs_of(forms, 有制度=word)["有制度"] is True


@pytest.mark.parametrize("word", [False, "否", "no", "N", "false", "0", 0, "无"])
def test_no(forms: rubricdsl.Rubric, word: object) -> None:
    assert inputs_of(forms, 有制度=word)["有制度"] is False


def bad(rubric: rubricdsl.Rubric, record: dict[str, Any]) -> InputError:
    with pytest.raises(InputError) as caught:
        rubric.score(record)
    assert isinstance(caught.value, ValueError)
    return caught.value


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("不符合项数", -1, "out of range: must be ≥ 0"),
        ("不符合项数", 2.5, "not a whole number"),
        ("不符合项数", "2.5", "not a whole number"),
        ("不符合项数", True, "yes/no value"),
        ("核定数", False, "yes/no value"),
        ("核定数", float("nan"), "not a finite number"),
        ("核定数", float("inf"), "not a finite number"),
        ("核定数", "NaN", "not a finite number"),
        ("核定数", "Infinity", "not a finite number"),
        ("核定数", Decimal("NaN"), "not a finite number"),
        ("核定数", "1,000", "not an amount"),
        ("核定数", "1_000", "not an amount"),
        ("核定数", "abc", "not an amount"),
        ("核定数", "", "no value given"),
        ("核定数", None, "no value given"),
        ("核定数", [1], "got a list [1], expected an amount"),
        ("核定数", {"万元": 1}, "got an object {'万元': 1}, expected an amount"),
        ("核定数", "85%", "is a percentage"),
        ("核定数", -0.5, "out of range: must be ≥ 0"),
        ("申报额", 0, "out of range: must be > 0"),
        ("扣分", 3, "out of range: must be ≤ 2"),
        ("扣分", "-0.1", "out of range: must be ≥ 0"),
        ("满意度", "101%", "out of range: must be ≤ 100%"),
        ("满意度", "−5%", "'−5%' is out of range: must be ≥ 0%"),
        ("有制度", "maybe", "not yes or no"),
        ("有制度", 2, "not yes or no"),
    ],
)
def test_bad_values_name_the_input_the_value_and_the_indicator(
    forms: rubricdsl.Rubric, name: str, value: object, words: str
) -> None:
    error = bad(forms, {**FULL_MARKS, name: value})
    assert words in str(error)
    assert str(error).startswith(f"input {name}: ")
    assert error.input_name == name
    assert error.value is value or error.value == value or value != value  # NaN is not equal to itself
    assert error.indicator is not None


@pytest.mark.parametrize(
    ("given", "plain"), [("1,000", "1000"), ("12,345.60", "12345.60"), ("１，０００", "1000")]
)
def test_thousands_separators_get_a_hint(forms: rubricdsl.Rubric, given: str, plain: str) -> None:
    error = bad(forms, {**FULL_MARKS, "核定数": given})
    expected = f"{given!r} is not an amount ≥ 0: write it without thousands separators, as {plain}"
    assert str(error) == f"input 核定数: {expected} (used by 准确性)"


def test_a_broken_constraint_names_both_inputs(forms: rubricdsl.Rubric) -> None:
    error = bad(forms, {**FULL_MARKS, "完成项数": 5, "总项数": 4})
    assert str(error) == "input 完成项数: 5 breaks its constraint ≤ 总项数 (总项数 = 4) (used by 完成)"
    assert (error.input_name, error.indicator) == ("完成项数", "完成")


def test_a_missing_input(forms: rubricdsl.Rubric) -> None:
    record = dict(FULL_MARKS)
    del record["扣分"]
    error = bad(forms, record)
    assert str(error) == "input 扣分: no value given (used by 职责)"


def test_every_missing_input_in_one_message(forms: rubricdsl.Rubric) -> None:
    record: dict[str, Any] = {**FULL_MARKS, "申报额": None, "满意度": " "}
    del record["扣分"]
    error = bad(forms, record)
    assert str(error) == "inputs 申报额, 扣分, 满意度: no value given"
    assert (error.input_name, error.indicator) == ("申报额", "准确性")


def test_a_bad_value_before_the_missing_ones_is_named_first(forms: rubricdsl.Rubric) -> None:
    record: dict[str, Any] = {**FULL_MARKS, "核定数": "abc", "满意度": None}
    del record["扣分"]
    assert str(bad(forms, record)) == "input 核定数: 'abc' is not an amount ≥ 0 (used by 准确性)"


def test_an_unknown_input_gets_a_did_you_mean(forms: rubricdsl.Rubric) -> None:
    error = bad(forms, {**FULL_MARKS, "优秀项目数": 1})
    assert str(error) == "unknown input 优秀项目数 (did you mean 优秀数?)"
    assert error.input_name == "优秀项目数"


def test_a_misspelt_input_is_reported_as_unknown_not_missing(forms: rubricdsl.Rubric) -> None:
    record = dict(FULL_MARKS)
    record["扣份"] = record.pop("扣分")
    assert str(bad(forms, record)) == "unknown input 扣份 (did you mean 扣分?)"


def test_a_record_must_be_a_mapping(forms: rubricdsl.Rubric) -> None:
    assert str(bad(forms, [1, 2])) == "a record must map input names to values, got a list"  # type: ignore[arg-type]
    assert str(bad(forms, None)) == "a record must map input names to values, got null"  # type: ignore[arg-type]


def test_an_unguarded_zero_divisor_names_the_indicator_and_inputs(forms: rubricdsl.Rubric) -> None:
    rubric = rubricdsl.loads(
        'rubric "除零" total 5 levels 指标\n'
        "inputs { 实际 amount; 计划 amount }\n"
        "完成率 5 { score by 实际 / 计划: ≥ 100% → 5; otherwise → 0 }\n"
    )
    error = bad(rubric, {"实际": 3, "计划": 0})
    assert str(error) == "完成率: division by zero: 计划 is 0 (计划 = 0)"
    assert (error.indicator, error.input_name) == ("完成率", "计划")


def test_a_value_too_large_to_score_exactly(forms: rubricdsl.Rubric) -> None:
    error = bad(forms, {**FULL_MARKS, "核定数": "1e999999", "申报额": "1e-999999"})
    assert "too large" in str(error)


def test_errors_do_not_depend_on_the_callers_traps(forms: rubricdsl.Rubric) -> None:
    with decimal.localcontext() as caller:
        caller.traps[decimal.InvalidOperation] = False
        assert "not an amount" in str(bad(forms, {**FULL_MARKS, "核定数": "abc"}))
        assert forms.score(FULL_MARKS).total == 43
