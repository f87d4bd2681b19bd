"""The source mention of each cue: the subject before it (with an apposition, "X, a senior aide,
said", or a relative pronoun, "Barkley, who said"), the subject of the main clause for a
participle ("..., saying") or a second verb ("... and says"), else the inverted subject after
it ("said Caddell"), the noun phrase after "according to", the name after a signing dash. A
time is never the source ("the 1970s"; "Gen. John Kelly on Thursday criticized": Kelly); a
participle after an issued medium speaks for the issuer ("Grassley released a statement
saying"); "who" after a description of a name is the name ("Jack Wilson, the chairman of ...,
who called")."""
from __future__ import annotations

import re

from analysis.attribution.cues import Frame
from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    AUX,
    CLAUSE_COMMAS,
    FINITE_TAGS,
    MEDIA,
    TIME_WORDS,
    anonymous_heads,
    places,
)
from analysis.attribution.people import is_person_name
from analysis.attribution.phrases import (
    PARTY_TAG,
    Span,
    is_time,
    np_backward,
    np_forward,
    skip_back_aux,
    subject_of_verb,
)

_AUX_BUT_TO = AUX - {"to"}  # auxiliaries a cue takes in ("has told"), not the infinitive's "to"


def _signature(doc: AttributionDocument, j: int, s_hi: int) -> Span:
    """The capitalised run after a signing dash: “...” ― Carla Sanchez."""
    k = j
    while k + 1 < s_hi and (doc.toks[k + 1].text[:1].isupper() or doc.toks[k + 1].pos == "NNP"):
        k += 1
    return (j, k)


def _with_auxiliaries(doc: AttributionDocument, cue_first: int, group_first: int) -> int:
    """The cue's first token once its auxiliaries are included ("has told"), not adverbs ("also")."""
    c = cue_first
    while c - 1 >= group_first and (doc.lower(c - 1) in _AUX_BUT_TO or doc.toks[c - 1].pos == "MD"):
        c -= 1
    return c


_MEDIUM_PREPOSITIONS = {"in", "on", "via", "through"}


def _is_place_tail(region: list) -> bool:
    """"D.C.", "Calif.", "Texas", "R-Ohio": what follows a name or an organisation after a
    comma and is no apposition of its own."""
    words = [t.text for t in region]
    return 1 <= len(words) <= 3 and (
        len(words) == 1 and (PARTY_TAG.match(words[0]) or words[0].endswith(".") and words[0][:1].isupper())
        or " ".join(words) in places())


def _is_person(doc: AttributionDocument, span: Span) -> bool:
    """A person's name (a known first name and a surname), maybe followed by "of" and a place:
    "Dianne Feinstein of California"."""
    words = []
    for m in range(span[0], span[1] + 1):
        if doc.lows[m] == "of" and words:
            break
        words.append(doc.toks[m].text)
    return all(w[:1].isupper() for w in words) and is_person_name(words, [])


def _apposition_subject(doc: AttributionDocument, comma: int, s_lo: int, depth: int = 0) -> Span | None:
    """"David Helvey, assistant secretary of defense ..., said": the phrase before the opening
    comma, when what the commas enclose is no clause (or a relative one). A place after a comma
    is skipped ("the ACLU of Washington, D.C., said"); the name in an apposition speaks for a
    description ("His father, Anzor Tsarnaev, said"; "The ranking Democrat on that panel,
    Dianne Feinstein of California, said"), and the name before a description of two parts
    ("Rosemary Gibson, a senior adviser to the Garrison, New York-based ..., told")."""
    k = comma - 1
    while k >= s_lo and doc.toks[k].text != "," and not doc.in_quote[k] and k not in doc.quote_of_tok:
        k -= 1
    if not (k > s_lo and doc.toks[k].text == ","):
        return None
    region = doc.toks[k + 1:comma]
    if depth < 2 and _is_place_tail(region):
        return _apposition_subject(doc, k, s_lo, depth + 1) or np_backward(doc, k - 1, s_lo)
    finite = any(t.pos in FINITE_TAGS for t in region)
    relative = region and region[0].text.lower() in {"who", "which", "whose"}
    if not region or (finite and not relative):
        return None
    outer = np_backward(doc, k - 1, s_lo)
    if outer is not None and not relative and (
            _describes(doc, outer) and _is_name(region) or
            _is_person(doc, (k + 1, comma - 1)) and not _is_person(doc, outer)):
        return (k + 1, comma - 1)  # "His father, Anzor Tsarnaev, said": the name speaks
    if outer is not None and not relative and depth < 2 and doc.toks[outer[0]].text.islower() and \
            outer[0] - 1 > s_lo and doc.toks[outer[0] - 1].text == ",":
        name = np_backward(doc, outer[0] - 2, s_lo)
        if name is not None and _is_person(doc, name):
            return name
    return outer


def _describes(doc: AttributionDocument, span: Span) -> bool:
    """A description without a proper name: "His father", "the company's spokesman"."""
    return not any(doc.toks[m].pos in {"NNP", "NNPS"} for m in range(span[0], span[1] + 1))


def _is_name(region: list) -> bool:
    """Capitalised proper nouns only (a name set off by commas)."""
    return 1 <= len(region) <= 4 and all(t.pos in {"NNP", "NNPS"} and t.text[:1].isupper() for t in region)


def _named_antecedent(doc: AttributionDocument, span: Span | None, s_lo: int) -> Span | None:
    """The antecedent of "who": a description set off by commas after a person's name stands
    for the name ("Jack Wilson, the chairman of the Republican Party of Virginia, who called")."""
    if span is None or not doc.toks[span[0]].text.islower() or span[0] - 2 < s_lo or \
            doc.toks[span[0] - 1].text != ",":
        return span
    name = np_backward(doc, span[0] - 2, s_lo)
    return name if name is not None and _is_person(doc, name) else span


def _subject_before(doc: AttributionDocument, frame: Frame, before: int, s_lo: int) -> Span | None:
    """The subject right before the verb group (token `before` is its last token)."""
    if before < s_lo:
        return None
    if doc.toks[before].text == ",":
        found = _apposition_subject(doc, before, s_lo)
        if found is None and before - 1 >= s_lo and doc.toks[before - 1].text == ")":
            return np_backward(doc, before - 1, s_lo)  # "Sen. Rand Paul (R-KY), wrote"
        return found
    if doc.lower(before) in {"who", "which"} and doc.toks[before].pos in {"WP", "WDT"}:
        # "Barkley, who said he ...": the relative pronoun is the mention, the noun before it
        # the speaker
        k = before - 1
        if k >= s_lo and doc.toks[k].text == ",":
            k -= 1
        frame.antecedent = _named_antecedent(doc, np_backward(doc, k, s_lo), s_lo)
        return (before, before) if frame.antecedent is not None else None
    src = np_backward(doc, before, s_lo)
    if src is None and is_time(doc, before):
        src = _before_time(doc, before, s_lo)  # "Gen. John Kelly on Thursday criticized"
    if src is not None and src[0] == src[1] and PARTY_TAG.match(doc.toks[src[0]].text) and \
            src[0] - 1 > s_lo and doc.toks[src[0] - 1].text == ",":
        return np_backward(doc, src[0] - 2, s_lo) or src  # "Boehner, R-Ohio said"
    if src is not None and doc.lows[src[1]] in MEDIA:
        # "Pat Cipollone in a Tuesday letter argued": the medium is no subject
        m = src[0] - 1
        while m > s_lo and (doc.toks[m].pos in {"DT", "JJ", "CD", "NNP"} or is_time(doc, m)) and src[0] - m < 4:
            m -= 1
        if m > s_lo and doc.lows[m] in _MEDIUM_PREPOSITIONS:
            return np_backward(doc, m - 1, s_lo) or src
    return src


def _subject_of_participle(doc: AttributionDocument, frame: Frame, before: int, s_lo: int) -> Span | None:
    """"Rubio flipped his choice – saying he was ...", "he said, adding that ...": the subject
    of the nearest finite verb before the participle."""
    if not (doc.lower(frame.cue_first).endswith("ing") and before >= s_lo
            and doc.toks[before].text in CLAUSE_COMMAS and frame.verb is not None
            and not frame.verb.weak):
        return None
    m = doc.finite_before(before, s_lo)
    for _ in range(3):
        src = _subject_across_time(doc, m, s_lo) if m is not None else None
        if src is None or not _is_period(doc, src):
            return src
        # "as every candidate since the 1970s has done, arguing": a time is no speaker; the
        # clause before it has the subject
        m = doc.finite_before(src[0], s_lo)
    return None


def _before_time(doc: AttributionDocument, g: int, s_lo: int) -> Span | None:
    """The noun phrase before the time that ends at token g ("Gen. John Kelly on Thursday")."""
    k = g
    while k > s_lo and (is_time(doc, k) or doc.lows[k] in {"on", "in", "at"} and k < g):
        k -= 1
    return np_backward(doc, k, s_lo) if k < g and doc.lows[k + 1] in {"on", "in", "at"} | TIME_WORDS else None


def _subject_across_time(doc: AttributionDocument, m: int, s_lo: int) -> Span | None:
    """The subject of the finite verb at token m, across a time between them ("Gen. John Kelly
    on Thursday publicly criticized")."""
    g = skip_back_aux(doc, m, s_lo) - 1
    found = _before_time(doc, g, s_lo) if g >= s_lo and is_time(doc, g) else None
    return found or subject_of_verb(doc, m, s_lo)


_DECADE = re.compile(r"^(?:\d{4}|'?\d0)s$")


def _is_period(doc: AttributionDocument, span: Span) -> bool:
    """A time or a quantity, no source: "the 1970s", "last week", "percent"."""
    last = span[1]
    return is_time(doc, last) or bool(_DECADE.match(doc.lows[last])) or doc.lows[last] in {"percent", "%"}


def _subject_of_coordination(doc: AttributionDocument, frame: Frame, before: int, s_lo: int) -> Span | None:
    """"McCain survived ... and says such techniques ...": the subject of the first verb."""
    if not (before >= s_lo and doc.lower(before) in {"and", "but"}
            and doc.toks[frame.cue_first].pos in {"VBD", "VBZ", "VBP"}):
        return None
    m = doc.finite_from(s_lo, before)
    return subject_of_verb(doc, m, s_lo) if m is not None else None


def _issuer(doc: AttributionDocument, frame: Frame, src: Span, s_lo: int) -> Span | None:
    """"Grassley released a statement saying ...": a participle after a medium the subject
    issued speaks for that subject, not for the medium."""
    if doc.toks[frame.cue_first].pos != "VBG" or doc.lows[src[1]] not in MEDIA or src[0] - 1 < s_lo:
        return None
    verb = src[0] - 1
    if doc.toks[verb].pos not in {"VBD", "VBZ", "VBP", "VBN"}:
        return None
    m = verb if doc.toks[verb].pos != "VBN" else doc.finite_before(verb + 1, s_lo)
    return subject_of_verb(doc, m, s_lo) if m is not None else None


def _with_capitalised_modifier(doc: AttributionDocument, src: Span, s_lo: int) -> Span:
    """The source with the capitalised participle or adjective the tagger left before its name
    ("Planned Parenthood and other groups say": "Planned" tagged a verb)."""
    k = src[0]
    if doc.toks[k].pos in {"NNP", "NNPS"} and k - 1 >= s_lo and doc.toks[k - 1].text[:1].isupper() \
            and doc.toks[k - 1].pos in {"VBN", "VBD", "VBG", "JJ"} and not doc.in_quote[k - 1] \
            and not is_time(doc, k - 1):
        return (k - 1, src[1])
    return src


def attach_source(doc: AttributionDocument, frame: Frame) -> None:
    """Set frame.src (token span of the source mention, or None) and frame.inverted; a verb
    cue takes in its auxiliaries. The source stays in the cue's sentence."""
    s_lo, s_hi = doc.sent_bounds[doc.sent[frame.cue_first]]
    if frame.kind == "according_to":
        frame.src, frame.inverted = np_forward(doc, frame.cue_last + 1, s_hi), True
        return
    if frame.kind == "colon":
        return  # the name before the colon was set when the frame was found
    if frame.kind == "dash":
        frame.src, frame.inverted = _signature(doc, frame.cue_last + 1, s_hi), True
        return
    first = skip_back_aux(doc, frame.cue_first, s_lo)
    frame.cue_first = _with_auxiliaries(doc, frame.cue_first, first)
    noun = next((m for m in range(frame.cue_first - 1, first - 1, -1) if doc.lows[m] in anonymous_heads()), None)
    if noun is not None:
        # "a Trump ally told": a source noun the tagger took for an adverb ends the subject
        inner = np_backward(doc, noun - 1, s_lo)
        frame.src = (inner[0] if inner is not None else noun, noun)
        return
    before = first - 1
    src = _subject_before(doc, frame, before, s_lo)
    if src is None:
        src = _subject_of_participle(doc, frame, before, s_lo)
    if src is None:
        src = _subject_of_coordination(doc, frame, before, s_lo)
    if src is not None:
        frame.src = _issuer(doc, frame, src, s_lo) or _with_capitalised_modifier(doc, src, s_lo)
        return
    # inverted: "“...,” said Caddell" / "..., said David Helvey"
    after = np_forward(doc, frame.cue_last + 1, s_hi)
    if after is not None and (before < s_lo or doc.toks[before].text in {",", "''", "”", '"'}
                              or before in doc.quote_of_tok):
        frame.src = after
        frame.inverted = True
