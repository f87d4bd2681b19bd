"""Per-document count rows: the format every keyword measure is computed from.

The "keywords" stage (:func:`analysis.keywords.counts.keyword_counts`) gives each article rows
of (unit, term, count); a corpus's table adds doc, the article's position. Each measure has one
implementation on such a table (``frequencies_from_counts``, ``tfidf_from_counts``...), and its
text-based twin only builds the rows it needs with :func:`count_frame` and calls it, so a
notebook reading cached counts and a caller passing texts run the same code.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

#: The unit of the "keywords" stage holding each (unit, ngram) that term_frequencies and tfidf
#: count.
TERM_UNITS: dict[tuple[str, int], str] = {("token", 1): "token", ("lemma", 1): "lemma",
                                          ("token", 2): "bigram"}

#: One document's count rows: (unit, counts of its terms) pairs.
UnitCounts = Iterable[tuple[str, Mapping[str, int]]]


def term_unit(unit: str, ngram: int) -> str:
    """The stage unit holding (unit, ngram) terms; ValueError for what the stage does not count."""
    try:
        return TERM_UNITS[(unit, ngram)]
    except KeyError:
        raise ValueError(f"the cached counts hold (unit, ngram) {sorted(TERM_UNITS)}, "
                         f"not ({unit!r}, {ngram})") from None


def text_unit(unit: str, ngram: int) -> str:
    """The unit name under which a text-based call counts (unit, ngram) terms: the stage's
    name when the stage counts them, else e.g. "lemma_2"."""
    return TERM_UNITS.get((unit, ngram), f"{unit}_{ngram}")


def count_frame(documents: Sequence[UnitCounts], doc_column: bool = True) -> pd.DataFrame:
    """The rows (doc, unit, term, count) of documents given as (unit, counts) pairs, in order;
    ``attrs["documents"]`` is the number of documents. Without ``doc_column``: one document's
    rows (unit, term, count), the keywords stage's own table."""
    docs: list[int] = []
    units: list[str] = []
    terms: list[str] = []
    counts: list[int] = []
    for doc, document in enumerate(documents):
        for unit, counter in document:
            docs.extend([doc] * len(counter))
            units.extend([unit] * len(counter))
            terms.extend(counter)
            counts.extend(counter.values())
    columns = {"unit": pd.Series(units, dtype=object), "term": pd.Series(terms, dtype=object),
               "count": pd.Series(counts, dtype="int64")}
    if not doc_column:
        return pd.DataFrame(columns)
    frame = pd.DataFrame({"doc": pd.Series(docs, dtype="int64"), **columns})
    frame.attrs["documents"] = len(documents)
    return frame


def unit_rows(counts: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The rows of one unit of a count table."""
    missing = {"unit", "term", "count"} - set(counts.columns)
    if missing:
        raise ValueError(f"a keyword count table needs the columns unit, term, count "
                         f"(missing {sorted(missing)})")
    return counts[counts["unit"] == unit]


def summed(rows: pd.DataFrame, value: str = "count") -> dict[str, int]:
    """A column summed by term, terms in order of first occurrence."""
    totals = rows.groupby("term", sort=False)[value].sum()
    return dict(zip(totals.index.tolist(), totals.tolist()))


def n_documents(table: pd.DataFrame, n_docs: int | None = None) -> int:
    """How many documents a per-document table covers: given, recorded in
    ``attrs["documents"]``, or the last doc position + 1."""
    if "doc" not in table.columns:
        raise ValueError("a per-document table needs a doc column (the article's position), as "
                         "keyword_inputs gives it")
    if n_docs is not None:
        return int(n_docs)
    if "documents" in table.attrs:
        return int(table.attrs["documents"])
    return int(table["doc"].max()) + 1 if len(table) else 0


def per_document(rows: pd.DataFrame, n_docs: int, columns: Sequence[str]) -> list[list[tuple]]:
    """Rows grouped by doc position (0 .. n_docs - 1) in table order, as tuples of plain Python
    values (so every path computes scores with exactly the same numbers)."""
    documents: list[list[tuple]] = [[] for _ in range(n_docs)]
    values = [rows[column].tolist() for column in columns]
    for doc, *row in zip(rows["doc"].tolist(), *values):
        documents[doc].append(tuple(row))
    return documents
