"""Provenance credits on the seed and on common credit forms."""
from __future__ import annotations

import pandas as pd

from analysis.clean import agency_table, clean_article, credits_from_segments, extract_credits


def test_seed_credits(seed_raw):
    credits = extract_credits(seed_raw)
    for row in credits.itertuples():
        assert seed_raw[row.start:row.end] == row.text
    assert sorted(credits.groupby(["agency", "role"]).size().items()) == [
        (("AFP", "photo"), 3), (("Getty Images", "photo"), 3), (("KCNA", "photo"), 2),
        (("Kyodo News International", "distributor"), 1), (("STR", "photo"), 2),
    ]
    assert credits["photographer"].dropna().unique().tolist() == ["Mark Metcalfe"]
    assert "Korean Central News Agency" in credits["text"].tolist()


def test_wire_credit_in_dateline_and_photographer_in_ap_credit():
    raw = ("Canadian pop star Michael Buble kisses his bride in Buenos Aires. (AP Photo/Natacha "
           "Pisarenko) BUENOS AIRES, Argentina (AP) - Canadian pop star Michael Buble married.")
    credits = extract_credits(raw)
    assert credits[["agency", "role"]].values.tolist() == [["AP", "photo"], ["AP", "wire"]]
    assert credits["photographer"].iloc[0] == "Natacha Pisarenko"


def test_agency_rules_file_is_well_formed():
    table = agency_table()
    assert table["agency"].is_unique
    aliases = [alias for row in table["aliases"] for alias in row]
    assert len(aliases) == len(set(aliases))
    assert set(table["kind"]) <= {"photo", "wire", "distributor"}


def test_article_without_credits_gives_empty_frame():
    credits = extract_credits("Tillerson said the talks went well.")
    assert credits.empty
    assert list(credits.columns) == ["start", "end", "text", "agency", "role", "credit", "photographer"]


def test_credits_from_segments_read_an_existing_segments_table(seed_raw):
    segments = clean_article(seed_raw).segments
    pd.testing.assert_frame_equal(credits_from_segments(segments), extract_credits(seed_raw))
    empty = credits_from_segments(segments.iloc[:0])
    assert empty.empty
    assert empty.dtypes.astype(str).tolist() == ["int64", "int64"] + ["object"] * 5
