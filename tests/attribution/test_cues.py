"""Tests for analysis.attribution.cues: cue finding on tokens and cue lemmas."""
from __future__ import annotations

import pytest

from analysis.attribution import cue_lemma
from analysis.attribution.cues import colon_frames, find_cues
from analysis.attribution.document import AttributionDocument
from analysis.text import Document


def _cues(text: str) -> list[tuple[str, str]]:
    doc = AttributionDocument(Document(text))
    return [(frame.kind, text[doc.toks[frame.cue_first].start:doc.toks[frame.cue_last].end])
            for frame in find_cues(doc)]


@pytest.mark.parametrize("cue, lemma", [
    ("said", "say"), ("has told", "tell"), ("wrote in a tweet", "write"), ("According to", "according to"),
    ("pointed out", "point out"), ("", ""),
])
def test_cue_lemma(cue, lemma):
    assert cue_lemma(cue) == lemma


def test_verbs_according_to_and_dash():
    assert _cues("Tillerson said the talks went well, according to officials.") == [
        ("verb", "said"), ("according_to", "according to")]
    assert _cues("“Trump must stop portraying Latinos as gangsters.” ― Carla Sanchez") == [("dash", "―")]


def test_passive_and_noun_are_no_cues():
    assert _cues("The plan was reported to the committee.") == []
    assert _cues("The report was released on Tuesday by the committee.") == []


@pytest.mark.parametrize("text, found", [
    ("John McCain: Populist Anger Appeals to Bad Angels of Our Nature", True),
    ("Update: The story has been corrected since it was published.", False),
])
def test_colon_frames(text, found):
    assert bool(colon_frames(AttributionDocument(Document(text)))) == found
