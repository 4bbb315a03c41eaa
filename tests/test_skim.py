"""Leaving example blocks out of the text that `load` parses."""

from __future__ import annotations

from pathlib import Path

import rubricdsl
from rubricdsl.skim import example_blocks, without_examples

TEXT = """total 1
example "a" { given { x: 1 } expect { total = 1 } }
甲 1 { criterion "example { not a block }" score: 1 }  # example {
example "b" from "a" {
  given { x: 2 }
}
"""


def test_blocks_are_found_at_top_level_only_outside_strings_and_comments() -> None:
    blocks = example_blocks(TEXT)
    assert [TEXT[s:e].split("{")[0].strip() for s, e in blocks] == ['example "a"', 'example "b" from "a"']
    assert all(TEXT[e - 1] == "}" for _, e in blocks)


def test_blanking_keeps_every_other_character_and_every_line_break() -> None:
    out = without_examples(TEXT)
    assert len(out) == len(TEXT)
    assert out.count("\n") == TEXT.count("\n")
    assert "given" not in out
    assert 'criterion "example { not a block }"' in out
    assert out.splitlines()[2] == TEXT.splitlines()[2]


def test_unbalanced_braces_leave_the_text_alone_for_the_parser_to_report() -> None:
    broken = 'example "a" { given { x: 1 }\n甲 1 { score: 1 }\n'
    assert example_blocks(broken) == []
    assert without_examples(broken) == broken


def test_load_skips_examples_unless_asked(repo_root: Path) -> None:
    path = repo_root / "rubrics" / "dept-overall-2021.rubric"
    assert rubricdsl.load(path).ir.examples == []
    with_examples = rubricdsl.load(path, examples=True)
    assert len(with_examples.ir.examples) >= 4
    assert with_examples.ir.indicators == rubricdsl.load(path).ir.indicators
