"""Score `extract_attributions` on PolNeAR (brat standoff attribution relations).

Convention (/work/shared/eval/README.md): per article; gold = the annotator listed first in
metadata.tsv for the file; a predicted content span matches a gold content span when their
overlap divided by the longer of the two is at least 0.5 (one-to-one, best overlap first); an
attribution is correct when its content matches and its source mention overlaps the gold source
span, or its resolved speaker shares a word with it. Precision is over predictions, recall over
gold attributions that have a source (gold attributions without a source are left out of both
scores, so a prediction that matches one is neither rewarded nor punished).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

Span = tuple[int, int]

_SPAN_RE = re.compile(r"(\d+) (\d+)")
_STOP = {"the", "a", "an", "of", "and", "to", "in", "for", "on", "at", "s", "’s", "'s", "mr",
         "mrs", "ms", "dr", "u", "he", "she", "they", "it", "i", "we", "his", "her", "their"}


@dataclass
class GoldAttribution:
    """One gold relation: content spans (maybe discontinuous), source spans (maybe none), cue."""

    content: list[Span]
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Attribution relations of a brat .ann file ("T" spans linked by "E" lines)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, [(int(a), int(b)) for a, b in _SPAN_RE.findall(offsets)])
        elif line.startswith("E"):
            roles: dict[str, str] = {}
            for item in parts[1].split():
                role, _, target = item.partition(":")
                roles.setdefault(role, target)
                if role.startswith("Content") and role != "Content":
                    roles["Content"] = roles.get("Content", "") + " " + target
            events.append(roles)
    result = []
    for roles in events:
        content: list[Span] = []
        for target in roles.get("Content", "").split():
            content.extend(spans.get(target, ("", []))[1])
        if not content:
            continue
        source = spans.get(roles.get("Source", ""), ("", []))[1]
        cue = spans.get(roles.get("Cue", ""), ("", []))[1]
        result.append(GoldAttribution(sorted(content), list(source), list(cue)))
    return result


def _length(spans: Iterable[Span]) -> int:
    return sum(max(0, e - s) for s, e in spans)


def _overlap(a: Iterable[Span], b: Iterable[Span]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def content_ratio(predicted: Span, gold: list[Span]) -> float:
    """Overlap of a predicted span with (possibly discontinuous) gold spans, over the longer."""
    longer = max(_length([predicted]), _length(gold))
    return _overlap([predicted], gold) / longer if longer else 0.0


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in _STOP}


def score_article(predictions: pd.DataFrame, gold: list[GoldAttribution], text: str) -> dict[str, int]:
    """Counts for one article: predicted, gold (with a source), content matches, correct."""
    gold = [g for g in gold if g.source]
    pairs = []
    for p_index, row in enumerate(predictions.itertuples(index=False)):
        span = (int(row.content_start), int(row.content_end))
        for g_index, g in enumerate(gold):
            ratio = content_ratio(span, g.content)
            if ratio >= 0.5:
                pairs.append((-ratio, p_index, g_index))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = correct = 0
    rows = list(predictions.itertuples(index=False))
    for _, p_index, g_index in pairs:
        if p_index in used_p or g_index in used_g:
            continue
        used_p.add(p_index)
        used_g.add(g_index)
        matched += 1
        row, g = rows[p_index], gold[g_index]
        ok = False
        if not pd.isna(row.source_start):
            ok = _overlap([(int(row.source_start), int(row.source_end))], g.source) > 0
        if not ok:
            gold_words = set().union(*(_words(text[s:e]) for s, e in g.source))
            ok = bool(_words(str(row.speaker)) & gold_words)
        correct += ok
    return {"predicted": len(rows), "gold": len(gold), "content_matched": matched, "correct": correct}


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def first_annotators(metadata: Path) -> dict[str, list[str]]:
    """filename -> annotators in the order metadata.tsv lists them."""
    result: dict[str, list[str]] = {}
    if metadata.exists():
        with metadata.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                result[row["filename"]] = [a for a in (row.get("annotators") or "").split("|") if a]
    return result


def gold_documents(data: str | Path, split: str | None = "dev") -> list[tuple[str, Path, Path | None]]:
    """(doc, text path, gold .ann path) for each article of a split, sorted by name."""
    root = Path(data)
    folder = root / split if split else root
    if not (folder / "text").is_dir() and (root / "data" / (split or "")).is_dir():
        folder = root / "data" / (split or "")
        root = root / "data"
    annotators = first_annotators(root / "metadata.tsv")
    documents = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        doc = text_path.stem
        ann_path = None
        for annotator in annotators.get(doc, []):
            candidate = folder / "attributions" / f"{doc}_{annotator}.ann"
            if candidate.exists():
                ann_path = candidate
                break
        if ann_path is None:
            found = sorted((folder / "attributions").glob(f"{doc}_*.ann"))
            ann_path = found[0] if found else None
        documents.append((doc, text_path, ann_path))
    return documents


def evaluate(data: str, split: str | None = None, limit: int | None = None) -> dict:
    """Content and attribution precision/recall/F1 (micro over articles) on a PolNeAR split."""
    from analysis.attribution import extract_attributions

    documents = gold_documents(data, split or "dev")
    if limit is not None:
        documents = documents[:limit]
    totals = {"predicted": 0, "gold": 0, "content_matched": 0, "correct": 0}
    failures = []
    for doc, text_path, ann_path in documents:
        text = text_path.read_text(encoding="utf-8")
        gold = parse_ann(ann_path.read_text(encoding="utf-8")) if ann_path else []
        try:
            predictions = extract_attributions(text, scheme="parc")  # PolNeAR counts beliefs
        except Exception as error:  # reported, never hidden: the target is zero
            failures.append(f"{doc}: {type(error).__name__}")
            predictions = extract_attributions("")
        for key, value in score_article(predictions, gold, text).items():
            totals[key] += value
    cp, cr, cf = _prf(totals["content_matched"], totals["predicted"], totals["gold"])
    ap, ar, af = _prf(totals["correct"], totals["predicted"], totals["gold"])
    return {
        "task": "attribution", "split": split or "dev", "articles": len(documents),
        "predicted": totals["predicted"], "gold_with_source": totals["gold"],
        "content_precision": cp, "content_recall": cr, "content_f1": cf,
        "attribution_precision": ap, "attribution_recall": ar, "attribution_f1": af,
        "articles_that_raised": len(failures), "raised": failures[:10],
    }


def check_no_raise(data: str, splits: Iterable[str] = ("train", "dev")) -> dict:
    """Run the extractor over every article of the splits; report how many raised (target 0)."""
    from analysis.attribution import extract_attributions

    report: dict = {"articles": 0, "raised": 0, "failures": [], "attributions": 0}
    for split in splits:
        for doc, text_path, _ in gold_documents(data, split):
            report["articles"] += 1
            try:
                report["attributions"] += len(extract_attributions(text_path.read_text(encoding="utf-8")))
            except Exception as error:
                report["raised"] += 1
                report["failures"].append(f"{split}/{doc}: {type(error).__name__}: {error}"[:200])
    return report


def measure_speed(data: str, split: str = "dev", limit: int | None = None) -> dict:
    """Words per second of the entity pass (tokenise + POS-tag + binary NE chunk) and of
    `extract_attributions` on the same texts. Attribution reuses the Document's tagging, so its
    added cost is timed on the Document the entity pass tagged (what it adds to a pipeline that
    already ran the entity pass) and, for reference, on a fresh Document (tagging included)."""
    from analysis.attribution import extract_attributions
    from analysis.evaluation.timing import Stopwatch, words
    from analysis.nlp import binary_ne_chunker
    from analysis.text import Document

    texts = [p.read_text(encoding="utf-8") for _, p, _ in gold_documents(data, split)]
    if limit is not None:
        texts = texts[:limit]
    n_words = words(texts)
    chunker = binary_ne_chunker()
    extract_attributions("Warm-up, he said.")
    entity_pass, warm, cold = Stopwatch(), Stopwatch(), Stopwatch()
    for text in texts:
        document = Document(text)
        with entity_pass:
            for sentence in document.sentences:
                if sentence:
                    chunker.parse([(t.norm, t.pos) for t in sentence])
        with warm:
            extract_attributions(document)
        with cold:
            extract_attributions(Document(text))
    return {
        "texts": len(texts), "words": n_words,
        "entity_pass_words_per_s": round(n_words / entity_pass.seconds),
        "attribution_words_per_s_after_entity_pass": round(n_words / warm.seconds),
        "attribution_words_per_s_cold": round(n_words / cold.seconds),
        "attribution_added_share_of_entity_pass": round(warm.seconds / entity_pass.seconds, 3),
    }


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description="attribution checks that print numbers")
    parser.add_argument("check", choices=["speed", "no-raise", "score"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if args.check == "speed":
        print(json.dumps(measure_speed(args.data, args.split, args.limit), sort_keys=True))
    elif args.check == "no-raise":
        print(json.dumps(check_no_raise(args.data, args.split.split(",")), sort_keys=True))
    else:
        print(json.dumps(evaluate(args.data, args.split, args.limit), sort_keys=True))
