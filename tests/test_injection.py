"""Rubric text that looks like code stays text: names and strings full of quotes,
backslashes, newlines and calls compile to working, harmless scorers and come
back intact in every output."""

from __future__ import annotations

import ast
import io
import json
import os
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

import rubricdsl
from rubricdsl.errors import InputError

TRAP = "__import__('os').system('touch PWNED')"
INPUT = "x'); " + TRAP + "; ('"
YES = 'a"""b\\'
GROUP = 'g"""\n' + TRAP
LEAF = "l'''\\\n#"
ITEM = "item \"\"\" ''' \\ \n " + TRAP
TOP, BOTTOM = 'good"""', "bad'''\n"
TITLE = 'T"""' + TRAP + "'''\\\n"
VERSION = "1'; import os #"


def quoted(name: str) -> str:
    """A name in backticks, escaped as the language wants."""
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`").replace("\n", "\\n") + "`"


def text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


SOURCE = f"""
rubric {text(TITLE)} version {text(VERSION)}
total 10
levels 一级, 二级
rounding 0.01 half-up
grades {{ {quoted(TOP)} ≥ 9; {quoted(BOTTOM)} otherwise }}
inputs {{
  {quoted(INPUT)} count {text(ITEM)}
  {quoted(YES)} yes/no
}}
{quoted(GROUP)} 10 {{
  {quoted(LEAF)} 6 {{
    criterion {text(ITEM)}
    score: 6 − 1 per {quoted(INPUT)}, floor 0
  }}
  {quoted(ITEM)} 4 {{ score: checklist {{ {quoted(YES)} → 4 {text(ITEM)} }} }}
}}
"""


@pytest.fixture(scope="module")
def rubric() -> rubricdsl.Rubric:
    return rubricdsl.loads(SOURCE, name="trap.rubric")


def test_the_names_parse_as_written(rubric: rubricdsl.Rubric) -> None:
    assert rubric.input_names == [INPUT, YES]
    assert [node.name for node in rubric.ir.walk()] == [GROUP, LEAF, ITEM]


def test_scoring_brings_the_names_back_intact(
    rubric: rubricdsl.Rubric, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    report = rubric.score({INPUT: 1, YES: "是"})
    assert report.to_dict() == {
        "total": "9.00", "grade": TOP, "scores": {GROUP: "9.00", LEAF: "5.00", ITEM: "4.00"},
    }  # fmt: skip
    assert report.score_of(f"{GROUP}/{LEAF}") == 5
    assert ITEM in report.explain()
    assert not (tmp_path / "PWNED").exists()


def test_errors_quote_the_names_intact(rubric: rubricdsl.Rubric) -> None:
    with pytest.raises(InputError) as caught:
        rubric.score({INPUT: -1, YES: True})
    assert caught.value.input_name == INPUT
    assert str(caught.value).startswith(f"input {INPUT}: -1 is out of range")
    with pytest.raises(InputError) as unknown:
        rubric.score({INPUT: 1, YES: True, TRAP: 1})
    assert unknown.value.input_name == TRAP


def test_rubric_text_never_reaches_code_positions(rubric: rubricdsl.Rubric) -> None:
    source = rubric.to_python()
    marker = "# ---------------------------------------------------------------- this rubric"
    tokens = list(tokenize.generate_tokens(io.StringIO(source[source.index(marker) :]).readline))
    names = {t.string for t in tokens if t.type == tokenize.NAME}
    assert "__import__" not in names and "os" not in names and "system" not in names
    strings = [ast.literal_eval(t.string) for t in tokens if t.type == tokenize.STRING]
    assert all(isinstance(s, str) for s in strings)
    assert any(TRAP in s for s in strings)  # the text is there, as data
    compile(source, "scorer.py", "exec")


def test_the_standalone_module_is_harmless_too(rubric: rubricdsl.Rubric, tmp_path: Path) -> None:
    (tmp_path / "trap_scorer.py").write_text(rubric.to_python(), encoding="utf-8")
    code = (
        "import json, trap_scorer\n"
        f"print(json.dumps(trap_scorer.score({{{INPUT!r}: 1, {YES!r}: 'yes'}}), ensure_ascii=False))\n"
        "print(json.dumps(trap_scorer.RUBRIC, ensure_ascii=False))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-I", "-c", "import sys; sys.path.insert(0, '.');\n" + code],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", env=env, check=True,
    )  # fmt: skip
    report, meta = done.stdout.splitlines()
    assert json.loads(report) == rubric.score({INPUT: 1, YES: "yes"}).to_dict()
    assert json.loads(meta) == {"title": TITLE, "version": VERSION, "source": "trap.rubric", "total": "10"}
    assert not (tmp_path / "PWNED").exists()
