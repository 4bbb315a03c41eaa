"""`rubric score` on CSV files large enough to be scored on every core: the output,
the reported rows and their line numbers are exactly those of scoring row by row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from rubricdsl.cli import app
from rubricdsl.runtime import parallel

CASES = Path(__file__).resolve().parent / "cases" / "scoring"
UNITS_CSV = CASES / "forms-units.csv"


@pytest.fixture(autouse=True)
def in_the_cases_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)


def score_both_ways(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, data: Path) -> tuple[Result, Result]:
    """The CSV output of scoring `data` row by row, then in worker processes."""
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "worthwhile", lambda size: False)
        sequential = runner.invoke(app, ["score", "forms.rubric", str(data), "-f", "csv"])
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)  # even on a machine with one core
    calls = []
    score_in_parallel = parallel.score_in_parallel
    monkeypatch.setattr(parallel, "score_in_parallel", lambda *args: calls.append(score_in_parallel(*args)))
    in_parallel = runner.invoke(app, ["score", "forms.rubric", str(data), "-f", "csv"])
    assert len(calls) == 1  # it did take the parallel path
    return sequential, in_parallel


def test_a_large_csv_scored_on_every_core_gives_the_same_output(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = UNITS_CSV.read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.csv"
    big.write_text("\n".join([rows[0], *(rows[1:] * 400)]) + "\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    sequential, in_parallel = score_both_ways(runner, monkeypatch, big)
    assert in_parallel.exit_code == sequential.exit_code == 1
    assert in_parallel.stdout == sequential.stdout
    assert in_parallel.stderr == sequential.stderr
    assert in_parallel.stderr.count("\n") == 3 * 400
    as_json = runner.invoke(app, ["score", "forms.rubric", str(big)])
    assert len(json.loads(as_json.stdout)) == 6 * 400


def test_bad_bytes_late_in_a_large_file_lose_only_their_rows(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header, first, second, *_ = UNITS_CSV.read_bytes().splitlines()
    good = [first, second] * 14_000
    bad_name = first.replace("甲局".encode(), b"\xff\xfe", 1)
    bad_note = first.replace("全部满分".encode(), '"两'.encode() + b"\xc3(" + '行\n说明"'.encode(), 1)
    lines = [header, *good, bad_name, first, bad_note, *good[:5]]
    big = tmp_path / "big.csv"
    big.write_bytes(b"\n".join(lines) + b"\n")
    assert big.stat().st_size > parallel.MIN_BYTES
    sequential, in_parallel = score_both_ways(runner, monkeypatch, big)
    assert in_parallel.exit_code == sequential.exit_code == 1
    assert in_parallel.stdout == sequential.stdout
    n = len(good)  # the bad rows are on lines n + 2 and n + 4…n + 5 (the header is line 1)
    not_utf8 = "are not valid UTF-8 (the file's encoding)"
    assert in_parallel.stderr == sequential.stderr
    assert sequential.stderr == (
        f"error: row {n + 2}: column 单位名称: bytes ff fe {not_utf8}\n"
        f"error: row {n + 5}: line {n + 4}, column 备注: bytes c3 {not_utf8}\n"
    )
    out = list(csv.reader(io.StringIO(sequential.stdout)))
    assert len(out) == 1 + n + 3 + 5  # every row, the bad ones too, after the header
    assert out[n + 1][:3] == ["\ufffd", "全部满分", ""]  # one mark for the bad bytes
    assert out[n + 2][:3] == ["甲局", "全部满分", "43.00"]
    assert out[n + 3][:3] == ["甲局", "两\ufffd(行\n说明", ""]


def test_a_stray_quote_does_not_move_where_blocks_are_cut(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`5"` in a cell that does not start with a quote is a character; a later
    cell over two lines must still be read whole, in parallel as row by row."""
    header, first, second, *_ = UNITS_CSV.read_bytes().splitlines()
    good = [first, second] * 7_000
    stray = first.replace("甲局".encode(), '甲"局'.encode(), 1)
    two_lines = first.replace("全部满分".encode(), '"两\n行"'.encode(), 1)
    lines = [header, *good, stray, *good, two_lines, *good, stray, *good[:9]]
    big = tmp_path / "big.csv"
    big.write_bytes(b"\n".join(lines) + b"\n")
    assert big.stat().st_size > parallel.MIN_BYTES
    sequential, in_parallel = score_both_ways(runner, monkeypatch, big)
    assert in_parallel.exit_code == sequential.exit_code == 0, sequential.stderr
    assert in_parallel.stdout == sequential.stdout
    out = list(csv.reader(io.StringIO(sequential.stdout)))
    n = len(good)
    assert len(out) == 1 + 3 * n + 2 + 1 + 9
    assert out[n + 1][:2] == ['甲"局', "全部满分"]
    assert out[2 * n + 2][:2] == ["甲局", "两\n行"]
