"""Benchmark: how fast is each stage, and how does the pipeline scale?

`python -m analysis bench [--sample N] [--workers W]` runs on the NLTK Reuters corpus (10,788
articles, about 1.3 M words; the first N files in NLTK's order with --sample) and prints one
human-readable line per measurement, then the whole result as one JSON line:

* words/s of each stage: load (read the corpus and build the article table, which includes
  cleaning), clean (clean_text alone), segment (sentences, tokens, POS tags), and the corpus
  stages as a corpus run computes them: entities (body, headline and captions), attribution,
  keywords (per-article keyword inputs); each is timed after the previous one on the same
  article, so it is the stage's own cost on top of the shared tagging pass;
* the ratio of the whole pipeline (clean + segment + entities + attribution + keywords) to bare
  NLTK on the same clean text: word_tokenize + a loaded PerceptronTagger + the loaded binary NE
  chunker (analysis.nlp.binary_ne_chunker), sentence by sentence; > 1 means faster than NLTK;
* the speed-up of W single-threaded Dask worker processes over one (a local cluster, workers
  warmed up first so start-up and model loading are not counted), next to the ceiling the
  machine allows at that moment (W plain CPU-bound processes against one: other processes on
  shared cores lower it);
* cold and warm (cached) re-run times of the single-process pipeline and their ratio;
* peak resident memory of this process and of the Dask workers (getrusage).

Timings vary with the machine and its load: run on a quiet machine and report the load.
"""
from __future__ import annotations

import os
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from analysis.core.progress import progress_bar
from analysis.evaluation.timing import (
    PeakMemory,
    Stopwatch,
    machine_parallel_ceiling,
    rate,
    reuters_texts,
    say,
    time_bare_nltk,
    words,
    worker_peak_rss_mb,
)
from analysis.pipeline.annotate import annotate_frame
from analysis.pipeline.runs import run_corpus
from analysis.pipeline.stages import DEFAULT_STAGES, STAGES, example_article, run_helpers, run_stages
from analysis.text import Document

#: NLP stages timed per article, in pipeline order: (result name, stage name in STAGES).
NLP_STAGES = (("entities", "entities"), ("attribution", "attributions"), ("keywords", "keywords"))


def _stage_functions() -> dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]]:
    """Timed step -> a function of one article's inputs and the outputs of the steps before it
    (the article's Document, the entity mentions), called in pipeline order."""
    def document(article: dict[str, Any], done: dict[str, Any]) -> Any:
        done["document"] = Document(article["text"] if isinstance(article["text"], str) else "")
        return done["document"].sentences  # the shared tagging pass

    functions: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {"segment": document}
    for label, name in NLP_STAGES:
        functions[label] = _stage_step(name)
    return functions


def _stage_step(name: str) -> Callable[[dict[str, Any], dict[str, Any]], Any]:
    stage = STAGES[name]

    def step(article: dict[str, Any], done: dict[str, Any]) -> Any:
        done[name] = stage.function(*[done[i] if i in done else article[i] for i in stage.inputs])
        return done[name]

    return step


def warm_up() -> float:
    """Load every model and rule list once (not counted in the stage timings); seconds taken."""
    from analysis.nlp import binary_ne_chunker, pos_tagger, sentence_splitter

    start = time.perf_counter()
    sentence_splitter(), pos_tagger(), binary_ne_chunker()
    run_stages(example_article(), DEFAULT_STAGES)
    import nltk

    nltk.word_tokenize("Warm up the Punkt tokenizer.")
    return time.perf_counter() - start


def time_stages(articles: pd.DataFrame) -> dict[str, float]:
    """Seconds spent in each NLP stage over the articles, article by article in pipeline order
    (each stage reads the article's one Document, as a corpus run does)."""
    functions = _stage_functions()
    watches = {name: Stopwatch() for name in functions}
    helpers = run_helpers()  # one lemma and stem memo for the run, as annotate_frame has
    records = articles[["raw_text", "text", "headline"]].to_dict("records")
    for article in progress_bar(records, len(records), None, "stages"):
        done: dict[str, Any] = dict(helpers)
        for name, function in functions.items():
            with watches[name]:
                function(article, done)
    return {name: watch.seconds for name, watch in watches.items()}


def _worker_warm_up() -> float:
    return warm_up()


def write_text_corpus(texts: Sequence[str], folder: str) -> str:
    """The texts as one .txt file each in `folder` (a corpus on disk that workers read lazily)."""
    from pathlib import Path

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (target / f"{i:07d}.txt").write_text(text, encoding="utf-8")
    return str(target)


def cluster_run(source: Any, n_workers: int, partition: int,
                stages: Sequence[str] | None = None, warm: bool = False) -> dict[str, float]:
    """One cold corpus run (no cache, results only in the counts: collect=False) on a fresh
    local cluster of n_workers single-threaded processes: articles, seconds, and the peak RSS of
    the busiest worker and of this process during the run. `warm` loads the models in the
    workers first, so that start-up is not timed."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        if warm:
            client.run(_worker_warm_up)
        with PeakMemory() as main:
            start = time.perf_counter()
            result = run_corpus(source, stages, scheduler=client, cache=False, progress=False,
                                collect=False, files_per_partition=partition)
            seconds = time.perf_counter() - start
        worker = max(client.run(worker_peak_rss_mb).values())
    return {"articles": result.n_articles, "partition_articles": partition,
            "seconds": round(seconds, 2), "worker_peak_rss_mb": round(worker, 1),
            "main_peak_rss_mb": round(main.peak_mb, 1)}


def sweep_plan(n_articles: int, fractions: Sequence[float],
               partitions: Sequence[int]) -> list[tuple[int, int]]:
    """(articles, articles per partition) of each memory run: growing corpora at the middle
    partition size, then the other partition sizes on the whole (largest) corpus."""
    middle = sorted(partitions)[len(partitions) // 2]
    sizes = [max(1, round(n_articles * fraction)) for fraction in sorted(fractions)]
    return [(n, middle) for n in sizes] + [(sizes[-1], p) for p in sorted(partitions) if p != middle]


def memory_sweep(sample: int | None = None, workers: int = 2,
                 fractions: Sequence[float] = (0.25, 0.5, 1.0),
                 partitions: Sequence[int] = (50, 200, 800)) -> dict[str, Any]:
    """Does memory follow the partition size and not the corpus size? Cold runs over Reuters
    written as text files: growing corpora at the middle partition size, then growing
    partitions on the whole corpus. Prints one line per run."""
    texts = reuters_texts(sample)
    runs = []
    with tempfile.TemporaryDirectory(prefix="analysis-bench-corpus-") as folder:
        for n, partition in sweep_plan(len(texts), fractions, partitions):
            corpus = write_text_corpus(texts[:n], f"{folder}/{n}")
            run = cluster_run(corpus, workers, partition)
            runs.append(run)
            say(f"{run['articles']:>6} articles, {partition:>4} per partition: worker peak "
                 f"{run['worker_peak_rss_mb']:.0f} MB, main process {run['main_peak_rss_mb']:.0f} MB, "
                 f"{run['seconds']:.1f} s")
    return {"memory_sweep": runs, "workers": workers,
            "load_average_1min": round(os.getloadavg()[0], 2)}


def speedup_runs(articles: pd.DataFrame, workers: int, stages: Sequence[str], partition: int,
                 repeat: int = 1) -> dict[str, Any]:
    """1 worker against `workers`, alternated `repeat` times, each pair next to the machine's
    parallel ceiling measured just before it: on shared cores one pair is noise, the median of
    several is a measurement."""
    from statistics import median

    pairs = []
    for _ in range(max(1, repeat)):
        ceiling = machine_parallel_ceiling(workers)
        runs = [cluster_run(articles, n, partition, stages, warm=True) for n in (1, workers)]
        one, many = (run["seconds"] for run in runs)
        pairs.append({"ceiling": ceiling, "one_worker_seconds": one, "n_workers_seconds": many,
                      "speedup": round(one / many, 2),
                      "worker_peak_rss_mb": max(run["worker_peak_rss_mb"] for run in runs)})
        say(f"1 worker {one:.2f} s, {workers} workers {many:.2f} s: {one / many:.2f}x "
             f"({workers} CPU-bound processes get {ceiling}x the throughput of one on this "
             f"machine now: the ceiling; {partition} articles per partition)")
    speedup = round(median(p["speedup"] for p in pairs), 2)
    peak = max(p["worker_peak_rss_mb"] for p in pairs)
    say(f"worker speed-up, median of {len(pairs)}: {speedup}x (target >= 1.7); "
         f"peak memory of a Dask worker: {peak:.0f} MB")
    return {"partition_articles": partition, "speedup_runs": pairs,
            "machine_parallel_ceiling": round(median(p["ceiling"] for p in pairs), 2),
            "one_worker_seconds": round(median(p["one_worker_seconds"] for p in pairs), 2),
            "n_workers_seconds": round(median(p["n_workers_seconds"] for p in pairs), 2),
            "worker_speedup": speedup, "worker_peak_rss_mb": peak}


def run_benchmark(sample: int | None = None, workers: int = 2, partition: int | None = None,
                  memory_sweep_only: bool = False, repeat: int = 1, **_: Any) -> dict[str, Any]:
    """Run the benchmark; prints one line per measurement and returns the numbers as a dict.
    `memory_sweep_only` runs :func:`memory_sweep` instead of the speed measurements."""
    if memory_sweep_only:
        return memory_sweep(sample, workers)
    result: dict[str, Any] = {"sample": sample, "workers": workers, "cpu_count": os.cpu_count(),
                              "load_average_1min": round(os.getloadavg()[0], 2)}
    from analysis.clean import clean_text
    from analysis.pipeline.articles import load_articles

    warm = warm_up()
    say(f"warm-up (models and rules loaded once): {warm:.1f} s")

    start = time.perf_counter()
    raws = reuters_texts(sample)
    articles = load_articles(pd.DataFrame({"text": raws}), progress=False, cache=False)
    load_seconds = time.perf_counter() - start
    texts = articles["text"].tolist()
    n_words = words(texts)
    result.update(articles=len(articles), words=n_words)
    say(f"corpus: NLTK Reuters, {len(articles)} articles, {n_words} words (clean text)")

    start = time.perf_counter()
    for raw in progress_bar(raws, len(raws), None, "clean"):
        clean_text(raw)
    seconds = {"load": load_seconds, "clean": time.perf_counter() - start}
    seconds.update(time_stages(articles))
    for name, value in seconds.items():
        result[f"{name}_words_per_s"] = rate(n_words, value)
        say(f"{name:<12} {value:8.2f} s  {rate(n_words, value):>10.1f} words/s")

    pipeline = sum(v for k, v in seconds.items() if k != "load")
    bare = time_bare_nltk(texts)
    result.update(pipeline_seconds=round(pipeline, 2), pipeline_words_per_s=rate(n_words, pipeline),
                  bare_nltk_seconds=round(bare, 2), bare_nltk_words_per_s=rate(n_words, bare),
                  pipeline_vs_bare_nltk=round(bare / pipeline, 3) if pipeline else None,
                  stages=sorted(seconds))
    say(f"pipeline     {pipeline:8.2f} s  {rate(n_words, pipeline):>10.1f} words/s "
         f"(clean + {' + '.join(k for k in seconds if k not in ('load', 'clean'))})")
    say(f"bare NLTK    {bare:8.2f} s  {rate(n_words, bare):>10.1f} words/s "
         "(word_tokenize + pos tag + binary NE chunk)")
    say(f"pipeline speed / bare NLTK speed: {result['pipeline_vs_bare_nltk']} (target >= 0.7)")

    stages = list(DEFAULT_STAGES)
    with tempfile.TemporaryDirectory(prefix="analysis-bench-cache-") as folder:
        start = time.perf_counter()
        annotate_frame(articles, stages, cache=folder, progress=None)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        annotate_frame(articles, stages, cache=folder, progress=None)
        warm_run = time.perf_counter() - start
    result.update(cold_run_seconds=round(cold, 2), cached_run_seconds=round(warm_run, 3),
                  cache_speedup=round(cold / warm_run, 1) if warm_run else None)
    say(f"cold run {cold:.2f} s, cached re-run {warm_run:.3f} s: "
         f"{result['cache_speedup']}x faster (target >= 20)")

    if workers and workers > 1:
        partition = partition or max(10, min(500, len(articles) // (8 * workers) or 1))
        result.update(speedup_runs(articles, workers, stages, partition, repeat))

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["peak_rss_mb"] = round(peak, 1)
    result["load_average_1min_end"] = round(os.getloadavg()[0], 2)
    say(f"peak memory of this process: {peak:.0f} MB (target < 3072 MB for full Reuters)")
    return result
