"""Bytes to text, and the id of an article's text.

Every string that leaves the readers is valid Unicode: a lone UTF-16 surrogate ("\\ud83d", common
in scraped social text and JSON escapes) cannot be written to Parquet or UTF-8, so it becomes
U+FFFD (a valid surrogate pair becomes the character it encodes) and the record says so.
"""
from __future__ import annotations

import codecs
import hashlib
import re

from analysis.core.checks import has_surrogates

SURROGATES_NOTE = "+surrogates-replaced"
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\x0c\r"
#: Byte order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def article_id(raw_text: str) -> str:
    """Stable id of an article: the first 16 hex digits of the SHA-256 of its raw text."""
    return hashlib.sha256(raw_text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def join_surrogates(text: str) -> tuple[str, bool]:
    """(text without surrogate code points, whether it changed): a surrogate pair split into two
    code points is joined into its character, a lone one becomes U+FFFD. Unlike
    :func:`analysis.core.checks.replace_surrogates` the length may change, which is right for text
    as it is read (nothing points into it yet)."""
    if not has_surrogates(text):
        return text, False
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return joined, True


def _bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _zero_share(lane: bytes) -> float:
    return lane.count(0) / len(lane)


def _bomless_wide_encoding(sample: bytes) -> str | None:
    """UTF-16/32 without a byte order mark, told by where the NUL bytes fall: the high bytes of
    each character are NUL for ASCII (and mostly for any Latin or BMP text)."""
    usable = sample[:len(sample) - len(sample) % 4]
    if len(usable) < 8:
        return None
    lanes = [usable[i::4] for i in range(4)]
    if not any(lanes[3]) and _zero_share(lanes[2]) > 0.9 and _zero_share(lanes[0]) < 0.05:
        return "utf-32-le"
    if not any(lanes[0]) and _zero_share(lanes[1]) > 0.9 and _zero_share(lanes[3]) < 0.05:
        return "utf-32-be"
    even, odd = usable[0::2], usable[1::2]
    if _zero_share(odd) > 0.7 and _zero_share(even) < 0.05:
        return "utf-16-le"
    if _zero_share(even) > 0.7 and _zero_share(odd) < 0.05:
        return "utf-16-be"
    return None


def _check_text(text: str) -> str:
    """Decoded text that is really text: no NUL and few control characters (a wrong wide
    decoding, such as UTF-32 read as UTF-16, gives NUL-laden text)."""
    sample = text[:8192]
    if "\x00" in sample:
        raise ValueError("binary file (NUL characters after decoding), not text")
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\x0c\r")
    if controls > max(2, len(sample) // 100):
        raise ValueError("binary file (control characters), not text")
    return text


def decode_fallback(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8 (a row, a line): (text, "cp1252" or "latin-1"); never fails."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def decode_escaped(text: str) -> tuple[str, str | None]:
    """Text decoded from UTF-8 with "surrogateescape": (text with each run of undecodable bytes
    decoded as cp1252 (latin-1 where cp1252 has no character), the fallback used or None)."""
    if _ESCAPED_BYTES.search(text) is None:
        return text, None
    used: list[str] = []

    def fallback(match: re.Match) -> str:
        data = match.group().encode("utf-8", "surrogateescape")
        try:  # surrogates written as UTF-8: kept as surrogates, replaced (and noted) later
            return data.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            decoded, encoding = decode_fallback(data)
        used.append(encoding)
        return decoded

    text = _ESCAPED_BYTES.sub(fallback, text)
    return text, ("latin-1" if "latin-1" in used else "cp1252" if used else None)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding). Raises ValueError for binary data.

    UTF-8 (with or without BOM), UTF-16 and UTF-32 (by BOM, or by the NUL pattern of ASCII text
    without one), UTF-8 with encoded surrogates ("utf-8+surrogates", replaced later), else the
    whole file as cp1252 or latin-1; the encoding says which."""
    if not data.strip():
        raise ValueError("empty file")
    sample = data[:8192]
    wide = _bom_encoding(sample)
    if wide is None and b"\x00" in sample:
        wide = _bomless_wide_encoding(sample)
        if wide is None:
            raise ValueError("binary file (contains NUL bytes), not text")
    if wide is not None and wide != "utf-8-sig":
        try:
            return _check_text(data.decode(wide)), wide
        except UnicodeDecodeError as error:
            raise ValueError(f"not valid {wide} ({error.reason} at byte {error.start})") from None
    controls = len(sample.translate(None, _NOT_CONTROL))  # the control bytes, counted in C
    if controls > max(2, len(sample) // 100):
        raise ValueError("binary file (control bytes), not text")
    label = "utf-8"
    if wide == "utf-8-sig":
        data, label = data[3:], "utf-8-sig"
    try:
        return data.decode("utf-8"), label
    except UnicodeDecodeError:
        pass
    try:  # surrogates written as UTF-8 (WTF-8/CESU-8): replaced by the caller, noted
        return data.decode("utf-8", "surrogatepass"), label
    except UnicodeDecodeError:
        pass
    return decode_fallback(data)
