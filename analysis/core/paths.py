"""Project locations, built from the package's own place so notebooks work from any cwd."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
SEEDS_DIR = PROJECT_ROOT / "seeds"
FIGURES_DIR = PROJECT_ROOT / "figures"
DEFAULT_CORPUS = SEEDS_DIR


def resolve_corpus(corpus: str | Path | None) -> Path:
    """A corpus path given relative to the project root (as notebooks do) or absolute."""
    if corpus is None or str(corpus) == "":
        return DEFAULT_CORPUS
    path = Path(corpus).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path)
