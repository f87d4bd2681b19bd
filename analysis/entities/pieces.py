"""Every candidate of one sentence: the capitalised runs of analysis.entities.candidates, except
in lines and quotations written in title case (headlines, sub-heads, titles of works), which give
known phrases only, and in all-capitals lines."""
from __future__ import annotations

import re

from analysis.entities.candidates import (
    VERSUS,
    Piece,
    Sentence,
    Tokens,
    binary_ne_flags,
    needs_chunker,
    run_boundaries,
    split_run,
)
from analysis.entities.lexicon import Lexicon
from analysis.entities.wordnet import common_words, is_common_word

_MINOR_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "as",
                          "by", "with", "from", "but", "is", "are", "be"}) | VERSUS


def _is_title_case(tokens: Tokens, text: str) -> bool:
    """A headline, sub-head or title written in title case ("Churches Emerge as Major Source of
    Coronavirus Cases"): four or more words, nearly every word but the minor ones capitalised,
    at least two of them ordinary words, and no full stop at the end."""
    words = [t for t in tokens if t.text[:1].isalpha()]
    if len(words) < 4 or tokens[-1].text in {".", ":", ";", ","} or text[tokens[-1].end:][:1] == ".":
        return False
    major = [t for t in words if t.text.lower() not in _MINOR_WORDS]
    capitalised = [t for t in major if t.text[:1].isupper()]
    if len(major) < 3 or len(capitalised) < 0.85 * len(major):
        return False
    common = common_words()
    return sum(1 for t in capitalised[1:] if not t.text.isupper()
               and is_common_word(t.text, common)) >= 2


_OPEN_QUOTE_TOKENS = frozenset({"“", "``", '"'})
_CLOSE_QUOTE_TOKENS = frozenset({"”", "''", '"'})


def quoted_titles(sentence: Sentence) -> list[tuple[int, int]]:
    """Token ranges of quotations inside a sentence written in title case: the titles of works
    and quoted headlines ("books like “A Return to Love,”", "“Why Can’t He Be Our President?”"),
    at least two capitalised major words, one of them an ordinary word."""
    tokens = sentence.tokens
    spans, k = [], 0
    def glued(a: int, b: int) -> bool:
        return 0 <= a and b < len(tokens) and tokens[a].end == tokens[b].start

    while k < len(tokens):
        if tokens[k].text not in _OPEN_QUOTE_TOKENS or (
                tokens[k].text == '"' and glued(k - 1, k)):  # a straight quote closing
            k += 1
            continue
        end = next((m for m in range(k + 1, min(len(tokens), k + 16))
                    if tokens[m].text in _CLOSE_QUOTE_TOKENS
                    and not (tokens[m].text == '"' and glued(m, m + 1) and not glued(m - 1, m))),
                   None)
        if end is None:
            k += 1
            continue
        words = [t.text for t in tokens[k + 1:end] if t.text[:1].isalpha()
                 and not re.fullmatch(r"n['’]t", t.text, re.IGNORECASE)]  # "Can" + "’t"
        major = [w for w in words if w.lower() not in _MINOR_WORDS]
        if len(major) >= 2 and all(w[:1].isupper() for w in major) and any(
                is_common_word(w, common_words()) for w in major):
            spans.append((k + 1, end))
        k = end + 1
    return spans


def title_case_lines(sentence: Sentence) -> list[tuple[int, int]]:
    """Token ranges of the lines of a sentence that are written in title case."""
    tokens, text = sentence.tokens, sentence.text
    lines, start = [], 0
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or "\n" in text[tokens[k - 1].end:tokens[k].start]:
            if _is_title_case(tokens[start:k], text):
                lines.append((start, k))
            start = k
    return lines


def _known_phrases(sentence: Sentence, lex: Lexicon, i: int, j: int,
                   acronyms_in_capitals: bool = True, figures: bool = False) -> list[Piece]:
    """Known phrases among tokens i..j (exclusive): what a line whose capitals say nothing
    about names still names. In an all-capitals line every word is in capitals, so acronyms
    cannot be told by their case (`acronyms_in_capitals=False`). With `figures`, a listed
    public figure's one-word name too ("With Trump, the Benefit of the Doubt Is Gone")."""
    pieces = []
    k = i
    upper = sentence.upper if acronyms_in_capitals else None
    while k < j:
        length, found = lex.match_at(sentence.keys, k, j, upper)
        if found:
            piece = sentence.piece(k, k + length, found[0], found[1])
            piece.caps = True
            pieces.append(piece)
            k += length
            continue
        if figures and sentence.keys[k] in lex.public_figures and (
                sentence.tokens[k].text[:1].isupper() and not sentence.upper[k]) and not (
                VERSUS & set(sentence.keys[max(k - 1, 0):k + 2])):  # "Rangers v Bolton"
            pieces.append(sentence.piece(k, k + 1))  # typed by the typing rules
        elif "-" in sentence.tokens[k].text:
            pieces.extend(sentence.hyphen_pieces(k, lex))
        k += 1
    return pieces


def sentence_pieces(sentence: Sentence, lex: Lexicon) -> list[Piece]:
    """Every candidate of an ordinary sentence: known places inside hyphenated words first, then
    the pieces of each capitalised run; a line in title case (a sub-head, a headline left in
    the body) gives known phrases only."""
    lines = title_case_lines(sentence)
    titled = lines + quoted_titles(sentence)
    skip = {k for i, j in titled for k in range(i, j)}
    flags = binary_ne_flags(sentence.tokens) if needs_chunker(sentence, lex) else None
    pieces: list[Piece] = []
    for i, j in titled:  # a sub-head still names public figures; a title of a work does not
        pieces.extend(_known_phrases(sentence, lex, i, j, figures=(i, j) in lines))
    for i, token in enumerate(sentence.tokens):
        if "-" in token.text and any(c.isupper() for c in token.text) and i not in skip:
            pieces.extend(sentence.hyphen_pieces(i, lex, modifiers=True))
    for i, j in run_boundaries(sentence, lex, flags):
        if i in skip:
            continue
        pieces.extend(split_run(sentence, i, j, lex))
    return pieces


def caps_pieces(sentence: Sentence, lex: Lexicon) -> list[Piece]:
    """Candidates in an all-capitals line: known phrases only (names are added later from the
    rest of the document)."""
    return _known_phrases(sentence, lex, 0, len(sentence.tokens), acronyms_in_capitals=False)
