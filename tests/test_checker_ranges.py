"""The range analysis: reachable scores of leaves, guards narrowing the
inputs, steps counted by each policy, and divisions that can fail."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from rubricdsl import checker
from rubricdsl.checker import CheckResult, Pass, bands, ranges
from rubricdsl.parser import parse
from rubricdsl.source import Source

HEADER = """rubric "测试"
total 10
levels 指标
steps whole
"""


def check(body: str, inputs: str, lets: str = "", passes: tuple[Pass, ...] = checker.PASSES) -> CheckResult:
    text = f"{HEADER}\ninputs {{\n{inputs}\n}}\n{lets}\n{body}\n"
    source = Source("t.rubric", text)
    parsed = parse(source)
    assert parsed.file is not None, [d.one_line() for d in parsed.diagnostics]
    return checker.check(parsed.file, source, passes)


def codes(result: CheckResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_seed_rubric_ranges_fit_every_weight(repo_root: Path) -> None:
    path = repo_root / "rubrics" / "dept-overall-2021.rubric"
    source = Source(path.name, path.read_text(encoding="utf-8"))
    parsed = parse(source)
    assert parsed.file is not None
    result = checker.check(parsed.file, source)
    assert result.diagnostics == []
    assert len(result.ranges) == 21
    assert result.ranges[("投入", "预算编制", "职责相关性")] == (D(0), D(3))
    # 按进度完成目标项数 ≤ 目标总项数 keeps the proportional score within its weight.
    assert result.ranges[("产出及效率", "职责履行", "重点工作实际完成率")] == (D(0), D(6))
    assert result.ranges[("产出及效率", "履职效益", "个性化效益指标")] == (D(0), D(8))


def test_a_proportion_is_bounded_by_a_constraint_either_way_round() -> None:
    body = "甲 6 { score: 6 × 完成数 / 总数 }\n乙 4 { score: 4 }"
    for inputs in ("完成数 count ≤ 总数\n总数 count ≥ 1", "完成数 count\n总数 count ≥ 1 ≥ 完成数"):
        result = check(body, inputs)
        assert codes(result) == [], inputs
        assert result.ranges[("甲",)] == (D(0), D(6))
    [diag] = check(body, "完成数 count\n总数 count ≥ 1").diagnostics
    assert diag.code == "E501"


def test_a_deduction_without_floor_goes_below_zero() -> None:
    result = check("甲 10 { score: 10 − 2 per 项数 }", "项数 count")
    [diag] = result.diagnostics
    assert (diag.code, diag.notes) == ("E502", ("this rule gives scores in (−∞, 10]",))
    assert result.ranges[("甲",)] == (D("-Infinity"), D(10))
    assert codes(check("甲 10 { score: 10 − 2 per 项数, floor 0 }", "项数 count")) == []


def test_a_cap_above_the_weight_is_still_an_error() -> None:
    [diag] = check("甲 10 { score: 2 per 项数, cap 12 }", "项数 count").diagnostics
    assert (diag.code, diag.hint) == ("E501", "lower the cap to 10")


def test_full_marks_out_of_reach_is_a_warning() -> None:
    [diag] = check("甲 10 { score: 10 × 满意度 }", "满意度 percent < 100%").diagnostics
    assert (diag.severity, diag.message) == ("warning", "`甲` scores less than 10, never its full weight 10")


def test_an_unknown_name_does_not_also_raise_range_errors() -> None:
    assert codes(check("甲 10 { score: 10 − 未知 }", "项数 count")) == ["E106"]


def test_a_guard_before_the_division_protects_it() -> None:
    inputs = "实际数 amount\n预算数 amount"
    guarded = "甲 10 { score: when 预算数 = 0: 0\n else: by 实际数 / 预算数: ≤ 100% → 10; > 100% → 0 }"
    assert codes(check(guarded, inputs)) == []
    unguarded = "甲 10 { score by 实际数 / 预算数: ≤ 100% → 10; > 100% → 0 }"
    [diag] = check(unguarded, inputs).diagnostics
    assert (diag.code, diag.message) == ("W502", "`预算数` can be 0 here, and nothing guards this division")


def test_a_guard_on_both_inputs_then_one() -> None:
    inputs = "实际数 amount\n预算数 amount"
    body = """甲 10 {
      let 率 = 实际数 / 预算数
      score: when 预算数 = 0 and 实际数 = 0: 10
             when 预算数 = 0: 0
             else: by 率: ≤ 100% → 10; each whole 1% above → −0.5, floor 0
    }"""
    assert codes(check(body, inputs)) == []


def test_a_positive_condition_guards_its_own_branch() -> None:
    body = "甲 10 { score: when 总数 > 0: 10 × 完成数 / 总数 else: 0 }"
    assert codes(check(body, "完成数 count ≤ 总数\n总数 count")) == []


def test_a_shared_let_is_only_risky_where_it_is_used_unguarded() -> None:
    inputs = "实际数 amount\n预算数 amount"
    lets = "let 率 = 实际数 / 预算数"
    guarded = "甲 10 { score: when 预算数 = 0: 0 else: by 率: ≤ 100% → 10; > 100% → 0 }"
    assert codes(check(guarded, inputs, lets)) == []
    unguarded = "乙 5 { score by 率: ≤ 100% → 5; > 100% → 0 }"
    both = guarded.replace("甲 10", "甲 5").replace("→ 10", "→ 5") + "\n" + unguarded
    assert codes(check(both, inputs, lets)) == ["W502"]


def test_a_count_guarded_away_from_zero_is_at_least_one() -> None:
    result = check("甲 10 { score: when 总数 = 0: 0 else: 10 / 总数 }", "总数 count")
    assert codes(result) == []
    assert result.ranges[("甲",)] == (D(0), D(10))


def test_steps_counted_whole_started_and_pro_rata() -> None:
    body = "甲 10 {{ score by 满意度: ≥ 100% → 10; each {} 10% below → −1{} }}"
    inputs = "满意度 percent ≤ 100%"
    assert check(body.format("whole", ""), inputs).ranges[("甲",)] == (D(0), D(10))
    assert check(body.format("started", ""), inputs).ranges[("甲",)] == (D(0), D(10))
    half_steps = body.replace("→ −1", "→ −2").format("pro-rata", "")
    assert codes(check(half_steps, inputs)) == ["E502"]
    assert codes(check(half_steps.replace(" }", ", floor 0 }"), inputs)) == []


def test_started_steps_deduct_at_the_first_point_beyond_the_edge() -> None:
    body = "甲 10 { score by 率: ≤ 5% → 10; each started 1% above → −1 }"
    beyond_the_edge = "率 percent > 5% ≤ 10%"
    started = check(body, beyond_the_edge)
    # Beyond 5% up to 10%: 1 to 5 started steps, so 9 down to 5, never 10.
    assert started.ranges[("甲",)] == (D(5), D(9))
    assert codes(started) == ["W501"]
    whole = check(body.replace("started", "whole"), beyond_the_edge)
    # 5.5% is no whole step beyond 5%: full marks stay reachable.
    assert whole.ranges[("甲",)] == (D(5), D(10))
    assert codes(whole) == []


def test_bands_out_of_the_metric_domain_are_not_reached() -> None:
    body = "甲 10 { score by 满意度: ≥ 90% → 10; [0%, 90%) → 5; < 0% → 12, cap 10 }"
    result = check(body, "满意度 percent")
    assert result.ranges[("甲",)] == (D(5), D(10))


def test_analysis_runs_once_per_check() -> None:
    result = check("甲 10 { score: 10 − 2 per 项数, floor 0 }", "项数 count")
    assert result.ranges == {("甲",): (D(0), D(10))}
    assert ranges.record_ranges in checker.PASSES


def test_a_rule_with_one_score_says_always() -> None:
    [diag] = check("甲 10 { score: 10 − 2 per 项数, floor 12 }", "项数 count").diagnostics
    assert (diag.code, diag.notes) == ("E501", ("this rule always gives 12",))


def test_points_above_the_weight_are_reported_once_at_the_points() -> None:
    too_high = check("甲 10 { score by 满意度: ≥ 90% → 12; < 90% → 0 }", "满意度 percent ≤ 100%")
    assert codes(too_high) == ["E307"]
    too_low = check("甲 10 { score by 满意度: ≥ 90% → 10; < 90% → −1 }", "满意度 percent ≤ 100%")
    assert codes(too_low) == ["E307"]
    # without E307's points, the rule's own reach is still judged
    steps = check("甲 10 { score by 满意度: ≥ 90% → 10; each whole 10% below → −5 }", "满意度 percent")
    assert codes(steps) == ["E502"]


def test_a_divisor_that_is_always_zero_is_named_so() -> None:
    [literal] = check("甲 10 { score by 数 / 0: ≥ 1 → 10; otherwise → 0 }", "数 amount").diagnostics
    assert (literal.code, literal.message, literal.notes) == ("W502", "the divisor `0` is always zero", ())
    assert literal.hint == "divide by a number other than 0"
    pinned = "甲 10 { score: when 预算数 = 0: min(10, 实际数 / 预算数) else: 10 }"
    [diag] = check(pinned, "实际数 amount\n预算数 amount").diagnostics
    assert (diag.code, diag.message) == ("W502", "the divisor `预算数` is always zero here")


def test_a_band_the_metric_never_reaches_is_a_warning() -> None:
    body = "甲 10 { score by 满意度: ≥ 90% → 10; < 90% → 0; > 100% → 10 }"
    result = check(body.replace("; > 100% → 10", ""), "满意度 percent ≤ 100%")
    assert codes(result) == []
    [diag] = [d for d in check(body, "满意度 percent ≤ 100%").diagnostics if d.code == "W401"]
    assert (diag.severity, diag.message) == ("warning", "the band `> 100%` can never apply")
    assert diag.notes == ("`满意度` can only be in [0%, 100%]",)
    no_pass = tuple(p for p in checker.PASSES if p is not bands.check_dead_bands)
    assert "W401" not in codes(check(body, "满意度 percent ≤ 100%", passes=no_pass))


def test_a_count_never_falls_between_whole_numbers() -> None:
    body = "甲 10 { score by 项数: = 0 → 10; (0, 1) → 5; ≥ 1 → 0 }"
    assert codes(check(body, "项数 count")) == ["W401"]


def test_an_anchor_out_of_reach_is_still_needed_by_its_steps() -> None:
    body = "甲 10 { score by 率: ≤ 5% → 10; each started 1% above → −1, floor 0 }"
    assert "W401" not in codes(check(body, "率 percent > 5% ≤ 10%"))
