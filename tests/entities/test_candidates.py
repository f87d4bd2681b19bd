"""Candidate names: capitalised runs, cut at titles and known places, typed by lists and cues.
Examples are sentences of the seed article unless said otherwise."""
from __future__ import annotations

from analysis.entities import binary_ne_flags, extract_entities
from analysis.entities.candidates import Sentence, is_sentence_caps, run_boundaries
from analysis.entities.lexicon import lexicon
from analysis.text import Document


def mentions_of(text: str) -> list[tuple[str, str, str]]:
    return [tuple(row) for row in extract_entities(text)[["text", "label", "canonical"]].values]


def test_titles_are_cut_off_and_mark_a_person():  # rules/names/titles.txt + entities/titles.txt
    text = ("In the first round, Tillerson and Defense Secretary Jim Mattis are hosting State "
            "Councilor Yang Jiechi and Gen. Fang Fenghui.")
    assert mentions_of(text) == [
        ("Tillerson", "PERSON", "Rex Tillerson"),  # no full name here: the listed figure
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


def test_organisation_cues_make_organisations():  # rules/entities/org_cues.txt
    text = ("Gen. Fang Fenghui, chief of the Joint Staff Department of the People’s Liberation "
            "Army, read the Korean Central News Agency report.")
    found = mentions_of(text)
    assert ("Joint Staff Department", "ORGANIZATION", "Joint Staff Department") in found
    assert ("Korean Central News Agency", "ORGANIZATION", "Korean Central News Agency") in found


def test_possessive_stays_inside_peoples_but_ends_a_country():  # entities/possessive_joiners.txt
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


def test_acronyms_match_only_in_capitals():  # rules/entities/organizations.tsv
    assert mentions_of("The PLA is China’s army.")[0] == ("PLA", "ORGANIZATION",
                                                          "People's Liberation Army")
    found = mentions_of("Kim Jong-Un watched the launch.")  # "Un" is not the UN
    assert found == [("Kim Jong-Un", "PERSON", "Kim Jong-Un")]


def test_facilities_and_events():  # rules/entities/facility_cues.txt, entities/event_cues.txt
    text = ("They met at Government House in Sydney for the first round of the U.S.-China "
            "Diplomatic and Security Dialogue.")
    found = mentions_of(text)
    assert ("Government House", "FACILITY", "Government House") in found
    assert ("Sydney", "GPE", "Sydney") in found
    assert ("Diplomatic and Security Dialogue", "EVENT", "Diplomatic and Security Dialogue") in found


def test_days_and_sentence_openers_are_not_names():  # rules/entities/not_names.txt
    text = ("Specifically, Washington and Beijing will meet Wednesday. Signaling frustration, "
            "Trump wrote in a tweet Tuesday.")
    assert [m[0] for m in mentions_of(text)] == ["Washington", "Beijing", "Trump"]


def test_organisation_heads_take_of_into_the_name():  # rules/entities/org_heads.txt
    text = "Figures were published by the Ministry of Defence and the Bank of England."
    assert mentions_of(text) == [("Ministry of Defence", "ORGANIZATION", "Ministry of Defence"),
                                 ("Bank of England", "ORGANIZATION", "Bank of England")]


def test_initials_and_name_particles_stay_in_the_name():
    assert mentions_of("A. Symonds and Edwin van der Sar scored.") == [
        ("A. Symonds", "PERSON", "A. Symonds"),
        ("Edwin van der Sar", "PERSON", "Edwin van der Sar")]


def test_binary_chunker_decides_unknown_sentence_openers():
    tokens = Document("Kazakhstan said it would wait.").sentences[0]
    flags = binary_ne_flags(tokens)
    assert len(flags) == len(tokens) and flags[0] is True and not any(flags[1:])


def test_runs_join_of_after_an_organisation_head_and_end_at_lower_case_words():
    text = "He left the Bank of England when Rex Tillerson met Xi."
    sentence = Sentence.of(0, Document(text).sentences[0], text)
    runs = [" ".join(t.text for t in sentence.tokens[i:j])
            for i, j in run_boundaries(sentence, lexicon(), None)]
    assert runs == ["Bank of England", "Rex Tillerson", "Xi"]


def test_all_capitals_lines_are_told_apart():
    assert is_sentence_caps(Document("TILLERSON MEETS XI IN BEIJING").sentences[0])
    assert not is_sentence_caps(Document("Tillerson meets Xi in BEIJING").sentences[0])


def test_party_state_tags_name_the_state():  # rules/entities/us_states.tsv
    from analysis import extract_entities

    rows = extract_entities("Sen. Rand Paul (R-Ky.) and Rep. Jerrold Nadler (D-N.Y.) met in Ocala, "
                            "Fla. on Monday.")
    found = {(r.text, r.label, r.canonical) for r in rows.itertuples()}
    assert ("Ky", "GPE", "Kentucky") in found and ("N.Y", "GPE", "New York") in found
    assert ("Ocala", "GPE", "Ocala") in found
    assert not any(label == "ORGANIZATION" for _, label, _ in found)


def test_laws_groups_and_title_case_lines_are_not_people():  # programmes.txt, groups.txt
    from analysis import extract_entities

    rows = extract_entities("Churches Emerge as Major Source of Coronavirus Cases\n"
                            "House Republicans said Obamacare and Medicaid cost too much, "
                            "Virginians heard on the show \"Special Report\" from the Obama-era "
                            "officials.")
    labels = {r.text: r.label for r in rows.itertuples()}
    assert labels["Obamacare"] == labels["Medicaid"] == "MISC"
    assert labels["Republicans"] == "NORP" and labels["House"] == "ORGANIZATION"
    assert labels["Obama"] == "PERSON"
    assert not {"Churches Emerge", "Major Source", "Special Report"} & set(labels)
    assert "PERSON" not in {labels.get("Virginians"), labels.get("Coronavirus Cases")}


def labels_in(text: str) -> dict[str, tuple[str, str]]:
    return {r.text: (r.label, r.canonical) for r in extract_entities(text).itertuples()}


def test_a_known_name_with_lower_case_words_is_one_mention():  # organizations.tsv
    found = labels_in("The Centers for Disease Control and Prevention said Thursday that the "
                      "count had doubled.")
    assert found == {"Centers for Disease Control and Prevention": (
        "ORGANIZATION", "Centers for Disease Control and Prevention")}


def test_a_title_after_a_place_or_body_ends_the_name():  # titles.txt
    found = labels_in("Texas Gov. Greg Abbott and White House Chief of Staff John Kelly met "
                      "Wacky Congresswoman Wilson and a Democratic Governor.")
    assert found["Greg Abbott"][0] == found["John Kelly"][0] == found["Wilson"][0] == "PERSON"
    assert found["White House"][0] == "ORGANIZATION" and found["Texas"][0] == "GPE"
    assert not {"Gov", "White House Chief", "Staff John Kelly", "Wacky", "Governor"} & set(found)


def test_the_object_of_a_title_is_not_part_of_the_name():
    found = labels_in("“No money,” Justice Department Director of Public Affairs Sarah Isgur "
                      "Flores said, and Speaker of the House John Boehner agreed.")
    assert found["Sarah Isgur Flores"][0] == found["John Boehner"][0] == "PERSON"
    assert found["Justice Department"] == ("ORGANIZATION", "United States Department of Justice")
    assert found["House"] == ("ORGANIZATION", "United States House of Representatives")


def test_plural_titles_and_former_are_cut_off():  # titles.txt, not_names.txt
    found = labels_in("Former Secret Service Agent Dan Bongino praised Supreme Court Justices "
                      "Neil Gorsuch and Brett Kavanaugh on Friday.")
    assert found["Dan Bongino"][0] == found["Neil Gorsuch"][0] == "PERSON"
    assert found["Secret Service"][0] == found["Supreme Court"][0] == "ORGANIZATION"


def test_state_abbreviations_at_a_sentence_end_and_postal_codes():  # us_states.tsv
    found = labels_in("The lab is in Rockville, MD, near the border. He grew up in Alexandria, "
                      "Va. He later moved.")
    assert found["MD"] == ("GPE", "Maryland") and found["Va"] == ("GPE", "Virginia")


def test_quoted_titles_of_works_name_nobody():
    found = labels_in("She wrote books like “A Return to Love,” “The Law of Divine Compensation” "
                      "and appeared on the cover of Rolling Stone under the headline “Why Can’t "
                      "He Be Our President?”")
    assert not {"Return", "Love", "Law", "Divine Compensation", "Be Our President", "Ca"} & set(
        found)


def test_a_quoted_name_in_ordinary_speech_is_kept():
    found = labels_in('Ms. Lopez told reporters that "Mr. Trump never called," before leaving.')
    assert found["Trump"][0] == "PERSON"


def test_counties_are_places_and_washington_is_the_capital():  # gpe_cues.txt, gpe.tsv
    found = labels_in("He was taken from Sonoma County to Washington for tests, and later to "
                      "Seattle, Washington, and Washington state.")
    assert found["Sonoma County"][0] == "GPE"
    canonicals = [r.canonical for r in extract_entities(
        "He flew to Washington on Monday.").itertuples()]
    assert canonicals == ["Washington, D.C."]
    state = [r.canonical for r in extract_entities(
        "He grew up in Washington state.").itertuples()]
    assert state == ["Washington"]


def test_groups_after_ordinary_words_and_named_days():  # groups.txt, events.txt
    found = labels_in("Trudeau will rely on the New Democrats after Election Day, and Mark Cuban "
                      "agreed.")
    assert "New" not in found and found["Democrats"][0] == "NORP"
    assert found["Election Day"][0] == "EVENT" and found["Mark Cuban"][0] == "PERSON"


def test_committees_on_a_subject_are_one_name():
    found = labels_in("China controls supply chains, the Senate Committee on Small Business and "
                      "Entrepreneurship was told Thursday.")
    assert found["Senate Committee on Small Business and Entrepreneurship"] == (
        "ORGANIZATION", "Senate Committee on Small Business and Entrepreneurship")
    assert set(found) == {"China", "Senate Committee on Small Business and Entrepreneurship"}


def test_a_number_sign_is_no_name():
    assert "No." not in set(extract_entities("He is the No. 2 Democrat in the Senate.")["text"])


def test_a_listed_figure_after_anti_or_pro_is_a_mention():  # rules/entities/modifier_prefixes.txt
    text = ("The bid would split the anti-Trump vote, said the pro-Romney group. Anti-Semitic acts "
            "and pre-Columbian art were not discussed.")
    assert mentions_of(text) == [("Trump", "PERSON", "Donald Trump"),
                                 ("Romney", "PERSON", "Mitt Romney")]


def test_a_sub_head_names_listed_figures_but_a_quoted_title_does_not():  # pieces.py
    text = ("With Trump, the Benefit of the Doubt Is Gone\n"
            "The story was titled “How Trumpism Outlasts Trump.” Obama agreed.")
    assert mentions_of(text) == [("Trump", "PERSON", "Donald Trump"),
                                 ("Obama", "PERSON", "Barack Obama")]
