"""Rules that read a paragraph's place: headlines (first line, after a blank line, the title
column, after a caption), bylines at the top, bios at the end, tag lists."""
from __future__ import annotations

import pytest

from analysis.clean import clean_article, clean_text

STORY = ("The Senate passed the budget on Friday after an all-night session, ending a month of "
         "talks between the two parties.\n\nThe House votes next week.")


@pytest.mark.parametrize("headline", [
    "Senate passes budget after all-night session",
    "Coronavirus: Ship In Limbo Off California After Passenger Dies",
    "'Strong dollar' call halts slide",
    "$1m payoff for former bank boss",
    "German economy rebounds",
])
def test_headline_on_the_first_line_above_a_blank_line(headline):
    result = clean_text(f"{headline}\n\n{STORY}")
    assert result.headline == headline
    assert result.text == STORY


@pytest.mark.parametrize("first", [
    "The Early Years",  # a Title Case subhead where the scrape starts
    "Senators clash",  # too short to trust
    "What happens to the budget now?",  # a question opens the story
    "BREAKING NEWS",
])
def test_unsure_first_paragraphs_stay_in_the_body(first):
    result = clean_text(f"{first}\n\n{STORY}")
    assert result.headline is None
    assert result.text.startswith(first)


def test_no_headline_when_the_second_paragraph_also_looks_like_one():
    raw = f"Senate passes budget\n\nA deal ends a month of talks without agreement\n\n{STORY}"
    assert clean_text(raw).headline is None


def test_title_column_finds_the_headline_and_overrides_the_layout():
    raw = f"Budget Deal Passes The Senate\n\n{STORY}"
    assert clean_article(raw, title="Budget deal passes the Senate").headline == "Budget Deal Passes The Senate"
    # a title that is not in the text: the layout is not trusted either
    assert clean_article(raw, title="Another headline").headline is None
    assert clean_article(raw, title="Another headline").text.startswith("Budget Deal")


def test_standfirst_then_headline_in_the_first_paragraph():
    raw = f"Both leaders will be under pressure at home. Obama and Putin prepare for a cold meeting\n\n{STORY}"
    result = clean_text(raw)
    assert result.headline == "Obama and Putin prepare for a cold meeting"
    assert result.text == STORY


def test_names_without_by_are_a_byline_only_at_the_top():
    raw = f"Jane Roe and John C Doe\n\n{STORY}\n\nJane Roe and John Doe\n\nThe end of the story came later."
    result = clean_text(raw)
    assert "Jane Roe and John C Doe" not in result.text
    assert "Jane Roe and John Doe" in result.text


def test_author_bio_only_in_the_last_paragraphs():
    bio = "Jane Roe is a senior political correspondent for the Daily Example."
    middle = clean_text(f"{STORY}\n\n{bio}\n\nMore news came later.\n\nThe vote is Tuesday.\n\nIt will pass.")
    end = clean_text(f"{STORY}\n\nMore news came later.\n\n{bio}")
    assert bio in middle.text
    assert bio not in end.text


def test_tag_list_after_a_tag_header():
    raw = f"{STORY}\n\nThis article tagged under: Budget\n\nJane Roe\n\nSenate"
    result = clean_text(raw)
    assert result.text == STORY
    rules = set(result.segments["rule"])
    assert {"tag_header", "tag_list"} <= rules


def test_a_quoted_sentence_is_not_a_headline():
    raw = f'"It is not a game I will play."\n\n{STORY}'
    assert clean_text(raw).headline is None
