"""Typing that votes: a mention typed only by weak evidence takes the label that the better
evidenced mentions of the same name in the document agree on, or that the other names of a
list share. Split from analysis.entities.typing, which runs these votes last."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from analysis.entities.candidates import Piece
from analysis.names import name_key, name_words

#: Label of a capitalised common word that is no name ("Result", "Leading"); dropped afterwards.
DROP = "DROP"

#: Rules whose DROP another, better-typed mention of the same word overrules ("aide to Trump"
#: after "Trump said").
REVISABLE_DROPS = frozenset({"lone_common_word"})
#: Rules whose label another mention of the same name overrules (typing votes across mentions).
WEAK_EVIDENCE = frozenset({"default", "after_a_place_preposition", "short_capitals",
                           "place_inside_a_name", "lone_first_name", "surname_shape",
                           "wordnet_proper_name", "title_case_words"}) | REVISABLE_DROPS


def _vote_key(text: str) -> str:
    return name_key(re.sub(r"['’]s$", "", text))


def vote_labels(pieces: list[Piece]) -> None:
    """Typing votes across a name's mentions: a mention typed only by weak evidence (the default,
    a preposition before it...) takes the label the document's better-evidenced mentions of the
    same name agree on ("aide to Trump" is the PERSON "Trump said"), and a one-word name that is
    a word of a well-typed person's name is that person's ("Obama" after "Barack Obama")."""
    strong: dict[str, Counter] = defaultdict(Counter)
    person_words: set[str] = set()
    org_firsts: set[str] = set()
    for p in pieces:
        if p.label and p.label != DROP and p.evidence not in WEAK_EVIDENCE:
            strong[_vote_key(p.text)][p.label] += 1
            if p.label == "ORGANIZATION" and len(name_words(p.text)) > 1:
                org_firsts.add(name_words(p.text)[0])
            if p.label == "PERSON" and p.evidence != "list":
                person_words.update(name_words(p.text))
        elif p.label == "PERSON" and len(name_words(p.text)) > 1:
            person_words.update(name_words(p.text))
    for p in pieces:
        if p.evidence not in WEAK_EVIDENCE or p.label == DROP and p.evidence not in REVISABLE_DROPS:
            continue
        votes = strong.get(_vote_key(p.text))
        if p.label == DROP and not votes:
            continue  # an ordinary word is a name only where a better-typed mention says so
        if votes:
            label = max(votes, key=lambda lab: (votes[lab], lab == "PERSON"))
        elif p.label != "PERSON" and len(name_words(p.text)) == 1 and (
                name_words(p.text)[0] in person_words):
            label = "PERSON"
        elif len(name_words(p.text)) == 1 and name_words(p.text)[0] in org_firsts:
            label = "ORGANIZATION"  # "Fox" after "Fox News"
        else:
            continue
        if label != p.label:
            p.label, p.canonical, p.evidence = label, None, "vote"


_LIST_SEPARATORS = frozenset({", ", " and ", ", and ", " or ", ", or "})


def list_members(pieces: list[Piece], text: str) -> list[list[Piece]]:
    """Names listed together in one sentence, separated only by commas, "and" or "or" ("Cory
    Booker, Amy Klobuchar, Tulsi Gabbard and Julian Castro"), as lists of three or more."""
    ordered = sorted((p for p in pieces if p.label != DROP or p.evidence == "ordinary_words"),
                     key=lambda p: p.start)
    groups: list[list[Piece]] = []
    for p in ordered:
        last = groups[-1][-1] if groups else None
        if (last is not None and last.sentence == p.sentence
                and text[last.end:p.start] in _LIST_SEPARATORS):
            groups[-1].append(p)
        else:
            groups.append([p])
    return [g for g in groups if len(g) >= 3]


def vote_in_lists(pieces: list[Piece], text: str) -> None:
    """A name typed only by weak evidence inside a list takes the label that the list's other,
    well-typed names all share ("..., Amy Klobuchar, Tulsi Gabbard, Julian Castro": a person)."""
    for members in list_members(pieces, text):
        typed = [p for p in members if p.evidence not in WEAK_EVIDENCE
                 and p.evidence not in {"list", "ordinary_words"} and p.label != DROP]
        strong = {p.label for p in typed}
        strong_count = len(typed)
        if len(strong) != 1 or strong_count < 2:
            continue
        label = strong.pop()
        for p in members:  # words that are also ordinary words: "Tulsi Gabbard"
            if (p.evidence in WEAK_EVIDENCE or p.evidence == "ordinary_words") and (
                    p.label != label and p.label in {"PERSON", "ORGANIZATION", DROP}):
                p.label, p.canonical, p.evidence = label, None, "list_vote"
