"""The jinja2 environment for the text formats, built once per process.

Templates ship inside the package (`render/templates/`).  HTML templates are
autoescaped, so rubric names and texts can never become markup; every other
template escapes through its own filter (`md` for Markdown).  A misspelt
variable fails loudly (`StrictUndefined`) instead of printing nothing.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

_MARKDOWN_SPECIALS = frozenset("\\`*_[]<>&|~")


def markdown_escape(text: str) -> str:
    """Text safe inside a Markdown table cell: specials escaped, lines joined by <br>."""
    escaped = "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIALS else ch for ch in text)
    return "<br>".join(line.strip() for line in escaped.strip().splitlines())


@functools.cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("rubricdsl.render", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
