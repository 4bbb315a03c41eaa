"""The HTML page read back with a real HTML parser: structure, spans and escaping."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from render_support import FOUR_LEVEL, HOSTILE, SEED, load_ir, report_for
from rubricdsl.render import render_report, render_rubric

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "span", "div",
    "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@dataclass
class Cell:
    tag: str
    rowspan: int
    colspan: int
    text: str = ""


@dataclass
class Page(HTMLParser):
    tags: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    title: str = ""
    _cell: Cell | None = None
    _in_title: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = Cell(tag, int(values.get("rowspan") or 1), int(values.get("colspan") or 1))
            self.rows[-1].append(self._cell)
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data
        elif self._in_title:
            self.title += data


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def occupancy(rows: list[list[Cell]]) -> list[list[str]]:
    """Lay the cells out as a browser does; each slot holds the text of the cell over it."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (r + dr, c + dc) not in grid, f"cells overlap at row {r + dr}, column {c + dc}"
                    grid[r + dr, c + dc] = cell.text
            c += cell.colspan
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "\0") for c in range(width)] for r in range(len(rows))]


# body rows: one per leaf, one more per extra generated checklist item, and 合计
@pytest.mark.parametrize(("path", "body_rows"), [(SEED, 21 + 1), (FOUR_LEVEL, 7 + 1 + 1), (HOSTILE, 2 + 1)])
def test_spans_tile_the_table_exactly(path, body_rows: int) -> None:  # type: ignore[no-untyped-def]
    rubric = load_ir(path)
    page = parse(render_rubric(rubric, "html"))  # type: ignore[arg-type]
    laid_out = occupancy(page.rows)
    assert all("\0" not in row for row in laid_out), "a row is short of cells"
    assert all(len(row) == len(laid_out[0]) for row in laid_out)
    assert len(page.rows) - 1 == body_rows


@pytest.mark.parametrize("path", [SEED, FOUR_LEVEL], ids=lambda p: p.stem)
def test_every_indicator_appears_once(path) -> None:  # type: ignore[no-untyped-def]
    rubric = load_ir(path)
    page = parse(render_rubric(rubric, "html"))  # type: ignore[arg-type]
    names = [cell.text for row in page.rows for cell in row]
    for node in rubric.walk():
        assert names.count(node.name) == 1, node.name
    assert page.rows[-1][0].text == "合计"


def test_seed_rows_match_the_official_table() -> None:
    page = parse(render_rubric(load_ir(SEED), "html"))
    laid_out = occupancy(page.rows)
    assert laid_out[0] == ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明"]
    assert len(laid_out) == 1 + 21 + 1
    leaf_weights = [int(w) for w in "333225555866682366484"]
    assert [int(row[5]) for row in laid_out[1:-1]] == leaf_weights
    assert laid_out[-1][:6] == ["合计", "100", "", "100", "", "100"]
    groups = [row[2] for row in laid_out[1:-1]]
    assert (
        groups == ["预算编制"] * 5 + ["预算执行"] * 4 + ["预算管理"] * 7 + ["职责履行"] * 3 + ["履职效益"] * 2
    )


def test_hostile_names_stay_text() -> None:
    rubric = load_ir(HOSTILE)
    for page_text in (
        render_rubric(rubric, "html"),
        render_rubric(rubric, "html", compare=True),
        render_report(rubric, "<script>unit</script>", report_for(rubric, {}), "html"),
    ):
        assert isinstance(page_text, str)
        page = parse(page_text)
        assert set(page.tags) <= ALLOWED_TAGS
        assert "<script" not in page_text and "<img" not in page_text and "<a href" not in page_text
        texts = [cell.text for row in page.rows for cell in row]
        assert "<script>alert(1)</script>" in texts
        assert "&amp;指标" in texts
        assert any('<a href="javascript:alert(1)">' in t for t in texts)
        assert page.title.startswith("<script>alert('title')</script> & \"quotes\"")
