"""Annotating a table of articles: each stage over each article once, through the cache.

:func:`annotate_frame` is the one function that turns articles into per-article stage tables. It
runs over a pandas DataFrame in one process and unchanged over each partition of a Dask DataFrame
(``ddf.map_partitions(stage_table, "entities", meta=stage_meta("entities"))``), so a cluster run
gives the same rows as a local one. Results are read from and written to the explicit on-disk
annotation cache (:mod:`analysis.pipeline.cache`).
"""
from __future__ import annotations

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


def article_keys(articles: pd.DataFrame, stage: str | Stage) -> list[str]:
    """The annotation cache key of each article (row) for a stage: its id and a hash of the
    fields the stage reads (:func:`analysis.pipeline.cache.input_key`), so an edited text is
    never answered with the old text's results."""
    values = _field_values(articles)
    return _keys(articles["article_id"].astype(str).tolist(), values, get_stage(stage))


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
    large inputs. This is the function each Dask partition runs, so a cluster run gives the same
    rows as a local one.
    """
    _check_articles(articles)
    batch_size = require_int(batch_size, "batch_size", minimum=1)
    stage_list = [get_stage(s) for s in stages]
    store = annotation_cache(cache)
    unique = articles.drop_duplicates("article_id")
    ids = unique["article_id"].astype(str).tolist()
    order = {identifier: i for i, identifier in enumerate(ids)}
    values = _field_values(unique)
    keys = {stage.name: _keys(ids, values, stage) for stage in stage_list}
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
            results = run_stages({name: column[position] for name, column in values.items()},
                                 wanted, helpers)
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
    return {
        stage.name: _order_by(conform(pd.concat(pieces[stage.name] or [metas[stage.name]],
                                                ignore_index=True), metas[stage.name]), order)
        for stage in stage_list
    }


def stage_table(articles: pd.DataFrame, stage: str | Stage, cache: Any = None,
                progress: bool | None = False) -> pd.DataFrame:
    """One stage over a DataFrame of articles; usable in ``map_partitions(meta=stage_meta(...))``.
    `progress=None` shows a bar only for large inputs (so small notebooks print nothing)."""
    return annotate_frame(articles, [stage], cache=cache, progress=progress)[get_stage(stage).name]


#: Every stage a notebook reads: annotating them in one call builds one Document per article for
#: all of them, and later notebooks (and re-runs) read the results from the annotation cache.
NOTEBOOK_STAGES: tuple[str, ...] = ("segments", "credits", "entities", "attributions", "keywords",
                                    "key_terms")


def prepare_corpus(path: str | os.PathLike, *, text_column: str | None = None,
                   stages: Sequence[str] = NOTEBOOK_STAGES, progress: bool | None = True,
                   cache: Any = None) -> pd.DataFrame:
    """Load a corpus and annotate it with every notebook stage once, filling the annotation
    cache (what `make figures` runs before the notebooks, with a progress bar per step in the
    terminal). Returns the article table."""
    from analysis.pipeline.articles import load_articles

    articles = load_articles(path, text_column=text_column, progress=progress, cache=cache)
    annotate_frame(articles, stages, cache=cache, progress=progress)
    return articles
