"""load_articles on a researcher's table: every column kept, outlet and date recognised under
common names, dates parsed (unreadable ones kept and listed), the text column reported and
choosable, and the title handed to the cleaner."""
from __future__ import annotations

import json
import logging

import pandas as pd
import pytest

from analysis.pipeline.articles import ARTICLE_COLUMNS, concat_articles, load_articles

STORY = ("Prime Minister Tony Blair said on Tuesday that the government would press ahead "
         "with the bill.\n\nOpposition leader Michael Howard said the plan was unworkable.")
SCRAPED = "Blair presses ahead with bill\n\n" + STORY + "\n\nShare this article"


def _allsides_like(tmp_path, rows=None):
    """An AllSides-style JSONL: outlet in `source`, bias, mixed-format dates, two text columns."""
    rows = rows or [
        {"ID": "a1", "topic": "politics", "source": "BBC News", "bias": 1, "title": "Blair bill",
         "date": "2005-02-01", "authors": ["A. Writer"], "content": STORY,
         "content_original": SCRAPED},
        {"ID": "a2", "topic": "politics", "source": "Fox News", "bias": 2, "title": "Howard",
         "date": "Tue, 01 Feb 2005 10:00:00 +0100", "authors": [], "content": STORY + " More.",
         "content_original": SCRAPED + " More."},
        {"ID": "a3", "topic": "economy", "source": "Reuters", "bias": 1, "title": "Bill",
         "date": "last Tuesday", "content": STORY + " Third.",
         "content_original": SCRAPED + " Third."},
        {"ID": "a4", "topic": "economy", "source": "Reuters", "bias": 1, "title": "Empty date",
         "date": "", "content": STORY + " Fourth.", "content_original": SCRAPED + " Fourth."},
    ]
    path = tmp_path / "allsides.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_every_column_is_kept_and_source_becomes_the_outlet(tmp_path):
    df = load_articles(_allsides_like(tmp_path), cache=False)
    assert list(df.columns[:len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    assert list(df.columns[len(ARTICLE_COLUMNS):]) == ["ID", "topic", "bias", "authors",
                                                       "content_original"]
    assert df["outlet"].tolist() == ["BBC News", "Fox News", "Reuters", "Reuters"]
    assert df["source"].tolist() == [f"allsides.jsonl:{i}" for i in range(1, 5)]  # not clobbered
    assert df["bias"].tolist() == [1, 2, 1, 1]
    assert df["authors"].tolist() == [["A. Writer"], [], None, None]
    assert df.attrs["metadata_columns"] == {"title": "title", "date": "date", "outlet": "source"}


def test_dates_are_parsed_and_unreadable_ones_kept_and_listed(tmp_path):
    df = load_articles(_allsides_like(tmp_path), cache=False)
    assert str(df["date"].dtype) == "datetime64[ns]"
    assert df["date"].tolist()[:2] == [pd.Timestamp("2005-02-01"), pd.Timestamp("2005-02-01 09:00")]
    assert df["date"].isna().tolist() == [False, False, True, True]
    assert df["date_raw"].tolist()[2:] == ["last Tuesday", ""]
    unparsed = df.attrs["unparsed_dates"]
    assert unparsed.values.tolist() == [["allsides.jsonl:3", "last Tuesday"]]  # "" is missing


@pytest.mark.parametrize("outlet, date", [("publisher", "published"), ("site", "pubdate"),
                                          ("domain", "timestamp"), ("newspaper", "published_at"),
                                          ("source_name", "publication_date"), ("media", "date")])
def test_common_names_for_outlet_and_date(tmp_path, outlet, date):
    path = tmp_path / "t.csv"
    pd.DataFrame({"body": [STORY], outlet: ["The Guardian"], date: ["2005-02-01T08:30:00Z"]}
                 ).to_csv(path, index=False)
    row = load_articles(path, cache=False).iloc[0]
    assert row["outlet"] == "The Guardian"
    assert row["date"] == pd.Timestamp("2005-02-01 08:30")


def test_the_chosen_text_column_and_the_other_text_like_columns_are_reported(tmp_path, caplog):
    path = _allsides_like(tmp_path)
    with caplog.at_level(logging.INFO, logger="analysis.pipeline.articles"):
        df = load_articles(path, cache=False)
    assert df.attrs["text_column"] == "content"
    assert df.attrs["other_text_columns"] == ["content_original"]
    assert df["raw_text"].iloc[0] == STORY
    warning = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warning) == 1 and "'content_original' (choose one with text_column=...)" in \
        warning[0].getMessage()
    assert "1 unreadable" in df.attrs["note"]


def test_text_column_chooses_another_column_and_the_first_stays_a_column(tmp_path):
    df = load_articles(_allsides_like(tmp_path), text_column="content_original", cache=False)
    assert df["raw_text"].iloc[0] == SCRAPED
    assert df.attrs["text_column"] == "content_original"
    assert df.attrs["other_text_columns"] == ["content"]
    assert df["content"].iloc[0] == STORY


def test_input_columns_named_like_article_columns_are_kept_under_another_name(tmp_path):
    frame = pd.DataFrame({"body": [STORY], "outlet": ["BBC"], "source": ["rss feed 3"],
                          "text": ["a teaser"], "encoding": ["ascii"]})
    df = load_articles(frame, cache=False)
    assert (df.attrs["text_column"], df["raw_text"].iloc[0]) == ("text", "a teaser")
    assert df.attrs["other_text_columns"] == ["body"] and df["body"].iloc[0] == STORY
    df = load_articles(frame, text_column="body", cache=False)
    assert df["outlet"].iloc[0] == "BBC"
    assert df["source"].iloc[0] == "dataframe:0"
    assert (df["input_source"].iloc[0], df["input_text"].iloc[0], df["input_encoding"].iloc[0]) \
        == ("rss feed 3", "a teaser", "ascii")
    assert df.attrs["renamed_columns"] == {"source": "input_source", "text": "input_text",
                                           "encoding": "input_encoding"}


def test_the_title_column_reaches_the_cleaner_and_keys_its_cache(tmp_path, monkeypatch):
    import analysis.pipeline.articles as articles

    seen = []
    original = articles.clean_article

    def spy(raw, title=None):
        seen.append(title)
        return original(raw, title=title)

    monkeypatch.setattr(articles, "clean_article", spy)
    rows = [{"text": SCRAPED, "title": "Blair presses ahead with bill"},
            {"text": SCRAPED, "title": "Another title"}]
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_articles(path, cache=cache)
    assert seen == ["Blair presses ahead with bill", "Another title"]  # same text, two titles
    assert first["article_id"].nunique() == 1
    again = load_articles(path, cache=cache)
    assert len(seen) == 2  # both read from the cache
    pd.testing.assert_frame_equal(again, first)


def test_tables_combine_with_their_unparsed_dates(tmp_path):
    (tmp_path / "a").mkdir()
    first = load_articles(_allsides_like(tmp_path / "a"), cache=False)
    second = load_articles(pd.DataFrame({"text": [STORY + " x"], "date": ["soon"]}), cache=False)
    combined = concat_articles([first, second])
    assert combined.attrs["unparsed_dates"]["date_raw"].tolist() == ["last Tuesday", "soon"]


def test_text_files_have_no_columns_to_report(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    df = load_articles(tmp_path, cache=False)
    assert df.attrs["text_column"] is None and "note" not in df.attrs
    assert df["date"].isna().all() and list(df.columns) == ARTICLE_COLUMNS


def test_bad_arguments_name_what_is_expected():
    with pytest.raises(TypeError, match="path .* or a pandas DataFrame, got int"):
        load_articles(5)
    with pytest.raises(TypeError, match="text_column must be a column name"):
        load_articles(pd.DataFrame({"text": [STORY]}), text_column=3)
