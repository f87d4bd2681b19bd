"""Entity mentions, their types and canonical names, and the corpus tables built on them.

Most examples are sentences of the seed article (seeds/000_afb6e35f5f233bea.txt).
"""
from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import entities
from analysis.entities import (
    LABELS,
    MENTION_COLUMNS,
    alias_table,
    caption_effect,
    cooccurrence,
    entity_counts,
    extract_entities,
    mention_table,
    resolve_corpus_entities,
)

SEED_PEOPLE = {
    # Counted by hand in the seed body (captions, credits and tag lines excluded):
    "Rex Tillerson": 4,  # "Rex Tillerson", "Tillerson and Defense...", "according to Tillerson", "Tillerson said"
    "Jim Mattis": 1,  # "Defense Secretary Jim Mattis"
    "Yang Jiechi": 1,  # "State Councilor Yang Jiechi"
    "Fang Fenghui": 1,  # "Gen. Fang Fenghui"
    "Donald Trump": 3,  # "U.S. President Donald Trump", "Trump wrote", "Trump has told"
    "Xi Jinping": 3,  # "Chinese President Xi Jinping", "President Xi & China", "told Xi"
    "David Helvey": 2,  # "David Helvey, assistant secretary", "Helvey said"
}


def mentions_of(text: str) -> list[tuple[str, str, str]]:
    return [tuple(row) for row in extract_entities(text)[["text", "label", "canonical"]].values]


@pytest.fixture(scope="module")
def seed_body(seed_raw: str) -> str:
    return analysis.clean_text(seed_raw).text


@pytest.fixture(scope="module")
def seed_articles() -> pd.DataFrame:
    from analysis.paths import SEEDS_DIR

    return analysis.load_articles(SEEDS_DIR, progress=False)


@pytest.fixture(scope="module")
def seed_mentions(seed_articles: pd.DataFrame) -> pd.DataFrame:
    return mention_table(seed_articles)


# ------------------------------------------------------------------------------ public API


def test_columns_and_offsets_on_the_seed_body(seed_body: str):
    found = analysis.extract_entities(seed_body)
    assert list(found.columns) == MENTION_COLUMNS
    assert len(found) > 40
    for start, end, text in zip(found["start"], found["end"], found["text"]):
        assert seed_body[start:end] == text
    assert set(found["label"]) <= set(LABELS)


def test_every_person_in_the_seed_body_once_under_the_full_name_with_exact_counts(seed_body):
    found = extract_entities(seed_body)
    people = Counter(found.loc[found["label"] == "PERSON", "canonical"])
    assert dict(people) == SEED_PEOPLE


def test_empty_and_name_free_texts_give_empty_frames():
    for text in ["", "   \n", "hello world, nothing to see here."]:
        found = extract_entities(text)
        assert found.empty and list(found.columns) == MENTION_COLUMNS
        assert str(found["start"].dtype) == "int64"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([
    "U.S. Secretary of State Rex Tillerson said at a congressional hearing last week.",
    "Signaling U.S. frustration over China’s perceived reluctance,",
    "Gen. Fang Fenghui, chief of the Joint Staff Department of the People’s Liberation Army.",
    "KIM JONG UN",
    "“While I greatly appreciate the efforts of President Xi & China,”",
    "U.S.-China cooperation in defeating Islamic State extremists",
    "the", "\n\n", "  ", "Tillerson", "China-based", "(STR/AFP/Getty Images)", "é", "’s",
]), max_size=8), st.sampled_from([" ", "\n", "", "\n\n"]))
def test_offsets_always_point_at_the_mention(parts, glue):
    text = glue.join(parts)
    found = extract_entities(text)
    previous_end = 0
    for start, end, mention, label in found[["start", "end", "text", "label"]].values:
        assert text[start:end] == mention and mention.strip() == mention and end > start
        assert start >= previous_end  # sorted, never overlapping
        previous_end = end
        assert label in set(LABELS)


# ------------------------------------------------------------------- typing rules, real text


def test_titles_are_cut_off_and_mark_a_person():  # rules/entity_titles.txt
    text = ("In the first round, Tillerson and Defense Secretary Jim Mattis are hosting State "
            "Councilor Yang Jiechi and Gen. Fang Fenghui.")
    assert mentions_of(text) == [
        ("Tillerson", "PERSON", "Tillerson"),  # no full name in this text
        ("Jim Mattis", "PERSON", "Jim Mattis"),
        ("Yang Jiechi", "PERSON", "Yang Jiechi"),
        ("Fang Fenghui", "PERSON", "Fang Fenghui"),
    ]


def test_a_country_before_a_title_is_its_own_mention():
    text = "U.S. Secretary of State Rex Tillerson said at a congressional hearing last week."
    assert mentions_of(text) == [("U.S.", "GPE", "United States"),
                                 ("Rex Tillerson", "PERSON", "Rex Tillerson")]


def test_a_title_alone_names_nobody():
    assert mentions_of("The President said the Secretary of State would travel.") == []


def test_organisation_cues_make_organisations():  # rules/entity_org_cues.txt
    text = ("Gen. Fang Fenghui, chief of the Joint Staff Department of the People’s Liberation "
            "Army, read the Korean Central News Agency report.")
    found = mentions_of(text)
    assert ("Joint Staff Department", "ORGANIZATION", "Joint Staff Department") in found
    assert ("Korean Central News Agency", "ORGANIZATION", "Korean Central News Agency") in found


def test_possessive_stays_inside_peoples_but_ends_a_country():  # entity_possessive_joiners.txt
    found = mentions_of("China’s top foreign policy official met the People’s Liberation Army.")
    assert found == [("China", "GPE", "China"),
                     ("People’s Liberation Army", "ORGANIZATION", "People's Liberation Army")]
    assert mentions_of("curtailing North Korea’s nuclear ambitions")[0][:2] == ("North Korea", "GPE")


def test_hyphenated_compounds_give_the_country_part():
    text = "U.S.-China cooperation and sanctions on China-based entities"
    found = extract_entities(text)
    assert found[["start", "end", "text", "label", "canonical"]].values.tolist() == [
        [0, 4, "U.S.", "GPE", "United States"],
        [5, 10, "China", "GPE", "China"],
        [40, 45, "China", "GPE", "China"],
    ]


def test_country_aliases_share_one_canonical_name():  # rules/entity_gpe.tsv
    text = ("The United States is expected to push China. U.S. officials said. "
            "US Secretary of Defence Jim Mattis agreed.")
    found = extract_entities(text)
    gpe = found[found["label"] == "GPE"]
    assert set(gpe.loc[gpe["text"] != "China", "canonical"]) == {"United States"}
    assert list(gpe["text"]) == ["United States", "China", "U.S.", "US"]


def test_acronyms_match_only_in_capitals():  # rules/entity_organizations.tsv
    assert mentions_of("The PLA is China’s army.")[0] == ("PLA", "ORGANIZATION",
                                                          "People's Liberation Army")
    found = mentions_of("Kim Jong-Un watched the launch.")  # "Un" is not the UN
    assert found == [("Kim Jong-Un", "PERSON", "Kim Jong-Un")]


def test_nationalities_are_norp_and_places_are_gpe_or_location():  # demonyms, locations
    text = ("Chinese President Xi Jinping spoke of the Asia-Pacific region, the South China Sea "
            "and the Korean Peninsula.")
    assert mentions_of(text) == [
        ("Chinese", "NORP", "Chinese"),
        ("Xi Jinping", "PERSON", "Xi Jinping"),
        ("Asia-Pacific", "LOCATION", "Asia-Pacific"),
        ("South China Sea", "LOCATION", "South China Sea"),
        ("Korean Peninsula", "LOCATION", "Korean Peninsula"),
    ]


def test_facilities_and_events():  # rules/entity_facility_cues.txt, entity_event_cues.txt
    text = ("They met at Government House in Sydney for the first round of the U.S.-China "
            "Diplomatic and Security Dialogue.")
    found = mentions_of(text)
    assert ("Government House", "FACILITY", "Government House") in found
    assert ("Sydney", "GPE", "Sydney") in found
    assert ("Diplomatic and Security Dialogue", "EVENT", "Diplomatic and Security Dialogue") in found


def test_days_and_sentence_openers_are_not_names():  # rules/entity_not_names.txt
    text = ("Specifically, Washington and Beijing will meet Wednesday. Signaling frustration, "
            "Trump wrote in a tweet Tuesday.")
    assert [m[0] for m in mentions_of(text)] == ["Washington", "Beijing", "Trump"]


def test_organisation_heads_take_of_into_the_name():  # rules/entity_org_heads.txt
    text = "Figures were published by the Ministry of Defence and the Bank of England."
    assert mentions_of(text) == [("Ministry of Defence", "ORGANIZATION", "Ministry of Defence"),
                                 ("Bank of England", "ORGANIZATION", "Bank of England")]


def test_initials_and_name_particles_stay_in_the_name():
    assert mentions_of("A. Symonds and Edwin van der Sar scored.") == [
        ("A. Symonds", "PERSON", "A. Symonds"),
        ("Edwin van der Sar", "PERSON", "Edwin van der Sar")]


def test_datelines_and_score_lines():
    assert mentions_of("KANDAHAR (Reuters) - Fighting resumed on Monday.")[0] == (
        "KANDAHAR", "GPE", "Kandahar")
    # A city followed by a score is a team; a country stays a country (national sides).
    assert mentions_of("Leeds 2 Chelsea 1\nJapan 2 Syria 1") == [
        ("Leeds", "ORGANIZATION", "Leeds"), ("Chelsea", "ORGANIZATION", "Chelsea"),
        ("Japan", "GPE", "Japan"), ("Syria", "GPE", "Syria")]


def test_capitalised_common_words_are_not_names_but_surnames_in_context_are():
    assert mentions_of("Results of the vote were published on Monday.") == []
    assert mentions_of("Signaling frustration, Trump wrote in a tweet.") == [
        ("Trump", "PERSON", "Trump")]


def test_all_capitals_headline_uses_the_names_of_the_body():
    text = "TILLERSON MEETS XI IN BEIJING\nRex Tillerson met Xi Jinping in Beijing on Wednesday."
    found = mentions_of(text)
    assert found[:3] == [("TILLERSON", "PERSON", "Rex Tillerson"), ("XI", "PERSON", "Xi Jinping"),
                         ("BEIJING", "GPE", "Beijing")]


def test_short_names_resolve_to_the_full_name_in_the_same_text():
    text = ("David Helvey, assistant secretary of defense, spoke on Tuesday. “The threat is "
            "North Korea,” Helvey said. Chinese President Xi Jinping agreed; Trump has told Xi.")
    canon = {m[0]: m[2] for m in mentions_of(text)}
    assert canon["Helvey"] == "David Helvey"
    assert canon["Xi"] == "Xi Jinping"
    assert canon["Trump"] == "Trump"  # no full name in this text: left as written


def test_a_shared_surname_goes_to_the_person_named_most_recently():
    text = ("Bill Clinton met aides. Hillary Clinton spoke later. Clinton said she would run. "
            "Earlier, Bill Clinton had left. Clinton waved.")
    assert [m[2] for m in mentions_of(text) if m[0] == "Clinton"] == ["Hillary Clinton",
                                                                     "Bill Clinton"]


def test_an_acronym_spelled_out_in_the_text_takes_the_full_name():
    text = ("The International Atomic Energy Agency (IAEA) said on Monday that the IAEA would "
            "inspect the site.")
    assert {m[2] for m in mentions_of(text)} == {"International Atomic Energy Agency"}


def test_spelling_variants_share_one_canonical():
    found = mentions_of("Kim Jong-Un watched the launch. Later, Kim Jong Un praised the scientists.")
    assert [m[2] for m in found] == ["Kim Jong-Un", "Kim Jong-Un"]


def test_binary_chunker_decides_unknown_sentence_openers():
    tokens = analysis.segment.tagged_sentences("Kazakhstan said it would wait.")[0]
    flags = entities._binary_ne_flags(tokens)
    assert len(flags) == len(tokens) and flags[0] is True and not any(flags[1:])


def test_wordnet_proper_names_are_typed():
    names = entities.wordnet_names()
    assert names["dhaka"] == "GPE" and names["arafat"] == "PERSON"
    assert mentions_of("The talks moved to Dhaka, where Arafat waited.") == [
        ("Dhaka", "GPE", "Dhaka"), ("Arafat", "PERSON", "Arafat")]


# --------------------------------------------------------------------------- corpus tables


def test_mention_table_keeps_body_and_caption_offsets_apart(seed_articles, seed_mentions):
    article = seed_articles.iloc[0]
    assert set(seed_mentions["role"]) == {"body", "caption", "headline"}
    for role, start, end, text in seed_mentions[["role", "start", "end", "text"]].values:
        source = article["text"] if role == "body" else article["raw_text"]
        assert source[start:end] == text


def test_mention_table_reads_the_annotation_cache_on_a_rerun(seed_articles, tmp_path, monkeypatch):
    first = mention_table(seed_articles, cache=tmp_path)

    def stage_ran_again(*args, **kwargs):
        raise AssertionError("the entity stage ran again")

    monkeypatch.setattr(entities, "mentions_in_article", stage_ran_again)
    again = mention_table(seed_articles, cache=tmp_path)
    pd.testing.assert_frame_equal(first, again)
    with pytest.raises(AssertionError, match="ran again"):
        mention_table(seed_articles, cache=False)


def test_caption_mentions_of_a_mojibake_page_index_the_repaired_raw_text(seed_raw):
    broken = seed_raw.encode("utf-8").decode("cp1252", errors="replace")
    assert "â€" in broken  # the curly quotes of the seed, decoded the wrong way
    articles = analysis.load_articles(pd.DataFrame({"text": [broken]}), progress=False)
    mentions = mention_table(articles, cache=False)
    repaired = analysis.clean.repair_mojibake(broken)
    captions = mentions[mentions["role"] != "body"]
    assert len(captions) and all(repaired[s:e] == t for s, e, t in
                                 zip(captions["start"], captions["end"], captions["text"]))
    assert {"Kim Jong-Un", "Julie Bishop"} <= set(captions["entity"])


def test_caption_counts_change_only_the_people_in_captions(seed_mentions):
    effect = caption_effect(seed_mentions, labels=["PERSON"]).set_index("entity")
    assert effect.loc["Rex Tillerson", ["body", "with_captions"]].tolist() == [4, 5]
    assert effect.loc["Jim Mattis", ["body", "with_captions"]].tolist() == [1, 2]
    assert effect.loc["Kim Jong-Un", ["body", "with_captions"]].tolist() == [0, 2]
    assert effect.loc["Donald Trump", "added"] == 0
    body = entity_counts(seed_mentions, roles=("body",), labels=["PERSON"])
    assert dict(zip(body["entity"], body["mentions"])) == SEED_PEOPLE


def test_cooccurrence_counts_shared_sentences_once_per_pair(seed_mentions):
    pairs = cooccurrence(seed_mentions, unit="sentence", labels=["PERSON"])
    assert (pairs["entity_a"] < pairs["entity_b"]).all()
    as_dict = {(a, b): n for a, b, n in pairs[["entity_a", "entity_b", "units"]].values}
    # "launched by ... Trump and ... Xi Jinping", the tweet sentence, "Trump has told Xi"
    assert as_dict[("Donald Trump", "Xi Jinping")] == 3
    assert as_dict[("Jim Mattis", "Rex Tillerson")] == 1
    assert ("David Helvey", "Rex Tillerson") not in as_dict
    paragraphs = cooccurrence(seed_mentions, unit="paragraph", labels=["PERSON"])
    assert paragraphs["units"].sum() >= pairs["units"].sum() - 1
    with pytest.raises(ValueError):
        cooccurrence(seed_mentions, unit="page")


def test_alias_table_lists_every_form_of_one_entity(seed_mentions):
    aliases = alias_table(seed_mentions)
    us = aliases[aliases["entity"] == "United States"]
    assert set(us["alias"]) == {"U.S.", "US", "United States"}
    assert set(aliases.loc[aliases["entity"] == "Rex Tillerson", "alias"]) == {"Rex Tillerson",
                                                                             "Tillerson"}
    assert (aliases["n_aliases"] >= 1).all()


def test_per_article_and_per_label_counts(seed_mentions):
    from analysis.entities import article_entity_counts, label_counts

    per_article = article_entity_counts(seed_mentions)
    tillerson = per_article[per_article["entity"] == "Rex Tillerson"]
    assert dict(zip(tillerson["role"], tillerson["mentions"])) == {"body": 4, "caption": 1}
    assert per_article["mentions"].sum() == len(seed_mentions)
    labels = label_counts(seed_mentions).set_index(["label", "role"])
    assert labels.loc[("PERSON", "body"), "mentions"] == sum(SEED_PEOPLE.values())
    assert labels.loc[("PERSON", "body"), "entities"] == len(SEED_PEOPLE)


def test_corpus_resolution_joins_articles_and_spellings():
    mentions = pd.DataFrame({
        "article_id": ["a", "b", "b", "c"],
        "canonical": ["Rex Tillerson", "Tillerson", "Kim Jong Un", "Kim Jong-Un"],
        "label": ["PERSON"] * 4,
    })
    assert resolve_corpus_entities(mentions).tolist() == [
        "Rex Tillerson", "Rex Tillerson", "Kim Jong Un", "Kim Jong Un"]
