"""Who a source is: its type (person, organization, anonymous, document, first_person,
pronoun_unresolved, other) and its full name.

- A short name resolves to the full name of the person it can be (analysis.names.choose_person:
  honorific- and first-name-aware, so "Mrs. Clinton" is never Bill Clinton and "Trudeau" is
  the Trudeau the text names most).
- A title or description resolves to the person who held the title in the text ("the governor"
  after "Gov. Gavin Newsom"; not "the foreign minister" after "Prime Minister X"), or to the
  person the next sentences introduce by name as a speaker ("A Justice Department spokeswoman
  denied ... “...,” ... Sarah Isgur Flores said"); an organisation description to the name that
  holds its noun ("the committee", "the news agency"), a place ("the city says") or the
  organisation last quoted ("the company"); a definite document to the owned one named before it
  ("The survey showed" after "A Washington Post/ABC News poll"). Unresolved, an unnamed person or
  group is an anonymous source, also when a name only qualifies it ("a Trump ally", "Black
  politicians in Virginia", "a team from the Kaiser Family Foundation").
- A pronoun resolves to the most recent prominent person of a fitting gender (a speaker, a name
  that opens its sentence, "the president" for the office holder the text names; genders the
  first name does not tell are learnt from the pronouns after the name) before the attribution,
  never to a name inside a quotation or inside the attribution's own content; "they" to a plural
  group opening the previous sentence or the last group quoted; "I" and "we" outside quotations
  are the writer (first_person), kept apart from named speakers.
- A list's speaker: "Planned Parenthood and other groups" is its named party; a list of names is
  the group, typed as its last member.

Person names come from capitalised runs of the text (a known first name, a title before them,
or a person's title in an apposition) and, when given, from the entity stage's mentions, which
also mark organisations and places (the entities' list of well-known organisations is used too).
Every lookup per source is bounded (a bisection and a short backward scan), so resolution stays
linear in the length of the text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from analysis.attribution.antecedents import named_next
from analysis.attribution.cues import Frame
from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    DETERMINERS,
    PRONOUNS,
    anonymous_heads,
    document_heads,
    generic_org_heads,
    office_holders,
    org_heads,
    places,
    strip_title,
    title_words,
    titles,
    word_class,
)
from analysis.attribution.people import (
    KEY_SKIP,
    Names,
    is_person_name,
    name_words,
    split_initial,
    split_name,
    strip_plural,
)
from analysis.attribution.phrases import is_time, np_backward, np_forward
from analysis.entities import common_words
from analysis.entities.wordnet import is_common_word
from analysis.names import (
    ACRONYM_RE,
    first_names,
    honorific_gender,
    likely_gender,
)
from analysis.text import Token

_HEAD_ENDERS = {"of", "with", "familiar", "close", "at", "from", "in", "for", "on", "to", "who"}
_QUANTIFIERS = {"half", "some", "many", "most", "all", "few", "several", "none", "one", "two",
                "three", "four", "five", "majority", "minority", "percent", "dozens", "hundreds",
                "thousands", "each", "both"}
_SCAN = 40  # how many earlier mentions a pronoun looks back over
FIRST_PERSON = {"i", "we"}
_MEDIA_HEADS = word_class("media_heads")
_SPOKES = word_class("spokes_heads")
_PLACE_HEADS = word_class("place_heads")
_VAGUE_NOUNS = word_class("vague_nouns")
_TAIL_TAGS = {"NNP", "NNPS", "NN", "JJ", "NNS", "VBN"}


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
    recent += [(start, speaker, names.gender(speaker), True) for start, speaker, kind
               in history.before(bound) if kind == "person"]
    recent.sort(reverse=True)
    for genders, salient_only in (({pronoun_gender, "u"}, True), ({pronoun_gender}, False), ({"u"}, False)):
        for _, full, gender, salient in recent:
            if gender in genders and (salient or not salient_only):
                return full
    return None


def resolve_pronoun(mention: str, pronoun: str, position: int, names: Names,
                    history: SpeakerHistory, doc: AttributionDocument,
                    bound: int | None = None) -> tuple[str, str]:
    """(speaker, source_type) of a pronoun source at character `position` of `doc`;
    antecedents are looked for before `bound` (the attribution's content when it comes first,
    so "Mr. Petraeus, he said" does not make Petraeus the speaker). "they" first looks for a
    plural subject opening the previous sentence (:func:`_plural_subject_before`)."""
    bound = position if bound is None else min(bound, position)
    pronoun_gender = PRONOUNS[pronoun]
    if pronoun in FIRST_PERSON:  # "I", "we" outside quotations: the writer, not a named source
        return mention, "first_person"
    if pronoun_gender in {"m", "f"}:
        found = _person_antecedent(pronoun_gender, bound, names, history)
        return (found, "person") if found else (mention, "pronoun_unresolved")
    group = _plural_subject_before(doc, position, names) if pronoun == "they" else None
    if group is not None:
        return group
    for _, name, stype in history.before(bound):
        # "they" -> the latest group or organisation; "it" -> also a document
        if stype in {"organization", "anonymous"} or (stype == "document" and pronoun_gender == "n"):
            return name, stype
    return mention, "pronoun_unresolved"


def _plural_subject_before(doc: AttributionDocument, position: int, names: Names) -> tuple[str, str] | None:
    """"Democrats seized on McConnell's comments. They said ...": the plural noun phrase that
    opens the previous sentence (after an opening word and comma), an unnamed group, or an
    organisation when the text names it as one; None when that sentence opens otherwise."""
    s = doc.sent[doc.token_at(position)]
    if s == 0:
        return None
    lo, hi = doc.sent_bounds[s - 1]
    comma = next((k for k in range(lo, min(lo + 4, hi)) if doc.toks[k].text == ","), None)
    span = np_forward(doc, comma + 1 if comma is not None else lo, hi)
    if span is None or doc.toks[span[1]].pos not in {"NNS", "NNPS"} or \
            doc.lows[span[1]] in PRONOUNS or doc.toks[span[1]].pos == "PRP":
        return None
    text = doc.text[doc.toks[span[0]].start:doc.toks[span[1]].end]
    return (strip_determiner(text), "organization") if strip_determiner(text) in names.orgs else (text, "anonymous")


# --------------------------------------------------------------------------------------------
# Names and descriptions


def _proper_tail(toks: list[Token]) -> list[str]:
    """The capitalised words that end a mention ("the U.S. ambassador Nikki Haley" -> Nikki
    Haley; "T. Boone Pickens" with its initial)."""
    k = len(toks)
    while k > 0 and (toks[k - 1].text[:1].isupper() and toks[k - 1].pos in _TAIL_TAGS
                     or split_initial(toks, k - 1)):
        k -= 1
    if k == 1 and k < len(toks) and toks[0].text[:1].isupper() and toks[0].pos in {"VBN", "VBD", "VBG"}:
        k = 0  # "Planned Parenthood": a capitalised participle opens the name
    return name_words(toks[k:])


def _plural_common(word: str) -> bool:
    """A capitalised plural of a common noun ("Cruises", "Motors", "Industries"), never a
    known surname or first name: after a title word it ends an organisation's name."""
    male, female = first_names()
    low = word.lower()
    return low.endswith("s") and low not in male and low not in female and \
        is_common_word(word, common_words())


def _common_words_name(name: list[str], first_tok: Token) -> bool:
    """A name of two common words that starts with no first name or initial ("Planned
    Parenthood", "Human Rights Watch"): an organisation's."""
    male, female = first_names()
    first = name[0].lower()
    common = common_words()
    return len(name) >= 2 and first not in male and first not in female and "." not in name[0] and \
        is_common_word(name[-1], common) and (is_common_word(name[0], common) or first_tok.pos in {"VBN", "VBD", "VBG"})


def _single_name(word: str, title: list[str], toks: list[Token], names: Names) -> tuple[str, str]:
    """A one-word name: a surname of the text, an acronym or known organisation, a person."""
    honorific = next((g for g in map(honorific_gender, title) if g), None)
    full = names.choose(word, honorific)
    if full:
        return full, "person"
    male, female = first_names()
    if ACRONYM_RE.match(word) or word in names.orgs:
        return word, "organization"
    if word in names.org_by_word and not honorific:
        return names.org_by_word[word], "organization"  # "Guttmacher" -> "Guttmacher Institute"
    if title and not honorific and (toks[-1].pos == "NNPS" or _plural_common(word)) and \
            all(w[:1].isupper() and not w.endswith(".") for w in title):
        return " ".join([*title, word]), "organization"  # "Princess Cruises", "General Motors"
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
            any(w.lower() in anonymous for w in tail_name):
        return None
    if any(w.lower() in documents for w in tail_name):
        # "The Washington Post", "the Drudge Report": a named publication; "Reports" alone is none
        return (strip_determiner(mention), "organization") if len(tail_name) > 1 else None
    if len(tail_name) == 1:
        return _single_name(tail_name[0], tail_title, toks, names)
    if candidate in names.orgs:
        return candidate, "organization"
    full = names.choose(candidate)
    if full:
        return full, "person"
    if toks[0].text.lower() == "the" and likely_gender(candidate) == "u" and not tail_title:
        return candidate, "organization"
    if not tail_title and _common_words_name(tail_name, toks[len(toks) - len(tail_name)]):
        return candidate, "organization"  # "Planned Parenthood": common words, no first name
    return candidate, "person"


def _latest_organization(history: SpeakerHistory, names: Names, position: int) -> str | None:
    """The organisation quoted last before `position` ("the company said" after "Princess
    Cruises says"), else the one named last before it ("the agency" after "the Energy
    Information Administration")."""
    return next((name for _, name, kind in history.before(position) if kind == "organization"),
                None) or names.organization_before(position)


def _classify_by_head(toks: list[Token], lows: list[str], head: str, mention: str, names: Names,
                      history: SpeakerHistory, doc: AttributionDocument) -> tuple[str, str]:
    """A mention without a proper name at its end, typed by its head noun and title: a title
    held by a named person (or introduced by name as the next sentence's speaker), a document,
    an organisation named before, or an unnamed source."""
    proper = [t.text for t in toks if t.pos in {"NNP", "NNPS"} and t.text.lower() not in DETERMINERS]
    if proper and proper[0] == toks[0].text:
        i = doc.token_at(toks[0].start)
        if doc.sent_bounds[doc.sent[i]][0] == i and is_common_word(toks[0].text, common_words()) \
                and toks[0].text.lower() not in org_heads():
            proper = proper[1:]  # "Online vigilantes": a sentence's capital, no name
    position = toks[0].start
    k = _head_index(lows)
    if head in document_heads() and not _publication_name(toks, k):
        return mention, "document"
    key = " ".join(w for w in lows if w not in KEY_SKIP)
    # "the foreign minister" is not the "Prime Minister" the text named
    other_title = k > 0 and lows[k - 1] in title_words() and f"{lows[k - 1]} {head}" not in names.by_title
    holder = names.title_holder(key, position) or (
        names.title_holder(head, position) if head in titles() and not proper and not other_title
        else None) or (_office_holder(key, names) if not proper else None)
    if holder:
        return holder, "person"
    introduced = lows[0] in {"a", "an"} or any(w in {"'s", "’s"} for w in lows)  # not "the president"
    if introduced and (head in _SPOKES or head in titles() and head not in anonymous_heads()):
        named = named_next(doc, toks, names, "f" if head == "spokeswoman" else None)
        if named:
            return named, "person"
    definite = lows[0] in {"the", "its", "this", "that"}
    if head in _PLACE_HEADS and definite and not proper:
        place = names.place_before(position)  # "the city says" -> "San Francisco"
        if place:
            return place, "organization"
    org = org_heads()
    if (head in generic_org_heads() or head in org) and definite and not proper:
        # "the cruise line" -> "Princess Cruises": a name holding the description's nouns
        nouns = {head} | {w for w, t in zip(lows, toks) if t.pos in {"NN", "NNS"} and w not in _VAGUE_NOUNS}
        named = names.named_like({strip_plural(w) for w in nouns}, position)
        if named:
            return named, "organization"
    if head in generic_org_heads() and not proper:
        latest = _latest_organization(history, names, position)
        return (latest, "organization") if latest else (mention, "anonymous")
    if proper and toks[k].text[:1].isupper() and head in org:
        return strip_determiner(mention), "organization"  # "the Energy Information Administration"
    if head in anonymous_heads() or head in titles():
        return mention, "anonymous"  # an unnamed person or group: "a White House aide"
    if head in _MEDIA_HEADS and proper and all(t.pos in {"NNP", "NNPS"} for t in toks[1 if lows[0] in DETERMINERS else 0:k]):
        # "The Virginian-Pilot newspaper": the publication's name
        return strip_determiner(_leading_text(toks[:k], mention)), "organization"
    if any(w in org for w in lows) and proper:
        return strip_determiner(mention), "organization"
    if head in org or proper:
        return strip_determiner(mention), "organization"
    if toks[k].pos == "NNS" and toks[k].text.islower():
        return mention, "anonymous"  # "vigilantes accused": an unnamed group
    return mention, "other"


def _leading_text(toks: list[Token], mention: str) -> str:
    """The text of the first tokens of a mention (`mention` starts at toks[0])."""
    return mention[:toks[-1].end - toks[0].start] if toks else ""


def _publication_name(toks: list[Token], head: int) -> bool:
    """A capitalised document word after a proper name ends a publication's name ("The
    Washington Post", "Fraternal Order of Police"), no document ("Reports", "the report")."""
    return toks[head].text[:1].isupper() and any(t.pos in {"NNP", "NNPS"} and t.text[:1].isupper()
                                                 for t in toks[:head])


def _office_holder(key: str, names: Names) -> str | None:
    """"the president" in a text that never writes "President X": the holder of that office
    (rules/attribution/office_holders.tsv) the text names most often, if it names one."""
    holders = office_holders().get(key)
    if not holders:
        return None
    counts: dict[str, int] = {}
    for _, full, _, _ in names.mentions:
        surname = full.split()[-1] if full else ""
        for holder in holders:
            if surname == holder.split()[-1] and (full == surname or full == holder):
                counts[holder] = counts.get(holder, 0) + 1
    return max(counts, key=lambda h: (counts[h], h)) if counts else None


def _head_index(lows: list[str]) -> int:
    """Index of the head noun: "sources familiar with the talks" -> "sources"; "half of the
    respondents" -> "respondents"."""
    for index, word in enumerate(lows[1:], start=1):
        if word in _HEAD_ENDERS:
            head = lows[index - 1]
            if (head in _QUANTIFIERS or head.isdigit()) and word == "of":
                return len(lows) - 1
            return index - 1
    return len(lows) - 1


def head_word(lows: list[str]) -> str:
    """The head noun of a mention (see _head_index)."""
    return lows[_head_index(lows)]


def _owner_span(doc: AttributionDocument, first: int, head: int) -> tuple[int, int] | None:
    """Who a document belongs to: the possessor ("Trout's letter", "Mr. Comey's account") or
    the proper name that modifies it ("a Justice Department legal opinion", "another Guttmacher
    analysis"); None for an unattributed document ("the indictment", "a Tuesday letter")."""
    for k in range(head - 1, first - 1, -1):
        if doc.toks[k].pos == "POS" or doc.lows[k] in {"'s", "’s"}:
            lo = first
            while lo < k and doc.toks[lo].pos in {"DT", "JJ", "PRP$"} and not doc.toks[lo].text[:1].isupper():
                lo += 1
            return (lo, k - 1) if lo < k else None
    k = head - 1
    while k >= first and doc.toks[k].pos in {"JJ", "NN"} and doc.toks[k].text.islower():
        k -= 1  # "legal", "campaign"
    end = k
    while k >= first and doc.toks[k].pos in {"NNP", "NNPS"} and not is_time(doc, k):
        k -= 1
    return (k + 1, end) if end > k else None


def _document_source(doc: AttributionDocument, frame: Frame, names: Names, history: SpeakerHistory,
                     first: int, head: int) -> tuple[str, str] | None:
    """A document of a named author or body: the author speaks, with the author's type."""
    owner = _owner_span(doc, first, head)
    if owner is None:
        return None
    speaker, source_type, _ = classify(doc, Frame(0, 0, None, "verb", src=owner), names, history)
    return (speaker, source_type) if source_type in {"person", "organization"} else None


def _person_before_preposition(doc: AttributionDocument, first: int, last: int, names: Names
                               ) -> tuple[str, str] | None:
    """"Vivian Wang of the New York Times", "Security analyst Fred Burton of Stratfor": the
    person named before "of" / "at" / "from" is the source."""
    for k in range(first + 1, last):
        if doc.lows[k] in {"of", "at", "from", "with"}:
            left = doc.toks[first:k]
            tail_title, tail_name = strip_title(_proper_tail(left))
            if len(tail_name) >= 2 and is_person_name(tail_name, tail_title):
                return names.person(tail_name), "person"
            return None
    return None


def classify(doc: AttributionDocument, frame: Frame, names: Names, history: SpeakerHistory
             ) -> tuple[str, str, str]:
    """(speaker, source_type, source_kind) of a frame's source mention (its antecedent for
    "who"). A document is an anonymous source unless a named author or body owns it ("the
    indictment says": anonymous; "Trout's letter": Bob Trout, a person); either way its
    source_kind is "document". Other sources have source_kind == source_type."""
    first, last = frame.antecedent or frame.src
    lows = doc.lows[first:last + 1]
    head = first + _head_index(lows)
    if last > first and doc.lows[head] in document_heads() and \
            not _publication_name(doc.toks[first:last + 1], head - first):
        owned = _document_source(doc, frame, names, history, first, head) or \
            _earlier_owner(doc, frame, names, history, first, head)
        if owned is not None:
            return owned[0].split("/")[0].strip(), owned[1], "document"  # "Post/ABC News poll"
    speaker, source_type = _classify(doc, frame, names, history)
    if source_type == "document":
        return speaker, "anonymous", "document"
    return speaker, source_type, source_type


_SURVEYS = word_class("survey_heads")


def _earlier_owner(doc: AttributionDocument, frame: Frame, names: Names, history: SpeakerHistory,
                   first: int, head: int) -> tuple[str, str] | None:
    """"A Washington Post/ABC News poll ... showed ... The survey showed": a definite document
    refers back to the owned one of its kind named in the three sentences before it."""
    if doc.lows[first] != "the":
        return None
    kind = {doc.lows[head]} | (_SURVEYS if doc.lows[head] in _SURVEYS else set())
    lo = doc.sent_bounds[max(doc.sent[first] - 3, 0)][0]
    for k in range(first - 1, lo - 1, -1):
        if doc.lows[k] in kind and not doc.in_quote[k]:
            s_lo = doc.sent_bounds[doc.sent[k]][0]
            span = np_backward(doc, k, s_lo)
            return _document_source(doc, frame, names, history, span[0], k) if span else None
    return None


def _one_name(lows: list[str], words: list[str], k: int, names: Names) -> bool:
    """Whether a mention with "and" (at index k) is one name, no coordination: a known
    organisation, or a name with "for"/"of" whose last word follows "and" ("the Centers for
    Disease Control and Prevention")."""
    name = strip_determiner(" ".join(words))
    if name in names.orgs:
        return True
    return k == len(lows) - 2 and words[-1][:1].isupper() and any(w in {"for", "of", "on"} for w in lows[1:k])


def _classify(doc: AttributionDocument, frame: Frame, names: Names, history: SpeakerHistory
              ) -> tuple[str, str]:
    """(speaker, internal type: "document" for an unattributed document) of a source mention."""
    first, last = frame.antecedent or frame.src
    toks = doc.toks[first:last + 1]
    words = [t.text for t in toks]
    mention = doc.text[toks[0].start:toks[-1].end]
    lows = [w.lower() for w in words]
    head = head_word(lows)
    if len(toks) == 1 and head in PRONOUNS:
        bound = frame.content[0] if frame.content and frame.content[0] < toks[0].start else None
        return resolve_pronoun(mention, head, toks[0].start, names, history, doc, bound)
    a = lows.index("and") if "and" in lows[1:-1] else -1
    coordinated = a >= 0 and toks[a - 1].pos in {"NNP", "NNPS"} and toks[a - 1].text[:1].isupper()
    if coordinated and _one_name(lows, words, a, names):
        return strip_determiner(mention), "organization"
    if coordinated and toks[a + 1].text.islower():
        # "Planned Parenthood and other groups": the named party speaks for the unnamed others
        first_member = Frame(0, 0, None, "verb", src=(first, first + a - 1))
        return _classify(doc, first_member, names, history)
    if coordinated and sum(1 for w in words if w[:1].isupper()) >= 2:
        # "Washington and Beijing", "Clinton and Sanders": the group is the speaker, typed as
        # its last member
        last_member = Frame(0, 0, None, "verb", src=(first + a + 1, last))
        return strip_determiner(mention), _classify(doc, last_member, names, history)[1]
    k = _head_index(lows)
    if 0 <= k < len(lows) - 1 and lows[k + 1] in _HEAD_ENDERS and toks[k].text.islower() and \
            head not in _PLACE_HEADS:
        # "Black politicians in Virginia", "a spokesman for the Pentagon", "a team from the
        # Kaiser Family Foundation": the name after the head only says whose; unless the head
        # is a title its holder has in the text, the source is unnamed
        found = _person_before_preposition(doc, first, last, names) or \
            _classify_by_head(toks, lows, head, mention, names, history, doc)
        return found if found[1] in {"person", "document"} else (mention, "anonymous")
    return _person_before_preposition(doc, first, last, names) or \
        _classify_proper_name(toks, mention, names) or \
        _classify_by_head(toks, lows, head, mention, names, history, doc)
