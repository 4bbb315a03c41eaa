"""Score tables for a terminal (rich): one unit's indicators, or many units side by side."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from rubricdsl.compiler.text import plain
from rubricdsl.runtime.batch import Outcome
from rubricdsl.runtime.rubric import Rubric


def print_outcomes(rubric: Rubric, outcomes: Sequence[Outcome], explain: bool) -> None:
    console = Console(highlight=False)
    scored = [o for o in outcomes if o.report is not None]
    if len(outcomes) == 1 and scored:
        console.print(_unit_table(rubric, scored[0], explain))
        return
    console.print(_units_table(rubric, outcomes))
    if explain:
        for outcome in scored:
            assert outcome.report is not None
            console.print(f"\n[bold]{_escape(outcome.label)}[/bold]")
            console.print(_escape(outcome.report.explain()))


def _unit_table(rubric: Rubric, outcome: Outcome, explain: bool) -> Table:
    report = outcome.report
    assert report is not None
    table = Table(title=_escape(f"{rubric.title} — {outcome.label}"))
    table.add_column("指标")
    table.add_column("分值", justify="right")
    table.add_column("得分", justify="right")
    if explain:
        table.add_column("说明")
    traces = report.traces if explain else {}
    for node, value in zip(rubric.ir.walk(), report.ordered_scores(), strict=True):
        name = "  " * (node.level - 1) + node.name
        row = [_escape(name), plain(node.weight), plain(value)]
        if explain:
            trace = traces.get("/".join(node.path))
            row.append(_escape(trace.applied) if trace else "")
        table.add_row(*row)
    total = plain(report.total) + (f"（{_escape(report.grade)}）" if report.grade else "")
    table.add_row("[bold]总分[/bold]", plain(rubric.ir.total), f"[bold]{total}[/bold]")
    return table


def _units_table(rubric: Rubric, outcomes: Sequence[Outcome]) -> Table:
    """Units side by side; a unit that could not be scored says 未能评分 in its
    row, and its reason is listed under the table, where it has room."""
    tops = rubric.ir.indicators
    table = Table(title=_escape(rubric.title), caption=_failures_caption(outcomes), caption_justify="left")
    table.add_column("单位", no_wrap=True)
    for column in (*(f"{t.name}({plain(t.weight)})" for t in tops), "总分", "等级"):
        table.add_column(_escape(column), justify="right")
    for outcome in outcomes:
        report = outcome.report
        if report is None:
            blanks = [""] * (len(tops) + 1)
            table.add_row(_escape(outcome.label), *blanks, "[red]未能评分[/red]")
            continue
        scores = [plain(report.score_of("/".join(t.path))) for t in tops]
        table.add_row(_escape(outcome.label), *scores, plain(report.total), _escape(report.grade or ""))
    return table


def _failures_caption(outcomes: Sequence[Outcome]) -> str | None:
    failed = [o for o in outcomes if o.report is None]
    if not failed:
        return None
    lines = [f"未能评分的单位（{len(failed)}个）："]
    lines += [f"  {_escape(o.where)} {_escape(o.label)}：{_escape(o.error or '')}" for o in failed]
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Rubric and data text shown as written, never read as rich markup."""
    return text.replace("[", "\\[")
