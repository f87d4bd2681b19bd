"""Ranked key terms of each document: scoring and selecting the candidates (single words and
noun phrases on one scale; the formulas are in :func:`extract_keywords`).

:func:`extract_keywords` (texts) and :func:`keywords_from_candidates` (the cached "key_terms" and
"keywords" stage rows) rank with the same code: the text version builds those rows first.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from analysis.core.checks import require_int, require_texts
from analysis.keywords.candidates import CANDIDATE_COLUMNS, candidate_frame, candidate_rows, document_parts
from analysis.keywords.count_rows import count_frame, n_documents, per_document, unit_rows
from analysis.keywords.lexicon import Stemmer, is_word, stopword_set, term_key
from analysis.keywords.reference import combined_idf, count_tokens
from analysis.text import Document

#: The options of extract_keywords and their defaults (see extract_keywords for the formulas).
KEYWORD_OPTIONS = dict(
    stopwords=None,               # None: NLTK English + news function words
    reference=("brown_news", "reuters"),  # NLTK corpora giving document frequencies (IDF): one
                                          # name or several
    use_corpus_df=True,           # add the texts' own document frequencies when several are given
    max_words=4,                  # longest noun phrase
    units="both",                 # "words", "phrases" or "both" on one scale (below)
    # single words
    tf_power=1.5,                 # frequency in the text counts more than rarity in the reference
    idf_power=0.75,               # rarity is shared with word length (below), so weighs less
    length_power=1.5,             # longer words are more specific ("radioactivity" vs "limit")
    title_boost=0.5,              # in the first sentence (headline)
    position_weight=0.5,          # earlier first mention
    name_part_weight=0.1,         # "San" of "San Francisco": the whole name is the term
    # noun phrases of two or more words
    phrase_weight=0.8,            # the best phrase against the best word of the same text
    phrase_tf_power=1.0,          # mean frequency of the phrase's words
    phrase_idf_power=0.5,         # summed IDF of its words (longer phrases are more specific)
    phrase_position_power=1.0,    # 1 / (first position + offset): FirstPhrases-like
    phrase_position_offset=0.02,  # how far the first sentences stand out (2 % of the text)
    max_phrases=None,             # at most this many phrases per list (None: no limit)
    phrase_share=0.5,             # a word yields to a phrase holding this share of its mentions
                                  # (None: never)
)
#: What a keyword list may hold: single words, noun phrases of two or more words, or both.
KEYWORD_UNITS = ("both", "words", "phrases")
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
    params = {**KEYWORD_OPTIONS, **options}
    if params["units"] not in KEYWORD_UNITS:
        raise ValueError(f"units must be one of {KEYWORD_UNITS}, got {params['units']!r}")
    return params


def _idf_terms(key: str, ref_df: Mapping[str, int], ref_n: int, corpus_df: Counter, corpus_n: int
               ) -> list[float]:
    """Each word's smoothed IDF ln((N + 1) / (df + 1)), N the reference and corpus documents;
    never below 0 (a stem can sum the document counts of several word forms)."""
    n = ref_n + corpus_n
    return [math.log((n + 1) / (min(ref_df.get(w, 0) + corpus_df.get(w, 0), n) + 1))
            for w in key.split()]


def _word_score(count: int, idf: float, display: str, first: float, in_title: bool,
                proper: int, params: dict) -> float:
    score = count ** params["tf_power"] * idf ** params["idf_power"]
    score *= mean_word_length(display) ** params["length_power"]
    score *= 1.0 + params["title_boost"] * in_title
    score *= 1.0 + params["position_weight"] * (1.0 - first)
    if 2 * proper > count:
        score *= params["name_part_weight"]
    return score


def _phrase_score(count: int, idfs: list[float], word_counts: list[int], first: float,
                  params: dict) -> float:
    tf = sum(max(n, count) for n in word_counts) / len(word_counts)
    score = tf ** params["phrase_tf_power"] * sum(idfs) ** params["phrase_idf_power"]
    return score / (first + params["phrase_position_offset"]) ** params["phrase_position_power"]


def _score_document(candidates: Iterable[tuple], reference: tuple[Mapping[str, int], int],
                    corpus_df: Counter, corpus_n: int, params: dict) -> list[tuple]:
    """(score, kind, key, display) of every candidate of the ``units`` asked for, best first.
    Words and phrases are scored on their own scales, each divided by the best of its kind in
    the text; phrases then weigh ``phrase_weight``."""
    ref_df, ref_n = reference
    if not params["use_corpus_df"]:
        corpus_df, corpus_n = Counter(), 0
    candidates = list(candidates)
    word_counts = {key: count for kind, key, _, count, *_ in candidates if kind == "word"}
    words, phrases = [], []
    for kind, key, display, count, first, in_title, proper in candidates:
        idfs = _idf_terms(key, ref_df, ref_n, corpus_df, corpus_n)
        if kind == "word":
            words.append((_word_score(count, idfs[0], display, first, in_title, proper, params),
                          kind, key, display))
        elif kind == "phrase":
            counts = [word_counts.get(w, count) for w in key.split()]
            phrases.append((_phrase_score(count, idfs, counts, first, params), kind, key, display))
    groups = {"both": ((words, 1.0), (phrases, params["phrase_weight"])),
              "words": ((words, 1.0),), "phrases": ((phrases, 1.0),)}[params["units"]]
    scored = []
    for group, weight in groups:
        best = max((row[0] for row in group), default=0.0)
        if best > 0:
            scored.extend((weight * score / best, kind, key, display)
                          for score, kind, key, display in group)
    if params["phrase_share"] is not None and params["units"] == "both":
        phrase_counts = {key: count for kind, key, _, count, *_ in candidates
                         if kind == "phrase"}
        scored = yield_to_phrases(scored, word_counts, phrase_counts, params["phrase_share"])
    scored.sort(key=lambda row: (-row[0], row[2]))
    return scored


#: A phrase must occur at least this often before a word yields its place to it (once is a
#: turn of phrase, twice is a term the text uses as a unit).
MIN_PHRASE_REPEATS = 2


def yield_to_phrases(scored: list[tuple], word_counts: dict[str, int],
                     phrase_counts: dict[str, int], share: float) -> list[tuple]:
    """Decide per word whether the word or a phrase is the unit, from how this text uses it.

    A word whose most frequent phrase (ties: the better scored) recurs
    (:data:`MIN_PHRASE_REPEATS`) and holds at least ``share`` of the word's mentions yields its
    place: the phrase takes the word's score when that is higher, and the word leaves the
    ranking. A text that says "oil spill" 6 times and "spill" 7 keeps the phrase; a word used in
    varied contexts ("spill" of "oil spill", "fuel spill", "chemical spill") stays a word.
    ``scored`` holds (score, kind, key, display) rows; a new list is returned, unsorted.
    """
    if not 0.0 < share <= 1.0:
        raise ValueError(f"phrase_share must be in (0, 1], got {share!r}")
    rows = {(kind, key): [score, kind, key, display] for score, kind, key, display in scored}
    contexts: dict[str, tuple] = {}
    for score, kind, key, _ in scored:
        if kind == "phrase":
            for word in set(key.split()):
                best = contexts.get(word)
                option = (phrase_counts.get(key, 0), score, key)
                if best is None or option > best:
                    contexts[word] = option
    for score, kind, key, _ in scored:
        if kind != "word" or key not in contexts:
            continue
        count, _, phrase = contexts[key]
        if count >= MIN_PHRASE_REPEATS and count >= share * word_counts.get(key, count):
            row = rows[("phrase", phrase)]
            row[0] = max(row[0], score)
            del rows[("word", key)]
    return [tuple(row) for row in rows.values()]


def _select(scored: list[tuple], top_n: int, max_phrases: int | None) -> list[tuple[str, float]]:
    """The best ``top_n`` terms without redundancy: a phrase inside or around a chosen phrase
    ("Emily Deschanel" after "actress Emily Deschanel") and a word of a chosen phrase ("Korea"
    after "North Korea") are skipped; at most ``max_phrases`` phrases when given."""
    chosen, phrases, keys, covered = [], [], set(), set()
    for score, kind, key, display in scored:
        if len(chosen) >= top_n:
            break
        if key in keys or (kind == "word" and key in covered):
            continue
        if kind == "phrase":
            padded = f" {key} "
            if (max_phrases is not None and len(phrases) >= max_phrases) or any(
                    padded in f" {other} " or f" {other} " in padded for other in phrases):
                continue
            phrases.append(key)
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
        key_of: dict[str, str] = {}  # each distinct form is keyed once ("" for a non-word)
        for words in _document_forms(candidates, counts, n_docs):
            keys = set()
            for word in words:
                key = key_of.get(word)
                if key is None:
                    key = key_of[word] = (term_key(word, stemmer)
                                          if is_word(word) and word not in stop else "")
                if key:
                    keys.add(key)
            corpus_df.update(keys)
    names = params["reference"]
    reference = combined_idf(names if isinstance(names, str) else tuple(names)) if per_doc \
        else ({}, 0)
    rows = []
    for doc, document in enumerate(per_doc):
        scored = _score_document(document, reference, corpus_df, n_docs if n_docs > 1 else 0,
                                 params)
        for rank, (keyword, score) in enumerate(_select(scored, top_n, params["max_phrases"]),
                                                1):
            rows.append((doc, rank, keyword, round(float(score), 6)))
    frame = pd.DataFrame(rows, columns=["doc", "rank", "keyword", "score"])
    return frame.astype({"doc": "int64", "rank": "int64", "keyword": object, "score": "float64"})


def extract_keywords(texts: Sequence[str], top_n: int = 10, **options) -> pd.DataFrame:
    """Ranked key terms and phrases of each text: doc (position in texts), rank (1 = best),
    keyword, score.

    Candidates come from each text's POS-tagged :class:`analysis.text.Document`: content words
    (nouns, adjectives, verbs; no stopwords) and noun phrases of 2 to ``max_words`` words
    matching (JJ|VBN|VBG)*(NN|NNS|NNP|NNPS)+, cut at stopwords, punctuation, relative days
    ("rebels today") and superlatives ("largest oil spill" gives "oil spill"), where a
    participle opens a phrase only after a determiner, possessive, number or adjective (a VBN
    also after a preposition or adverb; elsewhere it is the verb: "starring Johnny Depp" gives
    "Johnny Depp") and a name of two or more capitalised words is its own phrase ("presidential
    candidate Joe Biden" gives "presidential candidate" and "Joe Biden"); variants are merged
    by their Porter-stemmed form. IDF = ln((N + 1) / (df + 1)) with document frequencies
    from reference news (Brown "news" and Reuters-21578 by default, 10,832 articles) plus the
    texts themselves when several are given.

    * A word scores tf^1.5 x IDF^0.75 x length^1.5 x (1 + 0.5 if in the first sentence) x
      (1 + 0.5 x (1 - first)), where tf is its count, length its number of letters (count x
      length is how much of the text it takes up; long words are more specific, which is why IDF
      weighs less) and first the relative position of its first mention (0 = first word). A
      proper noun that is mostly part of a longer name ("Korea" in "North Korea") x 0.1.
    * A phrase scores tf x (sum of its words' IDF)^0.5 / (first + 0.02): tf is the mean count of
      its words (a phrase stands for the concept its words keep coming back to: "oil spill" in a
      text that says "the spill" and "the oil" again and again), the summed IDF favours longer,
      more specific phrases, and the position term is the strongest signal in news (the lead
      states the story: the first sentence's phrases score up to 50 times those at the end).
    * The two kinds are ranked on one scale: each score divided by the best of its kind in the
      text, phrases weighted by ``phrase_weight`` (0.8). Then, best first, a phrase inside or
      around an already chosen phrase and a word of a chosen phrase are skipped (redundancy).
    * ``phrase_share`` (0.5) decides per word whether the word or a phrase is the unit, from how
      the text uses it: a word whose most frequent phrase recurs and holds at least that share
      of its mentions yields its place (and score) to the phrase (:func:`yield_to_phrases`;
      "bird flu" 3 times, "flu" 6: the phrase is listed, not "bird" and "flu"). A text about
      "health insurance" lists that, not "health" and "insurance"; a word used in varied
      phrases stays a word. None turns it off. On the dev sets (DUC-2001 / KPCrowd F1@10) it
      gives 0.311 / 0.184, against 0.299 / 0.187 without; phrase_weight 0.9 without it gives
      0.310 / 0.183.

    ``units`` chooses the kind of list. "both" (the default) mixes words and phrases on the
    scale above; "words" lists single words only, for word counts, clouds and crowd-style
    keywords; "phrases" lists noun phrases only, for readers'-keyphrase-style lists. On the dev
    sets, F1@10 on DUC-2001 (reader keyphrases, 81 % multi-word) / 500N-KPCrowd (crowd
    keywords, mostly single words) is 0.311 / 0.184 for "both", 0.094 / 0.222 for "words" and
    0.338 / 0.082 for "phrases": no one list suits both kinds of gold. Within "both", raising
    ``phrase_weight`` lists more phrases, lowering it more single words.
    ``options`` override the defaults in :data:`KEYWORD_OPTIONS` (e.g.
    ``reference=("brown", "reuters")``, ``stopwords=[...]``, ``max_phrases=2``).
    """
    texts, top_n = require_texts(texts, "texts"), require_int(top_n, "top_n", minimum=1)
    # missing texts: no terms
    texts = [text if isinstance(text, str) else "" for text in texts]
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
