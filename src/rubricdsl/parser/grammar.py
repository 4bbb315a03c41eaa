"""The grammar and the one LALR parser built from it."""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

from lark import Lark


def _grammar_text() -> str:
    """The grammar shipped in the wheel, or the repository's copy in a checkout."""
    packaged = importlib.resources.files("rubricdsl").joinpath("grammar/rubric.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[3] / "grammar" / "rubric.lark"
    return checkout.read_text(encoding="utf-8")


@functools.cache
def lark_parser() -> Lark:
    """Built once per process (and cached on disk by Lark)."""
    return Lark(
        _grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        cache=True,
    )
