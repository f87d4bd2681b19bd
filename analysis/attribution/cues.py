"""Cues on the tokens: reporting verbs (with their auxiliaries, "has told"; forms the tagger
read as nouns, "the letter states."; not the phrases cue_verbs.txt marks as no speech, "charged
with"), reporting nouns with their source ("the calls by South Carolina officials to ..."),
"according to", the dash that signs a quotation ("... ” ― Name"), a name with a colon opening a
headline ("John McCain: ...") or an interview answer ("John Ash (Central Magnet High School,
...): ..."), and a colon that ends a paragraph before a block quotation. Each cue starts a Frame
that the source and content steps fill in."""
from __future__ import annotations

from dataclasses import dataclass

from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    DASHES,
    CueVerb,
    anonymous_heads,
    cue_first_words,
    cue_verbs,
    document_heads,
    non_speech_phrases,
    org_heads,
    reporting_nouns,
    title_words,
    word_class,
)
from analysis.attribution.phrases import infinitive_at, np_forward
from analysis.text import Token

_STRONG_FORMS = {"said", "says", "told", "tweeted", "wrote", "added"}
_SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_BE_FORMS = {"is", "was", "were", "are", "be", "been", "being"}
_COLON_LABELS = word_class("colon_labels")


@dataclass
class Frame:
    """One attribution in the making: its cue, and later its source and content."""

    cue_first: int            # token range of the cue [cue_first, cue_last]
    cue_last: int
    verb: CueVerb | None      # None for "according to", the signing dash and the colon
    kind: str                 # "verb", "noun", "according_to", "dash", "colon"
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
    if not ok and tok.pos in {"NNS", "NN", "NNP"} and i + 1 < n and i > 0 \
            and doc.toks[i - 1].pos in {"NN", "NNS", "NNP", "NNPS", "PRP"} and (
                doc.lower(i + 1) == "that" or low.endswith("s") and (
                    doc.lower(i + 1) in {".", "!", "?"} or doc.toks[i + 1].pos == "PRP"
                    and doc.lower(i + 1) in _SUBJECT_PRONOUNS)):
        # a verb the tagger read as a plural noun: "Video shows that ...", "..., the letter
        # states.", "as KQED reports.", "Trump claims he made up for it"
        ok = True
    if tok.pos == "VBN" and i > 0 and doc.lower(i - 1) in _BE_FORMS and low not in {"said"}:
        ok = False  # passive: "was reported", "is expected"
    if low in {"saying"} and i > 0 and doc.toks[i - 1].pos == "VBD":
        ok = True
    b = i - 1
    while b > 0 and doc.toks[b].pos == "RB":
        b -= 1
    if low == "said" and b >= 0 and doc.lower(b) in _BE_FORMS and i + 1 < n and doc.lower(i + 1) == "to":
        ok = False  # "the IRA is (also) said to have paid": hearsay with no source
    if verb.lemma == "call" and i > 0 and _names_a_thing(doc, i - 1):
        ok = False  # "a major initiative called the Pickens Plan": a name, not speech
    for words in non_speech_phrases().get(verb.lemma, ()):
        if tuple(doc.lows[i + 1:i + 1 + len(words)]) == words:
            ok = False  # "charged with", "calls to mind"
    if verb.sense == "belief" and doc.scheme != "parc":
        ok = False  # believe, hope, want: thinking is no speech (the PARC scheme counts it)
    return ok


def _names_a_thing(doc: AttributionDocument, k: int) -> bool:
    """Token k, right before "called", is a common noun or "anything" that no one speaks for:
    "an initiative called ...", "anything called ..." (not "officials called", "the spokesman
    called")."""
    tok, low = doc.toks[k], doc.lows[k]
    return tok.pos in {"NN", "NNS"} and tok.text.islower() and low not in anonymous_heads() \
        and low not in title_words() and low not in document_heads() and low not in org_heads()


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


def _noun_frame(doc: AttributionDocument, i: int, verb: CueVerb) -> Frame | None:
    """"the calls by South Carolina officials to remove the flag", "threats by U.S. President
    Donald Trump to scrap it", "the warnings by senior Republicans that ...": a reporting noun,
    "by" and the source, then an infinitive or a that-clause (the content). Its source is set
    here (kind "noun"); no other step looks for one."""
    n = len(doc.toks)
    if doc.toks[i].pos not in {"NN", "NNS"} or i + 2 >= n or doc.lows[i + 1] != "by":
        return None
    src = np_forward(doc, i + 2, doc.sent_bounds[doc.sent[i]][1])
    if src is None:
        return None
    k = src[1] + 1
    if k < n and (doc.lows[k] == "that" or doc.lows[k] == "to" and infinitive_at(doc, k + 1, n)):
        return Frame(i, i, verb, "noun", src=src, inverted=True)
    return None


def find_cues(doc: AttributionDocument) -> list[Frame]:
    """Frames for every cue outside quotations, in token order, then the headline colons.
    (A token is looked up as a verb form only when some form starts with its word.)"""
    frames: list[Frame] = []
    n = len(doc.toks)
    lows, in_quote, toks = doc.lows, doc.in_quote, doc.toks
    firsts, nouns = cue_first_words(), reporting_nouns()
    i = 0
    while i < n:
        low = lows[i]
        if in_quote[i] or not (low in firsts or low in nouns or low == "according" or toks[i].text in DASHES):
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
        if low in nouns:
            frame = _noun_frame(doc, i, nouns[low])
            if frame is not None:
                frames.append(frame)
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


def paragraph_after_colon(doc: AttributionDocument, k: int) -> tuple[int, int] | None:
    """The character span of the paragraph after the colon at token k, when the colon ends its
    paragraph: a block quotation whose marks the scraped page lost ("Adriana Diaz put it this
    way:" and the next paragraph)."""
    if not (0 <= k < len(doc.toks) - 1 and doc.toks[k].text == ":" and not doc.in_quote[k]
            and doc.para_of_tok[k + 1] == doc.para_of_tok[k] + 1):
        return None
    start, end = doc.paragraph_spans[doc.para_of_tok[k + 1]]
    end = start + len(doc.text[start:end].rstrip())
    return (start, end) if end > start else None


def _block_quote_intro(doc: AttributionDocument, s_lo: int, s_hi: int) -> Frame | None:
    """"Byron York breaks down the numbers:" and a quotation after it: a sentence that ends in a
    colon introduces the block quotation of the name that opens it (the guidelines' colon case;
    a colon alone, without a quotation, is no cue)."""
    k = s_hi - 1
    while k > s_lo and doc.toks[k].text in {"``", '"', "“"}:
        k -= 1  # the tokenizer may put the opening mark in the colon's sentence
    if not (k > s_lo + 1 and doc.toks[k].text == ":" and not doc.in_quote[k]
            and (doc.quote_starting_at(k + 1) is not None or paragraph_after_colon(doc, k) is not None)):
        return None
    j = s_lo
    while j + 1 < k and doc.toks[j + 1].pos in {"NNP", "NNPS"}:
        j += 1
    if doc.toks[s_lo].pos not in {"NNP", "NNPS"} or j == s_lo:
        return None  # a name of two words or more opens the sentence
    return Frame(k, k, None, "colon", src=(s_lo, j))


_AFFILIATION_SPAN = 16  # tokens an interviewee's bracketed affiliation may take


def _affiliation_colon(doc: AttributionDocument, i: int) -> Frame | None:
    """"John Ash (Central Magnet High School, Murfreesboro, Tenn.): A lot of ...": an answer in a
    round-table interview, a name of two words or more and its bracketed affiliation opening a
    paragraph before a colon."""
    n, para = len(doc.toks), doc.para_of_tok[i]
    j = i
    while j < n and j - i < 5 and doc.toks[j].pos in {"NNP", "NNPS"} and doc.toks[j].text[:1].isupper():
        j += 1
    if j - i < 2 or j >= n or doc.toks[j].text != "(":
        return None
    close = j + 1
    while close < min(n, j + _AFFILIATION_SPAN) and doc.toks[close].text != ")" and \
            doc.para_of_tok[close] == para and close not in doc.quote_of_tok:
        close += 1
    if close + 1 < n and doc.toks[close].text == ")" and doc.toks[close + 1].text == ":" and \
            doc.para_of_tok[close + 1] == para:
        return Frame(close + 1, close + 1, None, "colon", src=(i, j - 1))
    return None


def colon_frames(doc: AttributionDocument) -> list[Frame]:
    """"John McCain: Republican Populist Anger ..." - a name and a colon opening a sentence (kept
    only for a person the text names, or before a quotation); "Byron York breaks down the
    numbers:" before a block quotation; "John Ash (Central Magnet High School, ...): ..." opening
    a paragraph."""
    frames = []
    previous_para = -1
    for i, para in enumerate(doc.para_of_tok):
        if para != previous_para and not doc.in_quote[i]:
            frame = _affiliation_colon(doc, i)
            if frame is not None:
                frames.append(frame)
        previous_para = para
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


def block_after_verb(doc: AttributionDocument, frame: Frame) -> tuple[int, int] | None:
    """"Adriana Diaz put it this way:" and the next paragraph: a verb frame whose sentence ends
    in a colon a few words after the cue introduces the paragraph that follows."""
    if frame.kind != "verb" or frame.inverted:
        return None
    s_hi = doc.sent_bounds[doc.sent[frame.cue_last]][1]
    colon = s_hi - 1
    if not frame.last < colon <= frame.last + 4:
        return None
    return paragraph_after_colon(doc, colon)
