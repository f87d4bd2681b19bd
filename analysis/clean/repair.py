"""Mojibake repair: scraped pages whose UTF-8 bytes were decoded as cp1252 ("â€™" for "’").

Repair runs before cleaning (see :func:`analysis.clean.clean_article`), so every offset a later
layer records points into the repaired text.
"""
from __future__ import annotations

import re

# Characters that appear when UTF-8 bytes were decoded as cp1252/latin-1 ("â€™", "Ã©", "Â ").
_MOJIBAKE_RE = re.compile("[ÂÃâ][\u0080-\u00bf\u2013-\u203a\u0152\u0153\u0160\u0161\u0178"
                          "\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]")


def _as_cp1252_bytes(text: str) -> bytes:
    """Encode as cp1252, passing its five undefined bytes through as latin-1 does (as browsers do)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 255:
                raise
            out.append(ord(char))
    return bytes(out)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252 (once or twice); other text is returned as is."""
    for _ in range(2):
        if not _MOJIBAKE_RE.search(text):
            break
        try:
            text = _as_cp1252_bytes(text).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
    return text
