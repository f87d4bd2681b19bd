"""Provenance credits: which agencies supplied an article's photos and text.

Credits are read from the segments the cleaner set aside (photo credit lines, inline credits,
copyright and distributor lines, wire bylines, datelines such as "(AP) -") and from captions that
name the agency that released a photo ("a photo released from North Korea's KCNA"). One row per
agency mention, so "(STR/AFP/Getty Images)" gives three rows.

Credits are computed from segments, so their offsets are into the string those segments cover;
`extract_credits` uses the segments of `clean_article` (its spans over the mojibake-repaired
text, no segments table built), the same string the captions and the pipeline's "segments" stage
point into.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from analysis.clean.article import clean_article
from analysis.core.checks import require_text
from analysis.core.rules import rule_records

CREDIT_COLUMNS = ["start", "end", "text", "agency", "role", "credit", "photographer"]

# Which credit role a cleaning rule implies.
_ROLE_BY_RULE = {
    "photo_credit_line": "photo",
    "inline_photo_credit": "photo",
    "photo_label_line": "photo",
    "wire_contribution": "wire",
    "dateline": "wire",
    "copyright_line": "copyright",
    "all_rights_reserved": "copyright",
    "caption_with_credit": "photo",
    "caption_before_credit": "photo",
    "caption_opener": "photo",
}
_CAPTION_RULES = {"caption_with_credit", "caption_before_credit", "caption_opener"}
_RELEASED_BY_RE = re.compile(r"(?i:released|distributed|provided|handed out|obtained)\s+(?:from|by)\b")
_NAME_RE = re.compile(r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}")


@lru_cache(maxsize=1)
def agency_table() -> pd.DataFrame:
    """Agencies from rules/clean/agencies.tsv: agency, aliases (list), kind."""
    rows = rule_records("clean/agencies.tsv")
    return pd.DataFrame(
        {
            "agency": [row["agency"] for row in rows],
            "aliases": [[a for a in (row["aliases"] or "").split("|") if a] for row in rows],
            "kind": [row["kind"] for row in rows],
        }
    )


@lru_cache(maxsize=1)
def _agency_re() -> tuple[re.Pattern, dict[str, str]]:
    names: dict[str, str] = {}
    for row in agency_table().itertuples():
        names[row.agency] = row.agency
        for alias in row.aliases:
            names[alias] = row.agency
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), names


def _credit_role(rule: str, text: str) -> str:
    role = _ROLE_BY_RULE.get(rule, "other")
    if role == "copyright" and "distributor" in text.lower():
        return "distributor"
    return role


def _photographer(credit: str) -> str | None:
    """The person's name in a slash-separated photo credit ("Mark Metcalfe/AFP/Getty Images")."""
    pattern, _ = _agency_re()
    inner = credit.strip("() ")
    for part in inner.split("/"):
        part = re.sub(r"(?i)^(?:photo|photograph|picture|image)\s*(?:by|:)?\s*", "", part.strip())
        if part and not pattern.fullmatch(part) and _NAME_RE.fullmatch(part):
            return part
    return None


def _search_start(role: str, rule: str, text: str) -> int | None:
    """Where to look for agencies in a segment, or None when it carries no credit. Captions
    count only after "released by" (the agency that released the photo, not people in it)."""
    if role == "credit" or (role == "dateline" and "(" in text):
        return 0
    if rule in _CAPTION_RULES:
        released = _RELEASED_BY_RE.search(text)
        return released.end() if released else None
    return None


def _credits(segments: Iterable[tuple[int, int, str, str, str]]) -> pd.DataFrame:
    """Agency mentions in segments given as (start, end, text, role, rule), offsets into the
    string the segments cover."""
    pattern, names = _agency_re()
    rows = []
    for start, end, text, segment_role, rule in segments:
        search_from = _search_start(segment_role, rule, text)
        if search_from is None:
            continue
        role = _credit_role(rule, text)
        photographer = _photographer(text) if role == "photo" and segment_role == "credit" else None
        found = list(pattern.finditer(text, search_from))
        if rule in _CAPTION_RULES:
            found = found[:1]
        for match in found:
            rows.append((start + match.start(), start + match.end(), match.group(),
                         names[match.group()], role, text, photographer))
        if not found and segment_role == "credit" and role == "photo":
            rows.append((start, end, text, pd.NA, role, text, photographer))
    frame = pd.DataFrame(rows, columns=CREDIT_COLUMNS)
    return frame.astype({"start": "int64", "end": "int64", "text": object, "agency": object,
                         "role": object, "credit": object, "photographer": object})


def credits_from_segments(segments: pd.DataFrame) -> pd.DataFrame:
    """Agency mentions in the credits of a segments table (columns start, end, text, role, rule,
    as :func:`analysis.clean.clean_article` gives them), with offsets into the string those
    segments cover and the credit's role."""
    return _credits(zip(segments["start"], segments["end"], segments["text"], segments["role"],
                        segments["rule"]))


def extract_credits(raw: str) -> pd.DataFrame:
    """Agency mentions in an article's credits, with offsets into the mojibake-repaired raw text
    (`clean_article(raw).source_text`; `raw` itself when it needed no repair)."""
    raw = require_text(raw, "raw")
    cleaned = clean_article(raw)
    text = cleaned.source_text
    return _credits((start, end, text[start:end], role, rule)
                    for start, end, role, rule in cleaned.spans)
