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
