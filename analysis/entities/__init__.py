"""Named entities with exact offsets, typed by the project's own rules, resolved within a text.

NLTK's multiclass NE chunker is not available, so typing is a rule layer over the offset-exact
tokens and POS tags of a `analysis.text.Document`: capitalised runs are cut at titles
("Secretary of State"), matched against gazetteers (NLTK's gazetteers corpus plus the hand-written
lists in analysis/rules/entities/), organisation cues ("Agency", "Inc."), first names (NLTK's names
corpus, through analysis.names), WordNet's proper names and context, then types and full names
are propagated within the document ("Tillerson" -> "Rex Tillerson"). NLTK's binary NE chunker
decides the sentence openers that only capitalisation marks (running it on every sentence would
halve the speed for no gain in accuracy). Corpus tables are in analysis.tables.entities.

Modules: lexicon (word lists), wordnet (WordNet proper names, common words), candidates (runs
and their splitting), pieces (a sentence's candidates; title-case lines and quoted titles),
typing (the backoff chains of typing rules), resolution (canonical names),
extract (the public functions), corpus (entity_mentions: one name per entity across a corpus).

Labels: PERSON, ORGANIZATION, GPE (countries, cities, states), LOCATION (regions, seas),
FACILITY (buildings), NORP (nationalities and groups: "Chinese"), EVENT ("... Dialogue"), MISC
(names with digits: "Hwasong-12"). Measure with `python -m analysis evaluate entities --data PATH`.
"""
from analysis.entities.candidates import Piece, binary_ne_flags
from analysis.entities.corpus import CORPUS_MENTION_COLUMNS, entity_mentions, resolve_corpus_names
from analysis.entities.extract import (
    ARTICLE_MENTION_COLUMNS,
    LABELS,
    MENTION_COLUMNS,
    MENTION_DTYPES,
    MENTION_ROLES,
    document_mentions,
    extract_entities,
    mentions_in_article,
)
from analysis.entities.lexicon import Lexicon, lexicon
from analysis.entities.wordnet import common_words, wordnet_names

__all__ = ["ARTICLE_MENTION_COLUMNS", "CORPUS_MENTION_COLUMNS", "LABELS", "Lexicon", "MENTION_COLUMNS",
           "MENTION_DTYPES", "MENTION_ROLES", "Piece", "binary_ne_flags", "common_words",
           "document_mentions", "entity_mentions", "extract_entities", "lexicon",
           "mentions_in_article", "resolve_corpus_names", "wordnet_names"]
