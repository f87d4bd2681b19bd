"""Who a source is: its type (person, organization, anonymous, document, first_person,
pronoun_unresolved, other) and its full name.

- A short name resolves to the full name of the person it can be (analysis.names.choose_person:
  honorific- and first-name-aware, so "Mrs. Clinton" is never Bill Clinton and "Trudeau" is
  the Trudeau the text names most).
- A title or description resolves to the person who held the title in the text ("the governor"
  after "Gov. Gavin Newsom") or to the organisation last quoted ("the company"); unresolved, an
  unnamed person or group is an anonymous source.
- A pronoun resolves to the most recent prominent person of its gender (a speaker, or a name
  that opens its sentence) before the attribution, never to a name inside a quotation or
  inside the attribution's own content; "I" and "we" outside quotations are the writer
  (first_person), kept apart from named speakers.

Person names come from capitalised runs of the text (a known first name, or a title before
them) and, when given, from the entity stage's mentions, which also mark organisations and places.
Every lookup per source is bounded (a bisection and a short backward scan), so resolution stays
linear in the length of the text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

import pandas as pd

from analysis.attribution.cues import Frame
from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    DETERMINERS,
    PRONOUNS,
    anonymous_heads,
    document_heads,
    generic_org_heads,
    org_heads,
    places,
    strip_title,
    title_abbreviations,
    title_words,
    titles,
)
from analysis.names import (
    ACRONYM_RE,
    choose_person,
    first_names,
    honorific_gender,
    is_initial,
    likely_gender,
    person_words,
)
from analysis.text import Token

_RUN_TAGS = {"NNP", "NNPS", "NN", "JJ"}
_HEAD_ENDERS = {"of", "with", "familiar", "close", "at", "from", "in", "for", "on", "to", "who"}
_QUANTIFIERS = {"half", "some", "many", "most", "all", "few", "several", "none", "one", "two",
                "three", "four", "five", "majority", "minority", "percent", "dozens", "hundreds",
                "thousands", "each", "both"}
_KEY_SKIP = {"the", "a", "an", "u.s.", "former", "then-", "top"}
_SCAN = 40  # how many earlier mentions a pronoun looks back over
FIRST_PERSON = {"i", "we"}


@dataclass
class Names:
    """Person names of the text, for resolution."""

    people: dict[str, tuple[int, int]] = field(default_factory=dict)  # full -> (mentions, first)
    by_title: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # title -> holders
    # persons outside quotations, in text order: (start, full name, gender, opens its sentence)
    mentions: list[tuple[int, str, str, bool]] = field(default_factory=list)
    orgs: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)

    _by_word: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    _chosen: dict[tuple[str, str | None], str | None] = field(default_factory=dict)

    def index_people(self) -> None:
        """Index the full names by their lower-cased words (a short name is compared with the
        people who share its last word only, not with everyone in the text)."""
        self._by_word = {}
        for full, counts in self.people.items():
            for word in person_words(full):
                self._by_word.setdefault(word, {})[full] = counts
        self._chosen = {}

    def choose(self, name: str, name_gender: str | None = None) -> str | None:
        """analysis.names.choose_person among this text's people (memoised per text)."""
        key = (name, name_gender)
        if key not in self._chosen:
            words = person_words(name)
            pool = self._by_word.get(words[-1], {}) if words else {}
            self._chosen[key] = choose_person(name, pool, name_gender) if pool else None
        return self._chosen[key]

    def person(self, name: list[str], name_gender: str | None = None) -> str:
        """The full name a (short) person name stands for in this text, else the name itself."""
        joined = " ".join(name)
        return self.choose(joined, name_gender) or joined

    def title_holder(self, key: str, position: int) -> str | None:
        """The person who held the title `key` last before `position` (else first after)."""
        holders = self.by_title.get(key)
        if not holders:
            return None
        k = bisect_left(holders, (position, "")) - 1
        return holders[k][1] if k >= 0 else holders[0][1]


@dataclass
class SpeakerHistory:
    """The speakers resolved so far in one text, in text order: "they" and "it" resolve to the
    latest group or document, he and she also to earlier speakers."""

    entries: list[tuple[int, str, str]] = field(default_factory=list)  # (start, speaker, type)

    def add(self, start: int, speaker: str, source_type: str) -> None:
        self.entries.append((start, speaker, source_type))

    def before(self, position: int) -> list[tuple[int, str, str]]:
        """The last few entries that start before `position`, most recent first."""
        k = bisect_left(self.entries, (position, "", ""))
        return self.entries[max(0, k - _SCAN):k][::-1]


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
    """A lower-case title right before token i: "pollster Pat Caddell", "the defense secretary";
    or an abbreviated title the tokenizer split from its period ("Gov", ".", "Gavin Newsom")."""
    title: list[str] = []
    words = title_words()
    if i >= 2 and toks[i - 1].text == "." and toks[i - 2].text.lower() in title_abbreviations():
        return [toks[i - 2].text.lower() + "."]
    k = i - 1
    while k >= 0 and toks[k].text.lower() in words and toks[k].text.islower() and len(title) < 4:
        title.insert(0, toks[k].text.lower())
        k -= 1
    return title


def split_name(words: list[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) of a capitalised run: the stage's titles, an honorific written
    without its period ("Mr Blair"), and a title the list lacks before a known first name
    (split_at_first_name)."""
    title, name = strip_title(words)
    while len(name) > 1 and honorific_gender(name[0]) is not None:
        title, name = [*title, name[0]], name[1:]
    return split_at_first_name(title, name)


def split_at_first_name(title: list[str], name: list[str]) -> tuple[list[str], list[str]]:
    """"Speaker of the House John Boehner", "Public Affairs Sarah Isgur Flores": a name of three
    words or more that holds a known first name after its start begins there."""
    if len(name) < 3:
        return title, name
    male, female = first_names()
    for k in range(1, len(name) - 1):
        low = name[k].lower()
        first = name[0].lower()
        if (low in male or low in female) and len(low) > 2 and first not in male and first not in female:
            return title + name[:k], name[k:]
    return title, name


def _is_person_name(name: list[str], title: list[str]) -> bool:
    """A known first name (maybe after an initial: "T. Boone Pickens") and a surname, or any
    capitalised name after a title."""
    if not name or len(name) > 4 or not all(w[:1].isupper() for w in name) or \
            name[-1].lower() in org_heads() or is_initial(name[-1]):
        return False  # "... Black Caucus"; "John A" cut before its surname
    if title and title[-1] in {"of", "for"} or (len(name) == 1 and name[0] in places()):
        return False  # "elected governor of Virginia": the title's object, not its holder
    male, female = first_names()
    firsts = [w.lower() for w in name[:2]]
    known = firsts[0] in male or firsts[0] in female or (
        len(name) >= 3 and len(firsts[0].rstrip(".")) == 1 and (firsts[1] in male or firsts[1] in female))
    return (known and len(name) >= 2) or bool(title)


def _title_keys(title: list[str]) -> list[str]:
    """The descriptions a title can be referred back with: its tails ("secretary of state",
    "state"... without one-word objects) and its head word, abbreviations spelled out ("Gov." ->
    "governor"); honorifics ("Mr.") are no title."""
    abbreviations = title_abbreviations()
    words = [abbreviations.get(w.rstrip("."), abbreviations.get(w, w)) for w in title
             if w not in _KEY_SKIP and honorific_gender(w) is None]
    keys = [" ".join(words[-size:]) for size in range(1, len(words) + 1)]
    keys += [w for w in words if w in titles()]
    return [k for k in dict.fromkeys(keys) if k and k not in {"of", "state", "the"}]


def _opens_sentence(doc: AttributionDocument, i: int) -> bool:
    """Whether the name at token i opens its sentence's subject (nothing but determiners, titles
    and adjectives before it): such a name is what later pronouns most often refer to."""
    s_lo = doc.sent_bounds[doc.sent[i]][0]
    return i - s_lo <= 4 and all(doc.toks[k].pos in {"DT", "JJ", "NNP", "NN", "``", "CD", "POS"}
                                 for k in range(s_lo, i))


def _capitalised_runs(doc: AttributionDocument) -> list[tuple[int, list[str], list[str], str | None]]:
    """(token, name words, title words, honorific gender) of each person-like capitalised run."""
    toks = doc.toks
    runs = []
    i = 0
    while i < len(toks):
        if not (toks[i].text[:1].isupper() and toks[i].pos in _RUN_TAGS):
            i += 1
            continue
        j = _run_end(toks, i)
        title, name = split_name([t.text for t in toks[i:j + 1]])
        honorific = next((g for g in map(honorific_gender, title) if g), None)
        title = _lower_title_before(toks, i) + [w.lower() for w in title]
        if _is_person_name(name, title):
            runs.append((i, name, title, honorific))
        i = j + 1
    return runs


def _add_entities(doc: AttributionDocument, names: Names, entities: pd.DataFrame) -> list:
    """Persons, organisations and places from the entity stage's mentions; the person mentions
    as (token, name words, [], None) runs."""
    runs = []
    for row in entities.itertuples(index=False):
        label = getattr(row, "label", "")
        canonical = str(getattr(row, "canonical", "") or getattr(row, "text", ""))
        if label == "PERSON" and canonical:
            runs.append((max(doc.token_at(int(row.start)), 0), canonical.split(), [], None))
        elif label == "ORGANIZATION":
            names.orgs.update({str(getattr(row, "text", "")), canonical})
        elif label in {"GPE", "LOCATION"}:
            names.places.update({str(getattr(row, "text", "")), canonical})
    return runs


def collect_names(doc: AttributionDocument, entities: pd.DataFrame | None) -> Names:
    """The names speakers resolve to: the text's own person names, then the entities'. Full
    names (two words or more) are counted first; each mention then resolves to the full name it
    can be, and titles and mentions outside quotations are recorded for descriptions and
    pronouns."""
    names = Names()
    runs = _capitalised_runs(doc)
    if entities is not None and len(entities):
        runs += _add_entities(doc, names, entities)
    runs.sort(key=lambda r: r[0])
    counts: dict[str, list[int]] = {}
    for i, name, _, _ in runs:
        if len(name) >= 2:
            full = " ".join(name)
            counts.setdefault(full, [0, doc.toks[i].start])[0] += 1
    names.people = {full: (n, first) for full, (n, first) in counts.items()}
    names.index_people()
    for i, name, title, honorific in runs:
        full = names.person(name, honorific)
        start = doc.toks[i].start
        for key in _title_keys(title):
            names.by_title.setdefault(key, []).append((start, full))
        if not doc.in_quote[i]:
            gender = honorific or likely_gender(full)
            names.mentions.append((start, full, gender, _opens_sentence(doc, i)))
    return names


# --------------------------------------------------------------------------------------------
# Pronouns


def strip_determiner(mention: str) -> str:
    """"the Pentagon" -> "Pentagon"; "official Korean Central News Agency" -> the capitalised part."""
    stripped = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.IGNORECASE)
    words = stripped.split()
    while len(words) > 1 and words[0].islower():
        words = words[1:]
    return " ".join(words)


def _person_antecedent(pronoun_gender: str, bound: int, names: Names,
                       history: SpeakerHistory) -> str | None:
    """The person a he/she before character `bound` refers to: the most recent prominent person
    (a speaker, or a name opening its sentence) of that gender, else the most recent person of
    that gender, else of unknown gender; names inside quotations never count."""
    k = bisect_left(names.mentions, (bound, "", "", False))
    recent = [(start, full, gender, salient) for start, full, gender, salient
              in names.mentions[max(0, k - _SCAN):k]]
    recent += [(start, speaker, likely_gender(speaker), True) for start, speaker, kind
               in history.before(bound) if kind == "person"]
    recent.sort(reverse=True)
    for wanted in ((pronoun_gender, True), (pronoun_gender, False), ("u", True), ("u", False)):
        for _, full, gender, salient in recent:
            if gender == wanted[0] and (salient or not wanted[1]):
                return full
    return None


def resolve_pronoun(mention: str, pronoun: str, position: int, names: Names,
                    history: SpeakerHistory, bound: int | None = None) -> tuple[str, str]:
    """(speaker, source_type) of a pronoun source at character `position`; antecedents are
    looked for before `bound` (the attribution's content when it comes first, so "Mr.
    Petraeus, he said" does not make Petraeus the speaker)."""
    bound = position if bound is None else min(bound, position)
    pronoun_gender = PRONOUNS[pronoun]
    if pronoun in FIRST_PERSON:  # "I", "we" outside quotations: the writer, not a named source
        return mention, "first_person"
    if pronoun_gender in {"m", "f"}:
        found = _person_antecedent(pronoun_gender, bound, names, history)
        return (found, "person") if found else (mention, "pronoun_unresolved")
    for _, name, stype in history.before(bound):
        # "they" -> the latest group or organisation; "it" -> also a document
        if stype in {"organization", "anonymous"} or (stype == "document" and pronoun_gender == "n"):
            return name, stype
    return mention, "pronoun_unresolved"


# --------------------------------------------------------------------------------------------
# Names and descriptions


def _proper_tail(toks: list[Token]) -> list[str]:
    """The capitalised words that end a mention ("the U.S. ambassador Nikki Haley" -> Nikki Haley)."""
    tail: list[str] = []
    for t in reversed(toks):
        if t.text[:1].isupper() and t.pos in {"NNP", "NNPS", "NN", "JJ", "NNS", "VBN"}:
            tail.insert(0, t.text)
        else:
            break
    return tail


def _single_name(word: str, title: list[str], toks: list[Token], names: Names) -> tuple[str, str]:
    """A one-word name: a surname of the text, an acronym or known organisation, a person."""
    honorific = next((g for g in map(honorific_gender, title) if g), None)
    full = names.choose(word, honorific)
    if full:
        return full, "person"
    male, female = first_names()
    if ACRONYM_RE.match(word) or word in names.orgs:
        return word, "organization"
    if title and toks[-1].pos == "NNPS":
        return " ".join([*title, word]), "organization"  # "Princess Cruises"
    if title or word.lower() in male or word.lower() in female:
        return word, "person"
    return word, "organization" if len(toks) > 1 and toks[0].text.lower() == "the" else "person"


def _classify_proper_name(toks: list[Token], mention: str, names: Names) -> tuple[str, str] | None:
    """A mention that ends in a proper name: a place (its government speaks), a person or an
    organisation. None when the name is an organisation, anonymous or document head."""
    tail_title, tail_name = split_name(_proper_tail(toks))
    candidate = " ".join(tail_name)
    if (candidate in places() or candidate in names.places) and candidate not in names.people:
        return strip_determiner(mention), "organization"
    org, anonymous, documents = org_heads(), anonymous_heads(), document_heads()
    if not tail_name or any(w.lower() in org for w in tail_name) or \
            any(w.lower() in anonymous or w.lower() in documents for w in tail_name):
        return None
    if len(tail_name) == 1:
        return _single_name(tail_name[0], tail_title, toks, names)
    if candidate in names.orgs:
        return candidate, "organization"
    full = names.choose(candidate)
    if full:
        return full, "person"
    if toks[0].text.lower() == "the" and likely_gender(candidate) == "u" and not tail_title:
        return candidate, "organization"
    return candidate, "person"


def _latest_organization(history: SpeakerHistory, position: int) -> str | None:
    """The organisation quoted last before `position` ("the company said" after "Princess
    Cruises says")."""
    return next((name for _, name, kind in history.before(position) if kind == "organization"), None)


def _classify_by_head(toks: list[Token], lows: list[str], head: str, mention: str, names: Names,
                      history: SpeakerHistory) -> tuple[str, str]:
    """A mention without a proper name at its end, typed by its head noun and title: a title
    held by a named person, a document, an organisation named before, or an unnamed source."""
    proper = [t.text for t in toks if t.pos in {"NNP", "NNPS"} and t.text.lower() not in DETERMINERS]
    position = toks[0].start
    if head in document_heads():
        return mention, "document"
    key = " ".join(w for w in lows if w not in _KEY_SKIP)
    holder = names.title_holder(key, position) or (
        names.title_holder(head, position) if head in titles() and not proper else None)
    if holder:
        return holder, "person"
    if head in generic_org_heads() and not proper:
        latest = _latest_organization(history, position)
        return (latest, "organization") if latest else (mention, "anonymous")
    if head in anonymous_heads() or head in titles():
        return mention, "anonymous"  # an unnamed person or group: "a White House aide"
    org = org_heads()
    if any(w in org for w in lows) and proper:
        return strip_determiner(mention), "organization"
    if head in org or proper:
        return strip_determiner(mention), "organization"
    return mention, "other"


def _head_word(lows: list[str]) -> str:
    """The head noun: "sources familiar with the talks" -> "sources"; "half of the respondents"
    -> "respondents"."""
    for index, word in enumerate(lows[1:], start=1):
        if word in _HEAD_ENDERS:
            head = lows[index - 1]
            if (head in _QUANTIFIERS or head.isdigit()) and word == "of":
                return lows[-1]
            return head
    return lows[-1]


def _person_before_preposition(doc: AttributionDocument, first: int, last: int, names: Names
                               ) -> tuple[str, str] | None:
    """"Vivian Wang of the New York Times", "Security analyst Fred Burton of Stratfor": the
    person named before "of" / "at" / "from" is the source."""
    for k in range(first + 1, last):
        if doc.lows[k] in {"of", "at", "from", "with"}:
            left = doc.toks[first:k]
            tail_title, tail_name = strip_title(_proper_tail(left))
            if len(tail_name) >= 2 and _is_person_name(tail_name, tail_title):
                return names.person(tail_name), "person"
            return None
    return None


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
        bound = frame.content[0] if frame.content and frame.content[0] < toks[0].start else None
        return resolve_pronoun(mention, head, toks[0].start, names, history, bound)
    if "and" in lows[1:-1] and sum(1 for w in words if w[:1].isupper()) >= 2:
        # "Washington and Beijing", "Clinton and Sanders": the group is the speaker, typed as
        # its last member
        last_member = Frame(0, 0, None, "verb", src=(first + lows.index("and") + 1, last))
        return strip_determiner(mention), classify(doc, last_member, names, history)[1]
    return _person_before_preposition(doc, first, last, names) or \
        _classify_proper_name(toks, mention, names) or \
        _classify_by_head(toks, lows, head, mention, names, history)
