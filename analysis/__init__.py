"""News-analysis workspace: load, clean, segment, then entities, attribution and keywords.

The package has one folder per step of the data flow, each importing only from those below it:
core -> nlp -> text -> io -> clean -> names -> entities, keywords -> attribution -> tables ->
pipeline -> figures -> evaluation. The public API (see README and design.md) is re-exported here
lazily, so `import analysis` stays cheap and a notebook pays only for the stages it uses.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "load_articles": "analysis.pipeline.articles",
    "concat_articles": "analysis.pipeline.articles",
    "run_corpus": "analysis.pipeline.runs",
    "clean_text": "analysis.clean",
    "clean_article": "analysis.clean",
    "CleanResult": "analysis.clean",
    "extract_credits": "analysis.clean",
    "extract_entities": "analysis.entities",
    "entity_mentions": "analysis.entities",
    "extract_attributions": "analysis.attribution",
    "extract_keywords": "analysis.keywords",
    "Document": "analysis.text",
    "paragraphs": "analysis.text",
    "sentences": "analysis.text",
    "tokens": "analysis.text",
    "ensure_nltk_data": "analysis.nlp",
}

__all__ = sorted(_PUBLIC) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
