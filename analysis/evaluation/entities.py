"""Score `analysis.extract_entities` on CoNLL-2003 style gold data (and NLTK's IEER sample).

Convention (shared/eval/README.md): each -DOCSTART- document becomes one text, tokens joined by
single spaces and sentences by newlines; a predicted mention counts when its character span equals
a gold PER/ORG/LOC span and its label maps to the same type. MISC gold spans are not scored, and
predicted labels that map to no scored type (e.g. NORP, MISC) are ignored.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from analysis.evaluation.timing import Stopwatch, rate, reuters_texts, time_bare_nltk, words

#: Our labels -> the gold types they are scored as.
LABEL_TO_GOLD: dict[str, str] = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "GPE": "LOC",
    "LOCATION": "LOC",
    "FACILITY": "LOC",
}
SCORED_TYPES = ("PER", "ORG", "LOC")


@dataclass
class GoldDocument:
    """One gold document: its text and its gold mentions as (start, end, type)."""

    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, type) of each entity in a sequence of IOB1 or IOB2 tags.

    IOB1: I-X continues or starts an X entity; B-X starts a new one only right after another X.
    """
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    current: str | None = None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, kind = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and kind != current)
        if current is not None and (tag == "O" or begins):
            spans.append((start, i, current))
            current, start = None, None
        if prefix in {"B", "I"} and current is None:
            current, start = kind, i
    return spans


def _document_from_sentences(sentences: list[list[tuple[str, str]]]) -> GoldDocument:
    lines: list[str] = []
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for sentence in sentences:
        words = [w for w, _ in sentence]
        starts = []
        position = offset
        for word in words:
            starts.append(position)
            position += len(word) + 1
        for first, last, kind in iob_spans([t for _, t in sentence]):
            spans.append((starts[first], starts[last - 1] + len(words[last - 1]), kind))
        line = " ".join(words)
        lines.append(line)
        offset += len(line) + 1
    return GoldDocument("\n".join(lines), spans)


def parse_conll(lines: Iterable[str]) -> Iterator[GoldDocument]:
    """Gold documents from CoNLL-2003 lines (token POS chunk NER; -DOCSTART- between documents)."""
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if sentence:
                sentences.append(sentence)
                sentence = []
            if sentences:
                yield _document_from_sentences(sentences)
            sentences = []
            continue
        if not line.strip():
            if sentence:
                sentences.append(sentence)
                sentence = []
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        yield _document_from_sentences(sentences)


def read_conll(path: str | Path) -> list[GoldDocument]:
    """All documents of a CoNLL-2003 file."""
    with open(path, encoding="utf-8") as handle:
        return list(parse_conll(handle))


_IEER_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}


def read_ieer() -> list[GoldDocument]:
    """NLTK's IEER sample as gold documents (PERSON/ORGANIZATION/LOCATION; other types ignored).

    The text is the document's tokens joined by single spaces (IEER gives no sentence breaks)."""
    from nltk.corpus import ieer
    from nltk.tree import Tree

    from analysis.nlp import use_nltk_data_env

    use_nltk_data_env()
    documents = []
    for fileid in ieer.fileids():
        for doc in ieer.parsed_docs(fileid):
            words: list[str] = []
            spans: list[tuple[int, int, str]] = []
            position = 0
            for child in doc.text:
                leaves = child.leaves() if isinstance(child, Tree) else [child]
                start = position
                for leaf in leaves:
                    words.append(leaf)
                    position += len(leaf) + 1
                if isinstance(child, Tree) and child.label() in _IEER_TYPES:
                    spans.append((start, position - 1, _IEER_TYPES[child.label()]))
            documents.append(GoldDocument(" ".join(words), spans))
    return documents


def score(gold: Iterable[set[tuple[int, int, str]]],
          predicted: Iterable[set[tuple[int, int, str]]]) -> dict:
    """Micro precision/recall/F1 overall and per type over paired per-document span sets.

    Spans are (start, end, gold type); only PER, ORG and LOC are scored."""
    tp: Counter = Counter()
    n_gold: Counter = Counter()
    n_pred: Counter = Counter()
    for gold_spans, pred_spans in zip(gold, predicted):
        gold_spans = {s for s in gold_spans if s[2] in SCORED_TYPES}
        pred_spans = {s for s in pred_spans if s[2] in SCORED_TYPES}
        for s in gold_spans:
            n_gold[s[2]] += 1
        for s in pred_spans:
            n_pred[s[2]] += 1
        for s in gold_spans & pred_spans:
            tp[s[2]] += 1

    def prf(t: int, p: int, g: int) -> dict:
        precision = t / p if p else 0.0
        recall = t / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "tp": t, "predicted": p, "gold": g}

    result = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    result["per_type"] = {k: prf(tp[k], n_pred[k], n_gold[k]) for k in SCORED_TYPES}
    return result


def predicted_spans(mentions) -> set[tuple[int, int, str]]:
    """Mentions DataFrame (start, end, label) -> scored (start, end, gold type) spans."""
    return {
        (int(s), int(e), LABEL_TO_GOLD[label])
        for s, e, label in zip(mentions["start"], mentions["end"], mentions["label"])
        if label in LABEL_TO_GOLD
    }


def evaluate(data: str, split: str | None = None, limit: int | None = None) -> dict:
    """Score extract_entities on a CoNLL file (or `ieer`); returns metrics plus words/s."""
    from analysis.entities import extract_entities

    documents = read_ieer() if str(data).lower() == "ieer" else read_conll(data)
    if limit is not None:
        documents = documents[:limit]
    warm_up()
    with Stopwatch() as stopwatch:
        predictions = [predicted_spans(extract_entities(doc.text)) for doc in documents]
    result = score(({tuple(s) for s in doc.spans} for doc in documents), predictions)
    n_words = words([doc.text for doc in documents])
    result.update({"data": str(data), "documents": len(documents), "words": n_words,
                   "words_per_second": round(n_words / stopwatch.seconds) if stopwatch.seconds else None})
    return result


def warm_up() -> None:
    """Load every model and word list once, so timings measure extraction only."""
    from analysis import entities

    entities.lexicon()
    entities.wordnet_names()
    entities.common_words()
    entities.extract_entities("Warm-up: Rex Tillerson met Xi Jinping in Beijing.")


def benchmark_entities(n_documents: int = 200, texts: list[str] | None = None,
                       baseline: bool = True) -> dict:
    """Words per second of the full entity pipeline (tokenise, tag, chunk, type, resolve) in one
    process, on fresh texts (each call builds a new Document, so nothing is cached). Prints and
    returns the numbers."""
    from analysis.entities import extract_entities

    texts = reuters_texts(n_documents) if texts is None else texts
    warm_up()
    with Stopwatch() as stopwatch:
        for text in texts:
            extract_entities(text)
    n_words = words(texts)
    result = {"documents": len(texts), "words": n_words, "seconds": round(stopwatch.seconds, 2),
              "words_per_second": round(rate(n_words, stopwatch.seconds))}
    if baseline:
        result["bare_nltk_words_per_second"] = round(rate(n_words, time_bare_nltk(texts)))
    print(result)
    return result


if __name__ == "__main__":
    benchmark_entities()
