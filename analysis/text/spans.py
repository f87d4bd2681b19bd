"""Paragraph and sentence spans: (start, end) offsets into the text that was passed in."""
from __future__ import annotations

import re
from collections import Counter

from analysis.nlp import sentence_splitter

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
    splitter = sentence_splitter()
    spans = []
    for p_start, p_end in paragraph_spans(text):
        for s, e in splitter.span_tokenize(text[p_start:p_end]):
            spans.append((p_start + s, p_start + e))
    return spans


