"""The cleaning audit over a corpus: every segment of every article, and the share of text per role.

Both read the pipeline's "segments" stage table (article_id, start, end, text, role, rule: one
row per segment of `clean_article(raw_text)`); running or caching the stage is the pipeline's job.
"""
from __future__ import annotations

import pandas as pd

from analysis.core.schemas import text_dtypes

AUDIT_COLUMNS = ["article_id", "segment", "start", "end", "text", "role", "rule"]


def cleaning_audit(segments: pd.DataFrame) -> pd.DataFrame:
    """Every segment of every article (article_id, segment, start, end, text, role, rule), the
    cleaning decisions a reader can check. `segment` numbers each article's segments from 0 in
    table order; offsets are into the text that was cleaned (raw_text after mojibake repair).
    Text columns come out as object, as in every stage table; the input table is not changed."""
    audit = segments.astype(text_dtypes(segments))
    audit.insert(1, "segment", audit.groupby("article_id", sort=False).cumcount().astype("int64"))
    return audit[AUDIT_COLUMNS]


def role_composition(audit: pd.DataFrame) -> pd.DataFrame:
    """Characters and share of the raw text per role (blank separators excluded), largest first."""
    kept = audit[audit["role"] != "blank"]
    chars = (kept["end"] - kept["start"]).groupby(kept["role"]).sum()
    frame = chars.rename("chars").reset_index()
    frame["share"] = (frame["chars"] / frame["chars"].sum()).round(4)
    return frame.sort_values(["chars", "role"], ascending=[False, True], ignore_index=True)


def segment_strips(audit: pd.DataFrame, article_ids: list[str]) -> pd.DataFrame:
    """The non-blank segments of some articles (article_id, start, end, role, rule): the data of
    the segment map, one strip per article."""
    shown = audit[audit["article_id"].isin(article_ids) & (audit["role"] != "blank")]
    return shown[["article_id", "start", "end", "role", "rule"]].reset_index(drop=True)


def removed_by_group(audit: pd.DataFrame, groups_by_id: pd.Series, order: list[str]) -> pd.DataFrame:
    """How much of each group's raw text the cleaner set aside, and by which rule: group, role,
    rule, segments, articles (with that rule firing), chars, share (of the group's non-blank raw
    characters). Body and blank segments are not listed; groups in `order`, then largest first."""
    kept = audit[audit["role"] != "blank"]
    kept = kept.assign(group=kept["article_id"].map(groups_by_id).fillna("(none)").astype(object),
                       chars=kept["end"] - kept["start"])
    totals = kept.groupby("group")["chars"].sum()
    removed = kept[kept["role"] != "body"]
    table = (removed.groupby(["group", "role", "rule"])
             .agg(segments=("chars", "size"), articles=("article_id", "nunique"), chars=("chars", "sum"))
             .reset_index())
    table["share"] = (table["chars"] / table["group"].map(totals)).round(4)
    position = {g: i for i, g in enumerate(order)}
    table = table.assign(_order=table["group"].map(position).fillna(len(position)))
    table = table.sort_values(["_order", "group", "chars", "rule"], ascending=[True, True, False, True])
    return table.drop(columns="_order").astype({"segments": "int64", "articles": "int64",
                                                "chars": "int64"}).reset_index(drop=True)


def removed_share_by_role(removed: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """The share of each group's raw text set aside per role (rows: groups in `order`; columns:
    roles, most removed first), from :func:`removed_by_group`: the data of a stacked bar chart."""
    shares = removed.pivot_table(index="group", columns="role", values="share", aggfunc="sum",
                                 fill_value=0.0)
    roles = shares.sum().sort_values(ascending=False, kind="stable").index.tolist()
    return shares.reindex(index=list(order), columns=roles).fillna(0.0).round(4)
