"""Column dtypes and empty frames, so per-article tables, partitions and cache reads agree.

pandas 3 infers a "str" dtype for non-empty text columns and object for empty ones; every table
of the workspace stores text as object, so an empty partition, a cached part and a freshly
computed table have the same dtypes and concatenate without surprises.
"""
from __future__ import annotations

from typing import Any

import pandas as pd
from pandas.api.types import is_object_dtype


def text_dtypes(frame: pd.DataFrame) -> dict[str, Any]:
    """Column dtypes of `frame` with every string-like dtype as object."""
    dtypes = {}
    for column, dtype in frame.dtypes.items():
        if isinstance(dtype, pd.StringDtype) or is_object_dtype(dtype) or str(dtype) == "str":
            dtypes[column] = object
        else:
            dtypes[column] = dtype
    return dtypes


def empty_frame(dtypes: dict[str, Any]) -> pd.DataFrame:
    """An empty DataFrame with these columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})


def empty_like(frame: pd.DataFrame) -> pd.DataFrame:
    """An empty frame with `frame`'s columns and dtypes (text columns as object)."""
    return empty_frame(text_dtypes(frame))


def conform(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """`frame` with exactly meta's columns and dtypes; missing values in text columns are None."""
    frame = frame.reindex(columns=meta.columns).reset_index(drop=True)
    out = {}
    for column, dtype in meta.dtypes.items():
        values = frame[column]
        if is_object_dtype(dtype):
            values = values.astype(object)
            values = values.where(values.notna(), None)
        else:
            values = values.astype(dtype)
        out[column] = values
    return pd.DataFrame(out, columns=meta.columns, index=pd.RangeIndex(len(frame)))
