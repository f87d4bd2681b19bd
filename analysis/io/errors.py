"""What the readers report: rejections (never silent) and the error when nothing can be read."""
from __future__ import annotations

#: What a reader could not use, as (source, reason): reported with the articles, never dropped.
Rejections = list[tuple[str, str]]


class ArticleLoadError(ValueError):
    """Nothing could be loaded; the message names each input and the reason."""


def table_error(display: str, error: Exception) -> ArticleLoadError:
    """The error for a table file that cannot be read, naming the file and the cause."""
    return ArticleLoadError(f"{display}: cannot read table ({type(error).__name__}: {error})")
