"""Partitions are read without Dask and give, in order, what reading the input whole gives."""
from __future__ import annotations

import json
import sys

import pandas as pd
import pytest

from analysis.io import ArticleLoadError, Deferred, InputPartition, input_partitions

STORY = "The United States and China held talks on Wednesday."


def _read_all(parts):
    records, rejected = [], []
    for part in parts:
        found, refused = part.read()
        records += found
        rejected += refused
    return records, rejected


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": f"{STORY} {i}", "title": f"T{i}"}) for i in range(20)]
    lines[5] = "{broken"
    lines[9] = json.dumps({"text": ""})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_blocks_read_eagerly_give_the_whole_file(jsonl):
    whole = _read_all(input_partitions(jsonl, blocksize=None))
    blocks = input_partitions(jsonl, blocksize=200)
    assert len(blocks) > 3
    records, rejected = _read_all(blocks)
    assert records == whole[0]
    assert sorted(rejected) == sorted(whole[1])
    assert [source for source, _ in rejected] == ["a.jsonl:6", "a.jsonl:10"]
    assert [r["source"] for r in records][:6] == [f"a.jsonl:{i}" for i in (1, 2, 3, 4, 5, 7)]


def test_the_blocks_of_a_file_share_one_layout_step(jsonl):
    parts = input_partitions(jsonl, blocksize=200)
    layout = parts[0].args[-1]
    assert isinstance(layout, Deferred) and all(part.args[-1] is layout for part in parts)
    parts[-1].read()
    assert "value" in vars(layout)  # computed by the first partition read, kept for the others


def test_a_deferred_step_runs_once_however_many_partitions_need_it():
    calls = []
    inner = Deferred(lambda x: calls.append(x) or x + 1, (20,))
    outer = Deferred(lambda pair: calls.append(pair) or pair[0] * 2, ((inner, "x"),))
    parts = [InputPartition(lambda value: ([{"value": value}], []), (outer,)) for _ in range(3)]
    assert _read_all(parts) == ([{"value": 42}] * 3, [])
    assert calls == [20, (21, "x")]


def test_folder_partitions_list_files_in_order_and_reject_unsupported_first(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"{STORY} {name}", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    pd.DataFrame({"text": [STORY + " csv"]}).to_csv(tmp_path / "t.csv", index=False)
    parts = input_partitions(tmp_path, files_per_partition=2)
    assert len(parts) == 3 and all(isinstance(p, InputPartition) for p in parts)
    assert parts[0].rejected == (("notes.docx", "unsupported file type .docx"),)
    records, rejected = _read_all(parts)
    assert [r["source"] for r in records] == ["a.txt", "b.txt", "c.txt", "t.csv:2"]
    assert rejected == [("notes.docx", "unsupported file type .docx"), ("empty.txt", "empty file")]


def test_sources_can_be_relative_to_another_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(STORY, encoding="utf-8")
    records, _ = _read_all(input_partitions(tmp_path / "sub", relative_to=tmp_path))
    assert records[0]["source"] == "sub/a.txt"


def test_a_csv_without_text_column_fails_when_listed(tmp_path):
    path = tmp_path / "meta.csv"
    pd.DataFrame({"title": ["a"]}).to_csv(path, index=False)
    with pytest.raises(ArticleLoadError, match="meta.csv: no text column found"):
        input_partitions(path)
    parts = input_partitions(path, blocksize=None)  # read whole: fails when read
    with pytest.raises(ArticleLoadError, match="meta.csv: no text column found"):
        parts[0].read()


def test_the_io_layer_does_not_import_dask(tmp_path):
    import subprocess

    code = ("import sys; from analysis.io import input_partitions; "
            f"[p.read() for p in input_partitions({str(tmp_path)!r})]; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'dask']")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    subprocess.run([sys.executable, "-c", code], check=True)
