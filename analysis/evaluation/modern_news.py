"""Scoring on the modern-news gold (scraped US news of 2012-2020 with hand-marked clutter,
entities and attributions): `python -m analysis evaluate cleaning|modern-news --data <folder>`.

The folder's own `score.py` defines the metrics (noise removed, body kept, headline accuracy;
entity and attribution precision and recall, voice, corpus split). The evaluator runs that scorer
on this package rather than re-implementing it, so the numbers printed here are exactly the
scorer's; the gold data and its scorer stay outside the project (research-only licence).
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType, SimpleNamespace

from analysis import entities
from analysis.attribution import extract_attributions
from analysis.clean import clean_text
from analysis.entities import extract_entities
from analysis.pipeline.articles import load_articles

SCORER = "score.py"
ARTICLES = "articles.jsonl"
GOLD = "gold.jsonl"
CLEANING_PARTS = ("cleaning",)
ANNOTATION_PARTS = ("entities", "attributions", "corpus")


def _folder(data: str | Path) -> Path:
    folder = Path(data)
    if folder.is_file():
        folder = folder.parent
    missing = [name for name in (SCORER, ARTICLES, GOLD) if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{folder}: not a modern-news gold folder (missing {', '.join(missing)})")
    return folder


def load_scorer(folder: Path) -> ModuleType:
    """The gold folder's score.py as a module (imported from its file, never copied)."""
    spec = importlib.util.spec_from_file_location("modern_news_score", folder / SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def public_api() -> SimpleNamespace:
    """The public functions the scorer calls (`analysis.clean_text`, ...), taken from the layers
    that define them; `entity_mentions` only once the entities layer has it."""
    api = SimpleNamespace(clean_text=clean_text, extract_entities=extract_entities,
                          extract_attributions=extract_attributions, load_articles=load_articles)
    if hasattr(entities, "entity_mentions"):
        api.entity_mentions = entities.entity_mentions
    return api


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score_parts(data: str | Path, parts: tuple[str, ...], limit: int | None = None) -> dict:
    """The scorer's metrics for `parts` (cleaning, entities, attributions, corpus) on the first
    `limit` gold articles (all when None)."""
    folder = _folder(data)
    scorer = load_scorer(folder)
    golds = {gold["id"]: gold for gold in _read_jsonl(folder / GOLD)}
    articles = [article for article in _read_jsonl(folder / ARTICLES) if article["id"] in golds]
    return scorer.score(articles[:limit] if limit else articles, golds, public_api(), parts)


def evaluate(data: str | Path, split: str | None = None, limit: int | None = None) -> dict:
    """Entities, attributions, voice and the corpus split, as the gold folder's scorer prints them."""
    return score_parts(data, ANNOTATION_PARTS, limit)
