"""Ranked key terms of each document: scoring and selecting the candidates.

:func:`extract_keywords` (texts) and :func:`keywords_from_candidates` (the cached "key_terms" and
"keywords" stage rows) rank with the same code: the text version builds those rows first.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.keywords.candidates import CANDIDATE_COLUMNS, candidate_frame, candidate_rows, document_parts
from analysis.keywords.count_rows import count_frame, n_documents, per_document, unit_rows
from analysis.keywords.lexicon import Stemmer, is_word, stopword_set, term_key
from analysis.keywords.reference import count_tokens, reference_idf
from analysis.keywords.terms import texts_list
from analysis.text import Document

#: The options of extract_keywords and their defaults.
KEYWORD_OPTIONS = dict(
    stopwords=None,               # None: NLTK English + news function words
    reference=("brown_news",),    # NLTK corpora giving document frequencies (IDF)
    use_corpus_df=True,           # add the texts' own document frequencies when several are given
    max_words=4,                  # longest noun phrase
    tf_power=1.5,                 # frequency in the text counts more than rarity in the reference
    idf_power=0.75,               # rarity is shared with word length (below), so weighs less
    length_power=1.5,             # longer words are more specific ("radioactivity" vs "limit")
    title_boost=0.5,              # in the first sentence (headline)
    position_weight=0.5,          # earlier first mention
    name_part_weight=0.1,         # "San" of "San Francisco": the whole name is the term
    max_phrases=2,                # readers pick mostly single words
    phrase_weight=0.6,
    phrase_min_count=2,           # a phrase seen once counts only when it is in the headline
)
#: Options that decide the candidates themselves, fixed when the key_terms stage runs.
CANDIDATE_OPTIONS = ("stopwords", "max_words")

_WORD_SEPARATOR_RE = re.compile(r"[\s\-\u2010-\u2015/]+")


def mean_word_length(phrase: str) -> float:
    """Letters and digits per word: a length signal of specificity. Short words are mostly
    general ("new", "set", "TV"); long ones name specific things and events ("radioactivity",
    "extracurricular"), the brevity law of word frequency (Zipf) seen from the other side.
    Hyphens and slashes separate words ("ground-to-ground" is three short words)."""
    words = [w for w in _WORD_SEPARATOR_RE.split(phrase) if any(ch.isalnum() for ch in w)]
    if not words:
        return 0.0
    return sum(ch.isalnum() for w in words for ch in w) / len(words)


def keyword_params(options: dict) -> dict:
    """The defaults with ``options`` applied; TypeError for an unknown option."""
    unknown = set(options) - set(KEYWORD_OPTIONS)
    if unknown:
        raise TypeError(f"unknown options: {sorted(unknown)}")
    return {**KEYWORD_OPTIONS, **options}


def _reference_df(names: Sequence[str]) -> tuple[dict[str, int], int]:
    """Document frequencies by term key and document count of one or more reference corpora."""
    if len(names) == 1:
        return reference_idf(names[0])
    df: Counter[str] = Counter()
    n_docs = 0
    for name in names:
        counts, n = reference_idf(name)
        df.update(counts)
        n_docs += n
    return dict(df), n_docs


def _idf(key: str, ref_df: dict, ref_n: int, corpus_df: Counter, corpus_n: int) -> float:
    words = key.split()
    values = []
    for w in words:
        d = ref_df.get(w, 0) + corpus_df.get(w, 0)
        values.append(math.log((ref_n + corpus_n + 1) / (d + 1)))
    return sum(values) / len(values) if values else 0.0


def _score_document(candidates: Iterable[tuple], reference: tuple[dict[str, int], int],
                    corpus_df: Counter, corpus_n: int, params: dict) -> list[tuple]:
    ref_df, ref_n = reference
    if not params["use_corpus_df"]:
        corpus_df, corpus_n = Counter(), 0
    scored = []
    for kind, key, display, count, first, in_title, proper in candidates:
        idf = _idf(key, ref_df, ref_n, corpus_df, corpus_n)
        score = count ** params["tf_power"] * max(idf, 0.0) ** params["idf_power"]
        score *= mean_word_length(display) ** params["length_power"]
        score *= 1.0 + params["title_boost"] * in_title
        score *= 1.0 + params["position_weight"] * (1.0 - first)
        if kind == "word" and 2 * proper > count:
            score *= params["name_part_weight"]
        if kind == "phrase":
            if count < params["phrase_min_count"] and not in_title:
                continue
            score *= params["phrase_weight"]
        scored.append((score, kind, key, display))
    scored.sort(key=lambda row: (-row[0], row[2]))
    return scored


def _select(scored: list[tuple], top_n: int, max_phrases: int) -> list[tuple[str, float]]:
    """The best ``top_n`` terms, at most ``max_phrases`` of them phrases; a word already part of
    a chosen phrase ("Korea" after "North Korea") is skipped."""
    chosen, phrases, keys, covered = [], 0, set(), set()
    for score, kind, key, display in scored:
        if len(chosen) >= top_n:
            break
        if key in keys or (kind == "word" and key in covered):
            continue
        if kind == "phrase":
            if phrases >= max_phrases:
                continue
            phrases += 1
            covered.update(key.split())
        keys.add(key)
        chosen.append((display, score))
    return chosen


def _document_forms(candidates: pd.DataFrame, counts: pd.DataFrame, n_docs: int
                    ) -> list[set[str]]:
    """Each document's word forms: its headline forms ("headline_form" candidates) and the
    "count" unit of its keyword counts."""
    forms: list[set[str]] = [set() for _ in range(n_docs)]
    headline = candidates[candidates["kind"] == "headline_form"]
    body = unit_rows(counts, "count")
    for table, column in ((headline, "key"), (body, "term")):
        for doc, form in zip(table["doc"].tolist(), table[column].tolist()):
            forms[doc].add(form)
    return forms


def _rank(candidates: pd.DataFrame, counts: pd.DataFrame, params: dict, top_n: int,
          n_docs: int, stemmer: Stemmer | None = None) -> pd.DataFrame:
    """Score and select the candidates of each document. With several documents, the distinct
    term keys of each document's word forms add corpus document frequencies to the IDF."""
    terms = candidates[candidates["kind"].isin(["word", "phrase"])]
    per_doc = per_document(terms, n_docs, CANDIDATE_COLUMNS)
    corpus_df: Counter[str] = Counter()
    if n_docs > 1:
        stop = stopword_set(params["stopwords"])
        stemmer = stemmer if stemmer is not None else Stemmer()
        for words in _document_forms(candidates, counts, n_docs):
            corpus_df.update({term_key(w, stemmer) for w in words
                              if is_word(w) and w not in stop})
    reference = _reference_df(tuple(params["reference"])) if per_doc else ({}, 0)
    rows = []
    for doc, document in enumerate(per_doc):
        scored = _score_document(document, reference, corpus_df, n_docs if n_docs > 1 else 0,
                                 params)
        for rank, (keyword, score) in enumerate(_select(scored, top_n, params["max_phrases"]), 1):
            rows.append((doc, rank, keyword, round(float(score), 6)))
    frame = pd.DataFrame(rows, columns=["doc", "rank", "keyword", "score"])
    return frame.astype({"doc": "int64", "rank": "int64", "keyword": object, "score": "float64"})


def extract_keywords(texts: Sequence[str], top_n: int = 10, **options) -> pd.DataFrame:
    """Ranked key terms and phrases of each text: doc (position in texts), rank (1 = best),
    keyword, score.

    Candidates are content words (nouns, adjectives, verbs, not stopwords) and noun phrases
    matching the POS pattern (JJ|VBN|VBG)*(NN|NNS|NNP|NNPS)+, from each text's
    :class:`analysis.text.Document`; variants are merged by their Porter-stemmed form.
    A candidate's score is tf^1.5 x IDF^0.75 x length^1.5, where document frequencies come
    from the reference corpus (Brown "news" by default) plus the texts themselves when several
    are given, and length is the mean number of letters per word: count x length is how much of
    the text the term takes up, and long words are more specific than short ones (the same reason
    IDF weighs less here). It is boosted when the term is in the first sentence
    (the headline) and the earlier it first appears. A proper noun that is mostly part of a
    longer name ("Korea" in "North Korea") gives way to the name; phrases need two mentions (or
    one in the headline) and at most ``max_phrases`` (2) enter a list, because readers pick
    mostly single words. ``options`` override the defaults in :data:`KEYWORD_OPTIONS` (e.g.
    ``reference=("brown", "reuters")``, ``stopwords=[...]``).
    """
    # missing texts: no terms
    texts = [text if isinstance(text, str) else "" for text in texts_list(texts)]
    params = keyword_params(options)
    stop = stopword_set(params["stopwords"])
    stemmer = Stemmer()
    candidates = candidate_frame([
        candidate_rows(document_parts(Document(text)), stop, params["max_words"], stemmer)
        for text in texts])
    forms = texts if len(texts) > 1 else []  # one text: no corpus document frequencies
    counts = count_frame([[("count", Counter(count_tokens(text)))] for text in forms])
    return _rank(candidates, counts, params, top_n, len(texts), stemmer)


def keywords_from_candidates(candidates: pd.DataFrame, counts: pd.DataFrame, top_n: int = 10,
                             n_docs: int | None = None, **options) -> pd.DataFrame:
    """:func:`extract_keywords` of the documents headline + "\\n\\n" + text from per-document
    "key_terms" rows (:func:`analysis.keywords.counts.key_term_candidates`) and "keywords" rows
    (their "count" unit with the headline forms gives each document's word forms). ``options``
    are the scoring options of extract_keywords; the candidates were extracted with the default
    ``stopwords`` and ``max_words``, which cannot change here."""
    fixed = sorted(name for name in CANDIDATE_OPTIONS
                   if name in options and options[name] != KEYWORD_OPTIONS[name])
    if fixed:
        raise ValueError(f"{fixed} decide the candidates, which the key_terms stage extracts "
                         "with the defaults: use extract_keywords on the texts instead")
    params = keyword_params(options)
    return _rank(candidates, counts, params, top_n, n_documents(candidates, n_docs))
