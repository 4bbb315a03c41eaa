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

CASES = Path(__file__).resolve().parent / "cases" / "scoring"
FORMS = CASES / "forms.rubric"
UNITS_CSV = CASES / "forms-units.csv"


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
    assert result.stderr.startswith("error: record 2: inputs 申报额, 调整数, 预算数, 完成数, 支出, ")
    assert result.stderr.endswith(", 扣分, 满意度: no value given\n")  # every missing input in one message
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("单位名称,total,grade,区间,")
    assert lines[1].startswith("甲局,43.00,优,")
    assert lines[2].startswith("乙局,,,") and lines[2].endswith('满意度: no value given"')


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


def test_a_misspelt_column_is_named_once_and_nothing_is_scored(runner: CliRunner, tmp_path: Path) -> None:
    text = UNITS_CSV.read_text(encoding="utf-8").replace("满意度", "满意程度", 1).replace("扣分", "减项", 1)
    typo = tmp_path / "typo.csv"
    typo.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["score", "forms.rubric", str(typo)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"error: {typo}: the CSV header has no column for 扣分, 满意度 (is 满意程度 meant?)\n"
    )


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
    assert result.exit_code == 2  # the rubric is fine, but no row can be scored: the data has no such columns
    assert result.stderr == (
        "error: forms-units.csv: the CSV header has no column for 完成 (is 完成数 meant?), 计划\n"
    )
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


# ---------------------------------------------------------------- the seed


def test_the_seed_rubric_scores_its_units(runner: CliRunner, repo_root: Path, golden) -> None:  # type: ignore[no-untyped-def]
    seed = str(repo_root / "rubrics" / "dept-overall-2021.rubric")
    result = runner.invoke(app, ["score", seed, "seed-units.csv", "-f", "csv"])
    assert result.exit_code == 1  # one unit breaks 按进度完成目标项数 ≤ 目标总项数
    golden.check("scores/seed-units.csv", result.stdout)
    assert result.stderr == (
        "error: row 5: input 按进度完成目标项数: 8 breaks its constraint ≤ 目标总项数 (目标总项数 = 6) "
        "(used by 重点工作实际完成率)\n"
    )


# ---------------------------------------------------------------- data problems


def test_a_short_row_names_the_inputs_it_lacks(runner: CliRunner, tmp_path: Path) -> None:
    header, first, *_ = UNITS_CSV.read_text(encoding="utf-8").splitlines()
    short = tmp_path / "short.csv"
    cells = first.split(",")
    rows = [header, first, ",".join(cells[:-3]), ",".join(cells[:-1])]  # lacks 扣分, 满意度 (and 备注); 备注
    short.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["score", "forms.rubric", str(short), "-f", "csv"])
    assert result.exit_code == 1
    assert result.stderr == "error: row 3: 17 cells but the header has 20 columns: no cell for 扣分, 满意度\n"
    assert result.stdout.splitlines()[3].startswith("甲局,,43.00,优,")  # only 备注 is missing: scored


def test_a_file_with_none_of_the_inputs_is_named_as_such(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", "forms.rubric", "forms-units.csv", "-f", "csv"])
    scores = tmp_path / "scores.csv"
    scores.write_text(result.stdout, encoding="utf-8")
    again = runner.invoke(app, ["score", "forms.rubric", str(scores)])
    assert (again.exit_code, again.stdout) == (2, "")
    assert again.stderr == (
        f"error: {scores}: the CSV header names none of the rubric's inputs; "
        "its columns are 单位名称, 备注, total, grade, …\n"
    )


def test_data_columns_named_like_output_columns_are_renamed(runner: CliRunner, tmp_path: Path) -> None:
    header, first, *_ = UNITS_CSV.read_text(encoding="utf-8").splitlines()
    collide = tmp_path / "collide.csv"
    collide.write_text(f"total,error,区间,row,{header}\nT,E,Q,R,{first}\n", encoding="utf-8")
    as_csv = runner.invoke(app, ["score", "forms.rubric", str(collide), "-f", "csv"])
    assert as_csv.exit_code == 0
    out_header, out_row = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert out_header[:8] == [
        "data.total",
        "data.error",
        "data.区间",
        "row",
        "单位名称",
        "备注",
        "total",
        "grade",
    ]
    assert out_row[:8] == ["T", "E", "Q", "R", "甲局", "全部满分", "43.00", "优"]
    assert len(set(out_header)) == len(out_header)
    assert "note: the data column 区间 is written as data.区间: the output uses 区间\n" in as_csv.stderr
    as_json = runner.invoke(app, ["score", "forms.rubric", str(collide)])
    [item] = json.loads(as_json.stdout)
    assert [k for k in item if k.startswith("data.")] == ["data.total", "data.error", "data.row"]
    assert (item["row"], item["data.row"], item["区间"], item["total"]) == (2, "R", "Q", "43.00")
    assert "error" not in item  # the row scored fine


def test_csv_and_yaml_on_stdin(runner: CliRunner) -> None:
    data = UNITS_CSV.read_bytes().replace(b",", b";")
    as_csv = runner.invoke(
        app, ["score", "forms.rubric", "-", "--data-format", "csv", "-f", "csv"], input=data
    )
    assert as_csv.exit_code == 1
    assert as_csv.stdout.splitlines()[1].startswith("甲局,全部满分,43.00,优,")
    yaml_data = (CASES / "forms-units.yaml").read_bytes()
    as_yaml = runner.invoke(app, ["score", "forms.rubric", "-", "--data-format", "yaml"], input=yaml_data)
    assert as_yaml.exit_code == 1 and as_yaml.stderr.startswith("error: record 2: inputs 申报额, ")


def test_examples_of_a_missing_rubric_exit_2_and_the_others_still_run(runner: CliRunner) -> None:
    result = runner.invoke(app, ["test", "nothing.rubric", "forms.rubric"])
    assert (result.exit_code, result.stderr) == (2, "error: nothing.rubric: no such file\n")
    assert result.stdout.splitlines()[-1] == "  1 example: 1 passed, 0 failed"


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("score", "Usage: rubric score [OPTIONS] RUBRIC DATA"),
        ("test", "Usage: rubric test [OPTIONS] RUBRIC..."),
        ("compile", "Usage: rubric compile [OPTIONS] RUBRIC"),
        ("schema", "Usage: rubric schema [OPTIONS] RUBRIC"),
    ],
)
def test_help_shows_names_not_python_types(runner: CliRunner, command: str, usage: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith(usage + "\n")
    assert "<" not in result.stdout and "{" not in result.stdout
    assert "-o, --output FILE" in result.stdout or command == "test"


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_csv_broken_part_way_keeps_the_rows_before_and_exits_2(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    header, first, *_ = UNITS_CSV.read_text(encoding="utf-8").splitlines()
    beyond_the_cell_limit = first.replace("全部满分", '"' + "x" * 200_000 + '"')
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join([header, first, beyond_the_cell_limit, first]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["score", "forms.rubric", str(broken), "-f", fmt])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}: line 3: cannot read the CSV past this line: ")
    if fmt == "json":
        assert [item["row"] for item in json.loads(result.stdout)] == [2]  # well-formed, up to the break
