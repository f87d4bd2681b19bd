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


def _verb_cues(text: str, scheme: str = "speech") -> list[str]:
    doc = AttributionDocument(Document(text), scheme)
    return [text[doc.toks[f.cue_first].start:doc.toks[f.cue_last].end] for f in find_cues(doc)
            if f.kind == "verb"]


@pytest.mark.parametrize("text", [
    "Officials believe the passenger was exposed on the ship.",
    "They hope the deal will pass.",
    "Democrats want the bill to pass.",
    "Investigators fear the bomber will strike again.",
    "She knows the rules better than anyone.",
    "He is believed to be in hiding.",
    "The IRA is said to have paid for advertisements on Facebook.",
])
def test_thinking_and_hearsay_are_no_cues(text):
    assert _verb_cues(text) == []


def test_thinking_verbs_are_cues_under_the_parc_scheme():
    assert _verb_cues("Officials believe the passenger was exposed.", scheme="parc") == ["believe"]


@pytest.mark.parametrize("text, cue", [
    ("The court ruled that the law was unconstitutional.", "ruled"),
    ("The senator revealed that she had met the envoy.", "revealed"),
    ("The agency confirmed that the tests were negative.", "confirmed"),
    ("He implied that the deal was dead.", "implied"),
    ("As Smith put it, the deal is dead.", "put it"),
])
def test_reporting_verbs(text, cue):
    assert _verb_cues(text) == [cue]


@pytest.mark.parametrize("text, found", [
    ("Coronavirus: Cruise Ship In Limbo Off California", False),  # a headline's colon
    ("Byron York breaks down the numbers:\n\n“The shutdown cost $24 billion, and the party got "
     "nothing.”", True),  # the guidelines' colon block quotation
])
def test_colon_is_a_cue_only_before_a_quotation_or_for_a_named_person(text, found):
    from analysis.attribution import extract_attributions

    rows = extract_attributions(text)
    assert (list(rows.cue) == [":"]) == found
    if found:
        assert rows.loc[0, "speaker"] == "Byron York" and rows.loc[0, "kind"] == "direct"
