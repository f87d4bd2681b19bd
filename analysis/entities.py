"""Named entities with exact offsets, typed by the project's own rules, resolved within a text.

NLTK's multiclass NE chunker is not available, so typing is a rule layer over the offset-exact
tokens and POS tags of `analysis.segment.tagged_sentences`: capitalised runs are cut at titles
("Secretary of State"), matched against gazetteers (NLTK's gazetteers corpus plus the hand-written
lists in analysis/rules/entity_*), organisation cues ("Agency", "Inc."), first names (NLTK's names
corpus), WordNet's proper names and context, then types and full names are propagated within the
document ("Tillerson" -> "Rex Tillerson"). NLTK's binary NE chunker decides the sentence openers
that only capitalisation marks (running it on every sentence would halve the speed for no gain in
accuracy). Corpus tables (mentions, counts, co-occurrence, aliases) are built on top.

Labels: PERSON, ORGANIZATION, GPE (countries, cities, states), LOCATION (regions, seas),
FACILITY (buildings), NORP (nationalities and groups: "Chinese"), EVENT ("... Dialogue"), MISC
(names with digits: "Hwasong-12"). Measure with `python -m analysis evaluate entities --data PATH`.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any, Iterable

import pandas as pd
from nltk.tree import Tree

from analysis.nlp import use_nltk_data_env, binary_ne_chunker
from analysis.rulefiles import rule_lines
from analysis.segment import Token, paragraph_spans, tagged_sentences, token_spans

LABELS = ("PERSON", "ORGANIZATION", "GPE", "LOCATION", "FACILITY", "NORP", "EVENT", "MISC")
MENTION_COLUMNS = ["start", "end", "text", "label", "canonical"]

# --------------------------------------------------------------------------------------------
# Rule files


def _rule_table(name: str) -> list[tuple[str, str]]:
    """Two-column TSV rule file (header skipped) as (name, value) pairs."""
    rows = []
    for line in rule_lines(name)[1:]:
        first, _, second = line.partition("\t")
        rows.append((first.strip(), second.strip() or first.strip()))
    return rows


def _key(text: str) -> tuple[str, ...]:
    """Lookup key of a phrase: its tokens, lower-cased, with curly apostrophes made straight."""
    return tuple(t.text.lower().replace("’", "'") for t in token_spans(text))


def _tok_key(token: Token) -> str:
    return token.text.lower().replace("’", "'")


@dataclass(frozen=True)
class Lexicon:
    """Every word list the typing rules use, keyed by lower-cased token tuples."""

    places: dict[tuple[str, ...], tuple[str, str]]  # key -> (label, canonical)
    orgs: dict[tuple[str, ...], str]
    titles: frozenset[tuple[str, ...]]
    org_cues: frozenset[str]
    org_heads: frozenset[str]
    facility_cues: frozenset[str]
    possessive_joiners: frozenset[str]
    not_names: frozenset[str]
    first_names: frozenset[str]
    of_joiners: frozenset[str]
    event_cues: frozenset[str] = field(default=frozenset())
    countries: frozenset[str] = field(default=frozenset())  # canonical country names
    name_particles: frozenset[str] = field(default=frozenset())
    say_verbs: frozenset[str] = field(default=frozenset())
    place_prepositions: frozenset[str] = field(default=frozenset())
    surname_shape: re.Pattern = re.compile(r"(?!)")
    acronyms: frozenset[tuple[str, ...]] = field(default=frozenset())
    first_tokens: frozenset[str] = field(default=frozenset())
    max_len: int = 6

    def lookup(self, key: tuple[str, ...]) -> tuple[str, str] | None:
        """(label, canonical) of a known phrase, or None."""
        if key in self.orgs:
            return "ORGANIZATION", self.orgs[key]
        return self.places.get(key)

    def title_at(self, keys: list[str], k: int, end: int) -> int:
        """Length of the longest title phrase starting at keys[k] (0 when none)."""
        for n in range(min(4, end - k), 0, -1):
            if tuple(keys[k:k + n]) in self.titles:
                return n
        return 0

    def match_at(self, keys: list[str], k: int, end: int,
                 upper: list[bool] | None = None) -> tuple[int, tuple[str, str] | None]:
        """Longest known phrase starting at keys[k], as (length, (label, canonical)).

        With `upper` (which tokens are all capitals), an acronym ("US", "WHO") matches only when
        written in capitals, so "Us" or "Who" in running text are not taken for it."""
        if keys[k] not in self.first_tokens:
            return 0, None
        for n in range(min(self.max_len, end - k), 0, -1):
            key = tuple(keys[k:k + n])
            found = self.lookup(key)
            if found and upper is not None and key in self.acronyms and not all(upper[k:k + n]):
                continue
            if found:
                return n, found
        return 0, None


_GAZETTEER_FILES = {
    "countries.txt": "GPE", "isocountries.txt": "GPE", "usstates.txt": "GPE",
    "caprovinces.txt": "GPE", "mexstates.txt": "GPE", "uscities.txt": "GPE",
}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All entity word lists, loaded once: rule files plus NLTK's gazetteers and names corpora."""
    use_nltk_data_env()
    from nltk.corpus import gazetteers, names

    places: dict[tuple[str, ...], tuple[str, str]] = {}
    skip = set(rule_lines("entity_gazetteer_skip.txt"))
    for fileid, label in _GAZETTEER_FILES.items():
        for entry in gazetteers.words(fileid):
            entry = entry.strip()
            if entry and entry.lower() not in skip and "(" not in entry:
                places.setdefault(_key(entry), (label, entry))
    for entry in gazetteers.words("nationalities.txt"):
        places.setdefault(_key(entry), ("NORP", entry))
    for name, canonical in _rule_table("entity_gpe.tsv"):
        places[_key(name)] = ("GPE", canonical)
    for name in rule_lines("entity_locations.txt"):
        places[_key(name)] = ("LOCATION", name)
    for name, country in _rule_table("entity_demonyms.tsv"):
        places[_key(name)] = ("NORP", name)
    orgs = {_key(name): canonical for name, canonical in _rule_table("entity_organizations.tsv")}
    titles = frozenset(_key(t.title()) for t in rule_lines("entity_titles.txt"))
    of_joiners = {t[t.index("of") - 1] for t in titles if "of" in t[1:]}
    org_heads = frozenset(rule_lines("entity_org_heads.txt"))
    first_names = frozenset(n.lower() for n in names.words() if len(n) > 2)
    keys = list(places) + list(orgs)
    acronyms = {_key(name) for name, _ in _rule_table("entity_organizations.tsv")
                + _rule_table("entity_gpe.tsv") if name.isupper()}
    return Lexicon(
        places=places,
        orgs=orgs,
        titles=titles,
        org_cues=frozenset(k.lower() for k in rule_lines("entity_org_cues.txt")),
        org_heads=org_heads,
        facility_cues=frozenset(k.lower() for k in rule_lines("entity_facility_cues.txt")),
        possessive_joiners=frozenset(rule_lines("entity_possessive_joiners.txt")),
        not_names=frozenset(rule_lines("entity_not_names.txt")),
        first_names=first_names,
        of_joiners=frozenset(of_joiners | {h.split()[-1] for h in org_heads}),
        event_cues=frozenset(k.lower() for k in rule_lines("entity_event_cues.txt")),
        countries=frozenset(
            list(gazetteers.words("countries.txt")) + list(gazetteers.words("isocountries.txt"))
            + [country for _, country in _rule_table("entity_demonyms.tsv")]),
        acronyms=frozenset(acronyms),
        name_particles=frozenset(rule_lines("entity_name_particles.txt")),
        say_verbs=frozenset(rule_lines("entity_say_verbs.txt")),
        place_prepositions=frozenset(rule_lines("entity_place_prepositions.txt")),
        surname_shape=re.compile("(?:" + "|".join(
            sorted(rule_lines("entity_surname_endings.txt"), key=len, reverse=True)) + ")$"),
        first_tokens=frozenset(k[0] for k in keys),
        max_len=max(len(k) for k in keys),
    )


# --------------------------------------------------------------------------------------------
# Candidate names inside one sentence

_OPENERS = {"``", "`", "(", "[", "{", ":", "--", "-", ";", "''", '"'}
_CAPS_WORD = re.compile(r"^[A-Z][A-Z.&'-]*$")


def _is_cap(token: Token) -> bool:
    first = token.text[:1]
    return first.isalpha() and first.isupper()


def _is_sentence_caps(tokens: tuple[Token, ...]) -> bool:
    """True for all-capitals headlines, whose capitalisation says nothing about names."""
    letters = [t.text for t in tokens if t.text[:1].isalpha() and len(t.text) > 1]
    if len(letters) < 2:
        return False
    upper = sum(1 for w in letters if w.isupper())
    return upper >= 0.8 * len(letters)


@dataclass
class Piece:
    """A candidate name: token range in its sentence, absolute character span, and evidence."""

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


def _run_boundaries(tokens: tuple[Token, ...], keys: list[str], lex: Lexicon,
                    ne_flags: list[bool] | None, text: str) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with "of", "&", name particles and a few possessives
    inside), as (first, last) token ranges."""
    n = len(tokens)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < n:
        token = tokens[i]
        if not _is_cap(token) or "-" in token.text and _hyphen_parts(token, lex):
            i += 1
            continue
        initial = i == 0 or tokens[i - 1].norm in _OPENERS
        an_initial = len(token.text) == 1 and i + 2 < n and keys[i + 1] == "." and _is_cap(tokens[i + 2])
        if initial and keys[i] in lex.not_names and not an_initial:
            i += 1
            continue
        if initial and token.pos not in {"NNP", "NNPS"} and keys[i] not in lex.first_tokens and (
                not an_initial):
            if not (ne_flags and ne_flags[i]):
                i += 1
                continue
        j = i + 1
        while j < n:
            nxt = tokens[j]
            if "\n" in text[tokens[j - 1].end:nxt.start]:
                break  # names do not run across lines (tables, headlines, lists)
            if (len(tokens[j - 1].text) == 1 and keys[j] == "." and j + 1 < n
                    and _is_cap(tokens[j + 1]) and "\n" not in text[nxt.end:tokens[j + 1].start]):
                j += 2  # an initial: "R. Croft"
                continue
            if _is_cap(nxt) and not ("-" in nxt.text and _hyphen_parts(nxt, lex)):
                j += 1
                continue
            joiner = keys[j]
            if j + 1 < n and _is_cap(tokens[j + 1]):
                if joiner in {"of", "for"} and keys[j - 1] in lex.of_joiners:
                    j += 2
                    continue
                if joiner == "&" and keys[j - 1] not in lex.first_tokens and (
                        keys[j + 1] not in lex.first_tokens):
                    j += 2
                    continue
                if joiner == "and" and _cue_ahead(tokens, keys, j + 1, lex):
                    j += 2
                    continue
                if joiner in lex.name_particles and j > i:
                    j += 2
                    continue
                if joiner in {"'s", "'"} and keys[j - 1] in lex.possessive_joiners:
                    j += 2
                    continue
            if joiner in lex.name_particles and j + 2 < n and keys[j + 1] in lex.name_particles and (
                    _is_cap(tokens[j + 2])):
                j += 3  # "van der Sar"
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _cue_ahead(tokens: tuple[Token, ...], keys: list[str], k: int, lex: Lexicon) -> bool:
    """True when the capitalised words from k on end in an organisation or event word, so "and"
    belongs to the name ("Diplomatic and Security Dialogue")."""
    while k < len(tokens) and _is_cap(tokens[k]):
        k += 1
    return keys[k - 1] in lex.org_cues or keys[k - 1] in lex.event_cues


def _hyphen_parts(token: Token, lex: Lexicon) -> list[tuple[int, int, str, str]]:
    """Known places or nationalities inside a hyphenated word ("U.S.-China", "China-based"), as
    (start, end, label, canonical); empty when the whole word is known or no part is."""
    key = _tok_key(token)
    if (key,) in lex.places or (key,) in lex.orgs:
        return []
    parts = []
    position = token.start
    for part in token.text.split("-"):
        found = lex.places.get((part.lower().replace("’", "'"),)) if len(part) > 1 else None
        if found and part[:1].isupper() and (part.isupper() or not part[1:].isupper()):
            parts.append((position, position + len(part), found[0], found[1]))
        position += len(part) + 1
    return parts


def _known(lex: Lexicon, keys: list[str], upper: list[bool], i: int, j: int):
    """(label, canonical) when tokens i..j form a known phrase (acronyms only in capitals)."""
    key = tuple(keys[i:j])
    found = lex.lookup(key)
    if found and key in lex.acronyms and not all(upper[i:j]):
        return None
    return found


def _split_run(sentence: int, tokens: tuple[Token, ...], keys: list[str], upper: list[bool],
               i: int, j: int, lex: Lexicon, text: str) -> list[Piece]:
    """Cut a run at titles and known leading places: "US Secretary of State Rex Tillerson" ->
    GPE "US", PERSON-hinted "Rex Tillerson"."""
    # Trim words that are never names from the edges ("The", "Wednesday").
    while i < j and keys[i] in lex.not_names and not lex.match_at(keys, i, j, upper)[0] and not (
            len(tokens[i].text) == 1 and i + 1 < j and keys[i + 1] == "."):  # "A. Symonds"
        i += 1
    while j > i and keys[j - 1] in lex.not_names:
        j -= 1
    if i >= j:
        return []
    whole = _known(lex, keys, upper, i, j)
    if whole:
        return [_piece(sentence, tokens, i, j, text, whole[0], whole[1])]
    if j - i > 1 and (i == 0 or tokens[i - 1].norm in _OPENERS) and not lex.title_at(keys, i, j) \
            and tokens[i].pos not in {"NNP", "NNPS"} and keys[i] not in lex.first_names \
            and _is_common_word(tokens[i].text, common_words()):
        return _split_run(sentence, tokens, keys, upper, i + 1, j, lex, text)
    pieces: list[Piece] = []
    name_start = i
    hint = False
    k = i
    while k < j:
        length = lex.title_at(keys, k, j)
        if length and k + length == j and k == i:
            return []  # a title alone ("President") names nobody
        if length and k + length < j and keys[j - 1] not in lex.org_cues:
            pieces.extend(_split_known(sentence, tokens, keys, upper, name_start, k, lex, text, hint))
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
    pieces.extend(_split_known(sentence, tokens, keys, upper, name_start, j, lex, text, hint))
    return pieces


def _split_known(sentence: int, tokens: tuple[Token, ...], keys: list[str], upper: list[bool],
                 i: int, j: int, lex: Lexicon, text: str, hint: bool) -> list[Piece]:
    """Type a title-free stretch: whole known phrase, organisation cue, or a known place or
    nationality at its start followed by the rest ("Chinese Xi Jinping")."""
    if i >= j:
        return []
    whole = _known(lex, keys, upper, i, j)
    if whole:
        return [_piece(sentence, tokens, i, j, text, whole[0], whole[1], hint)]
    if j - i == 1 and len(tokens[i].text) == 1:
        return []  # a lone capital letter ("3rd R") is no name
    if any(c.isdigit() for c in text[tokens[i].start:tokens[j - 1].end]):
        return [_piece(sentence, tokens, i, j, text, "MISC", None, hint)]
    if j - i > 1 and keys[j - 1] in lex.event_cues:
        return [_piece(sentence, tokens, i, j, text, "EVENT", None, hint)]
    if keys[j - 1] in lex.org_cues or (j - i > 1 and keys[j - 1] in lex.facility_cues):
        label = "ORGANIZATION" if keys[j - 1] in lex.org_cues else "FACILITY"
        return [_piece(sentence, tokens, i, j, text, label, None, hint)]
    length, found = lex.match_at(keys, i, j, upper)
    if found and length < j - i:
        rest_is_org = any(k in lex.org_heads for k in keys[i + length:j])
        if found[0] in {"NORP", "GPE"} and not rest_is_org:
            first = _piece(sentence, tokens, i, i + length, text, found[0], found[1])
            return [first] + _split_known(sentence, tokens, keys, upper, i + length, j, lex, text, hint)
    return [_piece(sentence, tokens, i, j, text, None, None, hint)]


def _piece(sentence: int, tokens: tuple[Token, ...], i: int, j: int, text: str,
           label: str | None, canonical: str | None, hint: bool = False) -> Piece:
    start, end = tokens[i].start, tokens[j - 1].end
    return Piece(sentence, i, j, start, end, text[start:end], label, canonical, hint)


def _binary_ne_flags(tokens: tuple[Token, ...]) -> list[bool]:
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


def _needs_chunker(tokens: tuple[Token, ...], keys: list[str], lex: Lexicon) -> bool:
    """Only a capitalised sentence opener that the tagger calls a common noun or adjective and no
    list knows needs the (slow) chunker: "Kazakhstan said...", "Signaling frustration..."."""
    if not tokens or not _is_cap(tokens[0]):
        return False
    return (tokens[0].pos not in {"NNP", "NNPS"} and keys[0] not in lex.not_names
            and keys[0] not in lex.first_tokens and tokens[0].pos in {"NN", "NNS", "JJ"})


def _caps_pieces(sentence: int, tokens: tuple[Token, ...], keys: list[str], lex: Lexicon,
                 text: str) -> list[Piece]:
    """Candidates in an all-capitals line: known phrases only (names are added later from the
    rest of the document)."""
    pieces = []
    k = 0
    n = len(tokens)
    while k < n:
        length, found = lex.match_at(keys, k, n)
        if found:
            piece = _piece(sentence, tokens, k, k + length, text, found[0], found[1])
            piece.caps = True
            pieces.append(piece)
            k += length
            continue
        if "-" in tokens[k].text:
            for s, e, label, canonical in _hyphen_parts(tokens[k], lex):
                pieces.append(Piece(sentence, k, k + 1, s, e, text[s:e], label, canonical))
        k += 1
    return pieces


# --------------------------------------------------------------------------------------------
# Document level: propagation, defaults, resolution


def _name_key(name: str) -> str:
    """Spelling-insensitive key: "Kim Jong-Un", "Kim Jong Un" and "KIM JONG UN" are one."""
    return re.sub(r"[^a-z0-9]", "", name.lower().replace("’s", "").replace("'s", ""))


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", name.lower().replace("’", "'")) if w]


def _acronym(name: str) -> str:
    """Initials of the capitalised words: "International Atomic Energy Agency" -> "IAEA"."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def _type_pieces(pieces: list[Piece], sentences: tuple[tuple[Token, ...], ...],
                 lex: Lexicon, text: str) -> None:
    """Give every piece a label: evidence first, then the document's own names, then context."""
    # 1. Local evidence: title before, known first name.
    for p in pieces:
        if p.label:
            continue
        words = sentences[p.sentence][p.first:p.last]
        has_initial = any(len(w.text) == 1 and w.text.isupper() for w in words[:-1])
        if p.person_hint or (has_initial and len(words[-1].text) > 1):
            p.label = "PERSON"  # after a title, or with an initial ("R. Croft")
        elif len(words) >= 2 and _tok_key(words[0]) in lex.first_names and all(
                _is_cap(w) or _tok_key(w) in lex.name_particles for w in words):
            p.label = "PERSON"
    # 2. Propagate within the document.
    person_words: dict[str, str] = {}
    org_names: dict[str, str] = {}
    for p in pieces:
        if p.label == "PERSON":
            for w in _words(p.text):
                person_words.setdefault(w, p.text)
        elif p.label == "ORGANIZATION":
            org_names[_name_key(p.text)] = p.text
            if len(p.text.split()) > 1:
                org_names.setdefault(_acronym(p.text).lower(), p.text)
    for p in pieces:
        if p.label:
            continue
        words = _words(p.text)
        if words and all(w in person_words for w in words):
            p.label = "PERSON"
        elif _name_key(p.text) in org_names:
            p.label = "ORGANIZATION"
    # 2b. Score lines ("Barnsley 3 Reading 1", "CHICAGO 5 Philadelphia 3"): a place or unknown
    # name followed by a score is a team.
    for p in pieces:
        if p.label in {None, "GPE"} and p.canonical not in lex.countries and (
                p.last < len(sentences[p.sentence])):
            tokens = sentences[p.sentence]
            score = tokens[p.last].text
            if score.isdigit() and not re.fullmatch(r"(?:19|20)\d\d", score) and (
                    _is_score_line(tokens)):
                p.label, p.canonical = "ORGANIZATION", None
    for p in pieces:  # a lone first name ("Chelsea", "Julie") once teams are set apart
        if not p.label and p.last - p.first == 1 and p.first > 0 and (
                _tok_key(sentences[p.sentence][p.first]) in lex.first_names):
            p.label = "PERSON"
    # 3. Context, WordNet's proper names and shape defaults.
    known_names = wordnet_names()
    common = common_words()
    for p in pieces:
        if p.label:
            continue
        tokens = sentences[p.sentence]
        before = _tok_key(tokens[p.first - 1]) if p.first > 0 else ""
        after = _tok_key(tokens[p.last]) if p.last < len(tokens) else ""
        n_words = p.last - p.first
        words = tokens[p.first:p.last]
        line_start = p.first == 0 or "\n" in text[tokens[p.first - 1].end:p.start]
        reuters = after == "(" and p.last + 1 < len(tokens) and (
            _tok_key(tokens[p.last + 1]) == "reuters")
        if (line_start and p.text.isupper() and after[:1].isdigit()) or reuters:
            p.label = "GPE"  # a dateline: "DHAKA 1996-08-22", "LONDON (Reuters)"
        elif known_names.get(p.text.lower()):
            p.label = known_names[p.text.lower()]
        elif after in lex.say_verbs and not p.text.isupper():
            p.label = "PERSON"
        elif n_words == 1 and _is_common_word(p.text, common) and (
                p.text.isupper() or words[0].pos not in {"NNP", "NNPS"}
                or line_start and p.last < len(tokens) and not tokens[p.last].pos.startswith("V")):
            p.label = "DROP"  # a capitalised common word ("Result", "Leading")
        elif 2 <= n_words <= 4 and _tok_key(words[0]) not in lex.first_names and any(
                (_tok_key(w),) in lex.places and lex.places[(_tok_key(w),)][0] == "GPE"
                for w in words):
            p.label = "ORGANIZATION"  # a place inside a longer name: "Legia Warsaw"
        elif n_words == 1 and lex.surname_shape.search(p.text):
            p.label = "PERSON"
        elif _CAPS_WORD.match(p.text.replace(" ", "")) and 1 < len(p.text) <= 6 and n_words == 1:
            p.label = "ORGANIZATION"
        elif before in {"by", "said"} and n_words >= 2:
            p.label = "PERSON"
        elif before in lex.place_prepositions and n_words == 1:
            p.label = "GPE"
        elif 2 <= n_words <= 4 and all(t.text[:1].isupper() and t.text[1:].islower()
                                        or t.text in lex.name_particles
                                        for t in tokens[p.first:p.last] if t.text.isalpha()):
            p.label = "PERSON"
        else:
            p.label = "ORGANIZATION"


def _is_score_line(tokens: tuple[Token, ...]) -> bool:
    """A results line: names and numbers only, at least two numbers, no lower-case words."""
    numbers = sum(1 for t in tokens if t.text[:1].isdigit())
    lower = sum(1 for t in tokens if t.text[:1].islower() and t.text not in {"v", "vs", "vs."})
    return numbers >= 2 and lower == 0


def _is_common_word(word: str, common: frozenset[str]) -> bool:
    """A capitalised ordinary word ("Result", "RESULTS", "Women"): in NLTK's word list in lower
    case (also without a plural ending) but not as a name."""
    lower = word.lower()
    if word.capitalize() in common or word.capitalize().rstrip("s") in common:
        return False
    return lower in common or lower.endswith("s") and lower[:-1] in common or (
        lower.endswith("es") and lower[:-2] in common) or lower in _IRREGULAR_COMMON


_IRREGULAR_COMMON = {"women", "men", "children", "people"}


def _resolve(pieces: list[Piece]) -> None:
    """Canonical names within the document: a person's longest full form ("Tillerson" ->
    "Rex Tillerson", "Xi" -> "Xi Jinping"; when two people share the word, the one named most
    recently before), one spelling per name ("Kim Jong Un" = "Kim Jong-Un"), and an organisation's
    acronym its full name when the text spells it out ("IAEA" -> "International Atomic Energy
    Agency")."""
    ordered = sorted(pieces, key=lambda p: p.start)
    spelling: dict[str, str] = {}
    seen_at: dict[str, list[int]] = defaultdict(list)  # full spelling -> starts of its mentions
    acronyms: dict[str, str] = {}
    for p in ordered:
        if p.label == "PERSON" and not p.caps:
            key = _name_key(p.text)
            spelling.setdefault(key, _display(p.text))
            seen_at[spelling[key]].append(p.start)
        elif p.label == "ORGANIZATION" and len(p.text.split()) > 1:
            acronyms.setdefault(_acronym(_display(p.text)), _display(p.text))
    word_sets = {full: set(_words(full)) for full in seen_at}
    for p in ordered:
        if p.canonical:
            continue
        if p.label == "PERSON":
            words = set(_words(p.text))
            candidates = [f for f, ws in word_sets.items() if words <= ws]
            maximal = [f for f in candidates
                       if not any(word_sets[f] < word_sets[g] for g in candidates)]
            if len(maximal) > 1:
                def recency(full: str) -> tuple[int, int]:
                    before = [s for s in seen_at[full] if s <= p.start]
                    return (1, max(before)) if before else (0, -min(seen_at[full]))
                maximal = [max(maximal, key=recency)]
            p.canonical = maximal[0] if maximal else spelling.get(_name_key(p.text),
                                                                   _display(p.text))
        elif p.label == "ORGANIZATION" and p.text.isupper() and p.text in acronyms:
            p.canonical = acronyms[p.text]
        elif p.text.isupper() and p.label != "ORGANIZATION" and len(p.text) > 3:
            p.canonical = _display(p.text).title()  # "KANDAHAR" -> "Kandahar"
        else:
            p.canonical = _display(p.text)


def _display(name: str) -> str:
    """A readable form: possessive dropped, all-capitals words title-cased."""
    name = re.sub(r"['’]s$", "", name).strip()
    if name.isupper() and len(name) > 4 and " " in name:
        name = name.title()
    return name


@lru_cache(maxsize=256)
def _document_pieces(text: str) -> tuple[Piece, ...]:
    lex = lexicon()
    sentences = tagged_sentences(text)
    pieces: list[Piece] = []
    caps_lines: list[int] = []
    for s_index, tokens in enumerate(sentences):
        if not tokens:
            continue
        keys = [_tok_key(t) for t in tokens]
        if _is_sentence_caps(tokens):
            caps_lines.append(s_index)
            pieces.extend(_caps_pieces(s_index, tokens, keys, lex, text))
            continue
        upper = [t.text.isupper() for t in tokens]
        flags = _binary_ne_flags(tokens) if _needs_chunker(tokens, keys, lex) else None
        for i, token in enumerate(tokens):
            if "-" in token.text and any(c.isupper() for c in token.text):
                for s, e, label, canonical in _hyphen_parts(token, lex):
                    pieces.append(Piece(s_index, i, i + 1, s, e, text[s:e], label, canonical))
        for i, j in _run_boundaries(tokens, keys, lex, flags, text):
            pieces.extend(_split_run(s_index, tokens, keys, upper, i, j, lex, text))
    _type_pieces(pieces, sentences, lex, text)
    pieces = [p for p in pieces if p.label != "DROP"]
    if caps_lines:
        pieces.extend(_caps_names(caps_lines, sentences, pieces, text))
    _resolve(pieces)
    pieces.sort(key=lambda p: (p.start, p.end))
    return tuple(pieces)


def _caps_names(caps_lines: list[int], sentences, pieces: list[Piece], text: str) -> list[Piece]:
    """Names the rest of the document taught us, found again in all-capitals lines."""
    known: dict[str, str] = {}
    for p in pieces:
        if p.label in {"PERSON", "ORGANIZATION"} and not p.caps:
            for w in _words(p.text) if p.label == "PERSON" else [p.text.lower()]:
                if len(w) > 1:
                    known.setdefault(w, p.label)
    taken = {(p.sentence, i) for p in pieces for i in range(p.first, p.last)}
    found = []
    for s_index in caps_lines:
        tokens = sentences[s_index]
        k = 0
        while k < len(tokens):
            label = known.get(_tok_key(tokens[k])) if (s_index, k) not in taken else None
            if label:
                j = k + 1
                while (j < len(tokens) and (s_index, j) not in taken
                       and known.get(_tok_key(tokens[j])) == label == "PERSON"):
                    j += 1
                piece = _piece(s_index, tokens, k, j, text, label, None)
                piece.caps = True
                found.append(piece)
                k = j
            else:
                k += 1
    return found


# --------------------------------------------------------------------------------------------
# Public API


def extract_entities(text: str) -> pd.DataFrame:
    """One row per entity mention: start, end, text, label, canonical (offsets into `text`).

    Labels: PERSON, ORGANIZATION, GPE, LOCATION, FACILITY, plus NORP for nationality or group
    words ("Chinese"), EVENT and MISC, kept so that counts can include or exclude them."""
    pieces = _document_pieces(text) if text and text.strip() else ()
    return pd.DataFrame(
        {
            "start": pd.Series([p.start for p in pieces], dtype="int64"),
            "end": pd.Series([p.end for p in pieces], dtype="int64"),
            "text": pd.Series([p.text for p in pieces], dtype=object),
            "label": pd.Series([p.label for p in pieces], dtype=object),
            "canonical": pd.Series([p.canonical for p in pieces], dtype=object),
        },
        columns=MENTION_COLUMNS,
    )


# --------------------------------------------------------------------------------------------
# WordNet proper names (read straight from NLTK's wordnet data: fast, no full WordNet load)

_WORDNET_CLASSES = (  # checked in order on the hypernyms above a proper name's instance class
    ("PERSON", {"person", "people"}),
    ("GPE", {"city", "town", "country", "state", "province", "national_capital",
             "state_capital", "provincial_capital", "municipality", "administrative_district",
             "village", "port", "kingdom", "emirate", "commonwealth", "republic"}),
    ("ORGANIZATION", {"organization", "institution", "company", "enterprise", "agency",
                      "political_party", "team"}),
    ("LOCATION", {"geographical_area", "region", "body_of_water", "island", "mountain",
                  "continent", "land", "geological_formation", "celestial_body", "location"}),
    ("FACILITY", {"structure", "building", "facility"}),
)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """NLTK's English word list (lower-case entries are common words, capitalised ones names)."""
    use_nltk_data_env()
    from nltk.corpus import words

    return frozenset(words.words())


@lru_cache(maxsize=1)
def wordnet_names() -> dict[str, str]:
    """Proper names in WordNet (instances such as "Dhaka", "Arafat", "Kashmir") mapped to our
    labels by walking up their hypernyms; read from the data.noun file in about a second."""
    import nltk

    use_nltk_data_env()
    raw = None
    for location in ("corpora/wordnet.zip/wordnet/data.noun", "corpora/wordnet/data.noun"):
        try:
            with nltk.data.find(location).open() as handle:
                raw = handle.read()
            break
        except (LookupError, OSError):
            continue
    if raw is None:  # no WordNet: typing falls back on the other rules
        return {}
    first_lemma: dict[str, str] = {}
    hypernyms: dict[str, list[str]] = {}
    instances: list[tuple[list[str], list[str]]] = []
    for line in raw.decode("utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" ")
        offset = fields[0]
        n_words = int(fields[3], 16)
        words = [fields[4 + 2 * i] for i in range(n_words)]
        position = 4 + 2 * n_words
        n_pointers = int(fields[position])
        parents, classes = [], []
        for p in range(n_pointers):
            symbol, target = fields[position + 1 + 4 * p], fields[position + 2 + 4 * p]
            if symbol == "@":
                parents.append(target)
            elif symbol == "@i":
                classes.append(target)
        first_lemma[offset] = words[0].lower()
        hypernyms[offset] = parents
        if classes:
            instances.append((words, classes))

    @lru_cache(maxsize=None)
    def label_of(offset: str) -> str | None:
        seen, stack, ancestors = set(), [offset], set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            ancestors.add(first_lemma.get(node, ""))
            stack.extend(hypernyms.get(node, []))
        for label, heads in _WORDNET_CLASSES:
            if ancestors & heads:
                return label
        return None

    votes: dict[str, Counter] = defaultdict(Counter)
    for words, classes in instances:
        labels = [label_of(c) for c in classes]
        label = next((l for l in labels if l), None)
        if label is None:
            continue
        for word in words:
            name = re.sub(r"\(.*\)$", "", word).replace("_", " ")
            if name[:1].isupper():
                votes[name.lower()][label] += 1
    priority = {label: i for i, (label, _) in enumerate(_WORDNET_CLASSES)}
    return {name: max(c, key=lambda l: (c[l], -priority[l])) for name, c in votes.items()}


# --------------------------------------------------------------------------------------------
# Corpus tables

#: Segment roles whose text is run through extraction, each on its own (clean_text roles).
MENTION_ROLES = ("body", "headline", "caption")
MENTION_TABLE_COLUMNS = ["article_id", "role", "segment", "start", "end", "text", "label",
                         "canonical", "entity", "sentence", "paragraph"]
ARTICLE_MENTION_COLUMNS = [c for c in MENTION_TABLE_COLUMNS if c not in ("article_id", "entity")]
_MENTION_DTYPES = {c: "int64" for c in ("segment", "start", "end", "sentence", "paragraph")}


def _units(text: str, starts: list[int]) -> tuple[list[int], list[int]]:
    """Sentence and paragraph index of each start offset."""
    from bisect import bisect_right

    from analysis.segment import sentence_spans

    sentence_starts = [s for s, _ in sentence_spans(text)]
    paragraph_starts = [s for s, _ in paragraph_spans(text)]
    return ([max(bisect_right(sentence_starts, x) - 1, 0) for x in starts],
            [max(bisect_right(paragraph_starts, x) - 1, 0) for x in starts])


def _article_parts(raw_text: str, text: str) -> list[tuple[str, int, int, str]]:
    """(role, segment number, offset, string) to run extraction on: the clean body (offsets into
    `text`) and each headline or caption segment of the raw text (offsets into `raw_text` after
    mojibake repair, the text load_articles cleaned)."""
    from analysis.clean import repair_mojibake, segment_spans

    parts = [("body", -1, 0, text)]
    if raw_text:
        repaired = repair_mojibake(raw_text)
        for number, (start, end, role, _) in enumerate(segment_spans(repaired)):
            if role in MENTION_ROLES and role != "body":
                parts.append((role, number, start, repaired[start:end]))
    return parts


def mentions_in_article(raw_text: str, text: str) -> pd.DataFrame:
    """Mentions of one article in its body, headline and captions (each extracted on its own):
    the per-article entity stage of a corpus run.

    Columns: role, segment, start, end, text, label, canonical, sentence, paragraph. Body
    offsets (role "body") are into the clean `text`; headline and caption offsets into
    `raw_text`. `sentence` and `paragraph` number the units of the string each mention came from
    (per segment for captions), so co-occurrence never joins a caption to the body. Rows are
    built from plain lists (this runs once per article of a corpus)."""
    rows = []  # in ARTICLE_MENTION_COLUMNS order
    for role, segment, offset, string in _article_parts(raw_text, text):
        pieces = _document_pieces(string) if string and string.strip() else ()
        if not pieces:
            continue
        sentences, paragraphs = _units(string, [p.start for p in pieces])
        rows += [(role, segment, piece.start + offset, piece.end + offset, piece.text,
                  piece.label, piece.canonical, sentence, paragraph)
                 for piece, sentence, paragraph in zip(pieces, sentences, paragraphs)]
    columns = dict(zip(ARTICLE_MENTION_COLUMNS, map(list, zip(*rows))))
    if columns:
        columns["canonical"] = _align_with_body(columns["role"], columns["label"],
                                                columns["canonical"])
    return pd.DataFrame({name: pd.Series(columns.get(name, []),
                                         dtype=_MENTION_DTYPES.get(name, object))
                         for name in ARTICLE_MENTION_COLUMNS})


def _empty_mentions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_MENTION_DTYPES.get(c, object))
                         for c in MENTION_TABLE_COLUMNS})


def _align_with_body(roles: list[str], labels: list[str], canonicals: list[str]) -> list[str]:
    """Captions and headlines use the body's full names: "Tillerson" in a caption is the body's
    "Rex Tillerson" (persons whose words are a subset of exactly one body person)."""
    body_people = sorted({canonical for role, label, canonical in zip(roles, labels, canonicals)
                          if role == "body" and label == "PERSON"})
    spellings = {_name_key(p): p for p in body_people}
    result = []
    for role, label, canonical in zip(roles, labels, canonicals):
        if role != "body" and label == "PERSON":
            if _name_key(canonical) in spellings:
                canonical = spellings[_name_key(canonical)]
            else:
                words = set(_words(canonical))
                matches = [p for p in body_people if words <= set(_words(p))]
                if len(matches) == 1:
                    canonical = matches[0]
        result.append(canonical)
    return result


def mention_table(articles: pd.DataFrame, roles: Iterable[str] = MENTION_ROLES,
                  cache: Any = None, progress: bool | None = None) -> pd.DataFrame:
    """Every entity mention of a corpus (the DataFrame of load_articles: article_id, raw_text,
    text): article_id, role, segment, start, end, text, label, canonical (within the article),
    entity (one name per entity across the corpus), sentence, paragraph.

    Duplicate articles count once. Per-article mentions come from the annotation cache when
    they are there (`cache`: see :func:`analysis.cache.annotation_cache`; False turns it off),
    so re-running a notebook on an unchanged corpus skips the NLP work. `progress=None` shows
    a progress bar for large corpora only.
    """
    from analysis.corpus import entity_mentions  # the cached per-article stage

    mentions = entity_mentions(articles, cache=cache, progress=progress)
    mentions = mentions[mentions["role"].isin(tuple(roles))].reset_index(drop=True)
    if mentions.empty:
        return _empty_mentions()
    mentions["entity"] = resolve_corpus_entities(mentions)
    return mentions[MENTION_TABLE_COLUMNS]


def resolve_corpus_entities(mentions: pd.DataFrame) -> pd.Series:
    """One name per entity across articles: spelling variants merge ("Kim Jong Un" and
    "Kim Jong-Un" take the most used form) and a one-word person name goes to the only full
    name in the corpus that contains it ("Tillerson" -> "Rex Tillerson")."""
    counts = Counter(zip(mentions["canonical"], mentions["label"]))
    best: dict[tuple[str, str], str] = {}
    for (name, label), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        best.setdefault((_name_key(name), label), name)
    people = sorted({best[(_name_key(n), l)] for n, l in counts if l == "PERSON" and len(_words(n)) > 1})
    by_word: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for word in _words(person):
            by_word[word].add(person)
    resolved = []
    for name, label in zip(mentions["canonical"], mentions["label"]):
        entity = best[(_name_key(name), label)]
        if label == "PERSON" and len(_words(entity)) == 1 and len(by_word.get(_words(entity)[0], ())) == 1:
            entity = next(iter(by_word[_words(entity)[0]]))
        resolved.append(entity)
    return pd.Series(resolved, index=mentions.index, dtype=object)


def entity_counts(mentions: pd.DataFrame, roles: Iterable[str] | None = ("body",),
                  labels: Iterable[str] | None = None) -> pd.DataFrame:
    """Corpus counts per entity: entity, label, mentions, articles, plus one column of mentions
    per role in the selection. Sorted by mentions, then name (deterministic)."""
    selected = mentions if roles is None else mentions[mentions["role"].isin(tuple(roles))]
    if labels is not None:
        selected = selected[selected["label"].isin(tuple(labels))]
    if selected.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in
                             [("entity", object), ("label", object), ("mentions", "int64"),
                              ("articles", "int64")]})
    grouped = selected.groupby(["entity", "label"])
    table = grouped.size().rename("mentions").to_frame()
    table["articles"] = grouped["article_id"].nunique()
    by_role = selected.pivot_table(index=["entity", "label"], columns="role", values="start",
                                   aggfunc="size", fill_value=0)
    for role in sorted(by_role.columns):
        table[role] = by_role[role].astype("int64")
    table = table.reset_index().sort_values(["mentions", "entity", "label"],
                                            ascending=[False, True, True])
    return table.reset_index(drop=True)


def article_entity_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Counts per article, entity and role: article_id, entity, label, role, mentions."""
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in
                             ["article_id", "entity", "label", "role"]}).assign(
            mentions=pd.Series(dtype="int64"))
    table = (mentions.groupby(["article_id", "entity", "label", "role"]).size()
             .rename("mentions").reset_index())
    return table.sort_values(["article_id", "mentions", "entity", "role"],
                             ascending=[True, False, True, True]).reset_index(drop=True)


def label_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per label and role: label, role, mentions, entities."""
    grouped = mentions.groupby(["label", "role"])
    table = grouped.size().rename("mentions").to_frame()
    table["entities"] = grouped["entity"].nunique()
    return table.reset_index().sort_values(["label", "role"]).reset_index(drop=True)


def caption_effect(mentions: pd.DataFrame, labels: Iterable[str] | None = None) -> pd.DataFrame:
    """How counts change when captions are included: entity, label, body, with_captions,
    added (mentions only captions contribute), for every entity seen in either."""
    body = entity_counts(mentions, roles=("body",), labels=labels)
    both = entity_counts(mentions, roles=("body", "caption"), labels=labels)
    table = both[["entity", "label", "mentions"]].rename(columns={"mentions": "with_captions"})
    table = table.merge(body[["entity", "label", "mentions"]].rename(columns={"mentions": "body"}),
                        on=["entity", "label"], how="left")
    table["body"] = table["body"].fillna(0).astype("int64")
    table["added"] = table["with_captions"] - table["body"]
    table = table[["entity", "label", "body", "with_captions", "added"]]
    return table.sort_values(["with_captions", "entity"], ascending=[False, True]).reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, unit: str = "sentence", roles: Iterable[str] = ("body",),
                 labels: Iterable[str] | None = None) -> pd.DataFrame:
    """Pairs of entities named in the same sentence (or paragraph): entity_a, label_a, entity_b,
    label_b, units (how many sentences/paragraphs hold both), articles. Each pair once, a < b."""
    if unit not in {"sentence", "paragraph"}:
        raise ValueError("unit must be 'sentence' or 'paragraph'")
    selected = mentions[mentions["role"].isin(tuple(roles))]
    if labels is not None:
        selected = selected[selected["label"].isin(tuple(labels))]
    pairs: Counter = Counter()
    pair_articles: dict[tuple, set] = defaultdict(set)
    for key, group in selected.groupby(["article_id", "role", "segment", unit], sort=True):
        names = sorted(set(zip(group["entity"], group["label"])))
        for a, b in combinations(names, 2):
            pairs[(a, b)] += 1
            pair_articles[(a, b)].add(key[0])
    rows = [(a[0], a[1], b[0], b[1], n, len(pair_articles[(a, b)])) for (a, b), n in pairs.items()]
    table = pd.DataFrame(rows, columns=["entity_a", "label_a", "entity_b", "label_b", "units",
                                        "articles"])
    table = table.astype({"units": "int64", "articles": "int64"})
    return table.sort_values(["units", "entity_a", "entity_b"],
                             ascending=[False, True, True]).reset_index(drop=True)


def alias_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Every surface form of every entity: entity, label, alias, mentions, articles, and
    n_aliases (how many forms the entity has). Possessives are folded into their name."""
    if mentions.empty:
        return pd.DataFrame(columns=["entity", "label", "alias", "mentions", "articles",
                                     "n_aliases"])
    forms = mentions.assign(alias=mentions["text"].map(_surface))
    grouped = forms.groupby(["entity", "label", "alias"])
    table = grouped.size().rename("mentions").to_frame()
    table["articles"] = grouped["article_id"].nunique()
    table = table.reset_index()
    table["n_aliases"] = table.groupby(["entity", "label"])["alias"].transform("size").astype("int64")
    return table.sort_values(["n_aliases", "entity", "mentions", "alias"],
                             ascending=[False, True, False, True]).reset_index(drop=True)


def _surface(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"['’]s$", "", text)).strip()
