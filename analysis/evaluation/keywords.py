"""Score keyword extraction on 500N-KPCrowd- or DUC-2001-style data, and time corpus keyness.

Data layouts (detected by :func:`read_documents`): a folder of ``<id>.txt`` (the story) and
``<id>.key`` (gold phrases, one per line), as 500N-KPCrowd; or a folder with ``docs/`` (one TREC
SGML file per document, named by its DOCNO; the article is the content of its ``<TEXT>``
elements, inner tags removed) and ``annotations.txt`` (``DOCNO@kp1;kp2;...;`` per line), as the
DUC-2001 keyphrase set. Convention (see the shared eval README): the top 10 predicted phrases per document and the
gold phrases are lower-cased and Porter-stemmed word by word, duplicates merged, and matched
exactly; precision, recall and F1@10 are computed per document and macro-averaged.

``python -m analysis evaluate keywords --data PATH`` prints the metrics as one JSON line
(``python -m analysis.evaluation.keywords --data PATH --units words`` scores another kind of list);
``python -m analysis.evaluation.keywords --keyness-timing [--reference brown]`` prints how long
keyness of the whole NLTK Reuters corpus against Brown news (or all of Brown) takes, without and
with the caches; ``--function-words CORPUS [--against reuters]`` prints the stopwords and
clitics among the top 30 over-represented words of a corpus (both lists should be empty).
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from analysis.evaluation.timing import Stopwatch
from analysis.keywords.lexicon import is_clitic, stopword_set, term_key
from analysis.keywords.reference import DEFAULT_REFERENCE, REFERENCE_CORPORA
from analysis.keywords.scoring import KEYWORD_UNITS

K = 10


def normalise_phrase(phrase: str) -> str:
    """Lower-case, drop punctuation except apostrophes ("U.S." -> "us", "Grammy-winning" ->
    "grammywinning"), Porter-stem each word, single spaces: the extractor's own term key."""
    return term_key(phrase)


def normalise_set(phrases: Iterable[str]) -> set[str]:
    """Normalised, de-duplicated phrases (empty ones dropped)."""
    return {p for p in (normalise_phrase(x) for x in phrases) if p}


def score_document(predicted: list[str], gold: Iterable[str], k: int = K) -> dict[str, float]:
    """Precision, recall and F1 of the top-k predictions of one document (after normalising;
    a prediction that repeats an earlier one after normalising is skipped, not counted)."""
    gold_set = normalise_set(gold)
    top: list[str] = []
    for phrase in predicted:
        norm = normalise_phrase(phrase)
        if norm and norm not in top:
            top.append(norm)
        if len(top) == k:
            break
    hits = sum(1 for p in top if p in gold_set)
    precision = hits / len(top) if top else 0.0
    recall = hits / len(gold_set) if gold_set else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "hits": hits}


_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL | re.IGNORECASE)
_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")


def trec_text(sgml: str) -> str:
    """The article of a TREC SGML document: the content of its ``<TEXT>`` elements (several are
    joined by a blank line), inner tags such as ``<P>`` removed, entities ("&amp;") decoded,
    surrounding white space stripped. Empty when the document has no ``<TEXT>``."""
    blocks = [html.unescape(_TAG_RE.sub("", block)).strip() for block in _TEXT_RE.findall(sgml)]
    return "\n\n".join(block for block in blocks if block)


def read_annotations(path: Path) -> dict[str, list[str]]:
    """``DOCNO@kp1;kp2;...;`` lines as {DOCNO: [kp1, kp2, ...]}; ValueError naming the line for
    a line without "@"."""
    gold: dict[str, list[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                  .splitlines(), 1):
        if not line.strip():
            continue
        if "@" not in line:
            raise ValueError(f"{path}:{number}: expected DOCNO@kp1;kp2;..., got {line[:60]!r}")
        docno, phrases = line.split("@", 1)
        gold[docno.strip()] = [p.strip() for p in phrases.split(";") if p.strip()]
    return gold


def read_trec_documents(folder: Path, limit: int | None = None
                        ) -> list[tuple[str, str, list[str]]]:
    """(DOCNO, article, gold phrases) of a DUC-style folder (``docs/`` + ``annotations.txt``),
    sorted by DOCNO; documents without annotations or without text are skipped (they cannot be
    scored), gold lines without a document raise FileNotFoundError naming them."""
    gold = read_annotations(folder / "annotations.txt")
    files = {path.name: path for path in (folder / "docs").iterdir() if path.is_file()}
    missing = sorted(set(gold) - set(files))
    if missing:
        raise FileNotFoundError(f"{folder / 'docs'}: no document for annotated "
                                f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}")
    docs = []
    for docno in sorted(gold):
        text = trec_text(files[docno].read_text(encoding="utf-8", errors="replace"))
        if text:
            docs.append((docno, text, gold[docno]))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def read_documents(data: str | Path, limit: int | None = None) -> list[tuple[str, str, list[str]]]:
    """(id, text, gold phrases) of each document of a keyphrase folder, sorted by id: the DUC
    layout when the folder has ``annotations.txt`` and ``docs/``, else each ``<id>.txt`` that
    has an ``<id>.key``."""
    folder = Path(data)
    if (folder / "annotations.txt").is_file() and (folder / "docs").is_dir():
        return read_trec_documents(folder, limit)
    docs = []
    for txt in sorted(folder.glob("*.txt")):
        key = txt.with_suffix(".key")
        if not key.exists():
            continue
        text = txt.read_text(encoding="utf-8", errors="replace")
        gold = [line.strip() for line in key.read_text(encoding="utf-8", errors="replace")
                .splitlines() if line.strip()]
        docs.append((txt.stem, text, gold))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def evaluate(data: str, split: str | None = None, limit: int | None = None, **options) -> dict:
    """Macro-averaged P/R/F1@10 of :func:`analysis.keywords.extract_keywords` on a keyphrase
    folder in either layout of :func:`read_documents` (``split`` names a sub-folder, e.g.
    "train", when given)."""
    from analysis.keywords import extract_keywords

    folder = Path(data) / split if split else Path(data)
    docs = read_documents(folder, limit)
    if not docs:
        raise FileNotFoundError(f"no <id>.txt with <id>.key, nor docs/ with annotations.txt, "
                                f"in {folder}")
    with Stopwatch() as stopwatch:
        keywords = extract_keywords([text for _, text, _ in docs], top_n=K, **options)
    by_doc = {doc: group.sort_values("rank")["keyword"].tolist()
              for doc, group in keywords.groupby("doc")}
    scores = [score_document(by_doc.get(i, []), gold) for i, (_, _, gold) in enumerate(docs)]
    n = len(scores)
    return {
        "task": "keywords",
        "documents": n,
        "precision@10": round(sum(s["precision"] for s in scores) / n, 4),
        "recall@10": round(sum(s["recall"] for s in scores) / n, 4),
        "f1@10": round(sum(s["f1"] for s in scores) / n, 4),
        "seconds": round(stopwatch.seconds, 1),
        **({"options": options} if options else {}),
    }


def time_reuters_keyness(disk_cache: bool = False, reference: str = "brown_news") -> dict:
    """Time keyness of the whole NLTK Reuters corpus against a Brown reference ("brown_news"
    or all of "brown": reading the corpora, counting and G2), from scratch unless
    ``disk_cache``, then again from the in-memory cache."""
    from analysis.keywords.reference import reference_documents, reference_table
    from analysis.keywords.significance import keyness

    reference_table.cache_clear()
    reference_documents.cache_clear()
    cold, warm = Stopwatch(), Stopwatch()
    with cold:
        result = keyness(reference_table("reuters", disk_cache=disk_cache),
                         reference_table(reference, disk_cache=disk_cache))
    with warm:
        keyness(reference_table("reuters", disk_cache=disk_cache),
                reference_table(reference, disk_cache=disk_cache))
    over = result[result["direction"] == "over"].head(10)["term"].tolist()
    return {"keyness": f"reuters vs {reference}", "seconds_cold": round(cold.seconds, 2),
            "seconds_cached": round(warm.seconds, 2), "terms": len(result), "top_over": over}


def function_words_in_top(path: str | Path, reference: str = DEFAULT_REFERENCE, n: int = 30,
                          text_column: str | None = None) -> dict:
    """The issue-14 check of keyness on a real corpus: the ``n`` most over-represented words of
    the clean texts of ``path`` (as :func:`analysis.load_articles` reads it) against an NLTK
    ``reference``, and which of them are NLTK English stopwords (compared lower-cased, so "They"
    counts; the list has no "us", and the pronoun must not rank either: the test checks it) or
    clitics ("s", "n't", "'re"...). Both lists should be empty."""
    from analysis.keywords.significance import keyness
    from analysis.nlp import english_stopwords
    from analysis.pipeline.articles import load_articles

    articles = load_articles(path, text_column=text_column)
    with Stopwatch() as stopwatch:
        top = keyness(articles["text"].fillna("").tolist(), reference,
                      direction="over").head(n)["term"].tolist()
    stop = stopword_set(english_stopwords())
    return {"corpus": str(path), "reference": reference, "articles": len(articles),
            "top": top, "stopwords": [w for w in top if w.lower() in stop],
            "clitics": [w for w in top if is_clitic(w)],
            "seconds": round(stopwatch.seconds, 1)}


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keyness-timing", action="store_true",
                        help="time keyness of NLTK Reuters against Brown news")
    parser.add_argument("--reference", default="brown_news", choices=("brown_news", "brown"),
                        help="the Brown reference of --keyness-timing")
    parser.add_argument("--disk-cache", action="store_true",
                        help="allow the Parquet cache in .cache/keywords (default: count afresh)")
    parser.add_argument("--function-words", metavar="CORPUS",
                        help="list stopwords and clitics among the top 30 over-represented "
                             "words of CORPUS (a folder or table load_articles reads)")
    parser.add_argument("--text-column", default=None, help="the text column of --function-words")
    parser.add_argument("--against", default=DEFAULT_REFERENCE, choices=REFERENCE_CORPORA,
                        help="the reference corpus of --function-words")
    parser.add_argument("--data", help="keyphrase folder to score (<id>.txt + <id>.key files, "
                                       "or docs/ + annotations.txt)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--units", choices=KEYWORD_UNITS, default=None,
                        help="score lists of single words, of noun phrases, or of both "
                             "(extract_keywords' units option; default: its default)")
    args = parser.parse_args(argv)
    if args.keyness_timing:
        print(json.dumps(time_reuters_keyness(args.disk_cache, args.reference),
                         sort_keys=True))
    if args.function_words:
        print(json.dumps(function_words_in_top(args.function_words, args.against,
                                               text_column=args.text_column), sort_keys=True))
    if args.data:
        options = {"units": args.units} if args.units else {}
        print(json.dumps(evaluate(args.data, limit=args.limit, **options), sort_keys=True))
    if not (args.keyness_timing or args.function_words or args.data):
        parser.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
