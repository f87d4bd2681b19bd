"""Entity mentions of a whole corpus with one name per entity across articles.

Each article is extracted on its own (typing and resolution within the text, as
`extract_entities` does); the corpus step then works once per distinct name, never per mention,
so it scales with the vocabulary of names rather than with the number of mentions.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from analysis.entities.extract import document_mentions
from analysis.entities.resolution import display_name
from analysis.entities.voting import WEAK_EVIDENCE
from analysis.names import (
    choose_person,
    formal_first,
    is_initial,
    name_key,
    name_words,
    org_key,
    person_key,
    person_words,
)
from analysis.text import as_document

CORPUS_MENTION_COLUMNS = ["article_id", "start", "end", "text", "label", "canonical"]
#: How much more often (in articles) the main bearer of a surname must be named in full than
#: the next one before a bare surname is given the main bearer's name across the corpus.
DOMINANCE = 2


def _article_rows(article_id: object, text: str) -> list[tuple]:
    """(article_id, start, end, text, label, canonical, weak) of one article's body."""
    if not isinstance(text, str):
        raise TypeError(f"entity_mentions: article {article_id!r} has a text of type "
                        f"{type(text).__name__}, not str")
    return [(article_id, p.start, p.end, p.text, p.label, p.canonical,
             p.evidence in WEAK_EVIDENCE)
            for p in document_mentions(as_document(text))]


def _vote_labels(rows: pd.DataFrame) -> pd.Series:
    """Labels voted across the corpus: a mention typed only by weak evidence takes the label
    that the well-evidenced mentions of the same name agree on in the whole corpus, and a weak
    one-word name that is the surname of a person named in full is a person ("Obama")."""
    key = rows["canonical"].map(name_key)
    strong = rows[~rows["weak"]]
    votes = strong.groupby([key[~rows["weak"]], strong["label"]]).size()
    best: dict[str, str] = {}
    for (name, label), _count in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        best.setdefault(name, label)
    surnames = {name_words(c)[-1] for c in strong.loc[strong["label"] == "PERSON", "canonical"]
                if len(name_words(c)) > 1}
    labels = rows["label"].copy()
    for index in rows.index[rows["weak"]]:
        name = key[index]
        if name in best:
            labels[index] = best[name]
        elif len(name_words(rows.at[index, "canonical"])) == 1 and name in surnames:
            labels[index] = "PERSON"
    return labels


def _spelling(counts: Counter) -> str:
    """The most used spelling of a name (ties: a full first name over its short form, then the
    shorter, then the first alphabetically)."""
    return min(counts, key=lambda s: (-counts[s], not formal_first(s), len(s), s))


def _person_names(pairs: Counter) -> dict[str, str]:
    """Corpus name of every person name (a per-article canonical): spellings and middle
    initials merged ("Donald J. Trump" = "Donald Trump", unless the corpus has two initialled
    people of that name, "George W. Bush" and "George H. W. Bush"), and a bare name the one
    person it names in the corpus, or the main bearer when one is named in full in at least
    DOMINANCE times as many articles as any other ("Trump" -> "Donald Trump"; two people who
    share a surname are never merged)."""
    full = {n: c for n, c in pairs.items() if len(name_words(n)) > 1}
    by_key: dict[str, Counter] = defaultdict(Counter)
    for name, articles in full.items():
        by_key[person_key(name)][display_name(name)] += articles
    result: dict[str, str] = {}
    people: dict[str, tuple[int, int]] = {}
    for _key, spellings in sorted(by_key.items()):
        initialled = {name_key(s) for s in spellings if any(is_initial(w) for w in s.split()[1:-1])}
        if len(initialled) > 1:  # two people: each spelling stays apart
            groups = {s: Counter({s: n}) for s, n in spellings.items()}
        else:
            groups = {_spelling(spellings): spellings}
        for _, group in groups.items():
            plain = Counter({s: n for s, n in group.items()
                             if not any(is_initial(w) for w in s.split()[1:-1])})
            canonical = _spelling(plain or group)
            people[canonical] = (sum(group.values()), len(people))
            for spelling in group:
                result[name_key(spelling)] = canonical
    # Each word -> the people whose name has it: a short name can only be someone whose name
    # holds all its words (names.compatible), so only those are compared, not every person.
    by_word: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for word in set(person_words(person)) | set(name_words(person)):
            by_word[word].add(person)
    for name in pairs:
        if name_key(name) in result:
            continue
        words = set(person_words(name)) or set(name_words(name))
        candidates = set.intersection(*(by_word.get(w, set()) for w in words)) if words else set()
        fits = [p for p in sorted(candidates, key=lambda p: people[p][1])
                if choose_person(name, {p: people[p]}) == p]
        fits.sort(key=lambda p: -people[p][0])
        if len(fits) == 1 or (len(fits) > 1 and people[fits[0]][0] >= DOMINANCE * people[fits[1]][0]):
            result[name_key(name)] = fits[0]
    return {name: result.get(name_key(name), display_name(name)) for name in pairs}


def _other_names(pairs: Counter, key=org_key) -> dict[str, str]:
    """Corpus name of every organisation or place name: the most used spelling of its key
    ("F.B.I." = "FBI", "The Times" = "Times")."""
    by_key: dict[str, Counter] = defaultdict(Counter)
    for name, count in pairs.items():
        by_key[key(name)][name] += count
    return {name: _spelling(by_key[key(name)]) for name in pairs}


def resolve_corpus_names(mentions: pd.DataFrame) -> pd.DataFrame:
    """(label, canonical) of every mention of a corpus table (columns article_id, label,
    canonical, and `weak` when known), resolved across the whole table, once per distinct name:
    labels voted across the corpus, one name per person, organisation and place (see
    :func:`entity_mentions` for how). Same index as `mentions`."""
    table = mentions[["article_id", "label", "canonical"]].copy()
    weak = mentions["weak"] if "weak" in mentions.columns else pd.Series(False, index=mentions.index)
    table["weak"] = weak.fillna(False).astype(bool)
    if table.empty:
        return table[["label", "canonical"]]
    table["label"] = _vote_labels(table)
    pairs = Counter(zip(table["canonical"], table["label"], table["article_id"]))
    per_label: dict[str, Counter] = defaultdict(Counter)
    for name, label, _article in pairs:
        per_label[label][name] += 1  # articles naming it
    names: dict[tuple[str, str], str] = {}
    for label, counts in per_label.items():
        mapping = (_person_names(counts) if label == "PERSON"
                   else _other_names(counts, org_key if label == "ORGANIZATION" else name_key))
        names.update({(name, label): corpus for name, corpus in mapping.items()})
    table["canonical"] = [names[(c, lab)] for c, lab in zip(table["canonical"], table["label"])]
    return table[["label", "canonical"]]


def entity_mentions(articles: pd.DataFrame, text_column: str = "text") -> pd.DataFrame:
    """One row per entity mention in the article bodies of a corpus (a `load_articles` table):
    article_id, start, end, text, label, canonical; offsets into the article's `text`.

    How it decides: each article is extracted and resolved on its own (`extract_entities`:
    "Tillerson" -> "Rex Tillerson" within the text, honorifics and first names respected). Then,
    once per distinct name in the corpus: a mention typed only by weak evidence takes the label
    the corpus's well-typed mentions of that name agree on; spellings of one person merge
    ("Donald J. Trump" = "Donald Trump"), and a bare surname left unresolved in its article
    takes the full name of the one person in the corpus it fits, or of the main bearer when one
    is named in full in at least twice as many articles as any other ("Trump" -> "Donald
    Trump"), never merging two people named in full; organisations and places take the most
    used spelling of their name ("F.B.I." = "FBI"). The notebooks' corpus tables
    (`analysis.tables.mention_table`) resolve names with the same :func:`resolve_corpus_names`."""
    for column in ("article_id", text_column):
        if column not in articles.columns:
            raise KeyError(f"entity_mentions: the articles table has no {column!r} column "
                           f"(columns: {list(articles.columns)})")
    rows: list[tuple] = []
    for article_id, text in zip(articles["article_id"], articles[text_column]):
        rows += _article_rows(article_id, text)
    table = pd.DataFrame(rows, columns=CORPUS_MENTION_COLUMNS + ["weak"])
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("start", "end") else object)
                             for c in CORPUS_MENTION_COLUMNS})
    table[["label", "canonical"]] = resolve_corpus_names(table)
    table = table.drop_duplicates(["article_id", "start", "end"])
    return table[CORPUS_MENTION_COLUMNS].astype({"start": "int64", "end": "int64"}).reset_index(
        drop=True)
