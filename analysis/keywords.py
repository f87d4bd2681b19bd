"""Keyword analyses: frequencies, TF-IDF, keyness, collocations, concordances and key terms.

Everything works on plain strings and returns DataFrames, so the same functions run over one
article, a collection, or (via ``map_partitions``) a Dask DataFrame of articles. Tokenisation
and POS tags come from :func:`analysis.segment.tagged_sentences` (cached and offset-exact), so
the keyword stage shares one tagging pass with entities and attribution. Keyness against a
reference corpus (G2 and Log Ratio) lives in :mod:`analysis.keyness`.

Stopwords are NLTK's English list plus news function words ("said", "according", "mr"...) kept
in ``analysis/rules/keyword_news_stopwords.txt``; every text-based function takes ``stopwords=``
to use another list.

The tagging-dependent analyses also run from per-article tables that the annotation cache keeps
(:func:`keyword_inputs`): the "keywords" stage (:func:`analysis.corpus.keyword_counts`: unit,
term, count) and the "key_terms" stage (:func:`key_term_candidates`). Each text-based function
builds those same per-article inputs and hands them to the scorer its ``*_from_counts``
twin uses, so a re-run on an unchanged corpus gives the same tables without tagging anything.
The cached inputs were made with the default stopwords (and, for key terms, the default
``max_words``); the count-based functions therefore take no ``stopwords`` of their own, except
collocations, which can drop further words.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from analysis.keyness import (
    DEFAULT_REFERENCE,
    REFERENCE_CORPORA,
    count_tokens,
    is_word,
    keyness,
    reference_table,
)
from analysis.nlp import english_stopwords
from analysis.rulefiles import rule_lines
from analysis.segment import Token, sentence_spans, tagged_sentences, token_spans

__all__ = [
    "DEFAULT_REFERENCE",
    "REFERENCE_CORPORA",
    "collocation_inputs",
    "collocations",
    "collocations_from_counts",
    "concordance",
    "default_stopwords",
    "extract_keywords",
    "frequencies_from_counts",
    "key_term_candidates",
    "keyness",
    "keyword_inputs",
    "keywords_from_candidates",
    "lemmatize",
    "news_stopwords",
    "term_frequencies",
    "term_key",
    "tfidf",
    "tfidf_from_counts",
    "word_form_counts",
]


# --------------------------------------------------------------------------- rules

@lru_cache(maxsize=None)
def load_word_list(filename: str) -> frozenset[str]:
    """A rules file of ``analysis/rules``: one lower-cased item per line, ``#`` comments."""
    items = {item.lower() for item in rule_lines(filename)}
    return frozenset(items)


def news_stopwords() -> frozenset[str]:
    """News function words (reporting verbs, titles, hedges) from the rules file."""
    return load_word_list("keyword_news_stopwords.txt")


@lru_cache(maxsize=1)
def default_stopwords() -> frozenset[str]:
    """NLTK's English stopwords plus the news function words."""
    return english_stopwords() | news_stopwords()


def _stopwords(stopwords: Iterable[str] | None) -> frozenset[str]:
    if stopwords is None:
        return default_stopwords()
    return frozenset(w.lower() for w in stopwords)


# --------------------------------------------------------------------------- lemmas

_WORDNET_POS = {"N": "n", "V": "v", "J": "a", "R": "r"}


@lru_cache(maxsize=1)
def _lemmatizer():
    from nltk.stem import WordNetLemmatizer

    from analysis.nlp import use_nltk_data_env

    use_nltk_data_env()
    return WordNetLemmatizer()


@lru_cache(maxsize=200_000)
def lemmatize(word: str, pos: str = "") -> str:
    """WordNet lemma of a lower-cased word given its Penn tag ("sanctions"/NNS -> "sanction");
    proper nouns and words WordNet does not know are returned lower-cased, unchanged."""
    word = word.lower()
    if pos.startswith("NNP"):
        return word
    wn_pos = _WORDNET_POS.get(pos[:1], "n")
    return _lemmatizer().lemmatize(word, wn_pos)


def _unit(token: Token, unit: str) -> str:
    if unit == "lemma":
        return lemmatize(token.norm, token.pos)
    if unit == "token":
        return token.norm.lower()
    raise ValueError("unit must be 'token' or 'lemma'")


def document_terms(text: str, unit: str, ngram: int, stop: frozenset[str]) -> list[str]:
    """Terms of one document: single tokens/lemmas without stopwords, or n-grams of adjacent
    words (no punctuation between them) that neither start nor end with a stopword."""
    terms = []
    for sentence in tagged_sentences(text):
        # punctuation and clitics ("'s", "n't") are not words and break n-grams
        forms = [_unit(t, unit) if t.text[:1].isalnum() else None for t in sentence]
        lowers = [t.norm.lower() for t in sentence]
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
    if isinstance(texts, str):
        texts = [texts]
    stop = _stopwords(stopwords)
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for text in texts:
        terms = Counter(document_terms(text, unit, ngram, stop))
        counts.update(terms)
        docs.update(terms.keys())
    return _frequency_frame(((term, n, docs[term]) for term, n in counts.items()), min_count)


def _frequency_frame(rows: Iterable[tuple[str, int, int]], min_count: int) -> pd.DataFrame:
    """The frequency table of (term, count, documents) rows: filtered, typed and sorted."""
    rows = [row for row in rows if row[1] >= min_count]
    frame = pd.DataFrame(rows, columns=["term", "count", "documents"])
    frame = frame.astype({"term": object, "count": "int64", "documents": "int64"})
    return frame.sort_values(["count", "term"], ascending=[False, True], kind="mergesort") \
        .reset_index(drop=True)


def _reference_idf(reference: str) -> tuple[pd.Series, int]:
    table = reference_table(reference)
    return table["doc_count"], int(table.attrs["documents"])


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
    NLTK reference corpus (a name in :data:`REFERENCE_CORPORA`; word forms are looked up, so
    use ``unit="token"`` there). Sorted by doc, then tfidf (desc), then term; ``top_n`` keeps the
    best n per document.
    """
    stop = _stopwords(stopwords)
    per_doc = [Counter(document_terms(text, unit, ngram, stop)) for text in texts]
    return _tfidf_frame(per_doc, idf_source, top_n)


def _tfidf_frame(per_doc: Sequence[Mapping[str, int]], idf_source: str, top_n: int | None
                 ) -> pd.DataFrame:
    """TF-IDF rows of documents given as term counts (one mapping per document, in order)."""
    if idf_source == "corpus":
        df: Counter[str] = Counter()
        for counts in per_doc:
            df.update(counts.keys())
        n_docs = len(per_doc)
        lookup = df.get
    else:
        ref_df, n_docs = _reference_idf(idf_source)
        ref = ref_df.to_dict()
        lookup = ref.get
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


# --------------------------------------------------------------------------- collocations

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
    stopword or a non-word are dropped, and so are pairs seen fewer than ``min_freq`` times
    (PMI without a frequency filter ranks one-off pairs first). Columns: w1, w2, collocation,
    freq, score, measure; sorted by score (desc), then the collocation.
    """
    if isinstance(texts, str):
        texts = [texts]
    stop = _stopwords(stopwords)
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        text_words, text_pairs = collocation_inputs(text, stop)
        words.update(text_words)
        pairs.update(text_pairs)
    return _collocation_frame(words, pairs, measure, min_freq, top_n, stop)


def _not_collocate(stop: frozenset[str]):
    """NLTK's word filter: True for a word no collocation may contain."""
    return lambda w: w in stop or not is_word(w) or not w[0].isalnum()


def collocation_inputs(text: str, stopwords: Iterable[str] | None = None
                       ) -> tuple[Counter, Counter]:
    """What NLTK's ``BigramCollocationFinder`` counts in one text, as summable counters: every
    token (lower-cased, stopwords and punctuation included: the finder's ``word_fd``, whose total
    is its N) and the pairs of adjacent tokens within a sentence that contain no stopword or
    non-word (its ``bigram_fd`` after the word filter). Sums over texts give the corpus finder."""
    excluded = _not_collocate(_stopwords(stopwords))
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for start, end in sentence_spans(text):
        sentence = [t.norm.lower() for t in token_spans(text, start, end)]
        words.update(sentence)
        pairs.update(pair for pair in zip(sentence, sentence[1:])
                     if not (excluded(pair[0]) or excluded(pair[1])))
    return words, pairs


def _collocation_frame(words: Mapping[str, int], pairs: Mapping[tuple[str, str], int],
                       measure: str, min_freq: int, top_n: int | None, stop: frozenset[str]
                       ) -> pd.DataFrame:
    """Score the pairs with the finder built from summed word and pair counts (the same finder
    ``BigramCollocationFinder.from_documents`` builds from the sentences)."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
    from nltk.probability import FreqDist

    finder = BigramCollocationFinder(FreqDist(words), FreqDist(pairs))
    finder.apply_word_filter(_not_collocate(stop))
    finder.apply_freq_filter(min_freq)
    score_fn = getattr(BigramAssocMeasures, measure)
    rows = [(w1, w2, f"{w1} {w2}", int(finder.ngram_fd[(w1, w2)]), float(score))
            for (w1, w2), score in finder.score_ngrams(score_fn)]
    frame = pd.DataFrame(rows, columns=["w1", "w2", "collocation", "freq", "score"])
    frame = frame.astype({"w1": object, "w2": object, "collocation": object, "freq": "int64",
                          "score": "float64"})
    frame["measure"] = pd.Series([measure] * len(frame), dtype=object)
    frame = frame.sort_values(["score", "collocation"], ascending=[False, True],
                              kind="mergesort").reset_index(drop=True)
    return frame.head(top_n) if top_n is not None else frame


# --------------------------------------------------------------------------- concordance

_SPACE_RE = re.compile(r"\s+")


def concordance(
    texts: str | Sequence[str],
    keyword: str,
    width: int = 40,
    article_ids: Sequence | None = None,
    ignore_case: bool = True,
) -> pd.DataFrame:
    """Keyword in context: one row per occurrence of ``keyword`` (one or more words, matched
    token by token so "sanction" does not match "sanctions").

    Columns: doc (position in texts), article_id (from ``article_ids``, else the position),
    left, keyword, right (``width`` characters of context each side, whitespace collapsed),
    start, end (offsets of the match in its text: ``text[start:end] == keyword``).
    """
    if isinstance(texts, str):
        texts = [texts]
    ids = list(article_ids) if article_ids is not None else list(range(len(texts)))
    fold = (lambda s: s.lower()) if ignore_case else (lambda s: s)
    wanted = [fold(t.norm) for t in token_spans(keyword)]
    rows = []
    if wanted:
        n = len(wanted)
        for doc, text in enumerate(texts):
            tokens = token_spans(text)
            forms = [fold(t.norm) for t in tokens]
            for i in range(len(tokens) - n + 1):
                if forms[i:i + n] == wanted:
                    start, end = tokens[i].start, tokens[i + n - 1].end
                    left = _SPACE_RE.sub(" ", text[max(0, start - width):start])
                    right = _SPACE_RE.sub(" ", text[end:end + width])
                    rows.append((doc, ids[doc], left, text[start:end], right, start, end))
    frame = pd.DataFrame(rows, columns=["doc", "article_id", "left", "keyword", "right", "start",
                                        "end"])
    return frame.astype({"doc": "int64", "article_id": object, "left": object, "keyword": object,
                         "right": object, "start": "int64", "end": "int64"})


# --------------------------------------------------------------------------- key terms

#: Penn tags a single-word key term may have (nouns, adjectives, verbs, foreign words).
_UNIGRAM_TAGS = ("NN", "JJ", "VB", "FW")
_NOUN_TAGS = ("NN",)
_MODIFIER_TAGS = ("JJ", "VBN", "VBG")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


def term_key(phrase: str) -> str:
    """The form under which variants of a term are merged: lower-cased, punctuation other than
    apostrophes removed, each word Porter-stemmed ("Sanctions" and "sanction" -> "sanction")."""
    words = re.sub(r"[^\w\s']", "", phrase.lower().replace("’", "'")).split()
    return " ".join(_stem(w) for w in words)


class _Candidate:
    __slots__ = ("key", "words", "forms", "count", "first", "in_title", "proper")

    def __init__(self, key: str, words: int) -> None:
        self.key = key
        self.words = words
        self.forms: Counter[str] = Counter()
        self.count = 0
        self.first = 1.0
        self.in_title = False
        self.proper = 0

    def add(self, form: str, position: float, in_title: bool, proper: bool) -> None:
        self.forms[form] += 1
        self.count += 1
        self.first = min(self.first, position)
        self.in_title = self.in_title or in_title
        self.proper += proper

    def display(self) -> str:
        """The most frequent surface form; lower-cased unless always written with capitals."""
        form = " ".join(sorted(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0].split())
        if self.words == 1 and any(f == f.lower() for f in self.forms):
            return form.lower()
        return form


def _in_name(sentence: Sequence[Token], i: int) -> bool:
    """True when token i is a proper noun next to another proper noun (part of a longer name,
    such as "San" in "San Francisco", whose key term is the whole name)."""
    if not sentence[i].pos.startswith("NNP"):
        return False
    before = i > 0 and sentence[i - 1].pos.startswith("NNP")
    after = i + 1 < len(sentence) and sentence[i + 1].pos.startswith("NNP")
    return before or after


def _candidates(text: str, stop: frozenset[str], max_words: int) -> tuple[dict, dict, int]:
    """Single-word and phrase candidates of one text with their counts and positions.

    Phrases are noun phrases found with the POS pattern (JJ|VBN|VBG)* (NN|NNS|NNP|NNPS)+, cut
    at stopwords and punctuation, 2 to ``max_words`` words long.
    """
    sentences = tagged_sentences(text)
    n_tokens = max(1, sum(len(s) for s in sentences))
    unigrams: dict[str, _Candidate] = {}
    phrases: dict[str, _Candidate] = {}
    seen = 0
    for s_index, sentence in enumerate(sentences):
        in_title = s_index == 0
        run: list[Token] = []
        for i, token in enumerate(list(sentence) + [None]):
            word = token.norm.lower() if token is not None else ""
            usable = (token is not None and is_word(word) and word.rstrip(".") not in stop
                      and len(word) > 1 and word[0].isalnum())
            if usable and token.pos.startswith(_UNIGRAM_TAGS):
                key = term_key(word)
                if key:
                    cand = unigrams.setdefault(key, _Candidate(key, 1))
                    cand.add(token.text, (seen + i) / n_tokens, in_title,
                             _in_name(sentence, i))
            is_noun = usable and token.pos.startswith(_NOUN_TAGS)
            is_mod = usable and token.pos.startswith(_MODIFIER_TAGS)
            if is_noun or (is_mod and not any(t.pos.startswith(_NOUN_TAGS) for t in run)):
                run.append(token)
                continue
            # close the run: strip trailing modifiers, keep 2..max_words words
            while run and not run[-1].pos.startswith(_NOUN_TAGS):
                run.pop()
            if 2 <= len(run) <= max_words:
                surface = text[run[0].start:run[-1].end]
                key = term_key(" ".join(t.norm for t in run))
                if len(key.split()) == len(run):
                    cand = phrases.setdefault(key, _Candidate(key, len(run)))
                    cand.add(surface, (seen + i) / n_tokens, in_title,
                             all(t.pos.startswith("NNP") for t in run))
            run = [token] if is_mod else []
        seen += len(sentence)
    return unigrams, phrases, n_tokens


@lru_cache(maxsize=4)
def _idf_table(reference: tuple[str, ...]) -> tuple[dict[str, int], int]:
    """Document frequencies (by term key) and document count of the reference corpora."""
    df: Counter[str] = Counter()
    n_docs = 0
    for name in reference:
        table = reference_table(name)
        for term, d in table["doc_count"].items():
            if is_word(term):
                df[term_key(term)] += int(d)
        n_docs += int(table.attrs["documents"])
    return dict(df), n_docs


def _idf(key: str, ref_df: dict, ref_n: int, corpus_df: Counter, corpus_n: int) -> float:
    words = key.split()
    values = []
    for w in words:
        d = ref_df.get(w, 0) + corpus_df.get(w, 0)
        values.append(math.log((ref_n + corpus_n + 1) / (d + 1)))
    return sum(values) / len(values) if values else 0.0


_DEFAULTS = dict(
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


def _mean_word_length(phrase: str) -> float:
    """Letters and digits per word: a length signal of specificity. Short words are mostly
    general ("new", "set", "TV"); long ones name specific things and events ("radioactivity",
    "extracurricular"), the brevity law of word frequency (Zipf) seen from the other side.
    Hyphens and slashes separate words ("ground-to-ground" is three short words)."""
    words = [w for w in re.split(r"[\s\-\u2010-\u2015/]+", phrase) if any(ch.isalnum() for ch in w)]
    if not words:
        return 0.0
    return sum(ch.isalnum() for w in words for ch in w) / len(words)


#: Columns of a candidate row (the key_terms stage's table, without article_id).
CANDIDATE_COLUMNS = ("kind", "key", "display", "count", "first", "in_title", "proper")
_CANDIDATE_DTYPES = {"kind": object, "key": object, "display": object, "count": "int64",
                     "first": "float64", "in_title": bool, "proper": "int64"}
#: Options that decide the candidates themselves, fixed when the key_terms stage runs.
_CANDIDATE_OPTIONS = ("stopwords", "max_words")


def _candidate_rows(text: str, stop: frozenset[str], max_words: int) -> list[tuple]:
    """The candidates of one text as rows of :data:`CANDIDATE_COLUMNS`: kind ("word" or
    "phrase"), key (stemmed form), display (the form shown), count, first (relative position of
    the first mention), in_title (in the first sentence), proper (mentions inside a name)."""
    unigrams, phrases, _ = _candidates(text, stop, max_words)
    return [(kind, cand.key, cand.display(), cand.count, cand.first, cand.in_title, cand.proper)
            for kind, table in (("word", unigrams), ("phrase", phrases))
            for cand in table.values()]


def key_term_candidates(headline: str, text: str) -> pd.DataFrame:
    """Key-term inputs of one article (the "key_terms" stage): the candidates of the document
    ``headline + "\n\n" + text`` that :func:`extract_keywords` scores (columns
    :data:`CANDIDATE_COLUMNS`, default stopwords and ``max_words``), plus one row of kind
    "headline_form" per word form of the headline (key = the form, count = its occurrences):
    with the article's "count" unit they give the document's word forms, whose distinct term
    keys are the corpus document frequencies."""
    stop = _stopwords(_DEFAULTS["stopwords"])
    rows = _candidate_rows(f"{headline}\n\n{text}", stop, _DEFAULTS["max_words"])
    rows += [("headline_form", form, "", n, 0.0, False, 0)
             for form, n in Counter(count_tokens(headline)).items()]
    frame = pd.DataFrame(rows, columns=list(CANDIDATE_COLUMNS))
    return frame.astype(_CANDIDATE_DTYPES)


def _score_document(candidates: Iterable[tuple], corpus_df: Counter, corpus_n: int,
                    params: dict) -> list[tuple]:
    ref_df, ref_n = _idf_table(tuple(params["reference"]))
    if not params["use_corpus_df"]:
        corpus_df, corpus_n = Counter(), 0
    scored = []
    for kind, key, display, count, first, in_title, proper in candidates:
        idf = _idf(key, ref_df, ref_n, corpus_df, corpus_n)
        score = count ** params["tf_power"] * max(idf, 0.0) ** params["idf_power"]
        score *= _mean_word_length(display) ** params["length_power"]
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


def extract_keywords(texts: Sequence[str], top_n: int = 10, **options) -> pd.DataFrame:
    """Ranked key terms and phrases of each text: doc (position in texts), rank (1 = best),
    keyword, score.

    Candidates are content words (nouns, adjectives, verbs, not stopwords) and noun phrases
    matching the POS pattern (JJ|VBN|VBG)*(NN|NNS|NNP|NNPS)+, from the cached tagging of
    :func:`analysis.segment.tagged_sentences`; variants are merged by their Porter-stemmed form.
    A candidate's score is tf^1.5 x IDF^0.75 x length^1.5, where document frequencies come
    from the reference corpus (Brown "news" by default) plus the texts themselves when several
    are given, and length is the mean number of letters per word: count x length is how much of
    the text the term takes up, and long words are more specific than short ones (the same reason
    IDF weighs less here). It is boosted when the term is in the first sentence
    (the headline) and the earlier it first appears. A proper noun that is mostly part of a
    longer name ("Korea" in "North Korea") gives way to the name; phrases need two mentions (or
    one in the headline) and at most ``max_phrases`` (2) enter a list, because readers pick
    mostly single words. ``options`` override the defaults in ``_DEFAULTS`` (e.g.
    ``reference=("brown", "reuters")``, ``stopwords=[...]``).
    """
    if isinstance(texts, str):
        texts = [texts]
    texts = [text if isinstance(text, str) else "" for text in texts]  # missing texts: no terms
    params = _keyword_params(options)
    stop = _stopwords(params["stopwords"])
    candidates = [_candidate_rows(text, stop, params["max_words"]) for text in texts]
    forms = [count_tokens(text) for text in texts] if len(texts) > 1 else None
    return _rank_key_terms(candidates, forms, params, top_n)


def _keyword_params(options: dict) -> dict:
    unknown = set(options) - set(_DEFAULTS)
    if unknown:
        raise TypeError(f"unknown options: {sorted(unknown)}")
    return {**_DEFAULTS, **options}


def _rank_key_terms(candidates: Sequence[Iterable[tuple]], forms: Sequence[Iterable[str]] | None,
                    params: dict, top_n: int) -> pd.DataFrame:
    """Score and select the candidates of each document (rows of :data:`CANDIDATE_COLUMNS`);
    ``forms`` are each document's word forms (:func:`count_tokens`), needed when there are
    several documents: their distinct term keys are the corpus document frequencies."""
    n_docs = len(candidates)
    stop = _stopwords(params["stopwords"])
    corpus_df: Counter[str] = Counter()
    if n_docs > 1:
        for words in forms:
            corpus_df.update({term_key(w) for w in words if is_word(w) and w not in stop})
    rows = []
    for doc, document in enumerate(candidates):
        scored = _score_document(document, corpus_df, n_docs if n_docs > 1 else 0, params)
        for rank, (keyword, score) in enumerate(_select(scored, top_n, params["max_phrases"]), 1):
            rows.append((doc, rank, keyword, round(float(score), 6)))
    frame = pd.DataFrame(rows, columns=["doc", "rank", "keyword", "score"])
    return frame.astype({"doc": "int64", "rank": "int64", "keyword": object, "score": "float64"})


# --------------------------------------------------------------------------- from cached tables

#: The unit of the "keywords" stage (analysis.corpus.keyword_counts) holding each (unit, ngram)
#: that term_frequencies and tfidf count.
TERM_UNITS: dict[tuple[str, int], str] = {("token", 1): "token", ("lemma", 1): "lemma",
                                          ("token", 2): "bigram"}


def _term_unit(unit: str, ngram: int) -> str:
    try:
        return TERM_UNITS[(unit, ngram)]
    except KeyError:
        raise ValueError(f"the cached counts hold (unit, ngram) {sorted(TERM_UNITS)}, "
                         f"not ({unit!r}, {ngram})") from None


def _unit_rows(counts: pd.DataFrame, unit: str) -> pd.DataFrame:
    missing = {"unit", "term", "count"} - set(counts.columns)
    if missing:
        raise ValueError(f"a keyword count table needs the columns unit, term, count "
                         f"(missing {sorted(missing)})")
    return counts[counts["unit"] == unit]


def _n_docs(table: pd.DataFrame, n_docs: int | None) -> int:
    """How many documents a per-document table covers: given, recorded by keyword_inputs in
    ``attrs["documents"]``, or the last doc position + 1."""
    if "doc" not in table.columns:
        raise ValueError("a per-document table needs a doc column (the article's position), as "
                         "keyword_inputs gives it")
    if n_docs is not None:
        return int(n_docs)
    if "documents" in table.attrs:
        return int(table.attrs["documents"])
    return int(table["doc"].max()) + 1 if len(table) else 0


def _per_document(rows: pd.DataFrame, n_docs: int, columns: Sequence[str]) -> list[list[tuple]]:
    """Rows grouped by doc position (0 .. n_docs - 1) in table order, as tuples of plain Python
    values (so scores are computed with exactly the numbers the text-based path uses)."""
    documents: list[list[tuple]] = [[] for _ in range(n_docs)]
    values = [rows[column].tolist() for column in columns]
    for doc, *row in zip(rows["doc"].tolist(), *values):
        documents[doc].append(tuple(row))
    return documents


def frequencies_from_counts(counts: pd.DataFrame, unit: str = "token", ngram: int = 1,
                            min_count: int = 1) -> pd.DataFrame:
    """:func:`term_frequencies` of the texts whose "keywords" stage rows ``counts`` holds: a
    per-document table (one row per document and term, as :func:`keyword_inputs` gives it) or
    corpus counts summed over partitions (:func:`analysis.corpus.merge_counts`: its
    ``articles`` column is the document count; duplicate articles count once there)."""
    rows = _unit_rows(counts, _term_unit(unit, ngram))
    grouped = rows.groupby("term", sort=False)
    totals = grouped["count"].sum()
    documents = grouped["articles"].sum() if "articles" in rows.columns else grouped.size()
    return _frequency_frame(zip(totals.index.tolist(), totals.tolist(), documents.tolist()),
                            min_count)


def tfidf_from_counts(counts: pd.DataFrame, unit: str = "lemma", ngram: int = 1,
                      idf_source: str = "corpus", top_n: int | None = None,
                      n_docs: int | None = None) -> pd.DataFrame:
    """:func:`tfidf` of the documents of a per-document "keywords" table (doc = position)."""
    n = _n_docs(counts, n_docs)
    rows = _unit_rows(counts, _term_unit(unit, ngram))
    per_doc = [dict(document) for document in _per_document(rows, n, ("term", "count"))]
    return _tfidf_frame(per_doc, idf_source, top_n)


def word_form_counts(counts: pd.DataFrame) -> pd.Series:
    """Every word form's count over the documents (the "count" unit summed, in order of first
    occurrence): the target counts :func:`analysis.keyness.keyness` takes instead of texts."""
    rows = _unit_rows(counts, "count")
    summed = rows.groupby("term", sort=False)["count"].sum()
    return pd.Series(dict(zip(summed.index.tolist(), summed.tolist())), dtype="int64")


def collocations_from_counts(counts: pd.DataFrame, measure: str = "likelihood_ratio",
                             min_freq: int = 3, top_n: int | None = 20,
                             stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """:func:`collocations` of the texts whose "keywords" rows ``counts`` holds (per document or
    summed): the finder is built from the summed "collocation_word" and "collocation_pair"
    units. The cached pairs already leave out the default stopwords; ``stopwords`` leaves out
    more words."""
    stop = default_stopwords() | _stopwords(stopwords or ())
    words = _unit_rows(counts, "collocation_word").groupby("term", sort=False)["count"].sum()
    pairs = _unit_rows(counts, "collocation_pair").groupby("term", sort=False)["count"].sum()
    return _collocation_frame(dict(zip(words.index.tolist(), words.tolist())),
                              {tuple(pair.split(" ")): n
                               for pair, n in zip(pairs.index.tolist(), pairs.tolist())},
                              measure, min_freq, top_n, stop)


def keywords_from_candidates(candidates: pd.DataFrame, counts: pd.DataFrame, top_n: int = 10,
                             n_docs: int | None = None, **options) -> pd.DataFrame:
    """:func:`extract_keywords` of the documents headline + "\\n\\n" + text from per-document
    "key_terms" rows (:func:`key_term_candidates`) and "keywords" rows (their "count" unit
    with the headline forms gives each document's word forms). ``options`` are the scoring
    options of extract_keywords; the candidates were extracted with the default
    ``stopwords`` and ``max_words``, which cannot change here."""
    fixed = sorted(name for name in _CANDIDATE_OPTIONS
                   if name in options and options[name] != _DEFAULTS[name])
    if fixed:
        raise ValueError(f"{fixed} decide the candidates, which the key_terms stage extracts "
                         "with the defaults: use extract_keywords on the texts instead")
    params = _keyword_params(options)
    n = _n_docs(candidates, n_docs)
    terms = candidates[candidates["kind"].isin(["word", "phrase"])]
    per_doc = _per_document(terms, n, CANDIDATE_COLUMNS)
    forms = None
    if n > 1:
        forms = [set() for _ in range(n)]
        headline = candidates[candidates["kind"] == "headline_form"]
        body = _unit_rows(counts, "count")
        for table, column in ((headline, "key"), (body, "term")):
            for doc, form in zip(table["doc"].tolist(), table[column].tolist()):
                forms[doc].add(form)
    return _rank_key_terms(per_doc, forms, params, top_n)


def _by_position(table: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    """A per-article table repeated for every position of its article in ``ids`` (duplicates
    included, as the text-based functions see them), with the position as a doc column."""
    table = table.reset_index(drop=True)
    groups = table.groupby("article_id", sort=False).indices if len(table) else {}
    empty = np.empty(0, dtype=np.intp)
    take = [groups.get(identifier, empty) for identifier in ids]
    index = np.concatenate(take) if take else empty
    frame = table.take(index).reset_index(drop=True)
    frame.insert(0, "doc", np.repeat(np.arange(len(ids), dtype="int64"),
                                     [len(rows) for rows in take]))
    return frame


def keyword_inputs(articles: pd.DataFrame, cache: Any = None,
                   progress: bool | None = None) -> dict[str, pd.DataFrame]:
    """The cached per-article inputs of the keyword analyses of ``articles`` (load_articles'
    table): {"keywords": doc, article_id, unit, term, count; "key_terms": doc, article_id +
    :data:`CANDIDATE_COLUMNS`}, where doc is the article's position in ``articles`` and
    ``attrs["documents"]`` the number of articles. Articles already in the annotation cache are
    read from it (``cache`` as in :func:`analysis.corpus.annotate_frame`), so an unchanged
    corpus is not tagged again. `progress=None` shows a progress bar for large corpora only."""
    from analysis import corpus

    if "article_id" not in articles.columns:
        raise ValueError("articles need an article_id column (use analysis.load_articles)")
    tables = corpus.annotate_frame(articles, ["keywords", "key_terms"], cache=cache,
                                   progress=progress)
    ids = articles["article_id"].astype(str).tolist()
    inputs = {name: _by_position(table, ids) for name, table in tables.items()}
    for frame in inputs.values():
        frame.attrs["documents"] = len(ids)
    return inputs
