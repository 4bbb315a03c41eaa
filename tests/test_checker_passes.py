"""The checker's passes one by one, on small rubrics written for each.

Where a test shows a pass finding a problem, it also runs the checker with
that pass left out and shows the problem disappears, so the test pins the
problem on the pass and not on a neighbour.
"""

from __future__ import annotations

from rubricdsl import checker
from rubricdsl.checker import PASSES, Pass, bands, given, grades, header, names, tree, units
from rubricdsl.diagnostics import Diagnostic
from rubricdsl.parser import parse
from rubricdsl.source import Source

HEADER = """rubric "测试" version "1"
total 10
levels 指标
rounding 0.01 half-up
steps whole
grades { 合格 ≥ 6; 不合格 otherwise }
"""


def diagnose(text: str, passes: tuple[Pass, ...] = PASSES) -> list[Diagnostic]:
    source = Source("t.rubric", text)
    parsed = parse(source)
    assert parsed.file is not None, [d.one_line() for d in parsed.diagnostics]
    return checker.check(parsed.file, source, passes).diagnostics


def rubric(body: str, inputs: str = "", header_text: str = HEADER) -> str:
    return f"{header_text}\ninputs {{\n{inputs}\n}}\n\n{body}\n"


def codes(text: str, passes: tuple[Pass, ...] = PASSES) -> list[str]:
    return [d.code for d in diagnose(text, passes)]


def without(pass_: Pass) -> tuple[Pass, ...]:
    return tuple(p for p in PASSES if p is not pass_)


LEAF = "职责相关性 10 { score: 10 − 2 per 不符合项数, floor 0 }"
COUNT = "不符合项数 count"


def test_a_clean_rubric_has_no_diagnostics() -> None:
    assert diagnose(rubric(LEAF, COUNT)) == []


# ---------------------------------------------------------------- header


def test_missing_title_total_and_levels() -> None:
    text = rubric(LEAF, COUNT, header_text="rounding 0.01 half-up\n")
    assert codes(text) == ["E601", "E602", "E604"]
    # each points at the top of the file, where the statement belongs
    assert [d.position() for d in diagnose(text)] == [(1, 1)] * 3
    assert diagnose(text)[0].hint == 'start the file with `rubric "标题" version "1"`'
    assert "E601" not in codes(text, without(header.check_required_header))


def test_repeated_header_points_at_both() -> None:
    [diag] = diagnose(rubric(LEAF, COUNT, HEADER + "steps started\n"))
    assert (diag.code, diag.message) == ("E603", "`steps` is given twice")
    assert diag.labels[0].message == "first given here"


def test_effective_must_be_a_real_date() -> None:
    assert codes(rubric(LEAF, COUNT, HEADER + 'effective "2021-02-30"\n')) == ["E606"]
    assert codes(rubric(LEAF, COUNT, HEADER + 'effective "2021-02-28"\n')) == []


def test_rounding_step_must_be_positive() -> None:
    text = rubric(LEAF, COUNT, HEADER.replace("rounding 0.01", "rounding 0.00"))
    assert codes(text) == ["E605"]
    assert codes(text, without(header.check_rounding)) == []


# ---------------------------------------------------------------- names


def test_the_same_name_under_different_parents_is_fine() -> None:
    body = "甲 5 { 规范性 5 { score: 5 } }\n乙 5 { 规范性 5 { score: 5 } }"
    text = rubric(body, "", HEADER.replace("levels 指标", "levels 一级, 二级"))
    assert codes(text) == []


def test_duplicate_siblings_are_reported_once_per_repeat() -> None:
    body = "甲 10 { 规范性 5 { score: 5 }\n 规范性 5 { score: 5 } }"
    text = rubric(body, "", HEADER.replace("levels 指标", "levels 一级, 二级"))
    assert codes(text) == ["E102"]
    assert codes(text, without(names.check_duplicate_siblings)) == []


def test_an_inner_let_may_hide_an_outer_one_but_not_repeat_in_its_block() -> None:
    body = "率得分 10 {{ let 率 = 完成数 / 总数 {} score: 10 × 率 }}"
    inputs = "完成数 count ≤ 总数\n总数 count ≥ 1"
    outer = "let 率 = 完成数 / 总数\n"
    assert codes(outer + rubric(body.format(""), inputs)) == []
    assert codes(rubric(body.format("let 率 = 1"), inputs)) == ["E103"]


def test_a_let_in_one_leaf_is_not_visible_in_another() -> None:
    body = "甲 5 { let 率 = 1 score: 5 × 率 }\n乙 5 { score: 5 × 率 }"
    [diag] = diagnose(rubric(body, COUNT))
    assert (diag.code, diag.message) == ("E106", "unknown name `率`")


def test_unknown_name_suggests_the_closest_input() -> None:
    [diag] = diagnose(rubric(LEAF.replace("per 不符合项数", "per 不符合项目数"), COUNT))
    assert diag.code == "E106"
    assert diag.hint == "did you mean `不符合项数`?"
    assert diag.source is not None and diag.span is not None
    assert diag.source.snippet(diag.span) == "不符合项目数"


def test_unknown_name_in_a_shared_let_is_reported_once() -> None:
    leaves = "甲 5 { score: 5 × 率, cap 5, floor 0 }\n乙 5 { score: 5 × 率, cap 5, floor 0 }"
    text = "let 率 = 完成数 / 总量\n" + rubric(leaves, "完成数 count\n总数 count ≥ 1")
    assert codes(text).count("E106") == 1


def test_let_cycles_are_reported_once_with_the_whole_circle() -> None:
    lets = "let 甲 = 乙\nlet 乙 = 丙\nlet 丙 = 甲 + 1\n"
    text = lets + rubric("得分 10 { score: min(甲, 10), floor 0 }", COUNT)
    [diag] = [d for d in diagnose(text) if d.code == "E105"]
    assert diag.message == "`甲` is defined in terms of itself: `甲` → `乙` → `丙` → `甲`"
    assert len(diag.labels) == 2


def test_a_let_named_like_an_input() -> None:
    text = "let 不符合项数 = 0\n" + rubric(LEAF, COUNT)
    assert codes(text) == ["E104"]
    assert codes(text, without(names.check_let_shadows_input)) == []


# ---------------------------------------------------------------- types and units


def test_percent_literal_against_a_count_in_a_condition() -> None:
    body = "甲 10 { score: when 不符合项数 > 5%: 0 else: 10 }"
    assert codes(rubric(body, COUNT)) == ["E201"]
    assert codes(rubric(body, COUNT), without(units.check_expression_units)) == []


def test_pp_fits_ratios_and_percents_only() -> None:
    ratio = "let 率 = 甲数 / 乙数\n" + rubric(
        "得分 10 { score by 率: ≤ 5% → 10; each +0.1pp → −0.1, floor 0 }", "甲数 amount\n乙数 amount > 0"
    )
    assert codes(ratio) == []
    plain = rubric("得分 10 { score by 数: ≤ 5 → 10; each +0.1pp → −0.1, floor 0 }", "数 number")
    assert codes(plain) == ["E202"]


def test_yes_no_input_in_a_condition_or_checklist_but_not_in_arithmetic() -> None:
    inputs = "有制度 yes/no"
    assert codes(rubric("甲 10 { score: when 有制度: 10 else: 0 }", inputs)) == []
    assert codes(rubric("甲 10 { score: when not 有制度: 0 else: 10 }", inputs)) == []
    assert codes(rubric("甲 10 { score: checklist { 有制度 → 10 } }", inputs)) == []
    assert codes(rubric("甲 10 { score: 10 × 有制度 }", inputs)) == ["E203"]


def test_a_yes_no_input_is_tested_not_compared_with_a_number() -> None:
    text = rubric("甲 10 { score: when 有制度 = 1: 10 else: 0 }", "有制度 yes/no")
    [diag] = diagnose(text)
    assert (diag.code, diag.message) == ("E203", "`有制度` is a yes/no input, not a number")
    assert diag.hint == "write `when 有制度` or `when not 有制度`"
    assert diagnose(text, without(units.check_expression_units)) == []


def test_per_takes_a_count_not_a_percent() -> None:
    [diag] = diagnose(rubric("甲 10 { score: 10 − 1 per 满意度, floor 0 }", "满意度 percent ≤ 100%"))
    assert (diag.code, diag.message) == ("E209", "`满意度` is a percent, but `per` takes a count")
    leaf = "甲 10 { score: 10 − 1 per 率, floor 0 }"
    ratio = "let 率 = 甲数 / 乙数\n" + rubric(leaf, "甲数 amount\n乙数 amount > 0")
    assert codes(ratio) == ["E209"]
    # points per 万元 are a deduction per amount, which is fine
    assert codes(rubric("甲 10 { score: 10 − 0.5 per 超支额, floor 0 }", "超支额 amount 万元")) == []


def test_a_count_and_an_amount_do_not_mix() -> None:
    inputs = "金额 amount 万元\n例数 count"
    [diag] = diagnose(rubric("甲 10 { score by 金额 + 例数: = 0 → 10; otherwise → 0 }", inputs))
    assert (diag.code, diag.message) == ("E210", "`例数` is a count, but `金额` is an amount in 万元")
    assert codes(rubric("甲 10 { score: when 金额 > 例数: 0 else: 10 }", inputs)) == ["E210"]
    average = "甲 10 { score by 金额 / 例数: ≤ 1 → 10; otherwise → 0 }"
    per_case = rubric(average, "金额 amount 万元\n例数 count ≥ 1")
    assert codes(per_case) == []


def test_a_checklist_lists_each_input_once() -> None:
    checklist = "甲 10 { score: checklist { 有制度 → 6; 有执行 → 1; 有制度 → 3 } }"
    text = rubric(checklist, "有制度 yes/no\n有执行 yes/no")
    [diag] = diagnose(text)
    assert (diag.code, diag.message) == ("E107", "`有制度` is listed twice in this checklist")
    assert diag.hint == "list it once, with all its points: `有制度 → 9`"
    assert diagnose(text, without(names.check_checklist_repeats)) == []


def test_checklist_items_must_be_yes_no() -> None:
    text = rubric("甲 10 { score: checklist { 不符合项数 → 10 } }", COUNT)
    assert "E204" in codes(text)
    assert "E204" not in codes(text, without(units.check_checklist_items))


def test_units_must_agree_when_added() -> None:
    assert codes(rubric("得分 10 { score: min(甲 + 丙, 10) }", "甲 amount 万元\n丙 amount 万元")) == []
    assert codes(rubric("得分 10 { score: min(甲 + 乙, 10) }", "甲 amount 万元\n乙 amount 元")) == ["E205"]


def test_a_bare_number_is_no_condition() -> None:
    assert codes(rubric("甲 10 { score: when 不符合项数: 0 else: 10 }", COUNT)) == ["E206"]


def test_judged_bounds_in_order() -> None:
    assert codes(rubric("甲 10 { score: 10 − 扣分 }", "扣分 judged 2..0")) == ["E207"]
    assert codes(rubric("甲 10 { score: 10 − 扣分 }", "扣分 judged 0..2")) == []


# ---------------------------------------------------------------- tree


def test_weight_sum_message_shows_both_sums_and_each_child() -> None:
    body = "投入 10 {\n  甲 3 { score: 3 }\n  乙 5 { score: 5 }\n}"
    text = rubric(body, "", HEADER.replace("levels 指标", "levels 一级, 二级"))
    [diag] = diagnose(text)
    assert diag.code == "E301"
    assert diag.message == "the children of `投入` add up to 8, but its weight is 10"
    assert diag.notes == ("甲 3 + 乙 5 = 8",)
    assert len(diag.labels) == 2
    assert diagnose(text, without(tree.check_weight_sums)) == []


def test_top_level_against_total() -> None:
    [diag] = diagnose(rubric("职责相关性 9 { score: 9 − 2 per 不符合项数, floor 0 }", COUNT))
    assert diag.code == "E302"
    assert diag.message == "the top-level indicators add up to 9, but the total is 10"


def test_leaf_and_group_rules() -> None:
    assert codes(rubric("甲 10 { criterion \"x\" }")) == ["E303"]
    two_levels = HEADER.replace("levels 指标", "levels 一, 二")
    group = rubric("甲 10 { score: 10\n 乙 10 { score: 10 } }", "", two_levels)
    assert codes(group) == ["E304"]


def test_second_criterion_is_labelled_against_the_first() -> None:
    [diag] = diagnose(rubric('甲 10 { criterion "一" criterion "二" score: 10 }'))
    assert (diag.code, diag.message) == ("E305", "`甲` has a second `criterion`")
    assert diag.labels[0].message == "the first one"


def test_leaf_depth_against_levels() -> None:
    text = rubric(LEAF, COUNT, HEADER.replace("levels 指标", "levels 一级, 二级"))
    assert codes(text) == ["E306"]
    assert codes(text, without(tree.check_leaf_depth)) == []


def test_checklist_points_within_the_weight() -> None:
    small = HEADER.replace("total 10", "total 2").replace("合格 ≥ 6", "合格 ≥ 1")
    text = rubric("甲 2 { score: checklist { 有 → 3 }, cap 2 }", "有 yes/no", small)
    assert codes(text) == ["E307"]
    assert codes(text, without(tree.check_points_within_weight)) == []


# ---------------------------------------------------------------- bands and steps

PERCENT = "满意度 percent ≤ 100%"


def satisfaction(clauses: str) -> str:
    """A rubric scoring 满意度 by the given bands and steps."""
    return rubric(f"甲 10 {{ score by 满意度: {clauses} }}", PERCENT)


def test_bands_meeting_at_an_open_end_do_not_overlap() -> None:
    assert codes(rubric("甲 10 { score by 满意度: ≥ 80% → 10; < 80% → 0 }", PERCENT)) == []
    assert codes(rubric("甲 10 { score by 满意度: ≥ 80% → 10; ≤ 80% → 0 }", PERCENT)) == ["E401"]


def test_overlap_labels_both_bands() -> None:
    [diag] = diagnose(rubric("甲 10 { score by 满意度: ≥ 50% → 10; [40%, 60%) → 5; < 40% → 0 }", PERCENT))
    assert diag.message == "`[40%, 60%)` overlaps `≥ 50%` on `[50%, 60%)`"
    assert diag.labels[0].message == "overlaps this band"


def test_gap_is_named_over_the_metric_domain() -> None:
    text = rubric("甲 10 { score by 满意度: ≥ 80% → 10; < 30% → 0 }", PERCENT)
    [diag] = diagnose(text)
    assert diag.message == "`[30%, 80%)` is not covered by any band"
    assert diagnose(text, without(bands.check_band_gaps)) == []


def test_the_metric_domain_comes_from_the_inputs() -> None:
    # 满意度 ≤ 100%, so nothing above 100% needs a band; a count is whole,
    # so `= 0` and `≥ 1` leave no gap between them.
    assert codes(rubric("甲 10 { score by 满意度: [0%, 100%] → 10 }", PERCENT)) == []
    assert codes(rubric("甲 10 { score by 不符合项数: = 0 → 10; ≥ 1 → 0 }", COUNT)) == []
    assert codes(rubric("甲 10 { score by 不符合项数: = 0 → 10; ≥ 3 → 0 }", COUNT)) == ["E402"]


def test_steps_cover_from_their_anchor_to_the_next_band() -> None:
    body = "甲 10 {{ score by 执行率: ≥ 100% → 10; each whole 5% below → −2{} , floor 0 }}"
    assert codes(rubric(body.format(""), "执行率 percent")) == []
    assert codes(rubric(body.format("; < 50% → 0"), "执行率 percent")) == []


def test_otherwise_once_and_last() -> None:
    assert codes(satisfaction("≥ 80% → 10; otherwise → 0; otherwise → 1")) == ["E403"]
    assert codes(satisfaction("otherwise → 0; ≥ 80% → 10")) == ["E404"]


def test_step_policy_must_be_settled_in_the_clause_or_the_header() -> None:
    body = "甲 10 { score by 满意度: ≥ 100% → 10; each 5% below → −2, floor 0 }"
    unsettled = rubric(body, PERCENT, HEADER.replace("steps whole\n", ""))
    [diag] = diagnose(unsettled)
    assert diag.code == "E407"
    assert diag.hint is not None and "each whole 5% below" in diag.hint and "steps whole" in diag.hint
    assert codes(rubric(body, PERCENT)) == []
    no_default = HEADER.replace("steps whole\n", "")
    assert codes(rubric(body.replace("each", "each pro-rata"), PERCENT, no_default)) == []


def test_step_needs_an_anchor_a_direction_and_a_size() -> None:
    assert codes(satisfaction("each 5% below → −2; ≥ 100% → 10, floor 0")) == ["E405"]
    assert codes(satisfaction("[90%, 95%] → 10; each 5% → −2, floor 0")) == ["E406"]
    assert codes(satisfaction("≥ 90% → 10; each 0% below → −2, floor 0")) == ["E408"]
    open_side = satisfaction("≥ 90% → 10; each 5% above → −2; < 90% → 0")
    assert codes(open_side) == ["E409"]
    assert codes(open_side, without(bands.check_steps)) == []


# ---------------------------------------------------------------- grades


def test_grades_in_order_named_once_covering_and_within_the_total() -> None:
    def grade_codes(scale: str) -> list[str]:
        return codes(rubric(LEAF, COUNT, HEADER.replace("grades { 合格 ≥ 6; 不合格 otherwise }", scale)))

    assert grade_codes("grades { 优 ≥ 9; 合格 ≥ 6; 差 ≥ 0 }") == []
    assert grade_codes("grades { 合格 ≥ 6; 优 ≥ 9; 差 otherwise }") == ["E611"]
    assert grade_codes("grades { 差 otherwise; 合格 ≥ 6 }") == ["E611"]
    assert grade_codes("grades { 合格 ≥ 9; 合格 ≥ 6; 差 otherwise }") == ["E612"]
    assert grade_codes("grades { 优 ≥ 9; 合格 ≥ 6 }") == ["E613"]
    assert grade_codes("grades { 优 ≥ 9; 合格 > 0 }") == ["E613"]
    assert grade_codes("grades { 优 ≥ 11; 差 otherwise }") == ["E614"]


def test_grade_order_pass_can_be_left_out() -> None:
    scale = "grades { 合格 ≥ 6; 优 ≥ 9; 差 otherwise }"
    text = rubric(LEAF, COUNT, HEADER.replace("grades { 合格 ≥ 6; 不合格 otherwise }", scale))
    assert codes(text, without(grades.check_grade_order)) == []


# ---------------------------------------------------------------- examples


def with_example(given: str, expect: str = "total = 10", inputs: str = COUNT, base: str = "") -> str:
    return rubric(LEAF, inputs) + f'\nexample "甲"{base} {{ given {{ {given} }} expect {{ {expect} }} }}\n'


EVERY_KIND = COUNT + "\n满意度 percent ≤ 100%\n有制度 yes/no\n扣分 judged 0..2"
USING_EVERY_KIND = """甲 4 { score: 4 − 2 per 不符合项数 − 扣分, floor 0 }
乙 3 { score by 满意度: ≥ 90% → 3; < 90% → 0 }
丙 3 { score: checklist { 有制度 → 3 } }"""
COMPLETE = (
    'example "基础" { given { 不符合项数: 0, 满意度: 95%, 有制度: 是, 扣分: 0 } expect { total = 10 } }'
)


def varied(given: str) -> str:
    """An example that starts from a complete one and changes `given`."""
    example = f'example "变化" from "基础" {{ given {{ {given} }} expect {{ total = 10 }} }}'
    return rubric(USING_EVERY_KIND, EVERY_KIND) + f"\n{COMPLETE}\n{example}\n"


def test_example_values_fit_their_inputs() -> None:
    assert codes(varied("不符合项数: 0, 满意度: 95%, 有制度: 是, 扣分: 1.5")) == []
    assert codes(varied("不符合项数: 0, 满意度: 0.95, 有制度: no, 扣分: 0")) == []
    assert codes(varied("不符合项数: 1.5")) == ["E703"]
    assert codes(varied("有制度: 2")) == ["E703"]
    assert codes(varied("满意度: 5pp")) == ["E703"]
    assert codes(varied("满意度: 120%")) == ["E706"]
    assert codes(varied("扣分: 3")) == ["E706"]


def test_example_names_inputs_grades_and_indicators() -> None:
    assert codes(with_example("不符合: 0")) == ["E701"]
    assert codes(with_example("不符合项数: 0", "grade = 优")) == ["E704"]
    assert codes(with_example("不符合项数: 0", "职责 = 10")) == ["E705"]
    assert codes(with_example("不符合项数: 0", "total = 合格")) == ["E703"]
    assert codes(with_example("不符合项数: 0", "grade = 合格; 职责相关性 = 10")) == []
    assert codes(with_example("不符合项数: 0", base=' from "乙"')) == ["E702"]


def test_example_given_pass_can_be_left_out() -> None:
    assert codes(with_example("不符合: 0"), without(given.check_example_given)) == []
