"""Inputs and the values examples give them: constraints that contradict
each other, inputs nothing uses, example values against constraints naming
other inputs, and examples that leave an input out."""

from __future__ import annotations

from rubricdsl.checker import given, inputs
from test_checker_passes import COUNT, LEAF, codes, diagnose, rubric, without

SATISFACTION = "甲 10 { score by 满意度: ≥ 90% → 10; < 90% → 0 }"
PROPORTION = "甲 10 { score: 10 × 完成数 / 总数 }"
BOUNDED = "完成数 count ≤ 总数\n总数 count ≥ 1"


def example(name: str, values: str, base: str | None = None) -> str:
    start = f' from "{base}"' if base else ""
    return f'example "{name}"{start} {{ given {{ {values} }} expect {{ total = 10 }} }}\n'


# ---------------------------------------------------------------- constraints


def test_constraints_that_contradict_each_other_leave_no_value() -> None:
    text = rubric(SATISFACTION, "满意度 percent ≤ 100% ≥ 200%")
    [diag] = diagnose(text)
    assert (diag.code, diag.message) == ("E208", "no value of `满意度` meets all its constraints")
    assert diag.source is not None and diag.span is not None
    assert diag.source.snippet(diag.span) == "≥ 200%"
    assert diag.notes == ("with `≤ 100%`, `满意度` can only be in [0%, 100%]",)
    assert [diag.source.snippet(label.span) for label in diag.labels] == ["≤ 100%"]
    assert diagnose(text, without(inputs.check_input_domains)) == []


def test_a_constraint_can_contradict_the_type() -> None:
    [diag] = diagnose(rubric(LEAF, "不符合项数 count < 0"))
    assert diag.code == "E208"
    assert diag.notes == ("as a count, `不符合项数` can only be in [0, ∞)",)
    # between 0.2 and 0.8 there is no whole number
    assert codes(rubric(LEAF, "不符合项数 count > 0.2 < 0.8")) == ["E208"]


def test_a_bound_naming_another_input_can_contradict_too() -> None:
    assert codes(rubric(PROPORTION, "完成数 count ≥ 10 ≤ 总数\n总数 count ≥ 1 ≤ 5")) == ["E208"]


def test_constraints_that_agree_are_fine() -> None:
    assert codes(rubric(SATISFACTION, "满意度 percent ≥ 50% ≤ 100%")) == []
    assert codes(rubric(PROPORTION, BOUNDED)) == []


def test_an_example_value_breaking_a_constraint_is_reported_by_check() -> None:
    text = rubric(SATISFACTION, "满意度 percent ≤ 100% ≥ 200%") + example("好", "满意度: 95%")
    assert codes(text) == ["E208", "E706"]
    [diag] = [d for d in diagnose(text) if d.code == "E706"]
    assert diag.notes == ("`满意度` is declared `≥ 200%`",)


def test_a_bound_naming_another_input_takes_its_value_in_the_example() -> None:
    assert codes(rubric(PROPORTION, BOUNDED) + example("全部", "完成数: 8, 总数: 8")) == []
    [diag] = diagnose(rubric(PROPORTION, BOUNDED) + example("超额", "完成数: 9, 总数: 8"))
    assert (diag.code, diag.message) == ("E706", "9 is outside the values `完成数` can take")
    assert diag.notes == ("`完成数` is declared `≤ 总数`", "in this example `总数` is 8")


def test_a_bound_changed_from_a_base_example_is_checked_against_the_value_kept() -> None:
    base = rubric(PROPORTION, BOUNDED) + example("全部", "完成数: 8, 总数: 8")
    [diag] = diagnose(base + example("减少", "总数: 6", base="全部"))
    assert (diag.code, diag.message) == ("E706", "with this value, `完成数` breaks its constraint `≤ 总数`")
    assert diag.notes == ("`完成数` is 8, given by the example this one starts from",)
    assert codes(base + example("都减少", "完成数: 3, 总数: 6", base="全部")) == []
    assert codes(base + example("减少", "总数: 6", base="全部"), without(given.check_example_given)) == []


# ---------------------------------------------------------------- unused inputs


def test_an_input_no_rule_uses_is_a_warning() -> None:
    text = rubric(LEAF, COUNT + "\n未细化项目数 count")
    [diag] = diagnose(text)
    assert (diag.code, diag.severity, diag.message) == (
        "W101", "warning", "the input `未细化项目数` is never used",
    )  # fmt: skip
    assert diagnose(text, without(inputs.check_unused_inputs)) == []


def test_a_use_in_a_let_or_a_constraint_counts() -> None:
    in_a_let = "let 率 = 完成数 / 总数\n" + rubric("甲 10 { score: 10 × 率 }", BOUNDED)
    assert codes(in_a_let) == []
    only_as_a_bound = rubric("甲 10 { score: min(完成数, 10) }", "完成数 count ≤ 上限\n上限 count")
    assert codes(only_as_a_bound) == []


def test_no_unused_warning_while_a_name_is_unknown() -> None:
    # `不合规数` may well be `不符合项数` misspelt: one mistake, one message.
    assert codes(rubric(LEAF.replace("per 不符合项数", "per 不合规数"), COUNT)) == ["E106"]


# ---------------------------------------------------------------- complete examples


def test_every_example_gives_every_input() -> None:
    text = rubric(PROPORTION, BOUNDED) + example("缺", "完成数: 4")
    [diag] = diagnose(text)
    assert (diag.code, diag.message) == ("E710", 'example "缺" gives no value for `总数`')
    assert diag.hint == "add `总数: …` to `given { … }`"
    assert diagnose(text, without(given.check_example_complete)) == []


def test_values_from_the_base_examples_count() -> None:
    base = rubric(PROPORTION, BOUNDED) + example("全部", "完成数: 8, 总数: 8")
    assert codes(base + example("一半", "完成数: 4", base="全部")) == []


def test_a_broken_chain_or_a_misspelt_name_is_reported_once() -> None:
    text = rubric(PROPORTION, BOUNDED)
    assert codes(text + example("甲", "完成数: 4", base="没有")) == ["E702"]
    assert codes(text + example("甲", "完成数: 4, 总项数: 8")) == ["E701"]


def test_many_missing_inputs_are_counted_and_listed_in_a_note() -> None:
    names = [f"输入{i}" for i in range(6)]
    leaf = "甲 10 { score: min(" + " + ".join(names) + ", 10) }"
    [diag] = diagnose(rubric(leaf, "\n".join(f"{name} count" for name in names)) + example("空", ""))
    assert diag.message == 'example "空" gives no value for 6 inputs'
    assert diag.notes == ("the inputs without a value: " + ", ".join(f"`{name}`" for name in names),)
