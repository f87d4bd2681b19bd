"""Annotating a table of articles: each stage over each article once, through the cache.

:func:`annotate_frame` is the one function that turns articles into per-article stage tables. It
runs over a pandas DataFrame in one process and unchanged over each partition of a Dask DataFrame
(``ddf.map_partitions(stage_table, "entities", meta=stage_meta("entities"))``), so a cluster run
gives the same rows as a local one. Results are read from and written to the explicit on-disk
annotation cache (:mod:`analysis.pipeline.cache`).
"""
from __future__ import annotations

import functools
import math
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.core.checks import replace_surrogates, require_int
from analysis.core.progress import progress_bar
from analysis.core.schemas import conform, empty_like
from analysis.pipeline.cache import AnnotationCache, annotation_cache, input_key
from analysis.pipeline.stages import (
    ARTICLE_FIELDS,
    DEFAULT_STAGES,
    DOCUMENT,
    Stage,
    get_stage,
    run_helpers,
    run_stages,
    stage_meta,
    with_requirements,
)
from analysis.text import Document
from analysis.text.frames import WORD_RE  # the words text_statistics counts


def _field_value(value: Any) -> str:
    """What a stage reads of an article field: a str without lone surrogates (U+FFFD instead:
    same length, so offsets hold, and every result can be stored as UTF-8); "" when missing."""
    return replace_surrogates(value) if isinstance(value, str) else ""


def _field_values(articles: pd.DataFrame) -> dict[str, list[str]]:
    """The article columns stages read; without a raw_text column, stages read the text instead."""
    values = {}
    for name in ARTICLE_FIELDS:
        column = name if name in articles or name != "raw_text" else "text"
        values[name] = ([_field_value(v) for v in articles[column].tolist()] if column in articles
                        else [""] * len(articles))
    return values


def stage_fields(stage: str | Stage) -> tuple[str, ...]:
    """The article fields a stage's result depends on (through the stages it reads, and the
    Document, which is built from the text): what its cache key hashes."""
    read = set()
    for needed in with_requirements([stage]):
        read.update("text" if name == DOCUMENT else name for name in needed.inputs)
    return tuple(name for name in ARTICLE_FIELDS if name in read)


def stage_keys(unique: pd.DataFrame, stages: Sequence[str | Stage]) -> dict[str, list[str]]:
    """The annotation cache key of each article (row) of a table without repeated ids, per
    stage: its id and a hash of the fields the stage reads
    (:func:`analysis.pipeline.cache.input_key`), so an edited text is never answered with the old
    text's results. The fields are read once for all the stages."""
    ids = unique["article_id"].astype(str).tolist()
    return _stage_keys(ids, _field_values(unique), [get_stage(s) for s in stages])


def _stage_keys(ids: list[str], values: dict[str, list[str]], stages: Sequence[Stage]
                ) -> dict[str, list[str]]:
    """:func:`_keys` of each stage; stages that read the same fields share one list (the key
    names the article and its inputs, not the stage), so each set of fields is hashed once."""
    by_fields: dict[tuple[str, ...], list[str]] = {}
    keys = {}
    for stage in stages:
        fields = stage_fields(stage)
        if fields not in by_fields:
            by_fields[fields] = _keys(ids, values, stage)
        keys[stage.name] = by_fields[fields]
    return keys


def _keys(ids: list[str], values: dict[str, list[str]], stage: Stage) -> list[str]:
    columns = [values[name] for name in stage_fields(stage)]
    return [input_key(identifier, [column[i] for column in columns])
            for i, identifier in enumerate(ids)]


def _check_articles(articles: Any) -> None:
    if not isinstance(articles, pd.DataFrame):
        raise TypeError(f"articles must be a pandas DataFrame (a load_articles table), got "
                        f"{type(articles).__name__}")
    missing = [c for c in ("article_id", "text") if c not in articles]
    if missing:
        raise ValueError(f"articles has no {' or '.join(missing)} column: pass a load_articles "
                         f"table (or one with article_id and text columns)")


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
    stage_list = [get_stage(s) for s in stages]
    article = {"text": _field_value(text),
               "raw_text": _field_value(raw_text if raw_text is not None else text),
               "headline": _field_value(headline)}
    results = run_stages(article, stage_list)
    return {stage.name: _with_ids([results[stage.name]], [article_id], stage_meta(stage))
            for stage in stage_list}


def _order_by(frame: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    """Rows grouped by article in `order`, keeping each article's own row order (stable)."""
    if frame.empty:
        return frame.reset_index(drop=True)
    position = frame["article_id"].map(order).to_numpy()
    return frame.iloc[np.argsort(position, kind="stable")].reset_index(drop=True)


def _output(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


def _given(name: str, rows: pd.DataFrame) -> Stage:
    """A stand-in for a required stage whose rows for the article are already known (cached):
    placed first in run_stages' list, with_requirements keeps it instead of the registered stage,
    so the stage that reads it gets the cached rows and the required stage is not run again."""
    return Stage(name, functools.partial(_output, rows), ())


def _cached_requirements(store: AnnotationCache, stage_list: list[Stage],
                         missing: dict[str, set[str]], pieces: dict[str, list[pd.DataFrame]],
                         ids: list[str], values: dict[str, list[str]]
                         ) -> dict[str, dict[str, pd.DataFrame]]:
    """For the stages to compute, the cached rows of the stages they read (attributions read the
    entities): stage name -> article id -> that article's rows as the stage returned them
    (without article_id). Only articles whose required result is cached and that need a reader
    are listed; a required stage not cached for an article is computed with its reader."""
    known: dict[str, dict[str, pd.DataFrame]] = {}
    requested = {stage.name for stage in stage_list}
    position = {identifier: i for i, identifier in enumerate(ids)}
    for stage in stage_list:
        if not missing[stage.name]:
            continue
        for needed in with_requirements([stage])[:-1]:
            readers = set(missing[stage.name])
            if needed.name in requested:  # cached rows already read for this call
                readers -= missing[needed.name]
                rows = [p for p in pieces[needed.name] if len(p)]
                frame = pd.concat(rows, ignore_index=True) if rows else None
            else:
                wanted = [i for i in ids if i in readers]
                keys = _keys(wanted, {k: [v[position[i]] for i in wanted] for k, v in values.items()},
                             needed)
                frame, found = store.get(needed.name, keys)
                readers &= {key.rsplit("@", 1)[0] for key in found}
            if frame is None or not readers:
                continue
            meta = empty_like(frame.drop(columns="article_id"))  # the cached columns and dtypes
            groups = frame[frame["article_id"].isin(readers)].groupby("article_id", sort=False)
            table = known.setdefault(needed.name, {})
            for identifier, rows in groups:
                table[identifier] = rows.drop(columns="article_id").reset_index(drop=True)
            for identifier in readers - set(table):  # cached with no rows
                table[identifier] = meta
    return known


def annotate_frame(articles: pd.DataFrame, stages: Sequence[str | Stage] = DEFAULT_STAGES, *,
                   cache: AnnotationCache | str | os.PathLike | bool | None = None,
                   progress: bool | None = False, batch_size: int = 500
                   ) -> dict[str, pd.DataFrame]:
    """Annotate a DataFrame of articles (columns article_id, text, and raw_text for the stages
    that read it): one DataFrame per stage, rows grouped by article in input order.

    Each article id is annotated once (duplicates share the first one's rows and appear once).
    Cached results (found by article id and a hash of the fields each stage reads, so an edited
    text is annotated again) are read from the cache; the others are computed in batches of `batch_size`
    and written to it, sharing one set of run helpers (lemma and stem memos). `progress=True` shows a tqdm bar (terminal or notebook), None only for
    large inputs. Each Dask partition runs it (through :func:`annotate_frame_with_keys`), so a
    cluster run gives the same rows as a local one.
    """
    return annotate_frame_with_keys(articles, stages, cache=cache, progress=progress,
                                    batch_size=batch_size)[0]


def annotate_frame_with_keys(articles: pd.DataFrame, stages: Sequence[str | Stage] = DEFAULT_STAGES,
                             *, cache: AnnotationCache | str | os.PathLike | bool | None = None,
                             progress: bool | None = False, batch_size: int = 500
                             ) -> tuple[dict[str, pd.DataFrame], dict[str, list[str]]]:
    """:func:`annotate_frame`'s tables, and the cache key of each distinct article per stage
    (first-seen order) that it looked up: what a corpus run records in its manifest, without
    hashing the articles' fields a second time."""
    _check_articles(articles)
    batch_size = require_int(batch_size, "batch_size", minimum=1)
    stage_list = [get_stage(s) for s in stages]
    store = annotation_cache(cache)
    unique = articles.drop_duplicates("article_id")
    ids = unique["article_id"].astype(str).tolist()
    order = {identifier: i for i, identifier in enumerate(ids)}
    values = _field_values(unique)
    keys = _stage_keys(ids, values, stage_list)
    metas: dict[str, pd.DataFrame] = {}
    pieces: dict[str, list[pd.DataFrame]] = {stage.name: [] for stage in stage_list}
    missing: dict[str, set[str]] = {}
    for stage in stage_list:
        rows, found = store.get(stage.name, keys[stage.name])
        missing[stage.name] = {i for i, k in zip(ids, keys[stage.name]) if k not in found}
        # All cached: the cached rows carry the stage's columns and dtypes, so the stage (and
        # the models it loads to build its meta) need not run at all.
        metas[stage.name] = (stage_meta(stage) if missing[stage.name] or rows is None
                             else empty_like(rows))
        if rows is not None:
            pieces[stage.name].append(conform(rows[rows["article_id"].isin(order)], metas[stage.name]))

    todo = [i for i, identifier in enumerate(ids) if any(identifier in m for m in missing.values())]
    known = _cached_requirements(store, stage_list, missing, pieces, ids, values)
    helpers = run_helpers()  # one lemma and stem memo for the whole call
    bar = progress_bar(range(len(todo)), len(todo), progress, "annotating")
    iterator = iter(bar)
    for start in range(0, len(todo), batch_size):
        batch = todo[start:start + batch_size]
        new: dict[str, list[pd.DataFrame]] = {stage.name: [] for stage in stage_list}
        batch_ids: dict[str, list[str]] = {stage.name: [] for stage in stage_list}
        batch_keys: dict[str, list[str]] = {stage.name: [] for stage in stage_list}
        for position in batch:
            identifier = ids[position]
            wanted = [stage for stage in stage_list if identifier in missing[stage.name]]
            given = [_given(name, rows[identifier]) for name, rows in known.items()
                     if identifier in rows]
            results = run_stages({name: column[position] for name, column in values.items()},
                                 given + wanted, helpers)
            for stage in wanted:
                new[stage.name].append(results[stage.name])
                batch_ids[stage.name].append(identifier)
                batch_keys[stage.name].append(keys[stage.name][position])
            next(iterator, None)
        for stage in stage_list:
            if not batch_ids[stage.name]:
                continue
            frame = _with_ids(new[stage.name], batch_ids[stage.name], metas[stage.name])
            store.put(stage.name, batch_ids[stage.name], frame, keys=batch_keys[stage.name])
            pieces[stage.name].append(frame)
    if hasattr(bar, "close"):
        bar.close()
    tables = {
        stage.name: _order_by(conform(pd.concat(pieces[stage.name] or [metas[stage.name]],
                                                ignore_index=True), metas[stage.name]), order)
        for stage in stage_list
    }
    return tables, keys


def stage_table(articles: pd.DataFrame, stage: str | Stage, cache: Any = None,
                progress: bool | None = False) -> pd.DataFrame:
    """One stage over a DataFrame of articles; usable in ``map_partitions(meta=stage_meta(...))``.
    `progress=None` shows a bar only for large inputs (so small notebooks print nothing)."""
    return annotate_frame(articles, [stage], cache=cache, progress=progress)[get_stage(stage).name]


def article_statistics(document: Document) -> pd.DataFrame:
    """Size of an article's clean text: chars, paragraphs, sentences, tokens, words and
    tokens_per_sentence, read from the article's Document, whose sentences and tokens the other
    stages have already built (so it costs nothing extra in the annotation pass). Tokens are the
    pipeline's own (a sentence-final period is a token), which
    :func:`analysis.text.text_statistics` does not split off."""
    text = document.text
    spans = document.sentence_spans
    n_tokens = sum(len(sentence) for sentence in document.untagged_sentences)
    words = len(WORD_RE.findall(text))
    return pd.DataFrame({
        "chars": [len(text)], "paragraphs": [len(document.paragraph_spans)],
        "sentences": [len(spans)], "tokens": [n_tokens], "words": [words],
        "tokens_per_sentence": [round(n_tokens / len(spans), 1) if spans else 0.0]},
    ).astype({c: "int64" for c in ("chars", "paragraphs", "sentences", "tokens", "words")})


#: The text-statistics stage of notebook 01 (a Stage object: annotate_frame takes those as well
#: as registered names; its cache folder is its name).
STATISTICS = Stage("text_statistics", article_statistics, (DOCUMENT,),
                   "chars, paragraphs, sentences, tokens and words of the clean text")
#: Every stage a notebook reads: annotating them in one call builds one Document per article for
#: all of them, and later notebooks (and re-runs) read the results from the annotation cache.
NOTEBOOK_STAGES: tuple[str | Stage, ...] = ("segments", "credits", "entities", "attributions",
                                            "keywords", "key_terms", STATISTICS)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _annotate_chunk(articles: pd.DataFrame, stages: Sequence[str | Stage],
                    cache: AnnotationCache) -> int:
    """A worker's share of :func:`annotate_parallel`: annotate and store, return nothing big."""
    annotate_frame(articles, stages, cache=cache, progress=False)
    return len(articles)


def _uncached(articles: pd.DataFrame, stages: Sequence[str | Stage],
              store: AnnotationCache) -> pd.DataFrame:
    """The distinct articles some stage has no cached result for (read from the part files'
    footers only, no rows)."""
    unique = articles.drop_duplicates("article_id")
    if not store.enabled:
        return unique
    ids = unique["article_id"].astype(str).tolist()
    todo = set()
    for name, keys in stage_keys(unique, stages).items():
        cached = store.index(name)
        todo.update(i for i, key in zip(ids, keys) if key not in cached)
    return unique[unique["article_id"].astype(str).isin(todo).to_numpy()]


def annotate_parallel(articles: pd.DataFrame, stages: Sequence[str | Stage] = NOTEBOOK_STAGES, *,
                      cache: Any = None, workers: int | None = None, progress: bool | None = True,
                      chunk_size: int | None = None) -> int:
    """Fill the annotation cache for `articles` using every core: the articles whose results are
    not cached yet are split into chunks annotated by `workers` processes (default: the cores
    this process may use), each writing its results to the cache as :func:`annotate_frame` does,
    so a later annotate_frame (a notebook) reads them. Returns the number of articles annotated.
    One worker, one chunk or a cache that cannot be written: done here, in this process."""
    _check_articles(articles)
    require_int(workers, "workers", minimum=1, none_ok=True)
    store = annotation_cache(cache).writable()
    todo = _uncached(articles, stages, store)
    if not len(todo):
        return 0
    workers = workers or available_cores()
    size = chunk_size or max(5, min(100, math.ceil(len(todo) / (workers * 6))))
    chunks = [todo.iloc[i:i + size] for i in range(0, len(todo), size)]
    if workers == 1 or len(chunks) == 1 or not store.enabled:
        annotate_frame(todo, stages, cache=store, progress=progress)
        return len(todo)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    bar = progress_bar(range(len(todo)), len(todo), progress, f"annotating ({workers} processes)")
    context = multiprocessing.get_context("spawn")  # no inherited threads or open files
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
        futures = [pool.submit(_annotate_chunk, chunk, tuple(stages), store) for chunk in chunks]
        for future in as_completed(futures):
            done = future.result()  # a worker's error is raised here
            if hasattr(bar, "update"):
                bar.update(done)
    if hasattr(bar, "close"):
        bar.close()
    return len(todo)


def prepare_corpus(path: str | os.PathLike, *, text_column: str | None = None,
                   stages: Sequence[str | Stage] = NOTEBOOK_STAGES, progress: bool | None = True,
                   cache: Any = None, workers: int | None = None) -> pd.DataFrame:
    """Load a corpus and annotate it with every notebook stage once, on every core
    (:func:`annotate_parallel`), filling the annotation cache (what `make figures` runs before
    the notebooks, with a progress bar per step in the terminal). Returns the article table."""
    from analysis.pipeline.articles import load_articles

    articles = load_articles(path, text_column=text_column, progress=progress, cache=cache)
    annotate_parallel(articles, stages, cache=cache, workers=workers, progress=progress)
    return articles
