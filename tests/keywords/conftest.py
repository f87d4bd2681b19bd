"""Example sentences of the seed article (seeds/000_afb6e35f5f233bea.txt) and its clean body."""
from __future__ import annotations

import pytest

import analysis

S_SANCTIONS = ("The United States is expected to push China to tighten sanctions on North Korea, "
               "U.S. officials said, believing that Beijing has not fully exerted its influence "
               "over North Korea to change its provocative behavior.")
S_ENTITIES = ("Specifically, Washington and Beijing will discuss imposing sanctions on China-based "
              "entities with links to North Korea’s missile and nuclear weapons development, U.S. "
              "Secretary of State Rex Tillerson said at a congressional hearing last week.")
S_TESTS = ("North Korea has conducted five nuclear tests and appears to have made progress in "
           "developing a nuclear-tipped intercontinental ballistic missile that could strike as "
           "far as the U.S. mainland.")


@pytest.fixture(scope="session")
def s_sanctions() -> str:
    return S_SANCTIONS


@pytest.fixture(scope="session")
def s_entities() -> str:
    return S_ENTITIES


@pytest.fixture(scope="session")
def s_tests() -> str:
    return S_TESTS


@pytest.fixture(scope="session")
def seed_body(seed_raw) -> str:
    return analysis.clean_text(seed_raw).text
