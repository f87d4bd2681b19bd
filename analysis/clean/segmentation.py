"""Labelling every character of a raw article: paragraph classification, the rules that look at a
paragraph's neighbours, and the blank separators between segments.

Each paragraph is judged on its own text with line breaks read as spaces (the form it takes in
the clean text), so that cleaning the clean text again removes nothing more. The pieces cover the
raw text exactly; :func:`segment_spans` returns them as plain tuples.
"""
from __future__ import annotations

import re

from analysis.clean.context import Piece, apply_context, looks_like_headline
from analysis.clean.rules import (
    DATELINE_RE,
    GLUED_RE,
    NO_WORD_RE,
    PIPE_CREDIT_RE,
    TAG_LINE_RE,
    caption_opener_re,
    find_inline_rule,
    image_id_re,
    match_pattern_rule,
    outlet_names,
    photo_credit_re,
)
from analysis.text import paragraph_spans

#: The longest caption (in words) that a bare agency credit ("(Reuters)", "(YouTube)") may close;
#: a longer paragraph is a story one. A photo credit ("(AP Photo/...)", "(Jane Roe/AFP)") may close
#: any caption (wire captions can run to a summary of the story).
MAX_CAPTION_WORDS = 80


def _shift(pieces: list[Piece], offset: int) -> list[Piece]:
    return [(s + offset, e + offset, role, rule) for s, e, role, rule in pieces]


def _rest(unit: str, cut: int) -> list[Piece]:
    """Classify what follows a removed prefix as a paragraph of its own, exactly as cleaning the
    clean text will see it, so that cleaning twice removes nothing more."""
    start = cut + len(unit[cut:]) - len(unit[cut:].lstrip())
    pieces: list[Piece] = [(cut, start, "blank", "separator")] if start > cut else []
    return pieces + _shift(_classify_view(unit[start:]), start)


def _split_dateline(unit: str) -> list[Piece] | None:
    """A dateline that opens a paragraph ("SEOUL (Reuters) - ") becomes its own segment."""
    match = DATELINE_RE.match(unit)
    if not match or match.end() >= len(unit):
        return None
    return [(0, match.end(), "dateline", "dateline"), *_rest(unit, match.end())]


def _after_image_id(unit: str, image_id: re.Match) -> list[Piece]:
    """A paragraph opening with a stock-photo id: the id, then a fused headline or the rest
    classified as a paragraph of its own."""
    end, cut = len(unit), image_id.end()
    rest = unit[cut:].strip()
    if not rest:
        return [(0, end, "boilerplate", "image_id")]
    if looks_like_headline(rest):
        rest_start = unit.index(rest, cut)
        return [(0, cut, "boilerplate", "image_id"),
                *([(cut, rest_start, "blank", "separator")] if rest_start > cut else []),
                (rest_start, end, "headline", "fused_headline")]
    return [(0, cut, "boilerplate", "image_id"), *_rest(unit, cut)]


def _caption_with_credit(unit: str) -> list[Piece] | None:
    """A caption ending in a photo credit ("... location. (STR/AFP/Getty Images)"), possibly
    followed by a dateline and the story; None when the paragraph is not one."""
    credits = list(photo_credit_re().finditer(unit))
    if not credits:
        return None
    credit = credits[-1]  # the last credit in the paragraph
    before = unit[:credit.start()].rstrip()
    after = unit[credit.end():].strip()
    caption_and_credit: list[Piece] = [
        (0, len(before), "caption", "caption_with_credit"),
        (len(before), credit.start(), "blank", "separator"),
        (credit.start(), credit.end(), "credit", "inline_photo_credit")]
    photo_credit = "/" in credit.group() or "photo" in credit.group().lower()
    if not photo_credit and len(before.split()) > MAX_CAPTION_WORDS:
        return None
    if before and not after:  # "... at an undisclosed location. (STR/AFP/Getty Images)"
        return caption_and_credit
    if before:  # caption (AP Photo/...) DATELINE (AP) - story
        after_start = unit.index(after, credit.end())
        dateline = _split_dateline(unit[after_start:])
        if dateline:
            return [*caption_and_credit, (credit.end(), after_start, "blank", "separator"),
                    *_shift(dateline, after_start)]
        rest = _rest(unit, credit.end())
        furniture = next((piece for piece in rest if piece[2] != "blank"), None)
        if furniture is not None and furniture[2] != "body":  # caption (Photo: ...) Story Highlights
            return [(0, len(before), "caption", "caption_credit_then_text"),
                    *caption_and_credit[1:], *rest]
    return None


def _caption_pipe_credit(unit: str) -> list[Piece] | None:
    """A caption with its credit after a bar ("... the Russia probe. | AP Photo"), then whatever
    follows, classified as a paragraph of its own."""
    match = PIPE_CREDIT_RE.search(unit)
    if match is None or len(unit[:match.start()].split()) < 5:
        return None
    credit_start, credit_end = match.span("credit")
    return [(0, match.start(), "caption", "caption_pipe_credit"),
            (match.start(), credit_start, "blank", "separator"),
            (credit_start, credit_end, "credit", "pipe_photo_credit"), *_rest(unit, credit_end)]


def _classify_unit(raw: str, start: int, end: int) -> list[Piece]:
    """Role(s) of one paragraph, judged on its own text with line breaks read as spaces (the form
    the paragraph takes in the clean text)."""
    view = raw[start:end].replace("\r", " ").replace("\n", " ")
    return _shift(_classify_view(view), start)


def _classify_view(unit: str) -> list[Piece]:
    """Pieces of one stripped paragraph, offsets relative to it."""
    end = len(unit)
    if not unit:
        return []
    rule = match_pattern_rule(unit)
    if rule is not None:
        return [(0, end, rule.role, rule.name)]
    if NO_WORD_RE.fullmatch(unit):
        return [(0, end, "boilerplate", "decoration")]
    if TAG_LINE_RE.fullmatch(unit):
        return [(0, end, "tag_line", "tag_line")]
    image_id = image_id_re().match(unit)
    if image_id:
        return _after_image_id(unit, image_id)
    captioned = _caption_with_credit(unit) or _caption_pipe_credit(unit)
    if captioned is not None:
        return captioned
    if len(unit.split()) <= 80 and caption_opener_re().match(unit):
        return [(0, end, "caption", "caption_opener")]
    if unit.lower() in outlet_names():
        return [(0, end, "boilerplate", "outlet_line")]
    return _split_dateline(unit) or _split_inline(unit) or _body_pieces(unit)


def _body_pieces(unit: str) -> list[Piece]:
    """A body paragraph, split where the scraper glued two paragraphs ("again.Declaring"): the
    clean text gets a paragraph break there, the raw text is untouched."""
    cuts = [match.end() for match in GLUED_RE.finditer(unit)]
    bounds = [0, *cuts, len(unit)]
    return [(start, end, "body", "body" if start == 0 else "glued_paragraph")
            for start, end in zip(bounds, bounds[1:])]


def _split_inline(unit: str) -> list[Piece] | None:
    """Furniture inside a paragraph (a related-links run, a gallery of captions): the body text
    before it stays body; what follows is classified as a paragraph of its own."""
    found = find_inline_rule(unit)
    if found is None:
        return None
    rule, start, end = found
    before = unit[:start].rstrip()
    pieces: list[Piece] = _classify_view(before) if before else []
    if start > len(before):
        pieces.append((len(before), start, "blank", "separator"))
    pieces.append((start, end, rule.role, rule.name))
    return pieces + _rest(unit, end)


def _fill_blanks(raw: str, pieces: list[Piece]) -> list[Piece]:
    """The pieces with "blank" separators over every gap, so that they cover `raw` exactly."""
    filled: list[Piece] = []
    position = 0
    for start, end, role, rule in pieces:
        if start > position:
            filled.append((position, start, "blank", "separator"))
        if end > start:
            filled.append((start, end, role, rule))
        position = max(position, end)
    if position < len(raw):
        filled.append((position, len(raw), "blank", "separator"))
    return filled


def segment_spans(raw: str, title: str | None = None) -> list[Piece]:
    """The segments of clean_text(raw) as plain (start, end, role, rule) tuples, for per-article
    code that needs the roles without building the audit DataFrame. `title` (a table's title
    column) lets the headline be found where the layout alone does not show it."""
    units = [_classify_unit(raw, start, end) for start, end in paragraph_spans(raw)]
    apply_context(raw, units, title)
    return _fill_blanks(raw, [piece for unit in units for piece in unit])
