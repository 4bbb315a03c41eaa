"""Nesting limits: a located error instead of a crash in a recursive pass."""

from __future__ import annotations

import pytest

import rubricdsl
from rubricdsl.nesting import MAX_EXPRESSION_DEPTH, MAX_INDICATOR_DEPTH
from rubricdsl.parser import parse
from rubricdsl.source import Source

HEADER = 'rubric "t"\ntotal 1\nlevels {levels}\ninputs {{ x count }}\n'


def _formula(depth: int) -> str:
    expr = "x"
    for _ in range(depth - 1):
        expr = f"({expr} + 1)"
    return HEADER.format(levels="a") + f"甲 1 {{ score: {expr}, cap 1 }}\n"


def _tree(depth: int) -> str:
    body = "score: 1"
    for level in range(depth, 0, -1):
        body = f"g{level} 1 {{ {body} }}"
    return HEADER.format(levels=", ".join(f"l{i}" for i in range(depth))) + body + "\n"


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        (_formula(MAX_EXPRESSION_DEPTH // 2), True),  # parentheses count as levels too
        (_formula(MAX_EXPRESSION_DEPTH * 4), False),
        (_tree(MAX_INDICATOR_DEPTH), True),
        (_tree(MAX_INDICATOR_DEPTH + 1), False),
    ],
)
def test_limits(text: str, ok: bool) -> None:
    result = parse(Source("t.rubric", text))
    codes = [d.code for d in result.diagnostics]
    assert (result.file is not None, codes) == ((True, []) if ok else (False, ["E090"]))


def test_a_very_deep_file_is_a_rubric_error_not_a_recursion_error() -> None:
    with pytest.raises(rubricdsl.RubricError) as caught:
        rubricdsl.loads(_formula(2000))
    assert caught.value.diagnostics[0].code == "E090"


def test_the_deepest_allowed_tree_scores() -> None:
    assert rubricdsl.loads(_tree(MAX_INDICATOR_DEPTH)).score({"x": 0}).total == 1


def test_a_tree_too_deep_to_recurse_reports_each_builder_error_once() -> None:
    text = _formula(2000) + "let y < 3\n"  # E004: `let` takes `=`
    codes = sorted(d.code for d in parse(Source("t.rubric", text)).diagnostics)
    assert codes == ["E004", "E090"]
