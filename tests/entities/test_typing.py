"""Typing of the candidates no list typed: the backoff chains of named rules, and what they give
on real sentences."""
from __future__ import annotations

from analysis.entities import extract_entities, wordnet_names
from analysis.entities import typing as entity_typing
from analysis.entities.candidates import Piece
from analysis.entities.lexicon import lexicon
from analysis.text import Document


def mentions_of(text: str) -> list[tuple[str, str, str]]:
    return [tuple(row) for row in extract_entities(text)[["text", "label", "canonical"]].values]


def view_of(text: str, first: int, last: int) -> entity_typing.PieceView:
    """The view of tokens first..last of the first sentence of `text`."""
    tokens = Document(text).sentences[0]
    start, end = tokens[first].start, tokens[last - 1].end
    doc = entity_typing.DocumentEvidence((tokens,), text, lexicon())
    return entity_typing.PieceView(Piece(0, first, last, start, end, text[start:end]), doc)


def test_nationalities_are_norp_and_places_are_gpe_or_location():  # demonyms, locations
    text = ("Chinese President Xi Jinping spoke of the Asia-Pacific region, the South China Sea "
            "and the Korean Peninsula.")
    assert mentions_of(text) == [
        ("Chinese", "NORP", "Chinese"),
        ("Xi Jinping", "PERSON", "Xi Jinping"),
        ("Asia-Pacific", "LOCATION", "Asia-Pacific"),
        ("South China Sea", "LOCATION", "South China Sea"),
        ("Korean Peninsula", "LOCATION", "Korean Peninsula"),
    ]


def test_datelines_and_score_lines():
    assert mentions_of("KANDAHAR (Reuters) - Fighting resumed on Monday.")[0] == (
        "KANDAHAR", "GPE", "Kandahar")
    # A city followed by a score is a team; a country stays a country (national sides).
    assert mentions_of("Leeds 2 Chelsea 1\nJapan 2 Syria 1") == [
        ("Leeds", "ORGANIZATION", "Leeds"), ("Chelsea", "ORGANIZATION", "Chelsea"),
        ("Japan", "GPE", "Japan"), ("Syria", "GPE", "Syria")]


def test_capitalised_common_words_are_not_names_but_surnames_in_context_are():
    assert mentions_of("Results of the vote were published on Monday.") == []
    assert mentions_of("Signaling frustration, Trump wrote in a tweet.") == [
        ("Trump", "PERSON", "Trump")]


def test_wordnet_proper_names_are_typed():
    names = wordnet_names()
    assert names["dhaka"] == "GPE" and names["arafat"] == "PERSON"
    assert mentions_of("The talks moved to Dhaka, where Arafat waited.") == [
        ("Dhaka", "GPE", "Dhaka"), ("Arafat", "PERSON", "Arafat")]


def test_the_first_rule_with_a_label_wins():
    view = view_of("Smith said so.", 0, 1)
    never = lambda v: None  # noqa: E731
    assert entity_typing.first_label([never, lambda v: "GPE", lambda v: "PERSON"], view) == "GPE"
    assert entity_typing.first_label([never], view) is None


def test_each_context_rule_answers_only_for_its_own_case():
    assert entity_typing.before_a_say_verb(view_of("Caddell said so.", 0, 1)) == "PERSON"
    assert entity_typing.before_a_say_verb(view_of("Caddell left.", 0, 1)) is None
    assert entity_typing.dateline(view_of("LONDON (Reuters) - It rained.", 0, 1)) == "GPE"
    assert entity_typing.after_a_place_preposition(view_of("It rained in Zork today.", 3, 4)) == "GPE"
    assert entity_typing.short_capitals(view_of("The ZKQ said no.", 1, 2)) == "ORGANIZATION"
    assert entity_typing.title_case_words(view_of("Then Zork Blorf left.", 1, 3)) == "PERSON"


def test_context_rules_are_tried_in_the_documented_order():
    names = [rule.__name__ for rule in entity_typing.CONTEXT_RULES]
    assert names[:4] == ["dateline", "people_of_a_place", "compass_and_place", "wordnet_proper_name"]
    assert names[-3:] == ["title_case_words", "common_word_alone", "ordinary_words"] and entity_typing.DEFAULT_LABEL == "ORGANIZATION"


def test_names_in_a_list_vote_for_their_type():
    found = {r.text: r.label for r in extract_entities(
        "Below 2 percent: Cory Booker, Amy Klobuchar, Tulsi Gabbard, Julian Castro and Kirsten "
        "Gillibrand.").itertuples()}
    assert found["Tulsi Gabbard"] == found["Cory Booker"] == "PERSON"


def test_kin_words_possessives_and_a_capital_the():  # person_before.txt
    found = {r.text: r.label for r in extract_entities(
        "He is married to the president's daughter Ivanka, who overhauled his Cabinet after a "
        "source spoke to The Hill on Monday.").itertuples()}
    assert found["Ivanka"] == "PERSON" and found["Hill"] == "ORGANIZATION"
    assert "Cabinet" not in found


def test_ordinary_words_in_capitals_name_nothing_but_bodies_do():
    found = {r.text: r.label for r in extract_entities(
        "After the Vice Presidential Debate, the Executive Branch wrote to the Ministry of "
        "Defence and Special Report noted it.").itertuples()}
    assert found == {"Vice Presidential Debate": "EVENT",  # rules/entities/event_cues.txt
                     "Ministry of Defence": "ORGANIZATION"}


def test_adjectives_of_places_are_norp_not_names():
    found = {r.text: r.label for r in extract_entities(
        "A Texan mayor spoke in Dallas. Black politicians in Virginia called it disgusting. "
        "Authorities warned residents.").itertuples()}
    assert found["Texan"] == "NORP" and "Black" not in found and "Authorities" not in found


def test_compass_regions_mocking_case_and_party_shorthand():  # groups.txt
    found = {r.text: r.label for r in extract_entities(
        "Funds went to North Atlantic states and the growing North Virginia suburbs, while "
        "critics wrote “ThAt’S tEchNiCaLly FrOm 2017!” and my GOP & Dem colleagues "
        "agreed. Betsy DeVos met Don McGahn.").itertuples()}
    assert found["North Atlantic"] == found["North Virginia"] == "LOCATION"
    assert found["Dem"] == "NORP" and "FrOm" not in found
    assert found["Betsy DeVos"] == found["Don McGahn"] == "PERSON"


def test_buildings_are_facilities_not_people():  # facility_cues.txt
    found = {r.text: r.label for r in extract_entities(
        "Officials removed the flag from the State Capitol grounds and took it to the "
        "Confederate War Memorial.").itertuples()}
    assert found == {"State Capitol": "FACILITY", "Confederate War Memorial": "FACILITY"}
