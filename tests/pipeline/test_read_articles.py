"""The lazy (Dask) load stage gives load_articles' articles, sources and rejections, partition by
partition, and never drops an input silently."""
from __future__ import annotations

import json
import shutil

import dask
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis.core.paths import SEEDS_DIR
from analysis.core.schemas import conform
from analysis.io import ArticleLoadError, files, input_partitions
from analysis.pipeline.articles import (
    ARTICLE_COLUMNS,
    article_meta,
    combine_rejections,
    load_articles,
    load_text_files,
    read_articles,
    read_rejections,
)

SEED = SEEDS_DIR / "000_afb6e35f5f233bea.txt"
#: Duplicate flags are per partition on the lazy path; every other column must match exactly.
COMPARED = [c for c in ARTICLE_COLUMNS if c not in ("is_duplicate", "duplicate_of")]
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The seed article and seven short Reuters articles (real text, some multi-paragraph)."""
    from nltk.corpus import reuters

    raws = [reuters.raw(fileid) for fileid in reuters.fileids()[:60]]
    reuters = [t for t in raws if len(t.split()) < 200][:7]
    return [SEED.read_text(encoding="utf-8")] + reuters


@pytest.fixture(scope="module")
def folder(tmp_path_factory, texts):
    """Text files (one copied into a subfolder), an empty, a binary and a .docx file, and a JSONL
    table with a malformed line in the subfolder."""
    path = tmp_path_factory.mktemp("lazy_folder")
    for i, text in enumerate(texts):
        (path / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    (path / "sub").mkdir()
    (path / "sub" / "900_copy_of_001.txt").write_text(texts[1], encoding="utf-8")
    (path / "sub" / "more.jsonl").write_text(
        json.dumps({"text": texts[2] + "\n\nUpdated."}) + "\n{broken\n", encoding="utf-8")
    (path / "950_empty.txt").write_bytes(b" \n")
    (path / "960_image.txt").write_bytes(BINARY)
    (path / "notes.docx").write_bytes(b"PK\x03\x04")
    return path


def _articles(frame: pd.DataFrame) -> pd.DataFrame:
    """The compared columns sorted by source, as plain objects (Dask may hold pyarrow strings)."""
    frame = frame.sort_values("source", kind="mergesort")
    return conform(frame[COMPARED], article_meta()[COMPARED])


def assert_loads_like_load_articles(path, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    expected = load_articles(path, progress=False)
    lazy, lazy_rejected = read_articles(path, **options), read_rejections(path, **options)
    assert lazy.npartitions == lazy_rejected.npartitions > 1
    got, got_rejected = dask.compute(lazy, lazy_rejected, scheduler="sync")
    assert_frame_equal(_articles(got), _articles(expected))
    assert list(got.columns) == list(expected.columns)
    assert_frame_equal(combine_rejections([got_rejected]),
                       combine_rejections([expected.attrs["rejected"]]))
    return got, combine_rejections([got_rejected])


def test_folder_gives_load_articles_articles_and_rejections(folder, monkeypatch):
    read = []
    original = files.read_article_file
    monkeypatch.setattr(files, "read_article_file",
                        lambda path, display: read.append(display) or original(path, display))
    lazy = read_articles(folder, files_per_partition=3)
    assert lazy.npartitions == 5  # 11 text files in 4 partitions, and the JSONL table
    got, rejected = assert_loads_like_load_articles(folder, files_per_partition=3)
    assert len(read) == 2 * 11  # once by load_articles, once by the loaders shared by both frames
    assert "sub/more.jsonl:1" in set(got["source"])
    reasons = rejected.set_index("source")["reason"].to_dict()
    assert reasons["950_empty.txt"] == "empty file"
    assert reasons["960_image.txt"].startswith("binary file")
    assert reasons["notes.docx"] == "unsupported file type .docx"
    assert reasons["sub/more.jsonl:2"].startswith("invalid JSON line")
    assert len(reasons) == 4


def test_both_frames_share_their_loader_tasks(folder):
    articles = read_articles(folder, files_per_partition=3)
    rejected = read_rejections(folder, files_per_partition=3)
    loaders = [{k for k in dict(frame.__dask_graph__()) if str(k).startswith("load_partition")}
               for frame in (articles, rejected)]
    assert loaders[0] == loaders[1] and len(loaders[0]) == 5
    again = read_articles(folder, files_per_partition=3)  # deterministic: a new graph, same keys
    assert {k for k in dict(again.__dask_graph__()) if str(k).startswith("load_partition")} \
        == loaders[0]


def test_load_text_files_returns_articles_and_rejections(folder):
    files = [str(folder / "000.txt"), str(folder / "950_empty.txt"), str(folder / "sub" / "900_copy_of_001.txt")]
    articles, rejected = load_text_files(files, str(folder))
    assert articles["source"].tolist() == ["000.txt", "sub/900_copy_of_001.txt"]
    assert rejected.values.tolist() == [["950_empty.txt", "empty file"]]


def _rows(texts: list[str]) -> list[dict]:
    """Real articles with metadata, a missing text, an empty text and a repeated article; the
    date is an integer or missing (a type that must not turn into "2017.0" in some partitions)."""
    rows = [{"title": f"Article {i}", "text": text, "date": 2017 if i % 3 else None}
            for i, text in enumerate(texts)]
    rows.insert(2, {"title": "No text", "text": None, "date": 2018})
    rows.insert(5, {"title": "Empty", "text": "  ", "date": 2019})
    rows.append({"title": "Again", "text": texts[1], "date": 2017})
    return rows


def _table(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame(_rows(texts)).astype({"date": "Int64"})


def test_jsonl_blocks_parse_line_by_line_with_global_line_numbers(tmp_path, texts):
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in _rows(texts)]
    lines[4:4] = ["{not json", "", "[1, 2, 3]", json.dumps({"text": 42})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got, rejected = assert_loads_like_load_articles(path, blocksize=3000)
    reasons = rejected.set_index("source")["reason"].to_dict()
    assert reasons["articles.jsonl:5"].startswith("invalid JSON line")
    assert reasons["articles.jsonl:7"] == "JSON line is not an object"
    assert reasons["articles.jsonl:8"] == "text is a int, not a string"
    assert len(input_partitions(path, blocksize=3000)) > 3
    assert set(_articles(got)["date_raw"]) == {"2017", None}  # not "2017.0" where a date is missing
    assert set(_articles(got)["date"].dropna()) == {pd.Timestamp("2017-01-01")}


def test_jsonl_block_boundaries_keep_every_line(tmp_path, texts):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts * 3), encoding="utf-8")
    lines = 3 * len(texts)
    for blocksize, blocks in ((1, lines), (97, lines), (5000, None), (10**9, 1)):
        parts = input_partitions(path, blocksize=blocksize)
        got, = dask.compute(read_articles(path, blocksize=blocksize), scheduler="sync")
        assert sorted(got["source"], key=lambda s: int(s.rsplit(":")[1])) == \
            [f"a.jsonl:{i}" for i in range(1, lines + 1)]
        assert (len(parts) == blocks) if blocks else (1 < len(parts) < lines)


def test_csv_is_read_whole_then_split(tmp_path, texts):
    path = tmp_path / "articles.csv"
    _table(texts).to_csv(path, index=False)  # paragraphs make multi-line quoted fields
    got, rejected = assert_loads_like_load_articles(path, blocksize=4000)
    assert rejected["source"].tolist() == ["articles.csv:4", "articles.csv:7"]  # spreadsheet rows


def test_parquet_row_groups_have_global_row_numbers(tmp_path, texts):
    path = tmp_path / "articles.parquet"
    # from plain records: no pandas metadata that would restore the dates as Int64
    pq.write_table(pa.Table.from_pylist(_rows(texts)), path, row_group_size=2)
    got, rejected = assert_loads_like_load_articles(path)
    assert read_articles(path).npartitions == 6  # 11 rows, 2 per row group
    assert rejected.values.tolist() == [["articles.parquet:3", "missing text in column 'text'"],
                                        ["articles.parquet:6", "empty text in column 'text'"]]
    assert set(_articles(got)["date_raw"]) == {"2017", None}


def test_json_document_is_read_whole_then_split(tmp_path, texts):
    path = tmp_path / "articles.json"
    _table(texts).to_json(path, orient="records", force_ascii=False)
    assert_loads_like_load_articles(path, blocksize=4000)


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".parquet", ".csv"])
def test_read_articles_tables_match_load_articles(texts, tmp_path, suffix):
    table = pd.DataFrame({"title": ["Seed", "Reuters"], "text": texts[:2]})
    path = tmp_path / f"articles{suffix}"
    if suffix == ".jsonl":
        table.to_json(path, orient="records", lines=True, force_ascii=False)
    elif suffix == ".json":
        table.to_json(path, orient="records", force_ascii=False)
    elif suffix == ".parquet":
        table.to_parquet(path)
    else:
        table.to_csv(path, index=False)  # the seed's paragraphs make multi-line quoted fields
    got = read_articles(path).compute(scheduler="sync")
    expected = analysis.load_articles(path, progress=False)
    assert got["article_id"].tolist() == expected["article_id"].tolist()
    assert got["text"].tolist() == expected["text"].tolist()
    assert got["source"].tolist() == expected["source"].tolist()
    assert got["title"].tolist() == ["Seed", "Reuters"]


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".parquet", ".csv"])
def test_missing_text_column_raises_load_articles_error(tmp_path, suffix):
    table = pd.DataFrame({"title": ["Talks", "More talks"], "date": ["2017", "2018"]})
    path = tmp_path / f"meta{suffix}"
    if suffix == ".jsonl":
        table.to_json(path, orient="records", lines=True)
    elif suffix == ".json":
        table.to_json(path, orient="records")
    elif suffix == ".parquet":
        table.to_parquet(path)
    else:
        table.to_csv(path, index=False)
    with pytest.raises(ArticleLoadError, match=r"no text column found") as expected:
        load_articles(path)
    with pytest.raises(ArticleLoadError) as got:  # at graph-build time for Parquet and CSV
        read_articles(path, blocksize=10).compute(scheduler="sync")
    assert str(got.value) == str(expected.value)
    assert "['title', 'date']" in str(got.value)


def test_missing_path_and_unusable_folder_are_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope"):
        read_articles(tmp_path / "nope")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(ArticleLoadError, match=r"no .txt files or tables \(skipped: notes.docx\)"):
        read_rejections(tmp_path)


def test_a_chunk_of_only_bad_files_gives_no_articles_but_its_rejections(tmp_path):
    shutil.copy(SEED, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(BINARY)
    got, rejected = dask.compute(read_articles(tmp_path, files_per_partition=1),
                                 read_rejections(tmp_path, files_per_partition=1), scheduler="sync")
    assert got["source"].tolist() == ["a.txt"]
    assert sorted(rejected["source"]) == ["b.txt", "c.txt"]
