"""What each cue reports: the adjacent quotation (direct), else the clause after "said (that)"
or the clause before ", X said." (indirect; mixed when that clause holds a quotation).

attach_content runs on frames that have a source; it sets frame.content (a character span),
frame.direct and frame.quote_ids, or leaves content None when the frame reports nothing."""
from __future__ import annotations

from analysis.attribution.cues import Frame
from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    CLAUSE_COMMAS,
    END_PUNCT,
    FINITE_TAGS,
    PP_WORDS,
    QUOTE_TOKENS,
    TELL_VERBS,
    CueVerb,
    is_cue_word,
)
from analysis.attribution.phrases import Span, is_time, np_forward

_END_OR_CLOSING_MARK = END_PUNCT | {'"', "”"}
_END_COMMA_OR_PAREN = END_PUNCT | {",", ")"}
_END_OR_CLAUSE_MARK = END_PUNCT | {",", ";", ":"}
_WEAK_BUT_BACKWARD = {"believe", "think", "predict", "suggest", "agree", "warn"}


# --------------------------------------------------------------------------------------------
# Between the cue and its content


def _skip_prepositional(doc: AttributionDocument, i: int, hi: int) -> int | None:
    """The token after a prepositional phrase at token i ("in a statement", "on Tuesday",
    "in 2016"), or None when there is none."""
    if not (doc.lower(i) in PP_WORDS and i + 1 < hi and not doc.in_quote[i + 1]
            and (i + 1) not in doc.quote_of_tok):
        return None
    np_ = np_forward(doc, i + 1, hi)
    if np_ is not None:
        return np_[1] + 1
    m = i + 1
    while m < hi and (is_time(doc, m) or doc.toks[m].pos in {"CD", "DT"}):
        m += 1
    return m if m > i + 1 and is_time(doc, m - 1) else None


def skip_adjuncts(doc: AttributionDocument, i: int, hi: int, verb: CueVerb | None) -> tuple[int, bool]:
    """Skip what sits between a cue and its content: the addressee of "tell", prepositional
    phrases ("in a statement", "at a briefing"), time words, commas, "that". Returns (index of the
    first content token, whether a complementiser "that" was seen)."""
    tell = verb is not None and verb.lemma in TELL_VERBS
    took_object = False
    while i < hi:
        low = doc.lower(i)
        tok = doc.toks[i]
        if low == "that" and tok.pos in {"IN", "WDT", "DT"}:
            if i + 1 < hi and doc.toks[i + 1].pos in {"VBZ", "VBD", "VBP", "MD", ",", "."}:
                return i, False  # "that is" / "that was": pronoun subject, part of the content
            return i + 1, True
        if low in CLAUSE_COMMAS or is_time(doc, i):
            i += 1
            continue
        if tell and not took_object and tok.pos in {"NNP", "NNPS", "NN", "NNS", "PRP", "DT", "PRP$", "JJ"}:
            np_ = np_forward(doc, i, hi)
            if np_ is not None or tok.pos == "PRP":
                i = (np_[1] if np_ else i) + 1
                took_object = True
                continue
        following = _skip_prepositional(doc, i, hi)
        if following is None:
            break
        i = following
    return i, False


def sentence_content_end(doc: AttributionDocument, i: int, hi: int) -> int:
    """Last token index (inclusive) of a content that runs from token i to the sentence end,
    without the final period (a closing mark that ends a quotation stays)."""
    j = hi - 1
    while j >= i and doc.toks[j].text in _END_OR_CLOSING_MARK and (j not in doc.quote_of_tok):
        j -= 1
    return j


# --------------------------------------------------------------------------------------------
# Direct: an adjacent quotation


def _quote_before(doc: AttributionDocument, frame: Frame) -> int | None:
    """The quotation that ends right before the frame, in the frame's paragraph ("“...,”
    Helvey said.")."""
    if frame.kind == "according_to" or frame.first <= 0:
        return None
    q = doc.quote_ending_at(frame.first - 1)
    if q is not None and doc.para_of_tok[frame.first] == doc.para_of_tok[doc.token_at(doc.quotes[q][1] - 1)]:
        return q
    return None


def _quote_is_part_of_clause(doc: AttributionDocument, q: int, frame_starts: set[int]) -> bool:
    """"Trump says “...” because “...”": the sentence goes on after the quotation (with no new
    subject or frame), so the quotation is only part of the content."""
    _, q_last = doc.quote_tokens(q)
    m = q_last + 1
    while m < len(doc.toks) and doc.toks[m].text in _END_COMMA_OR_PAREN:
        m += 1
    rest_same_sentence = m < len(doc.toks) and doc.sent[m] == doc.sent[q_last] and \
        doc.para_of_tok[m] == doc.para_of_tok[q_last] and m not in frame_starts
    return rest_same_sentence and doc.toks[m].pos not in {"PRP", "NNP", "NNPS"}


def _quote_after(doc: AttributionDocument, frame: Frame, k: int, after: int,
                 before_q: int | None, frame_starts: set[int]) -> int | None:
    """The quotation opening at token k, right after a verb frame ("Helvey said: “...”", "wrote
    in a tweet Tuesday, “...”"), in its paragraph or the next one."""
    q = doc.quote_starting_at(k)
    frame_para = doc.para_of_tok[frame.last]
    if q is None or doc.para_of_tok[k] not in (frame_para, frame_para + 1):
        return None
    same_para = doc.para_of_tok[k] == frame_para
    colon_end = k > 0 and doc.toks[k - 1].text == ":"
    if not ((same_para and k > after) or colon_end
            or (same_para and not frame.inverted and before_q is None)):
        return None
    if not colon_end and _quote_is_part_of_clause(doc, q, frame_starts):
        return None
    return q


def _quote_inside(doc: AttributionDocument, q: int) -> str:
    """The quotation's text without its closing mark and trailing spaces."""
    q_start, q_end = doc.quotes[q]
    return doc.text[q_start:q_end].rstrip("”\"» ")


def _direct_quote(doc: AttributionDocument, frame: Frame, after: int, frame_starts: set[int]) -> int | None:
    """The quotation the frame reports, after it or before it, or None."""
    before_q = _quote_before(doc, frame)
    k = after
    while k < len(doc.toks) and doc.toks[k].text in {":", ",", "--", "—"}:
        k += 1
    after_q = _quote_after(doc, frame, k, after, before_q, frame_starts) if frame.kind == "verb" else None
    if before_q is not None and after_q is None:
        # “... soft.” He says referees ...: a finished quoted sentence, then a new reported clause
        nxt = doc.toks[after] if after < len(doc.toks) else None
        if _quote_inside(doc, before_q).endswith(".") and nxt is not None and \
                nxt.text not in _END_OR_CLAUSE_MARK and after not in doc.quote_of_tok:
            before_q = None
    if before_q is not None and after_q is not None:
        # “... .” Cruz says, “...” : a quotation that ends a sentence belongs to its own frame
        if not _quote_inside(doc, before_q).endswith((".", "!", "?")) or \
                doc.toks[k - 1].text not in {",", ":"}:
            after_q = None
    return after_q if after_q is not None else before_q


# --------------------------------------------------------------------------------------------
# Indirect: a reported clause


def _forward_end(doc: AttributionDocument, after: int, end: int, frame_starts: set[int]) -> int:
    """Where the clause after the cue stops: before a following frame, a colon, a participle
    clause, or a second cue's "and says"."""
    for m in range(after + 1, end + 1):
        if doc.toks[m].text == "," and (m + 1) in frame_starts:
            return m - 1
        if doc.toks[m].text in {":", ";"} and not doc.in_quote[m] and m - 1 > after:
            return m - 1  # "... from all sides: Howard Stern ...": what follows elaborates
        if doc.toks[m].text == "," and m + 1 <= end and doc.toks[m + 1].pos == "VBG" \
                and m - 1 > after and not doc.in_quote[m]:
            return m - 1  # ", saying ...": a participle clause about the speaker, not the content
        if doc.lower(m) in {"and", "but"} and m + 1 <= end and m - 1 > after and \
                is_cue_word(doc.lower(m + 1)) and doc.toks[m + 1].pos in {"VBZ", "VBD", "VBP", "VBN"}:
            return m - 1  # "says she respects X but argues that ...": the next cue's content
    return end


def _forward_clause(doc: AttributionDocument, after: int, s_hi: int, saw_that: bool,
                    frame_starts: set[int]) -> Span | None:
    """The clause after a verb cue, to the end of its sentence: a clause (a verb, "that") or at
    least three tokens."""
    end = sentence_content_end(doc, after, s_hi)
    if not (after < s_hi and end - after >= 1):
        return None
    end = _forward_end(doc, after, end, frame_starts)
    has_verb = any(doc.toks[m].pos.startswith("VB") or doc.toks[m].pos == "MD" for m in range(after, end + 1))
    if end >= after and (has_verb or saw_that or end - after >= 2):
        return (after, end)
    return None


def _skip_opening_marks(doc: AttributionDocument, start: int, stop: int) -> int:
    """The first token from `start` that is no quotation mark or dash."""
    while start < stop and doc.toks[start].text in QUOTE_TOKENS:
        start += 1
    return start


def _backward_clause(doc: AttributionDocument, comma: int, s_lo: int) -> Span | None:
    """The clause before ", X said.": from the sentence start (or its last colon or semicolon)
    to the comma, when it has a finite verb and at least three tokens."""
    if not (comma > s_lo and doc.toks[comma].text in CLAUSE_COMMAS):
        return None
    start = s_lo
    for m in range(comma - 1, s_lo - 1, -1):
        if doc.toks[m].text in {";", ":"} and not doc.in_quote[m]:
            start = m + 1
            break
    start = _skip_opening_marks(doc, start, comma)
    finite = any(doc.toks[m].pos in FINITE_TAGS for m in range(start, comma))
    return (start, comma - 1) if comma - start >= 3 and finite else None


def _according_to_clauses(doc: AttributionDocument, frame: Frame, comma: int, s_lo: int, s_hi: int,
                          backward: Span | None) -> tuple[Span | None, Span | None]:
    """(forward, backward) for "according to": "According to X, ..." at the sentence start, or
    "..., according to X" after any clause of two tokens or more."""
    forward = None
    if backward is None and frame.first == s_lo:
        k = frame.last + 1
        while k < s_hi and doc.toks[k].text == ",":
            k += 1
        e = sentence_content_end(doc, k, s_hi)
        if e > k:
            forward = (k, e)
    if backward is None and comma > s_lo and doc.toks[comma].text == "," and comma - s_lo >= 2:
        backward = (s_lo, comma - 1)
    return forward, backward


def _weak_verb_clauses(doc: AttributionDocument, verb: CueVerb, forward: Span | None,
                       backward: Span | None) -> tuple[Span | None, Span | None]:
    """A weak verb ("believes") without "that" reports only a quoted or longer clause after it,
    and a clause before it only for a few verbs of opinion."""
    quoted = forward is not None and any(
        qs >= doc.toks[forward[0]].start and qs < doc.toks[forward[1]].end for qs, _ in doc.quotes)
    if not quoted and not (forward is not None and forward[1] - forward[0] >= 2):
        forward = None
    if verb.lemma not in _WEAK_BUT_BACKWARD:
        backward = None
    return forward, backward


def _is_parenthetical(doc: AttributionDocument, frame: Frame, after: int) -> bool:
    """"X, he said on Tuesday, ..." or "..., he said.": the frame interrupts or ends a clause."""
    return after > frame.last + 1 and any(
        doc.toks[m].text == "," for m in range(frame.last + 1, after)) or (
        after < len(doc.toks) and after == frame.last + 1 and doc.toks[after].text in END_PUNCT)


def _surrounding_start(doc: AttributionDocument, frame: Frame, forward: Span | None, backward: Span | None,
                       saw_that: bool, comma: int, s_lo: int, after: int) -> int | None:
    """"This campaign, he says, is different.": the first token of a content that surrounds the
    frame, or None."""
    if not (frame.kind == "verb" and backward is None and forward is not None and not saw_that
            and comma > s_lo and doc.toks[comma].text == "," and after > frame.last + 1
            and doc.toks[frame.last + 1].text == ","):
        return None
    start = _skip_opening_marks(doc, s_lo, comma)
    return start if comma - start >= 1 else None


def _attach_clause(doc: AttributionDocument, frame: Frame, after: int, saw_that: bool,
                   frame_starts: set[int]) -> None:
    """Indirect content: the clause after the cue, or the clause before ", X said."."""
    s_lo, s_hi = doc.sent_bounds[doc.sent[frame.cue_first]]
    comma = frame.first - 1
    forward = _forward_clause(doc, after, s_hi, saw_that, frame_starts) if frame.kind == "verb" else None
    backward = _backward_clause(doc, comma, s_lo)
    if frame.kind == "according_to":
        forward, backward = _according_to_clauses(doc, frame, comma, s_lo, s_hi, backward)
    if frame.verb is not None and frame.verb.weak and not saw_that:
        forward, backward = _weak_verb_clauses(doc, frame.verb, forward, backward)
    if frame.inverted and frame.kind == "verb":
        forward = None
    start = _surrounding_start(doc, frame, forward, backward, saw_that, comma, s_lo, after)
    if start is not None:
        frame.content = (doc.toks[start].start, doc.toks[forward[1]].end)
        frame.quote_ids = doc.quotes_within(*frame.content)
        return
    if forward is not None and (saw_that or backward is None or not _is_parenthetical(doc, frame, after)):
        choice = forward
    elif backward is not None:
        choice = backward
    else:
        return
    content = (doc.toks[choice[0]].start, doc.toks[choice[1]].end)
    for qs, qe in doc.quotes:
        # He said Cruz “has courage ... He’s not only unafraid.” - the quotation carries on
        if content[0] <= qs < content[1] < qe:
            content = (content[0], qe)
    frame.content = content
    frame.quote_ids = doc.quotes_within(*content)


def _attach_colon_content(doc: AttributionDocument, frame: Frame) -> None:
    """"John McCain: ..." - the quotation after the colon, or the rest of the sentence."""
    first = frame.cue_last + 1
    q = doc.quote_starting_at(first)
    if q is not None:
        frame.content, frame.direct, frame.quote_ids = doc.quotes[q], True, (q,)
        return
    last = sentence_content_end(doc, first, doc.sent_bounds[doc.sent[frame.cue_last]][1])
    if last > first:
        frame.content = (doc.toks[first].start, doc.toks[last].end)


def attach_content(doc: AttributionDocument, frame: Frame, frame_starts: set[int]) -> None:
    """Set the frame's content: a quotation next to it, else a reported clause. `frame_starts`
    are the first tokens of every frame, where a content must stop."""
    if frame.kind == "colon":
        _attach_colon_content(doc, frame)
        return
    after, saw_that = skip_adjuncts(doc, frame.last + 1, len(doc.toks), frame.verb)
    q = _direct_quote(doc, frame, after, frame_starts)
    if q is not None:
        frame.content, frame.direct, frame.quote_ids = doc.quotes[q], True, (q,)
        return
    if frame.kind == "dash" or (frame.verb is not None and frame.verb.quote_only):
        return
    _attach_clause(doc, frame, after, saw_that, frame_starts)
