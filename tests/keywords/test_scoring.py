"""Key terms: candidates, scores and the selection of each text's top terms."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.keywords.candidates import candidate_rows, document_parts
from analysis.keywords.lexicon import Stemmer, default_stopwords, term_key
from analysis.keywords.scoring import KEYWORD_OPTIONS, extract_keywords, mean_word_length
from analysis.text import Document


def test_extract_keywords_columns_and_ranks(s_sanctions, s_entities, s_tests):
    frame = extract_keywords([s_sanctions + " " + s_entities, "", s_tests], top_n=5)
    assert list(frame.columns) == ["doc", "rank", "keyword", "score"]
    assert set(frame["doc"]) == {0, 2}  # an empty text has no key terms
    for _, group in frame.groupby("doc"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        assert len(group) <= 5 and group["score"].is_monotonic_decreasing
        assert len({term_key(k) for k in group["keyword"]}) == len(group)
    assert extract_keywords([s_tests], top_n=5).equals(extract_keywords([s_tests], top_n=5))
    assert extract_keywords(pd.Series([None, s_tests]), top_n=3)["doc"].tolist() == [1, 1, 1]


def test_extract_keywords_is_the_public_api(s_tests):
    assert analysis.extract_keywords is extract_keywords
    with pytest.raises(TypeError):
        extract_keywords([s_tests], no_such_option=1)


def test_seed_article_key_terms(seed_body):
    """The issue's acceptance test: the seed's strongest key terms against the reference."""
    top = extract_keywords([seed_body], top_n=10)["keyword"].tolist()
    assert {"sanctions", "North Korea", "nuclear"} <= set(top)
    assert "said" not in top and "Korea" not in top  # covered by "North Korea"


def test_noun_phrases_follow_the_pos_pattern():
    text = ("Intercontinental ballistic missile tests worried officials. The intercontinental "
            "ballistic missile tests continued. Officials discussed the intercontinental ballistic "
            "missile tests again.")
    top = extract_keywords([text], top_n=10)["keyword"].tolist()
    phrases = [k for k in top if " " in k]
    assert phrases and phrases[0].lower() == "intercontinental ballistic missile tests"


@pytest.mark.parametrize("phrase, length", [
    ("radioactivity", 13.0),
    ("North Korea", 5.0),
    ("ground-to-ground", 14 / 3),  # hyphens join short words, not one long one
    ("U.S.", 2.0),
    ("", 0.0),
])
def test_mean_word_length(phrase, length):
    assert mean_word_length(phrase) == pytest.approx(length)


def test_longer_words_score_higher_by_length_power(s_sanctions):
    """Score = tf^1.5 x IDF^0.75 x length^1.5: switching the length factor off divides each
    single word's score by its letters^1.5 (9^1.5 = 27 for "sanctions")."""
    with_length = extract_keywords([s_sanctions], top_n=20).set_index("keyword")["score"]
    without = extract_keywords([s_sanctions], top_n=20, length_power=0.0) \
        .set_index("keyword")["score"]
    assert with_length["sanctions"] / without["sanctions"] == pytest.approx(27.0, rel=1e-4)
    assert with_length["officials"] / without["officials"] == pytest.approx(27.0, rel=1e-4)
    assert with_length["push"] / without["push"] == pytest.approx(8.0, rel=1e-4)


def test_several_reference_corpora_add_their_document_frequencies(s_sanctions, s_tests):
    both = extract_keywords([s_sanctions, s_tests], top_n=5, reference=("brown_news", "brown"))
    assert both["doc"].tolist() == [0] * 5 + [1] * 5
    assert not both.equals(extract_keywords([s_sanctions, s_tests], top_n=5))
    assert KEYWORD_OPTIONS["reference"] == ("brown_news",)


def test_candidate_rows_of_one_document(s_tests):
    rows = candidate_rows(document_parts(Document(s_tests)), default_stopwords(), 4, Stemmer())
    by_key = {(kind, key): (display, count, in_title) for kind, key, display, count, _, in_title, _
              in rows}
    assert by_key[("word", "nuclear")] == ("nuclear", 1, True)  # one sentence: the title
    assert ("phrase", "north korea") in by_key
    assert all(0.0 <= row[4] < 1.0 for row in rows)
