"""In-document name resolution: one canonical name per person or organisation of a text
("Tillerson" -> "Rex Tillerson", "IAEA" -> "International Atomic Energy Agency"), names found
again in all-capitals lines, and headlines and captions aligned with the body's people."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from analysis.entities.candidates import Piece, Sentence
from analysis.names import (
    acronym,
    choose_person,
    formal_first,
    name_key,
    name_word_sets,
    name_words,
    names_containing,
    org_key,
    person_key,
    person_words,
    without_middle_initials,
)


def display_name(name: str) -> str:
    """A readable form: possessive dropped, all-capitals words title-cased."""
    name = re.sub(r"['’]s$", "", name).strip()
    if name.isupper() and len(name) > 4 and " " in name:
        name = name.title()
    return name


def _people(ordered: list[Piece]) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    """The full names (two words or more) of the document's people: person_key -> canonical
    spelling, and canonical -> (mentions, first position). Spellings of one person ("Donald J.
    Trump", "Donald Trump", "Dave Petraeus" and "David H. Petraeus") share a canonical: the most
    used form without middle initials when the text has one (initialled forms counting for it),
    ties going to the full first name ("David Petraeus"), else the most used."""
    forms: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, int] = {}
    for p in ordered:
        if p.label == "PERSON" and not p.caps and len(person_words(p.text)) > 1:
            key = person_key(p.text)
            forms[key][display_name(p.text)] += 1
            first.setdefault(key, p.start)
    canonical: dict[str, str] = {}
    people: dict[str, tuple[int, int]] = {}
    for key, counts in forms.items():
        plain = Counter({f: n for f, n in counts.items()
                         if len(name_words(f)) == len(person_words(f))})
        if plain:  # "David H. Petraeus" counts for "David Petraeus" once the text drops initials
            for f, n in counts.items():
                if f not in plain:
                    plain[without_middle_initials(f)] += n
        pool = plain or counts
        best = max(pool, key=lambda f: (pool[f], formal_first(f), -len(f)))
        canonical[key] = best
        people[best] = (sum(counts.values()), first[key])
    return canonical, people


def _short_org(p: Piece, orgs: dict[str, str], lex_cues: frozenset[str]) -> str | None:
    """The document's one longer organisation that a short form names: its last words when they
    end in a generic word ("the Times" -> "New York Times", "Judiciary Committee" -> "House
    Judiciary Committee"), or its first word ("Guttmacher" -> "Guttmacher Institute")."""
    words = name_words(re.sub(r"^(?:the|The)\s+", "", display_name(p.text)))
    if not words:
        return None
    matches = set()
    for full in orgs.values():
        full_words = name_words(full)
        if len(full_words) <= len(words):
            continue
        if (words[-1] in lex_cues and full_words[-len(words):] == words) or (
                len(words) == 1 and words[0] not in lex_cues and full_words[0] == words[0]):
            matches.add(full)
    return matches.pop() if len(matches) == 1 else None


def resolve(pieces: list[Piece], org_cues: frozenset[str] = frozenset()) -> None:
    """Canonical names within the document: a person's full form ("Tillerson" -> "Rex
    Tillerson", "Xi" -> "Xi Jinping"; spellings and middle initials aside: "Donald J. Trump" =
    "Donald Trump"), honorifics respected ("Mrs. Clinton" is never Bill Clinton) and, when two
    people share the word, the one named in full in this or the previous sentence, else the one
    named most often, then first (analysis.names.choose_person);
    one spelling per name ("Kim Jong Un" = "Kim Jong-Un"); an organisation's acronym its full
    name when the text spells it out ("IAEA" -> "International Atomic Energy Agency", "F.B.I."
    = "FBI"), and a generic one-word form the one organisation it ends ("the Times")."""
    ordered = sorted(pieces, key=lambda p: p.start)
    canonical_of, people = _people(ordered)
    spelling: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    orgs: dict[str, str] = {}
    for p in ordered:
        if p.label == "PERSON" and not p.caps:
            spelling.setdefault(name_key(p.text), display_name(p.text))
        elif p.label == "ORGANIZATION" and len(p.text.split()) > 1:
            full = p.canonical or display_name(p.text)
            acronyms.setdefault(acronym(display_name(p.text)).lower(), full)
            orgs.setdefault(org_key(full), full)
    last_named: dict[str, int] = {}  # full name -> sentence of its latest full mention
    for p in ordered:
        if p.label == "PERSON" and not p.caps and person_key(p.text) in canonical_of:
            last_named[canonical_of[person_key(p.text)]] = p.sentence
        if p.canonical:
            continue
        if p.label == "PERSON":
            key = person_key(p.text)
            if key in canonical_of:
                p.canonical = canonical_of[key]
                continue
            near = [f for f, s in last_named.items() if p.sentence - 1 <= s <= p.sentence]
            recent = max(near, key=lambda f: last_named[f]) if len(near) == 1 else None
            chosen = choose_person(p.text, people, p.gender, recent)
            p.canonical = chosen or spelling.get(name_key(p.text), display_name(p.text))
        elif p.label == "ORGANIZATION" and p.text.replace(".", "").isupper() and (
                org_key(p.text) in acronyms):
            p.canonical = acronyms[org_key(p.text)]
        elif p.label == "ORGANIZATION" and (short := _short_org(p, orgs, org_cues)):
            p.canonical = short
        elif p.text.isupper() and p.label != "ORGANIZATION" and len(p.text) > 3:
            p.canonical = display_name(p.text).title()  # "KANDAHAR" -> "Kandahar"
        else:
            p.canonical = display_name(p.text)


def listed_full_names(pieces: list[Piece], figures: dict[str, str | None],
                      genders: dict[str, str]) -> None:
    """A one-word person the document never names in full takes the full name of the public
    figure the word names alone ("Obama" -> "Barack Obama"; `figures`: word -> full name, None
    when shared, `genders`: full name -> "m" / "f", from rules/entities/public_figures.tsv),
    run after :func:`resolve`. Not for a word several listed people share ("Clinton"), nor when
    the document names someone else with that word ("Ivanka Trump") or an honorific contradicts
    the figure ("Mrs. Trump"): the corpus resolver decides those."""
    full_words = {name_words(p.canonical)[-1] for p in pieces  # "Ivanka Trump", even mistyped
                  if p.label in {"PERSON", "ORGANIZATION"} and p.canonical
                  and len(name_words(p.canonical)) > 1}
    for p in pieces:
        words = name_words(display_name(p.text))
        if p.label != "PERSON" or len(words) != 1 or words[0] in full_words or (
                p.canonical != display_name(p.text)):
            continue
        full = figures.get(words[0])
        if full and (p.gender is None or genders.get(full) == p.gender):
            p.canonical = full


def caps_names(caps_lines: list[Sentence], pieces: list[Piece]) -> list[Piece]:
    """Names the rest of the document taught us, found again in all-capitals lines."""
    known: dict[str, str] = {}
    for p in pieces:
        if p.label in {"PERSON", "ORGANIZATION"} and not p.caps:
            for w in name_words(p.text) if p.label == "PERSON" else [p.text.lower()]:
                if len(w) > 1:
                    known.setdefault(w, p.label)
    taken = {(p.sentence, i) for p in pieces for i in range(p.first, p.last)}
    found = []
    for sentence in caps_lines:
        tokens, keys, s_index = sentence.tokens, sentence.keys, sentence.index
        k = 0
        while k < len(tokens):
            label = known.get(keys[k]) if (s_index, k) not in taken else None
            if label:
                j = k + 1
                while (j < len(tokens) and (s_index, j) not in taken
                       and known.get(keys[j]) == label == "PERSON"):
                    j += 1
                piece = sentence.piece(k, j, label, None)
                piece.caps = True
                found.append(piece)
                k = j
            else:
                k += 1
    return found


def align_with_body(roles: list[str], labels: list[str], canonicals: list[str]) -> list[str]:
    """Captions and headlines use the body's full names: "Tillerson" in a caption is the body's
    "Rex Tillerson" (persons whose words are a subset of exactly one body person)."""
    body_people = sorted({canonical for role, label, canonical in zip(roles, labels, canonicals)
                          if role == "body" and label == "PERSON"})
    spellings = {name_key(p): p for p in body_people}
    word_sets = name_word_sets(body_people)
    result = []
    for role, label, canonical in zip(roles, labels, canonicals):
        if role != "body" and label == "PERSON":
            if name_key(canonical) in spellings:
                canonical = spellings[name_key(canonical)]
            else:
                matches = names_containing(canonical, word_sets)
                if len(matches) == 1:
                    canonical = matches[0]
        result.append(canonical)
    return result
