"""One Document per text: paragraphs, sentences, tokens and POS tags, each built once.

Entities, attribution and keywords all read the same tagged sentences. Instead of sharing them
through a cache keyed on the text (whose hits depend on call order), the pipeline builds one
Document per text and hands it to every stage; each part is computed on first use and kept on
the object, so a stage that needs no tags (cleaning) never pays for them.
"""
from __future__ import annotations

from functools import cached_property

from analysis.text.spans import paragraph_spans, sentence_spans
from analysis.text.tokens import Token, split_final_period, tag_tokens, token_spans


class Document:
    """A text and its linguistic units, with offsets into `text`."""

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError(f"Document expects a str, got {type(text).__name__}")
        self.text = text

    def __repr__(self) -> str:
        preview = self.text[:40].replace("\n", " ")
        return f"Document({preview!r}{'...' if len(self.text) > 40 else ''}, {len(self.text)} chars)"

    @cached_property
    def paragraph_spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each paragraph."""
        return tuple(paragraph_spans(self.text))

    @cached_property
    def sentence_spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence; sentences never cross a paragraph boundary."""
        return tuple(sentence_spans(self.text))

    @cached_property
    def untagged_sentences(self) -> tuple[tuple[Token, ...], ...]:
        """Every sentence as its tokens (Treebank-style final period split off), without tags."""
        return tuple(tuple(split_final_period(token_spans(self.text, start, end)))
                     for start, end in self.sentence_spans)

    @cached_property
    def sentences(self) -> tuple[tuple[Token, ...], ...]:
        """Every sentence as a tuple of POS-tagged tokens (NLTK's perceptron tagger)."""
        return tuple(tuple(tag_tokens(list(tokens))) for tokens in self.untagged_sentences)

    @property
    def is_blank(self) -> bool:
        """True for an empty or white-space-only text (stages return no rows for it)."""
        return not self.text.strip()


def as_document(text: str | Document) -> Document:
    """The Document of a text (a Document is returned as it is)."""
    return text if isinstance(text, Document) else Document(text)
