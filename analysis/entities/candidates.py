"""Candidate names inside one sentence: maximal capitalised runs, cut at titles and known leading
places ("US Secretary of State Rex Tillerson" -> "US" + "Rex Tillerson"), typed here only when a
list or a cue word says what they are. All-capitals lines (headlines) give known phrases only."""
from __future__ import annotations

import re
from dataclasses import dataclass

from nltk.tree import Tree

from analysis.entities.lexicon import Lexicon, token_key, word_key
from analysis.entities.wordnet import common_words, is_common_word
from analysis.nlp import binary_ne_chunker
from analysis.text import Token

OPENERS = {"``", "`", "(", "[", "{", ":", "--", "-", ";", "''", '"'}
CAPS_WORD = re.compile(r"^[A-Z][A-Z.&'-]*$")

Tokens = tuple[Token, ...]


@dataclass
class Piece:
    """A candidate name: token range in its sentence, absolute character span, and evidence.
    Once typed and resolved, a mention (label and canonical name set)."""

    sentence: int
    first: int  # token index
    last: int  # token index, exclusive
    start: int
    end: int
    text: str
    label: str | None = None
    canonical: str | None = None
    person_hint: bool = False
    caps: bool = False


@dataclass(frozen=True)
class Sentence:
    """One tagged sentence with what every rule looks up on it: the token keys, which tokens are
    all capitals, its index in the document and the document's text."""

    index: int
    tokens: Tokens
    keys: list[str]
    upper: list[bool]
    text: str

    @classmethod
    def of(cls, index: int, tokens: Tokens, text: str) -> "Sentence":
        return cls(index, tokens, [token_key(t) for t in tokens],
                   [t.text.isupper() for t in tokens], text)

    def piece(self, i: int, j: int, label: str | None = None, canonical: str | None = None,
              hint: bool = False) -> Piece:
        """The Piece of tokens i..j (exclusive)."""
        start, end = self.tokens[i].start, self.tokens[j - 1].end
        return Piece(self.index, i, j, start, end, self.text[start:end], label, canonical, hint)

    def hyphen_pieces(self, i: int, lex: Lexicon) -> list[Piece]:
        """Pieces for the known places inside the hyphenated token i ("U.S.-China")."""
        return [Piece(self.index, i, i + 1, s, e, self.text[s:e], label, canonical)
                for s, e, label, canonical in hyphen_parts(self.tokens[i], lex)]


def is_cap(token: Token) -> bool:
    """The token starts with an upper-case letter."""
    first = token.text[:1]
    return first.isalpha() and first.isupper()


def is_sentence_caps(tokens: Tokens) -> bool:
    """True for all-capitals headlines, whose capitalisation says nothing about names."""
    letters = [t.text for t in tokens if t.text[:1].isalpha() and len(t.text) > 1]
    if len(letters) < 2:
        return False
    upper = sum(1 for w in letters if w.isupper())
    return upper >= 0.8 * len(letters)


def hyphen_parts(token: Token, lex: Lexicon) -> list[tuple[int, int, str, str]]:
    """Known places or nationalities inside a hyphenated word ("U.S.-China", "China-based"), as
    (start, end, label, canonical); empty when the whole word is known or no part is."""
    key = token_key(token)
    if (key,) in lex.places or (key,) in lex.orgs:
        return []
    parts = []
    position = token.start
    for part in token.text.split("-"):
        found = lex.places.get((word_key(part),)) if len(part) > 1 else None
        if found and part[:1].isupper() and (part.isupper() or not part[1:].isupper()):
            parts.append((position, position + len(part), found[0], found[1]))
        position += len(part) + 1
    return parts


def _splits_at_hyphen(token: Token, lex: Lexicon) -> bool:
    return "-" in token.text and bool(hyphen_parts(token, lex))


def _cue_ahead(sentence: Sentence, k: int, lex: Lexicon) -> bool:
    """True when the capitalised words from k on end in an organisation or event word, so "and"
    belongs to the name ("Diplomatic and Security Dialogue")."""
    tokens, keys = sentence.tokens, sentence.keys
    while k < len(tokens) and is_cap(tokens[k]):
        k += 1
    return keys[k - 1] in lex.org_cues or keys[k - 1] in lex.event_cues


def _run_start(sentence: Sentence, i: int, lex: Lexicon, ne_flags: list[bool] | None) -> bool:
    """Whether a capitalised token i can open a name (sentence openers need more evidence)."""
    tokens, keys, n = sentence.tokens, sentence.keys, len(sentence.tokens)
    token = tokens[i]
    initial = i == 0 or tokens[i - 1].norm in OPENERS
    an_initial = len(token.text) == 1 and i + 2 < n and keys[i + 1] == "." and is_cap(tokens[i + 2])
    if initial and keys[i] in lex.not_names and not an_initial:
        return False
    if initial and token.pos not in {"NNP", "NNPS"} and keys[i] not in lex.first_tokens and (
            not an_initial):
        if not (ne_flags and ne_flags[i]):
            return False
    return True


def _joined_length(sentence: Sentence, i: int, j: int, lex: Lexicon) -> int:
    """How many tokens from j on continue the run that started at i (0: the run ends at j)."""
    tokens, keys, text, n = sentence.tokens, sentence.keys, sentence.text, len(sentence.tokens)
    nxt = tokens[j]
    if "\n" in text[tokens[j - 1].end:nxt.start]:
        return 0  # names do not run across lines (tables, headlines, lists)
    if (len(tokens[j - 1].text) == 1 and keys[j] == "." and j + 1 < n
            and is_cap(tokens[j + 1]) and "\n" not in text[nxt.end:tokens[j + 1].start]):
        return 2  # an initial: "R. Croft"
    if is_cap(nxt) and not _splits_at_hyphen(nxt, lex):
        return 1
    joiner = keys[j]
    if j + 1 < n and is_cap(tokens[j + 1]):
        if joiner in {"of", "for"} and keys[j - 1] in lex.of_joiners:
            return 2
        if joiner == "&" and keys[j - 1] not in lex.first_tokens and (
                keys[j + 1] not in lex.first_tokens):
            return 2
        if joiner == "and" and _cue_ahead(sentence, j + 1, lex):
            return 2
        if joiner in lex.name_particles and j > i:
            return 2
        if joiner in {"'s", "'"} and keys[j - 1] in lex.possessive_joiners:
            return 2
    if joiner in lex.name_particles and j + 2 < n and keys[j + 1] in lex.name_particles and (
            is_cap(tokens[j + 2])):
        return 3  # "van der Sar"
    return 0


def run_boundaries(sentence: Sentence, lex: Lexicon,
                   ne_flags: list[bool] | None) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with "of", "&", name particles and a few possessives
    inside), as (first, last) token ranges."""
    tokens = sentence.tokens
    n = len(tokens)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < n:
        token = tokens[i]
        if not is_cap(token) or _splits_at_hyphen(token, lex) or not _run_start(
                sentence, i, lex, ne_flags):
            i += 1
            continue
        j = i + 1
        while j < n:
            step = _joined_length(sentence, i, j, lex)
            if not step:
                break
            j += step
        runs.append((i, j))
        i = j
    return runs


def split_run(sentence: Sentence, i: int, j: int, lex: Lexicon) -> list[Piece]:
    """Cut a run at titles and known leading places: "US Secretary of State Rex Tillerson" ->
    GPE "US", PERSON-hinted "Rex Tillerson"."""
    tokens, keys, upper = sentence.tokens, sentence.keys, sentence.upper
    # Trim words that are never names from the edges ("The", "Wednesday").
    while i < j and keys[i] in lex.not_names and not lex.match_at(keys, i, j, upper)[0] and not (
            len(tokens[i].text) == 1 and i + 1 < j and keys[i + 1] == "."):  # "A. Symonds"
        i += 1
    while j > i and keys[j - 1] in lex.not_names:
        j -= 1
    if i >= j:
        return []
    whole = lex.known(keys, upper, i, j)
    if whole:
        return [sentence.piece(i, j, whole[0], whole[1])]
    if j - i > 1 and (i == 0 or tokens[i - 1].norm in OPENERS) and not lex.title_at(keys, i, j) \
            and tokens[i].pos not in {"NNP", "NNPS"} and keys[i] not in lex.first_names \
            and is_common_word(tokens[i].text, common_words()):
        return split_run(sentence, i + 1, j, lex)
    pieces: list[Piece] = []
    name_start = i
    hint = False
    k = i
    while k < j:
        length = lex.title_at(keys, k, j)
        if length and k + length == j and k == i:
            return []  # a title alone ("President") names nobody
        if length and k + length < j and keys[j - 1] not in lex.org_cues:
            pieces.extend(_split_known(sentence, name_start, k, lex, hint))
            k += length
            if keys[k] in {"of", "for"}:
                # "Assistant Secretary for Near Eastern Affairs Robert Pelletreau": the name is
                # the part from the last first name on, if any.
                firsts = [m for m in range(k + 1, j) if keys[m] in lex.first_names]
                k = firsts[-1] if firsts else j
            name_start = k
            hint = True
            continue
        k += 1
    pieces.extend(_split_known(sentence, name_start, j, lex, hint))
    return pieces


def _split_known(sentence: Sentence, i: int, j: int, lex: Lexicon, hint: bool) -> list[Piece]:
    """Type a title-free stretch: whole known phrase, organisation cue, or a known place or
    nationality at its start followed by the rest ("Chinese Xi Jinping")."""
    if i >= j:
        return []
    tokens, keys, upper = sentence.tokens, sentence.keys, sentence.upper
    whole = lex.known(keys, upper, i, j)
    if whole:
        return [sentence.piece(i, j, whole[0], whole[1], hint)]
    if j - i == 1 and len(tokens[i].text) == 1:
        return []  # a lone capital letter ("3rd R") is no name
    if any(c.isdigit() for c in sentence.text[tokens[i].start:tokens[j - 1].end]):
        return [sentence.piece(i, j, "MISC", None, hint)]
    if j - i > 1 and keys[j - 1] in lex.event_cues:
        return [sentence.piece(i, j, "EVENT", None, hint)]
    if keys[j - 1] in lex.org_cues or (j - i > 1 and keys[j - 1] in lex.facility_cues):
        label = "ORGANIZATION" if keys[j - 1] in lex.org_cues else "FACILITY"
        return [sentence.piece(i, j, label, None, hint)]
    length, found = lex.match_at(keys, i, j, upper)
    if found and length < j - i:
        rest_is_org = any(k in lex.org_heads for k in keys[i + length:j])
        if found[0] in {"NORP", "GPE"} and not rest_is_org:
            first = sentence.piece(i, i + length, found[0], found[1])
            return [first] + _split_known(sentence, i + length, j, lex, hint)
    return [sentence.piece(i, j, None, None, hint)]


def binary_ne_flags(tokens: Tokens) -> list[bool]:
    """Which tokens NLTK's binary chunker puts inside an NE chunk (run on a short window at the
    sentence start, where capitalisation alone cannot tell a name)."""
    window = tokens[:6]
    tree = binary_ne_chunker().parse([(t.norm, t.pos) for t in window])
    flags: list[bool] = []
    for child in tree:
        if isinstance(child, Tree):
            flags.extend([True] * len(child.leaves()))
        else:
            flags.append(False)
    return flags + [False] * (len(tokens) - len(flags))


def needs_chunker(sentence: Sentence, lex: Lexicon) -> bool:
    """Only a capitalised sentence opener that the tagger calls a common noun or adjective and no
    list knows needs the (slow) chunker: "Kazakhstan said...", "Signaling frustration..."."""
    tokens, keys = sentence.tokens, sentence.keys
    if not tokens or not is_cap(tokens[0]):
        return False
    return (tokens[0].pos not in {"NNP", "NNPS"} and keys[0] not in lex.not_names
            and keys[0] not in lex.first_tokens and tokens[0].pos in {"NN", "NNS", "JJ"})


def sentence_pieces(sentence: Sentence, lex: Lexicon) -> list[Piece]:
    """Every candidate of an ordinary sentence: known places inside hyphenated words first, then
    the pieces of each capitalised run."""
    flags = binary_ne_flags(sentence.tokens) if needs_chunker(sentence, lex) else None
    pieces: list[Piece] = []
    for i, token in enumerate(sentence.tokens):
        if "-" in token.text and any(c.isupper() for c in token.text):
            pieces.extend(sentence.hyphen_pieces(i, lex))
    for i, j in run_boundaries(sentence, lex, flags):
        pieces.extend(split_run(sentence, i, j, lex))
    return pieces


def caps_pieces(sentence: Sentence, lex: Lexicon) -> list[Piece]:
    """Candidates in an all-capitals line: known phrases only (names are added later from the
    rest of the document)."""
    pieces = []
    keys = sentence.keys
    k = 0
    n = len(sentence.tokens)
    while k < n:
        length, found = lex.match_at(keys, k, n)
        if found:
            piece = sentence.piece(k, k + length, found[0], found[1])
            piece.caps = True
            pieces.append(piece)
            k += length
            continue
        if "-" in sentence.tokens[k].text:
            pieces.extend(sentence.hyphen_pieces(k, lex))
        k += 1
    return pieces
