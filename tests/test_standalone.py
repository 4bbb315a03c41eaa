"""`rubric compile --to python` output, run where rubricdsl is not installed,
scores every record exactly as the library does (and refuses the same ones)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import venv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import rubricdsl
from rubricdsl.errors import InputError
from rubricdsl.records import read_records

TESTS = Path(__file__).resolve().parent
SEED = TESTS.parent / "rubrics" / "dept-overall-2021.rubric"
FORMS = TESTS / "cases" / "scoring" / "forms.rubric"

# Runs inside the bare environment: one JSON record per line in, one result per line out.
CHILD = """
import json, sys
from decimal import Decimal
sys.path.insert(0, sys.argv[1])
try:
    import rubricdsl
except ImportError:
    pass
else:
    sys.exit("rubricdsl must not be importable here")
scorer = __import__(sys.argv[2])
for line in sys.stdin:
    record = json.loads(line, parse_float=Decimal)
    try:
        print(json.dumps(scorer.score(record), ensure_ascii=False))
    except ValueError as error:
        print(json.dumps({"error": str(error)}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a fresh virtual environment with nothing installed."""
    where = tmp_path_factory.mktemp("bare")
    venv.EnvBuilder(with_pip=False).create(where / "env")
    return where / "env" / ("Scripts" if os.name == "nt" else "bin") / "python"


def as_json(record: dict[str, Any]) -> str:
    """JSON with each Decimal written as the number it is (read back with parse_float=Decimal)."""
    items = (f"{json.dumps(k)}: {v if isinstance(v, Decimal) else json.dumps(v)}" for k, v in record.items())
    return "{" + ", ".join(items) + "}"


def run_standalone(
    python: Path, rubric: rubricdsl.Rubric, records: list[dict[str, Any]], folder: Path
) -> list[Any]:
    (folder / "compiled_scorer.py").write_text(rubric.to_python(), encoding="utf-8")
    lines = "".join(as_json(r) + "\n" for r in records)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run(
        [str(python), "-I", "-c", CHILD, str(folder), "compiled_scorer"],
        input=lines, capture_output=True, text=True, encoding="utf-8", env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def in_process(rubric: rubricdsl.Rubric, records: list[dict[str, Any]]) -> list[Any]:
    results: list[Any] = []
    for record in (json.loads(as_json(r), parse_float=Decimal) for r in records):
        try:
            results.append(rubric.score(record).to_dict())
        except InputError as error:
            results.append({"error": str(error)})
    return results


def seed_records() -> list[dict[str, Any]]:
    """The seed's worked examples, each also nudged at random, and a few broken ones."""
    rubric = rubricdsl.load(SEED, examples=True)
    rng = random.Random(2021)
    kinds = {spec.name: spec.type for spec in rubric.ir.inputs}
    records = []
    for example in rubric.ir.examples:
        record: dict[str, Any] = {
            name: (value.number if value.number is not None else value.word)
            for name, value in example.given.items()
        }
        records.append(record)
        nudged = dict(record)
        for name in rng.sample(sorted(record), 5):
            if isinstance(record[name], Decimal):
                step = Decimal(1) if kinds[name] in ("count", "judged") else Decimal("0.01")
                nudged[name] = record[name] + rng.randint(0, 300) * step
        records.append(nudged)
    base = records[0]
    records += [
        {**base, "满意度": "101%"},
        {**base, "目标总项数": 0},
        {**base, "预算数": 0},
        {**base, "额外": 1},
        {**base, "满意度": "８５．５％", "预算调整数": "−75.6"},  # read alike: full-width, the − sign
        {**base, "预算数": "1,890.00"},  # refused alike, with the same hint
        {k: v for k, v in base.items() if k not in ("预算数", "满意度", "年初预算")},
    ]
    return records


def test_seed_rubric_scores_identically(bare_python: Path, tmp_path: Path) -> None:
    rubric = rubricdsl.load(SEED)
    records = seed_records()
    standalone = run_standalone(bare_python, rubric, records, tmp_path)
    assert standalone == in_process(rubric, records)
    assert 6 <= sum("error" in r for r in standalone) < len(records) / 2  # broken ones are refused alike
    assert standalone[-1] == {"error": "inputs 预算数, 年初预算, 满意度: no value given"}
    assert "total" in standalone[-3]
    assert len(standalone) == len(records)


def test_forms_rubric_scores_csv_rows_identically(bare_python: Path, tmp_path: Path) -> None:
    rubric = rubricdsl.load(FORMS)
    names = set(rubric.input_names)
    rows = read_records(str(TESTS / "cases" / "scoring" / "forms-units.csv"))
    records = [{k: v for k, v in row.values.items() if k in names} for row in rows]
    standalone = run_standalone(bare_python, rubric, records, tmp_path)
    assert standalone == in_process(rubric, records)
    assert standalone[0] == {
        "total": "43.00",
        "grade": "优",
        "scores": rubric.score(records[0]).to_dict()["scores"],
    }
    assert sys.executable != str(bare_python)
