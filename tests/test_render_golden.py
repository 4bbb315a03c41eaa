"""Golden renderings: each golden file is the spec of what staff will see."""

from __future__ import annotations

from pathlib import Path

import pytest

from render_support import FOUR_LEVEL, SEED, load_ir, report_for
from rubricdsl.render import render_report, render_rubric

RUBRICS = {"seed": SEED, "four-level": FOUR_LEVEL}


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
@pytest.mark.parametrize("name", sorted(RUBRICS))
def test_rubric_table(golden, name: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    golden.check(f"render/{name}.{fmt}", render_rubric(load_ir(RUBRICS[name]), fmt))  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_compare_criteria(golden, fmt: str) -> None:  # type: ignore[no-untyped-def]
    rendered = render_rubric(load_ir(FOUR_LEVEL), fmt, compare=True)  # type: ignore[arg-type]
    golden.check(f"render/four-level-compare.{fmt}", rendered)


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_score_report(golden, fmt: str) -> None:  # type: ignore[no-untyped-def]
    rubric = load_ir(FOUR_LEVEL)
    report = report_for(rubric, {"资金到位率": "3", "实施进度": "1.5", "质量": "1.25"}, grade="中")
    rendered = render_report(rubric, "某县水利局", report, fmt)  # type: ignore[arg-type]
    golden.check(f"render/four-level-report.{fmt}", rendered)


def test_goldens_are_not_stale(repo_root: Path) -> None:
    names = {p.name for p in (repo_root / "tests" / "golden" / "render").iterdir()}
    expected = {f"{n}.{f}" for n in RUBRICS for f in ("md", "html", "csv")}
    expected |= {"four-level-compare.md", "four-level-compare.html"}
    expected |= {f"four-level-report.{f}" for f in ("md", "html", "csv")}
    assert names == expected
