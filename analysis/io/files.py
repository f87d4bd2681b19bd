"""Files and folders: which files of a folder are articles or tables, and text files as records.

A record is a dict with at least `source` (what the input is called in the article table and in
rejections), `raw_text` (as decoded, never altered except that lone surrogates become U+FFFD)
and `encoding`.

What a folder holds besides articles is listed with the reason, never skipped silently: hidden
files and folders, symbolic links to folders (not followed, so a link cannot loop or leave the
corpus), FIFOs, sockets and devices (never opened: reading a FIFO would hang), and files that
document a dataset rather than report news (README, LICENSE, COPYING, index files...).
"""
from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from analysis.io.decode import SURROGATES_NOTE, decode_bytes, join_surrogates
from analysis.io.errors import ArticleLoadError, Rejections

TEXT_FILE_SUFFIXES = {".txt", ".text"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet", ".pq"}
#: File names (without suffix, any case) of a dataset's documentation, not articles.
#: Exact names only: a slug such as "index-funds-rise.txt" is an article.
NOT_ARTICLE_NAME = re.compile(
    r"read[-_]?me|licen[cs]e|copying|copyright|changelog|changes|notice|authors|contributors|"
    r"contributing|install|manifest|citation|index", re.IGNORECASE)
_FILE_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
               (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))


def is_table_file(path: Path) -> bool:
    """Whether a file is read as a table (by its suffix); any other file is read as text."""
    return path.suffix.lower() in TABLE_SUFFIXES


def not_regular_reason(path: Path) -> str | None:
    """Why a path cannot be read as a file (a FIFO, socket, device, broken link), or None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "broken symbolic link" if os.path.islink(path) else "no such file"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
    return f"not a regular file ({kind}), not read"


def not_article_reason(name: str) -> str | None:
    """Why a file of a folder is not an article by its name (documentation, index), or None."""
    if NOT_ARTICLE_NAME.fullmatch(name.split(".", 1)[0]):
        return f"not an article: {name} documents the dataset (README, LICENSE, index...)"
    return None


def _entry_reason(entry: os.DirEntry) -> str | None:
    """Why a folder entry that is not a folder is not read, from the folder listing (no extra
    system call for a plain file)."""
    if entry.name.startswith("."):
        return "hidden file, not read"
    try:
        regular = entry.is_file(follow_symlinks=True) and (
            not entry.is_symlink() or stat.S_ISREG(entry.stat().st_mode))
    except OSError:
        regular = False
    return (None if regular else not_regular_reason(Path(entry.path))) \
        or not_article_reason(entry.name)


def scan_folder(folder: Path) -> tuple[list[Path], list[Path], list[tuple[Path, str]]]:
    """(.txt files, other files, (path, reason) of what is not read) below a folder, sorted for
    a stable order (each folder's files, then its sub-folders, by name)."""
    texts, others, skipped = [], [], []
    pending = [Path(folder)]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            skipped.append((here, f"folder cannot be read ({error.strerror or error})"))
            continue
        folders = []
        for entry in entries:
            path = here / entry.name
            if entry.is_dir(follow_symlinks=True):
                if entry.name.startswith("."):
                    skipped.append((path, "hidden folder, not searched"))
                elif entry.is_symlink():
                    skipped.append((path, "symbolic link to a folder, not followed "
                                          "(load that folder by its own path)"))
                else:
                    folders.append(path)
                continue
            reason = _entry_reason(entry)
            if reason is not None:
                skipped.append((path, reason))
            else:
                (texts if path.suffix.lower() in TEXT_FILE_SUFFIXES else others).append(path)
        pending.extend(reversed(folders))
    return texts, others, skipped


def list_article_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(.txt files, other files) below a folder, sorted; what is not read is in scan_folder."""
    texts, others, _ = scan_folder(folder)
    return texts, others


def folder_inputs(folder: Path, base: Path) -> tuple[list[Path], list[Path], Rejections]:
    """(text files, tables, rejections of the other files, named relative to `base`) below a
    folder; ArticleLoadError when nothing in it can be read."""
    texts, others, skipped = scan_folder(folder)
    tables = [p for p in others if is_table_file(p)]
    rejected = [(str(path.relative_to(base)), reason) for path, reason in skipped]
    rejected += [(str(other.relative_to(base)), f"unsupported file type {other.suffix or '(none)'}")
                 for other in others if not is_table_file(other)]
    if not texts and not tables:
        names = [str(path.relative_to(folder)) for path in others] + \
                [str(path.relative_to(folder)) for path, _ in skipped]
        raise ArticleLoadError(
            f"{folder}: the folder has no .txt files or tables"
            + (f" (skipped: {', '.join(sorted(names)[:5])})" if names else ""))
    return texts, tables, sorted(rejected)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; ValueError for a FIFO, socket or device, found without
    blocking (the file is opened non-blocking and checked before it is read)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ValueError(not_regular_reason(path) or "not a regular file, not read")
        return handle.read()


def read_article_file(path: Path, display: str) -> dict:
    """One text file as a record (source, raw_text, encoding); ValueError when it is unusable.
    A FIFO, socket or device is refused before it is opened."""
    text, encoding = decode_bytes(_read_regular_file(path))
    if not text.strip():
        raise ValueError("empty file")
    text, replaced = join_surrogates(text)
    return {"source": display, "raw_text": text,
            "encoding": encoding + (SURROGATES_NOTE if replaced else "")}


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
