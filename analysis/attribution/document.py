"""The token view attribution works on: a text.Document's tagged sentences as one token list,
with each token's sentence and paragraph and the quotation index on top.

Built once per call of extract_attributions from the Document the pipeline shares between
stages, so the tagging pass is never repeated here. Every lookup the rules make per cue is O(1)
or a bisection (prefix counts, quotation indexes by offset), so attribution stays linear in the
length of a sentence however many cues it holds."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from analysis.attribution.lexicon import COMMA_OR_DASH, FINITE_TAGS
from analysis.attribution.quotes import quote_spans
from analysis.text import Document, Token

_SUBJECT_TAGS = {"PRP", "DT", "NN", "NNS", "NNP", "NNPS"}


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
        self.para_of_tok = [max(0, self.paragraph_at(t.start)) for t in self.toks]
        self.quotes = quote_spans(self.text, self.paragraph_spans)  # char spans
        self.in_quote = [False] * len(self.toks)
        self.quote_of_tok: dict[int, int] = {}             # opener/closer token -> quote
        self._index_quotes()
        self._quote_starts = [qs for qs, _ in self.quotes]  # increasing: quotes never overlap
        self._quote_at_start = {qs: q for q, (qs, _) in enumerate(self.quotes)}
        self._quote_at_end = {qe: q for q, (_, qe) in enumerate(self.quotes)}
        self._index_clauses()

    def _index_clauses(self) -> None:
        """Prefix counts of finite verbs and verbs, and each token's last clause break (a colon
        or semicolon outside quotations) in its sentence: what the content rules ask per cue."""
        n = len(self.toks)
        self._finite = [0] * (n + 1)       # finite verbs before token i
        self._finite_out = [0] * (n + 1)   # the same, outside quotations
        self._verbs = [0] * (n + 1)        # verbs and modals before token i
        self._marks = [0] * (n + 1)        # infinitive "to" + verb, or a subject + past verb
        self.clause_break = [-1] * n       # last ; or : before token i in its sentence, or -1
        self._finite_at: list[int] = []    # finite verbs outside quotations, in order
        last_break, sentence = -1, -1
        for i, tok in enumerate(self.toks):
            if self.sent[i] != sentence:
                sentence, last_break = self.sent[i], -1
            self.clause_break[i] = last_break
            finite = tok.pos in FINITE_TAGS
            self._finite[i + 1] = self._finite[i] + finite
            self._finite_out[i + 1] = self._finite_out[i] + (finite and not self.in_quote[i])
            if finite and not self.in_quote[i]:
                self._finite_at.append(i)
            self._verbs[i + 1] = self._verbs[i] + (tok.pos.startswith("VB") or tok.pos == "MD")
            mark = (self.lows[i] == "to" and i + 1 < n and self.toks[i + 1].pos == "VB") or (
                tok.pos in {"VBN", "VBD"} and i > 0 and self.toks[i - 1].pos in _SUBJECT_TAGS)
            self._marks[i + 1] = self._marks[i] + mark
            if tok.text in {";", ":"} and not self.in_quote[i]:
                last_break = i

    def has_finite(self, lo: int, hi: int, outside_quotes: bool = False) -> bool:
        """Whether tokens lo..hi-1 hold a finite verb (outside quotations if asked)."""
        prefix = self._finite_out if outside_quotes else self._finite
        return hi > lo and prefix[hi] - prefix[max(lo, 0)] > 0

    def finite_before(self, i: int, lo: int) -> int | None:
        """The last finite verb outside quotations among tokens lo..i-1, or None."""
        k = bisect_left(self._finite_at, i) - 1
        return self._finite_at[k] if k >= 0 and self._finite_at[k] >= lo else None

    def finite_from(self, lo: int, hi: int) -> int | None:
        """The first finite verb outside quotations among tokens lo..hi-1, or None."""
        k = bisect_left(self._finite_at, lo)
        return self._finite_at[k] if k < len(self._finite_at) and self._finite_at[k] < hi else None

    def has_clause_mark(self, lo: int, hi: int) -> bool:
        """Whether tokens lo..hi-1 hold an infinitive ("to remain") or a past verb right after
        a subject ("this caused"): signs of a clause where the tagger found no finite verb."""
        return hi > lo and self._marks[hi] - self._marks[max(lo, 0)] > 0

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
