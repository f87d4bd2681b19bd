"""NLTK resources, located once and cached.

Every expensive NLTK object (sentence splitter, POS tagger, NE chunker) is built on first use
and reused: `nltk.ne_chunk` reloads its model on every call, which costs about a second.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import nltk

#: NLTK packages the workspace needs, with the resource path that proves each is installed.
REQUIRED_NLTK_DATA: dict[str, str] = {
    "punkt_tab": "tokenizers/punkt_tab/english/",
    "averaged_perceptron_tagger_eng": "taggers/averaged_perceptron_tagger_eng/",
    "maxent_ne_chunker_tab": "chunkers/maxent_ne_chunker_tab/english_ace_binary/",
    "words": "corpora/words",
    "stopwords": "corpora/stopwords",
    "names": "corpora/names",
    "gazetteers": "corpora/gazetteers",
    "wordnet": "corpora/wordnet",
    "brown": "corpora/brown",
    "reuters": "corpora/reuters",
}


def use_nltk_data_env() -> None:
    """Put $NLTK_DATA first on NLTK's search path even if nltk was imported before it was set."""
    for entry in reversed(os.environ.get("NLTK_DATA", "").split(os.pathsep)):
        if entry and entry not in nltk.data.path:
            nltk.data.path.insert(0, str(Path(entry).expanduser().resolve()))


def missing_nltk_data() -> list[str]:
    """Names of required NLTK packages that cannot be found on NLTK's search path."""
    use_nltk_data_env()
    missing = []
    for package, resource in REQUIRED_NLTK_DATA.items():
        try:
            nltk.data.find(resource)
        except LookupError:
            try:
                nltk.data.find(resource.rstrip("/") + ".zip")
            except LookupError:
                missing.append(package)
    return missing


def ensure_nltk_data(download: bool = True, quiet: bool = True) -> list[str]:
    """Check the NLTK data; download what is missing the standard NLTK way when allowed.

    Returns the packages that are still missing (empty when everything is there).
    """
    missing = missing_nltk_data()
    if missing and download:
        for package in missing:
            try:
                nltk.download(package, quiet=quiet, raise_on_error=True)
            except Exception:  # offline machines: report below instead of failing here
                pass
        missing = missing_nltk_data()
    return missing


def _require(resource_package: str) -> None:
    missing = missing_nltk_data()
    if resource_package in missing:
        raise LookupError(
            f"NLTK package {resource_package!r} is not installed. Run `make setup` (or "
            f"`python -m analysis setup`), or set NLTK_DATA to a folder that has it."
        )


@lru_cache(maxsize=1)
def sentence_splitter() -> nltk.tokenize.PunktTokenizer:
    """The English Punkt sentence splitter (punkt_tab)."""
    _require("punkt_tab")
    return nltk.tokenize.PunktTokenizer("english")


@lru_cache(maxsize=1)
def pos_tagger() -> nltk.tag.PerceptronTagger:
    """The averaged perceptron POS tagger (Penn Treebank tags)."""
    _require("averaged_perceptron_tagger_eng")
    return nltk.tag.PerceptronTagger()


@lru_cache(maxsize=1)
def binary_ne_chunker():
    """NLTK's binary maxent NE chunker (labels every chunk "NE"), loaded once."""
    _require("maxent_ne_chunker_tab")
    _require("words")
    from nltk.chunk import ne_chunker

    return ne_chunker(fmt="binary")


@lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    """NLTK's English stopword list."""
    _require("stopwords")
    from nltk.corpus import stopwords

    return frozenset(stopwords.words("english"))
