"""Stopword lists, WordNet lemmas and Porter-stemmed term keys."""
from __future__ import annotations

import pytest

from analysis.core.paths import RULES_DIR
from analysis.keywords.lexicon import (
    NEWS_STOPWORDS_FILE,
    Lemmatizer,
    Stemmer,
    default_stopwords,
    is_acronym,
    is_clitic,
    is_function_word,
    is_word,
    lemmatize,
    news_stopwords,
    stopword_set,
    term_key,
)


def test_news_stopwords_file_is_lower_case_single_words():
    lines = [line.split("#", 1)[0].strip()
             for line in (RULES_DIR / NEWS_STOPWORDS_FILE).read_text().splitlines()]
    items = [line for line in lines if line]
    assert items and all(item == item.lower() and " " not in item for item in items)
    assert len(items) == len(set(items))


def test_default_stopwords_are_nltk_plus_news_words():
    stop = default_stopwords()
    assert {"the", "of", "has"} <= stop  # NLTK
    assert {"said", "according", "mr"} <= stop and "said" in news_stopwords()
    assert "sanctions" not in stop and "nuclear" not in stop


def test_stopword_set_lower_cases_a_custom_list():
    assert stopword_set(None) is default_stopwords()
    assert stopword_set(["The", "SAID"]) == frozenset({"the", "said"})


def test_is_word_needs_a_letter():
    assert is_word("u.s.") and is_word("5th") and not is_word("1,000") and not is_word(",")


@pytest.mark.parametrize("word,pos,lemma", [
    ("sanctions", "NNS", "sanction"),
    ("imposing", "VBG", "impose"),
    ("tests", "NNS", "test"),
    ("Beijing", "NNP", "beijing"),
    ("better", "JJR", "good"),
])
def test_wordnet_lemmas(word, pos, lemma):
    assert lemmatize(word, pos) == lemma
    assert Lemmatizer()(word, pos) == lemma


def test_lemmatizer_and_stemmer_memoise_per_object():
    lemmatizer = Lemmatizer()
    assert lemmatizer("sanctions", "NNS") == lemmatizer("sanctions", "NNS") == "sanction"
    assert lemmatizer._memo == {("sanctions", "NNS"): "sanction"}
    assert Lemmatizer()._memo == {}  # nothing shared between runs
    stemmer = Stemmer()
    assert stemmer.stem("sanctions") == "sanction" and list(stemmer._memo) == ["sanctions"]


def test_term_key_merges_variants():
    assert term_key("Sanctions") == term_key("sanction")
    assert term_key("North Korea") == "north korea"
    assert term_key("North Korea’s U.S. sanctions", Stemmer()) == term_key("north korea's us sanction")


@pytest.mark.parametrize("token, expected", [
    ("the", True), ("The", True), ("said", True), ("us", True),
    ("US", False), ("IT", False), ("WHO", False),  # acronyms are not the function words
    ("n't", True), ("'s", True), ("’re", True), ("s", True), ("t", True),  # clitics
    ("can't", True), ("won't", True), ("they're", True), ("it’s", True), ("we'd", True),
    ("o'brien", False), ("korea's", False), ("sanctions", False), ("rock'n'roll", False),
])
def test_function_words_clitics_and_contractions(token, expected):
    assert is_function_word(token, default_stopwords()) is expected


def test_clitics_and_acronyms():
    assert is_clitic("n't") and is_clitic("’ll") and not is_clitic("nt")
    assert is_acronym("US") and is_acronym("BBC") and not is_acronym("I") \
        and not is_acronym("Us") and not is_acronym("1990")
