"""TF-IDF of every term in every document, with corpus or reference-corpus document frequencies."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from analysis.keywords.count_rows import n_documents, per_document, term_unit, text_unit, unit_rows
from analysis.keywords.lexicon import stopword_set
from analysis.keywords.reference import reference_table
from analysis.keywords.terms import term_count_frame


def tfidf(
    texts: Sequence[str],
    unit: str = "lemma",
    ngram: int = 1,
    stopwords: Iterable[str] | None = None,
    idf_source: str = "corpus",
    top_n: int | None = None,
) -> pd.DataFrame:
    """TF-IDF of every term in every article: doc, term, count, tf, df, idf, tfidf.

    tf is the term's share of the document's terms; idf = ln((1 + N) / (1 + df)) + 1 (smoothed)
    with document frequencies from the texts themselves (``idf_source="corpus"``) or from an
    NLTK reference corpus (a name in :data:`analysis.keywords.reference.REFERENCE_CORPORA`; word
    forms are looked up, so use ``unit="token"`` there). Sorted by doc, then tfidf (desc), then
    term; ``top_n`` keeps the best n per document.
    """
    texts = list(texts)
    counts = term_count_frame(texts, unit, ngram, stopword_set(stopwords))
    return _tfidf(counts, text_unit(unit, ngram), idf_source, top_n, len(texts))


def tfidf_from_counts(counts: pd.DataFrame, unit: str = "lemma", ngram: int = 1,
                      idf_source: str = "corpus", top_n: int | None = None,
                      n_docs: int | None = None) -> pd.DataFrame:
    """:func:`tfidf` of the documents of a per-document "keywords" table (doc = position)."""
    n = n_documents(counts, n_docs)
    return _tfidf(counts, term_unit(unit, ngram), idf_source, top_n, n)


def _tfidf(counts: pd.DataFrame, unit: str, idf_source: str, top_n: int | None, n_docs: int
           ) -> pd.DataFrame:
    rows = unit_rows(counts, unit)
    per_doc = [dict(document) for document in per_document(rows, n_docs, ("term", "count"))]
    return _tfidf_frame(per_doc, idf_source, top_n)


def _document_frequencies(per_doc: Sequence[Mapping[str, int]], idf_source: str):
    """(document frequency lookup, number of documents) from the documents or a reference."""
    if idf_source == "corpus":
        df: Counter[str] = Counter()
        for counts in per_doc:
            df.update(counts.keys())
        return df.get, len(per_doc)
    table = reference_table(idf_source)
    return table["doc_count"].to_dict().get, int(table.attrs["documents"])


def _tfidf_frame(per_doc: Sequence[Mapping[str, int]], idf_source: str, top_n: int | None
                 ) -> pd.DataFrame:
    """TF-IDF rows of documents given as term counts (one mapping per document, in order)."""
    lookup, n_docs = _document_frequencies(per_doc, idf_source)
    rows = []
    for doc, counts in enumerate(per_doc):
        total = sum(counts.values())
        for term, n in counts.items():
            d = int(lookup(term, 0) or 0)
            idf = math.log((1 + n_docs) / (1 + d)) + 1.0
            rows.append((doc, term, n, n / total, d, idf, n / total * idf))
    frame = pd.DataFrame(rows, columns=["doc", "term", "count", "tf", "df", "idf", "tfidf"])
    frame = frame.astype({"doc": "int64", "term": object, "count": "int64", "df": "int64"})
    frame = frame.sort_values(["doc", "tfidf", "term"], ascending=[True, False, True],
                              kind="mergesort").reset_index(drop=True)
    if top_n is not None:
        frame = frame.groupby("doc", sort=True).head(top_n).reset_index(drop=True)
    return frame
