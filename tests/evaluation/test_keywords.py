"""The keyword scorer (F1@10, lower-cased, Porter-stemmed, exact match) on hand-made files."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import analysis.keywords
from analysis.__main__ import main
from analysis.evaluation import keywords as ev


def test_normalise_phrase_lowercases_stems_and_drops_punctuation():
    assert ev.normalise_phrase("Sanctions") == "sanction"
    assert ev.normalise_phrase("North Korea’s") == ev.normalise_phrase("north korea's")
    assert ev.normalise_phrase("U.S. sanctions") == "us sanction"
    assert ev.normalise_phrase("Grammy-winning") == ev.normalise_phrase("Grammywinning")
    assert ev.normalise_phrase("  nuclear   tests ") == "nuclear test"
    assert ev.normalise_set(["Sanction", "sanctions", "", "..."]) == {"sanction"}


def test_score_document_by_hand():
    gold = ["sanctions", "North Korea", "nuclear tests", "Beijing"]
    # 2 hits of 4 predictions (after merging "Sanction" with "sanctions"), 4 gold phrases
    scores = ev.score_document(["sanctions", "Sanction", "north korea", "China", "missile"], gold)
    assert scores["hits"] == 2
    assert scores["precision"] == pytest.approx(2 / 4)
    assert scores["recall"] == pytest.approx(2 / 4)
    assert scores["f1"] == pytest.approx(0.5)


def test_score_document_counts_only_the_top_k():
    gold = ["a1", "a2", "a3"]
    predicted = [f"w{i}" for i in range(10)] + ["a1", "a2", "a3"]
    assert ev.score_document(predicted, gold)["hits"] == 0
    assert ev.score_document(predicted, gold, k=13)["hits"] == 3
    assert ev.score_document([], gold)["f1"] == 0.0


@pytest.fixture()
def tiny_corpus(tmp_path):
    (tmp_path / "d1.txt").write_text("Sanctions on North Korea.\nNorth Korea tests missiles.")
    (tmp_path / "d1.key").write_text("sanctions\nNorth Korea\nmissile\nUnited Nations\n")
    (tmp_path / "d2.txt").write_text("Floods hit Jakarta.")
    (tmp_path / "d2.key").write_text("floods\nJakarta\n")
    (tmp_path / "orphan.txt").write_text("no key file: ignored")
    return tmp_path


def test_read_documents_pairs_txt_and_key(tiny_corpus):
    docs = ev.read_documents(tiny_corpus)
    assert [d[0] for d in docs] == ["d1", "d2"]
    assert docs[0][2] == ["sanctions", "North Korea", "missile", "United Nations"]
    assert len(ev.read_documents(tiny_corpus, limit=1)) == 1


def test_evaluate_macro_averages_documents(tiny_corpus, monkeypatch):
    predictions = {0: ["North Korea", "sanction", "tests", "Korea"],  # P 2/4, R 2/4, F1 0.5
                   1: ["Jakarta"]}                                      # P 1/1, R 1/2, F1 2/3

    def fake(texts, top_n=10, **options):
        rows = [(doc, rank, kw, 1.0) for doc in range(len(texts))
                for rank, kw in enumerate(predictions[doc], 1)]
        return pd.DataFrame(rows, columns=["doc", "rank", "keyword", "score"])

    monkeypatch.setattr(analysis.keywords, "extract_keywords", fake)
    result = ev.evaluate(str(tiny_corpus))
    assert result["documents"] == 2
    assert result["f1@10"] == pytest.approx(round((0.5 + 2 / 3) / 2, 4))
    assert result["precision@10"] == pytest.approx(0.75)
    assert result["recall@10"] == pytest.approx(0.5)


def test_command_line_prints_one_json_line(tiny_corpus, capsys):
    assert main(["evaluate", "keywords", "--data", str(tiny_corpus)]) == 0
    line = capsys.readouterr().out.strip()
    metrics = json.loads(line)
    assert "\n" not in line and metrics["documents"] == 2
    assert metrics["f1@10"] > 0  # the real extractor finds at least "Jakarta" or "floods"


def test_missing_data_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        ev.evaluate(str(tmp_path))


SGML = """<DOC>
<DOCNO> XX900101-0001 </DOCNO>
<HEADLINE>
<P>
FLOODS CLOSE ROADS; Headline text is not the article
</P>
</HEADLINE>
<TEXT>
<P>
Floods closed roads in Jakarta &amp; Bogor on Monday.
</P>
</TEXT>
<TEXT>
Rescue teams reached the flooded villages.
</TEXT>
</DOC>
"""


@pytest.fixture()
def trec_corpus(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "XX900101-0001").write_text(SGML)
    (tmp_path / "docs" / "XX900101-0002").write_text(
        "<DOC><DOCNO> XX900101-0002 </DOCNO><TEXT>Tariffs on steel rose.</TEXT></DOC>")
    (tmp_path / "docs" / "XX900101-0003").write_text("<DOC><TEXT>not annotated</TEXT></DOC>")
    (tmp_path / "annotations.txt").write_text(
        "XX900101-0002@steel tariffs;tariffs;\nXX900101-0001@floods;rescue teams;jakarta;\n")
    return tmp_path


def test_trec_text_is_the_content_of_every_text_element():
    assert ev.trec_text(SGML) == ("Floods closed roads in Jakarta & Bogor on Monday.\n\n"
                                  "Rescue teams reached the flooded villages.")
    assert ev.trec_text("<DOC><HEADLINE>no text</HEADLINE></DOC>") == ""


def test_read_documents_detects_the_trec_layout(trec_corpus):
    docs = ev.read_documents(trec_corpus)
    assert [d[0] for d in docs] == ["XX900101-0001", "XX900101-0002"]  # sorted, annotated only
    assert docs[0][2] == ["floods", "rescue teams", "jakarta"]
    assert "Headline" not in docs[0][1] and docs[1][1] == "Tariffs on steel rose."
    assert len(ev.read_documents(trec_corpus, limit=1)) == 1


def test_trec_layout_errors_name_the_input(trec_corpus):
    (trec_corpus / "annotations.txt").write_text("XX900101-0009@ghost;\n")
    with pytest.raises(FileNotFoundError, match="XX900101-0009"):
        ev.read_documents(trec_corpus)
    (trec_corpus / "annotations.txt").write_text("a line without the separator\n")
    with pytest.raises(ValueError, match="annotations.txt:1"):
        ev.read_documents(trec_corpus)


def test_units_are_passed_to_the_extractor_and_reported(tiny_corpus, capsys):
    assert ev.main(["--data", str(tiny_corpus), "--units", "words"]) == 0
    metrics = json.loads(capsys.readouterr().out.strip())
    assert metrics["options"] == {"units": "words"} and metrics["documents"] == 2
    assert "options" not in ev.evaluate(str(tiny_corpus))
    assert ev.evaluate(str(tiny_corpus), units="phrases")["options"] == {"units": "phrases"}


def test_command_line_scores_the_trec_layout(trec_corpus, capsys):
    assert main(["evaluate", "keywords", "--data", str(trec_corpus)]) == 0
    metrics = json.loads(capsys.readouterr().out.strip())
    assert metrics["documents"] == 2 and metrics["f1@10"] > 0


def test_function_words_check_names_stopwords_and_clitics(tmp_path, capsys):
    """The issue-14 keyness check: "US" (the country, kept in capitals) is a key word, while the
    pronoun "us", the stopword "they" and the clitic "'re" of "they're" never are."""
    story = ("The US and the EU said they're ready. Tariffs hit US steel, they told us. "
             "US officials want tariffs on steel and they say tariffs help us.")
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(story, encoding="utf-8")
    result = ev.function_words_in_top(tmp_path, n=30)
    assert result["articles"] == 4
    assert "US" in result["top"] and "tariffs" in result["top"]
    assert result["stopwords"] == [] and result["clitics"] == []
    assert not {"us", "they", "They", "re", "'re"} & set(result["top"])
    assert ev.main(["--function-words", str(tmp_path), "--against", "reuters"]) == 0
    assert json.loads(capsys.readouterr().out)["reference"] == "reuters"
