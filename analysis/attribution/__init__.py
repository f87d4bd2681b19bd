"""Source attribution: who is quoted, who is cited, and what they said.

Rule-based, on the tagged sentences of a text.Document (shared with the entity and keyword
stages, so attribution adds little to their cost). Steps, one module each:

1. quotes: quotation spans on the characters (curly and straight marks, quotes that run over
   several paragraphs, unbalanced marks closed at the paragraph end, never an exception);
2. cues: reporting verbs from rules/attribution/cue_verbs.txt (with their auxiliaries, "has
   told", and a medium, "wrote in a tweet"), "according to", the dash that signs a quotation
   ("... ” ― Name") and a name with a colon opening a headline ("John McCain: ...");
3. sources and content: each cue gets a source (the subject before it, or the inverted subject
   after it, "said Caddell") and a content: the adjacent quotation (direct), the clause after
   "said (that)" or the clause before ", X said." (indirect, or mixed when it holds a quotation);
4. speakers: sources are typed (person, organization, anonymous, document, pronoun_unresolved)
   and resolved to a full name: surname -> earlier full mention, title -> the person who held
   it, pronoun -> the most recent compatible person or group.

A quotation that opens a paragraph with no frame of its own continues the previous paragraph's
quotation: it keeps that speaker, with no source mention and no cue. Entity mentions can be
passed in to improve typing, but nothing here depends on them.
"""
from analysis.attribution.cues import cue_lemma
from analysis.attribution.extract import (
    COLUMNS,
    KINDS,
    article_attributions,
    empty_attributions,
    extract_attributions,
)
from analysis.attribution.lexicon import (
    CueVerb,
    anonymous_heads,
    cue_verbs,
    document_heads,
    org_heads,
    titles,
)
from analysis.attribution.quotes import quote_spans

__all__ = ["COLUMNS", "KINDS", "CueVerb", "anonymous_heads", "article_attributions", "cue_lemma",
           "cue_verbs", "document_heads", "empty_attributions", "extract_attributions",
           "org_heads", "quote_spans", "titles"]
