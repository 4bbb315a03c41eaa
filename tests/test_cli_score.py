"""`rubric score`, `test`, `compile` and `schema`: once as a real process, the rest
in-process; the outputs are golden files under tests/golden/scores/."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rubricdsl
from rubricdsl.cli import app
from rubricdsl.ir import RubricIR
from rubricdsl.records import raw_rows, read_records
from rubricdsl.runtime import parallel

CASES = Path(__file__).resolve().parent / "cases" / "scoring"
FORMS = CASES / "forms.rubric"
UNITS_CSV = CASES / "forms-units.csv"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def in_the_cases_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)  # relative paths keep the golden messages free of this machine's paths


def test_process_csv_to_json_reports_bad_rows_and_scores_the_rest(golden) -> None:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        [sys.executable, "-m", "rubricdsl", "score", "forms.rubric", "forms-units.csv"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert done.returncode == 1
    golden.check("scores/forms-units.json", done.stdout)
    golden.check("scores/forms-units.stderr", done.stderr)
    assert [item["row"] for item in json.loads(done.stdout)] == [2, 3, 5, 6, 7, 8]


def test_csv_output_keeps_every_row_in_order(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["score", "forms.rubric", "forms-units.csv", "--format", "csv"])
    assert result.exit_code == 1
    golden.check("scores/forms-units.csv", result.stdout)


def test_markdown_with_explanations(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["score", "forms.rubric", "forms-units.csv", "-f", "md", "--explain"])
    assert result.exit_code == 1
    golden.check("scores/forms-units.md", result.stdout)


def test_one_json_record_gives_one_object_with_traces(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["score", "forms.rubric", "forms-unit.json", "--explain"])
    assert (result.exit_code, result.stderr) == (0, "")
    golden.check("scores/forms-unit.explain.json", result.stdout)
    data = json.loads(result.stdout)
    assert (data["单位名称"], data["total"], data["grade"]) == ("甲局", "28.77", "差")


def test_yaml_and_a_file_output(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    result = runner.invoke(app, ["score", "forms.rubric", "forms-units.yaml", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == "error: record 2: input 申报额: no value given (used by 准确性)\n"
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("单位名称,total,grade,区间,")
    assert lines[1].startswith("甲局,43.00,优,")
    assert lines[2].startswith("乙局,,,") and lines[2].endswith("no value given (used by 准确性)")


def test_json_on_stdin(runner: CliRunner) -> None:
    record = json.loads((CASES / "forms-unit.json").read_text(encoding="utf-8"))
    result = runner.invoke(
        app, ["score", "forms.rubric", "-"], input=json.dumps([record], ensure_ascii=False)
    )
    assert result.exit_code == 0
    [item] = json.loads(result.stdout)
    assert (item["row"], item["total"]) == (1, "28.77")


def test_table_for_one_unit_and_for_many(runner: CliRunner) -> None:
    one = runner.invoke(app, ["score", "forms.rubric", "forms-unit.json", "-f", "table", "--explain"])
    assert one.exit_code == 0
    assert "调整率" in one.stdout and "28.77（差）" in one.stdout
    many = runner.invoke(app, ["score", "forms.rubric", "forms-units.csv", "-f", "table"])
    assert many.exit_code == 1
    assert "乙局" in many.stdout and "31.64" in many.stdout
    assert "row 5: input 扣分" in many.stderr


def test_a_misspelt_column_is_named_once(runner: CliRunner, tmp_path: Path) -> None:
    text = UNITS_CSV.read_text(encoding="utf-8").replace("满意度", "满意程度", 1)
    (tmp_path / "typo.csv").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["score", "forms.rubric", str(tmp_path / "typo.csv")])
    assert result.exit_code == 1
    assert result.stderr == "error: the CSV header has no column for 满意度 (is 满意程度 meant?)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nothing.rubric", "forms-units.csv"], "error: nothing.rubric: no such file\n"),
        (["forms.rubric", "nothing.csv"], "error: nothing.csv: no such file\n"),
        (
            ["forms.rubric", "forms-units.csv", "-f", "pdf"],
            "error: unknown format `pdf`; expected one of: table, json, csv, md, html, xlsx, docx\n",
        ),
        (
            ["forms.rubric", "forms-units.csv", "-f", "xlsx"],
            "error: --format xlsx writes files: give the file to write with -o FILE\n",
        ),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["score", *args])
    assert (result.exit_code, result.stderr) == (2, message)


def test_a_broken_rubric_prints_its_diagnostics(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "wrong-example.rubric", "forms-units.csv"])
    assert result.exit_code == 1  # the rubric is fine; every row lacks its inputs
    broken = runner.invoke(app, ["schema", "../diagnostics/E301-weights-do-not-sum.rubric"])
    assert broken.exit_code == 1 and "error[E301]" in broken.stderr


def test_renderers_write_reports(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["score", "forms.rubric", "forms-units.csv", "-o", str(out)])
    assert result.exit_code == 1  # three rows failed; the others are in the workbook
    assert out.read_bytes()[:2] == b"PK"


# ---------------------------------------------------------------- test


def test_examples_pass_and_fail(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["test", "wrong-example.rubric", "forms.rubric"])
    assert result.exit_code == 1
    golden.check("scores/wrong-example.test.txt", result.stdout)
    passing = runner.invoke(app, ["test", "forms.rubric"])
    assert (passing.exit_code, passing.stdout.splitlines()[-1]) == (0, "  1 example: 1 passed, 0 failed")


def test_the_seed_rubrics_examples_pass(runner: CliRunner, repo_root: Path) -> None:
    result = runner.invoke(app, ["test", str(repo_root / "rubrics" / "dept-overall-2021.rubric")])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.rstrip().endswith(" failed") and " 0 failed" in result.stdout


def test_examples_as_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["test", "-f", "json", "wrong-example.rubric"])
    [report] = json.loads(result.stdout)
    wrong = report["examples"][1]
    assert (wrong["name"], wrong["passed"], wrong["line"]) == ("错的", False, 9)
    assert {"target": "比例分", "expected": "3", "actual": "2", "passed": False} in wrong["checks"]


# ---------------------------------------------------------------- compile, schema


def test_compile_to_json_is_the_ir(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "forms.json"
    assert runner.invoke(app, ["compile", "forms.rubric", "--to", "json", "-o", str(out)]).exit_code == 0
    ir = RubricIR.model_validate_json(out.read_text(encoding="utf-8"))
    assert ir == rubricdsl.load("forms.rubric", examples=True).ir


def test_compile_to_python_is_the_standalone_module(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compile", "forms.rubric", "--to", "python"])
    assert result.exit_code == 0
    assert result.stdout == rubricdsl.load(FORMS).to_python()
    assert runner.invoke(app, ["compile", "forms.rubric", "--to", "c"]).exit_code == 2


def test_schema(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["schema", "forms.rubric"])
    assert result.exit_code == 0
    golden.check("scores/forms.schema.json", result.stdout)


# ---------------------------------------------------------------- large files


def test_a_large_csv_scored_on_every_core_gives_the_same_output(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = UNITS_CSV.read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.csv"
    big.write_text("\n".join([rows[0], *(rows[1:] * 400)]) + "\n", encoding="utf-8")
    sequential = runner.invoke(app, ["score", "forms.rubric", str(big), "-f", "csv"])
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    in_parallel = runner.invoke(app, ["score", "forms.rubric", str(big), "-f", "csv"])
    assert in_parallel.exit_code == sequential.exit_code == 1
    assert in_parallel.stdout == sequential.stdout
    assert in_parallel.stderr == sequential.stderr
    assert in_parallel.stderr.count("\n") == 3 * 400
    as_json = runner.invoke(app, ["score", "forms.rubric", str(big)])
    assert len(json.loads(as_json.stdout)) == 6 * 400


def test_the_seed_rubric_scores_its_units(runner: CliRunner, repo_root: Path, golden) -> None:  # type: ignore[no-untyped-def]
    seed = str(repo_root / "rubrics" / "dept-overall-2021.rubric")
    result = runner.invoke(app, ["score", seed, "seed-units.csv", "-f", "csv"])
    assert result.exit_code == 1  # one unit breaks 按进度完成目标项数 ≤ 目标总项数
    golden.check("scores/seed-units.csv", result.stdout)
    assert result.stderr == (
        "error: row 5: input 按进度完成目标项数: 8 breaks its constraint ≤ 目标总项数 (目标总项数 = 6) "
        "(used by 重点工作实际完成率)\n"
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_blocks_cut_only_between_rows(tmp_path: Path, newline: str, encoding: str) -> None:
    rows = [
        '单位名称,"多行\n说明",值',
        '甲,"一行""引号""\n二行",1',
        "",
        '乙,"a,b",2',
        '丙,"\n\n",3',
        "丁,x,4",
    ]
    path = tmp_path / "rows.csv"
    path.write_bytes(newline.join(rows).encode(encoding))  # no line end after the last row
    expected = [(r.number, r.cells) for r in read_records(str(path))]
    for size in (1, 7, 64, 1 << 20):
        cut = []
        for first_line, data in parallel.row_blocks(str(path), size):
            text = data.decode("gb18030" if encoding == "gb18030" else "utf-8")
            cut += list(
                raw_rows("rows.csv", csv.reader(io.StringIO(text, newline="")), first_line=first_line)
            )
        assert cut == expected
    assert [number for number, _ in expected] == [4, 6, 9, 10]  # the line each row ends on
