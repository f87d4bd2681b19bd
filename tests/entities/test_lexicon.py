"""The entity word lists: rule files under rules/entities/, gazetteers and shared name lists."""
from __future__ import annotations

from analysis.core.rules import rule_lines
from analysis.entities import extract_entities, lexicon
from analysis.entities.lexicon import phrase_key


def test_country_aliases_share_one_canonical_name():  # rules/entities/gpe.tsv
    text = ("The United States is expected to push China. U.S. officials said. "
            "US Secretary of Defence Jim Mattis agreed.")
    found = extract_entities(text)
    gpe = found[found["label"] == "GPE"]
    assert set(gpe.loc[gpe["text"] != "China", "canonical"]) == {"United States"}
    assert list(gpe["text"]) == ["United States", "China", "U.S.", "US"]


def test_titles_are_the_shared_list_plus_the_entity_stage_list():
    lex = lexicon()
    shared = {phrase_key(t.title()) for t in rule_lines("names/titles.txt")}
    own = {phrase_key(t.title()) for t in rule_lines("entities/titles.txt")}
    assert lex.titles == shared | own and not shared & own
    assert ("secretary", "of", "state") in lex.titles and ("gen.",) in lex.titles


def test_lookups_know_places_organisations_and_acronyms_only_in_capitals():
    lex = lexicon()
    assert lex.lookup(phrase_key("United States")) == ("GPE", "United States")
    keys = list(phrase_key("the PLA said"))
    assert lex.known(keys, [False, True, False], 1, 2) == ("ORGANIZATION", "People's Liberation Army")
    assert lex.known(keys, [False, False, False], 1, 2) is None
    assert lex.title_at(list(phrase_key("Secretary of State Rex")), 0, 4) == 3


def test_public_figures_file_is_one_word_names_with_full_canonicals():  # public_figures.tsv
    from analysis.core.rules import rule_records

    rows = rule_records("entities/public_figures.tsv")
    assert len(rows) > 200 and all(
        set(r) == {"name", "canonical", "gender", "note"} and r["gender"] in {"m", "f"} for r in rows)
    pairs = [(r["name"], r["canonical"]) for r in rows]
    assert len(pairs) == len(set(pairs)), "a person listed twice under one name"
    for name, canonical in pairs:
        assert len(name.split()) == 1 and name[:1].isupper(), name
        assert canonical.strip() == canonical and len(canonical.split()) >= 2 or canonical == name
    lex = lexicon()
    assert not [n for n, _ in pairs if lex.lookup(phrase_key(n))], "a figure that is a place/org"
    assert not {"may", "fox", "major", "kim", "austin"} & set(lex.public_figures)


def test_a_surname_listed_people_share_names_no_one():  # public_figures.tsv
    figures = lexicon().public_figures
    assert figures["obama"] == "Barack Obama" and figures["merkel"] == "Angela Merkel"
    assert figures["trump"] == "Donald Trump" and figures["o'connor"] == "Sandra Day O'Connor"
    assert figures["clinton"] is None and figures["bush"] is None and figures["kennedy"] is None
    genders = lexicon().figure_genders
    assert genders["Hillary Clinton"] == "f" and genders["Barack Obama"] == "m"
