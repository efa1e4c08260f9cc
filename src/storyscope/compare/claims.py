"""What the sources claim, aligned across sources: corroborated, single-source or contested.

The claim stage (:mod:`storyscope.stages.claims`) splits each article into atomic claims. Here they
are enriched with the story's entities (who is named in each claim, and the speaker of an attributed
claim as a canonical name) and explicit dates (from the timex stage), then aligned across sources:

* two claims from different sources are the same claim when their all-MiniLM-L6-v2 embeddings are at
  cosine >= ``SAME_CLAIM`` (or >= ``SAME_CLAIM_WITH_EVIDENCE`` with shared named entities, numbers or
  most of the shorter claim's words), their attributions agree (two different speakers never merge;
  a reported claim and a stated one merge only when near-identical), and no contradiction rule fires;
* groups grow greedily from the most similar pair down, at most one claim per source, and every
  member must stay reasonably similar to every other (no chaining through a third wording);
* pairs about the same thing that a rule of :mod:`storyscope.compare.contradictions` finds
  incompatible become contradictions, and both claims are ``contested``.

Syndicated copies (``duplicate_of`` set) are cited but counted once: ``corroborated`` needs two
independent voices.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyscope.compare.contradictions import (
    can_be_denied,
    denial,
    denial_cue,
    judge,
    numbers_conflict,
    same_denial,
)
from storyscope.compare.quotes import _description, containment, embed
from storyscope.models import Article, Json
from storyscope.stages.claims import CURRENCY_SYMBOLS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

SAME_CLAIM = 0.8
SAME_CLAIM_WITH_EVIDENCE = 0.65
# A group member must stay at least this similar to every other member.
GROUP_FLOOR = 0.55
# Pairs below this similarity are not about the same thing: no rule is even tried.
CANDIDATE = 0.45
# A person's statement merges with the same words stated as fact only when near-identical.
REPORTED_AS_FACT = 0.88
# Pairs at least this similar go through the contradiction rules (each rule has its own, higher,
# threshold, except denials of a statement, which need no shared wording).
RULES_FLOOR = 0.3
# A source's claim this similar to a group's (with shared names, figures or words) covers its point.
NEAR_CLAIM = 0.7
# A denial addresses only the claims at most this much less similar to it than its closest one.
DENIAL_MARGIN = 0.1
# Word containment that makes two claims naming nothing one claim: near-verbatim only.
_NAMELESS_CONTAINMENT = 0.85
# A claim shorter than this many words is a fragment (a caption, a label), not a statement.
MIN_WORDS = 4
_MONTHS = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|\d{4}-\d{2}-\d{2})\b",
    re.I,
)


@dataclass
class ClaimSet:
    """The story's claims (contract dicts) and the contradictions found between them."""

    claims: list[Json] = field(default_factory=list)
    contradictions: list[Json] = field(default_factory=list)


def _mention_index(entities: Sequence[Json]) -> dict[str, list[tuple[int, int, str, str]]]:
    """source -> [(start, end, canonical name, type)] of every entity mention."""
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    for e in entities:
        for m in e.get("mentions", []):
            out.setdefault(m["source"], []).append((m["start"], m["end"], e["name"], e["type"]))
    return out


def _fold_name(name: str) -> str:
    return " ".join(re.split(r"[\s\-‐–]+", name.lower()))


def _within(parts: Sequence[Sequence[int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in parts)


def _enrich(
    article: Article,
    claim: Json,
    mentions: list[tuple[int, int, str, str]],
    timexes: list[Json],
    persons: Mapping[str, str],
    aliases: Mapping[str, Sequence[str]],
) -> Json:
    item = dict(claim)
    item["source"] = article.id
    item["passage"] = article.text[claim["start"] : claim["end"]]
    parts = claim["parts"]
    actors: dict[str, str] = {}
    for s, e, name, etype in mentions:
        if _within(parts, s, e):
            actors[name] = etype
    item["actors"] = actors
    item["speaker"] = None
    attr = claim.get("attribution")
    if attr is not None and attr.get("speaker"):
        sp = attr["speaker"]
        hits = [(name, etype) for s, e, name, etype in mentions if sp["start"] <= s and e <= sp["end"]]
        if "head_start" in sp:
            # "President Joe Roe's adviser Ana Lind said": the speaker is the name at the head.
            head = [(name, t) for s, e, name, t in mentions if s <= sp["head_start"] and sp["head_end"] <= e]
            hits = head or hits
        if hits:
            item["speaker"] = hits[-1][0]
    subj = claim.get("subject")
    item["subject_entity"] = None
    if subj:
        hits2 = [(name, t) for s, e, name, t in mentions if subj["start"] <= s and e <= subj["end"]]
        inside = {n for n, _ in hits2}
        if "head_start" in subj:
            # The subject is an entity only when an entity names its head: "a spokesman for the
            # minister" is the spokesman, not the minister.
            hits2 = [
                (name, t) for s, e, name, t in mentions if s <= subj["head_start"] and subj["head_end"] <= e
            ]
        # A bare surname ("Marin-Halse") is the person of the story whose full name ends with it,
        # whatever type the tagger gave the word on its own.
        bare = re.sub(r"['’]s$", "", subj["text"]).strip()
        # Hyphenation varies between outlets ("Marin-Halse", "Marin Halse"): names compare without it.
        key = " " + _fold_name(bare)
        people = {
            name
            for name, t in persons.items()
            if t == "person" and any(_fold_name(n).endswith(key) for n in aliases.get(name, [name]))
        }
        if bare[:1].isupper() and len(people) == 1:
            person = next(iter(people))
            item["subject_entity"] = person
            actors = {k: v for k, v in actors.items() if k not in inside}
            actors[person] = "person"
            item["actors"] = actors
        elif hits2:
            item["subject_entity"] = hits2[-1][0]
    dates: list[str] = []
    for t in timexes:
        value = t.get("value")
        if (
            t.get("kind") == "date"
            and t.get("precision") == "day"
            and isinstance(value, str)
            and _within(parts, int(t["start"]), int(t["end"]))
            and _MONTHS.search(str(t.get("text", "")))
        ):
            dates.append(value[:10])
    item["dates"] = sorted(set(dates))
    # Every day the claim names, relative ones resolved too ("on Monday"): two figures tied to the
    # same day are about the same moment, whenever each outlet wrote.
    item["days"] = sorted(
        {
            str(t["value"])[:10]
            for t in timexes
            if t.get("kind") == "date"
            and t.get("precision") == "day"
            and isinstance(t.get("value"), str)
            and _within(parts, int(t["start"]), int(t["end"]))
        }
    )
    item["published"] = (article.published or "")[:10] or None
    return item


def _items(
    articles: Sequence[Article],
    claim_annotations: Mapping[str, Json],
    entities: Sequence[Json],
    timex: Mapping[str, Json] | None,
) -> list[Json]:
    index = _mention_index(entities)
    types = {e["name"]: e["type"] for e in entities}
    aliases = {e["name"]: [e["name"], *e.get("aliases", [])] for e in entities}
    items: list[Json] = []
    for a in articles:
        ann = claim_annotations.get(a.id) or {}
        timexes = list((timex or {}).get(a.id, {}).get("timexes", []) or [])
        for c in ann.get("claims", []):
            if len(c["text"].split()) < MIN_WORDS:
                continue
            items.append(_enrich(a, c, index.get(a.id, []), timexes, types, aliases))
    return items


def _speakers_from_quotes(items: list[Json], quotes: Sequence[Json], types: Mapping[str, str]) -> None:
    """Give an attributed claim whose speaker no mention names the speaker of the quotation it reports:
    the quote stage reads more (the name beside a dash or a colon, the speaker a pronoun continues)."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for q in quotes:
        for v in [q, *(q.get("variants") or [])]:
            speaker, start, end = v.get("speaker"), v.get("start"), v.get("end")
            if speaker and isinstance(start, int) and isinstance(end, int) and end > start:
                spans.setdefault(str(v.get("source")), []).append((start, end, str(speaker)))
    for it in items:
        if it["speaker"] is not None or not (it.get("attribution") or {}).get("speaker"):
            continue
        found: dict[str, int] = {}
        for start, end, speaker in spans.get(it["source"], []):
            # The claim's words and the quotation must be mostly one stretch of text.
            shared = sum(max(0, min(end, b) - max(start, a)) for a, b in it["parts"])
            if shared * 2 >= min(end - start, sum(b - a for a, b in it["parts"])):
                found[speaker] = found.get(speaker, 0) + shared
        if len(found) == 1:
            speaker = next(iter(found))
            it["speaker"] = speaker
            if speaker in types:  # as a mention of the speaker in the claim would have made it
                it["actors"] = {**it["actors"], speaker: types[speaker]}


def _evidence(a: Json, b: Json) -> bool:
    """Shared names, figures or most of the words: what makes a moderately similar pair the same claim.

    Figures that cannot be the same are evidence against: "Britain is liable for £1.2billion of the
    bailout" and "Greece has survived on a €110 billion bailout" share a country and a lender but are
    two claims on one topic. Shared words are no evidence between two claims that name nothing."""
    if _figures_differ(a, b):
        return False
    if set(a["actors"]) & set(b["actors"]):
        return True
    units = {n["unit"] for n in a["numbers"]} & {n["unit"] for n in b["numbers"]}
    if units:
        return True
    shared = containment(a["text"], b["text"])
    # Two claims that name nothing (no one, no figure, no speaker: "there were no reports of damage")
    # share their words whatever they are about (a volcano in one outlet, a coast in the other): their
    # wording is evidence only when near-verbatim.
    if not any(c["actors"] or c["numbers"] or c.get("attribution") or c.get("speaker") for c in (a, b)):
        return shared >= _NAMELESS_CONTAINMENT
    return shared >= 0.6


def _figures_differ(a: Json, b: Json) -> bool:
    """Whether the two claims' figures rule out one claim: no figure of one can be a figure of the
    other, and they count the same thing (a unit in common) or both give sums of money."""
    xs, ys = a["numbers"], b["numbers"]
    if not xs or not ys:
        return False
    if any(x["unit"] == y["unit"] and not numbers_conflict(x, y) for x in xs for y in ys):
        return False
    shared = {x["unit"] for x in xs} & {y["unit"] for y in ys}
    money = all(any(str(n["unit"]) in CURRENCY_SYMBOLS for n in side) for side in (xs, ys))
    return bool(shared) or money


def _attribution_ok(a: Json, b: Json, sim: float) -> bool:
    """Whether attributions allow ``a`` and ``b`` to be one claim.

    What a person said stays theirs: it never merges with an outlet stating it as fact, unless the
    wording is near-identical. An institution's announcement ("Kestria said on Tuesday that …") is
    routinely restated as fact by other outlets, so it may merge. Two named speakers of the same kind
    (two people, two countries) never merge.
    """
    pa, pb = a.get("attribution"), b.get("attribution")
    if (pa is None) != (pb is None):
        reported = a if pa is not None else b
        speaker = reported.get("speaker")
        institutional = speaker is not None and reported["actors"].get(speaker) in ("place", "organization")
        return sim >= REPORTED_AS_FACT or institutional
    sa, sb = a.get("speaker"), b.get("speaker")
    if sa is None or sb is None or sa == sb:
        return True
    return bool(a["actors"].get(sa) != b["actors"].get(sb))


def _named_and_unnamed(a: Json, b: Json) -> bool:
    """Whether one claim reports a named speaker's words and the other those of a speaker the text
    only describes ("the BBC's Mark Lowen says Samaras will push for ..." against "some officials say
    Samaras will have to work hard ..."): a name both mention is then no evidence that they say one
    thing; only near-identical wording is. (A person and the body or country he speaks for may merge:
    "Sullivan said the US had information" and "the United States announced it had indications".)"""
    if a.get("attribution") is None or b.get("attribution") is None:
        return False
    named = [x.get("speaker") is not None for x in (a, b)]
    described = [
        x.get("speaker") is None and _described_speaker(x.get("attribution")) is not None for x in (a, b)
    ]
    return (named[0] and described[1]) or (named[1] and described[0])


def _described_speaker(attr: Json | None) -> str | None:
    """The speaker of an attribution no entity resolved, as written ("a senior official"); None for a
    pronoun, which says nothing without the name it stands for (as a quote's ``speaker_text``)."""
    return _description((attr or {}).get("speaker"))


def analyse_claims(
    articles: Sequence[Article],
    nlp_annotations: Mapping[str, Json],
    entities: Sequence[Json],
    quotes: Sequence[Json],
    claim_annotations: Mapping[str, Json],
    timex: Mapping[str, Json] | None = None,
) -> ClaimSet:
    """Claims aligned across ``articles`` with their status, and the contradictions between them.

    The claim stage's own attribution carries the speaker's offsets, which the entity mentions
    resolve; where they resolve nobody ("he said" after a sentence naming two people), the speaker the
    quote stage found for the same words in ``quotes`` is taken. ``nlp_annotations`` is accepted for
    symmetry with the other builders.
    """
    del nlp_annotations
    ids = {a.id for a in articles}
    voice = {a.id: (a.duplicate_of if a.duplicate_of in ids else a.id) for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    items = _items(articles, claim_annotations, entities, timex)
    _speakers_from_quotes(items, quotes, {e["name"]: e["type"] for e in entities})
    if not items:
        return ClaimSet()
    vecs = embed([it["text"] for it in items])
    sims = vecs @ vecs.T
    n = len(items)
    merge_pairs: list[tuple[float, int, int]] = []
    findings: dict[tuple[int, int], Json] = {}
    for i in range(n):
        for j in range(i + 1, n):
            a, b = items[i], items[j]
            if a["source"] == b["source"]:
                continue
            sim = float(sims[i, j])
            if sim < RULES_FLOOR:
                continue
            if voice[a["source"]] != voice[b["source"]]:
                found = judge(a, b, sim)
                if found is not None:
                    findings[(i, j)] = dict(found, similarity=round(sim, 3))
                    continue
            if sim < CANDIDATE:
                continue
            if not _attribution_ok(a, b, sim):
                continue
            if sim >= SAME_CLAIM or (
                sim >= SAME_CLAIM_WITH_EVIDENCE and _evidence(a, b) and not _named_and_unnamed(a, b)
            ):
                merge_pairs.append((sim, i, j))
    _denials(items, sims, voice, findings)
    groups = _group(n, merge_pairs, items, sims, findings)
    near = _near_sources(items, groups, sims)
    return _to_json(items, groups, findings, voice, order, near)


def _denials(
    items: list[Json],
    sims: npt.NDArray[np.float32],
    voice: Mapping[str, str],
    findings: dict[tuple[int, int], Json],
) -> None:
    """Add the ``denial`` findings: a claim stated as fact by one source, said to be false by another.

    A denial is one source's word against another's only when the denying source does not also state
    the claim as fact (it then reports both sides: "X did Y; X denies it"), and when the claim's own
    source does not report the denial too.
    """
    cues = [k for k, it in enumerate(items) if denial_cue(it) is not None]
    if not cues:
        return
    by_voice: dict[str, list[int]] = {}
    for k, it in enumerate(items):
        by_voice.setdefault(voice[it["source"]], []).append(k)
    # A denial addresses the claim of another source it is closest to (and any about as close), not
    # every claim that shares a word or two with it: "denied that they beheaded Rehana" is about the
    # claims on Rehana, even when those are hedged, not about "ISIS beheaded Foley".
    closest = {
        d: max(
            (
                float(sims[k, d])
                for k in range(len(items))
                if voice[items[k]["source"]] != voice[items[d]["source"]]
            ),
            default=0.0,
        )
        for d in cues
    }
    for i, claim in enumerate(items):
        if not can_be_denied(claim):
            continue
        own = voice[claim["source"]]
        own_cues = [d for d in cues if voice[items[d]["source"]] == own]
        if any(same_denial(claim, items[d], float(sims[i, d]), loose=True) for d in own_cues):
            continue  # the claim's source reports a denial of it itself
        for d in cues:
            den = items[d]
            other = voice[den["source"]]
            key = (min(i, d), max(i, d))
            if other == own or key in findings or float(sims[i, d]) < closest[d] - DENIAL_MARGIN:
                continue
            found = denial(claim, den, float(sims[i, d]))
            if found is None or _also_states(claim, i, by_voice[other], items, sims):
                continue
            if any(same_denial(den, items[e], float(sims[d, e]), loose=True) for e in own_cues):
                continue  # both sources report the denial
            findings[key] = dict(found, similarity=round(float(sims[i, d]), 3))
            break


def _also_states(
    claim: Json, i: int, others: Sequence[int], items: list[Json], sims: npt.NDArray[np.float32]
) -> bool:
    """Whether one of ``others`` (another source's claims) states ``claim`` as fact too."""
    for k in others:
        sim = float(sims[i, k])
        if sim < SAME_CLAIM_WITH_EVIDENCE or not can_be_denied(items[k]):
            continue
        if sim >= SAME_CLAIM or _evidence(claim, items[k]):
            return True
    return False


def _near_sources(
    items: list[Json], groups: list[list[int]], sims: npt.NDArray[np.float32]
) -> list[set[str]]:
    """Per group, the sources outside it that state something close to it in other words.

    A group holds one claim per source, so when a source says the same thing twice in different
    words ("wants to meet Raisi and Erdogan", "will hold a separate meeting with Erdogan") only one
    of its claims joins each group: the source still covers the point, and must not be listed as
    leaving it out.
    """
    out: list[set[str]] = []
    for members in groups:
        inside = {items[k]["source"] for k in members}
        close: set[str] = set()
        row = sims[members].max(axis=0)
        for j in map(int, (row >= NEAR_CLAIM).nonzero()[0]):
            src = items[j]["source"]
            if src in inside or src in close:
                continue
            if any(float(sims[k, j]) >= NEAR_CLAIM and _evidence(items[k], items[j]) for k in members):
                close.add(src)
        out.append(close)
    return out


def build_claims(
    articles: Sequence[Article],
    nlp_annotations: Mapping[str, Json],
    entities: Sequence[Json],
    quotes: Sequence[Json],
    claim_annotations: Mapping[str, Json] | None = None,
    timex: Mapping[str, Json] | None = None,
) -> list[Json]:
    """The story's claims (see :func:`analyse_claims`), without the contradictions list.

    ``claim_annotations`` are the claim stage's annotations; without them the articles are parsed here.
    """
    if claim_annotations is None:
        from storyscope.stages.claims import ClaimStage

        stage = ClaimStage()
        claim_annotations = {a.id: ann for a, ann in zip(articles, stage.run(list(articles)), strict=True)}
    return analyse_claims(articles, nlp_annotations, entities, quotes, claim_annotations, timex).claims


def _group(
    n: int,
    pairs: list[tuple[float, int, int]],
    items: list[Json],
    sims: npt.NDArray[np.float32],
    findings: Mapping[tuple[int, int], Json],
) -> list[list[int]]:
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = members[gi], members[gj]
        if {items[k]["source"] for k in left} & {items[k]["source"] for k in right}:
            continue
        if any(
            float(sims[x, y]) < GROUP_FLOOR or (min(x, y), max(x, y)) in findings for x in left for y in right
        ):
            continue
        for k in right:
            group_of[k] = gi
        members[gi] = left + right
        del members[gj]
    return [sorted(m) for _, m in sorted(members.items())]


def _side(item: Json) -> Json:
    """One source's passage for a claim: ``text`` is exactly ``source text[start:end]``; ``claim`` is
    the claim as read from it (a borrowed subject joined to its clause, a relative clause cut out)."""
    return {
        "source": item["source"],
        "text": item["passage"],
        "start": item["start"],
        "end": item["end"],
        "claim": item["text"],
    }


def _to_json(
    items: list[Json],
    groups: list[list[int]],
    findings: Mapping[tuple[int, int], Json],
    voice: Mapping[str, str],
    order: Mapping[str, int],
    near: Sequence[set[str]],
) -> ClaimSet:
    group_of = {k: g for g, members in enumerate(groups) for k in members}
    # One contradiction per pair of claim groups: the wire original and its copy against a third
    # source is one disagreement, cited from every source on each side.
    best: dict[tuple[int, int], tuple[int, int, Json]] = {}
    for (i, j), found in sorted(findings.items()):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        key = (min(gi, gj), max(gi, gj))
        if key not in best:
            best[key] = (i, j, found) if gi < gj else (j, i, found)
    contested = {g for key in best for g in key}

    claims: list[Json] = []
    for g, members in enumerate(groups):
        its = sorted((items[k] for k in members), key=lambda it: (order[it["source"]], it["start"]))
        voices = {voice[it["source"]] for it in its}
        rep = next((it for it in its if voice[it["source"]] == it["source"]), its[0])
        status = "contested" if g in contested else "corroborated" if len(voices) >= 2 else "single_source"
        attr = rep.get("attribution")
        claims.append(
            {
                "text": rep["text"],
                "sources": [it["source"] for it in its],
                "status": status,
                "voices": len(voices),
                "spans": [
                    {"source": it["source"], "start": int(a), "end": int(b)}
                    for it in its
                    for a, b in it["parts"]
                ],
                "speaker": rep.get("speaker") or _described_speaker(attr),
                # Whom the claim is about, when an entity names its subject (or the pronoun that is its
                # subject stands for one); ``subject_text`` is the subject as written.
                "subject": rep.get("subject_entity"),
                "subject_text": " ".join(str((rep.get("subject") or {}).get("text") or "").split()) or None,
                "verb": (attr or {}).get("verb"),
                "negated": bool(rep.get("negated")),
                "actors": sorted(set().union(*(it["actors"] for it in its))),
                "numbers": [n["text"] + " " + n["unit_text"] for n in rep.get("numbers", [])],
                "dates": rep.get("dates", []),
                "variants": [_side(it) for it in its],
                # Sources that make the point in other words (see _near_sources): neither "left out"
                # nor another voice for the status.
                "near_sources": sorted(near[g], key=lambda s: order[s]),
                "_group": g,
            }
        )
    contradictions: list[Json] = []

    def position(kv: tuple[tuple[int, int], tuple[int, int, Json]]) -> tuple[int, int]:
        first = items[kv[1][0]]
        return order[first["source"]], int(first["start"])

    for (ga, gb), (i, j, found) in sorted(best.items(), key=position):
        contradictions.append(
            {
                "topic": found["topic"],
                "a": _side(items[i]),
                "b": _side(items[j]),
                "rule": found["rule"],
                "explanation": found["explanation"],
                "similarity": found["similarity"],
                "a_sources": claims[ga]["sources"],
                "b_sources": claims[gb]["sources"],
                # Every passage on either side (the wire copy of side a, say), for citing.
                "variants": claims[ga]["variants"] + claims[gb]["variants"],
            }
        )
    rank = {"corroborated": 0, "contested": 1, "single_source": 2}
    claims.sort(
        key=lambda c: (rank[c["status"]], -c["voices"], order[c["sources"][0]], c["spans"][0]["start"])
    )
    for c in claims:
        del c["_group"]
    return ClaimSet(claims, contradictions)
