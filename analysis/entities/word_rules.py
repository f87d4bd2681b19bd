"""Typing rules about ordinary words: capitalised common words, doctrines, name suffixes and
mocking case are no names (they return DROP). Part of the backoff chains of
analysis.entities.typing."""
from __future__ import annotations

from analysis.entities.lexicon import token_key
from analysis.entities.view import OPENER_KEYS, POSSESSIVES, PieceView
from analysis.entities.voting import DROP
from analysis.entities.wordnet import common_words, is_common_word


def capitalised_common_word(view: PieceView) -> str | None:
    """A capitalised common word ("Result", "Leading") is no name."""
    p, tokens = view.piece, view.tokens
    if view.n_words == 1 and is_common_word(p.text, common_words()) and (
            p.text.isupper() or view.words[0].pos not in {"NNP", "NNPS"}
            or view.line_start and p.last < len(tokens) and not tokens[p.last].pos.startswith("V")):
        return DROP
    return None


def after_a_possessive(view: PieceView) -> str | None:
    """One ordinary word after a possessive ("his Cabinet", "our Committee") is no name."""
    if view.n_words == 1 and view.before in POSSESSIVES and not view.piece.label and (
            is_common_word(view.piece.text, common_words())):
        return DROP
    return None


_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def suffix_or_doctrine(view: PieceView) -> str | None:
    """A name suffix alone ("Baertschiger, Jr.") or one word for a doctrine ("Nazism",
    "Communism") is no name."""
    text = view.piece.text
    if view.n_words == 1 and (text.lower() in _SUFFIXES or (
            text.lower().endswith(("ism", "isms")) and len(text) > 5)):
        return DROP
    return None


def _case_changes(text: str) -> int:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for a, b in zip(letters, letters[1:]) if a.isupper() != b.isupper())


def alternating_case(view: PieceView) -> str | None:
    """Words in mocking alternating case ("yOu’Re TyPiNg", "ThAt’S tEchNiCaLly FrOm") are no
    names: a word that changes case four times or more, or three times in a sentence that has
    such a word ("McGahn", "DeVos" and "SpongeBob" change case three times)."""
    changes = max(_case_changes(w.text) for w in view.words)
    if changes >= 4 or changes == 3 and any(_case_changes(t.text) >= 4 for t in view.tokens):
        return DROP
    return None


def ordinary_words(view: PieceView) -> str | None:
    """Two or more capitalised ordinary words that no list, cue or person's name typed ("Special
    Report", "Small Business", "Executive Branch") name nothing."""
    common, lex = common_words(), view.lex
    words = [t.text for t in view.words if t.text.isalpha()]
    keys = [w.lower() for w in words]
    if view.n_words >= 2 and len(words) == view.n_words and all(
            is_common_word(w, common) for w in words) and not any(
            lex.is_generic_head(k) for k in keys):
        return DROP  # "Ministry of Defence" is kept: a head word names a body
    return None


def common_word_alone(view: PieceView) -> str | None:
    """One ordinary word that nothing else typed, opening a sentence, line, quotation or
    bracket, after a possessive ("his Cabinet"), or not tagged a proper noun, or a generic head
    word alone ("Stop", "Online", "Police", "Party"), is no name (another proper noun inside a
    sentence is kept: "Trump")."""
    key = token_key(view.words[0])
    opens = (view.line_start or view.piece.first == 0 or view.words[0].pos not in {"NNP", "NNPS"}
             or key in view.lex.org_cues or key in view.lex.facility_cues
             or view.before in OPENER_KEYS or view.before in POSSESSIVES)
    if opens and view.n_words == 1 and is_common_word(view.piece.text, common_words()):
        return DROP
    return None


def lone_common_word(view: PieceView) -> str | None:
    """One ordinary singular word that no list, cue, title or other mention typed is no name,
    even tagged a proper noun inside a sentence ("a decorated Marine officer", "the Index",
    "Online"); a plural is kept, as teams are named so ("the Mets", "the Springboks")."""
    text, tokens, last = view.piece.text, view.tokens, view.piece.last
    if last + 1 < len(tokens) and tokens[last].norm == "'s" and (
            token_key(tokens[last + 1]) in view.lex.first_names):
        return None  # "The Intercept's Glenn Greenwald": a body its people are named after
    if view.n_words == 1 and not text.endswith("s") and (
            is_common_word(text, common_words())
            or view.lex.is_generic_head(token_key(view.words[0]))):
        return DROP  # an ordinary word, or a generic head alone ("State", "Court", "Media")
    return None
