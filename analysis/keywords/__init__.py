"""Keyword analyses: frequencies, TF-IDF, keyness, collocations, concordances and key terms.

Text-based functions take plain strings and return DataFrames, so the same functions run over
one article, a collection, or (via ``map_partitions``) a Dask DataFrame of articles. Each
measure has one implementation on per-document count rows (:mod:`.count_rows`): the rows the
per-article stages :func:`keyword_counts` ("keywords") and :func:`key_term_candidates`
("key_terms") produce from an article's Document, and that the text-based function builds
itself before calling the ``*_from_counts`` version. The cached rows were made with the default
stopwords (and, for key terms, the default ``max_words``); the count-based functions therefore
take no ``stopwords`` of their own, except collocations, which can drop further words.

Modules: :mod:`.lexicon` (stopwords, lemmas, stems), :mod:`.terms` (frequencies),
:mod:`.weighting` (TF-IDF), :mod:`.association` (collocations), :mod:`.kwic` (concordance),
:mod:`.reference` (NLTK reference corpora and count tables), :mod:`.significance` (keyness: G2,
Log Ratio; group vs rest is :func:`analysis.tables.keywords.group_keyness`), :mod:`.candidates`
and :mod:`.scoring` (key terms: words and noun phrases), :mod:`.counts` (the two stages).
"""
from analysis.keywords.association import collocation_inputs, collocations, collocations_from_counts
from analysis.keywords.candidates import CANDIDATE_COLUMNS
from analysis.keywords.count_rows import TERM_UNITS
from analysis.keywords.counts import key_term_candidates, keyword_counts
from analysis.keywords.kwic import concordance
from analysis.keywords.lexicon import (
    Lemmatizer,
    Stemmer,
    default_stopwords,
    is_function_word,
    is_word,
    lemmatize,
    news_stopwords,
    term_key,
)
from analysis.keywords.reference import (
    DEFAULT_REFERENCE,
    REFERENCE_CORPORA,
    count_table,
    count_tokens,
    read_raw_texts,
    reference_documents,
    reference_table,
)
from analysis.keywords.scoring import KEYWORD_OPTIONS, extract_keywords, keywords_from_candidates
from analysis.keywords.significance import (
    chi2_sf_1df,
    keyness,
    keyness_from_counts,
    log_likelihood,
    log_ratio,
)
from analysis.keywords.terms import document_terms, frequencies_from_counts, term_frequencies
from analysis.keywords.weighting import tfidf, tfidf_from_counts

__all__ = [
    "CANDIDATE_COLUMNS", "DEFAULT_REFERENCE", "KEYWORD_OPTIONS", "Lemmatizer", "REFERENCE_CORPORA",
    "Stemmer", "TERM_UNITS", "chi2_sf_1df", "collocation_inputs", "collocations",
    "collocations_from_counts", "concordance", "count_table", "count_tokens", "default_stopwords",
    "document_terms", "extract_keywords", "frequencies_from_counts", "is_function_word", "is_word",
    "key_term_candidates", "keyness", "keyness_from_counts", "keyword_counts",
    "keywords_from_candidates", "lemmatize", "log_likelihood", "log_ratio", "news_stopwords",
    "read_raw_texts", "reference_documents", "reference_table", "term_frequencies", "term_key",
    "tfidf", "tfidf_from_counts",
]
