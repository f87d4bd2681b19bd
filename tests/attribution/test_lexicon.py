"""Tests for analysis.attribution.lexicon: the rule files load, with the core items."""
from __future__ import annotations

import pytest

from analysis.attribution import anonymous_heads, cue_verbs, document_heads, org_heads, titles
from analysis.attribution.lexicon import strip_title, title_words, word_class
from analysis.core.paths import RULES_DIR
from analysis.core.rules import rule_lines


def test_rule_files_load_and_have_the_core_items():
    forms = cue_verbs()
    assert forms[("said",)].lemma == "say" and forms[("told",)].lemma == "tell"
    assert forms[("pointed", "out")].lemma == "point out"
    assert forms[("report",)].verb_only and not forms[("said",)].verb_only
    assert forms[("believes",)].weak and not forms[("says",)].weak
    assert {"officials", "sources", "spokesperson"} <= anonymous_heads()
    assert {"report", "statement"} <= document_heads()
    assert {"secretary", "president", "defense secretary"} <= titles()
    assert "pentagon" in org_heads()
    for name in ("cue_verbs.txt", "anonymous_heads.txt", "document_heads.txt", "titles.txt",
                 "org_heads.txt"):
        lines = rule_lines(f"attribution/{name}")
        assert len(lines) == len(set(lines)), name  # no duplicates


def test_titles_are_the_shared_list_and_attributions_own():
    own = {line.strip().lower() for line in rule_lines("attribution/titles.txt")}
    shared = {line.strip().lower() for line in rule_lines("names/titles.txt")}
    assert titles() == own | shared and not own & shared  # each title is written once
    assert {"secretary", "of", "state"} <= title_words()


@pytest.mark.parametrize("words, title, name", [
    (["U.S.", "Secretary", "of", "State", "Rex", "Tillerson"], ["U.S.", "Secretary", "of", "State"],
     ["Rex", "Tillerson"]),
    (["Pat", "Caddell"], [], ["Pat", "Caddell"]),
])
def test_strip_title(words, title, name):
    assert strip_title(words) == (title, name)


def test_thinking_verbs_are_kept_apart_from_reporting_verbs():
    forms = cue_verbs()
    for form in ("believes", "hoped", "want", "fear", "knew", "thinks", "wondered"):
        assert forms[(form,)].sense == "belief", form
    for form in ("said", "ruled", "revealed", "confirmed", "implied", "tweeted"):
        assert forms[(form,)].sense == "speech", form
    assert forms[("found",)].sense == "document" and forms[("shows",)].sense == "document"
    assert forms[("put", "it")].lemma == "put it"
    speech = {line.split("\t")[0].rstrip("^*!@") for line in rule_lines("attribution/cue_verbs.txt")}
    belief = {line.split("\t")[0].rstrip("^*!@") for line in rule_lines("attribution/cognition_verbs.txt")}
    assert not speech & belief  # each verb is written once, in one file


def test_description_rules():
    from analysis.attribution.lexicon import check_scheme, generic_org_heads, title_abbreviations

    assert title_abbreviations()["gov"] == "governor" and title_abbreviations()["sen"] == "senator"
    assert {"company", "giant", "agency"} <= generic_org_heads()
    assert check_scheme("parc") == "parc"
    with pytest.raises(ValueError, match="speech"):
        check_scheme("belief")


def test_office_holders_and_cue_first_words():
    from analysis.attribution.lexicon import cue_first_words, cue_verbs, office_holders

    holders = office_holders()
    assert "Barack Obama" in holders["president"] and "president" not in holders.get("vice president", ())
    assert all(form[0] in cue_first_words() for form in cue_verbs())
    assert "the" not in cue_first_words()


def test_non_speech_phrases_are_data_and_no_cue_forms():
    from analysis.attribution.lexicon import non_speech_phrases

    phrases = non_speech_phrases()
    assert ("with",) in phrases["charge"] and ("to", "mind") in phrases["call"]
    assert all(lemma in {verb.lemma for verb in cue_verbs().values()} for lemma in phrases)
    assert not any(form[0].startswith("-") for form in cue_verbs())  # never read as a verb form


def test_reporting_nouns_name_their_verbs():
    from analysis.attribution.lexicon import reporting_nouns

    nouns = reporting_nouns()
    assert nouns["warnings"].lemma == "warn" and nouns["threats"].lemma == "threaten"
    assert nouns["calls"].lemma == "call"
    assert ("warnings",) not in cue_verbs()  # a noun form is no verb form


def test_word_classes_load_from_their_data_file_with_their_core_items():
    expected = {"media_nouns": "tweet", "tell_verbs": "urge", "as_verbs": "describe",
                "stance_verbs": "express", "request_verbs": "call for", "evidential_verbs": "suggest",
                "finder_heads": "jury", "colon_labels": "update", "media_heads": "newspaper",
                "spokes_heads": "spokeswoman", "place_heads": "city", "vague_nouns": "company",
                "survey_heads": "poll", "weak_backward_verbs": "believe"}
    for name, word in expected.items():
        assert word in word_class(name), name
    assert not word_class("tell_verbs") & word_class("media_nouns")  # verbs and nouns apart
    with pytest.raises(KeyError, match="no word class 'tell_verb'"):
        word_class("tell_verb")


def test_every_word_class_row_is_lower_case_and_single_spaced():
    path = RULES_DIR / "attribution" / "word_classes.tsv"
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    assert rows and all(len(row) == 2 for row in rows)
    assert all(word == " ".join(word.split()).lower() for _, word in rows)
    assert len(rows) == len({tuple(row) for row in rows})  # no row twice
