"""Helpers the attribution tests share (tests/ is on pytest's pythonpath: pyproject.toml)."""
from __future__ import annotations

from analysis.attribution import extract_attributions


def rows(text: str) -> list[dict]:
    """The attributions of `text` as records."""
    return extract_attributions(text).to_dict("records")


def one(text: str, **expected) -> dict:
    """The single attribution of `text`, checked against `expected` column values."""
    found = rows(text)
    assert len(found) == 1, found
    for key, value in expected.items():
        assert found[0][key] == value, (key, found[0])
    return found[0]
