"""The renderer-neutral reading of a :class:`~storyscope.models.Briefing`.

Markdown and HTML show the same things in the same order: sources numbered ``[1]..[n]`` in briefing
order, citations resolved to those numbers, quotes grouped by speaker, framing flattened to rows.
Keeping that here means the two renderers cannot drift apart, and each only decides markup.

Briefing items other than sources and summary are plain JSON dicts written by later stages, so this
module reads them defensively (a missing or mistyped field renders as absent rather than raising):
a renderer is the last place where a bad value should stop a user from seeing the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from storyscope.models import Article, Briefing, Json, SummarySentence

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UNSAFE_URL_CHARS = re.compile(r"[\s<>\"'`\\\x00-\x1f\x7f]")

# Entities listed in full in Markdown and HTML; the JSON keeps every one (see entities_listed).
MAX_LISTED_ENTITIES = 100
STATUS_LABELS = {"corroborated": "corroborated", "single_source": "single source", "contested": "contested"}
_MONTHS = "January February March April May June July August September October November December".split()
# Timeline entries mark announced future events in one of these ways (a flag, or a kind/status value).
_SCHEDULED_VALUES = frozenset({"scheduled", "planned", "announced", "future"})
# A contradiction side is matched to a claim by text only when it says enough to be unambiguous.
_MIN_SIDE_MATCH_CHARS = 12


def _clause(text: str) -> str:
    """A timeline text that starts inside its sentence ("again in Lestria last month", the second
    date's part of "met in May and again in Lestria last month") is shown as the excerpt it is."""
    # "eBay", "iPhone": a lower-case start of a name is not a cut.
    return f"…{text}" if text[:1].islower() and not text[1:2].isupper() else text


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL that is safe to put in a link, else ``None``.

    Anything else (``javascript:``, ``data:``, relative paths, URLs with spaces, quotes or angle
    brackets) is refused: article metadata is untrusted, and a link is the one place where text
    becomes behaviour.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def date_label(value: str) -> str:
    """``2031-04-02`` -> ``2 April 2031``, ``2031-04`` -> ``April 2031``; anything else unchanged."""
    m = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", value)
    if not m:
        return value
    year, month, day = m.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return value
    name = _MONTHS[int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def published_date(value: object) -> str | None:
    """The ``YYYY-MM-DD`` date of a published value (an ISO date or datetime), else ``None``."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value[:10]
    return None


@dataclass(frozen=True, slots=True)
class SourceView:
    """One source of a story, with its citation number."""

    number: int
    article: Article
    url: str | None
    published: str | None
    published_inferred: bool
    copy_of: int | None

    @property
    def label(self) -> str:
        """The outlet if known, else the article id: what a reader sees next to ``[n]``."""
        return self.article.outlet or self.article.id


@dataclass(frozen=True, slots=True)
class Cite:
    """One citation marker: a source number and, when the passage is known, its offsets."""

    source: str
    number: int | None
    start: int | None = None
    end: int | None = None

    @property
    def has_span(self) -> bool:
        """Whether the cited passage is known (and lies inside the source's text)."""
        return self.start is not None and self.end is not None


_NEUTRAL_VERBS = frozenset("say says said saying tell tells told telling".split())


@dataclass(slots=True)
class QuoteView:
    kind: str
    text: str
    verb: str | None
    cites: list[Cite]
    # The reporting word as the outlet wrote it ("denied"); falls back to the lemma in ``verb``.
    cue: str | None = None
    # How the source describes a speaker it does not name ("two senior officials").
    said_by: str | None = None

    @property
    def framing_cue(self) -> str | None:
        """The cue worth showing beside a direct quote: "said" and "told" add nothing, "claimed" does."""
        return None if self.verb in _NEUTRAL_VERBS else self.cue

    variants: list[tuple[Cite, str]] = field(default_factory=list)


@dataclass(slots=True)
class QuoteGroup:
    speaker: str | None
    quotes: list[QuoteView]


@dataclass(frozen=True, slots=True)
class EntityView:
    name: str
    type: str
    aliases: list[str]
    role: str | None
    cites: list[Cite]


@dataclass(frozen=True, slots=True)
class DatedView:
    """One timeline entry; ``scheduled`` marks an announced event that had not happened yet."""

    date: str
    text: str
    cites: list[Cite]
    scheduled: bool = False

    @property
    def date_label(self) -> str:
        """The date as a reader writes it (``19 July 2022``)."""
        return date_label(self.date)


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim; ``contradicted_by`` lists the sources that say otherwise (ids, in citation order)."""

    text: str
    status: str
    status_label: str
    cites: list[Cite]
    contradicted_by: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One claim × source cell: ``states``, ``contradicts`` or ``silent``, with the passage if known."""

    state: str
    cite: Cite


@dataclass(frozen=True, slots=True)
class MatrixRow:
    claim: ClaimView
    cells: list[MatrixCell]


@dataclass(frozen=True, slots=True)
class ClaimMatrix:
    """Which source states, contradicts or is silent on each claim (columns in citation order)."""

    columns: list[SourceView]
    rows: list[MatrixRow]


@dataclass(frozen=True, slots=True)
class SideView:
    text: str
    cite: Cite
    label: str


@dataclass(frozen=True, slots=True)
class ContradictionView:
    topic: str
    a: SideView
    b: SideView
    rule: str | None = None
    why: str | None = None


@dataclass(frozen=True, slots=True)
class FramingView:
    cite: Cite
    label: str
    rows: list[tuple[str, str]]


def _scheduled(entry: Json) -> bool:
    """Whether a timeline entry is an announced future event (``scheduled: true`` or such a kind)."""
    if entry.get("scheduled") is True:
        return True
    return any(_str(entry.get(k)).casefold() in _SCHEDULED_VALUES for k in ("kind", "status", "tense"))


def _sides(contradiction: Json) -> tuple[Json, Json]:
    """The two sides of a contradiction as dicts (empty when missing or mistyped)."""
    a, b = contradiction.get("a"), contradiction.get("b")
    return (a if isinstance(a, dict) else {}), (b if isinstance(b, dict) else {})


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _str_list(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str)]


def _int(value: object) -> int | None:
    # bool is an int subclass; an offset of True is a bug upstream, not position 1.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def with_subject(text: str, claim: Json) -> str:
    """The claim's text with the person its opening pronoun stands for, in brackets as an editor
    writes it: "He [Jo Roe] was sworn in on …". A claim list is read out of the article's order, where
    "He" no longer follows the sentence that named him."""
    subject, written = _str(claim.get("subject")), _str(claim.get("subject_text"))
    if not subject or written.casefold() not in _SUBJECT_PRONOUNS or not text.startswith(written):
        return text
    rest = text[len(written) :]
    if rest[:1].isalnum():  # "Hendrik", not "He"
        return text
    return f"{written} [{subject}]{rest}"


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def flatten(value: Any) -> str:
    """A short one-line reading of a JSON value (framing values have no fixed shape)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return format(value, ".3g")
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, list):
        return ", ".join(s for s in (flatten(v) for v in value) if s)
    if isinstance(value, dict):
        parts = [f"{humanise(str(k))}: {flatten(v)}" for k, v in value.items()]
        return "; ".join(p for p in parts if not p.endswith(": "))
    return str(value)


def _count(n: Any, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _texts(items: Any, total: Any, limit: int = 3) -> str:
    """Up to ``limit`` quoted claim texts, and how many more there are."""
    texts = [f"“{i['text']}”" for i in items if isinstance(i, dict) and i.get("text")][:limit]
    more = (total if isinstance(total, int) else len(items)) - len(texts)
    return "; ".join(texts) + (f"; and {more} more" if more > 0 and texts else "")


def _coverage_rows(c: Json) -> list[tuple[str, str]]:
    """The coverage of one source in words: how much it states, alone, and what it leaves out."""
    rows: list[tuple[str, str]] = []
    if isinstance(c.get("claims"), int) and isinstance(c.get("of"), int):
        rows.append(("states", f"{c['claims']} of the story's {_count(c['of'], 'claim')}"))
    only = c.get("only_here") or []
    if isinstance(only, list) and only:
        rows.append(
            (f"only here ({c.get('only_here_count', len(only))})", _texts(only, c.get("only_here_count")))
        )
    left = c.get("left_out") or []
    if isinstance(left, list) and left:
        rows.append(
            (f"leaves out ({c.get('left_out_count', len(left))})", _texts(left, c.get("left_out_count")))
        )
    known = {"claims", "of", "only_here", "only_here_count", "left_out", "left_out_count"}
    rows += [(humanise(str(k)), flatten(v)) for k, v in c.items() if k not in known]
    return rows


def humanise(key: str) -> str:
    """``single_source`` -> ``single source``: JSON keys as readers see them."""
    return key.replace("_", " ").strip()


class StoryView:
    """Everything a renderer needs from one briefing, resolved and ordered."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.title = briefing.title or briefing.id
        self._numbers: dict[str, int] = {}
        for i, article in enumerate(briefing.sources, start=1):
            # A repeated id keeps its first number so every citation of it points to one entry.
            self._numbers.setdefault(article.id, i)
        self._texts = {a.id: a.text for a in reversed(briefing.sources)}
        self.sources = [self._source_view(i, a) for i, a in enumerate(briefing.sources, start=1)]
        self._claims: list[ClaimView] | None = None

    def _source_view(self, number: int, article: Article) -> SourceView:
        return SourceView(
            number=number,
            article=article,
            url=safe_url(article.url),
            published=published_date(article.published),
            published_inferred=bool(article.meta.get("published_inferred", False)),
            copy_of=self._numbers.get(article.duplicate_of) if article.duplicate_of else None,
        )

    def number(self, source_id: str) -> int | None:
        """The citation number of a source id, ``None`` if the story does not hold it."""
        return self._numbers.get(source_id)

    def source(self, number: int) -> SourceView:
        """The source with citation number ``number``."""
        return self.sources[number - 1]

    def cite(self, source: object, start: object = None, end: object = None) -> Cite:
        """A citation of ``source``; offsets are kept only when they fall inside its text."""
        sid = _str(source)
        s, e = _int(start), _int(end)
        text = self._texts.get(sid)
        if text is None or s is None or e is None or not 0 <= s <= e <= len(text):
            return Cite(sid, self.number(sid))
        return Cite(sid, self.number(sid), s, e)

    def cite_ids(self, ids: object) -> list[Cite]:
        """Citations of a list of source ids, deduplicated, in citation-number order."""
        return self._ordered([self.cite(sid) for sid in _str_list(ids)])

    @staticmethod
    def _ordered(cites: list[Cite]) -> list[Cite]:
        seen: set[tuple[str, int | None, int | None]] = set()
        unique = []
        for c in cites:
            key = (c.source, c.start, c.end)
            if key not in seen:
                seen.add(key)
                unique.append(c)
        # Unknown sources (number None) go last, in the order they came.
        last = 1 << 30
        return sorted(unique, key=lambda c: (c.number if c.number is not None else last, c.start or 0))

    def sentence_cites(self, sentence: SummarySentence) -> list[Cite]:
        """One citation per span, plus a span-less one for each listed source no span covers."""
        cites = [self.cite(sp.source, sp.start, sp.end) for sp in sentence.spans]
        covered = {c.source for c in cites}
        cites += [self.cite(sid) for sid in sentence.sources if sid not in covered]
        return self._ordered(cites)

    def item_cites(self, item: Json) -> list[Cite]:
        """Citations of a JSON item with ``sources`` and optional ``spans`` (timeline entries, claims).

        Like :meth:`sentence_cites`: a span gives a passage; a listed source without one a plain link.
        """
        cites = []
        for sp in item.get("spans") or []:
            if isinstance(sp, dict):
                cites.append(self.cite(sp.get("source"), sp.get("start"), sp.get("end")))
        covered = {c.source for c in cites}
        cites += [self.cite(sid) for sid in _str_list(item.get("sources")) if sid not in covered]
        return self._ordered(cites)

    def entities_listed(self) -> tuple[list[EntityView], list[EntityView]]:
        """The entities a reader is shown in full, and the rest: a page that is a list (a squad, a
        league table, election results) names a thousand people once each, which would bury the
        story's actors. The briefing orders entities by mentions, so the first ones are kept."""
        ents = self.entities()
        return ents[:MAX_LISTED_ENTITIES], ents[MAX_LISTED_ENTITIES:]

    def entities(self) -> list[EntityView]:
        """Named entities with their aliases (minus ones that only restate the name) and sources."""
        out = []
        for ent in self.briefing.entities:
            name = _str(ent.get("name"))
            if not name:
                continue
            role = ent.get("role")
            aliases = [a for a in _str_list(ent.get("aliases")) if _norm(a) != _norm(name)]
            out.append(
                EntityView(
                    name=name,
                    type=_str(ent.get("type")),
                    aliases=aliases,
                    role=role if isinstance(role, str) and role else None,
                    cites=self.cite_ids(ent.get("sources")),
                )
            )
        return out

    def quote_groups(self) -> list[QuoteGroup]:
        """Quotes grouped by speaker in order of first appearance; unattributed ones last."""
        groups: dict[str | None, QuoteGroup] = {}
        for q in self.briefing.quotes:
            text = _str(q.get("text"))
            if not text:
                continue
            speaker = q.get("speaker")
            key = speaker if isinstance(speaker, str) and speaker.strip() else None
            main = self.cite(q.get("source"), q.get("start"), q.get("end"))
            cites = [main]
            variants: list[tuple[Cite, str]] = []
            for v in q.get("variants") or []:
                if not isinstance(v, dict):
                    continue
                vc = self.cite(v.get("source"), v.get("start"), v.get("end"))
                vtext = _str(v.get("text"))
                if vc.source == main.source and vc.start == main.start:
                    continue
                if not vtext or _norm(vtext) == _norm(text):
                    # The same words in another outlet: one more citation, not another line.
                    cites.append(vc)
                else:
                    variants.append((vc, vtext))
            verb = q.get("verb")
            verb = verb if isinstance(verb, str) and verb.strip() else None
            cue = q.get("cue")
            view = QuoteView(
                kind="indirect" if q.get("kind") == "indirect" else "direct",
                text=text,
                verb=verb,
                cites=self._ordered(cites),
                variants=variants,
                cue=cue.strip() if isinstance(cue, str) and cue.strip() else verb,
                said_by=_str(q.get("speaker_text")) or None if key is None else None,
            )
            groups.setdefault(key, QuoteGroup(key, [])).quotes.append(view)
        named = [g for k, g in groups.items() if k is not None]
        return named + ([groups[None]] if None in groups else [])

    def timeline(self) -> list[DatedView]:
        """Timeline entries in the order the timeline stage put them."""
        return [
            DatedView(_str(t.get("date")), _clause(_str(t.get("text"))), self.item_cites(t), _scheduled(t))
            for t in self.briefing.timeline
            if _str(t.get("text")) or _str(t.get("date"))
        ]

    def claims(self) -> list[ClaimView]:
        """Claims with a readable status label and the sources that contradict each."""
        if self._claims is not None:
            return self._claims
        out = []
        for c in self.briefing.claims:
            text = _str(c.get("text"))
            if not text:
                continue
            status = _str(c.get("status"))
            label = STATUS_LABELS.get(status, humanise(status))
            cites = self.item_cites(c)
            against = self._contradicting(c, text, cites)
            out.append(ClaimView(with_subject(text, c), status, label, cites, against))
        self._claims = out
        return out

    @staticmethod
    def _in_matrix(claim: ClaimView) -> bool:
        """Whether a claim gets a matrix row: more than one source speaks to it (states it or says
        otherwise). A row for a claim one source alone makes is all silence; those are listed apart."""
        return (
            claim.status != "single_source"
            or bool(claim.contradicted_by)
            or len({c.source for c in claim.cites}) > 1
        )

    def single_source_claims(self) -> list[tuple[SourceView, list[ClaimView]]]:
        """Claims only one source makes (none contradicts them), grouped by that source, in citation
        order; the claims that more than one source speaks to are in :meth:`claim_matrix`."""
        by_number: dict[int, list[ClaimView]] = {}
        for claim in self.claims():
            if self._in_matrix(claim):
                continue
            numbers = [c.number for c in claim.cites if c.number is not None]
            if numbers:
                by_number.setdefault(numbers[0], []).append(claim)
        return [(self.source(n), by_number[n]) for n in sorted(by_number)]

    def _contradicting(self, claim: Json, text: str, cites: list[Cite]) -> list[str]:
        """Sources that contradict a claim: named by the claim itself, or by a contradiction one of
        whose sides is this claim (same source and overlapping span, or the side's text inside it).
        """
        stating = {c.source for c in cites}
        against = set(_str_list(claim.get("contradicted_by")))
        norm_text = _norm(text)
        for contra in self.briefing.contradictions:
            a, b = _sides(contra)
            for mine, other in ((a, b), (b, a)):
                if _str(mine.get("source")) not in stating:
                    continue
                side = self.cite(mine.get("source"), mine.get("start"), mine.get("end"))
                side_text = _norm(_str(mine.get("text")))
                overlaps = side.has_span and any(
                    c.source == side.source
                    and c.has_span
                    and (c.start or 0) < (side.end or 0)
                    and (side.start or 0) < (c.end or 0)
                    for c in cites
                )
                contains = len(side_text) >= _MIN_SIDE_MATCH_CHARS and (
                    side_text in norm_text or norm_text in side_text
                )
                if overlaps or contains:
                    against.add(_str(other.get("source")))
        against -= stating
        return [c.source for c in self._ordered([self.cite(s) for s in against if s])]

    def claim_matrix(self) -> ClaimMatrix:
        """The claim × source matrix of the claims more than one source speaks to (no rows when none
        does); claims one source alone makes are in :meth:`single_source_claims`."""
        rows = []
        # Most cells of a large matrix are silent: they share one cell per source.
        silent = {s.article.id: MatrixCell("silent", self.cite(s.article.id)) for s in self.sources}
        for claim in self.claims():
            if not self._in_matrix(claim):
                continue
            by_source: dict[str, Cite] = {}
            for c in claim.cites:
                # Prefer a citation with a passage when a source is cited both ways.
                if c.source not in by_source or (c.has_span and not by_source[c.source].has_span):
                    by_source[c.source] = c
            against = set(claim.contradicted_by)
            cells = []
            for s in self.sources:
                sid = s.article.id
                if sid in by_source:
                    cells.append(MatrixCell("states", by_source[sid]))
                elif sid in against:
                    cells.append(MatrixCell("contradicts", self._contradiction_cite(claim, sid)))
                else:
                    cells.append(silent[sid])
            rows.append(MatrixRow(claim, cells))
        return ClaimMatrix(self.sources, rows)

    def _contradiction_cite(self, claim: ClaimView, source: str) -> Cite:
        """The passage where ``source`` contradicts ``claim``, when a contradiction names one."""
        stating = {c.source for c in claim.cites}
        for contra in self.briefing.contradictions:
            a, b = _sides(contra)
            for mine, other in ((a, b), (b, a)):
                if _str(other.get("source")) == source and _str(mine.get("source")) in stating:
                    cite = self.cite(source, other.get("start"), other.get("end"))
                    if cite.has_span:
                        return cite
        return self.cite(source)

    def _side(self, side: object) -> SideView:
        side = side if isinstance(side, dict) else {}
        cite = self.cite(side.get("source"), side.get("start"), side.get("end"))
        label = self.source(cite.number).label if cite.number is not None else cite.source
        return SideView(_str(side.get("text")), cite, label)

    def contradictions(self) -> list[ContradictionView]:
        """Both sides of each contradiction, each with its own citation, and the rule that fired."""
        out = []
        for c in self.briefing.contradictions:
            rule = _str(c.get("rule")) or None
            why_value = next((c[k] for k in ("why", "reason", "explanation") if k in c), None)
            why = flatten(why_value) or None
            out.append(
                ContradictionView(
                    _str(c.get("topic")),
                    self._side(c.get("a")),
                    self._side(c.get("b")),
                    humanise(rule) if rule else None,
                    why,
                )
            )
        return out

    def _framing_rows(self, key: str, value: Any) -> list[tuple[str, str]]:
        """Readable rows for the framing keys the pipeline writes; any other key is flattened."""
        if key == "coverage" and isinstance(value, dict):
            return _coverage_rows(value)
        if key == "quoted" and isinstance(value, list):
            people = [
                f"{e.get('speaker') or 'unnamed'} ({_count(e.get('quotes'), 'quote')}, "
                f"{_count(e.get('words'), 'word')})"
                for e in value
                if isinstance(e, dict)
            ]
            return [("quotes", ", ".join(people))]
        if key == "reporting_verbs" and isinstance(value, list):
            verbs = [f"{e.get('verb')} ×{e.get('count')}" for e in value if isinstance(e, dict)]
            return [("reporting verbs", ", ".join(verbs))]
        if key == "distinctive_terms" and isinstance(value, list):
            terms = [f"{e.get('term')} ({e.get('count')})" for e in value if isinstance(e, dict)]
            return [("distinctive terms", ", ".join(terms))]
        if key == "copy_of" and isinstance(value, str):
            cite = self.cite(value)
            label = self.source(cite.number).label if cite.number is not None else value
            return [("copy of", label)]
        return [(humanise(key), flatten(value))]

    def framing(self) -> list[FramingView]:
        """Framing rows in source order, then any keys naming sources the story does not hold."""
        framing = self.briefing.framing
        known = [s.article.id for s in self.sources if s.article.id in framing]
        keys = list(dict.fromkeys(known)) + [k for k in framing if k not in self._numbers]
        out = []
        for key in keys:
            value = framing[key]
            if isinstance(value, dict):
                rows = [row for k, v in value.items() for row in self._framing_rows(str(k), v)]
            else:
                rows = [("", flatten(value))]
            rows = [(k, v) for k, v in rows if v]
            if not rows:
                continue
            cite = self.cite(key)
            label = self.source(cite.number).label if cite.number is not None else key
            out.append(FramingView(cite, label, rows))
        return out
