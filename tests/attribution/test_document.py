"""Tests for analysis.attribution.document: the token view and its indexes, and that attribution
stays linear in the length of a sentence (counted reads, not wall-clock time)."""
from __future__ import annotations

from analysis.attribution.document import AttributionDocument
from analysis.attribution.extract import attribution_rows
from analysis.text import Document

# one clause of a run-on sentence: quotes, "according to", indirect speech and a pronoun
UNIT = ("the senator said “we will win this fight” and officials told reporters that the plan, "
        "according to Mr Blair, was “a bold move” while she argued the deal would fail, ")
_VIEWS = ("toks", "lows", "in_quote", "sent", "para_of_tok", "quotes", "starts", "sent_bounds",
          "clause_break")


class CountingList(list):
    """A list that counts the items read from it (an index, each item of a slice or a loop)."""

    reads = 0

    def __getitem__(self, key):
        CountingList.reads += len(range(*key.indices(len(self)))) if isinstance(key, slice) else 1
        return super().__getitem__(key)

    def __iter__(self):
        CountingList.reads += len(self)
        return super().__iter__()


def _reads(units: int) -> tuple[int, int, int]:
    """(items read by the attribution rules, rows found, characters of all contents) on one
    sentence of `units` clauses."""
    doc = AttributionDocument(Document("Opening " + UNIT * units + "end."))
    assert len(doc.sent_bounds) == 1  # one sentence, however long
    for name in _VIEWS:
        setattr(doc, name, CountingList(getattr(doc, name)))
    CountingList.reads = 0
    found = attribution_rows(doc)
    return CountingList.reads, len(found), sum(len(row["content"]) for row in found)


def test_attribution_is_linear_in_the_length_of_a_sentence():
    small, small_rows, small_chars = _reads(30)
    large, large_rows, large_chars = _reads(120)
    assert large_rows >= 3 * small_rows > 0   # the long sentence has its attributions
    assert large_chars < 6 * small_chars      # no content runs back to the start of the sentence
    assert large < 6 * small, (small, large)  # 4 times the text; a quadratic pass reads ~16 times more


def test_quote_lookups_by_offset():
    text = "“We win,” he said. Then “we lose” came."
    doc = AttributionDocument(Document(text))
    assert doc.quotes == [(0, 9), (24, 33)]
    opener = doc.token_at(24)
    assert doc.quote_starting_at(opener) == 1 and doc.quote_starting_at(opener + 1) is None
    assert doc.quote_ending_at(doc.token_at(8)) == 0
    assert doc.quotes_within(0, len(text)) == (0, 1) and doc.quotes_within(1, 30) == ()
    assert doc.quote_opening_in(10, 30) == 1 and doc.quote_opening_in(10, 20) is None


def test_clause_indexes():
    doc = AttributionDocument(Document("Critics said this: the plan failed; he left."))
    said = doc.lows.index("said")
    colon, semicolon = doc.lows.index(":"), doc.lows.index(";")
    assert doc.has_finite(0, said + 1) and not doc.has_finite(0, said)
    assert doc.clause_break[semicolon + 1] == semicolon and doc.clause_break[colon] == -1
    assert doc.finite_before(len(doc.toks), 0) == doc.lows.index("left")
    assert doc.finite_from(0, len(doc.toks)) == said


def test_clause_indexes_match_a_token_by_token_reading():
    """The prefix counts and clause breaks built in bulk agree with reading token by token."""
    text = ("He said: the plan; the vote “is over: done; gone” and they want to stay. "
            "Officials, who arrived, said this caused delays: none; one.\n\nThe end: it came.")
    doc = AttributionDocument(Document(text))
    last, sentence = -1, -1
    for i, tok in enumerate(doc.toks):
        if doc.sent[i] != sentence:
            sentence, last = doc.sent[i], -1
        assert doc.clause_break[i] == last
        if tok.text in {";", ":"} and not doc.in_quote[i]:
            last = i
        assert doc.has_verb(i, i + 1) == (tok.pos.startswith("VB") or tok.pos == "MD")
        assert doc.para_of_tok[i] == max(0, doc.paragraph_at(tok.start))
    assert any(b >= 0 for b in doc.clause_break) and max(doc.para_of_tok) == 1
