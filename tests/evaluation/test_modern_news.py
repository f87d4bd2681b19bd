"""The modern-news evaluators run the gold folder's own scorer on this package."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.evaluation.modern_news import score_parts

GOLD = Path(__file__).resolve().parents[3] / "shared" / "eval" / "modern-news"

# A stand-in scorer with the gold folder's interface: score(articles, golds, analysis, only).
FAKE_SCORER = '''
def score(articles, golds, analysis, only):
    texts = [analysis.clean_text(a["raw"]).text for a in articles]
    return {"articles": len(articles), "only": list(only), "kept": sum(len(t) for t in texts)}
'''


def make_folder(tmp_path: Path) -> Path:
    (tmp_path / "score.py").write_text(FAKE_SCORER, encoding="utf-8")
    articles = [{"id": "a", "raw": "Advertisement\n\nThe Senate voted."}, {"id": "b", "raw": "No gold."}]
    (tmp_path / "articles.jsonl").write_text("\n".join(map(json.dumps, articles)), encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text(json.dumps({"id": "a"}) + "\n", encoding="utf-8")
    return tmp_path


def test_scores_only_articles_with_gold_through_the_folders_scorer(tmp_path):
    metrics = score_parts(make_folder(tmp_path), ("cleaning",))
    assert metrics == {"articles": 1, "only": ["cleaning"], "kept": len("The Senate voted.")}


def test_command_line_prints_one_json_line(tmp_path, capsys):
    assert main(["evaluate", "cleaning", "--data", str(make_folder(tmp_path))]) == 0
    assert json.loads(capsys.readouterr().out)["only"] == ["cleaning"]
    assert main(["evaluate", "modern-news", "--data", str(tmp_path / "gold.jsonl")]) == 0
    assert json.loads(capsys.readouterr().out)["only"] == ["entities", "attributions", "corpus"]


def test_a_folder_without_gold_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing score.py, articles.jsonl, gold.jsonl"):
        score_parts(tmp_path, ("cleaning",))


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/eval/modern-news is not beside the project")
def test_cleaning_on_the_real_gold_runs_without_crashes():
    metrics = score_parts(GOLD, ("cleaning",), limit=6)
    assert metrics["crashes"] == [] and metrics["articles"] == 6
    assert 0.0 <= metrics["noise_removed"] <= 1.0 and metrics["body_kept"] > 0.9
