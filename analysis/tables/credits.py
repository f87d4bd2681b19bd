"""Provenance credits over a corpus, and how often each agency is credited."""
from __future__ import annotations

import pandas as pd

from analysis.clean import CREDIT_COLUMNS, extract_credits


def corpus_credits(articles: pd.DataFrame) -> pd.DataFrame:
    """extract_credits over a corpus (columns article_id, raw_text), with the article_id in front."""
    frames = []
    for article_id, raw in zip(articles["article_id"], articles["raw_text"]):
        credits = extract_credits(raw)
        credits.insert(0, "article_id", article_id)
        frames.append(credits)
    if not frames:
        return pd.DataFrame(columns=["article_id", *CREDIT_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def agency_counts(credits: pd.DataFrame) -> pd.DataFrame:
    """How many credits name each agency in each role, and in how many articles."""
    grouped = credits.dropna(subset=["agency"]).groupby(["agency", "role"])
    frame = grouped.agg(credits=("text", "size"), articles=("article_id", "nunique")).reset_index()
    return frame.sort_values(["credits", "agency", "role"], ascending=[False, True, True], ignore_index=True)
