"""Quotation spans found on the characters: curly and straight marks, typewriter pairs and
guillemets, quotes that run over several paragraphs, unbalanced marks closed at the paragraph
end. Never raises: news text has stray marks."""
from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.text import paragraph_spans

_OPEN_LEFT = set(" \t\n\r([{—–-―:;,/") | {""}
_CLOSE_RIGHT = set(" \t\n\r)]}.,;:!?—–-―/…'’") | {""}
_SPACE = {" ", "\t", "\n", "\r", ""}

MARK_RE = re.compile(r"''|``|[\"“”„«»]")


def mark_role(text: str, i: int, is_open: bool, length: int = 1) -> str:
    """'open' or 'close' for the quotation mark at text[i:i+length], from its shape and its
    neighbours. Straight marks (" and the typewriter pair '') are decided by context."""
    mark = text[i:i + length]
    left = text[i - 1] if i > 0 else ""
    right = text[i + length] if i + length < len(text) else ""
    opener_ctx = left in _OPEN_LEFT and right not in _SPACE
    closer_ctx = right in _CLOSE_RIGHT and left not in _SPACE
    if mark in {"“", "„", "«", "``"}:
        return "close" if (closer_ctx and not opener_ctx and is_open) else "open"
    if mark in {"”", "»"}:
        return "open" if (opener_ctx and not closer_ctx and not is_open) else "close"
    if opener_ctx and not closer_ctx:
        return "open"
    if closer_ctx and not opener_ctx:
        return "close"
    return "close" if is_open else "open"


def mark_kind(mark: str) -> str:
    """Marks that pair with each other: curly, straight, typewriter pairs, guillemets."""
    if mark in {"“", "”", "„"}:
        return "curly"
    if mark in {"«", "»"}:
        return "guillemet"
    if mark in {"''", "``"}:
        return "typewriter"
    return "straight"


def _continues_into(text: str, following: tuple[int, int] | None, open_kind: str) -> bool:
    """True when the next paragraph opens with the same kind of mark as the open quotation (the
    newspaper convention for a quotation of several paragraphs)."""
    opening = MARK_RE.match(text, following[0]) if following else None
    return bool(opening) and mark_kind(opening.group()) == open_kind and \
        mark_role(text, opening.start(), False, len(opening.group())) == "open"


def quote_spans(text: str, paragraphs: Sequence[tuple[int, int]] | None = None
                ) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included.

    Marks: curly “ ”, straight ", guillemets, and the typewriter pairs '' and ``. A quotation left
    open at the end of a paragraph continues when the next paragraph opens with a quotation mark
    (the newspaper convention for quotes of several paragraphs); otherwise it is closed at the
    paragraph end. Stray closing marks are ignored. Never raises. `paragraphs` are the text's
    paragraph spans when the caller has them already (a Document's).
    """
    spans: list[tuple[int, int]] = []
    if paragraphs is None:
        paragraphs = paragraph_spans(text)
    open_at: int | None = None
    open_kind = ""
    skip: int | None = None
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        for match in MARK_RE.finditer(text, p_start, p_end):
            i, length = match.start(), match.end() - match.start()
            if i == skip:
                continue
            if length == 2 and (text[i - 1:i] == "'" or text[i + 2:i + 3] == "'"):
                continue  # three or more apostrophes: not a mark
            role = mark_role(text, i, open_at is not None, length)
            if open_at is None:
                if role == "open":
                    open_at = i
                    open_kind = mark_kind(text[i:i + length])
            elif role == "close":
                spans.append((open_at, i + length))
                open_at = None
            else:  # a second opening mark: the first one was never closed
                end = i
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                spans.append((open_at, end))
                open_at = i
                open_kind = mark_kind(text[i:i + length])
        if open_at is not None:
            following = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            if _continues_into(text, following, open_kind):
                skip = following[0]
                continue
            spans.append((open_at, p_end))
            open_at = None
    return [(s, e) for s, e in spans if e - s > 2]
