"""The token view attribution works on: a text.Document's tagged sentences as one token list,
with each token's sentence and paragraph and the quotation index on top.

Built once per call of extract_attributions from the Document the pipeline shares between
stages, so the tagging pass is never repeated here. Every lookup the rules make per cue is O(1)
or a bisection (prefix counts, quotation indexes by offset), so attribution stays linear in the
length of a sentence however many cues it holds."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from analysis.attribution.lexicon import COMMA_OR_DASH, FINITE_TAGS
from analysis.attribution.quotes import quote_spans
from analysis.text import Document, Token


class AttributionDocument:
    """Tokens of a Document with sentence, paragraph and quotation lookups (token indices)."""

    def __init__(self, document: Document, scheme: str = "speech") -> None:
        self.scheme = scheme                               # lexicon.SCHEMES: what counts
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
        self.para_of_tok = self._paragraph_of_tokens()     # paragraph index of each token
        self.quotes = quote_spans(self.text, self.paragraph_spans)  # char spans
        self.in_quote = [False] * len(self.toks)
        self.quote_of_tok: dict[int, int] = {}             # opener/closer token -> quote
        self._index_quotes()
        self._quote_starts = [qs for qs, _ in self.quotes]  # increasing: quotes never overlap
        self._quote_at_start = {qs: q for q, (qs, _) in enumerate(self.quotes)}
        self._quote_at_end = {qe: q for q, (_, qe) in enumerate(self.quotes)}
        self._index_clauses()

    def _paragraph_of_tokens(self) -> list[int]:
        """Each token's paragraph (0 before the first), in one sweep: tokens and paragraph
        starts are both in text order."""
        para_starts, result = self._para_starts, []
        k, m = 0, len(self._para_starts)
        for start in self.starts:
            while k < m and para_starts[k] <= start:
                k += 1
            result.append(k - 1 if k > 0 else 0)
        return result

    def _index_clauses(self) -> None:
        """Prefix counts of finite verbs and verbs, and each token's last clause break (a colon
        or semicolon outside quotations) in its sentence: what the content rules ask per cue.
        (Per-token flags in list comprehensions, prefix sums with accumulate: this runs over
        every token of every text.)"""
        n = len(self.toks)
        tags = [t.pos for t in self.toks]
        in_quote = self.in_quote
        finite = [tag in FINITE_TAGS for tag in tags]
        finite_out = [f and not q for f, q in zip(finite, in_quote)]
        self._finite = [0, *accumulate(finite)]          # finite verbs before token i
        self._finite_at = [i for i, f in enumerate(finite_out) if f]  # their indices, in order
        # verbs and modals before token i
        self._verbs = [0, *accumulate(tag[:2] == "VB" or tag == "MD" for tag in tags)]
        self.clause_break = [-1] * n       # last ; or : before token i in its sentence, or -1
        breaks = [i for i, t in enumerate(self.toks) if (t.text == ";" or t.text == ":") and not in_quote[i]]
        for k, b in enumerate(breaks):  # tokens after a break, to the next one or the sentence end
            stop = self.sent_bounds[self.sent[b]][1]
            if k + 1 < len(breaks):
                stop = min(stop, breaks[k + 1] + 1)
            self.clause_break[b + 1:stop] = [b] * (stop - b - 1)

    def has_finite(self, lo: int, hi: int) -> bool:
        """Whether tokens lo..hi-1 hold a finite verb."""
        return hi > lo and self._finite[hi] - self._finite[max(lo, 0)] > 0

    def finite_before(self, i: int, lo: int) -> int | None:
        """The last finite verb outside quotations among tokens lo..i-1, or None."""
        k = bisect_left(self._finite_at, i) - 1
        return self._finite_at[k] if k >= 0 and self._finite_at[k] >= lo else None

    def finite_from(self, lo: int, hi: int) -> int | None:
        """The first finite verb outside quotations among tokens lo..hi-1, or None."""
        k = bisect_left(self._finite_at, lo)
        return self._finite_at[k] if k < len(self._finite_at) and self._finite_at[k] < hi else None

    def has_verb(self, lo: int, hi: int) -> bool:
        """Whether tokens lo..hi-1 hold a verb or a modal."""
        return hi > lo and self._verbs[hi] - self._verbs[max(lo, 0)] > 0

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
        q = self._quote_at_end.get(self.toks[k].end)
        return q if q is not None and self.quotes[q][0] < self.toks[k].start else None

    def quote_starting_at(self, i: int) -> int | None:
        """The quotation whose opening mark is token i."""
        if i < 0 or i >= len(self.toks):
            return None
        return self._quote_at_start.get(self.toks[i].start)

    def quotes_within(self, start: int, end: int) -> tuple[int, ...]:
        """Indices of the quotations inside the character span [start, end)."""
        first = bisect_left(self._quote_starts, start)
        last = bisect_left(self._quote_starts, end)
        return tuple(q for q in range(first, last) if self.quotes[q][1] <= end)

    def quote_opening_in(self, start: int, end: int) -> int | None:
        """The last quotation that opens inside the character span [start, end), or None."""
        q = bisect_left(self._quote_starts, end) - 1
        return q if q >= 0 and self.quotes[q][0] >= start else None
