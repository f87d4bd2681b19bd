"""Corpus runs, from one article to millions: pandas in one process or Dask on a cluster.

:func:`run_corpus` reads the input lazily (:mod:`analysis.pipeline.lazy_articles`, rejections
recorded as load_articles records them), annotates each partition with
:func:`analysis.pipeline.annotate.annotate_frame` (an article found in several partitions is
annotated once, in the first: :func:`lazy_first_partitions`), and sums the corpus counts with a
distributed group-by::

    result = run_corpus("my_articles/", scheduler="tcp://scheduler:8786")
    result.counts["entities"].head()
"""
from __future__ import annotations

import operator
import os
import uuid
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.core.checks import require_int
from analysis.core.schemas import conform
from analysis.io import ArticleLoadError
from analysis.pipeline.annotate import annotate_frame_with_keys
from analysis.pipeline.articles import (
    article_id_tasks,
    combine_rejections,
    lazy_partitions,
    load_articles,
    loader_tasks,
)
from analysis.pipeline.cache import AnnotationCache, annotation_cache
from analysis.pipeline.clusters import check_workers_import, local_client
from analysis.pipeline.counts import COUNT_KEYS, corpus_counts, merge_counts, partial_counts
from analysis.pipeline.stages import DEFAULT_STAGES, Stage, get_stage, stage_meta

#: Dask's own local schedulers (besides "pandas", "local", an address or a Client).
DASK_SCHEDULERS = ("processes", "threads", "sync", "synchronous", "single-threaded")


@dataclass
class CorpusResult:
    """What a corpus run returns: corpus counts per stage, the per-article tables when they were
    collected, the number of articles, and where the per-article tables are cached."""

    counts: dict[str, pd.DataFrame]
    annotations: dict[str, pd.DataFrame] | None
    n_articles: int
    cache: AnnotationCache
    stages: tuple[str, ...] = field(default_factory=tuple)
    #: Inputs that could not be used (source, reason; sorted by source), as load_articles lists
    #: them in attrs["rejected"].
    rejected: pd.DataFrame = field(default_factory=lambda: combine_rejections([]))
    #: The run's name in the cache's manifests (what cached_table reads).
    run: str = ""

    def cached_table(self, stage: str | Stage):
        """The per-article table of a stage as a lazy Dask DataFrame, read from the cache: the
        rows of exactly this run's articles (each partition's manifest lists their keys), not
        those of other corpora or runs sharing the cache. Without a cache, the collected table."""
        import dask.dataframe as dd
        from dask import delayed

        name = stage if isinstance(stage, str) else stage.name
        if name not in self.stages:
            raise ValueError(f"stage {name!r} was not part of this run (stages: {self.stages})")
        manifests = self.cache.run_manifests(self.run, name) if self.run else []
        if not manifests:
            if self.annotations is not None:
                return dd.from_pandas(self.annotations[name], npartitions=1, sort=False)
            if self.n_articles:
                raise ValueError("this run kept no per-article tables: it ran without a usable "
                                 "cache and with collect=False")
        meta = stage_meta(stage)
        parts = [delayed(cached_rows, pure=True)(self.cache, stage, str(path)) for path in manifests]
        return dd.from_delayed(parts or [delayed(meta)], meta=meta, verify_meta=False)


def cached_rows(cache: AnnotationCache, stage: str | Stage, manifest: str) -> pd.DataFrame:
    """The cached rows of the articles a run's manifest lists, in its order (a cached_table
    task). Articles no longer in the cache (cleared, or a damaged part) are named in a warning."""
    keys = cache.manifest_keys(manifest)
    meta = stage_meta(stage)
    rows, found = cache.get(get_stage(stage).name, keys)
    if len(found) < len(set(keys)):
        warnings.warn(f"{len(set(keys)) - len(found)} article(s) of this run are no longer in the "
                      f"annotation cache {cache.root} ({stage}); run again to recompute them",
                      RuntimeWarning, stacklevel=2)
    if rows is None:
        return meta
    order = {key.rsplit("@", 1)[0]: i for i, key in enumerate(keys)}
    rows = rows[rows["article_id"].isin(order)]
    position = rows["article_id"].map(order).to_numpy()
    return conform(rows.iloc[position.argsort(kind="stable")], meta)


def _annotate_partition(articles: pd.DataFrame, stages: tuple[str | Stage, ...],
                        cache: AnnotationCache, first_seen: pd.Series | None = None,
                        index: int = 0, run: str = "") -> dict[str, Any]:
    """A partition's per-stage tables and corpus-count partials (runs on a worker). An article
    whose id `first_seen` maps to an earlier partition than `index` (a duplicate) is left out.
    With a `run` name, the partition's cache keys are recorded for cached_table."""
    if first_seen is not None and len(first_seen) and len(articles):
        earlier = articles["article_id"].map(first_seen) < index  # not a duplicate: NaN, False
        articles = articles[~earlier.to_numpy(dtype=bool)]
    tables, keys = annotate_frame_with_keys(articles, stages, cache=cache, progress=False)
    _record_run(articles, keys, cache, run, index)
    counts = {name: partial_counts(name, frame) for name, frame in tables.items()
              if name in COUNT_KEYS}
    n = int(articles["article_id"].nunique()) if len(articles) else 0
    return {"tables": tables, "counts": counts, "n": n}


def _record_run(articles: pd.DataFrame, keys: dict[str, list[str]], cache: AnnotationCache,
                run: str, index: int) -> None:
    """Note a partition's cache keys per stage (as annotate_frame_with_keys gives them) in the
    run's manifests (for cached_table)."""
    if run and cache.enabled and len(articles):
        for name, stage_keys in keys.items():
            cache.record_run(run, index, name, stage_keys)


def _ids(articles: pd.DataFrame) -> list[str]:
    return articles["article_id"].astype(str).tolist()


def partition_id_table(ids: Sequence[str], partition: int) -> pd.DataFrame:
    """The distinct article ids of one partition, with the partition's number."""
    unique = list(dict.fromkeys(ids))
    return pd.DataFrame({"article_id": pd.Series(unique, dtype=object),
                         "partition": pd.Series([partition] * len(unique), dtype="int64")})


def first_partitions(id_tables: Sequence[pd.DataFrame]) -> pd.Series:
    """For each article id found in more than one partition, the first partition that has it
    (article_id -> partition number); ids found once are not listed."""
    frame = pd.concat(list(id_tables) or [partition_id_table([], 0)], ignore_index=True)
    return _repeated_firsts(frame.groupby("article_id")["partition"].agg(["min", "count"]))


def _repeated_firsts(stats: pd.DataFrame) -> pd.Series:
    return stats.loc[stats["count"] > 1, "min"].astype("int64").rename("partition")


def lazy_first_partitions(id_parts: Sequence[Any]):
    """:func:`first_partitions` as a Dask computation over delayed id lists: a groupby split over
    several output partitions, so no task (and not this process) ever holds every id of a huge
    corpus; only the duplicates come back."""
    import dask.dataframe as dd
    from dask import delayed

    tables = [delayed(partition_id_table, pure=True)(ids, i) for i, ids in enumerate(id_parts)]
    frame = dd.from_delayed(tables, meta=partition_id_table([], 0))
    stats = frame.groupby("article_id")["partition"].agg(
        ["min", "count"], split_out=max(1, len(tables) // 32),
        shuffle_method="tasks")  # plain tasks: any scheduler, and no shuffle-service log lines
    return stats.map_partitions(_repeated_firsts, meta=pd.Series(dtype="int64", name="partition"))


def _pick(result: dict, what: str, stage: str) -> pd.DataFrame:
    return result[what][stage]


def partitioned_counts(stage: str, partials: Sequence[Any], split_out: int = 1) -> list:
    """Sum a stage's partial count tables (delayed, one per partition) with a distributed
    group-by split into `split_out` pieces: no task holds more than its share of the corpus
    vocabulary. Returns the pieces as delayed tables, for :func:`merge_counts` where they land."""
    import dask.dataframe as dd

    keys, value = COUNT_KEYS[stage]
    frame = dd.from_delayed(list(partials), meta=partial_counts(stage, pd.DataFrame()),
                            verify_meta=False)
    summed = frame.groupby(list(keys), sort=False, dropna=False)[[value, "articles"]].sum(
        split_out=split_out, shuffle_method="tasks")
    return summed.reset_index().to_delayed()


def _concat(stage: str | Stage, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Partition tables in order; an article already seen in an earlier partition (a duplicate)
    is left out, as annotate_frame does within one DataFrame."""
    meta = stage_meta(stage)
    seen: set[str] = set()
    kept = []
    for frame in frames:
        if len(frame):
            kept.append(frame[~frame["article_id"].isin(seen)])
            seen.update(frame["article_id"].unique())
    frames = [f for f in kept if len(f)] or [meta]
    return conform(pd.concat(frames, ignore_index=True), meta)


def _count(result: dict) -> int:
    return result["n"]


def _sum(values: list[int]) -> int:
    return int(sum(values))


def _is_client(scheduler: Any) -> bool:
    """A distributed.Client, or anything that computes and gathers like one."""
    return hasattr(scheduler, "compute") and hasattr(scheduler, "gather")


def _check_arguments(source: Any, stages: Any, scheduler: Any, workers: Any,
                     files_per_partition: Any, blocksize: Any) -> tuple[str | Stage, ...]:
    """run_corpus' settings checked before any work starts; the stages as a tuple."""
    require_int(workers, "workers", minimum=1, none_ok=True)
    require_int(files_per_partition, "files_per_partition", minimum=1)
    require_int(blocksize, "blocksize", minimum=1)
    if not isinstance(source, (str, os.PathLike, pd.DataFrame)) and not (
            hasattr(source, "to_delayed") and hasattr(source, "npartitions")):
        raise TypeError(f"source must be a path, a pandas DataFrame or a Dask DataFrame, got "
                        f"{type(source).__name__}")
    if isinstance(scheduler, str) and "://" not in scheduler and scheduler not in (
            "pandas", "local") + DASK_SCHEDULERS:
        raise ValueError(f"scheduler must be 'pandas', 'local', one of {DASK_SCHEDULERS}, a "
                         f"scheduler address ('tcp://host:8786') or a distributed.Client, "
                         f"got {scheduler!r}")
    if scheduler is not None and not isinstance(scheduler, str) and not _is_client(scheduler):
        raise TypeError(f"scheduler must be a str or a distributed.Client, got "
                        f"{type(scheduler).__name__}")
    if stages is None:
        return DEFAULT_STAGES
    if isinstance(stages, (str, Stage)):
        stages = [stages]
    if not hasattr(stages, "__iter__"):
        raise TypeError(f"stages must be a list of stage names, got {type(stages).__name__}")
    names = tuple(stages)
    for stage in names:
        if not isinstance(stage, (str, Stage)):
            raise TypeError(f"stages must hold stage names (str) or Stage objects, got "
                            f"{type(stage).__name__}")
        get_stage(stage)  # ValueError naming the known stages
    return names


def _nothing_loaded(source: Any, rejected: pd.DataFrame) -> ArticleLoadError:
    """The error load_articles raises when no input of a path could be used."""
    detail = "; ".join(f"{s}: {r}" for s, r in zip(rejected["source"][:10], rejected["reason"][:10]))
    more = f" (and {len(rejected) - 10} more)" if len(rejected) > 10 else ""
    origin = os.path.expanduser(os.fspath(source))
    return ArticleLoadError(f"{origin}: no article could be loaded. {detail}{more}".strip())


def run_corpus(source, stages: Sequence[str] | None = None, *, scheduler: Any = None,
               workers: int | None = None, cache: Any = None, progress: bool = True,
               collect: bool = True, files_per_partition: int = 200,
               blocksize: int = 16_000_000, text_column: str | None = None,
               dedupe: bool = True) -> CorpusResult:
    """Annotate a corpus and count entities, attributions and keyword inputs over it.

    `source`: a path (file, folder, CSV/JSONL/Parquet), a pandas DataFrame from load_articles,
    or a Dask DataFrame with those columns. `stages`: defaults to the default stages that exist.
    `scheduler`:
      * None or "local": a local Dask cluster, one single-threaded worker process per core
        (or `workers`), closed at the end;
      * "tcp://host:8786" (any scheduler address) or a distributed.Client: that cluster (the
        cache folder must be one the workers can reach, e.g. a shared file system);
      * "processes", "threads", "sync": Dask's local schedulers (`workers` = pool size);
      * "pandas": no Dask at all, one process (the reference run).
    `files_per_partition`: articles (files, or DataFrame rows) per partition; `blocksize`: bytes
    per partition of a JSONL/CSV table. Smaller partitions bound worker memory more tightly.
    `collect=False` keeps per-article tables out of this process (they are in the cache):
    memory is then bounded by the partition size on every worker. Corpus counts are summed by a
    distributed group-by (one piece per 8 partitions), so a worker holds only its share of the
    vocabulary; the summed counts themselves come back here (their size follows the corpus
    vocabulary, not its article count).
    `dedupe=True` (as in the pandas run, each article id is annotated and counted once) costs a
    first pass that computes the article ids from the raw inputs (reading and hashing only).
    Inputs that cannot be used are in `result.rejected` (source, reason), with a warning; when
    no input of a path can be used, an ArticleLoadError names them (as load_articles does).
    `cache=False` writes nothing anywhere; a cache folder that cannot be written gives one
    warning and the run goes on without it. A local cluster started from a script needs the
    script's work under ``if __name__ == "__main__":`` (its worker processes import the script).
    """
    names = _check_arguments(source, stages, scheduler, workers, files_per_partition, blocksize)
    store = annotation_cache(cache).writable()
    run = uuid.uuid4().hex if store.enabled else ""
    labels = tuple(get_stage(stage).name for stage in names)
    if scheduler == "pandas":
        return _run_pandas(source, names, store, progress, collect, text_column, run)

    import dask
    import dask.dataframe as dd
    from dask import delayed

    for name in names:
        stage_meta(name)  # fail early, in this process, if a stage cannot run
    chunks: list[pd.DataFrame] | None = None
    id_parts: list = []
    rejected_parts: list = []
    rejected = combine_rejections([])
    if isinstance(source, pd.DataFrame):
        # Already in memory: split here, find duplicates here, send each chunk once.
        rejected = combine_rejections([source.attrs.get("rejected")])
        source = source.copy(deep=False)
        source.attrs = {}  # a DataFrame in attrs (load_articles' "rejected") breaks concatenation
        chunks = [source.iloc[i:i + files_per_partition]
                  for i in range(0, len(source), files_per_partition)]
        parts: list = []
    elif isinstance(source, dd.DataFrame):
        parts = source.to_delayed()
        if dedupe:
            id_parts = [delayed(_ids)(part) for part in parts]
    else:
        inputs = lazy_partitions(source, files_per_partition=files_per_partition,
                                 blocksize=blocksize, text_column=text_column)
        loaders = loader_tasks(inputs)  # each yields (articles, rejected)
        parts = [delayed(operator.getitem, pure=True)(loader, 0) for loader in loaders]
        rejected_parts = [delayed(operator.getitem, pure=True)(loader, 1) for loader in loaders]
        if dedupe:
            # Ids from the raw records (reading and hashing, no cleaning). Inputs the loaders
            # reject have no id and are ignored here: the loaders list them in `rejected`.
            id_parts = article_id_tasks(inputs)

    client = cluster = None
    try:
        if scheduler is None or scheduler == "local":
            client, cluster = local_client(workers)
        elif isinstance(scheduler, str) and "://" in scheduler:
            from distributed import Client

            client = Client(scheduler)
        elif _is_client(scheduler):
            client = scheduler
        if client is not None:
            check_workers_import(client, names)  # a clear error, not a silent hang

        def compute(graph):
            if client is not None:
                futures = client.compute(list(graph))
                if progress:
                    from distributed import progress as show_progress

                    show_progress(futures)  # a widget in notebooks, text elsewhere
                return client.gather(futures)
            options = {"scheduler": scheduler}
            if workers and scheduler in ("processes", "threads"):
                options["num_workers"] = workers
            if progress:
                from dask.diagnostics import ProgressBar

                with ProgressBar():
                    return dask.compute(*graph, **options)
            return dask.compute(*graph, **options)

        if chunks is not None:
            first_seen = (first_partitions([partition_id_table(_ids(c), i)
                                            for i, c in enumerate(chunks)]) if dedupe else None)
            if client is not None:
                parts = client.scatter(chunks, hash=False)  # fresh keys: no race with old runs
            else:
                parts = [delayed(chunk, name=f"articles-{i}-{id(chunk)}", traverse=False)
                         for i, chunk in enumerate(chunks)]
        else:
            first_seen = compute([lazy_first_partitions(id_parts)])[0] if id_parts else None
        # One copy of the duplicates table in the graph, shared by every partition's task.
        shared = delayed(first_seen, traverse=False) if first_seen is not None else None
        results = [delayed(_annotate_partition)(part, names, store, shared, index, run)
                   for index, part in enumerate(parts)]
        split_out = max(1, len(results) // 8)
        counts = {name: partitioned_counts(name, [delayed(_pick)(r, "counts", name)
                                                  for r in results], split_out)
                  for name in labels if name in COUNT_KEYS}
        tables = ({name: delayed(_concat)(stage, [delayed(_pick)(r, "tables", name)
                                                   for r in results])
                   for stage, name in zip(names, labels)} if collect else {})
        total = delayed(_sum)([delayed(_count)(r) for r in results])
        found = delayed(combine_rejections)(rejected_parts) if rejected_parts else rejected
        counts_out, tables_out, n, rejected = compute((counts, tables, total, found))
    finally:
        if client is not None and client is not scheduler:
            client.close()
        if cluster is not None:
            cluster.close()
    if not n and chunks is None and not isinstance(source, dd.DataFrame):
        raise _nothing_loaded(source, rejected)  # as the pandas run does
    _warn_rejected(rejected)
    counts_out = {name: merge_counts(name, pieces) for name, pieces in counts_out.items()}
    return CorpusResult(counts=counts_out, annotations=dict(tables_out) if collect else None,
                        n_articles=int(n), cache=store, stages=labels, rejected=rejected, run=run)


def _warn_rejected(rejected: pd.DataFrame, stacklevel: int = 3) -> None:
    if len(rejected):
        warnings.warn(f"{len(rejected)} input(s) could not be used (empty, binary, malformed or "
                      f"unsupported); they are listed in result.rejected (source, reason)",
                      stacklevel=stacklevel)


def _run_pandas(source, names: tuple[str | Stage, ...], store: AnnotationCache, progress: bool,
                collect: bool, text_column: str | None, run: str) -> CorpusResult:
    if isinstance(source, pd.DataFrame):
        articles = source
    else:  # the run's cache for cleaning too: cache=False writes nothing anywhere
        articles = load_articles(source, text_column=text_column, progress=progress, cache=store)
    tables, keys = annotate_frame_with_keys(articles, names, cache=store, progress=progress)
    _record_run(articles, keys, store, run, 0)
    rejected = combine_rejections([articles.attrs.get("rejected")])
    _warn_rejected(rejected, stacklevel=4)
    return CorpusResult(counts=corpus_counts(tables), annotations=tables if collect else None,
                        n_articles=int(articles["article_id"].nunique()), cache=store,
                        stages=tuple(get_stage(s).name for s in names), rejected=rejected, run=run)
