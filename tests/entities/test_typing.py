"""Typing of the candidates no list typed: the backoff chains of named rules, and what they give
on real sentences."""
from __future__ import annotations

from analysis.entities import extract_entities, wordnet_names
from analysis.entities import typing as entity_typing
from analysis.entities.candidates import Piece
from analysis.entities.lexicon import lexicon
from analysis.text import Document


def mentions_of(text: str) -> list[tuple[str, str, str]]:
    return [tuple(row) for row in extract_entities(text)[["text", "label", "canonical"]].values]


def view_of(text: str, first: int, last: int) -> entity_typing.PieceView:
    """The view of tokens first..last of the first sentence of `text`."""
    tokens = Document(text).sentences[0]
    start, end = tokens[first].start, tokens[last - 1].end
    doc = entity_typing.DocumentEvidence((tokens,), text, lexicon())
    return entity_typing.PieceView(Piece(0, first, last, start, end, text[start:end]), doc)


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
        ("Trump", "PERSON", "Donald Trump")]


def test_wordnet_proper_names_are_typed():
    names = wordnet_names()
    assert names["dhaka"] == "GPE" and names["arafat"] == "PERSON"
    assert mentions_of("The talks moved to Dhaka, where Arafat waited.") == [
        ("Dhaka", "GPE", "Dhaka"), ("Arafat", "PERSON", "Yasser Arafat")]


def test_the_first_rule_with_a_label_wins():
    view = view_of("Smith said so.", 0, 1)
    never = lambda v: None  # noqa: E731
    assert entity_typing.first_label([never, lambda v: "GPE", lambda v: "PERSON"], view) == "GPE"
    assert entity_typing.first_label([never], view) is None


def test_each_context_rule_answers_only_for_its_own_case():
    assert entity_typing.before_a_say_verb(view_of("Caddell said so.", 0, 1)) == "PERSON"
    assert entity_typing.before_a_say_verb(view_of("Caddell left.", 0, 1)) is None
    assert entity_typing.dateline(view_of("LONDON (Reuters) - It rained.", 0, 1)) == "GPE"
    assert entity_typing.after_a_place_preposition(view_of("It rained in Zork today.", 3, 4)) == "GPE"
    assert entity_typing.short_capitals(view_of("The ZKQ said no.", 1, 2)) == "ORGANIZATION"
    assert entity_typing.title_case_words(view_of("Then Zork Blorf left.", 1, 3)) == "PERSON"


def test_context_rules_are_tried_in_the_documented_order():
    names = [rule.__name__ for rule in entity_typing.CONTEXT_RULES]
    assert names[:4] == ["dateline", "part_of_a_longer_name", "compass_and_place",
                         "wordnet_proper_name"]
    local = [rule.__name__ for rule in entity_typing.LOCAL_RULES]
    assert local.index("people_of_a_place") < local.index("known_first_name")  # "West Virginians"
    assert names[-4:] == ["title_case_words", "common_word_alone", "ordinary_words",
                          "lone_common_word"] and entity_typing.DEFAULT_LABEL == "ORGANIZATION"


def test_names_in_a_list_vote_for_their_type():
    found = {r.text: r.label for r in extract_entities(
        "Below 2 percent: Cory Booker, Amy Klobuchar, Tulsi Gabbard, Julian Castro and Kirsten "
        "Gillibrand.").itertuples()}
    assert found["Tulsi Gabbard"] == found["Cory Booker"] == "PERSON"


def test_kin_words_possessives_and_a_capital_the():  # person_before.txt
    found = {r.text: r.label for r in extract_entities(
        "He is married to the president's daughter Ivanka, who overhauled his Cabinet after a "
        "source spoke to The Hill on Monday.").itertuples()}
    assert found["Ivanka"] == "PERSON" and found["Hill"] == "ORGANIZATION"
    assert "Cabinet" not in found


def test_ordinary_words_in_capitals_name_nothing_but_bodies_do():
    found = {r.text: r.label for r in extract_entities(
        "After the Vice Presidential Debate, the Executive Branch wrote to the Ministry of "
        "Defence and Special Report noted it.").itertuples()}
    assert found == {"Vice Presidential Debate": "EVENT",  # rules/entities/event_cues.txt
                     "Ministry of Defence": "ORGANIZATION"}


def test_adjectives_of_places_are_norp_not_names():
    found = {r.text: r.label for r in extract_entities(
        "A Texan mayor spoke in Dallas. Black politicians in Virginia called it disgusting. "
        "Authorities warned residents.").itertuples()}
    assert found["Texan"] == "NORP" and "Black" not in found and "Authorities" not in found


def test_compass_regions_mocking_case_and_party_shorthand():  # groups.txt
    found = {r.text: r.label for r in extract_entities(
        "Funds went to North Atlantic states and the growing North Virginia suburbs, while "
        "critics wrote “ThAt’S tEchNiCaLly FrOm 2017!” and my GOP & Dem colleagues "
        "agreed. Betsy DeVos met Don McGahn.").itertuples()}
    assert found["North Atlantic"] == found["North Virginia"] == "LOCATION"
    assert found["Dem"] == "NORP" and "FrOm" not in found
    assert found["Betsy DeVos"] == found["Don McGahn"] == "PERSON"


def test_buildings_are_facilities_not_people():  # facility_cues.txt
    found = {r.text: r.label for r in extract_entities(
        "Officials removed the flag from the State Capitol grounds and took it to the "
        "Confederate War Memorial.").itertuples()}
    assert found == {"State Capitol": "FACILITY", "Confederate War Memorial": "FACILITY"}


def _labels(text: str) -> dict[str, str]:
    return {r.text: r.label for r in extract_entities(text).itertuples()}


def test_a_name_after_lowercase_the_is_no_person():
    # "Zeitblatt reveals" alone would be a person; "told the Zeitblatt" names a publication
    found = _labels("Sources have told the Zeitblatt that the phone was hacked. Zeitblatt "
                    "reveals the phone was hacked, and the Vorblatt said nothing.")
    assert found["Zeitblatt"] == "ORGANIZATION" and found["Vorblatt"] == "ORGANIZATION"
    assert _labels("Sources have told the Guardian so.")["Guardian"] == "ORGANIZATION"  # listed
    assert "Marine" not in _labels("It was Brezler, the Marine who sought to prevent them.")
    view = view_of("He met the Clintons and the Trump administration.", 3, 4)
    assert entity_typing.after_lowercase_the(view) is None  # a family
    assert entity_typing.after_lowercase_the(view_of("He met the Trump administration.", 3, 4)) is None


def test_words_before_numbers_and_inside_of_names_are_no_names():
    found = _labels("On Day 12 she visited Section 60 and drove on Interstate 95. A World War II "
                    "veteran and Medal of Honor recipient spoke for the Gang of Eight.")
    assert not {"Day", "Section", "Interstate", "Medal", "Honor", "Gang", "Eight"} & set(found)
    found = _labels("The Yankees beat the Angels 6-2 in Anaheim.")
    assert "Angels" in found  # a score, not a reference


def test_a_body_before_a_say_verb_is_no_person():
    found = _labels("Law Professor David Levine of UC Hastings College of Law said he agreed.")
    assert found["David Levine"] == "PERSON"
    assert found["UC Hastings College of Law"] == "ORGANIZATION"


def test_people_of_a_place_are_no_person():
    found = _labels("I'll tell you as West Virginians, I can't help you anymore.")
    assert found.get("West Virginians") == "NORP"


def test_special_counsel_is_a_title():
    rows = extract_entities("Special Counsel Robert Mueller has impaneled a grand jury.")
    assert list(rows["text"]) == ["Robert Mueller"] and list(rows["label"]) == ["PERSON"]


def test_ordinary_words_suffixes_doctrines_and_postal_codes_are_no_names():
    found = _labels("A decorated Marine officer spoke. Nazism and Communism failed. Senate Leader "
                    "Herman Baertschiger, Jr. explained. They showed official ID, and Nazi "
                    "references are OK here.")
    assert found["Herman Baertschiger"] == "PERSON" and found["Nazi"] == "NORP"
    assert not {"Marine", "Nazism", "Communism", "Jr.", "ID", "OK"} & set(found)
    assert _labels("The Mets beat the Cubs in Chicago.").get("Mets") == "ORGANIZATION"  # teams


def test_a_plural_opening_a_sentence_before_a_say_verb_is_no_person():
    assert "Residents" not in _labels("Residents said anti-aircraft guns opened fire.")
    assert _labels("Trump said on Friday that the deal was done.")["Trump"] == "PERSON"


def test_military_ranks_and_plural_titles_are_not_part_of_the_name():
    found = _labels("Staff Sergeant Scott Dickinson and Lance Corporal Gregory Buckley died. The "
                    "former friend of Presidents Bill Clinton and Donald Trump left.")
    assert {"Scott Dickinson", "Gregory Buckley", "Bill Clinton", "Donald Trump"} <= set(found)


def test_an_ordinary_word_dropped_alone_is_kept_where_another_mention_names_it():
    found = extract_entities("Trump said the talks went well. An aide to Trump agreed, and a "
                             "decorated Marine officer left.")
    assert list(found[found["text"] == "Trump"]["label"]) == ["PERSON", "PERSON"]
    assert "Marine" not in set(found["text"])


def test_sites_compass_first_names_and_month_surnames():
    found = _labels("Theresa May has left London. Greg McBride of Bankrate.com said so. A West "
                    "Point graduate spoke, with the Washington Examiner reporting it.")
    assert found["Theresa May"] == "PERSON" and found["Bankrate.com"] == "ORGANIZATION"
    assert found.get("West Point") != "PERSON"
    assert found["Washington Examiner"] == "ORGANIZATION"
    assert "May" not in _labels("In May the talks resumed.")


def test_an_ordinary_word_whose_people_are_named_after_it_is_kept():
    found = _labels("The Intercept's Glenn Greenwald weighed in. The U.S. Attorney's Office agreed.")
    assert found["Intercept"] == "ORGANIZATION" and "Attorney" not in found


def test_surname_prefixes_and_storms():
    found = _labels("Lawyers for McGahn declined. After Hurricane Sandy hit, O’Rourke spoke.")
    assert found["McGahn"] == found["O’Rourke"] == "PERSON"
    assert found["Hurricane Sandy"] == "EVENT"


def test_families_generic_heads_and_places_after_prepositions():
    found = _labels("Bill Clinton left, and the Clintons stayed. The Court agreed. John Barrow, a "
                    "Democrat from Georgia, said so, as did rivals in Charlotte.")
    assert "Clintons" not in found and "Court" not in found
    assert found["Georgia"] == found["Charlotte"] == "GPE"
    assert _labels("Julie Smith and Julie spoke.").get("Julie") == "PERSON"


def test_a_possessive_before_a_word_for_a_persons_things():
    assert _labels("It followed Obama’s election in 2008.")["Obama"] == "PERSON"


def test_public_figures_named_by_surname_alone_are_people():  # public_figures.tsv
    assert mentions_of("Obama signed the bill on Tuesday. Critics said the law would hurt jobs.") \
        == [("Obama", "PERSON", "Barack Obama")]
    assert mentions_of("Merkel and Macron met in Berlin.") == [
        ("Merkel", "PERSON", "Angela Merkel"), ("Macron", "PERSON", "Emmanuel Macron"),
        ("Berlin", "GPE", "Berlin")]
    # also an English word, opening the sentence: still the person
    assert mentions_of("Trump tweeted on Sunday that the deal was dead.") == [
        ("Trump", "PERSON", "Donald Trump")]
    assert mentions_of("Officials said Pence would attend.") == [("Pence", "PERSON", "Mike Pence")]


def test_a_listed_name_that_is_an_ordinary_word_needs_evidence_when_it_opens_a_sentence():
    # capitalised by position only: no figure (Jeff Sessions, Bill Gates, Elon Musk)
    assert mentions_of("Sessions at the conference were packed on Monday.") == []
    assert mentions_of("Gates open at noon for the concert.") == []
    assert mentions_of("Musk oxen roam the tundra.") == []
    # a say-verb after it, or the word capitalised inside another sentence, is evidence
    assert mentions_of("Sessions said the memo was accurate.") == [
        ("Sessions", "PERSON", "Jeff Sessions")]
    assert [m[2] for m in mentions_of("Trump, he said, was wrong. Aides to Trump disagreed.")] == [
        "Donald Trump", "Donald Trump"]


def test_an_unlisted_word_acts_like_a_person_before_tweeted():  # say_verbs.txt
    assert entity_typing.before_a_say_verb(view_of("Later Grumbles tweeted a reply.", 1, 2)) \
        == "PERSON"
    assert entity_typing.listed_public_figure(view_of("Later Grumbles tweeted a reply.", 1, 2)) \
        is None


def test_the_west_is_a_region_not_a_person():
    assert mentions_of("Putin warned the West on Friday.") == [
        ("Putin", "PERSON", "Vladimir Putin"), ("West", "LOCATION", "West")]
    assert [m[1] for m in mentions_of("Ties between the East and the West worsened.")] == [
        "LOCATION", "LOCATION"]
    assert mentions_of("Adam West performed.") == [("Adam West", "PERSON", "Adam West")]


def test_a_listed_name_on_a_results_line_or_a_numeral_is_no_person():
    text = "Queens Park Rangers v Bolton\nTranmere 4 2 1 1 6 4 7\nBolton 3 2 1 0 5 2 7\n"
    assert {label for name, label, _ in mentions_of(text) if name == "Bolton"} == {"ORGANIZATION"}
    assert "XI" not in {m[0] for m in mentions_of("May 15 v Duke of Norfolk 's XI ( at Arundel )")}
    assert mentions_of("They were dressed up like Nanook of the North at the party.")[-1][0] != "North"
