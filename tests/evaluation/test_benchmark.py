"""The benchmark's pieces and its result format (speed itself is measured, never asserted)."""
from __future__ import annotations

import json

import pytest

from analysis.__main__ import build_parser
from analysis.evaluation import benchmark as bench
from analysis.evaluation import timing


def test_rate_and_words():
    assert timing.words(["U.S. officials said", "Tillerson  said\nthis"]) == 6
    assert timing.rate(1000, 0.5) == 2000.0
    assert timing.rate(1000, 0.0) == 0.0


def test_reuters_sample_is_the_first_files_in_nltk_order():
    from nltk.corpus import reuters

    texts = bench.reuters_texts(3)
    assert len(texts) == 3
    assert texts == [reuters.raw(f) for f in reuters.fileids()[:3]]
    assert texts[0].startswith("ASIAN EXPORTERS FEAR DAMAGE FROM U.S.-JAPAN RIFT")


def test_stage_timings_cover_every_available_stage():
    import pandas as pd

    import analysis

    texts = bench.reuters_texts(2)
    articles = analysis.load_articles(pd.DataFrame({"text": texts}), progress=False)
    seconds = bench.time_stages(articles)
    expected = {"segment"} | {label for label, _ in bench.NLP_STAGES}
    assert set(seconds) == expected
    assert all(value > 0 for value in seconds.values())
    assert bench.time_bare_nltk(articles["text"].tolist()) > 0


def test_benchmark_prints_lines_and_returns_json_ready_numbers(capsys):
    result = bench.run_benchmark(sample=3, workers=1)
    lines = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("segment") and "words/s" in line for line in lines)
    assert any("cached re-run" in line for line in lines)
    json.loads(json.dumps(result))  # one JSON line is printed from this dict
    assert result["articles"] == 3 and result["words"] > 100
    for key in ("load_words_per_s", "clean_words_per_s", "segment_words_per_s",
                "pipeline_vs_bare_nltk", "cold_run_seconds", "cached_run_seconds",
                "cache_speedup", "peak_rss_mb"):
        assert isinstance(result[key], (int, float)) and result[key] > 0, key
    assert "worker_speedup" not in result  # one worker: nothing to compare


@pytest.mark.parametrize("argv, expected", [
    (["bench"], {"sample": None, "workers": 2, "partition": None, "memory_sweep_only": False,
                 "repeat": 1}),
    (["bench", "--sample", "1000", "--workers", "2", "--partition", "50", "--repeat", "3"],
     {"sample": 1000, "workers": 2, "partition": 50, "memory_sweep_only": False, "repeat": 3}),
    (["bench", "--memory-sweep", "--sample", "500"],
     {"sample": 500, "workers": 2, "partition": None, "memory_sweep_only": True, "repeat": 1}),
])
def test_command_line_arguments_reach_run_benchmark(argv, expected):
    args = vars(build_parser().parse_args(argv))
    passed = {k: v for k, v in args.items() if k not in {"func", "command"}}
    assert passed == expected
    import inspect

    inspect.signature(bench.run_benchmark).bind(**passed)


def test_machine_ceiling_is_a_throughput_ratio():
    ceiling = timing.machine_parallel_ceiling(2, loops=200_000)
    assert 0 < ceiling < 3  # two processes can at most double the throughput (plus noise)


def test_sweep_plan_grows_the_corpus_then_the_partitions():
    assert bench.sweep_plan(10788, (0.25, 0.5, 1.0), (50, 200, 800)) == [
        (2697, 200), (5394, 200), (10788, 200), (10788, 50), (10788, 800)]
    assert bench.sweep_plan(6, (1.0,), (4,)) == [(6, 4)]


@pytest.mark.slow
def test_memory_sweep_measures_workers_and_this_process(capsys):
    result = bench.memory_sweep(sample=6, workers=1, fractions=(1.0,), partitions=(4,))
    (run,) = result["memory_sweep"]
    assert (run["articles"], run["partition_articles"]) == (6, 4)
    assert run["worker_peak_rss_mb"] > 50 and run["main_peak_rss_mb"] > 50 and run["seconds"] > 0
    assert "6 articles,    4 per partition" in capsys.readouterr().out
    json.loads(json.dumps(result))


def test_peak_memory_sees_an_allocation_inside_the_block():
    with timing.PeakMemory(interval=0.01) as outer:
        block = bytearray(200 * 2**20)  # 200 MB, touched below so it is resident
        block[::4096] = b"x" * len(block[::4096])
        import time

        time.sleep(0.1)
        del block
    assert outer.peak_mb > 200
