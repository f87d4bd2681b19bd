"""What later pronouns and descriptions of one text refer back to, beyond its plain person
names: whether a name opens its sentence (salient), "the president" as a mention of the person
holding that title, the gender of people whose first name tells none (from the pronouns that
follow them), and names the first-name list lacks that the text shows to be people's ("Günther
Platter, the governor of Tyrol"). Every scan is bounded per mention, so it stays linear."""
from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from analysis.attribution.document import AttributionDocument
from analysis.attribution.lexicon import (
    FINITE_TAGS,
    is_cue_word,
    office_holders,
    org_heads,
    places,
    title_words,
    titles,
)
from analysis.entities import common_words
from analysis.entities.wordnet import is_common_word
from analysis.names import likely_gender
from analysis.text import Token

if TYPE_CHECKING:
    from analysis.attribution.people import Names


def known_gender(genders: dict[str, str], full: str) -> str:
    """The gender of a full name, worked out once per text and kept in ``genders``."""
    gender = genders.get(full)
    if gender is None:
        gender = genders[full] = likely_gender(full)
    return gender


def opens_sentence(doc: AttributionDocument, i: int) -> bool:
    """Whether the name at token i opens its sentence's subject: nothing but determiners, titles
    and adjectives before it, maybe after an opening phrase up to a comma ("In recent days,
    Boehner ..."). Such a name is what later pronouns most often refer to; a name inside a
    reported clause ("Cote said ... the president understands") is not."""
    s_lo = doc.sent_bounds[doc.sent[i]][0]
    lo = s_lo
    for k in range(i - 1, max(s_lo, i - 10) - 1, -1):
        if doc.toks[k].text == ",":
            opening = range(s_lo, k)
            if all(doc.toks[m].pos not in FINITE_TAGS and doc.toks[m].text != "," for m in opening):
                lo = k + 1
            break
    return i - lo <= 4 and all(doc.toks[k].pos in {"DT", "JJ", "NNP", "NN", "``", "CD", "POS"}
                               or doc.lows[k] in title_words() for k in range(lo, i))


def _office_mention(key: str, names: Names) -> str | None:
    """The person of the text who holds the office `key` (rules/attribution/office_holders.tsv),
    as the text names them most often ("Obama" for "the president" in a text that writes "Mr.
    Obama" only), or None."""
    surnames = {holder.split()[-1] for holder in office_holders().get(key, ())}
    counts: dict[str, int] = {}
    for _, full, _, _ in names.mentions:
        if full and full.split()[-1] in surnames:
            counts[full] = counts.get(full, 0) + 1
    return max(counts, key=lambda f: (counts[f], f)) if counts else None


def title_mentions(doc: AttributionDocument, names: Names, genders: dict[str, str]) -> None:
    """"the president", "the senator" outside quotations, when the text gave that title to
    someone ("President Barack Obama") or names the office's holder: a mention of that person
    for later pronouns."""
    found: list[tuple[int, str, bool]] = []
    offices: dict[str, str | None] = {}
    for k in range(1, len(doc.toks)):
        key = doc.lows[k]
        if doc.lows[k - 1] != "the" or doc.in_quote[k] or key not in titles() or \
                (k + 1 < len(doc.toks) and doc.toks[k + 1].pos in {"NNP", "NNPS"}):
            continue
        if key in names.by_title:
            full = names.title_holder(key, doc.toks[k].start)
        else:
            if key not in offices:
                offices[key] = _office_mention(key, names)
            full = offices[key]
        if full is not None:
            found.append((doc.toks[k - 1].start, full, opens_sentence(doc, k - 1)))
    for start, full, salient in found:
        names.mentions.append((start, full, known_gender(genders, full), salient))


def unknown_name(toks: list[Token]) -> bool:
    """Proper nouns only, none an organisation word or a title word ("Günther Platter")."""
    return all(t.pos in {"NNP", "NN"} and t.text[:1].isupper() and t.text.lower() not in org_heads()
               and t.text.lower() not in title_words() for t in toks)


def acts_as_person(doc: AttributionDocument, i: int, j: int) -> str | None:
    """Why the name at tokens i..j is a person's: "title", given a person's title in an
    apposition ("Günther Platter, the governor of Tyrol,"); "speaks", it speaks and opens with a
    word that is neither a common word nor a place (not "Boston Globe reported", "Human Rights
    Watch said"); None otherwise."""
    n = len(doc.toks)
    if i > 0 and doc.lows[i - 1] == "the":
        return None  # "the Boston Globe"
    first = doc.toks[i].text
    if j + 1 < n and doc.toks[j + 1].pos in {"VBD", "VBZ"} and is_cue_word(doc.lows[j + 1]) and \
            first not in places() and not is_common_word(first, common_words()):
        # "Ane Lone Bagger told Reuters": a name that opens with no word or place (a company's
        # too, "Goldman Sachs said": collect_names keeps it only if he or she refers to it)
        return "speaks"
    if j + 2 < n and doc.toks[j + 1].text == ",":
        k = j + 2
        if doc.lows[k] in {"the", "a", "an"}:
            k += 1
        for m in range(k, min(k + 3, n)):
            if doc.lows[m] in titles():
                return "title"
            if doc.toks[m].pos not in {"JJ", "NN", "NNP"}:
                break
    return None


_PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}


def learn_genders(doc: AttributionDocument, names: Names, genders: dict[str, str]) -> None:
    """Genders of the people whose first name tells none ("Barack Obama", "Xi Jinping"): an
    honorific ("Mr. Obama") votes twice, and the first he/his or she/her outside quotations after
    each mention, before the next person mention and within the next sentence, votes once; a
    clear majority decides. Mentions and
    names.genders are updated. (One bounded forward scan per mention.)"""
    votes: dict[str, list[int]] = {}
    mentions = names.mentions
    for m, (start, full, gender, _) in enumerate(mentions):
        if genders.get(full, gender) != "u":
            continue
        if gender != "u":  # "Mr. Obama": the honorific tells
            votes.setdefault(full, [0, 0])[gender == "f"] += 2
            continue
        i = doc.token_at(start)
        stop = mentions[m + 1][0] if m + 1 < len(mentions) else len(doc.text)
        sentence = doc.sent[i]
        k = i + 1
        while k < len(doc.toks) and doc.toks[k].start < stop and doc.sent[k] <= sentence + 1 and k - i < 80:
            found = _PRONOUN_GENDER.get(doc.lows[k])
            if found and not doc.in_quote[k]:
                tally = votes.setdefault(full, [0, 0])
                tally[found == "f"] += 1
                break
            k += 1
    for full, (male, female) in votes.items():
        if male != female and max(male, female) >= 2 * min(male, female):
            genders[full] = "m" if male > female else "f"
    names.genders = genders
    # a name taken for a person's only because it speaks stays one only if he or she refers to it
    names.mentions = [(start, full, gender if gender != "u" else genders.get(full, "u"), salient)
                      for start, full, gender, salient in mentions
                      if full not in names.unsure or genders.get(full, gender) != "u"]


def named_next(doc: AttributionDocument, toks: list[Token], names: Names, gender: str | None
                ) -> str | None:
    """The person a description names: one set off by a comma right after it ("said the
    bureau's director, James B. Comey"), else ("A Justice Department spokeswoman denied ...
    “...,” Justice Department Director of Public Affairs Sarah Isgur Flores said") the first
    person the next few sentences introduce (named there for the first time) as a speaker (a
    reporting verb right after or before the name), never for an apposition of an earlier name,
    unless the text gives that person a title (before the name or in an apposition after it)
    that shares no name with the description ("An FBI spokeswoman said ... Deputy White House
    press secretary Sarah Huckabee Sanders told"; "..., said Jane Doe, a professor")."""
    last = doc.token_at(toks[-1].start)
    if last + 2 < len(doc.toks) and doc.toks[last + 1].text == ",":
        after = doc.toks[last + 2].start
        k = bisect_left(names.mentions, (after, "", "", False))
        if k < len(names.mentions) and names.mentions[k][0] == after:
            return names.mentions[k][1]  # "said the bureau's director, James B. Comey"
    first = doc.token_at(toks[0].start)
    s = doc.sent[last]
    if s + 1 >= len(doc.sent_bounds) or (first > 0 and doc.toks[first - 1].text == ","):
        return None  # "García, a county commissioner who": an apposition of an earlier name
    lo = doc.sent_bounds[s + 1][0]
    hi = doc.sent_bounds[min(s + 3, len(doc.sent_bounds) - 1)][1]
    whose = {t.text.lower() for t in toks if t.pos in {"NNP", "NNPS"}}
    k = bisect_left(names.mentions, (doc.toks[lo].start, "", "", False))
    while k < len(names.mentions) and names.mentions[k][0] < doc.toks[hi - 1].end:
        start, full, found_gender, _ = names.mentions[k]
        k += 1
        i = doc.token_at(start)
        j = i
        while j + 1 < hi and (doc.toks[j + 1].text[:1].isupper() or doc.lows[j + 1] == "of"):
            j += 1
        if not ((j + 1 < hi and is_cue_word(doc.lows[j + 1])) or (i > lo and is_cue_word(doc.lows[i - 1]))):
            continue
        m = i
        while m > lo and m > i - 8 and (doc.toks[m - 1].text[:1].isupper() or doc.lows[m - 1] in title_words()):
            m -= 1
        before = set(doc.lows[m:i])
        after = set(doc.lows[j + 2:min(j + 6, hi)]) if j + 2 < hi and doc.toks[j + 1].text == "," else set()
        titled = bool((before | after) & title_words())
        new = names.people.get(full, (0, -1))[1] >= doc.toks[lo].start
        fits = gender is None or found_gender in {gender, "u"}
        return full if new and fits and (not titled or before & whose) else None
    return None
