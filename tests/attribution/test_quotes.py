"""Tests for analysis.attribution.quotes: quotation spans on the characters."""
from __future__ import annotations

import pytest

from analysis.attribution import quote_spans
from analysis.attribution.quotes import mark_kind
from analysis.text import paragraph_spans


def test_paragraph_with_other_kind_of_mark_does_not_continue_a_quote():
    text = '"Melanie thought it was outrageous.\n\n“It never crossed my mind,” she said.'
    assert quote_spans(text)[-1] == (text.index("“"), text.index("”") + 1)


def test_unclosed_quote_ends_at_its_paragraph():
    text = "He said “this never ends.\n\nNext paragraph."
    assert quote_spans(text) == [(text.index("“"), text.index("\n"))]


@pytest.mark.parametrize("text", [
    "“One,” he said. “Two.”\n\n“Three\n\n“Four.”",
    "''Typewriter,'' he said, ``and more''.",
])
def test_given_paragraphs_change_nothing(text):
    assert quote_spans(text, paragraph_spans(text)) == quote_spans(text)


@pytest.mark.parametrize("mark, kind", [("“", "curly"), ("”", "curly"), ('"', "straight"),
                                        ("''", "typewriter"), ("«", "guillemet")])
def test_mark_kinds(mark, kind):
    assert mark_kind(mark) == kind
