"""The token view attribution works on: a text.Document's tagged sentences as one token list,
with each token's sentence and paragraph and the quotation index on top.

Built once per call of extract_attributions from the Document the pipeline shares between
stages, so the tagging pass is never repeated here."""
from __future__ import annotations

from bisect import bisect_right

from analysis.attribution.lexicon import COMMA_OR_DASH
from analysis.attribution.quotes import quote_spans
from analysis.text import Document, Token


class AttributionDocument:
    """Tokens of a Document with sentence, paragraph and quotation lookups (token indices)."""

    def __init__(self, document: Document) -> None:
        self.text = document.text
        self.paragraph_spans = document.paragraph_spans
        self.toks: list[Token] = []
        self.sent: list[int] = []                          # sentence index of each token
        self.sent_bounds: list[tuple[int, int]] = []       # token index range of each sentence
        for s_index, sentence in enumerate(document.sentences):
            first = len(self.toks)
            self.toks.extend(sentence)
            self.sent.extend([s_index] * len(sentence))
            self.sent_bounds.append((first, len(self.toks)))
        self.lows = [t.text.lower() for t in self.toks]    # token texts in lower case
        self.starts = [t.start for t in self.toks]         # token start offsets (for bisect)
        self._para_starts = [s for s, _ in self.paragraph_spans]
        self.para_of_tok = [max(0, self.paragraph_at(t.start)) for t in self.toks]
        self.quotes = quote_spans(self.text, self.paragraph_spans)  # char spans
        self.in_quote = [False] * len(self.toks)
        self.quote_of_tok: dict[int, int] = {}             # opener/closer token -> quote
        self._index_quotes()

    def _index_quotes(self) -> None:
        """Mark the tokens inside each quotation and the tokens that open or close one."""
        toks = self.toks
        for q_index, (q_start, q_end) in enumerate(self.quotes):
            i = max(bisect_right(self.starts, q_start) - 1, 0)
            while i < len(toks) and toks[i].start < q_end:
                if toks[i].start > q_start and toks[i].end < q_end:
                    self.in_quote[i] = True
                if toks[i].start == q_start or toks[i].end == q_end:
                    self.quote_of_tok[i] = q_index
                i += 1

    def lower(self, i: int) -> str:
        """Token i's text in lower case."""
        return self.lows[i]

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph that starts at or before character `offset` (-1: none)."""
        return bisect_right(self._para_starts, offset) - 1

    def token_at(self, offset: int) -> int:
        """Index of the token that starts at or before character `offset`."""
        return bisect_right(self.starts, offset) - 1

    def quote_tokens(self, q: int) -> tuple[int, int]:
        """First and last token index of quotation q."""
        q_start, q_end = self.quotes[q]
        return max(self.token_at(q_start), 0), max(self.token_at(q_end - 1), 0)

    def quote_ending_at(self, i: int) -> int | None:
        """The quotation whose closing mark is token i, or that ends just before token i after
        commas and dashes."""
        k = i
        while k >= 0 and self.toks[k].text in COMMA_OR_DASH:
            k -= 1
        if k < 0:
            return None
        for q, (qs, qe) in enumerate(self.quotes):
            if qe == self.toks[k].end and qs < self.toks[k].start:
                return q
        return None

    def quote_starting_at(self, i: int) -> int | None:
        """The quotation whose opening mark is token i."""
        if i < 0 or i >= len(self.toks):
            return None
        for q, (qs, _) in enumerate(self.quotes):
            if qs == self.toks[i].start:
                return q
        return None

    def quotes_within(self, start: int, end: int) -> tuple[int, ...]:
        """Indices of the quotations inside the character span [start, end)."""
        return tuple(q for q, (qs, qe) in enumerate(self.quotes) if qs >= start and qe <= end)
