"""Reference corpora, word-frequency tables and keyness (log-likelihood G2 and Log Ratio).

Keyness asks which words a target corpus (one article, a collection, a whole newswire) uses
more or less often than a reference corpus does. Two numbers per word:

* **G2, the log-likelihood statistic in Rayson & Garside's (2000) 2-cell form.** With ``a``
  and ``b`` the word's frequency in target and reference and ``c`` and ``d`` the two corpus
  sizes (tokens), the expected frequencies are ``E1 = c (a + b) / (c + d)`` and
  ``E2 = d (a + b) / (c + d)`` and ``G2 = 2 (a ln(a / E1) + b ln(b / E2))`` (a zero frequency
  contributes 0). This is the form used by Wmatrix, AntConc and most corpus-linguistics
  keyword lists; it leaves out the two "all other words" cells of the full 4-cell contingency
  table (Dunning 1993), which makes it slightly smaller than the 4-cell G2 for very frequent
  words but identical in ranking for the words that matter. The p-value is the upper tail of
  chi-square with 1 degree of freedom (G2 = 3.84 -> p = 0.05, 6.63 -> 0.01, 15.13 -> 0.0001).
* **Log Ratio (Hardie 2014)**, the effect size: ``log2((a / c) / (b / d))``, where a zero
  frequency is replaced by 0.5 (the zero-count correction) so that words absent from one corpus
  get a finite value. +1 means twice as frequent in the target, -1 half as frequent.

Both directions are reported: ``direction`` is "over" when the word is relatively more frequent
in the target, "under" when it is less frequent.

Counting uses one fast tokenizer (:func:`count_tokens`) for targets and references alike, so
frequencies are comparable: lower-cased word forms, initials kept whole ("u.s."), possessive
"'s" removed. Reference tables for the NLTK corpora users can download (Brown "news" by default,
all of Brown, Reuters-21578) are computed once per process (``lru_cache``) and, optionally,
stored as Parquet under the project's ``.cache/keywords/`` folder so the next process reads
them in milliseconds. Nothing is pickled.
"""
from __future__ import annotations

import hashlib
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.nlp import use_nltk_data_env
from analysis.paths import PROJECT_ROOT

#: Reference corpora available by name (all obtainable with `nltk.download`).
REFERENCE_CORPORA: tuple[str, ...] = ("brown_news", "brown", "reuters")
DEFAULT_REFERENCE = "brown_news"

#: Bump when count_tokens changes, so stale Parquet caches are not reused.
COUNT_TOKENIZER_VERSION = "1"

CACHE_DIR = PROJECT_ROOT / ".cache" / "keywords"

_COUNT_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:[-.&'’][^\W_]+)*")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")


def count_tokens(text: str) -> list[str]:
    """Lower-cased word tokens for frequency tables (fast: a single regular expression).

    Hyphenated words, initials ("U.S.") and contractions stay whole; a possessive "'s" is
    dropped ("Korea's" -> "korea"), curly apostrophes become straight ones.
    """
    tokens = []
    for match in _COUNT_TOKEN_RE.findall(text):
        word = match.lower().replace("’", "'")
        if word.endswith("'s") and len(word) > 2:
            word = word[:-2]
        tokens.append(word)
    return tokens


def is_word(token: str) -> bool:
    """True when the token has at least one letter (numbers and punctuation are not words)."""
    return _HAS_LETTER_RE.search(token) is not None


# --------------------------------------------------------------------------- reference corpora

def _corpus_reader(name: str):
    use_nltk_data_env()
    from nltk.corpus import brown, reuters

    if name in ("brown", "brown_news"):
        return brown
    if name == "reuters":
        return reuters
    raise ValueError(f"unknown reference corpus {name!r}; choose one of {REFERENCE_CORPORA} "
                     "or pass your own texts or counts")


def _read_raw(reader, fileids: list[str]) -> list[str]:
    """Raw text of each file; straight from the zip when NLTK reads the corpus from one, opened
    once (NLTK's reader reopens the zip for every file, which is several times slower)."""
    import zipfile

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
    reader = _corpus_reader(name)
    fileids = reader.fileids(categories="news") if name == "brown_news" else reader.fileids()
    raws = _read_raw(reader, list(fileids))
    if name.startswith("brown"):
        # Brown is stored as word/tag pairs: keep the word.
        raws = [" ".join(piece.rsplit("/", 1)[0] for piece in raw.split()) for raw in raws]
    return tuple(raws)


def _fingerprint(name: str) -> str:
    """Short hash of what a cached table depends on: tokenizer version, corpus file, its size and
    modification time (a re-downloaded corpus gets a new cache file)."""
    root = _corpus_reader(name).root
    nltk_zip = getattr(root, "zipfile", None)
    path = Path(nltk_zip.filename if nltk_zip is not None else str(root))
    stat = path.stat()
    key = f"{COUNT_TOKENIZER_VERSION}|{name}|{path}|{stat.st_size}|{int(stat.st_mtime)}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


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


@lru_cache(maxsize=4)
def reference_table(name: str = DEFAULT_REFERENCE, disk_cache: bool = True) -> pd.DataFrame:
    """Count table of an NLTK reference corpus, computed once per process and (when
    ``disk_cache``) kept as Parquet in ``.cache/keywords/``. Treat the result as read-only."""
    path = CACHE_DIR / f"{name}-{_fingerprint(name)}.parquet" if disk_cache else None
    if path is not None and path.exists():
        try:
            frame = pd.read_parquet(path)
            table = frame.set_index("term")[["count", "doc_count"]].astype("int64")
            table.index = table.index.astype(object)
            table.attrs = {"tokens": int(table["count"].sum()),
                           "documents": int(frame["n_documents"].iloc[0]) if len(frame) else 0}
            return table
        except Exception:  # a damaged cache is rebuilt below
            pass
    table = count_table(reference_documents(name))
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            out = table.reset_index()
            out["n_documents"] = np.int64(table.attrs["documents"])
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            out.to_parquet(tmp, index=False)
            os.replace(tmp, path)
        except OSError:  # a read-only checkout still works, just without the disk cache
            pass
    return table


# --------------------------------------------------------------------------- keyness

Counts = Mapping[str, int] | pd.Series | pd.DataFrame


def _as_counts(corpus, what: str) -> pd.Series:
    """Turn a corpus given as text, texts, a count mapping or a count table into a count Series."""
    if isinstance(corpus, pd.DataFrame):
        return corpus["count"].astype("int64")
    if isinstance(corpus, pd.Series):
        return corpus.astype("int64")
    if isinstance(corpus, Mapping):
        return pd.Series(dict(corpus), dtype="int64")
    if isinstance(corpus, str):
        if what == "reference" and corpus in REFERENCE_CORPORA:
            return reference_table(corpus)["count"]
        return pd.Series(Counter(count_tokens(corpus)), dtype="int64")
    if isinstance(corpus, Sequence) or isinstance(corpus, Iterable):
        counts: Counter[str] = Counter()
        for text in corpus:
            counts.update(count_tokens(text))
        return pd.Series(counts, dtype="int64")
    raise TypeError(f"cannot read a {what} corpus from {type(corpus).__name__}")


def log_likelihood(a, b, c: float, d: float) -> np.ndarray:
    """Rayson & Garside 2-cell log-likelihood G2 for frequencies a (target) and b (reference)
    in corpora of c and d tokens (arrays or scalars)."""
    a = np.asarray(a, dtype="float64")
    b = np.asarray(b, dtype="float64")
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1.0) / np.where(e1 > 0, e1, 1.0)), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1.0) / np.where(e2 > 0, e2, 1.0)), 0.0)
    return np.maximum(2.0 * (t1 + t2), 0.0)


def chi2_sf_1df(g2) -> np.ndarray:
    """Upper-tail probability of chi-square with 1 degree of freedom: erfc(sqrt(x / 2))."""
    values = np.asarray(g2, dtype="float64")
    return np.vectorize(lambda x: math.erfc(math.sqrt(x / 2.0)) if x > 0 else 1.0, otypes=[float])(
        values) if values.size else values


def log_ratio(a, b, c: float, d: float, zero: float = 0.5) -> np.ndarray:
    """Hardie's Log Ratio, log2 of the ratio of relative frequencies, with zero counts replaced
    by ``zero`` (0.5) so words missing from one corpus get a finite effect size."""
    a = np.where(np.asarray(a, dtype="float64") > 0, a, zero)
    b = np.where(np.asarray(b, dtype="float64") > 0, b, zero)
    return np.log2((a / c) / (b / d))


def keyness(
    target,
    reference=DEFAULT_REFERENCE,
    *,
    min_freq: int = 3,
    stopwords: Iterable[str] | None = (),
    words_only: bool = True,
    max_p: float | None = None,
    direction: str = "both",
) -> pd.DataFrame:
    """Key words of ``target`` against ``reference``, strongest first (by G2).

    ``target`` and ``reference`` may each be a text, a sequence of texts, a mapping of word
    counts or a count table (:func:`count_table`); ``reference`` may also name an NLTK corpus
    in :data:`REFERENCE_CORPORA` (default Brown "news"). ``min_freq`` is the minimum frequency a
    word needs in the corpus it is over-represented in (target for "over", reference for
    "under"); ``stopwords`` are left out (default none: keyness is about all words);
    ``words_only`` drops numbers and punctuation; ``max_p`` keeps only words with p <= max_p;
    ``direction`` is "both", "over" or "under".

    Columns: term, freq_target, freq_reference, per_million_target, per_million_reference,
    g2, p_value, log_ratio, direction.
    """
    t_counts = _as_counts(target, "target")
    r_counts = _as_counts(reference, "reference")
    c = float(t_counts.sum())
    d = float(r_counts.sum())
    columns = ["term", "freq_target", "freq_reference", "per_million_target",
               "per_million_reference", "g2", "p_value", "log_ratio", "direction"]
    if c == 0 or d == 0:
        return pd.DataFrame({col: [] for col in columns})
    frame = pd.concat([t_counts.rename("a"), r_counts.rename("b")], axis=1).fillna(0)
    frame.index = frame.index.astype(object)
    if stopwords:
        stop = {w.lower() for w in stopwords}
        frame = frame[~frame.index.isin(stop)]
    if words_only:
        frame = frame[[is_word(str(term)) for term in frame.index]]
    a = frame["a"].to_numpy(dtype="float64")
    b = frame["b"].to_numpy(dtype="float64")
    over = a / c > b / d
    keep = np.where(over, a >= min_freq, b >= min_freq)
    if direction == "over":
        keep &= over
    elif direction == "under":
        keep &= ~over
    elif direction != "both":
        raise ValueError("direction must be 'both', 'over' or 'under'")
    frame, a, b, over = frame[keep], a[keep], b[keep], over[keep]
    g2 = log_likelihood(a, b, c, d)
    result = pd.DataFrame(
        {
            "term": frame.index.to_numpy(dtype=object),
            "freq_target": a.astype("int64"),
            "freq_reference": b.astype("int64"),
            "per_million_target": a / c * 1e6,
            "per_million_reference": b / d * 1e6,
            "g2": g2,
            "p_value": chi2_sf_1df(g2),
            "log_ratio": log_ratio(a, b, c, d),
            "direction": np.where(over, "over", "under").astype(object),
        }
    )
    if max_p is not None:
        result = result[result["p_value"] <= max_p]
    result = result.sort_values(["g2", "term"], ascending=[False, True], kind="mergesort")
    return result.reset_index(drop=True)
