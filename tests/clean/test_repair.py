"""Mojibake repair: UTF-8 read as cp1252 once or twice comes back; other text is left alone."""
from __future__ import annotations

from analysis.clean import repair_mojibake

ORIGINAL = "North Korea’s KCNA said “no” to the café."


def as_cp1252(text: str) -> str:
    """UTF-8 bytes shown as cp1252, undefined bytes (0x9d) passed through as latin-1."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


def test_mojibake_is_repaired_once_and_twice():
    assert "â€™" in as_cp1252(ORIGINAL)
    assert repair_mojibake(as_cp1252(ORIGINAL)) == ORIGINAL
    assert repair_mojibake(as_cp1252(as_cp1252(ORIGINAL))) == ORIGINAL


def test_text_without_mojibake_is_returned_as_is():
    assert repair_mojibake(ORIGINAL) == ORIGINAL
    assert repair_mojibake("") == ""
    assert repair_mojibake("Ã and â on their own stay") == "Ã and â on their own stay"


def test_text_that_cannot_be_decoded_is_returned_as_is():
    broken = as_cp1252(ORIGINAL) + " \u4e2d"  # a character outside cp1252 stops the repair
    assert repair_mojibake(broken) == broken
