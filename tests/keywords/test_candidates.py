"""Key-term candidates: where a noun phrase starts (participles) and the rule file behind it."""
from __future__ import annotations

import pytest

from analysis.core.rules import rule_records
from analysis.keywords.candidates import (
    PARTICIPLE_OPENERS_FILE,
    candidate_rows,
    document_parts,
    participle_openers,
)
from analysis.keywords.lexicon import Stemmer, default_stopwords
from analysis.text import Document

#: Penn Treebank tags (the tagger's tag set) that a rule may name.
PENN_TAGS = {"CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS",
             "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO",
             "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ",", ":",
             ".", "``", "''", "(", ")", "$", "#"}


def phrases(text: str) -> set[str]:
    rows = candidate_rows(document_parts(Document(text)), default_stopwords(), 4, Stemmer())
    return {display for kind, _, display, *_ in rows if kind == "phrase"}


def test_the_participle_rule_file_names_penn_tags():
    records = rule_records(PARTICIPLE_OPENERS_FILE)
    assert {r["participle"] for r in records} == {"VBN", "VBG"}
    for record in records:
        assert record["after"].split() and set(record["after"].split()) <= PENN_TAGS
    assert participle_openers()["VBG"] < participle_openers()["VBN"]  # VBN also after IN, RB


@pytest.mark.parametrize("text, phrase, not_phrase", [
    # a participle after a noun, a verb or a preposition is the clause's verb or a gerund
    ("The film, starring Johnny Depp, opens in Cannes.", "Johnny Depp", "starring Johnny Depp"),
    ("He was charged with buying crack cocaine from an undercover officer.", "crack cocaine",
     "buying crack cocaine"),
    ("Farmers in the Plains are experiencing extreme drought this summer.", "extreme drought",
     "experiencing extreme drought"),
])
def test_a_verb_participle_does_not_open_a_phrase(text, phrase, not_phrase):
    found = phrases(text)
    assert phrase in found
    assert not_phrase not in found


def test_an_adjective_participle_opens_a_phrase():
    """After an adverb a VBN is an adjective ("newly elected president"); the tagger reads
    "striking" after a determiner as JJ, which always opens a phrase."""
    found = phrases("The newly elected president met the striking miners.")
    assert {"elected president", "striking miners"} <= found


def test_a_participle_after_a_determiner_opens_a_phrase():
    text = "Officials said the growing deficit worried investors."
    tags = {t.text: t.pos for s in Document(text).sentences for t in s}
    assert tags["growing"] == "VBG"  # the tagger's reading this test relies on
    assert "growing deficit" in phrases(text)
