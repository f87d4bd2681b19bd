"""The shared reader of rule files, and the rule files themselves."""
from __future__ import annotations

import pytest

from analysis.core.paths import RULES_DIR
from analysis.core.rules import rule_lines, rule_records, rule_set

RULE_FILES = sorted(str(p.relative_to(RULES_DIR)) for p in RULES_DIR.rglob("*")
                    if p.suffix in {".txt", ".tsv"})


def test_comments_blank_lines_and_trailing_comments_are_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.core.rules.RULES_DIR", tmp_path)
    (tmp_path / "x.txt").write_text("# heading\n\nsaid\n  told   # a cue\nname\tcanonical\n",
                                    encoding="utf-8")
    assert rule_lines("x.txt") == ["said", "told", "name\tcanonical"]


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rule_file_reads_and_has_items(name):
    lines = rule_lines(name)
    assert lines, f"{name} has no items"
    assert all(line == line.strip() for line in lines)


def test_tsv_rows_keep_hashes_inside_fields_and_quotes_as_characters(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.core.rules.RULES_DIR", tmp_path)
    (tmp_path / "x.tsv").write_text('# comment\nrule\tpattern\nhash\t^#\\d+ "quoted"\n\n',
                                    encoding="utf-8")
    assert rule_records("x.tsv") == [{"rule": "hash", "pattern": '^#\\d+ "quoted"'}]
    (tmp_path / "y.txt").write_text("said\ntold\nsaid\n", encoding="utf-8")
    assert rule_set("y.txt") == frozenset({"said", "told"})


def test_rule_files_sit_in_one_folder_per_stage():
    assert all("/" in name for name in RULE_FILES), [n for n in RULE_FILES if "/" not in n]
