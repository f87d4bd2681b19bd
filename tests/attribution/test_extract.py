"""Tests for analysis.attribution.extract: quotes, indirect speech, "according to", speakers."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.attribution_rows import one, rows

from analysis.attribution import COLUMNS, KINDS, extract_attributions, quote_spans
from analysis.clean import clean_text
from analysis.core.paths import SEEDS_DIR
from analysis.text import Document

SEED = SEEDS_DIR / "000_afb6e35f5f233bea.txt"


# ---------------------------------------------------------------- seed article (the test)

def _check_seed(frame: pd.DataFrame) -> None:
    tillerson = frame[frame.speaker == "Rex Tillerson"]
    assert len(tillerson) == 3
    assert sorted(tillerson.cue) == ["according to", "said", "said"]
    helvey = frame[frame.speaker == "David Helvey"]
    assert len(helvey) == 2 and set(helvey.kind) == {"direct"}
    trump = frame[frame.speaker == "Donald Trump"].set_index("cue")
    assert trump.loc["wrote in a tweet", "kind"] == "direct"
    assert trump.loc["wrote in a tweet", "content"].startswith("“While I greatly appreciate")
    assert trump.loc["has told", "kind"] == "indirect"
    assert trump.loc["has told", "content"].startswith("the United States will impose sanctions")
    officials = frame[frame.speaker == "U.S. officials"]
    assert len(officials) == 2 and set(officials.source_type) == {"anonymous"}
    assert sorted(officials.cue) == ["according to", "said"]
    assert set(frame.loc[frame.speaker.isin(["Rex Tillerson", "David Helvey", "Donald Trump"]),
                         "source_type"]) == {"person"}


def _check_offsets(text: str, frame: pd.DataFrame) -> None:
    for row in frame.itertuples(index=False):
        assert text[row.content_start:row.content_end] == row.content
        if not pd.isna(row.source_start):
            assert text[row.source_start:row.source_end] == row.source_text
        if not pd.isna(row.cue_start):
            assert text[row.cue_start:row.cue_end] == row.cue


def test_seed_article_clean_body():
    body = clean_text(SEED.read_text(encoding="utf-8")).text
    frame = extract_attributions(body)
    _check_seed(frame)
    _check_offsets(body, frame)


def test_seed_article_raw_text():
    raw = SEED.read_text(encoding="utf-8")
    frame = extract_attributions(raw)
    _check_seed(frame)
    _check_offsets(raw, frame)


def test_columns_and_dtypes():
    frame = extract_attributions("Helvey said the talks went well.")
    assert list(frame.columns) == COLUMNS
    for column in ("content_start", "content_end", "source_start", "source_end", "cue_start", "cue_end"):
        assert str(frame[column].dtype) == "Int64"
    empty = extract_attributions("")
    assert list(empty.columns) == COLUMNS and empty.empty


# ---------------------------------------------------------------- direct quotations

def test_quote_then_speaker():
    row = one("“We seek to deepen our cooperation,” Helvey said.", kind="direct", source_text="Helvey", cue="said")
    assert row["content"] == "“We seek to deepen our cooperation,”"


def test_speaker_then_quote_with_colon_and_straight_marks():
    row = one('Helvey said: "The threat is North Korea."', kind="direct", cue="said")
    assert row["content"] == '"The threat is North Korea."'


def test_inverted_speaker_after_cue():
    one("“This is in their heads,” said Caddell.", kind="direct", source_text="Caddell", speaker="Caddell")


def test_quote_split_by_attribution_is_one_row():
    text = "“We are ready,” she said, “and we will not wait for anyone else to act.”"
    row = one(text, kind="direct", source_text="she")
    assert row["content_start"] == 0 and row["content_end"] == len(text)


def test_quote_over_several_paragraphs():
    text = ("Mattis spoke at length.\n\n“The first thing is readiness. We will rebuild it.\n\n"
            "“The second thing is our allies,” Mattis said.")
    quotes = quote_spans(text)
    assert len(quotes) == 1 and text[quotes[0][0]:quotes[0][1]].endswith("allies,”")
    row = one(text, kind="direct", speaker="Mattis")
    assert row["content"].startswith("“The first thing") and row["content"].endswith("allies,”")


def test_following_quote_paragraph_carries_the_speaker():
    text = ("“We will win,” said Senator Jane Smith.\n\n"
            "“Nobody in this state has ever seen a campaign like ours.”")
    found = extract_attributions(text)
    assert list(found.speaker) == ["Jane Smith", "Jane Smith"]
    assert found.source_start.isna().tolist() == [False, True]


@pytest.mark.parametrize("text", [
    "He said “this never ends.",                      # opened, never closed
    "” Stray closing mark, Trump said.",              # closed, never opened
    '"A" "B" " " "',                                   # odd number of straight marks
    "“\n\n“\n\n”",                                     # empty quotes over paragraphs
    "“",
    "said",
    "according to",
    ", said .",
    "“Yes,” — ",
])
def test_unbalanced_marks_never_crash(text):
    frame = extract_attributions(text)
    _check_offsets(text, frame)


# ---------------------------------------------------------------- indirect speech

def test_said_that_clause():
    row = one("Tillerson said that the United States has provided China with a list of entities.",
              kind="indirect", cue="said")
    assert row["content"] == "the United States has provided China with a list of entities"


def test_clause_then_comma_speaker_said():
    row = one("The United States has provided China with a list of entities, Tillerson said last week.",
              kind="indirect", source_text="Tillerson")
    assert row["content"] == "The United States has provided China with a list of entities"


def test_apposition_between_speaker_and_cue():
    row = one("The threat is growing, David Helvey, assistant secretary of defense, said on Tuesday.",
              source_text="David Helvey", speaker="David Helvey", source_type="person")
    assert row["content"] == "The threat is growing"


def test_told_reporters():
    row = one("Mattis told reporters on Tuesday that the exercise would go ahead.", kind="indirect")
    assert row["cue"] == "told" and row["content"] == "the exercise would go ahead"


def test_has_told_someone_that():
    row = one("Trump has told Xi that the United States will act alone.", cue="has told", kind="indirect")
    assert row["content"] == "the United States will act alone"


def test_wrote_in_a_tweet():
    row = one("Trump wrote in a tweet that China tried to help.", cue="wrote in a tweet")
    assert row["content"] == "China tried to help"


def test_mixed_partial_quote():
    one("Flynn said Trump was “absolutely right” about the generals.", kind="mixed", source_text="Flynn")


def test_according_to_at_end_and_start():
    row = one("The two sides plan more talks on the South China Sea, according to U.S. officials.",
              kind="according_to", cue="according to", source_text="U.S. officials", source_type="anonymous")
    assert row["content"] == "The two sides plan more talks on the South China Sea"
    row = one("According to the report, the plant was closed in 2015.", kind="according_to",
              source_type="anonymous", source_kind="document")
    assert row["content"] == "the plant was closed in 2015"


def test_noun_report_is_not_a_cue():
    assert rows("The report was released on Tuesday by the committee.") == []


# ---------------------------------------------------------------- speakers and source types

def test_surname_resolves_to_earlier_full_name():
    text = "Secretary of State Rex Tillerson met Yang.\n\nThe talks went well, Tillerson said."
    one(text, speaker="Rex Tillerson", source_text="Tillerson", source_type="person")


def test_title_resolves_to_person_who_held_it():
    text = ("Defense Secretary Jim Mattis visited Sydney.\n\n"
            "The defense secretary said the alliance was strong.")
    one(text, speaker="Jim Mattis", source_type="person")


def test_pronouns_resolve_to_compatible_person():
    text = ("Julie Bishop met David Helvey in Sydney.\n\n"
            "She said the meeting was useful. He said the talks would continue.")
    found = extract_attributions(text)
    assert found.set_index("source_text").speaker.to_dict() == {"She": "Julie Bishop", "He": "David Helvey"}


def test_unresolved_pronoun():
    one("He said the talks would continue.", source_type="pronoun_unresolved", speaker="He")


@pytest.mark.parametrize("text, mention", [
    ("The deal is off, U.S. officials said.", "U.S. officials"),
    ("A spokesperson said the company would appeal.", "A spokesperson"),
    ("Sources familiar with the talks said a deal was close.", "Sources familiar with the talks"),
    ("Two senior administration officials said the plan had been dropped.", "Two senior administration officials"),
])
def test_anonymous_heads(text, mention):
    one(text, source_type="anonymous", source_text=mention)


@pytest.mark.parametrize("text", [
    "The statement said the company would appeal the ruling.",
    "A new report says the economy grew faster than expected.",
    "The economy grew faster than expected, according to a survey of economists.",
])
def test_document_heads(text):
    """A document nobody is named as the author of is an anonymous source of kind document."""
    one(text, source_type="anonymous", source_kind="document")


@pytest.mark.parametrize(("text", "speaker", "source_type"), [
    ("Marsh’s letter says the city never paid the contractor.", "Marsh", "person"),
    ("According to Mr. Alvarez’s account, the meeting ended early.", "Alvarez", "person"),
    ("A Commerce Department report found that exports fell in May.", "Commerce Department", "organization"),
])
def test_a_named_authors_document_speaks_for_the_author(text, speaker, source_type):
    one(text, speaker=speaker, source_type=source_type, source_kind="document")


@pytest.mark.parametrize("text", [
    "The Boston Globe reported that the talks had failed.",
    "The Drudge Report said the senator would resign.",
])
def test_a_publication_named_like_a_document_is_an_organization(text):
    one(text, source_type="organization", source_kind="organization")


def test_source_kind_equals_source_type_outside_documents():
    found = extract_attributions("“We will appeal,” Helvey said. Officials said the plan was dead.")
    assert list(found.source_kind) == list(found.source_type) == ["person", "anonymous"]


def test_organization_source():
    one("The Pentagon said the exercise would go ahead as planned.", source_type="organization",
        speaker="Pentagon")


# ---------------------------------------------------------------- properties

_PIECES = ["“", "”", '"', "said", "Helvey", "he", "told reporters", "according to", ",", ".",
           "\n\n", " ", "the talks", "U.S. officials", "that", "went well", "wrote in a tweet", ":",
           "Xi", "—", "’s", "a report", "She"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=25), st.text(max_size=20))
def test_offsets_always_point_into_the_text(pieces, noise):
    text = " ".join(pieces) + noise
    frame = extract_attributions(text)
    assert list(frame.columns) == COLUMNS
    _check_offsets(text, frame)
    assert set(frame.kind) <= set(KINDS)
    for s, e in quote_spans(text):
        assert 0 <= s < e <= len(text)


def test_entities_refine_speaker_types():
    text = "Washington and Beijing said they would discuss new sanctions on Friday."
    entities = pd.DataFrame({"start": [0, 15], "end": [10, 22], "text": ["Washington", "Beijing"],
                             "label": ["GPE", "GPE"], "canonical": ["Washington", "Beijing"]})
    row = extract_attributions(text, entities=entities).iloc[0]
    assert row["source_type"] == "organization" and row["speaker"] == "Washington and Beijing"


# ---------------------------------------------------------------- more patterns from news style

def test_typewriter_quote_marks():
    text = "''I do not feel that heritage matters,'' Mr. Ryan said."
    assert quote_spans(text) == [(0, text.index(" Mr."))]
    one(text, kind="direct", source_text="Mr. Ryan")


def test_participle_takes_the_subject_of_the_main_clause():
    text = "Rubio changed his pick on the spot, saying he was rooting for North Carolina."
    one(text, source_text="Rubio", cue="saying", content="he was rooting for North Carolina")


def test_relative_pronoun_source_resolves_to_its_noun():
    text = "Barkley, who said he typically votes for Democrats, likes Kasich."
    row = one(text, source_text="who", speaker="Barkley")
    assert row["content"].startswith("he typically votes")


def test_headline_colon_and_signing_dash():
    one("John McCain: Populist Anger Appeals to Bad Angels of Our Nature", cue=":", speaker="John McCain")
    row = one("“Trump must stop portraying Latinos as gangsters.” ― Carla Sanchez", cue="―")
    assert row["kind"] == "direct" and row["speaker"] == "Carla Sanchez"


def test_parenthetical_frame_content_surrounds_it():
    row = one("This campaign, he says, is different from the last one.", source_text="he")
    assert row["content"] == "This campaign, he says, is different from the last one"


def test_partial_quote_running_past_the_sentence():
    text = "He said Cruz “has courage to fight. He is not afraid.” The crowd cheered."
    row = one(text, kind="mixed")
    assert row["content"].endswith("afraid.”")


@pytest.mark.parametrize("text, content", [
    ("He said this is a disaster.", "this is a disaster"),
    ("He said last week that the plan failed.", "the plan failed"),
    ("She said on May 5 that the plan failed.", "the plan failed"),
])
def test_time_words_between_cue_and_content(text, content):
    one(text, content=content)


def test_split_quote_merge_stops_at_a_contrast():
    text = ("“You winning?” she said, but Kevin was drifting off as the speaker went on about "
            "“how the system is rigged.”")
    found = extract_attributions(text)
    said = found[found.cue == "said"].iloc[0]
    assert said["content"] == "“You winning?”"


# ---------------------------------------------------------------- Document input

def test_a_document_gives_the_rows_of_its_text():
    text = SEED.read_text(encoding="utf-8")
    document = Document(text)
    pd.testing.assert_frame_equal(extract_attributions(document), extract_attributions(text))
    assert extract_attributions(Document("  \n")).empty


@pytest.mark.parametrize("value", [None, float("nan"), 3, b"Blair said he would win."])
def test_not_a_text_is_a_type_error(value):
    with pytest.raises(TypeError, match="text"):
        extract_attributions(value)


def test_unknown_scheme_is_a_value_error():
    with pytest.raises(ValueError, match="scheme"):
        extract_attributions("Blair said he would win.", scheme="bogus")


# ---------------------------------------------------------------- what is not an attribution

@pytest.mark.parametrize("text", [
    "I did find a confrontation more complicated than I had believed.",  # find: a person, no report
    "She showed the students a map of the city.",
    "Trump denied the allegations on Friday.",             # a bare noun object reports nothing
    "Newsom declared a state of emergency in California.",
    "Obama will discuss trade with Xi next week.",        # a plan
    "Update: The story has been corrected since it was published.",
])
def test_not_speech(text):
    assert rows(text) == []


def test_document_sense_verbs_need_a_document_source():
    one("The survey showed that most voters distrust both candidates.", source_text="The survey",
        source_type="anonymous", source_kind="document", cue="showed")
    one("The court found that the rule was unlawful.", source_text="The court", cue="found")


def test_requests_with_a_content_count():
    one("Senator Elizabeth Warren called for Mr Northam to resign.", cue="called for",
        speaker="Elizabeth Warren")
    found = one("He urged residents within a mile of the site to remain indoors.", cue="urged")
    assert found["content"].endswith("to remain indoors")


def test_nested_speech_is_part_of_the_outer_attribution():
    found = rows("People familiar with the talks said Trump asked his counsel to look into it.")
    assert [r["cue"] for r in found] == ["said"]
    assert found[0]["source_type"] == "anonymous"
    # a new clause joined by "and" is its own attribution
    found = rows("Black leaders called the image disgusting and Republicans urged the governor to resign.")
    assert "urged" in [r["cue"] for r in found]
    # the PARC scheme keeps the nested attribution
    nested = extract_attributions("Officials said Trump asked his counsel to look into it.", scheme="parc")
    assert list(nested.cue) == ["said", "asked"]


def test_rows_sorted_by_content_then_cue_with_continuations_last():
    text = ("“The plan is dead,” Helvey said. “We will not vote for it.”\n\n"
            "“Nobody wants this bill in its present form at all,” he said.")
    found = extract_attributions(text)
    assert list(found.columns) == COLUMNS
    assert list(found.content_start) == sorted(found.content_start)
    assert found.dtypes["cue_start"] == "Int64" and found.dtypes["content_start"] == "Int64"
    assert extract_attributions("No speech here.").columns.tolist() == COLUMNS


# ---------------------------------------------------------------- participles and paragraphs

@pytest.mark.parametrize("text, cue, speaker", [
    ("President Trump resumed his feud Saturday with Rep. Frederica Wilson, urging the news media "
     "to keep reporting on the congresswoman.", "urging", "Trump"),
    ("The White House also rejected the panel’s request for documents, accusing the panel of "
     "attempting a “do-over” of the investigation.", "accusing", "White House"),
    ("Barack Obama made an unprecedented endorsement in urging Canadians to vote for Trudeau.",
     "urging", "Barack Obama"),
    ("While saying Romney has only assembled a skeleton of a plan, Pickens expressed confidence "
     "that he would come through.", "saying", "Pickens"),
    ("Online vigilantes unearthed his parents’ address, even as they were trying to celebrate a "
     "wedding, accusing them of raising a racist.", "accusing", "Online vigilantes"),
    ("Former agent Dan Bongino, who ran for the Senate last year, gave Pierson high marks, saying "
     "she is more than qualified.", "saying", "Dan Bongino"),
    ("But, Mr. Obama added, “We are safer because of the work he has done,” voicing hope that "
     "the scandal would end.", "voicing", "Obama"),
])
def test_a_participle_speaks_for_the_main_clause_subject(text, cue, speaker):
    found = {r["cue"]: r for r in rows(text)}
    assert cue in found, found
    assert found[cue]["speaker"].endswith(speaker)
    assert speaker not in found[cue]["content"]  # what the participle reports, not its subject


@pytest.mark.parametrize("text", [
    "Prices rose sharply in March, suggesting that the economy is recovering.",   # no speaker
    "He left the room without saying whether he would run again.",                # no speech
    "The operatives were learning and getting feedback on writing style.",        # a noun
    "I watched the video again, signaling to my editor that he had this under control.",  # the writer
    "Signaling U.S. frustration over China, Trump wrote in a tweet Tuesday, “It has not worked out.”",
])
def test_participles_that_report_nothing(text):
    assert [r["cue"] for r in rows(text) if r["cue"].endswith("ing")] == []


def test_a_quotation_over_several_paragraphs_gives_one_row_per_paragraph():
    text = ("Gibson continued, saying “if you are hospitalized with coronavirus, you might need a "
            "ventilator.\n\n“Your blood pressure may get dangerously low, so you will need "
            "pressers.\n\n“You might become septic, which is life-threatening.”")
    found = rows(text)
    assert [r["content"][:12] for r in found] == ["“if you are ", "“Your blood ", "“You might b"]
    assert [pd.isna(r["cue"]) for r in found] == [False, True, True] and found[0]["cue"] == "saying"
    assert {r["speaker"] for r in found} == {"Gibson"} and {r["kind"] for r in found} == {"direct"}
    _check_offsets(text, extract_attributions(text))


@pytest.mark.parametrize("text, cue", [
    ("Sen. John McCain (R-Ariz.) said on CBS on Sunday that the GOP bill is “probably going to be "
     "dead.”", "said"),
    ("Sen. Rand Paul (R-Ky.) wrote in a series of tweets that he disagreed with the decision.",
     "wrote"),
])
def test_a_party_tag_between_the_name_and_the_verb(text, cue):
    found = one(text)
    assert found["cue"].startswith(cue) and found["source_text"].startswith("Sen. ")
    assert found["speaker"] in {"John McCain", "Rand Paul"}


def test_a_block_paragraph_after_a_colon_is_the_speakers():
    text = ("On CBS, correspondent Adriana Diaz put it this way:\n\n"
            "The Confederate flag began flying on the Capitol dome in 1961, in the middle of the "
            "Civil Rights Movement.")
    found = one(text, cue="put it")
    assert found["content"].startswith("The Confederate flag began flying")
    text = ("Byron York breaks down the numbers:\n\n"
            "In a conversation Thursday, a Republican member of Congress mentioned that the pay "
            "act is a huge share of the spending.")
    found = one(text, cue=":", speaker="Byron York")  # the member's words are inside York's block
    assert found["content"].startswith("In a conversation Thursday")


def test_an_interview_answer_holds_its_speakers_words():
    text = ("G.A. Buie (Eudora High School, Eudora, Kan.): When educators looked at the standards, "
            "we said, \"Yeah, this is what our kids need.\"")
    found = one(text, cue=":")
    assert found["source_text"] == "G.A. Buie" and found["kind"] == "direct"


def test_a_byline_line_never_joins_the_name_that_opens_the_next_paragraph():
    # a reporter's name left above the story (no "By") and the speaker who opens the story
    text = ("Jane Roe\n\nAlex Jones, the radio host, says in a sworn deposition that his "
            "statements were caused by a \"psychosis.\"\n\nJones made the claim in a lawsuit.")
    rows = extract_attributions(text)
    assert rows["speaker"].tolist() == ["Alex Jones"]
