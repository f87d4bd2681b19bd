"""Keyness: log-likelihood G2 and Log Ratio of a target corpus against a reference corpus.

Keyness asks which words a target corpus (one article, a collection, a whole newswire) uses
more or less often than a reference corpus does. Two numbers per word:

* **G2, the log-likelihood statistic in Rayson & Garside's (2000) 2-cell form.** With ``a``
  and ``b`` the word's frequency in target and reference and ``c`` and ``d`` the two corpus
  sizes (tokens), the expected frequencies are ``E1 = c (a + b) / (c + d)`` and
  ``E2 = d (a + b) / (c + d)`` and ``G2 = 2 (a ln(a / E1) + b ln(b / E2))`` (a zero frequency
  contributes 0). This is the form used by Wmatrix, AntConc and most corpus-linguistics
  keyword lists; it leaves out the two "all other words" cells of the full 4-cell contingency
  table (Dunning 1993), which makes it slightly smaller than the 4-cell G2 for very frequent
  words but identical in ranking for the words that matter. The p-value is the upper tail of
  chi-square with 1 degree of freedom (G2 = 3.84 -> p = 0.05, 6.63 -> 0.01, 15.13 -> 0.0001).
* **Log Ratio (Hardie 2014)**, the effect size: ``log2((a / c) / (b / d))``, where a zero
  frequency is replaced by 0.5 (the zero-count correction) so that words absent from one corpus
  get a finite value. +1 means twice as frequent in the target, -1 half as frequent.

Both directions are reported: ``direction`` is "over" when the word is relatively more frequent
in the target, "under" when it is less frequent. Both corpora are counted with
:func:`analysis.keywords.reference.count_tokens`, so their frequencies are comparable (case is
kept where it matters: "US" is not "us"); a reference may also name an NLTK corpus
(:data:`analysis.keywords.reference.REFERENCE_CORPORA`) or several (their counts summed), or be
another part of the same corpus (:func:`analysis.tables.keywords.group_keyness`, group vs rest).
Function words are never ranked: NLTK's English stopwords, the news function words, clitics and
contractions of stopwords ("n't", "they're") are left out unless ``stopwords`` says otherwise;
corpus sizes still count every token.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.keywords.lexicon import default_stopwords, is_function_word, is_word, stopword_set
from analysis.keywords.reference import DEFAULT_REFERENCE, REFERENCE_CORPORA, count_tokens, reference_table

Counts = Mapping[str, int] | pd.Series | pd.DataFrame


def _as_counts(corpus, what: str) -> pd.Series:
    """Turn a corpus given as text, texts, a count mapping or a count table into a count Series."""
    if isinstance(corpus, pd.DataFrame):
        return corpus["count"].astype("int64")
    if isinstance(corpus, pd.Series):
        return corpus.astype("int64")
    if isinstance(corpus, Mapping):
        return pd.Series(dict(corpus), dtype="int64")
    if isinstance(corpus, str):
        if what == "reference" and corpus in REFERENCE_CORPORA:
            return reference_table(corpus)["count"]
        return pd.Series(Counter(count_tokens(corpus)), dtype="int64")
    if (what == "reference" and isinstance(corpus, (tuple, list)) and corpus
            and all(isinstance(name, str) and name in REFERENCE_CORPORA for name in corpus)):
        return pd.concat([reference_table(name)["count"] for name in corpus], axis=1) \
            .fillna(0).sum(axis=1).astype("int64")
    if isinstance(corpus, Sequence) or isinstance(corpus, Iterable):
        counts: Counter[str] = Counter()
        for text in corpus:
            counts.update(count_tokens(text))
        return pd.Series(counts, dtype="int64")
    raise TypeError(f"cannot read a {what} corpus from {type(corpus).__name__}")


def log_likelihood(a, b, c: float, d: float) -> np.ndarray:
    """Rayson & Garside 2-cell log-likelihood G2 for frequencies a (target) and b (reference)
    in corpora of c and d tokens (arrays or scalars)."""
    a = np.asarray(a, dtype="float64")
    b = np.asarray(b, dtype="float64")
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1.0) / np.where(e1 > 0, e1, 1.0)), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1.0) / np.where(e2 > 0, e2, 1.0)), 0.0)
    return np.maximum(2.0 * (t1 + t2), 0.0)


def chi2_sf_1df(g2) -> np.ndarray:
    """Upper-tail probability of chi-square with 1 degree of freedom: erfc(sqrt(x / 2))."""
    values = np.asarray(g2, dtype="float64")
    return np.vectorize(lambda x: math.erfc(math.sqrt(x / 2.0)) if x > 0 else 1.0, otypes=[float])(
        values) if values.size else values


def log_ratio(a, b, c: float, d: float, zero: float = 0.5) -> np.ndarray:
    """Hardie's Log Ratio, log2 of the ratio of relative frequencies, with zero counts replaced
    by ``zero`` (0.5) so words missing from one corpus get a finite effect size."""
    a = np.where(np.asarray(a, dtype="float64") > 0, a, zero)
    b = np.where(np.asarray(b, dtype="float64") > 0, b, zero)
    return np.log2((a / c) / (b / d))


def keyness(
    target,
    reference=DEFAULT_REFERENCE,
    *,
    min_freq: int = 3,
    stopwords: Iterable[str] | None = None,
    words_only: bool = True,
    max_p: float | None = None,
    direction: str = "both",
) -> pd.DataFrame:
    """Key words of ``target`` against ``reference``, strongest first (by G2).

    ``target`` and ``reference`` may each be a text, a sequence of texts, a mapping of word
    counts or a count table (:func:`count_table`); ``reference`` may also name an NLTK corpus
    in :data:`REFERENCE_CORPORA` (default Brown "news") or a tuple of such names (counts summed,
    e.g. ``("brown_news", "reuters")``: a reference less tied to one era). ``min_freq`` is the
    minimum frequency a word needs in the corpus it is over-represented in (target for "over",
    reference for "under"); ``stopwords`` are function words left out, with clitics and
    contractions of them (None: NLTK English + news function words; ``()`` keeps every word);
    ``words_only`` drops numbers and punctuation; ``max_p`` keeps only words with p <= max_p;
    ``direction`` is "both", "over" or "under". Ties in G2 are listed by term.

    Columns: term, freq_target, freq_reference, per_million_target, per_million_reference,
    g2, p_value, log_ratio, direction.
    """
    return keyness_from_counts(_as_counts(target, "target"), _as_counts(reference, "reference"),
                               min_freq=min_freq, stopwords=stopwords, words_only=words_only,
                               max_p=max_p, direction=direction)


KEYNESS_COLUMNS = ("term", "freq_target", "freq_reference", "per_million_target",
                   "per_million_reference", "g2", "p_value", "log_ratio", "direction")


def rankable(terms: Sequence, stopwords: Iterable[str] | None = None, words_only: bool = True
             ) -> np.ndarray:
    """Which terms a keyness table may rank (a boolean mask): words only (when ``words_only``),
    never a function word of ``stopwords`` (NLTK English + news function words when None) nor
    a clitic or a stopword's contraction; an empty ``stopwords`` keeps every term."""
    stop = default_stopwords() if stopwords is None else stopword_set(stopwords)
    if not stop and not words_only:
        return np.ones(len(terms), dtype=bool)
    return np.fromiter(((not words_only or is_word(str(t)))
                        and not (stop and is_function_word(str(t), stop)) for t in terms),
                       dtype=bool, count=len(terms))


def keyness_from_counts(t_counts: pd.Series, r_counts: pd.Series, *, min_freq: int = 3,
                        stopwords: Iterable[str] | None = None, words_only: bool = True,
                        max_p: float | None = None, direction: str = "both",
                        sizes: tuple[float, float] | None = None, top_n: int | None = None
                        ) -> pd.DataFrame:
    """:func:`keyness` of two count Series (term -> count). ``sizes`` are the two corpus sizes
    in tokens when the Series do not hold every token (default: their sums); ``top_n`` keeps
    the strongest n terms."""
    c, d = sizes if sizes is not None else (float(t_counts.sum()), float(r_counts.sum()))
    frame = pd.concat([t_counts.rename("a"), r_counts.rename("b")], axis=1).fillna(0)
    terms = frame.index.to_numpy(dtype=object)
    keep = rankable(terms, stopwords, words_only)
    return keyness_arrays(terms[keep], frame["a"].to_numpy(dtype="float64")[keep],
                          frame["b"].to_numpy(dtype="float64")[keep], c, d, min_freq=min_freq,
                          direction=direction, max_p=max_p, top_n=top_n)


def g2_threshold(max_p: float) -> float:
    """The G2 at which the chi-square (1 df) upper tail equals ``max_p`` (bisection), so that
    p <= max_p is G2 >= threshold without computing every p-value."""
    if not 0.0 < max_p <= 1.0:
        raise ValueError(f"max_p must be in (0, 1], got {max_p!r}")
    low, high = 0.0, 1.0
    while math.erfc(math.sqrt(high / 2.0)) > max_p:
        high *= 2.0
    for _ in range(100):
        middle = (low + high) / 2.0
        low, high = (middle, high) if math.erfc(math.sqrt(middle / 2.0)) > max_p else (low, middle)
    return high


def keyness_arrays(terms: np.ndarray, a: np.ndarray, b: np.ndarray, c: float, d: float, *,
                   min_freq: int = 3, direction: str = "both", max_p: float | None = None,
                   top_n: int | None = None, term_order: np.ndarray | None = None
                   ) -> pd.DataFrame:
    """The keyness table of terms with target and reference frequencies ``a`` and ``b`` in
    corpora of ``c`` and ``d`` tokens (no filtering of words here), strongest first, ties by
    term (``term_order``: each term's rank in alphabetical order, when already known).
    Vectorised; p-values are computed for the rows returned only."""
    if direction not in ("both", "over", "under"):
        raise ValueError("direction must be 'both', 'over' or 'under'")
    if c == 0 or d == 0 or len(terms) == 0:
        return pd.DataFrame({column: pd.Series([], dtype=object if column in ("term", "direction")
                                               else "float64") for column in KEYNESS_COLUMNS})
    over = a / c > b / d
    keep = np.where(over, a >= min_freq, b >= min_freq)
    if direction == "over":
        keep &= over
    elif direction == "under":
        keep &= ~over
    index = np.flatnonzero(keep)
    g2 = log_likelihood(a[index], b[index], c, d)
    if max_p is not None:
        strong = g2 >= g2_threshold(max_p)
        index, g2 = index[strong], g2[strong]
    order = term_order[index] if term_order is not None else \
        np.argsort(np.argsort(terms[index].astype(str), kind="stable"), kind="stable")
    ranked = np.lexsort((order, -g2))
    if top_n is not None:
        ranked = ranked[:top_n]
    index, g2 = index[ranked], g2[ranked]
    a, b = a[index], b[index]
    return pd.DataFrame(
        {
            "term": terms[index].astype(object),
            "freq_target": a.astype("int64"),
            "freq_reference": b.astype("int64"),
            "per_million_target": a / c * 1e6,
            "per_million_reference": b / d * 1e6,
            "g2": g2,
            "p_value": chi2_sf_1df(g2),
            "log_ratio": log_ratio(a, b, c, d),
            "direction": np.where(over[index], "over", "under").astype(object),
        }
    )
