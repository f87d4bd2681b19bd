"""Keyness: G2, Log Ratio, p-values, and keyness against texts, counts and Brown "news"."""
from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.keywords.lexicon import default_stopwords
from analysis.keywords.significance import (
    chi2_sf_1df,
    g2_threshold,
    keyness,
    keyness_arrays,
    log_likelihood,
    log_ratio,
)


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
    frame = keyness(target, reference, min_freq=2, stopwords=())  # every word
    rows = frame.set_index("term")
    assert rows.loc["sanctions", "direction"] == "over" and rows.loc["he", "direction"] == "under"
    assert rows.loc["he", "freq_target"] == 0 and rows.loc["he", "log_ratio"] < 0
    assert "rare" not in rows.index  # below min_freq in the corpus it is over-represented in
    assert frame["g2"].is_monotonic_decreasing
    assert set(keyness(target, reference, direction="under", stopwords=())["direction"]) \
        == {"under"}
    significant = keyness(target, reference, min_freq=2, max_p=0.001, stopwords=())
    assert (significant["p_value"] <= 0.001).all() and len(significant) < len(frame)
    assert set(significant["term"]) == set(frame[frame["p_value"] <= 0.001]["term"])
    assert "said" not in set(keyness(target, reference, stopwords={"said"})["term"])
    # by default function words ("the", "he") and news function words ("said") are never ranked
    assert set(keyness(target, reference, min_freq=2)["term"]) == {"sanctions", "nuclear"}


def test_function_words_clitics_and_contractions_are_never_ranked_but_acronyms_are():
    target = {"US": 40, "us": 40, "IT": 30, "n't": 30, "'s": 30, "s": 30, "t": 30, "re": 30,
              "can't": 30, "they're": 30, "won't": 30, "o'brien": 30, "sanctions": 30}
    reference = {"us": 5, "sanctions": 5, "the": 1000}
    over = keyness(target, reference, direction="over")["term"].tolist()
    assert sorted(over) == ["IT", "US", "o'brien", "sanctions"]
    everything = keyness(target, reference, direction="over", stopwords=())["term"]
    assert len(everything) == len(target)  # stopwords=() keeps every word


def test_g2_threshold_is_the_critical_value():
    assert g2_threshold(0.05) == pytest.approx(3.841459, abs=1e-5)
    assert g2_threshold(0.001) == pytest.approx(10.827566, abs=1e-5)
    with pytest.raises(ValueError, match="max_p"):
        g2_threshold(0.0)


def test_keyness_against_several_reference_corpora_sums_their_counts(seed_body):
    both = keyness(seed_body, ("brown_news", "reuters"), min_freq=2).set_index("term")
    alone = keyness(seed_body, "brown_news", min_freq=2).set_index("term")
    assert both.loc["sanctions", "freq_reference"] > alone.loc["sanctions", "freq_reference"]
    shared = both.index.intersection(alone.index)
    assert len(shared) > 10
    assert (both.loc[shared, "freq_target"] == alone.loc[shared, "freq_target"]).all()


def test_keyness_arrays_keep_the_top_n_and_break_ties_by_term():
    terms = np.array(["b", "a", "c", "d"], dtype=object)
    a = np.array([10.0, 10.0, 5.0, 0.0])
    b = np.array([1.0, 1.0, 1.0, 50.0])
    frame = keyness_arrays(terms, a, b, 100.0, 100.0, min_freq=1, top_n=3)
    assert frame["term"].tolist() == ["d", "a", "b"]  # "a" and "b" tie: alphabetical
    assert frame["direction"].tolist() == ["under", "over", "over"]


def test_keyness_against_a_user_corpus_of_texts(s_sanctions, s_entities, s_tests):
    frame = keyness(s_sanctions + " " + s_entities, [s_tests, "The weather was mild in Seoul."],
                    min_freq=2)
    over = frame[frame["direction"] == "over"]["term"].tolist()
    assert "sanctions" in over and "beijing" in over and "tests" not in over
    assert (frame[frame["direction"] == "over"]["freq_target"] >= 2).all()


def test_seed_article_keyness_against_brown_news(seed_body):
    frame = keyness(seed_body, "brown_news", min_freq=2, stopwords=default_stopwords())
    top = frame[frame["direction"] == "over"].head(12)["term"].tolist()
    assert {"korea", "north", "nuclear", "sanctions"} <= set(top)
    assert (frame.head(12)["p_value"] < 0.001).all()
