"""Command help without Python type names.

Typer shows an argument as `{rubric}` in the usage line and `rubric <path>`
or `rubrics... <list[Path]>` in the list of arguments.  `PlainHelp` shows
each argument by its metavar instead (`RUBRIC`, `RUBRIC...`, `[OUT]`), as
command-line tools usually do; options show theirs (`--format FORMAT`) when
given one.  Use it with `app.command(name, cls=PlainHelp)`.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand


class PlainHelp(TyperCommand):
    """Help that shows arguments by their metavar (`RUBRIC DATA`), with no Python type names."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        arguments = [_shown(p) for p in self.get_params(ctx) if isinstance(p, TyperArgument)]
        return [self.options_metavar, *arguments] if self.options_metavar else arguments

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        arguments = [(_shown(p), p.help or "") for p in params if isinstance(p, TyperArgument)]
        options = [p.get_help_record(ctx) for p in params if not isinstance(p, TyperArgument)]
        for title, rows in (("Arguments", arguments), ("Options", [r for r in options if r])):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _shown(argument: TyperArgument) -> str:
    name = (argument.metavar or argument.name or "").upper() + ("..." if argument.nargs != 1 else "")
    return name if argument.required else f"[{name}]"
