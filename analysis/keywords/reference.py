"""Reference corpora and word-frequency tables.

Counting uses one fast tokenizer (:func:`count_tokens`) for targets and references alike, so
frequencies are comparable: lower-cased word forms, initials kept whole ("u.s."), possessive
"'s" removed. Reference tables for the NLTK corpora users can download (Brown "news" by default,
all of Brown, Reuters-21578) are computed once per process and, optionally, stored as Parquet
under the project's ``.cache/keywords/`` folder so the next process reads them in milliseconds.
Nothing is pickled. The in-memory caches here are keyed on a corpus name only.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from analysis.core.paths import PROJECT_ROOT
from analysis.keywords.lexicon import Stemmer, default_stopwords, is_word, term_key
from analysis.nlp import use_nltk_data_env

#: Reference corpora available by name (all obtainable with `nltk.download`).
REFERENCE_CORPORA: tuple[str, ...] = ("brown_news", "brown", "reuters")
DEFAULT_REFERENCE = "brown_news"

#: Bump when count_tokens changes, so stale Parquet caches are not reused.
COUNT_TOKENIZER_VERSION = "3"

CACHE_DIR = PROJECT_ROOT / ".cache" / "keywords"

#: A word: initials ("U.S."), or letters and digits joined by - . & or an apostrophe.
_COUNT_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:[-.&'][^\W_]+)*")
#: A possessive "'s" at the end of a word of the newline-joined words.
_POSSESSIVE_RE = re.compile(r"'[sS]$", re.MULTILINE)
_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "´": "'", "ʼ": "'"})
#: Two or three capitals on their own: an acronym ("US", "BBC") unless it spells a function word
#: among other capitals.
_ACRONYM_RE = re.compile(r"\b[A-Z]{2,3}\b")
_BROWN_TAG_RE = re.compile(r"/[^\s/]+(?=\s|$)")
#: A line without a lower-case letter: a headline or dateline in capitals ("ASIAN EXPORTERS
#: FEAR DAMAGE"), whose words are not acronyms.
_SHOUTED_LINE_RE = re.compile(r"^[^a-z\n]*[A-Z]{2}[^a-z\n]*$", re.MULTILINE)


def _capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def count_tokens(text: str) -> list[str]:
    """Word tokens for frequency tables (fast: regular expressions, no tagging).

    Lower-cased, except acronyms of 2-3 capitals ("US", "UK", "EU", "BBC", "WHO"), so that "US"
    is not "us" and "IT" not "it"; an acronym that spells a function word keeps its case only
    between words that are not in capitals (in "READ THE FULL STORY" it is "the"), and a line
    entirely in capitals (a shouted headline) is lower-cased. Hyphenated words, initials
    ("U.S." -> "u.s.") and contractions stay whole ("can't", "they're": function words that
    keyness leaves out), apostrophes of any kind (’ ` ´ ʼ) become "'", and a possessive "'s" is
    dropped ("Korea's" -> "korea"). A clitic that text tokenised with spaces left on its own
    ("president ’ s") stays a token, which keyness leaves out as a function word.
    """
    if not text.isascii() or "`" in text:
        text = text.translate(_APOSTROPHES)
    if _SHOUTED_LINE_RE.search(text) is not None:
        text = _SHOUTED_LINE_RE.sub(lambda m: m.group().lower(), text)
    joined = "\n".join(_COUNT_TOKEN_RE.findall(text))
    if not joined:
        return []
    if "'" in joined:
        joined = _POSSESSIVE_RE.sub("", joined)
    tokens = joined.lower().split("\n")
    acronyms = set(_ACRONYM_RE.findall(text))
    if acronyms:
        stop = default_stopwords()
        words = joined.split("\n")
        last = len(words) - 1
        for i in [i for i, word in enumerate(words) if word in acronyms]:
            if tokens[i] not in stop or not ((i > 0 and _capitals(words[i - 1]))
                                             or (i < last and _capitals(words[i + 1]))):
                tokens[i] = words[i]
    return tokens


# --------------------------------------------------------------------------- NLTK corpora

def corpus_reader(name: str):
    """NLTK's reader of a reference corpus in :data:`REFERENCE_CORPORA`."""
    use_nltk_data_env()
    from nltk.corpus import brown, reuters

    if name in ("brown", "brown_news"):
        return brown
    if name == "reuters":
        return reuters
    raise ValueError(f"unknown reference corpus {name!r}; choose one of {REFERENCE_CORPORA} "
                     "or pass your own texts or counts")


def read_raw_texts(name: str, limit: int | None = None) -> list[str]:
    """The raw files of a reference corpus (Brown as stored: word/tag pairs), in NLTK's file
    order, the first ``limit`` only when given. Read straight from the zip when NLTK reads the
    corpus from one, opened once (NLTK's reader reopens the zip for every file, which is several
    times slower)."""
    import zipfile

    reader = corpus_reader(name)
    fileids = list(reader.fileids(categories="news") if name == "brown_news" else reader.fileids())
    if limit is not None:
        fileids = fileids[:limit]
    root = reader.root
    nltk_zip = getattr(root, "zipfile", None)
    if nltk_zip is not None:
        entry = root.entry
        with zipfile.ZipFile(nltk_zip.filename) as archive:
            return [archive.read(entry + f).decode(reader.encoding(f) or "utf-8") for f in fileids]
    return [reader.raw(f) for f in fileids]


@lru_cache(maxsize=4)
def reference_documents(name: str = DEFAULT_REFERENCE) -> tuple[str, ...]:
    """The documents of an NLTK reference corpus as plain strings (Brown's tags removed)."""
    raws = read_raw_texts(name)
    if name.startswith("brown"):
        # Brown is stored as word/tag pairs: keep the word.
        raws = [_BROWN_TAG_RE.sub("", raw) for raw in raws]
    return tuple(raws)


def _fingerprint(name: str) -> str:
    """Short hash of what a cached table depends on: tokenizer version, corpus file, its size and
    modification time (a re-downloaded corpus gets a new cache file)."""
    root = corpus_reader(name).root
    nltk_zip = getattr(root, "zipfile", None)
    path = Path(nltk_zip.filename if nltk_zip is not None else str(root))
    stat = path.stat()
    key = f"{COUNT_TOKENIZER_VERSION}|{name}|{path}|{stat.st_size}|{int(stat.st_mtime)}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


# --------------------------------------------------------------------------- count tables

def count_table(documents: Iterable[str]) -> pd.DataFrame:
    """Frequency table of documents: index term; columns count (tokens) and doc_count
    (documents containing the term); sorted by count (desc), then term. ``attrs`` holds the
    corpus size in tokens and documents."""
    counts: Counter[str] = Counter()
    doc_counts: Counter[str] = Counter()
    n_docs = 0
    for doc in documents:
        tokens = count_tokens(doc)
        counts.update(tokens)
        doc_counts.update(set(tokens))
        n_docs += 1
    table = pd.DataFrame(
        {"count": pd.Series(counts, dtype="int64"), "doc_count": pd.Series(doc_counts, dtype="int64")}
    )
    table.index = table.index.astype(object)
    table.index.name = "term"
    table = _sort_counts(table)
    table.attrs = {"tokens": int(sum(counts.values())), "documents": n_docs}
    return table


def _sort_counts(table: pd.DataFrame) -> pd.DataFrame:
    if table.empty:
        return table
    order = np.lexsort((table.index.to_numpy(dtype=object).astype(str), -table["count"].to_numpy()))
    return table.iloc[order]


def _read_cached_table(path: Path) -> pd.DataFrame | None:
    """A count table written by :func:`_write_cached_table`, or None when missing or damaged."""
    if not path.exists():
        return None
    try:
        frame = pd.read_parquet(path)
        table = frame.set_index("term")[["count", "doc_count"]].astype("int64")
        table.index = table.index.astype(object)
        table.attrs = {"tokens": int(table["count"].sum()),
                       "documents": int(frame["n_documents"].iloc[0]) if len(frame) else 0}
        return table
    except Exception:  # a damaged cache is rebuilt
        return None


def _write_cached_table(table: pd.DataFrame, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        out = table.reset_index()
        out["n_documents"] = np.int64(table.attrs["documents"])
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        out.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except OSError:  # a read-only checkout still works, just without the disk cache
        pass


@lru_cache(maxsize=4)
def reference_table(name: str = DEFAULT_REFERENCE, disk_cache: bool = True) -> pd.DataFrame:
    """Count table of an NLTK reference corpus, computed once per process and (when
    ``disk_cache``) kept as Parquet in ``.cache/keywords/``. Treat the result as read-only."""
    path = CACHE_DIR / f"{name}-{_fingerprint(name)}.parquet" if disk_cache else None
    if path is not None:
        cached = _read_cached_table(path)
        if cached is not None:
            return cached
    table = count_table(reference_documents(name))
    if path is not None:
        _write_cached_table(table, path)
    return table


@lru_cache(maxsize=4)
def reference_idf(name: str = DEFAULT_REFERENCE, disk_cache: bool = True
                  ) -> tuple[dict[str, int], int]:
    """Document frequencies by term key (:func:`term_key`) of the words of a reference corpus,
    and its number of documents: the IDF source of key-term scoring. Computed once per process
    and (when ``disk_cache``) kept as Parquet beside the count table, since stemming every word
    of Reuters takes seconds. Read-only."""
    path = CACHE_DIR / f"{name}-idf-{_fingerprint(name)}.parquet" if disk_cache else None
    cached = _read_cached_table(path) if path is not None else None
    if cached is not None:
        return dict(zip(cached.index.tolist(), cached["doc_count"].tolist())), \
            int(cached.attrs["documents"])
    table = reference_table(name, disk_cache)
    stemmer = Stemmer()
    df: Counter[str] = Counter()
    for term, d in zip(table.index.tolist(), table["doc_count"].tolist()):
        if is_word(term):
            df[term_key(term, stemmer)] += int(d)
    if path is not None:
        keys = pd.DataFrame({"count": pd.Series(df, dtype="int64")})
        keys["doc_count"] = keys["count"]
        keys.index = keys.index.astype(object)
        keys.index.name = "term"
        keys.attrs = {"documents": int(table.attrs["documents"])}
        _write_cached_table(keys, path)
    return dict(df), int(table.attrs["documents"])


@lru_cache(maxsize=4)
def combined_idf(names: str | tuple[str, ...]) -> tuple[Mapping[str, int], int]:
    """Document frequencies by term key and document count of one or more reference corpora
    (:func:`reference_idf` summed), merged once per process for each combination: a keyword
    call on one short text would otherwise spend most of its time merging them. A single name
    is one corpus ("brown", not "b", "r"...). Read-only."""
    if isinstance(names, str):
        names = (names,)
    if not names:
        raise ValueError("reference: name at least one of " + ", ".join(REFERENCE_CORPORA))
    if len(names) == 1:
        df, n_docs = reference_idf(names[0])
        return MappingProxyType(df), n_docs
    merged: Counter[str] = Counter()
    n_docs = 0
    for name in names:
        counts, n = reference_idf(name)
        merged.update(counts)
        n_docs += n
    return MappingProxyType(dict(merged)), n_docs
