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


@pytest.mark.parametrize("text, cue", [
    ("“We have redacted personal information,” the letter states.", "states"),  # tagged a noun
    ("That person is hospitalized in Sonoma County, as member station KQED reports.", "reports"),
    ("Trump claims he made up for having less money by his use of social media.", "claims"),
    ("The White House bragged that Republicans are powerless to stop it.", "bragged"),
    ("Manley had pleaded publicly for the bomber to turn himself in.", "pleaded"),
])
def test_reporting_verbs_the_tagger_reads_as_nouns_and_new_verbs(text, cue):
    assert cue in _verb_cues(text)


@pytest.mark.parametrize("text", [
    "Three Russians charged with attempting to manipulate voters appeared in court.",
    "The rows of life jackets call to mind the migrants who have drowned.",
    "Pickens promoted a major initiative called the Pickens Plan.",               # a name
    "We will never move forward with anything called “Common Core.”",
    "The team is also said to have had a list of public holidays.",               # hearsay
])
def test_phrases_that_are_no_speech(text):
    assert _verb_cues(text) == []


def test_an_interview_answer_after_a_name_and_affiliation():
    text = ("John Ash (Central Magnet High School, Murfreesboro, Tenn.): A lot of the resistance "
            "to the Common Core is not about education.\n\n"
            "Jayne Ellspermann (West Port High School, Ocala, Fla.): The standards were what we "
            "all wanted.")
    frames = colon_frames(AttributionDocument(Document(text)))
    assert [(f.kind, f.src[1] - f.src[0]) for f in frames] == [("colon", 1), ("colon", 1)]
    from analysis.attribution import extract_attributions

    rows = extract_attributions(text)
    assert list(rows.speaker) == ["John Ash", "Jayne Ellspermann"]
    assert set(rows.kind) == {"direct"}
    # a bracketed aside that ends no name before a colon is no answer
    assert colon_frames(AttributionDocument(Document("The plan (announced Monday): what it does."))) == []


def test_officials_who_call_something_speak():
    assert _verb_cues("Officials called the move “reckless.”") == ["called"]


@pytest.mark.parametrize("text, cue, source", [
    ("Networks covered the calls by South Carolina officials to remove the flag.", "calls",
     "South Carolina officials"),
    ("He is not swayed by the warnings by senior Republicans that the party needs to act.",
     "warnings", "senior Republicans"),
    ("Canada negotiated a new deal amid threats by U.S. President Donald Trump to scrap it.",
     "threats", "U.S. President Donald Trump"),
])
def test_a_reporting_noun_with_its_source_and_content(text, cue, source):
    doc = AttributionDocument(Document(text))
    frames = [f for f in find_cues(doc) if f.kind == "noun"]
    assert len(frames) == 1
    frame = frames[0]
    assert doc.toks[frame.cue_first].text == cue
    assert text[doc.toks[frame.src[0]].start:doc.toks[frame.src[1]].end] == source


@pytest.mark.parametrize("text", [
    "The calls by the hour were expensive.",               # no content after the source
    "Threats by phone are common in the district.",
    "He answered calls by reporters all day.",
])
def test_a_reporting_noun_without_a_content_is_no_cue(text):
    assert [f for f in find_cues(AttributionDocument(Document(text))) if f.kind == "noun"] == []


def test_a_colon_that_ends_a_paragraph_introduces_a_block():
    from analysis.attribution.cues import paragraph_after_colon

    text = "Byron York breaks down the numbers:\n\nThe shutdown cost $24 billion."
    doc = AttributionDocument(Document(text))
    colon = next(k for k, t in enumerate(doc.toks) if t.text == ":")
    assert text[slice(*paragraph_after_colon(doc, colon))] == "The shutdown cost $24 billion."
    doc = AttributionDocument(Document("He listed three things: taxes, trade and debt."))
    colon = next(k for k, t in enumerate(doc.toks) if t.text == ":")
    assert paragraph_after_colon(doc, colon) is None  # the list goes on in the same paragraph
