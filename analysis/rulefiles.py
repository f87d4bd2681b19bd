"""Reading the linguistic rule files in analysis/rules/ (plain data, one item per line)."""
from __future__ import annotations

from analysis.paths import RULES_DIR


def rule_lines(name: str) -> list[str]:
    """The items of a rule file: stripped lines, without blank lines and `#` comments (a comment
    takes a whole line or follows an item). TSV files keep their tabs and header line."""
    lines = []
    for line in (RULES_DIR / name).read_text(encoding="utf-8").splitlines():
        item = line.split("#", 1)[0].strip()
        if item:
            lines.append(item)
    return lines
