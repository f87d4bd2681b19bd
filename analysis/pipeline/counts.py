"""Corpus counts that add up: per-partition partial tables summed into corpus tables.

Entities, attributions, keyword inputs and credits are counted per partition and merged by summing
(:func:`partial_counts`, :func:`merge_counts`), so a cluster never brings the per-article tables
back to one machine.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

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
