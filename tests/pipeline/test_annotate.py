"""The per-article pipeline, corpus counts and corpus runs (pandas, Dask, a local cluster)."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis.core.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.evaluation.benchmark import reuters_texts
from analysis.keywords import keyword_counts
from analysis.pipeline import annotate as annotate_module
from analysis.pipeline import runs as corpus
from analysis.pipeline.annotate import annotate_article, annotate_frame, stage_table
from analysis.pipeline.articles import read_articles
from analysis.pipeline.counts import corpus_counts, merge_counts, partial_counts
from analysis.pipeline.runs import run_corpus
from analysis.pipeline.stages import DEFAULT_STAGES, STAGES, run_stages, stage_meta
from analysis.text import Document

SEED = SEEDS_DIR / "000_afb6e35f5f233bea.txt"
# The corpus folder below has an empty file: runs warn about it (tested where it matters).
pytestmark = pytest.mark.filterwarnings("ignore:1 input\\(s\\) could not be used:UserWarning")
NLP = list(DEFAULT_STAGES)  # entities, attributions, keywords


def entity_mentions(articles: pd.DataFrame, cache=None) -> pd.DataFrame:
    return stage_table(articles, "entities", cache)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), kind="mergesort").reset_index(drop=True)


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return analysis.load_articles(SEED, progress=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The seed article, four short Reuters articles, a duplicate and an empty file."""
    path = tmp_path_factory.mktemp("corpus")
    (path / "000_seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    texts = [t for t in reuters_texts(40) if len(t.split()) < 120][:4]
    for i, text in enumerate(texts, start=1):
        (path / f"{i:03d}_reuters.txt").write_text(text, encoding="utf-8")
    (path / "sub").mkdir()
    (path / "sub" / "900_copy_of_001.txt").write_text(texts[0], encoding="utf-8")
    (path / "950_empty.txt").write_text("", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def articles(folder) -> pd.DataFrame:
    return analysis.load_articles(folder, progress=False)


def test_importing_the_package_loads_no_stage():
    code = "import sys, analysis; print(sorted(m for m in sys.modules if m in " \
           "('analysis.entities', 'analysis.attribution', 'analysis.keywords')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=PROJECT_ROOT, check=True).stdout
    assert out.strip() == "[]"
    assert {"segments", "credits", "entities", "attributions", "keywords"} <= set(STAGES)


def test_stages_hold_functions_and_attribution_reads_the_entity_stage():
    assert all(callable(stage.function) for stage in STAGES.values())
    assert STAGES["attributions"].requires == ("entities",)
    assert STAGES["key_terms"].inputs == ("headline", "document", "stemmer")
    assert STAGES["keywords"].requires == STAGES["key_terms"].requires == ()
    outputs = run_stages({"text": "Tillerson said on Friday that talks would go on."},
                         ["attributions"])
    assert set(outputs) == {"entities", "attributions"}  # the dependency ran first, once
    # a listed public figure named by surname only gets the full name (rules/entities/public_figures.tsv)
    assert outputs["attributions"]["speaker"].tolist() == ["Rex Tillerson"]


def test_annotate_article_matches_the_stage_functions_on_the_seed(seed):
    row = seed.iloc[0]
    result = annotate_article(row.article_id, row.text, row.raw_text,
                              ["segments", "credits", "sentences"] + NLP)
    segments = result["segments"]
    assert list(segments.columns) == ["article_id", "start", "end", "text", "role", "rule"]
    assert "".join(segments["text"]) == row.raw_text  # lossless cleaning, offsets into raw
    assert (segments["article_id"] == row.article_id).all()
    credits = result["credits"]
    assert {"AFP", "Getty Images"} <= set(credits["agency"])
    for stage in NLP:
        direct = run_stages(row.to_dict(), [stage])[stage]
        assert len(result[stage]) == len(direct) > 0
        assert list(result[stage].columns) == ["article_id"] + list(direct.columns)
    if "entities" in NLP:
        mentions = result["entities"]
        body = mentions[mentions["role"] == "body"]
        assert all(row.text[s:e] == t for s, e, t in zip(body.start, body.end, body.text))
        captions = mentions[mentions["role"] == "caption"]  # offsets into the raw text
        assert all(row.raw_text[s:e] == t for s, e, t in zip(captions.start, captions.end,
                                                              captions.text))
        assert {"Kim Jong-Un", "Julie Bishop"} <= set(captions["canonical"])
        assert "Rex Tillerson" in set(body["canonical"])
    if "attributions" in NLP:  # the stage types speakers with the article's entities
        attributions = result["attributions"].set_index("speaker")
        assert attributions.loc["Washington and Beijing", "source_type"] == "organization"


def test_keyword_counts_keep_all_words_and_content_lemmas(seed):
    text = seed.iloc[0].text
    counts = keyword_counts(Document(text))
    by_unit = {unit: dict(zip(g["term"], g["count"])) for unit, g in counts.groupby("unit")}
    assert set(by_unit) == {"count", "token", "lemma", "bigram", "collocation_word",
                            "collocation_pair"}
    from analysis.keywords import count_tokens

    assert sum(by_unit["count"].values()) == len(count_tokens(text))
    assert by_unit["count"]["the"] > 10  # every word form, for keyness
    assert "the" not in by_unit["token"] and "said" not in by_unit["token"]  # stopwords out
    assert by_unit["lemma"]["sanction"] >= by_unit["token"].get("sanctions", 0) > 0


def test_annotate_frame_groups_rows_by_article_in_input_order_once_per_id(articles):
    tables = annotate_frame(articles, ["sentences"], cache=False)
    sentences = tables["sentences"]
    order = list(dict.fromkeys(sentences["article_id"]))
    unique = list(dict.fromkeys(articles["article_id"]))
    assert order == unique and len(unique) == len(articles) - 1  # the copy is annotated once
    first = articles.iloc[0]
    mine = sentences[sentences["article_id"] == first.article_id]
    assert mine["text"].tolist() == analysis.sentences(first.text)["text"].tolist()


def test_cached_rerun_does_not_call_the_stage_again(articles, tmp_path, monkeypatch):
    import dataclasses

    stages = ["sentences", "credits"]  # Reuters articles have no credits: empty results cached
    first = annotate_frame(articles, stages, cache=tmp_path)

    def fail(text):
        raise AssertionError("stage called although its result is cached")

    for stage in stages:  # stages hold their functions: replace them in the registry
        monkeypatch.setitem(STAGES, stage, dataclasses.replace(STAGES[stage], function=fail))
    again = annotate_frame(articles, stages, cache=tmp_path)
    for stage in stages:
        assert_frame_equal(first[stage], again[stage])
    with pytest.raises(AssertionError, match="cached"):
        annotate_frame(articles, ["sentences"], cache=False)


def test_a_fully_cached_rerun_needs_no_stage_and_gives_identical_dtypes(articles, tmp_path,
                                                                       monkeypatch):
    stages = sorted(STAGES)  # every stage: text, numbers, nullable integers, booleans
    first = annotate_frame(articles, stages, cache=tmp_path)

    def no_meta(stage):
        raise AssertionError("a stage ran to build its meta although everything is cached")

    monkeypatch.setattr(annotate_module, "stage_meta", no_meta)
    again = annotate_frame(articles, stages, cache=tmp_path)
    for stage in stages:
        assert_frame_equal(first[stage], again[stage])
    with pytest.raises(AssertionError, match="everything is cached"):
        annotate_frame(articles, ["sentences"], cache=False)


def test_partial_counts_of_parts_sum_to_the_counts_of_the_whole(articles):
    stages = ["credits"] + NLP
    tables = annotate_frame(articles, stages, cache=False)
    whole = corpus_counts(tables)
    ids = list(dict.fromkeys(articles["article_id"]))
    for stage in whole:
        table = tables[stage]
        parts = [partial_counts(stage, table[table["article_id"].isin(ids[:2])]),
                 partial_counts(stage, table[table["article_id"].isin(ids[2:])])]
        assert_frame_equal(merge_counts(stage, parts), whole[stage])
    if "entities" in whole:
        counts = whole["entities"]
        mentions = tables["entities"]
        top = counts.iloc[0]
        same = mentions[(mentions["canonical"] == top["canonical"]) & (mentions["label"] == top["label"])
                        & (mentions["role"] == top["role"])]
        assert top["mentions"] == len(same) and top["articles"] == same["article_id"].nunique()
    credits = whole["credits"]
    assert credits.set_index(["agency", "role"]).loc[("Getty Images", "photo"), "articles"] == 1


@pytest.mark.skipif("entities" not in NLP, reason="analysis.entities not written yet")
def test_map_partitions_gives_the_pandas_result(articles):
    import dask.dataframe as dd

    expected = entity_mentions(articles, cache=False)
    unique = articles.drop_duplicates("article_id")
    unique.attrs = {}  # load_articles' attrs hold a DataFrame, which Dask cannot concatenate
    ddf = dd.from_pandas(unique, npartitions=3, sort=False)
    got = ddf.map_partitions(stage_table, "entities", cache=False, meta=stage_meta("entities")) \
        .compute(scheduler="sync")
    assert_frame_equal(_sorted(got), _sorted(expected))


def _assert_same_run(got, expected):
    assert got.n_articles == expected.n_articles
    for stage, table in expected.annotations.items():
        assert_frame_equal(_sorted(got.annotations[stage]), _sorted(table))
    for stage, table in expected.counts.items():
        assert_frame_equal(got.counts[stage], table)


def test_dask_run_equals_pandas_run_with_a_duplicate_across_partitions(folder, tmp_path):
    stages = ["credits"] + NLP
    expected = run_corpus(folder, stages, scheduler="pandas", cache=False, progress=False)
    assert expected.n_articles == 5
    got = run_corpus(folder, stages, scheduler="sync", cache=tmp_path, progress=False,
                     files_per_partition=2)
    _assert_same_run(got, expected)
    # The second run reads everything from the cache and still gives the same result.
    again = run_corpus(folder, stages, scheduler="sync", cache=tmp_path, progress=False,
                       files_per_partition=3)
    _assert_same_run(again, expected)
    # A DataFrame already loaded is split in this process (the copy lands in another chunk).
    frame = analysis.load_articles(folder, progress=False)
    from_frame = run_corpus(frame, stages, scheduler="threads", workers=2, cache=False,
                            progress=False, files_per_partition=2)
    _assert_same_run(from_frame, expected)


def test_rejected_inputs_are_the_same_in_dask_and_pandas_runs(tmp_path):
    texts = [t for t in reuters_texts(40) if len(t.split()) < 120][:2]
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(texts[0], encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "more.jsonl").write_text(  # line 3 repeats b.txt, in another partition
        "\n".join([json.dumps({"text": texts[1]}), "{broken", json.dumps({"text": texts[0]})]),
        encoding="utf-8")
    runs = {}
    for scheduler in ("pandas", "sync"):
        with pytest.warns(UserWarning, match=r"4 input\(s\) .*result\.rejected"):
            runs[scheduler] = run_corpus(tmp_path, ["credits"], scheduler=scheduler, cache=False,
                                         progress=False, files_per_partition=2)
    with pytest.warns(UserWarning, match="result.rejected"):
        from_frame = run_corpus(analysis.load_articles(tmp_path, progress=False), ["credits"],
                                scheduler="sync", cache=False, progress=False)
    expected = runs["pandas"].rejected
    assert expected["source"].tolist() == ["empty.txt", "image.txt", "more.jsonl:2", "notes.docx"]
    assert_frame_equal(runs["sync"].rejected, expected)
    assert_frame_equal(from_frame.rejected, expected)
    assert runs["sync"].n_articles == runs["pandas"].n_articles == 3


def test_progress_bars_only_when_asked(articles, capsys):
    annotate_frame(articles, ["sentences"], cache=False, progress=False)
    assert capsys.readouterr().err == ""
    annotate_frame(articles, ["sentences"], cache=False, progress=True)
    assert "annotating" in capsys.readouterr().err


@pytest.mark.slow
def test_two_worker_local_cluster_equals_single_process_run(folder, tmp_path):
    from distributed import Client, LocalCluster

    stages = ["credits"] + NLP
    expected = run_corpus(folder, stages, scheduler="pandas", cache=False, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        got = run_corpus(folder, stages, scheduler=client, cache=tmp_path, progress=False,
                         files_per_partition=2)
        _assert_same_run(got, expected)
        # Any scheduler address works the same way (here the local cluster's own).
        by_address = run_corpus(folder, stages, scheduler=cluster.scheduler_address, cache=False,
                                progress=False, files_per_partition=3)
        _assert_same_run(by_address, expected)
        frame = analysis.load_articles(folder, progress=False)
        scattered = run_corpus(frame, stages, scheduler=client, cache=False, progress=False,
                               files_per_partition=2)
        _assert_same_run(scattered, expected)
        if "entities" in NLP:
            # map_partitions annotates each partition on its own: the copy in another
            # partition is annotated again, exactly as annotating each article row would.
            lazy = read_articles(folder, files_per_partition=2)
            # a package function, not one of this module's: workers import it by name
            mentions = lazy.map_partitions(stage_table, "entities", cache=False,
                                           meta=stage_meta("entities"))
            articles = analysis.load_articles(folder, progress=False)
            per_row = pd.concat([entity_mentions(articles.iloc[[i]], cache=False)
                                 for i in range(len(articles))], ignore_index=True)
            assert_frame_equal(_sorted(client.compute(mentions).result()), _sorted(per_row))
    assert got.cache.size(stages[-1]) == expected.n_articles  # the workers filled the cache
    assert json.dumps({k: len(v) for k, v in got.counts.items()})


def test_first_partitions_lists_only_repeated_ids_with_their_first_partition():
    import dask

    id_lists = [[f"a{i}", f"shared{i % 5}", f"a{i}"] for i in range(70)]  # 70 partitions
    id_lists[69].append("a3")
    expected = pd.Series({**{f"shared{k}": k for k in range(5)}, "a3": 3}, dtype="int64",
                         name="partition").sort_index()
    tables = [corpus.partition_id_table(ids, i) for i, ids in enumerate(id_lists)]
    assert_series_equal_by_index(corpus.first_partitions(tables), expected)
    lazy = corpus.lazy_first_partitions([dask.delayed(ids) for ids in id_lists])
    assert lazy.npartitions == 2  # split over several outputs: no task holds every id
    assert_series_equal_by_index(lazy.compute(scheduler="sync"), expected)


def assert_series_equal_by_index(got: pd.Series, expected: pd.Series) -> None:
    got = got.sort_index()
    got.index = got.index.astype(object)
    expected.index = expected.index.astype(object)
    pd.testing.assert_series_equal(got, expected, check_names=False, check_index_type=False)


def test_partitioned_counts_in_pieces_sum_to_the_counts_of_the_whole(articles):
    import dask

    tables = annotate_frame(articles, ["keywords", "entities"], cache=False)
    for stage, table in tables.items():
        ids = list(dict.fromkeys(table["article_id"]))
        partials = [partial_counts(stage, table[table["article_id"] == i]) for i in ids]
        pieces = corpus.partitioned_counts(stage, [dask.delayed(p) for p in partials], split_out=3)
        assert len(pieces) == 3  # the vocabulary is split: no task holds all of it
        computed = dask.compute(*pieces, scheduler="sync")
        assert all(len(piece) for piece in computed)
        assert_frame_equal(merge_counts(stage, computed), merge_counts(stage, partials))


def test_the_notebooks_tables_come_from_the_cache_on_a_rerun(articles, tmp_path, monkeypatch):
    """Notebooks 01-04 build their tables from the stages; a re-run reads the cache and runs no
    stage at all (the stage functions are replaced by ones that fail)."""
    import dataclasses

    from analysis.tables.cleaning import cleaning_audit
    from analysis.tables.entities import mention_table
    from analysis.tables.keywords import KEYWORD_STAGES, keyword_inputs

    def tables():
        return {"audit": cleaning_audit(stage_table(articles, "segments", tmp_path)),
                "mentions": mention_table(stage_table(articles, "entities", tmp_path)),
                "attributions": stage_table(articles, "attributions", tmp_path),
                **keyword_inputs(annotate_frame(articles, KEYWORD_STAGES, cache=tmp_path),
                                 articles["article_id"])}

    first = tables()

    def fail(*args):
        raise AssertionError("a stage ran although its result is cached")

    for name in STAGES:
        monkeypatch.setitem(STAGES, name, dataclasses.replace(STAGES[name], function=fail))
    again = tables()
    for name, table in first.items():
        assert_frame_equal(table, again[name])
    assert len(first["mentions"]) and len(first["attributions"]) and len(first["audit"])


def test_one_set_of_run_helpers_serves_every_article_of_a_call(articles, monkeypatch):
    real, made = annotate_module.run_helpers, []
    monkeypatch.setattr(annotate_module, "run_helpers", lambda: made.append(real()) or made[-1])
    tables = annotate_frame(articles, ["keywords", "key_terms"], cache=False)
    assert len(made) == 1 and tables["keywords"]["article_id"].nunique() > 1
    assert made[0]["lemmatizer"]._memo and made[0]["stemmer"]._memo  # filled by every article


def test_a_later_call_for_attributions_reads_the_cached_entities(articles, tmp_path, monkeypatch):
    """Attribution reads the entity stage: once entities are cached, asking for attributions
    alone uses the cached mentions instead of finding them again (same rows as a fresh run)."""
    import dataclasses

    expected = annotate_frame(articles, ["attributions"], cache=False)["attributions"]
    annotate_frame(articles, ["entities"], cache=tmp_path)

    def fail(*args):
        raise AssertionError("entities recomputed although they are cached")

    monkeypatch.setitem(STAGES, "entities", dataclasses.replace(STAGES["entities"], function=fail))
    got = annotate_frame(articles, ["attributions"], cache=tmp_path)["attributions"]
    assert_frame_equal(got, expected)
    assert len(got)
    with pytest.raises(AssertionError, match="recomputed"):  # the stand-in is really used
        annotate_frame(articles, ["attributions"], cache=False)


def test_the_statistics_stage_counts_what_text_statistics_counts(articles):
    from analysis.pipeline.annotate import STATISTICS
    from analysis.text import text_statistics

    stats = annotate_frame(articles, [STATISTICS], cache=False)["text_statistics"]
    unique = articles.drop_duplicates("article_id")
    reference = text_statistics(unique)
    assert stats["article_id"].tolist() == reference["article_id"].tolist()
    for column in ("chars", "paragraphs", "sentences", "words"):
        assert stats[column].tolist() == reference[column].tolist(), column
    # the pipeline splits a sentence-final period off as its own token
    assert (stats["tokens"] >= reference["tokens"]).all()
    assert (stats["tokens"] <= reference["tokens"] + reference["sentences"]).all()


@pytest.mark.slow
def test_annotate_parallel_fills_the_cache_that_annotate_frame_reads(articles, tmp_path,
                                                                     monkeypatch):
    """Two worker processes annotate chunks of the corpus into the cache; afterwards the
    notebooks' call runs no stage and gives the rows of a single-process run."""
    import dataclasses

    from analysis.pipeline.annotate import annotate_parallel

    stages = ["sentences", "credits", "entities"]
    expected = annotate_frame(articles, stages, cache=False)
    assert annotate_parallel(articles, stages, cache=tmp_path, workers=2, chunk_size=2,
                             progress=False) == articles["article_id"].nunique()
    assert annotate_parallel(articles, stages, cache=tmp_path, workers=2) == 0  # all cached

    def fail(*args):
        raise AssertionError("a stage ran although its result is cached")

    for name in stages:
        monkeypatch.setitem(STAGES, name, dataclasses.replace(STAGES[name], function=fail))
    got = annotate_frame(articles, stages, cache=tmp_path)
    for name in stages:
        assert_frame_equal(got[name], expected[name])
