"""Rule-based mentions and quotes for Spanish, French, Italian and Portuguese articles.

No parser for these languages is available offline, so the nlp stage reads them with rules and
gives the same ``{"mentions": [...], "quotes": [...]}`` the English path gives (see
:mod:`storyscope.stages.entities` and :mod:`storyscope.stages.quotes` for the fields), so that the
briefing code reads them unchanged.

Rules favour precision: a wrong entity or speaker is worse than a missing one.

* Direct quotes are the runs between quotation marks (:mod:`storyscope.stages.quotemarks`) of at
  least ``MIN_QUOTE_WORDS`` words. A reporting verb of the article's language right after the closing
  mark or shortly before the opening one, in the same sentence, attributes the quote; its speaker is
  the name right before the verb or right after it (past an article and a title: "dijo el presidente
  Juan Pérez"); "según X" / "selon X" names X. A quote with no such verb is kept without speaker.
* Names are runs of capitalised words (with particles such as de/del/da/di/van/al- inside), minus
  function words and common words that only open a sentence. A run is kept only when it can be typed:
  a person when it speaks (the subject of a reporting verb), follows a title ("el ministro de Asuntos
  Exteriores, Ana Gil") or an honorific ("M. Roux"), or repeats a person's full name or surname; a place
  when babel knows it as a territory name of the language; an organization when it is a single
  acronym of 2-6 capitals. Anything else is left out. German capitalises every noun and is not read.

Lexicons are in :mod:`storyscope.stages.romance_lexicon`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from storyscope.models import Json
from storyscope.stages.entity_types import OUTLETS
from storyscope.stages.quotemarks import QuoteSpan, quote_spans
from storyscope.stages.romance_lexicon import (
    ACCORDING,
    AUXILIARIES,
    FUNCTION_WORDS,
    HONORIFICS,
    LANGUAGES,
    LOCATIVES,
    NOT_PLACES,
    ORG_HEADS,
    ORG_TAILS,
    PARTICIPLES,
    PARTICLES,
    PLACE_ACRONYMS,
    PREPOSITIONS,
    ROLE_MODIFIERS,
    TITLES,
    VERBS,
)

MIN_QUOTE_WORDS = 4
# How far a reporting verb may stand from the quotation it introduces, in words: "«…», a déclaré …"
# (after) and "Roux a déclaré mardi à la presse : «…»" (before).
_AFTER_WORDS = 3
_BEFORE_WORDS = 8
# Words a title may have between it and the name, and how long a name may be.
_ROLE_LOWER = 2
_MAX_NAME_WORDS = 5

_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
# Arabic-style prefixes written in lower case before a capitalised name ("al-Assad", "el-Sisi").
_PREFIXED = re.compile(r"(?:al|el|ad|as|ash|at|an|ar|az|ul)-[^\W\d_]", re.IGNORECASE)
# Endings of nationality adjectives: egipcio, libio, italiano, égyptien, français, américain,
# estadounidense, británico, israelí, marocain, chinois, tedesco, iraní.
_GENTILIC = re.compile(
    r"(?:[cn]i[oa]|an[oa]|ien(?:ne)?|ais(?:e)?|ain(?:e)?|és|esa|ese|ense|[íi]|ic[oa]|ique|in[oa]|ois(?:e)?|"
    r"and(?:e)?|esc[oa]|ês)s?$"
)
_ROMAN = re.compile(r"[IVXLCDM]+")
_OPEN_MARKS = "«“„‹\"'‘([—–-:"
# French inverted attributions: "a-t-il déclaré", "estime-t-elle", "a-t-on ajouté".
_INVERTED = re.compile(r"-t-(?:il|elle|ils|elles|on)$", re.IGNORECASE)
_ADVERBS = frozenset(
    (
        "también además ya ayer hoy luego después aussi également encore hier auparavant ensuite alors "
        "déjà toujours anche poi inoltre ieri oggi già ancora pure ainda ontem hoje depois"
    ).split()
)


@dataclass
class _Tok:
    i: int
    start: int
    end: int
    text: str
    sent: int
    lower: str = ""
    initial: bool = False

    @property
    def cap(self) -> bool:
        return self.text[0].isupper() or bool(_PREFIXED.match(self.text))


@dataclass
class _Name:
    first: int  # token index
    last: int  # token index, inclusive
    type: str | None = None
    role: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def supported(language: str | None) -> bool:
    """Whether ``language`` is read by these rules."""
    return language in LANGUAGES


@lru_cache(maxsize=8)
def _territories(language: str) -> frozenset[str]:
    """Localized names of countries and regions (babel's CLDR data), as written."""
    import babel

    names = babel.Locale(language).territories
    return frozenset(v for k, v in names.items() if k not in NOT_PLACES and not re.search(r"[(),]", v))


def _sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start: after . ! ? and a space before a capital, and after
    every line break (headlines and captions have no final stop). Not after an honorific ("M. Roux")
    or an initial ("J. Roux")."""
    starts = [0]
    for m in re.finditer(r"\n+\s*|[.!?…]+[»”\"’')]*\s+(?=[«“\"¿¡(]?[^\W\d_])", text):
        if m.group()[0] not in "\n":
            word = re.search(r"([^\W\d_]+)[.!?…]*[»”\"’')]*\s+$", text[max(0, m.start() - 20) : m.end()])
            if word and (word.group(1) in HONORIFICS or len(word.group(1)) == 1):
                continue
            nxt = text[m.end() : m.end() + 1]
            if nxt.islower():
                continue
        starts.append(m.end())
    return starts


def _tokens(text: str) -> list[_Tok]:
    starts = _sentence_starts(text)
    out: list[_Tok] = []
    si = 0
    for m in _TOKEN.finditer(text):
        while si + 1 < len(starts) and starts[si + 1] <= m.start():
            si += 1
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
        prev_sent = out[-1].sent if out else -1
        initial = prev_sent != si or (before[-1:] in _OPEN_MARKS if before else True)
        out.append(_Tok(len(out), m.start(), m.end(), m.group(), si, m.group().lower(), initial))
    return out


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    """Whether two tokens stand next to each other with only spaces between them."""
    gap = text[a.end : b.start]
    return bool(gap) and not gap.strip(" \t") and "\n" not in gap


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper() and not _ROMAN.fullmatch(word)


def _name_runs(text: str, toks: list[_Tok], lowered: frozenset[str], titles: frozenset[str]) -> list[_Name]:
    """Runs of capitalised words, particles allowed inside, sentence-opening common words dropped."""
    runs: list[_Name] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if not t.cap:
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            # Particles ("de la", "van", "di") continue a name only when a capitalised word follows.
            while (
                k < n
                and toks[k].lower in PARTICLES
                and not toks[k].cap
                and _joined(text, toks[k - 1], toks[k])
            ):
                k += 1
            if k < n and toks[k].cap and _joined(text, toks[k - 1], toks[k]) and toks[k].sent == t.sent:
                j = k
                continue
            break
        first = i
        # "El Cairo" opening a sentence, "Según Roux": a capital that only opens a sentence or a quote.
        while (
            first <= j
            and toks[first].initial
            and (toks[first].lower in FUNCTION_WORDS or toks[first].lower in lowered)
        ):
            first += 1
            while first <= j and toks[first].lower in PARTICLES and not toks[first].cap:
                first += 1
        # "Dr. Roux", "M. Roux": the form of address is not part of the name.
        while first <= j and toks[first].text in HONORIFICS:
            first += 1
        # "Presidente Morsi", "General Haftar": a capitalised title is the role, not the name. Alone
        # ("Lt. General (ret.)") or before a body ("Ministro de Exteriores") it names nobody.
        role_at = first
        while first <= j and toks[first].lower in titles:
            first += 1
        if first > role_at and (first > j or not toks[first].cap):
            i = j + 1
            continue
        if first <= j and j - first + 1 <= _MAX_NAME_WORDS and (j > first or len(toks[first].text) > 1):
            run = _Name(first, j)
            if first > role_at:
                run.role = text[toks[role_at].start : toks[first - 1].end]
            runs.append(run)
        i = j + 1
    return runs


@dataclass
class _Cue:
    first: int  # token index of the verb group's first word
    last: int
    verb: str
    according: bool = False


def _cues(toks: list[_Tok], language: str) -> list[_Cue]:
    """Reporting verbs (with their auxiliary: "ha dicho", "a déclaré", "a-t-il dit") and "según"."""
    verbs, parts, aux = VERBS[language], PARTICIPLES[language], AUXILIARIES[language]
    out: list[_Cue] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        low = t.lower
        if low == ACCORDING[language]:
            out.append(_Cue(i, i, low, according=True))
        elif low in aux or (_INVERTED.search(low) and low.split("-")[0] in aux):
            k = i + 1
            if k < len(toks) and toks[k].lower in _ADVERBS:
                k += 1
            if k < len(toks) and toks[k].lower in parts and toks[k].sent == t.sent:
                out.append(_Cue(i, k, f"{low} {toks[k].lower}"))
                i = k
        elif low in verbs or (_INVERTED.search(low) and _INVERTED.sub("", low) in verbs):
            out.append(_Cue(i, i, _INVERTED.sub("", low)))
        i += 1
    return out


def _title_end(toks: list[_Tok], text: str, i: int, language: str) -> int | None:
    """If a title phrase starts at token ``i`` ("ministro de Asuntos Exteriores,", "presidente
    egipcio"), the index of the token right after it; else None."""
    titles = TITLES[language]
    if i >= len(toks) or toks[i].lower not in titles:
        return None
    k = i + 1
    lowers = 0
    while k < len(toks) and toks[k].sent == toks[i].sent:
        t = toks[k]
        if t.lower in PARTICLES and not t.cap:
            # "de Asuntos Exteriores": a body named after a particle is part of the title.
            m = k + 1
            while m < len(toks) and toks[m].lower in PARTICLES and not toks[m].cap:
                m += 1
            if m < len(toks) and toks[m].cap and toks[m].lower not in titles:
                m2 = m
                while m2 + 1 < len(toks) and toks[m2 + 1].cap and _joined(text, toks[m2], toks[m2 + 1]):
                    m2 += 1
                # The body, then the name after a comma or a lower-case word: otherwise the capitalised
                # words after the particle are the name itself ("jefe de Estado" is rare; "Rey de España").
                k = m2 + 1
                continue
            # "portavoce del governo", "chef de la diplomatie": a body in lower case, a word or two,
            # then the name (after a comma or not); the caller still needs a name right after.
            m2 = m
            while (
                m2 < len(toks)
                and m2 - m < _BODY_LOWER
                and toks[m2].sent == toks[i].sent
                and not toks[m2].cap
                and toks[m2].lower.isalpha()
                and toks[m2].lower not in FUNCTION_WORDS
                and toks[m2].lower not in PREPOSITIONS
                and _joined(text, toks[m2 - 1], toks[m2])
            ):
                m2 += 1
            # Longer than one word, the body must end at a comma: "el ministro de defensa visitó
            # Bengasi" has a verb where a body's second word would be.
            comma = m2 < len(toks) and text[toks[m2 - 1].end : toks[m2].start].strip(" \t") == ","
            if m2 > m and m2 < len(toks) and toks[m2].cap and (m2 - m == 1 or comma):
                return m2
            break
        if not t.cap and lowers < _ROLE_LOWER and _role_modifier(t.lower):
            lowers += 1
            k += 1
            continue
        break
    return k


# Lower-case words a title's body may have ("del governo", "de la diplomatie", "de asuntos exteriores").
_BODY_LOWER = 3


def _role_modifier(word: str) -> bool:
    """Whether a lower-case word between a title and a name qualifies the title: a nationality or
    a word such as "general", "interino", "adjoint" ("presidente egipcio", "ministre délégué"). A verb
    there ("el ministro visitó Bengasi", "il ministro inaugura a Roma") means the name is no person's."""
    if word in FUNCTION_WORDS or word in PREPOSITIONS:
        return False
    return word in ROLE_MODIFIERS or bool(_GENTILIC.search(word))


def _title_before(toks: list[_Tok], text: str, name: _Name, language: str) -> tuple[int, int] | None:
    """The title phrase that ends right before ``name`` (its first and last token), if any."""
    for i in range(name.first - 1, max(-1, name.first - 9), -1):
        if toks[i].sent != toks[name.first].sent:
            return None
        end = _title_end(toks, text, i, language)
        if end is None:
            continue
        gap = text[toks[end - 1].end : toks[name.first].start]
        if end == name.first and gap.strip(" \t,") == "" and gap.count(",") <= 1 and "\n" not in gap:
            # "secretario general", "primer ministro": the title starts at its first word.
            while i > 0 and toks[i - 1].sent == toks[i].sent and _joined(text, toks[i - 1], toks[i]):
                word = toks[i - 1].lower
                if word not in TITLES[language] and word not in ROLE_MODIFIERS:
                    break
                i -= 1
            return i, end - 1
        return None
    return None


def _honorific_before(text: str, toks: list[_Tok], name: _Name) -> bool:
    i = name.first - 1
    if i < 0 or toks[i].text not in HONORIFICS:
        return False
    return not text[toks[i].end : toks[name.first].start].strip(" .")


def annotate_romance(text: str, language: str) -> Json:
    """Mentions and direct quotes of one article in ``language`` (one of ``LANGUAGES``)."""
    toks = _tokens(text)
    lowered = frozenset(t.text for t in toks if t.text[:1].islower())
    runs = _name_runs(text, toks, lowered, TITLES[language])
    by_first = {r.first: r for r in runs}
    by_last = {r.last: r for r in runs}
    territories = _territories(language)
    seen = frozenset(t.text for t in toks)
    for r in runs:
        words = toks[r.first : r.last + 1]
        name = text[words[0].start : words[-1].end]
        if name in territories or (len(name) <= 4 and name.upper() in PLACE_ACRONYMS):
            r.type = "place"
        elif len(words) == 1 and _acronym(name) and not _caps_line(toks, r) and not _shouted(name, seen):
            r.type = "organization"
    _places_by_preposition(text, toks, runs, language)
    cues = _cues(toks, language)
    speaker_of: dict[int, _Name] = {}
    for ci, cue in enumerate(cues):
        sp = _speaker(toks, text, cue, by_first, by_last, language)
        if sp is not None:
            speaker_of[ci] = sp
            if _org_like(toks, text, sp) and sp.type in (None, "person"):
                # "el Consejo Nacional de Transición ha afirmado", "según Al Jazeera": bodies and
                # outlets speak too.
                sp.type = "organization"
            elif sp.type is None and not (cue.according and sp.first == sp.last):
                # "selon l'Otan", "según Trípoli": one word after "according to" is as often a body,
                # a capital or a paper as a person; it is typed only if the article types it otherwise.
                sp.type = "person"
    for r in runs:
        if r.type not in (None, "person") or _all_caps(toks, r):
            continue
        title = _title_before(toks, text, r, language)
        if r.role is not None:
            # Its capitalised title was cut off in _name_runs. Not a headline in capitals ("JOURNALISTE
            # BLESSE") nor a short word that may be an acronym ("Presidente Noc:", "Ministro Cnt").
            words = toks[r.first : r.last + 1]
            short = len(words) == 1 and len(words[0].text) <= 3
            if not short and not all(t.text.isupper() for t in words if t.cap):
                r.type = "person"
        elif title is not None:
            r.type = "person"
            r.role = text[toks[title[0]].start : toks[title[1]].end].strip(" ,")
        elif _honorific_before(text, toks, r):
            r.type = "person"
    spans = quote_spans(text)
    labels = _colon_labels(text, toks, runs, spans)
    _extend_people(text, toks, runs)
    mentions, id_of = _mentions_json(text, toks, runs)
    quotes = _quotes(text, toks, spans, cues, speaker_of, id_of, mentions, runs, labels)
    return {"mentions": mentions, "quotes": quotes}


def _places_by_preposition(text: str, toks: list[_Tok], runs: list[_Name], language: str) -> None:
    """Type as places the names a locative preposition introduces at least twice in the article ("en
    Trípoli", "in Bengasi", "hacia Misrata"): cities no territory list holds, which would otherwise
    become people when they "speak" ("Trípoli reconoció ..."). Once is not enough ("confiar en Gadafi",
    "credere in Gheddafi"); a name a title or a form of address introduces anywhere is a person's, and a
    single word the article also writes in lower case is a noun ("in Ospedale"). Not French "à" nor
    Spanish and Italian "a", which introduce people as often ("a demandé à Roux")."""
    locatives = LOCATIVES.get(language, frozenset())
    if not locatives:
        return
    count: dict[str, int] = {}
    for r in runs:
        name = _text(text, toks, r)
        before = toks[r.first - 1] if r.first > 0 else None
        if (
            before is not None
            and before.lower in locatives
            and not before.cap
            and _joined(text, before, toks[r.first])
            and not _org_like(toks, text, r)
        ):
            count[name] = count.get(name, 0) + 1
    if not any(n >= 2 for n in count.values()):
        return
    lower = {t.lower for t in toks if not t.cap}
    people = {
        name
        for r in runs
        if count.get(name := _text(text, toks, r), 0) >= 2
        and (_title_before(toks, text, r, language) is not None or _honorific_before(text, toks, r))
    }
    for r in runs:
        name = _text(text, toks, r)
        single = r.first == r.last
        if (
            r.type is None
            and count.get(name, 0) >= 2
            and name not in people
            and not (single and toks[r.first].lower in lower)
        ):
            r.type = "place"


def _org_like(toks: list[_Tok], text: str, r: _Name) -> bool:
    """Whether a name is a body's or an outlet's: a news outlet, a name opening on a body's noun
    ("Consejo Nacional", "Foreign Office" ends on one), or one with an acronym in it ("ONG Amnesty")."""
    words = toks[r.first : r.last + 1]
    if _text(text, toks, r) in OUTLETS or words[0].lower in ORG_HEADS or words[-1].lower in ORG_TAILS:
        return True
    return len(words) > 1 and any(_acronym(t.text) for t in words)


def _shouted(word: str, seen: frozenset[str]) -> bool:
    """Whether an all-capital word is an ordinary word written loud: a function word ("DE", "QUE",
    "THE") or a longer word the article also writes in lower case ("ÚNICA", "PUEBLO"). Short acronyms
    that are words too stay ("NATO" beside Italian "nato", "CIA", "USA")."""
    low = word.lower()
    return low in FUNCTION_WORDS or low in PREPOSITIONS or low in _ENGLISH or (len(word) >= 5 and low in seen)


# English function words that scraped pages put in capitals ("BY", "THE", "OF").
_ENGLISH = frozenset(
    "the of and by for in on at to as is it or an be we you no not with from this that".split()
)


def _all_caps(toks: list[_Tok], r: _Name) -> bool:
    """Whether a run of several words is all capitals (a headline: "PRESIDENTE DE QATAR")."""
    words = toks[r.first : r.last + 1]
    return len(words) > 1 and all(t.text.isupper() or not t.cap for t in words)


def _caps_line(toks: list[_Tok], r: _Name) -> bool:
    """Whether the acronym stands among other all-capital words (a headline in capitals)."""
    near = [
        t for t in toks[max(0, r.first - 2) : r.last + 3] if t.i != r.first and t.sent == toks[r.first].sent
    ]
    return any(len(t.text) > 1 and t.text.isupper() for t in near)


def _speaker(
    toks: list[_Tok],
    text: str,
    cue: _Cue,
    by_first: dict[int, _Name],
    by_last: dict[int, _Name],
    language: str,
) -> _Name | None:
    """The name that is the subject of the reporting verb ``cue``: right after it (past an article,
    a title and its body: "dijo el ministro de Exteriores, Ana Gil") or right before it."""
    sent = toks[cue.first].sent
    inverted = bool(_INVERTED.search(toks[cue.first].text))
    i = cue.last + 1
    if (
        i < len(toks)
        and toks[i].sent == sent
        and not inverted
        and _joined_or_comma(text, toks[cue.last], toks[i])
    ):
        k = i
        articles = _ARTICLES[language]
        if toks[k].lower in FUNCTION_WORDS and not toks[k].cap and toks[k].lower not in PARTICLES | articles:
            k = len(toks)  # "dijo que …", "a dit à …": what follows is not the subject
        elif toks[k].lower in articles and not toks[k].cap:
            k += 1
        elif toks[k].text in HONORIFICS:
            k += 1  # "a dit M. Roux"
        end = _title_end(toks, text, k, language) if k < len(toks) else None
        if end is not None:
            k = end
        r = by_first.get(k)
        if r is not None and toks[k].sent == sent and (end is None or _title_gap_ok(text, toks, end - 1, k)):
            return r
    if cue.according or inverted:
        return None
    j = cue.first - 1
    if j >= 0 and toks[j].lower in _ADVERBS:
        j -= 1
    r = by_last.get(j)
    if r is None or toks[j].sent != sent:
        return None
    # "Ana Gil, ha detto": a comma between a full name and its verb is common in quick prose.
    if not _joined(text, toks[j], toks[j + 1]) and not (
        r.last > r.first and text[toks[j].end : toks[j + 1].start].strip(" \t") == ","
    ):
        return None
    # "los rebeldes de Bengasi han afirmado": a name after a preposition is not the verb's subject.
    if r.first > 0 and toks[r.first - 1].lower in PREPOSITIONS and toks[r.first - 1].sent == sent:
        return None
    return r


# Articles before a speaker's title ("dijo el ministro"); Portuguese "a"/"o" only for Portuguese,
# where Spanish and Italian "a" is a preposition ("dijo a ELMUNDO.es").
_ARTICLES = {
    "es": frozenset("el la los las".split()),
    "fr": frozenset("le la les l".split()),
    "it": frozenset("il lo la gli le l i".split()),
    "pt": frozenset("o a os as".split()),
}


def _joined_or_comma(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    return "\n" not in gap and not gap.strip(" \t,")


def _title_gap_ok(text: str, toks: list[_Tok], last: int, k: int) -> bool:
    if k >= len(toks) or last >= k:
        return True
    gap = text[toks[last].end : toks[k].start]
    return "\n" not in gap and not gap.strip(" \t,") and gap.count(",") <= 1


def _extend_people(text: str, toks: list[_Tok], runs: list[_Name]) -> None:
    """Every other occurrence of a person's full name, or of their surname alone, is that person."""
    full = {_text(text, toks, r) for r in runs if r.type == "person"}
    surnames: dict[str, int] = {}
    for r in runs:
        if r.type == "person" and r.last > r.first:
            surnames[toks[r.last].text] = surnames.get(toks[r.last].text, 0) + 1
    for r in runs:
        if r.type is not None:
            continue
        name = _text(text, toks, r)
        if name in full or (r.first == r.last and len(name) > 2 and name in surnames):
            r.type = "person"


def _text(text: str, toks: list[_Tok], r: _Name) -> str:
    return text[toks[r.first].start : toks[r.last].end]


def _mentions_json(text: str, toks: list[_Tok], runs: list[_Name]) -> tuple[list[Json], dict[int, int]]:
    out: list[Json] = []
    id_of: dict[int, int] = {}
    for r in runs:
        if r.type is None:
            continue
        id_of[id(r)] = len(out)
        out.append(
            {
                "id": len(out),
                "text": _text(text, toks, r),
                "start": toks[r.first].start,
                "end": toks[r.last].end,
                "type": r.type,
                "kind": "name",
                "role": r.role,
                "resolved_to": None,
                "sent": toks[r.first].sent,
            }
        )
    return out, id_of


def _colon_labels(text: str, toks: list[_Tok], runs: list[_Name], spans: list[QuoteSpan]) -> dict[int, _Name]:
    """Quotations a name and a colon open at the start of a sentence ("Ana Gil: «…»", "Joulwan:
    "…""), by the quote's start: the name is the speaker. Only a person's name, or an untyped one of
    two words or more; "Libia: «…»" is a headline about a place."""
    by_last = {r.last: r for r in runs}
    starts = [t.start for t in toks]
    out: dict[int, _Name] = {}
    for q in spans:
        before = text[: q.start - 1].rstrip(" \t")
        if not before.endswith(":"):
            continue
        j = bisect.bisect_left(starts, len(before) - 1) - 1
        r = by_last.get(j)
        if r is None or text[toks[j].end : len(before) - 1].strip(" \t"):
            continue
        opens = toks[r.first].initial or "\n" in text[max(0, toks[r.first].start - 2) : toks[r.first].start]
        if not opens or not (r.type == "person" or (r.type is None and r.last > r.first)):
            continue
        if _all_caps(toks, r):
            continue
        r.type = "person"
        out[q.start] = r
    return out


def _quotes(
    text: str,
    toks: list[_Tok],
    spans: list[QuoteSpan],
    cues: list[_Cue],
    speaker_of: dict[int, _Name],
    id_of: dict[int, int],
    mentions: list[Json],
    runs: list[_Name],
    labels: dict[int, _Name],
) -> list[Json]:
    starts = [t.start for t in toks]
    out: list[Json] = []
    # Who else is named: people, and capitalised names of two words or more the rules could not type.
    people = [m["start"] for m in mentions if m["type"] == "person"]
    people += [toks[r.first].start for r in runs if r.type is None and r.last > r.first]
    last_named: Json | None = None
    for q in spans:
        content = " ".join(text[s:e].strip() for s, e in q.parts)
        if len(content.split()) < MIN_QUOTE_WORDS:
            continue
        ci = _cue_for(text, toks, starts, cues, q)
        speaker: Json | None = None
        inherited = False
        cue_j: Json | None = None
        verb: str | None = None
        if ci is not None:
            cue = cues[ci]
            a, b = toks[cue.first].start, toks[cue.last].end
            cue_j = {"text": text[a:b], "start": a, "end": b}
            verb = cue.verb
            r = speaker_of.get(ci)
            if r is not None and id(r) in id_of and not any(s <= toks[r.first].start < e for s, e in q.parts):
                speaker = {
                    "text": _text(text, toks, r),
                    "start": toks[r.first].start,
                    "end": toks[r.last].end,
                    "mention": id_of[id(r)],
                }
            elif r is None and last_named is not None and _subjectless(text, toks, cue, q):
                speaker = _continued(text, spans, people, last_named, q)
                inherited = speaker is not None
        if ci is None and (r := labels.get(q.start)) is not None and id(r) in id_of:
            speaker = {
                "text": _text(text, toks, r),
                "start": toks[r.first].start,
                "end": toks[r.last].end,
                "mention": id_of[id(r)],
            }
        if cue_j is None and speaker is None:
            # Quotation marks with no reporting verb and no speaker's label are mostly a title, a
            # scare quote or a portal's teaser (three in ten of those read on ML-Crisis dev): who said
            # what needs someone saying it.
            continue
        # Guillemets are set off by spaces ("« … »"): the quote is the words inside.
        parts = [_trim(text, s, e) for s, e in q.parts]
        out.append(
            {
                "text": content if len(parts) > 1 else text[parts[0][0] : parts[0][1]],
                "start": parts[0][0],
                "end": parts[-1][1],
                "spans": [list(p) for p in parts],
                "kind": "direct",
                "verb": verb,
                "cue": cue_j,
                "speaker": speaker,
                "partials": [],
            }
        )
        if inherited:
            out[-1]["inherited"] = True
        if speaker is not None:
            last_named = out[-1]
    return out


# Pronouns that stand for the speaker before a reporting verb ("il a ajouté", "ella dijo").
_PRONOUNS = frozenset("il elle él ella lui lei ele".split())


def _subjectless(text: str, toks: list[_Tok], cue: _Cue, q: QuoteSpan) -> bool:
    """Whether a reporting verb names no subject of its own: a pronoun ("a-t-il ajouté", "il a dit")
    or nothing at all ("«…», añadió.")."""
    first = toks[cue.first]
    if _INVERTED.search(first.text):
        return True
    if cue.first > 0 and toks[cue.first - 1].lower in _PRONOUNS and _joined(text, toks[cue.first - 1], first):
        return True
    if cue.according or first.start < q.end:
        return False
    between = text[q.end : first.start]
    after = text[toks[cue.last].end :].lstrip(" \t")
    return not between.strip(" \t,»”\"’'") and (not after or after[0] in ".;\n")


def _continued(text: str, spans: list[QuoteSpan], people: list[int], prev: Json, q: QuoteSpan) -> Json | None:
    """The speaker of the previous attributed quote, when a quote whose verb names nobody follows it
    in the same or the next paragraph with no other person named between them outside quotes
    ("«…», a déclaré Ana Gil. «…», a-t-elle ajouté")."""
    gap = text[prev["end"] : q.start]
    if len(re.findall(r"\n\s*", gap)) > 1:
        return None
    for p in people:
        if p == prev["speaker"]["start"]:
            continue
        if prev["end"] <= p < q.start and not any(s.start <= p < s.end for s in spans):
            return None
    sp: Json = dict(prev["speaker"])
    return sp


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _cue_for(text: str, toks: list[_Tok], starts: list[int], cues: list[_Cue], q: QuoteSpan) -> int | None:
    """The reporting verb of a quotation: one of the first words after its closing mark, else one of
    the last words before its opening mark, in the same sentence and paragraph."""
    after = bisect.bisect_left(starts, q.end)
    before = bisect.bisect_left(starts, q.start) - 1
    close_para = text.find("\n", q.end)
    close_para = len(text) if close_para < 0 else close_para
    open_para = text.rfind("\n", 0, q.start) + 1
    for ci, cue in enumerate(cues):
        first = toks[cue.first]
        if after <= cue.first < after + _AFTER_WORDS and first.start < close_para:
            between = text[q.end + 1 : first.start]
            # "«…», a déclaré …" / "«…», Roux a déclaré": the sentence goes on after the quote.
            if not re.search(r"[.!?;]", between):
                return ci
    for ci in range(len(cues) - 1, -1, -1):
        cue = cues[ci]
        last = toks[cue.last]
        if before - _BEFORE_WORDS < cue.last <= before and last.end >= open_para:
            between = text[last.end : q.start]
            if not re.search(r"[.!?;]", between.rstrip(" «“\"„‹'‘")):
                return ci
    return None
