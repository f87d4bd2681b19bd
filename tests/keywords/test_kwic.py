"""Keyword in context, with exact offsets."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.keywords.kwic import concordance


def test_concordance_of_sanctions_in_the_seed(seed_body):
    frame = concordance(seed_body, "sanctions", width=30, article_ids=["seed"])
    assert list(frame.columns) == ["doc", "article_id", "left", "keyword", "right", "start", "end"]
    assert len(frame) == 3 and set(frame["article_id"]) == {"seed"}
    assert frame.iloc[0]["left"].endswith("China to tighten ")
    assert frame.iloc[0]["right"].startswith(" on North Korea")
    assert all(seed_body[s:e] == "sanctions" for s, e in zip(frame["start"], frame["end"]))


def test_concordance_matches_whole_tokens_and_phrases(s_tests):
    text = "Sanctions on North Korea; sanctioned firms. North  Korea’s nuclear tests."
    assert concordance(text, "sanction").empty
    phrase = concordance([text, s_tests], "north korea")
    assert phrase["doc"].tolist() == [0, 0, 1]
    assert phrase["keyword"].tolist()[1] == "North  Korea"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["sanctions", "Sanctions", "on", "North", "Korea", ",", "’s",
                                 "nuclear", "\n\n", "tests."]), max_size=25))
def test_concordance_offsets_are_exact(words):
    text = " ".join(words)
    for keyword in ("sanctions", "north korea"):
        frame = concordance(text, keyword, width=10)
        for _, row in frame.iterrows():
            assert text[row["start"]:row["end"]] == row["keyword"]
            assert row["keyword"].lower().split() == keyword.split()
            assert "\n" not in row["left"] + row["right"]
