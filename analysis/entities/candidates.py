"""Candidate names inside one sentence: maximal capitalised runs, cut at titles and known leading
places ("US Secretary of State Rex Tillerson" -> "US" + "Rex Tillerson"), typed here only when a
list or a cue word says what they are. All-capitals lines (headlines) give known phrases only."""
from __future__ import annotations

import re
from dataclasses import dataclass

from nltk.tree import Tree

from analysis.entities.lexicon import Lexicon, state_key, token_key, word_key
from analysis.entities.wordnet import common_words, is_common_word
from analysis.nlp import binary_ne_chunker
from analysis.text import Token

OPENERS = {"``", "`", "(", "[", "{", ":", "--", "-", ";", "''", '"'}
VERSUS = frozenset({"v", "v.", "vs", "vs."})  # between two teams: "Rangers v Bolton"
CAPS_WORD = re.compile(r"^[A-Z][A-Z.&'-]*$")
_ROMAN = re.compile(r"[IVX]+")
_STORMS = frozenset({"hurricane", "typhoon", "cyclone", "superstorm"})
_MONTH_SURNAMES = frozenset({"may", "june", "april", "august"})  # surnames after a first name

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
    gender: str | None = None  # "m" / "f" from an honorific before the name ("Mrs. Clinton")
    evidence: str = ""  # what typed it: "list", a typing rule's name, or "default"


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

    def hyphen_pieces(self, i: int, lex: Lexicon, modifiers: bool = False) -> list[Piece]:
        """Pieces for the known places inside the hyphenated token i ("U.S.-China", "R-Ky"),
        and with `modifiers` the (untyped) name of a modifier ("Obama-era" -> "Obama")."""
        pieces = [Piece(self.index, i, i + 1, s, e, self.text[s:e], label, canonical)
                  for s, e, label, canonical in hyphen_parts(self.tokens[i], lex)]
        span = modifier_name(self.tokens[i], lex) if modifiers and not pieces else None
        if span:
            found = lex.lookup((word_key(self.text[span[0]:span[1]]),))
            pieces.append(Piece(self.index, i, i + 1, span[0], span[1],
                                self.text[span[0]:span[1]], *(found or (None, None))))
        return pieces


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


PARTY_TAG = re.compile(r"^(?:[RDIL]|Rep|Dem|Ind)-([A-Za-z][A-Za-z.]*)$")


def party_state(token: Token, lex: Lexicon) -> tuple[int, int, str] | None:
    """The state of a party-state tag ("R-Ky" in "(R-Ky.)", "D-N.Y"), as (start, end, state)."""
    match = PARTY_TAG.match(token.text)
    if not match:
        return None
    state = lex.party_states.get(state_key(match.group(1)))
    if state is None:
        return None
    return token.start + match.start(1), token.end, state


def modifier_name(token: Token, lex: Lexicon) -> tuple[int, int] | None:
    """The name part of a name used as a modifier ("Obama-era" -> "Obama"), or of a listed
    public figure after a prefix ("anti-Trump" -> "Trump"), as (start, end)."""
    head, dash, tail = token.text.rpartition("-")
    if dash and head[:1].isupper() and tail.lower() in lex.modifier_suffixes and (
            head[1:].replace(".", "").replace("'", "").isalpha()):
        return token.start, token.start + len(head)
    prefix, dash, name = token.text.partition("-")
    if dash and prefix.lower() in lex.modifier_prefixes and name[:1].isupper() and (
            word_key(name) in lex.public_figures):
        return token.end - len(name), token.end
    return None


def hyphen_parts(token: Token, lex: Lexicon) -> list[tuple[int, int, str, str]]:
    """Known places or nationalities inside a hyphenated word ("U.S.-China", "China-based"), and
    the state of a party-state tag ("R-Ky" -> Kentucky), as (start, end, label, canonical);
    empty when the whole word is known or no part is."""
    key = token_key(token)
    if (key,) in lex.places or (key,) in lex.orgs:
        return []
    tagged = party_state(token, lex)
    if tagged:
        return [(tagged[0], tagged[1], "GPE", tagged[2])]
    parts = []
    position = token.start
    for part in token.text.split("-"):
        found = lex.places.get((word_key(part),)) if len(part) > 1 else None
        if found and part[:1].isupper() and (part.isupper() or not part[1:].isupper()):
            parts.append((position, position + len(part), found[0], found[1]))
        position += len(part) + 1
    return parts


def _splits_at_hyphen(token: Token, lex: Lexicon) -> bool:
    return "-" in token.text and (bool(hyphen_parts(token, lex))
                                  or modifier_name(token, lex) is not None)


_ON_JOINERS = frozenset({"committee", "subcommittee", "commission", "council", "conference"})


def _cue_ahead(sentence: Sentence, k: int, lex: Lexicon) -> bool:
    """True when the capitalised words from k on end in an organisation or event word, so "and"
    belongs to the name ("Diplomatic and Security Dialogue")."""
    tokens, keys = sentence.tokens, sentence.keys
    while k < len(tokens) and is_cap(tokens[k]):
        k += 1
    return keys[k - 1] in lex.org_cues or keys[k - 1] in lex.event_cues


def _and_joins(sentence: Sentence, i: int, j: int, lex: Lexicon) -> bool:
    """Whether "and" at j joins two halves of one name ("Diplomatic and Security Dialogue")
    rather than two names ("Harvard University and Harvard Law School", "Gary Johnson and Green
    Party"): not when the left half is a complete organisation, starts with a first name, or
    the right half starts with the same word."""
    keys = sentence.keys
    return not (keys[j - 1] in lex.org_cues or keys[i] in lex.first_names
                or (j + 1 < len(keys) and keys[j + 1] == keys[i]))


def _run_start(sentence: Sentence, i: int, lex: Lexicon, ne_flags: list[bool] | None) -> bool:
    """Whether a capitalised token i can open a name (sentence openers need more evidence)."""
    tokens, keys, n = sentence.tokens, sentence.keys, len(sentence.tokens)
    token = tokens[i]
    initial = i == 0 or tokens[i - 1].norm in OPENERS
    an_initial = len(token.text) == 1 and i + 2 < n and keys[i + 1] == "." and is_cap(tokens[i + 2])
    if initial and keys[i] in lex.not_names and not an_initial:
        return False
    a_first_name = keys[i] in lex.first_names and i + 1 < n and is_cap(tokens[i + 1])
    if initial and token.pos not in {"NNP", "NNPS"} and keys[i] not in lex.first_tokens and (
            not an_initial) and not a_first_name and keys[i] not in lex.public_figures:
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
        if joiner == "on" and keys[j - 1] in _ON_JOINERS:
            return 2  # "Senate Committee on Foreign Relations"
        if joiner == "and" and any(keys[m] == "on" and keys[m - 1] in _ON_JOINERS
                                   for m in range(i + 1, j)):
            return 2  # "Committee on Small Business and Entrepreneurship"
        if joiner == "&" and keys[j - 1] not in lex.first_tokens and (
                keys[j + 1] not in lex.first_tokens):
            return 2
        if joiner == "and" and _cue_ahead(sentence, j + 1, lex) and _and_joins(sentence, i, j, lex):
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
        # a known name with lower-case words inside ("Centers for Disease Control and
        # Prevention") is one run even where the joining rules would cut it
        length, _ = lex.match_at(sentence.keys, i, n, sentence.upper)
        j = max(j, i + length)
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
    while j > i and keys[j - 1] in lex.not_names and not (
            j - 2 >= i and keys[j - 2] in lex.first_names and tokens[j - 1].text.istitle()
            and keys[j - 1] in _MONTH_SURNAMES):  # "Theresa May"
        j -= 1
    if i >= j:
        return []
    whole = lex.known(keys, upper, i, j) or _state_abbreviation(sentence, i, j, lex)
    if whole:
        return [sentence.piece(i, j, whole[0], whole[1])]
    if j - i > 1 and (i == 0 or tokens[i - 1].norm in OPENERS) and not lex.title_at(keys, i, j) \
            and tokens[i].pos not in {"NNP", "NNPS"} and keys[i] not in lex.first_names \
            and is_common_word(tokens[i].text, common_words()):
        return split_run(sentence, i + 1, j, lex)
    if i >= 2 and keys[i - 1] in {"of", "for"} and lex.title_at(keys, i - 2, i - 1):
        # the object of a title, then the name: "(Chief of) Staff John Kelly", "(Director of)
        # Public Affairs Sarah Flores"
        firsts = [m for m in range(i, j - 1) if keys[m] in lex.first_names]
        if firsts and firsts[0] > i:
            return split_run(sentence, firsts[0], j, lex)
    pieces: list[Piece] = []
    name_start = i
    hint = False
    k = i
    while k < j:
        length = lex.title_at(keys, k, j)
        if length:
            known_length, _ = lex.match_at(keys, k, j, upper)
            if known_length > length:  # "Justice Department", not the title "Justice"
                k += known_length
                continue
        if length and k + length == j and k == i:
            return []  # a title alone ("President") names nobody
        if length and k + length == j and keys[j - 1] not in lex.org_cues and (
                lex.known(keys, upper, name_start, k) or _is_common_stretch(sentence, name_start, k)):
            # a title after a place or body ends the name: "Texas Gov.", "White House Chief"
            return pieces + _before_title(sentence, name_start, k, lex, hint)
        if length and k + length < j and keys[j - 1] not in lex.org_cues:
            pieces.extend(_before_title(sentence, name_start, k, lex, hint))
            k += length
            if keys[k] in {"of", "for"} or keys[k - 1] in {"of", "for"}:
                # "Assistant Secretary for Near Eastern Affairs Robert Pelletreau", "Director of
                # Public Affairs Sarah Flores": the name is the part from the last first name
                # on, if any.
                firsts = [m for m in range(k, j) if keys[m] in lex.first_names]
                k = firsts[-1] if firsts else j
            name_start = k
            hint = True
            continue
        k += 1
    pieces.extend(_split_known(sentence, name_start, j, lex, hint))
    return pieces


def _state_abbreviation(sentence: Sentence, i: int, j: int, lex: Lexicon) -> tuple[str, str] | None:
    """A US state written short where the period was split off at a sentence end ("Alexandria,
    Va." -> "Va" + "."), or a postal code after a city ("Rockville, MD"): (GPE, the state)."""
    tokens, keys = sentence.tokens, sentence.keys
    if j - i != 1:
        return None
    if j < len(tokens) and tokens[j].text == "." and tokens[j].start == tokens[i].end:
        found = lex.places.get((keys[i] + ".",))
        if found:
            return found
    if (len(tokens[i].text) == 2 and tokens[i].text.isupper() and i >= 2 and keys[i - 1] == ","
            and is_cap(tokens[i - 2]) and not sentence.upper[i - 2]):
        state = lex.party_states.get(state_key(tokens[i].text))
        if state:
            return "GPE", state
    return None


def _is_common_stretch(sentence: Sentence, i: int, j: int) -> bool:
    """One capitalised ordinary word ("Wacky", "Army", "Democratic") that no list knows."""
    return j - i == 1 and is_common_word(sentence.tokens[i].text, common_words())


def _before_title(sentence: Sentence, i: int, j: int, lex: Lexicon, hint: bool) -> list[Piece]:
    """The pieces of the words before a title: none for one ordinary word no list knows
    ("Wacky Congresswoman Wilson", "Marine Gen. John Allen")."""
    if _is_common_stretch(sentence, i, j) and not lex.known(sentence.keys, sentence.upper, i, j):
        return []
    return _split_known(sentence, i, j, lex, hint)


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
    if j - i > 1 and keys[i] in _STORMS:
        return [sentence.piece(i, j, "EVENT", None, hint)]  # "Hurricane Sandy"
    if j - i > 1 and (keys[j - 1] in lex.event_cues or j - i > 2 and _ROMAN.fullmatch(
            tokens[j - 1].text) and keys[j - 2] in lex.event_cues):  # "World War II"
        return [sentence.piece(i, j, "EVENT", None, hint)]
    if j - i > 1 and keys[j - 1] in lex.gpe_cues:
        return [sentence.piece(i, j, "GPE", None)]  # "Sonoma County"
    if j - i > 1 and (group := lex.known(keys, upper, j - 1, j)) and group[0] == "NORP" \
            and keys[i] not in lex.first_names:  # "Mark Cuban" is a person
        # "House Republicans", "Senate Democrats": the group is no part of the name; ordinary
        # words before it are none either ("the New Democrats")
        rest = ([] if all(is_common_word(t.text, common_words()) for t in tokens[i:j - 1])
                and not lex.known(keys, upper, i, j - 1)
                else _split_known(sentence, i, j - 1, lex, hint))
        return rest + [sentence.piece(j - 1, j, *group)]
    if (j - i > 1 and keys[j - 1] in lex.org_cues) or (j - i > 1 and keys[j - 1] in lex.facility_cues):
        label = "ORGANIZATION" if keys[j - 1] in lex.org_cues else "FACILITY"
        return [sentence.piece(i, j, label, None, hint)]
    length, found = lex.match_at(keys, i, j, upper)
    if found and length < j - i:
        rest_is_org = any(k in lex.org_heads for k in keys[i + length:j])
        if j - i - length >= 2 and keys[i + length] in lex.first_names and all(
                is_cap(t) for t in tokens[i + length:j]):
            # "(Speaker of the) House John Boehner": a body, then a person's full name
            return [sentence.piece(i, i + length, found[0], found[1]),
                    sentence.piece(i + length, j, None, None, True)]
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
