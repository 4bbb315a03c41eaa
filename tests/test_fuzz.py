"""Random mutations of valid rubrics never crash the front end or the formatter.

Each example takes a valid rubric from the repository (or the small one
below), applies a few character-level edits (insert, delete, replace with
characters of the language or any Unicode, duplicate a line, truncate), and
runs the text through `frontend.analyse` and the formatter.  Neither may raise
anything but the project's own user-facing errors; every diagnostic must carry
a registered code and a span inside the text; and whenever a mutant still
parses, formatting it must keep its tree and comments and be idempotent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rubricdsl.codes import CODES
from rubricdsl.diagnostics import Diagnostic
from rubricdsl.errors import InternalError, RubricDslError
from rubricdsl.formatter import format_source
from rubricdsl.formatter.words import KEYWORDS
from rubricdsl.frontend import analyse, read_source
from rubricdsl.parser import parse
from rubricdsl.source import Source, Span
from test_formatter import comment_texts, shape

ROOT = Path(__file__).resolve().parents[1]

BUILT_IN = """\
# 内置的小细则
rubric "部门整体支出绩效自评表（节选）" version "2021"
total 20
levels 一级指标, 二级指标, 三级指标
rounding 0.01 half-up
steps whole
grades { 优 ≥ 18; 良 ≥ 16; 中 ≥ 12; 差 otherwise }

inputs {
  不符合项数      count        "与部门职责不符的专项活动数"
  项目预算核定数  amount 万元
  项目预算申报额  amount 万元 > 0
  预算调整数      number 万元
  有内部财务管理制度 yes/no
  有厉行节约制度  yes/no
  未申报扣分      judged 0..2
  完成项数        count ≤ 总项数
  总项数          count ≥ 1
}

let 预算调整率 = 预算调整数 / 项目预算申报额

投入 20 {
  预算编制 20 {
    职责相关性 3 {
      criterion "全部符合得3分，一项不符合扣0.5分，扣完为止。"
      score: 3 − 0.5 per 不符合项数, floor 0
    }
    准确性 3 {
      let 安排率 = 项目预算核定数 / 项目预算申报额
      score by 安排率: ≥ 80% → 3; [50%, 80%) → 2; [30%, 50%) → 1; < 30% → 0
    }
    调整率 5 {
      score by abs(预算调整率): ≤ 5% → 5; each started 0.1pp above → −0.1, floor 0
    }
    执行率 4 {
      score: when 项目预算核定数 = 0: 4
             else: by 项目预算核定数 / 项目预算申报额: ≥ 100% → 4; each 5% below → −1, floor 0
    }
    制度 2 { score: checklist { 有内部财务管理制度 → 1 "①"; 有厉行节约制度 → 1 "②" } }
    完成 3 { score: (3 × 完成项数 / 总项数 − 未申报扣分, floor 0) + 0 per 不符合项数, cap 3 }
  }
}

example "全部达标" {
  given { 不符合项数: 0, 项目预算核定数: 60, 项目预算申报额: 60, 预算调整数: 0,
          有内部财务管理制度: 是, 有厉行节约制度: 是, 未申报扣分: 0, 完成项数: 8, 总项数: 8 }
  expect { total = 20; grade = 优; 投入/预算编制 = 20 }
}
"""


def _valid_rubrics() -> list[str]:
    """The repository's rubrics that parse, the small one above always among them."""
    paths = [*ROOT.glob("rubrics/**/*.rubric"), *ROOT.glob("examples/**/*.rubric")]
    paths += ROOT.glob("tests/cases/fmt/*.out.rubric")
    texts = [BUILT_IN]
    for path in sorted(paths):
        text = path.read_text(encoding="utf-8")
        if parse(Source(str(path), text)).file is not None:
            texts.append(text)
    return texts


SEEDS = _valid_rubrics()
LANGUAGE = list('{}()[]（）；：，、;:,<>=≤≥≠→−×÷±+-*/%％"`#.\n \t\u30000123456789_a“”')
WORDS = [*sorted(KEYWORDS), "//", "->", "<="]


def _piece() -> st.SearchStrategy[str]:
    language = st.sampled_from(LANGUAGE + WORDS)
    chinese = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
    return st.one_of(language, language, chinese, st.characters())


@st.composite
def _mutation(draw: st.DrawFn, text: str) -> str:
    kind = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "truncate"]))
    at = draw(st.integers(0, len(text)))
    if kind == "insert":
        return text[:at] + draw(_piece()) + text[at:]
    if kind == "delete":
        return text[:at] + text[at + draw(st.integers(1, 8)) :]
    if kind == "replace":
        return text[:at] + draw(_piece()) + text[at + 1 :]
    if kind == "duplicate":
        lines = text.splitlines(keepends=True) or [""]
        i = draw(st.integers(0, len(lines) - 1))
        return "".join(lines[: i + 1] + lines[i:])
    return text[:at]


@st.composite
def mutants(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 3))):
        text = draw(_mutation(text))
    return text


def _assert_well_formed(diagnostics: list[Diagnostic], text: str) -> None:
    for diag in diagnostics:
        assert diag.code in CODES, diag.one_line()
        spans = [diag.span, *(label.span for label in diag.labels)]
        for span in spans:
            assert span is None or _inside(span, text), (diag.one_line(), span, len(text))
        diag.one_line()  # renders without raising


def _inside(span: Span, text: str) -> bool:
    return 0 <= span.start <= span.end <= len(text)


def _run_without_crash(action: str, source: Source) -> list[Diagnostic] | None:
    """The diagnostics of `action`, or None if it raised one of the project's user errors."""
    try:
        if action == "analyse":
            return analyse(source).diagnostics
        return format_source(source).diagnostics
    except InternalError:
        raise  # a bug, whatever the input
    except RubricDslError:
        return None


def _assert_format_round_trips(source: Source) -> None:
    before = parse(source).file
    if before is None:
        return
    formatted = format_source(source).text
    assert formatted is not None
    after = parse(Source(source.name, formatted)).file
    assert after is not None, formatted
    assert shape(after) == shape(before)
    assert comment_texts(after) == comment_texts(before)
    assert format_source(Source(source.name, formatted)).text == formatted


FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(mutants())
def test_mutated_rubrics_give_diagnostics_not_crashes(text: str) -> None:
    source = Source("mutant.rubric", text)
    for action in ("analyse", "fmt"):
        diagnostics = _run_without_crash(action, source)
        if diagnostics is not None:
            _assert_well_formed(diagnostics, text)
    _assert_format_round_trips(source)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "mutant.rubric"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), at=st.integers(0, 10**6), byte=st.integers(0, 255))
def test_mutated_bytes_are_read_or_refused(scratch: Path, seed: str, at: int, byte: int) -> None:
    data = bytearray(seed.encode("utf-8"))
    data[at % len(data)] = byte
    scratch.write_bytes(bytes(data))
    try:
        source = read_source(scratch)
    except RubricDslError as error:
        assert "not UTF-8" in str(error)
        return
    _assert_well_formed(analyse(source).diagnostics, source.text)


def test_every_seed_is_valid() -> None:
    for text in SEEDS:
        assert parse(Source("seed.rubric", text)).file is not None
