"""The shared reader of rule files, and the rule files themselves."""
from __future__ import annotations

import pytest

from analysis.paths import RULES_DIR
from analysis.rulefiles import rule_lines

RULE_FILES = sorted(p.name for p in RULES_DIR.iterdir() if p.suffix in {".txt", ".tsv"})


def test_comments_blank_lines_and_trailing_comments_are_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.rulefiles.RULES_DIR", tmp_path)
    (tmp_path / "x.txt").write_text("# heading\n\nsaid\n  told   # a cue\nname\tcanonical\n",
                                    encoding="utf-8")
    assert rule_lines("x.txt") == ["said", "told", "name\tcanonical"]


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rule_file_reads_and_has_items(name):
    lines = rule_lines(name)
    assert lines, f"{name} has no items"
    assert all(line == line.strip() for line in lines)
