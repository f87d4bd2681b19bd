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

from analysis.entities.candidates import CAPS_WORD, VERSUS, Piece, Tokens, is_cap
from analysis.entities.lexicon import Lexicon, token_key, word_key
from analysis.entities.view import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    OPENER_KEYS,
    DocumentEvidence,
    PieceView,
    TypingRule,
    first_label,
)
from analysis.entities.voting import DROP, vote_in_lists, vote_labels
from analysis.entities.word_rules import (
    after_a_possessive,
    alternating_case,
    capitalised_common_word,
    common_word_alone,
    lone_common_word,
    ordinary_words,
    suffix_or_doctrine,
)
from analysis.entities.wordnet import common_words, is_common_word, wordnet_names
from analysis.names import name_key, name_words

__all__ = ["DEFAULT_LABEL", "DocumentEvidence", "PieceView", "first_label", "type_pieces"]

# --- Pass 1: local evidence ------------------------------------------------------------------


def before_a_state(view: PieceView) -> str | None:
    """A place named with its state: "Ocala, Fla.", "Aurora, Colorado"."""
    p, tokens = view.piece, view.tokens
    if view.after == "," and p.last + 1 < len(tokens):
        found = view.lex.places.get((token_key(tokens[p.last + 1]),))
        if found and found[0] == "GPE" and found[1] in view.lex.states:
            return "GPE"
    return None


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
    if len(words) >= 2 and token_key(words[0]) in lex.first_names and (
            token_key(words[0]) not in _COMPASS) and all(
            is_cap(w) or token_key(w) in lex.name_particles for w in words):
        return "PERSON"
    return None


def listed_public_figure(view: PieceView) -> str | None:
    """One word that names a widely covered public figure ("Obama signed", "Trump tweeted",
    "Merkel and Macron"), even where it is also an English word (rules/entities/
    public_figures.tsv); which person it is, resolution decides."""
    text = view.piece.text
    if view.n_words != 1 or word_key(text) not in view.lex.public_figures:
        return None
    if _ordinary_opener(view):
        return DROP  # "Sessions at the conference were packed": the word, not the person
    if _is_score_line(view.tokens) or {view.before, view.after} & VERSUS or _ROMAN_NUMERAL.fullmatch(text):
        return None  # a team on a results line ("Bolton 3 2 1 0", "Rangers v Bolton"), "XI"
    return "PERSON"


def _ordinary_opener(view: PieceView) -> bool:
    """An ordinary English word opening its sentence ("Gore and violence", "Musk oxen") is
    capitalised by position only: no evidence of the figure unless a say-verb follows or the
    document also writes the word capitalised inside a sentence ("..., Trump said")."""
    text = view.piece.text
    if view.piece.first != 0 or view.after in view.lex.say_verbs or not is_common_word(
            text, common_words()):
        return False
    return re.search(r"[\w,;:]\s+" + re.escape(text) + r"\b", view.doc.text) is None


def compass_region(view: PieceView) -> str | None:
    """A compass word alone after "the" is a region, never a person ("Putin warned the West",
    "ties between the East and the West", "the South")."""
    if view.n_words == 1 and view.before == "the" and (
            view.piece.text.lower() in _COMPASS_REGIONS) and not _in_of_phrase(view):
        return "LOCATION"  # not in a longer name: "Nanook of the North"
    return None


_ROMAN_NUMERAL = re.compile(r"[IVXLCDM]+")
_COMPASS_REGIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                              "southeast", "southwest"})


# --- Pass 2: the document's own names ----------------------------------------------------------


def words_of_a_person(view: PieceView) -> str | None:
    """Every word belongs to a person named in the document ("Tillerson")."""
    words = name_words(view.piece.text)
    if words and all(w in view.doc.person_words for w in words):
        return "PERSON"
    return None


def family_of_a_person(view: PieceView) -> str | None:
    """A person's surname in the plural is their family, no entity ("the Clintons")."""
    text = view.piece.text
    if view.n_words == 1 and text.endswith("s") and text[:-1].lower() in view.doc.person_words:
        return DROP
    return None


def name_of_an_organisation(view: PieceView) -> str | None:
    """The name (or acronym) of an organisation named in the document."""
    return "ORGANIZATION" if name_key(view.piece.text) in view.doc.org_names else None


def _is_score_line(tokens: Tokens) -> bool:
    """A results line: names and numbers only, at least two numbers, no lower-case words."""
    numbers = sum(1 for t in tokens if t.text[:1].isdigit())
    lower = sum(1 for t in tokens if t.text[:1].islower() and t.text not in VERSUS)
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
    if p.last - p.first == 1 and p.first > 0 and token_key(view.words[0]) in view.lex.first_names \
            and not _in_of_phrase(view) and not _before_a_number(view) and (
            view.before not in _PLACE_BEFORE):  # "a Democrat from Georgia", "in Charlotte"
        return "PERSON"
    return None


_PLACE_BEFORE = frozenset({"in", "from", "near", "across", "throughout", "outside"})


def _in_of_phrase(view: PieceView) -> bool:
    """An ordinary word on either side of "of" between capitalised words: a piece of a longer
    name that the run rules did not join ("Medal of Honor", "Gang of Eight", "Tomb of the
    Unknown Soldier")."""
    p, tokens = view.piece, view.tokens
    if view.n_words != 1 or not is_common_word(p.text, common_words()):
        return False
    k = p.first - 1 - (view.before == "the")  # "Man of the Match"
    before = k >= 1 and token_key(tokens[k]) == "of" and is_cap(tokens[k - 1])
    after = p.last + 1 < len(tokens) and view.after == "of" and any(
        is_cap(t) for t in tokens[p.last + 1:p.last + 3])
    return before or after


def _before_a_number(view: PieceView) -> bool:
    """One ordinary word right before a number: a reference, not a name ("Day 12", "Section
    60", "Interstate 95"); not before a score ("the Angels 6-2")."""
    p, tokens = view.piece, view.tokens
    k = p.last + (1 if p.last < len(tokens) and tokens[p.last].text == "." else 0)
    return view.n_words == 1 and k < len(tokens) and tokens[k].text[:1].isdigit() and not (
        _SCORE.match(view.doc.text, tokens[k].start)) and is_common_word(p.text, common_words())


_SCORE = re.compile(r"\d+ ?[-–] ?\d+(?![\d:])")


def part_of_a_longer_name(view: PieceView) -> str | None:
    """A word before a number or an ordinary word inside an "X of Y" name is no name itself."""
    return DROP if _before_a_number(view) or _in_of_phrase(view) else None


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
    """A proper name WordNet knows ("Dhaka", "Arafat"), unless it is an ordinary word used
    before a noun ("Black politicians")."""
    p, tokens = view.piece, view.tokens
    if p.last < len(tokens) and tokens[p.last].pos.startswith("NN") and (
            tokens[p.last].text[:1].islower()) and is_common_word(p.text, common_words()):
        return None
    if len(p.text) <= 2 and p.text.isupper():
        return None  # a postal code ("ID", "OK") is a state only after a city (candidates.py)
    if view.n_words == 1 and view.lex.is_generic_head(token_key(view.words[0])):
        return None  # a generic head alone ("the Court")
    return wordnet_names().get(p.text.lower())


_AUXILIARIES = frozenset({"has", "had", "have", "will", "would", "could", "did", "does", "also"})


def before_a_say_verb(view: PieceView) -> str | None:
    """Someone who says something ("Caddell said", "Trump has told"); not ordinary words
    ("Special Report")."""
    p, tokens = view.piece, view.tokens
    verb = view.after
    if verb in _AUXILIARIES and p.last + 1 < len(tokens):
        verb = token_key(tokens[p.last + 1])
    if verb not in view.lex.say_verbs or view.piece.text.isupper():
        return None
    if view.n_words == 1 and view.line_start and view.words[0].pos == "NNS" and is_common_word(
            view.piece.text, common_words()):
        return None  # "Residents said", "Officials say": people, not a name
    if view.n_words >= 2 and any(token_key(w) in view.lex.org_cues or token_key(w) == "of"
                                 for w in view.words):
        return "ORGANIZATION"  # "UC Hastings College of Law said"
    return None if view.n_words >= 2 and ordinary_words(view) else "PERSON"


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
    text = view.piece.text
    return "PERSON" if view.n_words == 1 and view.lex.surname_shape.search(text) and not (
        is_common_word(text, common_words())) else None  # not "Public"


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
    """Two to four title-case words (or name particles), none but the first an ordinary word
    ("Special Report", "Grand Princess", "Boehner Letter" name no one): a person's name."""
    particles = view.lex.name_particles
    if 2 <= view.n_words <= 4 and all(t.text[:1].isupper() and t.text[1:].islower()
                                      or t.text in particles
                                      for t in view.words if t.text.isalpha()):
        common = common_words()
        words = [t.text for t in view.words if t.text.isalpha()]
        if all(is_common_word(w, common) for w in words) or any(
                is_common_word(w, common) for w in words[1:]):
            return None  # "Bond Trader", "Boehner Letter", "Fake News Media" name no one
        return "PERSON"
    return None


def title_in_quotes(view: PieceView) -> str | None:
    """Two or more capitalised words that fill a quotation: the title of a work or a headline
    ("the show “Special Report”"), no name."""
    p, tokens = view.piece, view.tokens
    if view.n_words >= 2 and 0 < p.first and p.last < len(tokens) and (
            tokens[p.first - 1].text in OPEN_QUOTES and tokens[p.last].text in CLOSE_QUOTES):
        return DROP
    return None


def before_a_person_word(view: PieceView) -> str | None:
    """One name before "administration", "campaign"... (also after a possessive: "Obama's
    election"), or an unknown name used as a modifier: a person ("the Obama administration",
    "Obama-era rules", "Pickens-style")."""
    p, tokens = view.piece, view.tokens
    modifier = view.n_words == 1 and p.end < view.words[0].end
    possessive = view.after == "'s" and p.last + 1 < len(tokens) and (
        token_key(tokens[p.last + 1]) in view.lex.person_context)  # "Obama's election"
    return "PERSON" if view.n_words == 1 and (
        view.after in view.lex.person_context or modifier or possessive) else None


def after_capital_the(view: PieceView) -> str | None:
    """A name after a capitalised "The" inside a sentence is the name of a newspaper, show or
    body ("told The Hill", "The Rush Limbaugh Show")."""
    p = view.piece
    if p.first >= 2 and view.tokens[p.first - 1].text == "The" and (
            token_key(view.tokens[p.first - 2]) not in OPENER_KEYS
            and view.tokens[p.first - 2].text not in {".", "!", "?"}):
        return "ORGANIZATION"
    return None


def after_lowercase_the(view: PieceView) -> str | None:
    """One unknown name after a lower-case "the" inside a sentence names a body, a publication
    or a place, never a person ("the Enquirer", "the Oregonian"); not an ordinary word ("the
    Marine who"), a modifier ("the Trump administration") nor a plural ("the Clintons")."""
    p, tokens = view.piece, view.tokens
    if view.n_words != 1 or p.first == 0 or tokens[p.first - 1].text != "the" or (
            p.text.endswith("s") or p.end < view.words[0].end or p.text.lower() in _COMPASS
            or _in_of_phrase(view)):
        return None
    if p.last < len(tokens) and tokens[p.last].text[:1].islower() and (
            tokens[p.last].pos.startswith("NN")):
        return None
    if p.text.lower() in wordnet_names() or is_common_word(p.text, common_words()):
        return None  # "the Marine who...", "the Union", "the Bureau": a word, not a name
    return "ORGANIZATION"


def web_address(view: PieceView) -> str | None:
    """A site named by its address is an organisation ("Bankrate.com", "Politico.com")."""
    return "ORGANIZATION" if _DOMAIN.search(view.piece.text) else None


_DOMAIN = re.compile(r"\w\.(?:com|org|net|gov|edu|co\.uk)$", re.IGNORECASE)


def after_a_kin_word(view: PieceView) -> str | None:
    """One name right after a word for kin or a partner: "his daughter Ivanka"."""
    return "PERSON" if view.n_words == 1 and view.before in view.lex.person_before else None


def people_of_a_place(view: PieceView) -> str | None:
    """People or things named after a place: "Virginians", "Arkansans", "New Yorkers", "a Texan
    mayor", "Midwestern states" (NORP)."""
    key = " ".join(name_words(view.piece.text)).replace(" - ", "-")
    for suffix, exact in (("ians", False), ("ans", False), ("ns", False), ("ers", True),
                          ("ites", True), ("ian", False), ("an", False), ("ern", True)):
        stem = key[:-len(suffix)]
        if key.endswith(suffix) and len(stem) >= 3 and (
                stem in view.lex.place_stems if not exact else (tuple(stem.split()) in view.lex.places)):
            return "NORP"
    return None


_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                      "western", "central", "northeast", "northwest", "southeast", "southwest"})


def compass_and_place(view: PieceView) -> str | None:
    """A compass word before a known place is a region: "North Atlantic", "North Virginia"."""
    lex = view.lex
    if view.n_words >= 2 and token_key(view.words[0]) in _COMPASS:
        rest = lex.places.get(tuple(token_key(w) for w in view.words[1:]))
        if rest and rest[0] in {"GPE", "LOCATION"}:
            return "LOCATION"
    return None


LOCAL_RULES: tuple[TypingRule, ...] = (title_in_quotes, alternating_case, suffix_or_doctrine,
                                        web_address, compass_region, listed_public_figure,
                                        after_a_possessive, people_of_a_place,
                                        after_title_or_with_initial,
                                        before_a_state, known_first_name, after_a_kin_word,
                                        after_capital_the, after_lowercase_the)
DOCUMENT_RULES: tuple[TypingRule, ...] = (family_of_a_person, words_of_a_person,
                                           name_of_an_organisation)
CONTEXT_RULES: tuple[TypingRule, ...] = (
    dateline, part_of_a_longer_name, compass_and_place, wordnet_proper_name, before_a_say_verb, before_a_person_word,
    capitalised_common_word, place_inside_a_name, surname_shape, short_capitals, after_by_or_said,
    after_a_place_preposition, title_case_words, common_word_alone, ordinary_words, lone_common_word,
)
DEFAULT_LABEL = "ORGANIZATION"


def _label_pass(pieces: list[Piece], rules: tuple[TypingRule, ...], doc: DocumentEvidence,
                default: str | None = None) -> None:
    for p in pieces:
        if not p.label:
            view = PieceView(p, doc)
            for rule in rules:
                label = rule(view)
                if label:
                    p.label, p.evidence = label, rule.__name__
                    break
            else:
                if default:
                    p.label, p.evidence = default, "default"


def type_pieces(pieces: list[Piece], sentences: tuple[Tokens, ...], lex: Lexicon,
                text: str) -> None:
    """Give every piece a label: evidence first, then the document's own names, then context.
    Pieces labelled DROP are common words, to be removed by the caller."""
    doc = DocumentEvidence(sentences, text, lex)
    for p in pieces:
        if p.label and not p.evidence:
            p.evidence = "list"
    _label_pass(pieces, LOCAL_RULES, doc)
    doc.learn_names(pieces)
    _label_pass(pieces, DOCUMENT_RULES, doc)
    for p in pieces:  # may relabel a place as well
        if p.label in {None, "GPE"} and team_on_a_score_line(PieceView(p, doc)):
            p.label, p.canonical = "ORGANIZATION", None
    _label_pass(pieces, (lone_first_name,), doc)
    _label_pass(pieces, CONTEXT_RULES, doc, default=DEFAULT_LABEL)
    vote_in_lists(pieces, text)
    vote_labels(pieces)
