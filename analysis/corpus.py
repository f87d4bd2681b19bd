"""From one article to millions: the per-article pipeline, corpus aggregates, and Dask runs.

Every stage is a plain per-article function ``text -> DataFrame`` registered in :data:`STAGES`
and imported only when used. :func:`annotate_frame` applies a set of stages to a DataFrame of
articles (the output of :func:`analysis.load_articles`) and returns one DataFrame per stage with
an ``article_id`` column; it is the same function whether it runs over a pandas DataFrame in one
process or over each partition of a Dask DataFrame (``ddf.map_partitions(entity_mentions,
meta=stage_meta("entities"))``). Stages for one article run one after the other, so the stages that
need POS tags share one tagging pass (``segment.tagged_sentences`` is cached on the text).

Corpus counts (entities, attributions, keyword-input term counts) are computed as small partial
tables per partition and merged by summing (:func:`partial_counts`, :func:`merge_counts`), so a
cluster never has to bring the per-article tables back to one machine.

Results are cached per article as Parquet (:mod:`analysis.cache`), so re-running a notebook on an
unchanged corpus skips the NLP work. :func:`run_corpus` is the entry point for a whole corpus::

    result = run_corpus("my_articles/", scheduler="tcp://scheduler:8786")
    result.counts["entities"].head()
"""
from __future__ import annotations

import importlib
import importlib.util
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.cache import AnnotationCache, annotation_cache
from analysis.load import progress_bar

# --------------------------------------------------------------------------------------- stages


@dataclass(frozen=True)
class Stage:
    """A per-article stage: ``target`` is "module:function", a function of one string (the
    article's ``field``: the clean ``text`` or the untouched ``raw_text``) returning a DataFrame."""

    name: str
    target: str
    field: str = "text"
    description: str = ""

    @property
    def module(self) -> str:
        return self.target.split(":", 1)[0]

    def available(self) -> bool:
        """True when the stage's module exists (stages are imported lazily)."""
        return importlib.util.find_spec(self.module) is not None

    def function(self) -> Callable[[str], pd.DataFrame]:
        module, name = self.target.split(":", 1)
        return getattr(importlib.import_module(module), name)


def clean_segments(raw_text: str) -> pd.DataFrame:
    """The cleaning audit of an article: start, end, text, role, rule (offsets into raw_text)."""
    from analysis.clean import clean_text

    return clean_text(raw_text).segments


def keyword_counts(text: str) -> pd.DataFrame:
    """Keyword inputs of one article: unit, term, count.

    Three units, each summable over a corpus: "count" (every word form, lower-cased, the
    tokenizer of :mod:`analysis.keyness`, so the sums are the target counts for keyness against a
    reference corpus), "token" and "lemma" (content words without stopwords, from the shared
    tagging pass, as :func:`analysis.keywords.term_frequencies` counts them).
    """
    from analysis import keywords
    from analysis.keyness import count_tokens

    units, terms, counts = [], [], []

    def add(unit: str, counter: Counter) -> None:
        units.extend([unit] * len(counter))
        terms.extend(counter)
        counts.extend(counter.values())

    add("count", Counter(count_tokens(text)))
    for unit in ("token", "lemma"):  # the terms term_frequencies counts, without its sorting
        add(unit, Counter(keywords.document_terms(text, unit, 1, keywords.default_stopwords())))
    return pd.DataFrame({"unit": pd.Series(units, dtype=object),
                         "term": pd.Series(terms, dtype=object),
                         "count": pd.Series(counts, dtype="int64")})


STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in (
        Stage("segments", "analysis.corpus:clean_segments", "raw_text",
              "cleaning audit: every segment of the raw text with its role and rule"),
        Stage("credits", "analysis.credits:extract_credits", "raw_text",
              "agency and photo credits in the raw text"),
        Stage("sentences", "analysis.segment:sentences", "text", "sentences with offsets"),
        Stage("tokens", "analysis.segment:tokens", "text", "POS-tagged tokens (large)"),
        Stage("entities", "analysis.entities:extract_entities", "text", "entity mentions"),
        Stage("attributions", "analysis.attribution:extract_attributions", "text",
              "attributed statements: source, cue, content"),
        Stage("keywords", "analysis.corpus:keyword_counts", "text",
              "per-article term counts (word forms, tokens, lemmas)"),
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


@lru_cache(maxsize=None)
def _meta_dtypes(stage: Stage) -> tuple[tuple[str, Any], ...]:
    from analysis.clean import clean_text

    text = clean_text(EXAMPLE_RAW).text if stage.field == "text" else EXAMPLE_RAW
    example = stage.function()(text)
    dtypes = {"article_id": object}
    dtypes.update(_text_dtypes(example))
    return tuple(dtypes.items())


def stage_meta(stage: str | Stage) -> pd.DataFrame:
    """An empty DataFrame with a stage's columns and dtypes (article_id first): Dask's `meta`."""
    dtypes = dict(_meta_dtypes(_stage(stage)))
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})


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


def _annotate(text: str, raw_text: str | None, stages: Sequence[Stage]) -> dict[str, pd.DataFrame]:
    """Each stage's own output for one article (no article_id column yet)."""
    results = {}
    for stage in stages:
        source = raw_text if stage.field == "raw_text" and raw_text is not None else text
        results[stage.name] = stage.function()(source if isinstance(source, str) else "")
    return results


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
                     stages: Sequence[str | Stage] = DEFAULT_STAGES) -> dict[str, pd.DataFrame]:
    """Every stage's result for one article, each with an `article_id` column first.

    `raw_text` is needed only by the stages that read it (segments, credits); without it those
    stages read `text`.
    """
    stage_list = [_stage(s) for s in stages]
    results = _annotate(text, raw_text, stage_list)
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
    and written to it. `progress=True` shows a tqdm bar (terminal or notebook). This is the
    function each Dask partition runs, so a cluster run gives the same rows as a local one.
    """
    stage_list = [_stage(s) for s in stages]
    store = annotation_cache(cache)
    unique = articles.drop_duplicates("article_id") if "article_id" in articles else articles
    ids = unique["article_id"].astype(str).tolist()
    order = {identifier: i for i, identifier in enumerate(ids)}
    metas = {stage.name: stage_meta(stage) for stage in stage_list}
    pieces: dict[str, list[pd.DataFrame]] = {stage.name: [] for stage in stage_list}
    missing: dict[str, set[str]] = {}
    for stage in stage_list:
        rows, found = store.get(stage.name, ids)
        if rows is not None:
            pieces[stage.name].append(conform(rows[rows["article_id"].isin(order)], metas[stage.name]))
        missing[stage.name] = set(ids) - found

    todo = [i for i, identifier in enumerate(ids) if any(identifier in m for m in missing.values())]
    texts = unique["text"].tolist() if "text" in unique else [None] * len(ids)
    raws = unique["raw_text"].tolist() if "raw_text" in unique else texts
    bar = progress_bar(range(len(todo)), len(todo), bool(progress), "annotating")
    iterator = iter(bar)
    for start in range(0, len(todo), batch_size):
        batch = todo[start:start + batch_size]
        new: dict[str, list[pd.DataFrame]] = {stage.name: [] for stage in stage_list}
        batch_ids: dict[str, list[str]] = {stage.name: [] for stage in stage_list}
        for position in batch:
            identifier = ids[position]
            wanted = [stage for stage in stage_list if identifier in missing[stage.name]]
            results = _annotate(texts[position], raws[position], wanted)
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


def stage_table(articles: pd.DataFrame, stage: str | Stage, cache: Any = None) -> pd.DataFrame:
    """One stage over a DataFrame of articles; usable in ``map_partitions(meta=stage_meta(...))``."""
    return annotate_frame(articles, [stage], cache=cache)[_stage(stage).name]


def entity_mentions(articles: pd.DataFrame, cache: Any = None) -> pd.DataFrame:
    """Entity mentions of every article: article_id + the columns of extract_entities."""
    return stage_table(articles, "entities", cache)


def attribution_table(articles: pd.DataFrame, cache: Any = None) -> pd.DataFrame:
    """Attributions of every article: article_id + the columns of extract_attributions."""
    return stage_table(articles, "attributions", cache)


def keyword_table(articles: pd.DataFrame, cache: Any = None) -> pd.DataFrame:
    """Keyword inputs of every article: article_id, unit, term, count."""
    return stage_table(articles, "keywords", cache)


# ------------------------------------------------------------------------------- aggregates

#: For each stage with a corpus count: the key columns and the name of the row count.
COUNT_KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "entities": (("canonical", "label"), "mentions"),
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

TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet", ".pq"}


def article_meta() -> pd.DataFrame:
    """Columns and dtypes of load_articles' output (the meta of a lazily read corpus)."""
    from analysis.load import ARTICLE_COLUMNS

    dtypes = {c: object for c in ARTICLE_COLUMNS}
    dtypes.update({"n_chars": "int64", "n_words": "int64", "is_duplicate": bool})
    return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in ARTICLE_COLUMNS})


def _conform_articles(frame: pd.DataFrame) -> pd.DataFrame:
    meta = article_meta()
    frame = frame.reindex(columns=meta.columns).reset_index(drop=True)
    frame.attrs = {}  # rejected inputs (a DataFrame in attrs) do not survive Dask concatenation
    return frame.astype(dict(meta.dtypes.items()))


def load_text_files(files: Sequence[str], base: str) -> pd.DataFrame:
    """Articles from a list of text files, exactly as load_articles reads them from a folder
    (source relative to `base`); unreadable files are skipped as load_articles rejects them."""
    from analysis import load

    records, rejected = [], []
    for name in files:
        path = Path(name)
        display = str(path.relative_to(base))
        try:
            records.append(load.read_article_file(path, display))
        except (ValueError, UnicodeDecodeError, OSError) as error:
            rejected.append((display, str(error)))
    if not records:
        return article_meta()
    return _conform_articles(load.articles_frame(records, rejected, False, base))


def load_table_part(frame: pd.DataFrame, name: str, text_column: str | None = None) -> pd.DataFrame:
    """Articles from one partition of a table; `source` is "<file>#<row in the partition>"."""
    from analysis.load import ArticleLoadError, load_articles

    try:
        articles = load_articles(frame.reset_index(drop=True), text_column=text_column,
                                 progress=False)
    except ArticleLoadError:
        return article_meta()
    articles["source"] = [f"{name}#{s.rsplit(':', 1)[-1]}" for s in articles["source"]]
    return _conform_articles(articles)


def load_whole_table(path: str, text_column: str | None = None) -> pd.DataFrame:
    """All articles of one table file, read by load_articles itself (same sources)."""
    from analysis.load import ArticleLoadError, load_articles

    try:
        return _conform_articles(load_articles(path, text_column=text_column, progress=False))
    except ArticleLoadError:
        return article_meta()


def _folder_files(folder: Path) -> tuple[list[Path], list[Path]]:
    from analysis.load import list_article_files

    texts, others = list_article_files(folder)
    return texts, [p for p in others if p.suffix.lower() in TABLE_SUFFIXES]


def read_articles(path: str | os.PathLike, *, files_per_partition: int = 200,
                  blocksize: int = 16_000_000, text_column: str | None = None):
    """A lazy Dask DataFrame of articles with load_articles' columns.

    A folder of text files becomes partitions of `files_per_partition` files (``dd.from_map``;
    same article ids, sources and clean text as load_articles); JSONL and Parquet are read in
    blocks of about `blocksize` bytes or by row group; a CSV/TSV (whose quoted fields may span
    lines) is read whole by one task and then split. Tables found in a folder are added.
    Duplicates are flagged within a partition only, and rejected inputs are not listed (use
    load_articles for that audit on a small corpus).
    """
    import dask.dataframe as dd

    path = Path(path).expanduser().resolve()
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    meta = article_meta()
    if path.is_dir():
        texts, tables = _folder_files(path)
        parts = []
        if texts:
            chunks = [[str(p) for p in texts[i:i + files_per_partition]]
                      for i in range(0, len(texts), files_per_partition)]
            parts.append(dd.from_map(load_text_files, chunks, base=str(path), meta=meta,
                                     enforce_metadata=False))
        parts += [read_articles(table, blocksize=blocksize, text_column=text_column)
                  for table in tables]
        if not parts:
            raise ValueError(f"{path}: the folder has no .txt files or tables")
        return parts[0] if len(parts) == 1 else dd.concat(parts)
    suffix = path.suffix.lower()
    kwargs = {"name": path.name, "text_column": text_column, "meta": meta}
    if suffix in {".jsonl", ".ndjson"}:
        raw = dd.read_json(str(path), lines=True, blocksize=blocksize, dtype=False)
    elif suffix in {".parquet", ".pq"}:
        raw = dd.read_parquet(str(path))
    elif suffix in {".csv", ".tsv", ".json"}:
        if suffix == ".json":  # one JSON document: one task reads it as load_articles does
            whole = dd.from_map(load_whole_table, [str(path)], text_column=text_column, meta=meta,
                                enforce_metadata=False)
            pieces = max(1, -(-path.stat().st_size // blocksize))
            return whole.repartition(npartitions=pieces) if pieces > 1 else whole
        else:
            raw = dd.read_csv(str(path), sep="\t" if suffix == ".tsv" else ",", dtype=str,
                              keep_default_na=False, blocksize=None)
        pieces = max(1, -(-path.stat().st_size // blocksize))
        if pieces > 1:
            raw = raw.repartition(npartitions=pieces)
    else:
        return dd.from_map(load_text_files, [[str(path)]], base=str(path.parent), meta=meta,
                           enforce_metadata=False)
    return raw.map_partitions(load_table_part, **kwargs)


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

    def cached_table(self, stage: str):
        """The cached per-article table of a stage as a lazy Dask DataFrame (Parquet)."""
        import dask.dataframe as dd

        return dd.read_parquet([str(p) for p in self.cache.part_files(stage)])


def _annotate_partition(articles: pd.DataFrame, stages: tuple[str, ...],
                        cache: AnnotationCache, skip: frozenset[str] = frozenset()
                        ) -> dict[str, Any]:
    """A partition's per-stage tables and corpus-count partials (runs on a worker). Articles in
    `skip` were seen in an earlier partition (duplicates) and are left out."""
    if skip:
        articles = articles[~articles["article_id"].isin(skip)]
    tables = annotate_frame(articles, stages, cache=cache, progress=False)
    counts = {name: partial_counts(name, frame) for name, frame in tables.items()
              if name in COUNT_KEYS}
    n = int(articles["article_id"].nunique()) if len(articles) else 0
    return {"tables": tables, "counts": counts, "n": n}


def text_file_ids(files: Sequence[str]) -> list[str]:
    """Article ids of text files without cleaning them (the cheap first pass of a dedupe)."""
    from analysis.load import article_id, decode_bytes

    ids = []
    for name in files:
        try:
            text, _ = decode_bytes(Path(name).read_bytes())
        except (ValueError, UnicodeDecodeError, OSError):
            continue
        if text.strip():
            ids.append(article_id(text))
    return ids


def _ids(articles: pd.DataFrame) -> list[str]:
    return articles["article_id"].astype(str).tolist()


def _skip_sets(id_lists: list[list[str]]) -> list[frozenset[str]]:
    """For each partition, the ids already seen in an earlier partition."""
    seen: set[str] = set()
    skips = []
    for ids in id_lists:
        skips.append(frozenset(i for i in ids if i in seen))
        seen.update(ids)
    return skips


def _pick(result: dict, what: str, stage: str) -> pd.DataFrame:
    return result[what][stage]


def _merge_tree(stage: str, partials: list, fan_in: int = 8):
    """Merge partial count tables in a tree of delayed tasks (bounded memory per task)."""
    from dask import delayed

    level = partials
    while len(level) > 1:
        level = [delayed(merge_counts)(stage, level[i:i + fan_in])
                 for i in range(0, len(level), fan_in)]
    return level[0] if level else delayed(merge_counts)(stage, [])


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
    memory is then bounded by the partition size on every worker.
    `dedupe=True` (as in the pandas run, each article id is annotated and counted once) costs a
    first pass that computes the article ids (for a folder of text files: hashing only).
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
    if isinstance(source, pd.DataFrame):
        # Already in memory: split here, find duplicates here, send each chunk once.
        source = source.copy(deep=False)
        source.attrs = {}  # a DataFrame in attrs (load_articles' "rejected") breaks concatenation
        chunks = [source.iloc[i:i + files_per_partition]
                  for i in range(0, len(source), files_per_partition)]
        parts: list = []
    else:
        ddf = source if isinstance(source, dd.DataFrame) else read_articles(
            source, files_per_partition=files_per_partition, blocksize=blocksize,
            text_column=text_column)
        parts = ddf.to_delayed()
        folder = Path(source).expanduser() if isinstance(source, (str, os.PathLike)) else None
        if dedupe and folder is not None and folder.is_dir() and not _folder_files(folder)[1]:
            texts = [str(p) for p in _folder_files(folder)[0]]
            id_parts = [delayed(text_file_ids)(texts[i:i + files_per_partition])
                        for i in range(0, len(texts), files_per_partition)]
        elif dedupe:
            id_parts = [delayed(_ids)(part) for part in parts]

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
            skips = _skip_sets([_ids(c) for c in chunks]) if dedupe else [frozenset()] * len(chunks)
            if client is not None:
                parts = client.scatter(chunks, hash=False)  # fresh keys: no race with old runs
            else:
                parts = [delayed(chunk, name=f"articles-{i}-{id(chunk)}", traverse=False)
                         for i, chunk in enumerate(chunks)]
        else:
            skips = _skip_sets(compute(id_parts)) if id_parts else [frozenset()] * len(parts)
        if len(skips) != len(parts):  # the cheap id pass must see the same partitions
            raise RuntimeError("article-id pass and article partitions disagree")
        results = [delayed(_annotate_partition)(part, names, store, skip)
                   for part, skip in zip(parts, skips)]
        counts = {name: _merge_tree(name, [delayed(_pick)(r, "counts", name) for r in results])
                  for name in names if name in COUNT_KEYS}
        tables = ({name: delayed(_concat)(name, [delayed(_pick)(r, "tables", name)
                                                  for r in results])
                   for name in names} if collect else {})
        total = delayed(_sum)([delayed(_count)(r) for r in results])
        counts_out, tables_out, n = compute((counts, tables, total))
    finally:
        if client is not None and client is not scheduler:
            client.close()
        if cluster is not None:
            cluster.close()
    return CorpusResult(counts=dict(counts_out), annotations=dict(tables_out) if collect else None,
                        n_articles=int(n), cache=store, stages=names)


def _run_pandas(source, names: tuple[str, ...], store: AnnotationCache, progress: bool,
                collect: bool, text_column: str | None) -> CorpusResult:
    if isinstance(source, pd.DataFrame):
        articles = source
    else:
        from analysis.load import load_articles

        articles = load_articles(source, text_column=text_column, progress=progress)
    tables = annotate_frame(articles, names, cache=store, progress=progress)
    return CorpusResult(counts=corpus_counts(tables), annotations=tables if collect else None,
                        n_articles=int(articles["article_id"].nunique()), cache=store, stages=names)
