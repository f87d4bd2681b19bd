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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from analysis.entities.candidates import CAPS_WORD, Piece, Tokens, is_cap
from analysis.entities.lexicon import Lexicon, token_key
from analysis.entities.wordnet import common_words, is_common_word, wordnet_names
from analysis.names import acronym, name_key, name_words

#: Label of a capitalised common word that is no name ("Result", "Leading"); dropped afterwards.
DROP = "DROP"
_OPEN_QUOTES = frozenset({'"', "“", "``", "‘", "'"})
_CLOSE_QUOTES = frozenset({'"', "”", "''", "’", "'"})
_OPENER_KEYS = frozenset({'"', "“", "``", "(", "["})  # after these a capital says nothing
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})


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
    """A proper name WordNet knows ("Dhaka", "Arafat"), unless it is an ordinary word used
    before a noun ("Black politicians")."""
    p, tokens = view.piece, view.tokens
    if p.last < len(tokens) and tokens[p.last].pos.startswith("NN") and (
            tokens[p.last].text[:1].islower()) and is_common_word(p.text, common_words()):
        return None
    return wordnet_names().get(p.text.lower())


def before_a_say_verb(view: PieceView) -> str | None:
    """Someone who says something ("Caddell said"); not ordinary words ("Special Report")."""
    if view.after not in view.lex.say_verbs or view.piece.text.isupper():
        return None
    return None if view.n_words >= 2 and ordinary_words(view) else "PERSON"


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
            tokens[p.first - 1].text in _OPEN_QUOTES and tokens[p.last].text in _CLOSE_QUOTES):
        return DROP
    return None


def before_a_person_word(view: PieceView) -> str | None:
    """One name before "administration", "campaign"..., or an unknown name used as a modifier:
    a person ("the Obama administration", "Obama-era rules", "Pickens-style")."""
    modifier = view.n_words == 1 and view.piece.end < view.words[0].end
    return "PERSON" if view.n_words == 1 and (
        view.after in view.lex.person_context or modifier) else None


def after_a_possessive(view: PieceView) -> str | None:
    """One ordinary word after a possessive ("his Cabinet", "our Committee") is no name."""
    if view.n_words == 1 and view.before in _POSSESSIVES and not view.piece.label and (
            is_common_word(view.piece.text, common_words())):
        return DROP
    return None


def after_capital_the(view: PieceView) -> str | None:
    """A name after a capitalised "The" inside a sentence is the name of a newspaper, show or
    body ("told The Hill", "The Rush Limbaugh Show")."""
    p = view.piece
    if p.first >= 2 and view.tokens[p.first - 1].text == "The" and (
            token_key(view.tokens[p.first - 2]) not in _OPENER_KEYS
            and view.tokens[p.first - 2].text not in {".", "!", "?"}):
        return "ORGANIZATION"
    return None


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
            k in lex.org_heads or k in lex.org_cues for k in keys):
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
             or view.before in _OPENER_KEYS or view.before in _POSSESSIVES)
    if opens and view.n_words == 1 and is_common_word(view.piece.text, common_words()):
        return DROP
    return None


LOCAL_RULES: tuple[TypingRule, ...] = (title_in_quotes, alternating_case, after_a_possessive,
                                        after_title_or_with_initial, before_a_state,
                                        known_first_name, after_a_kin_word, after_capital_the)
DOCUMENT_RULES: tuple[TypingRule, ...] = (words_of_a_person, name_of_an_organisation)
CONTEXT_RULES: tuple[TypingRule, ...] = (
    dateline, people_of_a_place, compass_and_place, wordnet_proper_name, before_a_say_verb, before_a_person_word,
    capitalised_common_word, place_inside_a_name, surname_shape, short_capitals, after_by_or_said,
    after_a_place_preposition, title_case_words, common_word_alone, ordinary_words,
)
#: Rules whose label another mention of the same name overrules (typing votes across mentions).
WEAK_EVIDENCE = frozenset({"default", "after_a_place_preposition", "short_capitals",
                           "place_inside_a_name", "lone_first_name", "surname_shape",
                           "wordnet_proper_name", "title_case_words"})
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


def _vote_key(text: str) -> str:
    return name_key(re.sub(r"['’]s$", "", text))


def vote_labels(pieces: list[Piece]) -> None:
    """Typing votes across a name's mentions: a mention typed only by weak evidence (the default,
    a preposition before it...) takes the label the document's better-evidenced mentions of the
    same name agree on ("aide to Trump" is the PERSON "Trump said"), and a one-word name that is
    a word of a well-typed person's name is that person's ("Obama" after "Barack Obama")."""
    strong: dict[str, Counter] = defaultdict(Counter)
    person_words: set[str] = set()
    org_firsts: set[str] = set()
    for p in pieces:
        if p.label and p.label != DROP and p.evidence not in WEAK_EVIDENCE:
            strong[_vote_key(p.text)][p.label] += 1
            if p.label == "ORGANIZATION" and len(name_words(p.text)) > 1:
                org_firsts.add(name_words(p.text)[0])
            if p.label == "PERSON" and p.evidence != "list":
                person_words.update(name_words(p.text))
        elif p.label == "PERSON" and len(name_words(p.text)) > 1:
            person_words.update(name_words(p.text))
    for p in pieces:
        if p.evidence not in WEAK_EVIDENCE or p.label == DROP:
            continue
        votes = strong.get(_vote_key(p.text))
        if votes:
            label = max(votes, key=lambda lab: (votes[lab], lab == "PERSON"))
        elif p.label != "PERSON" and len(name_words(p.text)) == 1 and (
                name_words(p.text)[0] in person_words):
            label = "PERSON"
        elif len(name_words(p.text)) == 1 and name_words(p.text)[0] in org_firsts:
            label = "ORGANIZATION"  # "Fox" after "Fox News"
        else:
            continue
        if label != p.label:
            p.label, p.canonical, p.evidence = label, None, "vote"


_LIST_SEPARATORS = frozenset({", ", " and ", ", and ", " or ", ", or "})


def list_members(pieces: list[Piece], text: str) -> list[list[Piece]]:
    """Names listed together in one sentence, separated only by commas, "and" or "or" ("Cory
    Booker, Amy Klobuchar, Tulsi Gabbard and Julian Castro"), as lists of three or more."""
    ordered = sorted((p for p in pieces if p.label != DROP or p.evidence == "ordinary_words"),
                     key=lambda p: p.start)
    groups: list[list[Piece]] = []
    for p in ordered:
        last = groups[-1][-1] if groups else None
        if (last is not None and last.sentence == p.sentence
                and text[last.end:p.start] in _LIST_SEPARATORS):
            groups[-1].append(p)
        else:
            groups.append([p])
    return [g for g in groups if len(g) >= 3]


def vote_in_lists(pieces: list[Piece], text: str) -> None:
    """A name typed only by weak evidence inside a list takes the label that the list's other,
    well-typed names all share ("..., Amy Klobuchar, Tulsi Gabbard, Julian Castro": a person)."""
    for members in list_members(pieces, text):
        typed = [p for p in members if p.evidence not in WEAK_EVIDENCE
                 and p.evidence not in {"list", "ordinary_words"} and p.label != DROP]
        strong = {p.label for p in typed}
        strong_count = len(typed)
        if len(strong) != 1 or strong_count < 2:
            continue
        label = strong.pop()
        for p in members:  # words that are also ordinary words: "Tulsi Gabbard"
            if (p.evidence in WEAK_EVIDENCE or p.evidence == "ordinary_words") and (
                    p.label != label and p.label in {"PERSON", "ORGANIZATION", DROP}):
                p.label, p.canonical, p.evidence = label, None, "list_vote"


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
