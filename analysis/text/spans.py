"""Paragraph and sentence spans: (start, end) offsets into the text that was passed in."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from analysis.nlp import english_stopwords, sentence_splitter
from analysis.text.tokens import TITLE_ABBREVIATIONS

_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_RE = re.compile(r"[^\n]*\n?")


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are a wrapped paragraph rather than one paragraph per line."""
    body = [line.strip() for line in lines[:-1]]
    if len(body) < 1 or any(not line for line in body):
        return False
    lengths = [len(line) for line in body]
    if max(lengths) > 100 or sum(lengths) / len(lengths) < 35:
        return False
    if len(lines[-1].strip()) > max(lengths) + 15:  # wrapped text never has a longer last line
        return False
    unfinished = sum(1 for line in body if line[-1] not in ".!?\"”:")
    return unfinished * 2 >= len(body)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by blank lines; a block whose lines are not
    hard-wrapped text counts one paragraph per line; an indented line starts a new paragraph."""
    spans: list[tuple[int, int]] = []
    position = 0
    blocks: list[tuple[int, int]] = []
    for match in _PARAGRAPH_BREAK_RE.finditer(text):
        blocks.append((position, match.start()))
        position = match.end()
    blocks.append((position, len(text)))
    for block_start, block_end in blocks:
        lines = [(m.start() + block_start, m.end() + block_start)
                 for m in _LINE_RE.finditer(text[block_start:block_end]) if m.group()]
        line_texts = [text[s:e] for s, e in lines]
        if _is_hard_wrapped(line_texts):
            # Continuation lines share the commonest indent; a deeper indent opens a paragraph, and
            # a line less indented than that (a title) stands alone.
            indents = [len(line) - len(line.lstrip(" \t")) for line in line_texts]
            usual = Counter(indents).most_common(1)[0][0]
            group_start = lines[0][0]
            for index in range(1, len(lines)):
                if indents[index] > usual or indents[index - 1] < usual:
                    spans.append((group_start, lines[index][0]))
                    group_start = lines[index][0]
            spans.append((group_start, block_end))
        else:
            spans.extend(lines or [(block_start, block_end)])
    result = []
    for s, e in spans:
        stripped_start = s + (len(text[s:e]) - len(text[s:e].lstrip()))
        stripped_end = s + len(text[s:e].rstrip())
        if stripped_end > stripped_start:
            result.append((stripped_start, stripped_end))
    return result


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; sentences never cross a paragraph boundary."""
    spans = []
    for p_start, p_end in paragraph_spans(text):
        for s, e in paragraph_sentence_spans(text[p_start:p_end]):
            spans.append((p_start + s, p_start + e))
    return spans


# A sentence that Punkt ended on initials, a dotted abbreviation or "No." ("J.", "H.W.", "U.S.").
_ENDS_IN_INITIALS = re.compile(r"(?:(?<![\w.'’&])(?:[A-Z]\.)+|\bNos?\.)$")
# What follows such a break inside one sentence: a lower-case word, a number, closing punctuation,
# a dash or a possessive ("the C.I.A. says", "H.R. 8", "(R-S.D.), the No. 3", "the F.D.A.'s").
_CONTINUES = re.compile(r"[a-z0-9)\],;:—–-]|['’]s\b")
_FIRST_WORD = re.compile(r"[A-Z][A-Za-z]*")
# A title abbreviation never ends a sentence before a capitalised word ("Army Capt. | Mark Resh").
_ENDS_IN_TITLE = re.compile(rf"\b(?:{TITLE_ABBREVIATIONS})\.$")


def paragraph_sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Punkt's sentence spans of one paragraph, with its breaks after initials, dotted
    abbreviations and titles ("Capt.") undone when the next words carry on the sentence.

    Why: Punkt ends a sentence after "J." or "U.S." whenever the next word is one it has seen in
    lower case ("Rancher J. | Wade Corley said", "George H.W. | Bush", "U.S. | Ambassador Nikki
    Haley"), which cuts names and their sentences apart in every later stage. A break is kept
    when the next word is a function word or one of Punkt's frequent sentence starters ("in the
    U.S. | The order...", "World War I. | There")."""
    spans = list(sentence_splitter().span_tokenize(paragraph))
    if len(spans) < 2:
        return spans
    starters = _sentence_starters()
    merged = [spans[0]]
    for start, end in spans[1:]:
        prev_start, prev_end = merged[-1]
        if _joins(paragraph, prev_start, prev_end, start, starters):
            merged[-1] = (prev_start, end)
        else:
            merged.append((start, end))
    return merged


def _joins(paragraph: str, prev_start: int, prev_end: int, start: int,
           starters: frozenset[str]) -> bool:
    """Whether the sentence at `start` continues the one that ends at `prev_end` (see above)."""
    if "\n" in paragraph[prev_end:start]:
        return False
    if _ENDS_IN_TITLE.search(paragraph, prev_start, prev_end):
        return paragraph[start].isupper() or paragraph[start].isdigit()
    if not _ENDS_IN_INITIALS.search(paragraph, prev_start, prev_end):
        return False
    if _CONTINUES.match(paragraph, start):
        return True
    word = _FIRST_WORD.match(paragraph, start)
    return word is not None and word.group().lower() not in starters


@lru_cache(maxsize=1)
def _sentence_starters() -> frozenset[str]:
    """Words that open sentences: NLTK's stopwords and Punkt's frequent sentence starters."""
    return english_stopwords() | frozenset(sentence_splitter()._params.sent_starters)
