"""Tests for analysis.attribution.article_attributions: the per-article stage on a Document and
the entity stage's mentions."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.attribution import COLUMNS, article_attributions, extract_attributions
from analysis.text import Document

TEXT = "Washington and Beijing said they would discuss new sanctions on Friday. “We are ready,” Xi said."


def _mentions() -> pd.DataFrame:
    """A mention table as the entity stage writes it: body rows and a headline row."""
    return pd.DataFrame({
        "role": ["headline", "body", "body"], "segment": [0, 0, 0], "start": [0, 0, 15],
        "end": [5, 10, 22], "text": ["Xi Ji", "Washington", "Beijing"],
        "label": ["PERSON", "GPE", "GPE"], "canonical": ["Xi Ji", "Washington", "Beijing"],
        "sentence": [0, 0, 0], "paragraph": [0, 0, 0],
    })


def test_stage_uses_the_body_mentions_only():
    mentions = _mentions()
    body = mentions.loc[mentions.role == "body", ["start", "end", "text", "label", "canonical"]]
    found = article_attributions(Document(TEXT), mentions)
    pd.testing.assert_frame_equal(found, extract_attributions(TEXT, entities=body))
    assert found.loc[0, "source_type"] == "organization"
    assert found.loc[0, "speaker"] == "Washington and Beijing"


def test_stage_without_mentions_and_on_a_blank_text():
    pd.testing.assert_frame_equal(article_attributions(Document(TEXT), _mentions().iloc[:0]),
                                  extract_attributions(TEXT))
    empty = article_attributions(Document(" \n"), _mentions())
    assert empty.empty and list(empty.columns) == COLUMNS


def test_stage_equals_extraction_with_the_entities_of_the_text():
    """The body rows of the entity stage are extract_entities(text): the stage gives the rows of
    extract_attributions(text, entities=extract_entities(text)) with one entity pass."""
    entities = pytest.importorskip("analysis.entities")
    for text in (TEXT, "Secretary of State Rex Tillerson met Yang.\n\nThe talks went well, Tillerson said."):
        document = Document(text)
        expected = extract_attributions(text, entities=entities.extract_entities(text))
        pd.testing.assert_frame_equal(
            article_attributions(document, entities.mentions_in_article(text, document)), expected)
