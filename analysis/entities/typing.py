"""Labels for the candidates no list or cue typed, as backoff chains in the manner of NLTK's
backoff taggers: each pass is an ordered list of small named rules, each returning a label or
None, and the first label wins (the last pass ends in a default).

Passes, in order, over the pieces still without a label:
1. local evidence: a title before it, an initial, a known first name;
2. the document's own names: words of a person already found, an organisation's name or acronym;
   then teams on score lines (which also relabels places) and lone first names;
3. context, WordNet's proper names and shape, ending in ORGANIZATION.
A pass reads only what the passes before it decided, never its own results, so the order of the
pieces inside a pass does not matter.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from analysis.entities.candidates import CAPS_WORD, Piece, Tokens, is_cap
from analysis.entities.lexicon import Lexicon, token_key
from analysis.entities.wordnet import common_words, is_common_word, wordnet_names
from analysis.names import acronym, name_key, name_words

#: Label of a capitalised common word that is no name ("Result", "Leading"); dropped afterwards.
DROP = "DROP"


@dataclass
class DocumentEvidence:
    """What the typing rules read besides the piece itself: the document's sentences and text,
    the lexicon, and the names found by the earlier passes."""

    sentences: tuple[Tokens, ...]
    text: str
    lex: Lexicon
    person_words: dict[str, str] = field(default_factory=dict)
    org_names: dict[str, str] = field(default_factory=dict)

    def learn_names(self, pieces: Iterable[Piece]) -> None:
        """Words of the persons and names (and acronyms) of the organisations typed so far."""
        for p in pieces:
            if p.label == "PERSON":
                for w in name_words(p.text):
                    self.person_words.setdefault(w, p.text)
            elif p.label == "ORGANIZATION":
                self.org_names[name_key(p.text)] = p.text
                if len(p.text.split()) > 1:
                    self.org_names.setdefault(acronym(p.text).lower(), p.text)


class PieceView:
    """One piece in its sentence, with the neighbouring words the rules look at."""

    def __init__(self, piece: Piece, doc: DocumentEvidence) -> None:
        self.piece = piece
        self.doc = doc
        self.lex = doc.lex
        self.tokens = doc.sentences[piece.sentence]
        self.words = self.tokens[piece.first:piece.last]
        self.n_words = piece.last - piece.first

    @cached_property
    def before(self) -> str:
        """Key of the token before the piece ("" at the sentence start)."""
        return token_key(self.tokens[self.piece.first - 1]) if self.piece.first > 0 else ""

    @cached_property
    def after(self) -> str:
        """Key of the token after the piece ("" at the sentence end)."""
        p = self.piece
        return token_key(self.tokens[p.last]) if p.last < len(self.tokens) else ""

    @cached_property
    def line_start(self) -> bool:
        """The piece opens its sentence or a line."""
        p = self.piece
        return p.first == 0 or "\n" in self.doc.text[self.tokens[p.first - 1].end:p.start]


TypingRule = Callable[[PieceView], "str | None"]


def first_label(rules: Iterable[TypingRule], view: PieceView) -> str | None:
    """The label of the first rule that gives one (the backoff chain)."""
    for rule in rules:
        label = rule(view)
        if label:
            return label
    return None


# --- Pass 1: local evidence ------------------------------------------------------------------


def after_title_or_with_initial(view: PieceView) -> str | None:
    """After a title, or with an initial ("R. Croft")."""
    words = view.words
    has_initial = any(len(w.text) == 1 and w.text.isupper() for w in words[:-1])
    if view.piece.person_hint or (has_initial and len(words[-1].text) > 1):
        return "PERSON"
    return None


def known_first_name(view: PieceView) -> str | None:
    """A known first name followed by capitalised words or name particles ("Rex Tillerson")."""
    words, lex = view.words, view.lex
    if len(words) >= 2 and token_key(words[0]) in lex.first_names and all(
            is_cap(w) or token_key(w) in lex.name_particles for w in words):
        return "PERSON"
    return None


# --- Pass 2: the document's own names ----------------------------------------------------------


def words_of_a_person(view: PieceView) -> str | None:
    """Every word belongs to a person named in the document ("Tillerson")."""
    words = name_words(view.piece.text)
    if words and all(w in view.doc.person_words for w in words):
        return "PERSON"
    return None


def name_of_an_organisation(view: PieceView) -> str | None:
    """The name (or acronym) of an organisation named in the document."""
    return "ORGANIZATION" if name_key(view.piece.text) in view.doc.org_names else None


def _is_score_line(tokens: Tokens) -> bool:
    """A results line: names and numbers only, at least two numbers, no lower-case words."""
    numbers = sum(1 for t in tokens if t.text[:1].isdigit())
    lower = sum(1 for t in tokens if t.text[:1].islower() and t.text not in {"v", "vs", "vs."})
    return numbers >= 2 and lower == 0


def team_on_a_score_line(view: PieceView) -> str | None:
    """A place or unknown name followed by a score ("Barnsley 3 Reading 1") is a team."""
    p = view.piece
    if p.canonical in view.lex.countries or p.last >= len(view.tokens):
        return None
    score = view.tokens[p.last].text
    if score.isdigit() and not re.fullmatch(r"(?:19|20)\d\d", score) and (
            _is_score_line(view.tokens)):
        return "ORGANIZATION"
    return None


def lone_first_name(view: PieceView) -> str | None:
    """A lone first name inside a sentence ("Chelsea", "Julie"), once teams are set apart."""
    p = view.piece
    if p.last - p.first == 1 and p.first > 0 and token_key(view.words[0]) in view.lex.first_names:
        return "PERSON"
    return None


# --- Pass 3: context, WordNet and shape --------------------------------------------------------


def dateline(view: PieceView) -> str | None:
    """A dateline: "DHAKA 1996-08-22", "LONDON (Reuters)"."""
    p, tokens, after = view.piece, view.tokens, view.after
    reuters = after == "(" and p.last + 1 < len(tokens) and (
        token_key(tokens[p.last + 1]) == "reuters")
    if (view.line_start and p.text.isupper() and after[:1].isdigit()) or reuters:
        return "GPE"
    return None


def wordnet_proper_name(view: PieceView) -> str | None:
    """A proper name WordNet knows ("Dhaka", "Arafat")."""
    return wordnet_names().get(view.piece.text.lower())


def before_a_say_verb(view: PieceView) -> str | None:
    """Someone who says something ("Caddell said")."""
    return "PERSON" if view.after in view.lex.say_verbs and not view.piece.text.isupper() else None


def capitalised_common_word(view: PieceView) -> str | None:
    """A capitalised common word ("Result", "Leading") is no name."""
    p, tokens = view.piece, view.tokens
    if view.n_words == 1 and is_common_word(p.text, common_words()) and (
            p.text.isupper() or view.words[0].pos not in {"NNP", "NNPS"}
            or view.line_start and p.last < len(tokens) and not tokens[p.last].pos.startswith("V")):
        return DROP
    return None


def place_inside_a_name(view: PieceView) -> str | None:
    """A place inside a longer name: "Legia Warsaw"."""
    lex = view.lex
    if 2 <= view.n_words <= 4 and token_key(view.words[0]) not in lex.first_names and any(
            (token_key(w),) in lex.places and lex.places[(token_key(w),)][0] == "GPE"
            for w in view.words):
        return "ORGANIZATION"
    return None


def surname_shape(view: PieceView) -> str | None:
    """One word with a surname ending ("Kowalczyk")."""
    return "PERSON" if view.n_words == 1 and view.lex.surname_shape.search(view.piece.text) else None


def short_capitals(view: PieceView) -> str | None:
    """A short all-capitals word ("NATO", "AT&T")."""
    text = view.piece.text
    if CAPS_WORD.match(text.replace(" ", "")) and 1 < len(text) <= 6 and view.n_words == 1:
        return "ORGANIZATION"
    return None


def after_by_or_said(view: PieceView) -> str | None:
    """A name of several words after "by" or "said"."""
    return "PERSON" if view.before in {"by", "said"} and view.n_words >= 2 else None


def after_a_place_preposition(view: PieceView) -> str | None:
    """One word after "in", "near"...: a place."""
    return "GPE" if view.before in view.lex.place_prepositions and view.n_words == 1 else None


def title_case_words(view: PieceView) -> str | None:
    """Two to four title-case words (or name particles): a person's name."""
    particles = view.lex.name_particles
    if 2 <= view.n_words <= 4 and all(t.text[:1].isupper() and t.text[1:].islower()
                                      or t.text in particles
                                      for t in view.words if t.text.isalpha()):
        return "PERSON"
    return None


LOCAL_RULES: tuple[TypingRule, ...] = (after_title_or_with_initial, known_first_name)
DOCUMENT_RULES: tuple[TypingRule, ...] = (words_of_a_person, name_of_an_organisation)
CONTEXT_RULES: tuple[TypingRule, ...] = (
    dateline, wordnet_proper_name, before_a_say_verb, capitalised_common_word, place_inside_a_name,
    surname_shape, short_capitals, after_by_or_said, after_a_place_preposition, title_case_words,
)
DEFAULT_LABEL = "ORGANIZATION"


def _label_pass(pieces: list[Piece], rules: tuple[TypingRule, ...], doc: DocumentEvidence,
                default: str | None = None) -> None:
    for p in pieces:
        if not p.label:
            p.label = first_label(rules, PieceView(p, doc)) or default


def type_pieces(pieces: list[Piece], sentences: tuple[Tokens, ...], lex: Lexicon,
                text: str) -> None:
    """Give every piece a label: evidence first, then the document's own names, then context.
    Pieces labelled DROP are common words, to be removed by the caller."""
    doc = DocumentEvidence(sentences, text, lex)
    _label_pass(pieces, LOCAL_RULES, doc)
    doc.learn_names(pieces)
    _label_pass(pieces, DOCUMENT_RULES, doc)
    for p in pieces:  # may relabel a place as well
        if p.label in {None, "GPE"} and team_on_a_score_line(PieceView(p, doc)):
            p.label, p.canonical = "ORGANIZATION", None
    _label_pass(pieces, (lone_first_name,), doc)
    _label_pass(pieces, CONTEXT_RULES, doc, default=DEFAULT_LABEL)
