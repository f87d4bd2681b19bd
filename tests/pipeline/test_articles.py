"""load_articles: every input kind, and bad input that is reported, never dropped silently."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from analysis.clean import repair_mojibake
from analysis.core.paths import SEEDS_DIR
from analysis.io import ArticleLoadError, article_id
from analysis.pipeline.articles import concat_articles, load_articles

SEED = SEEDS_DIR / "000_afb6e35f5f233bea.txt"
STORY = "The United States and China held talks on Wednesday.\n\nTillerson said the talks went well."


def test_seed_folder_loads_one_clean_article(seed_raw):
    df = load_articles(SEED.parent)
    assert len(df) == 1
    row = df.iloc[0]
    assert row["article_id"] == article_id(seed_raw) == "7ff3a8b5c6f9d5de"
    assert row["raw_text"] == seed_raw
    assert row["headline"].startswith("The U.S. and China are meeting (again)")
    assert "Listen Live" not in row["text"]
    assert row["source"] == "000_afb6e35f5f233bea.txt"
    assert df.attrs["rejected"].empty
    assert not row["is_duplicate"]


def test_single_txt_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    df = load_articles(path)
    assert df["text"].tolist() == [STORY]
    assert df["encoding"].tolist() == ["utf-8"]


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(STORY + " Two.", encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY + " One.", encoding="utf-8")
    df = load_articles(tmp_path)
    assert df["source"].tolist() == ["a.txt", "b/two.txt"]


def test_csv_with_metadata_columns(tmp_path):
    path = tmp_path / "articles.csv"
    pd.DataFrame({"Title": ["Talks"], "body": [STORY], "published": ["2017-06-21"],
                  "publisher": ["Kyodo"], "URL": ["https://example.org/a"]}).to_csv(path, index=False)
    df = load_articles(path)
    row = df.iloc[0]
    assert (row["title"], row["date"], row["date_raw"], row["outlet"], row["url"]) == (
        "Talks", pd.Timestamp("2017-06-21"), "2017-06-21", "Kyodo", "https://example.org/a")
    assert row["headline"] == "Talks"
    assert row["source"] == "articles.csv:2"


def test_jsonl_and_parquet_and_dataframe_give_the_same_articles(tmp_path):
    records = [{"text": STORY, "title": "A"}, {"text": STORY + " More.", "title": "B"}]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    parquet = tmp_path / "a.parquet"
    pd.DataFrame(records).to_parquet(parquet)
    ids = [load_articles(p)["article_id"].tolist() for p in (jsonl, parquet, pd.DataFrame(records))]
    assert ids[0] == ids[1] == ids[2] and len(ids[0]) == 2


def test_text_column_can_be_named(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"words": [STORY]}).to_csv(path, index=False)
    assert load_articles(path, text_column="words")["text"].tolist() == [STORY]


# ---- bad input --------------------------------------------------------------------------------

def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        load_articles(tmp_path / "nope.txt")


def test_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ArticleLoadError, match="no .txt files"):
        load_articles(tmp_path)


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "empty.txt: empty file"),
    ("broken.csv", b'text,title\n"unterminated quote,a\n',
     "broken.csv: no article could be loaded. broken.csv:2: malformed quoting"),
])
def test_a_file_that_cannot_be_read_is_a_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ArticleLoadError, match=message):
        load_articles(path)


def test_bad_files_in_a_folder_are_recorded_not_dropped(tmp_path):
    shutil.copy(SEED, tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    df = load_articles(tmp_path)
    assert df["source"].tolist() == ["good.txt"]
    rejected = df.attrs["rejected"].set_index("source")["reason"].to_dict()
    assert rejected["empty.txt"] == "empty file"
    assert rejected["image.txt"].startswith("binary file")
    assert rejected["notes.docx"] == "unsupported file type .docx"


def test_csv_without_text_column_names_the_file_and_columns(tmp_path):
    path = tmp_path / "meta.csv"
    pd.DataFrame({"title": ["a"], "date": ["2017"]}).to_csv(path, index=False)
    with pytest.raises(ArticleLoadError, match=r"meta.csv: no text column found .*\['title', 'date'\]"):
        load_articles(path)


def test_table_rows_with_empty_or_non_text_values_are_rejected(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([json.dumps({"text": STORY}), json.dumps({"text": ""}),
                               json.dumps({"text": 42}), "{not json"]) + "\n", encoding="utf-8")
    df = load_articles(path)
    assert len(df) == 1
    reasons = df.attrs["rejected"].set_index("source")["reason"].to_dict()
    assert reasons["mixed.jsonl:2"].startswith("empty text")
    assert reasons["mixed.jsonl:3"] == "text is a int, not a string"
    assert reasons["mixed.jsonl:4"].startswith("invalid JSON line")


def test_cp1252_file_is_decoded_and_recorded(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("Tillerson said the talks were “constructive” – and résumé.".encode("cp1252"))
    df = load_articles(path)
    assert df["raw_text"].iloc[0] == "Tillerson said the talks were “constructive” – and résumé."
    assert df["encoding"].iloc[0] == "cp1252"


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    df = load_articles(path)
    assert df["raw_text"].iloc[0] == STORY
    assert df["encoding"].iloc[0] == "utf-8-sig"


def test_mojibake_is_repaired_for_analysis_and_raw_kept(tmp_path):
    original = "North Korea’s KCNA said “no” to the café."
    # as a browser shows UTF-8 read as cp1252: undefined bytes (0x9d) pass through as latin-1
    broken = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                     for b in original.encode("utf-8"))
    assert "â€™" in broken
    path = tmp_path / "moji.txt"
    path.write_text(broken, encoding="utf-8")
    row = load_articles(path).iloc[0]
    assert row["raw_text"] == broken
    assert row["text"] == original
    assert row["encoding"] == "utf-8+mojibake-repaired"
    assert repair_mojibake(original) == original


def test_duplicates_are_flagged_not_dropped(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    df = load_articles(tmp_path)
    assert df["is_duplicate"].tolist() == [False, True]
    assert df["duplicate_of"].tolist() == [None, "a.txt"]
    assert df["article_id"].nunique() == 1


def test_a_second_load_reads_the_cleaning_from_the_cache(tmp_path, seed_raw, monkeypatch):
    import analysis.pipeline.articles

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(seed_raw, encoding="utf-8")
    (corpus / "moji.txt").write_text("North Korea’s KCNA said so.".encode("utf-8").decode("cp1252"),
                                     encoding="utf-8")
    (corpus / "copy.txt").write_text(seed_raw, encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_articles(corpus, cache=cache)

    def clean_again(raw, title=None):
        raise AssertionError("cleaned again although the result is cached")

    monkeypatch.setattr(analysis.pipeline.articles, "clean_article", clean_again)
    again = load_articles(corpus, cache=cache)
    pd.testing.assert_frame_equal(again, first)
    assert again.set_index("source").loc["moji.txt", "encoding"] == "utf-8+mojibake-repaired"
    assert again["headline"].notna().tolist() == [True, False, True]  # copy, moji (none), seed
    with pytest.raises(AssertionError, match="cleaned again"):
        load_articles(corpus, cache=False)


def test_article_tables_combine_with_rejections_and_cross_table_duplicates(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_text("", encoding="utf-8")
    first, second = load_articles(tmp_path / "a"), load_articles(tmp_path / "b")
    combined = concat_articles([first, second])
    assert combined["source"].tolist() == ["one.txt", "same.txt"]
    assert combined["is_duplicate"].tolist() == [False, True]
    assert combined["duplicate_of"].tolist() == [None, "one.txt"]
    assert combined.attrs["rejected"]["source"].tolist() == ["empty.txt"]
