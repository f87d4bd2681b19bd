"""Files and folders: which files of a folder are articles or tables, and text files as records.

A record is a dict with at least `source` (what the input is called in the article table and in
rejections), `raw_text` (as decoded, never altered) and `encoding`.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from analysis.io.decode import decode_bytes
from analysis.io.errors import ArticleLoadError, Rejections

TEXT_FILE_SUFFIXES = {".txt", ".text"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet", ".pq"}

def is_table_file(path: Path) -> bool:
    """Whether a file is read as a table (by its suffix); any other file is read as text."""
    return path.suffix.lower() in TABLE_SUFFIXES


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


def folder_inputs(folder: Path, base: Path) -> tuple[list[Path], list[Path], Rejections]:
    """(text files, tables, rejections of the other files, named relative to `base`) below a
    folder; ArticleLoadError when nothing in it can be read."""
    texts, others = list_article_files(folder)
    tables = [p for p in others if is_table_file(p)]
    rejected = [(str(other.relative_to(base)), f"unsupported file type {other.suffix or '(none)'}")
                for other in others if not is_table_file(other)]
    if not texts and not tables:
        raise ArticleLoadError(
            f"{folder}: the folder has no .txt files or tables"
            + (f" (skipped: {', '.join(str(p.name) for p in others[:5])})" if others else ""))
    return texts, tables, rejected


def read_article_file(path: Path, display: str) -> dict:
    """One text file as a record (source, raw_text, encoding); ValueError when it is unusable."""
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise ValueError("empty file")
    return {"source": display, "raw_text": text, "encoding": encoding}


def text_file_records(files: Iterable[tuple[str, str]]) -> tuple[list[dict], Rejections]:
    """(records, rejections) of text files given as (path, source name) pairs: an unusable file
    is rejected with the reason, never dropped."""
    records: list[dict] = []
    rejected: Rejections = []
    for path, display in files:
        try:
            records.append(read_article_file(Path(path), display))
        except (ValueError, UnicodeDecodeError, OSError) as error:
            rejected.append((display, str(error)))
    return records, rejected
