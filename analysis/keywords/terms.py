"""Terms of a document (words, lemmas, n-grams without stopwords) and their frequencies."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.keywords.count_rows import count_frame, summed, term_unit, text_unit, unit_rows
from analysis.keywords.lexicon import Lemmatizer, is_acronym, is_word, stopword_set
from analysis.text import Document, Token, as_document


def _form(token: Token, unit: str, lemmatizer: Lemmatizer) -> str:
    if unit == "lemma":
        return lemmatizer(token.norm, token.pos)
    if unit == "token":
        return token.norm.lower()
    raise ValueError("unit must be 'token' or 'lemma'")


def document_terms(document: Document | str, unit: str, ngram: int, stop: frozenset[str],
                   lemmatizer: Lemmatizer | None = None) -> list[str]:
    """Terms of one document: single tokens/lemmas without stopwords, or n-grams of adjacent
    words (no punctuation between them) that neither start nor end with a stopword. Pass one
    :class:`Lemmatizer` for all documents of a run."""
    lemmatizer = lemmatizer if lemmatizer is not None else Lemmatizer()
    terms = []
    for sentence in as_document(document).sentences:
        # punctuation and clitics ("'s", "n't") are not words and break n-grams, and neither is
        # the stem a negation was split from ("ca" of "can't", "wo" of "won't")
        # an acronym that spells a stopword keeps its case ("US" is not the pronoun "us")
        cased = [is_acronym(t.text) and t.norm.lower() in stop for t in sentence]
        lowers = [t.text if keep else t.norm.lower() for t, keep in zip(sentence, cased)]
        forms = [(t.text if keep else _form(t, unit, lemmatizer))
                 if t.text[:1].isalnum() and lower != "n't"
                 and (i + 1 == len(sentence) or lowers[i + 1] != "n't") else None
                 for i, (t, lower, keep) in enumerate(zip(sentence, lowers, cased))]
        for i in range(len(sentence) - ngram + 1):
            window = forms[i:i + ngram]
            if any(f is None for f in window):
                continue
            if lowers[i] in stop or lowers[i + ngram - 1] in stop or window[0] in stop \
                    or window[-1] in stop:
                continue
            if ngram == 1 and not is_word(window[0]):
                continue
            terms.append(" ".join(window))
    return terms


def texts_list(texts: str | Sequence[str]) -> list[str]:
    """One text or many, as a list."""
    return [texts] if isinstance(texts, str) else list(texts)


def term_count_frame(texts: Sequence[str], unit: str, ngram: int, stop: frozenset[str]
                     ) -> pd.DataFrame:
    """The per-document count rows of (unit, ngram) terms, under :func:`text_unit`'s name."""
    name = text_unit(unit, ngram)
    lemmatizer = Lemmatizer()
    return count_frame([[(name, Counter(document_terms(text, unit, ngram, stop, lemmatizer)))]
                        for text in texts])


def term_frequencies(
    texts: str | Sequence[str],
    unit: str = "token",
    ngram: int = 1,
    stopwords: Iterable[str] | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """How often each term occurs: term, count, documents (how many texts contain it).

    ``unit`` is "token" (lower-cased word) or "lemma" (WordNet lemma from the POS tag);
    ``ngram`` > 1 counts phrases of adjacent words. Sorted by count (desc), then term.
    """
    counts = term_count_frame(texts_list(texts), unit, ngram, stopword_set(stopwords))
    return _frequencies(unit_rows(counts, text_unit(unit, ngram)), min_count)


def frequencies_from_counts(counts: pd.DataFrame, unit: str = "token", ngram: int = 1,
                            min_count: int = 1) -> pd.DataFrame:
    """:func:`term_frequencies` of the texts whose "keywords" stage rows ``counts`` holds: a
    per-document table (one row per document and term, as keyword_inputs gives it) or corpus
    counts summed over partitions (the pipeline's merged counts: their ``articles`` column is
    the document count; duplicate articles count once there)."""
    return _frequencies(unit_rows(counts, term_unit(unit, ngram)), min_count)


def _frequencies(rows: pd.DataFrame, min_count: int) -> pd.DataFrame:
    """The frequency table of one unit's rows: filtered, typed and sorted."""
    totals = summed(rows)
    documents = (summed(rows, "articles") if "articles" in rows.columns
                 else rows.groupby("term", sort=False).size().to_dict())
    kept = [(term, n, documents[term]) for term, n in totals.items() if n >= min_count]
    frame = pd.DataFrame(kept, columns=["term", "count", "documents"])
    frame = frame.astype({"term": object, "count": "int64", "documents": "int64"})
    return frame.sort_values(["count", "term"], ascending=[False, True], kind="mergesort") \
        .reset_index(drop=True)

