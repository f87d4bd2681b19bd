"""Tables (CSV/TSV, JSONL, JSON, Parquet, a pandas DataFrame): their text and metadata columns,
and their rows as records.

Every row keeps its number in the column "_row" (CSV rows as in a spreadsheet, JSONL lines and
JSON entries from 1, DataFrame rows from 0), so a record's source ("file:row") points at the input.

A record holds the text, the recognised metadata (title, date, outlet, url: strings) and, under
"extra", every other column of its row with its value as read, so the article table can keep
them. Strings are valid Unicode (lone surrogates become U+FFFD, noted in the encoding).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.io.decode import SURROGATES_NOTE, decode_bytes, decode_fallback, join_surrogates
from analysis.io.delimited import ENCODING, ROW, delimited_header, read_delimited
from analysis.io.errors import ArticleLoadError, Rejections, table_error
from analysis.io.files import not_regular_reason

# Column names recognised in tables, in order of preference (compared case-insensitively).
TEXT_COLUMNS = ("text", "raw_text", "body", "content", "article", "article_text", "full_text",
                "story", "maintext")
#: A table's column named like this (case-insensitively, first match) becomes the article
#: table's title / date / outlet / url. An input column "source" is the outlet: the article
#: table's own `source` names the input (file:row).
METADATA_COLUMNS = {
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "publication_date", "pub_date", "pubdate", "published_at",
             "published_date", "publish_date", "date_published", "datetime", "date_publish",
             "timestamp", "created_at", "time"),
    "outlet": ("outlet", "outlet_name", "publisher", "publisher_name", "publication",
               "source_name", "source", "news_source", "site", "site_name", "domain", "newspaper",
               "media", "media_name", "feed"),
    "url": ("url", "link", "permalink", "article_url"),
}
#: Columns of a table that are bookkeeping of the readers, not input columns.
INTERNAL_COLUMNS = (ROW, ENCODING)
#: (text column, {title/date/outlet/url: column or None}), as table_columns finds them.
Columns = tuple[str, dict[str, "str | None"]]

_READ_ERRORS = (UnicodeDecodeError, OSError, ValueError, TypeError, RecursionError)


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
        encoding = None
        try:
            try:
                record = json.loads(line)
            except UnicodeDecodeError:  # a line that is not UTF-8: decoded alone, noted
                text, encoding = decode_fallback(line)
                record = json.loads(text)
        except (ValueError, RecursionError) as error:
            rejected.append((f"{display}:{number}", f"invalid JSON line: {error}"))
            continue
        if not isinstance(record, dict):
            rejected.append((f"{display}:{number}", "JSON line is not an object"))
            continue
        record[ROW] = number
        if encoding is not None:
            record[ENCODING] = encoding
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


def csv_header(path: Path) -> list[str] | None:
    """The column names of a CSV/TSV file, or None when it cannot be read (reading it whole
    then reports why)."""
    return delimited_header(path)


def _read_json_document(path: Path, display: str) -> tuple[pd.DataFrame, Rejections]:
    """A JSON document: a list of article objects, or {"articles": [...]} / {"data": [...]};
    an entry that is not an object is rejected with its number (from 1)."""
    text, _ = decode_bytes(path.read_bytes())
    data = json.loads(text)
    entries = data.get("articles", data.get("data")) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ValueError("expected a list of article objects (or {'articles': [...]}), got "
                         f"{type(data).__name__}")
    records, rejected = [], []
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            records.append({**entry, ROW: number})
        else:
            rejected.append((f"{display}:{number}",
                             f"JSON entry is not an object (a {type(entry).__name__})"))
    return records_table(records), rejected


def read_table(path: Path, display: str) -> tuple[pd.DataFrame, Rejections]:
    """A whole table file with its "_row" column, and its rejected rows or lines;
    ArticleLoadError with the file name when it cannot be read at all."""
    suffix = path.suffix.lower()
    rejected: Rejections = []
    reason = not_regular_reason(path)
    if reason is not None:
        raise ArticleLoadError(f"{display}: {reason}")
    try:
        if suffix in {".csv", ".tsv"}:
            frame, rejected = read_delimited(path, display)
        elif suffix in {".jsonl", ".ndjson"}:
            with open(path, "rb") as handle:
                records, rejected = jsonl_records(handle, display, 1)
            frame = records_table(records)
        elif suffix == ".json":
            frame, rejected = _read_json_document(path, display)
        else:
            import pyarrow.parquet as pq

            frame = parquet_table(pq.read_table(path))
    except _READ_ERRORS as error:
        raise table_error(display, error) from error
    if ROW not in frame.columns:
        frame[ROW] = range(1, 1 + len(frame))
    return frame, rejected


def table_columns(columns: Iterable, source: str, text_column: str | None) -> Columns:
    """(text column, {title/date/outlet/url: column or None}) of a table with these columns
    (which include "_row"); ArticleLoadError when there is no text column."""
    columns = list(columns)
    names = [c for c in columns if c not in INTERNAL_COLUMNS]
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


def _valid(value) -> tuple[object, bool]:
    """(value without surrogates if it is a string, whether it changed)."""
    if isinstance(value, str):
        value, replaced = join_surrogates(value)
        return value, bool(replaced)
    return value, False


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
    return values.tolist() if isinstance(values, pd.Series) else values.iloc


def _missing(value) -> bool:
    """Whether a cell holds no value (None, NaN, NaT, NA); a list or array is a value."""
    if value is None or isinstance(value, (str, bytes)):
        return value is None
    missing = pd.isna(value)
    return bool(missing) if isinstance(missing, bool) or getattr(missing, "ndim", 1) == 0 else False


def extra_columns(columns: Iterable, columns_found: Columns) -> list:
    """The columns of a table that are neither bookkeeping, the text nor recognised metadata:
    kept as they are in the article table."""
    column, metadata = columns_found
    used = {column, *INTERNAL_COLUMNS, *(c for c in metadata.values() if c is not None)}
    return list(dict.fromkeys(c for c in columns if c not in used))


def records_from_table(frame: pd.DataFrame, source: str, columns: Columns
                       ) -> tuple[list[dict], Rejections]:
    """(records, rejections) of a table's rows, with the columns table_columns found. `frame`
    may be one part of a larger table: a column the part lacks counts as missing values.
    Each record keeps the row's other columns under "extra" (only those with a value)."""
    column, metadata = columns
    rows = _by_position(frame, ROW) if ROW in frame.columns else range(1, len(frame) + 1)
    encodings = _by_position(frame, ENCODING) if ENCODING in frame.columns else None
    values = frame[column].tolist() if column in frame.columns else [None] * len(frame)
    present = {key: _by_position(frame, meta_column) for key, meta_column in metadata.items()
               if meta_column is not None and meta_column in frame.columns}
    extras = {name: _by_position(frame, name) for name in extra_columns(frame.columns, columns)}
    records, rejected = [], []
    for position, value in enumerate(values):
        row_source = f"{source}:{rows[position]}"
        text, encoding = _text_value(value, column)
        if text is None:
            rejected.append((row_source, encoding))
            continue
        if encodings is not None and isinstance(encodings[position], str):
            encoding = encodings[position]
        text, replaced = _valid(text)
        record = {"source": row_source, "raw_text": text, "encoding": encoding}
        for key, meta_values in present.items():
            meta = meta_values[position]
            if _missing(meta):
                record[key] = None
            else:
                record[key], changed = _valid(str(meta))
                replaced = replaced or changed
        extra = {}
        for name, extra_values in extras.items():
            item = extra_values[position]
            if not _missing(item):
                extra[name], changed = _valid(item)
                replaced = replaced or changed
        if extra:
            record["extra"] = extra
        record["_columns"] = columns  # which columns gave what (one shared tuple per table)
        if replaced:
            record["encoding"] += SURROGATES_NOTE
        records.append(record)
    return records, rejected


def dataframe_records(frame: pd.DataFrame, text_column: str | None = None
                      ) -> tuple[list[dict], Rejections]:
    """(records, rejections) of a pandas DataFrame's rows, sourced "dataframe:<row from 0>"."""
    frame = frame.copy()
    frame[ROW] = range(len(frame))
    return records_from_table(frame, "dataframe", table_columns(frame.columns, "dataframe",
                                                                text_column))
