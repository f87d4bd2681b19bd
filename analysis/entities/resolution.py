"""In-document name resolution: one canonical name per person or organisation of a text
("Tillerson" -> "Rex Tillerson", "IAEA" -> "International Atomic Energy Agency"), names found
again in all-capitals lines, and headlines and captions aligned with the body's people."""
from __future__ import annotations

import re
from collections import defaultdict

from analysis.entities.candidates import Piece, Sentence
from analysis.names import acronym, name_key, name_word_sets, name_words, names_containing


def display_name(name: str) -> str:
    """A readable form: possessive dropped, all-capitals words title-cased."""
    name = re.sub(r"['’]s$", "", name).strip()
    if name.isupper() and len(name) > 4 and " " in name:
        name = name.title()
    return name


def _most_recent(candidates: list[str], seen_at: dict[str, list[int]], position: int) -> str:
    """Of several people sharing a word, the one named most recently before `position` (else
    the first named after it)."""
    def recency(full: str) -> tuple[int, int]:
        before = [s for s in seen_at[full] if s <= position]
        return (1, max(before)) if before else (0, -min(seen_at[full]))
    return max(candidates, key=recency)


def resolve(pieces: list[Piece]) -> None:
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
            key = name_key(p.text)
            spelling.setdefault(key, display_name(p.text))
            seen_at[spelling[key]].append(p.start)
        elif p.label == "ORGANIZATION" and len(p.text.split()) > 1:
            acronyms.setdefault(acronym(display_name(p.text)), display_name(p.text))
    word_sets = name_word_sets(list(seen_at))
    for p in ordered:
        if p.canonical:
            continue
        if p.label == "PERSON":
            candidates = names_containing(p.text, word_sets)
            maximal = [f for f in candidates
                       if not any(word_sets[f] < word_sets[g] for g in candidates)]
            if len(maximal) > 1:
                maximal = [_most_recent(maximal, seen_at, p.start)]
            p.canonical = maximal[0] if maximal else spelling.get(name_key(p.text),
                                                                   display_name(p.text))
        elif p.label == "ORGANIZATION" and p.text.isupper() and p.text in acronyms:
            p.canonical = acronyms[p.text]
        elif p.text.isupper() and p.label != "ORGANIZATION" and len(p.text) > 3:
            p.canonical = display_name(p.text).title()  # "KANDAHAR" -> "Kandahar"
        else:
            p.canonical = display_name(p.text)


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
