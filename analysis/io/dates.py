"""Publication dates in the mixed formats scraped tables hold, as datetimes.

ISO 8601 first (fast), then any other format pandas / dateutil can read ("Mon, 06 Apr 2020
10:00:00 +0100", "June 5, 2018", "2018/06/05"); a bare year ("2017") is 1 January of it, eight
digits ("20170621") a compact date, a number of 9-11 digits Unix seconds and 12-13 digits Unix
milliseconds. Times with a zone are converted to UTC; the result is timezone-naive UTC
(``datetime64[ns]``). Ambiguous day/month orders are read month first, as pandas does.
"""
from __future__ import annotations

import re
import warnings
from collections.abc import Sequence

import pandas as pd

DATE_DTYPE = "datetime64[ns]"
_DIGITS = re.compile(r"\d{4}|\d{8}|\d{9,13}(\.\d+)?")


def _number_date(text: str):
    """A date written as digits only, or None when the digits are no known form."""
    if len(text) == 4:
        year = int(text)
        return pd.Timestamp(year=year, month=1, day=1) if 1000 <= year <= 2999 else None
    if len(text) == 8:
        return pd.to_datetime(text, format="%Y%m%d", errors="coerce")
    digits = text.split(".", 1)[0]
    unit = "s" if len(digits) <= 11 else "ms"
    return pd.to_datetime(float(text), unit=unit, errors="coerce")


def _to_naive_utc(parsed: pd.Series) -> pd.Series:
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed.astype(DATE_DTYPE)


def parse_dates(values: Sequence) -> tuple[pd.Series, list[int]]:
    """(dates as datetime64[ns] with NaT where missing or unreadable, positions of the values
    that are present but could not be read). Values are strings (or None); others are read by
    their text."""
    raw = pd.Series([None if v is None else str(v).strip() for v in values], dtype=object)
    out = pd.Series(pd.NaT, index=raw.index, dtype=DATE_DTYPE)
    present = raw.notna() & (raw != "")
    if not present.any():
        return out, []
    digits = present & raw.where(present, "").str.fullmatch(_DIGITS)
    for position in raw.index[digits]:
        value = _number_date(raw[position])
        if value is not None and not pd.isna(value):
            out[position] = value
    rest = present & ~digits
    if rest.any():
        with warnings.catch_warnings():  # dateutil's fallback warnings: results are checked here
            warnings.simplefilter("ignore")
            parsed = pd.to_datetime(raw[rest], format="ISO8601", utc=True, errors="coerce")
            retry = parsed.isna()
            if retry.any():
                parsed[retry] = pd.to_datetime(raw[rest][retry], format="mixed", utc=True,
                                               errors="coerce")
        within = parsed.notna() & (parsed.dt.year >= 1678) & (parsed.dt.year <= 2261)
        out[parsed.index[within]] = _to_naive_utc(parsed[within])
    unread = present & out.isna()
    return out, [int(i) for i in raw.index[unread]]
