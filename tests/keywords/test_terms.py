"""Terms of a document and their frequencies (text-based; the counts-based twin is checked in
tests/tables/test_keywords.py)."""
from __future__ import annotations

import pytest

from analysis.keywords.count_rows import count_frame, per_document, term_unit, text_unit
from analysis.keywords.lexicon import default_stopwords
from analysis.keywords.terms import document_terms, frequencies_from_counts, term_frequencies
from analysis.text import Document


def test_reporting_verb_is_not_a_term_but_custom_list_keeps_it(s_sanctions):
    default = set(term_frequencies(s_sanctions)["term"])
    assert "said" not in default and "officials" in default and "sanctions" in default
    custom = set(term_frequencies(s_sanctions, stopwords={"the"})["term"])
    assert "said" in custom and "the" not in custom


def test_token_lemma_and_ngram_frequencies(seed_body):
    tokens = term_frequencies(seed_body).set_index("term")["count"]
    assert tokens["sanctions"] == 3 and tokens["nuclear"] == 5
    lemmas = term_frequencies(seed_body, unit="lemma").set_index("term")["count"]
    assert lemmas["sanction"] == 3 and "sanctions" not in lemmas.index
    assert lemmas["test"] >= 1 and lemmas["impose"] == 2  # "imposing", "impose"
    bigrams = term_frequencies(seed_body, ngram=2).set_index("term")["count"]
    assert bigrams["north korea"] >= 9
    assert not any(t.startswith(("the ", "of ")) for t in bigrams.index)
    assert not any("'" in t for t in bigrams.index) and "'s" not in tokens.index


def test_frequencies_are_sorted_and_count_documents(s_sanctions, s_entities):
    frame = term_frequencies([s_sanctions, s_entities])
    assert list(frame.columns) == ["term", "count", "documents"]
    row = frame.set_index("term").loc["sanctions"]
    assert (row["count"], row["documents"]) == (2, 2)
    assert frame["count"].is_monotonic_decreasing


def test_frequencies_of_units_the_stage_does_not_count(s_sanctions, s_tests):
    trigrams = term_frequencies([s_sanctions, s_tests], ngram=3)
    assert "north korea to" not in set(trigrams["term"])  # ends with a stopword
    assert "intercontinental ballistic missile" in set(trigrams["term"])
    assert text_unit("lemma", 2) == "lemma_2" and text_unit("token", 2) == "bigram"
    with pytest.raises(ValueError, match="unit, ngram"):
        term_unit("lemma", 2)


def test_document_terms_read_a_document_or_a_text(s_sanctions):
    stop = default_stopwords()
    assert document_terms(Document(s_sanctions), "lemma", 1, stop) \
        == document_terms(s_sanctions, "lemma", 1, stop)
    with pytest.raises(ValueError, match="unit"):
        document_terms(s_sanctions, "stem", 1, stop)


def test_count_frame_and_per_document_rows():
    counts = count_frame([[("token", {"korea": 2, "north": 1})], [], [("token", {"korea": 1})]])
    assert counts.columns.tolist() == ["doc", "unit", "term", "count"]
    assert counts.attrs["documents"] == 3 and counts["doc"].tolist() == [0, 0, 2]
    assert per_document(counts, 3, ("term", "count")) == [[("korea", 2), ("north", 1)], [],
                                                           [("korea", 1)]]
    frequencies = frequencies_from_counts(counts)
    assert frequencies.values.tolist() == [["korea", 3, 2], ["north", 1, 1]]
    single = count_frame([[("count", {"the": 3})]], doc_column=False)
    assert single.columns.tolist() == ["unit", "term", "count"]


def test_clitics_and_negated_stems_are_not_terms():
    """Treebank splits "can't" into "ca" + "n't": neither is a term, and no bigram spans them."""
    text = "Officials can't agree. Negotiators won't return. Voters don't care."
    tokens = set(term_frequencies(text)["term"])
    assert tokens == {"officials", "agree", "negotiators", "return", "voters", "care"}
    assert set(term_frequencies(text, ngram=2)["term"]) == set()


def test_an_acronym_is_not_the_stopword_it_spells():
    frame = term_frequencies("The US told us that the US would act.")
    assert frame.set_index("term").loc["US", "count"] == 2 and "us" not in set(frame["term"])
