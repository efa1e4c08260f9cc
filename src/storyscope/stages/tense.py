"""The tense of the clause around a time expression, which decides where a bare weekday or month
falls: behind the writing date in a past clause ("said on Monday"), ahead of it in a future one ("will
attend ... on Tuesday"). Tense comes from the nearest marker in the sentence: modals and "is to / plans
to / scheduled / expected" for the future; past-tense verbs (an irregular-verb lexicon plus the "-ed"
suffix) for the past. A quotation keeps its own tense."""

from __future__ import annotations

import re
from functools import lru_cache

_FUTURE_STRONG = frozenset("will shall 'll won't wo upcoming scheduled".split())
_FUTURE_PHRASES = re.compile(
    r"\b(?:is|are|am|was|were)\s+(?:due|set|expected|scheduled|slated|poised|going|planning|hoping)?\s*to\s+"
    r"|\b(?:plans?|planned|planning|intends?|intending|aims?|hopes?|expects?|wants?)\s+to\b"
    r"|\b(?:is|are|am)\s+(?:expected|scheduled|due|slated)\b"
    r"|\b(?:set|due|slated|poised)\s+to\s+[a-z]"
    # An agreement or promise is to something after it ("agreed to buy the line in February").
    r"|\b(?:agree[sd]?|agreements?|promis(?:ed|es)|pledged?|vow(?:ed|s)?|decided?|voted?)\s+to\s+[a-z]"
    # Payment and start dates of announcements lie ahead ("payable Jan. 2", "effective Feb. 1").
    r"|\b(?:payable|effective|expiring|maturing)\b",
    re.IGNORECASE,
)
_FUTURE_WEAK = frozenset("would could might may".split())
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|told|announced|added|stated|warned|predicted|promised)\b", re.IGNORECASE
)
_PAST_IRREGULAR = frozenset(
    """
    was were had did said told met went came took made gave held began saw thought found left felt
    brought bought kept knew led lost meant paid put ran rose fell sent set sat spoke stood won wrote
    became broke built caught chose drew drove ate fought flew forgot got grew heard hid hit hurt laid
    lay lent let lit read rode rang sang sank shot shut slept sold spent spun stole struck swore taught
    tore threw understood woke wore withdrew overtook undertook ago
    """.split()
)
# Irregular past forms that are also participles: after "be" they are passive ("would be paid").
_IRREGULAR_PARTICIPLES = frozenset(
    """
    held made paid put set sent sold spent told built bought brought caught found kept laid led left lost
    read shot shut struck taught hit hurt let
    """.split()
)
# "-ed" words that are not past-tense verbs.
_NOT_PAST = frozenset(
    """
    need needed indeed red bed hundred speed seed feed proceed exceed succeed shed bred wed fled breed
    united based so-called armed aged advanced limited detailed concerned related interested supposed
    """.split()
) - {"needed", "fled"}
# "unspecified", "untouched", "unexpected": adjectives, not verbs ("unveiled", "undermined" are verbs).
_UN_ADJECTIVE = re.compile(r"un(?!der|veil|leash|lock|fold|earth|load|seal|rave|ifi|it)[a-z]+ed$")
_HAD_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?$", re.IGNORECASE)
_HAVE_AFTER = re.compile(r"\s+(?:not\s+)?have\b", re.IGNORECASE)
_PARTICIPLE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am|as)\s+$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def clause_tense(sentence: str, start: int, end: int) -> str | None:
    """ "past", "future" or None for the clause around ``sentence[start:end]``: the nearest marker wins.

    Distance counts words; weak modals ("would", "could") count two words further than they are, and
    a tie goes to the marker before the expression (the verb usually governs a following "on Monday").
    """
    best: tuple[float, int, str] | None = None
    for m in _FUTURE_PHRASES.finditer(sentence):
        # "had been due to expire Friday": a plan in the past perfect lies behind the report.
        had = _HAD_BEFORE.search(sentence[max(0, m.start() - 12) : m.start()])
        best = _closer(
            best,
            _word_distance(sentence, m.start(), m.end(), start, end),
            m.start() < start,
            "past" if had else "future",
        )
    for m in _WORD.finditer(sentence):
        if start <= m.start() < end:
            continue
        w = m.group().lower().replace("’", "'")
        tense: str | None = None
        penalty = 0.0
        if (w in _FUTURE_WEAK or w in ("should", "must")) and _HAVE_AFTER.match(sentence, m.end()):
            tense = "past"  # "may have been", "would have closed": a modal perfect looks back
        elif w == "scheduled" and _HAD_BEFORE.search(sentence[max(0, m.start() - 12) : m.start()]):
            tense = "past"  # "had been scheduled to expire Friday": a plan behind the report
        elif w in _FUTURE_STRONG or w.endswith("'ll"):
            tense = "future"
        elif w in _FUTURE_WEAK:
            # A weak modal is often conditional, but in reported speech it is the future of the
            # report ("said Lunesia would ask for more water between June and September").
            reported = m.start() < start and _SPEECH_BEFORE.search(sentence[: m.start()])
            tense, penalty = "future", (0.0 if reported else 2.0)
        elif (
            (
                w in _PAST_IRREGULAR
                or (w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST and not _UN_ADJECTIVE.match(w))
            )
            and not (
                (w not in _PAST_IRREGULAR or w in _IRREGULAR_PARTICIPLES)
                and m.group()[0].islower()
                # A participle after "be" (passive: its auxiliary carries the tense) or "as" ("as planned").
                and _PARTICIPLE_BEFORE.search(sentence[max(0, m.start() - 8) : m.start()])
            )
            and (w in _PAST_IRREGULAR or m.group()[0].islower())
        ):
            tense = "past"
        if tense is None:
            continue
        dist = _word_distance(sentence, m.start(), m.end(), start, end) + penalty
        best = _closer(best, dist, m.start() < start, tense)
    return best[2] if best else None


def _closer(
    best: tuple[float, int, str] | None, dist: float, before: bool, tense: str
) -> tuple[float, int, str]:
    key = (dist, 0 if before else 1, tense)
    return key if best is None or key[:2] < best[:2] else best


_CLAUSE_BREAK = re.compile(r"[,;:(]|\b(?:that|which|while|whereas|but|because)\b", re.IGNORECASE)


_QUOTED = re.compile(r"“[^”]*”|(?:``|'')[^'`\"]*''|\"[^\"]*\"")


@lru_cache(maxsize=64)
def _quotations(sentence: str) -> tuple[tuple[int, int], ...]:
    return tuple(q.span() for q in _QUOTED.finditer(sentence))


def _quote_of(sentence: str, pos: int) -> int:
    """The start of the quotation around ``pos`` in ``sentence`` (-1 outside quotations)."""
    return next((a for a, b in _quotations(sentence) if a <= pos < b), -1)


def _word_distance(sentence: str, a: int, b: int, start: int, end: int) -> float:
    """Words between a marker and the expression; a marker in another clause counts only when the
    expression's own clause has none. A quotation is a clause of its own: the reporting verb outside
    it does not give the tense of a day named inside it ("'He will leave at 4 a.m. Thursday,' she said")."""
    gap = sentence[b:start] if b <= start else sentence[end:a]
    other = _quote_of(sentence, a) != _quote_of(sentence, start)
    return len(_WORD.findall(gap)) + (20.0 if _CLAUSE_BREAK.search(gap) else 0.0) + (20.0 if other else 0.0)
