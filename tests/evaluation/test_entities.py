"""The CoNLL reader and the entity scorer, on tiny hand-made snippets (not from any gold data)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.evaluation.entities import (
    GoldDocument,
    iob_spans,
    parse_conll,
    predicted_spans,
    read_conll,
    score,
)

SNIPPET = """-DOCSTART- -X- O O

TENNIS NNP I-NP O
- : O O
GRAF NNP I-NP I-PER
WINS VBZ I-VP O

Steffi NNP I-NP I-PER
Graf NNP I-NP I-PER
beat VBD I-VP O
Monica NNP I-NP I-PER
Seles NNP I-NP B-PER
in IN I-PP O
New NNP I-NP I-LOC
York NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

The DT I-NP O
Bundesbank NNP I-NP I-ORG
and CC O O
German JJ I-NP I-MISC
banks NNS I-NP O
met VBD I-VP O
in IN I-PP O
Frankfurt NNP I-NP I-LOC
. . O O
"""


def test_iob1_spans_start_a_new_entity_only_at_b_or_a_type_change():
    tags = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG", "O"]
    assert iob_spans(tags) == [(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"), (5, 7, "ORG")]


def test_iob2_spans_are_read_too():
    assert iob_spans(["B-PER", "I-PER", "B-LOC", "O", "B-ORG"]) == [
        (0, 2, "PER"), (2, 3, "LOC"), (4, 5, "ORG")]


def test_conll_documents_join_tokens_by_spaces_and_sentences_by_newlines():
    first, second = list(parse_conll(SNIPPET.splitlines(keepends=True)))
    assert first.text == "TENNIS - GRAF WINS\nSteffi Graf beat Monica Seles in New York ."
    found = [(first.text[s:e], kind) for s, e, kind in first.spans]
    assert found == [("GRAF", "PER"), ("Steffi Graf", "PER"), ("Monica", "PER"),
                     ("Seles", "PER"), ("New York", "LOC")]
    assert second.text == "The Bundesbank and German banks met in Frankfurt ."
    assert [(second.text[s:e], k) for s, e, k in second.spans] == [
        ("Bundesbank", "ORG"), ("German", "MISC"), ("Frankfurt", "LOC")]


def test_read_conll_reads_a_file(tmp_path):
    path = tmp_path / "mini.conll"
    path.write_text(SNIPPET, encoding="utf-8")
    assert len(read_conll(path)) == 2


def test_score_is_exact_span_and_type_micro_average():
    gold = [{(0, 4, "PER"), (10, 15, "LOC"), (20, 25, "MISC")}, {(0, 3, "ORG")}]
    predicted = [{(0, 4, "PER"), (10, 15, "ORG"), (20, 25, "LOC")}, {(0, 3, "ORG"), (5, 9, "PER")}]
    result = score(gold, predicted)
    # 2 true positives (PER, ORG) out of 5 scored predictions and 3 scored gold spans.
    assert (result["tp"], result["predicted"], result["gold"]) == (2, 5, 3)
    assert result["precision"] == 0.4
    assert result["recall"] == pytest.approx(0.6667, abs=1e-4)
    assert result["f1"] == 0.5
    assert result["per_type"]["PER"]["precision"] == 0.5
    assert result["per_type"]["LOC"]["recall"] == 0.0
    assert result["per_type"]["ORG"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 1,
                                         "predicted": 2, "gold": 1}


def test_predicted_labels_map_to_gold_types_and_others_are_not_scored():
    mentions = pd.DataFrame({"start": [0, 5, 10, 15, 20], "end": [4, 9, 14, 19, 24],
                             "label": ["PERSON", "GPE", "FACILITY", "NORP", "ORGANIZATION"]})
    assert predicted_spans(mentions) == {(0, 4, "PER"), (5, 9, "LOC"), (10, 14, "LOC"),
                                         (20, 24, "ORG")}


def test_evaluate_runs_the_extractor_end_to_end(tmp_path):
    from analysis.evaluation.entities import evaluate

    path = tmp_path / "mini.conll"
    path.write_text(SNIPPET, encoding="utf-8")
    result = evaluate(str(path))
    assert result["documents"] == 2 and result["gold"] == 7
    assert set(result["per_type"]) == {"PER", "ORG", "LOC"}
    # "New York" and "Frankfurt" are in the gazetteers, "Steffi Graf" starts with a first name.
    assert result["per_type"]["LOC"]["tp"] == 2
    assert result["tp"] >= 4


def test_gold_document_holds_spans():
    doc = GoldDocument("Rex Tillerson", [(0, 13, "PER")])
    assert doc.text[0:13] == "Rex Tillerson"
