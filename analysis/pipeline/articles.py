"""Articles in, one DataFrame row per article out: the records the readers give, cleaned.

Accepts a `.txt` file, a folder of `.txt` files (recursive), a CSV/TSV, JSONL/JSON or Parquet table,
or a pandas DataFrame. Inputs that cannot be used are never dropped silently: they are listed in
`df.attrs["rejected"]` (columns source, reason) and, when nothing at all could be loaded, reported
in the raised error.

One loader, two schedulers: :func:`load_articles` reads the partitions of
:func:`analysis.io.input_partitions` one after the other (one per file, each table whole), then
cleans every article once (with the annotation cache) and builds the table. :func:`read_articles`
and :func:`read_rejections` read the same kind of partitions as Dask tasks, each holding only its
share of the corpus; every loader task yields ``(articles, rejected)`` with exactly
load_articles' columns, sources and reasons. Steps shared by the partitions of one file
(:class:`analysis.io.Deferred`: a JSONL file's layout, a CSV read whole) become one task that the
loaders depend on. ``dask.compute(*read_articles_and_rejections(p))`` reads every input once
and lists it once (``dask.compute(read_articles(p), read_rejections(p))`` reads it once too:
deterministic keys). On the Dask path duplicates are flagged within a partition only (run_corpus
dedupes across partitions with a cheap id pass, :func:`article_id_tasks`), and cleaning does not
use the annotation cache.
"""
from __future__ import annotations

import hashlib
import logging
import operator
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.clean import clean_article
from analysis.core.progress import progress_bar
from analysis.core.schemas import conform, empty_frame
from analysis.io import (
    BLOCKSIZE,
    FILES_PER_PARTITION,
    ArticleLoadError,
    Deferred,
    InputPartition,
    Records,
    Rejections,
    article_id,
    dataframe_records,
    input_partitions,
    is_table_file,
    replace_deferred,
    text_file_records,
)
from analysis.io.columns import date_columns, describe_load, extra_frame, table_description
from analysis.io.dates import DATE_DTYPE
from analysis.pipeline.cache import AnnotationCache, annotation_cache

if TYPE_CHECKING:
    import dask.dataframe as dd
    from dask.delayed import Delayed

ARTICLE_COLUMNS = ["article_id", "source", "raw_text", "text", "headline", "title", "date",
                   "date_raw", "outlet", "url", "encoding", "n_chars", "n_words", "clean_flags",
                   "is_duplicate", "duplicate_of"]
ARTICLE_DTYPES = {**{column: object for column in ARTICLE_COLUMNS}, "date": DATE_DTYPE,
                  "n_chars": "int64", "n_words": "int64", "is_duplicate": bool}
REJECTION_COLUMNS = ["source", "reason"]
UNPARSED_DATE_COLUMNS = ["source", "date_raw"]
#: The note load_articles logs about a table (text column chosen, others found, dates read).
logger = logging.getLogger(__name__)

CLEAN_STAGE = "clean"  # the annotation cache's name for load_articles' cleaning results
CLEAN_DTYPES = {"article_id": object, "text": object, "headline": object, "clean_flags": object,
                "mojibake_repaired": bool}


def article_meta() -> pd.DataFrame:
    """Columns and dtypes of load_articles' output (the meta of a lazily read corpus)."""
    return empty_frame(ARTICLE_DTYPES)


def rejections_frame(rejected: Sequence[tuple[str, str]] = ()) -> pd.DataFrame:
    """Rejections (source, reason) as a table, in the order given; with none, the columns and
    dtypes of load_articles' attrs["rejected"] (the meta of read_rejections)."""
    return pd.DataFrame(list(rejected), columns=REJECTION_COLUMNS, dtype=object)


def combine_rejections(frames: Sequence[pd.DataFrame | None]) -> pd.DataFrame:
    """Rejection tables as one (source, reason) table sorted by source, for a stable report."""
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return rejections_frame()
    frame = pd.concat([f[REJECTION_COLUMNS] for f in frames], ignore_index=True).astype(object)
    return frame.sort_values(REJECTION_COLUMNS, kind="mergesort").reset_index(drop=True)


# ------------------------------------------------------------------------------ cleaning


def _clean_record(raw: str, title: str | None = None) -> dict:
    """What load_articles derives from a raw text (and the table's title, which the cleaner
    looks for in the body) by cleaning it: the cached part of a row."""
    cleaned = clean_article(raw, title=title)
    return {"text": cleaned.text, "headline": cleaned.headline,
            "clean_flags": "; ".join(cleaned.flags), "mojibake_repaired": cleaned.mojibake_repaired}


def clean_key(identifier: str, title: str | None) -> str:
    """What the cleaning of an article is cached under: its id, plus a hash of the title when
    the input gives one (the same text with another title may clean differently)."""
    if title is None:
        return identifier
    digest = hashlib.sha1(title.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{identifier}@{digest}"


def _cached_cleaning(cache: AnnotationCache, ids: list[str]) -> dict[str, dict]:
    """Clean key -> cleaning results of the articles the annotation cache has."""
    rows, _ = cache.get(CLEAN_STAGE, list(dict.fromkeys(ids)))
    results: dict[str, dict] = {}
    if rows is not None:  # missing headlines as None, the flag as bool
        for row in conform(rows, empty_frame(CLEAN_DTYPES)).to_dict("records"):
            results[row.pop("article_id")] = row
    return results


def _cleaned(records: list[dict], ids: list[str], progress: bool | None,
             cache: AnnotationCache | None, batch_size: int = 1000) -> dict[str, dict]:
    """Clean key (:func:`clean_key`, parallel to records) -> its cleaning results, read from
    the annotation cache where they are and computed (then stored) where they are not."""
    caching = cache is not None and cache.enabled
    results = _cached_cleaning(cache, ids) if caching else {}
    todo = {identifier: (record["raw_text"], record.get("title"))
            for identifier, record in zip(ids, records)
            if identifier not in results}  # each article (and title) once

    def keep(batch: dict[str, dict]) -> None:
        results.update(batch)
        if caching and batch:
            frame = pd.DataFrame([{"article_id": i, **values} for i, values in batch.items()])
            cache.put(CLEAN_STAGE, list(batch), frame.astype(CLEAN_DTYPES))

    batch: dict[str, dict] = {}
    for identifier, (raw, title) in progress_bar(todo.items(), len(todo), progress, "cleaning"):
        batch[identifier] = _clean_record(raw, title)
        if len(batch) >= batch_size:
            keep(batch)
            batch = {}
    keep(batch)
    return results


# -------------------------------------------------------------------------- article table


def _article_row(identifier: str, record: dict, clean: dict, duplicate_of: str | None) -> dict:
    raw = record["raw_text"]
    return {
        "article_id": identifier,
        "source": record["source"],
        "raw_text": raw,
        "text": clean["text"],
        "headline": clean["headline"] or record.get("title"),
        "title": record.get("title"),
        "outlet": record.get("outlet"),
        "url": record.get("url"),
        "encoding": record["encoding"] + ("+mojibake-repaired" if clean["mojibake_repaired"] else ""),
        "n_chars": len(raw),
        "n_words": len(clean["text"].split()),
        "clean_flags": clean["clean_flags"],
        "is_duplicate": duplicate_of is not None,
        "duplicate_of": duplicate_of,
    }


def _duplicate_of(ids: Iterable[str], sources: Iterable[str]) -> list[str | None]:
    """For each article, the source of the first earlier article with the same id (None for
    the first one)."""
    first_source: dict[str, str] = {}
    duplicate_of = []
    for identifier, source in zip(ids, sources):
        duplicate_of.append(first_source.get(identifier))
        first_source.setdefault(identifier, source)
    return duplicate_of


def _article_table(records: list[dict], progress: bool | None,
                   cache: AnnotationCache | None) -> tuple[pd.DataFrame, list[int]]:
    """The article table of records (load_articles' columns and dtypes, no attrs), and the
    positions of the dates that could not be read."""
    ids = [article_id(record["raw_text"]) for record in records]
    keys = [clean_key(identifier, record.get("title")) for identifier, record in zip(ids, records)]
    cleaned = _cleaned(records, keys, progress, cache)
    duplicate_of = _duplicate_of(ids, (record["source"] for record in records))
    rows = [_article_row(identifier, record, cleaned[key], duplicate)
            for identifier, key, record, duplicate in zip(ids, keys, records, duplicate_of)]
    # object columns keep None for missing metadata (pandas' string dtype would turn it into NaN)
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS, dtype=object)
    frame["date"], frame["date_raw"], unread = date_columns(records)
    # before any attrs: astype on a frame with a DataFrame in attrs raises (pandas 3)
    frame = frame.astype({"n_chars": "int64", "n_words": "int64", "is_duplicate": bool})
    return frame, unread


def articles_frame(records: list[dict], rejected: Rejections, progress: bool | None,
                   origin: str, cache: AnnotationCache | None = None,
                   text_column: str | None = None) -> pd.DataFrame:
    """Clean the records into the article table, keeping the input's other columns after the
    article columns; `rejected` goes to attrs["rejected"], the rest of what the load found to
    the other attrs (see :func:`load_articles`). With an annotation cache, articles cleaned
    before are read from it instead of cleaned again. ArticleLoadError (naming `origin` and
    the first rejections) when there is no record."""
    if not records:
        detail = "; ".join(f"{source}: {reason}" for source, reason in rejected[:10])
        more = f" (and {len(rejected) - 10} more)" if len(rejected) > 10 else ""
        raise ArticleLoadError(f"{origin}: no article could be loaded. {detail}{more}".strip())
    frame, unread = _article_table(records, progress, cache)
    extras, renamed = extra_frame(records, ARTICLE_COLUMNS)
    if len(extras.columns):
        frame = pd.concat([frame, extras], axis=1)
    description = table_description(records, extras, renamed)
    unparsed = pd.DataFrame({"source": frame["source"].iloc[unread].tolist(),
                             "date_raw": frame["date_raw"].iloc[unread].tolist()},
                            columns=UNPARSED_DATE_COLUMNS, dtype=object)
    frame.attrs.update(description)
    frame.attrs["unparsed_dates"] = unparsed
    frame.attrs["rejected"] = rejections_frame(rejected)
    if description["text_column"] is not None:
        note = describe_load(origin, description, int(frame["date"].notna().sum()), len(unread),
                             chosen=text_column is not None)
        frame.attrs["note"] = note
        ambiguous = (description["other_text_columns"] and text_column is None) or unread
        logger.log(logging.WARNING if ambiguous else logging.INFO, note)
    return frame


def concat_articles(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Combine article tables: rows in order, rejections merged, duplicates flagged across tables.

    Plain `pd.concat` fails on tables whose `attrs["rejected"]` differ (pandas compares attrs).
    """
    frames = list(frames)
    rejected = [frame.attrs.get("rejected") for frame in frames]
    rejected = [r for r in rejected if r is not None and len(r)]
    plain = []
    for frame in frames:
        frame = frame.copy(deep=False)
        frame.attrs = {}
        plain.append(frame)
    combined = pd.concat(plain, ignore_index=True) if plain else pd.DataFrame(columns=ARTICLE_COLUMNS)
    duplicate_of = _duplicate_of(combined["article_id"], combined["source"])
    combined["duplicate_of"] = pd.Series(duplicate_of, index=combined.index, dtype=object)
    combined["is_duplicate"] = combined["duplicate_of"].notna()
    combined.attrs["rejected"] = (pd.concat(rejected, ignore_index=True) if rejected
                                  else rejections_frame())
    unparsed = [frame.attrs["unparsed_dates"] for frame in frames
                if len(frame.attrs.get("unparsed_dates", ()))]
    combined.attrs["unparsed_dates"] = (
        pd.concat(unparsed, ignore_index=True) if unparsed
        else pd.DataFrame(columns=UNPARSED_DATE_COLUMNS, dtype=object))
    return combined


# --------------------------------------------------------------------------------- loading


def read_records(path: Path, text_column: str | None, relative_to: str | os.PathLike | None,
                 progress: bool | None) -> tuple[list[dict], Rejections]:
    """(records, rejections) of a file or folder: its partitions (one per file, each table whole)
    read in order. A single text file that cannot be used is an ArticleLoadError."""
    parts = input_partitions(path, files_per_partition=1, blocksize=None, text_column=text_column,
                             relative_to=relative_to)
    records: list[dict] = []
    rejected: Rejections = []
    for part in progress_bar(parts, len(parts), progress, "reading"):
        found, refused = part.read()
        records += found
        rejected += refused
    if not records and path.is_file() and not is_table_file(path):
        raise ArticleLoadError(f"{path}: {rejected[0][1]}")
    return records, rejected


def load_articles(path: str | os.PathLike | pd.DataFrame, *, text_column: str | None = None,
                  progress: bool | None = None, relative_to: str | os.PathLike | None = None,
                  cache: AnnotationCache | str | os.PathLike | bool | None = None
                  ) -> pd.DataFrame:
    """Load articles into one row per article.

    Columns: article_id (hash of the raw text), source (the input's name: file, or file:row for
    tables), raw_text (as decoded, never altered, except that a lone UTF-16 surrogate, which no
    UTF-8 or Parquet file can hold, becomes U+FFFD and `encoding` ends in
    "+surrogates-replaced"), text (clean body), headline, title, date (datetime64[ns], naive
    UTC; NaT when missing or unreadable), date_raw (the date as the input wrote it), outlet, url
    (None when the input has no such field), encoding, n_chars, n_words, clean_flags,
    is_duplicate, duplicate_of.

    A table keeps every column: the text column becomes raw_text; a column named like a title,
    date, outlet or url (see :data:`analysis.io.METADATA_COLUMNS`: "source", "publisher",
    "site", "domain"... for the outlet; "published", "pubdate", "timestamp"... for the date)
    fills that column; every other column follows the article columns under its own name, or
    "input_<name>" when the article table already has the name (an input "text" column that is
    not the text column is "input_text"). The text column is the first of
    :data:`analysis.io.TEXT_COLUMNS` the table has, or `text_column`.

    attrs: "rejected" (source, reason: inputs not loaded, never dropped silently),
    "unparsed_dates" (source, date_raw), "text_column", "other_text_columns" (kept columns that
    look like article text: pass one as `text_column` to use it instead), "metadata_columns"
    ({"outlet": "source", ...}: the input column behind each), "renamed_columns" and, for
    tables, "note" (that summary as text, also logged: a warning when another text-like column
    exists or dates could not be read).

    `progress=None` shows a tqdm bar only for large inputs; `relative_to` shortens file sources
    (defaults to the folder that was loaded). Cleaning results are kept in the annotation cache
    (`cache`, as in :func:`analysis.pipeline.cache.annotation_cache`; False turns it off), so
    loading an unchanged corpus again reads them instead of cleaning every article again.
    """
    store = annotation_cache(cache)
    if text_column is not None and not isinstance(text_column, str):
        raise TypeError(f"text_column must be a column name (str) or None, got "
                        f"{type(text_column).__name__}")
    if isinstance(path, pd.DataFrame):
        records, rejected = dataframe_records(path, text_column)
        return articles_frame(records, rejected, progress, "dataframe", store, text_column)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load_articles expects a path (str or os.PathLike) or a pandas "
                        f"DataFrame, got {type(path).__name__}")
    path = Path(path).expanduser()
    records, rejected = read_records(path, text_column, relative_to, progress)
    return articles_frame(records, rejected, progress, str(path), store, text_column)


# ------------------------------------------------------------------------------ with Dask


def partition_articles(records: list[dict]) -> pd.DataFrame:
    """The article table of one partition's records (load_articles' columns and dtypes, no
    attrs); empty when every input of the partition was rejected (not an error here)."""
    if not records:
        return article_meta()
    return _article_table(records, False, None)[0]  # rejections travel separately


def load_partition(reader: Callable[..., Records], args: tuple,
                   rejected: tuple[tuple[str, str], ...] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One loader task: (articles, rejected) of the partition InputPartition(reader, args,
    rejected), its shared steps already computed by Dask."""
    records, found = InputPartition(reader, args, rejected).read()
    return partition_articles(records), rejections_frame(found)


def partition_ids(reader: Callable[..., Records], args: tuple) -> list[str]:
    """Article ids of a partition from its raw records: reading and hashing, no cleaning."""
    records, _ = InputPartition(reader, args).read()  # rejected inputs have no id
    return [article_id(record["raw_text"]) for record in records]


class _Tasks:
    """Deferred steps as Dask tasks, one per step however many partitions share it."""

    def __init__(self) -> None:
        self.tasks: dict[int, Delayed] = {}

    def __call__(self, step: Deferred) -> Delayed:
        from dask import delayed

        if id(step) not in self.tasks:
            self.tasks[id(step)] = delayed(step.function, pure=True)(
                *replace_deferred(step.args, self))
        return self.tasks[id(step)]


def loader_tasks(parts: Sequence[InputPartition]) -> list[Delayed]:
    """One task per partition, yielding (articles, rejected); the same keys on every call."""
    from dask import delayed

    tasks = _Tasks()
    return [delayed(load_partition, pure=True)(part.reader, replace_deferred(part.args, tasks),
                                               part.rejected)
            for part in parts]


def article_id_tasks(parts: Sequence[InputPartition]) -> list[Delayed]:
    """One task per partition, yielding its article ids (the cheap first pass of a dedupe)."""
    from dask import delayed

    tasks = _Tasks()
    return [delayed(partition_ids, pure=True)(part.reader, replace_deferred(part.args, tasks))
            for part in parts]


def lazy_partitions(path: str | os.PathLike, *, files_per_partition: int = FILES_PER_PARTITION,
                    blocksize: int = BLOCKSIZE, text_column: str | None = None
                    ) -> list[InputPartition]:
    """The partitions of an input as Dask workers read them: of the resolved path, since a
    worker may run in another directory (FileNotFoundError names the path as given)."""
    given = Path(path).expanduser()
    return input_partitions(given.resolve() if given.exists() else given,
                            files_per_partition=files_per_partition, blocksize=blocksize,
                            text_column=text_column)


def article_partitions(path: str | os.PathLike, *, files_per_partition: int = FILES_PER_PARTITION,
                       blocksize: int = BLOCKSIZE, text_column: str | None = None
                       ) -> list[Delayed]:
    """The loader tasks of an input, each yielding (articles, rejected)."""
    return loader_tasks(lazy_partitions(path, files_per_partition=files_per_partition,
                                        blocksize=blocksize, text_column=text_column))


def load_text_files(files: Sequence[str], base: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(articles, rejected) of text files, exactly as load_articles reads them from the folder
    `base`."""
    named = tuple((str(file), str(Path(file).relative_to(base))) for file in files)
    return load_partition(text_file_records, (named,))


def _frame(loaders: list[Delayed], index: int, meta: pd.DataFrame) -> dd.DataFrame:
    import dask
    import dask.dataframe as dd
    from dask import delayed

    # Dask's default turns object columns into pyarrow strings: the frame would not have the
    # dtypes of its meta, of load_articles or of the annotation stages.
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_delayed([delayed(operator.getitem, pure=True)(loader, index)
                                for loader in loaders], meta=meta)


def read_articles_and_rejections(path: str | os.PathLike, *,
                                 files_per_partition: int = FILES_PER_PARTITION,
                                 blocksize: int = BLOCKSIZE, text_column: str | None = None
                                 ) -> tuple[dd.DataFrame, dd.DataFrame]:
    """(:func:`read_articles`, :func:`read_rejections`) of an input, listing it once: two lazy
    frames of the same loader tasks."""
    loaders = article_partitions(path, files_per_partition=files_per_partition,
                                 blocksize=blocksize, text_column=text_column)
    return _frame(loaders, 0, article_meta()), _frame(loaders, 1, rejections_frame())


def read_articles(path: str | os.PathLike, *, files_per_partition: int = FILES_PER_PARTITION,
                  blocksize: int = BLOCKSIZE, text_column: str | None = None) -> dd.DataFrame:
    """A lazy Dask DataFrame of articles with load_articles' article columns (ARTICLE_COLUMNS,
    same dtypes: text as object, `date` as datetime64[ns]) and sources. A table's other input
    columns are not carried (the columns of a lazy frame must be known before it is read):
    load the table with load_articles to keep them.

    `files_per_partition` text files or about `blocksize` bytes of a table per partition (a
    Parquet file: one row group); both must be positive ints (ValueError naming the setting).
    What could not be used is in :func:`read_rejections`.
    """
    return read_articles_and_rejections(path, files_per_partition=files_per_partition,
                                        blocksize=blocksize, text_column=text_column)[0]


def read_rejections(path: str | os.PathLike, *, files_per_partition: int = FILES_PER_PARTITION,
                    blocksize: int = BLOCKSIZE, text_column: str | None = None) -> dd.DataFrame:
    """A lazy Dask DataFrame (source, reason) of the inputs read_articles could not use: the
    rows of load_articles' attrs["rejected"], from the same loader tasks."""
    return read_articles_and_rejections(path, files_per_partition=files_per_partition,
                                        blocksize=blocksize, text_column=text_column)[1]
