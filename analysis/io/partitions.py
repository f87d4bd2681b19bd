"""The partitions of an input, each readable on its own into (records, rejections).

One description of an input serves both loaders of :mod:`analysis.pipeline.articles`:
load_articles reads the partitions one after the other in this process, read_articles reads each
in its own Dask task. Text files come in chunks of `files_per_partition`; a JSONL file in byte
blocks aligned on newlines; a Parquet file by row group; a CSV/TSV (whose quoted fields may span
lines) or a .json document is read whole once and then split. With ``blocksize=None`` every table
is one partition, read whole.

In a folder, a table that cannot be read (malformed, no text column, unreadable) is rejected
with the reason and the rest of the folder loads; a table given on its own is an ArticleLoadError.

Some steps are shared by the partitions of one file (a JSONL file's layout: the first line number
of each block and the columns of the whole file; a CSV read whole). They are :class:`Deferred`:
run once, when a partition first needs them, or as one Dask task that the partitions' tasks
depend on. No Dask is needed here.
"""
from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.io.errors import ArticleLoadError, Rejections, table_error
from analysis.io.files import folder_inputs, is_table_file, not_regular_reason, text_file_records
from analysis.io.tables import (
    Columns,
    csv_header,
    jsonl_records,
    parquet_table,
    read_table,
    records_from_table,
    records_table,
    table_columns,
)

#: What reading a partition gives: records (dicts with source, raw_text, encoding and metadata)
#: and rejections (source, reason).
Records = tuple[list[dict], Rejections]

FILES_PER_PARTITION = 200
BLOCKSIZE = 16_000_000


@dataclass(frozen=True, eq=False)
class Deferred:
    """A step shared by several partitions: `function(*args)`, where args may hold other
    Deferred steps. Run at most once here (:attr:`value`); a Dask loader makes it one task."""

    function: Callable[..., Any]
    args: tuple

    @cached_property
    def value(self) -> Any:
        """The step's result, computed when first asked for."""
        return self.function(*replace_deferred(self.args, _value))


def _value(step: Deferred) -> Any:
    return step.value


def replace_deferred(value: Any, replace: Callable[[Deferred], Any]) -> Any:
    """`value` with each Deferred in it (also inside tuples and lists) replaced by
    `replace(step)`: its result, or a task that computes it."""
    if isinstance(value, Deferred):
        return replace(value)
    if isinstance(value, (tuple, list)):
        return type(value)(replace_deferred(item, replace) for item in value)
    return value


@dataclass(frozen=True)
class InputPartition:
    """One partition of an input: `reader(*args)` gives its (records, rejections). `args` are
    plain values (paths, offsets, columns) or Deferred steps shared with other partitions;
    `rejected` adds what was rejected while listing the input (unsupported files of a folder)."""

    reader: Callable[..., Records]
    args: tuple
    rejected: tuple[tuple[str, str], ...] = ()

    def read(self) -> Records:
        """(records, rejections) of this partition, in input order."""
        records, found = self.reader(*replace_deferred(self.args, _value))
        return records, [*self.rejected, *found]


# ------------------------------------------------------------------------------ readers
# Module-level functions of plain values, so a Dask worker can run them.


def _read_range(path: str, start: int, stop: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(start)
        return handle.read(stop - start)


def _scan_jsonl_block(path: str, start: int, stop: int) -> tuple[int, list]:
    """(newlines, keys of the valid objects in order of appearance) of one JSONL block: the line
    offset of the later blocks and the columns the whole file has."""
    try:
        data = _read_range(path, start, stop)
    except OSError as error:
        return -1, [f"{type(error).__name__}: {error}"]  # reported by the layout step
    keys: dict = {}
    for record in jsonl_records(io.BytesIO(data), "", 1)[0]:
        keys.update(dict.fromkeys(record))
    return data.count(b"\n"), list(keys)


def _error_reason(error: ArticleLoadError, display: str) -> str:
    return str(error).removeprefix(f"{display}: ")


def _jsonl_layout(scans: Sequence[tuple[int, list]], display: str, text_column: str | None,
                  lenient: bool = False) -> tuple[Columns | None, list[int] | str]:
    """The file's columns and each block's first line. Without a text column (or when a block
    cannot be read): ArticleLoadError, or with `lenient` (a table in a folder) (None, reason)."""
    try:
        failed = next((keys[0] for newlines, keys in scans if newlines < 0), None)
        if failed is not None:
            raise ArticleLoadError(f"{display}: cannot read table ({failed})")
        return _jsonl_columns(scans, display, text_column)
    except ArticleLoadError as error:
        if not lenient:
            raise
        return None, _error_reason(error, display)


def _jsonl_columns(scans: Sequence[tuple[int, list]], display: str, text_column: str | None
                   ) -> tuple[Columns, list[int]]:
    columns = dict.fromkeys(key for _, keys in scans for key in keys)
    columns.setdefault("_row", None)  # as read_table adds it to a table without records
    first_lines, line = [], 1
    for newlines, _ in scans:
        first_lines.append(line)
        line += newlines
    return table_columns(columns, display, text_column), first_lines


def _jsonl_block_records(path: str, display: str, start: int, stop: int, index: int,
                         layout: tuple[Columns, list[int]]) -> Records:
    columns, first_lines = layout
    if columns is None:  # the file is rejected as a whole, by its first block
        return [], ([(display, first_lines)] if index == 0 else [])
    lines = io.BytesIO(_read_range(path, start, stop))
    parsed, rejected = jsonl_records(lines, display, first_lines[index])
    records, refused = records_from_table(records_table(parsed), display, columns)
    return records, rejected + refused


def _parquet_group_records(path: str, display: str, group: int, first_row: int,
                           columns: Columns, lenient: bool = False) -> Records:
    import pyarrow.parquet as pq

    try:
        with pq.ParquetFile(path) as parquet:
            frame = parquet_table(parquet.read_row_group(group))
    except (OSError, ValueError) as error:
        if lenient:
            return [], [(f"{display}:{first_row}", f"cannot read the row group starting at row "
                                                   f"{first_row} ({type(error).__name__}: {error})")]
        raise table_error(display, error) from error
    frame["_row"] = range(first_row, first_row + len(frame))
    return records_from_table(frame, display, columns)


def _read_whole_table(path: str, display: str, text_column: str | None, lenient: bool = False
                      ) -> tuple[pd.DataFrame | None, Columns | None, Rejections]:
    """(table, its columns, rows rejected while reading); with `lenient` a table that cannot
    be used is (None, None, [its rejection]) instead of an ArticleLoadError."""
    try:
        frame, rejected = read_table(Path(path), display)
        return frame, table_columns(frame.columns, display, text_column), rejected
    except ArticleLoadError as error:
        if not lenient:
            raise
        return None, None, [(display, _error_reason(error, display))]


def _rejection(display: str, reason: str) -> Records:
    return [], [(display, reason)]


def _table_piece_records(whole: tuple[pd.DataFrame | None, Columns | None, Rejections],
                         display: str, index: int, pieces: int) -> Records:
    """Records of one piece of a table read whole; the first piece also reports the lines
    rejected while reading it (or the table's own rejection)."""
    frame, columns, read_rejected = whole
    if frame is None:
        return [], (read_rejected if index == 0 else [])
    start, stop = len(frame) * index // pieces, len(frame) * (index + 1) // pieces
    records, rejected = records_from_table(frame.iloc[start:stop], display, columns)
    return records, (read_rejected + rejected if index == 0 else rejected)


def _no_records() -> Records:
    return [], []


# --------------------------------------------------------------------------- partitions


def _line_starts(path: Path, blocksize: int) -> list[int]:
    """Block starts: 0, then the first line start at or after each multiple of blocksize."""
    size = path.stat().st_size
    starts = [0]
    with open(path, "rb") as handle:
        for nominal in range(blocksize, size, blocksize):
            if nominal <= starts[-1]:  # a long line already ran past this boundary
                continue
            position = nominal - 1
            handle.seek(position)
            while True:  # the next newline at or after `position`
                chunk = handle.read(1 << 16)
                found = chunk.find(b"\n")
                if not chunk or found >= 0:
                    position = position + found + 1 if found >= 0 else size
                    break
                position += len(chunk)
            if starts[-1] < position < size:
                starts.append(position)
    return starts


def _jsonl_partitions(path: Path, display: str, blocksize: int, text_column: str | None,
                      lenient: bool) -> list[InputPartition]:
    starts = _line_starts(path, blocksize)
    bounds = list(zip(starts, starts[1:] + [path.stat().st_size]))
    scans = tuple(Deferred(_scan_jsonl_block, (str(path), start, stop)) for start, stop in bounds)
    layout = Deferred(_jsonl_layout, (scans, display, text_column, lenient))
    return [InputPartition(_jsonl_block_records, (str(path), display, start, stop, i, layout))
            for i, (start, stop) in enumerate(bounds)]


def _parquet_partitions(path: Path, display: str, text_column: str | None, lenient: bool
                        ) -> list[InputPartition]:
    import pyarrow.parquet as pq

    try:  # the footer only: the schema's columns and the row groups' sizes
        with pq.ParquetFile(path) as parquet:
            names = list(parquet_table(parquet.schema_arrow.empty_table()).columns)
            sizes = [parquet.metadata.row_group(i).num_rows
                     for i in range(parquet.metadata.num_row_groups)]
    except (OSError, ValueError) as error:
        raise table_error(display, error) from error
    columns = table_columns(names + ["_row"], display, text_column)
    parts, first_row = [], 1
    for group, size in enumerate(sizes):
        parts.append(InputPartition(_parquet_group_records,
                                    (str(path), display, group, first_row, columns, lenient)))
        first_row += size
    return parts or [InputPartition(_no_records, ())]


def _whole_table_partitions(path: Path, display: str, pieces: int, text_column: str | None,
                            lenient: bool) -> list[InputPartition]:
    whole = Deferred(_read_whole_table, (str(path), display, text_column, lenient))
    return [InputPartition(_table_piece_records, (whole, display, i, pieces))
            for i in range(pieces)]


def _table_partitions(path: Path, display: str, blocksize: int | None, text_column: str | None,
                      lenient: bool = False) -> list[InputPartition]:
    """The partitions of one table; with `lenient` (a table in a folder) a table that cannot
    be used gives one partition that rejects it, instead of an ArticleLoadError."""
    try:
        return _listed_table_partitions(path, display, blocksize, text_column, lenient)
    except ArticleLoadError as error:
        if not lenient:
            raise
        return [InputPartition(_rejection, (display, _error_reason(error, display)))]


def _listed_table_partitions(path: Path, display: str, blocksize: int | None,
                             text_column: str | None, lenient: bool) -> list[InputPartition]:
    suffix = path.suffix.lower()
    reason = not_regular_reason(path)
    if reason is not None:
        raise ArticleLoadError(f"{display}: {reason}")
    if blocksize is None:
        return _whole_table_partitions(path, display, 1, text_column, lenient)
    if suffix in {".jsonl", ".ndjson"}:
        return _jsonl_partitions(path, display, blocksize, text_column, lenient)
    if suffix in {".parquet", ".pq"}:
        return _parquet_partitions(path, display, text_column, lenient)
    if suffix in {".csv", ".tsv"}:  # the header names the columns: fail before reading it all
        header = csv_header(path)
        if header is not None:
            table_columns(header + ["_row"], display, text_column)
    return _whole_table_partitions(path, display, max(1, -(-path.stat().st_size // blocksize)),
                                   text_column, lenient)


def _relative(file: Path, base: Path) -> str:
    """`file` relative to `base`, as `Path.relative_to` gives it (by string for speed)."""
    text, prefix = str(file), os.path.join(str(base), "")
    return text[len(prefix):] if text.startswith(prefix) else str(file.relative_to(base))


def check_partition_settings(files_per_partition: int, blocksize: int | None) -> None:
    """TypeError / ValueError naming the setting when a partition size is not a positive int."""
    for name, value, optional in (("files_per_partition", files_per_partition, False),
                                  ("blocksize", blocksize, True)):
        if value is None and optional:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be a positive int{' or None' if optional else ''}, "
                            f"got {type(value).__name__} {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be a positive int (at least 1), got {value}")


def input_partitions(path: str | os.PathLike, *, files_per_partition: int = FILES_PER_PARTITION,
                     blocksize: int | None = BLOCKSIZE, text_column: str | None = None,
                     relative_to: str | os.PathLike | None = None) -> list[InputPartition]:
    """The partitions of a file or folder, in input order, listed without reading it (except a
    Parquet footer, a CSV header and, for JSONL, the bytes around each block boundary).

    Sources are file names relative to the folder (or to `relative_to`), "file:row" for table
    rows. `blocksize`: bytes of a JSONL/CSV/JSON table per partition (None: each table whole).
    What the folder holds that cannot be read is rejected by the first partition. Files are
    read by the path given: give an absolute one when other processes read the partitions.
    """
    check_partition_settings(files_per_partition, blocksize)
    path = Path(path).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if not path.is_dir():
        reason = not_regular_reason(path)
        if reason is not None:  # never opened: reading a FIFO would hang
            raise ArticleLoadError(f"{path}: {reason}")
        if is_table_file(path):
            return _table_partitions(path, path.name, blocksize, text_column)
        return [InputPartition(text_file_records, (((str(path), path.name),),))]
    base = Path(relative_to) if relative_to else path
    texts, tables, unsupported = folder_inputs(path, base)
    files = [(str(file), _relative(file, base)) for file in texts]
    parts = [InputPartition(text_file_records, (tuple(files[i:i + files_per_partition]),))
             for i in range(0, len(files), files_per_partition)]
    for table in tables:
        parts += _table_partitions(table, str(table.relative_to(base)), blocksize, text_column,
                                   lenient=True)
    if unsupported:  # listed by the first partition: no extra partition without articles
        parts[0] = dataclasses.replace(parts[0], rejected=tuple(unsupported))
    return parts
