"""Cleaning: lossless segments, each rule on real scraped lines, idempotence."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.clean import MAX_REMOVED_SHARE, ROLES, clean_text, pattern_rules, rule_registry


def roles_of(raw: str) -> list[tuple[str, str, str]]:
    segments = clean_text(raw).segments
    kept = segments[segments["role"] != "blank"]
    return list(zip(kept["text"], kept["role"], kept["rule"]))


# ---- the seed article -------------------------------------------------------------------------

def test_seed_segments_reconstruct_raw(seed_raw):
    result = clean_text(seed_raw)
    assert "".join(result.segments["text"]) == seed_raw
    for row in result.segments.itertuples():
        assert seed_raw[row.start:row.end] == row.text


def test_seed_noise_is_removed_and_story_kept(seed_raw):
    result = clean_text(seed_raw)
    body = result.text
    for noise in ["kim jong un north korea", "north korea kim jong un", "(STR/AFP/Getty Images)",
                  "(Mark Metcalfe/AFP/Getty Images)", "gettyimages", "Listen Live", "Copyright",
                  "A photo released from North Korea", "This picture taken on May 14",
                  "Australian Foreign Minister Julie Bishop"]:
        assert noise not in body, noise
    assert body.startswith("The United States and China started an inaugural high-level security")
    assert body.endswith("according to U.S. officials.")
    assert "“The most urgent and dangerous threat" in body
    assert body.count("\n\n") == 12  # 13 body paragraphs
    assert result.flags == ()


def test_seed_headline_recovered_from_fused_image_id(seed_raw):
    result = clean_text(seed_raw)
    assert result.headline == ("The U.S. and China are meeting (again) to figure out how to deal "
                               "with North Korea")
    image_id = result.segments[result.segments["rule"] == "image_id"]
    assert image_id["text"].tolist() == ["gettyimages 692347866 "]


def test_seed_roles_by_rule(seed_raw):
    segments = clean_text(seed_raw).segments
    counts = segments[segments["role"] != "blank"].groupby("rule").size().to_dict()
    assert counts == {
        "body": 13, "tag_line": 2, "caption_opener": 1, "caption_before_credit": 1,
        "caption_with_credit": 1, "photo_credit_line": 2, "inline_photo_credit": 1,
        "image_id": 1, "fused_headline": 1, "copyright_line": 1, "listen_live": 1,
    }


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


def test_article_that_would_lose_most_of_its_text_is_flagged():
    raw = "\n\n".join(["Advertisement", "Read more: " + "sanctions news " * 12, "One short body line."])
    result = clean_text(raw)
    assert result.flags and "removed" in result.flags[0]
    assert result.text == "One short body line."
    assert MAX_REMOVED_SHARE == 0.5


def test_registry_lists_every_rule_that_can_fire(seed_raw):
    registry = rule_registry()
    assert set(registry["role"]) <= set(ROLES)
    fired = set(clean_text(seed_raw).segments["rule"])
    assert fired <= set(registry["rule"])


def test_non_string_input_is_a_clear_error():
    with pytest.raises(TypeError, match="expects a str"):
        clean_text(b"bytes")  # type: ignore[arg-type]


# ---- properties ------------------------------------------------------------------------------

news_like = st.lists(
    st.one_of(
        st.text(min_size=0, max_size=80),
        st.sampled_from([r.example for r in pattern_rules()] + [
            "kim jong un north korea", "gettyimages 692347866 The U.S. and China are meeting",
            "(STR/AFP/Getty Images)", "Tillerson said last week.", "“Quote,” Helvey said.",
            "SEOUL (Reuters) - North Korea fired.", "", "  ", "\t", "WASHINGTON — A B."]),
    ),
    max_size=8,
).flatmap(lambda parts: st.sampled_from(["\n", "\n\n", " ", "\r\n", "\n \n"]).map(lambda sep: sep.join(parts)))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), news_like))
def test_cleaning_never_raises_and_segments_reconstruct_input(raw):
    result = clean_text(raw)
    segments = result.segments
    assert "".join(segments["text"]) == raw
    assert (segments["start"].iloc[1:].to_numpy() == segments["end"].iloc[:-1].to_numpy()).all()
    assert set(segments["role"]) <= set(ROLES)
    assert (segments["end"] > segments["start"]).all()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), news_like))
@example("GETTYIMAGES0000000000 A000000000000\n0")  # a cut prefix must not change how lines wrap
@example("SEOUL (Reuters) - Read more: stuff")
def test_cleaning_clean_text_changes_nothing(raw):
    once = clean_text(raw).text
    twice = clean_text(once)
    assert twice.text == once


def test_cleaning_audit_and_composition_over_a_corpus(seed_raw):
    import pandas as pd

    from analysis.clean import cleaning_audit, role_composition

    articles = pd.DataFrame({"article_id": ["seed", "short", "seed"],
                             "raw_text": [seed_raw, "Advertisement\n\nTillerson said so.",
                                          seed_raw]})
    audit = cleaning_audit(articles, cache=False)
    assert audit.groupby("article_id").size().to_dict() == {  # the duplicate counts once
        "seed": len(clean_text(seed_raw).segments), "short": 3}  # boilerplate, blank, body
    for article_id, raw in zip(articles["article_id"], articles["raw_text"]):
        rows = audit[audit["article_id"] == article_id]
        assert "".join(rows["text"]) == raw
        assert rows["segment"].tolist() == list(range(len(rows)))
    composition = role_composition(audit[audit["article_id"] == "seed"])
    assert composition["role"].iloc[0] == "body"
    assert composition["share"].sum() == pytest.approx(1.0, abs=1e-3)
    assert set(composition["role"]) == {"body", "caption", "credit", "tag_line", "boilerplate", "headline"}
    assert "blank" not in set(composition["role"])


def test_cleaning_audit_is_read_from_the_cache_the_second_time(seed_raw, tmp_path, monkeypatch):
    import pandas as pd

    import analysis.clean
    from analysis.clean import cleaning_audit

    articles = pd.DataFrame({"article_id": ["seed"], "raw_text": [seed_raw]})
    first = cleaning_audit(articles, cache=tmp_path)

    def clean_again(raw):
        raise AssertionError("cleaned again although the audit is cached")

    monkeypatch.setattr(analysis.clean, "clean_text", clean_again)
    pd.testing.assert_frame_equal(cleaning_audit(articles, cache=tmp_path), first)
    with pytest.raises(AssertionError, match="cleaned again"):
        cleaning_audit(articles, cache=False)
