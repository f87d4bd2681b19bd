"""Bytes to text and article ids."""
from __future__ import annotations

import pytest

from analysis.io import article_id, decode_bytes


def test_decode_rejects_binary_and_empty():
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(bytes(range(0, 32)) * 10)
    with pytest.raises(ValueError, match="empty"):
        decode_bytes(b"   ")


def test_decode_names_the_encoding_it_used():
    assert decode_bytes("résumé".encode("utf-8")) == ("résumé", "utf-8")
    assert decode_bytes(b"\xef\xbb\xbfhi") == ("hi", "utf-8-sig")
    assert decode_bytes("“quoted”".encode("cp1252")) == ("“quoted”", "cp1252")
    assert decode_bytes("hi".encode("utf-16")) == ("hi", "utf-16")


def test_article_id_is_a_stable_hash_of_the_raw_text(seed_raw):
    assert article_id(seed_raw) == "7ff3a8b5c6f9d5de"
    assert len(article_id("x")) == 16 and article_id("x") != article_id("x ")
