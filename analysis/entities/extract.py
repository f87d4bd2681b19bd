"""The entity stage: mentions of one Document, of one text, and of one article (body, headline
and captions, each extracted on its own)."""
from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd

from analysis.clean import clean_article
from analysis.core.checks import require_text
from analysis.entities.candidates import Piece, Sentence, is_sentence_caps
from analysis.entities.lexicon import lexicon
from analysis.entities.pieces import caps_pieces, sentence_pieces
from analysis.entities.resolution import align_with_body, caps_names, listed_full_names, resolve
from analysis.entities.typing import type_pieces
from analysis.entities.voting import DROP, WEAK_EVIDENCE
from analysis.names import honorific_gender
from analysis.text import Document, as_document

LABELS = ("PERSON", "ORGANIZATION", "GPE", "LOCATION", "FACILITY", "NORP", "EVENT", "MISC")
MENTION_COLUMNS = ["start", "end", "text", "label", "canonical"]
#: Segment roles whose text is run through extraction, each on its own (clean_text roles).
MENTION_ROLES = ("body", "headline", "caption")
#: Columns of mentions_in_article (the per-article entity stage).
ARTICLE_MENTION_COLUMNS = ["role", "segment", "start", "end", "text", "label", "canonical",
                           "sentence", "paragraph", "weak"]
MENTION_DTYPES = {**{c: "int64" for c in ("segment", "start", "end", "sentence", "paragraph")},
                  "weak": "bool"}


def document_mentions(document: Document) -> list[Piece]:
    """The typed and resolved mentions of a Document, in text order (from its tagged sentences,
    so the tagging pass is shared with the other stages that read the same Document)."""
    if document.is_blank:
        return []
    lex = lexicon()
    text = document.text
    sentences = document.sentences
    pieces: list[Piece] = []
    caps_lines: list[Sentence] = []
    for s_index, tokens in enumerate(sentences):
        if not tokens:
            continue
        sentence = Sentence.of(s_index, tokens, text)
        if is_sentence_caps(tokens):
            caps_lines.append(sentence)
            pieces.extend(caps_pieces(sentence, lex))
        else:
            pieces.extend(sentence_pieces(sentence, lex))
    type_pieces(pieces, sentences, lex, text)
    pieces = _join_capital_district([p for p in pieces if p.label != DROP], text)
    if caps_lines:
        pieces.extend(caps_names(caps_lines, pieces))
    for p in pieces:
        if p.label == "PERSON" and p.first > 0:
            p.gender = honorific_gender(sentences[p.sentence][p.first - 1].text)
    resolve(pieces, lex.org_cues)
    listed_full_names(pieces, lex.public_figures, lex.figure_genders)
    pieces.sort(key=lambda p: (p.start, p.end))
    return pieces


_STATE_AFTER = re.compile(r"\s+state\b", re.IGNORECASE)


def _join_capital_district(pieces: list[Piece], text: str) -> list[Piece]:
    """"Washington, D.C." is one place, not Washington (the state) and D.C.; "Washington" alone
    is the capital (its canonical in rules/entities/gpe.tsv) unless written as the state:
    "Washington state", or after a city ("Seattle, Washington")."""
    pieces.sort(key=lambda p: (p.start, p.end))
    joined: list[Piece] = []
    for p in pieces:
        last = joined[-1] if joined else None
        if p.canonical == "Washington, D.C." and p.text == "Washington" and (
                _STATE_AFTER.match(text, p.end) or (last is not None and last.label == "GPE"
                                                     and text[last.end:p.start] == ", ")):
            p.canonical = "Washington"
        if (last is not None and last.text == "Washington" and p.text.replace(".", "") == "DC"
                and text[last.end:p.start] == ", "):
            last.end, last.text = p.end, text[last.start:p.end]
            last.label, last.canonical = "GPE", "Washington, D.C."
            continue
        joined.append(p)
    return joined


def extract_entities(text: str | Document) -> pd.DataFrame:
    """One row per entity mention: start, end, text, label, canonical (offsets into the text).

    Labels: PERSON, ORGANIZATION, GPE, LOCATION, FACILITY, plus NORP for nationality or group
    words ("Chinese"), EVENT and MISC, kept so that counts can include or exclude them."""
    text = require_text(text, "text", Document)
    pieces = document_mentions(as_document(text))
    return pd.DataFrame(
        {
            "start": pd.Series([p.start for p in pieces], dtype="int64"),
            "end": pd.Series([p.end for p in pieces], dtype="int64"),
            "text": pd.Series([p.text for p in pieces], dtype=object),
            "label": pd.Series([p.label for p in pieces], dtype=object),
            "canonical": pd.Series([p.canonical for p in pieces], dtype=object),
        },
        columns=MENTION_COLUMNS,
    )


def _units(document: Document, pieces: list[Piece]) -> tuple[list[int], list[int]]:
    """Sentence and paragraph index of each piece (its sentence is the one it was found in)."""
    paragraph_starts = [s for s, _ in document.paragraph_spans]
    return ([p.sentence for p in pieces],
            [max(bisect_right(paragraph_starts, p.start) - 1, 0) for p in pieces])


def _article_parts(raw_text: str, document: Document) -> list[tuple[str, int, int, Document]]:
    """(role, segment number, offset, Document) to run extraction on: the clean body (offsets
    into its text) and each headline or caption segment of the raw text (offsets into the raw
    text after mojibake repair, the text the cleaning segments cover)."""
    parts = [("body", -1, 0, document)]
    if raw_text:
        cleaned = clean_article(raw_text)
        for number, (start, end, role, _) in enumerate(cleaned.spans):
            if role in MENTION_ROLES and role != "body":
                parts.append((role, number, start, Document(cleaned.source_text[start:end])))
    return parts


def mentions_in_article(raw_text: str, document: Document | str) -> pd.DataFrame:
    """Mentions of one article in its body, headline and captions (each extracted on its own):
    the per-article entity stage of a corpus run. `document` is the Document of the article's
    clean text (the one the other stages read), or that text.

    Columns: role, segment, start, end, text, label, canonical, sentence, paragraph, weak (the
    label rests on weak evidence only, so a corpus vote may change it: see
    :func:`analysis.entities.corpus.resolve_corpus_names`). Body
    offsets (role "body") are into the clean text; headline and caption offsets into the
    repaired `raw_text`. `sentence` and `paragraph` number the units of the string each mention
    came from (per segment for captions), so co-occurrence never joins a caption to the body.
    Rows are built from plain lists (this runs once per article of a corpus)."""
    rows = []  # in ARTICLE_MENTION_COLUMNS order
    for role, segment, offset, part in _article_parts(raw_text, as_document(document)):
        pieces = document_mentions(part)
        if not pieces:
            continue
        sentences, paragraphs = _units(part, pieces)
        rows += [(role, segment, piece.start + offset, piece.end + offset, piece.text,
                  piece.label, piece.canonical, sentence, paragraph, piece.evidence in WEAK_EVIDENCE)
                 for piece, sentence, paragraph in zip(pieces, sentences, paragraphs)]
    columns = dict(zip(ARTICLE_MENTION_COLUMNS, map(list, zip(*rows))))
    if columns:
        columns["canonical"] = align_with_body(columns["role"], columns["label"],
                                               columns["canonical"])
    return pd.DataFrame({name: pd.Series(columns.get(name, []),
                                         dtype=MENTION_DTYPES.get(name, object))
                         for name in ARTICLE_MENTION_COLUMNS})
