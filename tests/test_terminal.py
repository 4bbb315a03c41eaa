"""The terminal table of many units: failures are marked in their row and
explained under the table, and unit names are never cut short."""

from __future__ import annotations

from pathlib import Path

import pytest

import rubricdsl
from rubricdsl.records import read_records
from rubricdsl.runtime.batch import score_records
from rubricdsl.runtime.terminal import print_outcomes


def test_units_table_lists_failures_under_the_table(
    repo_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    rubric = rubricdsl.load(repo_root / "rubrics" / "dept-overall-2021.rubric")
    records = read_records(str(repo_root / "examples" / "units-2021.csv"))
    outcomes = list(score_records(rubric, records))
    print_outcomes(rubric, outcomes, explain=False)
    out = capsys.readouterr().out
    table, _, below = out.partition("未能评分的单位（2个）")
    assert table.count("未能评分") == 2
    assert "曲沃县行政审批服务管理局" in table  # the longest name, whole
    assert "row 11 曲沃县民政局" in below and "row 18 曲沃县林业局" in below
    assert "二千九百万" in below and "目标总项数" in below
