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
    assert names[:2] == ["dateline", "wordnet_proper_name"]
    assert names[-1] == "title_case_words" and entity_typing.DEFAULT_LABEL == "ORGANIZATION"
