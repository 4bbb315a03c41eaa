"""Text → AST, with syntax errors turned into diagnostics.

The LALR parser is built once per process (`grammar`).  A rubric without
syntax errors is built while `fast` drives Lark's tables; at the first
syntax error Lark parses the text into a tree, and its error recovery
finds every mistake.  Users never see
Lark's terminal names: `words` says what was expected in words, `mistakes`
names common slips (a weight or a `{` left out, `,` between bands, a clamp
without its comma), `recovery` and `repair` get past each error so that one
run reports every separate mistake, `braces` reads the block structure
without the grammar, and `texts` spots a text whose closing `"` is missing,
which would otherwise surface as a puzzling error much further on.
"""

from __future__ import annotations

from dataclasses import dataclass

from lark import Token, Tree, UnexpectedInput

from rubricdsl.diagnostics import Diagnostic
from rubricdsl.nodes import RubricFile
from rubricdsl.parser.grammar import lark_parser
from rubricdsl.parser.recovery import MAX_SYNTAX_ERRORS, Recovery
from rubricdsl.parser.texts import find_run_on
from rubricdsl.source import Source

__all__ = ["MAX_SYNTAX_ERRORS", "ParseResult", "lark_parser", "parse"]


@dataclass(frozen=True, slots=True)
class ParseResult:
    file: RubricFile | None
    diagnostics: list[Diagnostic]


def parse(source: Source) -> ParseResult:
    """Parse and build the AST; with syntax errors, the file is None.

    A rubric without syntax errors is built while it is parsed (`fast`);
    at the first syntax error, Lark parses it again and its error recovery
    finds every mistake."""
    from rubricdsl.builder import build, build_while_parsing  # keep `import rubricdsl` light
    from rubricdsl.parser.fast import NotFast, fast_parser

    parser = fast_parser()
    if parser is not None and parser.usable:
        try:
            file, diagnostics = build_while_parsing(parser, source)
        except NotFast:
            pass
        else:
            return ParseResult(file if not diagnostics else None, diagnostics)
    tree, recovery = _parse_tree(source)
    if tree is None or recovery.diagnostics:
        return ParseResult(None, _explained(source, recovery))
    file, diagnostics = build(tree, source)
    return ParseResult(file if not diagnostics else None, diagnostics)


def _parse_tree(source: Source) -> tuple[Tree[Token] | None, Recovery]:
    recovery = Recovery(source)
    try:
        return lark_parser().parse(source.text, on_error=recovery.on_error), recovery
    except UnexpectedInput as error:
        recovery.finish(error)
        return None, recovery


def _explained(source: Source, recovery: Recovery) -> list[Diagnostic]:
    """The syntax errors, unless a text left open explains those after it."""
    first_error = min(recovery.errors_at, default=len(source.text))
    run_on = find_run_on(source, first_error, _first_error_from)
    if run_on is None or run_on.span is None:
        return recovery.diagnostics
    start = run_on.span.start
    return [*(d for d in recovery.diagnostics if d.span is not None and d.span.start < start), run_on]


def _first_error_from(text: str, offset: int) -> int | None:
    """Where the first syntax error at or after `offset` in `text` falls."""
    recovery = _parse_tree(Source("", text))[1]
    return min((at for at in recovery.errors_at if at >= offset), default=None)
