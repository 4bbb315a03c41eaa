"""The formatter: canonical layout, idempotence, the same tree, every comment kept.

Golden pairs live in tests/cases/fmt/: NAME.in.rubric formats to
NAME.out.rubric.  Add a case by adding the two files (`pytest --update-golden`
writes the .out file from the current output: read it before committing).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rubricdsl.cli import app
from rubricdsl.errors import RubricError
from rubricdsl.formatter import format_source, format_text
from rubricdsl.formatter.statements import HEADER_ORDER
from rubricdsl.formatter.words import KEYWORDS, NAME_RE, display_width
from rubricdsl.nodes import RubricFile
from rubricdsl.parser import parse
from rubricdsl.source import Source, Span

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "fmt"
SKIPPED_DIRS = {".git", ".venv", "venv", "build", "dist", "node_modules", ".mypy_cache", ".ruff_cache"}


# ---------------------------------------------------------------- helpers


def shape(node: Any) -> Any:
    """A node as plain data without spans, for comparing trees of two texts.

    Comments are compared apart (as text); header statements by kind, since
    the formatter puts them in the canonical order.
    """
    if isinstance(node, RubricFile):
        fields = {f.name: shape(getattr(node, f.name)) for f in dataclasses.fields(node)}
        fields.pop("comments")
        fields["headers"] = sorted(fields["headers"], key=lambda h: HEADER_ORDER.index(h[1]["keyword"]))
        return ("RubricFile", fields)
    if isinstance(node, Span):
        return "span"
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        fields = {f.name: shape(getattr(node, f.name)) for f in dataclasses.fields(node) if f.name != "span"}
        return (type(node).__name__, fields)
    if isinstance(node, tuple | list):
        return tuple(shape(item) for item in node)
    assert node is None or isinstance(node, str | bool | int | Decimal), type(node)
    return node


def parsed(text: str, name: str = "<text>") -> RubricFile:
    result = parse(Source(name, text))
    assert result.file is not None, [d.one_line() for d in result.diagnostics]
    return result.file


def comment_texts(file: RubricFile) -> Counter[str]:
    return Counter(comment.text for comment in file.comments)


def assert_round_trip(text: str, name: str = "<text>") -> str:
    """fmt(x) parses to the tree of x, keeps its comments, and is a fixed point."""
    once = format_text(text, name)
    before, after = parsed(text, name), parsed(once, name)
    assert shape(after) == shape(before)
    assert comment_texts(after) == comment_texts(before)
    assert format_text(once, name) == once
    return once


def repository_rubrics() -> list[Path]:
    found = []
    for path in sorted(ROOT.rglob("*.rubric")):
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
            found.append(path)
    return found


# ---------------------------------------------------------------- every rubric, every case


@pytest.mark.parametrize("path", repository_rubrics(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_rubric_in_the_repository_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = format_source(Source(str(path), text))
    if parse(Source(str(path), text)).file is None:  # a deliberately broken rubric
        assert result.text is None and result.diagnostics
    else:
        assert_round_trip(text, str(path))


def _case_names() -> list[str]:
    return sorted(p.name.removesuffix(".in.rubric") for p in CASES.glob("*.in.rubric"))


def test_there_are_golden_cases() -> None:
    assert len(_case_names()) >= 5


@pytest.mark.parametrize("case", _case_names())
def test_golden_pair(case: str, request: pytest.FixtureRequest) -> None:
    source = (CASES / f"{case}.in.rubric").read_text(encoding="utf-8")
    expected_path = CASES / f"{case}.out.rubric"
    actual = assert_round_trip(source, case)
    if request.config.getoption("--update-golden"):
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- layout


def test_header_comes_first_in_canonical_order() -> None:
    text = 'grades { 优 ≥ 90; 差 otherwise }\ntotal 100\nrounding 0.01 half-up\nrubric "t"\nsteps whole\n'
    lines = format_text(text).splitlines()
    assert lines == ['rubric "t"', "total 100", "rounding 0.01 half-up", "steps whole",
                     "grades { 优 ≥ 90; 差 otherwise }"]  # fmt: skip


def test_ascii_and_full_width_spellings_become_canonical() -> None:
    text = "甲 1 { score by x：>=90％ -> 1；[50%，90%) -> 0.5；otherwise -> 0 }\n"
    assert "score by x: ≥ 90% → 1; [50%, 90%) → 0.5; otherwise → 0" in format_text(text)


def test_numbers_keep_their_digits() -> None:
    out = format_text("甲 3.50 { score: 0.50 × x + 1.0pp / 80.0%, cap 3.50 }\n")
    assert "甲 3.50 {" in out
    assert "score: 0.50 × x + 1.0pp / 80.0%, cap 3.50" in out


def test_inputs_align_by_display_width() -> None:
    out = format_text('inputs {\n a count "甲"\n 长名字 amount 万元 ≥ 1 "乙"\n abc yes/no\n}\n')
    rows = out.splitlines()[1:4]
    assert rows == ['  a       count            "甲"', '  长名字  amount 万元 ≥ 1  "乙"', "  abc     yes/no"]
    starts = {display_width(row.split('"')[0]) for row in rows[:2]}
    assert len(starts) == 1  # descriptions start in one column, counting 长 as two


def test_long_band_list_puts_one_clause_per_line() -> None:
    bands = "; ".join(f"[{i}0%, {i + 1}0%) → {i}" for i in range(9))
    out = format_text(f"甲 9 {{ score by 很长的指标名称: {bands}; ≥ 90% → 9, floor 0 }}\n")
    lines = out.splitlines()
    assert lines[1] == "  score by 很长的指标名称:"
    assert lines[2] == "    [00%, 10%) → 0;"
    assert lines[-2] == "    ≥ 90% → 9, floor 0"
    assert all(display_width(line) <= 100 for line in lines)


def test_short_band_list_stays_on_one_line() -> None:
    out = format_text("甲 3 { score by x: ≥ 80% → 3; < 80% → 0 }\n")
    assert "  score by x: ≥ 80% → 3; < 80% → 0\n" in out


def test_guarded_rule_puts_one_branch_per_line() -> None:
    out = format_text("甲 8 { score: when a = 0 and b = 0: 8 when a = 0: 0 else: by b / a: ≤ 100% → 8 }\n")
    assert out.splitlines()[1:5] == [
        "  score:",
        "    when a = 0 and b = 0: 8",
        "    when a = 0: 0",
        "    else: by b / a: ≤ 100% → 8",
    ]


def test_step_directions_keep_the_authors_sign_or_word() -> None:
    out = format_text(
        "甲 5 { score by r: ≤ 5% → 5; each +0.1pp → −0.1; each started -1% → 1; each whole ±5% → −2;"
        " each 2% above → 0; each 3% below → 0 }\n"
    )
    clauses = [line.strip().rstrip(";") for line in out.splitlines() if "each" in line]
    assert clauses == [
        "each +0.1pp → −0.1",
        "each started −1% → 1",
        "each whole ±5% → −2",
        "each 2% above → 0",
        "each 3% below → 0",
    ]


def test_equal_band_and_degenerate_interval_print_alike() -> None:
    assert format_text("甲 5 { score by r: [0, 0] → 5; otherwise → 0 }\n") == format_text(
        "甲 5 { score by r: = 0 → 5; otherwise → 0 }\n"
    )


def test_parentheses_are_kept_exactly_where_written() -> None:
    out = format_text("甲 4 { score: (4 - 1 per a, floor 0) + (b - c) * 2 - -d, cap 4 }\n")
    assert "score: (4 − 1 per a, floor 0) + (b − c) × 2 − −d, cap 4" in out


def test_blank_lines_collapse_to_one_and_never_follow_an_opening_brace() -> None:
    out = format_text('rubric "t"\n\n\n\ntotal 1\n甲 1 {\n\n  score: 1\n\n\n}\n')
    assert out == 'rubric "t"\n\ntotal 1\n\n甲 1 {\n  score: 1\n}\n'


def test_top_level_blocks_are_separated_by_a_blank_line() -> None:
    out = format_text("甲 1 { score: 1 }\n乙 1 { score: 1 }\n")
    assert out == "甲 1 {\n  score: 1\n}\n\n乙 1 {\n  score: 1\n}\n"


def test_empty_file_stays_empty() -> None:
    assert format_text("") == ""
    assert format_text("\n\n  \n") == ""


# ---------------------------------------------------------------- names and texts


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("准确性", "准确性"),
        ("“三公经费”控制率", "“三公经费”控制率"),
        ("预算数（万元）", "预算数（万元）"),
        ("是否按时提交", "是否按时提交"),
        ("rate_2", "rate_2"),
        ("score", "`score`"),
        ("是否", "`是否`"),
        ("min", "`min`"),
        ("rate of return", "`rate of return`"),
        ("2号", "`2号`"),
        ("a`b\\c", "`a\\`b\\\\c`"),
    ],
)
def test_names_are_bare_only_when_the_lexer_reads_them_back(name: str, written: str) -> None:
    quoted = written if written.startswith("`") else f"`{written}`"
    out = assert_round_trip(f"inputs {{ {quoted} count }}\n甲 1 {{ score: {quoted} }}\n")
    assert f"score: {written}\n" in out


def test_names_starting_like_a_type_read_back_bare_after_a_name() -> None:
    text = (
        "inputs { b count\n a count ≤ b\n 是否按时提交 yes/no\n yesno_x yes/no }\n"
        'example "e" { given { a: 1, b: 是否按时提交 } expect { grade = 优\n 是否按时提交 = 1 } }\n'
    )
    out = assert_round_trip(text)
    assert "\n  是否按时提交  yes/no\n  yesno_x       yes/no\n" in out


@pytest.mark.parametrize("keyword", sorted(KEYWORDS))
def test_a_keyword_as_a_name_survives_every_position(keyword: str) -> None:
    name = f"`{keyword}`"
    text = (
        f"levels {name}, b\ngrades {{ {name} ≥ 1; c otherwise }}\n"
        f"inputs {{ {name} count ≥ {name}\n z yes/no }}\nlet {name} = {name} + 1\n"
        f"{name} 1 {{ {name} 1 {{ score by {name}: ≥ 1 → 1; otherwise → 0 }} }}\n"
        f"y 1 {{ score: checklist {{ {name} → 1; z → 1 }} }}\n"
        f"w 1 {{ score: when {name} = 0 and {name}: 1 else: {name} }}\n"
        f'example "e" {{ given {{ {name}: {name}, z: {name} }}\n'
        f"  expect {{ grade = {name}; {name}/{name} = {name} }} }}\n"
    )
    assert_round_trip(text)


def _grammar() -> str:
    text = (ROOT / "grammar" / "rubric.lark").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def test_keywords_cover_every_word_of_the_grammar() -> None:
    literals = {word for word in re.findall(r'"([^"\\]+)"', _grammar()) if NAME_RE.fullmatch(word)}
    assert "otherwise" in literals
    assert literals <= KEYWORDS


def test_name_pattern_matches_the_grammar() -> None:
    match = re.search(r"^NAME: /(.*)/$", _grammar(), re.M)
    assert match is not None and match.group(1) == NAME_RE.pattern


def test_texts_escape_only_quotes_and_backslashes() -> None:
    text = 'rubric "a \\"b\\" \\\\ c\\nd"\n'
    out = assert_round_trip(text)
    assert out == 'rubric "a \\"b\\" \\\\ c\nd"\n'


# ---------------------------------------------------------------- comments


def test_trailing_and_leading_comments_stay_with_their_statement() -> None:
    text = "乙 1 { score: 1 }\n# 关于甲\n甲 1 {  # 甲的分值\n  score: 1  # 满分\n}  // 甲结束\n"
    out = assert_round_trip(text)
    assert "# 关于甲\n甲 1 {  # 甲的分值\n  score: 1  # 满分\n}  // 甲结束\n" in out


def test_a_comment_inside_a_rule_moves_before_it() -> None:
    text = "甲 2 {\n  score by x: ≥ 1 → 2;  # 高档\n    otherwise → 0\n}\n"
    out = assert_round_trip(text)
    assert out == "甲 2 {\n  # 高档\n  score by x: ≥ 1 → 2; otherwise → 0\n}\n"


def test_comments_travel_with_statements_that_are_reordered() -> None:
    text = "# 指标\n甲 1 { score: 1 }\n\n# 总分\ntotal 1  # 满分\n"
    out = assert_round_trip(text)
    assert out == "# 总分\ntotal 1  # 满分\n\n# 指标\n甲 1 {\n  score: 1\n}\n"


def test_opening_comments_followed_by_a_blank_line_stay_at_the_top() -> None:
    text = "# 文件说明\n\n甲 1 { score: 1 }\ntotal 1\n"
    assert format_text(text).startswith("# 文件说明\n\ntotal 1\n")


def test_a_comment_forces_a_list_onto_several_lines() -> None:
    out = assert_round_trip('example "e" { given { a: 1,  # 第一\n b: 2 } }\n')
    assert out == 'example "e" {\n  given {\n    a: 1  # 第一\n    b: 2\n  }\n}\n'


def test_blanks_after_a_comment_do_not_hide_the_brace_before_it() -> None:
    out = assert_round_trip("inputs {  # 输入 \t\n a count\n}\n")
    assert out == "inputs {  # 输入\n  a  count\n}\n"


def test_a_file_of_comments_only_keeps_them() -> None:
    assert format_text("# 一\n\n\n// 二\n") == "# 一\n\n// 二\n"


# ---------------------------------------------------------------- what is never dropped


def test_repeated_statements_are_kept_next_to_the_first() -> None:
    text = 'total 1\n甲 1 { criterion "一" score: 1 criterion "二" }\ntotal 2\nrubric "t"\n'
    out = assert_round_trip(text)
    assert (
        out == 'rubric "t"\ntotal 1\ntotal 2\n\n甲 1 {\n  criterion "一"\n  criterion "二"\n  score: 1\n}\n'
    )


def test_syntax_errors_are_refused_with_their_diagnostics() -> None:
    source = Source("bad.rubric", "甲 1 { score: }\n乙 1 { score: 1 \n")
    result = format_source(source)
    assert result.text is None
    assert result.diagnostics == parse(source).diagnostics
    assert {d.code for d in result.diagnostics} == {"E002", "E003"}
    with pytest.raises(RubricError, match=r"bad\.rubric:1:14"):
        format_text(source.text, "bad.rubric")


# ---------------------------------------------------------------- the command


UGLY = "total   1\n甲 1 {score:1}\n"
PRETTY = "total 1\n\n甲 1 {\n  score: 1\n}\n"


def test_fmt_prints_one_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.rubric"
    path.write_text(UGLY, encoding="utf-8")
    result = runner.invoke(app, ["fmt", str(path)])
    assert (result.exit_code, result.stdout) == (0, PRETTY)
    assert path.read_text(encoding="utf-8") == UGLY


def test_fmt_check_lists_files_that_would_change(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ugly.rubric").write_text(UGLY, encoding="utf-8")
    (tmp_path / "pretty.rubric").write_text(PRETTY, encoding="utf-8")
    result = runner.invoke(app, ["fmt", "--check", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (1, f"{tmp_path / 'ugly.rubric'}\n")
    assert (tmp_path / "ugly.rubric").read_text(encoding="utf-8") == UGLY
    clean = runner.invoke(app, ["fmt", "--check", str(tmp_path / "pretty.rubric")])
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_fmt_write_rewrites_in_place(runner: CliRunner, tmp_path: Path) -> None:
    paths = [tmp_path / "a.rubric", tmp_path / "b.rubric"]
    for path in paths:
        path.write_text(UGLY, encoding="utf-8")
    result = runner.invoke(app, ["fmt", "-w", *map(str, paths)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert [p.read_text(encoding="utf-8") for p in paths] == [PRETTY, PRETTY]


def test_fmt_refuses_a_file_with_syntax_errors(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.rubric"
    path.write_text("甲 1 { score: }\n", encoding="utf-8")
    result = runner.invoke(app, ["fmt", "--write", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "error[E002]: unexpected `}`" in result.stderr
    assert f"--> {path}:1:14" in result.stderr
    assert path.read_text(encoding="utf-8") == "甲 1 { score: }\n"


def test_fmt_reports_an_unreadable_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["fmt", str(tmp_path / "missing.rubric")])
    assert result.exit_code == 2
    assert "missing.rubric: no such file" in result.stderr


def test_fmt_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.rubric"
    path.write_text(PRETTY, encoding="utf-8")
    assert runner.invoke(app, ["fmt", "--check", "--write", str(path)]).exit_code == 2
    assert runner.invoke(app, ["fmt", str(path), str(path)]).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["fmt", "--check", str(empty)])
    assert result.exit_code == 2
    assert "no *.rubric files" in result.stderr
