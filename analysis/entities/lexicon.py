"""The word lists the entity rules read: rule files under rules/entities/, NLTK's gazetteers and
the shared name lists of `analysis.names`, gathered once into one Lexicon keyed like the tokens
(lower-cased, straight apostrophes), so every lookup is a dict or set membership."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.core.rules import rule_lines, rule_records, rule_set, word_set
from analysis.names import known_first_names, title_phrases
from analysis.nlp import use_nltk_data_env
from analysis.text import Token, token_spans

TITLES_FILE = "entities/titles.txt"

_GAZETTEER_FILES = {
    "countries.txt": "GPE", "isocountries.txt": "GPE", "usstates.txt": "GPE",
    "caprovinces.txt": "GPE", "mexstates.txt": "GPE", "uscities.txt": "GPE",
}


def word_key(text: str) -> str:
    """Lookup key of one word: lower-cased, with curly apostrophes made straight."""
    return text.lower().replace("’", "'")


def phrase_key(text: str) -> tuple[str, ...]:
    """Lookup key of a phrase: the word_key of each of its tokens."""
    return tuple(word_key(t.text) for t in token_spans(text))


def token_key(token: Token) -> str:
    """Lookup key of one token (its word_key)."""
    return word_key(token.text)


def _rule_table(name: str) -> list[tuple[str, str]]:
    """Two-column TSV rule file (header skipped) as (name, value) pairs; an empty value is the
    name itself."""
    rows = []
    for line in rule_lines(name)[1:]:
        first, _, second = line.partition("\t")
        rows.append((first.strip(), second.strip() or first.strip()))
    return rows


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
    party_states: dict[str, str] = field(default_factory=dict)  # "ky", "ny" -> state name
    states: frozenset[str] = field(default=frozenset())  # canonical names of US states
    modifier_suffixes: frozenset[str] = field(default=frozenset())  # "era" in "Obama-era"
    modifier_prefixes: frozenset[str] = field(default=frozenset())  # "anti" in "anti-Trump"
    person_context: frozenset[str] = field(default=frozenset())  # "administration"
    place_stems: frozenset[str] = field(default=frozenset())  # "virgini" of "Virginians"
    person_before: frozenset[str] = field(default=frozenset())  # "daughter" in "daughter Ivanka"
    gpe_cues: frozenset[str] = field(default=frozenset())  # "county" in "Sonoma County"
    # "trump" -> "Donald Trump"; None for a surname several listed people share ("clinton")
    public_figures: dict[str, str | None] = field(default_factory=dict)
    figure_genders: dict[str, str] = field(default_factory=dict)  # "Donald Trump" -> "m"

    def is_generic_head(self, key: str) -> bool:
        """A word that names a kind of body, not one body ("court", "ministry", "committee"):
        an organisation cue or head word."""
        return key in self.org_cues or key in self.org_heads

    def lookup(self, key: tuple[str, ...]) -> tuple[str, str] | None:
        """(label, canonical) of a known phrase, or None."""
        if key in self.orgs:
            return "ORGANIZATION", self.orgs[key]
        return self.places.get(key)

    def known(self, keys: list[str], upper: list[bool], i: int, j: int) -> tuple[str, str] | None:
        """(label, canonical) when keys[i:j] form a known phrase (acronyms only in capitals)."""
        key = tuple(keys[i:j])
        found = self.lookup(key)
        if found and key in self.acronyms and not all(upper[i:j]):
            return None
        return found

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
            found = (self.lookup(tuple(keys[k:k + n])) if upper is None
                     else self.known(keys, upper, k, k + n))
            if found:
                return n, found
        return 0, None


def public_figures(rows: list[dict[str, str]]) -> dict[str, str | None]:
    """Public figures news names by one word (`rows` of rules/entities/public_figures.tsv): the
    word's key -> the person's full name, or None when several listed people share the word (it
    says "person" but not which one)."""
    found: dict[str, str | None] = {}
    for row in rows:
        key, canonical = word_key(row["name"]), row["canonical"]
        found[key] = canonical if found.get(key, canonical) == canonical else None
    return found


def figure_genders(rows: list[dict[str, str]]) -> dict[str, str]:
    """Full name -> "m" or "f" of each listed public figure (`rows` of
    rules/entities/public_figures.tsv; an honorific can rule one out)."""
    return {row["canonical"]: row["gender"] for row in rows}


def state_key(abbreviation: str) -> str:
    """Key of a state abbreviation inside a party-state tag: letters only, lower-cased
    ("N.Y." -> "ny", "Ky" -> "ky")."""
    return re.sub(r"[^a-z]", "", abbreviation.lower())


def _state_abbreviations() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(party-tag key -> state, [(abbreviation, state)] read as the state anywhere) from
    rules/entities/us_states.tsv. An AP abbreviation of three letters or more is also known
    without its period, which the tokenizer splits off at a sentence end ("Calif")."""
    party: dict[str, str] = {}
    anywhere: list[tuple[str, str]] = []
    for row in rule_records("entities/us_states.tsv"):
        abbreviation, state = row["abbreviation"], row["state"]
        party.setdefault(state_key(abbreviation), state)
        if row["anywhere"] == "yes":
            anywhere.append((abbreviation, state))
            bare = abbreviation.rstrip(".")
            if len(state_key(bare)) >= 3 or "." in bare:
                anywhere.append((bare, state))
    return party, anywhere


def _places(gazetteer: dict[str, list[str]], nationalities: list[str],
            gpe: list[tuple[str, str]], demonyms: list[tuple[str, str]],
            state_abbreviations: list[tuple[str, str]]) -> dict[tuple[str, ...], tuple[str, str]]:
    """Places and nationalities: NLTK's gazetteers (`gazetteer`: the words of each file of
    _GAZETTEER_FILES), then the rule files (which win): places, state abbreviations, groups of
    people (NORP), laws or programmes (MISC) and named days (EVENT)."""
    places: dict[tuple[str, ...], tuple[str, str]] = {}
    skip = rule_set("entities/gazetteer_skip.txt")
    for fileid, label in _GAZETTEER_FILES.items():
        for entry in gazetteer[fileid]:
            entry = entry.strip()
            if entry and entry.lower() not in skip and "(" not in entry:
                places.setdefault(phrase_key(entry), (label, entry))
    for entry in nationalities:
        places.setdefault(phrase_key(entry), ("NORP", entry))
    for name, canonical in gpe:
        places[phrase_key(name)] = ("GPE", canonical)
    for line in rule_lines("entities/locations.txt"):
        name, _, canonical = line.partition("\t")  # an alias names its canonical after a tab
        places[phrase_key(name.strip())] = ("LOCATION", canonical.strip() or name.strip())
    for name, _country in demonyms:
        places[phrase_key(name)] = ("NORP", name)
        if not name.endswith("s"):
            places.setdefault(phrase_key(name + "s"), ("NORP", name + "s"))
    for name, state in state_abbreviations:
        places.setdefault(phrase_key(name), ("GPE", state))
    for name in rule_lines("entities/groups.txt"):
        places[phrase_key(name)] = ("NORP", name)
    for name in rule_lines("entities/programmes.txt"):
        places[phrase_key(name)] = ("MISC", name)
    for name in rule_lines("entities/events.txt"):
        places[phrase_key(name)] = ("EVENT", name)
    return places


def _place_stems(gazetteer: dict[str, list[str]], gpe: list[tuple[str, str]]) -> frozenset[str]:
    """Countries, states, provinces and the hand-listed places, each also without its last one
    or two letters: the stems that people of a place are named after ("Virginia" -> "virgini"
    in "Virginians", "Arkansas" -> "arkans" in "Arkansans")."""
    names = [n for f in ("countries.txt", "usstates.txt", "caprovinces.txt")
             for n in gazetteer[f]] + [name for name, _ in gpe if not name.isupper()]
    stems = set()
    for name in names:
        key = " ".join(phrase_key(name))
        stems.update(key[:len(key) - cut] for cut in range(3) if len(key) - cut >= 3)
    return frozenset(stems)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All entity word lists, loaded once: rule files plus NLTK's gazetteers and names corpora."""
    use_nltk_data_env()
    from nltk.corpus import gazetteers

    gazetteer = {fileid: list(gazetteers.words(fileid)) for fileid in _GAZETTEER_FILES}
    gpe = _rule_table("entities/gpe.tsv")
    demonyms = _rule_table("entities/demonyms.tsv")
    party_states, state_abbreviations = _state_abbreviations()
    places = _places(gazetteer, list(gazetteers.words("nationalities.txt")), gpe, demonyms,
                     state_abbreviations)
    figures = rule_records("entities/public_figures.tsv")
    organizations = _rule_table("entities/organizations.tsv")
    orgs = {phrase_key(name): canonical for name, canonical in organizations}
    titles = frozenset(phrase_key(t.title()) for t in title_phrases(TITLES_FILE))
    of_joiners = {t[t.index("of") - 1] for t in titles if "of" in t[1:]}
    org_heads = rule_set("entities/org_heads.txt")
    keys = list(places) + list(orgs)
    acronyms = {phrase_key(name) for name, _ in organizations + gpe
                if name.isupper()}
    return Lexicon(
        places=places,
        orgs=orgs,
        titles=titles,
        org_cues=word_set("entities/org_cues.txt"),
        org_heads=org_heads,
        facility_cues=word_set("entities/facility_cues.txt"),
        possessive_joiners=rule_set("entities/possessive_joiners.txt"),
        not_names=rule_set("entities/not_names.txt"),
        first_names=known_first_names(min_length=3),
        of_joiners=frozenset(of_joiners | {h.split()[-1] for h in org_heads}),
        event_cues=word_set("entities/event_cues.txt"),
        countries=frozenset(gazetteer["countries.txt"] + gazetteer["isocountries.txt"]
                            + [country for _, country in demonyms]),
        acronyms=frozenset(acronyms),
        name_particles=rule_set("entities/name_particles.txt"),
        say_verbs=rule_set("entities/say_verbs.txt"),
        place_prepositions=rule_set("entities/place_prepositions.txt"),
        surname_shape=re.compile("(?:" + "|".join(
            sorted(rule_lines("entities/surname_endings.txt"), key=len, reverse=True)) + ")$"),
        first_tokens=frozenset(k[0] for k in keys),
        max_len=max(len(k) for k in keys),
        party_states=party_states,
        states=frozenset(party_states.values()),
        modifier_suffixes=word_set("entities/modifier_suffixes.txt"),
        modifier_prefixes=word_set("entities/modifier_prefixes.txt"),
        person_context=word_set("entities/person_context.txt"),
        place_stems=_place_stems(gazetteer, gpe),
        person_before=word_set("entities/person_before.txt"),
        gpe_cues=word_set("entities/gpe_cues.txt"),
        public_figures=public_figures(figures),
        figure_genders=figure_genders(figures),
    )
