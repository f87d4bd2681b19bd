"""Annotation cache: per-article results stored as Parquet, keyed by article id and version.

Re-running a notebook on an unchanged corpus should not redo the NLP work. Each stage's results
(one DataFrame per article, with an ``article_id`` column) are written in batches to

    <root>/<analysis.__version__>+<code fingerprint>/<stage>/part-<batch key>.parquet

where the batch key is a hash of the batch's article ids, so re-running the same batch rewrites
the same file instead of adding a copy. Each file lists the article ids it covers in its Parquet
metadata, so articles with no rows (no entities, say) are remembered too. Files are written to a
temporary name and renamed, so concurrent Dask workers never see half-written parts. Nothing is
pickled. The fingerprint is a hash of the package's Python files and rule files: a release
(or any edit of a stage or a rule list) starts a fresh cache, so results are never stale.

The root is, in order: the ``root`` argument, the environment variable ``ANALYSIS_CACHE_DIR``,
or ``<project>/.cache/annotations``. ``ANALYSIS_CACHE_DIR=off`` (or ``0``, ``false``, ``none``)
and ``cache=False`` disable caching. The cache trusts that a stage's output depends only on the
article text, the package code and its rules (not on NLTK data versions: clear it with
:meth:`AnnotationCache.clear` or delete the folder after changing those).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.core.paths import PROJECT_ROOT

ENV_VAR = "ANALYSIS_CACHE_DIR"
DEFAULT_ROOT = PROJECT_ROOT / ".cache" / "annotations"
_OFF = {"0", "off", "false", "no", "none", "disable", "disabled"}
_IDS_KEY = b"analysis.article_ids"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's code and rule files, so that editing a rule or a stage during
    development never serves results computed by the old code."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha1()
    files = sorted(p for p in package.rglob("*") if p.is_file()
                   and (p.suffix == ".py" or "rules" in p.relative_to(package).parts)
                   and "__pycache__" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(package)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _package_version() -> str:
    """The cache's version key: analysis.__version__ plus the code fingerprint ("0.1.0+1a2b...")."""
    from analysis import __version__

    return f"{__version__}+{code_fingerprint()}"


def batch_key(article_ids: Iterable[str]) -> str:
    """A stable name for a batch of articles: SHA-1 of the sorted, de-duplicated ids."""
    digest = hashlib.sha1("\n".join(sorted(set(article_ids))).encode("utf-8"))
    return digest.hexdigest()[:20]


@lru_cache(maxsize=65536)
def _covered_ids(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    """The article ids a part file covers (read from its footer once per process and version
    of the file: mtime and size are part of the cache key)."""
    metadata = pq.read_schema(path).metadata or {}
    return tuple(json.loads(metadata.get(_IDS_KEY, b"[]")))


@dataclass(frozen=True)
class AnnotationCache:
    """Where per-article annotations are stored (a plain value: picklable for Dask workers)."""

    root: Path
    version: str
    enabled: bool = True

    # ----------------------------------------------------------------------------- locations

    def stage_dir(self, stage: str) -> Path:
        """The folder holding one stage's part files."""
        return Path(self.root) / self.version / stage

    def part_files(self, stage: str) -> list[Path]:
        """The stage's part files, sorted by name (the first file wins when ids repeat)."""
        folder = self.stage_dir(stage)
        if not self.enabled or not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("part-*.parquet") if p.is_file())

    def index(self, stage: str) -> dict[str, Path]:
        """Article id -> the part file holding its rows, for every cached article of a stage."""
        found: dict[str, Path] = {}
        for path in self.part_files(stage):
            try:
                stat = path.stat()
                ids = _covered_ids(str(path), stat.st_mtime_ns, stat.st_size)
            except (OSError, pa.ArrowInvalid, ValueError):
                continue  # removed meanwhile, or not a part file we wrote: ignore it
            for identifier in ids:
                found.setdefault(identifier, path)
        return found

    # ----------------------------------------------------------------------------- read / write

    def get(self, stage: str, article_ids: Sequence[str]) -> tuple[pd.DataFrame | None, set[str]]:
        """Cached rows of a stage for some articles: (rows or None, ids that were found).

        Rows keep the order they were written in (article by article); ids not found must be
        computed by the caller.
        """
        if not self.enabled:
            return None, set()
        wanted = set(article_ids)
        index = self.index(stage)
        by_file: dict[Path, list[str]] = {}
        for identifier in wanted:
            path = index.get(identifier)
            if path is not None:
                by_file.setdefault(path, []).append(identifier)
        if not by_file:
            return None, set()
        frames = []
        found: set[str] = set()
        for path in sorted(by_file):
            ids = by_file[path]
            try:
                table = pq.read_table(path, filters=[("article_id", "in", ids)])
            except (pa.ArrowTypeError, pa.ArrowNotImplementedError):
                table = pq.read_table(path)  # a part written by other code: filter in pandas
                frame = table.to_pandas()
                frames.append(frame[frame["article_id"].isin(ids)] if len(frame) else frame)
                found.update(ids)
                continue
            except (OSError, pa.ArrowInvalid):
                continue
            frames.append(table.to_pandas())
            found.update(ids)
        if not frames:
            return None, set()
        return pd.concat(frames, ignore_index=True), found

    def put(self, stage: str, article_ids: Sequence[str], rows: pd.DataFrame) -> Path | None:
        """Store a stage's rows for a batch of articles (rows may be empty: the ids are kept)."""
        if not self.enabled or not len(article_ids):
            return None
        ids = sorted(set(article_ids))
        folder = self.stage_dir(stage)
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(rows.reset_index(drop=True), preserve_index=False)
        for i, column in enumerate(table.schema):
            if pa.types.is_null(column.type):  # an all-empty text column: store it as strings
                table = table.set_column(i, column.name, table.column(i).cast(pa.string()))
        metadata = dict(table.schema.metadata or {})
        metadata[_IDS_KEY] = json.dumps(ids).encode("utf-8")
        table = table.replace_schema_metadata(metadata)
        target = folder / f"part-{batch_key(ids)}.parquet"
        temporary = folder / f".tmp-{uuid.uuid4().hex}.parquet"
        pq.write_table(table, temporary)
        os.replace(temporary, target)
        return target

    def clear(self, stage: str | None = None) -> None:
        """Delete this version's cache (one stage, or all of them)."""
        folder = Path(self.root) / self.version
        if stage is not None:
            folder = folder / stage
        if folder.is_dir():
            shutil.rmtree(folder)

    def prune(self) -> list[str]:
        """Delete the caches of other versions (older code); returns the versions removed."""
        root = Path(self.root)
        removed = []
        if root.is_dir():
            for folder in sorted(root.iterdir()):
                if folder.is_dir() and folder.name != self.version:
                    shutil.rmtree(folder)
                    removed.append(folder.name)
        return removed

    def size(self, stage: str) -> int:
        """How many articles of a stage are cached."""
        return len(self.index(stage))


def annotation_cache(cache: AnnotationCache | str | os.PathLike | bool | None = None,
                     version: str | None = None) -> AnnotationCache:
    """Resolve the ``cache=`` argument that corpus functions take.

    None: ``$ANALYSIS_CACHE_DIR`` or ``<project>/.cache/annotations`` (disabled when the variable
    says ``off``); True: the same, but ``off`` means the default folder; False: disabled;
    a path: that folder; an AnnotationCache: itself.
    """
    if isinstance(cache, AnnotationCache):
        return cache
    version = version or _package_version()
    if cache is False:
        return AnnotationCache(DEFAULT_ROOT, version, enabled=False)
    env = os.environ.get(ENV_VAR, "").strip()
    if cache is None or cache is True:
        if env.lower() in _OFF:
            return AnnotationCache(DEFAULT_ROOT, version, enabled=cache is True)
        root = Path(env).expanduser() if env else DEFAULT_ROOT
        return AnnotationCache(root.resolve(), version)
    return AnnotationCache(Path(cache).expanduser().resolve(), version)
