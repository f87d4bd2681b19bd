"""The corpus overview, the preflight check and the per-group comparison tables."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.tables.attribution import named_vs_anonymous
from analysis.tables.corpus import (
    OTHER,
    CorpusError,
    anonymous_share_by_group,
    article_labels,
    check_corpus,
    corpus_overview,
    cues_by_group,
    default_group_by,
    entity_shares_by_group,
    group_labels,
    group_order,
    mentions_over_time,
    voice_by_group,
)


def articles_table(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {"article_id": [f"a{i}" for i in range(n)], "source": [f"news.csv:{i + 2}" for i in range(n)],
            "n_words": [100] * n, "is_duplicate": [False] * n}
    base.update(columns)
    return pd.DataFrame(base)


# --------------------------------------------------------------------------- preflight

def test_check_corpus_names_the_bad_path_or_column_in_one_line(tmp_path):
    table = tmp_path / "my corpus.jsonl"
    table.write_text(json.dumps({"source": "BBC", "date": "2013-02-21", "content_original": "Text."}) + "\n")
    assert "content_original" in check_corpus(table, "content_original", "outlet")
    with pytest.raises(CorpusError, match="no text column found") as error:  # as the loader says
        check_corpus(table, None, "month")
    assert "TEXT_COLUMN=..." in str(error.value)
    for corpus, column, group_by, expected in [
            (tmp_path / "nope.csv", None, None, "no such file"),
            (table, "content", None, "TEXT_COLUMN 'content' is not a column"),
            (table, "content_original", "bias", "GROUP_BY 'bias' is neither a column"),
    ]:
        with pytest.raises(CorpusError, match=expected) as error:
            check_corpus(corpus, column, group_by)
        assert "\n" not in str(error.value)


def test_check_corpus_on_folders_and_tables_without_dates(tmp_path):
    (tmp_path / "business").mkdir()
    (tmp_path / "business" / "001.txt").write_text("Shares rose.\n")
    assert "1 text file" in check_corpus(tmp_path, None, "folder")
    with pytest.raises(CorpusError, match="group them by 'folder'"):
        check_corpus(tmp_path, None, "outlet")
    with pytest.raises(CorpusError, match="which have no columns"):
        check_corpus(tmp_path, "content", None)
    table = tmp_path / "news.csv"
    table.write_text("outlet,text\nBBC,Shares rose.\n")
    with pytest.raises(CorpusError, match="needs a date column"):
        check_corpus(table, None, "month")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError, match="no .txt files or tables"):
        check_corpus(empty)


# ---------------------------------------------------------------------------- overview

def test_corpus_overview_counts_duplicates_rejections_outlets_and_dates():
    articles = articles_table(outlet=["BBC", "CNN", "BBC"],
                              date=pd.to_datetime(["2013-02-21", None, "2014-05-01"]),
                              is_duplicate=[False, False, True])
    articles["article_id"] = ["a", "b", "a"]
    articles.attrs["rejected"] = pd.DataFrame({"source": ["x.txt"], "reason": ["empty file"]})
    overview = dict(zip(*corpus_overview(articles).T.values))
    assert overview == {"articles": "3", "distinct texts": "2", "duplicate rows": "1",
                        "rejected inputs": "1", "words (clean text, distinct texts)": "200",
                        "outlets": "2", "dated articles": "2", "date range": "2013-02-21 to 2014-05-01"}


def test_article_labels_use_outlet_and_title_never_the_hash():
    articles = articles_table(outlet=["BBC", None], title=["Shares rise", None],
                              headline=[None, "A very long headline " * 5])
    labels = article_labels(articles, width=30)
    assert labels[0] == "BBC: Shares rise"
    assert labels[1].startswith("A very long headline") and labels[1].endswith("…") and len(labels[1]) == 30


# ------------------------------------------------------------------------------ groups

def test_group_labels_from_a_column_pool_the_smallest_groups_beyond_the_maximum():
    outlets = ["BBC"] * 4 + ["CNN"] * 3 + ["Fox"] * 2 + ["NPR", None]
    articles = articles_table(outlet=outlets)
    groups = group_labels(articles, "outlet", max_groups=3)
    assert groups.tolist() == ["BBC"] * 4 + ["CNN"] * 3 + [OTHER] * 4
    assert group_order(groups, "outlet") == ["BBC", "CNN", OTHER]
    assert group_labels(articles, "outlet", max_groups=10).tolist()[-1] == "(none)"
    assert default_group_by(articles) == "outlet"
    with pytest.raises(CorpusError, match="GROUP_BY 'bias'"):
        group_labels(articles, "bias")


def test_group_labels_by_date_period_and_by_folder():
    articles = articles_table(date=pd.to_datetime(["2013-02-21", "2013-03-02", None]),
                              source=["business/1.txt", "sport/2.txt", "sport/3.txt"])
    months = group_labels(articles, "month")
    assert months.tolist() == ["2013-02", "2013-03", "(none)"]
    assert group_order(months, "month") == ["2013-02", "2013-03", "(none)"]
    assert group_labels(articles, "year").tolist() == ["2013", "2013", "(none)"]
    assert group_labels(articles, "folder").tolist() == ["business", "sport", "sport"]
    assert default_group_by(articles) == "folder"
    text_dates = articles.assign(date=["21 February 2013", "2013-03-02", "not a date"])
    assert group_labels(text_dates, "month").tolist() == ["2013-02", "2013-03", "(none)"]


# ----------------------------------------------------------------------- comparisons

GROUPS = pd.Series({"a1": "BBC", "a2": "BBC", "a3": "CNN"})


def mentions_table() -> pd.DataFrame:
    rows = [("a1", "Gordon Brown", "PERSON"), ("a1", "Gordon Brown", "PERSON"), ("a1", "Labour", "ORGANIZATION"),
            ("a2", "London", "GPE"), ("a3", "Gordon Brown", "PERSON"), ("a3", "London", "GPE"),
            ("a3", "London", "GPE"), ("a3", "Gordon Brown", "ORGANIZATION")]
    frame = pd.DataFrame(rows, columns=["article_id", "entity", "label"])
    return frame.assign(role="body", start=range(len(frame)))


def test_entity_shares_are_shares_of_each_groups_own_mentions():
    entities = [("Gordon Brown", "PERSON"), ("London", "GPE"), ("Gordon Brown", "ORGANIZATION")]
    shares = entity_shares_by_group(mentions_table(), GROUPS, entities, ["BBC", "CNN"])
    table = {(g, e, label): (n, s) for g, e, label, n, s in shares.itertuples(index=False)}
    assert table[("BBC", "Gordon Brown", "PERSON")] == (2, 0.5)  # 2 of BBC's 4 mentions
    assert table[("CNN", "London", "GPE")] == (2, 0.5)
    assert table[("CNN", "Gordon Brown", "ORGANIZATION")] == (1, 0.25)
    assert table[("BBC", "Gordon Brown", "ORGANIZATION")] == (0, 0.0)  # every pair listed
    assert len(shares) == 6


def attributions_table() -> pd.DataFrame:
    rows = [("a1", "Gordon Brown", "person", "said"), ("a1", "officials", "anonymous", "said"),
            ("a2", "Gordon Brown", "person", "claimed"), ("a3", "sources", "anonymous", "said"),
            ("a3", "a report", "document", "according to")]
    return pd.DataFrame(rows, columns=["article_id", "speaker", "source_type", "cue"]).assign(kind="indirect")


def test_voice_anonymous_share_and_cues_per_group():
    attributions = attributions_table()
    voice = voice_by_group(attributions, GROUPS, ["BBC", "CNN"], top_n=1)
    assert voice[["group", "rank", "speaker", "attributions", "share"]].values.tolist() == [
        ["BBC", 1, "Gordon Brown", 2, 0.6667], ["CNN", 1, "(anonymous)", 1, 0.5]]
    raw = voice_by_group(attributions, GROUPS, ["BBC", "CNN"], top_n=2, named_only=False)
    assert raw[raw["group"] == "CNN"]["speaker"].tolist() == ["a report", "sources"]
    anonymous = anonymous_share_by_group(attributions, GROUPS, ["BBC", "CNN"])
    assert anonymous[["group", "named", "anonymous"]].values.tolist() == [["BBC", 2, 1], ["CNN", 0, 1]]
    assert anonymous["anonymous_share"].tolist() == [0.3333, 1.0]
    cues = cues_by_group(attributions, GROUPS, ["BBC", "CNN"], top_n=2)
    assert cues[cues["group"] == "CNN"][["cue_lemma", "attributions", "share"]].values.tolist() == [
        ["say", 1, 0.5], ["according to", 1, 0.5]]


def test_anonymous_share_per_group_classes_sources_as_the_per_article_table():
    # "a report said": anonymous by type, a document by kind; neither table counts it anonymous
    rows = [("a1", "Gordon Brown", "person", "named"), ("a1", "officials", "anonymous", "group"),
            ("a1", "a report", "anonymous", "document"), ("a3", "sources", "anonymous", "role")]
    attributions = pd.DataFrame(rows, columns=["article_id", "speaker", "source_type",
                                               "source_kind"]).assign(kind="indirect", cue="said")
    by_group = anonymous_share_by_group(attributions, GROUPS, ["BBC", "CNN"])
    assert by_group[["group", "attributions", "named", "anonymous"]].values.tolist() == [
        ["BBC", 3, 1, 1], ["CNN", 1, 0, 1]]
    per_article = named_vs_anonymous(attributions)
    assert per_article[["named", "anonymous", "document"]].sum().tolist() == [1, 2, 1]
    assert by_group[["named", "anonymous"]].sum().tolist() == [1, 2]


def test_voice_per_group_counts_a_speaker_under_one_corpus_name():
    # BBC says "Obama", CNN "Barack Obama": compared across groups, they are one person
    rows = [("a1", "Obama", "person"), ("a2", "Obama", "person"), ("a3", "Barack Obama", "person"),
            ("a3", "Katie Miller", "person")]
    attributions = pd.DataFrame(rows, columns=["article_id", "speaker", "source_type"]).assign(
        kind="direct", cue="said")
    voice = voice_by_group(attributions, GROUPS, ["BBC", "CNN"], top_n=2)
    assert voice[["group", "speaker", "attributions"]].values.tolist() == [
        ["BBC", "Barack Obama", 2], ["CNN", "Barack Obama", 1], ["CNN", "Katie Miller", 1]]
    # once the corpus's entities also name Michelle Obama, a bare "Obama" is not merged with either
    mentions = pd.DataFrame({"article_id": ["a2"], "label": ["PERSON"], "canonical": ["Michelle Obama"]})
    voice = voice_by_group(attributions, GROUPS, ["BBC", "CNN"], top_n=2, mentions=mentions)
    assert voice[voice["group"] == "BBC"][["speaker", "attributions"]].values.tolist() == [["Obama", 2]]


def test_mentions_over_time_list_every_period_with_zeros():
    articles = articles_table(date=pd.to_datetime(["2013-01-05", "2013-03-09", "2013-03-20"]))
    articles["article_id"] = ["a1", "a2", "a3"]
    table = mentions_over_time(mentions_table(), articles, [("London", "GPE")], "month")
    assert table[["period", "mentions", "articles"]].values.tolist() == [
        ["2013-01", 0, 1], ["2013-02", 0, 0], ["2013-03", 3, 2]]
    assert mentions_over_time(mentions_table(), articles.assign(date=pd.NaT), [("London", "GPE")]).empty
