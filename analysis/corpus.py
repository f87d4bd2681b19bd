"""From one article to millions: the per-article pipeline, corpus aggregates, and Dask runs.

Every stage is a plain per-article function of some of the article's columns (the clean
``text``, the ``raw_text``, the ``headline``) returning a DataFrame, registered in :data:`STAGES`
and imported only when used; the notebooks' tables (entities.mention_table,
attribution.attributions_per_article, keywords.keyword_inputs) are these same stages. :func:`annotate_frame` applies a set of stages to a DataFrame of
articles (the output of :func:`analysis.load_articles`) and returns one DataFrame per stage with
an ``article_id`` column; it is the same function whether it runs over a pandas DataFrame in one
process or over each partition of a Dask DataFrame (``ddf.map_partitions(entity_mentions,
meta=stage_meta("entities"))``). Stages for one article run one after the other, so the stages that
need POS tags share one tagging pass (``segment.tagged_sentences`` is cached on the text).

Corpus counts (entities, attributions, keyword-input term counts) are computed as small partial
tables per partition and merged by summing (:func:`partial_counts`, :func:`merge_counts`), so a
cluster never has to bring the per-article tables back to one machine. Inputs are read lazily by
:mod:`analysis.lazy_load` (rejections recorded as load_articles records them); an article found
in several partitions is annotated once, in the first (:func:`lazy_first_partitions`).

Results are cached per article as Parquet (:mod:`analysis.cache`), so re-running a notebook on an
unchanged corpus skips the NLP work. :func:`run_corpus` is the entry point for a whole corpus::

    result = run_corpus("my_articles/", scheduler="tcp://scheduler:8786")
    result.counts["entities"].head()
"""
from __future__ import annotations

import importlib
import importlib.util
import operator
import os
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from analysis.cache import AnnotationCache, annotation_cache
from analysis.lazy_load import (  # noqa: F401 (read_articles & co. are public here too)
    article_meta,
    combine_rejections,
    input_partitions,
    load_text_files,
    read_articles,
    read_rejections,
)
from analysis.load import progress_bar

# --------------------------------------------------------------------------------------- stages


@dataclass(frozen=True)
class Stage:
    """A per-article stage: ``target`` is "module:function", a function of the article's
    ``fields`` (columns of load_articles' table, passed as strings in that order: the clean
    ``text``, the untouched ``raw_text``, the ``headline``) returning a DataFrame."""

    name: str
    target: str
    fields: tuple[str, ...] = ("text",)
    description: str = ""

    @property
    def module(self) -> str:
        return self.target.split(":", 1)[0]

    def available(self) -> bool:
        """True when the stage's module exists (stages are imported lazily)."""
        return importlib.util.find_spec(self.module) is not None

    def function(self) -> Callable[..., pd.DataFrame]:
        module, name = self.target.split(":", 1)
        return getattr(importlib.import_module(module), name)

    def run(self, article: dict[str, Any]) -> pd.DataFrame:
        """The stage's own result for one article (a dict with the stage's fields; a missing
        or non-string value counts as an empty string)."""
        values = [article.get(name) for name in self.fields]
        return self.function()(*[v if isinstance(v, str) else "" for v in values])


def clean_segments(raw_text: str) -> pd.DataFrame:
    """The cleaning audit of an article: start, end, text, role, rule, with offsets into the raw
    text after mojibake repair, the text load_articles cleaned (as in clean.cleaning_audit)."""
    from analysis.clean import clean_text, repair_mojibake

    return clean_text(repair_mojibake(raw_text)).segments


def keyword_counts(text: str) -> pd.DataFrame:
    """Keyword inputs of one article: unit, term, count.

    Units, each summable over a corpus: "count" (every word form, lower-cased, the
    tokenizer of :mod:`analysis.keyness`, so the sums are the target counts for keyness against a
    reference corpus), "token", "lemma" and "bigram" (content words and two-word terms without
    stopwords, from the shared tagging pass, as :func:`analysis.keywords.term_frequencies` counts
    them with unit="token"/"lemma" and ngram=2), "collocation_word" and "collocation_pair" (the
    word and sentence-bounded pair counts NLTK's collocation finder is built from, pairs "w1 w2"
    without stopwords: :func:`analysis.keywords.collocation_inputs`). The ``*_from_counts``
    functions of :mod:`analysis.keywords` compute the keyword tables from these rows.
    """
    from analysis import keywords
    from analysis.keyness import count_tokens

    units, terms, counts = [], [], []

    def add(unit: str, counter: Counter) -> None:
        units.extend([unit] * len(counter))
        terms.extend(counter)
        counts.extend(counter.values())

    stop = keywords.default_stopwords()
    add("count", Counter(count_tokens(text)))
    for unit in ("token", "lemma"):  # the terms term_frequencies counts, without its sorting
        add(unit, Counter(keywords.document_terms(text, unit, 1, stop)))
    add("bigram", Counter(keywords.document_terms(text, "token", 2, stop)))
    words, pairs = keywords.collocation_inputs(text, stop)
    add("collocation_word", words)
    add("collocation_pair", Counter({f"{w1} {w2}": n for (w1, w2), n in pairs.items()}))
    return pd.DataFrame({"unit": pd.Series(units, dtype=object),
                         "term": pd.Series(terms, dtype=object),
                         "count": pd.Series(counts, dtype="int64")})


STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in (
        Stage("segments", "analysis.corpus:clean_segments", ("raw_text",),
              "cleaning audit: every segment of the raw text with its role and rule"),
        Stage("credits", "analysis.credits:extract_credits", ("raw_text",),
              "agency and photo credits in the raw text"),
        Stage("sentences", "analysis.segment:sentences", ("text",), "sentences with offsets"),
        Stage("tokens", "analysis.segment:tokens", ("text",), "POS-tagged tokens (large)"),
        Stage("entities", "analysis.entities:mentions_in_article", ("raw_text", "text"),
              "entity mentions in the body, headline and captions"),
        Stage("attributions", "analysis.attribution:article_attributions", ("text",),
              "attributed statements: source, cue, content (speakers typed with the entities)"),
        Stage("keywords", "analysis.corpus:keyword_counts", ("text",),
              "per-article term counts (word forms, tokens, lemmas, bigrams, collocation inputs)"),
        Stage("key_terms", "analysis.keywords:key_term_candidates", ("headline", "text"),
              "key-term candidates of headline + text, and the headline's word forms"),
    )
}
DEFAULT_STAGES: tuple[str, ...] = ("entities", "attributions", "keywords")

#: A short text on which every stage finds something; it fixes each stage's columns and dtypes.
EXAMPLE_RAW = (
    "China and the U.S. meet in Washington\n\n"
    "WASHINGTON (Reuters) - U.S. Secretary of State Rex Tillerson said on Wednesday that China "
    "must put more pressure on North Korea.\n\n"
    "“We will keep up the pressure,” Tillerson told reporters at the State Department.\n\n"
    "(STR/AFP/Getty Images)\n"
)


def _stage(stage: str | Stage) -> Stage:
    if isinstance(stage, Stage):
        return stage
    try:
        return STAGES[stage]
    except KeyError:
        raise ValueError(f"unknown stage {stage!r}; stages are {sorted(STAGES)}") from None


def available_stages(names: Iterable[str] = DEFAULT_STAGES) -> list[str]:
    """The stages among `names` whose modules exist (all of them once the package is complete)."""
    return [name for name in names if _stage(name).available()]


def _text_dtypes(frame: pd.DataFrame) -> dict[str, Any]:
    """Column dtypes with every string-like dtype as object (pandas 3 infers "str" for non-empty
    columns and object for empty ones; one dtype keeps partitions and cache reads identical)."""
    dtypes = {}
    for column, dtype in frame.dtypes.items():
        if isinstance(dtype, pd.StringDtype) or dtype == object or str(dtype) == "str":
            dtypes[column] = object
        else:
            dtypes[column] = dtype
    return dtypes


def example_article() -> dict[str, Any]:
    """The fields of :data:`EXAMPLE_RAW` as load_articles gives them (raw_text, text, headline)."""
    from analysis.clean import clean_text

    cleaned = clean_text(EXAMPLE_RAW)
    return {"raw_text": EXAMPLE_RAW, "text": cleaned.text, "headline": cleaned.headline}


@lru_cache(maxsize=None)
def _meta_dtypes(stage: Stage) -> tuple[tuple[str, Any], ...]:
    example = stage.run(example_article())
    dtypes = {"article_id": object}
    dtypes.update(_text_dtypes(example))
    return tuple(dtypes.items())


def _empty_frame(dtypes: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})


def _empty_like(frame: pd.DataFrame) -> pd.DataFrame:
    """An empty frame with `frame`'s columns and dtypes (text columns as object)."""
    return _empty_frame(_text_dtypes(frame))


def stage_meta(stage: str | Stage) -> pd.DataFrame:
    """An empty DataFrame with a stage's columns and dtypes (article_id first): Dask's `meta`."""
    return _empty_frame(dict(_meta_dtypes(_stage(stage))))


def conform(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """`frame` with exactly meta's columns and dtypes; missing values in text columns are None."""
    frame = frame.reindex(columns=meta.columns).reset_index(drop=True)
    out = {}
    for column, dtype in meta.dtypes.items():
        values = frame[column]
        if dtype == object:
            values = values.astype(object)
            values = values.where(values.notna(), None)
        else:
            values = values.astype(dtype)
        out[column] = values
    return pd.DataFrame(out, columns=meta.columns, index=pd.RangeIndex(len(frame)))


# ------------------------------------------------------------------------------- per article


def _annotate(article: dict[str, Any], stages: Sequence[Stage]) -> dict[str, pd.DataFrame]:
    """Each stage's own output for one article (no article_id column yet)."""
    return {stage.name: stage.run(article) for stage in stages}


def _field_values(articles: pd.DataFrame, stages: Sequence[Stage]) -> dict[str, list]:
    """The columns the stages read; without a raw_text column, stages read the text instead."""
    values = {}
    for name in sorted({name for stage in stages for name in stage.fields}):
        column = name if name in articles or name != "raw_text" else "text"
        values[name] = articles[column].tolist() if column in articles else [None] * len(articles)
    return values


def _with_ids(frames: list[pd.DataFrame], ids: list[str], meta: pd.DataFrame) -> pd.DataFrame:
    """Concatenate per-article frames and add their article_id column in one step (adding it
    to every small frame costs more than the concatenation)."""
    kept = [(frame, identifier) for frame, identifier in zip(frames, ids) if len(frame)]
    if not kept:
        return meta.copy()
    frame = pd.concat([f for f, _ in kept], ignore_index=True)
    frame["article_id"] = np.repeat(np.array([i for _, i in kept], dtype=object),
                                    [len(f) for f, _ in kept])
    return conform(frame, meta)


def annotate_article(article_id: str, text: str, raw_text: str | None = None,
                     stages: Sequence[str | Stage] = DEFAULT_STAGES, headline: str | None = None
                     ) -> dict[str, pd.DataFrame]:
    """Every stage's result for one article, each with an `article_id` column first.

    `raw_text` is needed only by the stages that read it (segments, credits, entities in
    captions); without it those stages read `text`.
    """
    stage_list = [_stage(s) for s in stages]
    article = {"text": text, "raw_text": raw_text if raw_text is not None else text,
               "headline": headline}
    results = _annotate(article, stage_list)
    return {stage.name: _with_ids([results[stage.name]], [article_id], stage_meta(stage))
            for stage in stage_list}


def _order_by(frame: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    """Rows grouped by article in `order`, keeping each article's own row order (stable)."""
    if frame.empty:
        return frame.reset_index(drop=True)
    position = frame["article_id"].map(order).to_numpy()
    return frame.iloc[np.argsort(position, kind="stable")].reset_index(drop=True)


def annotate_frame(articles: pd.DataFrame, stages: Sequence[str | Stage] = DEFAULT_STAGES, *,
                   cache: AnnotationCache | str | os.PathLike | bool | None = None,
                   progress: bool | None = False, batch_size: int = 500
                   ) -> dict[str, pd.DataFrame]:
    """Annotate a DataFrame of articles (columns article_id, text, and raw_text for the stages
    that read it): one DataFrame per stage, rows grouped by article in input order.

    Each article id is annotated once (duplicates share the first one's rows and appear once).
    Cached articles are read from the cache; the others are computed in batches of `batch_size`
    and written to it. `progress=True` shows a tqdm bar (terminal or notebook), None only for
    large inputs. This is the function each Dask partition runs, so a cluster run gives the same
    rows as a local one.
    """
    stage_list = [_stage(s) for s in stages]
    store = annotation_cache(cache)
    unique = articles.drop_duplicates("article_id") if "article_id" in articles else articles
    ids = unique["article_id"].astype(str).tolist()
    order = {identifier: i for i, identifier in enumerate(ids)}
    metas: dict[str, pd.DataFrame] = {}
    pieces: dict[str, list[pd.DataFrame]] = {stage.name: [] for stage in stage_list}
    missing: dict[str, set[str]] = {}
    for stage in stage_list:
        rows, found = store.get(stage.name, ids)
        missing[stage.name] = set(ids) - found
        # All cached: the cached rows carry the stage's columns and dtypes, so the stage (and
        # the models it loads to build its meta) need not run at all.
        metas[stage.name] = (stage_meta(stage) if missing[stage.name] or rows is None
                             else _empty_like(rows))
        if rows is not None:
            pieces[stage.name].append(conform(rows[rows["article_id"].isin(order)], metas[stage.name]))

    todo = [i for i, identifier in enumerate(ids) if any(identifier in m for m in missing.values())]
    values = _field_values(unique, stage_list)
    bar = progress_bar(range(len(todo)), len(todo), progress, "annotating")
    iterator = iter(bar)
    for start in range(0, len(todo), batch_size):
        batch = todo[start:start + batch_size]
        new: dict[str, list[pd.DataFrame]] = {stage.name: [] for stage in stage_list}
        batch_ids: dict[str, list[str]] = {stage.name: [] for stage in stage_list}
        for position in batch:
            identifier = ids[position]
            wanted = [stage for stage in stage_list if identifier in missing[stage.name]]
            results = _annotate({name: column[position] for name, column in values.items()},
                                wanted)
            for name, frame in results.items():
                new[name].append(frame)
                batch_ids[name].append(identifier)
            next(iterator, None)
        for stage in stage_list:
            if not batch_ids[stage.name]:
                continue
            frame = _with_ids(new[stage.name], batch_ids[stage.name], metas[stage.name])
            store.put(stage.name, batch_ids[stage.name], frame)
            pieces[stage.name].append(frame)
    if hasattr(bar, "close"):
        bar.close()
    return {
        stage.name: _order_by(conform(pd.concat(pieces[stage.name] or [metas[stage.name]],
                                                ignore_index=True), metas[stage.name]), order)
        for stage in stage_list
    }


def stage_table(articles: pd.DataFrame, stage: str | Stage, cache: Any = None,
                progress: bool | None = False) -> pd.DataFrame:
    """One stage over a DataFrame of articles; usable in ``map_partitions(meta=stage_meta(...))``.
    `progress=None` shows a bar only for large inputs (so small notebooks print nothing)."""
    return annotate_frame(articles, [stage], cache=cache, progress=progress)[_stage(stage).name]


def entity_mentions(articles: pd.DataFrame, cache: Any = None,
                    progress: bool | None = False) -> pd.DataFrame:
    """Entity mentions of every article in body, headline and captions: article_id + the
    columns of entities.mentions_in_article (names resolved within each article only)."""
    return stage_table(articles, "entities", cache, progress)


def attribution_table(articles: pd.DataFrame, cache: Any = None,
                      progress: bool | None = False) -> pd.DataFrame:
    """Attributions of every article: article_id + the columns of extract_attributions."""
    return stage_table(articles, "attributions", cache, progress)


# ------------------------------------------------------------------------------- aggregates

#: For each stage with a corpus count: the key columns and the name of the row count.
COUNT_KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "entities": (("canonical", "label", "role"), "mentions"),
    "attributions": (("speaker", "source_type", "kind"), "attributions"),
    "keywords": (("unit", "term"), "count"),
    "credits": (("agency", "role"), "credits"),
}


def partial_counts(stage: str, frame: pd.DataFrame) -> pd.DataFrame:
    """One partition's counts for a stage: key columns, the row count (keywords: the summed
    `count`), and `articles` (how many articles have the key). Summing partials over partitions
    that do not share articles gives the corpus counts."""
    keys, value = COUNT_KEYS[stage]
    keys = list(keys)
    columns = keys + [value, "articles"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in keys else "int64") for c in columns})
    data = frame[keys + ["article_id"]].copy()
    for key in keys:  # a missing key (unresolved speaker) is its own group, not dropped
        data[key] = data[key].astype(object).where(data[key].notna(), "")
    data[value] = frame["count"].to_numpy() if stage == "keywords" else 1
    grouped = data.groupby(keys, sort=False, dropna=False)
    result = pd.DataFrame({value: grouped[value].sum(), "articles": grouped["article_id"].nunique()})
    return result.reset_index().astype({value: "int64", "articles": "int64"})[columns]


def merge_counts(stage: str, partials: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Sum partial count tables; sorted by count (desc), then keys, so ties are deterministic."""
    keys, value = COUNT_KEYS[stage]
    keys = list(keys)
    frames = [p for p in partials if p is not None]
    frame = pd.concat(frames, ignore_index=True) if frames else partial_counts(stage, pd.DataFrame())
    if frame.empty:
        return partial_counts(stage, pd.DataFrame())
    merged = frame.groupby(keys, sort=False, dropna=False)[[value, "articles"]].sum().reset_index()
    merged = merged.astype({value: "int64", "articles": "int64"})
    for key in keys:
        merged[key] = merged[key].astype(object)
    merged = merged.sort_values([value] + keys, ascending=[False] + [True] * len(keys),
                                kind="mergesort")
    return merged.reset_index(drop=True)[keys + [value, "articles"]]


def corpus_counts(annotations: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Corpus counts of every stage that has them, from per-article tables (pandas path)."""
    return {name: merge_counts(name, [partial_counts(name, frame)])
            for name, frame in annotations.items() if name in COUNT_KEYS}


# ------------------------------------------------------------------------------- Dask input
# The load stage for Dask lives in analysis.lazy_load; read_articles, read_rejections,
# article_meta and load_text_files are imported above, so they stay importable from here.


# ------------------------------------------------------------------------------- corpus runs


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

    def cached_table(self, stage: str):
        """The cached per-article table of a stage as a lazy Dask DataFrame (Parquet)."""
        import dask.dataframe as dd

        return dd.read_parquet([str(p) for p in self.cache.part_files(stage)])


def _annotate_partition(articles: pd.DataFrame, stages: tuple[str, ...],
                        cache: AnnotationCache, first_seen: pd.Series | None = None,
                        index: int = 0) -> dict[str, Any]:
    """A partition's per-stage tables and corpus-count partials (runs on a worker). An article
    whose id `first_seen` maps to an earlier partition than `index` (a duplicate) is left out."""
    if first_seen is not None and len(first_seen) and len(articles):
        earlier = articles["article_id"].map(first_seen) < index  # not a duplicate: NaN, False
        articles = articles[~earlier.to_numpy(dtype=bool)]
    tables = annotate_frame(articles, stages, cache=cache, progress=False)
    counts = {name: partial_counts(name, frame) for name, frame in tables.items()
              if name in COUNT_KEYS}
    n = int(articles["article_id"].nunique()) if len(articles) else 0
    return {"tables": tables, "counts": counts, "n": n}


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


def _concat(stage: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
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


def _local_client(workers: int | None, memory_limit: str | None = None):
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                           processes=True, dashboard_address=None,
                           memory_limit=memory_limit or "auto")
    return Client(cluster), cluster


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
    Inputs that cannot be used are in `result.rejected` (source, reason), with a warning.
    """
    names = tuple(stages) if stages is not None else tuple(available_stages(DEFAULT_STAGES))
    store = annotation_cache(cache)
    if scheduler == "pandas":
        return _run_pandas(source, names, store, progress, collect, text_column)

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
        inputs = input_partitions(source, files_per_partition=files_per_partition,
                                  blocksize=blocksize, text_column=text_column)
        loaders = [part.load() for part in inputs]  # each yields (articles, rejected)
        parts = [delayed(operator.getitem, pure=True)(loader, 0) for loader in loaders]
        rejected_parts = [delayed(operator.getitem, pure=True)(loader, 1) for loader in loaders]
        if dedupe:
            # Ids from the raw records (reading and hashing, no cleaning). Inputs the loaders
            # reject have no id and are ignored here: the loaders list them in `rejected`.
            id_parts = [part.article_ids() for part in inputs]

    client = cluster = None
    try:
        if scheduler is None or scheduler == "local":
            client, cluster = _local_client(workers)
        elif isinstance(scheduler, str) and "://" in scheduler:
            from distributed import Client

            client = Client(scheduler)
        elif scheduler is not None and hasattr(scheduler, "compute") and hasattr(scheduler, "gather"):
            client = scheduler

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
        results = [delayed(_annotate_partition)(part, names, store, shared, index)
                   for index, part in enumerate(parts)]
        split_out = max(1, len(results) // 8)
        counts = {name: partitioned_counts(name, [delayed(_pick)(r, "counts", name)
                                                  for r in results], split_out)
                  for name in names if name in COUNT_KEYS}
        tables = ({name: delayed(_concat)(name, [delayed(_pick)(r, "tables", name)
                                                  for r in results])
                   for name in names} if collect else {})
        total = delayed(_sum)([delayed(_count)(r) for r in results])
        found = delayed(combine_rejections)(rejected_parts) if rejected_parts else rejected
        counts_out, tables_out, n, rejected = compute((counts, tables, total, found))
    finally:
        if client is not None and client is not scheduler:
            client.close()
        if cluster is not None:
            cluster.close()
    _warn_rejected(rejected)
    counts_out = {name: merge_counts(name, pieces) for name, pieces in counts_out.items()}
    return CorpusResult(counts=counts_out, annotations=dict(tables_out) if collect else None,
                        n_articles=int(n), cache=store, stages=names, rejected=rejected)


def _warn_rejected(rejected: pd.DataFrame, stacklevel: int = 3) -> None:
    if len(rejected):
        warnings.warn(f"{len(rejected)} input(s) could not be used (empty, binary, malformed or "
                      f"unsupported); they are listed in result.rejected (source, reason)",
                      stacklevel=stacklevel)


def _run_pandas(source, names: tuple[str, ...], store: AnnotationCache, progress: bool,
                collect: bool, text_column: str | None) -> CorpusResult:
    if isinstance(source, pd.DataFrame):
        articles = source
    else:
        from analysis.load import load_articles

        articles = load_articles(source, text_column=text_column, progress=progress)
    tables = annotate_frame(articles, names, cache=store, progress=progress)
    rejected = combine_rejections([articles.attrs.get("rejected")])
    _warn_rejected(rejected, stacklevel=4)
    return CorpusResult(counts=corpus_counts(tables), annotations=tables if collect else None,
                        n_articles=int(articles["article_id"].nunique()), cache=store, stages=names,
                        rejected=rejected)
