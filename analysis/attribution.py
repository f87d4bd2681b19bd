"""Source attribution: who is quoted, who is cited, and what they said.

Rule-based, on the shared tagging pass (`segment.tagged_sentences`), so it adds little to the
cost of the entity stage. Steps:

1. quotation spans are found on the characters (curly and straight marks, quotes that run over
   several paragraphs, unbalanced marks closed at the paragraph end, never an exception);
2. cues are found on the tokens: reporting verbs from `rules/attribution_cue_verbs.txt` (with
   their auxiliaries, "has told", and a medium, "wrote in a tweet"), "according to", the dash
   that signs a quotation ("... ” ― Name") and a name with a colon opening a headline
   ("John McCain: ...");
3. each cue gets a source (the subject before it, with apposition "X, a senior aide, said", or
   the inverted subject after it, "said Caddell") and a content: the adjacent quotation (direct),
   the clause after "said (that)" or the clause before ", X said." (indirect, or mixed when that
   clause holds a quotation);
4. sources are typed (person, organization, anonymous, document, pronoun_unresolved) and resolved
   to a full name: surname -> earlier full mention, title -> the person who held it, pronoun ->
   the most recent compatible person or group.

A quotation that opens a paragraph with no frame of its own continues the previous paragraph's
quotation: it keeps that speaker, with no source mention and no cue. Entity mentions from
`analysis.extract_entities` can be passed in to improve typing, but nothing here depends on them.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.nlp import use_nltk_data_env
from analysis.rulefiles import rule_lines
from analysis.segment import Token, paragraph_spans, tagged_sentences

COLUMNS = [
    "content", "content_start", "content_end", "source_text", "source_start", "source_end",
    "speaker", "cue", "cue_start", "cue_end", "kind", "source_type",
]
KINDS = ("direct", "indirect", "mixed", "according_to")

# --------------------------------------------------------------------------------------------
# Rule files
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CueVerb:
    """One reporting verb: its lemma, whether it must be tagged as a verb, and whether it is weak
    (counts only before a that-clause, a colon or a quotation)."""

    lemma: str
    verb_only: bool
    weak: bool
    quote_only: bool = False


@lru_cache(maxsize=1)
def cue_verbs() -> dict[tuple[str, ...], CueVerb]:
    """Every inflected form (as a tuple of lower-case words) -> its CueVerb."""
    forms: dict[tuple[str, ...], CueVerb] = {}
    for line in rule_lines("attribution_cue_verbs.txt"):
        parts = [p.strip() for p in line.split("\t") if p.strip()]
        head = parts[0]
        weak = "^" in head or "!" in head
        verb_only = "*" in head
        lemma = head.replace("^", "").replace("*", "").replace("!", "")
        verb = CueVerb(lemma, verb_only, weak, "!" in head)
        for form in [lemma, *parts[1:]]:
            forms.setdefault(tuple(form.lower().split()), verb)
    return forms


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A one-item-per-line rule file as a lower-cased set."""
    return frozenset(line.strip().lower() for line in rule_lines(name))


def anonymous_heads() -> frozenset[str]:
    return word_list("attribution_anonymous_heads.txt")


def document_heads() -> frozenset[str]:
    return word_list("attribution_document_heads.txt")


def titles() -> frozenset[str]:
    return word_list("attribution_titles.txt")


def org_heads() -> frozenset[str]:
    return word_list("attribution_org_heads.txt")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w for t in titles() for w in t.split())


@lru_cache(maxsize=1)
def _first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(male, female) first names from NLTK's names corpus, for he/she resolution."""
    from nltk.corpus import names

    use_nltk_data_env()
    male = frozenset(n.lower() for n in names.words("male.txt"))
    female = frozenset(n.lower() for n in names.words("female.txt"))
    return male, female


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Country, US state and city names (NLTK gazetteers): a place quoted as a source stands for
    its government ("Washington believes ...")."""
    from nltk.corpus import gazetteers

    use_nltk_data_env()
    return frozenset(w for f in ("countries.txt", "usstates.txt", "uscities.txt")
                     for w in gazetteers.words(f))


# --------------------------------------------------------------------------------------------
# Quotations
# --------------------------------------------------------------------------------------------

_OPEN_LEFT = set(" \t\n\r([{—–-―:;,/") | {""}
_CLOSE_RIGHT = set(" \t\n\r)]}.,;:!?—–-―/…'’") | {""}


_MARK_RE = re.compile(r"''|``|[\"“”„«»]")


def _mark_role(text: str, i: int, is_open: bool, length: int = 1) -> str:
    """'open' or 'close' for the quotation mark at text[i:i+length], from its shape and its
    neighbours. Straight marks (" and the typewriter pair '') are decided by context."""
    mark = text[i:i + length]
    left = text[i - 1] if i > 0 else ""
    right = text[i + length] if i + length < len(text) else ""
    opener_ctx = left in _OPEN_LEFT and right not in {" ", "\t", "\n", "\r", ""}
    closer_ctx = right in _CLOSE_RIGHT and left not in {" ", "\t", "\n", "\r", ""}
    if mark in {"“", "„", "«", "``"}:
        return "close" if (closer_ctx and not opener_ctx and is_open) else "open"
    if mark in {"”", "»"}:
        return "open" if (opener_ctx and not closer_ctx and not is_open) else "close"
    if opener_ctx and not closer_ctx:
        return "open"
    if closer_ctx and not opener_ctx:
        return "close"
    return "close" if is_open else "open"


def _mark_kind(mark: str) -> str:
    """Marks that pair with each other: curly, straight, typewriter pairs, guillemets."""
    if mark in {"“", "”", "„"}:
        return "curly"
    if mark in {"«", "»"}:
        return "guillemet"
    if mark in {"''", "``"}:
        return "typewriter"
    return "straight"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included.

    Marks: curly “ ”, straight ", guillemets, and the typewriter pairs '' and ``. A quotation left
    open at the end of a paragraph continues when the next paragraph opens with a quotation mark
    (the newspaper convention for quotes of several paragraphs); otherwise it is closed at the
    paragraph end. Stray closing marks are ignored. Never raises.
    """
    spans: list[tuple[int, int]] = []
    paragraphs = paragraph_spans(text)
    open_at: int | None = None
    open_kind = ""
    skip: int | None = None
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        for match in _MARK_RE.finditer(text, p_start, p_end):
            i, length = match.start(), match.end() - match.start()
            if i == skip:
                continue
            if length == 2 and (text[i - 1:i] == "'" or text[i + 2:i + 3] == "'"):
                continue  # three or more apostrophes: not a mark
            role = _mark_role(text, i, open_at is not None, length)
            if open_at is None:
                if role == "open":
                    open_at = i
                    open_kind = _mark_kind(text[i:i + length])
            elif role == "close":
                spans.append((open_at, i + length))
                open_at = None
            else:  # a second opening mark: the first one was never closed
                end = i
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                spans.append((open_at, end))
                open_at = i
                open_kind = _mark_kind(text[i:i + length])
        if open_at is not None:
            # the quotation goes on when the next paragraph opens with the same kind of mark
            following = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            opening = _MARK_RE.match(text, following[0]) if following else None
            if opening and _mark_kind(opening.group()) == open_kind and \
                    _mark_role(text, opening.start(), False, len(opening.group())) == "open":
                skip = following[0]
                continue
            spans.append((open_at, p_end))
            open_at = None
    return [(s, e) for s, e in spans if e - s > 2]


# --------------------------------------------------------------------------------------------
# Token view of the text
# --------------------------------------------------------------------------------------------

_NOUNISH = {"NN", "NNS", "NNP", "NNPS", "PRP", "CD"}
_NP_TAGS = _NOUNISH | {"JJ", "JJR", "JJS", "DT", "POS", "PRP$", "NNPS"}
_NP_INNER_WORDS = {"of", "for", "at", "with", "from", "in", "on", "to", "and", "&", "close",
                   "familiar", "-", "the", "a", "an"}
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "i": "s", "we": "p"}
_TIME_WORDS = {
    "today", "yesterday", "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "week", "month", "year", "weekend", "morning", "afternoon",
    "evening", "night", "last", "earlier", "later", "now", "then", "recently", "previously",
    "also", "again", "once", "this", "next", "ago", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "day",
    "days", "weeks", "months", "years", "time",
}
_AUX = {"has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must",
        "did", "does", "do", "is", "was", "were", "are", "be", "been", "'s", "’s", "'ve", "’ve",
        "'d", "’d", "'ll", "’ll", "shall", "to"}
_ADVERB_TAGS = {"RB", "RBR", "RBS"}
_MEDIA = {"tweet", "statement", "interview", "post", "letter", "email", "e-mail", "op-ed",
          "speech", "press", "briefing", "release", "memo", "message", "video", "column",
          "editorial", "essay", "report", "filing", "note", "blog", "book", "radio", "television",
          "conference", "call", "appearance", "hearing", "rally", "debate", "broadcast"}
_TELL_VERBS = {"tell", "inform", "assure", "warn", "remind", "advise", "promise", "ask",
               "accuse", "urge", "threaten", "show", "convince", "persuade", "notify"}
_PP_WORDS = {"in", "at", "on", "during", "after", "before", "from", "via", "through", "while",
             "over", "by", "to", "with", "for", "earlier", "late", "outside", "inside", "since",
             "following", "amid", "as"}
_DASHES = {"—", "―", "–", "--"}
_OPEN_Q = {"``", "`"}
_CLOSE_Q = {"''", "'"}
_END_PUNCT = {".", "!", "?"}


@dataclass
class _Doc:
    text: str
    toks: list[Token]
    sent: list[int]                  # sentence index of each token
    sent_bounds: list[tuple[int, int]]  # token index range of each sentence
    para_of_tok: list[int]
    starts: list[int]                # token start offsets (for bisect)
    quotes: list[tuple[int, int]]    # char spans
    in_quote: list[bool]
    quote_of_tok: dict[int, int] = field(default_factory=dict)  # opener/closer token -> quote

    def lower(self, i: int) -> str:
        return self.toks[i].text.lower()


def _build_doc(text: str) -> _Doc:
    toks: list[Token] = []
    sent: list[int] = []
    bounds: list[tuple[int, int]] = []
    for s_index, sentence in enumerate(tagged_sentences(text)):
        first = len(toks)
        toks.extend(sentence)
        sent.extend([s_index] * len(sentence))
        bounds.append((first, len(toks)))
    starts = [t.start for t in toks]
    paras = paragraph_spans(text)
    para_starts = [s for s, _ in paras]
    para_of_tok = [max(0, bisect_right(para_starts, t.start) - 1) for t in toks]
    quotes = quote_spans(text)
    in_quote = [False] * len(toks)
    doc = _Doc(text, toks, sent, bounds, para_of_tok, starts, quotes, in_quote)
    for q_index, (q_start, q_end) in enumerate(quotes):
        first = bisect_right(starts, q_start) - 1
        first = max(first, 0)
        i = first
        while i < len(toks) and toks[i].start < q_end:
            if toks[i].start > q_start and toks[i].end < q_end:
                in_quote[i] = True
            if toks[i].start == q_start or toks[i].end == q_end:
                doc.quote_of_tok[i] = q_index
            i += 1
    return doc


# --------------------------------------------------------------------------------------------
# Cues and sources
# --------------------------------------------------------------------------------------------


@dataclass
class _Frame:
    cue_first: int            # token range of the cue [cue_first, cue_last]
    cue_last: int
    verb: CueVerb | None      # None for "according to" and the signing dash
    kind: str                 # "verb", "according_to", "dash", "colon"
    antecedent: tuple[int, int] | None = None  # for a relative pronoun source ("Barkley, who said")
    src: tuple[int, int] | None = None   # token range [first, last] of the source
    inverted: bool = False    # source after the cue
    content: tuple[int, int] | None = None  # char span
    direct: bool = False
    quote_ids: tuple[int, ...] = ()


_TIME_MODIFIERS = {"this", "last", "next", "earlier", "later"}
_TIME_NOUNS = _TIME_WORDS - _TIME_MODIFIERS - {"now", "then", "also", "again", "once", "recently",
                                              "previously", "ago"}


def _is_time(doc: _Doc, i: int) -> bool:
    """Time words that sit between a cue and its content ("said Tuesday", "last week")."""
    low = doc.lower(i)
    if low in {"this", "last", "next"}:
        return i + 1 < len(doc.toks) and doc.lower(i + 1) in _TIME_NOUNS
    if low == "may":
        return doc.toks[i].pos == "NNP" and doc.toks[i].text == "May"
    return low in _TIME_WORDS or doc.toks[i].pos == "CD" and low.isdigit()


def _np_backward(doc: _Doc, j: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase ending at token j (inclusive), not before token lo."""
    if j < lo:
        return None
    head = doc.toks[j]
    if head.pos not in _NOUNISH or doc.in_quote[j] or _is_time(doc, j):
        return None
    if head.pos == "PRP":
        return (j, j) if doc.lower(j) in _PRONOUNS else None
    i = j
    while i - 1 >= lo:
        k = i - 1
        tok = doc.toks[k]
        low = tok.text.lower()
        if doc.in_quote[k] or k in doc.quote_of_tok or low in {",", ".", ":", ";"}:
            break
        if _is_time(doc, k) and tok.pos not in {"NNS"}:
            break
        if tok.pos in {"NN", "NNS"} and tok.text.islower() and doc.toks[i].pos in {"NNP", "NNPS"} \
                and low not in _title_words() and low not in anonymous_heads():
            break  # "a list of entities Washington believes": a clause starts at the name
        if tok.pos in _NP_TAGS and tok.pos != "PRP" and (low not in _AUX or tok.pos == "POS"):
            i = k
            continue
        if low in _NP_INNER_WORDS and k - 1 >= lo and doc.toks[k - 1].pos in _NP_TAGS | {"RB"}:
            i = k
            continue
        break
    # do not start on a preposition / conjunction that the walk allowed inside
    while i < j and (doc.lower(i) in _NP_INNER_WORDS - {"the", "a", "an"} or doc.toks[i].pos == "POS"):
        i += 1
    # a noun phrase that swallowed a preposition but starts with a common word is probably the
    # tail of the previous clause ("links to North Korea Tillerson"): keep the part after it
    for k in range(j - 1, i, -1):
        if doc.lower(k) in {"to", "from", "on", "in", "at", "and"} and doc.toks[k + 1].text[:1].isupper():
            before = [doc.toks[m] for m in range(i, k)]
            if before and not any(t.text[:1].isupper() or t.text.lower() in anonymous_heads() for t in before):
                i = k + 1
                break
    return (i, j)


def _np_forward(doc: _Doc, i: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase starting at token i, ending before token hi."""
    if i >= hi or doc.in_quote[i] or i in doc.quote_of_tok:
        return None
    first = doc.toks[i]
    if first.pos == "PRP":
        return (i, i) if doc.lower(i) in _PRONOUNS else None
    if first.pos not in _NP_TAGS or doc.lower(i) in {"that", "this", "these", "those"}:
        return None
    j = i
    last_noun = i if first.pos in _NOUNISH else None
    while j + 1 < hi:
        k = j + 1
        tok = doc.toks[k]
        low = tok.text.lower()
        if doc.in_quote[k] or k in doc.quote_of_tok:
            break
        if tok.pos in _NP_TAGS and tok.pos != "PRP" and (low not in _AUX or tok.pos == "POS"):
            j = k
            if tok.pos in _NOUNISH:
                last_noun = k
            continue
        if low in {"of", "for", "at", "with", "from", "&", "close"} and k + 1 < hi and \
                doc.toks[k + 1].pos in _NP_TAGS and doc.toks[k + 1].pos != "PRP":
            j = k
            continue
        break
    if last_noun is None:
        return None
    # "said Tuesday": a time word is no source
    if all(_is_time(doc, m) or doc.toks[m].pos in {"DT", "JJ", "IN"} for m in range(i, last_noun + 1)):
        return None
    return (i, last_noun)


def _skip_back_aux(doc: _Doc, i: int, lo: int) -> int:
    """Index of the first token of the verb group ending just before token i+1."""
    while i - 1 >= lo and (doc.lower(i - 1) in _AUX or doc.toks[i - 1].pos in _ADVERB_TAGS
                           or doc.toks[i - 1].pos == "MD") and not doc.in_quote[i - 1] \
            and doc.lower(i - 1) not in {"not", "n't", "never"}:
        i -= 1
    return i


def _find_cues(doc: _Doc) -> list[_Frame]:
    forms = cue_verbs()
    frames: list[_Frame] = []
    n = len(doc.toks)
    i = 0
    while i < n:
        if doc.in_quote[i]:
            i += 1
            continue
        low = doc.lower(i)
        tok = doc.toks[i]
        if low == "according" and i + 1 < n and doc.lower(i + 1) == "to":
            frames.append(_Frame(i, i + 1, None, "according_to"))
            i += 2
            continue
        if tok.text in _DASHES and i > 0 and (i - 1) in doc.quote_of_tok and i + 1 < n \
                and doc.toks[i + 1].text[:1].isupper():
            q = doc.quote_of_tok[i - 1]
            if doc.quotes[q][1] == doc.toks[i - 1].end:
                frames.append(_Frame(i, i, None, "dash"))
                i += 1
                continue
        matched = None
        for length in (2, 1):
            key = tuple(doc.lower(k) for k in range(i, min(i + length, n)))
            if len(key) == length and key in forms:
                matched = (length, forms[key])
                break
        if matched:
            length, verb = matched
            pos = tok.pos
            strong_forms = {"said", "says", "told", "tweeted", "wrote", "added"}
            ok = pos.startswith("VB") or (not verb.verb_only and low in strong_forms)
            if not ok and pos in {"NNS", "NN", "NNP"} and i + 1 < n and doc.lower(i + 1) == "that" \
                    and i > 0 and doc.toks[i - 1].pos in {"NN", "NNS", "NNP", "NNPS", "PRP"}:
                ok = True  # "Video shows that ...": a verb the tagger read as a plural noun
            if pos == "VBN" and i > 0 and doc.lower(i - 1) in {"is", "was", "were", "are", "be", "been", "being"} \
                    and low not in {"said"}:
                ok = False  # passive: "was reported", "is expected"
            if low in {"saying"} and i > 0 and doc.toks[i - 1].pos == "VBD":
                ok = True
            if ok:
                frames.append(_Frame(i, i + length - 1, verb, "verb"))
                i += length
                continue
        i += 1
    frames.extend(_colon_frames(doc))
    return frames


_COLON_LABELS = {"update", "updated", "watch", "video", "photos", "photo", "note", "editor",
                 "related", "read", "more", "see", "also", "listen", "correction", "breaking",
                 "live", "warning", "source", "sources", "credit", "q", "a", "question", "answer"}


def _colon_frames(doc: _Doc) -> list[_Frame]:
    """"John McCain: Republican Populist Anger ..." - a name and a colon opening a sentence."""
    frames = []
    for s_lo, s_hi in doc.sent_bounds:
        for k in range(s_lo + 1, min(s_lo + 6, s_hi - 3)):
            if doc.toks[k].text != ":":
                continue
            words = doc.toks[s_lo:k]
            if any(doc.in_quote[m] for m in range(s_lo, k)):
                break
            proper = [t for t in words if t.pos in {"NNP", "NNPS"} or t.text[:1].isupper()]
            if not proper or not words[0].text[:1].isupper() or any(
                    not (t.text[:1].isupper() or t.text.lower() in {"of", "'s", "’s", "the"}
                         or (t.pos in {"NN", "NNS"} and t.text.isalpha())) for t in words):
                break
            if any(t.text.lower().strip(".'’") in _COLON_LABELS for t in words) or \
                    (len(words) == 1 and words[0].text.isupper()):
                break
            frame = _Frame(k, k, None, "colon", src=(s_lo, k - 1))
            frames.append(frame)
            break
    return frames


def _attach_source(doc: _Doc, frame: _Frame) -> None:
    s_lo, s_hi = doc.sent_bounds[doc.sent[frame.cue_first]]
    # the paragraph bounds allow a source in the sentence before a split "said" (rare); keep to
    # the sentence, but let a quote that ends the previous sentence count as adjacent
    if frame.kind == "according_to":
        np_ = _np_forward(doc, frame.cue_last + 1, s_hi)
        frame.src = np_
        frame.inverted = True
        return
    if frame.kind == "colon":
        return
    if frame.kind == "dash":
        j = frame.cue_last + 1
        k = j
        while k + 1 < s_hi and (doc.toks[k + 1].text[:1].isupper() or doc.toks[k + 1].pos == "NNP"):
            k += 1
        frame.src = (j, k)
        frame.inverted = True
        return
    first = _skip_back_aux(doc, frame.cue_first, s_lo)
    # include auxiliaries in the cue ("has told"), not adverbs ("also")
    c = frame.cue_first
    while c - 1 >= first and (doc.lower(c - 1) in _AUX - {"to"} or doc.toks[c - 1].pos == "MD"):
        c -= 1
    frame.cue_first = c
    before = first - 1
    src = None
    if before >= s_lo:
        prev = doc.toks[before]
        if prev.text == ",":
            # apposition: "David Helvey, assistant secretary of defense ..., said"
            k = before - 1
            while k >= s_lo and doc.toks[k].text != "," and not doc.in_quote[k] and k not in doc.quote_of_tok:
                k -= 1
            if k > s_lo and doc.toks[k].text == ",":
                region = doc.toks[k + 1:before]
                finite = any(t.pos in {"VBD", "VBZ", "VBP", "MD"} for t in region)
                relative = region and region[0].text.lower() in {"who", "which", "whose"}
                if region and (not finite or relative):
                    src = _np_backward(doc, k - 1, s_lo)
        elif doc.lower(before) in {"who", "which"} and doc.toks[before].pos in {"WP", "WDT"}:
            # "Barkley, who said he ...": the relative pronoun is the mention, the noun before it
            # the speaker
            k = before - 1
            if k >= s_lo and doc.toks[k].text == ",":
                k -= 1
            frame.antecedent = _np_backward(doc, k, s_lo)
            if frame.antecedent is not None:
                src = (before, before)
        else:
            src = _np_backward(doc, before, s_lo)
    if src is None and doc.lower(frame.cue_first).endswith("ing") and before >= s_lo and \
            doc.toks[before].text in {",", "--", "—", "–"} and frame.verb is not None and \
            not frame.verb.weak:
        # "Rubio flipped his choice – saying he was ...", "he said, adding that ...": the subject
        # of the nearest finite verb before the participle
        for m in range(before - 1, s_lo - 1, -1):
            if doc.toks[m].pos in {"VBD", "VBZ", "VBP", "MD"} and not doc.in_quote[m]:
                src = _np_backward(doc, _skip_back_aux(doc, m, s_lo) - 1, s_lo)
                break
    if src is None and before >= s_lo and doc.lower(before) in {"and", "but"} and \
            doc.toks[frame.cue_first].pos in {"VBD", "VBZ", "VBP"}:
        # "McCain survived ... and says such techniques ...": the subject of the first verb
        for m in range(s_lo, before):
            if doc.toks[m].pos in {"VBD", "VBZ", "VBP", "MD"} and not doc.in_quote[m]:
                src = _np_backward(doc, _skip_back_aux(doc, m, s_lo) - 1, s_lo)
                break
    if src is not None:
        frame.src = src
        return
    # inverted: "“...,” said Caddell" / "..., said David Helvey"
    after = _np_forward(doc, frame.cue_last + 1, s_hi)
    if after is not None and (before < s_lo or doc.toks[before].text in {",", "''", "”", '"'}
                              or before in doc.quote_of_tok):
        frame.src = after
        frame.inverted = True


# --------------------------------------------------------------------------------------------
# Contents
# --------------------------------------------------------------------------------------------


def _skip_adjuncts(doc: _Doc, i: int, hi: int, verb: CueVerb | None) -> tuple[int, bool]:
    """Skip what sits between a cue and its content: the addressee of "tell", prepositional
    phrases ("in a statement", "at a briefing"), time words, commas, "that". Returns (index of the
    first content token, whether a complementiser "that" was seen)."""
    tell = verb is not None and verb.lemma in _TELL_VERBS
    took_object = False
    while i < hi:
        low = doc.lower(i)
        tok = doc.toks[i]
        if low == "that" and tok.pos in {"IN", "WDT", "DT"}:
            if i + 1 < hi and doc.toks[i + 1].pos in {"VBZ", "VBD", "VBP", "MD", ",", "."}:
                return i, False  # "that is" / "that was": pronoun subject, part of the content
            return i + 1, True
        if low in {",", "--", "—", "–"} or _is_time(doc, i):
            i += 1
            continue
        if tell and not took_object and tok.pos in {"NNP", "NNPS", "NN", "NNS", "PRP", "DT", "PRP$", "JJ"}:
            np_ = _np_forward(doc, i, hi)
            if np_ is not None or tok.pos == "PRP":
                i = (np_[1] if np_ else i) + 1
                took_object = True
                continue
        if low in _PP_WORDS and i + 1 < hi and not doc.in_quote[i + 1] and (i + 1) not in doc.quote_of_tok:
            np_ = _np_forward(doc, i + 1, hi)
            if np_ is not None:
                i = np_[1] + 1
                continue
            m = i + 1
            while m < hi and (_is_time(doc, m) or doc.toks[m].pos in {"CD", "DT"}):
                m += 1
            if m > i + 1 and _is_time(doc, m - 1):  # "on Tuesday", "in 2016"
                i = m
                continue
        break
    return i, False


def _sentence_content_end(doc: _Doc, i: int, hi: int) -> int:
    """Last token index (inclusive) of a content that runs from token i to the sentence end,
    without the final period and stopping before a following ", according to" / ", X said"."""
    j = hi - 1
    while j >= i and doc.toks[j].text in _END_PUNCT | {'"', "”"} and (j not in doc.quote_of_tok):
        j -= 1
    return j


def _quote_tokens(doc: _Doc, q: int) -> tuple[int, int]:
    q_start, q_end = doc.quotes[q]
    first = bisect_right(doc.starts, q_start) - 1
    last = bisect_right(doc.starts, q_end - 1) - 1
    return max(first, 0), max(last, 0)


def _quote_ending_at(doc: _Doc, i: int) -> int | None:
    """The quotation whose closing mark is token i, or that ends just before token i after commas."""
    k = i
    while k >= 0 and doc.toks[k].text in {",", "--", "—", "–", "―"}:
        k -= 1
    if k < 0:
        return None
    for q, (qs, qe) in enumerate(doc.quotes):
        if qe == doc.toks[k].end and qs < doc.toks[k].start:
            return q
    return None


def _quote_starting_at(doc: _Doc, i: int) -> int | None:
    if i < 0 or i >= len(doc.toks):
        return None
    for q, (qs, qe) in enumerate(doc.quotes):
        if qs == doc.toks[i].start:
            return q
    return None


def _attach_content(doc: _Doc, frame: _Frame, frames_starts: set[int]) -> None:
    s_lo, s_hi = doc.sent_bounds[doc.sent[frame.cue_first]]
    frame_first = min(frame.cue_first, frame.src[0]) if frame.src else frame.cue_first
    frame_last = max(frame.cue_last, frame.src[1]) if frame.src else frame.cue_last
    # a quotation right before the frame ("“...,” Helvey said.") or right after it ("Helvey
    # said: “...”", "wrote in a tweet Tuesday, “...”")
    if frame.kind == "colon":
        first = frame.cue_last + 1
        q = _quote_starting_at(doc, first)
        if q is not None:
            frame.content, frame.direct, frame.quote_ids = doc.quotes[q], True, (q,)
            return
        p_end = doc.sent_bounds[doc.sent[frame.cue_last]][1]
        last = _sentence_content_end(doc, first, p_end)
        if last > first:
            frame.content = (doc.toks[first].start, doc.toks[last].end)
        return
    before_q = None
    if frame.kind != "according_to" and frame_first > 0:
        q = _quote_ending_at(doc, frame_first - 1)
        if q is not None and doc.para_of_tok[frame_first] == doc.para_of_tok[
                bisect_right(doc.starts, doc.quotes[q][1] - 1) - 1]:
            before_q = q
    after, saw_that = _skip_adjuncts(doc, frame_last + 1, len(doc.toks), frame.verb)
    k = after
    while k < len(doc.toks) and doc.toks[k].text in {":", ",", "--", "—"}:
        k += 1
    after_q = None
    if frame.kind == "verb":
        q = _quote_starting_at(doc, k)
        if q is not None and doc.para_of_tok[k] in (doc.para_of_tok[frame_last], doc.para_of_tok[frame_last] + 1):
            same_para = doc.para_of_tok[k] == doc.para_of_tok[frame_last]
            colon_end = k > 0 and doc.toks[k - 1].text == ":"
            if (same_para and k > after) or colon_end or (same_para and not frame.inverted and before_q is None):
                after_q = q
            if after_q is not None and not colon_end:
                # "Trump says “...” because “...”": the quotation is only part of the content
                _, q_last = _quote_tokens(doc, q)
                m = q_last + 1
                while m < len(doc.toks) and doc.toks[m].text in _END_PUNCT | {",", ")"}:
                    m += 1
                rest_same_sentence = m < len(doc.toks) and doc.sent[m] == doc.sent[q_last] and \
                    doc.para_of_tok[m] == doc.para_of_tok[q_last] and m not in frames_starts
                if rest_same_sentence and doc.toks[m].pos not in {"PRP", "NNP", "NNPS"}:
                    after_q = None
    if before_q is not None and after_q is None:
        # “... soft.” He says referees ...: a finished quoted sentence, then a new reported clause
        q_start, q_end = doc.quotes[before_q]
        inside = doc.text[q_start:q_end].rstrip("”\"» ")
        nxt = doc.toks[after] if after < len(doc.toks) else None
        if inside.endswith(".") and nxt is not None and nxt.text not in _END_PUNCT | {",", ";", ":"} \
                and after not in doc.quote_of_tok:
            before_q = None
    if before_q is not None and after_q is not None:
        # “... .” Cruz says, “...” : a quotation that ends a sentence belongs to its own frame
        q_start, q_end = doc.quotes[before_q]
        inside = doc.text[q_start:q_end].rstrip("”\"» ")
        if not inside.endswith((".", "!", "?")) or doc.toks[k - 1].text not in {",", ":"}:
            after_q = None
    chosen = after_q if after_q is not None else before_q
    if chosen is not None:
        frame.content = doc.quotes[chosen]
        frame.direct = True
        frame.quote_ids = (chosen,)
        return
    if frame.kind == "dash" or (frame.verb is not None and frame.verb.quote_only):
        return
    # 3. indirect: the clause after the cue, or the clause before ", X said."
    forward = None
    end = _sentence_content_end(doc, after, s_hi)
    if frame.kind == "verb" and after < s_hi and end - after >= 1:
        # stop before a following attribution frame in the same sentence
        for m in range(after + 1, end + 1):
            if doc.toks[m].text == "," and (m + 1) in frames_starts:
                end = m - 1
                break
            if doc.toks[m].text in {":", ";"} and not doc.in_quote[m] and m - 1 > after:
                end = m - 1  # "... from all sides: Howard Stern ...": what follows elaborates
                break
            if doc.toks[m].text == "," and m + 1 <= end and doc.toks[m + 1].pos == "VBG" \
                    and m - 1 > after and not doc.in_quote[m]:
                end = m - 1  # ", saying ...": a participle clause about the speaker, not the content
                break
            if doc.lower(m) in {"and", "but"} and m + 1 <= end and m - 1 > after and \
                    (doc.lower(m + 1),) in cue_verbs() and doc.toks[m + 1].pos in {"VBZ", "VBD", "VBP", "VBN"}:
                end = m - 1  # "says she respects X but argues that ...": the next cue's content
                break
        has_verb = any(doc.toks[m].pos.startswith("VB") or doc.toks[m].pos == "MD" for m in range(after, end + 1))
        if end >= after and (has_verb or saw_that or end - after >= 2):
            forward = (after, end)
    backward = None
    comma = frame_first - 1
    if comma > s_lo and doc.toks[comma].text in {",", "--", "—", "–"}:
        start = s_lo
        for m in range(comma - 1, s_lo - 1, -1):
            if doc.toks[m].text in {";", ":"} and not doc.in_quote[m]:
                start = m + 1
                break
        while start < comma and doc.toks[start].text in {"``", "''", '"', "“", "”", "--", "—"}:
            start += 1
        finite = any(doc.toks[m].pos in {"VBD", "VBZ", "VBP", "MD"} for m in range(start, comma))
        if comma - start >= 3 and finite:
            backward = (start, comma - 1)
    parenthetical = after > frame_last + 1 and any(
        doc.toks[m].text == "," for m in range(frame_last + 1, after)) or (
        after < len(doc.toks) and after == frame_last + 1 and doc.toks[after].text in _END_PUNCT)
    if frame.kind == "according_to":
        if backward is None and frame_first == s_lo:
            # "According to X, ..." at the start of a sentence
            k = frame_last + 1
            while k < s_hi and doc.toks[k].text == ",":
                k += 1
            e = _sentence_content_end(doc, k, s_hi)
            if e > k:
                forward = (k, e)
        else:
            forward = None
        if backward is None and comma > s_lo and doc.toks[comma].text == ",":
            start = s_lo
            if comma - start >= 2:
                backward = (start, comma - 1)
    if frame.verb is not None and frame.verb.weak and not saw_that:
        quoted = forward is not None and any(
            qs >= doc.toks[forward[0]].start and qs < doc.toks[forward[1]].end for qs, _ in doc.quotes)
        if not quoted and not (forward is not None and forward[1] - forward[0] >= 2):
            forward = None
        if frame.verb.lemma not in {"believe", "think", "predict", "suggest", "agree", "warn"}:
            backward = None
    if frame.inverted and frame.kind == "verb":
        forward = None
    if frame.kind == "verb" and backward is None and forward is not None and not saw_that and \
            comma > s_lo and doc.toks[comma].text == "," and after > frame_last + 1 and \
            doc.toks[frame_last + 1].text == ",":
        # "This campaign, he says, is different.": the content surrounds the frame
        start = s_lo
        while start < comma and doc.toks[start].text in {"``", "''", '"', "“", "”", "--", "—"}:
            start += 1
        if comma - start >= 1:
            frame.content = (doc.toks[start].start, doc.toks[forward[1]].end)
            frame.quote_ids = tuple(q for q, (qs, qe) in enumerate(doc.quotes)
                                    if qs >= frame.content[0] and qe <= frame.content[1])
            return
    choice = None
    if forward is not None and (saw_that or backward is None or not parenthetical):
        choice = forward
    elif backward is not None:
        choice = backward
    if choice is None:
        return
    first, last = choice
    frame.content = (doc.toks[first].start, doc.toks[last].end)
    for qs, qe in doc.quotes:
        # He said Cruz “has courage ... He’s not only unafraid.” - the quotation carries on
        if frame.content[0] <= qs < frame.content[1] < qe:
            frame.content = (frame.content[0], qe)
    inner = tuple(q for q, (qs, qe) in enumerate(doc.quotes)
                  if qs >= frame.content[0] and qe <= frame.content[1])
    frame.quote_ids = inner


# --------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------

_ACRONYM_RE = re.compile(r"^[A-Z][A-Z&.]{1,}$")


@dataclass
class _Names:
    """Person names of the text, for resolution: full names by surname and by title."""

    by_surname: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)
    mentions: list[tuple[int, str, str]] = field(default_factory=list)  # (start, name, gender)
    orgs: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)


def _gender(name: str) -> str:
    male, female = _first_names()
    first = name.split()[0].lower() if name.split() else ""
    in_m, in_f = first in male, first in female
    if in_m and not in_f:
        return "m"
    if in_f and not in_m:
        return "f"
    return "u"


def _strip_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title words, name words): "U.S. Secretary of State Rex
    Tillerson" -> (["U.S.", "Secretary", "of", "State"], ["Rex", "Tillerson"])."""
    title_words = _title_words()
    cut = 0
    for index, word in enumerate(words):
        if word.lower() in title_words or word.lower().rstrip(".") in title_words:
            cut = index + 1
    # "Secretary of State": keep the object of a title's "of" inside the title
    if cut < len(words) and cut >= 2 and words[cut - 1].lower() == "of":
        cut += 1
    while cut < len(words) and cut > 0 and words[cut].lower() in {"of", "for", "state", "defense", "the"}:
        cut += 1
    return words[:cut], words[cut:]


def _collect_names(doc: _Doc, entities: pd.DataFrame | None) -> _Names:
    """Capitalised runs that look like person names (a known first name, or a preceding title)."""
    names = _Names()
    male, female = _first_names()
    toks = doc.toks
    n = len(toks)
    i = 0
    sentence_starts = {b[0] for b in doc.sent_bounds}
    while i < n:
        if not (toks[i].text[:1].isupper() and toks[i].pos in {"NNP", "NNPS", "NN", "JJ"}):
            i += 1
            continue
        j = i
        while j + 1 < n and (toks[j + 1].text[:1].isupper() and toks[j + 1].pos in {"NNP", "NNPS", "NN", "JJ"}
                             or toks[j + 1].text.lower() == "of" and j + 2 < n and toks[j + 2].text[:1].isupper()):
            j += 1
        words = [t.text for t in toks[i:j + 1]]
        start_offset = toks[i].start
        # preceding lower-case title: "pollster Pat Caddell", "the defense secretary Jim Mattis"
        lower_title = []
        k = i - 1
        while k >= 0 and toks[k].text.lower() in _title_words() and toks[k].text.islower():
            lower_title.insert(0, toks[k].text.lower())
            k -= 1
        title, name = _strip_title(words)
        title = [w.lower() for w in lower_title] + [w.lower() for w in title]
        if name and len(name) <= 4 and all(w[:1].isupper() for w in name) and name[-1].lower() not in org_heads():
            known_first = name[0].lower() in male or name[0].lower() in female
            if (known_first and len(name) >= 2) or (title and i not in sentence_starts or title):
                full = " ".join(name)
                if len(name) >= 2 or title:
                    surname = name[-1]
                    existing = names.by_surname.get(surname)
                    if existing is None or len(existing.split()) < len(name):
                        names.by_surname[surname] = full
                    full = names.by_surname.get(surname, full) if len(name) == 1 else full
                    names.mentions.append((start_offset, full, _gender(full)))
                    if title:
                        for size in range(1, len(title) + 1):
                            key = " ".join(title[-size:]).replace("u.s. ", "")
                            names.by_title.setdefault(key, full)
                            names.by_title[key] = full
        i = j + 1
    if entities is not None and len(entities):
        for row in entities.itertuples(index=False):
            label = getattr(row, "label", "")
            canonical = str(getattr(row, "canonical", "") or getattr(row, "text", ""))
            if label == "PERSON" and canonical:
                parts = canonical.split()
                if len(parts) >= 2:
                    names.by_surname.setdefault(parts[-1], canonical)
                names.mentions.append((int(row.start), canonical, _gender(canonical)))
            elif label == "ORGANIZATION":
                names.orgs.add(str(getattr(row, "text", "")))
                names.orgs.add(canonical)
            elif label in {"GPE", "LOCATION"}:
                names.places.add(str(getattr(row, "text", "")))
                names.places.add(canonical)
    names.mentions.sort()
    return names


def _classify(doc: _Doc, frame: _Frame, names: _Names, history: list[tuple[int, str, str, str]]
              ) -> tuple[str, str]:
    """(speaker, source_type) of a frame's source mention."""
    first, last = frame.antecedent or frame.src
    toks = doc.toks[first:last + 1]
    words = [t.text for t in toks]
    mention = doc.text[toks[0].start:toks[-1].end]
    lows = [w.lower() for w in words]
    head = lows[-1]
    for index, word in enumerate(lows[1:], start=1):
        if word in {"of", "with", "familiar", "close", "at", "from", "in", "for", "on", "to", "who"}:
            head = lows[index - 1]  # "sources familiar with the talks" -> "sources"
            break
    if len(toks) == 1 and head in _PRONOUNS:
        gender = _PRONOUNS[head]
        position = toks[0].start
        candidates: list[tuple[int, str, str]] = []
        for start, name, g in names.mentions:
            if start < position:
                candidates.append((start, name, "person"))
        for start, speaker, stype, g in history:
            if start < position:
                candidates.append((start, speaker, stype))
        candidates.sort()
        if gender in {"m", "f"}:
            # the most recent person of the same gender among the last three people mentioned,
            # else the most recent person whose gender is unknown
            recent: list[str] = []
            for start, name, stype in reversed(candidates):
                if stype == "person" and name not in recent:
                    recent.append(name)
            for name in recent[:3]:
                if _gender(name) == gender:
                    return name, "person"
            for name in recent:
                if _gender(name) in {gender, "u"}:
                    return name, "person"
            return mention, "pronoun_unresolved"
        if gender == "s":  # "I" outside quotations: the writer, not a named source
            return mention, "pronoun_unresolved"
        for start, name, stype in reversed(candidates):
            # "they" -> the latest group or organisation; "it" -> also a document
            if stype in {"organization", "anonymous"} or (stype == "document" and gender == "n"):
                return name, stype
        return mention, "pronoun_unresolved"
    if "and" in lows[1:-1] and sum(1 for w in words if w[:1].isupper()) >= 2:
        # "Washington and Beijing", "Clinton and Sanders": the group is the speaker
        last_type = _classify(doc, _Frame(0, 0, None, "verb", src=(first + lows.index("and") + 1, last)),
                              names, history)[1]
        return _strip_determiner(mention), last_type
    capitalised = [w for w in words if w[:1].isupper() and w.lower() not in {"the", "a", "an"}]
    title, name = _strip_title([w for w in words if w.lower() not in {"the", "a", "an"}])
    # a proper name at the end of the mention
    tail = []
    for t in reversed(toks):
        if t.text[:1].isupper() and t.pos in {"NNP", "NNPS", "NN", "JJ", "NNS"}:
            tail.insert(0, t.text)
        else:
            break
    tail_title, tail_name = _strip_title(tail)
    if (" ".join(tail_name) in _places() or " ".join(tail_name) in names.places) and \
            not names.by_surname.get(" ".join(tail_name)):
        return _strip_determiner(mention), "organization"
    if tail_name and not any(w.lower() in org_heads() for w in tail_name) and \
            not any(w.lower() in anonymous_heads() | document_heads() for w in tail_name):
        candidate = " ".join(tail_name)
        if len(tail_name) == 1:
            full = names.by_surname.get(tail_name[0])
            if full:
                return full, "person"
            male, female = _first_names()
            if _ACRONYM_RE.match(tail_name[0]) or tail_name[0] in names.orgs:
                return tail_name[0], "organization"
            if tail_title or tail_name[0].lower() in male or tail_name[0].lower() in female or \
                    any(s.endswith(" " + tail_name[0]) for s in names.by_surname.values()):
                return candidate, "person"
            return candidate, "organization" if len(toks) > 1 and toks[0].text.lower() == "the" else "person"
        if toks[0].text.lower() == "the" and _gender(candidate) == "u" and not tail_title:
            return candidate, "organization"
        if candidate in names.orgs:
            return candidate, "organization"
        full = names.by_surname.get(tail_name[-1])
        if full and full.endswith(candidate):
            return full, "person"
        return candidate, "person"
    if head in document_heads():
        return mention, "document"
    if head in anonymous_heads():
        return mention, "anonymous"
    if any(w in org_heads() for w in lows) and capitalised:
        return _strip_determiner(mention), "organization"
    key = " ".join(w for w in lows if w not in {"the", "a", "an", "u.s.", "former"})
    if key in names.by_title:
        return names.by_title[key], "person"
    if head in titles():
        return mention, "person"
    if head in org_heads():
        return _strip_determiner(mention), "organization"
    if capitalised:
        if _ACRONYM_RE.match(words[-1]):
            return _strip_determiner(mention), "organization"
        return _strip_determiner(mention), "organization"
    return mention, "other"


def _strip_determiner(mention: str) -> str:
    """"the Pentagon" -> "Pentagon"; "official Korean Central News Agency" -> the capitalised part."""
    stripped = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.IGNORECASE)
    words = stripped.split()
    while len(words) > 1 and words[0].islower():
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    for c in ("content_start", "content_end", "source_start", "source_end", "cue_start", "cue_end"):
        frame[c] = frame[c].astype("Int64")
    return frame


def _orphan_quotes(doc: _Doc, kept: list[_Frame], claimed: dict[int, _Frame]) -> list[int]:
    """Quotations that open a paragraph and have no frame of their own: in news style they carry
    on the previous paragraph's quotation."""
    covered = [f.content for f in kept]
    para_starts = {s for s, _ in paragraph_spans(doc.text)}
    result = []
    for q, (q_start, q_end) in enumerate(doc.quotes):
        if q in claimed or q_start not in para_starts:
            continue
        if any(c[0] <= q_start < c[1] for c in covered):
            continue
        if len(doc.text[q_start:q_end].split()) < 4:
            continue
        result.append(q)
    return result


def _orphan_rows(text: str, orphans: list[int], rows: list[dict]) -> list[dict]:
    """Rows for paragraph-opening quotations that continue the previous paragraph's direct
    quotation: the speaker carries over; the source mention and cue are <NA> (not in the text)."""
    if not orphans:
        return []
    doc_quotes = quote_spans(text)
    paragraphs = paragraph_spans(text)
    starts = [s for s, _ in paragraphs]
    result = []
    ordered = sorted(rows, key=lambda r: r["content_start"])
    for q in orphans:
        q_start, q_end = doc_quotes[q]
        p = bisect_right(starts, q_start) - 1
        if p <= 0:
            continue
        prev_start, prev_end = paragraphs[p - 1]
        previous = [r for r in ordered + result if r["content_end"] <= q_start]
        if not previous:
            continue
        last = max(previous, key=lambda r: r["content_end"])
        if last["kind"] not in {"direct", "mixed"} or last["content_end"] < prev_start:
            continue
        result.append({
            "content": text[q_start:q_end], "content_start": q_start, "content_end": q_end,
            "source_text": pd.NA, "source_start": pd.NA, "source_end": pd.NA,
            "speaker": last["speaker"], "cue": pd.NA, "cue_start": pd.NA, "cue_end": pd.NA,
            "kind": "direct", "source_type": last["source_type"],
        })
    return result


def extract_attributions(text: str, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per attribution (a reported statement or a cited claim) in `text`.

    Columns: content, content_start, content_end (content == text[content_start:content_end]),
    source_text, source_start, source_end (<NA> when the text names no source), speaker (the
    resolved name, or the mention itself), cue, cue_start, cue_end, kind (direct, indirect,
    mixed, according_to) and source_type (person, organization, anonymous, document,
    pronoun_unresolved, other). Offsets index `text`. `entities` (the output of
    `extract_entities(text)`) is optional and only refines speaker typing.
    """
    if not isinstance(text, str) or not text.strip():
        return _empty()
    doc = _build_doc(text)
    if not doc.toks:
        return _empty()
    frames = _find_cues(doc)
    for frame in frames:
        _attach_source(doc, frame)
    frames = [f for f in frames if f.src is not None]
    frame_starts = {min(f.cue_first, f.src[0]) for f in frames}
    for frame in frames:
        _attach_content(doc, frame, frame_starts)
    frames = [f for f in frames if f.content is not None and f.content[1] > f.content[0]]
    # one attribution per quotation: the first frame that claimed it wins
    claimed: dict[int, _Frame] = {}
    kept: list[_Frame] = []
    for frame in frames:
        if frame.direct:
            q = frame.quote_ids[0]
            if q in claimed:
                continue
            claimed[q] = frame
        kept.append(frame)
    # a quotation split by its attribution: “...,” she said, “...” (or she said on Tuesday. “...”)
    # -> one attribution, when the next quotation follows in the same paragraph, unclaimed
    for q, frame in sorted(claimed.items()):
        if len(frame.quote_ids) != 1:
            continue
        frame_last = max(frame.cue_last, frame.src[1])
        if doc.toks[frame_last].end > doc.quotes[q][0]:
            k = frame_last + 1
            s_end = doc.sent_bounds[doc.sent[frame_last]][1]
            clause = False
            while k < len(doc.toks) and k < s_end and k not in doc.quote_of_tok and not doc.in_quote[k]:
                # a contrast or a second cue between the frame and the next quotation ("..., but
                # Kevin was drifting off", "adding that") means that quotation is another one
                if doc.lower(k) in {"but", "while", "whereas"} or (doc.lower(k),) in cue_verbs():
                    clause = True
                k += 1
            nxt = _quote_starting_at(doc, k) if not clause else None
            if nxt is not None and nxt not in claimed and nxt > q and \
                    doc.para_of_tok[k] == doc.para_of_tok[frame_last]:
                frame.content = (frame.content[0], doc.quotes[nxt][1])
                frame.quote_ids = (q, nxt)
                claimed[nxt] = frame
    names = _collect_names(doc, entities)
    orphans = _orphan_quotes(doc, kept, claimed)
    rows = []
    history: list[tuple[int, str, str, str]] = []
    for frame in sorted(kept, key=lambda f: (doc.toks[f.src[0]].start, f.cue_first)):
        speaker, stype = _classify(doc, frame, names, history)
        s_first, s_last = frame.src
        source_start, source_end = doc.toks[s_first].start, doc.toks[s_last].end
        history.append((source_start, speaker, stype, ""))
        if frame.kind == "according_to":
            kind = "according_to"
        elif frame.direct or frame.kind == "dash":
            kind = "direct"
        else:
            kind = "mixed" if frame.quote_ids else "indirect"
        cue_first, cue_last = frame.cue_first, frame.cue_last
        # the medium belongs to the cue: "wrote in a tweet", "said in a statement"
        if frame.kind == "verb":
            k = cue_last + 1
            if k + 1 < len(doc.toks) and doc.lower(k) == "in":
                m = k + 1
                while m < len(doc.toks) and doc.toks[m].pos in {"DT", "JJ", "PRP$"} and m - k < 4:
                    m += 1
                if m < len(doc.toks) and doc.lower(m) in _MEDIA and doc.toks[m].end <= frame.content[0] + 0 \
                        or (m < len(doc.toks) and doc.lower(m) in _MEDIA and doc.toks[m].start >= frame.content[1]):
                    cue_last = m
        cue_start, cue_end = doc.toks[cue_first].start, doc.toks[cue_last].end
        content_start, content_end = frame.content
        rows.append({
            "content": text[content_start:content_end],
            "content_start": content_start,
            "content_end": content_end,
            "source_text": text[source_start:source_end],
            "source_start": source_start,
            "source_end": source_end,
            "speaker": speaker,
            "cue": text[cue_start:cue_end],
            "cue_start": cue_start,
            "cue_end": cue_end,
            "kind": kind,
            "source_type": stype,
        })
    rows.extend(_orphan_rows(text, orphans, rows))
    if not rows:
        return _empty()
    result = pd.DataFrame(rows, columns=COLUMNS)
    for c in ("content_start", "content_end", "source_start", "source_end", "cue_start", "cue_end"):
        result[c] = result[c].astype("Int64")
    return result.sort_values(["content_start", "cue_start"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Corpus tables
# --------------------------------------------------------------------------------------------

NAMED_TYPES = ("person", "organization")


def article_attributions(text: str) -> pd.DataFrame:
    """The per-article attribution stage of a corpus run: :func:`extract_attributions` with the
    article's entities, whose types refine speaker typing (places and groups as organizations)."""
    from analysis.entities import extract_entities  # only the corpus stage needs the entities

    if not isinstance(text, str) or not text.strip():
        return _empty()
    return extract_attributions(text, entities=extract_entities(text))


def attributions_per_article(articles: pd.DataFrame, column: str = "text",
                             use_entities: bool = False, cache: Any = None,
                             progress: bool | None = None) -> pd.DataFrame:
    """All attributions of a corpus (the DataFrame from `load_articles`), one row each, with the
    article_id first; a duplicate article counts once. Runs on the cleaned body text by default.
    `use_entities` runs the entity stage first and uses its types for speakers (the corpus
    stage, :func:`article_attributions`): its per-article results come from the annotation
    cache when they are there (`cache`: see :func:`analysis.cache.annotation_cache`), so
    re-running a notebook skips the NLP work; `progress=None` shows a progress bar for large
    corpora only."""
    if use_entities and column == "text":
        from analysis.corpus import attribution_table  # the cached per-article stage

        return attribution_table(articles, cache=cache, progress=progress)
    frames = []
    unique = articles.drop_duplicates("article_id")  # a duplicate article counts once
    for article_id, text in zip(unique["article_id"], unique[column]):
        found = extract_attributions(text if isinstance(text, str) else "")
        found.insert(0, "article_id", article_id)
        frames.append(found)
    if not frames:
        empty = _empty()
        empty.insert(0, "article_id", pd.Series(dtype="object"))
        return empty
    return pd.concat(frames, ignore_index=True)


def cue_lemma(cue: str) -> str:
    """The reporting verb of a cue: "has told" -> "tell", "wrote in a tweet" -> "write"."""
    if not isinstance(cue, str) or not cue.strip():
        return ""
    words = cue.lower().split()
    if " ".join(words[:2]) == "according to":
        return "according to"
    forms = cue_verbs()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            verb = forms.get(tuple(words[i:i + size]))
            if verb is not None:
                return verb.lemma
    return words[-1]


def share_of_voice(attributions: pd.DataFrame, by: str = "speaker") -> pd.DataFrame:
    """How often each speaker (or source type) is quoted or cited: count and share of all
    attributions, most frequent first (ties by name, so the order is stable)."""
    if attributions.empty:
        return pd.DataFrame({by: pd.Series(dtype="object"), "attributions": pd.Series(dtype="int64"),
                             "share": pd.Series(dtype="float64")})
    counts = attributions[by].fillna("(none)").astype(str).value_counts()
    table = counts.rename_axis(by).reset_index(name="attributions")
    table["share"] = (table["attributions"] / table["attributions"].sum()).round(4)
    return table.sort_values(["attributions", by], ascending=[False, True], kind="stable").reset_index(drop=True)


def cue_distribution(attributions: pd.DataFrame) -> pd.DataFrame:
    """Reporting verbs by frequency: cue lemma, attributions, share, and how many were direct."""
    if attributions.empty:
        return pd.DataFrame({"cue_lemma": pd.Series(dtype="object"), "attributions": pd.Series(dtype="int64"),
                             "direct": pd.Series(dtype="int64"), "share": pd.Series(dtype="float64")})
    frame = attributions.assign(cue_lemma=attributions["cue"].map(cue_lemma).replace("", "(none)"),
                                is_direct=attributions["kind"].eq("direct"))
    table = frame.groupby("cue_lemma").agg(attributions=("kind", "size"), direct=("is_direct", "sum")).reset_index()
    table["direct"] = table["direct"].astype("int64")
    table["share"] = (table["attributions"] / table["attributions"].sum()).round(4)
    return table.sort_values(["attributions", "cue_lemma"], ascending=[False, True], kind="stable").reset_index(drop=True)


def named_vs_anonymous(attributions: pd.DataFrame) -> pd.DataFrame:
    """Per article: named (person or organization), anonymous, document and other attributions,
    and the share of named among named + anonymous (<NA> when there is neither)."""
    columns = ["named", "anonymous", "document", "other"]
    if attributions.empty:
        table = pd.DataFrame({"article_id": pd.Series(dtype="object"),
                              **{c: pd.Series(dtype="int64") for c in columns},
                              "named_share": pd.Series(dtype="Float64")})
        return table
    group = attributions["source_type"].map(
        lambda t: "named" if t in NAMED_TYPES else t if t in {"anonymous", "document"} else "other")
    table = pd.crosstab(attributions["article_id"], group).reindex(columns=columns, fill_value=0)
    table = table.astype("int64").reset_index()
    table.columns.name = None
    total = table["named"] + table["anonymous"]
    table["named_share"] = (table["named"] / total.where(total > 0)).round(4).astype("Float64")
    return table.sort_values("article_id", kind="stable").reset_index(drop=True)


def attribution_table(attributions: pd.DataFrame, width: int = 80) -> pd.DataFrame:
    """The reader's view: speaker, source_type, cue, kind and a one-line excerpt of the content
    (whitespace collapsed, cut at `width` characters with an ellipsis)."""
    def excerpt(content: object) -> str:
        flat = " ".join(str(content).split()) if isinstance(content, str) else ""
        return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"

    columns = [c for c in ("article_id",) if c in attributions.columns]
    view = attributions[columns + ["speaker", "source_type", "cue", "kind"]].copy()
    view["cue"] = view["cue"].fillna("(continued quote)")
    view["excerpt"] = attributions["content"].map(excerpt)
    return view.reset_index(drop=True)
