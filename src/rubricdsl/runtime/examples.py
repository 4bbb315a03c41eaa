"""Running a rubric's worked examples (`example "…" { given {…} expect {…} }`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rubricdsl import ir
from rubricdsl.compiler.text import plain
from rubricdsl.errors import InputError
from rubricdsl.runtime.names import UnknownIndicatorError
from rubricdsl.runtime.report import ScoreReport
from rubricdsl.runtime.rubric import Rubric


@dataclass(frozen=True, slots=True)
class Check:
    target: str  # "total", "grade" or the indicator as written
    expected: str
    actual: str
    passed: bool


@dataclass(frozen=True, slots=True)
class ExampleResult:
    name: str
    line: int
    checks: list[Check]
    error: str | None  # the record could not be scored

    @property
    def passed(self) -> bool:
        return self.error is None and all(check.passed for check in self.checks)


def run_examples(rubric: Rubric) -> list[ExampleResult]:
    return [run_example(rubric, example) for example in rubric.ir.examples]


def run_example(rubric: Rubric, example: ir.Example) -> ExampleResult:
    record = {name: _given(value) for name, value in example.given.items()}
    try:
        report = rubric.score(record)
    except InputError as error:
        return ExampleResult(example.name, example.line, [], str(error))
    checks = [_check(report, expectation) for expectation in example.expect]
    return ExampleResult(example.name, example.line, checks, None)


def _given(value: ir.ExampleValue) -> Decimal | str:
    return value.number if value.number is not None else (value.word or "")


def _check(report: ScoreReport, expectation: ir.Expectation) -> Check:
    expected = expectation.value
    if expectation.target == "grade":
        wanted = expected.word if expected.word is not None else _number_text(expected.number)
        return Check("grade", wanted, report.grade or "(none)", report.grade == wanted)
    target = "total" if expectation.target == "total" else "/".join(expectation.path)
    try:
        actual = report.total if expectation.target == "total" else report.score_of(target)
    except UnknownIndicatorError as error:
        return Check(target, _number_text(expected.number), str(error), False)
    if expected.number is None:
        return Check(target, expected.word or "", plain(actual), False)
    return Check(target, plain(expected.number), plain(actual), actual == expected.number)


def _number_text(value: Decimal | None) -> str:
    return "" if value is None else plain(value)
