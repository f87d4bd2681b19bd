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


# ------------------------------------------------------------------ pronouns (issue 12, part B)

@pytest.mark.parametrize("text, expected", [
    # a first name the names list lacks: the pronouns after the person tell the gender
    ("Ngozi Adeyemi said she would run again. Later, Xavi Ndongo said his party was ready."
     "\n\n“We will win this time,” she said.", ("Ngozi Adeyemi", "person")),
    # the running speaker, named by surname only, beats an older prominent name
    ("Senator Mike Lee arrived early. Later, Barack Obama said his plan was fair. Obama said "
     "the talks were going well. “I expect a deal,” he said.", ("Barack Obama", "person")),
    # a name after an opening phrase opens its sentence ("In recent days, Boehner ...")
    ("John Boehner met Barack Obama on Monday. Obama said the talks went well. In recent days, "
     "Boehner has stressed his opposition. He said taxes must not rise.", ("John Boehner", "person")),
    # "the president" refers back to the office holder the text names as "Mr. Obama"
    ("Mr. Obama spoke on Tuesday. Mr. Graham issued a statement. By contrast, the president "
     "sounded calm. The scandal, he said, was over.", ("Obama", "person")),
])
def test_pronouns_follow_the_discourse(text, expected):
    assert speakers(text)[-1] == expected


def test_a_name_given_a_title_in_an_apposition_is_a_person():
    text = ("Günther Platter, the governor of Tyrol, criticized the protest.\n\n"
            "“Violence must be rejected,” he said.")
    assert speakers(text)[-1] == ("Günther Platter", "person")


def test_they_is_the_plural_group_that_opens_the_previous_sentence():
    found = speakers("Nonetheless, Democrats seized on the remarks. They said the law was working.")
    assert found[-1] == ("Democrats", "anonymous")
    # no group there: unresolved
    assert speakers("The senator left early. They said the law was working.")[-1][1] == \
        "pronoun_unresolved"


# ------------------------------------------------------------------ relative pronouns and lists

def test_who_after_a_description_of_a_name_is_the_name():
    text = ("The photo drew a backlash from conservatives, including Jack Wilson, the chairman "
            "of the state party, who called on the governor to resign.")
    assert speakers(text) == [("Jack Wilson", "person")]


def test_a_named_party_speaks_for_the_unnamed_others():
    assert speakers("But Planned Parenthood and other groups say that the rule will hurt "
                    "patients.") == [("Planned Parenthood", "organization")]
    # a name with "and" inside is one organisation
    assert speakers("The Centers for Disease Control and Prevention said the risk was low.") == [
        ("Centers for Disease Control and Prevention", "organization")]


def test_a_time_is_no_speaker_of_a_participle():
    text = ("She also has called on him to release his tax returns, as every candidate since "
            "the 1970s has done, arguing that his reluctance shows he has something to hide.")
    assert speakers(text)[-1][0] == "She"  # the main clause's subject, not "the 1970s"


# ------------------------------------------------------------------ descriptions

@pytest.mark.parametrize("text, expected", [
    # a description's noun names the organisation ("the news agency" -> "... News Agency")
    ("Korean Central News Agency published the letter on Monday. Rodong Sinmun ran it too. "
     "The news agency said the talks had failed.", ("Korean Central News Agency", "organization")),
    # "the committee" is the committee the text names most
    ("The House Judiciary Committee met. The House Judiciary Committee voted on Monday. "
     "The House Intelligence Committee was silent. The committee said it would sue.",
     ("House Judiciary Committee", "organization")),
    # "the city says" -> the place named before
    ("On Thursday, San Francisco announced two cases. Both patients are in hospital, the city "
     "says.", ("San Francisco", "organization")),
    # a well-known organisation the text names by one word
    ("Facebook removed the posts on Friday. The social media giant said the accounts were fake.",
     ("Facebook", "organization")),
])
def test_descriptions_resolve_to_the_organisation_they_describe(text, expected):
    assert speakers(text)[-1] == expected


def test_a_described_source_named_in_the_next_sentence():
    text = ("A Justice Department spokeswoman denied the reports. “He did not ask,” Justice "
            "Department Director of Public Affairs Sarah Isgur Flores said.")
    assert speakers(text)[0] == ("Sarah Isgur Flores", "person")
    # another body's official is someone else
    text = ("An FBI spokeswoman said she had no information. Deputy White House press secretary "
            "Sarah Huckabee Sanders told reporters the president was fine.")
    assert speakers(text)[0][1] == "anonymous"


def test_a_title_with_another_modifier_is_not_the_named_holder():
    text = ("Prime Minister Lars Rasmussen spoke on Thursday. The country’s foreign minister "
            "said on Friday that the island was not for sale.")
    assert speakers(text)[-1] != ("Lars Rasmussen", "person")


@pytest.mark.parametrize("text", [
    "A Trump ally told the Associated Press that the plan was not serious.",
    "Black politicians in Virginia said the images were disgusting.",
    "A team from the Kaiser Family Foundation wrote that the rule would cost more.",
])
def test_an_unnamed_source_with_a_name_inside_stays_anonymous(text):
    assert speakers(text)[0][1] == "anonymous"


def test_a_capitalised_organisation_head_is_an_organisation():
    assert speakers("According to the Energy Information Administration, prices fell.") == [
        ("Energy Information Administration", "organization")]


def test_a_definite_document_refers_back_to_its_owned_mention():
    text = ("A Washington Post/ABC News poll of likely voters released Sunday showed that the race "
            "was close. The survey showed that the lead had all but evaporated.")
    assert speakers(text)[-1] == ("Washington Post", "organization")  # the first named party
    # with no owned document before, "the survey" stays an unnamed document
    found = extract_attributions("The survey showed that the lead had all but evaporated.")
    assert (found.loc[0, "source_type"], found.loc[0, "source_kind"]) == ("anonymous", "document")


def test_a_participle_after_an_issued_medium_speaks_for_the_issuer():
    assert speakers("Sen. Chuck Grassley released a statement saying the director had failed.") == [
        ("Chuck Grassley", "person")]


def test_an_unlisted_plural_head_is_an_unnamed_group():
    assert speakers("Several vigilantes said the boy had lied.") == [("Several vigilantes", "anonymous")]


def test_a_title_is_not_the_next_speaker_with_a_title_of_their_own():
    text = ("A union spokesman said the talks had failed. “We tried,” said Jane Doe, a history "
            "professor at the university.")
    assert speakers(text)[0][1] == "anonymous"
    # a plain definite title is someone the reader knows, not the next new name
    text = "The president said the talks had failed. “We tried,” said Jane Doe, a farmer."
    assert speakers(text)[0][1] == "anonymous"


def test_a_description_with_a_name_in_apposition_is_that_person():
    text = "“It was casual,” said the bureau's director, James B. Comey, on Monday."
    assert speakers(text) == [("James B. Comey", "person")]
    # an official is an anonymous source, whoever speaks next
    text = ("A White House official, who requested anonymity, said the president had called. On "
            "Wednesday, Josh Earnest told reporters that the mayor was right.")
    assert speakers(text)[0][1] == "anonymous"
