"""The built wheel carries the grammar and works outside the source tree."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PARSE_SNIPPET = """
import sys, rubricdsl.parser as p
from rubricdsl.source import Source
assert 'site-packages' in p.__file__, p.__file__
text = open(sys.argv[1], encoding='utf-8').read()
result = p.parse(Source(sys.argv[1], text))
assert result.file is not None, result.diagnostics
print(len(result.file.indicators), result.file.title.value)
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=repo_root, check=True, capture_output=True,
    )  # fmt: skip
    return next(out.glob("rubricdsl-*.whl"))


def test_wheel_ships_grammar_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "rubricdsl/grammar/rubric.lark" in names
    assert "rubricdsl/py.typed" in names
    assert "rubricdsl/render/templates/table.html" in names


def test_wheel_parses_a_rubric_in_a_fresh_environment(
    wheel: Path, tmp_path: Path, repo_root: Path
) -> None:
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    )  # fmt: skip
    # Installing a pure-Python wheel is unpacking it; the dependencies come from
    # this environment (a path line in a .pth does not run that folder's .pth
    # files, so the development install of rubricdsl stays invisible).
    zipfile.ZipFile(wheel).extractall(site)
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    rubric = repo_root / "tests" / "cases" / "packaging" / "minimal.rubric"
    run = subprocess.run(
        [str(python), "-c", PARSE_SNIPPET, str(rubric)],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1", "最小评分表"]
