"""Argument checks shared by the public functions.

A wrong argument should fail at the door with an error that names the argument, the type or
range expected and what was given, not as an AttributeError deep inside a tagger, a bare
"not iterable", or an empty result that looks like "nothing found". Text arguments also lose
their lone surrogates here (``"\\ud83d"``, half of an emoji, common in scraped social text): no
UTF-8 file, Arrow string or Parquet column can hold one, so each becomes U+FFFD, which keeps the
text's length and therefore every offset into it.
"""
from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable
from typing import Any

#: A UTF-16 surrogate code point on its own: valid in a Python str, invalid in UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def has_surrogates(text: str) -> bool:
    """True when `text` holds a surrogate code point (so it cannot be written as UTF-8)."""
    if text.isascii():
        return False
    try:  # encoding runs at C speed, several times faster than a regex search
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.search(text) is not None
    return False


def replace_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD: same length, same offsets, and
    encodable as UTF-8 (Arrow strings, Parquet, JSON). Other text is returned as it is."""
    return _SURROGATE.sub(REPLACEMENT, text) if has_surrogates(text) else text


def _describe(value: Any) -> str:
    """What was given, for an error message (bytes get a hint, since decoding is the fix)."""
    if isinstance(value, (bytes, bytearray)):
        return f"{type(value).__name__} (decode it first, e.g. value.decode('utf-8'))"
    return type(value).__name__


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def require_text(value: Any, name: str, *also: type) -> Any:
    """`value` as a str without lone surrogates (see :func:`replace_surrogates`); a value of one
    of the `also` types (e.g. a Document) is returned as it is. Anything else is a TypeError
    naming `name` and the types expected."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if also and isinstance(value, also):
        return value
    expected = " or ".join(["str"] + [kind.__name__ for kind in also])
    raise TypeError(f"{name} must be a {expected}, got {_describe(value)}")


def require_texts(values: Any, name: str, *, missing_ok: bool = True) -> list[str | None]:
    """A sequence of texts (a list, tuple, pandas Series...; one str counts as one text) as a
    list of str without lone surrogates. Missing items (None, NaN) stay None when `missing_ok`
    (a column with gaps: those documents have no results); any other item is a TypeError naming
    its position."""
    if isinstance(values, str):
        return [replace_surrogates(values)]
    if isinstance(values, (bytes, bytearray)) or not isinstance(values, Iterable) \
            or isinstance(values, dict):
        raise TypeError(f"{name} must be a sequence of str (a list, tuple or Series), "
                        f"got {_describe(values)}")
    texts: list[str | None] = []
    for position, value in enumerate(values):
        if isinstance(value, str):
            texts.append(replace_surrogates(value))
        elif missing_ok and _is_missing(value):
            texts.append(None)
        else:
            expected = "a str or missing (None)" if missing_ok else "a str"
            raise TypeError(f"{name}[{position}] must be {expected}, got {_describe(value)}")
    return texts


def require_int(value: Any, name: str, *, minimum: int | None = None,
                maximum: int | None = None, none_ok: bool = False) -> int | None:
    """`value` as an int within [minimum, maximum]: a TypeError for a non-integer (a bool or a
    float such as 2.0 too: a setting should say what it means), a ValueError naming the range
    for one outside it. None is returned as it is when `none_ok`."""
    if value is None and none_ok:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        expected = "an int or None" if none_ok else "an int"
        raise TypeError(f"{name} must be {expected}, got {_describe(value)}")
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        if maximum is None:
            bounds = f">= {minimum}"
        elif minimum is None:
            bounds = f"<= {maximum}"
        else:
            bounds = f"between {minimum} and {maximum}"
        raise ValueError(f"{name} must be {bounds}, got {number}")
    return number
