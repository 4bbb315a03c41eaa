"""A loaded, compiled rubric: score one record or many, describe its inputs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from rubricdsl import compiler, ir
from rubricdsl.diagnostics import Diagnostic
from rubricdsl.errors import InputError
from rubricdsl.runtime.report import Layout, ScoreReport
from rubricdsl.runtime.schema import input_schema


class Rubric:
    """A checked rubric with its compiled scorer.  Make one with `rubricdsl.load`."""

    def __init__(self, rubric: ir.RubricIR, warnings: Sequence[Diagnostic] = ()) -> None:
        self.ir = rubric
        self.warnings = list(warnings)  # the checker's warnings, for callers who care
        self._layout = Layout(rubric, compiler.load(rubric))
        self._run = self._layout.scorer.run

    def __repr__(self) -> str:
        return f"Rubric({self.ir.title!r}, version={self.ir.version!r})"

    @property
    def title(self) -> str:
        return self.ir.title

    @property
    def input_names(self) -> list[str]:
        return list(self._layout.input_names)

    @property
    def indicator_keys(self) -> list[str]:
        """Every indicator's key in `to_dict()["scores"]`, parents first: its name, or its path."""
        return list(self._layout.keys)

    def score(self, record: Mapping[str, object]) -> ScoreReport:
        """Score one record (input name → value).  A bad record raises `InputError`."""
        values, leaves, total, grade = self._run(record)
        return ScoreReport(self._layout, values, leaves, total, grade)

    def score_many(self, records: Iterable[Mapping[str, object]]) -> Iterator[ScoreReport | InputError]:
        """Score records one by one, lazily and in order.

        Each item is the record's `ScoreReport`, or the `InputError` that
        record raised: one bad record never stops the others.  Use
        `enumerate` to know which record an error belongs to.
        """
        run, layout = self._run, self._layout
        for record in records:
            try:
                values, leaves, total, grade = run(record)
            except InputError as error:
                yield error
                continue
            yield ScoreReport(layout, values, leaves, total, grade)

    def input_schema(self) -> dict[str, Any]:
        """The inputs as a JSON Schema (draft 2020-12), with types, bounds and descriptions."""
        return input_schema(self.ir)

    def to_python(self) -> str:
        """The source of a standalone scorer module (what `rubric compile --to python` writes)."""
        return self._layout.scorer.source
