"""Corpus tables of entity mentions, built from the entity stage's per-article rows (here the
seed article's, made with mentions_in_article as the pipeline does)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.clean import clean_article
from analysis.entities import MENTION_ROLES, mentions_in_article
from analysis.tables.entities import (
    MENTION_TABLE_COLUMNS,
    alias_table,
    article_entity_counts,
    caption_effect,
    cooccurrence,
    entity_counts,
    label_counts,
    mention_table,
)
from analysis.text import Document

SEED_PEOPLE = {  # the seed body's people (tests/entities/test_extract.py counts them)
    "Rex Tillerson": 4, "Jim Mattis": 1, "Yang Jiechi": 1, "Fang Fenghui": 1, "Donald Trump": 3,
    "Xi Jinping": 3, "David Helvey": 2,
}


def stage_table(raw_texts: dict[str, str]) -> pd.DataFrame:
    """The entity stage over some articles: article_id + the columns of mentions_in_article."""
    frames = [mentions_in_article(raw, Document(clean_article(raw).text)).assign(article_id=key)
              for key, raw in raw_texts.items()]
    table = pd.concat(frames, ignore_index=True)
    return table[["article_id", *(c for c in table.columns if c != "article_id")]]


@pytest.fixture(scope="module")
def seed_raw_text(seed_raw: str) -> str:
    return seed_raw


@pytest.fixture(scope="module")
def seed_mentions(seed_raw_text: str) -> pd.DataFrame:
    return mention_table(stage_table({"seed": seed_raw_text}))


def test_mention_table_keeps_body_and_caption_offsets_apart(seed_raw_text, seed_mentions):
    body = clean_article(seed_raw_text).text
    assert list(seed_mentions.columns) == MENTION_TABLE_COLUMNS
    assert set(seed_mentions["role"]) == {"body", "caption", "headline"}
    for role, start, end, text in seed_mentions[["role", "start", "end", "text"]].values:
        source = body if role == "body" else seed_raw_text
        assert source[start:end] == text


def test_mention_table_keeps_only_the_chosen_roles(seed_raw_text):
    stage = stage_table({"seed": seed_raw_text})
    body_only = mention_table(stage, roles=("body",))
    assert set(body_only["role"]) == {"body"}
    assert len(mention_table(stage, roles=MENTION_ROLES)) == len(stage)
    empty = mention_table(stage, roles=("nothing",))
    assert empty.empty and list(empty.columns) == MENTION_TABLE_COLUMNS
    assert str(empty["start"].dtype) == "int64" and "entity" not in stage.columns


def test_caption_mentions_of_a_mojibake_page_index_the_repaired_raw_text(seed_raw):
    from analysis.clean import repair_mojibake

    broken = seed_raw.encode("utf-8").decode("cp1252", errors="replace")
    assert "â€" in broken  # the curly quotes of the seed, decoded the wrong way
    mentions = mention_table(stage_table({"broken": broken}))
    repaired = repair_mojibake(broken)
    captions = mentions[mentions["role"] != "body"]
    assert len(captions) and all(repaired[s:e] == t for s, e, t in
                                 zip(captions["start"], captions["end"], captions["text"]))
    assert {"Kim Jong-Un", "Julie Bishop"} <= set(captions["entity"])


def test_caption_counts_change_only_the_people_in_captions(seed_mentions):
    effect = caption_effect(seed_mentions, labels=["PERSON"]).set_index("entity")
    assert effect.loc["Rex Tillerson", ["body", "with_captions"]].tolist() == [4, 5]
    assert effect.loc["Jim Mattis", ["body", "with_captions"]].tolist() == [1, 2]
    assert effect.loc["Kim Jong-Un", ["body", "with_captions"]].tolist() == [0, 2]
    assert effect.loc["Donald Trump", "added"] == 0
    body = entity_counts(seed_mentions, roles=("body",), labels=["PERSON"])
    assert dict(zip(body["entity"], body["mentions"])) == SEED_PEOPLE


def test_cooccurrence_counts_shared_sentences_once_per_pair(seed_mentions):
    pairs = cooccurrence(seed_mentions, unit="sentence", labels=["PERSON"])
    assert (pairs["entity_a"] < pairs["entity_b"]).all()
    as_dict = {(a, b): n for a, b, n in pairs[["entity_a", "entity_b", "units"]].values}
    # "launched by ... Trump and ... Xi Jinping", the tweet sentence, "Trump has told Xi"
    assert as_dict[("Donald Trump", "Xi Jinping")] == 3
    assert as_dict[("Jim Mattis", "Rex Tillerson")] == 1
    assert ("David Helvey", "Rex Tillerson") not in as_dict
    paragraphs = cooccurrence(seed_mentions, unit="paragraph", labels=["PERSON"])
    assert paragraphs["units"].sum() >= pairs["units"].sum() - 1
    with pytest.raises(ValueError):
        cooccurrence(seed_mentions, unit="page")


def test_alias_table_lists_every_form_of_one_entity(seed_mentions):
    aliases = alias_table(seed_mentions)
    us = aliases[aliases["entity"] == "United States"]
    assert set(us["alias"]) == {"U.S.", "US", "United States"}
    assert set(aliases.loc[aliases["entity"] == "Rex Tillerson", "alias"]) == {"Rex Tillerson",
                                                                             "Tillerson"}
    assert (aliases["n_aliases"] >= 1).all()


def test_per_article_and_per_label_counts(seed_mentions):
    per_article = article_entity_counts(seed_mentions)
    tillerson = per_article[per_article["entity"] == "Rex Tillerson"]
    assert dict(zip(tillerson["role"], tillerson["mentions"])) == {"body": 4, "caption": 1}
    assert per_article["mentions"].sum() == len(seed_mentions)
    labels = label_counts(seed_mentions).set_index(["label", "role"])
    assert labels.loc[("PERSON", "body"), "mentions"] == sum(SEED_PEOPLE.values())
    assert labels.loc[("PERSON", "body"), "entities"] == len(SEED_PEOPLE)


def test_empty_selections_give_empty_typed_tables(seed_mentions):
    counts = entity_counts(seed_mentions, labels=["NOT A LABEL"])
    assert counts.empty and list(counts.columns) == ["entity", "label", "mentions", "articles"]
    assert article_entity_counts(seed_mentions.iloc[:0])["mentions"].dtype == "int64"
    assert alias_table(seed_mentions.iloc[:0]).empty


def test_corpus_table_names_entities_as_entity_mentions_does():
    mentions = pd.DataFrame({
        "article_id": ["a", "b", "b", "c", "d"], "role": ["body"] * 5, "segment": [0] * 5,
        "start": [0] * 5, "end": [1] * 5, "text": ["x"] * 5, "sentence": [0] * 5, "paragraph": [0] * 5,
        "canonical": ["Rex Tillerson", "Tillerson", "Kim Jong Un", "Kim Jong-Un", "Tillerson"],
        "label": ["PERSON", "PERSON", "PERSON", "PERSON", "ORGANIZATION"],
        "weak": [False, False, False, False, True],  # a weakly typed name takes the corpus vote
    })
    table = mention_table(mentions)
    assert table["entity"].tolist() == [
        "Rex Tillerson", "Rex Tillerson", "Kim Jong Un", "Kim Jong Un", "Rex Tillerson"]
    assert table["label"].tolist() == ["PERSON"] * 5


def test_top_entities_by_label_and_the_cooccurrence_matrix_of_the_leaders():
    from analysis.tables.entities import cooccurrence_matrix, top_entities_by_label

    # as entity_counts orders them: most mentioned first, ties by name
    counts = pd.DataFrame({"entity": ["China", "Rex Tillerson", "Kim", "Xi Jinping", "Beijing"],
                           "label": ["GPE", "PERSON", "PERSON", "PERSON", "GPE"],
                           "mentions": [9, 5, 3, 3, 2], "articles": [1, 1, 1, 1, 1]})
    top = top_entities_by_label(counts, ["PERSON", "GPE"], 2)
    assert top[["label", "entity"]].values.tolist() == [
        ["GPE", "China"], ["GPE", "Beijing"], ["PERSON", "Rex Tillerson"], ["PERSON", "Kim"]]
    pairs = pd.DataFrame({"entity_a": ["China", "China", "Kim"], "label_a": ["GPE", "GPE", "PERSON"],
                          "entity_b": ["Rex Tillerson", "Kim", "Xi Jinping"],
                          "label_b": ["PERSON", "PERSON", "PERSON"], "units": [4, 1, 2]})
    matrix, shown = cooccurrence_matrix(pairs, [("Rex Tillerson", "PERSON"), ("China", "GPE"),
                                                ("Kim", "PERSON")])
    assert matrix.loc["China", "Rex Tillerson"] == matrix.loc["Rex Tillerson", "China"] == 4
    assert matrix.loc["China", "Kim"] == 1 and matrix.loc["Kim", "Rex Tillerson"] == 0
    assert shown.values.tolist() == [["Rex Tillerson", "PERSON", "China", "GPE", 4],
                                     ["China", "GPE", "Kim", "PERSON", 1]]


def test_the_cooccurrence_matrix_keeps_a_name_with_two_types_apart():
    """Gordon Brown typed as a person and (wrongly) as an organisation are two rows: the small
    count of the second never overwrites the first, and the CSV rows are the drawn cells."""
    from analysis.tables.entities import cooccurrence_matrix

    pairs = pd.DataFrame({"entity_a": ["Gordon Brown", "Gordon Brown"],
                          "label_a": ["PERSON", "ORGANIZATION"],
                          "entity_b": ["Labour", "Labour"], "label_b": ["ORGANIZATION"] * 2,
                          "units": [30, 1]})
    entities = [("Gordon Brown", "PERSON"), ("Labour", "ORGANIZATION"), ("Gordon Brown", "ORGANIZATION")]
    matrix, shown = cooccurrence_matrix(pairs, entities)
    assert list(matrix.index) == ["Gordon Brown (person)", "Labour", "Gordon Brown (organization)"]
    assert matrix.loc["Gordon Brown (person)", "Labour"] == 30
    assert matrix.loc["Labour", "Gordon Brown (organization)"] == 1
    assert shown["units"].tolist() == [30, 1]
    assert int(matrix.to_numpy().sum()) == 2 * int(shown["units"].sum())


def test_cooccurrence_counts_units_and_articles_for_each_pair_of_typed_names():
    """Brown as a person and as an organisation are two entities; a pair is counted once per
    sentence however often its names repeat there, and its articles are distinct articles."""
    rows = [("a1", 0, "Gordon Brown", "PERSON"), ("a1", 0, "Gordon Brown", "PERSON"),
            ("a1", 0, "Labour", "ORGANIZATION"), ("a1", 1, "Gordon Brown", "PERSON"),
            ("a1", 1, "Labour", "ORGANIZATION"), ("a2", 0, "Labour", "ORGANIZATION"),
            ("a2", 0, "Gordon Brown", "PERSON"), ("a2", 0, "Gordon Brown", "ORGANIZATION"),
            ("a2", 3, "London", "GPE")]
    mentions = pd.DataFrame(rows, columns=["article_id", "sentence", "entity", "label"]).assign(
        role="body", segment=0, paragraph=0)
    table = cooccurrence(mentions)
    assert table[["entity_a", "label_a", "entity_b", "label_b", "units", "articles"]].values.tolist() == [
        ["Gordon Brown", "PERSON", "Labour", "ORGANIZATION", 3, 2],
        ["Gordon Brown", "ORGANIZATION", "Gordon Brown", "PERSON", 1, 1],
        ["Gordon Brown", "ORGANIZATION", "Labour", "ORGANIZATION", 1, 1]]
    assert table.dtypes[["units", "articles"]].tolist() == ["int64", "int64"]
    assert cooccurrence(mentions, unit="paragraph")["units"].tolist() == [2, 1, 1, 1, 1, 1]
    assert cooccurrence(mentions.iloc[:0]).empty
