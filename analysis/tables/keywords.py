"""Corpus tables of the keyword stages: per-article rows placed at each article's position.

The keyword measures (:mod:`analysis.keywords`) read per-document tables whose doc column is a
document's position. The stages' tables come per article (article_id); :func:`keyword_inputs`
turns them into per-position tables for a table of articles (duplicates repeated at each of
their positions, as the text-based functions see them), and :func:`with_article_ids` maps a
measure's doc column back to article ids. Pure pandas: the stage tables are read by the caller
(:func:`analysis.pipeline.annotate.annotate_frame`).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.keywords.count_rows import summed, unit_rows

#: The stages whose tables the keyword measures read.
KEYWORD_STAGES = ("keywords", "key_terms")


def by_position(table: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    """A per-article table repeated for every position of its article in ``ids`` (duplicates
    included), with the position as a doc column first."""
    table = table.reset_index(drop=True)
    groups = table.groupby("article_id", sort=False).indices if len(table) else {}
    empty = np.empty(0, dtype=np.intp)
    take = [groups.get(identifier, empty) for identifier in ids]
    index = np.concatenate(take) if take else empty
    frame = table.take(index).reset_index(drop=True)
    frame.insert(0, "doc", np.repeat(np.arange(len(ids), dtype="int64"),
                                     [len(rows) for rows in take]))
    return frame


def keyword_inputs(tables: Mapping[str, pd.DataFrame], article_ids: Sequence
                   ) -> dict[str, pd.DataFrame]:
    """The inputs of the keyword measures for articles with these ids, in order, from the
    stages' per-article tables ({"keywords": ..., "key_terms": ...} as annotate_frame returns
    them): {"keywords": doc, article_id, unit, term, count; "key_terms": doc, article_id +
    CANDIDATE_COLUMNS}, doc being the article's position and ``attrs["documents"]`` the number
    of articles."""
    ids = [str(identifier) for identifier in article_ids]
    inputs = {name: by_position(table, ids) for name, table in tables.items()}
    for frame in inputs.values():
        frame.attrs["documents"] = len(ids)
    return inputs


def with_article_ids(frame: pd.DataFrame, article_ids: Sequence) -> pd.DataFrame:
    """A per-document result (doc = position) with the article id of each doc added as a last
    column article_id."""
    ids = np.asarray(article_ids)
    return frame.assign(article_id=ids[frame["doc"].to_numpy()])


def word_form_counts(counts: pd.DataFrame) -> pd.Series:
    """Every word form's count over the documents (the "count" unit summed, in order of first
    occurrence): the target counts :func:`analysis.keywords.significance.keyness` takes instead of
    texts."""
    return pd.Series(summed(unit_rows(counts, "count")), dtype="int64")


def keyness_extremes(key: pd.DataFrame, over: int, under: int) -> pd.DataFrame:
    """The `over` most over-represented and `under` most under-represented terms of a keyness
    table, with G2 signed by direction (over positive) for a diverging chart; G2 and log ratio
    rounded to 3 places."""
    rows = pd.concat([key[key["direction"] == "over"].head(over),
                      key[key["direction"] == "under"].head(under)])
    table = rows[["term", "direction", "freq_target", "freq_reference", "g2", "p_value",
                  "log_ratio"]].reset_index(drop=True)
    table["signed_g2"] = table["g2"].where(table["direction"] == "over", -table["g2"]).round(3)
    table[["g2", "log_ratio"]] = table[["g2", "log_ratio"]].round(3)
    return table
