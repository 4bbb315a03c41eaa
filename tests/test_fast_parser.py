"""The fast parser builds exactly what Lark's parser and the tree walk build.

`parse` builds a valid rubric while parsing it (`parser.fast`) and falls back
to Lark at the first syntax error.  Both ways must agree on every text: the
same AST with the same spans, the same builder diagnostics, the same nesting
check — and the fast way must give up on exactly the texts Lark cannot parse.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from rubricdsl import parser as parser_module
from rubricdsl.builder import build, build_while_parsing
from rubricdsl.diagnostics import Diagnostic
from rubricdsl.nesting import MAX_EXPRESSION_DEPTH, MAX_INDICATOR_DEPTH
from rubricdsl.nodes import RubricFile
from rubricdsl.parser import fast, lark_parser, parse
from rubricdsl.parser.fast import NotFast, fast_parser
from rubricdsl.source import Source
from test_fuzz import BUILT_IN, mutants
from test_nesting import _formula, _tree

ROOT = Path(__file__).resolve().parents[1]

Built = tuple[RubricFile, list[Diagnostic]] | None


def _both_ways(text: str) -> tuple[Built, Built]:
    """(the fast way, the Lark way); None where that way finds a syntax error."""
    source = Source("t.rubric", text)
    fast_parser_ = fast_parser()
    assert fast_parser_ is not None, "the fast parser should work with the Lark the project installs"
    try:
        fast: Built = build_while_parsing(fast_parser_, source)
    except NotFast:
        fast = None
    tree, recovery = parser_module._parse_tree(source)
    slow = None if tree is None or recovery.diagnostics else build(tree, source)
    return fast, slow


def _repository_rubrics() -> list[Path]:
    return sorted(p for p in ROOT.glob("**/*.rubric") if ".venv" not in p.parts)


@pytest.mark.parametrize("path", _repository_rubrics(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_rubric_in_the_repository_builds_the_same(path: Path) -> None:
    fast, slow = _both_ways(path.read_text(encoding="utf-8"))
    assert fast == slow


TRICKY = {
    "empty": "",
    "only comments": "# 说明\n// 注释\n",
    "comment at the very end": 'rubric "甲" total 10 # 结尾的注释',
    "blanks at the end": 'rubric "甲"\ntotal 10\n\n\u3000 \t\n',
    "comment holding tokens": 'rubric "甲" # total 10 { } → ≤\ntotal 10',
    "keywords as quoted names": (
        "inputs { `score` count; `each` count }\n`by` 5 { score: `score` + `each`, cap 5 }"
    ),
    "full-width punctuation": "levels 一级、二级\n甲 5 { score by 乙：≥ 1 → 5；otherwise → 0 }",
    "a type word as a name": "inputs { `amount` amount 万元 }",
    "steps and policies": "甲 5 { score by x: ≤ 5% → 5; each started +0.1pp → −0.1, floor 0 }",
    "deep expressions": _formula(MAX_EXPRESSION_DEPTH // 2),
    "deep indicators": _tree(MAX_INDICATOR_DEPTH),
    "too deep expressions": _formula(MAX_EXPRESSION_DEPTH + 1),
    "too deep indicators": _tree(MAX_INDICATOR_DEPTH + 1),
    "a long left-nested sum": "甲 5 { score: " + " + ".join(["1"] * 80) + " }",
    "a syntax error": 'rubric "甲" total { 10',
    "a stray character": 'rubric "甲" total 10 @',
    "a text left open": 'rubric "甲\ntotal 10',
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_tricky_texts_build_the_same(text: str) -> None:
    fast, slow = _both_ways(text)
    assert fast == slow


def test_a_tree_too_deep_to_recurse_gives_the_same_diagnostics() -> None:
    fast, slow = _both_ways(_formula(2000) + "let y < 3\n")  # too deep to compare recursively
    assert fast is not None and slow is not None
    assert [d.code for d in fast[1]] == [d.code for d in slow[1]] == ["E004", "E090"]
    assert fast[1] == slow[1]


def test_the_tricky_texts_take_both_ways() -> None:
    """The table above must exercise the fast way and the fallback alike."""
    results = [_both_ways(text)[0] for text in TRICKY.values()]
    assert any(r is None for r in results) and any(r is not None for r in results)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutants())
def test_mutated_rubrics_build_the_same(text: str) -> None:
    fast, slow = _both_ways(text)
    assert fast == slow


def test_parse_falls_back_to_lark_at_a_syntax_error() -> None:
    result = parse(Source("t.rubric", 'rubric "甲" total { 10'))
    assert result.file is None
    assert [d.one_line() for d in result.diagnostics] == ["t.rubric:1:18: error[E002]: unexpected `{`"]


def test_parse_works_without_the_fast_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a Lark whose internals the fast parser does not know, Lark parses alone."""
    expected = parse(Source("t.rubric", BUILT_IN))
    monkeypatch.setattr("rubricdsl.parser.fast.fast_parser", lambda: None)
    assert parse(Source("t.rubric", BUILT_IN)) == expected


def test_a_lexer_state_it_cannot_make_hands_every_text_to_lark(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Lark whose lexer internals differ: the text is parsed by Lark, and so is every later one."""
    expected = parse(Source("t.rubric", BUILT_IN))

    def unknown_internals(*_args: object) -> None:
        raise AttributeError("scanner")

    monkeypatch.setattr(fast, "_state_lexer", unknown_internals)
    broken = fast.FastParser(lark_parser())
    monkeypatch.setattr(fast, "fast_parser", lambda: broken)
    assert parse(Source("t.rubric", BUILT_IN)) == expected
    assert not broken.usable
    with pytest.raises(NotFast):
        build_while_parsing(broken, Source("t.rubric", BUILT_IN))
