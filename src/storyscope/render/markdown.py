"""Briefings as Markdown: one ``#`` section per story, citations as ``[n]`` into its Sources list.

Article-derived text is untrusted and may hold Markdown or HTML; :func:`escape` neutralises it so a
headline like ``<script>`` or ``[x](javascript:...)`` stays text when the Markdown is rendered.
Empty sections are left out rather than shown with a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyscope.models import Briefing
from storyscope.render.view import Cite, SourceView, StoryView, safe_url

# Backslash-escapable ASCII punctuation (CommonMark) that can start markup anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# What turns the start of a line into a heading, list, quote, rule or table.
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+=](?=\s|$)|[-=_*]{3,}|\d{1,9}(?=[.)]))")


def escape(text: str, *, line_start: bool = False) -> str:
    """``text`` as literal inline Markdown on one line (whitespace runs become one space).

    ``line_start``: the text begins a line, where ``# ``, ``- `` or ``1.`` would start a block.
    """
    text = " ".join(text.split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    m = _LINE_START.match(text) if line_start else None
    if m:
        # "1999. It rained" would become an ordered list: escape the dot after the digits.
        digits = m.group(0)[0].isdigit()
        text = m.group(0) + "\\" + text[m.end() :] if digits else "\\" + text
    return text


def _markers(cites: Iterable[Cite]) -> str:
    """``[1][3]``: one marker per cited source (Markdown cannot show passages, only sources)."""
    out: list[str] = []
    for c in cites:
        mark = f"[{c.number}]" if c.number is not None else f"\\[{escape(c.source)}\\]"
        if mark not in out:
            out.append(mark)
    return "".join(out)


def _cited(text: str, cites: list[Cite]) -> str:
    markers = _markers(cites)
    return f"{text} {markers}" if markers else text


def _source_line(s: SourceView) -> str:
    a = s.article
    parts = [f"**{escape(a.outlet)}**" if a.outlet else f"**{escape(a.id)}**"]
    title = escape(a.title)
    if title:
        parts.append(f"*{title}*")
    if s.published:
        parts.append(s.published + (" (date inferred)" if s.published_inferred else ""))
    url = safe_url(a.url)
    if url:
        parts.append(f"<{url}>")
    elif a.url:
        parts.append(escape(a.url))
    line = ", ".join(parts)
    if s.copy_of is not None:
        line += f" (copy of [{s.copy_of}])"
    elif a.duplicate_of:
        line += f" (copy of {escape(a.duplicate_of)})"
    return f"{s.number}. {line}"


def _story(b: Briefing) -> list[str]:
    v = StoryView(b)
    out = [f"# {escape(v.title)}", ""]

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.extend([f"## {title}", "", *lines, ""])

    # One sentence per line: a single paragraph when rendered, one line per sentence in a diff.
    section(
        "What happened",
        [_cited(escape(s.text, line_start=True), v.sentence_cites(s)) for s in b.summary if s.text],
    )

    people = []
    listed, rest = v.entities_listed()
    for e in listed:
        details = [escape(e.type)] if e.type else []
        if e.aliases:
            details.append("also " + ", ".join(escape(a) for a in e.aliases))
        text = f"**{escape(e.name)}**" + (f" ({'; '.join(details)})" if details else "")
        if e.role:
            text += f": {escape(e.role)}"
        people.append(f"- {_cited(text, e.cites)}")
    if rest:
        people.append(f"- *… and {len(rest):,} more, each named less often (all in the JSON briefing)*")
    section("Who is involved", people)

    said: list[str] = []
    for g in v.quote_groups():
        said += [f"### {escape(g.speaker) if g.speaker else 'Unattributed'}", ""]
        for q in g.quotes:
            who = f"{escape(q.said_by)}: " if q.said_by else ""
            if q.kind == "direct":
                body = f"{who}“{escape(q.text)}”" + (f" *({escape(q.framing_cue)})*" if q.framing_cue else "")
            else:
                # The reporting word leads a paraphrase: "*denied* the report" is a statement,
                # "the report" alone is not.
                lead = f"*{escape(q.cue)}* " if q.cue else ""
                body = f"{who}{lead}{escape(q.text)} *(paraphrase)*"
            said.append(f"- {_cited(body, q.cites)}")
            for cite, text in q.variants:
                said.append(f"  - {_markers([cite])} has: “{escape(text)}”")
        said.append("")
    section("Who said what", said[:-1])

    section(
        "Timeline",
        [f"- {_cited(f'**{escape(t.date)}**: {escape(t.text)}', t.cites)}" for t in v.timeline()],
    )
    section("Claims", [f"- {_cited(escape(c.text), c.cites)} *{escape(c.status_label)}*" for c in v.claims()])

    contra: list[str] = []
    for c in v.contradictions():
        contra.append(f"- **{escape(c.topic)}**" if c.topic else "- Sources disagree")
        for side in (c.a, c.b):
            contra.append(f"  - {_markers([side.cite])} {escape(side.label)}: “{escape(side.text)}”")
    section("Contradictions", contra)

    framing: list[str] = []
    for f in v.framing():
        rows = "".join(
            f"\n  - {escape(k)}: {escape(val)}" if k else f"\n  - {escape(val)}" for k, val in f.rows
        )
        framing.append(f"- {_markers([f.cite])} {escape(f.label)}{rows}")
    section("Framing", framing)

    section("Sources", [_source_line(s) for s in v.sources])
    return out


def render_markdown(bs: Iterable[Briefing]) -> str:
    """All briefings as one Markdown document (empty string for no briefings)."""
    lines = [line for b in bs for line in _story(b)]
    return "\n".join(lines).rstrip("\n") + "\n" if lines else ""
