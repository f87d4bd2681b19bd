"""Lossless cleaning of scraped news text.

Scraped articles mix the story with tag lines, photo captions, agency credits, share buttons and
copyright lines. Instead of deleting that noise, `clean_text` labels every character of the raw
text: the segments, in order, reconstruct the raw text exactly, each with the `role` it plays and
the `rule` that decided it. Captions and credits stay available for analysis (captions mention
people too); the clean body text is just the segments whose role is "body".

`clean_article` is the entry point every other layer uses: it repairs mojibake first, so the
segments' offsets, the credits and the captions all point into the same (repaired) string.
"""
from __future__ import annotations

from functools import cached_property

import pandas as pd

from analysis.clean.repair import repair_mojibake
from analysis.clean.segmentation import Piece, segment_spans
from analysis.core.checks import require_text

#: Share of the non-blank text that cleaning may remove before the article is flagged.
MAX_REMOVED_SHARE = 0.5


class CleanResult:
    """The outcome of cleaning one article.

    `segments` covers the cleaned string exactly (columns start, end, text, role, rule); `text`
    is the body, `headline` the recovered headline; `flags` explains why an article needs a human
    look. `source_text` is the string the segments cover (the raw text, after mojibake repair when
    `clean_article` made one: then `mojibake_repaired` is True); when not given it is rebuilt from
    the segments. `spans` holds the same segments as plain (start, end, role, rule) tuples: per-
    article code reads them, and the DataFrame is built only when `segments` is first read.
    """

    def __init__(self, text: str, headline: str | None, segments: pd.DataFrame | None = None,
                 flags: tuple[str, ...] = (), source_text: str | None = None,
                 mojibake_repaired: bool = False, spans: tuple[Piece, ...] | None = None) -> None:
        if segments is None and (spans is None or source_text is None):
            raise TypeError("CleanResult needs its segments, or spans with the source_text")
        self.text = text
        self.headline = headline
        self.flags = tuple(flags)
        self.mojibake_repaired = mojibake_repaired
        if segments is not None:
            self.__dict__["segments"] = segments
        self.spans = spans if spans is not None else tuple(
            (int(start), int(end), role, rule) for start, end, role, rule in
            zip(segments["start"], segments["end"], segments["role"], segments["rule"]))
        self.source_text = source_text if source_text is not None else "".join(segments["text"])

    def __repr__(self) -> str:
        return (f"CleanResult(text={self.text!r}, headline={self.headline!r}, flags={self.flags!r}, "
                f"mojibake_repaired={self.mojibake_repaired!r})")

    @cached_property
    def segments(self) -> pd.DataFrame:
        """Every segment of the cleaned string: start, end, text, role, rule."""
        return _segments_frame(self.source_text, list(self.spans))

    @property
    def removed(self) -> pd.DataFrame:
        """The segments that are not body text (the cleaning audit)."""
        return self.segments[~self.segments["role"].isin(["body", "blank"])]


def _body_text(raw: str, pieces: list[Piece]) -> str:
    """The body segments (line breaks inside a paragraph read as spaces): body pieces of one
    paragraph, around furniture cut out of it, are joined by a space; paragraphs (and paragraphs
    the scraper glued together) by a blank line."""
    parts: list[str] = []
    previous_end = None
    for start, end, role, rule in pieces:
        if role != "body":
            continue
        if previous_end is not None:
            same_paragraph = "\n" not in raw[previous_end:start] and rule != "glued_paragraph"
            parts.append(" " if same_paragraph else "\n\n")
        parts.append(raw[start:end].replace("\r", " ").replace("\n", " "))
        previous_end = end
    return "".join(parts)


def _segments_frame(raw: str, pieces: list[Piece]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "start": pd.Series([p[0] for p in pieces], dtype="int64"),
            "end": pd.Series([p[1] for p in pieces], dtype="int64"),
            "text": pd.Series([raw[p[0]:p[1]] for p in pieces], dtype=object),
            "role": pd.Series([p[2] for p in pieces], dtype=object),
            "rule": pd.Series([p[3] for p in pieces], dtype=object),
        }
    )


def _flags(pieces: list[Piece]) -> tuple[str, ...]:
    """A warning when cleaning removed more than MAX_REMOVED_SHARE of the non-blank text."""
    non_blank = sum(e - s for s, e, role, _ in pieces if role != "blank")
    kept = sum(e - s for s, e, role, _ in pieces if role == "body")
    if non_blank and (non_blank - kept) / non_blank > MAX_REMOVED_SHARE:
        share = round(100 * (non_blank - kept) / non_blank)
        return (f"cleaning removed {share}% of the text: check the segments before trusting counts",)
    return ()


def clean_text(raw: str, title: str | None = None) -> CleanResult:
    """Split raw article text into labelled segments; return the body, headline and audit.
    No mojibake repair: the segments cover `raw` exactly (use `clean_article` for articles).
    `title` (from a table's title column) marks that paragraph as the headline when the text
    repeats it at the top."""
    if not isinstance(raw, str):
        raise TypeError(f"clean_text expects a str, got {type(raw).__name__}")
    raw = require_text(raw, "raw")  # lone surrogates -> U+FFFD (same length: offsets hold)
    pieces = segment_spans(raw, title if isinstance(title, str) else None)
    headline = next((raw[s:e] for s, e, role, rule in pieces if role == "headline" and rule != "standfirst"),
                    None)
    return CleanResult(text=_body_text(raw, pieces), headline=headline, flags=_flags(pieces),
                       source_text=raw, spans=tuple(pieces))


def clean_article(raw: str, title: str | None = None) -> CleanResult:
    """Repair mojibake, then clean: the one way every layer cleans an article. Offsets in the
    segments are into `result.source_text` (the repaired text)."""
    if not isinstance(raw, str):
        raise TypeError(f"clean_article expects a str, got {type(raw).__name__}")
    repaired = repair_mojibake(raw)
    result = clean_text(repaired, repair_mojibake(title) if isinstance(title, str) else None)
    result.mojibake_repaired = repaired != raw
    return result
