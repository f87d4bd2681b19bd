"""Key terms: candidates, scores and the selection of each text's top terms."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import analysis
from analysis.keywords.candidates import candidate_rows, document_parts
from analysis.keywords.lexicon import Stemmer, default_stopwords, term_key
from analysis.keywords.scoring import (
    KEYWORD_OPTIONS,
    _select,
    extract_keywords,
    mean_word_length,
    yield_to_phrases,
)
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
    """The seed's strongest key terms: single words and noun phrases on one list."""
    top = extract_keywords([seed_body], top_n=10)["keyword"].tolist()
    # "sanctions" is 11th: "inaugural high-level security meeting" (cut before "Wednesday")
    # is now a candidate and takes a place
    assert {"nuclear", "China", "United States"} <= set(top)
    assert "sanctions" in extract_keywords([seed_body], top_n=12)["keyword"].tolist()
    assert any("North Korea" in k for k in top)
    assert "said" not in top and "Korea" not in top  # covered by a phrase with "North Korea"
    assert 2 <= sum(" " in k for k in top) <= 6  # phrases and words, neither crowding out


def test_phrases_and_words_share_one_scale(seed_body):
    """Each kind is divided by its best score, phrases weigh phrase_weight: the best word
    scores 1, the best phrase 0.8; with a low weight phrases give way to words."""
    frame = extract_keywords([seed_body], top_n=30)
    kinds = frame["keyword"].str.contains(" ")
    assert frame[~kinds]["score"].max() == pytest.approx(1.0)
    assert frame[kinds]["score"].max() == pytest.approx(KEYWORD_OPTIONS["phrase_weight"])
    few = extract_keywords([seed_body], top_n=10, phrase_weight=0.05)["keyword"]
    assert few.str.contains(" ").sum() < kinds.head(10).sum()
    assert extract_keywords([seed_body], top_n=10, max_phrases=1)["keyword"] \
        .str.contains(" ").sum() == 1


def test_a_phrase_inside_or_around_a_chosen_phrase_is_redundant():
    scored = [(1.0, "phrase", "michael bubl", "Michael Buble"),
              (0.9, "phrase", "pop star michael bubl", "pop star Michael Buble"),
              (0.85, "word", "michael", "Michael"),  # a word of a chosen phrase
              (0.8, "word", "bubl", "Buble"),
              (0.7, "phrase", "luisana lopilato", "Luisana Lopilato"),
              (0.65, "phrase", "actress luisana lopilato", "actress Luisana Lopilato"),
              (0.6, "word", "star", "star")]
    assert [k for k, _ in _select(scored, 10, None)] == [
        "Michael Buble", "Luisana Lopilato", "star"]
    assert [k for k, _ in _select(scored, 10, 1)] == ["Michael Buble", "star"]
    assert [k for k, _ in _select(scored, 2, None)] == ["Michael Buble", "Luisana Lopilato"]


def test_noun_phrases_follow_the_pos_pattern():
    text = ("Intercontinental ballistic missile tests worried officials. The intercontinental "
            "ballistic missile tests continued. Officials discussed the intercontinental ballistic "
            "missile tests again.")
    top = extract_keywords([text], top_n=10, phrase_share=None)["keyword"].tolist()
    phrases = [k for k in top if " " in k]
    # the tagger reads the first "Intercontinental" as NNP, which a JJ cannot follow
    assert phrases and phrases[0].lower() == "ballistic missile tests"
    assert "missile" not in top and "tests" not in top  # words of the chosen phrase
    # by default the words yield to the phrase the text repeats whole (twice, lower-case)
    top = extract_keywords([text], top_n=10)["keyword"].tolist()
    assert top[0] == "intercontinental ballistic missile tests"


def test_a_phrase_is_placed_at_its_first_word():
    rows = candidate_rows(document_parts(Document(
        "Officials worried. Intercontinental ballistic missile tests continued.")),
        default_stopwords(), 4, Stemmer())
    first = {key: position for kind, key, _, _, position, _, _ in rows}
    assert first["ballist missil test"] == pytest.approx(first["ballist"])
    assert first["ballist missil test"] < first["missil"]


def test_weekday_and_month_names_end_a_phrase_but_stay_words():
    """A dateline word dates the story, it is not part of its topic: "Buenos Aires Thursday"
    and "Thursday March" are no phrases, "Buenos Aires" is, and "Thursday" is still a word."""
    rows = candidate_rows(document_parts(Document(
        "The couple married in Buenos Aires Thursday March 31 after a civil ceremony.")),
        default_stopwords(), 4, Stemmer())
    phrases = {key for kind, key, *_ in rows if kind == "phrase"}
    words = {key for kind, key, *_ in rows if kind == "word"}
    assert term_key("Buenos Aires") in phrases
    assert not any(term_key("Thursday") in key.split() or term_key("March") in key.split()
                   for key in phrases)
    assert term_key("Thursday") in words
    assert term_key("civil ceremony") in phrases


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
    """A word's score has the factor letters^1.5: without it, "sanctions" (9 letters) loses
    (9 / 4)^1.5 = 3.375 times more against "push" (4 letters) than with it."""
    with_length = extract_keywords([s_sanctions], top_n=20).set_index("keyword")["score"]
    without = extract_keywords([s_sanctions], top_n=20, length_power=0.0) \
        .set_index("keyword")["score"]
    ratio = (with_length["sanctions"] / with_length["push"]) / (without["sanctions"]
                                                               / without["push"])
    assert ratio == pytest.approx((9 / 4) ** 1.5, rel=1e-4)
    assert (with_length["sanctions"] / with_length["officials"]) == pytest.approx(
        without["sanctions"] / without["officials"], rel=1e-4)  # both 9 letters


def test_several_reference_corpora_add_their_document_frequencies(s_sanctions, s_tests):
    both = extract_keywords([s_sanctions, s_tests], top_n=5, reference=("brown_news", "brown"))
    assert both["doc"].tolist() == [0] * 5 + [1] * 5
    assert not both.equals(extract_keywords([s_sanctions, s_tests], top_n=5))
    assert KEYWORD_OPTIONS["reference"] == ("brown_news", "reuters")
    # one corpus may be named alone
    assert extract_keywords([s_sanctions], reference="brown_news").equals(
        extract_keywords([s_sanctions], reference=("brown_news",)))


def test_candidate_rows_of_one_document(s_tests):
    rows = candidate_rows(document_parts(Document(s_tests)), default_stopwords(), 4, Stemmer())
    by_key = {(kind, key): (display, count, in_title) for kind, key, display, count, _, in_title, _
              in rows}
    assert by_key[("word", "nuclear")] == ("nuclear", 1, True)  # one sentence: the title
    assert ("phrase", "north korea") in by_key
    assert all(0.0 <= row[4] < 1.0 for row in rows)


BIRD_FLU = ("Health officials confirmed a second case of bird flu on a poultry farm near the coast "
            "on Monday. The bird flu outbreak forced the farm to cull 40,000 chickens. Farmers "
            "said bird flu had not reached the region before, and the agency warned that bird "
            "flu spreads quickly among flocks. Neighbouring farms were tested for the flu, and "
            "the bird flu vaccine was offered to workers.")


def test_a_word_used_as_part_of_one_phrase_yields_to_it():
    """"bird" (5 mentions) and "flu" (6) are used 3 times as "bird flu": with phrase_share 0.5
    (the default) the phrase is the unit and takes the words' place; "farm" (once in "poultry
    farm") stays a word; with phrase_share 1.0 the phrase would need every mention."""
    def top(**options):
        return extract_keywords([BIRD_FLU], top_n=8, **options)["keyword"].tolist()

    assert KEYWORD_OPTIONS["phrase_share"] == 0.5
    assert {"bird", "flu", "bird flu"} <= set(top(phrase_share=None))
    shared = extract_keywords([BIRD_FLU], top_n=8)
    assert shared["keyword"].iloc[0] == "bird flu" and shared["score"].iloc[0] == 1.0
    assert not {"bird", "flu"} & set(shared["keyword"]) and "farm" in set(shared["keyword"])
    assert top(phrase_share=1.0) == top(phrase_share=None)


def test_yield_to_phrases_by_hand():
    scored = [(1.0, "word", "spill", "spill"), (0.9, "word", "oil", "oil"),
              (0.5, "phrase", "oil spill", "oil spill"), (0.4, "phrase", "fuel spill", "fuel spill"),
              (0.3, "word", "fuel", "fuel"), (0.2, "phrase", "spill site", "spill site")]
    words = {"spill": 7, "oil": 12, "fuel": 2}
    phrases = {"oil spill": 6, "fuel spill": 1, "spill site": 1}
    rows = sorted(yield_to_phrases(scored, words, phrases, 0.5), reverse=True)
    # "spill": 6 of 7 mentions in "oil spill"; "oil": 6 of 12 (exactly half); "fuel": its
    # phrase occurs once, so it stays a word
    assert rows == [(1.0, "phrase", "oil spill", "oil spill"),
                    (0.4, "phrase", "fuel spill", "fuel spill"), (0.3, "word", "fuel", "fuel"),
                    (0.2, "phrase", "spill site", "spill site")]
    kept = yield_to_phrases(scored, words, phrases, 0.6)  # "oil" holds only half
    assert (0.9, "word", "oil", "oil") in kept and (1.0, "phrase", "oil spill", "oil spill") in kept
    with pytest.raises(ValueError, match="phrase_share"):
        yield_to_phrases(scored, words, phrases, 0.0)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["b", "c", "e"]),
                          st.integers(1, 5), st.floats(0.01, 1.0)), max_size=6),
       st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), st.integers(1, 9)),
       st.floats(0.05, 1.0))
def test_yielding_keeps_every_phrase_and_never_lowers_a_score(phrase_specs, word_counts, share):
    """Words only leave (each for a phrase that then scores at least as high); phrases all stay
    and never lose score."""
    phrases = {f"{a} {b}": (n, score) for a, b, n, score in phrase_specs if a != b}
    scored = ([(0.5, "word", key, key) for key in word_counts]
              + [(score, "phrase", key, key) for key, (_, score) in phrases.items()])
    out = {(kind, key): score for score, kind, key, _ in
           yield_to_phrases(scored, word_counts, {k: n for k, (n, _) in phrases.items()}, share)}
    for score, kind, key, _ in scored:
        if kind == "phrase":
            assert out[(kind, key)] >= score
        elif (kind, key) not in out:
            assert any(key in phrase.split() and out[("phrase", phrase)] >= score
                       for phrase in phrases)


def test_units_choose_words_phrases_or_both():
    both = extract_keywords([BIRD_FLU], top_n=8)
    words = extract_keywords([BIRD_FLU], top_n=8, units="words")
    phrases = extract_keywords([BIRD_FLU], top_n=8, units="phrases")
    assert KEYWORD_OPTIONS["units"] == "both"
    assert any(" " in k for k in both["keyword"]) and any(" " not in k for k in both["keyword"])
    assert words["keyword"].str.contains(" ").sum() == 0 and {"bird", "flu"} <= set(words["keyword"])
    assert phrases["keyword"].str.contains(" ").all() and phrases["keyword"].iloc[0] == "bird flu"
    # each kind keeps its own best at 1.0
    assert words["score"].iloc[0] == 1.0 and phrases["score"].iloc[0] == 1.0
    with pytest.raises(ValueError, match="units"):
        extract_keywords([BIRD_FLU], units="sentences")
