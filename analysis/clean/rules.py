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
INLINE_FILE = "clean/inline.tsv"
OUTLETS_FILE = "clean/outlets.txt"

# "WASHINGTON —", "BUENOS AIRES, Argentina (AP) - ", "SEOUL, June 21 (Reuters) - ", "WASHINGTON—"
# (an em dash may touch the story), and an agency alone: "(CNN) - ".
DATELINE_RE = re.compile(
    r"(?:[A-Z]{3,}(?:[ .'’-]+[A-Z]{2,})*\.?"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
    r"\s*(?:\([A-Z][\w .&-]{0,30}\)\s*)?"
    r"|\([A-Z][A-Za-z.]{1,15}(?: [A-Z][A-Za-z.]{1,15}){0,2}\)\s*)"
    r"(?:[-—–]{1,2}\s+|—(?=[A-Z]))(?=[A-Z\"“‘'])"
)
#: 2-10 lower-case words without punctuation: the topic tags some sites print above a story.
TAG_LINE_RE = re.compile(r"[a-z][a-z'’-]*(?: [a-z][a-z'’-]*){1,9}")
#: Whatever is not a letter or digit ("* * *" and "___" decorations are only this).
NO_WORD_RE = re.compile(r"[\W_]+")
#: Two or more names joined by "and" or commas, nothing else: a byline without "By" at the top.
NAME_LIST_RE = re.compile(
    r"(?:[A-Z][\w.'’-]* ){1,3}[A-Z][\w'’-]+(?:(?:,| and| &|, and) (?:[A-Z][\w.'’-]* ){1,3}[A-Z][\w'’-]+)+")
#: "<Name> is a senior correspondent for <outlet>." An author's bio, trusted only at the end.
AUTHOR_BIO_RE = re.compile(
    r"(?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w'’-]+ (?:is|was|has been|writes|covers|reports)\b.{0,120}?"
    r"\b(?:correspondent|columnist|reporter|editor|writer|contributor|author|fellow|professor|"
    r"analyst|host|producer|journalist|blogger|commentator|strategist|director|founder)s?\b.{0,200}")
#: A photo credit after a bar that ends a caption: "... the Russia probe. | AP Photo".
PIPE_CREDIT_RE = re.compile(
    r"\s(?P<credit>\|\s(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}/)?(?:AP Photo|AP|Getty Images|Getty|"
    r"AFP|Reuters|Bloomberg|EPA|POLITICO|Pool|Shutterstock|Wikimedia Commons)"
    r"(?:/[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?)(?=\s|$)")
#: Two paragraphs the scraper glued together: "...said again.Declaring ..." (a sentence end with
#: no space before a capitalised word; two lower-case letters first, so "Mr.Smith" and "U.S." stay).
GLUED_RE = re.compile(r"[a-z]{2}[.!?][\"”’)]?(?=[A-Z][a-z])")
#: A short line without sentence punctuation, one item of a tag list ("Vladimir Putin").
TAG_ITEM_RE = re.compile(r"[A-Z0-9][^.!?;:\n]{0,60}")


@dataclass(frozen=True)
class PatternRule:
    """A whole-paragraph rule read from rules/clean/patterns.tsv."""

    name: str
    role: str
    pattern: re.Pattern
    example: str
    #: Literal texts (lower-case) of which the paragraph must contain one before the pattern is
    #: tried: most paragraphs are ruled out by one scan for all rules' texts. Empty: always tried.
    requires: frozenset[str] = frozenset()


class RuleSet:
    """Rules in the order they are tried, and which of them a paragraph's text can trigger (one
    substring test per required text, instead of one expression per rule)."""

    def __init__(self, rules: tuple[PatternRule, ...]) -> None:
        self.rules = rules
        self._literals = tuple(sorted({item for rule in rules for item in rule.requires}))

    def candidates(self, paragraph: str) -> list[PatternRule]:
        """The rules worth trying on a paragraph."""
        lowered = paragraph.lower()
        found = {item for item in self._literals if item in lowered}
        return [rule for rule in self.rules if not rule.requires or rule.requires & found]


def _read_rules(name: str) -> tuple[PatternRule, ...]:
    rules = []
    for row in rule_records(name):
        if row["role"] not in ROLES:
            raise ValueError(f"{name}: rule {row['rule']!r} has unknown role {row['role']!r}")
        requires = frozenset(item.lower() for item in row["requires"].split("|") if item)
        rules.append(PatternRule(row["rule"], row["role"], re.compile(row["pattern"]), row["example"],
                                 requires))
    return tuple(rules)


@lru_cache(maxsize=1)
def _pattern_rule_set() -> RuleSet:
    return RuleSet(_read_rules(PATTERNS_FILE))


def pattern_rules() -> tuple[PatternRule, ...]:
    """The whole-paragraph rules, in the order they are tried."""
    return _pattern_rule_set().rules


def match_pattern_rule(paragraph: str) -> PatternRule | None:
    """The first whole-paragraph rule that matches all of `paragraph`, if any."""
    for rule in _pattern_rule_set().candidates(paragraph):
        if rule.pattern.fullmatch(paragraph):
            return rule
    return None


@lru_cache(maxsize=1)
def _inline_rule_set() -> RuleSet:
    return RuleSet(_read_rules(INLINE_FILE))


def inline_rules() -> tuple[PatternRule, ...]:
    """Furniture inside a paragraph (rules/clean/inline.tsv): each rule's match, or its `span`
    group when it has one, is cut out of the paragraph; the text around it stays body."""
    return _inline_rule_set().rules


def find_inline_rule(paragraph: str) -> tuple[PatternRule, int, int] | None:
    """The earliest inline furniture in a paragraph: (rule, start, end), or None."""
    best = None
    for rule in _inline_rule_set().candidates(paragraph):
        match = rule.pattern.search(paragraph)
        if match is None:
            continue
        start, end = match.span("span") if "span" in rule.pattern.groupindex else match.span()
        if end > start and (best is None or start < best[1]):
            best = (rule, start, end)
    return best


@lru_cache(maxsize=1)
def outlet_names() -> frozenset[str]:
    """Outlet names, lower-cased: a paragraph that is only one of them is the outlet's name line."""
    return frozenset(name.lower() for name in rule_lines(OUTLETS_FILE))


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
    ("standfirst", "headline", "the sentence before a headline in the first paragraph", ""),
    ("first_paragraph_headline", "headline",
     "first paragraph of 3-25 words without sentence punctuation, then a story paragraph", ""),
    ("title_headline", "headline", "the first paragraphs' text equals the table's title column", ""),
    ("headline_after_caption", "headline", "what follows 'caption | credit' in the first paragraph",
     "Senate passes budget after all-night session"),
    ("caption_pipe_credit", "caption", "caption text before ' | <photo credit>'", ""),
    ("pipe_photo_credit", "credit", "' | AP Photo' after a caption", "| AP Photo"),
    ("caption_credit_then_text", "caption", "caption ending in a photo credit, furniture after it", ""),
    ("name_list_byline", "byline", "names joined by 'and' alone in one of the first paragraphs",
     "Jane Roe and John C Doe"),
    ("outlet_line", "boilerplate", "a paragraph that is only an outlet's name (outlets.txt)", "USA TODAY"),
    ("author_bio", "byline", "'<Name> is a correspondent for ...' in the last paragraphs",
     "Jane Roe is a senior political correspondent for the Daily Example."),
    ("tag_list", "tag_line", "short name lines after a tag header", "Vladimir Putin"),
    ("glued_paragraph", "body", "a paragraph the scraper glued to the one before ('again.Declaring')",
     ""),
    ("separator", "blank", "white space between segments", "\\n\\n"),
    ("body", "body", "everything else", ""),
]


def rule_registry() -> pd.DataFrame:
    """Every cleaning rule with the role it assigns and how it decides (for the audit notebook)."""
    rows = [(rule.name, rule.role, "pattern (clean/patterns.tsv)", rule.example) for rule in pattern_rules()]
    rows += [(rule.name, rule.role, "inside a paragraph (clean/inline.tsv)", rule.example)
             for rule in inline_rules()]
    rows += _CODE_RULES
    return pd.DataFrame(rows, columns=["rule", "role", "decides_by", "example"])
