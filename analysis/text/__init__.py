"""Text units with character offsets: tokens, paragraphs, sentences, and the Document that holds
them for one text. Imports only core and nlp."""
from analysis.text.document import Document, as_document
from analysis.text.frames import paragraphs, sentences, text_statistics, tokens
from analysis.text.spans import paragraph_spans, sentence_spans
from analysis.text.tokens import Token, split_final_period, tag_tokens, token_spans

__all__ = ["Document", "Token", "as_document", "paragraph_spans", "paragraphs", "sentence_spans",
           "sentences", "split_final_period", "tag_tokens", "text_statistics", "token_spans",
           "tokens"]
