"""Tests for analysis.attribution.content: which clause or quotation a cue reports, and when a
cue's object is no report at all (under the workspace's speech scheme)."""
from __future__ import annotations

import pytest
from support.attribution_rows import one, rows


def test_a_quotation_before_a_description_and_name():
    # the description "White House counselor" sits between the quotation and the name
    found = one("“It is a top priority of his and I don’t believe they can stop us,” White House "
                "counselor John Podesta told reporters on a conference call Monday.",
                cue="told", kind="direct")
    assert found["content"].startswith("“It is a top priority")


def test_a_participle_after_said_reports_what_follows_it():
    text = ("“My initial reaction was fear,” he said, adding that he was encouraged by the law "
            "enforcement response.")
    found = {r["cue"]: r for r in rows(text)}
    assert found["said"]["kind"] == "direct"
    assert found["adding"]["content"] == "he was encouraged by the law enforcement response"
    text = ("“There’s more state and federal resources on this investigation than any other,” he "
            "said, adding: “There’s a lot of information out there.”")
    found = {r["cue"]: r for r in rows(text)}
    assert found["adding"]["content"] == "“There’s a lot of information out there.”"


@pytest.mark.parametrize("text, content", [
    ("Authorities asked residents to share home-security video for clues.",
     "to share home-security video for clues"),                   # the tagger's noun "share"
    ("Authorities previously warned residents not to handle suspicious packages.",
     "not to handle suspicious packages"),
    ("Some Republican senators have even expressed eagerness to work with Democrats on a bill.",
     "eagerness to work with Democrats on a bill"),
    ("The Kremlin, the indictment says, wanted instability in America.",
     "The Kremlin, the indictment says, wanted instability in America"),
    ("It is one of a number of actions that critics say will limit access to contraception.",
     "will limit access to contraception"),
    ("Hours before the blast, Manley had pleaded publicly for the bomber to turn himself in.",
     "to turn himself in"),
    ("Trump successfully instructed McGahn not to appear before the committee.",
     "not to appear before the committee"),
    ("Conservatives, though, dismiss these ideas as simply giving more money to insurers.",
     "these ideas as simply giving more money to insurers"),
])
def test_requests_and_clauses_are_reported(text, content):
    assert one(text)["content"] == content


@pytest.mark.parametrize("text", [
    "Newsom declared a state of emergency in California on Wednesday to help his state cope.",
    "Obama has signaled willingness to compromise on the tax rates.",       # a noun object
    "The president announced new leases for offshore drilling, and pushed a new plan.",
    "Three Russians charged with attempting to manipulate voters appeared in court.",
    "A few people were yelling terrible insults at the students.",            # yelling insults
    "He read the police reports.",                                            # a noun, no report
    "A few people were yelling terrible insults at the students before Phillips approached.",
    "Obama has signaled willingness to compromise, but Republicans have not said so publicly.",
    "The rule, proposed in 2017 but did not go into effect at that time, was challenged.",
    "The conversation seemed to indicate “You already have all the power.”",   # evidence
    "Critics dismissed the report on Tuesday.",                                # no "as" judgement
    "The company reports earnings on Tuesday.",
])
def test_a_noun_object_reports_nothing(text):
    assert rows(text) == []


def test_according_to_after_a_quotation():
    found = one('Candidates will have to "receive two percent or more support in at least four '
                'polls," according to the DNC.', cue="according to", kind="according_to")
    assert found["content"].endswith('polls,"')


def test_as_an_outlet_reports_and_a_letter_states():
    found = one("That person is currently hospitalized in Sonoma County, as member station KQED "
                "reports.", cue="reports", source_text="KQED")
    assert found["content"] == "That person is currently hospitalized in Sonoma County"
    one("“We have redacted personal information from these documents,” the letter states.",
        cue="states", kind="direct")
    # the outlet's own report is no attribution
    assert rows("The senator is retiring, as we reported on Monday.") == []


def test_as_he_pointed_out_between_dashes():
    found = one("This time, Mr. Obama has no more elections in front of him — as he pointed out on "
                "Wednesday — and the package includes tax increases.", cue="pointed out")
    assert found["content"] == "This time, Mr. Obama has no more elections in front of him"


def test_a_reporting_noun_reports_its_infinitive():
    found = one("Networks covered the calls by South Carolina officials to remove the Confederate "
                "flag from the grounds.", cue="calls", kind="indirect")
    assert found["content"] == "to remove the Confederate flag from the grounds"
    assert found["source_text"] == "South Carolina officials"
