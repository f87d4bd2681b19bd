"""Noun phrases and verb groups on the token list: the source of a cue is a noun phrase before
it ("David Helvey said") or after it ("said Caddell"), never a time word ("said Tuesday"); and
the clause tests the content and participle rules share: whether a content holds a verb of its
own, and which subject a participle after a clause speaks for."""
from __future__ import annotations

import re

from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    ADVERB_TAGS,
    AUX,
    CLAUSE_COMMAS,
    DETERMINERS,
    FINITE_TAGS,
    NOUNISH,
    NP_INNER_WORDS,
    NP_TAGS,
    PRONOUNS,
    TIME_NOUNS,
    TIME_WORDS,
    anonymous_heads,
    org_heads,
    title_words,
)
from analysis.attribution.people import split_initial

Span = tuple[int, int]  # first and last token index, inclusive

_NP_OR_ADVERB_TAGS = NP_TAGS | {"RB"}         # what may precede an inner word ("officials close to")
_NP_LINK_WORDS = NP_INNER_WORDS - DETERMINERS  # inner words a phrase does not start on


def is_time(doc: AttributionDocument, i: int) -> bool:
    """Time words that sit between a cue and its content ("said Tuesday", "last week")."""
    low = doc.lower(i)
    if low in {"this", "last", "next"}:
        return i + 1 < len(doc.toks) and doc.lower(i + 1) in TIME_NOUNS
    if low == "may":
        return doc.toks[i].pos == "NNP" and doc.toks[i].text == "May"
    return low in TIME_WORDS or doc.toks[i].pos == "CD" and low.isdigit()


def _extends_phrase(tag: str, low: str) -> bool:
    """A token that can sit inside a noun phrase: a nominal tag, not a pronoun or auxiliary
    (a possessive marker is fine even when it looks like "'s" the auxiliary)."""
    return tag in NP_TAGS and tag != "PRP" and (low not in AUX or tag == "POS")


def _starts_clause_at_name(doc: AttributionDocument, k: int, i: int, heads: frozenset[str],
                           titles: frozenset[str]) -> bool:
    """"a list of entities Washington believes": a lower-case common noun right before a name
    ends the phrase, unless it is a title or an anonymous head ("officials"); `heads` and
    `titles` are anonymous_heads() and title_words()."""
    tok = doc.toks[k]
    low = doc.lows[k]
    return tok.pos in {"NN", "NNS"} and tok.text.islower() and doc.toks[i].pos in {"NNP", "NNPS"} \
        and low not in titles and low not in heads


def _trim_leading_tail(doc: AttributionDocument, i: int, j: int) -> int:
    """A phrase that swallowed a preposition but starts with a common word is probably the tail
    of the previous clause ("links to North Korea Tillerson"): the start of the part after it."""
    heads = anonymous_heads()
    for k in range(j - 1, i, -1):
        if doc.lower(k) in {"to", "from", "on", "in", "at", "and"} and doc.toks[k + 1].text[:1].isupper():
            before = [doc.toks[m] for m in range(i, k)]
            if before and not any(t.text[:1].isupper() or t.text.lower() in heads
                                  for t in before):
                return k + 1
    return i


PARTY_TAG = re.compile(r"^[RDI]-[A-Z][A-Za-z.]*$")  # "R-Ariz", "D-N.Y."


def _bracketed_tag_start(doc: AttributionDocument, j: int, lo: int) -> int | None:
    """"Sen. John McCain (R-Ariz.)": the opening bracket of a party-and-state tag that ends at
    token j, or None."""
    if doc.toks[j].text != ")" or doc.in_quote[j]:
        return None
    k = j - 1
    while k > lo and j - k <= 4 and doc.toks[k].text != "(":
        k -= 1
    if k > lo and doc.toks[k].text == "(" and PARTY_TAG.match(doc.toks[k + 1].text):
        return k
    return None


def np_backward(doc: AttributionDocument, j: int, lo: int) -> Span | None:
    """The noun phrase ending at token j (inclusive), not before token lo; a name's bracketed
    party tag is passed over ("Sen. John McCain (R-Ariz.) said": "Sen. John McCain")."""
    if j < lo:
        return None
    bracket = _bracketed_tag_start(doc, j, lo)
    if bracket is not None:
        return np_backward(doc, bracket - 1, lo)
    head = doc.toks[j]
    if head.pos not in NOUNISH or doc.in_quote[j] or is_time(doc, j):
        return None
    if head.pos == "PRP":
        return (j, j) if doc.lower(j) in PRONOUNS else None
    heads, titles = anonymous_heads(), title_words()
    i = j
    while i - 1 >= lo:
        k = i - 1
        tok = doc.toks[k]
        low = doc.lows[k]
        if low == "." and split_initial(doc.toks, k):
            i = k  # "John A. Boehner": the tokenizer split the initial's period off
            continue
        if doc.in_quote[k] or k in doc.quote_of_tok or low in {",", ".", ":", ";"}:
            break
        if tok.pos in {"VBN", "VBG"} and tok.text[:1].isupper() and doc.toks[i].pos in {"NNP", "NNPS"} \
                and (k == lo or doc.toks[k - 1].pos in {"DT", ",", "IN", "CC"}):
            i = k  # "Planned Parenthood", "King Soopers": a capitalised participle opens the name
            break
        if is_time(doc, k) and tok.pos not in {"NNS"}:
            break
        if _starts_clause_at_name(doc, k, i, heads, titles):
            break
        if _extends_phrase(tok.pos, low):
            i = k
            continue
        if low in NP_INNER_WORDS and k - 1 >= lo and doc.toks[k - 1].pos in _NP_OR_ADVERB_TAGS:
            i = k
            continue
        break
    # do not start on a preposition / conjunction that the walk allowed inside
    while i < j and (doc.lower(i) in _NP_LINK_WORDS or doc.toks[i].pos == "POS"):
        i += 1
    return (_trim_leading_tail(doc, i, j), j)


def np_forward(doc: AttributionDocument, i: int, hi: int) -> Span | None:
    """The noun phrase starting at token i, ending before token hi."""
    if i >= hi or doc.in_quote[i] or i in doc.quote_of_tok:
        return None
    first = doc.toks[i]
    if first.pos == "PRP":
        return (i, i) if doc.lower(i) in PRONOUNS else None
    if first.pos not in NP_TAGS or doc.lower(i) in {"that", "this", "these", "those"}:
        return None
    j = i
    last_noun = i if first.pos in NOUNISH else None
    while j + 1 < hi:
        k = j + 1
        tok = doc.toks[k]
        low = doc.lows[k]
        if doc.in_quote[k] or k in doc.quote_of_tok:
            break
        if _extends_phrase(tok.pos, low):
            j = k
            if tok.pos in NOUNISH:
                last_noun = k
            continue
        if low in {"of", "for", "at", "with", "from", "&", "close"} and k + 1 < hi and \
                doc.toks[k + 1].pos in NP_TAGS and doc.toks[k + 1].pos != "PRP":
            j = k
            continue
        break
    if last_noun is None:
        return None
    # "said Tuesday": a time word is no source
    if all(is_time(doc, m) or doc.toks[m].pos in {"DT", "JJ", "IN"} for m in range(i, last_noun + 1)):
        return None
    return (i, last_noun)


def skip_back_aux(doc: AttributionDocument, i: int, lo: int) -> int:
    """Index of the first token of the verb group ending just before token i+1."""
    while i - 1 >= lo and (doc.lower(i - 1) in AUX or doc.toks[i - 1].pos in ADVERB_TAGS
                           or doc.toks[i - 1].pos == "MD") and not doc.in_quote[i - 1] \
            and doc.lower(i - 1) not in {"not", "n't", "never"}:
        i -= 1
    return i


def subject_of_verb(doc: AttributionDocument, m: int, lo: int) -> Span | None:
    """The noun phrase before the verb group of the finite verb at token m."""
    return np_backward(doc, skip_back_aux(doc, m, lo) - 1, lo)


# --------------------------------------------------------------------------------------------
# Clauses: the verb a content holds, the subject a participle speaks for


_SUBORDINATORS = {"as", "because", "when", "while", "if", "who", "which", "that", "after", "before",
                  "since", "although", "though", "until", "whether", "where"}
_SPEAKER_PRONOUNS = {"he", "she", "they"}  # not the writer's "I" ("..., signaling ...")
_LOOK_BACK = 3  # finite verbs tried before a participle (a bound keeps the stage linear)


def speaker_like(doc: AttributionDocument, span: tuple[int, int]) -> bool:
    """A subject that can speak: a name, a personal pronoun, or an anonymous or organisation
    head ("officials", "the agency"), not "the data", "prices" or "McConnell’s comments"."""
    first, last = span
    s_lo = doc.sent_bounds[doc.sent[first]][0]
    head = doc.lows[last]
    if head in _SPEAKER_PRONOUNS or head in anonymous_heads() or head in org_heads():
        return True
    if doc.toks[last].pos in {"NN", "NNS"} and doc.toks[last].text.islower() and any(
            doc.toks[m].pos == "POS" for m in range(first, last)):
        return False  # "McConnell’s comments": a thing a name owns
    return any(doc.toks[m].pos in {"NNP", "NNPS"} or m > s_lo and doc.toks[m].text[:1].isupper()
               and doc.toks[m].pos != "PRP" for m in range(first, last + 1))  # also "Pickens"/NNS


_RELATIVE_REACH = 30  # tokens a relative clause between a subject and its verb may take


def subject_before_relative(doc: AttributionDocument, m: int, s_lo: int) -> tuple[int, int] | None:
    """"Dan Bongino, who ran for the Senate last year, gave ...": the phrase before ", who"."""
    k = skip_back_aux(doc, m, s_lo) - 1
    if k < s_lo or doc.toks[k].text != ",":
        return None
    for c in range(k - 1, max(s_lo, k - _RELATIVE_REACH), -1):
        if doc.toks[c].text == "," and doc.lows[c + 1] in {"who", "which"}:
            return np_backward(doc, c - 1, s_lo)
    return None


def main_subject_before(doc: AttributionDocument, cue: int, s_lo: int,
                         known: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
    """The subject of the main clause before a participle: the nearest finite verb's subject
    (the source of that verb's frame when it has one: `known`, cue token -> source), passing
    over a subordinate clause's ("Online vigilantes unearthed ..., even as they were trying
    ..., accusing them of ...")."""
    hi = cue
    for _ in range(_LOOK_BACK):
        m = doc.finite_before(hi, s_lo)
        if m is None:
            return None
        if m in known:
            return known[m] if speaker_like(doc, known[m]) else None
        subject = subject_of_verb(doc, m, s_lo) or subject_before_relative(doc, m, s_lo)
        if subject is not None and not (subject[0] > s_lo and doc.lows[subject[0] - 1] in _SUBORDINATORS):
            return subject if speaker_like(doc, subject) else None
        hi = m
    return None


def main_subject_after(doc: AttributionDocument, cue: int, s_hi: int) -> tuple[int, int] | None:
    """"While saying Romney has ..., Pickens expressed ...", "Describing Ms. Rice’s conduct as
    “exemplary,” he warned ...": the subject after the opening participle clause."""
    lo = cue + 1
    for _ in range(_LOOK_BACK):
        m = doc.finite_from(lo, s_hi)
        if m is None:
            return None
        subject = subject_of_verb(doc, m, cue + 1)
        if subject is not None and (doc.toks[subject[0] - 1].text == "," or subject[0] - 1 in doc.quote_of_tok):
            return subject if speaker_like(doc, subject) else None
        lo = m + 1
    return None


def infinitive_at(doc: AttributionDocument, i: int, hi: int) -> bool:
    """Token i is the verb of an infinitive after "to": tagged a base verb, or a lower-case
    singular noun with no determiner that is followed by an object ("to share home-security
    video", where the tagger read "share" as a noun)."""
    if i >= hi or doc.in_quote[i]:
        return False
    tok = doc.toks[i]
    if tok.pos == "VB":
        return True
    return tok.pos == "NN" and tok.text.islower() and i + 1 < hi and \
        doc.toks[i + 1].pos in {"DT", "JJ", "PRP$", "PRP", "NNS"}


_CLAUSE_WINDOW = 25  # tokens of a content searched for its verb (a bound keeps cues linear)
_NO_SUBJECT_BEFORE = {"CC", "WDT", "WP", "WP$", "(", ")", ":", "TO"}


_SUBORDINATING = {"before", "after", "when", "because", "while", "if", "since", "until",
                  "although", "though", "unless", "once", "whenever"}


def clause_verb_within(doc: AttributionDocument, first: int, last: int, to_comma: bool = False) -> bool:
    """A finite verb with a subject before it ("said the plan would fail"; "says this caused",
    a past form after a subject), among the content's first tokens (before the first comma if
    `to_comma`). A verb after "and", a relative pronoun or a bracket belongs to another clause:
    "announced new leases ... and pushed a plan", "a list of people who were ..."; so does one
    after a subordinating conjunction ("yelling insults at the students before Phillips
    approached"); an infinitive deep in a noun object is its modifier ("signaled willingness to
    compromise", "declared a state of emergency to help")."""
    if not doc.has_verb(first, last + 1):
        return False
    stop = min(last, first + _CLAUSE_WINDOW)
    for m in range(first + 1, stop + 1):
        if doc.lows[m] in _SUBORDINATING or to_comma and doc.toks[m].text == "," and not doc.in_quote[m]:
            return False
        tag = doc.toks[m].pos
        if tag not in FINITE_TAGS and not (tag in {"VBN", "VBD"} and m <= first + 2):
            continue
        p = m - 1
        while p > first and doc.toks[p].pos in ADVERB_TAGS:
            p -= 1
        if p == first and doc.lows[p] == "that":
            return True  # "said that is wrong": the pronoun subject skip_adjuncts left
        if doc.toks[p].pos not in _NO_SUBJECT_BEFORE and doc.lows[p] not in {"and", "or", "but"}:
            return True
    return False


def complement_within(doc: AttributionDocument, first: int, last: int) -> bool:
    """"expressed eagerness to work with Democrats", "voicing hope that ...": a stance noun
    with its clause (an infinitive or "that" right after a noun of one or two words)."""
    for m in range(first + 1, min(last, first + 3)):
        if doc.toks[m - 1].pos in {"NN", "NNS"} and (
                doc.lows[m] == "that" or doc.lows[m] == "to" and infinitive_at(doc, m + 1, last + 1)):
            return True
    return False


def inanimate(doc: AttributionDocument, span: tuple[int, int]) -> bool:
    """A subject that is a thing: a lower-case common noun that heads no source ("the math",
    "the conversation", "a look at both races"), not "officials", "the agency", "Pickens"."""
    last = span[1]
    return doc.toks[last].pos in {"NN", "NNS"} and doc.toks[last].text.islower() and \
        not speaker_like(doc, span) and doc.lows[last] not in title_words()


DESCRIPTION_TAGS = {"NNP", "NNPS", "NN", "JJ", "DT", "POS"}  # a short description: "member station KQED"


def comma_before_as(doc: AttributionDocument, k: int, s_lo: int) -> int:
    """"..., as member station KQED reports.", "— as he pointed out —": the comma or dash before "as" and the source's
    description, where the reported clause ends; else k. (The outlet's own "as we reported" is
    no attribution: the caller leaves "we" out.)"""
    m = k
    while m > s_lo and k - m < 4 and doc.toks[m].pos in DESCRIPTION_TAGS and doc.lows[m] != "as":
        m -= 1
    if m - 1 > s_lo and doc.lows[m] == "as" and doc.toks[m - 1].text in CLAUSE_COMMAS:
        return m - 1
    return k
