"""Key-term candidates of a document: content words and noun phrases, merged by stemmed form.

A document is given as its parts, each a text and its POS-tagged sentences (offsets into that
text): one part for a plain text, two for an article's headline and body, so the body's tagging
is the one the article's Document already did.
"""
from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

import pandas as pd

from analysis.core.rules import rule_records
from analysis.keywords.lexicon import Stemmer, is_acronym, is_word, term_key
from analysis.text import Document, Token

#: Penn tags a single-word key term may have (nouns, adjectives, verbs, foreign words).
_UNIGRAM_TAGS = ("NN", "JJ", "VB", "FW")
_NOUN_TAGS = ("NN",)
_MODIFIER_TAGS = ("JJ", "VBN", "VBG")

#: Weekday and month names: they date a story, not its topic, so they end a noun phrase
#: ("Thursday March", "ocean Saturday"); they stay single-word candidates.
_DATE_WORDS = frozenset(name.lower() for name in (*calendar.day_name, *calendar.month_name)
                        if name)

#: Days named relative to the story's date: adverbs the tagger reads as nouns ("rebels today",
#: "vessels yesterday"), never part of a noun phrase, in any case.
_RELATIVE_DAYS = frozenset({"today", "tonight", "tomorrow", "yesterday"})

#: Comparatives and superlatives grade a thing against others ("largest oil spill", "fiercer
#: storms"): they do not name a kind of it, so they are neither key words nor part of a phrase.
_GRADED_TAGS = frozenset({"JJR", "JJS"})

#: When a participle may open a noun phrase, by the tag of the word before it (rule file).
PARTICIPLE_OPENERS_FILE = "keywords/participle_openers.tsv"


@lru_cache(maxsize=1)
def participle_openers() -> Mapping[str, frozenset[str]]:
    """{participle tag: tags of a previous word after which it opens a noun phrase} from the
    rule file (read once per process; the key is the file, never input text)."""
    return MappingProxyType({record["participle"]: frozenset(record["after"].split())
                             for record in rule_records(PARTICIPLE_OPENERS_FILE)})


def opens_phrase(sentence: Sequence[Token], i: int) -> bool:
    """True when modifier i may be the first word of a noun phrase: always for an adjective; for
    a participle (VBN, VBG) only after the tags :func:`participle_openers` lists, since a
    participle elsewhere is usually the clause's verb ("have isolated hormone", "starring
    Depp"), not an adjective ("the revised plan")."""
    after = participle_openers().get(sentence[i].pos)
    if after is None:
        return True
    return i > 0 and sentence[i - 1].pos in after


#: Columns of a candidate row (the key_terms stage's table, without article_id).
CANDIDATE_COLUMNS = ("kind", "key", "display", "count", "first", "in_title", "proper")
CANDIDATE_DTYPES = {"kind": object, "key": object, "display": object, "count": "int64",
                    "first": "float64", "in_title": bool, "proper": "int64"}

#: A text and its tagged sentences (token offsets into that text).
Part = tuple[str, Sequence[Sequence[Token]]]


def document_parts(document: Document) -> list[Part]:
    """A Document as the one part of a candidate search."""
    return [(document.text, document.sentences)]


class _Candidate:
    __slots__ = ("key", "words", "forms", "count", "first", "in_title", "proper")

    def __init__(self, key: str, words: int) -> None:
        self.key = key
        self.words = words
        self.forms: Counter[str] = Counter()
        self.count = 0
        self.first = 1.0
        self.in_title = False
        self.proper = 0

    def add(self, form: str, position: float, in_title: bool, proper: bool) -> None:
        self.forms[form] += 1
        self.count += 1
        self.first = min(self.first, position)
        self.in_title = self.in_title or in_title
        self.proper += proper

    def display(self) -> str:
        """The most frequent surface form; lower-cased unless always written with capitals."""
        form = " ".join(sorted(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0].split())
        if self.words == 1 and any(f == f.lower() for f in self.forms):
            return form.lower()
        return form

    def row(self, kind: str) -> tuple:
        return (kind, self.key, self.display(), self.count, self.first, self.in_title, self.proper)


def _in_name(sentence: Sequence[Token], i: int) -> bool:
    """True when token i is a proper noun next to another proper noun (part of a longer name,
    such as "San" in "San Francisco", whose key term is the whole name)."""
    if not sentence[i].pos.startswith("NNP"):
        return False
    before = i > 0 and sentence[i - 1].pos.startswith("NNP")
    after = i + 1 < len(sentence) and sentence[i + 1].pos.startswith("NNP")
    return before or after


def is_name_word(token: Token) -> bool:
    """A capitalised proper noun."""
    return token.pos.startswith("NNP") and token.text[:1].isupper()


def name_start(run: Sequence[Token]) -> int:
    """Where a name of two or more capitalised proper nouns that ends the run begins, when
    lower-case words come before it (0 otherwise). A name is its own key phrase: the words
    before it describe the person or place in this story ("national hero Ben Johnson", "film
    producer Soren Staermose", "ill Elizabeth Taylor"), and "destructive path Hurricane Hugo"
    is two phrases."""
    start = len(run)
    while start > 0 and is_name_word(run[start - 1]):
        start -= 1
    if len(run) - start < 2 or start == 0 or run[start - 1].text[:1].isupper():
        return 0
    return start


class _Search:
    """The candidates found so far in one document, and where the search is in it."""

    def __init__(self, parts: Sequence[Part], stop: frozenset[str], max_words: int,
                 stemmer: Stemmer) -> None:
        self.stop, self.max_words, self.stemmer = stop, max_words, stemmer
        self.n_tokens = max(1, sum(len(s) for _, sentences in parts for s in sentences))
        self.unigrams: dict[str, _Candidate] = {}
        self.phrases: dict[str, _Candidate] = {}
        self.seen = 0
        self.sentence_index = 0

    def usable(self, token: Token | None) -> bool:
        if token is None:
            return False
        word = token.norm.lower()
        return (is_word(word) and (word.rstrip(".") not in self.stop or is_acronym(token.text))
                and len(word) > 1 and word[0].isalnum())

    def sentence(self, text: str, sentence: Sequence[Token]) -> None:
        """Add one sentence's words and noun phrases (JJ|VBN|VBG)* (NN|NNS|NNP|NNPS)+, cut at
        stopwords, punctuation, capitalised weekday and month names, relative days ("today") and
        comparatives or superlatives, 2 to ``max_words`` words long; a participle opens a phrase
        only where :func:`opens_phrase` allows it, and a name is cut off the words before it
        (:func:`name_start`)."""
        in_title = self.sentence_index == 0
        run: list[Token] = []
        for i, token in enumerate(list(sentence) + [None]):
            position = (self.seen + i) / self.n_tokens
            usable = self.usable(token)
            if usable and token.pos.startswith(_UNIGRAM_TAGS) and token.pos not in _GRADED_TAGS:
                key = term_key(token.norm.lower(), self.stemmer)
                if key:
                    cand = self.unigrams.setdefault(key, _Candidate(key, 1))
                    cand.add(token.text, position, in_title, _in_name(sentence, i))
            usable = usable and not ((token.text[:1].isupper()
                                      and token.text.lower() in _DATE_WORDS)
                                     or token.text.lower() in _RELATIVE_DAYS)
            is_noun = usable and token.pos.startswith(_NOUN_TAGS)
            is_mod = (usable and token.pos.startswith(_MODIFIER_TAGS)
                      and token.pos not in _GRADED_TAGS)
            opens = is_mod and opens_phrase(sentence, i)
            if is_noun or (is_mod and not any(t.pos.startswith(_NOUN_TAGS) for t in run)
                           and (bool(run) or opens)):
                run.append(token)
                continue
            # a phrase's position is that of its first word
            self.phrase(text, run, (self.seen + i - len(run)) / self.n_tokens, in_title)
            run = [token] if opens else []
        self.seen += len(sentence)
        self.sentence_index += 1

    def phrase(self, text: str, run: list[Token], position: float, in_title: bool) -> None:
        """Close a run of modifiers and nouns: strip trailing modifiers, keep 2..max_words."""
        while run and not run[-1].pos.startswith(_NOUN_TAGS):
            run.pop()
        name = name_start(run)
        if name:
            self.phrase(text, run[:name], position, in_title)
            run, position = run[name:], position + name / self.n_tokens
        if 2 <= len(run) <= self.max_words:
            key = term_key(" ".join(t.norm for t in run), self.stemmer)
            if len(key.split()) == len(run):
                cand = self.phrases.setdefault(key, _Candidate(key, len(run)))
                cand.add(text[run[0].start:run[-1].end], position, in_title,
                         all(t.pos.startswith("NNP") for t in run))


def candidate_rows(parts: Sequence[Part], stop: frozenset[str], max_words: int,
                   stemmer: Stemmer) -> list[tuple]:
    """The candidates of one document as rows of :data:`CANDIDATE_COLUMNS`: kind ("word" or
    "phrase"), key (stemmed form), display (the form shown), count, first (relative position of
    the first mention), in_title (in the first sentence), proper (mentions inside a name)."""
    search = _Search(parts, stop, max_words, stemmer)
    for text, sentences in parts:
        for sentence in sentences:
            search.sentence(text, sentence)
    return ([cand.row("word") for cand in search.unigrams.values()]
            + [cand.row("phrase") for cand in search.phrases.values()])


def candidate_frame(documents: Sequence[list[tuple]], doc_column: bool = True) -> pd.DataFrame:
    """Candidate rows of documents as a table (doc = position); without ``doc_column`` one
    document's rows, the key_terms stage's own table."""
    rows = [row for document in documents for row in document]
    values = list(zip(*rows)) if rows else [()] * len(CANDIDATE_COLUMNS)
    columns = {column: pd.Series(list(column_values), dtype=CANDIDATE_DTYPES[column])
               for column, column_values in zip(CANDIDATE_COLUMNS, values)}
    if not doc_column:
        return pd.DataFrame(columns)
    frame = pd.DataFrame({"doc": pd.Series([doc for doc, document in enumerate(documents)
                                            for _ in document], dtype="int64"), **columns})
    frame.attrs["documents"] = len(documents)
    return frame
