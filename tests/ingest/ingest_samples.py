"""Fictional articles and builders for ingest tests (all text written for these tests)."""

from __future__ import annotations

from html import escape

BRIDGE_TITLE = "Harbour bridge in Norrvik opens after four years of work"
BRIDGE_PARAS = [
    "The new harbour bridge in the fictional town of Norrvik opened to traffic on Monday morning, "
    "four years after the town council approved the project in a narrow vote.",
    "Mayor Elin Sandqvist cut the ribbon in front of a crowd of several hundred residents, many of "
    "whom had crossed the water by ferry for most of their lives. “This changes how we live,” she said.",
    "Engineers expect about twelve thousand vehicles a day to use the crossing, which replaces a "
    "ferry service that ran every forty minutes and was often cancelled in winter storms.",
    "The project cost 84 million crowns, some nine million more than first planned, after a dispute "
    "with a steel supplier delayed the second phase by almost a year.",
]
FLOOD_TITLE = "Flood barriers raised along the Vessel river as rain continues"
FLOOD_PARAS = [
    "Emergency crews raised temporary flood barriers along the Vessel river on Thursday as heavy rain "
    "continued for a third day across the invented province of Lakemark.",
    "The regional water authority said levels at the Grandby gauge had risen by almost two metres "
    "since Tuesday and were expected to peak early on Saturday.",
    "Residents of three low-lying streets were asked to move cars to higher ground, and two primary "
    "schools were closed as a precaution, a spokesman for the authority said.",
]


def text_article(title: str = BRIDGE_TITLE, paras: list[str] | None = None) -> str:
    """A plain-text article: headline line, blank line, paragraphs separated by blank lines."""
    return "\n\n".join([title, *(paras or BRIDGE_PARAS)]) + "\n"


def html_page(
    title: str = BRIDGE_TITLE,
    paras: list[str] | None = None,
    *,
    date: str | None = "2023-05-08",
    author: str | None = "Jonas Berg",
    sitename: str | None = "Norrvik Courier",
    charset: str | None = "utf-8",
) -> str:
    """A news page with navigation, a header and a footer around the article body."""
    meta = [f'<meta charset="{charset}">'] if charset else []
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T09:30:00+02:00">')
    if author:
        meta.append(f'<meta name="author" content="{escape(author)}">')
    if sitename:
        meta.append(f'<meta property="og:site_name" content="{escape(sitename)}">')
    body = "\n".join(f"<p>{escape(p)}</p>" for p in (paras or BRIDGE_PARAS))
    return f"""<!DOCTYPE html>
<html lang="en"><head>{"".join(meta)}<title>{escape(title)} | {escape(sitename or "News")}</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>{escape(title)}</h1>
{body}
</article></main>
<footer><p>Subscribe to our newsletter for the latest headlines every morning.</p></footer>
</body></html>
"""


def rss_feed(items: list[dict[str, str]], title: str = "Norrvik Courier") -> str:
    """An RSS 2.0 feed; each item may have title, link, description, content, pubDate, guid."""
    out = []
    for item in items:
        parts = []
        for key in ("title", "link", "guid", "pubDate", "author"):
            if key in item:
                parts.append(f"<{key}>{escape(item[key])}</{key}>")
        if "description" in item:
            parts.append(f"<description>{escape(item['description'])}</description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        for tag in item.get("tags", "").split(","):
            if tag:
                parts.append(f"<category>{escape(tag)}</category>")
        out.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>https://norrvik.example/</link>"
        "<description>Local news</description>" + "".join(out) + "</channel></rss>\n"
    )


def atom_feed(entries: list[dict[str, str]], title: str = "Lakemark Tidings") -> str:
    """An Atom feed; each entry may have title, link, summary, content, updated, id."""
    out = []
    for e in entries:
        parts = [
            f"<title>{escape(e.get('title', ''))}</title>",
            f"<id>{escape(e.get('id', e.get('link', 'x')))}</id>",
        ]
        if "link" in e:
            parts.append(f'<link href="{escape(e["link"])}"/>')
        parts.append(f"<updated>{e.get('updated', '2023-05-10T08:00:00Z')}</updated>")
        if "summary" in e:
            parts.append(f"<summary>{escape(e['summary'])}</summary>")
        if "content" in e:
            parts.append(f'<content type="html">{escape(e["content"])}</content>')
        out.append("<entry>" + "".join(parts) + "</entry>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:lakemark</id><updated>2023-05-10T08:00:00Z</updated>"
        + "".join(out)
        + "</feed>\n"
    )
