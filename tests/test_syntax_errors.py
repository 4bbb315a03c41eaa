"""Syntax errors: what they say, where they point, and that one run reports
every separate mistake without echoes of the first."""

from __future__ import annotations

import re

import pytest

from rubricdsl.diagnostics import Diagnostic
from rubricdsl.parser import parse
from rubricdsl.source import Source


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
