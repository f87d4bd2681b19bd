"""Corpus aggregations (layer 8): pure pandas over per-article stage tables; no caching, no stage running."""
