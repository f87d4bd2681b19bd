"""Tests for analysis.attribution.people: the names of one text that speakers resolve to."""
from __future__ import annotations

from analysis.attribution.document import AttributionDocument
from analysis.attribution.people import collect_names, entity_records, name_words, split_initial
from analysis.text import Document


def _doc(text: str) -> AttributionDocument:
    return AttributionDocument(Document(text))


def test_a_split_initial_is_joined_again():
    doc = _doc("Speaker John A. Boehner arrived.")
    k = next(i for i, t in enumerate(doc.toks) if t.text == ".")
    assert split_initial(doc.toks, k) and not split_initial(doc.toks, len(doc.toks) - 1)
    assert name_words(doc.toks[1:5]) == ["John", "A.", "Boehner"]
    assert "John A. Boehner" in collect_names(doc, None).people


def test_organisations_named_in_the_text_are_recorded_in_order():
    names = collect_names(_doc("The Hastings Center hired staff. Later the ACLU sued the U.S. "
                               "government. Maria Lopez said so."), None)
    assert [name for _, name in names.org_mentions] == ["Hastings Center", "ACLU"]  # not "U.S."
    assert names.organization_before(10**6) == "ACLU"
    assert names.organization_before(0) is None
    assert names.org_by_word["Hastings"] == "Hastings Center"


def test_entity_records_read_columns_and_filter_roles():
    import pandas as pd

    mentions = pd.DataFrame({"role": ["body", "headline"], "start": [0, 5], "end": [4, 9],
                             "text": ["Acme", "Zeta"], "label": ["ORGANIZATION", "PERSON"],
                             "canonical": [None, "Zeta Jones"]})
    assert entity_records(mentions, role="body") == [(0, "Acme", "ORGANIZATION", "Acme")]
    assert len(entity_records(mentions)) == 2  # no role asked: every mention
    assert entity_records(mentions.drop(columns="role")) == [
        (0, "Acme", "ORGANIZATION", "Acme"), (5, "Zeta", "PERSON", "Zeta Jones")]
    assert entity_records(None) is None and entity_records(mentions.iloc[:0]) is None


def test_bare_surnames_and_titles_are_mentions_of_the_person():
    text = ("President Barack Obama met reporters. Obama said the talks were slow. Later the "
            "president left. “We are close,” Obama said.")
    names = collect_names(_doc(text), None)
    found = [(text[start:start + 9], full, salient) for start, full, _, salient in names.mentions]
    assert found == [("President", "Barack Obama", True), ("Obama sai", "Barack Obama", True),
                     ("the presi", "Barack Obama", False), ("Obama sai", "Barack Obama", False)]
    # "Later the president" and "“...,” Obama said" open no sentence's subject


def test_gender_is_learnt_from_the_pronouns_after_a_name():
    names = collect_names(_doc("Oluwaseun Bakare said he would visit. Ngozi Adeyemi said her "
                               "plan was ready. Adeyemi added that she was hopeful."), None)
    assert names.gender("Oluwaseun Bakare") == "m" and names.gender("Ngozi Adeyemi") == "f"
    assert {g for _, full, g, _ in names.mentions if full == "Ngozi Adeyemi"} == {"f"}
    assert names.gender("Nobody Known") == "u"


def test_descriptions_find_the_names_that_hold_their_nouns():
    text = ("Holland America Line said the ship would dock. San Francisco confirmed two cases. "
            "Facebook removed the posts.")
    names = collect_names(_doc(text), None)
    end = len(text)
    assert names.named_like({"line"}, end) == "Holland America Line"
    assert names.named_like({"committee"}, end) is None
    assert names.named_like({"line"}, 0) is None  # only names before the position
    assert names.place_before(end) == "San Francisco"
    assert "Facebook" in names.orgs  # a well-known organisation named by one word


def test_a_speaking_name_is_a_person_only_if_he_or_she_refers_to_it():
    names = collect_names(_doc("Zephyra Dynamics said its profit rose. Ngozi Adeyemi said she "
                               "was pleased. Later, Günther Platter, the governor of Tyrol, left."),
                          None)
    people = {full for _, full, _, _ in names.mentions}
    assert people == {"Ngozi Adeyemi", "Günther Platter"}  # a title in an apposition suffices
