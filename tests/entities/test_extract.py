"""The public functions of the entity stage: columns, offsets and the seed article's people, on a
text, a Document and a whole article (body, headline and captions).

Most examples are sentences of the seed article (seeds/000_afb6e35f5f233bea.txt).
"""
from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.clean import clean_article, repair_mojibake
from analysis.entities import (
    ARTICLE_MENTION_COLUMNS,
    LABELS,
    MENTION_COLUMNS,
    Piece,
    document_mentions,
    extract_entities,
    mentions_in_article,
)
from analysis.text import Document

SEED_PEOPLE = {
    # Counted by hand in the seed body (captions, credits and tag lines excluded):
    "Rex Tillerson": 4,  # "Rex Tillerson", "Tillerson and Defense...", "according to Tillerson", "Tillerson said"
    "Jim Mattis": 1,  # "Defense Secretary Jim Mattis"
    "Yang Jiechi": 1,  # "State Councilor Yang Jiechi"
    "Fang Fenghui": 1,  # "Gen. Fang Fenghui"
    "Donald Trump": 3,  # "U.S. President Donald Trump", "Trump wrote", "Trump has told"
    "Xi Jinping": 3,  # "Chinese President Xi Jinping", "President Xi & China", "told Xi"
    "David Helvey": 2,  # "David Helvey, assistant secretary", "Helvey said"
}


@pytest.fixture(scope="module")
def seed_body(seed_raw: str) -> str:
    return clean_article(seed_raw).text


def test_columns_and_offsets_on_the_seed_body(seed_body: str):
    found = extract_entities(seed_body)
    assert list(found.columns) == MENTION_COLUMNS
    assert len(found) > 40
    for start, end, text in zip(found["start"], found["end"], found["text"]):
        assert seed_body[start:end] == text
    assert set(found["label"]) <= set(LABELS)


def test_every_person_in_the_seed_body_once_under_the_full_name_with_exact_counts(seed_body):
    found = extract_entities(seed_body)
    people = Counter(found.loc[found["label"] == "PERSON", "canonical"])
    assert dict(people) == SEED_PEOPLE


def test_a_document_gives_the_same_rows_as_its_text(seed_body):
    pd.testing.assert_frame_equal(extract_entities(Document(seed_body)),
                                  extract_entities(seed_body))


def test_document_mentions_are_typed_resolved_and_in_text_order(seed_body):
    mentions = document_mentions(Document(seed_body))
    assert mentions and all(isinstance(m, Piece) for m in mentions)
    assert [(m.start, m.end) for m in mentions] == sorted((m.start, m.end) for m in mentions)
    assert all(m.label in LABELS and m.canonical for m in mentions)
    assert document_mentions(Document("  \n")) == []


def test_empty_and_name_free_texts_give_empty_frames():
    for text in ["", "   \n", "hello world, nothing to see here."]:
        found = extract_entities(text)
        assert found.empty and list(found.columns) == MENTION_COLUMNS
        assert str(found["start"].dtype) == "int64"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([
    "U.S. Secretary of State Rex Tillerson said at a congressional hearing last week.",
    "Signaling U.S. frustration over China’s perceived reluctance,",
    "Gen. Fang Fenghui, chief of the Joint Staff Department of the People’s Liberation Army.",
    "KIM JONG UN",
    "“While I greatly appreciate the efforts of President Xi & China,”",
    "U.S.-China cooperation in defeating Islamic State extremists",
    "the", "\n\n", "  ", "Tillerson", "China-based", "(STR/AFP/Getty Images)", "é", "’s",
]), max_size=8), st.sampled_from([" ", "\n", "", "\n\n"]))
def test_offsets_always_point_at_the_mention(parts, glue):
    text = glue.join(parts)
    found = extract_entities(text)
    previous_end = 0
    for start, end, mention, label in found[["start", "end", "text", "label"]].values:
        assert text[start:end] == mention and mention.strip() == mention and end > start
        assert start >= previous_end  # sorted, never overlapping
        previous_end = end
        assert label in set(LABELS)


# ------------------------------------------------------------------ one article, all its parts


def test_article_mentions_keep_body_and_caption_offsets_apart(seed_raw):
    cleaned = clean_article(seed_raw)
    mentions = mentions_in_article(seed_raw, Document(cleaned.text))
    assert list(mentions.columns) == ARTICLE_MENTION_COLUMNS
    assert set(mentions["role"]) == {"body", "caption", "headline"}
    repaired = repair_mojibake(seed_raw)
    for role, start, end, text in mentions[["role", "start", "end", "text"]].values:
        source = cleaned.text if role == "body" else repaired
        assert source[start:end] == text
    body = mentions[mentions["role"] == "body"].reset_index(drop=True)
    pd.testing.assert_frame_equal(body[MENTION_COLUMNS], extract_entities(cleaned.text))
    assert (body["segment"] == -1).all()
    pd.testing.assert_frame_equal(mentions_in_article(seed_raw, cleaned.text), mentions)


def test_captions_use_the_full_names_of_the_body(seed_raw):
    mentions = mentions_in_article(seed_raw, Document(clean_article(seed_raw).text))
    captions = mentions[mentions["role"] == "caption"]
    assert "Rex Tillerson" in set(captions["canonical"])
    assert "Tillerson" not in set(captions["canonical"])


def test_caption_mentions_of_a_mojibake_page_index_the_repaired_raw_text(seed_raw):
    broken = seed_raw.encode("utf-8").decode("cp1252", errors="replace")
    assert "â€" in broken  # the curly quotes of the seed, decoded the wrong way
    mentions = mentions_in_article(broken, Document(clean_article(broken).text))
    repaired = repair_mojibake(broken)
    captions = mentions[mentions["role"] != "body"]
    assert len(captions) and all(repaired[s:e] == t for s, e, t in
                                 zip(captions["start"], captions["end"], captions["text"]))
    assert {"Kim Jong-Un", "Julie Bishop"} <= set(captions["canonical"])


def test_an_article_without_names_gives_an_empty_typed_frame():
    mentions = mentions_in_article("", Document("nothing to see here."))
    assert mentions.empty and list(mentions.columns) == ARTICLE_MENTION_COLUMNS
    assert str(mentions["sentence"].dtype) == "int64" and mentions["text"].dtype == object
