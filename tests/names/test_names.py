"""The name rules shared by entities and attribution: spelling keys, words, acronyms, first
names and gender, and the title lists (one shared file plus each stage's own)."""
from __future__ import annotations

import pytest

from analysis.core.rules import rule_lines
from analysis.names import (
    ACRONYM_RE,
    SHARED_TITLES_FILE,
    acronym,
    first_names,
    gender,
    known_first_names,
    name_key,
    name_word_sets,
    name_words,
    names_containing,
    strip_title,
    title_phrases,
    title_words,
)

ENTITY_TITLES = "entities/titles.txt"
ATTRIBUTION_TITLES = "attribution/titles.txt"


def test_spelling_variants_share_one_key():
    assert name_key("Kim Jong-Un") == name_key("Kim Jong Un") == name_key("KIM JONG UN")
    assert name_key("Tillerson’s") == name_key("Tillerson's") == "tillerson"


def test_words_split_at_spaces_and_hyphens():
    assert name_words("Kim Jong-Un") == ["kim", "jong", "un"]
    assert name_words("  O’Neill ") == ["o'neill"]
    assert name_words("") == []


def test_acronyms_are_the_initials_of_capitalised_words():
    assert acronym("International Atomic Energy Agency") == "IAEA"
    assert acronym("Bank of England") == "BE"
    assert ACRONYM_RE.match("IAEA") and ACRONYM_RE.match("U.N.") and ACRONYM_RE.match("AT&T")
    assert not ACRONYM_RE.match("Nato") and not ACRONYM_RE.match("A")


def test_first_names_give_a_gender_only_when_it_is_unambiguous():
    male, female = first_names()
    assert "john" in male and "mary" in female
    assert gender("John Smith") == "m" and gender("Mary Smith") == "f"
    assert gender("Tillerson") == "u" and gender("") == "u"
    assert gender("Kelly Ayotte") == "u"  # a first name of both genders


def test_known_first_names_leave_out_very_short_ones():
    male, female = first_names()
    names = known_first_names(min_length=3)
    assert names == {n for n in male | female if len(n) >= 3}
    assert "al" in male and "al" not in names


@pytest.mark.parametrize("stage_file", [ENTITY_TITLES, ATTRIBUTION_TITLES])
def test_each_stage_reads_the_shared_titles_plus_its_own(stage_file):
    shared = {t.lower() for t in rule_lines(SHARED_TITLES_FILE)}
    own = {t.lower() for t in rule_lines(stage_file)}
    assert title_phrases(stage_file) == shared | own
    assert {"secretary of state", "president", "gen."} <= shared
    assert "secretary" in title_words(stage_file) and "of" in title_words(stage_file)


def test_the_stages_keep_their_own_titles():
    assert "coach" in title_phrases(ENTITY_TITLES) and "coach" not in title_phrases(ATTRIBUTION_TITLES)
    assert "pollster" in title_phrases(ATTRIBUTION_TITLES)
    assert "pollster" not in title_phrases(ENTITY_TITLES)


def test_strip_title_cuts_after_the_last_title_word():
    words = title_words(ATTRIBUTION_TITLES)
    assert strip_title("U.S. Secretary of State Rex Tillerson".split(), words) == (
        ["U.S.", "Secretary", "of", "State"], ["Rex", "Tillerson"])
    assert strip_title(["Rex", "Tillerson"], words) == ([], ["Rex", "Tillerson"])
    assert strip_title(["Gen.", "Fang", "Fenghui"], frozenset({"gen"})) == (["Gen."], ["Fang", "Fenghui"])


def test_short_names_find_the_full_names_that_contain_them():
    word_sets = name_word_sets(["Rex Tillerson", "Bill Clinton", "Hillary Clinton"])
    assert names_containing("Tillerson", word_sets) == ["Rex Tillerson"]
    assert names_containing("Clinton", word_sets) == ["Bill Clinton", "Hillary Clinton"]
    assert names_containing("Mattis", word_sets) == []


def test_honorifics_initials_and_people_sharing_a_name():  # rules/names/*.tsv
    from analysis.names import choose_person, honorific_gender, org_key, person_key

    assert honorific_gender("Mrs.") == "f" and honorific_gender("Mr") == "m"
    assert honorific_gender("Sen.") is None
    assert person_key("Donald J. Trump") == person_key("Donald Trump") != person_key(
        "Donald Trump Jr.")
    assert org_key("F.B.I.") == org_key("FBI") and org_key("The Times") == org_key("Times")
    assert org_key("Defense Department") == org_key("Department of Defense")
    people = {"Bill Clinton": (1, 0), "Hillary Clinton": (1, 5)}
    assert choose_person("Clinton", people, "f") == "Hillary Clinton"
    assert choose_person("Clinton", people, "m") == "Bill Clinton"
    assert choose_person("Clinton", {"Bill Clinton": (1, 0), "Hillary Clinton": (3, 5)}) == (
        "Hillary Clinton")
    assert choose_person("Katie Miller", {"Stephen Miller": (5, 0)}) is None


def test_short_first_names_share_the_person_key():  # rules/names/nicknames.tsv
    from analysis.names import formal_first, person_key, same_first_name, without_middle_initials

    assert person_key("Dave Petraeus") == person_key("David H. Petraeus")
    assert person_key("Steve Scalise") == person_key("Steven Scalise")
    assert person_key("Katie Miller") != person_key("Stephen Miller")
    assert same_first_name("Bill", "William") and not same_first_name("Bill", "Hillary")
    assert formal_first("David Petraeus") and not formal_first("Dave Petraeus")
    assert without_middle_initials("George H. W. Bush's") == "George Bush"
