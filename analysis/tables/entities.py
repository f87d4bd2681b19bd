"""Corpus tables of entity mentions: one name per entity across articles, counts per entity,
article, label and role, the effect of captions, co-occurrence and aliases. All of them read the
mention table, built from the entity stage's per-article rows (pure pandas, no NLP here)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.core.schemas import empty_frame
from analysis.entities import MENTION_DTYPES, MENTION_ROLES, resolve_corpus_names

MENTION_TABLE_COLUMNS = ["article_id", "role", "segment", "start", "end", "text", "label",
                         "canonical", "entity", "sentence", "paragraph"]
_MENTION_TABLE_DTYPES = {c: MENTION_DTYPES.get(c, object) for c in MENTION_TABLE_COLUMNS}


def mention_table(mentions: pd.DataFrame, roles: Iterable[str] = MENTION_ROLES) -> pd.DataFrame:
    """Every entity mention of a corpus, from the entity stage's per-article table (article_id
    plus the columns of `analysis.entities.mentions_in_article`): article_id, role, segment,
    start, end, text, label (voted across the corpus), canonical (within the article), entity
    (one name per entity across the corpus, as `analysis.entity_mentions` names it), sentence,
    paragraph. Only mentions of the given segment roles are kept."""
    mentions = mentions[mentions["role"].isin(tuple(roles))].reset_index(drop=True)
    if mentions.empty:
        return empty_frame(_MENTION_TABLE_DTYPES)
    resolved = resolve_corpus_names(mentions)
    mentions["label"] = resolved["label"]
    mentions["entity"] = resolved["canonical"]
    return mentions[MENTION_TABLE_COLUMNS]


def _select(mentions: pd.DataFrame, roles: Iterable[str] | None,
            labels: Iterable[str] | None) -> pd.DataFrame:
    """The mentions of the given roles and labels (None: all)."""
    selected = mentions if roles is None else mentions[mentions["role"].isin(tuple(roles))]
    if labels is not None:
        selected = selected[selected["label"].isin(tuple(labels))]
    return selected


def entity_counts(mentions: pd.DataFrame, roles: Iterable[str] | None = ("body",),
                  labels: Iterable[str] | None = None) -> pd.DataFrame:
    """Corpus counts per entity: entity, label, mentions, articles, plus one column of mentions
    per role in the selection. Sorted by mentions, then name (deterministic)."""
    selected = _select(mentions, roles, labels)
    if selected.empty:
        return empty_frame({"entity": object, "label": object, "mentions": "int64",
                            "articles": "int64"})
    grouped = selected.groupby(["entity", "label"])
    table = grouped.size().rename("mentions").to_frame()
    table["articles"] = grouped["article_id"].nunique()
    by_role = selected.pivot_table(index=["entity", "label"], columns="role", values="start",
                                   aggfunc="size", fill_value=0)
    for role in sorted(by_role.columns):
        table[role] = by_role[role].astype("int64")
    table = table.reset_index().sort_values(["mentions", "entity", "label"],
                                            ascending=[False, True, True])
    return table.reset_index(drop=True)


def article_entity_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Counts per article, entity and role: article_id, entity, label, role, mentions."""
    if mentions.empty:
        return empty_frame({"article_id": object, "entity": object, "label": object,
                            "role": object, "mentions": "int64"})
    table = (mentions.groupby(["article_id", "entity", "label", "role"]).size()
             .rename("mentions").reset_index())
    return table.sort_values(["article_id", "mentions", "entity", "role"],
                             ascending=[True, False, True, True]).reset_index(drop=True)


def label_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per label and role: label, role, mentions, entities."""
    grouped = mentions.groupby(["label", "role"])
    table = grouped.size().rename("mentions").to_frame()
    table["entities"] = grouped["entity"].nunique()
    return table.reset_index().sort_values(["label", "role"]).reset_index(drop=True)


def caption_effect(mentions: pd.DataFrame, labels: Iterable[str] | None = None) -> pd.DataFrame:
    """How counts change when captions are included: entity, label, body, with_captions,
    added (mentions only captions contribute), for every entity seen in either."""
    body = entity_counts(mentions, roles=("body",), labels=labels)
    both = entity_counts(mentions, roles=("body", "caption"), labels=labels)
    table = both[["entity", "label", "mentions"]].rename(columns={"mentions": "with_captions"})
    table = table.merge(body[["entity", "label", "mentions"]].rename(columns={"mentions": "body"}),
                        on=["entity", "label"], how="left")
    table["body"] = table["body"].fillna(0).astype("int64")
    table["added"] = table["with_captions"] - table["body"]
    table = table[["entity", "label", "body", "with_captions", "added"]]
    return table.sort_values(["with_captions", "entity"], ascending=[False, True]).reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, unit: str = "sentence", roles: Iterable[str] = ("body",),
                 labels: Iterable[str] | None = None) -> pd.DataFrame:
    """Pairs of entities named in the same sentence (or paragraph): entity_a, label_a, entity_b,
    label_b, units (how many sentences/paragraphs hold both), articles. Each pair once, a < b."""
    if unit not in {"sentence", "paragraph"}:
        raise ValueError("unit must be 'sentence' or 'paragraph'")
    selected = _select(mentions, roles, labels)
    keys = ["article_id", "role", "segment", unit]
    units = selected[keys + ["entity", "label"]].drop_duplicates()
    units = units.assign(unit_id=units.groupby(keys, sort=False, dropna=True).ngroup())
    units = units[units["unit_id"] >= 0]  # a mention without a unit number is in no unit
    both = units.merge(units[["unit_id", "entity", "label"]], on="unit_id", suffixes=("_a", "_b"))
    first = (both["entity_a"] < both["entity_b"]) | (
        (both["entity_a"] == both["entity_b"]) & (both["label_a"] < both["label_b"]))
    both = both[first.to_numpy(dtype=bool)]
    grouped = both.groupby(["entity_a", "label_a", "entity_b", "label_b"], sort=False)
    table = pd.DataFrame({"units": grouped.size(), "articles": grouped["article_id"].nunique()})
    table = table.reset_index().astype({"entity_a": object, "label_a": object, "entity_b": object,
                                        "label_b": object, "units": "int64", "articles": "int64"})
    return table.sort_values(["units", "entity_a", "entity_b", "label_a", "label_b"],
                             ascending=[False, True, True, True, True]).reset_index(drop=True)


def alias_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Every surface form of every entity: entity, label, alias, mentions, articles, and
    n_aliases (how many forms the entity has). Possessives are folded into their name."""
    if mentions.empty:
        return empty_frame({c: object for c in ["entity", "label", "alias", "mentions",
                                                "articles", "n_aliases"]})
    forms = mentions.assign(alias=mentions["text"].map(_surface))
    grouped = forms.groupby(["entity", "label", "alias"])
    table = grouped.size().rename("mentions").to_frame()
    table["articles"] = grouped["article_id"].nunique()
    table = table.reset_index()
    table["n_aliases"] = table.groupby(["entity", "label"])["alias"].transform("size").astype("int64")
    return table.sort_values(["n_aliases", "entity", "mentions", "alias"],
                             ascending=[False, True, False, True]).reset_index(drop=True)


def _surface(text: str) -> str:
    """A mention's form with the possessive dropped and white space collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"['’]s$", "", text)).strip()


def top_entities_by_label(counts: pd.DataFrame, labels: Iterable[str], top_n: int) -> pd.DataFrame:
    """The `top_n` most mentioned entities of each label (from :func:`entity_counts`): label,
    entity, mentions, articles, labels in alphabetical order, most mentioned first."""
    wanted = list(labels)
    top = counts[counts["label"].isin(wanted)].groupby("label", sort=False).head(top_n)
    top = top.sort_values(["label", "mentions", "entity"], ascending=[True, False, True])
    return top[["label", "entity", "mentions", "articles"]].reset_index(drop=True)


def entity_display_names(entities: Sequence[tuple[str, str]]) -> list[str]:
    """Axis labels for (entity, label) pairs: the name, with its type added ("Brown (person)")
    only where the same name appears with two types, so no two labels are the same."""
    names = Counter(entity for entity, _ in entities)
    return [f"{entity} ({label.lower()})" if names[entity] > 1 else entity for entity, label in entities]


def cooccurrence_matrix(pairs: pd.DataFrame, entities: Sequence[tuple[str, str]]
                        ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The co-occurrence counts among some entities, given as (entity, label) pairs (a name
    with two types is two entities), from :func:`cooccurrence`: a symmetric matrix in the given
    order labelled by :func:`entity_display_names`, and exactly the pairs it draws (entity_a,
    label_a, entity_b, label_b, units; each non-zero cell pair once, in matrix order)."""
    keys = [(str(entity), str(label)) for entity, label in entities]
    names = entity_display_names(keys)
    position = {key: i for i, key in enumerate(keys)}
    values = [[0] * len(keys) for _ in keys]
    rows = []
    for a, la, b, lb, n in pairs[["entity_a", "label_a", "entity_b", "label_b", "units"]].itertuples(
            index=False):
        i, j = position.get((a, la)), position.get((b, lb))
        if i is None or j is None or i == j:
            continue
        values[i][j] = values[j][i] = int(n)
        first, second = sorted([(i, a, la), (j, b, lb)])
        rows.append((first[0], second[0], first[1], first[2], second[1], second[2], int(n)))
    matrix = pd.DataFrame(values, index=names, columns=names, dtype="int64")
    drawn = pd.DataFrame(sorted(rows), columns=["i", "j", "entity_a", "label_a", "entity_b", "label_b",
                                                "units"])
    drawn = drawn.drop(columns=["i", "j"]).astype({"units": "int64"}).reset_index(drop=True)
    return matrix, drawn
