"""The one reader for the linguistic rule files in analysis/rules/ (plain data, one item a line).

Rule files live in one subfolder per stage (``clean/patterns.tsv``, ``entities/titles.txt``...);
every module reads them through these functions, so comments and blank lines mean the same
thing in every file.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from analysis.core.paths import RULES_DIR


def rule_lines(name: str) -> list[str]:
    """The items of a rule file: stripped lines, without blank lines and `#` comments (a comment
    takes a whole line or follows an item). TSV files keep their tabs and header line."""
    lines = []
    for line in (RULES_DIR / name).read_text(encoding="utf-8").splitlines():
        item = line.split("#", 1)[0].strip()
        if item:
            lines.append(item)
    return lines


def rule_set(name: str) -> frozenset[str]:
    """The items of a one-item-a-line rule file as a set."""
    return frozenset(rule_lines(name))


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """The items of a one-item-a-line rule file, lower-cased, as a set (read once per file: the
    key is the file's name, never input text)."""
    return frozenset(item.lower() for item in rule_lines(name))


def rule_records(name: str) -> list[dict[str, str]]:
    """The rows of a TSV rule file with a header line, as dicts. Lines starting with `#` are
    comments; a `#` inside a field is kept (regular expressions use it), and quotes are plain
    characters."""
    with open(RULES_DIR / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
