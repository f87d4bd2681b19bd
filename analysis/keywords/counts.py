"""The per-article keyword stages: term counts ("keywords") and key-term candidates ("key_terms").

Both read the article's :class:`analysis.text.Document` (the pipeline builds one per article and
shares it with entities and attribution, so the tagging is done once). Their rows are what the
``*_from_counts`` measures and :func:`analysis.keywords.scoring.keywords_from_candidates` read.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis.keywords.association import collocation_units
from analysis.keywords.candidates import Part, candidate_frame, candidate_rows, document_parts
from analysis.keywords.count_rows import count_frame
from analysis.keywords.lexicon import Lemmatizer, Stemmer, default_stopwords
from analysis.keywords.reference import count_tokens
from analysis.keywords.scoring import KEYWORD_OPTIONS
from analysis.keywords.terms import document_terms
from analysis.text import Document, as_document


def keyword_counts(document: Document | str, lemmatizer: Lemmatizer | None = None
                   ) -> pd.DataFrame:
    """Keyword inputs of one article (the "keywords" stage): unit, term, count.

    Units, each summable over a corpus: "count" (every word form, lower-cased, the tokenizer of
    :func:`analysis.keywords.reference.count_tokens`, so the sums are the target counts for
    keyness against a reference corpus), "token", "lemma" and "bigram" (content words and
    two-word terms without stopwords, as :func:`analysis.keywords.terms.term_frequencies`
    counts them with unit="token"/"lemma" and ngram=2), "collocation_word" and
    "collocation_pair" (the word and sentence-bounded pair counts NLTK's collocation finder is
    built from, pairs "w1 w2" without stopwords). A run over many articles may pass one
    ``lemmatizer`` to all of them.
    """
    document = as_document(document)
    lemmatizer = lemmatizer if lemmatizer is not None else Lemmatizer()
    stop = default_stopwords()
    units = [("count", Counter(count_tokens(document.text)))]
    for unit in ("token", "lemma"):  # the terms term_frequencies counts, without its sorting
        units.append((unit, Counter(document_terms(document, unit, 1, stop, lemmatizer))))
    units.append(("bigram", Counter(document_terms(document, "token", 2, stop, lemmatizer))))
    units.extend(collocation_units(document, stop))
    return count_frame([units], doc_column=False)


def _splits_like_one_text(headline: str, body: str) -> bool:
    """True when ``headline + "\\n\\n" + body`` has exactly the paragraphs, sentences and tokens
    of the two texts apart: the blank line is then a plain paragraph break (no white space on
    either side of it joins it)."""
    return not headline[-1:].isspace() and not body[:1].isspace()


def article_parts(headline: str, document: Document) -> list[Part]:
    """The document ``headline + "\\n\\n" + text`` as candidate parts: the headline's own
    sentences, then the body's tagged sentences as the article's Document has them (the same
    sentences and tags the joined text has, without tagging the body again)."""
    if _splits_like_one_text(headline, document.text):
        return document_parts(Document(headline)) + document_parts(document)
    return document_parts(Document(f"{headline}\n\n{document.text}"))


def key_term_candidates(headline: str, document: Document | str,
                        stemmer: Stemmer | None = None) -> pd.DataFrame:
    """Key-term inputs of one article (the "key_terms" stage): the candidates of the document
    ``headline + "\\n\\n" + text`` that :func:`analysis.keywords.scoring.extract_keywords` scores
    (columns :data:`analysis.keywords.candidates.CANDIDATE_COLUMNS`, default stopwords and
    ``max_words``), plus one row of kind "headline_form" per word form of the headline (key =
    the form, count = its occurrences): with the article's "count" unit they give the document's
    word forms, whose distinct term keys are the corpus document frequencies."""
    headline = headline if isinstance(headline, str) else ""
    parts = article_parts(headline, as_document(document))
    stemmer = stemmer if stemmer is not None else Stemmer()
    rows = candidate_rows(parts, default_stopwords(), KEYWORD_OPTIONS["max_words"], stemmer)
    rows += [("headline_form", form, "", n, 0.0, False, 0)
             for form, n in Counter(count_tokens(headline)).items()]
    return candidate_frame([rows], doc_column=False)
