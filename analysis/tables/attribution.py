"""Attributions over a corpus: who gets a voice (share of voice), with which reporting verbs, and
how often sources are named. Pure pandas over the attribution table (article_id + the columns of
extract_attributions); the cached per-article stage table comes from the pipeline. Named
speakers are counted under their corpus-wide names (:func:`corpus_speakers`), the names
`analysis.entity_mentions` gives entities."""
from __future__ import annotations

import pandas as pd

from analysis.attribution import cue_lemma, empty_attributions, extract_attributions
from analysis.core.schemas import empty_frame
from analysis.entities import resolve_corpus_names

NAMED_TYPES = ("person", "organization")
#: What an attribution whose source is not named counts under in share-of-voice tables
#: (named_only=True); another source type counts as "(<type>)".
UNNAMED_SPEAKERS = {"anonymous": "(anonymous)", "first_person": "(first person)",
                    "pronoun_unresolved": "(unresolved pronoun)", "document": "(document)"}


_SPEAKER_LABELS = {source_type: source_type.upper() for source_type in NAMED_TYPES}
_ENTITY_LABELS = ("PERSON", "ORGANIZATION", "GPE", "LOCATION")


def _nonblank(values: pd.Series) -> pd.Series:
    """Which values are strings with something besides white space (a boolean Series)."""
    return values.map(lambda v: isinstance(v, str) and bool(v.strip())).astype(bool)


def corpus_speakers(attributions: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.Series:
    """Each attribution's speaker under one name across the corpus: person and organization
    speakers go through `analysis.entities.resolve_corpus_names` together with the corpus's
    entity mentions when given (`mentions`: article_id, label, canonical, as
    `analysis.entity_mentions` or the entity stage returns them), so "Obama" in one article and
    "Barack Obama" in another, or "Mr Blair" and "Tony Blair", are one speaker, while two people
    named in full who share a surname ("Katie Miller", "Stephen Miller") stay apart. Other
    speakers, and every speaker of a table without article_id or source_type, are unchanged.
    Same index as `attributions`."""
    speakers = attributions["speaker"].astype(object) if "speaker" in attributions else \
        pd.Series(pd.NA, index=attributions.index, dtype=object)
    if attributions.empty or not {"article_id", "source_type"} <= set(attributions.columns):
        return speakers
    labels = attributions["source_type"].map(_SPEAKER_LABELS)
    named = labels.notna() & _nonblank(speakers)
    if not named.any():
        return speakers
    rows = pd.DataFrame({"article_id": attributions.loc[named, "article_id"].to_numpy(),
                         "label": labels[named].to_numpy(), "canonical": speakers[named].to_numpy(),
                         "weak": False})
    if mentions is not None and len(mentions):
        known = mentions
        if "role" in known.columns:
            known = known[known["role"] == "body"]
        known = known[known["label"].isin(_ENTITY_LABELS).to_numpy(dtype=bool)
                      & _nonblank(known["canonical"]).to_numpy()]
        weak = known["weak"].to_numpy() if "weak" in known.columns else False
        rows = pd.concat([rows, pd.DataFrame({
            "article_id": known["article_id"].to_numpy(), "label": known["label"].to_numpy(),
            "canonical": known["canonical"].to_numpy(), "weak": weak})], ignore_index=True)
    resolved = resolve_corpus_names(rows)["canonical"].to_numpy()[:int(named.sum())]
    result = speakers.copy()
    result[named] = resolved
    return result


def voice_speakers(attributions: pd.DataFrame, named_only: bool = True,
                   mentions: pd.DataFrame | None = None) -> pd.Series:
    """Who each attribution gives a voice to: the speaker's corpus-wide name
    (:func:`corpus_speakers`, with the corpus's entity `mentions` when given), or with
    `named_only` that name only for person and organization sources and a group label for the
    others ("(anonymous)", "(first person)", "(unresolved pronoun)", "(document)"), so
    "officials" or an unresolved "he" are not ranked as if they were someone. A missing speaker
    is "(none)"; a table without source types keeps every speaker."""
    names = corpus_speakers(attributions, mentions)
    speakers = names.where(names.notna(), "(none)")
    if not named_only or attributions.empty or "source_type" not in attributions:
        return speakers.astype(str)
    types = attributions["source_type"].astype(object)
    unnamed = types.map(lambda t: UNNAMED_SPEAKERS.get(t, f"({str(t).replace('_', ' ')})")
                        if t not in NAMED_TYPES else None)
    named = types.isin(NAMED_TYPES).to_numpy(dtype=bool)
    return pd.Series(speakers.where(named, unnamed), index=attributions.index, dtype=object).astype(str)


def attributions_per_article(articles: pd.DataFrame, column: str = "text") -> pd.DataFrame:
    """All attributions of a corpus (a DataFrame with article_id and `column`), one row each,
    with the article_id first; a duplicate article counts once. Runs extract_attributions on
    each article's text (no entity types: the pipeline's stage table has those)."""
    frames = []
    unique = articles.drop_duplicates("article_id")  # a duplicate article counts once
    for article_id, text in zip(unique["article_id"], unique[column]):
        found = extract_attributions(text if isinstance(text, str) else "")
        found.insert(0, "article_id", article_id)
        frames.append(found)
    if not frames:
        empty = empty_attributions()
        empty.insert(0, "article_id", pd.Series(dtype="object"))
        return empty
    return pd.concat(frames, ignore_index=True)


def share_of_voice(attributions: pd.DataFrame, by: str = "speaker",
                   named_only: bool = True, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each speaker (or source type) is quoted or cited: count and share of all
    attributions, most frequent first (ties by name, so the order is stable). Speakers are
    counted under their corpus-wide names (:func:`corpus_speakers`; `mentions`: the corpus's
    entity mentions, optional). By speaker with `named_only`, only person and organization
    sources keep their name; the others are counted as "(anonymous)", "(first person)",
    "(unresolved pronoun)" or "(document)" (:func:`voice_speakers`)."""
    if attributions.empty:
        return empty_frame({by: "object", "attributions": "int64", "share": "float64"})
    values = (voice_speakers(attributions, named_only, mentions) if by == "speaker"
              else attributions[by].fillna("(none)").astype(str))
    return _share_table(values, by)


def _share_table(values: pd.Series, by: str) -> pd.DataFrame:
    """Count and share of each value, most frequent first, ties by value."""
    table = values.value_counts().rename_axis(by).reset_index(name="attributions")
    table["share"] = (table["attributions"] / table["attributions"].sum()).round(4)
    table = table.sort_values(["attributions", by], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def cue_distribution(attributions: pd.DataFrame) -> pd.DataFrame:
    """Reporting verbs by frequency: cue lemma, attributions, share, and how many were direct."""
    if attributions.empty:
        return empty_frame({"cue_lemma": "object", "attributions": "int64", "direct": "int64",
                            "share": "float64"})
    frame = attributions.assign(cue_lemma=attributions["cue"].map(cue_lemma).replace("", "(none)"),
                                is_direct=attributions["kind"].eq("direct"))
    table = frame.groupby("cue_lemma").agg(attributions=("kind", "size"),
                                           direct=("is_direct", "sum")).reset_index()
    table["direct"] = table["direct"].astype("int64")
    table["share"] = (table["attributions"] / table["attributions"].sum()).round(4)
    table = table.sort_values(["attributions", "cue_lemma"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


#: The classes of :func:`source_class`, in table order.
SOURCE_CLASSES = ("named", "anonymous", "first_person", "document", "other")


def source_class(attributions: pd.DataFrame) -> pd.Series:
    """Each attribution's class of source, one of :data:`SOURCE_CLASSES`, so that every table
    counts "named" and "anonymous" alike: a person or organization is named; an unattributed
    document ("a report said") is an anonymous source by type but its kind (source_kind, when
    the table has it) makes it a document, not an anonymous person; unresolved pronouns and
    the rest are other."""
    kinds = (attributions["source_kind"] if "source_kind" in attributions.columns
             else attributions["source_type"])
    return pd.Series([
        "named" if kind_type in NAMED_TYPES else "document" if kind == "document"
        else kind_type if kind_type in {"anonymous", "first_person", "document"} else "other"
        for kind_type, kind in zip(attributions["source_type"], kinds)],
        index=attributions.index, dtype=object)


def named_vs_anonymous(attributions: pd.DataFrame) -> pd.DataFrame:
    """Per article: named (person or organization), anonymous, first-person, document and other
    attributions (unresolved pronouns...), and the share of named among named + anonymous
    (<NA> when there is neither)."""
    columns = list(SOURCE_CLASSES)
    if attributions.empty:
        return empty_frame({"article_id": "object", **dict.fromkeys(columns, "int64"),
                            "named_share": "Float64"})
    group = source_class(attributions)
    table = pd.crosstab(attributions["article_id"], group).reindex(columns=columns, fill_value=0)
    table = table.astype("int64").reset_index()
    table.columns.name = None
    total = table["named"] + table["anonymous"]
    table["named_share"] = (table["named"] / total.where(total > 0)).round(4).astype("Float64")
    return table.sort_values("article_id", kind="stable").reset_index(drop=True)


def attribution_table(attributions: pd.DataFrame, width: int = 80) -> pd.DataFrame:
    """The reader's view: speaker, source_type, cue, kind and a one-line excerpt of the content
    (whitespace collapsed, cut at `width` characters with an ellipsis)."""
    def excerpt(content: object) -> str:
        flat = " ".join(str(content).split()) if isinstance(content, str) else ""
        return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"

    columns = [c for c in ("article_id",) if c in attributions.columns]
    view = attributions[columns + ["speaker", "source_type", "cue", "kind"]].copy()
    view["cue"] = view["cue"].fillna("(continued quote)")
    view["excerpt"] = attributions["content"].map(excerpt)
    return view.reset_index(drop=True)


def voice_by_kind(attributions: pd.DataFrame, top_n: int, named_only: bool = True,
                  mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The `top_n` most heard speakers with their attributions split by kind: speaker,
    attributions, share, then one count column per kind present (direct, mixed, indirect,
    according_to, in that order). Speakers as in :func:`share_of_voice` (`named_only`,
    `mentions`)."""
    if attributions.empty:
        voice = share_of_voice(attributions)
        frame = attributions
    else:  # the corpus-wide names are resolved once, for the ranking and the split by kind
        speakers = voice_speakers(attributions, named_only, mentions)
        voice = _share_table(speakers, "speaker").head(top_n)
        frame = attributions.assign(speaker=speakers)
    heard = frame[frame["speaker"].isin(voice["speaker"])]
    by_kind = heard.pivot_table(index="speaker", columns="kind", values="content", aggfunc="size",
                                fill_value=0)
    kinds = [k for k in ("direct", "mixed", "indirect", "according_to") if k in by_kind.columns]
    table = (voice[["speaker", "attributions", "share"]]
             .merge(by_kind[kinds].reset_index(), on="speaker", how="left")
             .fillna(0))
    table[kinds] = table[kinds].astype("int64")
    return table
