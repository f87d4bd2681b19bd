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
    assert canon["Trump"] == "Donald Trump"  # no full name in this text: the listed figure


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


def test_honorifics_and_middle_initials_decide_who_a_short_name_is():
    text = ("Bill Clinton and Hillary Clinton arrived. Mrs. Clinton spoke first. Donald J. Trump "
            "and Donald Trump are one man.")
    canon = {(m[0], m[1]): m[2] for m in [(r.text, r.start, r.canonical) for r in
                                           extract_entities(text).itertuples()]}
    assert canon[("Clinton", text.index("Clinton spoke"))] == "Hillary Clinton"
    assert canon[("Donald J. Trump", text.index("Donald J."))] == "Donald Trump"


def test_short_forms_of_organisations_take_the_full_name():
    text = "The New York Times reported the plan. The Times said the F.B.I. agreed with the FBI."
    canon = {r.text: r.canonical for r in extract_entities(text).itertuples()}
    # canonical names are the full standard names (modern-news GUIDELINES: Wikipedia titles)
    assert canon["Times"] == "The New York Times"
    assert canon["F.B.I."] == canon["FBI"] == "Federal Bureau of Investigation"


def test_a_short_first_name_is_the_same_person():  # rules/names/nicknames.tsv
    text = ("David H. Petraeus resigned as director of the Central Intelligence Agency. “We are "
            "safer because of the work Dave Petraeus has done,” Obama said. Petraeus left.")
    canon = {r.text: r.canonical for r in extract_entities(text).itertuples()}
    assert canon["Dave Petraeus"] == canon["David H. Petraeus"] == canon["Petraeus"] == (
        "David Petraeus")
    assert canon["Central Intelligence Agency"] == "Central Intelligence Agency"


def test_a_listed_surname_takes_the_full_name_only_when_it_names_one_person():
    # shared by listed people: a person, named by the word alone
    assert mentions_of("Clinton spoke in Ohio.")[0] == ("Clinton", "PERSON", "Clinton")
    # the article's own full name wins over the list
    assert mentions_of("Hillary Clinton spoke. Clinton left.")[1] == (
        "Clinton", "PERSON", "Hillary Clinton")
    # another person with the surname in the article: no guess from the list
    found = mentions_of("Ivanka Trump arrived. Later Trump spoke to reporters.")
    assert found[1][2] != "Donald Trump"
    assert mentions_of("Biden met lawmakers. Biden later left.")[1] == (
        "Biden", "PERSON", "Joe Biden")
    # an honorific that contradicts the listed person
    assert mentions_of("Mrs. Obama spoke on Tuesday.")[0][2] != "Barack Obama"
