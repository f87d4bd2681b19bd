"""Shared fixtures: the seed article and the NLTK data location."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_afb6e35f5f233bea.txt"

# Tests run against ../shared/nltk_data when NLTK_DATA is not set (CI sets it explicitly).
_shared = ROOT.parent / "shared" / "nltk_data"
if not os.environ.get("NLTK_DATA") and _shared.is_dir():
    os.environ["NLTK_DATA"] = str(_shared.resolve())


@pytest.fixture(scope="session")
def seed_raw() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def annotation_cache_in_a_temporary_folder(tmp_path_factory):
    """Tests never write into the project's .cache (unless ANALYSIS_CACHE_DIR says where)."""
    if os.environ.get("ANALYSIS_CACHE_DIR"):
        yield
        return
    os.environ["ANALYSIS_CACHE_DIR"] = str(tmp_path_factory.mktemp("annotations"))
    try:
        yield
    finally:
        os.environ.pop("ANALYSIS_CACHE_DIR", None)
