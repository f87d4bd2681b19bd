"""extract_attributions: cues -> sources (a participle with none speaks for its main clause's
subject: "..., urging the media to ...") -> contents -> one quotation per frame -> speakers ->
rows, plus the paragraph-opening quotations that carry on the previous speaker's words (a
quotation that runs over several paragraphs gives one row per paragraph); and
article_attributions, the per-article stage that reuses the entity stage's mentions."""
from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache

import pandas as pd

from analysis.attribution.content import attach_contents
from analysis.attribution.cues import Frame, find_cues
from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    COMMA_OR_DASH,
    MEDIA,
    check_scheme,
    document_heads,
    is_cue_word,
    org_heads,
    word_class,
)
from analysis.attribution.people import EntityRecords, collect_names, entity_records
from analysis.attribution.phrases import inanimate, main_subject_after, main_subject_before
from analysis.attribution.sources import attach_source
from analysis.attribution.speakers import SpeakerHistory, classify, head_word
from analysis.core.checks import require_text
from analysis.core.schemas import empty_frame
from analysis.text import Document

COLUMNS = [
    "content", "content_start", "content_end", "source_text", "source_start", "source_end",
    "speaker", "cue", "cue_start", "cue_end", "kind", "source_type", "source_kind",
]
"""The output columns: design.md's public columns, then source_kind (what the source is:
"document" for a report, ruling or statement cited as a source, else the source_type), so
tables can count documents although an unattributed document's source_type is "anonymous"."""
KINDS = ("direct", "indirect", "mixed", "according_to")
_OFFSET_COLUMNS = ("content_start", "content_end", "source_start", "source_end", "cue_start", "cue_end")


@lru_cache(maxsize=1)
def _empty_template() -> pd.DataFrame:
    return empty_frame({c: "Int64" if c in _OFFSET_COLUMNS else object for c in COLUMNS})


def empty_attributions() -> pd.DataFrame:
    """An attribution table with no rows (offsets Int64, the rest object). A copy of one
    template: building the typed empty frame costs more than most articles' rules."""
    return _empty_template().copy()


def _table(rows: list[dict]) -> pd.DataFrame:
    """The rows as the output table, sorted by content start then cue start (a row without a
    cue after the others): sorted and typed column by column, which for a short article costs
    a fraction of DataFrame(rows).astype(...).sort_values(...), with the same result."""
    rows = sorted(rows, key=lambda r: (r["content_start"], r["cue_start"] is pd.NA,
                                       0 if r["cue_start"] is pd.NA else r["cue_start"]))
    columns = {}
    for c in COLUMNS:
        values = [r[c] for r in rows]
        columns[c] = pd.array(values, dtype="Int64") if c in _OFFSET_COLUMNS else values
    return pd.DataFrame(columns, columns=COLUMNS)


# --------------------------------------------------------------------------------------------
# Frames


def _one_frame_per_quote(frames: list[Frame]) -> tuple[list[Frame], dict[int, Frame]]:
    """Keep one attribution per quotation: the first frame that claimed it wins. Returns the
    kept frames and quotation -> its frame."""
    claimed: dict[int, Frame] = {}
    kept: list[Frame] = []
    for frame in frames:
        if frame.direct:
            q = frame.quote_ids[0]
            if q in claimed:
                continue
            claimed[q] = frame
        kept.append(frame)
    return kept, claimed


def _next_quote_of_split(doc: AttributionDocument, frame: Frame, q: int) -> int | None:
    """“...,” she said, “...”: the quotation right after a frame that follows its own
    quotation, in the same sentence and with no contrast ("but") or second cue between."""
    frame_last = frame.last
    if doc.toks[frame_last].end <= doc.quotes[q][0]:
        return None
    k = frame_last + 1
    s_end = doc.sent_bounds[doc.sent[frame_last]][1]
    clause = False
    while k < len(doc.toks) and k < s_end and k not in doc.quote_of_tok and not doc.in_quote[k]:
        # "..., but Kevin was drifting off", "adding that": that quotation is another one
        if doc.lower(k) in {"but", "while", "whereas"} or is_cue_word(doc.lower(k)):
            clause = True
        k += 1
    if clause:
        return None
    nxt = doc.quote_starting_at(k)
    if nxt is not None and nxt > q and doc.para_of_tok[k] == doc.para_of_tok[frame_last]:
        return nxt
    return None


def _merge_split_quotes(doc: AttributionDocument, claimed: dict[int, Frame]) -> None:
    """A quotation split by its attribution (“...,” she said, “...”, or she said on Tuesday.
    “...”) becomes one attribution, when the next quotation follows in the same paragraph,
    unclaimed."""
    for q, frame in sorted(claimed.items()):
        if len(frame.quote_ids) != 1:
            continue
        nxt = _next_quote_of_split(doc, frame, q)
        if nxt is not None and nxt not in claimed:
            frame.content = (frame.content[0], doc.quotes[nxt][1])
            frame.quote_ids = (q, nxt)
            claimed[nxt] = frame


_FINDERS = word_class("finder_heads")


def _speaks_for_a_document(doc: AttributionDocument, frame: Frame) -> bool:
    """For a verb of the "document" sense ("found", "showed"): whether the source is a document,
    an organisation or a body that finds ("the report found", "the court found", "a poll
    showed"), not a person finding something ("I did find a confrontation ...")."""
    first, last = frame.src
    heads = {head_word(doc.lows[first:last + 1]), doc.lows[last]}  # "video of that event"
    return any(h in document_heads() or h in org_heads() or h in _FINDERS for h in heads)


_EVIDENTIAL = word_class("evidential_verbs")  # "the math suggests": evidence, not speech


_CLAUSE_JOINERS = {"and", "but", "while", "whereas", "as", ",", ";", ":", "--", "—", "–", "(", "though"}


def _nested(doc: AttributionDocument, frames: list[Frame]) -> set[int]:
    """Indices of frames whose cue and source sit inside the clause a kept verb frame reports
    after its cue ("X said Y denied it"): under the speech scheme that speech is part of the
    outer attribution. A frame joined to the clause by a conjunction or a comma ("X called it
    absurd and Y urged ...") starts a new clause and stays. One sweep in text order."""
    order = sorted(range(len(frames)), key=lambda i: doc.toks[frames[i].first].start)
    pending: list[tuple[int, int, bool]] = []  # (start, end, block) of kept frames' clauses, a heap
    reach, block_reach = -1, -1
    inner: set[int] = set()
    for i in order:
        frame = frames[i]
        start, end = doc.toks[frame.first].start, doc.toks[frame.last].end
        while pending and pending[0][0] <= start:
            _, stop, block = heapq.heappop(pending)
            reach = max(reach, stop)
            block_reach = max(block_reach, stop) if block else block_reach
        joined = frame.first > 0 and doc.lows[frame.first - 1] in _CLAUSE_JOINERS
        if reach >= end and not joined or block_reach >= end:
            inner.add(i)  # a block quotation's sentences are all the outer source's words
            continue
        if frame.kind in {"verb", "colon"} and not frame.direct and frame.content[0] >= doc.toks[frame.last].end:
            # a block quotation or an interview answer ("Buie: ... we said, ...") holds only
            # its speaker's words
            block = frame.kind == "colon" and _answer_or_block(doc, frame) or \
                doc.paragraph_at(frame.content[0]) > doc.para_of_tok[frame.last]
            if frame.kind == "verb" or block:
                heapq.heappush(pending, (*frame.content, block))
    return inner


_GERUND_OPENERS = {"by", "for", "in", "while", "after", "before", "when", "and", "also", "then"}


def _participle_sources(doc: AttributionDocument, frames: list[Frame]) -> None:
    """A participle or gerund cue with no subject of its own speaks for the main clause's
    subject: "..., urging the news media to ...", "... by saying Miss Flowers ...", "and saying
    the world needs ...", "While saying Romney has ..., Pickens expressed ..."."""
    known = {f.cue_last: f.src for f in frames if f.src is not None and f.kind == "verb"
             and doc.toks[f.cue_last].pos != "VBG"}
    for frame in frames:
        if frame.kind != "verb" or doc.toks[frame.cue_first].pos != "VBG" or frame.verb.sense != "speech" \
                or (frame.verb.lemma == "cite" and doc.scheme == "speech") or (frame.src is not None and not frame.inverted):
            # "..., citing a Justice Department opinion": the main clause's evidence, not its speech
            continue
        # "..., urging the news media to ...": what follows a participle is its addressee or
        # content, never its subject
        frame.src, frame.inverted = None, False
        s_lo, s_hi = doc.sent_bounds[doc.sent[frame.cue_first]]
        before = frame.cue_first - 1
        while before > s_lo and doc.toks[before].pos in {"RB"}:
            before -= 1  # "falsely claiming"
        # not "without saying" (no speech) or "on writing style" (a noun); “...,” voicing hope
        opener = before >= s_lo and (doc.toks[before].text in COMMA_OR_DASH or doc.lows[before] in _GERUND_OPENERS
                                     or before in doc.quote_of_tok and doc.toks[before - 1].text == ",")
        if before < s_lo or (opener and before == s_lo):
            frame.src = main_subject_after(doc, frame.cue_first, s_hi)
        elif opener:
            frame.src = main_subject_before(doc, before, s_lo, known)


def _frames(doc: AttributionDocument) -> tuple[list[Frame], dict[int, Frame]]:
    """Frames with a source and a content, one per quotation; and quotation -> frame."""
    frames = find_cues(doc)
    for frame in frames:
        if frame.kind != "noun":  # a reporting noun's source was found with it ("calls by X")
            attach_source(doc, frame)
    _participle_sources(doc, frames)
    frames = [f for f in frames if f.src is not None]
    if doc.scheme == "speech":
        frames = [f for f in frames if f.verb is None or f.verb.sense != "document"
                  or _speaks_for_a_document(doc, f)]
        frames = [f for f in frames if f.verb is None or f.verb.lemma not in _EVIDENTIAL
                  or not inanimate(doc, f.src) or doc.lows[f.src[1]] in document_heads()]
    attach_contents(doc, frames)
    frames = [f for f in frames if f.content is not None and f.content[1] > f.content[0]]
    if doc.scheme == "speech":
        inner = _nested(doc, frames)
        frames = [f for i, f in enumerate(frames) if i not in inner]
    kept, claimed = _one_frame_per_quote(frames)
    _merge_split_quotes(doc, claimed)
    return kept, claimed


# --------------------------------------------------------------------------------------------
# Rows


def _kind(frame: Frame) -> str:
    if frame.kind == "according_to":
        return "according_to"
    if frame.direct or frame.kind in {"dash", "colon"}:
        return "direct"  # a signed quotation, a Q&A answer ("Ash: ...") or a block quotation
    return "mixed" if frame.quote_ids else "indirect"


def _cue_last_with_medium(doc: AttributionDocument, frame: Frame) -> int:
    """The cue's last token, with the medium when one follows: "wrote in a tweet", "said in a
    statement" (a medium outside the content)."""
    if frame.kind != "verb":
        return frame.cue_last
    k = frame.cue_last + 1
    if not (k + 1 < len(doc.toks) and doc.lower(k) == "in"):
        return frame.cue_last
    m = k + 1
    while m < len(doc.toks) and doc.toks[m].pos in {"DT", "JJ", "PRP$"} and m - k < 4:
        m += 1
    if m < len(doc.toks) and doc.lower(m) in MEDIA and (
            doc.toks[m].end <= frame.content[0] or doc.toks[m].start >= frame.content[1]):
        return m
    return frame.cue_last


def _row(text: str, content: tuple[int, int], source: tuple[int, int] | None, speaker: str,
         cue: tuple[int, int] | None, kind: str, source_type: str, source_kind: str) -> dict:
    """One output row from character spans (None: not in the text, <NA>)."""
    def part(span: tuple[int, int] | None) -> list:
        return [text[span[0]:span[1]], span[0], span[1]] if span else [pd.NA, pd.NA, pd.NA]

    values = [*part(content), *part(source), speaker, *part(cue), kind, source_type, source_kind]
    return dict(zip(COLUMNS, values))


def _continuing_row(text: str, content: tuple[int, int], prev: dict) -> dict:
    """A direct quotation that carries on ``prev``'s (a later paragraph of it): its speaker and
    types, with no cue and no source mention of its own."""
    return _row(text, content, None, prev["speaker"], None, "direct", prev["source_type"],
                prev["source_kind"])


def _answer_or_block(doc: AttributionDocument, frame: Frame) -> bool:
    """A colon frame that is an interview answer after a bracketed affiliation ("G.A. Buie
    (Eudora High School, Eudora, Kan.): ...") or introduces the next paragraph as a block
    quotation: a cue even for a name the text does not otherwise know as a person."""
    return doc.toks[frame.cue_first - 1].text == ")" or frame.content[0] >= doc.toks[frame.cue_last].end + 2 \
        and doc.paragraph_at(frame.content[0]) > doc.para_of_tok[frame.cue_last]


def _frame_rows(doc: AttributionDocument, kept: list[Frame], entities: EntityRecords | None) -> list[dict]:
    """One row per frame, in source order, resolving speakers as they come."""
    names = collect_names(doc, entities)
    history = SpeakerHistory()
    rows = []
    # a name that opens several "Name: ..." lines is an interview's speaker ("Buie: They're lazy")
    colon_names = Counter(doc.text[doc.toks[f.src[0]].start:doc.toks[f.src[1]].end]
                          for f in kept if f.kind == "colon")
    for frame in sorted(kept, key=lambda f: (doc.toks[f.src[0]].start, f.cue_first)):
        speaker, source_type, source_kind = classify(doc, frame, names, history)
        source = (doc.toks[frame.src[0]].start, doc.toks[frame.src[1]].end)
        if frame.kind == "colon" and not frame.direct and speaker not in names.people and \
                colon_names[doc.text[source[0]:source[1]]] < 2 and not _answer_or_block(doc, frame):
            continue  # "Coronavirus: Cruise Ship In Limbo": a colon alone is no cue
        # "it said" can refer back to a document, "they" not
        history.add(source[0], speaker, "document" if source_kind == "document" and
                    source_type == "anonymous" else source_type)
        cue = (doc.toks[frame.cue_first].start, doc.toks[_cue_last_with_medium(doc, frame)].end)
        rows.append(_row(doc.text, frame.content, source, speaker, cue, _kind(frame), source_type,
                         source_kind))
    return rows


def _orphan_quotes(doc: AttributionDocument, kept: list[Frame], claimed: dict[int, Frame]) -> list[int]:
    """Quotations that open a paragraph and have no frame of their own: in news style they carry
    on the previous paragraph's quotation. (One sweep over contents sorted by start.)"""
    covered = sorted(f.content for f in kept)
    para_starts = {s for s, _ in doc.paragraph_spans}
    result = []
    c, reach = 0, -1  # contents starting at or before the quotation, and how far they reach
    for q, (q_start, q_end) in enumerate(doc.quotes):
        while c < len(covered) and covered[c][0] <= q_start:
            reach = max(reach, covered[c][1])
            c += 1
        if q in claimed or q_start not in para_starts or q_start < reach:
            continue
        if len(doc.text[q_start:q_end].split()) < 4:
            continue
        result.append(q)
    return result


def _orphan_rows(doc: AttributionDocument, orphans: list[int], rows: list[dict]) -> list[dict]:
    """Rows for paragraph-opening quotations that continue the previous paragraph's direct
    quotation: the speaker carries over; the source mention and cue are <NA> (not in the text).
    (One sweep: orphans and rows both in text order.)"""
    result: list[dict] = []
    ordered = sorted(rows, key=lambda r: (r["content_end"], -r["content_start"]))
    r, last = 0, None  # the row ending last before the orphan
    for q in orphans:
        q_start, q_end = doc.quotes[q]
        p = doc.paragraph_at(q_start)
        while r < len(ordered) and ordered[r]["content_end"] <= q_start:
            last = ordered[r] if last is None or ordered[r]["content_end"] >= last["content_end"] else last
            r += 1
        if result and result[-1]["content_end"] <= q_start and (
                last is None or result[-1]["content_end"] >= last["content_end"]):
            last = result[-1]
        if p <= 0 or last is None:
            continue
        prev_start, _ = doc.paragraph_spans[p - 1]
        if last["kind"] not in {"direct", "mixed"} or last["content_end"] < prev_start:
            continue
        result.append(_continuing_row(doc.text, (q_start, q_end), last))
    return result


_OPENING_MARKS = ("“", '"', "``", "‘‘", "«")


def _paragraph_quote_rows(doc: AttributionDocument, rows: list[dict]) -> list[dict]:
    """A direct quotation that runs over several paragraphs (each reopened with a mark, news
    style) after its cue: one row for the first paragraph, then a continuing row (no cue, no
    source mention) for each paragraph after it, as the guidelines count a quotation paragraph
    that carries on (a continuing quotation is split the same way). A quotation before its cue
    stays one row."""
    starts = [s for s, _ in doc.paragraph_spans]
    result = []
    for row in rows:
        cs, ce = row["content_start"], row["content_end"]
        if row["kind"] != "direct" or (row["cue_start"] is not pd.NA and row["cue_start"] > cs):
            result.append(row)
            continue
        cuts = [p for p in starts[bisect_right(starts, cs):bisect_left(starts, ce)]
                if doc.text.startswith(_OPENING_MARKS, p)]
        if not cuts:
            result.append(row)
            continue
        bounds = [cs, *cuts, ce]
        for n, (a, b) in enumerate(zip(bounds, bounds[1:])):
            b = a + len(doc.text[a:b].rstrip())
            if n == 0:
                result.append({**row, "content": doc.text[a:b], "content_end": b})
            else:
                result.append(_continuing_row(doc.text, (a, b), row))
    return result


def attribution_rows(doc: AttributionDocument, entities: EntityRecords | None = None) -> list[dict]:
    """The rows of extract_attributions, unsorted, from the token view of one text
    (`entities`: speakers.entity_records of the text's entity mentions, or None). Linear in
    the length of the text and of each sentence (every per-cue lookup is indexed; the tests
    count the reads)."""
    kept, claimed = _frames(doc)
    rows = _frame_rows(doc, kept, entities)
    rows.extend(_orphan_rows(doc, _orphan_quotes(doc, kept, claimed), rows))
    return _paragraph_quote_rows(doc, rows)


# --------------------------------------------------------------------------------------------
# Public API


def extract_attributions(text: str | Document, entities: pd.DataFrame | None = None,
                         scheme: str = "speech") -> pd.DataFrame:
    """One row per attribution (a reported statement or a cited claim) in `text`.

    Columns: content, content_start, content_end (content == text[content_start:content_end]),
    source_text, source_start, source_end (<NA> when the text names no source), speaker (the
    resolved name, or the mention itself), cue, cue_start, cue_end, kind (direct, indirect,
    mixed, according_to), source_type (person, organization, anonymous: an unnamed person, group
    or document, first_person: "I" or "we" outside quotations, the writer; pronoun_unresolved;
    other) and source_kind (the source_type, or "document" for a report, ruling or statement:
    an unattributed one is anonymous, a named author's has the author as speaker). Named
    speakers are the person and organization rows; the other types keep their mention as the
    speaker and must be told apart by source_type. Offsets index `text`. `text` may be a Document (its tagging is
    reused). `entities` (the output of `extract_entities(text)`) is optional and only refines
    speaker typing. `scheme` says what counts (lexicon.SCHEMES): "speech" (the default, the
    workspace's guidelines: speech and communication acts; thinking and wanting verbs, bare noun
    objects and speech nested in another source's reported clause are no attributions) or
    "parc" (PolNeAR's annotation scheme, which counts attributed beliefs and nested
    attributions).
    """
    text = require_text(text, "text", Document)
    check_scheme(scheme)
    if isinstance(text, str):
        text = Document(text)
    if not isinstance(text, Document) or text.is_blank:
        return empty_attributions()
    return _attributions(text, entity_records(entities), scheme)


def _attributions(document: Document, entities: EntityRecords | None, scheme: str) -> pd.DataFrame:
    doc = AttributionDocument(document, scheme)
    if not doc.toks:
        return empty_attributions()
    rows = attribution_rows(doc, entities)
    return _table(rows) if rows else empty_attributions()


def article_attributions(document: Document, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """The per-article attribution stage: :func:`extract_attributions` on the article's body,
    with the entity stage's body mentions (`mentions`: the table of
    `analysis.entities.mentions_in_article` for the same article) refining speaker typing
    (places and groups as organizations). Reusing them saves a second entity pass."""
    if document.is_blank:
        return empty_attributions()
    return _attributions(document, entity_records(mentions, role="body"), "speech")
