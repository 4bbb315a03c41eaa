"""`rubric check` and `rubric explain`: twice as a real process (exit codes,
stdout against stderr), the rest in-process through the same functions."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rubricdsl.cli import app
from rubricdsl.cli.check import Tally, explain, run, summary

CASES = Path(__file__).resolve().parent / "cases" / "diagnostics"
WEIGHTS = CASES / "E301-weights-do-not-sum.rubric"
WARNING_ONLY = CASES / "W501-full-marks-unreachable.rubric"


def rubric_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rubricdsl", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_process_clean_rubric_prints_only_the_summary(repo_root: Path) -> None:
    done = rubric_cli("check", "rubrics/dept-overall-2021.rubric", cwd=repo_root)
    assert (done.returncode, done.stdout, done.stderr) == (0, "checked 1 rubric: no problems\n", "")


def test_process_bad_and_missing_files_in_json(repo_root: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.rubric"
    done = rubric_cli("check", "--format", "json", str(WEIGHTS), str(missing), cwd=repo_root)
    assert done.returncode == 2  # a file could not be read; the other was still checked
    assert done.stderr == f"error: {missing}: no such file\n"
    [record] = json.loads(done.stdout)
    assert (record["code"], record["line"], record["col"], record["severity"]) == ("E301", 15, 8, "error")
    assert record["notes"] == ["职责相关性 3 + 细化程度 5 = 8"]


def test_text_report_ends_with_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(WEIGHTS), str(WARNING_ONLY)]) == 1
    out = capsys.readouterr().out
    assert out.count("error[E301]") == 1 and out.count("warning[W501]") == 1
    assert out.endswith("\n\nchecked 2 rubrics: 1 error, 1 warning\n")
    assert "\x1b[" not in out  # no colour when not on a terminal


def test_warnings_fail_only_when_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(WARNING_ONLY)]) == 0
    assert run(["--strict", str(WARNING_ONLY)]) == 1
    capsys.readouterr()


def test_github_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--format", "github", str(WEIGHTS)]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"::error file={WEIGHTS},line=15,col=8,")
    assert "title=E301::the children of `预算编制` add up to 8" in line


def test_a_directory_is_searched_for_rubrics(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "x.rubric").write_text(WEIGHTS.read_text(encoding="utf-8"), encoding="utf-8")
    (nested / "notes.txt").write_text("not a rubric", encoding="utf-8")
    assert run([str(tmp_path)]) == 1
    assert capsys.readouterr().out.endswith("checked 1 rubric: 1 error\n")


def test_an_empty_directory_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run([str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "no *.rubric files" in captured.err
    assert captured.out == "checked 0 rubrics; 1 directory held no *.rubric files\n"


def test_a_missing_file_is_never_summed_up_as_no_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.rubric"
    assert run([str(missing)]) == 2
    assert capsys.readouterr().out == "checked 0 rubrics; 1 file could not be read\n"
    assert run(["-f", "text", str(WARNING_ONLY), str(missing)]) == 2
    assert capsys.readouterr().out.endswith("\n\nchecked 1 rubric: 1 warning; 1 file could not be read\n")


def test_a_file_that_is_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "gbk.rubric"
    bad.write_bytes("rubric \"测试\"".encode("gbk"))
    assert run([str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(["--format", "xml", str(WEIGHTS)])
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_summary_wording() -> None:
    assert summary([], Tally(checked=1)) == "checked 1 rubric: no problems"
    assert summary([], Tally()) == "checked 0 rubrics: no problems"
    assert summary([], Tally(checked=2, unreadable=2)) == "checked 2 rubrics; 2 files could not be read"
    assert summary([], Tally(empty_dirs=2)) == "checked 0 rubrics; 2 directories held no *.rubric files"


def test_help_names_arguments_by_metavar() -> None:
    result = CliRunner().invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    assert "check [OPTIONS] FILE…\n" in result.stdout
    assert "-f, --format FORMAT" in result.stdout
    for leaked in ("list[Path]", "{paths}", "<str>"):
        assert leaked not in result.stdout


def test_format_has_a_short_form() -> None:
    result = CliRunner().invoke(app, ["check", "-f", "json", str(WEIGHTS)])
    assert result.exit_code == 1
    assert [record["code"] for record in json.loads(result.stdout)] == ["E301"]


def test_version_comes_from_the_installed_distribution() -> None:
    import rubricdsl

    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"rubric {version('rubricdsl')}\n")
    assert rubricdsl.__version__ == version("rubricdsl")  # the fallback kept in step with pyproject.toml


def test_explain_prints_the_registry_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert explain("e301") == 0
    out = capsys.readouterr().out
    assert out.startswith("E301 (error): children's weights do not add up\n\n")
    assert explain("501") == 0
    assert capsys.readouterr().out.startswith("E501 (error):")


def test_explain_an_unknown_code_suggests_a_close_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert explain("E3O1") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "error: unknown diagnostic code `E3O1`; did you mean `E301`?\n"
