"""Issue 15's attacks on the loader, one test each: every bad input gives a clear error naming it
or a recorded rejection, and the rest of the input still loads."""
from __future__ import annotations

import json
import os
import socket

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.io import (
    ArticleLoadError,
    decode_bytes,
    input_partitions,
    join_surrogates,
    records_from_table,
    table_columns,
    text_file_records,
)
from analysis.pipeline.articles import load_articles, read_articles

STORY = "Mr Blair said he would win the vote on Thursday, his spokesman told reporters."


def _rejected(frame: pd.DataFrame) -> dict[str, str]:
    return frame.attrs["rejected"].set_index("source")["reason"].to_dict()


# ---- 1. lone surrogates ------------------------------------------------------------------------

def test_lone_surrogate_in_jsonl_becomes_replacement_character_with_the_cache_on(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "Mr Blair said he would win \\ud83d", "title": "Win \\udc00"}\n'
                    '{"text": "A pair \\ud83d\\ude00 is one emoji."}\n', encoding="utf-8")
    cache = tmp_path / "cache"
    for _ in range(2):  # written to the cache, then read from it
        df = load_articles(path, cache=cache, progress=False)
        assert df["raw_text"].tolist() == ["Mr Blair said he would win \ufffd",
                                           "A pair \U0001F600 is one emoji."]
        assert df["text"].iloc[0] == "Mr Blair said he would win \ufffd"
        assert df["title"].iloc[0] == "Win \ufffd"
        assert df["encoding"].tolist() == ["table+surrogates-replaced", "table"]  # a pair is fine
    plain = df.copy()
    plain.attrs = {}  # pandas writes attrs as JSON, which cannot hold the rejections table
    plain.to_parquet(tmp_path / "articles.parquet")  # every string is valid UTF-8
    assert pq.read_table(tmp_path / "articles.parquet").num_rows == 2


def test_lone_surrogate_in_a_dataframe_and_in_utf8_encoded_surrogates_of_a_text_file(tmp_path):
    df = load_articles(pd.DataFrame({"text": pd.Series([STORY + " \ud83d"], dtype=object)}),
                       cache=False)
    assert df["raw_text"].iloc[0] == STORY + " \ufffd"
    (tmp_path / "wtf8.txt").write_bytes(STORY.encode() + b" \xed\xa0\xbd end")  # UTF-8 of \ud83d
    row = load_articles(tmp_path / "wtf8.txt", cache=False).iloc[0]
    assert row["raw_text"] == STORY + " \ufffd end"
    assert row["encoding"] == "utf-8+surrogates-replaced"
    assert join_surrogates("ok \ud83d\ude00 \udfff") == ("ok \U0001F600 \ufffd", True)
    assert join_surrogates("ok") == ("ok", False)


def test_lone_surrogate_in_a_csv_written_as_utf8_bytes(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes(b'text,title\n"' + STORY.encode() + b' \xed\xa0\xbd",T\n')
    row = load_articles(path, cache=False).iloc[0]
    assert row["raw_text"] == STORY + " \ufffd"
    assert row["encoding"] == "table+surrogates-replaced"


# ---- 2. TSV without CSV quoting ----------------------------------------------------------------

def test_tsv_is_read_without_quoting(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text('text\ttitle\n"We win," he said.\tT1\n"Open quote\tT2\nB story\tT3\n'
                    'C said "no".\tT4\n', encoding="utf-8")
    df = load_articles(path, cache=False)
    assert df["raw_text"].tolist() == ['"We win," he said.', '"Open quote', "B story",
                                       'C said "no".']
    assert df["title"].tolist() == ["T1", "T2", "T3", "T4"]
    assert df.attrs["rejected"].empty


# ---- 3. CSV rows with extra or missing fields --------------------------------------------------

def test_csv_rows_with_extra_or_missing_fields_are_rejected_not_shifted(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("text,title\nstory one,T,x,y\nstory two,T\nstory three\n", encoding="utf-8")
    df = load_articles(path, cache=False)
    assert df["raw_text"].tolist() == ["story two"]
    assert _rejected(df) == {
        "x.csv:2": "row has 4 fields, the header has 2 (extra fields; not shifted)",
        "x.csv:4": "row has 1 fields, the header has 2 (missing fields; not shifted)"}


def test_csv_row_with_broken_quoting_is_rejected_alone(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('text,title\n"story" one,T\nstory two,T\n', encoding="utf-8")
    df = load_articles(path, cache=False)
    assert df["raw_text"].tolist() == ["story two"]
    assert _rejected(df)["q.csv:2"].startswith("malformed quoting")


# ---- 8. loader gaps ----------------------------------------------------------------------------

def test_json_document_with_non_object_entries_rejects_them_by_file_and_number(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps([{"text": STORY}, "a string", [1, 2], {"text": STORY + " 2"}]),
                    encoding="utf-8")
    df = load_articles(path, cache=False)
    assert df["source"].tolist() == ["doc.json:1", "doc.json:4"]
    assert _rejected(df) == {"doc.json:2": "JSON entry is not an object (a str)",
                             "doc.json:3": "JSON entry is not an object (a list)"}
    (tmp_path / "scalar.json").write_text("42", encoding="utf-8")
    with pytest.raises(ArticleLoadError, match=r"scalar.json: cannot read table .*list of article"):
        load_articles(tmp_path / "scalar.json", cache=False)


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be", "utf-16", "utf-16-le"])
def test_utf32_and_utf16_are_detected(tmp_path, encoding):
    text = "Tillerson said the talks went “well”."
    assert decode_bytes(text.encode(encoding)) == (text, encoding)
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    assert load_articles(tmp_path / "a.txt", cache=False)["raw_text"].tolist() == [text]


def test_wide_text_decoded_wrongly_is_rejected_not_accepted_with_nul_characters():
    # UTF-32-LE BOM, then bytes that are not UTF-32: never accepted as NUL-laden UTF-16 text
    with pytest.raises(ValueError, match="utf-32|binary"):
        decode_bytes(b"\xff\xfe\x00\x00" + "hello".encode("utf-16-le"))


def test_hidden_files_symlinked_folders_and_docs_are_rejected_with_reasons(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(STORY, encoding="utf-8")
    (corpus / ".hidden.txt").write_text(STORY + " hidden", encoding="utf-8")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "x.txt").write_text(STORY + " git", encoding="utf-8")
    (corpus / "README.TXT").write_text("Consists of 2225 documents. Contact x@y.org", encoding="utf-8")
    (corpus / "LICENSE").write_text("MIT", encoding="utf-8")
    (corpus / "index.html").write_text("<html>", encoding="utf-8")
    (corpus / "index-funds-rise.txt").write_text(STORY + " funds", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.txt").write_text(STORY + " outside", encoding="utf-8")
    os.symlink(outside, corpus / "sub" / "linked")
    df = load_articles(corpus, cache=False)
    assert df["source"].tolist() == ["a.txt", "index-funds-rise.txt"]
    reasons = _rejected(df)
    assert reasons[".hidden.txt"] == "hidden file, not read"
    assert reasons[".git"] == "hidden folder, not searched"
    assert reasons["sub/linked"].startswith("symbolic link to a folder, not followed")
    assert reasons["README.TXT"].startswith("not an article")
    assert reasons["LICENSE"].startswith("not an article")
    assert reasons["index.html"].startswith("not an article")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_socket_named_like_articles_are_rejected_without_hanging(tmp_path):
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    os.mkfifo(tmp_path / "x.txt")
    os.mkfifo(tmp_path / "y.csv")
    server = socket.socket(socket.AF_UNIX)
    short = f"/tmp/s{os.getpid()}.txt"  # socket paths are limited to ~100 bytes
    server.bind(short)
    os.symlink(short, tmp_path / "z.txt")
    try:
        df = load_articles(tmp_path, cache=False)
        assert df["source"].tolist() == ["good.txt"]
        reasons = _rejected(df)
        assert reasons["x.txt"] == "not a regular file (a FIFO), not read"
        assert reasons["y.csv"] == "not a regular file (a FIFO), not read"
        assert reasons["z.txt"] == "not a regular file (a socket), not read"
        with pytest.raises(ArticleLoadError, match=r"x.txt: not a regular file \(a FIFO\)"):
            load_articles(tmp_path / "x.txt", cache=False)
        lazy = read_articles(tmp_path).compute(scheduler="sync")
        assert lazy["source"].tolist() == ["good.txt"]
    finally:
        server.close()
        os.unlink(short)


def test_one_malformed_table_does_not_abort_the_folder(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "broken.json").write_text("[{oops", encoding="utf-8")
    (tmp_path / "meta.csv").write_text("title,date\nT,2017\n", encoding="utf-8")
    (tmp_path / "nokey.jsonl").write_text('{"title": "T"}\n', encoding="utf-8")
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not parquet")
    for blocksize in (None, 10):
        parts = input_partitions(tmp_path, blocksize=blocksize)
        records, rejected = [], []
        for part in parts:
            found, refused = part.read()
            records += found
            rejected += refused
        assert [r["source"] for r in records] == ["a.txt"]
        reasons = dict(rejected)
        assert reasons["broken.json"].startswith("cannot read table")
        assert reasons["meta.csv"].startswith("no text column found")
        assert reasons["nokey.jsonl"].startswith("no text column found")
        assert reasons["bad.parquet"].startswith("cannot read table")
    assert load_articles(tmp_path, cache=False)["source"].tolist() == ["a.txt"]


def test_one_cp1252_row_of_a_csv_is_decoded_alone_and_recorded(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("text,title\nCafé “one”,T1\n".encode("utf-8")
                     + "Résumé “two”,T2\n".encode("cp1252"))
    df = load_articles(path, cache=False)
    assert df["raw_text"].tolist() == ["Café “one”", "Résumé “two”"]
    assert df["encoding"].tolist() == ["table", "cp1252"]
    assert df.attrs["rejected"].empty


def test_one_cp1252_line_of_a_jsonl_is_decoded_alone_and_recorded(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes('{"text": "Café one"}\n'.encode("utf-8") + '{"text": "Résumé two"}\n'.encode("cp1252"))
    df = load_articles(path, cache=False)
    assert df["raw_text"].tolist() == ["Café one", "Résumé two"]
    assert df["encoding"].tolist() == ["table", "cp1252"]


# ---- 9 / smaller: settings and dtypes ----------------------------------------------------------

@pytest.mark.parametrize("setting", ["files_per_partition", "blocksize"])
def test_zero_partition_sizes_name_the_setting(tmp_path, setting):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    with pytest.raises(ValueError, match=f"{setting} must be a positive int"):
        read_articles(tmp_path, **{setting: 0})
    with pytest.raises(TypeError, match=f"{setting} must be a positive int"):
        input_partitions(tmp_path, **{setting: "10"})


def test_read_articles_dtypes_match_its_meta_and_load_articles(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": STORY, "date": "2017-06-21"}) + "\n",
                                      encoding="utf-8")
    lazy = read_articles(tmp_path)
    got = lazy.compute(scheduler="sync")
    expected = load_articles(tmp_path, cache=False)
    assert got.dtypes.to_dict() == lazy.dtypes.to_dict() == lazy._meta.dtypes.to_dict()
    assert got.dtypes.to_dict() == expected.dtypes.to_dict()
    assert str(got["date"].dtype) == "datetime64[ns]" and got["raw_text"].dtype == object



# ---- properties --------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_rejection_or_text_that_utf8_and_parquet_can_hold(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "a.txt"
    path.write_bytes(STORY.encode("utf-8")[:20] + data)
    records, rejected = text_file_records([(str(path), "a.txt")])
    assert len(records) + len(rejected) == 1
    for record in records:
        record["raw_text"].encode("utf-8")  # no surrogate left
        assert "\x00" not in record["raw_text"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.characters(exclude_categories=("Cc",))  # with lone and paired surrogates
                | st.sampled_from(["\ud83d", "\ude00", "\ud800", "\udfff"]),
                min_size=1, max_size=80).map("".join))
def test_table_text_keeps_what_utf8_can_hold(text):
    frame = pd.DataFrame({"text": pd.Series([text], dtype=object), "_row": [2]})
    records, rejected = records_from_table(frame, "t.csv", table_columns(frame.columns, "t.csv", None))
    if not text.strip():
        assert rejected
        return
    raw = records[0]["raw_text"]
    raw.encode("utf-8")
    assert raw == join_surrogates(text)[0]
    assert records[0]["encoding"].endswith("+surrogates-replaced") == (raw != text)
