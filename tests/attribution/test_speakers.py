"""Tests for analysis.attribution.speakers: who a source is (through extract_attributions, on
news-style sentences)."""
from __future__ import annotations

import pytest

from analysis.attribution import extract_attributions
from analysis.attribution.document import AttributionDocument
from analysis.attribution.people import collect_names, split_name
from analysis.text import Document


def speakers(text: str) -> list[tuple[str, str]]:
    return [(r.speaker, r.source_type) for r in extract_attributions(text).itertuples()]


@pytest.mark.parametrize("text, expected", [
    # a pronoun never resolves to a name inside the quotation it follows
    ("Mark Esper spoke on Monday.\n\n“It is a one-time chance for Kim Jong Un,” he said.",
     ("Mark Esper", "person")),
    # nor to a name inside its own reported clause ("Mr. Petraeus, he said")
    ("Joe Biden took questions. The scandal will not hurt David Petraeus, he said.",
     ("Joe Biden", "person")),
    # a speaker is more prominent than a name in an object
    ("Joe Biden praised David Petraeus on Wednesday. He said the general served well.",
     ("Joe Biden", "person")),
])
def test_pronoun_resolution_skips_quotations_and_contents(text, expected):
    assert speakers(text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    ("Hillary Clinton and Bill Clinton arrived on Monday. Mrs. Clinton said she was tired.",
     ("Hillary Clinton", "person")),
    ("Bill Clinton and Hillary Clinton arrived on Monday. Mr. Clinton said he was tired.",
     ("Bill Clinton", "person")),
    ("Tony Blair spoke in London. Mr Blair said he would win.", ("Tony Blair", "person")),
    ("Speaker of the House John Boehner arrived. Boehner said the vote would fail.",
     ("John Boehner", "person")),
])
def test_short_names_resolve_with_honorifics_and_first_names(text, expected):
    assert speakers(text)[-1] == expected


def test_apposition_names_the_speaker():
    assert speakers("His father, Anzor Tsarnaev, said his son was framed.") == [
        ("Anzor Tsarnaev", "person")]
    assert speakers("Boehner, the leader of the Republicans, said the bill was dead.") == [
        ("Boehner", "person")]


def test_person_before_of_is_the_speaker():
    assert speakers("Vivian Wang of the New York Times wrote that the rule had changed.") == [
        ("Vivian Wang", "person")]


@pytest.mark.parametrize("text, expected", [
    ("Gov. Gavin Newsom declared an emergency. The governor said the state was ready.",
     ("Gavin Newsom", "person")),
    ("Newsom was elected governor of California. The governor said the state was ready.",
     ("The governor", "anonymous")),  # "governor of California" holds no person
    ("The senator said the vote would fail.", ("The senator", "anonymous")),
    ("Health workers say they are exhausted.", ("Health workers", "anonymous")),
    ("More than half of the respondents said the economy was weak.",
     ("half of the respondents", "anonymous")),
    ("The company said passengers were safe.", ("The company", "anonymous")),
])
def test_descriptions_resolve_to_a_holder_or_stay_unnamed(text, expected):
    assert speakers(text)[-1] == expected


def test_generic_organisation_description_takes_the_last_organisation():
    text = "The Pentagon said the ship would dock. The agency said passengers were safe."
    assert speakers(text) == [("Pentagon", "organization"), ("Pentagon", "organization")]


@pytest.mark.parametrize("text", ["I told him that he was wrong.",
                                  "We asked the minister whether the deal was dead."])
def test_first_person_is_kept_apart_from_named_speakers(text):
    assert speakers(text) == [(text.split()[0], "first_person")]


def test_names_inside_quotations_are_no_pronoun_antecedents():
    doc = AttributionDocument(Document("“Ask Mary Smith,” John Brown said."))
    names = collect_names(doc, None)
    assert [m[1] for m in names.mentions] == ["John Brown"]
    assert set(names.people) == {"Mary Smith", "John Brown"}


@pytest.mark.parametrize("words, title, name", [
    (["Mr", "Blair"], ["Mr"], ["Blair"]),
    (["Speaker", "of", "the", "House", "John", "Boehner"], ["Speaker", "of", "the", "House"],
     ["John", "Boehner"]),
    (["Tony", "Blair"], [], ["Tony", "Blair"]),
])
def test_split_name(words, title, name):
    assert split_name(words) == (title, name)


@pytest.mark.parametrize("text, expected", [
    # a split initial stays in the name ("Mary K." is tokenized "K", ".")
    ("Mary K. Holloway, the head of the board, said the vote would wait.", ("Mary K. Holloway", "person")),
    ("On Monday, Texas rancher J. Wade Corley said he would sell the land.", ("J. Wade Corley", "person")),
    # a place or a party tag after a comma is no apposition
    ("Leah Ostrowski, policy director at the Urban Institute of Washington, D.C., said the bill "
     "would fail.", ("Leah Ostrowski", "person")),
    ("“They know where I am,” Hatfield, R-Ohio said on Sunday.", ("Hatfield", "person")),
    # the person named in an apposition speaks for a description, also with "of <place>"
    ("The senior Republican on the panel, Margaret Ellison of Ohio, said the hearing would go on.",
     ("Margaret Ellison", "person")),
    # a name before a description of two parts
    ("Daniel Okafor, a fellow at the Brookings, Washington-based Hamilton Project, told the panel "
     "that costs would rise.", ("Daniel Okafor", "person")),
    # the medium between a subject and its verb is no subject
    ("Treasury counsel Helen Marsh in a Friday letter argued that the records were private.",
     ("Helen Marsh", "person")),
])
def test_names_through_initials_places_and_appositions(text, expected):
    assert speakers(text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    # a plural common noun after a title-like word ends an organisation's name
    ("“We are sorry for the delay,” Princess Lines says.", ("Princess Lines", "organization")),
    ("General Motors said it would cut 2,000 jobs.", ("General Motors", "organization")),
    # a name of common words with no first name, opened by a participle
    ("Planned Parenthood says the rule will hurt clinics.", ("Planned Parenthood", "organization")),
    # "the agency": the organisation the text named last
    ("The Energy Information Administration published new numbers on Monday. Prices will rise, "
     "the agency said.", ("Energy Information Administration", "organization")),
    # a surname after a title stays a person
    ("Sen. Sanders said he would vote against the bill.", ("Sanders", "person")),
])
def test_organisation_names(text, expected):
    assert speakers(text)[-1] == expected


def test_the_president_without_his_title_is_the_office_holder_the_text_names():
    text = ("Mr. Obama met congressional leaders on Friday. Mr. Obama and Mr. Boehner spoke "
            "afterwards. The president said he was optimistic about a deal.")
    assert speakers(text)[-1] == ("Barack Obama", "person")
    # a text that names no holder leaves the title anonymous
    assert speakers("The president said the company would grow.")[-1][1] == "anonymous"
