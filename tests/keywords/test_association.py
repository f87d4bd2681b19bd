"""Collocations: NLTK's association measures over sentence-bounded pairs without stopwords."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.keywords.association import (
    collocation_inputs,
    collocations,
    not_collocate,
    sentence_words,
)
from analysis.keywords.lexicon import default_stopwords
from analysis.keywords.reference import read_raw_texts
from analysis.text import Document, sentence_spans


def test_collocations_of_the_seed(seed_body):
    ll = collocations(seed_body, measure="likelihood_ratio", min_freq=2)
    assert ll.iloc[0]["collocation"] == "north korea"
    assert {"united states", "president xi"} <= set(ll["collocation"])
    assert not any(c.startswith("'") or " '" in c for c in ll["collocation"])
    assert (ll["freq"] >= 2).all() and ll["score"].is_monotonic_decreasing
    pmi = collocations(seed_body, measure="pmi", min_freq=3)
    assert (pmi["freq"] >= 3).all() and "north korea" in set(pmi["collocation"])
    assert set(pmi["measure"]) == {"pmi"}


def test_collocations_skip_stopwords_and_sentence_boundaries():
    pairs = set(collocations("Korea tested. Sanctions followed. Korea tested. Sanctions followed.",
                             min_freq=1)["collocation"])
    assert "korea tested" in pairs and "tested sanctions" not in pairs


def test_collocation_inputs_of_a_document_or_a_text(seed_body):
    words, pairs = collocation_inputs(Document(seed_body))
    assert (words, pairs) == collocation_inputs(seed_body)
    assert pairs[("north", "korea")] >= 9 and words["the"] > 10


@pytest.fixture(scope="module")
def reuters_bodies() -> list[str]:
    articles = analysis.load_articles(pd.DataFrame(
        {"text": read_raw_texts("reuters", limit=30)}), progress=False)
    return articles["text"].tolist()


def test_collocations_equal_nltk_finder_built_from_the_sentences(reuters_bodies):
    """Building the finder from summed word and pair counts gives exactly what NLTK's
    from_documents gives on the sentences (the implementation before the counts existed)."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    texts = reuters_bodies
    sentences = [sentence_words(text, s, e) for text in texts for s, e in sentence_spans(text)]
    finder = BigramCollocationFinder.from_documents(sentences)
    finder.apply_word_filter(not_collocate(default_stopwords()))
    finder.apply_freq_filter(2)
    for measure in ("likelihood_ratio", "pmi"):
        expected = finder.score_ngrams(getattr(BigramAssocMeasures, measure))
        frame = collocations(texts, measure=measure, min_freq=2, top_n=None)
        assert len(frame) == len(expected) > 20
        assert dict(zip(zip(frame["w1"], frame["w2"]), frame["score"])) == dict(expected)
        assert frame["freq"].tolist() == [finder.ngram_fd[pair]
                                          for pair in zip(frame["w1"], frame["w2"])]


def test_sentence_words_join_contractions_and_keep_the_possessive_apart():
    text = "We can’t say North Korea’s tests aren't real, they're said."
    assert sentence_words(text, 0, len(text)) == [
        "we", "can't", "say", "north", "korea", "'s", "tests", "aren't", "real", ",", "they're",
        "said", "."]


def test_contractions_and_clitics_are_never_collocates():
    """Treebank splits "can't" into "ca" + "n't", which once ranked as a collocation."""
    text = ("They can't stop. We can't stop. You can't stop. They won't go. We won't go. "
            "Korea's missile test. Korea's missile test. Korea's missile test.")
    pairs = set(collocations(text, measure="pmi", min_freq=2, top_n=None)["collocation"])
    assert pairs == {"missile test"}
    assert not_collocate(default_stopwords())("can't") and not_collocate(frozenset())("n't")


def test_pmi_ties_are_broken_by_frequency():
    """PMI depends on f(xy) / (f(x) f(y)) only: "budget reform" (2 / (2 x 4)) and "zinc mine"
    (4 / (4 x 4)) tie, and the better attested pair comes first, whatever the alphabet says."""
    text = " ".join(["Budget reform passed."] * 2 + ["Reform stalled."] * 2
                    + ["Zinc mine opened."] * 4)
    pmi = collocations(text, measure="pmi", min_freq=2, top_n=None)
    assert pmi["score"].round(9).nunique() == 1  # every pair has the same PMI here
    assert pmi["freq"].tolist() == [4, 4, 2, 2, 2]
    assert pmi["collocation"].tolist()[:2] == ["mine opened", "zinc mine"]
