"""Articles in, one DataFrame row per article out.

Accepts a `.txt` file, a folder of `.txt` files (recursive), a CSV/TSV, JSONL/JSON or Parquet table,
or a pandas DataFrame. Inputs that cannot be used are never dropped silently: they are listed in
`df.attrs["rejected"]` (columns source, reason) and, when nothing at all could be loaded, reported
in the raised error.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from analysis.cache import AnnotationCache, annotation_cache
from analysis.clean import clean_text, repair_mojibake

TEXT_FILE_SUFFIXES = {".txt", ".text"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet", ".pq"}

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

ARTICLE_COLUMNS = ["article_id", "source", "raw_text", "text", "headline", "title", "date", "outlet",
                   "url", "encoding", "n_chars", "n_words", "clean_flags", "is_duplicate",
                   "duplicate_of"]

_PROGRESS_THRESHOLD = 200


class ArticleLoadError(ValueError):
    """Nothing could be loaded; the message names each input and the reason."""


def article_id(raw_text: str) -> str:
    """Stable id of an article: the first 16 hex digits of the SHA-256 of its raw text."""
    return hashlib.sha256(raw_text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding). Raises ValueError for binary data."""
    if not data.strip():
        raise ValueError("empty file")
    sample = data[:8192]
    if b"\x00" in sample:
        if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16"), "utf-16"
        raise ValueError("binary file (contains NUL bytes), not text")
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    if controls > max(2, len(sample) // 100):
        raise ValueError("binary file (control bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def progress_bar(items: Iterable, total: int, enabled: bool | None, description: str) -> Iterable:
    """A tqdm bar (terminal or notebook) when enabled; None means only for large inputs."""
    if enabled is False or (enabled is None and total < _PROGRESS_THRESHOLD):
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=description, unit="article")


def _find_column(columns: Iterable[str], candidates: Iterable[str]) -> str | None:
    by_lower = {str(c).lower().strip(): c for c in columns}
    for candidate in candidates:
        if candidate in by_lower:
            return by_lower[candidate]
    return None


def jsonl_records(lines: Iterable[bytes], display: str, first_line: int,
                  rejected: list[tuple[str, str]]) -> list[dict]:
    """Parse JSONL lines numbered from `first_line`; bad lines are rejected one by one.

    Shared by load_articles (the whole file) and the lazy loader (one block of it).
    """
    records = []
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
    return records


def records_table(records: list[dict]) -> pd.DataFrame:
    """JSON records as a table of the values as parsed (object dtype: no int-to-float coercion
    that would depend on which rows share a block)."""
    return pd.DataFrame(records, dtype=object)


def parquet_table(table) -> pd.DataFrame:
    """A pyarrow table (or row group) as pandas; integers with nulls stay integers, so one row
    group converts like the whole file."""
    return table.to_pandas(integer_object_nulls=True)


def _read_jsonl(path: Path, display: str, rejected: list[tuple[str, str]]) -> pd.DataFrame:
    with open(path, "rb") as handle:
        return records_table(jsonl_records(handle, display, 1, rejected))


def read_table(path: Path, display: str, rejected: list[tuple[str, str]]) -> pd.DataFrame:
    """Read a table file, raising ValueError with the file name when it is malformed."""
    suffix = path.suffix.lower()
    try:
        if suffix in {".csv", ".tsv"}:
            frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str,
                                keep_default_na=False, encoding_errors="strict")
        elif suffix in {".jsonl", ".ndjson"}:
            frame = _read_jsonl(path, display, rejected)
        elif suffix == ".json":
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            records = data if isinstance(data, list) else data.get("articles", data.get("data"))
            if not isinstance(records, list):
                raise ValueError("expected a list of article objects (or {'articles': [...]})")
            frame = pd.DataFrame.from_records(records)
        else:
            import pyarrow.parquet as pq

            frame = parquet_table(pq.read_table(path))
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError,
            json.JSONDecodeError, ValueError, AttributeError) as error:
        raise ArticleLoadError(f"{display}: cannot read table ({type(error).__name__}: {error})") from error
    if "_row" not in frame.columns:
        first = 2 if suffix in {".csv", ".tsv"} else 1  # CSV rows are numbered as in a spreadsheet
        frame["_row"] = range(first, first + len(frame))
    return frame


def table_columns(columns: Iterable, source: str, text_column: str | None
                  ) -> tuple[str, dict[str, str | None]]:
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


def records_from_table(frame: pd.DataFrame, source: str, text_column: str | None,
                        rejected: list[tuple[str, str]],
                        columns: tuple[str, dict[str, str | None]] | None = None) -> Iterator[dict]:
    """Records of a table's rows. `columns` (from table_columns) is given when `frame` is one
    part of a larger table: a column the part lacks then counts as missing values."""
    column, metadata = columns if columns is not None else table_columns(frame.columns, source,
                                                                         text_column)
    rows = frame["_row"] if "_row" in frame.columns else pd.Series(range(1, len(frame) + 1))
    values = frame[column].tolist() if column in frame.columns else [None] * len(frame)
    for position, value in enumerate(values):
        row_source = f"{source}:{rows.iloc[position]}"
        if value is None or (isinstance(value, float) and pd.isna(value)):
            rejected.append((row_source, f"missing text in column {column!r}"))
            continue
        if isinstance(value, bytes):
            try:
                value, encoding = decode_bytes(value)
            except ValueError as error:
                rejected.append((row_source, str(error)))
                continue
        elif not isinstance(value, str):
            rejected.append((row_source, f"text is a {type(value).__name__}, not a string"))
            continue
        else:
            encoding = "table"
        if not value.strip():
            rejected.append((row_source, f"empty text in column {column!r}"))
            continue
        record = {"source": row_source, "raw_text": value, "encoding": encoding}
        for key, meta_column in metadata.items():
            if meta_column is not None and meta_column in frame.columns:
                meta = frame[meta_column].iloc[position]
                record[key] = None if (not isinstance(meta, str) and pd.isna(meta)) else str(meta)
        yield record


def list_article_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(.txt files, other files) below a folder, sorted for a stable order."""
    texts, others = [], []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith("."):
                continue
            (texts if path.suffix.lower() in TEXT_FILE_SUFFIXES else others).append(path)
    return texts, others


def read_article_file(path: Path, display: str) -> dict:
    """One text file as a record (source, raw_text, encoding); ValueError when it is unusable."""
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise ValueError("empty file")
    return {"source": display, "raw_text": text, "encoding": encoding}


def text_file_records(files: Iterable[Path], base: Path, rejected: list[tuple[str, str]]
                      ) -> list[dict]:
    """Records of text files (source relative to `base`); unusable files go to `rejected`."""
    records = []
    for file in files:
        display = str(file.relative_to(base))
        try:
            records.append(read_article_file(file, display))
        except (ValueError, UnicodeDecodeError, OSError) as error:
            rejected.append((display, str(error)))
    return records


def folder_inputs(folder: Path, base: Path) -> tuple[list[Path], list[Path], list[tuple[str, str]]]:
    """(text files, tables, rejections of the other files) below a folder; ArticleLoadError when
    nothing in it can be read."""
    texts, others = list_article_files(folder)
    tables = [p for p in others if p.suffix.lower() in TABLE_SUFFIXES]
    rejected = [(str(other.relative_to(base)), f"unsupported file type {other.suffix or '(none)'}")
                for other in others if other not in tables]
    if not texts and not tables:
        raise ArticleLoadError(
            f"{folder}: the folder has no .txt files or tables"
            + (f" (skipped: {', '.join(str(p.name) for p in others[:5])})" if others else ""))
    return texts, tables, rejected


CLEAN_STAGE = "clean"  # the annotation cache's name for load_articles' cleaning results


def _clean_record(raw: str) -> dict:
    """What load_articles derives from a raw text by cleaning it (the cached part of a row)."""
    repaired = repair_mojibake(raw)
    cleaned = clean_text(repaired)
    return {"text": cleaned.text, "headline": cleaned.headline,
            "clean_flags": "; ".join(cleaned.flags), "mojibake_repaired": repaired != raw}


def _cleaned(records: list[dict], ids: list[str], progress: bool | None,
             cache: AnnotationCache | None, batch_size: int = 1000) -> dict[str, dict]:
    """Article id -> its cleaning results, read from the annotation cache where they are and
    computed (then stored) where they are not."""
    results: dict[str, dict] = {}
    if cache is not None and cache.enabled:
        rows, _ = cache.get(CLEAN_STAGE, list(dict.fromkeys(ids)))
        if rows is not None:
            for row in rows.to_dict("records"):
                identifier = row.pop("article_id")
                row["headline"] = row["headline"] if isinstance(row["headline"], str) else None
                row["mojibake_repaired"] = bool(row["mojibake_repaired"])
                results[identifier] = row
    todo = {identifier: record["raw_text"] for identifier, record in zip(ids, records)
            if identifier not in results}  # each article once

    def keep(batch: dict[str, dict]) -> None:
        results.update(batch)
        if cache is not None and cache.enabled and batch:
            frame = pd.DataFrame([{"article_id": i, **values} for i, values in batch.items()])
            cache.put(CLEAN_STAGE, list(batch), frame.astype(
                {"article_id": object, "text": object, "headline": object, "clean_flags": object,
                 "mojibake_repaired": bool}))

    batch: dict[str, dict] = {}
    for identifier, raw in progress_bar(todo.items(), len(todo), progress, "cleaning"):
        batch[identifier] = _clean_record(raw)
        if len(batch) >= batch_size:
            keep(batch)
            batch = {}
    keep(batch)
    return results


def articles_frame(records: list[dict], rejected: list[tuple[str, str]], progress: bool | None,
                   origin: str, cache: AnnotationCache | None = None) -> pd.DataFrame:
    """Clean the records into the article table; `rejected` goes to attrs["rejected"]. With an
    annotation cache, articles cleaned before are read from it instead of cleaned again."""
    if not records:
        detail = "; ".join(f"{source}: {reason}" for source, reason in rejected[:10])
        more = f" (and {len(rejected) - 10} more)" if len(rejected) > 10 else ""
        raise ArticleLoadError(f"{origin}: no article could be loaded. {detail}{more}".strip())
    ids = [article_id(record["raw_text"]) for record in records]
    cleaned = _cleaned(records, ids, progress, cache)
    rows = []
    first_source: dict[str, str] = {}
    for identifier, record in zip(ids, records):
        raw = record["raw_text"]
        clean = cleaned[identifier]
        encoding = record["encoding"] + ("+mojibake-repaired" if clean["mojibake_repaired"] else "")
        duplicate_of = first_source.get(identifier)
        first_source.setdefault(identifier, record["source"])
        rows.append({
            "article_id": identifier,
            "source": record["source"],
            "raw_text": raw,
            "text": clean["text"],
            "headline": clean["headline"] or record.get("title"),
            "title": record.get("title"),
            "date": record.get("date"),
            "outlet": record.get("outlet"),
            "url": record.get("url"),
            "encoding": encoding,
            "n_chars": len(raw),
            "n_words": len(clean["text"].split()),
            "clean_flags": clean["clean_flags"],
            "is_duplicate": duplicate_of is not None,
            "duplicate_of": duplicate_of,
        })
    # object columns keep None for missing metadata (pandas' string dtype would turn it into NaN)
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS, dtype=object)
    frame = frame.astype({"n_chars": "int64", "n_words": "int64", "is_duplicate": bool})
    frame.attrs["rejected"] = pd.DataFrame(rejected, columns=["source", "reason"]).astype(object)
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
    first_source: dict[str, str] = {}
    duplicate_of = []
    for identifier, source in zip(combined["article_id"], combined["source"]):
        duplicate_of.append(first_source.get(identifier))
        first_source.setdefault(identifier, source)
    combined["duplicate_of"] = pd.Series(duplicate_of, index=combined.index, dtype=object)
    combined["is_duplicate"] = combined["duplicate_of"].notna()
    combined.attrs["rejected"] = (pd.concat(rejected, ignore_index=True) if rejected
                                  else pd.DataFrame(columns=["source", "reason"], dtype=object))
    return combined


def load_articles(path: str | os.PathLike | pd.DataFrame, *, text_column: str | None = None,
                  progress: bool | None = None, relative_to: str | os.PathLike | None = None,
                  cache: AnnotationCache | str | os.PathLike | bool | None = None
                  ) -> pd.DataFrame:
    """Load articles into one row per article.

    Columns: article_id (hash of the raw text), source (file, or file:row for tables), raw_text
    (as decoded, never altered), text (clean body), headline, title/date/outlet/url (None when the
    input has no such field), encoding, n_chars, n_words, clean_flags, is_duplicate, duplicate_of.
    Rejected inputs are in `df.attrs["rejected"]`. `progress=None` shows a tqdm bar only for large
    inputs; `relative_to` shortens file sources (defaults to the folder that was loaded).
    Cleaning results are kept in the annotation cache (`cache`, as in
    :func:`analysis.cache.annotation_cache`; False turns it off), so loading an unchanged corpus
    again reads them instead of cleaning every article again.
    """
    store = annotation_cache(cache)
    rejected: list[tuple[str, str]] = []
    records: list[dict] = []
    if isinstance(path, pd.DataFrame):
        frame = path.copy()
        frame["_row"] = range(len(frame))
        records = list(records_from_table(frame, "dataframe", text_column, rejected))
        return articles_frame(records, rejected, progress, "dataframe", store)

    path = Path(path).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    if path.is_dir():
        base = Path(relative_to) if relative_to else path
        texts, tables, rejected = folder_inputs(path, base)
        records = text_file_records(progress_bar(texts, len(texts), progress, "reading"), base,
                                    rejected)
        for table in tables:
            display = str(table.relative_to(base))
            records.extend(records_from_table(read_table(table, display, rejected), display, text_column, rejected))
        return articles_frame(records, rejected, progress, str(path), store)

    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        records = list(records_from_table(read_table(path, path.name, rejected), path.name, text_column, rejected))
    else:
        try:
            records = [read_article_file(path, path.name)]
        except (ValueError, UnicodeDecodeError, OSError) as error:
            raise ArticleLoadError(f"{path}: {error}") from error
    return articles_frame(records, rejected, progress, str(path), store)
