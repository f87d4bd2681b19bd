"""WordNet's proper names and NLTK's English word list: what a capitalised word is when the
document itself gives no evidence. WordNet is read straight from its data.noun file (about a
second, no full WordNet load)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from analysis.nlp import use_nltk_data_env

_WORDNET_CLASSES = (  # checked in order on the hypernyms above a proper name's instance class
    ("PERSON", {"person", "people"}),
    ("GPE", {"city", "town", "country", "state", "province", "national_capital",
             "state_capital", "provincial_capital", "municipality", "administrative_district",
             "village", "port", "kingdom", "emirate", "commonwealth", "republic"}),
    ("ORGANIZATION", {"organization", "institution", "company", "enterprise", "agency",
                      "political_party", "team"}),
    ("LOCATION", {"geographical_area", "region", "body_of_water", "island", "mountain",
                  "continent", "land", "geological_formation", "celestial_body", "location"}),
    ("FACILITY", {"structure", "building", "facility"}),
)

_IRREGULAR_COMMON = {"women", "men", "children", "people"}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """NLTK's English word list (lower-case entries are common words, capitalised ones names)."""
    use_nltk_data_env()
    from nltk.corpus import words

    return frozenset(words.words())


def is_common_word(word: str, common: frozenset[str]) -> bool:
    """A capitalised ordinary word ("Result", "RESULTS", "Women"): in NLTK's word list in lower
    case (also without a plural ending) but not as a name."""
    lower = word.lower()
    if word.capitalize() in common or word.capitalize().rstrip("s") in common:
        return False
    return lower in common or lower.endswith("s") and lower[:-1] in common or (
        lower.endswith("es") and lower[:-2] in common) or lower in _IRREGULAR_COMMON or (
        lower.endswith("ies") and lower[:-3] + "y" in common)  # "Authorities"


def _read_data_noun() -> bytes | None:
    import nltk

    for location in ("corpora/wordnet.zip/wordnet/data.noun", "corpora/wordnet/data.noun"):
        try:
            with nltk.data.find(location).open() as handle:
                return handle.read()
        except (LookupError, OSError):
            continue
    return None


def _parse_synsets(raw: bytes) -> tuple[dict[str, str], dict[str, list[str]],
                                        list[tuple[list[str], list[str]]]]:
    """From data.noun: first lemma and hypernyms of every synset, and the instances (lemmas with
    their instance classes)."""
    first_lemma: dict[str, str] = {}
    hypernyms: dict[str, list[str]] = {}
    instances: list[tuple[list[str], list[str]]] = []
    for line in raw.decode("utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" ")
        offset = fields[0]
        n_words = int(fields[3], 16)
        words = [fields[4 + 2 * i] for i in range(n_words)]
        position = 4 + 2 * n_words
        n_pointers = int(fields[position])
        parents, classes = [], []
        for p in range(n_pointers):
            symbol, target = fields[position + 1 + 4 * p], fields[position + 2 + 4 * p]
            if symbol == "@":
                parents.append(target)
            elif symbol == "@i":
                classes.append(target)
        first_lemma[offset] = words[0].lower()
        hypernyms[offset] = parents
        if classes:
            instances.append((words, classes))
    return first_lemma, hypernyms, instances


class _ClassLabels:
    """Our label of a WordNet class, from the first lemmas of all its ancestors (one memo per
    loading of the file)."""

    def __init__(self, first_lemma: dict[str, str], hypernyms: dict[str, list[str]]) -> None:
        self.first_lemma = first_lemma
        self.hypernyms = hypernyms
        self.memo: dict[str, str | None] = {}

    def __call__(self, offset: str) -> str | None:
        if offset not in self.memo:
            self.memo[offset] = self._label(offset)
        return self.memo[offset]

    def _label(self, offset: str) -> str | None:
        seen, stack, ancestors = set(), [offset], set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            ancestors.add(self.first_lemma.get(node, ""))
            stack.extend(self.hypernyms.get(node, []))
        for label, heads in _WORDNET_CLASSES:
            if ancestors & heads:
                return label
        return None


@lru_cache(maxsize=1)
def wordnet_names() -> dict[str, str]:
    """Proper names in WordNet (instances such as "Dhaka", "Arafat", "Kashmir") mapped to our
    labels by walking up their hypernyms; empty without WordNet (typing falls back on the other
    rules)."""
    use_nltk_data_env()
    raw = _read_data_noun()
    if raw is None:
        return {}
    first_lemma, hypernyms, instances = _parse_synsets(raw)
    label_of = _ClassLabels(first_lemma, hypernyms)
    votes: dict[str, Counter] = defaultdict(Counter)
    for words, classes in instances:
        labels = [label_of(c) for c in classes]
        label = next((found for found in labels if found), None)
        if label is None:
            continue
        for word in words:
            name = re.sub(r"\(.*\)$", "", word).replace("_", " ")
            if name[:1].isupper():
                votes[name.lower()][label] += 1
    priority = {label: i for i, (label, _) in enumerate(_WORDNET_CLASSES)}
    return {name: max(c, key=lambda label: (c[label], -priority[label]))
            for name, c in votes.items()}
