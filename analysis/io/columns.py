"""The columns a loaded table brings besides its text: dates, the input's other columns, and a
description of what was found (which column gave the text, which others look like text).

Pure functions of the readers' records, so load_articles (one process) and each Dask loader
task build the same columns.
"""
from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.io.dates import parse_dates
from analysis.io.tables import TEXT_COLUMNS

#: Where a reader records which columns of a table it used: (text column, {key: column}).
COLUMNS_KEY = "_columns"
#: A kept input column whose name is taken by the article table gets this prefix.
INPUT_PREFIX = "input_"
_PLAIN = (str, int, float, bool)


def date_columns(records: Sequence[dict]) -> tuple[pd.Series, pd.Series, list[int]]:
    """(`date` as datetime64[ns], `date_raw` as read (object: str or None), positions of the
    dates that are present but could not be read)."""
    raw = pd.Series([record.get("date") for record in records], dtype=object)
    dates, unread = parse_dates(raw.tolist())
    return dates, raw, unread


def _column_name(name, taken: set[str]) -> str:
    name = str(name)
    while name in taken:
        name = INPUT_PREFIX + name
    return name


def _parquet_safe(values: list) -> list:
    """Values of one kept column that Parquet (Arrow) can store: as they are when they share
    one type, else each as text (JSON for lists and objects)."""
    types = {type(value) for value in values if value is not None}
    if len(types) <= 1 and types <= set(_PLAIN):
        return values
    try:
        import pyarrow as pa

        pa.array(values, from_pandas=True)
        return values
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return [value if value is None or isinstance(value, str)
                else json.dumps(value, default=str, ensure_ascii=False)
                if isinstance(value, (list, dict, tuple)) else str(value) for value in values]


def extra_frame(records: Sequence[dict], taken: Iterable[str]) -> tuple[pd.DataFrame, dict]:
    """The input's other columns (a record's "extra"), in order of first appearance, as object
    columns; a name the article table already has gets the prefix "input_". Returns (frame,
    {input name: column name} for the renamed ones)."""
    names = dict.fromkeys(name for record in records for name in record.get("extra", ()))
    taken = set(taken)
    columns, renamed = {}, {}
    for name in names:
        column = _column_name(name, taken)
        taken.add(column)
        if column != str(name):
            renamed[str(name)] = column
        values = [record["extra"].get(name) if "extra" in record else None for record in records]
        columns[column] = pd.Series(_parquet_safe(values), dtype=object)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(records))), renamed


def looks_like_text(values: pd.Series, sample: int = 200) -> bool:
    """Whether a column holds article-like text: mostly strings of 200+ characters (median)."""
    present = [value for value in values.head(4 * sample) if value is not None][:sample]
    strings = [value for value in present if isinstance(value, str)]
    if not strings or len(strings) < 0.8 * len(present):
        return False
    return statistics.median(len(value) for value in strings) >= 200


def table_description(records: Sequence[dict], extras: pd.DataFrame, renamed: dict) -> dict:
    """What the tables gave: text column(s), the input columns read as title/date/outlet/url,
    other text-like columns (by name or content, under their names in the article table)."""
    used: dict[int, tuple] = {}
    for record in records:
        found = record.get(COLUMNS_KEY)
        if found is not None and id(found) not in used:
            used[id(found)] = found
    text_columns = list(dict.fromkeys(text for text, _ in used.values()))
    metadata: dict[str, str] = {}
    for _, mapping in used.values():
        for key, column in mapping.items():
            if column is not None:
                metadata.setdefault(key, column)
    reverse = {column: name for name, column in renamed.items()}
    other_text = [column for column in extras.columns
                  if str(reverse.get(column, column)).lower() in TEXT_COLUMNS
                  or looks_like_text(extras[column])]
    return {"text_column": ", ".join(text_columns) if text_columns else None,
            "other_text_columns": other_text, "metadata_columns": metadata,
            "renamed_columns": renamed}


def describe_load(origin: str, description: dict, n_dates: int, unread: int, chosen: bool
                  ) -> str:
    """One paragraph for the log: the text column and its alternatives, the metadata columns
    and the dates."""
    parts = [f"{origin}: text from column {description['text_column']!r}"]
    others = description["other_text_columns"]
    if others:
        parts.append(f"other text-like column(s): {', '.join(map(repr, others))}"
                     + ("" if chosen else " (choose one with text_column=...)"))
    mapping = description["metadata_columns"]
    if mapping:
        parts.append("; ".join(f"{key} from {column!r}" for key, column in mapping.items()))
    if "date" in mapping:
        parts.append(f"{n_dates} date(s) read, {unread} unreadable (kept in date_raw, listed in "
                     "attrs['unparsed_dates'])")
    if description["renamed_columns"]:
        parts.append("kept as " + ", ".join(f"{new!r} (input {old!r})" for old, new in
                                            description["renamed_columns"].items()))
    return "; ".join(parts)
