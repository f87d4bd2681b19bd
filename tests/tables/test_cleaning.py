"""The cleaning audit over a corpus, read from a "segments" stage table."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.clean import clean_article, clean_text
from analysis.tables.cleaning import cleaning_audit, role_composition


def segments_table(articles: pd.DataFrame) -> pd.DataFrame:
    """What the pipeline's "segments" stage gives: clean_article(raw_text).segments of each
    article (a duplicate article once), article_id first."""
    frames = []
    for article_id, raw in dict(zip(articles["article_id"], articles["raw_text"])).items():
        segments = clean_article(raw).segments
        segments.insert(0, "article_id", pd.Series([article_id] * len(segments), dtype=object))
        frames.append(segments)
    return pd.concat(frames, ignore_index=True)


def test_cleaning_audit_and_composition_over_a_corpus(seed_raw):
    articles = pd.DataFrame({"article_id": ["seed", "short", "seed"],
                             "raw_text": [seed_raw, "Advertisement\n\nTillerson said so.",
                                          seed_raw]})
    audit = cleaning_audit(segments_table(articles))
    assert list(audit.columns) == ["article_id", "segment", "start", "end", "text", "role", "rule"]
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


def test_cleaning_audit_only_reads_the_table(seed_raw, monkeypatch):
    import analysis.clean.article

    segments = segments_table(pd.DataFrame({"article_id": ["seed"], "raw_text": [seed_raw]}))
    before = segments.copy()

    def clean_again(raw):
        raise AssertionError("cleaned again although the segments were given")

    monkeypatch.setattr(analysis.clean.article, "clean_text", clean_again)
    audit = cleaning_audit(segments)
    pd.testing.assert_frame_equal(segments, before)  # the input is not changed
    assert audit["segment"].dtype == "int64"
    assert audit.dtypes.astype(str).tolist() == ["object", "int64", "int64", "int64", "object",
                                                 "object", "object"]


def test_cleaning_audit_of_an_empty_table():
    columns = {"article_id": object, "start": "int64", "end": "int64", "text": object,
               "role": object, "rule": object}
    empty = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})
    audit = cleaning_audit(empty)
    assert audit.empty
    assert list(audit.columns) == ["article_id", "segment", "start", "end", "text", "role", "rule"]


def test_segment_strips_keep_the_non_blank_segments_of_the_shown_articles():
    from analysis.tables.cleaning import segment_strips

    audit = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "segment": [0, 1, 2, 0],
                          "start": [0, 5, 7, 0], "end": [5, 7, 20, 9],
                          "text": ["Title", "\n\n", "Body text.", "Other"],
                          "role": ["headline", "blank", "body", "body"],
                          "rule": ["first_line_headline", "separator", "body", "body"]})
    strips = segment_strips(audit, ["a"])
    assert strips.values.tolist() == [["a", 0, 5, "headline", "first_line_headline"],
                                      ["a", 7, 20, "body", "body"]]


def test_removed_by_group_says_per_outlet_how_much_each_rule_set_aside(seed_raw):
    """Two outlets: one with the seed's captions and credits, one with an advert line only. Each
    group's shares are of its own raw text, so the outlets compare whatever their size."""
    from analysis.tables.cleaning import removed_by_group, removed_share_by_role

    articles = pd.DataFrame({"article_id": ["seed", "short"],
                             "raw_text": [seed_raw, "Advertisement\n\nTillerson said the talks went well."]})
    audit = cleaning_audit(segments_table(articles))
    groups = pd.Series({"seed": "The Post", "short": "Daily Wire"})
    removed = removed_by_group(audit, groups, ["The Post", "Daily Wire"])
    assert list(removed.columns) == ["group", "role", "rule", "segments", "articles", "chars", "share"]
    assert removed["group"].drop_duplicates().tolist() == ["The Post", "Daily Wire"]
    short = removed[removed["group"] == "Daily Wire"]
    assert short[["role", "segments", "chars"]].values.tolist() == [["boilerplate", 1, len("Advertisement")]]
    body = len("Tillerson said the talks went well.")
    assert short["share"].iloc[0] == round(len("Advertisement") / (len("Advertisement") + body), 4)
    post = removed[removed["group"] == "The Post"]
    assert {"caption", "credit"} <= set(post["role"]) and "body" not in set(removed["role"])
    shares = removed_share_by_role(removed, ["The Post", "Daily Wire"])
    assert list(shares.index) == ["The Post", "Daily Wire"]
    assert shares.loc["Daily Wire", "boilerplate"] == short["share"].iloc[0]
    assert shares.loc["Daily Wire"].drop("boilerplate").eq(0).all()
