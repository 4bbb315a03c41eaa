"""Reading data files: JSON, YAML and CSV, with row numbers and located problems."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from rubricdsl.records import DataError, read_records


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def test_json_object_is_one_record_with_exact_numbers(tmp_path: Path) -> None:
    records = read_records(write(tmp_path, "a.json", '{"甲": 0.1, "乙": 2, "丙": "是"}'))
    assert records.single
    [record] = list(records)
    assert record.values == {"甲": Decimal("0.1"), "乙": 2, "丙": "是"}
    assert (record.number, record.where, record.problem) == (1, "record 1", None)


def test_json_list_numbers_each_record(tmp_path: Path) -> None:
    records = read_records(write(tmp_path, "a.json", '[{"甲": 1}, 5, null, {"甲": 2}]'))
    assert not records.single
    rows = list(records)
    assert [r.where for r in rows] == ["record 1", "record 2", "record 3", "record 4"]
    assert rows[1].problem == "expected an object of input values, got the number 5"
    assert rows[2].problem == "expected an object of input values, got null"
    assert rows[3].values == {"甲": 2}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"甲": 1,\n  "乙" 2}', "a.json:2:7: not valid JSON: Expecting ':' delimiter"),
        ("3", "a.json: expected one object or a list of objects, got the number 3"),
        ('"甲"', "a.json: expected one object or a list of objects, got the text '甲'"),
        ("null", "a.json: the file is empty; expected one object or a list of objects"),
        (
            b'[{"\xe7\x94\xb2": 1},\n {"\xff": 2}]',
            "a.json: line 2: bytes ff are not UTF-8 text; save it as UTF-8",
        ),
    ],
)
def test_bad_json(tmp_path: Path, content: str | bytes, message: str) -> None:
    with pytest.raises(DataError) as caught:
        read_records(write(tmp_path, "a.json", content))
    assert str(caught.value).endswith(message)


def test_yaml(tmp_path: Path) -> None:
    rows = list(read_records(write(tmp_path, "a.yaml", "- 甲: 0.1\n  乙: 是\n- 甲: 85%\n  乙: yes\n")))
    assert [r.values for r in rows] == [{"甲": 0.1, "乙": "是"}, {"甲": "85%", "乙": True}]
    with pytest.raises(DataError, match=r"a.yml:2:\d+: not valid YAML"):
        read_records(write(tmp_path, "a.yml", "甲: [1,\n 乙: }"))
    with pytest.raises(DataError, match=r"a\.yaml: the file is empty"):
        read_records(write(tmp_path, "a.yaml", "# nothing\n"))


class FakeStdin(io.TextIOWrapper):
    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("given", "data", "values"),
    [
        (None, '[{"甲": 1.50}]'.encode(), {"甲": Decimal("1.50")}),
        ("yaml", "- 甲: 是\n".encode(), {"甲": "是"}),
        ("csv", "甲,乙\n1,是\n".encode("gb18030"), {"甲": "1", "乙": "是"}),
    ],
)
def test_stdin_is_json_unless_told(
    monkeypatch: pytest.MonkeyPatch, given: str | None, data: bytes, values: dict[str, object]
) -> None:
    monkeypatch.setattr("sys.stdin", FakeStdin(data))
    records = read_records("-", given)
    [record] = list(records)
    assert record.values == values
    assert records.path == ""  # standard input cannot be read again in parallel


def test_stdin_as_text_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("甲\n1\n"))
    [record] = list(read_records("-", "csv"))
    assert record.values == {"甲": "1"}


def test_csv_rows_keep_their_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "单位名称, 甲 ,乙\n一局,1,2\n\n二局,3\n三局,4,5,6\n")
    records = read_records(path)
    assert records.columns == ["单位名称", "甲", "乙"]
    rows = list(records)
    assert [(r.number, r.where) for r in rows] == [(2, "row 2"), (4, "row 4"), (5, "row 5")]
    assert rows[0].values == {"单位名称": "一局", "甲": "1", "乙": "2"}
    assert rows[1].values == {"单位名称": "二局", "甲": "3", "乙": ""}  # a short row
    assert (rows[1].problem, rows[1].missing) == (None, 1)  # scoring decides whether that matters
    assert rows[2].problem == "4 cells but the header has 3 columns"
    assert records.position is not None and records.position.closed


def test_csv_encodings(tmp_path: Path) -> None:
    text = "单位名称,甲\n一局,1\n"
    for name, data in [("bom.csv", b"\xef\xbb\xbf" + text.encode()), ("gbk.csv", text.encode("gb18030"))]:
        [record] = list(read_records(write(tmp_path, name, data)))
        assert record.values == {"单位名称": "一局", "甲": "1"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "", "a.csv: the file is empty; expected a header row of input names"),
        ("a.csv", "\n , \n", "a.csv: the file is empty; expected a header row of input names"),
        ("a.csv", "甲,甲\n1,2\n", "a.csv: the header names the column 甲 twice"),
        (
            "a.csv",
            b"\xe7\x94\xb2,\xff\n1,2\n",
            "a.csv: line 1: the header row has bytes that are not UTF-8 text",
        ),
        ("a.csv", "甲,乙\n1,2\n".encode("utf-16"), "a.csv: the file is UTF-16 text; save it as CSV UTF-8"),
        (
            "a.txt",
            "甲\n1\n",
            "a.txt: cannot tell the data format from the name; use .json, .yaml or .csv, or --data-format",
        ),
    ],
)
def test_unreadable_csv(tmp_path: Path, name: str, content: str | bytes, message: str) -> None:
    with pytest.raises(DataError) as caught:
        read_records(write(tmp_path, name, content))
    assert str(caught.value) == str(tmp_path / message)


def test_missing_files(tmp_path: Path) -> None:
    for name in ("none.csv", "none.json"):
        with pytest.raises(DataError, match="no such file"):
            read_records(str(tmp_path / name))
    for name in ("dir.csv", "folder"):  # a directory, whatever its name says
        (tmp_path / name).mkdir()
        with pytest.raises(DataError, match="is a directory, not a data file"):
            read_records(str(tmp_path / name))
    with pytest.raises(DataError, match="none: no such file"):
        read_records(str(tmp_path / "none"))  # not "cannot tell the data format"


def test_format_given_explicitly(tmp_path: Path) -> None:
    [record] = list(read_records(write(tmp_path, "data.txt", "甲\n1\n"), "csv"))
    assert record.values == {"甲": "1"}
    with pytest.raises(DataError, match="unknown data format 'xml'"):
        read_records("data.txt", "xml")
