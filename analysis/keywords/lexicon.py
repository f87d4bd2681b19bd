"""Words: stopword lists, what counts as a word, WordNet lemmas and Porter-stemmed term keys.

Stopwords are NLTK's English list plus news function words ("said", "according", "mr"...) kept
in ``analysis/rules/keywords/news_stopwords.txt``. Lemmas and stems are memoised per run by a
:class:`Lemmatizer` / :class:`Stemmer` the caller creates (one per call or corpus run), not by a
process-wide cache keyed on words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from analysis.core.rules import word_set
from analysis.nlp import english_stopwords, use_nltk_data_env

NEWS_STOPWORDS_FILE = "keywords/news_stopwords.txt"

_HAS_LETTER_RE = re.compile(r"[^\W\d_]")
_TERM_PUNCTUATION_RE = re.compile(r"[^\w\s']")
_WORDNET_POS = {"N": "n", "V": "v", "J": "a", "R": "r"}


# --------------------------------------------------------------------------- stopwords

def news_stopwords() -> frozenset[str]:
    """News function words (reporting verbs, titles, hedges) from the rule file."""
    return word_set(NEWS_STOPWORDS_FILE)


@lru_cache(maxsize=1)
def default_stopwords() -> frozenset[str]:
    """NLTK's English stopwords plus the news function words."""
    return english_stopwords() | news_stopwords()


def stopword_set(stopwords: Iterable[str] | None) -> frozenset[str]:
    """The lower-cased stopword set of a user's list; None means :func:`default_stopwords`."""
    if stopwords is None:
        return default_stopwords()
    return frozenset(w.lower() for w in stopwords)


def is_word(token: str) -> bool:
    """True when the token has at least one letter (numbers and punctuation are not words)."""
    return _HAS_LETTER_RE.search(token) is not None


#: What follows the apostrophe of a contraction ("they're", "can't", "Korea's").
CLITIC_TAILS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})
#: Clitics as tokens of their own (Treebank splits "can't" into "ca" + "n't", "it's" into
#: "it" + "'s"; a text tokenised with spaces around apostrophes leaves "s", "t", "re"...).
CLITICS = frozenset({"n't", *CLITIC_TAILS, *(f"'{tail}" for tail in CLITIC_TAILS)})


def is_clitic(token: str) -> bool:
    """True for a clitic on its own ("'s", "n't", "’re", "s"): never a key word."""
    return token.lower().replace("’", "'") in CLITICS


def is_acronym(token: str) -> bool:
    """True for an all-capital word of two or more letters ("US", "IT", "WHO", "BBC"), which
    counting keeps apart from the lower-case word ("us", "it", "who")."""
    return len(token) > 1 and token.isupper() and is_word(token)


def is_function_word(token: str, stop: frozenset[str]) -> bool:
    """True when a counted token is a function word that keyword lists never rank: a stopword
    in ``stop`` (lower-cased), a clitic, or a contraction of a stopword ("they're", "can't",
    "won't": every "n't" form is an auxiliary). An acronym ("US") is not the word ("us")."""
    if is_acronym(token):
        return False
    low = token.lower().replace("’", "'")
    if low in stop or low in CLITICS:
        return True
    host, apostrophe, tail = low.rpartition("'")
    if apostrophe and tail in CLITIC_TAILS:
        return (tail == "t" and host.endswith("n")) or host in stop
    return False


# --------------------------------------------------------------------------- lemmas

@lru_cache(maxsize=1)
def wordnet_lemmatizer():
    """NLTK's WordNet lemmatizer, loaded once."""
    from nltk.stem import WordNetLemmatizer

    use_nltk_data_env()
    return WordNetLemmatizer()


def lemmatize(word: str, pos: str = "") -> str:
    """WordNet lemma of a lower-cased word given its Penn tag ("sanctions"/NNS -> "sanction");
    proper nouns and words WordNet does not know are returned lower-cased, unchanged."""
    word = word.lower()
    if pos.startswith("NNP"):
        return word
    return wordnet_lemmatizer().lemmatize(word, _WORDNET_POS.get(pos[:1], "n"))


class Lemmatizer:
    """:func:`lemmatize` with a memo of the (word, tag) pairs seen: one object per run, so each
    distinct word form is looked up in WordNet once."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, pos: str = "") -> str:
        key = (word, pos)
        lemma = self._memo.get(key)
        if lemma is None:
            lemma = self._memo[key] = lemmatize(word, pos)
        return lemma


# --------------------------------------------------------------------------- stems

@lru_cache(maxsize=1)
def porter_stemmer():
    """NLTK's Porter stemmer (stateless, built once)."""
    from nltk.stem import PorterStemmer

    return PorterStemmer()


class Stemmer:
    """Porter stems with a memo of the words seen: one object per run."""

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}
        self._porter = porter_stemmer()

    def stem(self, word: str) -> str:
        stem = self._memo.get(word)
        if stem is None:
            stem = self._memo[word] = self._porter.stem(word)
        return stem


def term_key(phrase: str, stemmer: Stemmer | None = None) -> str:
    """The form under which variants of a term are merged: lower-cased, punctuation other than
    apostrophes removed, each word Porter-stemmed ("Sanctions" and "sanction" -> "sanction").
    Pass a :class:`Stemmer` when keying many phrases."""
    stem = stemmer.stem if stemmer is not None else porter_stemmer().stem
    words = _TERM_PUNCTUATION_RE.sub("", phrase.lower().replace("’", "'")).split()
    return " ".join(stem(w) for w in words)
