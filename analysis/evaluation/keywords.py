"""Score keyword extraction on 500N-KPCrowd-style data, and time corpus keyness.

Data layout: a folder of ``<id>.txt`` (the story) and ``<id>.key`` (gold phrases, one per
line). Convention (see the shared eval README): the top 10 predicted phrases per document and the
gold phrases are lower-cased and Porter-stemmed word by word, duplicates merged, and matched
exactly; precision, recall and F1@10 are computed per document and macro-averaged.

``python -m analysis evaluate keywords --data PATH`` prints the metrics as one JSON line;
``python -m analysis.evaluation.keywords --keyness-timing`` prints how long keyness of the
whole NLTK Reuters corpus against Brown news takes, without and with the caches.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from analysis.evaluation.timing import Stopwatch
from analysis.keywords.lexicon import term_key

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


def read_documents(data: str | Path, limit: int | None = None) -> list[tuple[str, str, list[str]]]:
    """(id, text, gold phrases) for each ``<id>.txt`` that has an ``<id>.key``, sorted by id."""
    folder = Path(data)
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
    """Macro-averaged P/R/F1@10 of :func:`analysis.keywords.extract_keywords` on a folder of
    ``.txt``/``.key`` pairs (``split`` names a sub-folder, e.g. "train", when given)."""
    from analysis.keywords import extract_keywords

    folder = Path(data) / split if split else Path(data)
    docs = read_documents(folder, limit)
    if not docs:
        raise FileNotFoundError(f"no <id>.txt with <id>.key in {folder}")
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
    }


def time_reuters_keyness(disk_cache: bool = False) -> dict:
    """Time keyness of the whole NLTK Reuters corpus against Brown news (reading the corpora,
    counting and G2), from scratch unless ``disk_cache``, then again from the in-memory cache."""
    from analysis.keywords.reference import reference_table
    from analysis.keywords.significance import keyness

    reference_table.cache_clear()
    cold, warm = Stopwatch(), Stopwatch()
    with cold:
        result = keyness(reference_table("reuters", disk_cache=disk_cache),
                         reference_table("brown_news", disk_cache=disk_cache))
    with warm:
        keyness(reference_table("reuters", disk_cache=disk_cache),
                reference_table("brown_news", disk_cache=disk_cache))
    over = result[result["direction"] == "over"].head(10)["term"].tolist()
    return {"keyness": "reuters vs brown_news", "seconds_cold": round(cold.seconds, 2),
            "seconds_cached": round(warm.seconds, 2), "terms": len(result), "top_over": over}


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keyness-timing", action="store_true",
                        help="time keyness of NLTK Reuters against Brown news")
    parser.add_argument("--disk-cache", action="store_true",
                        help="allow the Parquet cache in .cache/keywords (default: count afresh)")
    parser.add_argument("--data", help="folder of <id>.txt and <id>.key files to score")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if args.keyness_timing:
        print(json.dumps(time_reuters_keyness(args.disk_cache), sort_keys=True))
    if args.data:
        print(json.dumps(evaluate(args.data, limit=args.limit), sort_keys=True))
    if not (args.keyness_timing or args.data):
        parser.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
