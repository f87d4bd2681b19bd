"""Tests for the PolNeAR attribution scorer on a small hand-made brat file (not gold data)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.evaluation.attribution import (
    content_ratio,
    evaluate,
    gold_documents,
    parse_ann,
    score_article,
)

TEXT = ("“We will not back down from this fight over the bridge,” Mayor Ann Ruiz said. "
        "“Never.”\n\n"
        "The bridge will reopen in May, city officials said.\n\n"
        "Ruiz told reporters that the budget was balanced.\n\n"
        "It rained all week.\n")


def _span(fragment: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(fragment, start + 1)
    return start, start + len(fragment)


def _ann() -> str:
    q1, q2 = _span("“We will not back down from this fight over the bridge,”"), _span("“Never.”")
    lines = [
        f"T1\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t“We will not back down ...”",
        "T2\tSource {} {}\tMayor Ann Ruiz".format(*_span("Mayor Ann Ruiz")),
        "T3\tCue {} {}\tsaid".format(*_span("said")),
        "T4\tAttribution {} {}\tsaid".format(*_span("said")),
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        "T5\tContent {} {}\tThe bridge will reopen in May".format(*_span("The bridge will reopen in May")),
        "T6\tSource {} {}\tcity officials".format(*_span("city officials")),
        "T7\tCue {} {}\tsaid".format(*_span("said", 1)),
        "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
        "T8\tAttribution {} {}\tsaid".format(*_span("said", 1)),
        "T9\tContent {} {}\tthe budget was balanced".format(*_span("the budget was balanced")),
        "T10\tSource {} {}\tRuiz".format(_span("Ruiz told")[0], _span("Ruiz told")[0] + 4),
        "T11\tCue {} {}\ttold".format(*_span("told")),
        "E3\tAttribution:T11 Source:T10 Cue:T11 Content:T9",
        "T12\tContent {} {}\tIt rained all week".format(*_span("It rained all week")),
        "T13\tCue 0 1\t“",
        "E4\tAttribution:T13 Cue:T13 Content:T12",
    ]
    return "\n".join(lines) + "\n"


def test_parse_ann_reads_discontinuous_spans_and_missing_sources():
    gold = parse_ann(_ann())
    assert len(gold) == 4
    assert len(gold[0].content) == 2 and TEXT[slice(*gold[0].source[0])] == "Mayor Ann Ruiz"
    assert gold[3].source == []


def test_content_ratio_uses_the_longer_span():
    assert content_ratio((0, 10), [(0, 10)]) == 1.0
    assert content_ratio((0, 10), [(0, 5), (8, 10)]) == 0.7
    assert content_ratio((0, 4), [(0, 10)]) == 0.4
    assert content_ratio((20, 30), [(0, 10)]) == 0.0


def _prediction(content: str, source: str | None, speaker: str, occurrence: int = 0) -> dict:
    c = _span(content, occurrence)
    s = _span(source) if source else (pd.NA, pd.NA)
    return {"content_start": c[0], "content_end": c[1], "source_start": s[0], "source_end": s[1],
            "speaker": speaker}


def test_score_article_counts_content_and_source_matches():
    gold = parse_ann(_ann())
    predictions = pd.DataFrame([
        # whole split quote: matches the discontinuous gold content, right source
        _prediction("“We will not back down from this fight over the bridge,” Mayor Ann Ruiz said. “Never.”",
                    "Ann Ruiz", "Ann Ruiz"),
        # right content, wrong source mention, and a speaker sharing no word
        _prediction("The bridge will reopen in May", "The bridge", "The bridge"),
        # right content, no source mention, but the resolved speaker shares a word with "Ruiz"
        _prediction("the budget was balanced", None, "Ann Ruiz"),
        # the no-source gold is not scored: this prediction is a false positive
        _prediction("It rained all week", None, "nobody"),
        # a second prediction for content already matched: one-to-one, so unmatched
        _prediction("The bridge will reopen in May", "city officials", "city officials"),
    ])
    counts = score_article(predictions, gold, TEXT)
    # best overlap first; the two bridge predictions tie on content and the first one wins, so
    # the right-source duplicate stays unmatched
    assert counts == {"predicted": 5, "gold": 3, "content_matched": 3, "correct": 2}


def test_score_article_rejects_small_overlap():
    gold = parse_ann(_ann())
    predictions = pd.DataFrame([_prediction("the budget", "Ruiz told", "Ruiz")])
    assert score_article(predictions, gold, TEXT)["content_matched"] == 0


@pytest.fixture()
def corpus(tmp_path):
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "doc-one.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "doc-one_bbbb.ann").write_text(_ann(), encoding="utf-8")
    (split / "attributions" / "doc-one_aaaa.ann").write_text("", encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\ndev\tdoc-one\tbbbb|aaaa\n", encoding="utf-8")
    return tmp_path


def test_gold_is_the_first_listed_annotator(corpus):
    [(doc, text_path, ann_path)] = gold_documents(corpus, "dev")
    assert doc == "doc-one" and ann_path.name == "doc-one_bbbb.ann"


def test_evaluate_end_to_end(corpus):
    metrics = evaluate(str(corpus), split="dev")
    json.dumps(metrics)
    assert metrics["articles"] == 1 and metrics["gold_with_source"] == 3
    assert metrics["articles_that_raised"] == 0
    # the extractor finds the split quote, the officials' claim and Ruiz's telling
    assert metrics["content_recall"] == 1.0 and metrics["attribution_recall"] == 1.0
    assert 0.0 < metrics["attribution_precision"] <= 1.0
