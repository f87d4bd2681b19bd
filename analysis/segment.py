"""Paragraphs, sentences and tokens with character offsets into the text that was passed in.

The tokenizer is a regular expression that follows Penn Treebank conventions closely enough for
NLTK's tagger and chunker (clitics split off, punctuation separate, abbreviations kept whole) while
never rewriting the text, so every token maps back to `text[start:end]`. Tagger-facing forms
(curly quotes as `` and '', dashes as --) live in a separate `norm` field.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.nlp import pos_tagger, sentence_splitter

# Abbreviations that keep their period inside a sentence (titles, months, corporate suffixes...).
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Cmdr|Adm|Sgt|Cpl|Pvt|Gov|Sen|Rep|Rev|Hon|Pres|Supt|Det|"
    "Insp|Amb|Sec|Atty|St|Ste|Mt|Ft|Ave|Blvd|Rd|Jr|Sr|Inc|Corp|Co|Ltd|Bros|Assn|Dept|Univ|"
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


def tag_tokens(tokens: list[Token]) -> list[Token]:
    """POS-tag tokens with NLTK's perceptron tagger, keeping offsets."""
    if not tokens:
        return []
    tags = pos_tagger().tag([t.norm for t in tokens])
    return [Token(t.start, t.end, t.text, t.norm, tag) for t, (_, tag) in zip(tokens, tags)]


def _split_final_period(tokens: list[Token]) -> list[Token]:
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


@lru_cache(maxsize=64)
def tagged_sentences(text: str) -> tuple[tuple[Token, ...], ...]:
    """Every sentence of `text` as a tuple of POS-tagged tokens (cached: stages share it)."""
    result = []
    for start, end in sentence_spans(text):
        tokens = _split_final_period(token_spans(text, start, end))
        result.append(tuple(tag_tokens(tokens)))
    return tuple(result)


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
    splitter = sentence_splitter()
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        for s, e in splitter.span_tokenize(text[p_start:p_end]):
            rows.append((sentence_index, p_index, p_start + s, p_start + e,
                         text[p_start + s:p_start + e]))
            sentence_index += 1
    frame = pd.DataFrame(rows, columns=["sentence", "paragraph", "start", "end", "text"])
    return frame.astype({"sentence": "int64", "paragraph": "int64", "start": "int64",
                         "end": "int64", "text": object})


def tokens(text: str, tag: bool = True) -> pd.DataFrame:
    """One row per token: sentence, token (index in sentence), start, end, text, pos."""
    rows = []
    if tag:
        for s_index, sentence in enumerate(tagged_sentences(text)):
            rows.extend((s_index, i, t.start, t.end, t.text, t.pos) for i, t in enumerate(sentence))
    else:
        for s_index, (start, end) in enumerate(sentence_spans(text)):
            sentence_tokens = _split_final_period(token_spans(text, start, end))
            rows.extend((s_index, i, t.start, t.end, t.text, "") for i, t in enumerate(sentence_tokens))
    frame = pd.DataFrame(rows, columns=["sentence", "token", "start", "end", "text", "pos"])
    return frame.astype({"sentence": "int64", "token": "int64", "start": "int64", "end": "int64",
                         "text": object, "pos": object})


def text_statistics(articles: pd.DataFrame, column: str = "text") -> pd.DataFrame:
    """Paragraph, sentence, token and word counts per article of a text column."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles[column]):
        spans = sentence_spans(text)
        n_tokens = sum(len(token_spans(text, s, e)) for s, e in spans)
        words = [w for w in _WORD_RE.findall(text)]
        rows.append((article_id, len(text), len(paragraph_spans(text)), len(spans), n_tokens,
                     len(words), round(n_tokens / len(spans), 1) if spans else 0.0))
    return pd.DataFrame(rows, columns=["article_id", "chars", "paragraphs", "sentences", "tokens",
                                       "words", "tokens_per_sentence"])


_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
