"""The words attribution is made of: reporting verbs and the heads that type a source, read from
analysis/rules/attribution/, plus the closed word classes the token rules test against.

Everything here is data, loaded once; no function takes the text.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis import names
from analysis.core.rules import rule_lines, rule_records, word_set
from analysis.nlp import use_nltk_data_env

TITLES_FILE = "attribution/titles.txt"


SCHEMES = ("speech", "parc")
"""Attribution schemes: "speech" (the workspace's guidelines: speech and communication acts
only; an attribution nested in another's reported clause is part of the outer one; a bare noun
object is no content) and "parc" (PolNeAR's PARC scheme: attributed beliefs and nested
attributions count too)."""


@dataclass(frozen=True)
class CueVerb:
    """One reporting verb: its lemma, whether it must be tagged as a verb, whether it is weak
    (counts only before a that-clause, a colon, a quotation or an infinitive), quote-only, and
    its sense: "speech", "document" (a cue only for a document or organisation source: "the
    report found") or "belief" (thinking and wanting: a cue only under the PARC scheme)."""

    lemma: str
    verb_only: bool
    weak: bool
    quote_only: bool = False
    sense: str = "speech"


def _read_verbs(name: str, forms: dict[tuple[str, ...], CueVerb], belief: bool) -> None:
    for line in rule_lines(f"attribution/{name}"):
        if line.startswith(("-", "+")):
            continue  # a phrase that is no speech (non_speech_phrases), a noun (reporting_nouns)
        parts = [p.strip() for p in line.split("\t") if p.strip()]
        head = parts[0]
        lemma = head.rstrip("^*!@")
        sense = "belief" if belief else "document" if "@" in head else "speech"
        verb = CueVerb(lemma, "*" in head, "^" in head or "!" in head, "!" in head, sense)
        for form in [lemma, *parts[1:]]:
            forms.setdefault(tuple(form.lower().split()), verb)


@lru_cache(maxsize=1)
def cue_verbs() -> dict[tuple[str, ...], CueVerb]:
    """Every inflected form (as a tuple of lower-case words) -> its CueVerb: the reporting verbs
    of cue_verbs.txt, then the thinking verbs of cognition_verbs.txt (sense "belief").

    A head marked `^` is weak, `!` weak and quote-only, `*` verb-only, `@` document-sense."""
    forms: dict[tuple[str, ...], CueVerb] = {}
    _read_verbs("cue_verbs.txt", forms, belief=False)
    _read_verbs("cognition_verbs.txt", forms, belief=True)
    return forms


@lru_cache(maxsize=1)
def non_speech_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Lemma -> the words that, right after any of its forms, make it no speech: the lines of
    cue_verbs.txt that start with "-" ("-charge<TAB>with": "charged with attempting to ..." is
    an indictment, "-call<TAB>to mind": a memory)."""
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for line in rule_lines("attribution/cue_verbs.txt"):
        if line.startswith("-"):
            lemma, *followers = [p.strip() for p in line[1:].split("\t") if p.strip()]
            phrases.setdefault(lemma, []).extend(tuple(f.lower().split()) for f in followers)
    return {lemma: tuple(words) for lemma, words in phrases.items()}


@lru_cache(maxsize=1)
def reporting_nouns() -> dict[str, CueVerb]:
    """Noun form -> the reporting verb it names: the lines of cue_verbs.txt that start with "+"
    ("+warn<TAB>warning<TAB>warnings"). A cue only as "the warnings by senior Republicans that
    ...", "threats by Trump to scrap it": the noun, "by" and its source, then the content."""
    verbs = {verb.lemma: verb for verb in cue_verbs().values()}
    nouns: dict[str, CueVerb] = {}
    for line in rule_lines("attribution/cue_verbs.txt"):
        if line.startswith("+"):
            lemma, *forms = [p.strip() for p in line[1:].split("\t") if p.strip()]
            verb = verbs.get(lemma, CueVerb(lemma, True, True))
            nouns.update((form.lower(), verb) for form in forms)
    return nouns


@lru_cache(maxsize=1)
def cue_first_words() -> frozenset[str]:
    """The first word of every cue verb form: a token starting no form needs no lookup."""
    return frozenset(form[0] for form in cue_verbs())


def check_scheme(scheme: object) -> str:
    """The scheme name, or a ValueError naming the accepted ones."""
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {SCHEMES}, not {scheme!r}")
    return str(scheme)


def is_cue_word(word: str) -> bool:
    """True when the lower-cased word is a one-word form of a reporting verb."""
    return (word,) in cue_verbs()


def word_list(name: str) -> frozenset[str]:
    """A one-item-per-line rule file of analysis/rules/attribution/ as a lower-cased set."""
    return word_set(f"attribution/{name}")


WORD_CLASSES_FILE = "attribution/word_classes.tsv"


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for record in rule_records(WORD_CLASSES_FILE):
        classes.setdefault(record["class"], set()).add(record["word"].strip().lower())
    return {name: frozenset(words) for name, words in classes.items()}


def word_class(name: str) -> frozenset[str]:
    """One class of rules/attribution/word_classes.tsv (media nouns, tell verbs, ...): the closed
    lexical lists the token rules test against, kept as data. An unknown class is a KeyError
    naming the classes there are."""
    classes = _word_classes()
    if name not in classes:
        raise KeyError(f"no word class {name!r} in {WORD_CLASSES_FILE}; there are {sorted(classes)}")
    return classes[name]


def anonymous_heads() -> frozenset[str]:
    """Heads of unnamed sources: "officials", "a spokesperson", "sources"."""
    return word_list("anonymous_heads.txt")


def document_heads() -> frozenset[str]:
    """Heads of written sources: "report", "statement"."""
    return word_list("document_heads.txt")


def titles() -> frozenset[str]:
    """Job titles that stand for a person: "secretary", "defense secretary" (the titles shared
    with entities plus attribution's own)."""
    return names.title_phrases(TITLES_FILE)


def title_words() -> frozenset[str]:
    """Every word of the titles ("secretary", "of", "state", ...)."""
    return names.title_words(TITLES_FILE)


def strip_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a capitalised run into (title words, name words) with attribution's titles:
    "U.S. Secretary of State Rex Tillerson" -> (["U.S.", "Secretary", "of", "State"],
    ["Rex", "Tillerson"])."""
    return names.strip_title(words, title_words())


def generic_org_heads() -> frozenset[str]:
    """Descriptions that stand for an organisation named before: "the company", "the giant"."""
    return word_list("generic_org_heads.txt")


@lru_cache(maxsize=1)
def title_abbreviations() -> dict[str, str]:
    """Abbreviated title -> the title a later description uses: "gov" -> "governor"."""
    return {row["abbreviation"]: row["title"] for row in rule_records("attribution/title_abbreviations.tsv")}


@lru_cache(maxsize=1)
def office_holders() -> dict[str, tuple[str, ...]]:
    """Office -> its holders ("president" -> "Donald Trump", "Barack Obama", ...): who "the
    president" is in a text that names the holder without the title."""
    holders: dict[str, list[str]] = {}
    for row in rule_records("attribution/office_holders.tsv"):
        holders.setdefault(row["office"], []).append(row["holder"])
    return {office: tuple(names) for office, names in holders.items()}


def org_heads() -> frozenset[str]:
    """Heads of organisation names: "pentagon", "ministry"."""
    return word_list("org_heads.txt")


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Country, US state and city names (NLTK gazetteers): a place quoted as a source stands for
    its government ("Washington believes ...")."""
    from nltk.corpus import gazetteers

    use_nltk_data_env()
    return frozenset(w for f in ("countries.txt", "usstates.txt", "uscities.txt")
                     for w in gazetteers.words(f))


# Closed word classes of the token rules (Penn Treebank tags, lower-cased words).
NOUNISH = {"NN", "NNS", "NNP", "NNPS", "PRP", "CD"}
NP_TAGS = NOUNISH | {"JJ", "JJR", "JJS", "DT", "POS", "PRP$"}
NP_INNER_WORDS = {"of", "for", "at", "with", "from", "in", "on", "to", "and", "&", "close",
                  "familiar", "-", "the", "a", "an"}
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "i": "s", "we": "p"}
TIME_WORDS = {
    "today", "yesterday", "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "week", "month", "year", "weekend", "morning", "afternoon",
    "evening", "night", "last", "earlier", "later", "now", "then", "recently", "previously",
    "also", "again", "once", "this", "next", "ago", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "day",
    "days", "weeks", "months", "years", "time",
}
TIME_MODIFIERS = {"this", "last", "next", "earlier", "later"}
TIME_NOUNS = TIME_WORDS - TIME_MODIFIERS - {"now", "then", "also", "again", "once", "recently",
                                            "previously", "ago"}
AUX = {"has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must",
       "did", "does", "do", "is", "was", "were", "are", "be", "been", "'s", "’s", "'ve", "’ve",
       "'d", "’d", "'ll", "’ll", "shall", "to"}
ADVERB_TAGS = {"RB", "RBR", "RBS"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
MEDIA = word_class("media_nouns")
TELL_VERBS = word_class("tell_verbs")
PP_WORDS = {"in", "at", "on", "during", "after", "before", "from", "via", "through", "while",
            "over", "by", "to", "with", "for", "earlier", "late", "outside", "inside", "since",
            "following", "amid", "as"}
DASHES = {"—", "―", "–", "--"}
COMMA_OR_DASH = DASHES | {","}
CLAUSE_COMMAS = {",", "--", "—", "–"}  # what sets off a clause: a comma or a dash (not the bar ―)
END_PUNCT = {".", "!", "?"}
QUOTE_TOKENS = {"``", "''", '"', "“", "”", "--", "—"}  # marks a clause may start with
DETERMINERS = {"the", "a", "an"}
