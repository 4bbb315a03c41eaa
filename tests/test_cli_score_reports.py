"""`rubric score --format xlsx -o FILE`: units that could not be scored are
listed in the workbook, not only on the terminal."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from rubricdsl.cli import app


def test_workbook_lists_the_units_that_failed(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    result = CliRunner().invoke(
        app,
        [
            "score",
            str(repo_root / "rubrics" / "dept-overall-2021.rubric"),
            str(repo_root / "examples" / "units-2021.csv"),
            "--format", "xlsx", "-o", str(out),
        ],
    )  # fmt: skip
    assert result.exit_code == 1  # two rows are bad on purpose
    book = openpyxl.load_workbook(out)
    assert "未能评分的单位" in book.sheetnames
    listed = "\n".join(str(c.value) for row in book["未能评分的单位"].iter_rows() for c in row)
    assert "曲沃县民政局" in listed and "曲沃县林业局" in listed
    assert len(book.sheetnames) == 22 + 1  # one sheet per scored unit, and the list
