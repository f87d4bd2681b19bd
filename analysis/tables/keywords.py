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

from analysis.keywords.count_rows import n_documents, summed, unit_rows
from analysis.keywords.significance import KEYNESS_COLUMNS, keyness_arrays, rankable

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


#: Period names a notebook's GROUP_BY may use, as pandas period aliases.
DATE_PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def _group_labels(groups, n_docs: int, period: str | None) -> np.ndarray:
    """One label per document position as an object array (None for a missing label)."""
    labels = pd.Series(list(groups) if not isinstance(groups, pd.Series) else groups.to_numpy())
    if len(labels) != n_docs:
        raise ValueError(f"groups has {len(labels)} labels for {n_docs} documents: give one "
                         "label per article, in the order of the count table")
    if period is not None:
        dates = pd.to_datetime(labels, errors="coerce", utc=True, format="mixed") \
            .dt.tz_localize(None)
        period = DATE_PERIODS.get(period, period)
        labels = dates.dt.to_period(period).astype(str).where(dates.notna(), None)
    return labels.astype(object).where(labels.notna(), None).to_numpy()


def group_keyness(counts: pd.DataFrame, groups, *, period: str | None = None,
                  min_freq: int = 3, top_n: int | None = 20, direction: str = "over",
                  stopwords: Sequence[str] | None = None, max_p: float | None = None
                  ) -> pd.DataFrame:
    """Key words of each group of articles against the rest of the corpus (group vs rest).

    ``counts`` is the per-document "keywords" table of :func:`keyword_inputs` (its "count"
    unit: every word form, as keyness counts them); ``groups`` gives one label per document
    position, e.g. ``articles["outlet"]``, ``articles["bias"]`` or ``articles["date"]`` with
    ``period="year"`` (or "quarter", "month", "week", "day", or a pandas alias such as "Y":
    dates become periods; a date that cannot be read leaves its article unlabelled). The reference of a group is every other
    labelled article of the same corpus, so era and genre cancel out and what remains is what
    sets the group apart. Articles without a label are in no group and no reference (their
    number is ``attrs["unlabelled"]``). Function words, clitics and non-words are never ranked
    (``stopwords`` as in :func:`analysis.keywords.keyness`); corpus sizes count every token.

    Columns: group, documents (articles in the group), rank, then keyness's columns (target =
    the group, reference = the rest); the ``top_n`` strongest terms of each group (all when
    None) in ``direction`` ("over", "under" or "both"), groups in sorted order.
    """
    n_docs = n_documents(counts)
    labels = _group_labels(groups, n_docs, period)
    rows = unit_rows(counts, "count")
    doc_labels = labels[rows["doc"].to_numpy()]
    labelled = pd.notna(doc_labels)
    rows = rows[labelled]
    # every term once, in alphabetical order (its code is also its tie-breaking rank)
    codes, terms = pd.factorize(rows["term"], sort=True)
    group_codes, group_names = pd.factorize(pd.Series(doc_labels[labelled], dtype=object),
                                            sort=True)
    values = rows["count"].to_numpy(dtype="float64")
    total = np.bincount(codes, weights=values, minlength=len(terms))
    sizes = np.bincount(group_codes, weights=values, minlength=len(group_names))
    all_tokens = float(total.sum())
    terms = np.asarray(terms, dtype=object)
    keep = rankable(terms, stopwords)
    term_order = np.arange(len(terms))
    group_docs = pd.Series(labels).dropna().value_counts()
    frames = []
    order = np.argsort(group_codes, kind="stable")
    bounds = np.searchsorted(group_codes[order], np.arange(len(group_names) + 1))
    for g, group in enumerate(group_names):
        members = order[bounds[g]:bounds[g + 1]]
        target = np.bincount(codes[members], weights=values[members], minlength=len(terms))
        key = keyness_arrays(terms[keep], target[keep], (total - target)[keep], float(sizes[g]),
                             all_tokens - float(sizes[g]), min_freq=min_freq,
                             direction=direction, max_p=max_p, top_n=top_n,
                             term_order=term_order[keep])
        key.insert(0, "rank", np.arange(1, len(key) + 1, dtype="int64"))
        key.insert(0, "documents", np.int64(group_docs.get(group, 0)))
        key.insert(0, "group", pd.Series([group] * len(key), dtype=object))
        frames.append(key)
    columns = ["group", "documents", "rank", *KEYNESS_COLUMNS]
    result = (pd.concat(frames, ignore_index=True) if frames
              else pd.DataFrame({column: [] for column in columns}))
    result.attrs["unlabelled"] = int(pd.isna(labels).sum())
    return result[columns]
