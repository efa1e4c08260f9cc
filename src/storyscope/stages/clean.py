"""Turns scraped article text into the article body, keeping a map back to the raw text.

Input is text already extracted from a web page, with the page's junk still in it: navigation,
related-article links, captions and photo credits, share buttons, cookie notices, comment forms,
ads, contributor credits, the headline repeated. The cleaner works on *units* (a non-blank line, or
a line and its lower-case continuation lines) and decides for each whether it belongs to the story.

Signals, language-independent first:

1. shape: words, characters, sentence-final punctuation, stopword density (small multilingual
   lists), list bullets, a line that is only a date or only a name;
2. position: the body is found as the densest run of prose units (a maximum-sum segment over
   per-unit weights), so menus before it and footers after it fall away without keywords;
3. context: runs of short non-sentence lines (link lists), lines repeated in the page, short lines
   between prose kept as subheads, a marker line ("Read more") taking the link titles after it,
   comment threads ("name says:" lines), prose nested deeper than the body at its end (teasers);
   lines of program code, ingredient lists, numbered rankings and lists announced by a sentence
   ending in a colon are never taken for link lists; a grid of teaser cards (headline, blurb, time)
   is; the writer's bio and contact lines are junk at the end of the body (not inside the story);
4. small multilingual keyword lists (English, German, French, Spanish, Italian, Dutch, Polish,
   Portuguese) for the junk that has no shape of its own: captions, credits, prompts, ads, and
   prose-shaped junk by its phrasing (newsletter and paywall prompts, legal notes, comment rules,
   captions naming who stands where, date-stamped bylines).

Every kept unit is copied verbatim from the raw text (one :class:`Segment` each), paragraphs are
joined with a blank line, and every dropped unit is recorded as a :class:`Removed` span with a reason.

Idempotence: the unit decisions are iterated to a fixed point (a pass over the surviving units
removes nothing more), and cleaned text splits back into exactly the units it was made of, so
``clean_text(clean_text(raw, t).text, t)`` keeps everything. Deterministic; pure Python and regex.
The word lists and patterns of junk live in :mod:`storyscope.stages.junk`.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyscope.models import OffsetMap, Removed, Segment
from storyscope.stages.clean_blocks import (
    _cut_off_teasers,
    _ranked_list,
    _teasers_before_links,
    _trim_head,
)
from storyscope.stages.junk import (
    _ABOUT_HEADER,
    _AD_WORDS,
    _ANY_AD,
    _ANY_CAPTION,
    _ANY_COMMENT,
    _ANY_CREDIT,
    _AUTHOR_VERBS,
    _BIO_CONTACT,
    _BIO_LEAD,
    _BULLET,
    _CJK,
    _CODE,
    _CODE_CHARS,
    _CODE_WORDS,
    _COLON_END,
    _CONSENT,
    _COOKIE_PROSE,
    _COOKIE_WORDS,
    _DATE_TOKEN,
    _ENGAGE,
    _HARD_STOP,
    _LETTER,
    _LINE_NAV,
    _LINE_SHARE,
    _PERSON_WORDS,
    _PREFIX_BYLINE,
    _PREFIX_FILED,
    _PREFIX_RELATED,
    _PREFIX_TAGS,
    _PROMPT_PROSE,
    _PROSE_INDEX,
    _PROSE_RULES,
    _PROSE_TRIGGERS,
    _QUANTITY,
    _SENT_END,
    _SHARE_WORDS,
    _SITE_LICENSE,
    _SOCIAL_NETWORKS,
    _STOPWORDS,
    _URL,
    _WORD,
)


@dataclass
class Cleaned:
    """The cleaned body, its map back to raw offsets, and what was dropped (with why)."""

    text: str
    offset_map: OffsetMap
    removed: list[Removed]


# --- units ------------------------------------------------------------------------------------

# Tokens at least one of which a unit must contain before the costlier "anywhere" patterns run:
# most units are prose that contains none, and a set lookup is far cheaper than a regex search.
_TRIGGERS = {
    "comment": frozenset(
        """leave post add comment comments closed email required join reply replies write log first
        kommentar kommentare kommentieren erforderliche pflichtfelder geschlossen commentaire
        commentaires laisser adresse comentario comentarios deja commenti commento lascia reactie
        reacties komentarz komentarze responses response thoughts thought antworten reaktionen réponses
        respuestas risposte komentarzy thread""".split()
    ),
    "credit": frozenset(
        """contributed reporting editing writing compiled material mitarbeit dpa afp ap reuters kna epd
        avec""".split()
    ),
    "caption": frozenset(
        """photo picture image foto bild bildquelle fotos credit photograph illustration grafik quelle
        source crédit crédits fuente fonte zdjęcie afbeelding c copyright getty images gettyimages imago
        shutterstock istock alliance file afp ap reuters dpa epa anp ansa efe photocredit bildrechte caption
        fotocredit enlarge vergrößern zoom fotó abbildung""".split()
    ),
    "prompt": frozenset(
        """email mail already adblocker adblockers blocker blockers disable whitelist support become
        inbox werbeblocker bereits unterstützen postfach déjà bloqueur javascript privatsphäre""".split()
    ),
    "bio-lead": frozenset("is am ist war arbeitet schreibt leitet hi hello hey hallo hej".split()),
    "bio-contact": frozenset("appeared tip reach reached follow write email mail".split()),
    "license": frozenset(
        """licensed licenced license licence attribution namensnennung rights rechte lizenziert
        steht stehen lizenz licencia""".split()
    ),
    "engage": frozenset(
        """like liked enjoy enjoyed helpful useful share sociable logged akismet affiliate contains
        includes commission gefallen gefällt hilfreich nützlich teilen angemeldet eingeloggt einloggen
        anmelden hinterlasse hinterlassen kommentieren kommentaren meinung provision provisionslink
        provisionslinks enthält enthalten erhält podziel follow comment teile""".split()
    ),
    "ad": frozenset(
        """advertisement advertising sponsored promoted anzeige werbung publicité publicite publicidad
        pubblicità pubblicita reklama advertentie ad ads newsletter subscribe sign unsubscribe
        abonnieren abonnez suscríbete suscribete iscriviti abonneer zapisz job jobs stellenangebote
        cookie cookies privacy datenschutzerklärung terms nutzungsbedingungen rights rechte droits
        derechos diritti download app impressum datenschutz kontakt contact about über imprint agb faq
        mentions aviso jetzt spende spenden donate donation beiträge posts warenkorb cart""".split()
    ),
}


# Every trigger token at once: one set intersection per unit, then the per-pattern checks on what it left.
_ANY_TRIGGER = frozenset().union(*_TRIGGERS.values(), _PROSE_TRIGGERS, _COOKIE_WORDS, _SOCIAL_NETWORKS)


@dataclass(slots=True)
class _Unit:
    start: int  # raw offsets of the unit's first and one-past-last non-blank character
    end: int
    text: str
    words: int = 0
    stop: float = 0.0
    sent: bool = False  # ends a sentence
    colon: bool = False  # ends with a colon or semicolon (introduces what follows)
    bullet: bool = False
    key: str = ""  # normalised tokens, for comparing units with each other and with the title
    kind: str = ""  # "good" (prose), "near" (a short sentence), "headlike", "short", "bad" (junk)
    reason: str = ""  # why a "bad" unit is junk
    hard_stop: bool = False  # a comment-section or related-links header: the body does not cross it
    base: float = 0.0  # region weight from the unit alone
    indent: int = 0  # leading blanks on its line: in rendered HTML, a proxy for the DOM depth
    author: bool = False  # shaped like a comment's author line ("name says:"); junk only in a thread
    code: bool = False  # shaped like a line of program code: part of the story, never a link list
    bio: bool = False  # the writer's bio or contact line: junk at the end of the body only


def _split_units(raw: str, lo: int = 0, hi: int | None = None) -> list[_Unit]:
    """Non-blank lines of ``raw[lo:hi]``, a line joined with the lower-case lines continuing it."""
    hi = len(raw) if hi is None else hi
    units: list[_Unit] = []
    prev_line_open = False  # the previous line is non-blank and does not end a sentence
    pos = lo
    while pos < hi:
        nl = raw.find("\n", pos, hi)
        stop = hi if nl < 0 else nl
        s, e, line_start = pos, stop, pos
        pos = stop + 1
        while s < e and raw[s].isspace():
            s += 1
        while e > s and raw[e - 1].isspace():
            e -= 1
        if s == e:
            prev_line_open = False
            continue
        if prev_line_open and raw[s].islower() and not _BULLET.match(raw[s : s + 4]):
            # A line broken inside a sentence (a <br> in the page, a hard-wrapped text): one unit.
            units[-1].end = e
        else:
            units.append(_Unit(s, e, "", indent=s - line_start))
        line = raw[s:e]
        prev_line_open = not _SENT_END.search(line) and not _COLON_END.search(line)
    for u in units:
        u.text = raw[u.start : u.end]
    return units


def _norm_tokens(text: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(text)]


def _describe(u: _Unit) -> bool:
    """Fill the shape features of ``u``; True if it is written in a script without spaces."""
    text = u.text
    m = _BULLET.match(text)
    body = text[m.end() :] if m and m.end() < len(text) else text
    u.bullet = body is not text
    tokens = body.split()
    u.words = len(tokens)
    cjk = 0
    if not body.isascii():
        cjk = len(_CJK.findall(body))
        u.words += cjk // 2
    if tokens:
        u.stop = sum(1 for t in tokens if t.strip(".,;:!?\"'()«»„“”’").casefold() in _STOPWORDS) / len(tokens)
    stripped = body.rstrip()
    u.sent = bool(_SENT_END.search(stripped))
    u.colon = bool(_COLON_END.search(stripped))
    u.key = " ".join(_norm_tokens(text))
    if u.words <= 14 and stripped.endswith(":"):
        head, _, last = stripped[:-1].rstrip().rpartition(" ")
        u.author = bool(head) and last.casefold() in _AUTHOR_VERBS
    if u.stop < 0.3 and (not _CODE_CHARS.isdisjoint(text) or text.startswith(_CODE_WORDS)):
        u.code = bool(_CODE.search(text))
    return cjk > 10


def _doubled(key: str) -> bool:
    """True if ``key`` (normalised tokens), after a list number, is the same words twice over."""
    head, _, rest = key.partition(" ")
    if head.isdigit():
        key = rest
    half = len(key) // 2
    return len(key) % 2 == 1 and key[half] == " " and key[:half] == key[half + 1 :]


def _junk_reason(u: _Unit, tokens: set[str], hits: set[str]) -> str:
    """A keyword- or shape-based reason this unit is junk wherever it stands, or "".

    ``tokens`` are the unit's normalised tokens, ``hits`` those of them that trigger some pattern.
    """
    text = u.text
    body = _BULLET.sub("", text, count=1) if u.bullet else text
    if not _LETTER.search(text):
        return "navigation"
    if _PREFIX_TAGS.match(body + ":"):
        return "tags"
    if u.words <= 8:
        if _LINE_SHARE.match(body):
            return "share"
        if _LINE_NAV.match(body):
            return "navigation"
    if _PREFIX_RELATED.match(body) and (u.words <= 25 or not u.sent):
        return "related-links"
    if _PREFIX_TAGS.match(body) or (u.words <= 12 and not u.sent and _PREFIX_FILED.match(body)):
        return "tags"
    if u.words >= 6 and _doubled(u.key):
        return "related-links"  # a link's image text and its title, the same words twice in a row
    if u.words <= 40 and hits & _TRIGGERS["comment"] and _ANY_COMMENT.search(body):
        return "comment-prompt"
    if u.words <= 60 and hits & _TRIGGERS["credit"] and _ANY_CREDIT.search(body):
        return "credit"
    if u.words <= 60 and ("©" in body or hits & _TRIGGERS["caption"]) and _ANY_CAPTION.search(body):
        return "caption"
    story_sentence = u.sent and u.words >= 8
    if (
        (u.words <= 30 or u.stop < 0.1)
        and hits & _TRIGGERS["ad"]
        and (_ANY_AD.search(body) or (not story_sentence and _AD_WORDS.search(body)))
    ):
        return "ad"
    if hits & _COOKIE_WORDS and (
        _COOKIE_PROSE.search(body) or (tokens & _PERSON_WORDS and _CONSENT.search(body))
    ):
        return "ad"
    if u.words <= 60 and hits & _TRIGGERS["license"] and _SITE_LICENSE.search(body):
        return "credit"
    if u.words <= 25 and hits & _TRIGGERS["engage"] and _ENGAGE.search(body):
        return "share"
    if u.words <= 60 and hits & _TRIGGERS["prompt"] and _PROMPT_PROSE.search(body):
        return "ad"
    rules = hits & _PROSE_TRIGGERS
    if rules:
        for i in sorted({i for t in rules for i in _PROSE_INDEX[t]}):
            max_words, pattern, why = _PROSE_RULES[i]
            if u.words <= max_words and pattern.search(body):
                return why
    if 3 <= u.words <= 40 and hits & _SOCIAL_NETWORKS and tokens <= _SHARE_WORDS:
        return "share"  # a share bar spelled out: "Share to Facebook Facebook Share to Email Email"
    if u.words <= 12:
        if _URL.search(body) and not u.code:
            return "navigation"
        if _PREFIX_BYLINE.match(body) and not u.sent:
            return "byline"
        if any(c.isdigit() for c in body) and len(_LETTER.findall(_DATE_TOKEN.sub(" ", body))) <= 3:
            return "dateline"
    if u.words <= 25 and not u.sent and body.count(" | ") >= 2:
        return "navigation"  # "date | categories: a, b | 3 comments": a meta line, or a menu on one line
    return ""


def _is_bio(u: _Unit, hits: set[str]) -> bool:
    """Whether a prose unit reads like the writer's bio or contact line ("Jo Roe is a staff writer ...")."""
    if u.words > 80:
        return False
    if not _TRIGGERS["bio-lead"].isdisjoint(hits) and _BIO_LEAD.match(u.text):
        return True
    return not _TRIGGERS["bio-contact"].isdisjoint(hits) and bool(_BIO_CONTACT.search(u.text))


def _classify(u: _Unit) -> None:
    """Shape class and base region weight of one unit (junk keywords first)."""
    cjk = _describe(u)
    tokens = set(u.key.split())
    hits = tokens & _ANY_TRIGGER
    reason = _junk_reason(u, tokens, hits)
    if reason:
        u.kind, u.reason = "bad", reason
        u.hard_stop = bool(_HARD_STOP.match(u.text))
        u.base = -4.0
    elif (
        (u.words >= 10 and u.sent)
        or (u.words >= 18 and u.stop >= 0.15)
        or (u.words >= 35 and (u.stop >= 0.08 or cjk))
        or (len(u.text) >= 70 and u.sent)
    ):
        u.kind = "good"
        # Prose is dense in function words; a long run of names and links is not.
        u.base = min(float(u.words), 80.0) * (0.5 + min(u.stop, 0.3) / 0.6)
        if not u.sent:
            u.base *= UNSENT_FACTOR
        u.bio = _is_bio(u, hits)
    elif u.sent and u.words >= 2 and (u.stop > 0 or u.words >= 4):
        u.kind, u.base = "near", 1.0
        u.bio = _is_bio(u, hits)
    elif u.colon and u.words >= 2:
        u.kind, u.base = "near", 0.5
    elif not u.sent and u.words <= 12 and (u.text[:1].isupper() or u.text[:1].isdigit() or u.bullet):
        u.kind = "headlike"
    else:
        u.kind = "short"
        u.base = 0.5 if u.words >= 10 else 0.0


# --- decisions --------------------------------------------------------------------------------

_HARD_STOP_WEIGHT = -200.0
FLOOR_ABS = 12.0
FLOOR_REL = 0.15
INDENT_SLACK = 4
UNSENT_FACTOR = 0.5
TRIM_MIN_UNITS = 1
_TITLE_BONUS = 30.0  # the headline sits right above the body: an anchor for the region


def _is_title(tokens: list[str], title: list[str], title_set: frozenset[str]) -> bool:
    if not tokens or not title:
        return False
    if tokens == title:
        return True
    if len(tokens) < 3 or len(tokens) > 1.5 * len(title) + 2:
        return False
    line_set = set(tokens)
    overlap = len(line_set & title_set)
    # Near-copies: a headline with the site name appended (on either side), a shortened or
    # re-punctuated headline.
    small, big = sorted((len(line_set), len(title_set)))
    return overlap >= 0.85 * small and overlap >= 0.6 * big


def _title_without_site(tokens: list[str], title: list[str]) -> bool:
    """Whether a line is the page title without the site name the title carries ("... Visitors!" under
    the title "... Visitors! - Jeongdong Theater"): the headline, even when it reads as a sentence."""
    extra = len(title) - len(tokens)
    if len(tokens) < 3 or not 1 <= extra <= 5:
        return False
    return title[: len(tokens)] == tokens or title[extra:] == tokens


def _best_segment(weights: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The maximum-sum run of ``weights[lo:hi]`` (Kadane): (sum, start, end)."""
    best, best_lo, best_hi = float("-inf"), lo, lo
    run, run_lo = 0.0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, run_lo = 0.0, i
        run += weights[i]
        if run > best:
            best, best_lo, best_hi = run, run_lo, i + 1
    return best, best_lo, best_hi


def _main_indent(units: list[_Unit], weights: list[float], lo: int, hi: int) -> int:
    """The indentation carrying most of the prose weight in ``units[lo:hi]``."""
    by_indent: dict[int, float] = {}
    for i in range(lo, hi):
        if weights[i] > 0:
            by_indent[units[i].indent] = by_indent.get(units[i].indent, 0.0) + weights[i]
    return max(sorted(by_indent), key=lambda k: by_indent[k]) if by_indent else -1


def _trim_deeper_tail(units: list[_Unit], weights: list[float], lo: int, hi: int, body_indent: int) -> int:
    """Cut prose nested deeper than the body off the end of the body run.

    Teaser blocks, comment threads and sidebars read like prose and sit right after the story, so the
    density search swallows them; in a rendered page they hang deeper than the story's paragraphs.
    """
    last = hi - 1
    while last >= lo and not (weights[last] > 0 and units[last].indent <= body_indent + INDENT_SLACK):
        last -= 1
    if last < lo:
        return hi
    tail = [i for i in range(last + 1, hi) if weights[i] > 0]
    if len(tail) >= TRIM_MIN_UNITS:
        return last + 1
    return hi


TEASER_MAX_WORDS = 40  # a teaser's blurb is a sentence or two; a story's paragraph may be longer
TEASER_MIN_CARDS = 3
TEASER_OTHER_PROSE = 0.25  # share of the page's prose that must lie outside the cards


def _teaser_cards(units: list[_Unit]) -> set[int]:
    """Blurbs of teaser cards: a block repeating one layout (headline, blurb, date or photo credit).

    A grid of "more stories" holds more prose than many a story, so the density search takes it for
    the body; what gives it away is the layout: three or more cards in a row, each the same units at
    the same depths, each with exactly one blurb, a headline, and a junk line (a time, a photo credit)
    or a second headline-like line (a kicker, an author's name). The headlines must mostly differ (at
    least half of them distinct): a recipe's steps repeat one image label ("Show picture") around each
    step. A story's sections (subhead, paragraph) carry no junk line of their own, and a photo between
    paragraphs usually comes with a caption written as a sentence, not a headline. What this cannot
    tell from teasers is a listicle whose every item is a title, a photo credit and a short paragraph;
    its longer paragraphs (over ``TEASER_MAX_WORDS``) are kept all the same.
    """
    sig: list[tuple[str, int]] = []
    for u in units:
        if u.kind == "bad":
            c = "B"
        elif (
            u.bullet and u.words <= 20 and (u.kind == "short" or (u.kind == "near" and u.text.endswith("?")))
        ):
            c = "H"  # a bulleted link title, long or asking a question: a headline, not a blurb
        elif (u.kind in ("good", "near") and u.base > 0) or (u.kind == "short" and u.words >= 10):
            c = "P"  # prose, or a blurb without its full stop
        elif u.kind == "headlike":
            c = "H"
        else:
            c = "S"
        sig.append((c, u.indent))
    n = len(units)
    hits: set[int] = set()
    for period in (2, 3, 4):
        i = 0
        while i + period <= n:
            card = sig[i : i + period]
            shape = [c for c, _ in card]
            # A card's blurb comes with a headline and a junk line or a second headline-like line
            # (a kicker, the author's name): a story's subhead has one paragraph and nothing else.
            if shape.count("P") != 1 or "H" not in shape or ("B" not in shape and shape.count("H") < 2):
                i += 1
                continue
            k = 1
            while i + (k + 1) * period <= n and sig[i + k * period : i + (k + 1) * period] == card:
                k += 1
            heads = [units[j].key for j in range(i, i + k * period) if sig[j][0] == "H"]
            if k >= TEASER_MIN_CARDS and 2 * len(set(heads)) >= len(heads):
                for j in range(i, i + k * period):
                    if sig[j][0] == "P" and units[j].words <= TEASER_MAX_WORDS:
                        hits.add(j)
                i += k * period
            else:
                i += 1
    # A live blog's entries (a time, a heading, a short update) have the same layout, but they are
    # the page's prose: cards are junk only beside a body of their own.
    prose = sum(u.base for u in units if u.base > 0)
    cards = sum(units[j].base for j in hits if units[j].base > 0)
    if prose - cards < max(2 * FLOOR_ABS, TEASER_OTHER_PROSE * prose):
        return set()
    return hits


def _body_mask(
    units: list[_Unit], weights: list[float], stops: list[bool], heads: frozenset[int] = frozenset()
) -> list[bool]:
    """Which units lie in the body: the densest run of prose, plus prose runs beside it.

    Runs on the other side of a hard stop (a comments or related-links header) never join.
    ``heads`` are the headline lines that anchor the body (see :func:`_trim_head`).
    """
    n = len(units)
    inside = [False] * n
    best, lo, hi = _best_segment(weights, 0, n)
    if best <= 0:
        return inside
    lo = _trim_head(units, lo, hi, heads)
    body_indent = _main_indent(units, weights, lo, hi)
    hi = _trim_deeper_tail(units, weights, lo, hi, body_indent)
    for i in range(lo, hi):
        inside[i] = True
    zone_lo, zone_hi = lo, hi
    while zone_lo > 0 and not stops[zone_lo - 1]:
        zone_lo -= 1
    while zone_hi < n and not stops[zone_hi]:
        zone_hi += 1
    # A body cut in two by a block of junk (a gallery, an ad, a link list): keep the other part
    # when it is substantial prose in its own right, laid out like the main part.
    floor = max(FLOOR_ABS, FLOOR_REL * best)
    for a, b in ((zone_lo, lo), (hi, zone_hi)):
        while a < b:
            s, x, y = _best_segment(weights, a, b)
            if s < floor:
                break
            if abs(_main_indent(units, weights, x, y) - body_indent) <= INDENT_SLACK:
                for i in range(x, y):
                    inside[i] = True
            # Look for more on the far side of what was just taken.
            if x - a > b - y:
                b = x
            else:
                a = y
    return inside


def _listish(u: _Unit) -> bool:
    """Whether ``u`` may be part of a run of link-list lines: short lines, and junk that is no sentence.

    A junk sentence ("Do you rely on us? Click here to support it.") is a prompt, not a menu item: it
    must not join the subheads around it into a run.
    """
    if u.code or u.kind not in ("headlike", "short", "bad"):
        return False
    return u.kind != "bad" or not (u.sent and u.words >= 8)


def _decide(units: list[_Unit], title_tokens: list[str], anchor: bool) -> list[str]:
    """One pass: a removal reason per unit ("" = keep)."""
    n = len(units)
    reasons = [""] * n
    title_set = frozenset(title_tokens)
    title_key = " ".join(title_tokens)
    near_ok = True
    counts: dict[str, int] = {}
    for u in units:
        counts[u.key] = counts.get(u.key, 0) + 1

    weights = [u.base for u in units]
    stops = [u.hard_stop for u in units]
    # Two or more "name says:" lines make a comment thread: each one ends the body there. One such
    # line alone may be the story introducing a quote.
    thread = sum(1 for u in units if u.author) >= 2
    for i, u in enumerate(units):
        if thread and u.author:
            reasons[i] = "comment-prompt"
            weights[i] = _HARD_STOP_WEIGHT
            stops[i] = True
        elif u.kind == "bad":
            reasons[i] = u.reason
            if u.hard_stop:
                weights[i] = _HARD_STOP_WEIGHT
        elif title_tokens and (
            u.key == title_key
            or (near_ok and not u.sent and _is_title(u.key.split(), title_tokens, title_set))
        ):
            reasons[i] = "repeated-headline"
            weights[i] = _TITLE_BONUS if anchor else -4.0
        elif u.sent and _title_without_site(u.key.split(), title_tokens):
            # Dropped, but no anchor for the body: a sentence-like line is a weaker sign of where the
            # headline sits than the title itself.
            reasons[i] = "repeated-headline"
            weights[i] = -4.0
        elif counts[u.key] > 1 and u.key and u.kind != "good" and (u.words >= 4 or not u.sent):
            reasons[i] = "repeated-line"
            weights[i] = -4.0

    bios = [i for i, u in enumerate(units) if u.bio]
    for i in bios:
        if i > 0 and not reasons[i - 1] and _ABOUT_HEADER.match(units[i - 1].text):
            # "About Jo Roe" and the bio under it: the story is over, as after "About the author".
            reasons[i - 1] = reasons[i] = "byline"
            weights[i - 1], stops[i - 1] = _HARD_STOP_WEIGHT, True

    if thread:
        # The thread comes after the story: when there is prose before its first author line, the
        # comments (however long) and whatever follows them cannot be the body.
        first = next(i for i, u in enumerate(units) if u.author)
        if sum(w for w in weights[:first] if w > 0) >= FLOOR_ABS:
            for i in range(first, n):
                weights[i] = min(weights[i], 0.0) - 1.0

    for k in [*_teasers_before_links(units, reasons), *_cut_off_teasers(units, reasons)]:
        reasons[k] = "related-links"
        weights[k] = -2.0

    # Runs of consecutive short non-sentence units: three or more are a link list or a menu (unless
    # they are bullets carrying some words, a list in the story); fewer are subheads and the like.
    # Junk lines inside such a run (menu items that matched a keyword) count towards its length.
    runs: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if not _listish(units[i]):
            i += 1
            continue
        j = i
        while j < n and _listish(units[j]) and reasons[j] != "repeated-headline":
            j += 1
        prev = units[i - 1] if i > 0 else None
        if prev and prev.colon and prev.kind in ("good", "near") and prev.words >= 4 and not reasons[i - 1]:
            # A sentence of the story announces it ("... from these distributions:"): a list in the
            # story, as far as its items stay at the first one's depth.
            m = i + 1
            while m < j and units[m].indent == units[i].indent:
                m += 1
            i = m
            continue
        run = [u for k, u in enumerate(units[i:j], i) if not reasons[k]]
        listy = all(r.bullet for r in run) and sum(r.words for r in run) >= 3 * len(run)
        # Quantities first ("200 g flour", "1/2 cup sugar"): a recipe's ingredients, not links.
        # Three or more make a list even with its headers and notes in the run ("Ingredients", "Steps").
        quantities = sum(1 for r in run if _QUANTITY.match(r.text))
        listy = listy or 2 * quantities >= len(run) or (quantities >= 3 and 3 * quantities >= len(run))
        listy = listy or _ranked_list(run)
        if j - i >= 3 and len(run) >= 2 and not listy:
            runs.append((i, j))
            for k in range(i, j):
                if not reasons[k]:
                    weights[k] = -2.0
        i = max(j, i + 1)

    for k in _teaser_cards(units):
        if not reasons[k]:
            reasons[k] = "related-links"
            weights[k] = -2.0

    heads = frozenset(i for i in range(n) if anchor and reasons[i] == "repeated-headline")
    inside = _body_mask(units, weights, stops, heads)
    for i in range(n):
        if not inside[i] and not reasons[i]:
            reasons[i] = "outside-body"
    for i, j in runs:
        for k in range(i, j):
            reasons[k] = reasons[k] or "link-list"
    # The writer's bio and contact lines close the story: dropped when no story prose follows them
    # (one in the middle of the story is the story's, about a reporter).
    for k in reversed(bios):
        if not reasons[k] and not any(
            not reasons[m] and units[m].kind == "good" and not units[m].bio for m in range(k + 1, n)
        ):
            reasons[k] = "byline"

    for k, u in enumerate(units):
        if reasons[k] or u.kind not in ("headlike", "short"):
            continue
        nxt = next((m for m in range(k + 1, n) if not reasons[m]), None)
        if u.kind == "headlike" and u.words >= 10 and not u.bullet:
            reasons[k] = "related-links"  # a headline-sized line between paragraphs
        elif nxt is None and not u.bullet and u.words < 10:
            reasons[k] = "outside-body"  # nothing follows: not a subhead

    # A marker ("Read more", "See also") takes the link titles right after it.
    for i in range(n):
        if units[i].reason == "related-links" and units[i].words <= 4:
            k = i + 1
            while k < n and units[k].kind in ("headlike", "short") and units[k].words <= 25:
                reasons[k] = reasons[k] or "related-links"
                k += 1
    # A photo credit line takes the caption line right before it when that is no sentence: a
    # sentence there may be the story's, and a lost story sentence costs more than a kept caption.
    for i in range(n):
        if units[i].reason == "caption" and units[i].words <= 12:
            k = i - 1
            while k >= 0 and k >= i - 2 and not reasons[k] and units[k].kind in ("headlike", "short"):
                reasons[k] = "caption"
                k -= 1
    # A paragraph printed twice (a scraper's doubled block, a pull quote repeating the body) is
    # read once: the later copy goes, or every quote and claim in it would count twice.
    seen: set[str] = set()
    for i, u in enumerate(units):
        if reasons[i] or u.kind != "good" or u.words < 8:
            continue
        if u.key in seen:
            reasons[i] = "repeated-line"
        seen.add(u.key)
    return reasons


def clean_text(raw: str, title: str | None = None) -> Cleaned:
    """Return the body of ``raw`` without page junk; ``title`` is the known headline, if any.

    The cleaned text is the kept units of ``raw`` copied verbatim and joined by blank lines;
    ``offset_map`` maps every cleaned offset back into ``raw`` and ``removed`` lists every dropped
    unit with its reason ("navigation", "related-links", "caption", "credit", "repeated-headline",
    ...). Cleaning the cleaned text again with the same title removes nothing more.
    """
    units = _split_units(raw)
    removed: list[Removed] = []
    title_tokens = _norm_tokens(title or "")
    title_str = " ".join((title or "").split())

    if len(title_str) >= 20:
        # A headline glued to another line ("...the standfirstThe Headline"): cut it off.
        split: list[_Unit] = []
        for u in units:
            at = u.text.find(title_str)
            if at < 0 or len(u.text) == len(title_str):
                split.append(u)
                continue
            end = at + len(title_str)
            removed.append(Removed(u.start + at, u.start + end, "repeated-headline"))
            split.extend(_split_units(raw, u.start, u.start + at))
            split.extend(_split_units(raw, u.start + end, u.end))
        units = split

    for u in units:
        _classify(u)
    before, removed_before = list(units), list(removed)
    units, removed = _settle(units, title_tokens, removed, anchor=True)

    if not units and before:
        # The title anchored the body on nothing that reads like prose. Settle again without the
        # headline lines and without the anchor: that is what cleaning the output again would see,
        # so the result stays a fixed point.
        heads = {(r.start, r.end) for r in removed if r.reason == "repeated-headline"}
        rest = [u for u in before if (u.start, u.end) not in heads]
        head_removed = removed_before + [
            Removed(u.start, u.end, "repeated-headline") for u in before if (u.start, u.end) in heads
        ]
        units, removed = _settle(rest, title_tokens, list(head_removed), anchor=False)
        if not units:
            # Nothing looked like prose (a schedule, a list, a table): an empty article is never
            # the right answer for non-empty input, so keep every line but a repeated headline.
            units, removed = rest, head_removed

    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for u in units:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(u.text)
        segments.append(Segment(pos, u.start, u.end - u.start))
        pos += u.end - u.start
    removed.sort(key=lambda r: (r.start, r.end))
    return Cleaned("".join(parts), OffsetMap(segments), _merge_removed(raw, removed))


def _settle(
    units: list[_Unit], title_tokens: list[str], removed: list[Removed], anchor: bool
) -> tuple[list[_Unit], list[Removed]]:
    """Decide and drop until nothing more goes, so that the survivors, cleaned again, stay."""
    # The title anchors the body only in the first pass: later passes see no title line to anchor on.
    first = anchor
    while units:
        reasons = _decide(units, title_tokens, anchor=first)
        first = False
        if not any(reasons):
            break
        survivors = []
        for u, why in zip(units, reasons, strict=True):
            if why:
                removed.append(Removed(u.start, u.end, why))
            else:
                survivors.append(u)
        units = survivors
    return units, removed


def _merge_removed(raw: str, removed: list[Removed]) -> list[Removed]:
    """Adjacent removed spans with the same reason (only whitespace between) become one."""
    out: list[Removed] = []
    for r in removed:
        if out and out[-1].reason == r.reason and not raw[out[-1].end : r.start].strip():
            out[-1] = Removed(out[-1].start, r.end, r.reason)
        else:
            out.append(r)
    return out
