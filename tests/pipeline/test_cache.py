"""The annotation cache: Parquet parts keyed by article id and package version."""
from __future__ import annotations

import errno
import os
import warnings

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import analysis
from analysis.pipeline.cache import (
    DEFAULT_ROOT,
    ENV_VAR,
    AnnotationCache,
    annotation_cache,
    batch_key,
    input_key,
)

# Real mentions from the seed article, as the entities stage would store them.
ROWS = pd.DataFrame({
    "article_id": ["afb6e35f5f233bea", "afb6e35f5f233bea", "0123456789abcdef"],
    "start": pd.Series([201, 4110, 17], dtype="int64"),
    "end": pd.Series([214, 4123, 22], dtype="int64"),
    "text": ["United States", "Rex Tillerson", "China"],
    "label": ["GPE", "PERSON", "GPE"],
    "canonical": ["United States", "Rex Tillerson", "China"],
})


def _cache(tmp_path, version: str = "0.1.0", enabled: bool = True) -> AnnotationCache:
    return AnnotationCache(tmp_path, version, enabled)


def test_round_trip_returns_the_rows_of_the_requested_articles(tmp_path):
    cache = _cache(tmp_path)
    cache.put("entities", ["afb6e35f5f233bea", "0123456789abcdef"], ROWS)
    rows, found = cache.get("entities", ["afb6e35f5f233bea"])
    assert found == {"afb6e35f5f233bea"}
    expected = ROWS.iloc[:2].reset_index(drop=True)
    assert_frame_equal(rows, expected, check_dtype=False)
    assert rows["start"].dtype == "int64"


def test_articles_without_rows_are_remembered(tmp_path):
    cache = _cache(tmp_path)
    empty_article = "fedcba9876543210"  # an article with no entity at all
    cache.put("entities", ["afb6e35f5f233bea", empty_article], ROWS.iloc[:2])
    rows, found = cache.get("entities", [empty_article])
    assert found == {empty_article}
    assert rows is not None and rows.empty


def test_unknown_articles_are_reported_missing(tmp_path):
    cache = _cache(tmp_path)
    cache.put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2])
    rows, found = cache.get("entities", ["not-cached"])
    assert rows is None and found == set()
    assert cache.get("attributions", ["afb6e35f5f233bea"]) == (None, set())


def test_layout_is_version_then_stage_and_rewrites_the_same_batch(tmp_path):
    cache = _cache(tmp_path)
    ids = ["afb6e35f5f233bea", "0123456789abcdef"]
    first = cache.put("entities", ids, ROWS)
    second = cache.put("entities", list(reversed(ids)), ROWS)
    assert first == second == tmp_path / "0.1.0" / "entities" / f"part-{batch_key(ids)}.parquet"
    assert [p.name for p in (tmp_path / "0.1.0" / "entities").iterdir()] == [first.name]
    # Plain Parquet, readable without this package; the covered ids are in the metadata.
    table = pq.read_table(first)
    assert table.num_rows == 3
    assert b"analysis.article_ids" in table.schema.metadata


def test_a_new_version_does_not_see_old_results(tmp_path):
    _cache(tmp_path, "0.1.0").put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2])
    assert _cache(tmp_path, "0.2.0").get("entities", ["afb6e35f5f233bea"]) == (None, set())
    assert _cache(tmp_path, "0.1.0").size("entities") == 1


def test_disabled_cache_neither_reads_nor_writes(tmp_path):
    _cache(tmp_path).put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2])
    disabled = AnnotationCache(tmp_path, "0.1.0", enabled=False)
    assert disabled.get("entities", ["afb6e35f5f233bea"]) == (None, set())
    assert disabled.put("entities", ["0123456789abcdef"], ROWS.iloc[2:]) is None
    assert _cache(tmp_path).size("entities") == 1


def test_damaged_or_foreign_files_are_reported_removed_and_ignored(tmp_path):
    cache = _cache(tmp_path)
    cache.put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2])
    foreign = cache.stage_dir("entities") / "part-zzzz.parquet"
    foreign.write_bytes(b"not parquet")
    with pytest.warns(RuntimeWarning, match="damaged annotation cache part .*part-zzzz"):
        rows, found = cache.get("entities", ["afb6e35f5f233bea"])
    assert found == {"afb6e35f5f233bea"} and len(rows) == 2
    assert not foreign.exists()


def test_clear_removes_one_stage(tmp_path):
    cache = _cache(tmp_path)
    cache.put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2])
    cache.put("keywords", ["afb6e35f5f233bea"], pd.DataFrame({"article_id": ["afb6e35f5f233bea"],
                                                              "term": ["korea"], "count": [9]}))
    cache.clear("entities")
    assert cache.size("entities") == 0 and cache.size("keywords") == 1


def test_location_from_argument_environment_or_default(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    default = annotation_cache()
    assert default.enabled and default.root == DEFAULT_ROOT.resolve()
    assert default.version.startswith(analysis.__version__ + "+")
    assert annotation_cache(tmp_path).root == tmp_path.resolve()
    assert not annotation_cache(False).enabled
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "elsewhere"))
    assert annotation_cache().root == (tmp_path / "elsewhere").resolve()
    monkeypatch.setenv(ENV_VAR, "off")
    assert not annotation_cache().enabled
    assert annotation_cache(True).enabled  # an explicit request wins over the variable
    assert annotation_cache(tmp_path).enabled


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a1", "b2", "c3", "d4", "e5", "f6"]), min_size=1,
                         max_size=4, unique=True), min_size=1, max_size=4),
       st.lists(st.sampled_from(["a1", "b2", "c3", "d4", "e5", "f6", "zz"]), max_size=5))
def test_get_returns_exactly_the_cached_rows_of_the_asked_ids(batches, asked):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        cache = AnnotationCache(folder, "t")
        stored = set()
        for batch in batches:
            rows = pd.DataFrame({"article_id": batch, "n": [len(i) for i in batch]})
            cache.put("s", batch, rows)
            stored.update(batch)
        rows, found = cache.get("s", asked)
        assert found == set(asked) & stored
        got = [] if rows is None else rows["article_id"].tolist()
        assert sorted(got) == sorted(found)  # one row per cached article, never two


@pytest.mark.parametrize("ids", [["b", "a"], ["a", "b", "a"]])
def test_batch_key_ignores_order_and_repeats(ids):
    assert batch_key(ids) == batch_key(["a", "b"])
    assert batch_key(["a"]) != batch_key(["a", "b"])


def test_an_all_empty_part_can_be_read_back(tmp_path):
    cache = _cache(tmp_path)
    empty = ROWS.iloc[:0].astype(object)  # object columns without values: Arrow type "null"
    cache.put("credits", ["0123456789abcdef"], empty)
    cache.put("credits", ["afb6e35f5f233bea"], ROWS.iloc[:2])
    rows, found = cache.get("credits", ["0123456789abcdef", "afb6e35f5f233bea"])
    assert found == {"0123456789abcdef", "afb6e35f5f233bea"}
    assert rows["text"].tolist() == ["United States", "Rex Tillerson"]


def test_prune_keeps_only_the_current_version(tmp_path):
    _cache(tmp_path, "0.1.0+old").put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2])
    current = _cache(tmp_path, "0.1.0+new")
    current.put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2])
    assert current.prune() == ["0.1.0+old"]
    assert [p.name for p in tmp_path.iterdir()] == ["0.1.0+new"]


def test_the_version_key_changes_with_the_code():
    from analysis.pipeline.cache import code_fingerprint

    assert len(code_fingerprint()) == 10
    assert annotation_cache(False).version == f"{analysis.__version__}+{code_fingerprint()}"


# ----------------------------------------------------------------- issue 15: keys, damage, folders


def test_the_same_article_id_with_another_text_is_another_key(tmp_path):
    cache = _cache(tmp_path)
    old = input_key("a1", ["Tony Blair visited London."])
    new = input_key("a1", ["Angela Merkel visited Paris."])
    assert old != new and old.startswith("a1@")
    assert input_key("a1", [None]) != input_key("a1", [""])
    assert input_key("a1", ["ab", "c"]) != input_key("a1", ["a", "bc"])  # fields are delimited
    cache.put("entities", ["a1"], ROWS.iloc[:2].assign(article_id="a1"), keys=[old])
    assert cache.get("entities", [new]) == (None, set())
    rows, found = cache.get("entities", [old])
    assert found == {old} and rows["text"].tolist() == ["United States", "Rex Tillerson"]
    assert cache.index("entities") == {old: cache.part_files("entities")[0]}


def test_one_article_under_two_keys_in_a_batch_is_refused(tmp_path):
    with pytest.raises(ValueError, match="two keys"):
        _cache(tmp_path).put("entities", ["a1", "a1"], ROWS.iloc[:0], keys=["a1@x", "a1@y"])
    with pytest.raises(ValueError, match="keys for"):
        _cache(tmp_path).put("entities", ["a1"], ROWS.iloc[:0], keys=["a1@x", "a1@y"])


def test_changed_bytes_in_a_part_are_caught_by_the_page_checksums(tmp_path):
    """Issue 15, item 7: "London" edited to "Lundon" inside a part, its structure kept."""
    cache = _cache(tmp_path)
    rows = pd.DataFrame({"article_id": ["a1", "a1"], "text": ["London", "Paris"]})
    path = cache.put("entities", ["a1"], rows)
    data = bytearray(path.read_bytes())
    at = data.index(b"London")
    data[at + 1:at + 2] = b"u"
    path.write_bytes(bytes(data))
    assert pq.read_table(path)["text"].to_pylist()[0] == "Lundon"  # plain reading is fooled
    with pytest.warns(RuntimeWarning, match="damaged annotation cache part .*CRC"):
        assert cache.get("entities", ["a1"]) == (None, set())  # the caller computes it again
    assert not path.exists()
    assert cache.put("entities", ["a1"], rows) == path  # and stores it afresh
    assert cache.get("entities", ["a1"])[0]["text"].tolist() == ["London", "Paris"]


def test_a_damaged_list_of_covered_articles_is_caught(tmp_path):
    cache = _cache(tmp_path)
    path = cache.put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2])
    table = pq.read_table(path)
    metadata = dict(table.schema.metadata)
    metadata[b"analysis.article_keys"] = b'["afb6e35f5f233bec"]'  # one character changed
    pq.write_table(table.replace_schema_metadata(metadata), path)
    os.utime(path, ns=(1, 1))  # footers are remembered per mtime: make this one new
    with pytest.warns(RuntimeWarning, match="does not match its checksum"):
        assert cache.get("entities", ["afb6e35f5f233bec"]) == (None, set())


def test_lone_surrogates_are_stored_as_replacement_characters(tmp_path):
    cache = _cache(tmp_path)
    rows = pd.DataFrame({"article_id": ["a1"], "text": ["win \ud83d"], "start": [3]}, dtype=object)
    cache.put("entities", ["a1"], rows)
    assert cache.get("entities", ["a1"])[0]["text"].tolist() == ["win \ufffd"]


def test_a_cache_folder_that_is_a_file_warns_once_and_the_work_goes_on(tmp_path):
    """Issue 15, item 5: a non-directory cache gave a bare OSError that named no cache."""
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("x")
    cache = AnnotationCache(not_a_folder, "0.1.0")
    with pytest.warns(RuntimeWarning, match=f"annotation cache {not_a_folder} cannot be written"):
        assert cache.put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2]) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # once: the second write is skipped without a word
        assert cache.put("entities", ["0123456789abcdef"], ROWS.iloc[2:]) is None
        assert cache.get("entities", ["afb6e35f5f233bea"]) == (None, set())
        assert not cache.writable().enabled


def test_a_full_disk_warns_once_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full)
    cache = _cache(tmp_path / "full")
    with pytest.warns(RuntimeWarning, match="full.*No space left on device"):
        assert cache.put("entities", ["afb6e35f5f233bea"], ROWS.iloc[:2]) is None
    assert list(cache.stage_dir("entities").iterdir()) == []


def test_a_read_only_cache_is_probed_and_disabled_with_one_warning(tmp_path, monkeypatch):
    from pathlib import Path

    def read_only(self, data):
        raise PermissionError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "write_bytes", read_only)
    cache = _cache(tmp_path / "ro")
    with pytest.warns(RuntimeWarning, match="ro cannot be written.*Read-only"):
        probed = cache.writable()
    assert not probed.enabled and probed.root == cache.root
    monkeypatch.undo()
    fine = _cache(tmp_path / "rw")
    assert fine.writable() is fine and not list((tmp_path / "rw").iterdir())  # probe removed


def test_a_run_manifest_lists_the_keys_of_each_partition(tmp_path):
    cache = _cache(tmp_path)
    cache.record_run("run1", 1, "entities", ["b@2", "b@2", "c@3"])
    cache.record_run("run1", 0, "entities", ["a@1"])
    manifests = cache.run_manifests("run1", "entities")
    assert [cache.manifest_keys(m) for m in manifests] == [["a@1"], ["b@2", "c@3"]]
    assert cache.run_manifests("run2", "entities") == []
    disabled = _cache(tmp_path / "off", enabled=False)
    disabled.record_run("run1", 0, "entities", ["a@1"])
    assert not (tmp_path / "off").exists()


def test_the_cache_argument_is_checked():
    with pytest.raises(TypeError, match="cache must be None, a bool, a folder path"):
        annotation_cache(3)
