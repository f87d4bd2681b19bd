"""Source attribution: who is quoted, who is cited, and what they said.

Rule-based, on the tagged sentences of a text.Document (shared with the entity and keyword
stages, so attribution adds little to their cost). Steps, one module each:

1. quotes: quotation spans on the characters (curly and straight marks, quotes that run over
   several paragraphs, unbalanced marks closed at the paragraph end, never an exception);
2. cues: reporting verbs from rules/attribution/cue_verbs.txt (with their auxiliaries, "has
   told", and a medium, "wrote in a tweet"), "according to", the dash that signs a quotation
   ("... ” ― Name"), a name with a colon in an interview ("Ash: ...") and a sentence that ends in
   a colon before a block quotation. Thinking and wanting verbs (cognition_verbs.txt: believe,
   hope, want, know) are no speech and count only under the PARC scheme (PolNeAR); "found" and
   "showed" count for a document or organisation source only; "is said to" is hearsay;
3. sources and content: each cue gets a source (the subject before it, a name in apposition,
   "His father, Anzor Tsarnaev, said", or the inverted subject after it, "said Caddell") and a
   content: the adjacent quotation (direct), the clause after "said (that)" or the clause before
   ", X said." (indirect, or mixed when it holds a quotation). Under the default "speech" scheme
   a bare noun object is no content ("denied the allegations") and speech nested in another
   source's reported clause belongs to the outer attribution;
4. speakers (people.py collects the text's names, speakers.py types and resolves): sources are
   typed (person, organization, anonymous, first_person, pronoun_unresolved, other) and
   resolved to a full name: a short name to the person it can be (honorifics, first names and
   split initials respected: "John A. Boehner"), a title or description to its holder ("the
   president" also to the office holder the text names without the title) or the organisation
   quoted or named last ("the agency"); unresolved descriptions are anonymous. A document
   ("the indictment says") is an anonymous source unless a named author or body owns it
   ("Marsh's letter", "a Commerce Department report"); the extra column source_kind says
   "document" for both, else repeats source_type.

Every per-cue lookup is indexed, so the stage is linear in the length of a sentence.

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
    SCHEMES,
    CueVerb,
    anonymous_heads,
    cue_verbs,
    document_heads,
    org_heads,
    titles,
)
from analysis.attribution.quotes import quote_spans

__all__ = ["COLUMNS", "KINDS", "SCHEMES", "CueVerb", "anonymous_heads", "article_attributions", "cue_lemma",
           "cue_verbs", "document_heads", "empty_attributions", "extract_attributions",
           "org_heads", "quote_spans", "titles"]
