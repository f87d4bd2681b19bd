"""Progress bars for long runs: one helper, so loading, annotating and benchmarks look alike."""
from __future__ import annotations

from collections.abc import Iterable

#: Inputs smaller than this show no bar when the caller leaves it to us (progress=None).
PROGRESS_THRESHOLD = 200


def progress_bar(items: Iterable, total: int, enabled: bool | None, description: str) -> Iterable:
    """A tqdm bar (terminal or notebook) when enabled; None means only for large inputs."""
    if enabled is False or (enabled is None and total < PROGRESS_THRESHOLD):
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=description, unit="article")
