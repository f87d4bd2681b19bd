"""Cues on the tokens: reporting verbs (with their auxiliaries, "has told"), "according to", the
dash that signs a quotation ("... ” ― Name") and a name with a colon opening a headline
("John McCain: ..."). Each cue starts a Frame that the source and content steps fill in."""
from __future__ import annotations

from dataclasses import dataclass

from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import DASHES, CueVerb, cue_first_words, cue_verbs
from analysis.text import Token

_STRONG_FORMS = {"said", "says", "told", "tweeted", "wrote", "added"}
_BE_FORMS = {"is", "was", "were", "are", "be", "been", "being"}
_COLON_LABELS = {"update", "updated", "watch", "video", "photos", "photo", "note", "editor",
                 "related", "read", "more", "see", "also", "listen", "correction", "breaking",
                 "live", "warning", "source", "sources", "credit", "q", "a", "question", "answer"}


@dataclass
class Frame:
    """One attribution in the making: its cue, and later its source and content."""

    cue_first: int            # token range of the cue [cue_first, cue_last]
    cue_last: int
    verb: CueVerb | None      # None for "according to", the signing dash and the colon
    kind: str                 # "verb", "according_to", "dash", "colon"
    antecedent: tuple[int, int] | None = None  # for a relative pronoun source ("Barkley, who said")
    src: tuple[int, int] | None = None   # token range [first, last] of the source
    inverted: bool = False    # source after the cue
    content: tuple[int, int] | None = None  # char span
    direct: bool = False
    quote_ids: tuple[int, ...] = ()

    @property
    def first(self) -> int:
        """First token of the frame (cue and source)."""
        return min(self.cue_first, self.src[0]) if self.src else self.cue_first

    @property
    def last(self) -> int:
        """Last token of the frame (cue and source)."""
        return max(self.cue_last, self.src[1]) if self.src else self.cue_last


def _is_verb_cue(doc: AttributionDocument, i: int, verb: CueVerb) -> bool:
    """Whether the form at token i is used as a reporting verb here, from its tag and context."""
    tok, low, n = doc.toks[i], doc.lower(i), len(doc.toks)
    ok = tok.pos.startswith("VB") or (not verb.verb_only and low in _STRONG_FORMS)
    if not ok and tok.pos in {"NNS", "NN", "NNP"} and i + 1 < n and doc.lower(i + 1) == "that" \
            and i > 0 and doc.toks[i - 1].pos in {"NN", "NNS", "NNP", "NNPS", "PRP"}:
        ok = True  # "Video shows that ...": a verb the tagger read as a plural noun
    if tok.pos == "VBN" and i > 0 and doc.lower(i - 1) in _BE_FORMS and low not in {"said"}:
        ok = False  # passive: "was reported", "is expected"
    if low in {"saying"} and i > 0 and doc.toks[i - 1].pos == "VBD":
        ok = True
    if low == "said" and i > 0 and doc.lower(i - 1) in _BE_FORMS and i + 1 < n and doc.lower(i + 1) == "to":
        ok = False  # "the IRA is said to have paid": hearsay with no source, not the subject's words
    if verb.sense == "belief" and doc.scheme != "parc":
        ok = False  # believe, hope, want: thinking is no speech (the PARC scheme counts it)
    return ok


def _signing_dash(doc: AttributionDocument, i: int) -> bool:
    """“...” ― Carla Sanchez: a dash right after a closing quotation mark, before a name."""
    if not (doc.toks[i].text in DASHES and i > 0 and (i - 1) in doc.quote_of_tok
            and i + 1 < len(doc.toks) and doc.toks[i + 1].text[:1].isupper()):
        return False
    return doc.quotes[doc.quote_of_tok[i - 1]][1] == doc.toks[i - 1].end


def _verb_form_at(doc: AttributionDocument, i: int) -> tuple[int, CueVerb] | None:
    """(length, verb) of the cue verb form (two words first, then one) starting at token i."""
    forms = cue_verbs()
    for length in (2, 1):
        key = tuple(doc.lows[i:i + length])
        if len(key) == length and key in forms:
            return length, forms[key]
    return None


def find_cues(doc: AttributionDocument) -> list[Frame]:
    """Frames for every cue outside quotations, in token order, then the headline colons.
    (A token is looked up as a verb form only when some form starts with its word.)"""
    frames: list[Frame] = []
    n = len(doc.toks)
    lows, in_quote, toks = doc.lows, doc.in_quote, doc.toks
    firsts = cue_first_words()
    i = 0
    while i < n:
        low = lows[i]
        if in_quote[i] or not (low in firsts or low == "according" or toks[i].text in DASHES):
            i += 1
            continue
        if low == "according" and i + 1 < n and lows[i + 1] == "to":
            frames.append(Frame(i, i + 1, None, "according_to"))
            i += 2
            continue
        if _signing_dash(doc, i):
            frames.append(Frame(i, i, None, "dash"))
            i += 1
            continue
        matched = _verb_form_at(doc, i)
        if matched and _is_verb_cue(doc, i, matched[1]):
            length, verb = matched
            frames.append(Frame(i, i + length - 1, verb, "verb"))
            i += length
            continue
        i += 1
    frames.extend(colon_frames(doc))
    return frames


def _is_name_before_colon(words: list[Token]) -> bool:
    """Capitalised words (a name, "of", "the", 's, plain nouns allowed) that are no label such
    as "Update:" or "Q:"."""
    proper = [t for t in words if t.pos in {"NNP", "NNPS"} or t.text[:1].isupper()]
    if not proper or not words[0].text[:1].isupper() or any(
            not (t.text[:1].isupper() or t.text.lower() in {"of", "'s", "’s", "the"}
                 or (t.pos in {"NN", "NNS"} and t.text.isalpha())) for t in words):
        return False
    return not (any(t.text.lower().strip(".'’") in _COLON_LABELS for t in words)
                or (len(words) == 1 and words[0].text.isupper()))


def _block_quote_intro(doc: AttributionDocument, s_lo: int, s_hi: int) -> Frame | None:
    """"Byron York breaks down the numbers:" and a quotation after it: a sentence that ends in a
    colon introduces the block quotation of the name that opens it (the guidelines' colon case;
    a colon alone, without a quotation, is no cue)."""
    k = s_hi - 1
    while k > s_lo and doc.toks[k].text in {"``", '"', "“"}:
        k -= 1  # the tokenizer may put the opening mark in the colon's sentence
    if not (k > s_lo + 1 and doc.toks[k].text == ":" and not doc.in_quote[k]
            and doc.quote_starting_at(k + 1) is not None):
        return None
    j = s_lo
    while j + 1 < k and doc.toks[j + 1].pos in {"NNP", "NNPS"}:
        j += 1
    if doc.toks[s_lo].pos not in {"NNP", "NNPS"} or j == s_lo:
        return None  # a name of two words or more opens the sentence
    return Frame(k, k, None, "colon", src=(s_lo, j))


def colon_frames(doc: AttributionDocument) -> list[Frame]:
    """"John McCain: Republican Populist Anger ..." - a name and a colon opening a sentence (kept
    only for a person the text names, or before a quotation); "Byron York breaks down the
    numbers:" before a block quotation."""
    frames = []
    for s_lo, s_hi in doc.sent_bounds:
        intro = _block_quote_intro(doc, s_lo, s_hi)
        if intro is not None:
            frames.append(intro)
            continue
        for k in range(s_lo + 1, min(s_lo + 6, s_hi - 3)):
            if doc.toks[k].text != ":":
                continue
            if any(doc.in_quote[m] for m in range(s_lo, k)):
                break
            if _is_name_before_colon(doc.toks[s_lo:k]):
                frames.append(Frame(k, k, None, "colon", src=(s_lo, k - 1)))
            break
    return frames


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
