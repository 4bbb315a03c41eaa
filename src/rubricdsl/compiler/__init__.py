"""The compiler: checked IR → the Python source of an exact `Decimal` scorer.

`to_python` gives the standalone module `rubric compile --to python` writes;
`load` executes that very source (our generated code only, never rubric
text) and hands back its entry points, so the library and a compiled scorer
always agree.  The traced copy of each leaf, needed only for explanations,
is compiled the first time one is asked for.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

from rubricdsl import ir
from rubricdsl.compiler.module import ModuleWriter
from rubricdsl.errors import InputError

__all__ = ["Scorer", "load", "to_json", "to_python"]

RunResult = tuple[tuple[Any, ...], tuple[Decimal, ...], Decimal, str | None]


def to_python(rubric: ir.RubricIR) -> str:
    """The source of a standalone scorer module for a checked rubric."""
    return ModuleWriter(rubric).source()


def to_json(rubric: ir.RubricIR) -> str:
    """The IR as JSON (`RubricIR.model_validate_json` reads it back)."""
    return rubric.model_dump_json(indent=2) + "\n"


class Scorer:
    """The entry points of a compiled scorer."""

    def __init__(self, rubric: ir.RubricIR) -> None:
        self._writer = ModuleWriter(rubric)
        self.nodes = self._writer.nodes  # every indicator, parents first (`RubricIR.walk`)
        self.leaves = self._writer.leaves
        self.keys = self._writer.keys  # each indicator's output key, in the same order
        self._namespace: dict[str, Any] = {"__name__": "rubricdsl_scorer"}
        _execute(self._writer.source(with_explain=False), self._namespace)
        self._namespace["_ERROR"] = InputError
        self.run = self._namespace["_run"]  # record → (inputs, rounded leaves, total, grade)
        self.scores = self._namespace["_scores"]  # rounded leaves → every indicator, parents first
        self._lock = threading.Lock()

    def explain(self, values: tuple[Any, ...]) -> tuple[dict[str, Any], ...]:
        """What applied in each leaf, for the inputs `run` returned."""
        if "_explain" not in self._namespace:
            with self._lock:
                if "_explain" not in self._namespace:
                    _execute(self._writer.explain_source(), self._namespace)
        result: tuple[dict[str, Any], ...] = self._namespace["_explain"](values)
        return result

    @property
    def source(self) -> str:
        """The standalone module's source (what `rubric compile --to python` writes)."""
        return to_python(self._writer.rubric)


def load(rubric: ir.RubricIR) -> Scorer:
    """Compile a checked rubric and execute the generated module."""
    return Scorer(rubric)


def _execute(source: str, namespace: dict[str, Any]) -> None:
    code = compile(source, "<rubricdsl scorer>", "exec")
    exec(code, namespace)  # generated from the checked IR only; rubric text sits in literals
