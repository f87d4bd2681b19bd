"""Lossless cleaning of scraped news text.

Scraped articles mix the story with tag lines, photo captions, agency credits, share buttons and
copyright lines. Instead of deleting that noise, `clean_text` labels every character of the raw
text: the segments, in order, reconstruct the raw text exactly, each with the `role` it plays and
the `rule` that decided it. Captions and credits stay available for analysis (captions mention
people too); the clean body text is just the segments whose role is "body".

Whole-paragraph rules are data (analysis/rules/clean_patterns.tsv); rules that need the paragraph's
neighbours or split a paragraph (fused image ids, inline credits, datelines, headlines) are the
named functions below. `rule_registry()` lists all of them.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.paths import RULES_DIR
from analysis.rulefiles import rule_lines
from analysis.segment import paragraph_spans

ROLES = ("body", "headline", "caption", "credit", "tag_line", "boilerplate", "byline",
         "dateline", "embed", "blank")

# Characters that appear when UTF-8 bytes were decoded as cp1252/latin-1 ("â€™", "Ã©", "Â ").
_MOJIBAKE_RE = re.compile("[ÂÃâ][\u0080-\u00bf\u2013-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]")
#: Share of the non-blank text that cleaning may remove before the article is flagged.
MAX_REMOVED_SHARE = 0.5


@dataclass(frozen=True)
class PatternRule:
    """A whole-paragraph rule read from clean_patterns.tsv."""

    name: str
    role: str
    pattern: re.Pattern
    example: str


@dataclass(frozen=True)
class CleanResult:
    """The outcome of cleaning one article.

    `segments` covers the raw text exactly (columns start, end, text, role, rule); `text` is the
    body, `headline` the recovered headline; `flags` explains why an article needs a human look.
    """

    text: str
    headline: str | None
    segments: pd.DataFrame = field(repr=False)
    flags: tuple[str, ...] = ()

    @property
    def removed(self) -> pd.DataFrame:
        """The segments that are not body text (the cleaning audit)."""
        return self.segments[~self.segments["role"].isin(["body", "blank"])]


def _as_cp1252_bytes(text: str) -> bytes:
    """Encode as cp1252, passing its five undefined bytes through as latin-1 does (as browsers do)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 255:
                raise
            out.append(ord(char))
    return bytes(out)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252 (once or twice); other text is returned as is."""
    for _ in range(2):
        if not _MOJIBAKE_RE.search(text):
            break
        try:
            text = _as_cp1252_bytes(text).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
    return text


def _read_tsv(name: str) -> list[dict[str, str]]:
    with open(RULES_DIR / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def pattern_rules() -> tuple[PatternRule, ...]:
    """The whole-paragraph rules, in the order they are tried."""
    rules = []
    for row in _read_tsv("clean_patterns.tsv"):
        if row["role"] not in ROLES:
            raise ValueError(f"clean_patterns.tsv: rule {row['rule']!r} has unknown role {row['role']!r}")
        rules.append(PatternRule(row["rule"], row["role"], re.compile(row["pattern"]), row["example"]))
    return tuple(rules)


@lru_cache(maxsize=1)
def _photo_credit_re() -> re.Pattern:
    source = next(rule for rule in pattern_rules() if rule.name == "photo_credit_line").pattern.pattern
    return re.compile(source)


@lru_cache(maxsize=1)
def _image_id_re() -> re.Pattern:
    prefixes = sorted(rule_lines("image_ids.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(prefix).replace(r"\ ", r"\s?") for prefix in prefixes)
    return re.compile(rf"(?i:{alternatives})[\s_-]?\d{{5,}}\b[ \t]*")


@lru_cache(maxsize=1)
def _caption_opener_re() -> re.Pattern:
    openers = sorted(rule_lines("caption_openers.txt"), key=len, reverse=True)
    return re.compile(r"(?i:" + "|".join(re.escape(o) for o in openers) + r")")


# "WASHINGTON —", "BUENOS AIRES, Argentina (AP) - ", "SEOUL, June 21 (Reuters) - "
_DATELINE_RE = re.compile(
    r"[A-Z]{3,}(?:[ .'’-]+[A-Z]{2,})*\.?"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
    r"\s*(?:\([A-Z][\w .&-]{0,30}\)\s*)?[-—–]{1,2}\s+(?=[A-Z\"“‘'])"
)
_TAG_LINE_RE = re.compile(r"[a-z][a-z'’-]*(?: [a-z][a-z'’-]*){1,9}")
_NO_WORD_RE = re.compile(r"[^\w]+")
_TERMINAL = ".!?;:,"


def _looks_like_headline(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 25
        and len(text) <= 200
        and "\n" not in text
        and text[-1] not in _TERMINAL
        and any(ch.isupper() for ch in text[:1])
    )


# Each piece is (start, end, role, rule), offsets into the raw text.
Piece = tuple[int, int, str, str]


def _match_pattern_rule(unit: str) -> PatternRule | None:
    for rule in pattern_rules():
        if rule.pattern.fullmatch(unit):
            return rule
    return None


def _shift(pieces: list[Piece], offset: int) -> list[Piece]:
    return [(s + offset, e + offset, role, rule) for s, e, role, rule in pieces]


def _rest(unit: str, cut: int) -> list[Piece]:
    """Classify what follows a removed prefix as a paragraph of its own, exactly as cleaning the
    clean text will see it, so that cleaning twice removes nothing more."""
    start = cut + len(unit[cut:]) - len(unit[cut:].lstrip())
    pieces: list[Piece] = [(cut, start, "blank", "separator")] if start > cut else []
    return pieces + _shift(_classify_view(unit[start:]), start)


def _split_dateline(unit: str) -> list[Piece] | None:
    """A dateline that opens a paragraph ("SEOUL (Reuters) - ") becomes its own segment."""
    match = _DATELINE_RE.match(unit)
    if not match or match.end() >= len(unit):
        return None
    return [(0, match.end(), "dateline", "dateline"), *_rest(unit, match.end())]


def _classify_unit(raw: str, start: int, end: int) -> list[Piece]:
    """Role(s) of one paragraph, judged on its own text with line breaks read as spaces (the form
    the paragraph takes in the clean text)."""
    view = raw[start:end].replace("\r", " ").replace("\n", " ")
    return _shift(_classify_view(view), start)


def _classify_view(unit: str) -> list[Piece]:
    """Pieces of one stripped paragraph, offsets relative to it."""
    end = len(unit)
    if not unit:
        return []
    rule = _match_pattern_rule(unit)
    if rule is not None:
        return [(0, end, rule.role, rule.name)]
    if not _NO_WORD_RE.sub("", unit):
        return [(0, end, "boilerplate", "decoration")]
    if _TAG_LINE_RE.fullmatch(unit):
        return [(0, end, "tag_line", "tag_line")]

    image_id = _image_id_re().match(unit)
    if image_id:
        rest = unit[image_id.end():].strip()
        if not rest:
            return [(0, end, "boilerplate", "image_id")]
        if _looks_like_headline(rest):
            rest_start = unit.index(rest, image_id.end())
            return [(0, image_id.end(), "boilerplate", "image_id"),
                    *([(image_id.end(), rest_start, "blank", "separator")] if rest_start > image_id.end() else []),
                    (rest_start, end, "headline", "fused_headline")]
        return [(0, image_id.end(), "boilerplate", "image_id"), *_rest(unit, image_id.end())]

    credit = None
    for credit in _photo_credit_re().finditer(unit):
        pass  # the last credit in the paragraph
    if credit is not None:
        before = unit[:credit.start()].rstrip()
        after = unit[credit.end():].strip()
        caption_and_credit: list[Piece] = [
            (0, len(before), "caption", "caption_with_credit"),
            (len(before), credit.start(), "blank", "separator"),
            (credit.start(), credit.end(), "credit", "inline_photo_credit")]
        if before and not after:  # "... at an undisclosed location. (STR/AFP/Getty Images)"
            return caption_and_credit
        if before:  # caption (AP Photo/...) DATELINE (AP) - story
            after_start = unit.index(after, credit.end())
            dateline = _split_dateline(unit[after_start:])
            if dateline:
                return [*caption_and_credit, (credit.end(), after_start, "blank", "separator"),
                        *_shift(dateline, after_start)]

    if len(unit.split()) <= 80 and _caption_opener_re().match(unit):
        return [(0, end, "caption", "caption_opener")]
    return _split_dateline(unit) or [(0, end, "body", "body")]


def _apply_context(raw: str, units: list[list[Piece]]) -> None:
    """Rules that look at a paragraph's neighbours: captions above credit lines, tweet text above
    its signature, and a headline on the first line. Changes `units` in place."""
    for index, pieces in enumerate(units[:-1]):
        following = units[index + 1][0]
        only_body = len(pieces) == 1 and pieces[0][2] == "body"
        if not only_body:
            continue
        start, end = pieces[0][0], pieces[0][1]
        if following[3] == "photo_credit_line" and len(raw[start:end].split()) <= 120:
            units[index] = [(start, end, "caption", "caption_before_credit")]
        elif following[3] == "tweet_signature" and end - start <= 400:
            units[index] = [(start, end, "embed", "tweet_text")]

    content = [i for i, pieces in enumerate(units) if any(p[2] == "body" for p in pieces)]
    if len(content) >= 2:
        first, second = content[0], content[1]
        pieces = units[first]
        start, end = pieces[0][0], pieces[0][1]
        next_start = units[second][0][0]
        single_line_break = raw[end:next_start].count("\n") == 1 and second == first + 1
        second_text = raw[units[second][0][0]:units[second][0][1]]
        if (len(pieces) == 1 and single_line_break and _looks_like_headline(raw[start:end])
                and not _looks_like_headline(second_text)):
            units[first] = [(start, end, "headline", "first_line_headline")]


def _fill_blanks(raw: str, pieces: list[Piece]) -> list[Piece]:
    filled: list[Piece] = []
    position = 0
    for start, end, role, rule in pieces:
        if start > position:
            filled.append((position, start, "blank", "separator"))
        if end > start:
            filled.append((start, end, role, rule))
        position = max(position, end)
    if position < len(raw):
        filled.append((position, len(raw), "blank", "separator"))
    return filled


def _body_text(raw: str, pieces: list[Piece]) -> str:
    """The body segments, one paragraph each (line breaks inside a paragraph read as spaces),
    separated by blank lines."""
    return "\n\n".join(raw[s:e].replace("\r", " ").replace("\n", " ")
                         for s, e, role, _ in pieces if role == "body")


def _segments_frame(raw: str, pieces: list[Piece]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "start": pd.Series([p[0] for p in pieces], dtype="int64"),
            "end": pd.Series([p[1] for p in pieces], dtype="int64"),
            "text": pd.Series([raw[p[0]:p[1]] for p in pieces], dtype=object),
            "role": pd.Series([p[2] for p in pieces], dtype=object),
            "rule": pd.Series([p[3] for p in pieces], dtype=object),
        }
    )


def segment_spans(raw: str) -> list[tuple[int, int, str, str]]:
    """The segments of clean_text(raw) as plain (start, end, role, rule) tuples, for per-article
    code that needs the roles without building the audit DataFrame."""
    units = [_classify_unit(raw, start, end) for start, end in paragraph_spans(raw)]
    _apply_context(raw, units)
    return _fill_blanks(raw, [piece for unit in units for piece in unit])


def clean_text(raw: str) -> CleanResult:
    """Split raw article text into labelled segments; return the body, headline and audit."""
    if not isinstance(raw, str):
        raise TypeError(f"clean_text expects a str, got {type(raw).__name__}")
    pieces = segment_spans(raw)
    body = _body_text(raw, pieces)
    headline = next((raw[s:e] for s, e, role, _ in pieces if role == "headline"), None)

    flags = []
    non_blank = sum(e - s for s, e, role, _ in pieces if role != "blank")
    kept = sum(e - s for s, e, role, _ in pieces if role == "body")
    if non_blank and (non_blank - kept) / non_blank > MAX_REMOVED_SHARE:
        share = round(100 * (non_blank - kept) / non_blank)
        flags.append(f"cleaning removed {share}% of the text: check the segments before trusting counts")
    return CleanResult(text=body, headline=headline, segments=_segments_frame(raw, pieces),
                       flags=tuple(flags))


def rule_registry() -> pd.DataFrame:
    """Every cleaning rule with the role it assigns and how it decides (for the audit notebook)."""
    rows = [(rule.name, rule.role, "pattern (clean_patterns.tsv)", rule.example) for rule in pattern_rules()]
    rows += [
        ("decoration", "boilerplate", "paragraph without letters or digits", "* * *"),
        ("tag_line", "tag_line", "2-10 lower-case words, no punctuation", "kim jong un north korea"),
        ("image_id", "boilerplate", "stock-photo id (image_ids.txt)", "gettyimages 692347866"),
        ("fused_headline", "headline", "headline-like text after an image id",
         "The U.S. and China are meeting (again) to figure out how to deal with North Korea"),
        ("caption_with_credit", "caption", "paragraph ending in a photo credit", "... (STR/AFP/Getty Images)"),
        ("inline_photo_credit", "credit", "photo credit inside a caption paragraph", "(STR/AFP/Getty Images)"),
        ("caption_before_credit", "caption", "paragraph right above a photo credit line",
         "A photo released from North Korea's KCNA shows ..."),
        ("caption_opener", "caption", "caption opening phrase (caption_openers.txt)", "In this file photo, ..."),
        ("dateline", "dateline", "CITY, Region (Agency) - at a paragraph start", "SEOUL (Reuters) - "),
        ("tweet_text", "embed", "paragraph right above a tweet signature", "At least I know China tried!"),
        ("first_line_headline", "headline", "short first line followed by a single line break", ""),
        ("separator", "blank", "white space between segments", "\\n\\n"),
        ("body", "body", "everything else", ""),
    ]
    return pd.DataFrame(rows, columns=["rule", "role", "decides_by", "example"])


def cleaning_audit(articles: pd.DataFrame, cache: Any = None,
                   progress: bool | None = None) -> pd.DataFrame:
    """Every segment of every article (article_id, segment, start, end, role, rule, text), the
    cleaning decisions a reader can check; a duplicate article counts once. Offsets are into the
    text that was cleaned (raw_text, after mojibake repair where load_articles recorded one).
    The segments come from the annotation cache when they are there (`cache` as in
    :func:`analysis.cache.annotation_cache`)."""
    from analysis.corpus import stage_table  # the cached per-article "segments" stage

    segments = stage_table(articles, "segments", cache, progress)
    segments.insert(1, "segment", segments.groupby("article_id", sort=False).cumcount()
                    .astype("int64"))
    return segments[["article_id", "segment", "start", "end", "text", "role", "rule"]]


def role_composition(audit: pd.DataFrame) -> pd.DataFrame:
    """Characters and share of the raw text per role (blank separators excluded), largest first."""
    kept = audit[audit["role"] != "blank"]
    chars = (kept["end"] - kept["start"]).groupby(kept["role"]).sum()
    frame = chars.rename("chars").reset_index()
    frame["share"] = (frame["chars"] / frame["chars"].sum()).round(4)
    return frame.sort_values(["chars", "role"], ascending=[False, True], ignore_index=True)
