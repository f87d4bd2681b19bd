"""Text units: offsets always point back into the text; Treebank-style tokens for the tagger."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text import (
    Document,
    paragraph_spans,
    paragraphs,
    sentence_spans,
    sentences,
    token_spans,
    tokens,
)


def tagged_sentences(text: str):
    return Document(text).sentences


def surfaces(text: str) -> list[str]:
    return [t.text for t in token_spans(text)]


def test_news_tokens_follow_treebank_conventions():
    text = "North Korea’s KCNA isn't China-based; Gen. Fang met U.S.-China officials at 10:30 a.m."
    assert surfaces(text) == ["North", "Korea", "’s", "KCNA", "is", "n't", "China-based", ";", "Gen.",
                              "Fang", "met", "U.S.-China", "officials", "at", "10:30", "a.m."]


def test_curly_quotes_and_dashes_are_normalised_for_the_tagger_only():
    text = "“We seek to deepen our cooperation,” Helvey said — firmly."
    tagged = tagged_sentences(text)[0]
    assert [t.norm for t in tagged][:2] == ["``", "We"]
    assert [t.text for t in tagged][:2] == ["“", "We"]
    by_text = {t.text: t for t in tagged}
    assert by_text["”"].norm == "''" and by_text["—"].norm == "--"
    assert by_text["Helvey"].pos == "NNP" and by_text["said"].pos == "VBD"


def test_sentence_final_period_is_split_but_abbreviations_kept():
    sentence = tagged_sentences("Tillerson said so last week.")[0]
    assert [t.text for t in sentence][-2:] == ["week", "."]
    sentence = tagged_sentences("They met in the U.S.")[0]
    assert [t.text for t in sentence][-1] == "U.S."


def test_seed_paragraphs_and_sentences(seed_raw):
    paras = paragraphs(seed_raw)
    assert len(paras) == 23
    assert paras["text"].iloc[0] == "kim jong un north korea"
    assert paras["text"].iloc[2] == "(STR/AFP/Getty Images)"
    sents = sentences(seed_raw)
    trump = sents[sents["text"].str.startswith("Signaling U.S. frustration")]
    assert len(trump) == 1  # the tweet's inner sentences stay in the quote
    assert sents.groupby("paragraph").size().max() <= 3


def test_hard_wrapped_text_splits_at_deeper_indents_and_titles():
    text = ("ASIAN EXPORTERS FEAR DAMAGE FROM U.S.-JAPAN RIFT\n"
            "  Mounting trade friction between the\n"
            "  U.S. And Japan has raised fears among many of Asia's exporting\n"
            "  nations that the row could inflict far-reaching economic\n"
            "  damage, businessmen and officials said.\n"
            "      They told Reuter correspondents in Asian capitals a U.S.\n"
            "  Move against Japan might boost protectionist sentiment.\n")
    spans = [text[s:e] for s, e in paragraph_spans(text)]
    assert len(spans) == 3
    assert spans[0] == "ASIAN EXPORTERS FEAR DAMAGE FROM U.S.-JAPAN RIFT"
    assert spans[1].startswith("Mounting trade") and spans[1].endswith("officials said.")
    assert spans[2].startswith("They told Reuter")


def test_each_line_is_a_paragraph_when_lines_are_not_wrapped():
    text = "Singer weds TV star\nCanadian pop star Michael Buble married Argentine TV actress Luisana Lopilato in a civil ceremony on Thursday in Buenos Aires."
    assert len(paragraph_spans(text)) == 2


def test_token_frame_columns(seed_raw):
    frame = tokens(seed_raw)
    assert list(frame.columns) == ["sentence", "token", "start", "end", "text", "pos"]
    assert (frame["pos"] != "").all()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_offsets_point_back_into_the_text(text):
    for start, end in paragraph_spans(text):
        assert text[start:end].strip() == text[start:end] != ""
    previous_end = 0
    for start, end in sentence_spans(text):
        assert start >= previous_end and end > start
        previous_end = end
    for token in token_spans(text):
        assert text[token.start:token.end] == token.text and token.text.strip() == token.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Tillerson", "said", "U.S.", "“", "”", "'s", "n't", ",", ".",
                                 "Gen.", "North", "Korea’s", " ", "\n", "\n\n", "—", "(", ")"]),
                max_size=40))
def test_tagged_tokens_keep_offsets_on_news_like_text(parts):
    text = " ".join(parts)
    for sentence in tagged_sentences(text):
        for token in sentence:
            assert text[token.start:token.end] == token.text
            assert token.pos


def test_text_statistics_counts_the_clean_body():
    import pandas as pd

    from analysis.text import text_statistics

    articles = pd.DataFrame({"article_id": ["a"], "text": ["Tillerson said so. Xi agreed.\n\nNorth Korea’s test failed."]})
    stats = text_statistics(articles).iloc[0]
    assert (stats["paragraphs"], stats["sentences"], stats["words"]) == (2, 3, 9)
    assert stats["tokens"] == 13


def test_a_document_builds_each_unit_once_and_agrees_with_the_span_functions(seed_raw):
    document = Document(seed_raw)
    assert document.sentences is document.sentences  # computed once, kept on the object
    assert list(document.sentence_spans) == sentence_spans(seed_raw)
    assert list(document.paragraph_spans) == paragraph_spans(seed_raw)
    untagged = [[(t.start, t.end, t.text) for t in s] for s in document.untagged_sentences]
    tagged = [[(t.start, t.end, t.text) for t in s] for s in document.sentences]
    assert untagged == tagged and all(t.pos for s in document.sentences for t in s)
    assert tokens(document).equals(tokens(seed_raw))


def test_a_document_takes_only_text():
    import pytest

    with pytest.raises(TypeError, match="expects a str"):
        Document(b"bytes")  # type: ignore[arg-type]
    assert Document("  \n").is_blank and not Document("Hello.").is_blank


def _sentence_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_initials_do_not_end_a_sentence():
    # Punkt alone splits each of these after the initials ("Rancher J. | Wade Corley said")
    assert _sentence_texts("Rancher J. Wade Corley said the herd was lost. He left.") == [
        "Rancher J. Wade Corley said the herd was lost.", "He left."]
    assert _sentence_texts("J. Wade Corley said it. Then he left.") == [
        "J. Wade Corley said it.", "Then he left."]
    assert len(_sentence_texts("It was signed by then-President George H.W. Bush in 1990.")) == 1
    assert len(_sentence_texts("Led by U.S. Ambassador to the U.N. Nikki Haley, they won.")) == 1
    assert len(_sentence_texts("A three-judge panel of the 4th U.S. Circuit Court of Appeals ruled.")) == 1
    assert len(_sentence_texts("“The assertion that H.H.S. has ‘banned words’ is wrong,” he said.")) == 1
    assert len(_sentence_texts("said Sen. John Thune (R-S.D.), the No. 3 in his party.")) == 1
    assert len(_sentence_texts("It carries a black-box label, the F.D.A.'s strongest alert.")) == 1
    assert len(_sentence_texts("Sen. Lindsey O. Graham said so. John F. Kelly agreed.")) == 2
    # titles Punkt does not know: "Army Capt. | Mark Resh", "Det. | Sgt. | Tom Jones"
    assert len(_sentence_texts("His son, Army Capt. Mark Resh, was killed in Iraq.")) == 1
    assert len(_sentence_texts("She met Det. Sgt. Tom Jones. He thanked Sgt. 1st Class Bo Lee.")) == 2


def test_a_real_sentence_end_after_initials_stays():
    assert _sentence_texts("He lives in the U.S. He works there.") == [
        "He lives in the U.S.", "He works there."]
    assert _sentence_texts("They met in Washington, D.C. Thus far, courts agreed.") == [
        "They met in Washington, D.C.", "Thus far, courts agreed."]
    assert len(_sentence_texts("It marked the end of World War I. There, he spoke.")) == 2
    assert len(_sentence_texts("They joined the N.R.A.\n“I just want to help,” he said.")) == 2


def test_the_sentence_frame_uses_the_same_spans():
    text = "Rancher J. Wade Corley said it.\n\nGeorge H.W. Bush agreed. So did U.S. Senator Kay Hagan."
    frame = sentences(text)
    assert list(zip(frame["start"], frame["end"])) == sentence_spans(text)
    assert list(frame["paragraph"]) == [0, 1, 1]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["J.", "H.W.", "U.S.", "No.", "Wade", "Bush", "The", "he", "said",
                                 "8", "),", "'s", "—", ".", "It", "“", "”", " ", "\n", "\n\n"]),
                max_size=40))
def test_sentences_only_join_punkt_sentences_and_keep_offsets(parts):
    from analysis.nlp import sentence_splitter

    text = " ".join(parts)
    spans = sentence_spans(text)
    punkt_bounds = set()
    for p_start, p_end in paragraph_spans(text):
        for s, e in sentence_splitter().span_tokenize(text[p_start:p_end]):
            punkt_bounds |= {p_start + s, p_start + e}
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert start in punkt_bounds and end in punkt_bounds  # merged, never cut anew
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    assert len(spans) <= len(punkt_bounds)
