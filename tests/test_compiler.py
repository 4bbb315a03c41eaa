"""The generated scorer: safe names, exact constants, fast paths that agree with the full checks."""

from __future__ import annotations

import builtins
import io
import keyword
import re
import tokenize
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rubricdsl
from rubricdsl import compiler, ir
from rubricdsl.compiler import module
from rubricdsl.errors import InputError
from test_runtime_semantics import FORMS, FULL_MARKS

MANGLED = re.compile(r"_(?:in|k|f_k|let|leaf|explain|s|x|t|c)_\d+")
KNOWN = {
    "_run", "_scores", "_explain", "_grade", "_get", "_v", "_t", "_w", "_d", "_m", "_s", "_n", "_r",
    "_f", "_f_lets", "_total", "_saved", "_error", "record", "leaves", "values", "total",
    "RUBRIC", "_INPUTS", "_KEYS", "_IS_LEAF", "_DIVISIONS", "_BANDS", "_CONSTRAINTS", "_table",
    "is_integer", "isascii", "isdigit", "replace", "quantize",
}  # fmt: skip


def generated_part(source: str) -> str:
    return source[
        source.index("# ---------------------------------------------------------------- this rubric") :
    ]


def prelude_names() -> set[str]:
    names = set()
    for token in tokenize.generate_tokens(io.StringIO(module.prelude()).readline):
        if token.type == tokenize.NAME:
            names.add(token.string)
    return names


@pytest.fixture(scope="module")
def forms() -> rubricdsl.Rubric:
    return rubricdsl.load(FORMS)


def test_every_identifier_is_made_by_the_compiler(forms: rubricdsl.Rubric) -> None:
    allowed = KNOWN | prelude_names() | set(dir(builtins)) | set(keyword.kwlist)
    tokens = list(tokenize.generate_tokens(io.StringIO(generated_part(forms.to_python())).readline))
    names = {t.string for t in tokens if t.type == tokenize.NAME}
    strange = {n for n in names if not MANGLED.fullmatch(n) and n not in allowed}
    assert not strange
    assert all(name.isascii() for name in names)  # rubric names (Chinese) appear only in strings


def test_numbers_in_code_are_whole_indices_and_constants_are_decimal_text(forms: rubricdsl.Rubric) -> None:
    source = generated_part(forms.to_python())
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    numbers = [t.string for t in tokens if t.type == tokenize.NUMBER]
    assert all(n.isdigit() for n in numbers)
    assert "_k_0 = _D('" in source
    for line in source.splitlines():
        if re.match(r"_k_\d+ = ", line):
            assert re.fullmatch(r"_k_\d+ = _D\('-?[0-9.E+-]+'\)", line)


def test_the_traced_leaves_are_compiled_only_when_asked_for(forms: rubricdsl.Rubric) -> None:
    rubric = rubricdsl.load(FORMS)  # a fresh one: nothing explained yet
    scorer = rubric._layout.scorer
    assert "_explain" not in scorer._namespace
    report = rubric.score(FULL_MARKS)
    assert report.traces["公式/完成"].applied == "6 × 完成项数 / 总项数 = 6 × 4 / 4 = 6"
    assert "_explain" in scorer._namespace


def test_a_rubric_with_many_leaves_compiles_and_sums_exactly() -> None:
    leaves = "\n".join(f"  项{i} 1 {{ score: 分{i} }}" for i in range(300))
    inputs = "\n".join(f"  分{i} judged 0..1" for i in range(300))
    rubric = rubricdsl.loads(
        f'rubric "大" total 300 levels 一级, 二级\ninputs {{\n{inputs}\n}}\n全部 300 {{\n{leaves}\n}}\n'
    )
    report = rubric.score({f"分{i}": "0.01" for i in range(300)})
    assert report.total == Decimal(3)
    assert report.score_of("全部") == Decimal(3)


# The fast paths read common values inline; with them switched off every value takes
# the full check.  Both must agree on every value, good or bad.
VALUES = st.one_of(
    st.integers(-5, 10**6),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.decimals(allow_nan=True, allow_infinity=True, places=4),
    st.from_regex(r"\s?-?[0-9]{1,4}(\.[0-9]{0,3})?%?\s?", fullmatch=True),
    st.sampled_from(["是", "否", "yes", "no", "1", "0", "", "abc", "1_0", "٣", "１２", "+3", ".5", "5."]),
    st.booleans(),
    st.none(),
)
NAMES = st.sampled_from(sorted(FULL_MARKS))


@pytest.fixture(scope="module")
def slow_scorer(forms: rubricdsl.Rubric, monkeypatch_module: pytest.MonkeyPatch) -> Any:
    monkeypatch_module.setattr(module, "INLINE_READING_LIMIT", 0)
    return compiler.load(forms.ir)


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def outcome(run: Any, record: dict[str, Any]) -> tuple[str, object]:
    try:
        return "ok", run(record)[1:]
    except ValueError as error:
        return "error", str(error)


@settings(max_examples=400, deadline=None)
@given(name=NAMES, value=VALUES)
def test_fast_paths_agree_with_the_full_checks(
    forms: rubricdsl.Rubric, slow_scorer: Any, name: str, value: object
) -> None:
    record = {**FULL_MARKS, name: value}
    fast = outcome(forms._layout.scorer.run, record)
    slow = outcome(slow_scorer.run, record)
    assert fast == slow


def test_a_metric_no_band_covers_is_an_input_error(forms: rubricdsl.Rubric) -> None:
    # Only a record that breaks the rubric's assumptions can do this; the checker
    # proves the bands cover the domain, so the IR is edited here to open a gap.
    group = forms.ir.indicators[0]
    leaf = group.children[0]
    rule = leaf.rule
    assert isinstance(rule, ir.BandsRule)
    gap = rule.model_copy(update={"clauses": rule.clauses[:2]})  # ≥ 80% and [50%, 80%) only
    edited_group = group.model_copy(update={"children": [leaf.model_copy(update={"rule": gap})]})
    edited = forms.ir.model_copy(update={"indicators": [edited_group]})
    with pytest.raises(InputError) as caught:
        rubricdsl.Rubric(edited).score({**FULL_MARKS, "核定数": 10})
    assert (
        str(caught.value)
        == "区间/准确性: 安排率 = 0.1 falls in no band; the inputs break the rubric's assumptions"
    )
    assert caught.value.indicator == "区间/准确性"
