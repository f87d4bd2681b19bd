"""Evaluation (layer 11): scorers for the gold data in ../shared/eval, the benchmark, and the timing helpers both use."""
