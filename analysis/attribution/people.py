"""The names of one text that speakers resolve to: person names from capitalised runs (a known
first name, or a title before them; initials kept: "John A. Boehner"), the titles they were
given ("Gov. Gavin Newsom" -> "governor"), organisation names (a run that ends in an
organisation word, an acronym) and, when given, the entity stage's mentions.

Full names are counted first; each mention then resolves to the full name it can be
(analysis.names.choose_person: honorific- and first-name-aware), a bare surname included
("Obama" after "Barack Obama"). The other capitalised runs are kept in order for descriptions
("the committee" -> "House Judiciary Committee"); well-known organisations come from the
entities' list. Salience, genders and title mentions: analysis.attribution.antecedents. Every
run is judged once per wording, so collecting stays linear in the length of the text.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import pandas as pd

from analysis.attribution.antecedents import (
    acts_as_person,
    known_gender,
    learn_genders,
    opens_sentence,
    title_mentions,
    unknown_name,
)
from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    org_heads,
    places,
    strip_title,
    title_abbreviations,
    title_words,
    titles,
)
from analysis.entities.lexicon import lexicon, word_key
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
_RUN_SCAN = 60  # how many earlier names a description looks back over


def strip_plural(word: str) -> str:
    """"cruises" -> "cruise", "agencies" -> "agency" (enough to match a description's noun)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "news")) and len(word) > 3:
        return word[:-1]
    return word
KEY_SKIP = {"the", "a", "an", "u.s.", "former", "then-", "top"}  # words no name key holds


@dataclass
class Names:
    """Person names of the text, for resolution."""

    people: dict[str, tuple[int, int]] = field(default_factory=dict)  # full -> (mentions, first)
    by_title: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # title -> holders
    # persons outside quotations, in text order: (start, full name, gender, opens its sentence)
    mentions: list[tuple[int, str, str, bool]] = field(default_factory=list)
    orgs: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    # organisations named outside quotations, in text order: (start, name)
    org_mentions: list[tuple[int, str]] = field(default_factory=list)
    org_by_word: dict[str, str] = field(default_factory=dict)  # a name's word -> the name
    genders: dict[str, str] = field(default_factory=dict)  # full name -> "m", "f" or "u"
    unsure: set[str] = field(default_factory=set)  # taken for people only because they speak
    # capitalised runs outside quotations that name no person, in text order: (start, name)
    runs: list[tuple[int, str]] = field(default_factory=list)

    _by_word: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    _chosen: dict[tuple[str, str | None], str | None] = field(default_factory=dict)

    def add_org(self, start: int, name: str) -> None:
        """Record an organisation named at `start` (its distinctive words point back to it:
        "Guttmacher" -> "Guttmacher Institute")."""
        self.orgs.add(name)
        self.org_mentions.append((start, name))
        for word in name.split()[:-1]:
            if word[:1].isupper() and word.lower() not in org_heads():
                self.org_by_word.setdefault(word, name)

    def organization_before(self, position: int) -> str | None:
        """The organisation named last before `position`, or None."""
        k = bisect_left(self.org_mentions, (position, "")) - 1
        return self.org_mentions[k][1] if k >= 0 else None

    def gender(self, full: str) -> str:
        """The gender of a person of the text: from a first name or an honorific, else from
        the pronouns that follow the person's mentions (see collect_names); "u" if unknown."""
        found = self.genders.get(full)
        return found if found is not None else likely_gender(full)

    def named_like(self, words: set[str], position: int) -> str | None:
        """The capitalised name before `position` (among the few before it) that holds one of
        `words` (lower case, singular), the one named most often, else first: "the cruise line"
        -> "Princess Cruises", "the news agency" -> "Xinhua News Agency", "the committee" ->
        "House Judiciary Committee"."""
        k = bisect_left(self.runs, (position, ""))
        counts: dict[str, list[int]] = {}  # name -> [times named, -first index]
        for index, (_, name) in enumerate(self.runs[max(0, k - _RUN_SCAN):k]):
            if any(strip_plural(w.lower()) in words for w in name.split()):
                counts.setdefault(name, [0, -index])[0] += 1
        # the one named most often ("the committee" is the article's committee), then first
        return max(counts, key=lambda name: counts[name]) if counts else None

    def place_before(self, position: int) -> str | None:
        """The last place named before `position` (of the few before it): "the city says"."""
        k = bisect_left(self.runs, (position, ""))
        for _, name in reversed(self.runs[max(0, k - _RUN_SCAN):k]):
            if name in self.places or name in places():
                return name
        return None

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


# --------------------------------------------------------------------------------------------
# Names of the text


def split_initial(toks: list[Token], k: int) -> bool:
    """Whether token k is the period of an initial the tokenizer split off ("John A", ".",
    "Boehner"): right after a single capital letter and before a capitalised word."""
    return 0 < k < len(toks) - 1 and toks[k].text == "." and len(toks[k - 1].text) == 1 and \
        toks[k - 1].text.isupper() and toks[k - 1].end == toks[k].start and toks[k + 1].text[:1].isupper()


def name_words(toks: list[Token]) -> list[str]:
    """The words of a run of name tokens, a split initial joined again ("A", "." -> "A.")."""
    words: list[str] = []
    for k, tok in enumerate(toks):
        if tok.text == "." and words and len(words[-1]) == 1 and k > 0 and toks[k - 1].end == tok.start:
            words[-1] += "."
        else:
            words.append(tok.text)
    return words


def _run_end(toks: list[Token], sentence_of: list[int], i: int) -> int:
    """Last token of the capitalised run starting at token i ("of" and initials allowed inside),
    within its sentence: a byline or sub-head line never joins the name that opens the next
    paragraph ("Jane Roe" + "Alex Jones said")."""
    n = len(toks)
    j = i
    while j + 1 < n and sentence_of[j + 1] == sentence_of[i] and (
            toks[j + 1].text[:1].isupper() and toks[j + 1].pos in _RUN_TAGS
            or toks[j + 1].text.lower() == "of" and j + 2 < n and toks[j + 2].text[:1].isupper()
            or split_initial(toks, j + 1)):
        j += 1
    return j


def _org_name(words: list[str]) -> str | None:
    """A capitalised run that names an organisation: it ends in an organisation word ("Hastings
    Center", "Internet Research Agency"), or it is an acronym ("ACLU"). "The" is left out."""
    if words and words[0] in {"The", "the"}:
        words = words[1:]
    if len(words) >= 2 and words[-1].lower() in org_heads() or \
            len(words) == 1 and ACRONYM_RE.match(words[0]) and 2 <= len(words[0]) <= 6 and \
            words[0] not in places() and words[0].replace(".", "") not in places():  # not "U.S."
        return " ".join(words)
    return None


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
    if len(name) < 3 or is_initial(name[0]):
        return title, name  # "T. Wade Corley": an initial opens the name
    male, female = first_names()
    for k in range(1, len(name) - 1):
        low = name[k].lower()
        first = name[0].lower()
        if (low in male or low in female) and len(low) > 2 and first not in male and first not in female:
            return title + name[:k], name[k:]
    return title, name


def is_person_name(name: list[str], title: list[str]) -> bool:
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
             if w not in KEY_SKIP and honorific_gender(w) is None]
    keys = [" ".join(words[-size:]) for size in range(1, len(words) + 1)]
    keys += [w for w in words if w in titles()]
    return [k for k in dict.fromkeys(keys) if k and k not in {"of", "state", "the"}]


Run = tuple[int, list[str], list[str], str | None]  # token, name words, title words, honorific


def _capitalised_runs(doc: AttributionDocument, names: Names) -> tuple[list[Run], list[int]]:
    """(token, name words, title words, honorific gender) of each person-like capitalised run,
    and the tokens of the one-word runs that are neither (a bare surname, "Obama", is known to be
    a person only once the full names are counted); the runs that name an organisation go to
    names.org_mentions. (A run is split and judged once per text for each wording: names
    repeat.)"""
    toks = doc.toks
    runs, singles = [], []
    undecided: list[tuple[int, list[str]]] = []
    promoted: dict[tuple[str, ...], str] = {}  # name -> why it is a person's
    judged: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple | str | None] = {}
    i, n = 0, len(toks)
    while i < n:
        if not (toks[i].text[:1].isupper() and toks[i].pos in _RUN_TAGS):
            i += 1
            continue
        j = _run_end(toks, doc.sent, i)
        key = (tuple(name_words(toks[i:j + 1])), tuple(_lower_title_before(toks, i)))
        if key not in judged:
            title, name = split_name(list(key[0]))
            honorific = next((g for g in map(honorific_gender, title) if g), None)
            title = list(key[1]) + [w.lower() for w in title]
            judged[key] = (name, title, honorific) if is_person_name(name, title) else _org_name(list(key[0]))
        found = judged[key]
        if isinstance(found, tuple):
            runs.append((i, *found))
        elif not doc.in_quote[i]:
            words = list(key[0][1:] if key[0][0] in {"The", "the"} and len(key[0]) > 1 else key[0])
            names.runs.append((toks[i].start, " ".join(words)))
            known = lexicon().lookup(tuple(word_key(w) for w in words)) if found is None else None
            if found is not None or known is not None and known[0] == "ORGANIZATION":
                # "Facebook", "Xinhua": the entities' list of well-known organisations
                names.add_org(toks[i].start, found or known[1])
                names.orgs.add(" ".join(words))  # the text's spelling too ("Buzzfeed")
            elif known is not None and known[0] in {"GPE", "LOCATION"}:
                names.places.add(" ".join(words))
            elif j == i and not key[1]:
                singles.append(i)
            elif found is None and 2 <= len(words) <= 3 and unknown_name(toks[i:j + 1]):
                undecided.append((i, words))
                why = acts_as_person(doc, i, j)
                if why is not None:
                    promoted[tuple(words)] = "title" if why == "title" else promoted.get(tuple(words), why)
        i = j + 1
    # "Günther Platter, the governor of Tyrol, criticized": a name the first-name list lacks is
    # a person's where the text gives it a title or has it speak; then everywhere in the text
    runs += [(i, words, [], None) for i, words in undecided if tuple(words) in promoted]
    names.unsure = {" ".join(words) for words, why in promoted.items() if why == "speaks"}
    return runs, singles  # in no order: collect_names sorts them with the entities' runs


EntityRecords = list[tuple[int, str, str, str]]  # (start, text, label, canonical) of each mention


def entity_records(entities: pd.DataFrame | None, role: str | None = None) -> EntityRecords | None:
    """The entity mentions speaker typing reads, as plain tuples (start, text, label,
    canonical), read column by column (a row-wise pass over a DataFrame costs more than the
    attribution rules of a short article); `role` keeps only the mentions of that role ("body"
    for the pipeline's mentions, which also cover headlines and captions). None for no table."""
    if entities is None or not len(entities):
        return None
    n = len(entities)

    def column(name: str) -> list:
        return entities[name].tolist() if name in entities.columns else [""] * n

    rows = zip(column("start"), column("text"), column("label"), column("canonical"),
               column("role") if role is not None else [role] * n)
    return [(int(start), str(text), label, canonical if isinstance(canonical, str) and canonical else str(text))
            for start, text, label, canonical, r in rows if r == role]


def _add_entities(doc: AttributionDocument, names: Names, entities: EntityRecords) -> list:
    """Persons, organisations and places from the entity stage's mentions; the person mentions
    as (token, name words, [], None) runs."""
    runs = []
    for start, text, label, canonical in entities:
        if label == "PERSON" and canonical:
            runs.append((max(doc.token_at(start), 0), canonical.split(), [], None))
        elif label == "ORGANIZATION":
            names.orgs.update({text, canonical})
            names.add_org(start, canonical)
        elif label in {"GPE", "LOCATION"}:
            names.places.update({text, canonical})
    return runs


def collect_names(doc: AttributionDocument, entities: EntityRecords | None) -> Names:
    """The names speakers resolve to: the text's own person names, then the entities'. Full
    names (two words or more) are counted first; each mention then resolves to the full name it
    can be, and titles and mentions outside quotations are recorded for descriptions and
    pronouns."""
    names = Names()
    runs, singles = _capitalised_runs(doc, names)
    if entities:
        runs += _add_entities(doc, names, entities)
    runs.sort(key=lambda r: r[0])
    names.org_mentions.sort()
    counts: dict[str, list[int]] = {}
    for i, name, _, _ in runs:
        if len(name) >= 2:
            full = " ".join(name)
            counts.setdefault(full, [0, doc.toks[i].start])[0] += 1
    names.people = {full: (n, first) for full, (n, first) in counts.items()}
    names.index_people()
    keys: dict[tuple[str, ...], list[str]] = {}  # per text: titles and names repeat
    genders: dict[str, str] = {}
    for i, name, title, honorific in runs:
        full = names.person(name, honorific)
        start = doc.toks[i].start
        if title:
            if tuple(title) not in keys:
                keys[tuple(title)] = _title_keys(title)
            for key in keys[tuple(title)]:
                names.by_title.setdefault(key, []).append((start, full))
        if not doc.in_quote[i]:
            gender = known_gender(genders, full)
            names.mentions.append((start, full, honorific or gender, opens_sentence(doc, i)))
    for i in singles:  # "Obama" after "Barack Obama": a mention of him
        full = names.choose(doc.toks[i].text)
        if full is not None:
            names.mentions.append((doc.toks[i].start, full, known_gender(genders, full),
                                   opens_sentence(doc, i)))
    title_mentions(doc, names, genders)
    names.mentions.sort()
    learn_genders(doc, names, genders)
    return names
