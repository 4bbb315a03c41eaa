"""rubricdsl: a declarative language for performance-evaluation scoring rubrics.

    import rubricdsl
    rubric = rubricdsl.load("rubrics/dept-overall-2021.rubric")
    report = rubric.score({"不符合项数": 1, ...})
    report.total, report.grade, report.score_of("准确性"), report.explain()

The names below are imported on first use, so `import rubricdsl` (and the
`rubric` command) start quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Kept in step with pyproject.toml (a test compares them); `rubric --version`
# prefers the installed distribution's metadata and falls back to this.
__version__ = "0.1.0"

if TYPE_CHECKING:
    from rubricdsl.api import load, loads
    from rubricdsl.errors import InputError, RubricDslError, RubricError, SourceReadError
    from rubricdsl.runtime import LeafTrace, Rubric, ScoreReport, UnknownIndicatorError

__all__ = [
    "InputError",
    "LeafTrace",
    "Rubric",
    "RubricDslError",
    "RubricError",
    "ScoreReport",
    "SourceReadError",
    "UnknownIndicatorError",
    "__version__",
    "load",
    "loads",
]

_HOMES = {
    "load": "rubricdsl.api",
    "loads": "rubricdsl.api",
    "Rubric": "rubricdsl.runtime",
    "ScoreReport": "rubricdsl.runtime",
    "LeafTrace": "rubricdsl.runtime",
    "UnknownIndicatorError": "rubricdsl.runtime",
    "InputError": "rubricdsl.errors",
    "RubricError": "rubricdsl.errors",
    "RubricDslError": "rubricdsl.errors",
    "SourceReadError": "rubricdsl.errors",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'rubricdsl' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
