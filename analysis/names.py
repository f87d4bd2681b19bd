"""Person and organisation names: the word-level rules shared by entities and attribution.

Both stages need to compare names ("Kim Jong Un" = "Kim Jong-Un", "Tillerson" within
"Rex Tillerson"), to tell an acronym, to cut a title off a name ("Secretary of State Rex
Tillerson") and to guess a person's gender from the first name (for he/she resolution). Keeping
these in one module means one reading of each list and one spelling rule for every stage.

Title lists: rules/names/titles.txt holds the titles both stages use; each stage adds its own file
(rules/entities/titles.txt, rules/attribution/titles.txt), so each stage keeps exactly the set of
titles it had. First names come from NLTK's names corpus.
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis.core.rules import rule_records, word_set
from analysis.nlp import use_nltk_data_env

#: Shape of an acronym or an all-capitals organisation name: "IAEA", "U.N.", "AT&T".
ACRONYM_RE = re.compile(r"^[A-Z][A-Z&.]{1,}$")

SHARED_TITLES_FILE = "names/titles.txt"
HONORIFICS_FILE = "names/honorifics.tsv"
GENDER_OVERRIDES_FILE = "names/first_name_gender.tsv"
NICKNAMES_FILE = "names/nicknames.tsv"

# Words that stay with a title after its "of" ("Secretary of State", "Minister for Defense").
_TITLE_OBJECT_WORDS = frozenset({"of", "for", "state", "defense", "the"})


# --------------------------------------------------------------------------------------------
# Spelling


def name_key(name: str) -> str:
    """Spelling-insensitive key: "Kim Jong-Un", "Kim Jong Un" and "KIM JONG UN" are one."""
    return re.sub(r"[^a-z0-9]", "", name.lower().replace("’s", "").replace("'s", ""))


def name_words(name: str) -> list[str]:
    """The lower-cased words of a name, split at spaces and hyphens (curly apostrophes made
    straight): "Kim Jong-Un" -> ["kim", "jong", "un"]."""
    return [w for w in re.split(r"[\s\-]+", name.lower().replace("’", "'")) if w]


def acronym(name: str) -> str:
    """Initials of the capitalised words: "International Atomic Energy Agency" -> "IAEA"."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


# --------------------------------------------------------------------------------------------
# First names and gender


@lru_cache(maxsize=1)
def first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(male, female) lower-cased first names from NLTK's names corpus."""
    from nltk.corpus import names

    use_nltk_data_env()
    male = frozenset(n.lower() for n in names.words("male.txt"))
    female = frozenset(n.lower() for n in names.words("female.txt"))
    return male, female


def known_first_names(min_length: int = 3) -> frozenset[str]:
    """Every first name of at least `min_length` letters, whatever the gender (shorter ones,
    "Al", "Jo", are too often ordinary words to count as evidence of a name)."""
    male, female = first_names()
    return frozenset(n for n in male | female if len(n) >= min_length)


def gender(name: str) -> str:
    """"m" or "f" when the name's first word is a first name of only that gender, else "u"."""
    male, female = first_names()
    first = name.split()[0].lower() if name.split() else ""
    in_male, in_female = first in male, first in female
    if in_male and not in_female:
        return "m"
    if in_female and not in_male:
        return "f"
    return "u"


# --------------------------------------------------------------------------------------------
# Titles


@lru_cache(maxsize=None)
def title_phrases(stage_file: str) -> frozenset[str]:
    """Lower-cased title phrases of one stage: the shared list plus the stage's own rule file
    (e.g. "attribution/titles.txt"); read once per rule file."""
    return word_set(SHARED_TITLES_FILE) | word_set(stage_file)


@lru_cache(maxsize=None)
def title_words(stage_file: str) -> frozenset[str]:
    """Every word of one stage's title phrases ("secretary", "of", "state", ...)."""
    return frozenset(w for t in title_phrases(stage_file) for w in t.split())


def strip_title(words: list[str], titles: frozenset[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title words, name words) given a stage's title words:
    "U.S. Secretary of State Rex Tillerson" -> (["U.S.", "Secretary", "of", "State"],
    ["Rex", "Tillerson"]). The cut falls after the last title word."""
    cut = 0
    for index, word in enumerate(words):
        if word.lower() in titles or word.lower().rstrip(".") in titles:
            cut = index + 1
    # "Secretary of State": keep the object of a title's "of" inside the title
    if cut < len(words) and cut >= 2 and words[cut - 1].lower() == "of":
        cut += 1
    while cut < len(words) and cut > 0 and words[cut].lower() in _TITLE_OBJECT_WORDS:
        cut += 1
    return words[:cut], words[cut:]


# --------------------------------------------------------------------------------------------
# Short names to full names


def name_word_sets(full_names: list[str]) -> dict[str, set[str]]:
    """Each full name (in the given order) with the set of its words."""
    return {full: set(name_words(full)) for full in full_names}


def names_containing(name: str, word_sets: dict[str, set[str]]) -> list[str]:
    """The full names (keys of `word_sets`, in its order) that contain every word of `name`:
    "Tillerson" -> ["Rex Tillerson"]."""
    words = set(name_words(name))
    return [full for full, full_words in word_sets.items() if words <= full_words]


# --------------------------------------------------------------------------------------------
# Honorifics, initials and choosing among people who share a name


@lru_cache(maxsize=1)
def _honorifics() -> dict[str, str]:
    return {row["honorific"].lower(): row["gender"] for row in rule_records(HONORIFICS_FILE)}


def honorific_gender(title: str) -> str | None:
    """"m" or "f" when a title is a gendered honorific ("Mrs.", "Mr", "Ms."), else None."""
    return _honorifics().get(title.lower().strip().rstrip("."))


def is_initial(word: str) -> bool:
    """A middle initial or a run of them: "J.", "H.W.", "W"."""
    return bool(re.fullmatch(r"(?:[A-Za-z]\.?){1,3}", word)) and (
        "." in word or len(word) == 1)


def person_words(name: str) -> list[str]:
    """The lower-cased words of a person's name without its middle initials and possessive:
    "Donald J. Trump's" -> ["donald", "trump"] (a first initial stays: "T. Boone Pickens")."""
    words = [w for w in re.split(r"[\s\-]+", re.sub(r"['’]s$", "", name.strip())) if w]
    kept = [w for i, w in enumerate(words) if i == 0 or i == len(words) - 1 or not is_initial(w)]
    return [w.lower() for w in kept]


@lru_cache(maxsize=1)
def _nickname_groups() -> dict[str, str]:
    """Lower-cased first name -> the key of its group of short and full forms (rules/names/
    nicknames.tsv; forms linked through a shared short form are one group)."""
    parent: dict[str, str] = {}

    def root(word: str) -> str:
        while parent.setdefault(word, word) != word:
            word = parent[word]
        return word

    for row in rule_records(NICKNAMES_FILE):
        a, b = root(row["nickname"].lower()), root(row["name"].lower())
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {word: root(word) for word in parent}


def is_nickname(word: str) -> bool:
    """A short form of a first name ("Dave", "Steve"), from rules/names/nicknames.tsv."""
    return word.lower() in _nicknames()


@lru_cache(maxsize=1)
def _nicknames() -> frozenset[str]:
    return frozenset(row["nickname"].lower() for row in rule_records(NICKNAMES_FILE))


def same_first_name(a: str, b: str) -> bool:
    """Two first names that are one name's short and full forms ("Dave", "David")."""
    groups = _nickname_groups()
    a, b = a.lower(), b.lower()
    return a == b or groups.get(a, a) == groups.get(b, b)


def person_key(name: str) -> str:
    """One key for the spellings of one person's full name: "Donald J. Trump", "Donald Trump"
    and "DONALD TRUMP" share it, as do "Dave Petraeus" and "David Petraeus" (a first name's
    short form, rules/names/nicknames.tsv); "Donald Trump Jr." does not."""
    words = person_words(name)
    if len(words) > 1:
        words = [_nickname_groups().get(words[0], words[0])] + words[1:]
    return " ".join(name_key(w) for w in words)


def without_middle_initials(name: str) -> str:
    """The name without its middle initials and possessive: "David H. Petraeus's" -> "David
    Petraeus" (original capitals kept)."""
    words = [w for w in re.sub(r"['’]s$", "", name.strip()).split() if w]
    return " ".join(w for i, w in enumerate(words)
                    if i == 0 or i == len(words) - 1 or not is_initial(w))


def formal_first(name: str) -> bool:
    """The name does not start with a first name's short form ("David Petraeus", not "Dave")."""
    words = name.split()
    return not (len(words) > 1 and is_nickname(words[0]))


def org_key(name: str) -> str:
    """One key for an organisation's spellings: dots, case, a leading "the" and a possessive
    ignored ("F.B.I." = "FBI", "The Times" = "Times"; "Defense Department" = "Department of
    Defense")."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    name = re.sub(r"^(.+?)\s+(Department|Ministry)$", r"\2 of \1", name)  # "Defense Department"
    return name_key(name)


@lru_cache(maxsize=1)
def _gender_overrides() -> dict[str, str]:
    return {row["name"].lower(): row["gender"] for row in rule_records(GENDER_OVERRIDES_FILE)}


def likely_gender(name: str) -> str:
    """Like `gender`, but a first name that the names corpus lists under both genders is read
    as the one it almost always has in news (rules/names/first_name_gender.tsv: "Bill" "m",
    "Hillary" "f")."""
    first = name.split()[0].lower() if name.split() else ""
    return _gender_overrides().get(first) or gender(name)


def compatible(name: str, full: str, name_gender: str | None = None) -> bool:
    """Whether `name` can be a short form of the person `full`: every word of it (middle
    initials aside) is a word of the full name, and an honorific's gender does not contradict
    the full name's first name ("Mrs. Clinton" is not "Bill Clinton"; "Miller" can be "Katie
    Miller" or "Stephen Miller", "Katie Miller" only the first)."""
    words = set(person_words(name)) or set(name_words(name))
    if not words <= set(person_words(full)) | set(name_words(full)):
        return False
    return name_gender is None or likely_gender(full) in {"u", name_gender}


def choose_person(name: str, people: dict[str, tuple[int, int]],
                  name_gender: str | None = None, recent: str | None = None) -> str | None:
    """The person a short name refers to, among `people` (full name -> (mentions, first
    position)): the compatible ones whose names are not part of a longer compatible one; of
    several, `recent` (the one just named in full, in this or the previous sentence) if it
    fits, else the one named most often, then the one introduced first (news names the main
    person by surname and a namesake by first name: "Trump" is the president, not his
    daughter). None when no one fits."""
    fits = [full for full in people if compatible(name, full, name_gender)]
    words = {full: set(person_words(full)) for full in fits}
    maximal = [f for f in fits if not any(words[f] < words[g] for g in fits)]
    if not maximal:
        return None
    if recent in maximal:
        return recent
    return min(maximal, key=lambda full: (-people[full][0], people[full][1], full))
