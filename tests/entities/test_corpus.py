"""entity_mentions: one name per entity across a corpus, never merging two people."""
import pandas as pd
import pytest

from analysis.entities import CORPUS_MENTION_COLUMNS, entity_mentions


def corpus(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": list(texts)})


def test_a_bare_surname_takes_the_corpus_full_name():
    table = entity_mentions(corpus(
        "President Donald J. Trump met reporters. Donald Trump said the talks went well.",
        "Donald Trump spoke in Ohio on Monday. Ivanka Trump joined him later.",
        "Trump said on Friday that the deal was done."))
    assert list(table.columns) == CORPUS_MENTION_COLUMNS
    last = table[table["article_id"] == "a2"]
    assert "Donald Trump" in set(last["canonical"])
    first = table[table["article_id"] == "a0"]
    assert set(first.loc[first["label"] == "PERSON", "canonical"]) == {"Donald Trump"}
    assert "Ivanka Trump" in set(table["canonical"])  # a namesake keeps her own name


def test_two_people_sharing_a_surname_are_never_merged():
    table = entity_mentions(corpus(
        "Katie Miller, a spokeswoman, spoke on Monday. Miller said the rules were clear.",
        "Stephen Miller, a senior adviser, wrote the plan."))
    people = set(table.loc[table["label"] == "PERSON", "canonical"])
    assert {"Katie Miller", "Stephen Miller"} <= people
    first = table[table["article_id"] == "a0"]
    assert set(first.loc[first["text"] == "Miller", "canonical"]) == {"Katie Miller"}


def test_offsets_point_into_the_article_text_and_bad_input_is_named():
    texts = ["The F.B.I. said on Monday that agents of the FBI had left Ohio."]
    table = entity_mentions(corpus(*texts))
    for row in table.itertuples():
        assert texts[0][row.start:row.end] == row.text
    assert set(table.loc[table["label"] == "ORGANIZATION", "canonical"]) == {
        "Federal Bureau of Investigation"}
    with pytest.raises(KeyError, match="article_id"):
        entity_mentions(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(TypeError, match="a0"):
        entity_mentions(pd.DataFrame({"article_id": ["a0"], "text": [None]}))
