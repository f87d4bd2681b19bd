"""Key-term candidates: where a noun phrase starts and stops (participles, names, relative days,
superlatives) and the rule file behind it."""
from __future__ import annotations

import pytest

from analysis.core.rules import rule_records
from analysis.keywords.candidates import (
    PARTICIPLE_OPENERS_FILE,
    candidate_rows,
    document_parts,
    name_start,
    participle_openers,
)
from analysis.keywords.lexicon import Stemmer, default_stopwords
from analysis.text import Document, Token

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


@pytest.mark.parametrize("text, phrase, not_phrase", [
    # a name of two or more capitalised words is its own phrase; the description before it is
    # another one, or nothing when it is only a modifier
    ("Democratic presidential candidate Joe Biden spoke in Iowa on Monday.", "Joe Biden",
     "Democratic presidential candidate Joe Biden"),
    ("The ailing actress Elizabeth Taylor was taken to hospital.", "ailing actress",
     "ailing actress Elizabeth Taylor"),
    ("The storm followed the destructive path Hurricane Hugo cut through South Carolina.",
     "destructive path", "destructive path Hurricane Hugo"),
    # relative days are adverbs, even where the tagger reads a noun
    ("Communist rebels today attacked an army post near the border.", "Communist rebels",
     "Communist rebels today"),
    # a superlative grades the thing, it does not name a kind of it
    ("It was the largest oil spill in the nation's history.", "oil spill", "largest oil spill"),
])
def test_a_phrase_stops_where_its_words_stop_naming_one_thing(text, phrase, not_phrase):
    found = phrases(text)
    assert phrase in found
    assert not_phrase not in found


def test_a_superlative_is_not_a_key_word():
    rows = candidate_rows(document_parts(Document("It was the largest oil spill in Alaska.")),
                          default_stopwords(), 4, Stemmer())
    words = {display for kind, _, display, *_ in rows if kind == "word"}
    assert {"oil", "spill", "Alaska"} <= words and "largest" not in words


def test_a_name_keeps_its_own_capitalised_words():
    found = phrases("Shares of Royal Dutch Shell rose after the U.S. Air Force jet landed.")
    assert {"Royal Dutch Shell", "U.S. Air Force jet"} <= found
    assert "Elizabeth Taylor" in phrases("The ailing actress Elizabeth Taylor was taken ill.")


@pytest.mark.parametrize("run, start", [
    (["national/JJ", "hero/NN", "Ben/NNP", "Johnson/NNP"], 2),
    (["ill/JJ", "Elizabeth/NNP", "Taylor/NNP"], 1),
    (["film/NN", "Enchanted/NNP"], 0),          # a one-word name stays with its noun
    (["Hurricane/NNP", "Hugo/NNP"], 0),         # nothing before the name
    (["Slovenian/JJ", "Mladina/NNP", "Ltd/NNP"], 0),  # a capitalised word before it: one name
    (["oil/NN", "spill/NN"], 0),
])
def test_name_start(run, start):
    tokens = []
    for i, item in enumerate(run):
        word, pos = item.split("/")
        tokens.append(Token(i * 10, i * 10 + len(word), word, word, pos))
    assert name_start(tokens) == start
