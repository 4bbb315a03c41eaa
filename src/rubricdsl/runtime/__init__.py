"""Scoring records with a compiled rubric: `Rubric`, `ScoreReport`, `LeafTrace`."""

from rubricdsl.runtime.names import UnknownIndicatorError
from rubricdsl.runtime.report import LeafTrace, ScoreReport
from rubricdsl.runtime.rubric import Rubric

__all__ = ["LeafTrace", "Rubric", "ScoreReport", "UnknownIndicatorError"]
