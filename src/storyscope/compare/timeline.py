"""One timeline for a story: publication dates reconciled across sources, then dated events merged.

Publication dates (:func:`reconcile_published`). An article whose own text does not date it (no year,
no stated date) often still says "on Monday" or "next Tuesday" about an event that another source of
the story dates absolutely. When a sentence with such a weekday (or "today", "yesterday") matches a
sentence of a dated source closely (shared content words and names) and that source's date for it
falls on the same weekday, the weekday is that date, which bounds the writing date: "said Monday" puts
it up to six days after, "next Tuesday" one to thirteen days before. Those bounds join the article's
own evidence (its other weekdays, years) in the same cost search as :mod:`storyscope.stages.pubdate`.
Newly dated sources date others in turn, until nothing changes.

Events (:func:`build_timeline`). Every sentence with a resolved calendar date ("YYYY", "YYYY-MM",
"YYYY-MM-DD") is an event: what (the sentence), who (entity names, when given), when. A sentence with
several dates is cut at the clause break after each, so each event cites its own part and no sentence
stands under two dates. Events from
different sources with the same date and similar wording (content-word overlap, shared names) are one
entry citing all of them; an entry of day precision also absorbs a coarser report of the same event
("in February" with "on February 24") when the wording is closer still. An event is ``scheduled`` when
every source that reports it wrote before it happened. Entries are sorted by date, then text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from storyscope.models import Article, Json
from storyscope.stages.dateline import dateline_end, place_dateline_end
from storyscope.stages.pubdate import Anchor, anchor_cost, anchors_for_year, decide, score_dates
from storyscope.stages.sentences import split_sentences
from storyscope.stages.timex import find_timexes, parse_iso

# A source dated at least this confidently can date others.
_STRONG = 0.5
_MATCH_MIN_SIM = 0.3
_MATCH_MIN_SHARED = 3
_MERGE_MIN_SIM = 0.2
_MERGE_MIN_SHARED = 3
_COARSE_MERGE_MIN_SIM = 0.4
_COARSE_MERGE_MIN_SHARED = 3
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

_STOP = frozenset(
    """
    the a an and or but of to in on at for with from by as is are was were be been being has have had
    it its this that these those he she they we you i his her their our not no will would can could
    which who whom what when where there than then so if into over after before about also said says
    say told tell according more most some any all such other only just very up out new one two
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week month year
    january february march april may june july august september october november december next last
    """.split()
)
_IRREGULAR = {
    "met": "meet",
    "meeting": "meet",
    "meets": "meet",
    "went": "go",
    "began": "begin",
    "sent": "send",
}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def content_tokens(text: str) -> frozenset[str]:
    """Stemmed content words of ``text`` (stopwords and date words dropped; six-letter stems)."""
    out: set[str] = set()
    for m in _TOKEN.finditer(text):
        w = m.group().lower().replace("’", "'")
        w = re.sub(r"'s$", "", w)
        if len(w) < 3 or w in _STOP:
            continue
        w = _IRREGULAR.get(w, w)
        out.add(w[:6])
    return frozenset(out)


def similarity(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    """(overlap coefficient, number of shared tokens)."""
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared


# --- publication dates --------------------------------------------------------------------------


@dataclass
class _Dated:
    """A sentence of a dated source that states a day: the day and the sentence's tokens."""

    source: str
    when: date
    tokens: frozenset[str]
    text: str


def _text_of(article: Article) -> str:
    return article.text or article.raw


def _context_tokens(text: str, sentences: Sequence[tuple[int, int]], start: int) -> frozenset[str]:
    """Tokens of the sentence holding ``start`` and of the sentence before it (a pronoun's antecedent)."""
    for i, (a, b) in enumerate(sentences):
        if a <= start < b:
            lo = sentences[i - 1][0] if i > 0 else a
            return content_tokens(text[lo:b])
    return frozenset()


def _dated_sentences(article: Article, published: date, lang: str) -> list[_Dated]:
    text = _text_of(article)
    out: list[_Dated] = []
    timexes = find_timexes(text, published, lang)
    for s in split_sentences(text):
        for t in timexes:
            d = parse_iso(t.get("value")) if t.get("precision") == "day" else None
            if d and s.start <= t["start"] < s.end:
                out.append(_Dated(article.id, d, content_tokens(s.text), s.text))
    return out


def _window_anchor(t: Json, when: date, weight: float) -> Anchor | None:
    """The bound a relative expression puts on the writing date once its date is known."""
    if "weekday" in t:
        if when.weekday() != t["weekday"]:
            return None
        return Anchor(when, t.get("tense"), t["text"], False, t.get("direction") or "none", True, weight)
    shift = t.get("offset_days")
    if shift is None:
        return None
    direction = {0: "today", -1: "yesterday", 1: "tomorrow"}[shift]
    return Anchor(when, t.get("tense"), t["text"], False, direction, True, weight)


def _match(article: Article, timexes: Sequence[Json], dated: Sequence[_Dated]) -> list[tuple[Anchor, str]]:
    """Anchors for the article's relative expressions from matching sentences of dated sources."""
    text = _text_of(article)
    sentences = [(s.start, s.end) for s in split_sentences(text)]
    out: list[tuple[Anchor, str]] = []
    for t in timexes:
        if "attached" in t or ("weekday" not in t and t.get("offset_days") is None):
            continue
        ctx = _context_tokens(text, sentences, t["start"])
        best: tuple[float, int, str, date, str] | None = None
        for d in dated:
            if d.source == article.id:
                continue
            sim, shared = similarity(ctx, d.tokens)
            if sim < _MATCH_MIN_SIM or shared < _MATCH_MIN_SHARED:
                continue
            if "weekday" in t and d.when.weekday() != t["weekday"]:
                continue
            key = (sim, shared, d.source, d.when, d.text)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None:
            continue
        sim, _, source, when, snippet = best
        anchor = _window_anchor(t, when, 1.0 + sim)
        if anchor:
            out.append(
                (anchor, f"'{t['text']}' = {when.isoformat()}, as {source} dates it: '{snippet[:80]}'")
            )
    return out


def reconcile_published(articles: Sequence[Article], annotations: Mapping[str, Json]) -> dict[str, Json]:
    """Publication dates for every article, weak inferences improved with other sources' dates.

    ``annotations`` maps article id to its :class:`~storyscope.stages.timex.TimexStage` annotation.
    Returns ``{id: {"published", "published_inferred", "confidence", "evidence"}}``.
    """
    result: dict[str, Json] = {}
    for art in articles:
        ann = annotations.get(art.id, {})
        result[art.id] = {
            "published": ann.get("published", art.published),
            "published_inferred": bool(ann.get("published_inferred", art.published is None)),
            "confidence": float(ann.get("confidence", 1.0 if art.published else 0.0)),
            "evidence": list(ann.get("evidence", [])),
        }
    own_timexes = {a.id: find_timexes(_text_of(a), None, _lang(a)) for a in articles}
    for _ in range(len(articles)):
        strong = [a for a in articles if _is_strong(result[a.id])]
        weak = [a for a in articles if not _is_strong(result[a.id])]
        if not strong or not weak:
            break
        dated = [d for a in strong for d in _dated_sentences(a, _date(result[a.id]), _lang(a))]
        changed = False
        for art in weak:
            found = _match(art, own_timexes[art.id], dated)
            if not found:
                continue
            decision = _decide_with(own_timexes[art.id], found)
            if decision["date"] is None or decision["confidence"] < _STRONG:
                continue
            result[art.id] = {
                "published": decision["date"],
                "published_inferred": True,
                "confidence": decision["confidence"],
                "evidence": decision["evidence"],
            }
            changed = True
        if not changed:
            break
    return result


def _decide_with(timexes: Sequence[Json], found: Sequence[tuple[Anchor, str]]) -> Json:
    matched = [a for a, _ in found]
    year = matched[0].when.year
    anchors = [*anchors_for_year(timexes, year), *matched]
    days = sorted({a.when + timedelta(days=k) for a in matched for k in range(-14, 15)})
    ranked = score_dates(timexes, days, anchors, None)
    notes = list(dict.fromkeys(note for _, note in found))[:4]
    decision = decide(ranked, timexes, notes)
    if decision["date"] is not None:
        # Each agreeing match from another source adds to the confidence.
        agreeing = sum(1 for a in matched if not _violates(a, parse_iso(decision["date"])))
        decision["confidence"] = round(min(0.9, decision["confidence"] + 0.1 * agreeing), 2)
    return decision


def _violates(anchor: Anchor, when: date | None) -> bool:
    return when is None or anchor_cost(anchor, when)[1]


def _is_strong(info: Json) -> bool:
    return info.get("published") is not None and (
        not info.get("published_inferred") or float(info.get("confidence", 0)) >= _STRONG
    )


def _date(info: Json) -> date:
    d = parse_iso(info.get("published"))
    assert d is not None
    return d


def _lang(article: Article) -> str:
    return (article.language or "en").split("-")[0]


# --- events -------------------------------------------------------------------------------------


@dataclass
class _Event:
    source: str
    start: int
    end: int
    text: str
    value: str
    scheduled: bool
    tokens: frozenset[str]
    who: tuple[str, ...]


@dataclass
class _Entry:
    value: str
    members: list[_Event] = field(default_factory=list)

    @property
    def sources(self) -> set[str]:
        return {m.source for m in self.members}


def _precision(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def _is_scheduled(t: Json, value: str, published: date | None) -> bool:
    if published is None:
        return False
    head = published.isoformat()[: len(value)]
    return value > head or (value == head and t.get("tense") == "future")


def _who(text: str, entities: Sequence[Json] | None) -> tuple[str, ...]:
    if not entities:
        return ()
    names: list[str] = []
    for ent in entities:
        forms = [ent.get("name", ""), *ent.get("aliases", [])]
        if any(f and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text) for f in forms):
            names.append(ent["name"])
    return tuple(sorted(set(names)))


def _events(
    article: Article, published: date | None, timexes: Sequence[Json], entities: Sequence[Json] | None
) -> list[_Event]:
    text = _text_of(article)
    out: list[_Event] = []
    places = frozenset(
        f
        for e in entities or ()
        if e.get("type") == "place"
        for f in [e.get("name", ""), *e.get("aliases", [])]
    )
    stamp: Json | None = None
    for k, s in enumerate(split_sentences(text)):
        heading, stamp = stamp, None
        dated: list[Json] = []
        for t in timexes:
            in_sentence = s.start <= t["start"] < s.end and t.get("kind") in ("date", "time")
            if in_sentence and _calendar(t) and all(_calendar(o) != _calendar(t) for o in dated):
                dated.append(t)
        if not dated:
            if heading is not None and _line_start(text, s.start):
                # A chronology box: "Mar. 8, 2014 12:41 a.m." on its own line dates the paragraph
                # under it ("A Boeing 777 leaves Kuala Lumpur ...").
                value = _calendar(heading)
                out.append(
                    _Event(
                        article.id, s.start, s.end, s.text, value, _is_scheduled(heading, value, published),
                        content_tokens(s.text), _who(s.text, entities),
                    )
                )  # fmt: skip
            continue
        # "the Jan. 6 riot", "the Sept. 11 attacks": a day that names an event is not when the
        # sentence's own event happened ("the Jan. 6 committee could be a last hurrah").
        dated = [t for t in dated if not (t.get("attributive") and t.get("precision") == "day")]
        dated = [t for t in dated if not _period_bound(text, s.start, t)]
        # "should have until 2016, not 2014, to meet the targets": a date set aside is no event's.
        dated = [
            t
            for t in dated
            if not _SET_ASIDE.search(text[max(s.start, int(t["start"]) - 20) : int(t["start"])])
        ]
        if len(dated) > 1:
            # "told CNN on Monday that reviving the 2015 deal is hopeless": a year naming a thing is
            # not when the sentence's event happened, when the sentence dates that event otherwise.
            dated = [t for t in dated if not t.get("attributive")] or dated
        elif dated and dated[0].get("attributive") and dated[0].get("tense") != "past":
            # "Roe has become the first mayor to condemn the 1915 massacre", "the 2015 deal is
            # hopeless": a year naming a thing dates a sentence only when the sentence tells what
            # happened then ("the 2011 uprising toppled the king").
            continue
        if not dated:
            continue
        dated.sort(key=lambda t: int(t["start"]))
        prev_start: int | None = None
        for t, span in zip(dated, _segments(text, s.start, s.end, dated), strict=True):
            if span is None:
                continue
            start, end = span
            clause_start, prev_start = (s.start if prev_start is None else prev_start), start
            if k < 3 and start == s.start and (s.start == 0 or text[s.start - 1] == "\n"):
                # "OSTREL (Northlight) - ...", "Moscow, Tehran Russian President ...": where it was
                # filed is not part of the event (the dateline opens the body's first paragraph, which
                # may come after a standfirst).
                start += dateline_end(s.text) or place_dateline_end(s.text, places)
            value = _calendar(t)
            part = text[start:end]
            tokens = content_tokens(part)
            if len(tokens) < _MIN_PART_TOKENS:
                tokens = content_tokens(s.text)  # "Kestria said on Tuesday": what it said tells it apart
            if end < s.end and _SAID_ON.search(part):
                # "The council said on Monday": when something was said, shown with what was said.
                end = len(text[: s.end].rstrip())
                part = text[start:end]
            if start > s.start and _NO_SUBJECT.match(part):
                # "... on Thursday evening and to fly home on Friday": the part alone does not say who;
                # the entry shows it from the start of the part before it, whose subject it shares ("a
                # quake hit two days ago, and was followed by four more yesterday", not the sentence's
                # earlier dates too), and is matched on its own words still.
                start, part = clause_start, text[clause_start:end]
            if part.rstrip().rstrip("\"'”’»)").endswith("?"):
                continue  # "In the market for a new car this year?": a teaser asks, it reports no event
            if not _says_something(s.text, dated):
                # A bare stamp ("Mar. 8, 2014 12:41 a.m."): a date, not an event; on a line of its
                # own it heads the paragraph that follows.
                if len(dated) == 1 and _line_start(text, s.start) and _line_end(text, s.end):
                    stamp = t
                continue
            out.append(
                _Event(
                    article.id, start, end, part, value, _is_scheduled(t, value, published),
                    tokens, _who(part, entities),
                )
            )  # fmt: skip
    return out


_SET_ASIDE = re.compile(r"(?:\bnot|\brather than|\binstead of)\s+(?:in\s+|on\s+|by\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince (?:the (?:start|beginning|end) of )?$", re.IGNORECASE)
# What makes "since X" the start of a measured span rather than of a state: a superlative or ordinal
# ("the worst crisis since 1945", "the first time since 1848", "the fourth largest since 1900") or a
# number of times ("three times since 2019"). A bare count is not enough: "three powers have held talks
# since 2017" dates the talks' start.
_SPAN_MEASURE = re.compile(
    r"\b(?:(?:the|its|his|her|their|our|a|an) (?:\w+ )?"
    r"(?:\w+est|worst|best|most|least|first|second|third|fourth|fifth|only)\b|"
    # Headlines drop the article ("warns of biggest crisis since 1945"): the common superlatives
    # count without one ("-est" alone would take "protest" and "interest").
    r"(?:biggest|largest|greatest|worst|highest|lowest|strongest|weakest|deadliest|heaviest|"
    r"longest|sharpest|steepest|fastest|slowest|hottest|coldest|wettest|driest)\b|"
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many) times\b)",
    re.IGNORECASE,
)


def _period_bound(text: str, sentence_start: int, t: Json) -> bool:
    """Whether date ``t`` only starts the span a superlative or a count is measured over: "the worst
    crisis since 1945" says nothing happened in 1945. A state that began then ("closed since March")
    keeps its date."""
    before = text[sentence_start : int(t["start"])]
    if not _SINCE.search(before):
        return False
    # "since 2018, when the US left the deal": the clause tells what happened then.
    # "As" only after a comma: "biggest flood since 1998 as the river rises" is another "as".
    if re.match(r"\s*(?:,\s*)?when\b|\s*,\s*as\b", text[int(t["end"]) :]):
        return False
    return _SPAN_MEASURE.search(_SINCE.sub("", before)) is not None


def _line_start(text: str, start: int) -> bool:
    return not text[:start].strip(" \t") or text[:start].rstrip(" \t").endswith("\n")


def _line_end(text: str, end: int) -> bool:
    return not text[end:].strip(" \t") or text[end:].lstrip(" \t").startswith("\n")


def _says_something(sentence: str, dated: Sequence[Json]) -> bool:
    """Whether a sentence holds a word besides its dates, clock times and month or day names."""
    rest = sentence
    for t in dated:
        rest = rest.replace(str(t["text"]), " ")
    return any(len(w) > 2 for w in content_tokens(rest) if not w.isdigit())


def _calendar(t: Json) -> str:
    """The calendar date of an expression ("2025-03-13" of "Thursday evening"), or ""."""
    value = str(t.get("value") or "")
    if t.get("kind") == "time":
        value = value[:10]
    return value if _CALENDAR.match(value) else ""


# "between June and September", "from May to July": the end of a range is not an event of its own.
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|and|to|through|until|till)\s*$", re.IGNORECASE)
# "that" joins a clause ("said that ...") but also points at a time ("But that year, he was ousted"):
# the demonstrative stays, or the part would open "year, he was ousted".
_LEADING_JOINER = re.compile(
    r"\s*(?:(?:(?:and|but|while|whereas|as|that(?!\s+(?:same\s+)?(?:day|night|morning|afternoon|evening|"
    r"week|weekend|month|year|season|spring|summer|autumn|fall|winter|time)\b))\b|[,;:])\s*)*",
    re.IGNORECASE,
)
# A part that only says who spoke and when ("Kestria said on Tuesday"), the content in the next part.
_SAID_ON = re.compile(
    r"\b(?:said|says|told|announced|stated|confirmed|denied|added|warned|reported|claimed)"
    r"(?:\s+\w+){0,2}?\s+(?:on\s+)?(?:\w+day|\w+\s+\d{1,2}|last\s+\w+|this\s+\w+|yesterday|today)\W*$",
    re.IGNORECASE,
)
# A part of a sentence that opens with its verb ("to fly home on Friday", "returned on Friday", "will
# meet again in May") or with no verb at all: the subject is in an earlier part.
_NO_SUBJECT = re.compile(
    r"(?:to\s+[a-z]+|(?:will|would|could|should|may|might|must|can|shall|is|are|was|were|has|have|had|did"
    r"|does|returned|arrived|left|went|came|flew|met|said|told|signed|agreed|announced|added|began"
    # "met in Moscow in January and again in Turkmenistan last month": the verb too is earlier.
    r"|again|also|later|once\s+more)\b)"
)
# A part of a sentence with fewer content words than this is matched by the whole sentence.
_MIN_PART_TOKENS = 4
_SEGMENT_BREAK = re.compile(
    r"[,;:]\s|\s(?=(?:and|but|that|while|whereas|when|after|before|as)\s)", re.IGNORECASE
)


def _segments(text: str, start: int, end: int, dated: Sequence[Json]) -> list[tuple[int, int] | None]:
    """The part of a sentence each of its dates belongs to (None: the date is background).

    One date: the whole sentence. Several ("said on Tuesday that the minister will travel on Thursday",
    "met in January and again last month"): the sentence is cut at the first clause break after each
    date, so every event keeps the words about it and one sentence never stands for two dates. The end
    of a range ("between June and September") and a date in the same clause as an earlier one ("talks
    on Thursday, the first since the commission stopped meeting in August 2023" has no break before
    it) only qualify that clause's event and are left out.
    """
    cuts: list[int | None] = [start]
    for a, b in pairwise(dated):
        gap = text[int(a["end"]) : int(b["start"])]
        m = None if _RANGE_JOIN.match(gap) else _SEGMENT_BREAK.search(text, int(a["end"]), int(b["start"]))
        cuts.append(m.end() if m else None)
    spans: list[tuple[int, int] | None] = []
    bounds = [c for c in cuts if c is not None] + [end]
    for cut in cuts:
        if cut is None:
            spans.append(None)
            continue
        lo, hi = cut, bounds[bounds.index(cut) + 1]
        joiner = _LEADING_JOINER.match(text, lo)
        lo = joiner.end() if joiner else lo
        while hi > lo and text[hi - 1] in " ,;:":
            hi -= 1
        spans.append((lo, hi))
    return spans


def _fits(entry: _Entry, ev: _Event) -> bool:
    if ev.source in entry.sources:
        return False
    same = ev.value == entry.value
    nested = entry.value.startswith(ev.value) or ev.value.startswith(entry.value)
    if not (same or nested):
        return False
    need_sim, need_shared = (
        (_MERGE_MIN_SIM, _MERGE_MIN_SHARED) if same else (_COARSE_MERGE_MIN_SIM, _COARSE_MERGE_MIN_SHARED)
    )
    best = 0.0
    for m in entry.members:
        sim, shared = similarity(ev.tokens, m.tokens)
        shared += len(set(ev.who) & set(m.who))
        if sim >= need_sim and shared >= need_shared:
            best = max(best, sim)
    return best > 0


def build_timeline(
    articles: Sequence[Article], annotations: Mapping[str, Json], entities: list[Json] | None = None
) -> list[Json]:
    """The story's dated events, one entry per event with every source that reports it.

    Each entry: ``{"date", "text", "sources", "spans": [{"source", "start", "end"}], "scheduled",
    "precision"}``, plus ``"who"`` (entity names) when ``entities`` is given. Publication dates are
    reconciled first (:func:`reconcile_published`), and expressions re-resolved against them.
    """
    pubs = reconcile_published(articles, annotations)
    events: list[_Event] = []
    for art in articles:
        published = parse_iso(pubs[art.id]["published"])
        ann = annotations.get(art.id, {})
        if ann.get("timexes") is not None and ann.get("published") == pubs[art.id]["published"]:
            timexes = ann["timexes"]
        else:
            timexes = find_timexes(_text_of(art), published, _lang(art))
        events.extend(_events(art, published, timexes, entities))
    # Most precise first, so coarser reports join a dated entry; then a stable order.
    events.sort(key=lambda e: (-len(e.value), e.value, e.source, e.start))
    entries: list[_Entry] = []
    for ev in events:
        home = next((e for e in entries if _fits(e, ev)), None)
        if home is None:
            entries.append(_Entry(ev.value, [ev]))
        else:
            home.members.append(ev)
    return sorted((_render(e, entities is not None) for e in entries), key=lambda j: (j["date"], j["text"]))


def _render(entry: _Entry, with_who: bool) -> Json:
    members = sorted(entry.members, key=lambda m: (m.source, m.start))

    # The member closest to all the others speaks for the entry (ties: shorter, then source order).
    def centrality(m: _Event) -> tuple[float, int, str, int]:
        total = sum(similarity(m.tokens, o.tokens)[0] for o in members if o is not m)
        return (-total, len(m.text), m.source, m.start)

    lead = min(members, key=centrality)
    out: Json = {
        "date": entry.value,
        "text": lead.text,
        "sources": sorted({m.source for m in members}),
        "spans": [{"source": m.source, "start": m.start, "end": m.end} for m in members],
        "scheduled": all(m.scheduled for m in members),
        "precision": _precision(entry.value),
    }
    if with_who:
        out["who"] = sorted({n for m in members for n in m.who})
    return out
