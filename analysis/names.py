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

from analysis.core.rules import word_set
from analysis.nlp import use_nltk_data_env

#: Shape of an acronym or an all-capitals organisation name: "IAEA", "U.N.", "AT&T".
ACRONYM_RE = re.compile(r"^[A-Z][A-Z&.]{1,}$")

SHARED_TITLES_FILE = "names/titles.txt"

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
