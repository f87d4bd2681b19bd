"""What each cue reports: the adjacent quotation (direct), else the clause after "said (that)"
or the clause before ", X said." / ", as KQED reports." (indirect; mixed when that clause holds
a quotation), or the paragraph after a colon that ends its paragraph (a block quotation). Under
the speech scheme a content must be a clause of its own (phrases.clause_verb_within): a finite
verb with its subject, an infinitive or a question, not a noun object with a modifier
("declared a state of emergency to help ...").

attach_content runs on frames that have a source; it sets frame.content (a character span),
frame.direct and frame.quote_ids, or leaves content None when the frame reports nothing."""
from __future__ import annotations

from bisect import bisect_left

from analysis.attribution.cues import Frame, block_after_verb, paragraph_after_colon
from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    CLAUSE_COMMAS,
    END_PUNCT,
    PP_WORDS,
    QUOTE_TOKENS,
    TELL_VERBS,
    CueVerb,
    is_cue_word,
    word_class,
)
from analysis.attribution.phrases import (
    DESCRIPTION_TAGS,
    Span,
    clause_verb_within,
    comma_before_as,
    complement_within,
    infinitive_at,
    is_time,
    np_forward,
)

_END_OR_CLOSING_MARK = END_PUNCT | {'"', "”"}
_END_COMMA_OR_PAREN = END_PUNCT | {",", ")"}
_END_OR_CLAUSE_MARK = END_PUNCT | {",", ";", ":"}
_WEAK_BUT_BACKWARD = word_class("weak_backward_verbs")


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
        if low == "to" and infinitive_at(doc, i + 1, hi):
            break  # "asked residents to share ...": the request, not a phrase to skip
        if low == "that" and tok.pos in {"IN", "WDT", "DT"}:
            if i + 1 < hi and doc.toks[i + 1].pos in {"VBZ", "VBD", "VBP", "MD", ",", "."}:
                return i, False  # "that is" / "that was": pronoun subject, part of the content
            return i + 1, True
        if low in CLAUSE_COMMAS or is_time(doc, i) or (tok.pos == "RB" and low.endswith("ly")):
            i += 1  # ", on Tuesday, publicly"
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
    start = frame.first
    if frame.src is not None and frame.src[1] < frame.cue_first and doc.toks[frame.cue_first].pos == "VBG":
        start = frame.cue_first  # "he said, adding that ...": the quotation before is said's
    q = doc.quote_ending_at(start - 1)
    if q is None and frame.src is not None and start == frame.src[0] and not frame.inverted:
        q = _quote_before_description(doc, start)
    if q is not None and doc.para_of_tok[start] == doc.para_of_tok[doc.token_at(doc.quotes[q][1] - 1)]:
        return q
    return None


def _quote_before_description(doc: AttributionDocument, start: int) -> int | None:
    """“...,” White House counselor John Podesta told reporters: a quotation that ends before a
    short description the source phrase did not take in (a few nouns and names, no verb)."""
    k = start - 1
    while k >= 0 and start - k <= 5 and doc.toks[k].pos in DESCRIPTION_TAGS and not doc.in_quote[k] \
            and k not in doc.quote_of_tok and doc.sent[k] == doc.sent[start]:
        k -= 1
    if k == start - 1 or k < 0 or doc.sent[k] != doc.sent[start] and doc.toks[k].text not in {"”", "''", '"'}:
        return None
    return doc.quote_ending_at(k)


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


def _forward_stops(doc: AttributionDocument, frame_starts: set[int]) -> tuple[list[int], list[int]]:
    """For each token, the next token where a clause after a cue stops: (before a following
    frame's comma, before a colon, a participle clause or a second cue's "and says"). Built once
    per text, so finding a content's end costs O(1) per cue (linear in the sentence)."""
    n = len(doc.toks)
    at_frame, other = [n] * (n + 2), [n] * (n + 2)
    # "concluded his questioning by noting that ...": under the speech scheme the gerund reports
    gerund_openers = {",", "by", "while"} if doc.scheme == "speech" else {","}
    for m in range(n - 1, -1, -1):
        at_frame[m], other[m] = at_frame[m + 1], other[m + 1]
        text = doc.toks[m].text
        if text == "," and (m + 1) in frame_starts:
            at_frame[m] = m
        if doc.in_quote[m]:
            continue
        if text in {":", ";"} or (text in gerund_openers and m + 1 < n and doc.toks[m + 1].pos == "VBG") or (
                doc.lows[m] in {"and", "but"} and m + 1 < n and is_cue_word(doc.lows[m + 1])
                and doc.toks[m + 1].pos in {"VBZ", "VBD", "VBP", "VBN"}):
            other[m] = m
    return at_frame, other


def _forward_end(stops: tuple[list[int], list[int]], after: int, end: int) -> int:
    """Where the clause after the cue stops: before a following frame, a colon (what follows
    elaborates: "... from all sides: Howard Stern ..."), a participle clause (", saying ...": about
    the speaker, not the content), or a second cue's "and says" (the next cue's content)."""
    at_frame, other = stops
    m = min(at_frame[after + 1], other[after + 2] if after + 2 < len(other) else len(other))
    return m - 1 if m <= end else end


def _forward_clause(doc: AttributionDocument, after: int, s_hi: int, saw_that: bool,
                    stops: tuple[list[int], list[int]]) -> Span | None:
    """The clause after a verb cue, to the end of its sentence: a clause (a verb, "that") or at
    least three tokens."""
    end = sentence_content_end(doc, after, s_hi)
    if not (after < s_hi and end - after >= 1):
        return None
    end = _forward_end(stops, after, end)
    has_verb = doc.has_verb(after, end + 1)
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
    start = max(s_lo, doc.clause_break[comma] + 1)
    start = _skip_opening_marks(doc, start, comma)
    finite = doc.has_finite(start, comma)
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
    elif backward is None and comma > s_lo and comma in doc.quote_of_tok and \
            doc.quotes[doc.quote_of_tok[comma]][1] == doc.toks[comma].end and \
            doc.text[doc.quotes[doc.quote_of_tok[comma]][0]:doc.toks[comma].start].rstrip().endswith(","):
        # to “receive two percent ...,” according to the DNC: the clause with its quotation
        backward = (_skip_opening_marks(doc, s_lo, comma), comma)
    return forward, backward


def _weak_verb_clauses(doc: AttributionDocument, verb: CueVerb, forward: Span | None,
                       backward: Span | None) -> tuple[Span | None, Span | None]:
    """A weak verb ("believes") without "that" reports only a quoted or longer clause after it,
    and a clause before it only for a few verbs of opinion."""
    quoted = forward is not None and doc.quote_opening_in(
        doc.toks[forward[0]].start, doc.toks[forward[1]].end) is not None
    if not quoted and not (forward is not None and forward[1] - forward[0] >= 2):
        forward = None
    if verb.lemma not in _WEAK_BUT_BACKWARD:
        backward = None
    return forward, backward


_WH_WORDS = {"whether", "if", "why", "how", "what", "when", "where", "who", "which"}
_REQUEST_VERBS = word_class("request_verbs")


def _reports_a_clause(doc: AttributionDocument, forward: Span, verb: CueVerb | None) -> bool:
    """Under the speech scheme, what follows a cue is a content only when it is a clause: it
    holds a quotation or a finite verb, an infinitive ("urged Congress to act", "vowed to
    appeal"), a question ("asked whether") or a gerund ("denies meddling"); a call or request
    may also name what it asks for ("called for energy independence through ..."). A bare noun
    object ("denied the allegations", "expressed optimism", "vowed support") reports nothing."""
    first, last = forward
    if doc.lows[first] == "according":
        return False  # "..., according to CNN": another cue, not this one's content
    if doc.quote_opening_in(doc.toks[first].start, doc.toks[last].end) is not None:
        return True
    if doc.lows[first] in _WH_WORDS or doc.toks[first].pos in {"VBG", "MD", "VBD", "VBZ", "VBP"} or \
            doc.lows[first] == "to" or doc.lows[first:first + 2] == ["not", "to"]:
        # "asked whether", "denies meddling", "urged residents (not) to remain indoors", "that
        # critics say will limit access", "The Kremlin, the indictment says, wanted ..."
        return True
    if doc.lows[first] in {"but", "and", "or", "yet"}:
        return False  # "The rule, proposed in 2017 but did not ...": another clause of the sentence
    if verb is not None and verb.lemma in _AS_VERBS and "as" in doc.lows[first + 1:min(last, first + 6) + 1]:
        return True  # "dismiss these ideas as simply giving money to insurers"
    if clause_verb_within(doc, first, last, to_comma=verb is not None and verb.weak) or (verb is not None and verb.lemma in _STANCE_VERBS
                                                 and complement_within(doc, first, last)):
        return True
    if first < last and (doc.lows[first] == "of" and doc.toks[first + 1].pos == "VBG" or doc.lows[first] == "for"
                         and any(doc.lows[m] == "to" and infinitive_at(doc, m + 1, last + 1)
                                 for m in range(first + 1, min(last, first + 6)))):
        return True  # "accusing them of raising ...", "pleaded for the bomber to turn himself in"
    return verb is not None and verb.lemma in _REQUEST_VERBS and last - first >= 2


_STANCE_VERBS = word_class("stance_verbs")
_AS_VERBS = word_class("as_verbs")  # "X as Y": a judgement


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


def _participle_of_clause(doc: AttributionDocument, frame: Frame) -> bool:
    """"..., urging the media to ...", "by saying ...": a participle that speaks for a subject
    further away reports what follows it, never the clause before."""
    return frame.kind == "verb" and doc.toks[frame.cue_first].pos == "VBG" and frame.src is not None \
        and not frame.inverted and frame.src[1] < frame.cue_first - 1


def _attach_clause(doc: AttributionDocument, frame: Frame, after: int, saw_that: bool,
                   stops: tuple[list[int], list[int]], floor: int = 0) -> None:
    """Indirect content: the clause after the cue, or the clause before ", X said."."""
    s_lo, s_hi = doc.sent_bounds[doc.sent[frame.cue_first]]
    s_lo = max(s_lo, min(floor, frame.first))
    comma = frame.first - 1
    if frame.kind == "verb" and frame.src is not None and doc.lows[frame.src[0]] not in {"we", "i"}:
        comma = comma_before_as(doc, comma, s_lo)
    forward = _forward_clause(doc, after, s_hi, saw_that, stops) if frame.kind == "verb" else None
    backward = None if _participle_of_clause(doc, frame) else _backward_clause(doc, comma, s_lo)
    if frame.kind == "according_to":
        forward, backward = _according_to_clauses(doc, frame, comma, s_lo, s_hi, backward)
    speech = doc.scheme == "speech" and frame.kind == "verb"
    if speech and forward is not None and not saw_that and not _reports_a_clause(doc, forward, frame.verb):
        forward = None
    if frame.verb is not None and frame.verb.weak and not saw_that:
        if speech:
            backward = backward if frame.verb.lemma in _WEAK_BUT_BACKWARD else None
        else:
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
    q = doc.quote_opening_in(*content)
    if q is not None and doc.quotes[q][1] > content[1]:
        # He said Cruz “has courage ... He’s not only unafraid.” - the quotation carries on
        content = (content[0], doc.quotes[q][1])
    frame.content = content
    frame.quote_ids = doc.quotes_within(*content)


def _attach_opening_participle(doc: AttributionDocument, frame: Frame) -> None:
    """"While saying Romney has only a skeleton of a plan, Pickens expressed ...": a participle
    before its subject reports what lies between it and the subject (a clause; "Signaling U.S.
    frustration over China, Trump wrote" reports nothing)."""
    first, _ = skip_adjuncts(doc, frame.cue_last + 1, frame.src[0], frame.verb)
    last = frame.src[0] - 1
    while last > first and doc.toks[last].text == "," and last not in doc.quote_of_tok:
        last -= 1
    if last > first and (doc.scheme != "speech" or _reports_a_clause(doc, (first, last), frame.verb)):
        frame.content = (doc.toks[first].start, doc.toks[last].end)
        frame.quote_ids = doc.quotes_within(*frame.content)


def _attach_colon_content(doc: AttributionDocument, frame: Frame) -> None:
    """"John McCain: ..." - the quotation after the colon, or the rest of the sentence."""
    first = frame.cue_last + 1
    q = doc.quote_starting_at(first)
    if q is not None:
        frame.content, frame.direct, frame.quote_ids = doc.quotes[q], True, (q,)
        return
    block = paragraph_after_colon(doc, frame.cue_last)
    if block is not None:
        frame.content = block  # "Byron York breaks down the numbers:" and the next paragraph
        return
    last = sentence_content_end(doc, first, doc.sent_bounds[doc.sent[frame.cue_last]][1])
    if last > first:
        frame.content = (doc.toks[first].start, doc.toks[last].end)


def _attach_noun_content(doc: AttributionDocument, frame: Frame, stops: tuple[list[int], list[int]]) -> None:
    """"the calls by South Carolina officials to remove the flag ...": the infinitive or the
    that-clause after the noun's source, to the end of its clause."""
    after = frame.src[1] + 1
    if doc.lows[after] == "that":
        after += 1
    end = _forward_end(stops, after, sentence_content_end(doc, after, doc.sent_bounds[doc.sent[after]][1]))
    if end > after:
        frame.content = (doc.toks[after].start, doc.toks[end].end)
        frame.quote_ids = doc.quotes_within(*frame.content)


_FRAMES_BACK = 3  # how many earlier frames a clause reported before its cue may span


def attach_contents(doc: AttributionDocument, frames: list) -> None:
    """Set every frame's content (see attach_content); the stops a content must respect are
    indexed once for all frames."""
    frame_starts = {f.first for f in frames}
    stops = _forward_stops(doc, frame_starts)
    lasts = sorted(f.last for f in frames)
    for frame in frames:
        k = bisect_left(lasts, frame.first) - _FRAMES_BACK
        attach_content(doc, frame, frame_starts, stops, lasts[k] + 1 if k >= 0 else 0)


def attach_content(doc: AttributionDocument, frame: Frame, frame_starts: set[int],
                   stops: tuple[list[int], list[int]], floor: int = 0) -> None:
    """Set the frame's content: a quotation next to it, else a reported clause. `frame_starts`
    are the first tokens of every frame, where a content must stop; `stops` their index
    (_forward_stops, built once per text by attach_contents); `floor` the token after the third frame before
    this one: a clause reported before the cue starts no earlier (in a run-on sentence a content
    spans a few frames' stretches, never the whole sentence, so the contents stay linear in the
    sentence's length)."""
    if frame.kind == "colon":
        _attach_colon_content(doc, frame)
        return
    if frame.kind == "noun":
        _attach_noun_content(doc, frame, stops)
        return
    if frame.kind == "verb" and frame.src[0] > frame.cue_last and doc.toks[frame.cue_first].pos == "VBG":
        _attach_opening_participle(doc, frame)
        return
    after, saw_that = skip_adjuncts(doc, frame.last + 1, len(doc.toks), frame.verb)
    q = _direct_quote(doc, frame, after, frame_starts)
    if q is not None:
        frame.content, frame.direct, frame.quote_ids = doc.quotes[q], True, (q,)
        return
    block = block_after_verb(doc, frame)
    if block is not None:
        frame.content = block
        return
    if frame.kind == "dash" or (frame.verb is not None and frame.verb.quote_only):
        return
    _attach_clause(doc, frame, after, saw_that, stops, floor)
