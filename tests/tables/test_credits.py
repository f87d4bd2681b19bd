"""Provenance credits over a corpus (extract_credits per article, as the pipeline's "credits"
stage computes them) and the agency counts."""
from __future__ import annotations

import pandas as pd

from analysis.clean import CREDIT_COLUMNS, extract_credits
from analysis.tables.credits import agency_counts


def corpus_credits(articles: pd.DataFrame) -> pd.DataFrame:
    """extract_credits per article (columns article_id, raw_text), the article_id in front."""
    frames = [extract_credits(raw).assign(article_id=article_id)[["article_id", *CREDIT_COLUMNS]]
              for article_id, raw in zip(articles["article_id"], articles["raw_text"])]
    if not frames:
        return pd.DataFrame(columns=["article_id", *CREDIT_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def test_corpus_credits_and_agency_counts(seed_raw):
    articles = pd.DataFrame({"article_id": ["a", "b"], "raw_text": [seed_raw, seed_raw]})
    counts = agency_counts(corpus_credits(articles))
    top = counts.iloc[0]
    assert (top["agency"], top["role"], top["credits"], top["articles"]) == ("AFP", "photo", 6, 2)
    assert counts["credits"].sum() == 22


def test_corpus_without_articles_gives_empty_credits():
    credits = corpus_credits(pd.DataFrame({"article_id": [], "raw_text": []}))
    assert credits.empty
    assert list(credits.columns) == ["article_id", "start", "end", "text", "agency", "role",
                                     "credit", "photographer"]
