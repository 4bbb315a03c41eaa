"""Shared test fixtures.

Golden files live under tests/golden/.  `pytest --update-golden` rewrites
them from the current output; review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


class Golden:
    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, relative: str, actual: str | bytes) -> None:
        """Compare `actual` with tests/golden/<relative>, or rewrite it."""
        path = GOLDEN / relative
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.exists(), f"missing golden file {relative}; run pytest --update-golden"
        expected = path.read_bytes()
        if isinstance(actual, str):
            assert actual == expected.decode("utf-8"), f"output differs from golden {relative}"
        else:
            assert data == expected, f"output differs from golden {relative}"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def runner() -> CliRunner:
    """Runs the `rubric` command in-process, capturing its output."""
    return CliRunner()
