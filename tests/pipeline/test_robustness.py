"""Issue 15's reproductions for the pipeline and the public functions: nothing crashes, nothing
is lost, nothing stale. Each case is the attack's own input; the property test at the end mutates
real sentences of the seed article as the attack did."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import types
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import analysis
from analysis.core.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.io import ArticleLoadError
from analysis.pipeline import clusters
from analysis.pipeline.annotate import annotate_frame
from analysis.pipeline.cache import ENV_VAR
from analysis.pipeline.runs import run_corpus
from analysis.pipeline.stages import Stage

SEED = SEEDS_DIR / "000_afb6e35f5f233bea.txt"
SURROGATE_LINE = '{"text": "Mr Blair said he would win \\ud83d"}\n'  # issue 15, item 1
STORIES = ["Tony Blair visited London on Monday. He said the talks went well.",
           "Angela Merkel met Emmanuel Macron in Paris, officials said.",
           "Rex Tillerson said China must put more pressure on North Korea."]


def _frame(texts: list[str], ids: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"article_id": ids or [f"id{i}" for i in range(len(texts))],
                         "text": texts, "raw_text": texts})


def _no_warning_run(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return run_corpus(*args, **kwargs)


# ------------------------------------------------------------------ item 4: stale results


def test_the_same_id_with_a_new_text_gets_the_new_texts_entities(tmp_path):
    old = annotate_frame(_frame(["Tony Blair visited London."], ["a1"]), ["entities"],
                         cache=tmp_path)["entities"]
    assert set(old["canonical"]) == {"Tony Blair", "London"}
    new = annotate_frame(_frame(["Angela Merkel visited Paris."], ["a1"]), ["entities"],
                         cache=tmp_path)["entities"]
    assert set(new["canonical"]) == {"Angela Merkel", "Paris"}  # was Tony Blair, London


def test_editing_the_text_column_and_running_again_gives_new_results(tmp_path):
    articles = _frame(STORIES[:2])
    first = _no_warning_run(articles, ["entities"], scheduler="pandas", cache=tmp_path,
                            progress=False)
    edited = articles.copy()
    edited["text"] = [STORIES[2], STORIES[1]]  # same ids, the first text replaced
    again = _no_warning_run(edited, ["entities"], scheduler="sync", cache=tmp_path,
                            progress=False)
    first_names = set(first.counts["entities"]["canonical"])
    again_names = set(again.counts["entities"]["canonical"])
    assert "Tony Blair" in first_names and "Tony Blair" not in again_names
    assert {"Rex Tillerson", "Angela Merkel"} <= again_names


# ------------------------------------------------------------------ item 5: cache=False, bad folders


@pytest.mark.parametrize("scheduler", ["pandas", "sync"])
def test_cache_false_writes_nothing_anywhere(tmp_path, monkeypatch, scheduler):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "default-cache"))
    (tmp_path / "a.txt").write_text(STORIES[0], encoding="utf-8")
    result = _no_warning_run(tmp_path / "a.txt", ["entities"], scheduler=scheduler, cache=False,
                             progress=False)
    assert result.n_articles == 1
    assert not (tmp_path / "default-cache").exists()  # cleaning results were written here


@pytest.mark.parametrize("scheduler", ["pandas", "sync"])
def test_a_cache_folder_that_cannot_be_written_warns_once_and_the_run_goes_on(tmp_path,
                                                                             scheduler):
    (tmp_path / "a.txt").write_text(STORIES[0], encoding="utf-8")
    not_a_folder = tmp_path / f"cache-{scheduler}"
    not_a_folder.write_text("a file where the cache folder should be")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run_corpus(tmp_path / "a.txt", ["entities"], scheduler=scheduler,
                            cache=not_a_folder, progress=False)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1 and str(not_a_folder) in messages[0], messages
    assert "Tony Blair" in set(result.counts["entities"]["canonical"])


# ------------------------------------------------------------------ item 6: cached_table


def test_cached_table_returns_exactly_the_runs_articles(tmp_path):
    other = _no_warning_run(_frame(STORIES, ["x1", "x2", "x3"]), ["entities"],
                            scheduler="pandas", cache=tmp_path, progress=False)
    mine = _no_warning_run(_frame(STORIES[:2]), ["entities"], scheduler="sync", cache=tmp_path,
                           progress=False, files_per_partition=1)
    table = mine.cached_table("entities").compute(scheduler="sync")
    assert set(table["article_id"]) == {"id0", "id1"}  # not the other corpus' x1..x3
    assert len(table) == len(mine.annotations["entities"])
    assert set(other.cached_table("entities").compute(scheduler="sync")["article_id"]) == {
        "x1", "x2", "x3"}
    with pytest.raises(ValueError, match="not part of this run"):
        mine.cached_table("keywords")


def test_cached_table_after_concurrent_runs_of_one_corpus_has_each_row_once(tmp_path):
    articles = _frame(STORIES)
    expected = run_corpus(articles, ["entities"], scheduler="pandas", cache=False,
                          progress=False).annotations["entities"]
    results = []

    def run(size: int) -> None:
        results.append(run_corpus(articles, ["entities"], scheduler="sync", cache=tmp_path,
                                  progress=False, files_per_partition=size))

    threads = [threading.Thread(target=run, args=(size,)) for size in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        table = result.cached_table("entities").compute(scheduler="sync")
        assert len(table) == len(expected)  # was more rows than articles after two runs
        key = ["article_id", "start", "role"]
        assert_frame_equal(table.sort_values(key).reset_index(drop=True)[["article_id", "text"]],
                           expected.sort_values(key).reset_index(drop=True)[["article_id", "text"]],
                           check_dtype=False)


def test_cached_table_without_a_cache_is_the_collected_table():
    result = run_corpus(_frame(STORIES[:1]), ["entities"], scheduler="pandas", cache=False,
                        progress=False)
    table = result.cached_table("entities").compute(scheduler="sync")
    assert table["text"].tolist() == result.annotations["entities"]["text"].tolist()
    lazy = run_corpus(_frame(STORIES[:1]), ["entities"], scheduler="pandas", cache=False,
                      progress=False, collect=False)
    with pytest.raises(ValueError, match="without a usable cache"):
        lazy.cached_table("entities")


# ------------------------------------------------------------------ item 7: damaged parts


def test_changed_bytes_in_a_cached_part_are_recomputed_with_a_warning(tmp_path):
    articles = _frame(["Tony Blair visited London."])
    first = annotate_frame(articles, ["entities"], cache=tmp_path)["entities"]
    [part] = list(tmp_path.rglob("entities/part-*.parquet"))
    data = bytearray(part.read_bytes())
    at = data.index(b"London")
    data[at + 1:at + 2] = b"u"  # "Lundon", the file's structure kept
    part.write_bytes(bytes(data))
    with pytest.warns(RuntimeWarning, match="damaged annotation cache part"):
        again = annotate_frame(articles, ["entities"], cache=tmp_path)["entities"]
    assert_frame_equal(again, first)
    assert "Lundon" not in set(again["text"])


# ------------------------------------------------------------------ item 1: lone surrogates


@pytest.mark.parametrize("scheduler", ["pandas", "sync", "threads"])
@pytest.mark.parametrize("cached", [False, True])
def test_a_lone_surrogate_in_jsonl_does_not_crash_a_run(tmp_path, scheduler, cached):
    source = tmp_path / "s.jsonl"
    source.write_text(SURROGATE_LINE, encoding="utf-8")
    result = run_corpus(source, None, scheduler=scheduler, cache=tmp_path / "c" if cached else False,
                        progress=False)
    assert result.n_articles == 1
    assert "Tony Blair" in set(result.counts["entities"]["canonical"])
    [speaker] = result.annotations["attributions"]["speaker"].tolist()
    assert "Blair" in speaker


def test_the_public_functions_take_a_lone_surrogate_and_keep_offsets():
    text = "Mr Blair said he would win \ud83d"
    [speaker] = analysis.extract_attributions(text)["speaker"].tolist()  # failed before
    assert "Blair" in speaker
    entities = analysis.extract_entities(text)
    assert [text[s:e] for s, e in zip(entities["start"], entities["end"])] == ["Blair"]
    assert len(analysis.extract_keywords([text])) > 0
    cleaned = analysis.clean_text(text)
    assert "".join(cleaned.segments["text"]) == text.replace("\ud83d", "\ufffd")
    assert analysis.extract_credits(text + "\n(Photo: \ud83d AFP)").shape[1] > 0


# ------------------------------------------------------------------ item 9: argument checks


@pytest.mark.parametrize("call, error, message", [
    (lambda: analysis.extract_entities(5), TypeError, "text must be a str or Document, got int"),
    (lambda: analysis.extract_attributions(b"Mr Blair said he would win."), TypeError,
     "got bytes"),
    (lambda: analysis.extract_attributions(None), TypeError, "got NoneType"),
    (lambda: analysis.extract_keywords(None), TypeError, "texts must be a sequence of str"),
    (lambda: analysis.extract_keywords(["Mr Blair said."], top_n=0), ValueError,
     "top_n must be >= 1"),
    (lambda: analysis.extract_keywords(["Mr Blair said."], top_n="3"), TypeError,
     "top_n must be an int"),
    (lambda: analysis.extract_credits(None), TypeError, "raw must be a str"),
    (lambda: annotate_frame(["Mr Blair said."], ["entities"]), TypeError,
     "articles must be a pandas DataFrame"),
    (lambda: annotate_frame(pd.DataFrame({"text": ["x"]}), ["entities"]), ValueError,
     "no article_id column"),
])
def test_public_functions_name_the_expected_type_or_range(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("setting, error, message", [
    ({"workers": -1}, ValueError, "workers must be >= 1, got -1"),  # hung before
    ({"workers": 1.5}, TypeError, "workers must be an int"),
    ({"files_per_partition": 0}, ValueError, "files_per_partition must be >= 1"),
    ({"blocksize": 0}, ValueError, "blocksize must be >= 1"),  # ZeroDivisionError before
    ({"scheduler": "proceses"}, ValueError, "scheduler must be 'pandas', 'local'"),
    ({"scheduler": 3}, TypeError, "scheduler must be a str or a distributed.Client"),
    ({"stages": [5]}, TypeError, "stages must hold stage names"),
    ({"stages": ["entity"]}, ValueError, "unknown stage 'entity'"),
])
def test_run_corpus_checks_its_settings_before_any_work(tmp_path, setting, error, message):
    (tmp_path / "a.txt").write_text(STORIES[0], encoding="utf-8")
    options = {"scheduler": "sync", "cache": False, "progress": False, **setting}
    with pytest.raises(error, match=message):
        run_corpus(tmp_path / "a.txt", **options)
    with pytest.raises(TypeError, match="source must be a path"):
        run_corpus(5, scheduler="pandas")


def test_one_stage_name_is_one_stage(tmp_path):
    result = run_corpus(_frame(STORIES[:1]), "entities", scheduler="sync", cache=False,
                        progress=False)
    assert result.stages == ("entities",)


@pytest.mark.parametrize("scheduler", ["pandas", "sync", "threads"])
def test_every_input_rejected_raises_the_same_error_on_every_scheduler(tmp_path, scheduler):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("{broken\n", encoding="utf-8")
    with pytest.raises(ArticleLoadError, match=r"no article could be loaded\..*empty\.txt"):
        run_corpus(tmp_path, ["entities"], scheduler=scheduler, cache=False, progress=False)


def test_a_script_without_a_main_guard_gets_one_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text(STORIES[0], encoding="utf-8")
    script = tmp_path / "count.py"
    script.write_text("from analysis.pipeline.runs import run_corpus\n"
                      f"run_corpus({str(tmp_path / 'a.txt')!r}, ['sentences'], workers=1)\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode != 0
    assert 'if __name__ == "__main__":' in done.stderr and "Nanny" not in done.stderr
    assert len(done.stderr.splitlines()) < 40  # was ~480 lines


class _Client:
    """A stand-in for distributed.Client whose one worker runs `run` here, in this process,
    without the modules in `lacks` (as a worker started before they were importable)."""

    def __init__(self, lacks: tuple[str, ...] = ()) -> None:
        self.lacks = lacks

    def run(self, function, *args, on_error="raise"):
        saved = {name: sys.modules.pop(name) for name in self.lacks if name in sys.modules}
        try:
            return {"tcp://127.0.0.1:1": function(*args)}
        finally:
            sys.modules.update(saved)


def _count(text):
    return pd.DataFrame({"n": [len(text)]})


def test_a_stage_function_the_workers_cannot_import_is_a_clear_error(monkeypatch):
    module = types.ModuleType("a_module_only_the_client_has")
    function = types.FunctionType(_count.__code__, _count.__globals__, "count")
    function.__module__, function.__qualname__ = module.__name__, "count"
    module.count = function
    monkeypatch.setitem(sys.modules, module.__name__, module)
    client = _Client(lacks=(module.__name__,))
    with pytest.raises(RuntimeError, match="cannot import a_module_only_the_client_has.count"):
        clusters.check_workers_import(client, ["sentences", Stage("chars", function)])
    clusters.check_workers_import(client, ["sentences", "entities"])  # the package's own: fine
    local = types.FunctionType(_count.__code__, _count.__globals__, "local")
    local.__qualname__ = "test.<locals>.local"  # not found by name: Dask sends it by value
    clusters.check_workers_import(client, [Stage("local", local)])


@pytest.mark.slow
def test_a_local_cluster_fails_clearly_instead_of_hanging_on_an_unimportable_function(tmp_path):
    """The known hang: a worker that cannot import a function leaves its task waiting."""
    module = tmp_path / "client_only_stage.py"
    module.write_text("import pandas as pd\n\ndef chars(text):\n"
                      "    return pd.DataFrame({'n': [len(text)]})\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORIES[0], encoding="utf-8")
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        sys.path.insert(0, str(tmp_path))  # after the workers started: they lack it
        try:
            import client_only_stage

            with pytest.raises(RuntimeError, match="cannot import client_only_stage.chars"):
                run_corpus(tmp_path / "a.txt", [Stage("chars", client_only_stage.chars)],
                           scheduler=client, cache=False, progress=False)
        finally:
            sys.path.remove(str(tmp_path))
            sys.modules.pop("client_only_stage", None)


@pytest.mark.slow
def test_a_lone_surrogate_does_not_crash_a_process_or_cluster_run(tmp_path):
    source = tmp_path / "s.jsonl"
    source.write_text(SURROGATE_LINE, encoding="utf-8")
    for scheduler in ("processes", None):
        result = run_corpus(source, ["entities", "attributions"], scheduler=scheduler, workers=1,
                            cache=tmp_path / "c", progress=False)
        assert ["Blair" in s for s in result.annotations["attributions"]["speaker"]] == [True]


# ------------------------------------------------------------------ mutated real texts


def _seed_sentences() -> list[str]:
    body = analysis.clean_text(SEED.read_text(encoding="utf-8")).text
    return [s for s in analysis.sentences(body)["text"] if 30 < len(s) < 250][:40]


SENTENCES = _seed_sentences()
INSERTS = ["\ud83d", "\udc00x", "\x00", "\x07", "\u200b", "\ufeff", "\r\n", "\x1b[0m",
           "â€™", "Ã©", "\u202e", "\t\t", "“", "\"", "'s", " said", "Mr. ", "\n\n",
           "\U0001F600", "\u0301"]


@st.composite
def mutated_texts(draw) -> str:
    """Seed sentences joined, with surrogates, NULs, control characters, mojibake, quotes, long
    runs inserted at random places, as the attack generated them."""
    sentences = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=2))
    text = " ".join(sentences)
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(st.sampled_from(INSERTS),
                               st.builds(lambda c, n: c * n, st.sampled_from(["a", "!", " ", "\n", "—"]),
                                         st.integers(20, 200))))
        text = text[:at] + piece + text[at:]
    return text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_texts())
def test_mutated_real_texts_raise_nothing_and_keep_offsets(text):
    safe = text.replace("\ud83d", "\ufffd").replace("\udc00", "\ufffd")
    cleaned = analysis.clean_text(text)
    assert "".join(cleaned.segments["text"]) == safe  # lossless, up to U+FFFD for surrogates
    for start, end, piece in zip(cleaned.segments["start"], cleaned.segments["end"],
                                 cleaned.segments["text"]):
        assert safe[start:end] == piece
    entities = analysis.extract_entities(text)
    assert all(safe[s:e] == t for s, e, t in zip(entities["start"], entities["end"],
                                                   entities["text"]))
    attributions = analysis.extract_attributions(text)
    for _, row in attributions.iterrows():
        assert safe[row.content_start:row.content_end] == row.content
        assert safe[row.cue_start:row.cue_end] == row.cue
        if pd.notna(row.source_start):
            assert safe[row.source_start:row.source_end] == row.source_text
    keywords = analysis.extract_keywords([text, SENTENCES[0]], top_n=5)
    assert set(keywords["doc"]) <= {0, 1}
    json.dumps(keywords["keyword"].tolist())  # writable as UTF-8: no surrogate left
