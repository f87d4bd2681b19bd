"""Canonical names within one text, names found again in all-capitals lines, and captions and
headlines aligned with the body's people."""
from __future__ import annotations

from analysis.entities import extract_entities
from analysis.entities.resolution import align_with_body, display_name


def mentions_of(text: str) -> list[tuple[str, str, str]]:
    return [tuple(row) for row in extract_entities(text)[["text", "label", "canonical"]].values]


def test_all_capitals_headline_uses_the_names_of_the_body():
    text = "TILLERSON MEETS XI IN BEIJING\nRex Tillerson met Xi Jinping in Beijing on Wednesday."
    found = mentions_of(text)
    assert found[:3] == [("TILLERSON", "PERSON", "Rex Tillerson"), ("XI", "PERSON", "Xi Jinping"),
                         ("BEIJING", "GPE", "Beijing")]


def test_short_names_resolve_to_the_full_name_in_the_same_text():
    text = ("David Helvey, assistant secretary of defense, spoke on Tuesday. “The threat is "
            "North Korea,” Helvey said. Chinese President Xi Jinping agreed; Trump has told Xi.")
    canon = {m[0]: m[2] for m in mentions_of(text)}
    assert canon["Helvey"] == "David Helvey"
    assert canon["Xi"] == "Xi Jinping"
    assert canon["Trump"] == "Trump"  # no full name in this text: left as written


def test_a_shared_surname_goes_to_the_person_named_most_recently():
    text = ("Bill Clinton met aides. Hillary Clinton spoke later. Clinton said she would run. "
            "Earlier, Bill Clinton had left. Clinton waved.")
    assert [m[2] for m in mentions_of(text) if m[0] == "Clinton"] == ["Hillary Clinton",
                                                                     "Bill Clinton"]


def test_an_acronym_spelled_out_in_the_text_takes_the_full_name():
    text = ("The International Atomic Energy Agency (IAEA) said on Monday that the IAEA would "
            "inspect the site.")
    assert {m[2] for m in mentions_of(text)} == {"International Atomic Energy Agency"}


def test_spelling_variants_share_one_canonical():
    found = mentions_of("Kim Jong-Un watched the launch. Later, Kim Jong Un praised the scientists.")
    assert [m[2] for m in found] == ["Kim Jong-Un", "Kim Jong-Un"]


def test_display_names_drop_the_possessive_and_shouting():
    assert display_name("Tillerson’s") == "Tillerson"
    assert display_name("KIM JONG UN") == "Kim Jong Un"
    assert display_name("NATO") == "NATO"


def test_captions_take_the_one_body_person_that_contains_the_name():
    roles = ["body", "body", "body", "caption", "caption", "headline"]
    labels = ["PERSON", "PERSON", "PERSON", "PERSON", "PERSON", "PERSON"]
    canonicals = ["Rex Tillerson", "Bill Clinton", "Hillary Clinton", "Tillerson", "Clinton",
                  "Kim Jong Un"]
    assert align_with_body(roles, labels, canonicals) == [
        "Rex Tillerson", "Bill Clinton", "Hillary Clinton", "Rex Tillerson",
        "Clinton",  # two body people share the word: left as written
        "Kim Jong Un"]
