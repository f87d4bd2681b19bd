"""Who a source is: its type (person, organization, anonymous, document, pronoun_unresolved,
other) and its full name. A surname resolves to an earlier full mention, a title to the person
who held it, a pronoun to the most recent compatible person or group.

Person names come from capitalised runs of the text (a known first name, or a title before
them) and, when given, from the entity stage's mentions, which also mark organisations and places.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.attribution.cues import Frame
from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    DETERMINERS,
    PRONOUNS,
    anonymous_heads,
    document_heads,
    org_heads,
    places,
    strip_title,
    title_words,
    titles,
)
from analysis.names import ACRONYM_RE, first_names, gender
from analysis.text import Token

_RUN_TAGS = {"NNP", "NNPS", "NN", "JJ"}
_HEAD_ENDERS = {"of", "with", "familiar", "close", "at", "from", "in", "for", "on", "to", "who"}


@dataclass
class Names:
    """Person names of the text, for resolution: full names by surname and by title."""

    by_surname: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (start, full name)
    orgs: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)


@dataclass
class SpeakerHistory:
    """The speakers resolved so far in one text, in text order: "they" and "it" resolve to the
    latest group or document, he and she also to earlier speakers."""

    entries: list[tuple[int, str, str]] = field(default_factory=list)  # (start, speaker, type)

    def add(self, start: int, speaker: str, source_type: str) -> None:
        self.entries.append((start, speaker, source_type))


# --------------------------------------------------------------------------------------------
# Names of the text


def _run_end(toks: list[Token], i: int) -> int:
    """Last token of the capitalised run starting at token i ("of" allowed inside)."""
    n = len(toks)
    j = i
    while j + 1 < n and (toks[j + 1].text[:1].isupper() and toks[j + 1].pos in _RUN_TAGS
                         or toks[j + 1].text.lower() == "of" and j + 2 < n
                         and toks[j + 2].text[:1].isupper()):
        j += 1
    return j


def _lower_title_before(toks: list[Token], i: int) -> list[str]:
    """A lower-case title right before token i: "pollster Pat Caddell", "the defense secretary"."""
    title: list[str] = []
    words = title_words()
    k = i - 1
    while k >= 0 and toks[k].text.lower() in words and toks[k].text.islower():
        title.insert(0, toks[k].text.lower())
        k -= 1
    return title


def _add_person(names: Names, name: list[str], title: list[str], start: int) -> None:
    """Record a person mention: by surname (the longest spelling wins), and by each tail of its
    title ("secretary", "defense secretary")."""
    full = " ".join(name)
    surname = name[-1]
    existing = names.by_surname.get(surname)
    if existing is None or len(existing.split()) < len(name):
        names.by_surname[surname] = full
    full = names.by_surname.get(surname, full) if len(name) == 1 else full
    names.mentions.append((start, full))
    for size in range(1, len(title) + 1):
        names.by_title[" ".join(title[-size:]).replace("u.s. ", "")] = full


def _add_capitalised_runs(doc: AttributionDocument, names: Names) -> None:
    """Capitalised runs that look like person names: a known first name and a surname, or a
    title before the name."""
    male, female = first_names()
    org = org_heads()
    toks = doc.toks
    i = 0
    while i < len(toks):
        if not (toks[i].text[:1].isupper() and toks[i].pos in _RUN_TAGS):
            i += 1
            continue
        j = _run_end(toks, i)
        title, name = strip_title([t.text for t in toks[i:j + 1]])
        title = _lower_title_before(toks, i) + [w.lower() for w in title]
        if name and len(name) <= 4 and all(w[:1].isupper() for w in name) and \
                name[-1].lower() not in org:
            known_first = name[0].lower() in male or name[0].lower() in female
            if (known_first and len(name) >= 2) or title:
                _add_person(names, name, title, toks[i].start)
        i = j + 1


def _add_entities(names: Names, entities: pd.DataFrame) -> None:
    """Persons, organisations and places from the entity stage's mentions."""
    for row in entities.itertuples(index=False):
        label = getattr(row, "label", "")
        canonical = str(getattr(row, "canonical", "") or getattr(row, "text", ""))
        if label == "PERSON" and canonical:
            parts = canonical.split()
            if len(parts) >= 2:
                names.by_surname.setdefault(parts[-1], canonical)
            names.mentions.append((int(row.start), canonical))
        elif label == "ORGANIZATION":
            names.orgs.add(str(getattr(row, "text", "")))
            names.orgs.add(canonical)
        elif label in {"GPE", "LOCATION"}:
            names.places.add(str(getattr(row, "text", "")))
            names.places.add(canonical)


def collect_names(doc: AttributionDocument, entities: pd.DataFrame | None) -> Names:
    """The names speakers resolve to: the text's own person names, then the entities'."""
    names = Names()
    _add_capitalised_runs(doc, names)
    if entities is not None and len(entities):
        _add_entities(names, entities)
    names.mentions.sort()
    return names


# --------------------------------------------------------------------------------------------
# Speakers


def strip_determiner(mention: str) -> str:
    """"the Pentagon" -> "Pentagon"; "official Korean Central News Agency" -> the capitalised part."""
    stripped = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.IGNORECASE)
    words = stripped.split()
    while len(words) > 1 and words[0].islower():
        words = words[1:]
    return " ".join(words)


def resolve_pronoun(mention: str, pronoun: str, position: int, names: Names,
                    history: SpeakerHistory) -> tuple[str, str]:
    """(speaker, source_type) of a pronoun source at character `position`."""
    pronoun_gender = PRONOUNS[pronoun]
    candidates = [(start, name, "person") for start, name in names.mentions if start < position]
    candidates += [entry for entry in history.entries if entry[0] < position]
    candidates.sort()
    if pronoun_gender in {"m", "f"}:
        # the most recent person of the same gender among the last three people mentioned,
        # else the most recent person whose gender is unknown
        recent: list[str] = []
        for _, name, stype in reversed(candidates):
            if stype == "person" and name not in recent:
                recent.append(name)
        for name in recent[:3]:
            if gender(name) == pronoun_gender:
                return name, "person"
        for name in recent:
            if gender(name) in {pronoun_gender, "u"}:
                return name, "person"
        return mention, "pronoun_unresolved"
    if pronoun_gender == "s":  # "I" outside quotations: the writer, not a named source
        return mention, "pronoun_unresolved"
    for _, name, stype in reversed(candidates):
        # "they" -> the latest group or organisation; "it" -> also a document
        if stype in {"organization", "anonymous"} or (stype == "document" and pronoun_gender == "n"):
            return name, stype
    return mention, "pronoun_unresolved"


def _proper_tail(toks: list[Token]) -> list[str]:
    """The capitalised words that end a mention ("the U.S. ambassador Nikki Haley" -> Nikki Haley)."""
    tail: list[str] = []
    for t in reversed(toks):
        if t.text[:1].isupper() and t.pos in {"NNP", "NNPS", "NN", "JJ", "NNS"}:
            tail.insert(0, t.text)
        else:
            break
    return tail


def _single_name(word: str, has_title: bool, toks: list[Token], names: Names) -> tuple[str, str]:
    """A one-word name: a surname of the text, an acronym or known organisation, a person."""
    full = names.by_surname.get(word)
    if full:
        return full, "person"
    male, female = first_names()
    if ACRONYM_RE.match(word) or word in names.orgs:
        return word, "organization"
    if has_title or word.lower() in male or word.lower() in female or \
            any(s.endswith(" " + word) for s in names.by_surname.values()):
        return word, "person"
    return word, "organization" if len(toks) > 1 and toks[0].text.lower() == "the" else "person"


def _classify_proper_name(toks: list[Token], mention: str, names: Names) -> tuple[str, str] | None:
    """A mention that ends in a proper name: a place (its government speaks), a person or an
    organisation. None when the name is an organisation, anonymous or document head."""
    tail_title, tail_name = strip_title(_proper_tail(toks))
    candidate = " ".join(tail_name)
    if (candidate in places() or candidate in names.places) and not names.by_surname.get(candidate):
        return strip_determiner(mention), "organization"
    org, anonymous, documents = org_heads(), anonymous_heads(), document_heads()
    if not tail_name or any(w.lower() in org for w in tail_name) or \
            any(w.lower() in anonymous or w.lower() in documents for w in tail_name):
        return None
    if len(tail_name) == 1:
        return _single_name(tail_name[0], bool(tail_title), toks, names)
    if toks[0].text.lower() == "the" and gender(candidate) == "u" and not tail_title:
        return candidate, "organization"
    if candidate in names.orgs:
        return candidate, "organization"
    full = names.by_surname.get(tail_name[-1])
    if full and full.endswith(candidate):
        return full, "person"
    return candidate, "person"


def _classify_by_head(words: list[str], lows: list[str], head: str, mention: str,
                      names: Names) -> tuple[str, str]:
    """A mention without a proper name at its end, typed by its head noun and title."""
    capitalised = [w for w in words if w[:1].isupper() and w.lower() not in DETERMINERS]
    if head in document_heads():
        return mention, "document"
    if head in anonymous_heads():
        return mention, "anonymous"
    org = org_heads()
    if any(w in org for w in lows) and capitalised:
        return strip_determiner(mention), "organization"
    key = " ".join(w for w in lows if w not in {"the", "a", "an", "u.s.", "former"})
    if key in names.by_title:
        return names.by_title[key], "person"
    if head in titles():
        return mention, "person"
    if head in org or capitalised:
        return strip_determiner(mention), "organization"
    return mention, "other"


def _head_word(lows: list[str]) -> str:
    """The head noun: "sources familiar with the talks" -> "sources"."""
    for index, word in enumerate(lows[1:], start=1):
        if word in _HEAD_ENDERS:
            return lows[index - 1]
    return lows[-1]


def classify(doc: AttributionDocument, frame: Frame, names: Names, history: SpeakerHistory
             ) -> tuple[str, str]:
    """(speaker, source_type) of a frame's source mention (its antecedent for "who")."""
    first, last = frame.antecedent or frame.src
    toks = doc.toks[first:last + 1]
    words = [t.text for t in toks]
    mention = doc.text[toks[0].start:toks[-1].end]
    lows = [w.lower() for w in words]
    head = _head_word(lows)
    if len(toks) == 1 and head in PRONOUNS:
        return resolve_pronoun(mention, head, toks[0].start, names, history)
    if "and" in lows[1:-1] and sum(1 for w in words if w[:1].isupper()) >= 2:
        # "Washington and Beijing", "Clinton and Sanders": the group is the speaker, typed as
        # its last member
        last_member = Frame(0, 0, None, "verb", src=(first + lows.index("and") + 1, last))
        return strip_determiner(mention), classify(doc, last_member, names, history)[1]
    return _classify_proper_name(toks, mention, names) or \
        _classify_by_head(words, lows, head, mention, names)
