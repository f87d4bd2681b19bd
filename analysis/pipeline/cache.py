"""Annotation cache: per-article results stored as Parquet, keyed by what each stage read.

Re-running a notebook on an unchanged corpus should not redo the NLP work. Each stage's results
(one DataFrame per article, with an ``article_id`` column) are written in batches to

    <root>/<analysis.__version__>+<code fingerprint>/<stage>/part-<batch key>.parquet

Each article's results are found by a *key*: its article id plus a hash of the inputs the stage
read (the article's text, raw text or headline; see :func:`input_key`), so the same id with an
edited text is computed again instead of answered with the old text's results. The batch key is
a hash of the batch's keys, so re-running the same batch rewrites the same file instead of adding
a copy. Each file lists the keys (and their article ids) it covers in its Parquet metadata, with
a hash of that list, so articles with no rows (no entities, say) are remembered too. Pages are
written with CRC checksums that every read verifies: a damaged part is reported in a warning,
deleted and its articles computed again. Files are written to a temporary name and renamed, so
concurrent Dask workers never see half-written parts. Nothing is pickled. The fingerprint is a
hash of the package's Python files and rule files: a release (or any edit of a stage or a rule
list) starts a fresh cache, so results are never stale.

The root is, in order: the ``root`` argument, the environment variable ``ANALYSIS_CACHE_DIR``,
or ``<project>/.cache/annotations``. ``ANALYSIS_CACHE_DIR=off`` (or ``0``, ``false``, ``none``)
and ``cache=False`` disable caching: nothing is read or written. A cache folder that cannot be
written (read-only, not a folder, a full disk) gives one warning naming it, and the work goes on
without storing results. The cache trusts that a stage's output depends only on its inputs, the
package code and its rules (not on NLTK data versions: clear it with
:meth:`AnnotationCache.clear` or delete the folder after changing those).

A corpus run also writes a small *manifest* per partition (``<version>/_runs/<run>/<stage>/``)
listing the keys it used, so :meth:`AnnotationCache.run_manifests` give exactly that run's articles
even when other corpora or concurrent runs share the folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.core.checks import has_surrogates, replace_surrogates
from analysis.core.paths import PROJECT_ROOT

ENV_VAR = "ANALYSIS_CACHE_DIR"
DEFAULT_ROOT = PROJECT_ROOT / ".cache" / "annotations"
_OFF = {"0", "off", "false", "no", "none", "disable", "disabled"}
_IDS_KEY = b"analysis.article_ids"
_KEYS_KEY = b"analysis.article_keys"
_SUM_KEY = b"analysis.article_keys.sha1"
RUNS = "_runs"  # the manifests' folder in a version folder (no stage has this name)

#: Roots found unwritable in this process (warned about once; not tried again), and damaged
#: parts already reported: what makes "warn once" true within a process.
_UNWRITABLE: set[str] = set()
_REPORTED: set[str] = set()


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


def batch_key(keys: Iterable[str]) -> str:
    """A stable name for a batch of articles: SHA-1 of the sorted, de-duplicated keys."""
    digest = hashlib.sha1("\n".join(sorted(set(keys))).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]


def input_key(article_id: str, inputs: Sequence[str | None]) -> str:
    """The cache key of an article's result: its id and a hash of the inputs the stage read
    (in a fixed order; None and "" differ), so an edited text never finds the old results."""
    digest = hashlib.sha1()
    for value in inputs:
        if value is None:
            digest.update(b"\x00N")
        else:
            data = value.encode("utf-8", "surrogatepass")
            digest.update(b"\x00S" + str(len(data)).encode("ascii") + b":" + data)
    return f"{article_id}@{digest.hexdigest()[:16]}"


def _keys_sum(payload: bytes) -> bytes:
    return hashlib.sha1(payload).hexdigest().encode("ascii")


@lru_cache(maxsize=65536)
def _covered_ids(path: str, mtime_ns: int, size: int) -> tuple[tuple[str, str], ...]:
    """(key, article id) of each article a part file covers, read from its footer once per
    process and version of the file (mtime and size are part of the cache key). A ValueError
    when the list does not match the hash stored beside it (a damaged footer)."""
    metadata = pq.read_schema(path).metadata or {}
    ids = json.loads(metadata.get(_IDS_KEY, b"[]"))
    if _KEYS_KEY not in metadata:
        return tuple(zip(ids, ids))  # a part keyed by article id alone (the clean stage)
    payload = metadata[_KEYS_KEY]
    if metadata.get(_SUM_KEY) != _keys_sum(payload):
        raise ValueError("the list of covered articles does not match its checksum")
    keys = json.loads(payload)
    if len(keys) != len(ids):
        raise ValueError("keys and article ids differ in number")
    return tuple(zip(keys, ids))


def _without_surrogates(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with lone surrogates in text cells replaced by U+FFFD (same length, so offsets
    hold): Parquet stores UTF-8, which cannot hold them."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object and any(isinstance(v, str) and has_surrogates(v) for v in values):
            frame[column] = [replace_surrogates(v) if isinstance(v, str) else v for v in values]
    return frame


def _arrow_table(rows: pd.DataFrame) -> pa.Table:
    rows = rows.reset_index(drop=True)
    try:
        table = pa.Table.from_pandas(rows, preserve_index=False)
    except UnicodeEncodeError:
        table = pa.Table.from_pandas(_without_surrogates(rows), preserve_index=False)
    for i, column in enumerate(table.schema):
        if pa.types.is_null(column.type):  # an all-empty text column: store it as strings
            table = table.set_column(i, column.name, table.column(i).cast(pa.string()))
    return table


def _warn_unwritable(root: Path, error: BaseException) -> None:
    if str(root) not in _UNWRITABLE:
        _UNWRITABLE.add(str(root))
        warnings.warn(f"the annotation cache {root} cannot be written ({error}); going on "
                      f"without storing results there (pass cache=False, another folder, or set "
                      f"{ENV_VAR})", RuntimeWarning, stacklevel=4)


def _report_damaged(path: Path, error: BaseException) -> None:
    """Warn about a damaged part (once per file) and delete it, so its articles are computed
    again and stored afresh."""
    if str(path) not in _REPORTED:
        _REPORTED.add(str(path))
        warnings.warn(f"damaged annotation cache part {path} ({error}); its articles are "
                      f"computed again", RuntimeWarning, stacklevel=4)
    _remove_quietly(path)  # removed meanwhile, or a read-only cache: it is ignored either way


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
        """The stage's part files, sorted by name (the first file wins when keys repeat)."""
        folder = self.stage_dir(stage)
        try:
            if not self.enabled or not folder.is_dir():
                return []
            return sorted(p for p in folder.glob("part-*.parquet") if p.is_file())
        except OSError:  # an unreadable folder holds nothing we can use
            return []

    def _locations(self, stage: str) -> dict[str, tuple[Path, str]]:
        """Key -> (the part file holding its rows, its article id), for every cached article."""
        found: dict[str, tuple[Path, str]] = {}
        for path in self.part_files(stage):
            try:
                stat = path.stat()
                covered = _covered_ids(str(path), stat.st_mtime_ns, stat.st_size)
            except FileNotFoundError:
                continue  # removed meanwhile
            except (OSError, pa.ArrowException, ValueError) as error:
                _report_damaged(path, error)
                continue
            for key, identifier in covered:
                found.setdefault(key, (path, identifier))
        return found

    def index(self, stage: str) -> dict[str, Path]:
        """Key -> the part file holding its rows, for every cached article of a stage (the key
        is the article id for parts stored without separate keys)."""
        return {key: path for key, (path, _) in self._locations(stage).items()}

    # ----------------------------------------------------------------------------- read / write

    def get(self, stage: str, keys: Sequence[str]) -> tuple[pd.DataFrame | None, set[str]]:
        """Cached rows of a stage for some articles: (rows or None, keys that were found).

        `keys` are those the rows were stored under (:func:`input_key`, or the article ids).
        Rows keep the order they were written in (article by article); keys not found (never
        stored, or in a damaged part, which is reported and deleted) must be computed by the
        caller.
        """
        if not self.enabled:
            return None, set()
        locations = self._locations(stage)
        by_file: dict[Path, dict[str, str]] = {}
        for key in set(keys):
            if key in locations:
                path, identifier = locations[key]
                by_file.setdefault(path, {})[key] = identifier
        frames = []
        found: set[str] = set()
        for path in sorted(by_file):
            ids = sorted(set(by_file[path].values()))
            try:
                frame = _read_rows(path, ids)
            except FileNotFoundError:
                continue
            except (OSError, pa.ArrowException, ValueError) as error:
                _report_damaged(path, error)
                continue
            frames.append(frame)
            found.update(by_file[path])
        if not frames:
            return None, set()
        return pd.concat(frames, ignore_index=True), found

    def put(self, stage: str, article_ids: Sequence[str], rows: pd.DataFrame,
            keys: Sequence[str] | None = None) -> Path | None:
        """Store a stage's rows for a batch of articles (rows may be empty: the articles are
        remembered). `keys` (parallel to `article_ids`; the ids themselves by default) are what
        :meth:`get` finds them by. A cache that cannot be written gives one warning naming its
        folder, and None: the caller goes on without it."""
        if not self.enabled or not len(article_ids) or str(self.root) in _UNWRITABLE:
            return None
        keys = list(article_ids) if keys is None else list(keys)
        if len(keys) != len(article_ids):
            raise ValueError(f"put: {len(keys)} keys for {len(article_ids)} article ids")
        pairs = sorted(set(zip(keys, article_ids)))
        if len({identifier for _, identifier in pairs}) != len(pairs):
            raise ValueError("put: an article id appears under two keys in one batch")
        table = _arrow_table(rows)
        keys_json = json.dumps([key for key, _ in pairs]).encode("utf-8")
        metadata = dict(table.schema.metadata or {})
        metadata[_IDS_KEY] = json.dumps([identifier for _, identifier in pairs]).encode("utf-8")
        metadata[_KEYS_KEY] = keys_json
        metadata[_SUM_KEY] = _keys_sum(keys_json)
        table = table.replace_schema_metadata(metadata)
        folder = self.stage_dir(stage)
        target = folder / f"part-{batch_key(key for key, _ in pairs)}.parquet"
        temporary = folder / f".tmp-{uuid.uuid4().hex}.parquet"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, temporary, write_page_checksum=True)
            os.replace(temporary, target)
        except OSError as error:
            _remove_quietly(temporary)
            _warn_unwritable(Path(self.root), error)
            return None
        _REPORTED.discard(str(target))
        return target

    def writable(self) -> AnnotationCache:
        """This cache when its folder can be written (created if needed, with a test file),
        else a disabled copy, after one warning naming the folder."""
        if not self.enabled:
            return self
        root = Path(self.root)
        probe = root / f".probe-{uuid.uuid4().hex}"
        try:
            if str(root) in _UNWRITABLE:
                raise OSError("found unwritable earlier in this process")
            root.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as error:
            _remove_quietly(probe)
            _warn_unwritable(root, error)
            return replace(self, enabled=False)
        return self

    # ----------------------------------------------------------------------------- runs

    def record_run(self, run: str, partition: int, stage: str, keys: Sequence[str]) -> None:
        """Note the keys a run's partition used for a stage (a small JSON manifest), so that
        :meth:`run_manifests` list exactly that run's articles. Nothing when disabled or unwritable."""
        if not self.enabled or str(self.root) in _UNWRITABLE:
            return
        folder = Path(self.root) / self.version / RUNS / run / stage
        temporary = folder / f".tmp-{uuid.uuid4().hex}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(list(dict.fromkeys(keys))), encoding="utf-8")
            os.replace(temporary, folder / f"{partition:08d}.json")
        except OSError as error:
            _remove_quietly(temporary)
            _warn_unwritable(Path(self.root), error)

    def run_manifests(self, run: str, stage: str) -> list[Path]:
        """The manifests a run wrote for a stage, one per partition, in partition order."""
        folder = Path(self.root) / self.version / RUNS / run / stage
        if not self.enabled or not run or not folder.is_dir():
            return []
        return sorted(folder.glob("[0-9]*.json"))

    @staticmethod
    def manifest_keys(manifest: str | os.PathLike) -> list[str]:
        """The keys a manifest lists (those of one partition of a run)."""
        return json.loads(Path(manifest).read_text(encoding="utf-8"))

    # ----------------------------------------------------------------------------- upkeep

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
        """How many articles (keys) of a stage are cached."""
        return len(self._locations(stage))


def _read_rows(path: Path, ids: list[str]) -> pd.DataFrame:
    """The rows of some article ids in a part, every page's checksum verified."""
    try:
        table = pq.read_table(path, filters=[("article_id", "in", ids)],
                              page_checksum_verification=True)
    except (pa.ArrowTypeError, pa.ArrowNotImplementedError):
        frame = pq.read_table(path, page_checksum_verification=True).to_pandas()
        return frame[frame["article_id"].isin(ids)] if len(frame) else frame
    return table.to_pandas()


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def annotation_cache(cache: AnnotationCache | str | os.PathLike | bool | None = None,
                     version: str | None = None) -> AnnotationCache:
    """Resolve the ``cache=`` argument that corpus functions take.

    None: ``$ANALYSIS_CACHE_DIR`` or ``<project>/.cache/annotations`` (disabled when the variable
    says ``off``); True: the same, but ``off`` means the default folder; False: disabled;
    a path: that folder; an AnnotationCache: itself. Anything else is a TypeError.
    """
    if isinstance(cache, AnnotationCache):
        return cache
    if cache is not None and not isinstance(cache, (bool, str, os.PathLike)):
        raise TypeError(f"cache must be None, a bool, a folder path or an AnnotationCache, "
                        f"got {type(cache).__name__}")
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
