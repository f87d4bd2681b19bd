"""Reference corpora (Brown "news": 44 files, read in well under a second) and count tables."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.keywords import reference as reference_module
from analysis.keywords.lexicon import term_key
from analysis.keywords.reference import (
    combined_idf,
    count_table,
    count_tokens,
    read_raw_texts,
    reference_documents,
    reference_idf,
    reference_table,
)


def test_count_tokens_keeps_initials_and_drops_possessive():
    assert count_tokens("North Korea’s U.S.-China talks") == ["north", "korea", "u.s.", "china", "talks"]
    assert count_tokens("It's 5 p.m. in Seoul.") == ["it", "5", "p.m.", "in", "seoul"]


def test_count_tokens_keep_acronyms_apart_from_function_words():
    """BBC's top over-represented "word" was once "us": the pronoun merged with "US"."""
    assert count_tokens("The US told us. IT said it; the WHO knew who.") == [
        "the", "US", "told", "us", "IT", "said", "it", "the", "WHO", "knew", "who"]
    assert count_tokens("BBC and CNN's story. NATO met.") == ["BBC", "and", "CNN", "story",
                                                              "nato", "met"]
    # capitals in a row are shouting, not acronyms
    assert count_tokens("READ THE FULL STORY at CNN") == ["read", "the", "full", "story", "at",
                                                          "CNN"]
    assert count_tokens("US TROOPS LEAVE\nThe US said.") == ["us", "troops", "leave", "the",
                                                              "US", "said"]


@pytest.mark.parametrize("text, tokens", [
    ("They’re here, don´t go, can`t stop", ["they're", "here", "don't", "go", "can't", "stop"]),
    ("the president ’ s sequester", ["the", "president", "s", "sequester"]),  # pre-tokenised
    ("O'Brien's plan", ["o'brien", "plan"]),
])
def test_count_tokens_normalise_apostrophes_and_keep_contractions_whole(text, tokens):
    assert count_tokens(text) == tokens


def test_brown_documents_lose_their_tags():
    text = reference_documents("brown_news")[0]
    assert "/" not in text.split()[0] and "The Fulton County Grand Jury" in text


def test_reference_table_is_cached_in_memory_and_as_parquet(tmp_path, monkeypatch):
    first = reference_table("brown_news")
    assert reference_table("brown_news") is first
    assert first.attrs["documents"] == 44 and first.attrs["tokens"] == int(first["count"].sum())
    monkeypatch.setattr(reference_module, "CACHE_DIR", tmp_path)
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


def test_read_raw_texts_gives_the_stored_files():
    raws = read_raw_texts("brown_news", limit=2)
    assert len(raws) == 2 and "/" in raws[0].split()[0]  # Brown keeps its word/tag pairs
    assert len(read_raw_texts("brown_news")) == len(reference_documents("brown_news")) == 44
    assert reference_documents("brown_news")[0].split()[0] == raws[0].split()[0].rsplit("/", 1)[0]
    reuters = read_raw_texts("reuters", limit=3)
    assert len(reuters) == 3 and all(isinstance(text, str) and text for text in reuters)


def test_reference_idf_is_keyed_by_term_key():
    df, n_docs = reference_idf("brown_news")
    assert n_docs == 44 and reference_idf("brown_news")[0] is df
    table = reference_table("brown_news")
    assert df[term_key("said")] >= table.loc["said", "doc_count"]
    assert "1961" in table.index and "1961" not in df  # numbers are not words


def test_combined_idf_sums_the_corpora_once_and_takes_one_name_whole():
    news, n_news = reference_idf("brown_news")
    brown, n_brown = reference_idf("brown")
    both, n_both = combined_idf(("brown_news", "brown"))
    assert n_both == n_news + n_brown == 44 + 500
    key = term_key("said")
    assert both[key] == news[key] + brown[key]
    assert combined_idf(("brown_news", "brown"))[0] is both  # merged once per process
    assert dict(combined_idf("brown_news")[0]) == news  # "brown_news", not "b", "r", ...
    with pytest.raises(TypeError):
        both[key] = 0  # read-only: shared by every call
    with pytest.raises(ValueError, match="at least one"):
        combined_idf(())

