"""Tables: text and metadata columns, rows as records, rejected rows with their reasons."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.io import ArticleLoadError, dataframe_records, read_table, records_from_table, table_columns

STORY = "The United States and China held talks on Wednesday."


def test_table_columns_prefers_known_names_case_insensitively():
    column, metadata = table_columns(["Headline", "BODY", "link", "_row"], "t.csv", None)
    assert column == "BODY"
    assert metadata == {"title": "Headline", "date": None, "outlet": None, "url": "link"}
    assert table_columns(["words", "_row"], "t.csv", "words")[0] == "words"
    with pytest.raises(ArticleLoadError, match=r"t.csv: no column 'text'; columns are \['words'\]"):
        table_columns(["words", "_row"], "t.csv", "text")


def test_records_from_table_rejects_unusable_rows_with_their_row_numbers():
    frame = pd.DataFrame({"text": [STORY, None, "  ", 3, b"\x00\x01binary"],
                          "title": ["A", "B", "C", "D", None], "_row": [2, 3, 4, 5, 6]})
    columns = table_columns(frame.columns, "t.csv", None)
    records, rejected = records_from_table(frame, "t.csv", columns)
    assert records == [{"source": "t.csv:2", "raw_text": STORY, "encoding": "table", "title": "A",
                        "_columns": columns}]
    assert rejected == [("t.csv:3", "missing text in column 'text'"),
                        ("t.csv:4", "empty text in column 'text'"),
                        ("t.csv:5", "text is a int, not a string"),
                        ("t.csv:6", "binary file (contains NUL bytes), not text")]


def test_a_part_without_a_column_counts_it_as_missing():
    columns = ("text", {"title": "title", "date": None, "outlet": None, "url": None})
    records, _ = records_from_table(pd.DataFrame({"text": [STORY], "_row": [7]}), "a.jsonl", columns)
    assert records == [{"source": "a.jsonl:7", "raw_text": STORY, "encoding": "table",
                        "_columns": columns}]


def test_dataframe_rows_are_numbered_from_zero():
    records, rejected = dataframe_records(pd.DataFrame({"text": ["", STORY]}))
    assert [r["source"] for r in records] == ["dataframe:1"]
    assert rejected == [("dataframe:0", "empty text in column 'text'")]


def test_read_table_numbers_rows_and_reports_bad_jsonl_lines(tmp_path):
    csv = tmp_path / "a.csv"
    pd.DataFrame({"text": [STORY, STORY]}).to_csv(csv, index=False)
    frame, rejected = read_table(csv, "a.csv")
    assert frame["_row"].tolist() == [2, 3] and rejected == []
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"text": "x"}\n[1]\n{oops\n', encoding="utf-8")
    frame, rejected = read_table(jsonl, "a.jsonl")
    assert frame["_row"].tolist() == [1]
    assert rejected[0] == ("a.jsonl:2", "JSON line is not an object")
    assert rejected[1][0] == "a.jsonl:3" and rejected[1][1].startswith("invalid JSON line")
