"""Argument checks: clear TypeError / ValueError, and text without lone surrogates."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core.checks import (
    has_surrogates,
    replace_surrogates,
    require_int,
    require_text,
    require_texts,
)

# A sentence of the seed article with half of an emoji, as scraped social text has them.
SCRAPED = "Tillerson said the U.S. would keep up the pressure \ud83d on North Korea."


def test_a_lone_surrogate_becomes_the_replacement_character_at_the_same_offset():
    cleaned = replace_surrogates(SCRAPED)
    assert len(cleaned) == len(SCRAPED)
    assert cleaned[SCRAPED.index("\ud83d")] == "\ufffd"
    assert cleaned.encode("utf-8")  # writable as UTF-8 now
    assert has_surrogates(SCRAPED) and not has_surrogates(cleaned)


def test_text_without_surrogates_is_returned_as_it_is():
    text = "North Korea’s leader Kim Jong-Un 😀"
    assert replace_surrogates(text) is text and not has_surrogates(text)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0xFFFF),
               max_size=60))
def test_replacing_surrogates_keeps_length_and_every_other_character(text):
    cleaned = replace_surrogates(text)
    assert len(cleaned) == len(text)
    cleaned.encode("utf-8")
    for before, after in zip(text, cleaned):
        assert after == before or (after == "\ufffd" and 0xD800 <= ord(before) <= 0xDFFF)
    assert replace_surrogates(cleaned) == cleaned


class Document:  # stands in for analysis.text.Document, which core may not import
    pass


@pytest.mark.parametrize("value, expected", [
    (5, "text must be a str or Document, got int"),
    (None, "text must be a str or Document, got NoneType"),
    (b"Mr Blair said", "got bytes (decode it first"),
])
def test_require_text_names_the_argument_and_the_expected_types(value, expected):
    with pytest.raises(TypeError, match=expected.replace("(", r"\(")):
        require_text(value, "text", Document)


def test_require_text_passes_allowed_objects_and_cleans_strings():
    document = Document()
    assert require_text(document, "text", Document) is document
    assert require_text(SCRAPED, "text") == replace_surrogates(SCRAPED)
    with pytest.raises(TypeError, match="raw must be a str, got Document"):
        require_text(document, "raw")


def test_require_texts_accepts_sequences_with_gaps_and_names_the_bad_item():
    assert require_texts(["a", None, float("nan"), SCRAPED], "texts") == [
        "a", None, None, replace_surrogates(SCRAPED)]
    assert require_texts(pd.Series(["one", None]), "texts") == ["one", None]
    assert require_texts("one text", "texts") == ["one text"]
    assert require_texts((t for t in ["a"]), "texts") == ["a"]
    for value in (None, 5, b"bytes", {"a": 1}):
        with pytest.raises(TypeError, match="texts must be a sequence of str"):
            require_texts(value, "texts")
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str or missing \(None\), got int"):
        require_texts(["a", 3], "texts")
    with pytest.raises(TypeError, match=r"texts\[0\] must be a str, got NoneType"):
        require_texts([None], "texts", missing_ok=False)


def test_require_int_checks_type_and_range():
    assert require_int(3, "top_n", minimum=1) == 3
    assert require_int(np.int64(2), "workers", minimum=1) == 2
    assert require_int(None, "workers", minimum=1, none_ok=True) is None
    with pytest.raises(ValueError, match="workers must be >= 1, got -1"):
        require_int(-1, "workers", minimum=1)
    with pytest.raises(ValueError, match="between 1 and 5, got 9"):
        require_int(9, "n", minimum=1, maximum=5)
    with pytest.raises(ValueError, match="<= 5"):
        require_int(9, "n", maximum=5)
    for value in (2.0, True, "3", None):
        with pytest.raises(TypeError, match="top_n must be an int"):
            require_int(value, "top_n", minimum=1)
