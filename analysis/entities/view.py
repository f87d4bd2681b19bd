"""What the typing rules of analysis.entities.typing read: the document's evidence (its
sentences, text, lexicon and the names typed so far) and one piece in its sentence."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from analysis.entities.candidates import Piece, Tokens
from analysis.entities.lexicon import Lexicon, token_key
from analysis.names import acronym, name_key, name_words

OPEN_QUOTES = frozenset({'"', "“", "``", "‘", "'"})
CLOSE_QUOTES = frozenset({'"', "”", "''", "’", "'"})
OPENER_KEYS = frozenset({'"', "“", "``", "(", "["})  # after these a capital says nothing
POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})


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
                    last = name_words(p.text)[-1]
                    if last in self.lex.org_cues:  # "the Times" after "The New York Times"
                        self.org_names.setdefault(name_key(last), p.text)


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
