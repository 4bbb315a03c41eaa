"""Skimming rubric text without parsing it: the top-level `example` blocks.

Worked examples are tests: `rubric check` checks them and `rubric test`
runs them, but scoring never needs them, and in a real rubric they are most
of the text (two thirds of the seed rubric's tokens).  `rubricdsl.load`
therefore parses the text with each example block blanked out; blanking
keeps every line break, so every other line and column stays where it was.
"""

from __future__ import annotations

import re

# Strings, quoted names and comments are skipped whole, so braces and words in
# them count for nothing.
_SCAN = re.compile(
    r'"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)+`|(?:#|//)[^\n]*|[{}]|(?<![\w“”])example(?![\w])', re.S
)


def example_blocks(text: str) -> list[tuple[int, int]]:
    """The spans of the top-level `example … { … }` blocks; none if braces do not balance."""
    blocks: list[tuple[int, int]] = []
    if "example" not in text:  # nothing to find: no need to count braces
        return blocks
    depth, start = 0, -1
    for match in _SCAN.finditer(text):
        token = match.group()
        if token == "example" and depth == 0:
            start = match.start()
        elif token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return []
            if depth == 0 and start >= 0:
                blocks.append((start, match.end()))
                start = -1
    return blocks if depth == 0 else []


def without_examples(text: str) -> str:
    """The text with each top-level example block replaced by blanks."""
    parts, last = [], 0
    for start, end in example_blocks(text):
        parts.append(text[last:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)
