"""Tests for analysis.tables.attribution: corpus tables over attributions."""
from __future__ import annotations

import pandas as pd

from analysis.attribution import COLUMNS, extract_attributions
from analysis.tables.attribution import (
    attribution_table,
    attributions_per_article,
    corpus_speakers,
    cue_distribution,
    named_vs_anonymous,
    share_of_voice,
    voice_by_kind,
)


def _articles() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a", "b"],
        "text": ["The plan failed, Helvey said. The plan worked, U.S. officials said.",
                 "According to a report, the plan failed. “No,” Helvey said."],
    })


def test_corpus_tables():
    table = attributions_per_article(_articles())
    assert list(table.columns) == ["article_id", *COLUMNS]
    assert table.groupby("article_id").size().to_dict() == {"a": 2, "b": 2}
    voice = share_of_voice(table, named_only=False)
    assert voice.iloc[0].to_dict() == {"speaker": "Helvey", "attributions": 2, "share": 0.5}
    types = share_of_voice(table, by="source_type").set_index("source_type").attributions.to_dict()
    assert types == {"person": 2, "anonymous": 2}  # "a report": an unattributed document
    kinds = share_of_voice(table, by="source_kind").set_index("source_kind").attributions.to_dict()
    assert kinds == {"person": 2, "anonymous": 1, "document": 1}
    cues = cue_distribution(table).set_index("cue_lemma")
    assert cues.loc["say", "attributions"] == 3 and cues.loc["say", "direct"] == 1
    ratio = named_vs_anonymous(table).set_index("article_id")
    assert ratio.loc["a", "named"] == 1 and ratio.loc["a", "anonymous"] == 1
    assert ratio.loc["a", "named_share"] == 0.5 and ratio.loc["b", "document"] == 1


def test_per_article_rows_are_extract_attributions():
    articles = _articles()
    table = attributions_per_article(articles)
    first = table[table.article_id == "a"].drop(columns="article_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(first, extract_attributions(articles.loc[0, "text"]))


def test_a_duplicate_article_counts_once():
    articles = pd.concat([_articles(), _articles().iloc[[0]]], ignore_index=True)
    assert len(attributions_per_article(articles)) == 4


def test_corpus_tables_empty():
    empty = attributions_per_article(pd.DataFrame({"article_id": ["x"], "text": ["No quotes here."]}))
    assert empty.empty
    assert share_of_voice(empty).empty and cue_distribution(empty).empty and named_vs_anonymous(empty).empty
    none = attributions_per_article(pd.DataFrame({"article_id": [], "text": []}))
    assert list(none.columns) == ["article_id", *COLUMNS] and none.empty


def test_another_text_column_and_missing_texts():
    articles = _articles().assign(body=[None, "“No,” Helvey said."])
    table = attributions_per_article(articles, column="body")
    assert table.article_id.tolist() == ["b"] and table.speaker.tolist() == ["Helvey"]


def test_attribution_table_excerpt():
    frame = extract_attributions("The plan,   which was long and had many parts, failed badly, Helvey said.")
    view = attribution_table(frame, width=20)
    assert list(view.columns) == ["speaker", "source_type", "cue", "kind", "excerpt"]
    assert view.loc[0, "excerpt"] == "The plan, which was…" and len(view.loc[0, "excerpt"]) <= 20


def test_voice_by_kind_splits_the_most_heard_speakers_by_kind():
    from analysis.tables.attribution import voice_by_kind

    attributions = pd.DataFrame({
        "speaker": ["Tillerson", "Tillerson", "Tillerson", "Helvey", "officials"],
        "kind": ["direct", "indirect", "direct", "according_to", "indirect"],
        "content": ["a", "b", "c", "d", "e"]})
    table = voice_by_kind(attributions, top_n=2)
    assert list(table.columns) == ["speaker", "attributions", "share", "direct", "indirect",
                                   "according_to"]
    assert table["speaker"].tolist() == ["Tillerson", "Helvey"]
    assert table[["direct", "indirect", "according_to"]].values.tolist() == [[2, 1, 0], [0, 0, 1]]


def _typed() -> pd.DataFrame:
    """Attributions of every source type, as the attribution stage types them."""
    return pd.DataFrame({
        "article_id": ["a", "a", "a", "b", "b", "b", "b", "b"],
        "speaker": ["Rex Tillerson", "U.S. officials", "I", "he", "the report", "Reuters",
                    "Rex Tillerson", "a senior official"],
        "source_type": ["person", "anonymous", "first_person", "pronoun_unresolved", "document",
                        "organization", "person", "anonymous"],
        "source_kind": ["named", "group", "self", "pronoun", "document", "named", "named", "role"],
        "kind": ["direct", "indirect", "direct", "indirect", "according_to", "indirect", "mixed",
                 "indirect"],
        "content": list("abcdefgh")})


def test_only_named_sources_keep_their_speaker_in_share_of_voice():
    voice = share_of_voice(_typed()).set_index("speaker")["attributions"].to_dict()
    assert voice == {"Rex Tillerson": 2, "(anonymous)": 2, "Reuters": 1, "(first person)": 1,
                     "(unresolved pronoun)": 1, "(document)": 1}
    raw = share_of_voice(_typed(), named_only=False)["speaker"].tolist()
    assert "U.S. officials" in raw and "he" in raw and "(anonymous)" not in raw
    by_type = share_of_voice(_typed(), by="source_type", named_only=True)
    assert by_type.set_index("source_type").loc["anonymous", "attributions"] == 2


def test_voice_by_kind_groups_unnamed_sources():
    from analysis.tables.attribution import voice_by_kind

    table = voice_by_kind(_typed(), top_n=2).set_index("speaker")
    assert table.index.tolist() == ["(anonymous)", "Rex Tillerson"]
    assert table.loc["(anonymous)", "indirect"] == 2
    assert table.loc["Rex Tillerson", ["direct", "mixed"]].tolist() == [1, 1]
    assert "he" in voice_by_kind(_typed(), top_n=8, named_only=False)["speaker"].tolist()


def test_named_vs_anonymous_counts_first_person_apart():
    table = named_vs_anonymous(_typed()).set_index("article_id")
    assert list(table.columns) == ["named", "anonymous", "first_person", "document", "other",
                                   "named_share"]
    assert table.loc["a"].tolist()[:5] == [1, 1, 1, 0, 0]
    assert table.loc["b"].tolist()[:5] == [2, 1, 0, 1, 1]
    assert table.loc["b", "named_share"] == round(2 / 3, 4)


def _speaker_articles() -> pd.DataFrame:
    texts = ["The talks failed, Mr Blair said on Monday.", "Tony Blair said the war was right.",
             "“We will win,” Obama said.", "Barack Obama said the bill would pass.",
             "Katie Miller said the vice president was fine.",
             "Stephen Miller said the policy would stay.", "The plan is dead, Miller said."]
    return pd.DataFrame({"article_id": list("abcdefg"), "text": texts})


def test_speakers_get_one_name_across_the_corpus():
    table = attributions_per_article(_speaker_articles())
    assert table["speaker"].tolist()[:4] == ["Blair", "Tony Blair", "Obama", "Barack Obama"]
    names = corpus_speakers(table)
    assert names.index.equals(table.index)
    assert names.tolist() == ["Tony Blair", "Tony Blair", "Barack Obama", "Barack Obama",
                              "Katie Miller", "Stephen Miller", "Miller"]
    voice = share_of_voice(table).set_index("speaker")["attributions"].to_dict()
    # two people named in full who share a surname are never merged; the bare "Miller" fits both
    assert voice == {"Barack Obama": 2, "Tony Blair": 2, "Katie Miller": 1, "Stephen Miller": 1,
                     "Miller": 1}
    by_kind = voice_by_kind(table, top_n=2).set_index("speaker")["attributions"].to_dict()
    assert by_kind == {"Barack Obama": 2, "Tony Blair": 2}


def test_corpus_speakers_use_the_entity_mentions():
    table = attributions_per_article(pd.DataFrame({
        "article_id": ["a", "b"],
        "text": ["The wall will be built, Mr. Trump said.", "The economy is strong, Trump said."]}))
    assert set(corpus_speakers(table)) == {"Trump"}  # nobody named in full: nothing to merge into
    mentions = pd.DataFrame({"article_id": ["c", "c"], "label": ["PERSON", "PERSON"],
                             "canonical": ["Donald Trump", "Donald Trump"], "role": ["body", "body"]})
    assert set(corpus_speakers(table, mentions)) == {"Donald Trump"}
    assert share_of_voice(table, mentions=mentions)["speaker"].tolist() == ["Donald Trump"]
    captions = mentions.assign(role="caption")  # only the bodies' mentions count
    assert set(corpus_speakers(table, captions)) == {"Trump"}


def test_corpus_speakers_keep_unnamed_sources():
    table = attributions_per_article(pd.DataFrame({
        "article_id": ["a", "b"],
        "text": ["The plan failed, officials said.", "It worked, he said. “No,” Helvey said."]}))
    names = corpus_speakers(table)
    unnamed = ~table["source_type"].isin(["person", "organization"])
    assert names[unnamed].tolist() == table.loc[unnamed, "speaker"].tolist()
    no_ids = table.drop(columns="article_id")
    assert corpus_speakers(no_ids).tolist() == no_ids["speaker"].tolist()
