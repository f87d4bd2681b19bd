"""NLTK resources: found through NLTK_DATA, loaded once."""
from __future__ import annotations

from analysis import nlp


def test_required_nltk_data_is_found():
    assert nlp.missing_nltk_data() == []


def test_expensive_objects_are_built_once():
    assert nlp.binary_ne_chunker() is nlp.binary_ne_chunker()
    assert nlp.pos_tagger() is nlp.pos_tagger()


def test_binary_chunker_finds_names_in_a_seed_sentence():
    tagged = nlp.pos_tagger().tag("Defense Secretary Jim Mattis met Yang Jiechi in Washington .".split())
    tree = nlp.binary_ne_chunker().parse(tagged)
    chunks = [" ".join(word for word, _ in subtree.leaves()) for subtree in tree.subtrees()
              if subtree.label() == "NE"]
    assert "Washington" in chunks and "Yang Jiechi" in chunks


def test_stopwords_include_function_words():
    assert {"the", "and", "of"} <= nlp.english_stopwords()


def test_setup_command_checks_the_data(capsys):
    from analysis.__main__ import main

    assert main(["setup", "--no-download"]) == 0
    assert "NLTK data OK" in capsys.readouterr().out


def test_missing_package_is_reported_not_downloaded_when_offline(monkeypatch, capsys):
    from analysis.__main__ import main

    monkeypatch.setitem(nlp.REQUIRED_NLTK_DATA, "no_such_package", "corpora/no_such_package")
    assert nlp.ensure_nltk_data(download=False) == ["no_such_package"]
    assert main(["setup", "--no-download"]) == 1
    assert "no_such_package" in capsys.readouterr().err
