"""Labelling every character of a raw article: paragraph classification, the rules that look at a
paragraph's neighbours, and the blank separators between segments.

Each paragraph is judged on its own text with line breaks read as spaces (the form it takes in
the clean text), so that cleaning the clean text again removes nothing more. The pieces cover the
raw text exactly; :func:`segment_spans` returns them as plain tuples.
"""
from __future__ import annotations

import re

from analysis.clean.rules import (
    DATELINE_RE,
    NO_WORD_RE,
    TAG_LINE_RE,
    caption_opener_re,
    image_id_re,
    match_pattern_rule,
    photo_credit_re,
)
from analysis.text import paragraph_spans

# Each piece is (start, end, role, rule), offsets into the raw text.
Piece = tuple[int, int, str, str]

_TERMINAL = ".!?;:,"


def looks_like_headline(text: str) -> bool:
    """A short single line that starts upper-case and does not end like a sentence."""
    words = text.split()
    return (
        0 < len(words) <= 25
        and len(text) <= 200
        and "\n" not in text
        and text[-1] not in _TERMINAL
        and any(ch.isupper() for ch in text[:1])
    )


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
    if before and not after:  # "... at an undisclosed location. (STR/AFP/Getty Images)"
        return caption_and_credit
    if before:  # caption (AP Photo/...) DATELINE (AP) - story
        after_start = unit.index(after, credit.end())
        dateline = _split_dateline(unit[after_start:])
        if dateline:
            return [*caption_and_credit, (credit.end(), after_start, "blank", "separator"),
                    *_shift(dateline, after_start)]
    return None


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
    if not NO_WORD_RE.sub("", unit):
        return [(0, end, "boilerplate", "decoration")]
    if TAG_LINE_RE.fullmatch(unit):
        return [(0, end, "tag_line", "tag_line")]
    image_id = image_id_re().match(unit)
    if image_id:
        return _after_image_id(unit, image_id)
    captioned = _caption_with_credit(unit)
    if captioned is not None:
        return captioned
    if len(unit.split()) <= 80 and caption_opener_re().match(unit):
        return [(0, end, "caption", "caption_opener")]
    return _split_dateline(unit) or [(0, end, "body", "body")]


def _apply_context(raw: str, units: list[list[Piece]]) -> None:
    """Rules that look at a paragraph's neighbours: captions above credit lines, tweet text above
    its signature, and a headline on the first line. Changes `units` in place."""
    for index, pieces in enumerate(units[:-1]):
        following = units[index + 1][0]
        only_body = len(pieces) == 1 and pieces[0][2] == "body"
        if not only_body:
            continue
        start, end = pieces[0][0], pieces[0][1]
        if following[3] == "photo_credit_line" and len(raw[start:end].split()) <= 120:
            units[index] = [(start, end, "caption", "caption_before_credit")]
        elif following[3] == "tweet_signature" and end - start <= 400:
            units[index] = [(start, end, "embed", "tweet_text")]

    content = [i for i, pieces in enumerate(units) if any(p[2] == "body" for p in pieces)]
    if len(content) >= 2:
        first, second = content[0], content[1]
        pieces = units[first]
        start, end = pieces[0][0], pieces[0][1]
        next_start = units[second][0][0]
        single_line_break = raw[end:next_start].count("\n") == 1 and second == first + 1
        second_text = raw[units[second][0][0]:units[second][0][1]]
        if (len(pieces) == 1 and single_line_break and looks_like_headline(raw[start:end])
                and not looks_like_headline(second_text)):
            units[first] = [(start, end, "headline", "first_line_headline")]


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


def segment_spans(raw: str) -> list[Piece]:
    """The segments of clean_text(raw) as plain (start, end, role, rule) tuples, for per-article
    code that needs the roles without building the audit DataFrame."""
    units = [_classify_unit(raw, start, end) for start, end in paragraph_spans(raw)]
    _apply_context(raw, units)
    return _fill_blanks(raw, [piece for unit in units for piece in unit])
