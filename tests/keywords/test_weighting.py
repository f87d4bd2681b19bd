"""TF-IDF with corpus and reference document frequencies."""
from __future__ import annotations

from analysis.keywords.weighting import tfidf


def test_tfidf_prefers_words_unique_to_an_article(s_sanctions, s_entities, s_tests):
    frame = tfidf([s_sanctions, s_entities, s_tests])
    first = frame[frame["doc"] == 0].set_index("term")
    assert first.loc["korea", "df"] == 3 and first.loc["behavior", "df"] == 1
    assert first.loc["beijing", "count"] == first.loc["behavior", "count"] == 1
    assert first.loc["behavior", "tfidf"] > first.loc["beijing", "tfidf"]  # df 1 < df 2
    assert set(frame.columns) == {"doc", "term", "count", "tf", "df", "idf", "tfidf"}
    top = tfidf([s_sanctions, s_entities, s_tests], top_n=2)
    assert top.groupby("doc").size().tolist() == [2, 2, 2]


def test_tfidf_with_reference_document_frequencies(s_sanctions):
    frame = tfidf([s_sanctions], unit="token", idf_source="brown_news").set_index("term")
    assert frame.loc["change", "df"] > 0 and frame.loc["sanctions", "df"] == 0
    assert frame.loc["sanctions", "idf"] > frame.loc["change", "idf"]
