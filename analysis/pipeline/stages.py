"""The per-article stages: a registry of functions, each the single implementation of one table.

A stage is a plain function of some of an article's inputs returning a DataFrame. Inputs are the
article's columns (``raw_text``, ``text``, ``headline``), ``document`` (the one
:class:`analysis.text.Document` of the clean text, built once per article and shared by every
stage, so entities, attribution and keywords share one tagging pass), or the output of an earlier
stage for the same article (attribution reads the entity stage's mentions). The notebooks' tables
are these same functions run through :func:`analysis.pipeline.annotate.annotate_frame`, so a
notebook re-run reads the annotation cache instead of redoing the work.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.attribution import article_attributions
from analysis.clean import clean_article, clean_text, extract_credits
from analysis.core.schemas import empty_frame, text_dtypes
from analysis.entities import mentions_in_article
from analysis.keywords import Lemmatizer, Stemmer, key_term_candidates, keyword_counts
from analysis.text import Document, sentences, tokens

#: The article columns a stage may read (a missing or non-string value reads as "").
ARTICLE_FIELDS = ("raw_text", "text", "headline", "title")
DOCUMENT = "document"
#: Memo objects a stage may take, one of each per run (a call of annotate_frame: one partition),
#: so each distinct word is lemmatised or stemmed once per run, not once per article.
RUN_HELPERS = {"lemmatizer": Lemmatizer, "stemmer": Stemmer}


@dataclass(frozen=True)
class Stage:
    """A per-article stage: `function` called with the article's `inputs`, in that order."""

    name: str
    function: Callable[..., pd.DataFrame]
    inputs: tuple[str, ...] = ("text",)
    description: str = ""

    @property
    def requires(self) -> tuple[str, ...]:
        """The stages whose output this stage reads."""
        return tuple(name for name in self.inputs
                     if name not in ARTICLE_FIELDS + (DOCUMENT,) and name not in RUN_HELPERS)


def cleaning_segments(raw_text: str, title: str = "") -> pd.DataFrame:
    """The cleaning audit of an article: start, end, text, role, rule, with offsets into the raw
    text after mojibake repair (the text load_articles cleaned, with the same title)."""
    return clean_article(raw_text, title=title or None).segments


STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in (
        Stage("segments", cleaning_segments, ("raw_text", "title"),
              "cleaning audit: every segment of the raw text with its role and rule"),
        Stage("credits", extract_credits, ("raw_text",),
              "agency and photo credits in the raw text"),
        Stage("sentences", sentences, ("text",), "sentences with offsets"),
        Stage("tokens", tokens, (DOCUMENT,), "POS-tagged tokens (large)"),
        Stage("entities", mentions_in_article, ("raw_text", DOCUMENT),
              "entity mentions in the body, headline and captions"),
        Stage("attributions", article_attributions, (DOCUMENT, "entities"),
              "attributed statements: source, cue, content (speakers typed with the entities)"),
        Stage("keywords", keyword_counts, (DOCUMENT, "lemmatizer"),
              "per-article term counts (word forms, tokens, lemmas, bigrams, collocation inputs)"),
        Stage("key_terms", key_term_candidates, ("headline", DOCUMENT, "stemmer"),
              "key-term candidates of headline + text, and the headline's word forms"),
    )
}
DEFAULT_STAGES: tuple[str, ...] = ("entities", "attributions", "keywords")

#: A short text on which every stage finds something; it fixes each stage's columns and dtypes.
EXAMPLE_RAW = (
    "China and the U.S. meet in Washington\n\n"
    "WASHINGTON (Reuters) - U.S. Secretary of State Rex Tillerson said on Wednesday that China "
    "must put more pressure on North Korea.\n\n"
    "“We will keep up the pressure,” Tillerson told reporters at the State Department.\n\n"
    "(STR/AFP/Getty Images)\n"
)


def get_stage(stage: str | Stage) -> Stage:
    """The registered stage of that name (a Stage is returned as it is)."""
    if isinstance(stage, Stage):
        return stage
    try:
        return STAGES[stage]
    except KeyError:
        raise ValueError(f"unknown stage {stage!r}; stages are {sorted(STAGES)}") from None


def with_requirements(stages: Iterable[str | Stage]) -> list[Stage]:
    """The stages and every stage they read, each once, dependencies first."""
    ordered: dict[str, Stage] = {}

    def add(stage: Stage) -> None:
        for name in stage.requires:
            add(get_stage(name))
        ordered.setdefault(stage.name, stage)

    for stage in stages:
        add(get_stage(stage))
    return list(ordered.values())


def run_helpers() -> dict[str, Any]:
    """Fresh memo objects for one run (see :data:`RUN_HELPERS`)."""
    return {name: make() for name, make in RUN_HELPERS.items()}


def run_stages(article: dict[str, Any], stages: Iterable[str | Stage],
               helpers: dict[str, Any] | None = None) -> dict[str, pd.DataFrame]:
    """Each stage's own output for one article (a dict of the article's fields), with the
    stages they read computed too; the article's Document is built once, on first use.
    `helpers` are the run's memo objects (:func:`run_helpers`; fresh ones when not given)."""
    inputs: dict[str, Any] = {name: value if isinstance(value, str) else ""
                              for name, value in ((f, article.get(f)) for f in ARTICLE_FIELDS)}
    inputs.update(helpers if helpers is not None else run_helpers())
    outputs: dict[str, pd.DataFrame] = {}
    for stage in with_requirements(stages):
        if DOCUMENT in stage.inputs and DOCUMENT not in inputs:
            inputs[DOCUMENT] = Document(inputs["text"])
        outputs[stage.name] = stage.function(*[outputs[name] if name in outputs else inputs[name]
                                               for name in stage.inputs])
    return outputs


def example_article() -> dict[str, Any]:
    """The fields of :data:`EXAMPLE_RAW` as load_articles gives them (raw_text, text, headline)."""
    cleaned = clean_text(EXAMPLE_RAW)
    return {"raw_text": EXAMPLE_RAW, "text": cleaned.text, "headline": cleaned.headline}


@lru_cache(maxsize=None)
def _meta_dtypes(stage: Stage) -> tuple[tuple[str, Any], ...]:
    example = run_stages(example_article(), [stage])[stage.name]
    dtypes = {"article_id": object}
    dtypes.update(text_dtypes(example))
    return tuple(dtypes.items())


def stage_meta(stage: str | Stage) -> pd.DataFrame:
    """An empty DataFrame with a stage's columns and dtypes (article_id first): Dask's `meta`."""
    return empty_frame(dict(_meta_dtypes(get_stage(stage))))
