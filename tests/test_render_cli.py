"""`rubric render` and `rubric report` on the command line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
from typer.testing import CliRunner

from render_support import FOUR_LEVEL, GOLDEN_RENDER, SEED, load_ir
from rubricdsl.cli import app

QUWO = "曲沃县综合检验检测中心2021年度"


def quwo_record() -> dict[str, str]:
    example = next(e for e in load_ir(SEED).examples if e.name == QUWO)
    return {k: str(v.number) if v.number is not None else str(v.word) for k, v in example.given.items()}


def test_render_prints_the_table_as_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rubricdsl", "render", str(SEED), "--to", "md"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8") == (GOLDEN_RENDER / "seed.md").read_text(encoding="utf-8")


def test_binary_formats_need_an_output_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["render", str(SEED), "--to", "xlsx"])
    assert result.exit_code == 2
    assert "give the file to write with -o FILE" in result.stderr


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["render", str(SEED), "--to", "pdf"])
    assert result.exit_code == 2
    assert "expected one of: md, html, csv, xlsx, docx" in result.stderr


def test_missing_rubric_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(tmp_path / "none.rubric"), "--to", "md"])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_broken_rubric_prints_its_diagnostics(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.rubric"
    broken.write_text('rubric "t"\ntotal 10\nlevels 指标\n甲 4 { score: 4 }\n', encoding="utf-8")
    result = runner.invoke(app, ["render", str(broken), "--to", "html"])
    assert result.exit_code == 1
    assert "error[" in result.stderr and result.stdout == ""


def test_writes_binary_files(runner: CliRunner, tmp_path: Path) -> None:
    for fmt in ("xlsx", "docx"):
        out = tmp_path / f"table.{fmt}"
        result = runner.invoke(app, ["render", str(FOUR_LEVEL), "--to", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.stderr
    assert (
        openpyxl.load_workbook(tmp_path / "table.xlsx").active["A1"].value
        == "项目支出绩效评价指标体系（四级）"
    )
    assert len(docx.Document(str(tmp_path / "table.docx")).tables) == 1


def test_compare_criteria_adds_the_generated_column(runner: CliRunner) -> None:
    result = runner.invoke(app, ["render", str(FOUR_LEVEL), "--to", "csv", "--compare-criteria"])
    assert result.exit_code == 0, result.stderr
    header = next(csv.reader(result.stdout.splitlines()))
    assert header[-3:] == ["评价标准", "生成的评价标准", "指标说明"]


def test_scores_from_json_print_one_report(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "quwo.json"
    data.write_text(json.dumps({"单位名称": "曲沃县综合检验检测中心", **quwo_record()}), encoding="utf-8")
    result = runner.invoke(app, ["render", str(SEED), "--to", "md", "--scores", str(data)])
    assert result.exit_code == 0, result.stderr
    assert "## 评价对象：曲沃县综合检验检测中心" in result.stdout
    assert (
        "投入方面得分为13分；过程方面得分为55分；产出及效率方面得分为25分；综合得分为93分，评价结论为优。"
        in result.stdout
    )


def write_units_csv(path: Path, bad_row: bool) -> None:
    record = quwo_record()
    rows = [{"单位名称": "甲局", **record}, {"单位名称": "乙局", **record, "满意度": "95%"}]
    if bad_row:
        rows.append({"单位名称": "丙局", **record, "预算数": "很多"})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_many_units_need_a_directory_for_text_formats(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "units.csv"
    write_units_csv(data, bad_row=False)
    result = runner.invoke(app, ["render", str(SEED), "--to", "html", "--scores", str(data)])
    assert result.exit_code == 2
    assert "-o DIR" in result.stderr
    result = runner.invoke(
        app, ["render", str(SEED), "--to", "docx", "--scores", str(data), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.stderr
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"甲局.docx", "乙局.docx"}


def test_a_bad_record_is_reported_and_the_others_rendered(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "units.csv"
    write_units_csv(data, bad_row=True)
    out = tmp_path / "scores.xlsx"
    result = runner.invoke(app, ["render", str(SEED), "--to", "xlsx", "--scores", str(data), "-o", str(out)])
    assert result.exit_code == 1
    assert "row 4" in result.stderr and "预算数" in result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["甲局", "乙局", "未能评分的单位"]
    listed = [row for row in book["未能评分的单位"].iter_rows(values_only=True) if row[0] == "第4行"]
    assert [row[1] for row in listed] == ["丙局"] and "预算数" in listed[0][2]


def test_report_lists_the_units_that_could_not_be_scored(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "units.csv"
    write_units_csv(data, bad_row=True)
    result = runner.invoke(app, ["report", str(SEED), str(data), "--to", "html"])
    assert result.exit_code == 1
    assert "row 4" in result.stderr
    assert "<b>3</b>参评单位" in result.stdout and "<b>1</b>未能评分" in result.stdout
    assert "<td>第4行</td><td>丙局</td><td>input 预算数:" in result.stdout
    out = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["report", str(SEED), str(data), "--to", "xlsx", "-o", str(out)])
    assert result.exit_code == 1
    assert openpyxl.load_workbook(out)["未能评分的单位"]["B2"].value == "丙局"


def test_a_single_scored_unit_notes_the_others_on_stdout(runner: CliRunner, tmp_path: Path) -> None:
    record = quwo_record()
    data = tmp_path / "units.json"
    units = [{"单位名称": "甲局", **record}, {"单位名称": "乙局", **record, "满意度": "很好"}]
    data.write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["render", str(SEED), "--to", "md", "--scores", str(data)])
    assert result.exit_code == 1
    assert "## 评价对象：甲局" in result.stdout
    assert "另有1个单位未能评分，未列入本报告。" in result.stdout
    assert "第2条记录　乙局：input 满意度" in result.stdout


def test_report_writes_the_batch_page(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "units.csv"
    write_units_csv(data, bad_row=False)
    result = runner.invoke(app, ["report", str(SEED), str(data), "--to", "html"])
    assert result.exit_code == 0, result.stderr
    assert "批量评价报告" in result.stdout and "<svg" in result.stdout
    assert runner.invoke(app, ["report", str(SEED), str(data), "--to", "xlsx"]).exit_code == 2


def test_scores_and_compare_criteria_do_not_mix(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["render", str(SEED), "--to", "md", "--scores", str(tmp_path / "x.json"), "--compare-criteria"]
    )
    assert result.exit_code == 2
