"""Syntax errors: what they say, where they point, and that one run reports
every separate mistake without echoes of the first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rubricdsl.diagnostics import Diagnostic, render_text
from rubricdsl.parser import parse
from rubricdsl.parser.words import expected_words
from rubricdsl.source import Source

SEED_PATH = Path(__file__).resolve().parents[1] / "rubrics" / "dept-overall-2021.rubric"
SEED = SEED_PATH.read_text(encoding="utf-8")


def errors(text: str) -> list[Diagnostic]:
    parsed = parse(Source("t.rubric", text))
    assert parsed.file is None
    return parsed.diagnostics


def where(diag: Diagnostic) -> tuple[int, int, str]:
    position = diag.position()
    assert position is not None
    return position[0], position[1], diag.message


NAMED_MISTAKES = [
    ("a 1 {\n  准确性 { score: 1 }\n}", (2, 7, "`准确性` has no weight")),
    ("a 1 {\n  b 1\n    score: 1\n  }\n}", (3, 5, "expected `{` after the indicator's weight")),
    ("a 1 { score by x: ≥ 80% 1; < 80% → 0 }", (1, 25, "expected `→` before the band's points")),
    ("a 1 { score by x: ≥ 80% → 1, < 80% → 0 }", (1, 30, "bands are separated by `;`, not `,`")),
    ("a 1 { score by x: ≥ 80% → 1 < 80% → 0 }", (1, 29, "expected `;` between bands")),
    ("a 1 { score 1 }", (1, 13, "expected `:` after `score`")),
    ("a 1 { score by x ≥ 80% → 1; < 80% → 0 }", (1, 18, "expected `:` after the metric")),
    ("a 1 { score: when x = 0 1 else: 0 }", (1, 25, "expected `:` after the condition")),
    ("let x 1", (1, 7, "expected `=` after the name in `let`")),
    ("a 1 {\n  score: 1 − x, floor\n}", (2, 17, "`floor` needs a number")),
    ("a 1 { scroe: 1 }", (1, 12, "unexpected `:` after `scroe`")),
    ("a 1 {\n  score: 3 − 0.5 per x floor 0\n}", (2, 24, "expected `,` before `floor`")),
    ("a 1 {\n  score: 3 − 0.5 per x floor\n}", (2, 24, "expected `,` before `floor`")),
    ('a 1 { score by x: ≥ 1 → 1 cap 1\n  criterion "…" }', (1, 27, "expected `,` before `cap`")),
    ("a 1 { score: checklist { y → 1 } cap 1 }", (1, 34, "expected `,` before `cap`")),
    ("a 1 { score: when x: 1 floor 0 else: 0 }", (1, 24, "expected `,` before `floor`")),
]


@pytest.mark.parametrize(("text", "expected"), NAMED_MISTAKES)
def test_common_mistakes_are_named(text: str, expected: tuple[int, int, str]) -> None:
    [diag] = errors(text)
    assert where(diag) == expected


def test_a_named_mistake_is_repaired_so_later_ones_are_found_too() -> None:
    text = "a 2 {\n  b { score: 1 }\n  c 1 { score by x: ≥ 1 1; < 1 → 0 }\n}\n"
    assert [where(d)[:2] for d in errors(text)] == [(2, 5), (3, 25)]


def test_several_separate_mistakes_are_all_reported_once() -> None:
    text = "a 1 { score: 1 }\nc 2 { scroe: 2 }\nd 3 { score: @ 3 }\ne 4 { score: 4\n"
    assert [(d.code, where(d)[0]) for d in errors(text)] == [("E002", 2), ("E001", 3), ("E003", 4)]


def test_tokens_after_an_unrepaired_error_are_not_echoed() -> None:
    text = "a 1 { score by x: ≥ 1 → 1, < 1 → 0; otherwise → 0 }\nb 2 { score: 2 }\n"
    assert len(errors(text)) == 1


def test_a_stray_brace_points_at_the_brace_that_closes_too_early() -> None:
    text = "a 1 {\n  b 1 {\n    score: 1\n  }\n  }\n  c 0 { score: 0 }\n}\n"
    [diag] = errors(text)
    assert diag.code == "E006"
    assert where(diag) == (5, 3, "unmatched `}`: this one closes the block of line 1 too early")
    assert diag.labels[0].message == "so this `}` has no block left to close"


def test_a_stray_brace_after_text_or_another_brace() -> None:
    after_text = "a 1 {\n  b 1 {\n    score: 1 }\n  }\n  c 0 { score: 0 }\n}\n"
    [diag] = errors(after_text)
    assert where(diag) == (3, 14, "unmatched `}`: this one closes the block of line 2 too early")
    doubled = "a 1 {\n  b 1 {\n    score: 1\n  } }\n  c 0 { score: 0 }\n}\n"
    [diag] = errors(doubled)
    assert where(diag) == (4, 5, "unmatched `}`: this one closes the block of line 1 too early")


def test_a_stray_brace_at_the_end() -> None:
    [diag] = errors("a 1 { score: 1 }\n}\n")
    assert (diag.code, where(diag)) == ("E006", (2, 1, "unmatched `}`: no block is open here"))


def test_an_unclosed_block_points_at_its_brace() -> None:
    text = "a 2 {\n  b 1 {\n    score: 1\n\n  c 1 { score: 1 }\n}\n"
    [diag] = errors(text)
    assert diag.code == "E003"
    assert where(diag) == (2, 7, "unexpected end of file: the `{` on line 2 is never closed")


def test_a_brace_never_closed_is_reported_once() -> None:
    [diag] = errors("a 1 {\n  score: 1\n}\nb {\n")
    assert (diag.code, where(diag)[:2]) == ("E003", (4, 3))


def test_an_unclosed_text_stops_the_parse() -> None:
    [diag] = errors('a 1 { criterion "全部符合 score: 1 }\nb 1 { score: 1 }\n')
    assert (diag.code, diag.message) == ("E001", 'unclosed text: a `"` starts a text that never ends')


BROKEN = [
    "rubric", "total", "levels", "inputs { a }", "inputs { a count b", "grades { 优 }",
    "a 1 { score: 3 − }", "a 1 { score: checklist { x } }", "a 1 { score by x: each → 1 }",
    "example \"x\" { given { a } }", "a 1 { score: when : 1 else: 2 }", "a 1 { score: (1, floor) }",
]


@pytest.mark.parametrize("text", BROKEN)
def test_no_terminal_name_reaches_the_user(text: str) -> None:
    for diag in errors(text):
        shown = f"{diag.message} {diag.hint or ''}"
        assert not re.search(r"\b[A-Z_]{3,}\b|__ANON|\$END", shown), shown
        assert diag.position() is not None


def seed_with(*edits: tuple[str, str]) -> str:
    text = SEED
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_a_misspelt_keyword_deep_in_the_tree_is_the_only_error() -> None:
    text = seed_with(('explain "按时完成', 'explian "按时完成'))
    [diag] = errors(text)
    assert where(diag)[:2] == (line_of(text, "explian"), 15)
    assert diag.hint == "did you mean `explain`?"


def test_separate_slips_in_one_group_and_in_an_example_are_each_reported_once() -> None:
    text = seed_with(
        ("(0, 10%] → 4; (10%", "(0, 10%] → 4;( (10%"),
        ('explain "部门（单位）使用预算资金', 'lain "部门（单位）使用预算资金'),
        ("given { 经济效益得分: 3, 社会", "gi{ 经济效益得分: 3, 社会"),
    )
    lines = [line_of(text, ";( (10%"), line_of(text, ' lain "部门'), line_of(text, "gi{")]
    assert [where(d)[0] for d in errors(text)] == lines


def test_a_slip_in_a_top_level_statement_spares_the_statements_after_it() -> None:
    text = 'rubric "t"\nexampl<e "a" { given { x: 1 } expect { total = 1 } }\nexample "b" { }\n'
    assert [where(d)[:2] for d in errors(text)] == [(2, 7)]


def test_a_clamp_without_its_comma_is_the_only_error() -> None:
    text = seed_with(("资产管理不符项数, floor 0", "资产管理不符项数 floor 0"))
    [diag] = errors(text)
    assert where(diag) == (line_of(text, "资产管理不符项数 floor"), 33, "expected `,` before `floor`")


# ---------------------------------------------------------------- texts that run on

SMALL = """rubric "t"
inputs {
  不符合项数 count "不符合的项数
  核定数 amount 万元
}
甲 1 {
  score: 1 − 1 per 不符合项数, floor 0
}
example "ok" { given { 不符合项数: 0, 核定数: 1 } }
"""


def test_a_text_left_open_is_reported_where_it_opens() -> None:
    [diag] = errors(SMALL)
    assert (diag.code, where(diag)) == ("E001", (3, 15, "this text is never closed: it runs on to line 9"))
    assert diag.hint == 'close it with `"`, probably at the end of line 3'
    [label] = diag.labels
    assert (label.message, SMALL[label.span.start]) == ('the text ends only at this `"`', '"')


def test_a_text_left_open_on_its_last_line_is_closed_before_the_code_after_it() -> None:
    closed = '扣完为止。"\n      explain "部门（单位）使用'
    text = seed_with((closed, closed.replace('"', "", 1)))
    [diag] = errors(text)
    opening = line_of(text, 'criterion "①支出符合')
    assert where(diag)[:2] == (opening, 17)
    assert diag.hint == f'close it with `"`, probably at the end of line {opening + 5}'


def test_a_text_left_open_in_the_seed_points_at_its_own_line() -> None:
    text = seed_with(('扣0.3分，扣完为止。"', "扣0.3分，扣完为止。"))
    [diag] = errors(text)
    assert where(diag)[:2] == (line_of(text, "全部项目细化得2分"), 17)


def test_a_text_that_spans_lines_on_purpose_is_not_blamed_for_a_later_error() -> None:
    text = 'a 1 {\n  criterion "①…；\n②…"\n  explain "…"\n  score: 1 @ 2\n}\n'
    [diag] = errors(text)
    assert (diag.code, where(diag)[:2]) == ("E001", (5, 12))


def test_a_token_spanning_lines_is_quoted_by_its_first_line_only() -> None:
    short = 'a 1 {\n  lain "第一行\n第二行"\n  score: 1\n}\n'
    assert [d.message for d in errors(short)] == ['unexpected `"第一行…` after `lain`']
    long = 'a 1 {\n  lain "第一行很长很长很长很长很长很长很长很长很长很长很长"\n  score: 1\n}\n'
    [diag] = errors(long)
    assert diag.message == 'unexpected `"第一行很长很长很长很长很长很长很长很长很长很长…` after `lain`'


# ---------------------------------------------------------------- what was expected, in words


def test_an_indicator_block_says_what_it_may_hold() -> None:
    [diag] = errors("a 1 {\n  @@\n  b 1 { score: 1 }\n  + 1\n}\n")[-1:]
    assert diag.hint == "expected `criterion`, `explain`, `let`, `score`, a child indicator or `}`"


@pytest.mark.parametrize(
    ("expected", "words"),
    [
        ({"RUBRIC", "ISSUER", "TOTAL", "LEVELS", "INPUTS", "EXAMPLE", "LET", "NAME", "$END", "VERSION"},
         "`version` or the next statement"),
        ({"PLUS", "MINUS", "TIMES", "DIVIDE", "PER", "_COMMA", "_SEMI", "RBRACE", "CRITERION", "EXPLAIN",
          "LET", "SCORE", "NAME", "QUOTED_NAME"},
         "an operator (+ − × / per), `,`, `;`, `}` or the indicator's next item"),
        ({"NUMBER", "PLUS", "MINUS"}, "a number, `+` or `−`"),
    ],
)  # fmt: skip
def test_expected_words_are_a_few_phrases(expected: set[str], words: str) -> None:
    assert expected_words(expected) == words


@pytest.mark.parametrize("text", BROKEN)
def test_no_list_of_expected_words_is_cut_short(text: str) -> None:
    for diag in errors(text):
        assert not (diag.hint or "").endswith(("…", "…`")), diag.hint


# ---------------------------------------------------------------- what reaches the terminal


def test_a_control_character_is_named_and_never_printed_raw() -> None:
    text = "a 1 {\n  score: 1 \x1b[31m\x00 x\n}\n"
    [diag] = errors(text)
    assert diag.message == "unexpected control character `\\x1b`"
    shown = render_text(diag)
    assert "\x1b" not in shown and "\x00" not in shown
    assert "score: 1 \\x1b[31m\\x00 x" in shown


def test_the_caret_lines_up_under_a_line_indented_with_tabs() -> None:
    text = "a 1 {\n\tscore:\t1 − 2 @ x\n}\n"
    [diag] = errors(text)
    source_line, caret_line = render_text(diag).splitlines()[3:5]
    assert "\t" not in source_line
    assert caret_line.index("^") == source_line.index("@")
