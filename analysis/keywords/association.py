"""Two-word collocations scored with NLTK's association measures, from summable counts."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from analysis.keywords.count_rows import count_frame, summed, unit_rows
from analysis.keywords.lexicon import default_stopwords, is_clitic, is_function_word, is_word, stopword_set
from analysis.keywords.terms import texts_list
from analysis.text import Document, as_document, token_spans


def not_collocate(stop: frozenset[str]) -> Callable[[str], bool]:
    """NLTK's word filter: True for a word no collocation may contain (a function word, clitic
    or contraction of one, a number, punctuation)."""
    return lambda w: not is_word(w) or not w[0].isalnum() or is_function_word(w, stop)


def sentence_words(text: str, start: int, end: int) -> list[str]:
    """The lower-cased tokens of one sentence with clitics joined back to their word, as
    written ("ca" + "n't" -> "can't", "they" + "'re" -> "they're"): contractions of function
    words, which no collocation contains. "'s" (possessive or "is") stays a token of its own,
    which no collocation contains either, so "Korea's missile" is not a pair."""
    words: list[str] = []
    word_start = previous_end = -1
    for token in token_spans(text, start, end):
        clitic = token.norm.lower()
        if words and token.start == previous_end and clitic != "'s" \
                and (clitic[:1] == "'" or clitic == "n't") and is_clitic(clitic):
            words[-1] = text[word_start:token.end].lower().replace("’", "'")
        else:
            words.append(token.norm.lower())
            word_start = token.start
        previous_end = token.end
    return words


def collocation_inputs(document: Document | str, stopwords: Iterable[str] | None = None
                       ) -> tuple[Counter, Counter]:
    """What NLTK's ``BigramCollocationFinder`` counts in one text, as summable counters: every
    token (lower-cased, stopwords and punctuation included: the finder's ``word_fd``, whose total
    is its N) and the pairs of adjacent tokens within a sentence that contain no stopword or
    non-word (its ``bigram_fd`` after the word filter). Sums over texts give the corpus finder."""
    return _collocation_inputs(document, stopword_set(stopwords))


def _collocation_inputs(document: Document | str, stop: frozenset[str]
                        ) -> tuple[Counter, Counter]:
    """:func:`collocation_inputs` with the lower-cased stopword set ``stop`` taken as given."""
    document = as_document(document)
    excluded = not_collocate(stop)
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for start, end in document.sentence_spans:
        sentence = sentence_words(document.text, start, end)
        words.update(sentence)
        pairs.update(pair for pair in zip(sentence, sentence[1:])
                     if not (excluded(pair[0]) or excluded(pair[1])))
    return words, pairs


def collocation_units(document: Document | str, stop: frozenset[str]
                      ) -> list[tuple[str, Counter]]:
    """One document's "collocation_word" and "collocation_pair" count rows (pairs as "w1 w2")."""
    words, pairs = _collocation_inputs(document, stop)
    return [("collocation_word", words),
            ("collocation_pair", Counter({f"{w1} {w2}": n for (w1, w2), n in pairs.items()}))]


def collocations(
    texts: str | Sequence[str],
    measure: str = "likelihood_ratio",
    min_freq: int = 3,
    top_n: int | None = 20,
    stopwords: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Two-word collocations scored with an NLTK association measure.

    ``measure`` is any :class:`nltk.metrics.BigramAssocMeasures` method ("likelihood_ratio",
    "pmi", "chi_sq", "student_t"...). Bigrams never cross a sentence boundary; pairs with a
    stopword (or a clitic, or a contraction such as "can't": clitics are joined back to their
    word) or a non-word are dropped, and so are pairs seen fewer than ``min_freq`` times (PMI
    without a frequency filter ranks one-off pairs first: every pair seen twice of two words
    seen twice ties). Columns: w1, w2, collocation, freq, score, measure; sorted by score
    (desc), then frequency (desc: among equal PMI the better attested pair first), then the
    collocation.
    """
    stop = stopword_set(stopwords)
    counts = count_frame([collocation_units(text, stop) for text in texts_list(texts)])
    return _collocations(counts, measure, min_freq, top_n, stop)


def collocations_from_counts(counts: pd.DataFrame, measure: str = "likelihood_ratio",
                             min_freq: int = 3, top_n: int | None = 20,
                             stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """:func:`collocations` of the texts whose "keywords" rows ``counts`` holds (per document or
    summed): the finder is built from the summed "collocation_word" and "collocation_pair"
    units. The cached pairs already leave out the default stopwords; ``stopwords`` leaves out
    more words."""
    stop = default_stopwords() | stopword_set(stopwords or ())
    return _collocations(counts, measure, min_freq, top_n, stop)


def _collocations(counts: pd.DataFrame, measure: str, min_freq: int, top_n: int | None,
                  stop: frozenset[str]) -> pd.DataFrame:
    """Score the pairs with the finder built from summed word and pair counts (the same finder
    ``BigramCollocationFinder.from_documents`` builds from the sentences)."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
    from nltk.probability import FreqDist

    words = summed(unit_rows(counts, "collocation_word"))
    pairs = {tuple(pair.split(" ")): n
             for pair, n in summed(unit_rows(counts, "collocation_pair")).items()}
    finder = BigramCollocationFinder(FreqDist(words), FreqDist(pairs))
    finder.apply_word_filter(not_collocate(stop))
    finder.apply_freq_filter(min_freq)
    score_fn = getattr(BigramAssocMeasures, measure)
    rows = [(w1, w2, f"{w1} {w2}", int(finder.ngram_fd[(w1, w2)]), float(score))
            for (w1, w2), score in finder.score_ngrams(score_fn)]
    frame = pd.DataFrame(rows, columns=["w1", "w2", "collocation", "freq", "score"])
    frame = frame.astype({"w1": object, "w2": object, "collocation": object, "freq": "int64",
                          "score": "float64"})
    frame["measure"] = pd.Series([measure] * len(frame), dtype=object)
    frame = frame.sort_values(["score", "freq", "collocation"], ascending=[False, False, True],
                              kind="mergesort").reset_index(drop=True)
    return frame.head(top_n) if top_n is not None else frame
