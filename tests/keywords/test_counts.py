"""The per-article keyword stages: keyword_counts and key_term_candidates of a Document."""
from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis.keywords.candidates import CANDIDATE_COLUMNS
from analysis.keywords.counts import article_parts, key_term_candidates, keyword_counts
from analysis.keywords.reference import count_tokens
from analysis.text import Document


@pytest.fixture(scope="module")
def seed_article(seed_raw):
    return analysis.clean_text(seed_raw)


def test_stage_tables_hold_the_new_inputs(seed_article):
    counts = keyword_counts(Document(seed_article.text))
    by_unit = {unit: dict(zip(g["term"], g["count"])) for unit, g in counts.groupby("unit")}
    assert set(by_unit) == {"count", "token", "lemma", "bigram", "collocation_word",
                            "collocation_pair"}
    assert by_unit["bigram"]["north korea"] >= 9
    assert by_unit["collocation_pair"]["north korea"] >= 9
    assert by_unit["collocation_word"]["the"] > 10 and by_unit["collocation_word"][","] > 5
    assert not any(term.startswith("the ") for term in by_unit["collocation_pair"])
    assert by_unit["count"]["the"] > 10  # every word form, for keyness
    candidates = key_term_candidates(seed_article.headline, Document(seed_article.text))
    assert list(candidates.columns) == list(CANDIDATE_COLUMNS)
    assert candidates.dtypes.astype(str).tolist() == ["object", "object", "object", "int64",
                                                      "float64", "bool", "int64"]
    rows = candidates.set_index(["kind", "key"])
    assert rows.loc[("phrase", "north korea"), "display"] == "North Korea"
    assert rows.loc[("word", "sanction"), "count"] == 3
    headline_forms = set(candidates.loc[candidates["kind"] == "headline_form", "key"])
    assert headline_forms == set(count_tokens(seed_article.headline))


def test_stages_take_a_document_or_a_text(seed_article):
    document = Document(seed_article.text)
    assert_frame_equal(keyword_counts(document), keyword_counts(seed_article.text))
    assert_frame_equal(key_term_candidates(seed_article.headline, document),
                       key_term_candidates(seed_article.headline, seed_article.text))


@pytest.mark.parametrize("headline, body", [
    ("China and the U.S. meet in Washington", "U.S. officials said sanctions on North Korea."),
    ("", "North Korea tested a missile. Sanctions followed."),
    ("Sanctions on North Korea", ""),
    ("Sanctions on North Korea ", "North Korea tested a missile."),       # joined by spaces
    ("Sanctions on North Korea", "  Indented first line of the body.\nNext line."),
    ("Two lines\nof headline", "“Quoted” opening. North Korea tested."),
])
def test_headline_and_body_give_the_candidates_of_the_joined_text(headline, body):
    """The body's own tagged sentences stand for it in headline + "\\n\\n" + body: same
    sentences, tags and offsets into their own text as the joined text gives."""
    joined = Document(f"{headline}\n\n{body}")
    parts = article_parts(headline, Document(body))
    shifted = [[(t.text, t.norm, t.pos, text[t.start:t.end]) for t in sentence]
               for text, sentences in parts for sentence in sentences]
    expected = [[(t.text, t.norm, t.pos, joined.text[t.start:t.end]) for t in sentence]
                for sentence in joined.sentences]
    assert shifted == expected
    frame = key_term_candidates(headline, Document(body))
    assert frame[frame["kind"] != "headline_form"].shape[0] > 0
