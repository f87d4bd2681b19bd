"""Cleaning rules: each data rule on its own example, real scraped lines, the rule registry."""
from __future__ import annotations

import pytest

from analysis.clean import ROLES, clean_text, pattern_rules, rule_registry
from analysis.clean.rules import find_inline_rule, inline_rules


def roles_of(raw: str) -> list[tuple[str, str, str]]:
    segments = clean_text(raw).segments
    kept = segments[segments["role"] != "blank"]
    return list(zip(kept["text"], kept["role"], kept["rule"]))


def test_caption_with_inline_credit_is_split(seed_raw):
    segments = clean_text(seed_raw).segments
    inline = segments[segments["rule"] == "inline_photo_credit"].iloc[0]
    caption = segments[segments["rule"] == "caption_with_credit"].iloc[0]
    assert inline["text"] == "(STR/AFP/Getty Images)"
    assert caption["text"].endswith("at an undisclosed location.")
    assert caption["end"] + 1 == inline["start"]


# ---- every data rule on its own real example ----------------------------------------------------

@pytest.mark.parametrize("rule", pattern_rules(), ids=lambda rule: rule.name)
def test_each_pattern_rule_removes_its_example(rule):
    assert rule.pattern.fullmatch(rule.example), f"{rule.name} does not match its own example"
    raw = f"The minister said the talks would continue next week.\n\n{rule.example}\n\nShe added that no date was set."
    found = [(text, role, name) for text, role, name in roles_of(raw) if text == rule.example]
    assert found and found[0][1] == rule.role, roles_of(raw)
    assert rule.example not in clean_text(raw).text


@pytest.mark.parametrize("line", [
    "Related to the sanctions, Beijing said it would comply.",
    "By the end of the day, officials had left the building.",
    "This picture of the economy is bleak, analysts say.",
    "Share prices fell 3 percent on Tuesday.",
    "Follow-up talks are planned for next month.",
    "NATO - the alliance said it would respond.",
    "Advertisement revenue fell sharply in the quarter, the company said.",
    "Follow the money, the prosecutor told the jury.",
    "Photo ID laws were passed in 2011 in several states.",
    "Polls show the views of most voters do not reflect the party's platform.",
    "With the vote delayed, lawmakers went home.",
    "Contact with the crew was lost at 3 p.m., officials said.",
    "The author receives no payment for the book, her publisher said.",
    "More than 200 people signed up for the newsletter, the group said.",
    "Image quality matters, the engineer said.",
    "Updated figures will be published next week.",
    "She worked at Time before joining the campaign.",
])
def test_real_sentences_that_resemble_noise_stay_in_the_body(line):
    raw = f"Officials met in Washington on Wednesday.\n\n{line}\n\nThe meeting ended without a statement."
    assert line in clean_text(raw).text


def test_noise_common_on_news_sites():
    raw = "\n\n".join([
        "By Tom Phillips and Justin McCurry",
        "SEOUL (Reuters) - North Korea fired a missile on Tuesday, officials said.",
        "Advertisement",
        "Share on Facebook",
        "Read more: China warns North Korea over missile tests",
        "While I greatly appreciate the efforts of President Xi & China to help with North Korea, it has not worked out. At least I know China tried!",
        "— Donald J. Trump (@realDonaldTrump) June 20, 2017",
        "The launch was the second this month. pic.twitter.com/aBc123xYz",
        "Japan protested the launch, Kyodo reported.",
        "Sign up for our daily newsletter to get the latest news in your inbox.",
    ])
    found = {text: (role, rule) for text, role, rule in roles_of(raw)}
    assert found["By Tom Phillips and Justin McCurry"] == ("byline", "byline")
    assert found["SEOUL (Reuters) - "] == ("dateline", "dateline")
    assert found["North Korea fired a missile on Tuesday, officials said."] == ("body", "body")
    assert found["Advertisement"][0] == "boilerplate"
    assert found["— Donald J. Trump (@realDonaldTrump) June 20, 2017"] == ("embed", "tweet_signature")
    assert found["While I greatly appreciate the efforts of President Xi & China to help with North Korea, it has not worked out. At least I know China tried!"] == ("embed", "tweet_text")
    assert found["The launch was the second this month. pic.twitter.com/aBc123xYz"] == ("embed", "tweet_link")
    assert clean_text(raw).text == ("North Korea fired a missile on Tuesday, officials said.\n\n"
                                    "Japan protested the launch, Kyodo reported.")


def test_caption_credit_and_dateline_in_one_paragraph():
    raw = ("Singer Michael Buble weds TV star Luisana Lopilato\n"
           "Canadian pop star Michael Buble kisses his bride after their civil wedding ceremony in "
           "Buenos Aires, Argentina, Thursday March 31, 2011. (AP Photo/Natacha Pisarenko) BUENOS "
           "AIRES, Argentina (AP) - Canadian pop star Michael Buble married Argentine TV actress "
           "Luisana Lopilato in a civil ceremony on Thursday.")
    result = clean_text(raw)
    assert result.headline == "Singer Michael Buble weds TV star Luisana Lopilato"
    assert result.text == ("Canadian pop star Michael Buble married Argentine TV actress Luisana "
                           "Lopilato in a civil ceremony on Thursday.")
    rules = [rule for _, _, rule in roles_of(raw)]
    assert rules == ["first_line_headline", "caption_with_credit", "inline_photo_credit",
                     "dateline", "body"]


def test_registry_lists_every_rule_that_can_fire(seed_raw):
    registry = rule_registry()
    assert set(registry["role"]) <= set(ROLES)
    fired = set(clean_text(seed_raw).segments["rule"])
    assert fired <= set(registry["rule"])


def test_registry_lists_each_rule_once_and_every_pattern_rule():
    registry = rule_registry()
    assert registry["rule"].is_unique
    assert list(registry.columns) == ["rule", "role", "decides_by", "example"]
    assert {rule.name for rule in pattern_rules()} <= set(registry["rule"])


# ---- furniture inside a paragraph ----------------------------------------------------------------

@pytest.mark.parametrize("rule", inline_rules(), ids=lambda rule: rule.name)
def test_each_inline_rule_cuts_its_span_from_its_example(rule):
    found = find_inline_rule(rule.example)
    assert found is not None and found[0].name == rule.name
    _, start, end = found
    raw = f"Officials met in Washington on Wednesday.\n\n{rule.example}"
    result = clean_text(raw)
    cut = rule.example[start:end]
    assert [row.text for row in result.segments.itertuples() if row.rule == rule.name] == [cut]
    assert cut not in result.text
    assert rule.example[:start].strip() in result.text  # the sentence around it stays


def test_related_links_run_is_cut_and_the_sentence_reads_on():
    raw = ("Senate Majority Leader Jane Roe Jane (Janie) Alice RoeSenate passes budget deal Roe: "
           "'We will not back down' Lawmakers clash over budget MORE (R-Ore.) made waves on Thursday "
           "by saying the vote would wait.\n\nThe vote was delayed.")
    assert clean_text(raw).text == ("Senate Majority Leader Jane Roe (R-Ore.) made waves on Thursday "
                                    "by saying the vote would wait.\n\nThe vote was delayed.")


def test_gallery_captions_leave_the_story_after_them():
    raw = ("Photos: Storm damage – A tree lies across a road in Austin on May 2. Hide Caption 1 of 2 "
           "Photos: Storm damage – Crews clear debris on May 3. Hide Caption 2 of 2\n\n"
           "The storm left 40,000 homes without power, officials said.")
    result = clean_text(raw)
    assert result.text == "The storm left 40,000 homes without power, officials said."
    assert "Hide Caption" not in result.text


def test_glued_paragraphs_are_split_in_the_text_only():
    raw = "The senator said it again.Declaring victory, she left the chamber. Mr.Smith stayed."
    result = clean_text(raw)
    assert result.text == ("The senator said it again.\n\nDeclaring victory, she left the chamber. "
                           "Mr.Smith stayed.")
    assert "".join(result.segments["text"]) == raw
    assert clean_text(result.text).text == result.text


# ---- page templates of news sites (made-up lines of each template) -------------------------------

@pytest.mark.parametrize("line, rule", [
    ("Image copyright Reuters Image caption Voters queued outside a polling station", "image_copyright_caption"),
    ("Media playback is unsupported on your device Media caption The minister spoke on Sunday", "image_copyright_caption"),
    ("Enlarge this image toggle caption Jane Roe/Getty Images Jane Roe/Getty Images", "toggle_caption"),
    ("Advertisement Continue reading the main story", "advertisement"),
    ("Story Continued Below", "advertisement"),
    ("SHARE THIS ARTICLE Share Tweet Post Email", "share_line"),
    ("Follow @janeroe on Twitter.", "follow_line"),
    ("Jane Roe and John Doe contributed to this report.", "wire_contribution"),
    ("⦁ John Doe contributed to this report.", "wire_contribution"),
    ("With Post wires", "contributing_line"),
    ("Write to Jane Roe at jane.roe@example.com", "author_contact"),
    ("Updated: 1:38 p.m.", "updated_line"),
    ("next Image 1 of 4", "gallery_counter"),
    ("Hide Caption 3 of 9", "gallery_counter"),
    ("[pullquote]", "shortcode"),
    ("5 hours ago", "relative_time"),
    ("Read: Why the budget vote matters", "related_label"),
    ("Newsletter Sign Up Continue reading the main story Please verify you're not a robot by clicking the box. Invalid email address.", "newsletter_prompt"),
    ("This article is republished from a university site under a Creative Commons license.", "republished_note"),
    ("USA TODAY", "outlet_line"),
    ("___", "decoration"),
])
def test_site_templates_are_furniture(line, rule):
    raw = f"Officials met in Washington on Wednesday.\n\n{line}\n\nThe meeting ended without a statement."
    found = {text: name for text, _, name in roles_of(raw)}
    assert found.get(line) == rule, roles_of(raw)
    assert line not in clean_text(raw).text


def test_caption_with_credit_then_highlights():
    raw = ("The senator speaks in Austin on May 2. (Photo: Jane Roe, AP) Story Highlights The budget "
           "deal cuts spending\n\nWASHINGTON — The Senate passed the budget on Friday.")
    result = clean_text(raw)
    assert result.text == "The Senate passed the budget on Friday."


def test_caption_bar_credit_then_headline_in_the_first_paragraph():
    raw = ("The senator speaks to reporters in the Capitol on Tuesday. | AP Photo Senate passes budget "
           "after all-night session\n\nThe Senate passed the budget on Friday after a long night, "
           "leaders said.")
    result = clean_text(raw)
    assert result.headline == "Senate passes budget after all-night session"
    assert result.text.startswith("The Senate passed the budget on Friday")


def test_caption_closed_by_a_slash_credit_without_brackets():
    raw = ("The senator speaks in the Capitol on Tuesday. Jane Roe/Getty Images\n\n"
           "The Senate passed the budget on Friday.")
    assert clean_text(raw).text == "The Senate passed the budget on Friday."


def test_a_long_story_paragraph_ending_in_a_bare_agency_name_stays_body():
    story = " ".join(["The minister said the talks would go on."] * 12) + " (Reuters)"
    assert story.split(" (Reuters)")[0] in clean_text(f"{story}\n\nMore talks are planned.").text


def test_a_long_wire_caption_closed_by_a_photo_credit_is_a_caption():
    caption = ("FILE - This May 2, 2019 file photo shows the senator in Austin. "
               + " ".join(["The senator said the budget would pass next week."] * 12)
               + " (AP Photo/Jane Roe, File)")
    assert clean_text(f"{caption}\n\nThe Senate passed the budget.").text == "The Senate passed the budget."
