"""Cleaning an article: lossless segments, the seed article, idempotence, and clean_article
(mojibake repair first, offsets into the repaired text)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.clean import (
    MAX_REMOVED_SHARE,
    ROLES,
    CleanResult,
    clean_article,
    clean_text,
    extract_credits,
    pattern_rules,
    repair_mojibake,
    segment_spans,
)


def as_browser_mojibake(text: str) -> str:
    """`text` as a browser shows its UTF-8 bytes read as cp1252 (undefined bytes as latin-1)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


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


def test_segment_spans_are_the_segments_of_clean_text(seed_raw):
    segments = clean_text(seed_raw).segments
    assert segment_spans(seed_raw) == list(zip(segments["start"], segments["end"],
                                               segments["role"], segments["rule"]))


def test_article_that_would_lose_most_of_its_text_is_flagged():
    raw = "\n\n".join(["Advertisement", "Read more: " + "sanctions news " * 12, "One short body line."])
    result = clean_text(raw)
    assert result.flags and "removed" in result.flags[0]
    assert result.text == "One short body line."
    assert MAX_REMOVED_SHARE == 0.5


def test_non_string_input_is_a_clear_error():
    with pytest.raises(TypeError, match="expects a str"):
        clean_text(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects a str"):
        clean_article(None)  # type: ignore[arg-type]


# ---- clean_article: repair, then clean ---------------------------------------------------------

def test_clean_article_of_clean_text_is_clean_text(seed_raw):
    article, plain = clean_article(seed_raw), clean_text(seed_raw)
    assert (article.text, article.headline, article.flags) == (plain.text, plain.headline, plain.flags)
    pd.testing.assert_frame_equal(article.segments, plain.segments)
    assert article.source_text == plain.source_text == seed_raw
    assert not article.mojibake_repaired and not plain.mojibake_repaired


def test_clean_article_of_a_mojibake_page_indexes_the_repaired_text(seed_raw):
    broken = as_browser_mojibake(seed_raw)
    assert "â€" in broken and repair_mojibake(broken) == seed_raw
    result = clean_article(broken)
    assert result.mojibake_repaired
    assert result.source_text == seed_raw
    assert "".join(result.segments["text"]) == result.source_text
    assert result.text == clean_text(seed_raw).text
    assert "“The most urgent and dangerous threat" in result.text


def test_credits_of_a_mojibake_page_agree_with_its_captions(seed_raw):
    broken = as_browser_mojibake(seed_raw)
    result = clean_article(broken)
    credits = extract_credits(broken)
    assert len(credits) == 11
    pd.testing.assert_frame_equal(credits, extract_credits(seed_raw))
    segments = result.segments
    for row in credits.itertuples():
        assert result.source_text[row.start:row.end] == row.text
        holder = segments[(segments["start"] <= row.start) & (segments["end"] >= row.end)]
        assert holder["text"].tolist() == [row.credit]  # the same string the segments cover


def test_clean_result_built_without_the_new_fields_still_works():
    segments = clean_text("Tillerson said so.\n\nAdvertisement").segments
    result = CleanResult(text="Tillerson said so.", headline=None, segments=segments)
    assert result.source_text == "Tillerson said so.\n\nAdvertisement"
    assert result.mojibake_repaired is False
    assert result.flags == ()
    assert result.removed["text"].tolist() == ["Advertisement"]


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


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), news_like, news_like.map(as_browser_mojibake)))
@example(as_browser_mojibake("North Korea’s KCNA said “no” to the café."))
def test_clean_article_segments_reconstruct_the_repaired_text(raw):
    result = clean_article(raw)
    assert result.source_text == repair_mojibake(raw)
    assert "".join(result.segments["text"]) == result.source_text
    assert result.mojibake_repaired == (result.source_text != raw)
