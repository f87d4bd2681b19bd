"""The cleaning rules: whole-paragraph patterns (rules/clean/patterns.tsv), the expressions built
from the other rule files, and the registry that lists every rule for the audit notebook.

Rules that look at a paragraph's neighbours or split it are code, in
:mod:`analysis.clean.segmentation`; `rule_registry()` lists those too, so the audit can explain
every `rule` value a segment can carry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.core.rules import rule_lines, rule_records

ROLES = ("body", "headline", "caption", "credit", "tag_line", "boilerplate", "byline",
         "dateline", "embed", "blank")

PATTERNS_FILE = "clean/patterns.tsv"

# "WASHINGTON —", "BUENOS AIRES, Argentina (AP) - ", "SEOUL, June 21 (Reuters) - "
DATELINE_RE = re.compile(
    r"[A-Z]{3,}(?:[ .'’-]+[A-Z]{2,})*\.?"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
    r"\s*(?:\([A-Z][\w .&-]{0,30}\)\s*)?[-—–]{1,2}\s+(?=[A-Z\"“‘'])"
)
#: 2-10 lower-case words without punctuation: the topic tags some sites print above a story.
TAG_LINE_RE = re.compile(r"[a-z][a-z'’-]*(?: [a-z][a-z'’-]*){1,9}")
#: Whatever is not a letter or digit ("* * *" decorations are only this).
NO_WORD_RE = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class PatternRule:
    """A whole-paragraph rule read from rules/clean/patterns.tsv."""

    name: str
    role: str
    pattern: re.Pattern
    example: str


@lru_cache(maxsize=1)
def pattern_rules() -> tuple[PatternRule, ...]:
    """The whole-paragraph rules, in the order they are tried."""
    rules = []
    for row in rule_records(PATTERNS_FILE):
        if row["role"] not in ROLES:
            raise ValueError(f"{PATTERNS_FILE}: rule {row['rule']!r} has unknown role {row['role']!r}")
        rules.append(PatternRule(row["rule"], row["role"], re.compile(row["pattern"]), row["example"]))
    return tuple(rules)


def match_pattern_rule(paragraph: str) -> PatternRule | None:
    """The first whole-paragraph rule that matches all of `paragraph`, if any."""
    for rule in pattern_rules():
        if rule.pattern.fullmatch(paragraph):
            return rule
    return None


@lru_cache(maxsize=1)
def photo_credit_re() -> re.Pattern:
    """The photo-credit-line pattern, searched for inside caption paragraphs."""
    return next(rule for rule in pattern_rules() if rule.name == "photo_credit_line").pattern


@lru_cache(maxsize=1)
def image_id_re() -> re.Pattern:
    """A stock-photo id at a paragraph start ("gettyimages 692347866 ")."""
    prefixes = sorted(rule_lines("clean/image_ids.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(prefix).replace(r"\ ", r"\s?") for prefix in prefixes)
    return re.compile(rf"(?i:{alternatives})[\s_-]?\d{{5,}}\b[ \t]*")


@lru_cache(maxsize=1)
def caption_opener_re() -> re.Pattern:
    """A phrase that opens a photo caption ("In this file photo, ")."""
    openers = sorted(rule_lines("clean/caption_openers.txt"), key=len, reverse=True)
    return re.compile(r"(?i:" + "|".join(re.escape(o) for o in openers) + r")")


# The rules decided in code: (rule, role, how it decides, example).
_CODE_RULES = [
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


def rule_registry() -> pd.DataFrame:
    """Every cleaning rule with the role it assigns and how it decides (for the audit notebook)."""
    rows = [(rule.name, rule.role, "pattern (clean_patterns.tsv)", rule.example) for rule in pattern_rules()]
    rows += _CODE_RULES
    return pd.DataFrame(rows, columns=["rule", "role", "decides_by", "example"])
