"""Reading CSV files: encodings, separators, bad bytes on their rows, and blocks of rows
that read alike here and in worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from rubricdsl import csvrecords
from rubricdsl.csvrecords import CsvLayout, CsvRows, read_blocks
from rubricdsl.records import DataError, Record, read_records

HEADER = "单位名称,甲,乙\n"


def write(tmp_path: Path, content: bytes, name: str = "a.csv") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def rows_of(path: str) -> list[Record]:
    return list(read_records(path))


def test_one_bad_byte_is_reported_on_its_row_and_the_others_are_read(tmp_path: Path) -> None:
    content = (HEADER + "一局,1,2\n二局,3,").encode() + b"\xff\xfe" + "\n三局,5,6\n".encode()
    rows = rows_of(write(tmp_path, content))
    assert [(r.where, r.problem) for r in rows] == [
        ("row 2", None),
        ("row 3", "column 乙: bytes ff fe are not valid UTF-8 (the file's encoding)"),
        ("row 4", None),
    ]
    assert rows[1].values == {"单位名称": "二局", "甲": "3", "乙": "\ufffd"}  # printable, never raw bytes
    assert rows[2].values == {"单位名称": "三局", "甲": "5", "乙": "6"}


def test_a_bad_byte_in_a_cell_of_several_lines_names_its_line(tmp_path: Path) -> None:
    content = (HEADER + '一局,"第一行\n').encode() + b"\xc3(" + '第二行",2\n二局,3,4\n'.encode()
    rows = rows_of(write(tmp_path, content))
    assert rows[0].where == "row 3"  # a row is named by the line it ends on
    assert rows[0].problem == "column 甲: bytes c3 are not valid UTF-8 (the file's encoding)"
    content = (HEADER + '一局,"\n\n').encode() + b"\xc3(" + '\n",2\n二局,3,4\n'.encode()
    rows = rows_of(write(tmp_path, content))
    assert (rows[0].where, rows[1].where) == ("row 5", "row 6")
    assert rows[0].problem == "line 4, column 甲: bytes c3 are not valid UTF-8 (the file's encoding)"


def test_a_bad_byte_beyond_the_header_names_the_cell(tmp_path: Path) -> None:
    [row] = rows_of(write(tmp_path, (HEADER + "一局,1,2,").encode() + b"\xff\n"))
    assert row.problem == "cell 4: bytes ff are not valid UTF-8 (the file's encoding)"


@pytest.mark.parametrize(
    ("encoding", "bad", "name"), [("utf-8", b"\xff", "UTF-8"), ("gb18030", b"\xff", "GB18030")]
)
def test_the_encoding_is_told_by_the_head_not_by_one_bad_byte(
    tmp_path: Path, encoding: str, bad: bytes, name: str
) -> None:
    good = "".join(f"第{i}局,{i},是\n" for i in range(20))
    content = (HEADER + good).encode(encoding) + "坏局,".encode(encoding) + bad + b",1\n"
    rows = rows_of(write(tmp_path, content))
    assert rows[0].values == {"单位名称": "第0局", "甲": "0", "乙": "是"}
    assert [r.where for r in rows if r.problem] == ["row 22"]
    assert rows[-1].problem == f"column 甲: bytes ff are not valid {name} (the file's encoding)"


@pytest.mark.parametrize(
    ("content", "columns", "cells"),
    [
        ("单位名称;甲;乙\n一局;1,5;2\n", ["单位名称", "甲", "乙"], ["一局", "1,5", "2"]),
        ("单位名称\t甲\t乙\n一局\t1\t2\n", ["单位名称", "甲", "乙"], ["一局", "1", "2"]),
        ('"单位;名称",甲\n一局,1\n', ["单位;名称", "甲"], ["一局", "1"]),  # quoted: not a separator
        ("甲;乙,丙\n1;2,3\n", ["甲;乙", "丙"], ["1;2", "3"]),  # a tie goes to the comma
    ],
)
def test_the_separator_is_told_by_the_header(
    tmp_path: Path, content: str, columns: list[str], cells: list[str]
) -> None:
    records = read_records(write(tmp_path, content.encode()))
    [row] = list(records)
    assert (records.columns, row.cells) == (columns, cells)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_numbers_with_blank_lines_and_any_line_end(tmp_path: Path, newline: str) -> None:
    lines = ["", " , ", "单位名称,甲", "一局,1", "", '二局,"多\n行"', "三局,3"]
    content = newline.join(lines).encode("utf-8-sig")
    rows = rows_of(write(tmp_path, content))
    assert [(r.number, r.cells) for r in rows] == [
        (4, ["一局", "1"]),
        (7, ["二局", "多\n行"]),
        (8, ["三局", "3"]),
    ]


def test_a_quote_left_open_is_named_as_such(tmp_path: Path) -> None:
    content = HEADER + '一局,"1,2\n二局,3,4\n三局,5,6\n'
    [row] = rows_of(write(tmp_path, content.encode()))
    assert row.problem == '2 cells over lines 2–4, but the header has 3 columns: is a closing " missing?'


# ---------------------------------------------------------------- blocks


ROWS = [
    '单位名称,"多行\n说明",值',
    '甲,"一行""引号""\n二行",1',
    "",
    '乙,"a,b",2',
    "坏,\udcff,5",
    '丙,"\n\n",3',
    "丁,x,4",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_blocks_of_whole_rows_read_alike_whatever_their_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str, encoding: str
) -> None:
    text = newline.join(ROWS + ROWS[1:] * 2)  # no line end after the last row
    path = write(tmp_path, text.encode(encoding, "surrogateescape"))
    whole = read_records(path)
    expected = [(r.number, r.cells, r.problem) for r in whole]
    assert [n for n, _, _ in expected][:5] == [4, 6, 7, 10, 11]  # the line each row ends on
    assert sum(p is not None for _, _, p in expected) == 3
    layout = whole.layout
    assert layout is not None
    for size in (1, 7, 64, 1 << 20):
        monkeypatch.setattr(csvrecords, "BLOCK_BYTES", size)
        rows, blocks = _read_block_by_block(path, layout)
        got = [(r.number, r.cells, r.problem) for r in rows]
        assert got == expected
        assert size > 64 or blocks > 3


def _read_block_by_block(path: Path, layout: CsvLayout) -> tuple[list[Record], int]:
    """The rows as workers read them, each block on its own; and the count of blocks."""
    with open(path, "rb") as raw:
        raw.seek(layout.body_offset)
        blocks = list(read_blocks(raw, layout.body_line, layout=layout))
    return [r for b in blocks for r in CsvRows(layout).records([b])], len(blocks)


# A quote inside a cell that does not start with one is kept as a character
# (as `5"` for inches): it must not make a later line end look inside a cell.
STRAY_QUOTES = ['戊,5"寸,6', '己,"跨\n行",7', '庚,x"y"z,8', '辛,"又\n跨行",9', '壬,a"b,10', "癸,x,11"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_blocks_of_whole_rows_end_where_rows_end_despite_stray_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    text = "\n".join([ROWS[0], *STRAY_QUOTES * 3]) + "\n"
    path = write(tmp_path, text.encode(encoding))
    whole = read_records(path)
    expected = [(r.number, r.cells) for r in whole]
    assert len(expected) == 18 and all(r.problem is None for r in read_records(path))
    assert expected[0] == (3, ["戊", '5"寸', "6"]) and expected[1] == (5, ["己", "跨\n行", "7"])
    layout = whole.layout
    assert layout is not None
    for size in (1, 7, 64, 1 << 20):
        monkeypatch.setattr(csvrecords, "BLOCK_BYTES", size)
        rows, _blocks = _read_block_by_block(path, layout)
        got = [(r.number, r.cells) for r in rows]
        assert got == expected, size


def test_a_broken_file_past_a_point_is_a_data_error(tmp_path: Path) -> None:
    content = HEADER + "一局,1,2\n" + '二局,"' + "x" * 200_000 + '",3\n'  # beyond the csv module's cell limit
    rows = read_records(write(tmp_path, content.encode()))
    with pytest.raises(DataError, match=r"a.csv: line 3: cannot read the CSV past this line: field larger"):
        list(rows)
