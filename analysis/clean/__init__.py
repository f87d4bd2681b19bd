"""Cleaning (layer 4): mojibake repair, lossless segmentation of raw articles into labelled
segments, and the provenance credits read from those segments. Imports only core and text.

`clean_article(raw)` is the one entry point other layers use to clean an article."""
from analysis.clean.article import MAX_REMOVED_SHARE, CleanResult, clean_article, clean_text
from analysis.clean.credits import CREDIT_COLUMNS, agency_table, credits_from_segments, extract_credits
from analysis.clean.repair import repair_mojibake
from analysis.clean.rules import ROLES, PatternRule, pattern_rules, rule_registry
from analysis.clean.segmentation import segment_spans

__all__ = ["CREDIT_COLUMNS", "CleanResult", "MAX_REMOVED_SHARE", "PatternRule", "ROLES",
           "agency_table", "clean_article", "clean_text", "credits_from_segments",
           "extract_credits", "pattern_rules", "repair_mojibake", "rule_registry",
           "segment_spans"]
