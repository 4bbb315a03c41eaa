"""Every diagnostic code, shown on a bad rubric: tests/cases/diagnostics/*.rubric
and the exact text `rubric check` prints for it, in tests/golden/diagnostics/.

A case is named after the code it shows (`E301-weights-do-not-sum.rubric`);
adding a case needs no Python, only `pytest --update-golden` and a review of
the new golden file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Golden
from rubricdsl.cli.check import Tally, check_file, render_report
from rubricdsl.codes import CODES

CASES = Path(__file__).resolve().parent / "cases" / "diagnostics"
CASE_NAMES = sorted(path.name for path in CASES.glob("*.rubric"))


def _code_of(case: str) -> str:
    return case.split("-")[0]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_diagnostics_match_golden(
    case: str, golden: Golden, monkeypatch: pytest.MonkeyPatch, repo_root: Path
) -> None:
    monkeypatch.chdir(repo_root)  # the report names the file as given, relative to here
    diagnostics = check_file(Path("tests/cases/diagnostics") / case)
    assert diagnostics is not None
    assert _code_of(case) in {d.code for d in diagnostics}, f"{case} does not show {_code_of(case)}"
    report = render_report(diagnostics, "text", Tally(checked=1)) + "\n"
    golden.check(f"diagnostics/{case.removesuffix('.rubric')}.txt", report)


def test_every_registered_code_has_a_case() -> None:
    shown = {_code_of(case) for case in CASE_NAMES}
    assert sorted(set(CODES) - shown) == []


def test_every_case_is_named_after_a_registered_code() -> None:
    assert sorted({_code_of(case) for case in CASE_NAMES} - set(CODES)) == []


def test_each_case_shows_its_code_with_the_registered_severity() -> None:
    for case in CASE_NAMES:
        diagnostics = check_file(CASES / case) or []
        severities = {d.severity for d in diagnostics if d.code == _code_of(case)}
        assert severities == {CODES[_code_of(case)].severity}, case


def test_the_shipped_rubrics_are_clean(repo_root: Path) -> None:
    rubrics = sorted((repo_root / "rubrics").glob("*.rubric"))
    assert rubrics, "no rubric shipped under rubrics/"
    for path in rubrics:
        assert check_file(path) == [], path.name
