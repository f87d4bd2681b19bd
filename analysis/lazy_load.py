"""The load stage, lazily, for Dask: load_articles' articles and rejections, one task per partition.

A corpus too large for one process is read by loader tasks that each hold only their share of it:
text files in chunks, a JSONL file in byte blocks aligned on newlines, a Parquet file by row
group; a CSV/TSV (whose quoted fields may span lines) or a .json document is read whole by one
task and then split. Every loader returns ``(articles, rejected)`` with exactly load_articles'
sources and reasons, so nothing is dropped silently. :func:`read_articles` and
:func:`read_rejections` are two Dask DataFrames over the same loader tasks (deterministic keys):
``dask.compute(read_articles(p), read_rejections(p))`` reads every input once.

Duplicates are flagged within a partition only (run_corpus dedupes across partitions with a cheap
id pass, :meth:`InputPartition.article_ids`).
"""
from __future__ import annotations

import dataclasses
import io
import operator
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis import load
from analysis.load import ArticleLoadError

if TYPE_CHECKING:
    import dask.dataframe as dd
    from dask.delayed import Delayed

REJECTION_COLUMNS = ["source", "reason"]
Rejections = list[tuple[str, str]]
Columns = tuple[str, dict[str, Any]]  # load.table_columns: text column, metadata columns


def article_meta() -> pd.DataFrame:
    """Columns and dtypes of load_articles' output (the meta of a lazily read corpus)."""
    dtypes = {c: object for c in load.ARTICLE_COLUMNS}
    dtypes.update({"n_chars": "int64", "n_words": "int64", "is_duplicate": bool})
    return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in load.ARTICLE_COLUMNS})


def rejection_meta() -> pd.DataFrame:
    """Columns and dtypes of load_articles' attrs["rejected"]."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in REJECTION_COLUMNS})


def rejections_frame(rejected: Sequence[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(list(rejected), columns=REJECTION_COLUMNS, dtype=object)


def combine_rejections(frames: Sequence[pd.DataFrame | None]) -> pd.DataFrame:
    """Rejection tables as one (source, reason) table sorted by source, for a stable report."""
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return rejection_meta()
    frame = pd.concat([f[REJECTION_COLUMNS] for f in frames], ignore_index=True).astype(object)
    return frame.sort_values(REJECTION_COLUMNS, kind="mergesort").reset_index(drop=True)


def _conform_articles(frame: pd.DataFrame) -> pd.DataFrame:
    meta = article_meta()
    frame = frame.reindex(columns=meta.columns).reset_index(drop=True)
    frame.attrs = {}  # rejections travel separately; a DataFrame in attrs breaks Dask's concat
    return frame.astype(dict(meta.dtypes.items()))


def _articles(records: list[dict]) -> pd.DataFrame:
    if not records:  # a partition whose inputs were all rejected: not an error here
        return article_meta()
    return _conform_articles(load.articles_frame(records, [], False, ""))


# ------------------------------------------------------------------------- record readers
# Each returns (records, rejected) for one partition: records as load.articles_frame takes them.


def _text_file_records(files: Sequence[str], base: str) -> tuple[list[dict], Rejections]:
    rejected: Rejections = []
    records = load.text_file_records([Path(f) for f in files], Path(base), rejected)
    return records, rejected


def _read_range(path: str, start: int, stop: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(start)
        return handle.read(stop - start)


def _scan_jsonl_block(path: str, start: int, stop: int) -> tuple[int, list]:
    """(newlines, keys of the valid objects in order of appearance) of one JSONL block: the line
    offset of the later blocks and the columns load_articles would see for the whole file."""
    data = _read_range(path, start, stop)
    keys: dict = {}
    for record in load.jsonl_records(io.BytesIO(data), "", 1, []):
        keys.update(dict.fromkeys(record))
    return data.count(b"\n"), list(keys)


def _jsonl_layout(scans: list[tuple[int, list]], display: str, text_column: str | None
                  ) -> tuple[Columns, list[int]]:
    """The file's columns (ArticleLoadError without a text column) and each block's first line."""
    columns = dict.fromkeys(key for _, keys in scans for key in keys)
    columns.setdefault("_row", None)  # as read_table adds it to a table without records
    first_lines, line = [], 1
    for newlines, _ in scans:
        first_lines.append(line)
        line += newlines
    return load.table_columns(columns, display, text_column), first_lines


def _jsonl_block_records(path: str, display: str, start: int, stop: int, index: int,
                         layout: tuple[Columns, list[int]]) -> tuple[list[dict], Rejections]:
    columns, first_lines = layout
    rejected: Rejections = []
    lines = io.BytesIO(_read_range(path, start, stop))
    frame = load.records_table(load.jsonl_records(lines, display, first_lines[index], rejected))
    return list(load.records_from_table(frame, display, None, rejected, columns)), rejected


def _parquet_group_records(path: str, display: str, group: int, first_row: int,
                           columns: Columns) -> tuple[list[dict], Rejections]:
    import pyarrow.parquet as pq

    try:
        with pq.ParquetFile(path) as parquet:
            frame = load.parquet_table(parquet.read_row_group(group))
    except (OSError, ValueError) as error:
        raise _table_error(display, error) from error
    frame["_row"] = range(first_row, first_row + len(frame))
    rejected: Rejections = []
    return list(load.records_from_table(frame, display, None, rejected, columns)), rejected


def _read_whole_table(path: str, display: str, text_column: str | None
                      ) -> tuple[pd.DataFrame, Columns]:
    frame = load.read_table(Path(path), display, [])  # only JSONL lines are rejected on reading
    return frame, load.table_columns(frame.columns, display, text_column)


def _table_piece_records(whole: tuple[pd.DataFrame, Columns], display: str, index: int,
                         pieces: int) -> tuple[list[dict], Rejections]:
    frame, columns = whole
    start, stop = len(frame) * index // pieces, len(frame) * (index + 1) // pieces
    rejected: Rejections = []
    records = list(load.records_from_table(frame.iloc[start:stop], display, None, rejected,
                                            columns))
    return records, rejected


def _no_records() -> tuple[list[dict], Rejections]:
    return [], []


def _table_error(display: str, error: Exception) -> ArticleLoadError:
    return ArticleLoadError(f"{display}: cannot read table ({type(error).__name__}: {error})")


# ----------------------------------------------------------------------------- partitions


def load_partition(read: Callable[..., tuple[list[dict], Rejections]], args: tuple,
                   rejected: tuple[tuple[str, str], ...] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One loader task: (articles, rejected) of a partition; `rejected` adds what was rejected
    while listing the input (unsupported files in a folder)."""
    records, found = read(*args)
    return _articles(records), rejections_frame(list(rejected) + found)


def partition_ids(read: Callable[..., tuple[list[dict], Rejections]], args: tuple) -> list[str]:
    """Article ids of a partition from its raw records: reading and hashing, no cleaning."""
    records, _ = read(*args)  # rejected inputs have no id; the loader task records them
    return [load.article_id(record["raw_text"]) for record in records]


@dataclass(frozen=True)
class InputPartition:
    """One loader's share of the input; `args` may hold Delayed values (a JSONL block's layout)."""

    read: Callable[..., tuple[list[dict], Rejections]]
    args: tuple
    rejected: tuple[tuple[str, str], ...] = ()

    def load(self) -> Delayed:
        """The loader task, yielding (articles, rejected); the same key on every call."""
        from dask import delayed

        return delayed(load_partition, pure=True)(self.read, self.args, self.rejected)

    def article_ids(self) -> Delayed:
        """A task yielding the partition's article ids (the cheap first pass of a dedupe)."""
        from dask import delayed

        return delayed(partition_ids, pure=True)(self.read, self.args)


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


def _jsonl_partitions(path: Path, display: str, blocksize: int, text_column: str | None
                      ) -> list[InputPartition]:
    from dask import delayed

    starts = _line_starts(path, blocksize)
    bounds = list(zip(starts, starts[1:] + [path.stat().st_size]))
    scans = [delayed(_scan_jsonl_block, pure=True)(str(path), start, stop)
             for start, stop in bounds]
    layout = delayed(_jsonl_layout, pure=True)(scans, display, text_column)
    return [InputPartition(_jsonl_block_records, (str(path), display, start, stop, i, layout))
            for i, (start, stop) in enumerate(bounds)]


def _parquet_partitions(path: Path, display: str, text_column: str | None
                        ) -> list[InputPartition]:
    import pyarrow.parquet as pq

    try:  # the footer only: the schema's columns and the row groups' sizes
        with pq.ParquetFile(path) as parquet:
            names = list(load.parquet_table(parquet.schema_arrow.empty_table()).columns)
            sizes = [parquet.metadata.row_group(i).num_rows
                     for i in range(parquet.metadata.num_row_groups)]
    except (OSError, ValueError) as error:
        raise _table_error(display, error) from error
    columns = load.table_columns(names + ["_row"], display, text_column)
    parts, first_row = [], 1
    for group, size in enumerate(sizes):
        parts.append(InputPartition(_parquet_group_records,
                                    (str(path), display, group, first_row, columns)))
        first_row += size
    return parts or [InputPartition(_no_records, ())]


def _whole_table_partitions(path: Path, display: str, blocksize: int, text_column: str | None
                            ) -> list[InputPartition]:
    from dask import delayed

    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"}:  # the header names the columns: fail before any task runs
        try:
            header = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str, nrows=0,
                                 keep_default_na=False, encoding_errors="strict")
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError,
                ValueError):
            header = None  # the reading task raises load_articles' error
        if header is not None:
            load.table_columns(list(header.columns) + ["_row"], display, text_column)
    whole = delayed(_read_whole_table, pure=True)(str(path), display, text_column)
    pieces = max(1, -(-path.stat().st_size // blocksize))
    return [InputPartition(_table_piece_records, (whole, display, i, pieces))
            for i in range(pieces)]


def _table_partitions(path: Path, display: str, blocksize: int, text_column: str | None
                      ) -> list[InputPartition]:
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return _jsonl_partitions(path, display, blocksize, text_column)
    if suffix in {".parquet", ".pq"}:
        return _parquet_partitions(path, display, text_column)
    return _whole_table_partitions(path, display, blocksize, text_column)


def input_partitions(path: str | os.PathLike, *, files_per_partition: int = 200,
                     blocksize: int = 16_000_000, text_column: str | None = None
                     ) -> list[InputPartition]:
    """The partitions of an input, listed without reading it (except a Parquet footer, a CSV
    header and, for JSONL, the bytes around each block boundary)."""
    given = Path(path).expanduser()
    if not given.exists():
        raise FileNotFoundError(f"{given}: no such file or folder")
    path = given.resolve()  # workers may run in another directory
    if not path.is_dir():
        if path.suffix.lower() in load.TABLE_SUFFIXES:
            return _table_partitions(path, path.name, blocksize, text_column)
        return [InputPartition(_text_file_records, ((str(path),), str(path.parent)))]
    texts, tables, unsupported = load.folder_inputs(path, path)
    parts = [InputPartition(_text_file_records,
                            (tuple(str(p) for p in texts[i:i + files_per_partition]), str(path)))
             for i in range(0, len(texts), files_per_partition)]
    for table in tables:
        parts += _table_partitions(table, str(table.relative_to(path)), blocksize, text_column)
    if unsupported:  # listed by the first loader: no extra partition without articles
        parts[0] = dataclasses.replace(parts[0], rejected=tuple(unsupported))
    return parts


def article_partitions(path: str | os.PathLike, *, files_per_partition: int = 200,
                       blocksize: int = 16_000_000, text_column: str | None = None
                       ) -> list[Delayed]:
    """The loader tasks of an input, each yielding (articles, rejected)."""
    return [part.load() for part in input_partitions(
        path, files_per_partition=files_per_partition, blocksize=blocksize,
        text_column=text_column)]


def load_text_files(files: Sequence[str], base: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(articles, rejected) of text files, exactly as load_articles reads them from the folder
    `base`."""
    return load_partition(_text_file_records, (tuple(files), base))


def _frame(loaders: list[Delayed], index: int, meta: pd.DataFrame) -> dd.DataFrame:
    import dask.dataframe as dd
    from dask import delayed

    return dd.from_delayed([delayed(operator.getitem, pure=True)(loader, index)
                            for loader in loaders], meta=meta)


def read_articles(path: str | os.PathLike, *, files_per_partition: int = 200,
                  blocksize: int = 16_000_000, text_column: str | None = None) -> dd.DataFrame:
    """A lazy Dask DataFrame of articles with load_articles' columns and sources.

    `files_per_partition` text files or about `blocksize` bytes of a table per partition (a
    Parquet file: one row group). What could not be used is in :func:`read_rejections`.
    """
    return _frame(article_partitions(path, files_per_partition=files_per_partition,
                                     blocksize=blocksize, text_column=text_column),
                  0, article_meta())


def read_rejections(path: str | os.PathLike, *, files_per_partition: int = 200,
                    blocksize: int = 16_000_000, text_column: str | None = None) -> dd.DataFrame:
    """A lazy Dask DataFrame (source, reason) of the inputs read_articles could not use: the
    rows of load_articles' attrs["rejected"], from the same loader tasks."""
    return _frame(article_partitions(path, files_per_partition=files_per_partition,
                                     blocksize=blocksize, text_column=text_column),
                  1, rejection_meta())
