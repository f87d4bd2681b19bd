"""Tables (CSV/TSV, JSONL, JSON, Parquet, a pandas DataFrame): their text and metadata columns,
and their rows as records.

Every row keeps its number in the column "_row" (CSV rows as in a spreadsheet, JSONL lines from
1, DataFrame rows from 0), so a record's source ("file:row") points at the input.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.io.decode import decode_bytes
from analysis.io.errors import ArticleLoadError, Rejections, table_error

# Column names recognised in tables, in order of preference (compared case-insensitively).
TEXT_COLUMNS = ("text", "raw_text", "body", "content", "article", "article_text", "full_text",
                "story", "maintext")
METADATA_COLUMNS = {
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "publication_date", "pub_date", "published_at", "datetime",
             "date_publish"),
    "outlet": ("outlet", "publisher", "source_name", "site", "domain", "newspaper", "media"),
    "url": ("url", "link", "permalink"),
}
#: (text column, {title/date/outlet/url: column or None}), as table_columns finds them.
Columns = tuple[str, dict[str, "str | None"]]

_CSV_ERRORS = (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError,
               ValueError)


def _find_column(columns: Iterable[str], candidates: Iterable[str]) -> str | None:
    by_lower = {str(c).lower().strip(): c for c in columns}
    for candidate in candidates:
        if candidate in by_lower:
            return by_lower[candidate]
    return None


def jsonl_records(lines: Iterable[bytes], display: str, first_line: int
                  ) -> tuple[list[dict], Rejections]:
    """Parse JSONL lines numbered from `first_line` (a whole file, or one block of it); a bad
    line is rejected on its own, the others are read."""
    records, rejected = [], []
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            rejected.append((f"{display}:{number}", f"invalid JSON line: {error}"))
            continue
        if not isinstance(record, dict):
            rejected.append((f"{display}:{number}", "JSON line is not an object"))
            continue
        record["_row"] = number
        records.append(record)
    return records, rejected


def records_table(records: list[dict]) -> pd.DataFrame:
    """JSON records as a table of the values as parsed (object dtype: no int-to-float coercion
    that would depend on which rows share a block)."""
    return pd.DataFrame(records, dtype=object)


def parquet_table(table) -> pd.DataFrame:
    """A pyarrow table (or row group) as pandas; integers with nulls stay integers, so one row
    group converts like the whole file."""
    return table.to_pandas(integer_object_nulls=True)


def read_csv(path: Path, **options) -> pd.DataFrame:
    """A CSV (or, by its suffix, TSV) file with every value as a string, exactly as written."""
    return pd.read_csv(path, sep="\t" if path.suffix.lower() == ".tsv" else ",", dtype=str,
                       keep_default_na=False, encoding_errors="strict", **options)


def csv_header(path: Path) -> list[str] | None:
    """The column names of a CSV/TSV file, or None when it cannot be read (reading it whole
    then reports why)."""
    try:
        return list(read_csv(path, nrows=0).columns)
    except _CSV_ERRORS:
        return None


def _read_json_document(path: Path) -> pd.DataFrame:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    records = data if isinstance(data, list) else data.get("articles", data.get("data"))
    if not isinstance(records, list):
        raise ValueError("expected a list of article objects (or {'articles': [...]})")
    return pd.DataFrame.from_records(records)


def read_table(path: Path, display: str) -> tuple[pd.DataFrame, Rejections]:
    """A whole table file with its "_row" column, and its rejected JSONL lines; ArticleLoadError
    with the file name when it is malformed."""
    suffix = path.suffix.lower()
    rejected: Rejections = []
    try:
        if suffix in {".csv", ".tsv"}:
            frame = read_csv(path)
        elif suffix in {".jsonl", ".ndjson"}:
            with open(path, "rb") as handle:
                records, rejected = jsonl_records(handle, display, 1)
            frame = records_table(records)
        elif suffix == ".json":
            frame = _read_json_document(path)
        else:
            import pyarrow.parquet as pq

            frame = parquet_table(pq.read_table(path))
    except (*_CSV_ERRORS, json.JSONDecodeError, AttributeError) as error:
        raise table_error(display, error) from error
    if "_row" not in frame.columns:
        first = 2 if suffix in {".csv", ".tsv"} else 1  # CSV rows are numbered as in a spreadsheet
        frame["_row"] = range(first, first + len(frame))
    return frame, rejected


def table_columns(columns: Iterable, source: str, text_column: str | None) -> Columns:
    """(text column, {title/date/outlet/url: column or None}) of a table with these columns
    (which include "_row"); ArticleLoadError when there is no text column."""
    columns = list(columns)
    names = [c for c in columns if c != "_row"]
    if text_column is not None:
        if text_column not in columns:
            raise ArticleLoadError(
                f"{source}: no column {text_column!r}; columns are {names}")
        column = text_column
    else:
        column = _find_column(names, TEXT_COLUMNS)
        if column is None:
            raise ArticleLoadError(
                f"{source}: no text column found (looked for {', '.join(TEXT_COLUMNS)}); columns are "
                f"{names}. Name it with load_articles(path, text_column=...)")
    metadata = {key: _find_column([c for c in names if c != column], candidates)
                for key, candidates in METADATA_COLUMNS.items()}
    return column, metadata


def _text_value(value, column: str) -> tuple[str | None, str]:
    """(text, encoding) of a table cell, or (None, why it cannot be used)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None, f"missing text in column {column!r}"
    if isinstance(value, bytes):
        try:
            value, encoding = decode_bytes(value)
        except ValueError as error:
            return None, str(error)
    elif not isinstance(value, str):
        return None, f"text is a {type(value).__name__}, not a string"
    else:
        encoding = "table"
    if not value.strip():
        return None, f"empty text in column {column!r}"
    return value, encoding


def _by_position(frame: pd.DataFrame, column: str):
    """A column's values by position, fetched once (indexing `.iloc` row by row is slow); a
    duplicated column name keeps pandas' row-wise `.iloc` (one Series per position)."""
    values = frame[column]
    return values.array if isinstance(values, pd.Series) else values.iloc


def records_from_table(frame: pd.DataFrame, source: str, columns: Columns
                       ) -> tuple[list[dict], Rejections]:
    """(records, rejections) of a table's rows, with the columns table_columns found. `frame`
    may be one part of a larger table: a column the part lacks counts as missing values."""
    column, metadata = columns
    rows = _by_position(frame, "_row") if "_row" in frame.columns else range(1, len(frame) + 1)
    values = frame[column].tolist() if column in frame.columns else [None] * len(frame)
    present = {key: _by_position(frame, meta_column) for key, meta_column in metadata.items()
               if meta_column is not None and meta_column in frame.columns}
    records, rejected = [], []
    for position, value in enumerate(values):
        row_source = f"{source}:{rows[position]}"
        text, encoding = _text_value(value, column)
        if text is None:
            rejected.append((row_source, encoding))
            continue
        record = {"source": row_source, "raw_text": text, "encoding": encoding}
        for key, meta_values in present.items():
            meta = meta_values[position]
            record[key] = None if (not isinstance(meta, str) and pd.isna(meta)) else str(meta)
        records.append(record)
    return records, rejected


def dataframe_records(frame: pd.DataFrame, text_column: str | None = None
                      ) -> tuple[list[dict], Rejections]:
    """(records, rejections) of a pandas DataFrame's rows, sourced "dataframe:<row from 0>"."""
    frame = frame.copy()
    frame["_row"] = range(len(frame))
    return records_from_table(frame, "dataframe", table_columns(frame.columns, "dataframe",
                                                                text_column))
