"""Tests for analysis.attribution.people: the names of one text that speakers resolve to."""
from __future__ import annotations

from analysis.attribution.document import AttributionDocument
from analysis.attribution.people import collect_names, entity_records, name_words, split_initial
from analysis.text import Document


def _doc(text: str) -> AttributionDocument:
    return AttributionDocument(Document(text))


def test_a_split_initial_is_joined_again():
    doc = _doc("Speaker John A. Boehner arrived.")
    k = next(i for i, t in enumerate(doc.toks) if t.text == ".")
    assert split_initial(doc.toks, k) and not split_initial(doc.toks, len(doc.toks) - 1)
    assert name_words(doc.toks[1:5]) == ["John", "A.", "Boehner"]
    assert "John A. Boehner" in collect_names(doc, None).people


def test_organisations_named_in_the_text_are_recorded_in_order():
    names = collect_names(_doc("The Hastings Center hired staff. Later the ACLU sued the U.S. "
                               "government. Maria Lopez said so."), None)
    assert [name for _, name in names.org_mentions] == ["Hastings Center", "ACLU"]  # not "U.S."
    assert names.organization_before(10**6) == "ACLU"
    assert names.organization_before(0) is None
    assert names.org_by_word["Hastings"] == "Hastings Center"


def test_entity_records_read_columns_and_filter_roles():
    import pandas as pd

    mentions = pd.DataFrame({"role": ["body", "headline"], "start": [0, 5], "end": [4, 9],
                             "text": ["Acme", "Zeta"], "label": ["ORGANIZATION", "PERSON"],
                             "canonical": [None, "Zeta Jones"]})
    assert entity_records(mentions, role="body") == [(0, "Acme", "ORGANIZATION", "Acme")]
    assert len(entity_records(mentions)) == 2  # no role asked: every mention
    assert entity_records(mentions.drop(columns="role")) == [
        (0, "Acme", "ORGANIZATION", "Acme"), (5, "Zeta", "PERSON", "Zeta Jones")]
    assert entity_records(None) is None and entity_records(mentions.iloc[:0]) is None
