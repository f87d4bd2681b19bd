"""Tokens with character offsets into the text that was passed in, and their POS tags.

The tokenizer is a regular expression that follows Penn Treebank conventions closely enough for
NLTK's tagger and chunker (clitics split off, punctuation separate, abbreviations kept whole) while
never rewriting the text, so every token maps back to `text[start:end]`. Tagger-facing forms
(curly quotes as `` and '', dashes as --) live in a separate `norm` field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.nlp import pos_tagger

# Title abbreviations before a name ("Army Capt. Mark Resh"): a sentence never ends on one
# before a capitalised word (text.spans); "Pres." and "Sec." are left to the list below.
TITLE_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Cmdr|Adm|Sgt|Cpl|Pvt|Gov|Sen|Rep|Rev|Hon|Supt|Det|"
    "Insp|Amb|Atty"
)
# Abbreviations that keep their period inside a sentence (titles, months, corporate suffixes...);
# every one is followed by its period in the token pattern, so their order does not matter.
_ABBREVIATIONS = TITLE_ABBREVIATIONS + (
    "|Pres|Sec|St|Ste|Mt|Ft|Ave|Blvd|Rd|Jr|Sr|Inc|Corp|Co|Ltd|Bros|Assn|Dept|Univ|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|"
    "No|Nos|vs|etc|approx|est|fig|al|Ariz|Calif|Colo|Conn|Fla|Ill|Ind|Kan|Ky|La|Mass|Md|Mich|Minn|"
    "Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo"
)

_TOKEN_RE = re.compile(
    r"""
    (?P<url>(?:https?://|www\.|pic\.twitter\.com/)[^\s<>"“”]+[^\s<>"“”.,;:!?)\]'’])
  | (?P<handle>[@#][A-Za-z0-9_]+)
  | (?P<email>[\w.+-]+@[\w-]+\.[\w.-]+\w)
  | (?P<initials>(?:[A-Za-z]\.){2,}(?:-[A-Za-z][\w]*)*)                  # U.S. U.N. U.S.-China
  | (?P<abbrev>(?:"""
    + _ABBREVIATIONS
    + r""")\.(?=\s|$|,))
  | (?P<number>\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?(?![^\W\d_]))          # 1,000 3.5 5th 1990s
  | (?P<clitic>(?:['’](?:s|S|m|M|d|D|ll|LL|re|RE|ve|VE)\b)|(?:n['’]t\b)|(?:N['’]T\b))
  | (?P<word>[^\W_](?:\w|[-&.](?=\w)|['’](?=\w)(?!(?:s|S|m|M|d|D|ll|LL|re|RE|ve|VE)\b))*)
  | (?P<ellipsis>\.\.\.|…)
  | (?P<dash>--+|—|–)
  | (?P<punct>[^\w\s])
  | (?P<other>\w+)
    """,
    re.VERBOSE,
)

# Words whose "n't" should split: handled by splitting the word before n't.
_NEGATION_RE = re.compile(r"(?i)(\w+)(n['’]t)$")

_QUOTE_OPENERS = {"“": "``", "‘": "`", "«": "``"}
_QUOTE_CLOSERS = {"”": "''", "’": "'", "»": "''"}


@dataclass(frozen=True, slots=True)
class Token:
    """One token: offsets into the text, the surface text, the tagger-facing form and POS tag."""

    start: int
    end: int
    text: str
    norm: str
    pos: str = ""


def _split_negation(start: int, word: str) -> list[tuple[int, int, str]]:
    match = _NEGATION_RE.match(word)
    if match and len(match.group(1)) > 0 and word.lower() not in {"n't", "n’t"}:
        cut = start + len(match.group(1))
        return [(start, cut, match.group(1)), (cut, start + len(word), match.group(2))]
    return [(start, start + len(word), word)]


def _normalise(token: str, start: int, text: str) -> str:
    """The token as NLTK's Treebank-trained models expect to see it."""
    if token in _QUOTE_OPENERS:
        return _QUOTE_OPENERS[token]
    if token in _QUOTE_CLOSERS:
        return _QUOTE_CLOSERS[token]
    if token == '"':
        opening = start == 0 or text[start - 1].isspace() or text[start - 1] in "([{—–-"
        return "``" if opening else "''"
    if token in {"—", "–"}:
        return "--"
    if token == "…":
        return "..."
    if token[:1] == "’":
        return "'" + token[1:]
    if "’" in token:
        return token.replace("’", "'")
    return token


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `text[start:end]` (untagged), offsets relative to `text`."""
    end = len(text) if end is None else end
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text, start, end):
        kind = match.lastgroup
        piece = match.group()
        pieces = (
            _split_negation(match.start(), piece)
            if kind == "word" and ("n't" in piece or "n’t" in piece)
            else [(match.start(), match.end(), piece)]
        )
        for s, e, surface in pieces:
            tokens.append(Token(s, e, surface, _normalise(surface, s, text)))
    return tokens


def tag_tokens(tokens: list[Token]) -> list[Token]:
    """POS-tag tokens with NLTK's perceptron tagger, keeping offsets."""
    if not tokens:
        return []
    tags = pos_tagger().tag([t.norm for t in tokens])
    return [Token(t.start, t.end, t.text, t.norm, tag) for t, (_, tag) in zip(tokens, tags)]


def split_final_period(tokens: list[Token]) -> list[Token]:
    """Treebank splits a sentence-final period off its word ("week." -> "week", ".")."""
    if tokens:
        last = tokens[-1]
        if last.text.endswith(".") and len(last.text) > 1 and last.text != "...":
            if not re.fullmatch(r"(?:[A-Za-z]\.){2,}", last.text):
                cut = last.end - 1
                return tokens[:-1] + [
                    Token(last.start, cut, last.text[:-1], last.norm[:-1]),
                    Token(cut, last.end, ".", "."),
                ]
    return tokens


