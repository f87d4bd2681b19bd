"""How often each agency is credited, from the credits of a corpus (the pipeline's "credits"
stage: :func:`analysis.clean.extract_credits` per article, with its article_id)."""
from __future__ import annotations

import pandas as pd


def agency_counts(credits: pd.DataFrame) -> pd.DataFrame:
    """How many credits name each agency in each role, and in how many articles."""
    grouped = credits.dropna(subset=["agency"]).groupby(["agency", "role"])
    frame = grouped.agg(credits=("text", "size"), articles=("article_id", "nunique")).reset_index()
    return frame.sort_values(["credits", "agency", "role"], ascending=[False, True, True], ignore_index=True)
