"""Keyword tables from the cached per-article stage rows equal the text-based functions, on the
seed and on 30 Reuters texts (plus a repeat of the first: duplicates are analysed at each
position)."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis.core.paths import SEEDS_DIR
from analysis.keywords import (
    collocations,
    collocations_from_counts,
    default_stopwords,
    extract_keywords,
    frequencies_from_counts,
    keyness,
    keywords_from_candidates,
    term_frequencies,
    tfidf,
    tfidf_from_counts,
)
from analysis.keywords.reference import read_raw_texts
from analysis.pipeline import stages as stage_registry
from analysis.pipeline.annotate import annotate_frame
from analysis.pipeline.counts import merge_counts, partial_counts
from analysis.tables.keywords import (
    KEYWORD_STAGES,
    by_position,
    group_keyness,
    keyword_inputs,
    with_article_ids,
    word_form_counts,
)


@pytest.fixture(scope="module")
def reuters_articles() -> pd.DataFrame:
    texts = read_raw_texts("reuters", limit=30)
    return analysis.load_articles(pd.DataFrame({"text": texts + texts[:1]}), progress=False)


@pytest.fixture(scope="module")
def seed_articles() -> pd.DataFrame:
    return analysis.load_articles(SEEDS_DIR / "000_afb6e35f5f233bea.txt", progress=False)


def _fail(*args):
    raise AssertionError("the stage ran again instead of reading the cache")


def _inputs(articles: pd.DataFrame, cache) -> dict[str, pd.DataFrame]:
    return keyword_inputs(annotate_frame(articles, KEYWORD_STAGES, cache=cache),
                          articles["article_id"])


def _cached_inputs(articles: pd.DataFrame, cache, monkeypatch) -> dict[str, pd.DataFrame]:
    """The inputs twice: computed, then read back with the stage functions disabled."""
    first = _inputs(articles, cache)
    with monkeypatch.context() as patch:
        for name in KEYWORD_STAGES:
            stage = stage_registry.STAGES[name]
            patch.setitem(stage_registry.STAGES, name, dataclasses.replace(stage, function=_fail))
        second = _inputs(articles, cache)
    for name in KEYWORD_STAGES:
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
    table = annotate_frame(articles, ["keywords"], cache=False)["keywords"]
    half = len(articles) // 2
    ids = articles["article_id"].tolist()
    parts = [partial_counts("keywords", table[table["article_id"].isin(chunk)])
             for chunk in (ids[:half], ids[half:])]
    merged = merge_counts("keywords", parts)
    assert_frame_equal(merged, merge_counts("keywords", [partial_counts("keywords", table)]))
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


def test_count_based_functions_reject_what_the_cache_cannot_answer(seed_articles):
    inputs = _inputs(seed_articles, cache=False)
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


def test_by_position_and_article_ids():
    table = pd.DataFrame({"article_id": ["b", "a", "b"], "term": ["x", "y", "z"]})
    frame = by_position(table, ["a", "b", "c", "a"])
    assert frame["doc"].tolist() == [0, 1, 1, 3]
    assert frame["term"].tolist() == ["y", "x", "z", "y"]
    named = with_article_ids(frame[["doc", "term"]], ["a", "b", "c", "a"])
    assert named.columns.tolist() == ["doc", "term", "article_id"]
    assert named["article_id"].tolist() == ["a", "b", "b", "a"]


def test_word_form_counts_sum_the_count_unit():
    counts = pd.DataFrame({"doc": [0, 0, 1, 1], "unit": ["count", "token", "count", "count"],
                           "term": ["the", "korea", "korea", "the"], "count": [3, 1, 2, 1]})
    assert word_form_counts(counts).to_dict() == {"the": 4, "korea": 2}
    assert word_form_counts(counts).dtype == "int64"


def test_keyness_extremes_sign_g2_by_direction():
    from analysis.tables.keywords import keyness_extremes

    key = pd.DataFrame({"term": ["sanctions", "korea", "mrs", "the"],
                        "direction": ["over", "over", "under", "under"],
                        "freq_target": [9, 8, 0, 50], "freq_reference": [1, 2, 90, 900],
                        "g2": [30.12345, 20.5, 18.25, 3.0], "p_value": [1e-8, 1e-6, 1e-5, 0.08],
                        "log_ratio": [4.56789, 3.0, -5.0, -0.5]})
    table = keyness_extremes(key, over=1, under=2)
    assert table["term"].tolist() == ["sanctions", "mrs", "the"]
    assert table["signed_g2"].tolist() == [30.123, -18.25, -3.0]
    assert table.loc[0, "log_ratio"] == 4.568


def _count_rows(texts: list[str]) -> pd.DataFrame:
    from collections import Counter

    from analysis.keywords.count_rows import count_frame
    from analysis.keywords.reference import count_tokens

    return count_frame([[("count", Counter(count_tokens(text)))] for text in texts])


@pytest.fixture(scope="module")
def reuters_texts() -> list[str]:
    return read_raw_texts("reuters", limit=40)


@pytest.mark.parametrize("direction", ["over", "both"])
def test_group_keyness_is_keyness_of_each_group_against_the_rest(reuters_texts, direction):
    labels = ["oil" if " oil " in text.lower() else "other" for text in reuters_texts]
    assert 3 < labels.count("oil") < len(labels) - 3
    table = group_keyness(_count_rows(reuters_texts), labels, min_freq=2, top_n=15,
                          direction=direction)
    assert sorted(set(table["group"])) == ["oil", "other"]
    for group in ("oil", "other"):
        mine = [t for t, g in zip(reuters_texts, labels) if g == group]
        rest = [t for t, g in zip(reuters_texts, labels) if g != group]
        expected = keyness(mine, rest, min_freq=2, direction=direction).head(15)
        rows = table[table["group"] == group]
        assert rows["documents"].unique().tolist() == [len(mine)]
        assert rows["rank"].tolist() == list(range(1, len(rows) + 1))
        assert_frame_equal(rows.drop(columns=["group", "documents", "rank"])
                           .reset_index(drop=True), expected.reset_index(drop=True))
    oil = table[(table["group"] == "oil") & (table["direction"] == "over")]["term"]
    assert "oil" in set(oil.head(5))


def test_group_keyness_by_period_and_with_missing_labels(reuters_texts):
    dates = pd.Series(["2019-03-01", "2019-11-30", None, "2020-01-05"] * 10)
    table = group_keyness(_count_rows(reuters_texts), dates, period="Y", top_n=5)
    assert sorted(set(table["group"])) == ["2019", "2020"]
    assert table.attrs["unlabelled"] == 10
    assert table.groupby("group")["documents"].first().to_dict() == {"2019": 20, "2020": 10}
    by_month = group_keyness(_count_rows(reuters_texts), dates, period="month", top_n=5)
    assert sorted(set(by_month["group"])) == ["2019-03", "2019-11", "2020-01"]
    with pytest.raises(ValueError, match="one label per article"):
        group_keyness(_count_rows(reuters_texts), ["a", "b"])


def test_group_keyness_never_ranks_function_words():
    texts = ["We can't stop the US. They're here and we're there. " * 3 + "Tariffs rose.",
             "Wheat prices fell. Grain exports slowed in the cold."] * 3
    table = group_keyness(_count_rows(texts), ["a", "b"] * 3, min_freq=1, top_n=None)
    terms = set(table[table["group"] == "a"]["term"])
    assert terms == {"US", "stop", "tariffs", "rose"}
    # stopwords=() keeps every term, as keyness does: the same table as keyness of the texts
    everything = group_keyness(_count_rows(texts), ["a", "b"] * 3, min_freq=1, top_n=None,
                               stopwords=())
    rows = everything[everything["group"] == "a"].drop(columns=["group", "documents", "rank"])
    expected = keyness(texts[::2], texts[1::2], min_freq=1, direction="over", stopwords=())
    assert_frame_equal(rows.reset_index(drop=True), expected.reset_index(drop=True))
    assert {"can't", "they're", "we"} <= set(rows["term"])
