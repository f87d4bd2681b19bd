"""Noun phrases and verb groups on the token list: the source of a cue is a noun phrase before
it ("David Helvey said") or after it ("said Caddell"), never a time word ("said Tuesday")."""
from __future__ import annotations

from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    ADVERB_TAGS,
    AUX,
    DETERMINERS,
    NOUNISH,
    NP_INNER_WORDS,
    NP_TAGS,
    PRONOUNS,
    TIME_NOUNS,
    TIME_WORDS,
    anonymous_heads,
    title_words,
)

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


def _split_initial(doc: AttributionDocument, k: int) -> bool:
    """Token k is the period of a one-letter initial ("A", ".") before a capitalised word."""
    toks = doc.toks
    return 0 < k < len(toks) - 1 and len(toks[k - 1].text) == 1 and toks[k - 1].text.isupper() and \
        toks[k - 1].end == toks[k].start and toks[k + 1].text[:1].isupper()


def np_backward(doc: AttributionDocument, j: int, lo: int) -> Span | None:
    """The noun phrase ending at token j (inclusive), not before token lo."""
    if j < lo:
        return None
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
        if low == "." and _split_initial(doc, k):
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
