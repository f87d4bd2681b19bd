"""Keyword analyses: stopwords, frequencies, TF-IDF, keyness, collocations, concordance, key terms.

Examples are sentences of the seed article (seeds/000_afb6e35f5f233bea.txt). Reference counts use
Brown "news" (44 files, read in well under a second); Reuters is only timed by a command. The
tables computed from the cached per-article inputs are checked against the text-based functions
on the seed and on 30 Reuters texts.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import analysis
from analysis import corpus
from analysis import keyness as keyness_module
from analysis import keywords as keywords_module
from analysis.bench import reuters_texts
from analysis.keyness import (
    chi2_sf_1df,
    count_table,
    count_tokens,
    keyness,
    log_likelihood,
    log_ratio,
    reference_table,
)
from analysis.keywords import (
    CANDIDATE_COLUMNS,
    _mean_word_length,
    collocations,
    collocations_from_counts,
    concordance,
    default_stopwords,
    extract_keywords,
    frequencies_from_counts,
    key_term_candidates,
    keyword_inputs,
    keywords_from_candidates,
    lemmatize,
    news_stopwords,
    term_frequencies,
    term_key,
    tfidf,
    tfidf_from_counts,
    word_form_counts,
)
from analysis.paths import RULES_DIR, SEEDS_DIR

S_SANCTIONS = ("The United States is expected to push China to tighten sanctions on North Korea, "
               "U.S. officials said, believing that Beijing has not fully exerted its influence "
               "over North Korea to change its provocative behavior.")
S_ENTITIES = ("Specifically, Washington and Beijing will discuss imposing sanctions on China-based "
              "entities with links to North Korea’s missile and nuclear weapons development, U.S. "
              "Secretary of State Rex Tillerson said at a congressional hearing last week.")
S_TESTS = ("North Korea has conducted five nuclear tests and appears to have made progress in "
           "developing a nuclear-tipped intercontinental ballistic missile that could strike as "
           "far as the U.S. mainland.")


@pytest.fixture(scope="module")
def seed_body(seed_raw) -> str:
    return analysis.clean_text(seed_raw).text


# --------------------------------------------------------------------------- stopwords rules

def test_news_stopwords_file_is_lower_case_single_words():
    lines = [line.split("#", 1)[0].strip()
             for line in (RULES_DIR / "keyword_news_stopwords.txt").read_text().splitlines()]
    items = [line for line in lines if line]
    assert items and all(item == item.lower() and " " not in item for item in items)
    assert len(items) == len(set(items))


def test_default_stopwords_are_nltk_plus_news_words():
    stop = default_stopwords()
    assert {"the", "of", "has"} <= stop  # NLTK
    assert {"said", "according", "mr"} <= stop and "said" in news_stopwords()
    assert "sanctions" not in stop and "nuclear" not in stop


def test_reporting_verb_is_not_a_term_but_custom_list_keeps_it():
    default = set(term_frequencies(S_SANCTIONS)["term"])
    assert "said" not in default and "officials" in default and "sanctions" in default
    custom = set(term_frequencies(S_SANCTIONS, stopwords={"the"})["term"])
    assert "said" in custom and "the" not in custom


# --------------------------------------------------------------------------- tokens and lemmas

def test_count_tokens_keeps_initials_and_drops_possessive():
    assert count_tokens("North Korea’s U.S.-China talks") == ["north", "korea", "u.s.", "china", "talks"]
    assert count_tokens("It's 5 p.m. in Seoul.") == ["it", "5", "p.m.", "in", "seoul"]


@pytest.mark.parametrize("word,pos,lemma", [
    ("sanctions", "NNS", "sanction"),
    ("imposing", "VBG", "impose"),
    ("tests", "NNS", "test"),
    ("Beijing", "NNP", "beijing"),
    ("better", "JJR", "good"),
])
def test_wordnet_lemmas(word, pos, lemma):
    assert lemmatize(word, pos) == lemma


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


def test_frequencies_are_sorted_and_count_documents():
    frame = term_frequencies([S_SANCTIONS, S_ENTITIES])
    assert list(frame.columns) == ["term", "count", "documents"]
    row = frame.set_index("term").loc["sanctions"]
    assert (row["count"], row["documents"]) == (2, 2)
    assert frame["count"].is_monotonic_decreasing


def test_tfidf_prefers_words_unique_to_an_article():
    frame = tfidf([S_SANCTIONS, S_ENTITIES, S_TESTS])
    first = frame[frame["doc"] == 0].set_index("term")
    assert first.loc["korea", "df"] == 3 and first.loc["behavior", "df"] == 1
    assert first.loc["beijing", "count"] == first.loc["behavior", "count"] == 1
    assert first.loc["behavior", "tfidf"] > first.loc["beijing", "tfidf"]  # df 1 < df 2
    assert set(frame.columns) == {"doc", "term", "count", "tf", "df", "idf", "tfidf"}
    top = tfidf([S_SANCTIONS, S_ENTITIES, S_TESTS], top_n=2)
    assert top.groupby("doc").size().tolist() == [2, 2, 2]


def test_tfidf_with_reference_document_frequencies():
    frame = tfidf([S_SANCTIONS], unit="token", idf_source="brown_news").set_index("term")
    assert frame.loc["change", "df"] > 0 and frame.loc["sanctions", "df"] == 0
    assert frame.loc["sanctions", "idf"] > frame.loc["change", "idf"]


# --------------------------------------------------------------------------- keyness

def test_log_likelihood_matches_hand_calculation():
    # a=10 of c=1000 target tokens, b=5 of d=2000: E1=5, E2=10, G2 = 2(10 ln 2 + 5 ln 0.5)
    assert log_likelihood(10, 5, 1000, 2000) == pytest.approx(2 * (10 * math.log(2) + 5 * math.log(0.5)))
    assert float(log_likelihood(0, 0, 10, 10)) == 0.0
    assert float(log_likelihood(4, 0, 100, 100)) == pytest.approx(2 * 4 * math.log(2))


def test_p_value_of_critical_values():
    assert chi2_sf_1df([3.841459, 6.634897])[0] == pytest.approx(0.05, abs=1e-6)
    assert chi2_sf_1df([3.841459, 6.634897])[1] == pytest.approx(0.01, abs=1e-6)


def test_log_ratio_with_zero_count_correction():
    assert float(log_ratio(10, 5, 1000, 2000)) == pytest.approx(2.0)
    assert float(log_ratio(4, 0, 100, 100)) == pytest.approx(math.log2(4 / 0.5))
    assert float(log_ratio(0, 4, 100, 100)) == pytest.approx(-3.0)


def test_keyness_reports_both_directions_and_filters():
    target = {"sanctions": 30, "the": 50, "nuclear": 20, "rare": 1, "said": 10}
    reference = {"sanctions": 1, "the": 600, "nuclear": 2, "rare": 0, "said": 100, "he": 80}
    frame = keyness(target, reference, min_freq=2)
    rows = frame.set_index("term")
    assert rows.loc["sanctions", "direction"] == "over" and rows.loc["he", "direction"] == "under"
    assert rows.loc["he", "freq_target"] == 0 and rows.loc["he", "log_ratio"] < 0
    assert "rare" not in rows.index  # below min_freq in the corpus it is over-represented in
    assert frame["g2"].is_monotonic_decreasing
    assert set(keyness(target, reference, direction="under")["direction"]) == {"under"}
    significant = keyness(target, reference, min_freq=2, max_p=0.001)
    assert (significant["p_value"] <= 0.001).all() and len(significant) < len(frame)
    assert "said" not in set(keyness(target, reference, stopwords={"said"})["term"])


def test_keyness_against_a_user_corpus_of_texts():
    frame = keyness(S_SANCTIONS + " " + S_ENTITIES, [S_TESTS, "The weather was mild in Seoul."],
                    min_freq=2)
    over = frame[frame["direction"] == "over"]["term"].tolist()
    assert "sanctions" in over and "beijing" in over and "tests" not in over
    assert (frame[frame["direction"] == "over"]["freq_target"] >= 2).all()


def test_seed_article_keyness_against_brown_news(seed_body):
    frame = keyness(seed_body, "brown_news", min_freq=2, stopwords=default_stopwords())
    top = frame[frame["direction"] == "over"].head(12)["term"].tolist()
    assert {"korea", "north", "nuclear", "sanctions"} <= set(top)
    assert (frame.head(12)["p_value"] < 0.001).all()


def test_reference_table_is_cached_in_memory_and_as_parquet(tmp_path, monkeypatch):
    first = reference_table("brown_news")
    assert reference_table("brown_news") is first
    assert first.attrs["documents"] == 44 and first.attrs["tokens"] == int(first["count"].sum())
    monkeypatch.setattr(keyness_module, "CACHE_DIR", tmp_path)
    reference_table.cache_clear()
    try:
        built = reference_table("brown_news")
        files = list(tmp_path.glob("brown_news-*.parquet"))
        assert len(files) == 1 and not list(tmp_path.glob("*.pkl"))
        reference_table.cache_clear()
        read = reference_table("brown_news")
        pd.testing.assert_frame_equal(read, built, check_index_type=False)
        assert read.attrs == built.attrs
    finally:
        reference_table.cache_clear()


def test_count_table_counts_documents():
    table = count_table(["North Korea and North Korea", "South Korea"])
    assert table.loc["korea", "count"] == 3 and table.loc["korea", "doc_count"] == 2
    assert table.attrs == {"tokens": 7, "documents": 2}


# --------------------------------------------------------------------------- collocations

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


# --------------------------------------------------------------------------- concordance

def test_concordance_of_sanctions_in_the_seed(seed_body):
    frame = concordance(seed_body, "sanctions", width=30, article_ids=["seed"])
    assert list(frame.columns) == ["doc", "article_id", "left", "keyword", "right", "start", "end"]
    assert len(frame) == 3 and set(frame["article_id"]) == {"seed"}
    assert frame.iloc[0]["left"].endswith("China to tighten ")
    assert frame.iloc[0]["right"].startswith(" on North Korea")
    assert all(seed_body[s:e] == "sanctions" for s, e in zip(frame["start"], frame["end"]))


def test_concordance_matches_whole_tokens_and_phrases():
    text = "Sanctions on North Korea; sanctioned firms. North  Korea’s nuclear tests."
    assert concordance(text, "sanction").empty
    phrase = concordance([text, S_TESTS], "north korea")
    assert phrase["doc"].tolist() == [0, 0, 1]
    assert phrase["keyword"].tolist()[1] == "North  Korea"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["sanctions", "Sanctions", "on", "North", "Korea", ",", "’s",
                                 "nuclear", "\n\n", "tests."]), max_size=25))
def test_concordance_offsets_are_exact(words):
    text = " ".join(words)
    for keyword in ("sanctions", "north korea"):
        frame = concordance(text, keyword, width=10)
        for _, row in frame.iterrows():
            assert text[row["start"]:row["end"]] == row["keyword"]
            assert row["keyword"].lower().split() == keyword.split()
            assert "\n" not in row["left"] + row["right"]


# --------------------------------------------------------------------------- key terms

def test_term_key_merges_variants():
    assert term_key("Sanctions") == term_key("sanction")
    assert term_key("North Korea") == "north korea"


def test_extract_keywords_columns_and_ranks():
    frame = extract_keywords([S_SANCTIONS + " " + S_ENTITIES, "", S_TESTS], top_n=5)
    assert list(frame.columns) == ["doc", "rank", "keyword", "score"]
    assert set(frame["doc"]) == {0, 2}  # an empty text has no key terms
    for _, group in frame.groupby("doc"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        assert len(group) <= 5 and group["score"].is_monotonic_decreasing
        assert len({term_key(k) for k in group["keyword"]}) == len(group)
    assert extract_keywords([S_TESTS], top_n=5).equals(extract_keywords([S_TESTS], top_n=5))
    assert extract_keywords(pd.Series([None, S_TESTS]), top_n=3)["doc"].tolist() == [1, 1, 1]


def test_extract_keywords_is_the_public_api():
    assert analysis.extract_keywords is extract_keywords
    with pytest.raises(TypeError):
        extract_keywords([S_TESTS], no_such_option=1)


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
    assert _mean_word_length(phrase) == pytest.approx(length)


def test_longer_words_score_higher_by_length_power():
    """Score = tf^1.5 x IDF^0.75 x length^1.5: switching the length factor off divides each
    single word's score by its letters^1.5 (9^1.5 = 27 for "sanctions")."""
    with_length = extract_keywords([S_SANCTIONS], top_n=20).set_index("keyword")["score"]
    without = extract_keywords([S_SANCTIONS], top_n=20, length_power=0.0) \
        .set_index("keyword")["score"]
    assert with_length["sanctions"] / without["sanctions"] == pytest.approx(27.0, rel=1e-4)
    assert with_length["officials"] / without["officials"] == pytest.approx(27.0, rel=1e-4)
    assert with_length["push"] / without["push"] == pytest.approx(8.0, rel=1e-4)


# --------------------------------------------------------------------------- from cached tables

@pytest.fixture(scope="module")
def reuters_articles() -> pd.DataFrame:
    """30 Reuters texts plus a repeat of the first (duplicates are analysed at each position)."""
    texts = reuters_texts(30)
    return analysis.load_articles(pd.DataFrame({"text": texts + texts[:1]}), progress=False)


@pytest.fixture(scope="module")
def seed_articles() -> pd.DataFrame:
    return analysis.load_articles(SEEDS_DIR / "000_afb6e35f5f233bea.txt", progress=False)


def _fail(*args):
    raise AssertionError("the stage ran again instead of reading the cache")


def _cached_inputs(articles: pd.DataFrame, cache, monkeypatch) -> dict[str, pd.DataFrame]:
    """keyword_inputs twice: computed, then read back with the stage functions disabled."""
    first = keyword_inputs(articles, cache=cache)
    with monkeypatch.context() as patch:
        patch.setattr(corpus, "keyword_counts", _fail)
        patch.setattr(keywords_module, "key_term_candidates", _fail)
        second = keyword_inputs(articles, cache=cache)
    for name in ("keywords", "key_terms"):
        assert_frame_equal(second[name], first[name])
        assert second[name].attrs["documents"] == len(articles)
    return second


@pytest.mark.parametrize("which", ["seed_articles", "reuters_articles"])
def test_tables_from_cached_inputs_equal_the_text_based_ones(which, request, tmp_path,
                                                             monkeypatch):
    articles = request.getfixturevalue(which)
    inputs = _cached_inputs(articles, tmp_path, monkeypatch)
    counts, candidates = inputs["keywords"], inputs["key_terms"]
    assert counts["doc"].max() == len(articles) - 1
    texts = articles["text"].tolist()
    documents = (articles["headline"].fillna("") + "\n\n" + articles["text"]).tolist()

    for unit, ngram in (("token", 1), ("lemma", 1), ("token", 2)):
        assert_frame_equal(frequencies_from_counts(counts, unit=unit, ngram=ngram),
                           term_frequencies(texts, unit=unit, ngram=ngram))
    assert_frame_equal(frequencies_from_counts(counts, min_count=2),
                       term_frequencies(texts, min_count=2))
    idf_sources = ("corpus", "brown_news") if len(texts) > 1 else ("brown_news",)
    for idf_source in idf_sources:
        assert_frame_equal(tfidf_from_counts(counts, unit="token", idf_source=idf_source, top_n=10),
                           tfidf(texts, unit="token", idf_source=idf_source, top_n=10))
    assert_frame_equal(tfidf_from_counts(counts), tfidf(texts))  # lemmas, every term
    assert_frame_equal(keyness(word_form_counts(counts), "brown_news", min_freq=3),
                       keyness(texts, "brown_news", min_freq=3))
    for measure in ("likelihood_ratio", "pmi"):
        assert_frame_equal(collocations_from_counts(counts, measure=measure, min_freq=2, top_n=None),
                           collocations(texts, measure=measure, min_freq=2, top_n=None))
    extra = {"sanctions", "north"}  # further stopwords on top of the cached defaults
    assert_frame_equal(collocations_from_counts(counts, min_freq=1, stopwords=extra),
                       collocations(texts, min_freq=1, stopwords=default_stopwords() | extra))
    assert_frame_equal(keywords_from_candidates(candidates, counts, top_n=15),
                       extract_keywords(documents, top_n=15))
    assert_frame_equal(keywords_from_candidates(candidates, counts, top_n=5, use_corpus_df=False),
                       extract_keywords(documents, top_n=5, use_corpus_df=False))


def test_duplicate_articles_are_repeated_at_their_positions(reuters_articles, tmp_path,
                                                            monkeypatch):
    inputs = _cached_inputs(reuters_articles, tmp_path, monkeypatch)
    counts = inputs["keywords"]
    first, repeat = (counts[counts["doc"] == doc].drop(columns="doc").reset_index(drop=True)
                     for doc in (0, len(reuters_articles) - 1))
    assert len(first) > 0
    assert_frame_equal(repeat, first)
    scores = tfidf_from_counts(counts, unit="token", top_n=3)
    assert scores["doc"].nunique() == len(reuters_articles)


def test_corpus_counts_of_two_halves_sum_to_the_whole_and_give_the_same_tables(reuters_articles):
    articles = reuters_articles.drop_duplicates("article_id").reset_index(drop=True)
    table = corpus.annotate_frame(articles, ["keywords"], cache=False)["keywords"]
    half = len(articles) // 2
    ids = articles["article_id"].tolist()
    parts = [corpus.partial_counts("keywords", table[table["article_id"].isin(chunk)])
             for chunk in (ids[:half], ids[half:])]
    merged = corpus.merge_counts("keywords", parts)
    assert_frame_equal(merged, corpus.merge_counts("keywords", [corpus.partial_counts("keywords",
                                                                                      table)]))
    assert {"bigram", "collocation_word", "collocation_pair"} <= set(merged["unit"])
    texts = articles["text"].tolist()
    # corpus tables straight from the summed counts (what a Dask run returns)
    for unit, ngram in (("lemma", 1), ("token", 2)):
        assert_frame_equal(frequencies_from_counts(merged, unit=unit, ngram=ngram),
                           term_frequencies(texts, unit=unit, ngram=ngram))
    assert_frame_equal(collocations_from_counts(merged, min_freq=2, top_n=None),
                       collocations(texts, min_freq=2, top_n=None))
    assert_frame_equal(keyness(word_form_counts(merged), "brown_news", min_freq=3),
                       keyness(texts, "brown_news", min_freq=3))


def test_collocations_equal_nltk_finder_built_from_the_sentences(reuters_articles):
    """Building the finder from summed word and pair counts gives exactly what NLTK's
    from_documents gives on the sentences (the implementation before the counts existed)."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    from analysis.keyness import is_word
    from analysis.segment import sentence_spans, token_spans

    texts = reuters_articles["text"].tolist()
    sentences = [[t.norm.lower() for t in token_spans(text, s, e)]
                 for text in texts for s, e in sentence_spans(text)]
    finder = BigramCollocationFinder.from_documents(sentences)
    stop = default_stopwords()
    finder.apply_word_filter(lambda w: w in stop or not is_word(w) or not w[0].isalnum())
    finder.apply_freq_filter(2)
    for measure in ("likelihood_ratio", "pmi"):
        expected = finder.score_ngrams(getattr(BigramAssocMeasures, measure))
        frame = collocations(texts, measure=measure, min_freq=2, top_n=None)
        assert len(frame) == len(expected) > 20
        assert dict(zip(zip(frame["w1"], frame["w2"]), frame["score"])) == dict(expected)
        assert frame["freq"].tolist() == [finder.ngram_fd[pair]
                                          for pair in zip(frame["w1"], frame["w2"])]


def test_stage_tables_hold_the_new_inputs(seed_articles):
    article = seed_articles.iloc[0]
    counts = corpus.keyword_counts(article.text)
    by_unit = {unit: dict(zip(g["term"], g["count"])) for unit, g in counts.groupby("unit")}
    assert set(by_unit) == {"count", "token", "lemma", "bigram", "collocation_word",
                            "collocation_pair"}
    assert by_unit["bigram"]["north korea"] >= 9
    assert by_unit["collocation_pair"]["north korea"] >= 9
    assert by_unit["collocation_word"]["the"] > 10 and by_unit["collocation_word"][","] > 5
    assert not any(term.startswith("the ") for term in by_unit["collocation_pair"])
    candidates = key_term_candidates(article.headline, article.text)
    assert list(candidates.columns) == list(CANDIDATE_COLUMNS)
    assert candidates.dtypes.astype(str).tolist() == ["object", "object", "object", "int64",
                                                      "float64", "bool", "int64"]
    rows = candidates.set_index(["kind", "key"])
    assert rows.loc[("phrase", "north korea"), "display"] == "North Korea"
    assert rows.loc[("word", "sanction"), "count"] == 3
    headline_forms = set(candidates.loc[candidates["kind"] == "headline_form", "key"])
    assert headline_forms == set(count_tokens(article.headline))
    assert corpus.STAGES["key_terms"].fields == ("headline", "text")


def test_count_based_functions_reject_what_the_cache_cannot_answer(seed_articles):
    inputs = keyword_inputs(seed_articles, cache=False)
    counts, candidates = inputs["keywords"], inputs["key_terms"]
    with pytest.raises(ValueError, match="unit, ngram"):
        frequencies_from_counts(counts, unit="lemma", ngram=2)
    with pytest.raises(ValueError, match="max_words"):
        keywords_from_candidates(candidates, counts, max_words=3)
    with pytest.raises(ValueError, match="doc column"):
        tfidf_from_counts(counts.drop(columns="doc"))
    with pytest.raises(ValueError, match="unit, term, count"):
        frequencies_from_counts(candidates)
    with pytest.raises(TypeError):
        keywords_from_candidates(candidates, counts, no_such_option=1)
