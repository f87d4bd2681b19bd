"""Cleaning rules: each data rule on its own example, real scraped lines, the rule registry."""
from __future__ import annotations

import pytest

from analysis.clean import ROLES, clean_text, pattern_rules, rule_registry


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
