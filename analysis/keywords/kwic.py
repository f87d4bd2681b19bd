"""Keyword in context: every occurrence of a word or phrase with the text around it."""
from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from analysis.keywords.terms import texts_list
from analysis.text import token_spans

_SPACE_RE = re.compile(r"\s+")


def concordance(
    texts: str | Sequence[str],
    keyword: str,
    width: int = 40,
    article_ids: Sequence | None = None,
    ignore_case: bool = True,
) -> pd.DataFrame:
    """Keyword in context: one row per occurrence of ``keyword`` (one or more words, matched
    token by token so "sanction" does not match "sanctions").

    Columns: doc (position in texts), article_id (from ``article_ids``, else the position),
    left, keyword, right (``width`` characters of context each side, whitespace collapsed),
    start, end (offsets of the match in its text: ``text[start:end] == keyword``).
    """
    texts = texts_list(texts)
    ids = list(article_ids) if article_ids is not None else list(range(len(texts)))
    fold = (lambda s: s.lower()) if ignore_case else (lambda s: s)
    wanted = [fold(t.norm) for t in token_spans(keyword)]
    rows = []
    if wanted:
        n = len(wanted)
        for doc, text in enumerate(texts):
            tokens = token_spans(text)
            forms = [fold(t.norm) for t in tokens]
            for i in range(len(tokens) - n + 1):
                if forms[i:i + n] == wanted:
                    start, end = tokens[i].start, tokens[i + n - 1].end
                    left = _SPACE_RE.sub(" ", text[max(0, start - width):start])
                    right = _SPACE_RE.sub(" ", text[end:end + width])
                    rows.append((doc, ids[doc], left, text[start:end], right, start, end))
    frame = pd.DataFrame(rows, columns=["doc", "article_id", "left", "keyword", "right", "start",
                                        "end"])
    return frame.astype({"doc": "int64", "article_id": object, "left": object, "keyword": object,
                         "right": object, "start": "int64", "end": "int64"})

