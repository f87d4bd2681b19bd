"""Cleaning rules that look at a paragraph's neighbours or its place in the article: captions above
credit lines, tweet text above its signature, tag lists, bylines and outlet lines at the top,
author bios at the end, and the headline.

Each paragraph arrives already classified on its own text (:mod:`analysis.clean.segmentation`);
these rules only relabel whole paragraphs that are still body, so the pieces stay lossless.
"""
from __future__ import annotations

import re

from analysis.clean.rules import AUTHOR_BIO_RE, NAME_LIST_RE, TAG_ITEM_RE

# Each piece is (start, end, role, rule), offsets into the raw text.
Piece = tuple[int, int, str, str]

_TERMINAL = ".!?;:,"
#: Paragraphs at the top where a byline without "By" is trusted, and at the end for author bios.
TOP_PARAGRAPHS = 3
END_PARAGRAPHS = 2
#: The fewest words of a headline that stands on the first line above a blank line.
MIN_HEADLINE_WORDS = 3
_SPACE_RE = re.compile(r"\s+")
_HEADLINE_START_RE = re.compile(r"[\"'‘“$£€]?[0-9.,]*[A-Z0-9]")


def looks_like_headline(text: str, question: bool = False) -> bool:
    """A short single line that starts with a capital (after an opening quote, a currency sign or
    digits: "'Strong dollar' call halts slide", "$1m payoff ...") and does not end like a
    sentence (a question mark allowed when `question`)."""
    words = text.split()
    return (
        0 < len(words) <= 25
        and len(text) <= 200
        and "\n" not in text
        and (_last_mark(text) not in _TERMINAL or (question and _last_mark(text) == "?"))
        and bool(_HEADLINE_START_RE.match(text))
    )


def _last_mark(text: str) -> str:
    """The last character before closing quotes and brackets ('... play."' ends with '.')."""
    stripped = text.rstrip("\"'”’)]")
    return stripped[-1] if stripped else ""


def _only_body(pieces: list[Piece]) -> bool:
    return len(pieces) == 1 and pieces[0][2] == "body"


def _normalised(text: str) -> str:
    return _SPACE_RE.sub(" ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def _relabel_neighbours(raw: str, units: list[list[Piece]]) -> None:
    """Captions above credit lines, tweet text above its signature, name lines below a tag header."""
    in_tags = False
    for index, pieces in enumerate(units):
        if in_tags and _only_body(pieces):
            start, end = pieces[0][0], pieces[0][1]
            if TAG_ITEM_RE.fullmatch(raw[start:end].replace("\n", " ")):
                units[index] = [(start, end, "tag_line", "tag_list")]
                continue
        in_tags = any(piece[3] in ("tag_header", "tag_list") for piece in units[index])
        if index + 1 >= len(units) or not _only_body(pieces):
            continue
        following = units[index + 1][0]
        start, end = pieces[0][0], pieces[0][1]
        if following[3] == "photo_credit_line" and len(raw[start:end].split()) <= 120:
            units[index] = [(start, end, "caption", "caption_before_credit")]
        elif following[3] == "tweet_signature" and end - start <= 400:
            units[index] = [(start, end, "embed", "tweet_text")]


def _relabel_top_and_end(raw: str, units: list[list[Piece]], content: list[int]) -> None:
    """Bylines without "By" in the first paragraphs, author bios in the last ones."""
    for index in content[:TOP_PARAGRAPHS]:
        start, end = units[index][0][0], units[index][0][1]
        if _only_body(units[index]) and NAME_LIST_RE.fullmatch(raw[start:end]):
            units[index] = [(start, end, "byline", "name_list_byline")]
    if len(content) > END_PARAGRAPHS + 1:
        for index in content[-END_PARAGRAPHS:]:
            start, end = units[index][0][0], units[index][0][1]
            if _only_body(units[index]) and AUTHOR_BIO_RE.fullmatch(raw[start:end].replace("\n", " ")):
                units[index] = [(start, end, "byline", "author_bio")]


def _headline_after_caption(raw: str, units: list[list[Piece]], content: list[int]) -> bool:
    """A first paragraph laid out as "caption | credit headline dek": what follows the credit is
    the headline block when it is short."""
    if not content:
        return False
    pieces = units[content[0]]
    rules = [piece[3] for piece in pieces if piece[2] != "blank"]
    if rules[:2] != ["caption_pipe_credit", "pipe_photo_credit"] or rules[2:] != ["body"]:
        return False
    start, end = pieces[-1][0], pieces[-1][1]
    if len(raw[start:end].split()) > 60:
        return False
    pieces[-1] = (start, end, "headline", "headline_after_caption")
    return True


def _title_headline(raw: str, units: list[list[Piece]], content: list[int], title: str) -> bool:
    """The table's title found as one of the first paragraphs: that paragraph is the headline."""
    wanted = _normalised(title)
    if not wanted:
        return False
    for index in content[:TOP_PARAGRAPHS]:
        start, end = units[index][0][0], units[index][0][1]
        if _only_body(units[index]) and _normalised(raw[start:end]) == wanted:
            units[index] = [(start, end, "headline", "title_headline")]
            return True
    return False


def _first_line_headline(raw: str, units: list[list[Piece]], content: list[int]) -> None:
    """A short first paragraph without sentence punctuation above a story paragraph is the
    headline: on the next line (the scraper's layout) or after a blank line (BBC News and many
    archives) when it has at least MIN_HEADLINE_WORDS words. When unsure, it stays body."""
    if len(content) < 2:
        return
    first, second = content[0], content[1]
    pieces = units[first]
    start, end = pieces[0][0], pieces[0][1]
    # Judged as the clean text shows them: line breaks inside a paragraph read as spaces.
    first_text = raw[start:end].replace("\r", " ").replace("\n", " ")
    second_text = raw[units[second][0][0]:units[second][-1][1]].replace("\r", " ").replace("\n", " ")
    if not _only_body(pieces) or looks_like_headline(second_text, question=True):
        return
    gap = raw[end:units[second][0][0]]
    if second == first + 1 and gap.count("\n") == 1 and looks_like_headline(raw[start:end]):
        units[first] = [(start, end, "headline", "first_line_headline")]
    elif looks_like_headline(first_text) and _headline_sized(first_text):
        units[first] = _standfirst_then_headline(raw, start, end) or [
            (start, end, "headline", "first_paragraph_headline")]


def _headline_sized(text: str) -> bool:
    """Long enough for a headline above a blank line: MIN_HEADLINE_WORDS words, one more when every
    word is capitalised (short Title Case lines are section subheads: "The Early Years"), and not
    all capitals (a label)."""
    words = text.split()
    title_case = all(word[:1].isupper() or not word[:1].isalpha() for word in words)
    return not text.isupper() and len(words) >= MIN_HEADLINE_WORDS + title_case


def _standfirst_then_headline(raw: str, start: int, end: int) -> list[Piece] | None:
    """A first paragraph "<standfirst sentence>. <Headline>": the headline is the part after the
    last sentence end, when that part alone still reads as a headline."""
    text = raw[start:end]
    cut = max(text.rfind(". "), text.rfind("? "), text.rfind("! "))
    if cut < 0:
        return None
    head_start = start + cut + 2
    if not _headline_sized(raw[head_start:end]):
        return None
    return [(start, start + cut + 1, "headline", "standfirst"),
            (start + cut + 1, head_start, "blank", "separator"),
            (head_start, end, "headline", "first_paragraph_headline")]


def apply_context(raw: str, units: list[list[Piece]], title: str | None = None) -> None:
    """Relabel whole paragraphs by their neighbours and place. Changes `units` in place."""
    _relabel_neighbours(raw, units)
    content = [i for i, pieces in enumerate(units) if any(p[2] == "body" for p in pieces)]
    _relabel_top_and_end(raw, units, content)
    if any(piece[2] == "headline" for pieces in units for piece in pieces):
        return
    content = [i for i, pieces in enumerate(units) if any(p[2] == "body" for p in pieces)]
    if _headline_after_caption(raw, units, content):
        return
    if title:  # the table says what the headline is: no guessing from the layout
        _title_headline(raw, units, content, title)
        return
    _first_line_headline(raw, units, content)
