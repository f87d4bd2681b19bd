"""Timing and memory measurements shared by the benchmark and the evaluation commands."""
from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from analysis.core.progress import progress_bar


def words(texts: Sequence[str]) -> int:
    """Whitespace-separated words: the unit of every words/s figure."""
    return sum(len(text.split()) for text in texts)


def rate(n_words: int, seconds: float) -> float:
    """Words per second, rounded (0 when nothing was timed)."""
    return round(n_words / seconds, 1) if seconds > 0 else 0.0


def say(message: str) -> None:
    print(message, file=sys.stdout, flush=True)


class Stopwatch:
    """Seconds spent inside its `with` blocks, summed over every use: one way to time a step."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._started = 0.0

    def __enter__(self) -> Stopwatch:
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._started


def reuters_texts(sample: int | None = None) -> list[str]:
    """Raw texts of the NLTK Reuters corpus in fileid order (the first `sample` of them)."""
    from analysis.keywords import read_raw_texts

    return read_raw_texts("reuters", sample)


def time_bare_nltk(texts: Sequence[str]) -> float:
    """Seconds for NLTK alone: sent_tokenize, word_tokenize, tag, binary NE chunk (models loaded
    once, as a careful NLTK user would; nltk.pos_tag would reload the tagger on every call)."""
    import nltk

    from analysis.nlp import binary_ne_chunker, pos_tagger

    tagger, chunker = pos_tagger(), binary_ne_chunker()
    with Stopwatch() as stopwatch:
        for text in progress_bar(texts, len(texts), None, "bare NLTK"):
            for sentence in nltk.sent_tokenize(text):
                tokens = nltk.word_tokenize(sentence)
                if tokens:
                    chunker.parse(tagger.tag(tokens))
    return stopwatch.seconds




def worker_peak_rss_mb(dask_worker=None) -> float:
    """Peak resident memory of a Dask worker in MB: the largest sample of the worker's system
    monitor (every 0.5 s) or its current RSS. (getrusage's ru_maxrss would report the parent's
    peak: a spawned process keeps the high-water mark of the process that started it.)"""
    import psutil

    current = psutil.Process().memory_info().rss
    samples = []
    monitor = getattr(dask_worker, "monitor", None)
    if monitor is not None:
        samples = list(getattr(monitor, "quantities", {}).get("memory", []))
    return round(max([current] + samples) / 2**20, 1)


def _burn(n: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - start


def machine_parallel_ceiling(n_workers: int, loops: int = 10_000_000) -> float:
    """Throughput speed-up that n_workers processes get on this machine right now for plain
    CPU-bound Python (n_workers on an idle machine with that many cores; less when other
    processes share the cores). The worker speed-up cannot exceed it."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(n_workers) as pool:
        list(pool.map(_burn, [1000] * n_workers))  # start the processes
        start = time.perf_counter()
        list(pool.map(_burn, [loops]))
        one = time.perf_counter() - start
        start = time.perf_counter()
        list(pool.map(_burn, [loops] * n_workers))
        many = time.perf_counter() - start
    return round(n_workers * one / many, 2)


class PeakMemory:
    """Peak resident memory of this process while the block runs (sampled every 0.1 s by a
    thread: getrusage keeps the high-water mark of everything before the block too)."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self._stop = None
        self._thread = None

    def _sample(self) -> None:
        import psutil

        process = psutil.Process()
        while True:
            self.peak_mb = max(self.peak_mb, process.memory_info().rss / 2**20)
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> "PeakMemory":
        import threading

        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
