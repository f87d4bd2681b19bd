"""The corpus a notebook ran on, and comparisons between groups of its articles.

* :func:`check_corpus`: the preflight of ``make figures``: the path exists, the text column and
  the grouping can be found, from the input's column names only (nothing is cleaned), so a typo
  costs one line of error instead of a notebook traceback.
* :func:`corpus_overview`: articles, duplicates, rejected inputs, outlets, date range.
* :func:`group_labels`: each article's group for GROUP_BY: a column (outlet, bias, topic...), the
  sub-folder of a folder corpus, or a date period (day, week, month, quarter, year).
* Per-group tables over the stage tables (entity mentions, attributions): counts and shares per
  group, so groups of different sizes compare.

Pure pandas over the article table and the stage tables; the articles are loaded by the caller.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from analysis.attribution import cue_lemma
from analysis.core.schemas import empty_frame
from analysis.io import (
    METADATA_COLUMNS,
    ArticleLoadError,
    is_table_file,
    list_article_files,
    table_columns,
)
from analysis.tables.attribution import source_class, voice_speakers
from analysis.tables.keywords import DATE_PERIODS  # GROUP_BY values that group by date

#: GROUP_BY value that groups a folder's text files by their sub-folder (BBC's topics, say).
FOLDER = "folder"
OTHER = "(other groups)"
MISSING = "(none)"


class CorpusError(ValueError):
    """A corpus, text column or grouping that cannot be used (one line: what and why)."""


# --------------------------------------------------------------------------- preflight


def _jsonl_columns(path: Path) -> list[str]:
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise CorpusError(f"{path}: the first line is not JSON ({error})") from None
                return list(record) if isinstance(record, dict) else []
    return []


def table_header(path: Path) -> list[str]:
    """The column names of a table file, read from its header (CSV), first line (JSONL), schema
    (Parquet) or first object (JSON); CorpusError when it cannot be read."""
    suffix = path.suffix.lower()
    try:
        if suffix in {".csv", ".tsv"}:
            frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", nrows=0, dtype=str)
            return [str(c) for c in frame.columns]
        if suffix in {".jsonl", ".ndjson"}:
            return _jsonl_columns(path)
        if suffix == ".json":
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            records = data if isinstance(data, list) else data.get("articles", data.get("data", []))
            return list(records[0]) if records and isinstance(records[0], dict) else []
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    except CorpusError:
        raise
    except Exception as error:  # noqa: BLE001 - any reader error becomes the one-line message
        raise CorpusError(f"{path}: cannot read the table's columns ({type(error).__name__}: "
                          f"{str(error).splitlines()[0] if str(error) else ''})") from None


def _find(columns: Iterable[str], candidates: Iterable[str]) -> str | None:
    by_lower = {str(c).lower().strip(): c for c in columns}
    return next((by_lower[c] for c in candidates if c in by_lower), None)


def _metadata_column(columns: list[str], key: str) -> str | None:
    """The column load_articles would read as `key` (outlet, date...), by the loader's names."""
    return _find(columns, [key, *METADATA_COLUMNS.get(key, ())])


def check_corpus(corpus: str | Path, text_column: str | None = None, group_by: str | None = None
                 ) -> str:
    """Check that `corpus` can be loaded with this text column and grouped by `group_by`, from
    its column names only. Returns a one-line description; raises CorpusError (one line naming
    the input and the reason) otherwise."""
    path = Path(corpus).expanduser()
    if not path.exists():
        raise CorpusError(f"CORPUS {str(corpus)!r}: no such file or folder")
    group_by = group_by or None
    text_column = text_column or None
    if path.is_dir():
        texts, others = list_article_files(path)
        tables = [p for p in others if is_table_file(p)]
        if not texts and not tables:
            raise CorpusError(f"CORPUS {str(corpus)!r}: the folder has no .txt files or tables")
        if text_column and not tables:
            raise CorpusError(f"TEXT_COLUMN {text_column!r}: {path} is a folder of text files, "
                              "which have no columns")
        if group_by and not tables and group_by not in {FOLDER, "source"}:
            raise CorpusError(f"GROUP_BY {group_by!r}: {path} is a folder of text files; group "
                              f"them by {FOLDER!r} (their sub-folder)")
        return f"{path}: {len(texts)} text file(s), {len(tables)} table(s)"
    if not is_table_file(path):
        if text_column or (group_by and group_by != "source"):
            raise CorpusError(f"{path} is a single text file: it has no columns "
                              f"(TEXT_COLUMN / GROUP_BY apply to tables)")
        return f"{path}: one text file"
    columns = table_header(path)
    if not columns:
        raise CorpusError(f"CORPUS {str(corpus)!r}: the table has no columns or rows")
    if text_column is not None and text_column not in columns:
        raise CorpusError(f"TEXT_COLUMN {text_column!r} is not a column of {path.name}; "
                          f"columns are {', '.join(columns)}")
    try:  # the loader's own choice of text column, so the check and the load agree
        chosen, _ = table_columns(columns, path.name, text_column)
    except ArticleLoadError as error:
        raise CorpusError(str(error).splitlines()[0].replace("load_articles(path, text_column=...)",
                                                             "TEXT_COLUMN=...")) from None
    if group_by is not None:
        if group_by in DATE_PERIODS:
            if _metadata_column(columns, "date") is None:
                raise CorpusError(f"GROUP_BY {group_by!r} needs a date column; {path.name} has "
                                  f"none (columns are {', '.join(columns)})")
        elif group_by not in columns and _metadata_column(columns, group_by) is None \
                and group_by != "source":
            raise CorpusError(f"GROUP_BY {group_by!r} is neither a column of {path.name} nor a "
                              f"date period ({', '.join(DATE_PERIODS)}); columns are "
                              f"{', '.join(columns)}")
    return f"{path}: a table, text column {chosen!r}"


# ---------------------------------------------------------------------------- overview


def article_dates(articles: pd.DataFrame) -> pd.Series:
    """The articles' dates as datetimes (NaT when missing or unparseable); a date column the
    loader already parsed is used as it is, a text one is parsed here (mixed formats)."""
    if "date" not in articles:
        return pd.Series(pd.NaT, index=articles.index, dtype="datetime64[ns]")
    dates = articles["date"]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates.astype(object).where(dates.notna(), None), errors="coerce",
                               format="mixed", utc=True)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
    return dates


def _has_values(articles: pd.DataFrame, column: str) -> bool:
    return column in articles and bool(articles[column].notna().any())


def corpus_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """What the corpus is: one row per measure (measure, value as text), in reading order:
    articles, distinct texts, duplicates, rejected inputs, words, outlets, dated articles and the
    date range (outlet and date rows only when the table has those columns)."""
    unique = articles.drop_duplicates("article_id")
    rejected = articles.attrs.get("rejected")
    rows = [("articles", len(articles)), ("distinct texts", len(unique)),
            ("duplicate rows", int(articles["is_duplicate"].sum()) if "is_duplicate" in articles
             else len(articles) - len(unique)),
            ("rejected inputs", 0 if rejected is None else len(rejected)),
            ("words (clean text, distinct texts)", int(unique["n_words"].sum())
             if "n_words" in unique else 0)]
    if _has_values(articles, "outlet"):
        rows.append(("outlets", int(articles["outlet"].nunique())))
    if _has_values(articles, "date"):
        dates = article_dates(articles)
        rows.append(("dated articles", int(dates.notna().sum())))
        if dates.notna().any():
            rows.append(("date range", f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"))
    return pd.DataFrame({"measure": [r[0] for r in rows], "value": [str(r[1]) for r in rows]})


def describe_corpus(articles: pd.DataFrame) -> str:
    """The overview as one paragraph of text (for a notebook's Markdown output)."""
    values = dict(zip(*corpus_overview(articles).T.values))
    text = (f"The corpus has **{values['articles']}** article(s) ({values['distinct texts']} "
            f"distinct text(s), {values['duplicate rows']} duplicate row(s)) and "
            f"{values['words (clean text, distinct texts)']} words of clean text; "
            f"{values['rejected inputs']} input(s) could not be loaded.")
    if "outlets" in values:
        text += f" It comes from {values['outlets']} outlet(s)."
    if "date range" in values:
        text += (f" {values['dated articles']} article(s) have a readable date, from "
                 f"{values['date range'].replace(' to ', ' to ')}.")
    elif "dated articles" in values:
        text += " No date could be read."
    return text


def article_labels(articles: pd.DataFrame, width: int = 60) -> pd.Series:
    """A readable name per article for figures: "outlet: title" (title, else headline, else the
    source file), never the hash id; aligned with `articles`."""
    def first(*values: object) -> str:
        return next((str(v) for v in values if isinstance(v, str) and v.strip()), "")

    labels = []
    for row in articles.itertuples(index=False):
        name = first(getattr(row, "title", None), getattr(row, "headline", None), row.source)
        outlet = first(getattr(row, "outlet", None))
        text = " ".join((f"{outlet}: {name}" if outlet else name).split())
        labels.append(text if len(text) <= width else text[: width - 1].rstrip() + "…")
    return pd.Series(labels, index=articles.index, dtype=object)


# ----------------------------------------------------------------------------- groups


def group_labels(articles: pd.DataFrame, group_by: str | None, max_groups: int = 20) -> pd.Series:
    """Each article's group (a string Series aligned with `articles`, named "group"): the value
    of column `group_by`, the sub-folder of each file (``"folder"``) or the date's period
    (``"day"``, ``"week"``, ``"month"``, ``"quarter"``, ``"year"``). Missing values are
    "(none)"; beyond `max_groups` the smallest groups are pooled as "(other groups)" so charts
    stay readable. None: every article in one group "all". CorpusError for an unknown column."""
    if not group_by:
        return pd.Series("all", index=articles.index, name="group", dtype=object)
    if group_by in DATE_PERIODS:
        dates = article_dates(articles)
        if dates.isna().all():
            raise CorpusError(f"GROUP_BY {group_by!r}: no article has a readable date")
        labels = dates.dt.to_period(DATE_PERIODS[group_by]).astype(str).where(dates.notna(), MISSING)
        return pd.Series(labels.to_numpy(dtype=object), index=articles.index, name="group")
    if group_by == FOLDER:
        values = articles["source"].map(lambda s: str(Path(str(s)).parent) if s else MISSING)
        values = values.replace(".", MISSING)
    elif group_by in articles:
        values = articles[group_by]
    else:
        raise CorpusError(f"GROUP_BY {group_by!r} is not a column of the articles; columns are "
                          f"{', '.join(map(str, articles.columns))}")
    values = pd.Series([MISSING if v is None or (not isinstance(v, str) and pd.isna(v))
                        else str(v) for v in values], index=articles.index, name="group", dtype=object)
    sizes = values.value_counts()
    sizes = sizes.reindex(sorted(sizes.index, key=lambda g: (-sizes[g], g)))
    if len(sizes) > max_groups:
        kept = set(sizes.index[: max_groups - 1])
        values = values.where(values.isin(kept), OTHER)
    return values


def default_group_by(articles: pd.DataFrame) -> str | None:
    """The grouping to compare when none is asked for: outlet when there are several, else the
    sub-folder when the files sit in several, else None (nothing to compare)."""
    if "outlet" in articles and articles["outlet"].dropna().nunique() > 1:
        return "outlet"
    folders = articles["source"].map(lambda s: str(Path(str(s)).parent))
    if folders[folders != "."].nunique() > 1:
        return FOLDER
    return None


def group_order(groups: pd.Series, group_by: str | None) -> list[str]:
    """The groups in display order: dates in time order, other groups largest first (ties by
    name), the pooled and missing groups last."""
    sizes = groups.value_counts()
    special = [g for g in (OTHER, MISSING) if g in sizes.index]
    plain = [g for g in sizes.index if g not in special]
    if group_by in DATE_PERIODS:
        plain = sorted(plain)
    else:
        plain = sorted(plain, key=lambda g: (-sizes[g], g))
    return plain + special


def article_groups(articles: pd.DataFrame, groups: pd.Series) -> pd.Series:
    """article_id -> group (a duplicated text keeps its first row's group)."""
    frame = pd.DataFrame({"article_id": articles["article_id"].to_numpy(),
                          "group": groups.to_numpy()})
    return frame.drop_duplicates("article_id").set_index("article_id")["group"]


def group_sizes(articles: pd.DataFrame, groups: pd.Series, order: Sequence[str]) -> pd.DataFrame:
    """Articles and words of clean text per group (group, articles, words), in `order`."""
    frame = pd.DataFrame({"group": groups.to_numpy(), "words": articles["n_words"].to_numpy()})
    table = frame.groupby("group").agg(articles=("words", "size"), words=("words", "sum"))
    return table.reindex(list(order)).fillna(0).astype("int64").rename_axis("group").reset_index()


def with_groups(table: pd.DataFrame, groups_by_id: pd.Series) -> pd.DataFrame:
    """A per-article stage table with each row's group added as a column "group"."""
    return table.assign(group=table["article_id"].map(groups_by_id).fillna(MISSING).astype(object))


def entity_shares_by_group(mentions: pd.DataFrame, groups_by_id: pd.Series,
                           entities: Sequence[tuple[str, str]], order: Sequence[str]) -> pd.DataFrame:
    """For each group and each of `entities` ((entity, label) pairs): mentions in the group's
    bodies, and the share of all the group's entity mentions (so groups of different sizes
    compare): group, entity, label, mentions, share. Every (group, entity) pair is listed."""
    body = with_groups(mentions[mentions["role"] == "body"], groups_by_id)
    totals = body.groupby("group").size()
    counts = body.groupby(["group", "entity", "label"]).size()
    rows = []
    for group in order:
        total = int(totals.get(group, 0))
        for entity, label in entities:
            n = int(counts.get((group, entity, label), 0))
            rows.append((group, entity, label, n, round(n / total, 4) if total else 0.0))
    return pd.DataFrame(rows, columns=["group", "entity", "label", "mentions", "share"]).astype(
        {"mentions": "int64", "share": "float64"})


def voice_by_group(attributions: pd.DataFrame, groups_by_id: pd.Series, order: Sequence[str],
                   top_n: int = 5, named_only: bool = True,
                   mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The `top_n` most heard speakers of each group with their share of the group's
    attributions: group, rank, speaker, source_type, attributions, share. Speakers go by their
    corpus-wide names (with the corpus's entity `mentions` when given), so a group's "Obama"
    and another's "Barack Obama" are compared as one person; with `named_only`, unnamed sources
    are grouped as in :func:`analysis.tables.attribution.share_of_voice` ("(anonymous)",
    "(first person)"...)."""
    columns = {"group": object, "rank": "int64", "speaker": object, "source_type": object,
               "attributions": "int64", "share": "float64"}
    if attributions.empty:
        return empty_frame(columns)
    frame = with_groups(attributions, groups_by_id)
    frame = frame.assign(speaker=voice_speakers(frame, named_only, mentions),
                         source_type=frame["source_type"].fillna(MISSING).astype(str))
    counts = frame.groupby(["group", "speaker", "source_type"]).size().rename("attributions").reset_index()
    counts["share"] = (counts["attributions"]
                       / counts.groupby("group")["attributions"].transform("sum")).round(4)
    counts = counts.sort_values(["group", "attributions", "speaker"], ascending=[True, False, True])
    counts = counts.groupby("group").head(top_n)
    counts["rank"] = counts.groupby("group").cumcount() + 1
    position = {g: i for i, g in enumerate(order)}
    counts = counts[counts["group"].isin(position)]
    counts = counts.sort_values(["group", "rank"], key=lambda s: s.map(position) if s.name == "group" else s)
    return counts[list(columns)].astype(columns).reset_index(drop=True)


def anonymous_share_by_group(attributions: pd.DataFrame, groups_by_id: pd.Series,
                             order: Sequence[str]) -> pd.DataFrame:
    """Per group: attributions, named (person or organization) and anonymous sources, and the
    anonymous share of named + anonymous (<NA> when there is neither); sources are classed as
    in :func:`analysis.tables.attribution.named_vs_anonymous` (an unattributed document is
    not an anonymous source)."""
    frame = with_groups(attributions, groups_by_id) if len(attributions) else \
        attributions.assign(group=pd.Series(dtype=object))
    kind = source_class(frame)
    table = pd.DataFrame({
        "attributions": frame.groupby("group").size(),
        "named": kind.eq("named").groupby(frame["group"]).sum(),
        "anonymous": kind.eq("anonymous").groupby(frame["group"]).sum(),
    }).reindex(list(order)).fillna(0).astype("int64")
    sourced = table["named"] + table["anonymous"]
    table["anonymous_share"] = (table["anonymous"] / sourced.where(sourced > 0)).round(4).astype("Float64")
    return table.rename_axis("group").reset_index()


def cues_by_group(attributions: pd.DataFrame, groups_by_id: pd.Series, order: Sequence[str],
                  top_n: int = 8) -> pd.DataFrame:
    """The corpus's `top_n` cue lemmas and each one's share of every group's attributions:
    group, cue_lemma, attributions, share (every pair listed, zeros included)."""
    columns = {"group": object, "cue_lemma": object, "attributions": "int64", "share": "float64"}
    if attributions.empty:
        return empty_frame(columns)
    frame = with_groups(attributions, groups_by_id)
    frame = frame.assign(cue_lemma=frame["cue"].map(cue_lemma).replace("", MISSING).fillna(MISSING))
    overall = frame["cue_lemma"].value_counts()
    top = sorted(overall.index, key=lambda c: (-overall[c], c))[:top_n]
    totals = frame.groupby("group").size()
    counts = frame.groupby(["group", "cue_lemma"]).size()
    rows = [(g, cue, int(counts.get((g, cue), 0)),
             round(counts.get((g, cue), 0) / totals[g], 4) if totals.get(g, 0) else 0.0)
            for g in order for cue in top]
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)


def mentions_over_time(mentions: pd.DataFrame, articles: pd.DataFrame,
                       entities: Sequence[tuple[str, str]], period: str = "month") -> pd.DataFrame:
    """Body mentions of each of `entities` per date period (period, entity, label, mentions,
    articles: the period's dated articles), every period between the first and last date
    listed, zeros included. Empty when no article has a date."""
    columns = {"period": object, "entity": object, "label": object, "mentions": "int64",
               "articles": "int64"}
    dates = article_dates(articles)
    if dates.isna().all() or not entities:
        return empty_frame(columns)
    code = DATE_PERIODS[period]
    periods = dates.dt.to_period(code)
    by_id = pd.Series(periods.to_numpy(), index=articles["article_id"].to_numpy())
    by_id = by_id[~by_id.index.duplicated()]
    span = pd.period_range(periods.min(), periods.max(), freq=code)
    per_period = periods.value_counts()
    body = mentions[mentions["role"] == "body"]
    body = body.assign(period=body["article_id"].map(by_id)).dropna(subset=["period"])
    counts = body.groupby(["period", "entity", "label"]).size()
    rows = [(str(p), entity, label, int(counts.get((p, entity, label), 0)),
             int(per_period.get(p, 0))) for entity, label in entities for p in span]
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)
