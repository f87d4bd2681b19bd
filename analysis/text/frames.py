"""Paragraphs, sentences and tokens as DataFrames (offsets into the text that was passed in)."""
from __future__ import annotations

import re

import pandas as pd

from analysis.text.document import Document, as_document
from analysis.text.spans import paragraph_sentence_spans, paragraph_spans, sentence_spans
from analysis.text.tokens import token_spans


def paragraphs(text: str) -> pd.DataFrame:
    """One row per paragraph: paragraph, start, end, text."""
    spans = paragraph_spans(text)
    return pd.DataFrame(
        {
            "paragraph": pd.Series(range(len(spans)), dtype="int64"),
            "start": pd.Series([s for s, _ in spans], dtype="int64"),
            "end": pd.Series([e for _, e in spans], dtype="int64"),
            "text": pd.Series([text[s:e] for s, e in spans], dtype=object),
        }
    )


def sentences(text: str) -> pd.DataFrame:
    """One row per sentence: sentence, paragraph, start, end, text."""
    rows = []
    sentence_index = 0
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        for s, e in paragraph_sentence_spans(text[p_start:p_end]):
            rows.append((sentence_index, p_index, p_start + s, p_start + e,
                         text[p_start + s:p_start + e]))
            sentence_index += 1
    frame = pd.DataFrame(rows, columns=["sentence", "paragraph", "start", "end", "text"])
    return frame.astype({"sentence": "int64", "paragraph": "int64", "start": "int64",
                         "end": "int64", "text": object})


def tokens(text: str | Document, tag: bool = True) -> pd.DataFrame:
    """One row per token: sentence, token (index in sentence), start, end, text, pos."""
    document = as_document(text)
    units = document.sentences if tag else document.untagged_sentences
    rows = [(s_index, i, t.start, t.end, t.text, t.pos)
            for s_index, sentence in enumerate(units) for i, t in enumerate(sentence)]
    frame = pd.DataFrame(rows, columns=["sentence", "token", "start", "end", "text", "pos"])
    return frame.astype({"sentence": "int64", "token": "int64", "start": "int64", "end": "int64",
                         "text": object, "pos": object})


def text_statistics(articles: pd.DataFrame, column: str = "text") -> pd.DataFrame:
    """Paragraph, sentence, token and word counts per article of a text column."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles[column]):
        spans = sentence_spans(text)
        n_tokens = sum(len(token_spans(text, s, e)) for s, e in spans)
        words = WORD_RE.findall(text)
        rows.append((article_id, len(text), len(paragraph_spans(text)), len(spans), n_tokens,
                     len(words), round(n_tokens / len(spans), 1) if spans else 0.0))
    return pd.DataFrame(rows, columns=["article_id", "chars", "paragraphs", "sentences", "tokens",
                                       "words", "tokens_per_sentence"])


#: A word: letters first, then letters, digits, apostrophes and hyphens.
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
