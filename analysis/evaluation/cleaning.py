"""Cleaning scored on the modern-news gold: noise removed, body kept, headline accuracy and the
noise left by kind (`python -m analysis evaluate cleaning --data <modern-news folder>`)."""
from __future__ import annotations

from pathlib import Path

from analysis.evaluation.modern_news import CLEANING_PARTS, score_parts


def evaluate(data: str | Path, split: str | None = None, limit: int | None = None) -> dict:
    """The gold folder's cleaning metrics for this package's `clean_text`."""
    return score_parts(data, CLEANING_PARTS, limit)
