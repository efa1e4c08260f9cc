"""Salient names of an article, for story clustering: capitalised words that are not sentence-initial
function words (the spaCy entity stage is too slow for a stream), and a consonant skeleton that lets
spellings across languages meet (Tehran / Teheran / Téhéran, Putin / Poutine)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from storyscope.stories.params import ClusterParams

_SENT_SPLIT = re.compile(r"(?<=[.!?:;\"”»])\s+|\n+")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$")
# A _TOKEN that starts with a capital letter: the only tokens salient_names counts. Every capital of
# the Basic Multilingual Plane in one class (``re`` has no \p{Lu}); the look-behinds keep the token
# boundaries of _TOKEN ("well-Known" and "l'Italie" start with a small letter there, "’Putin" with P).
_CAPITALS = "".join(c for c in map(chr, range(0x10000)) if c.isupper() and c.isalpha())
_CAPITALISED = re.compile(
    r"(?<![^\W\d_])(?<![^\W\d_]['’\-])[" + re.escape(_CAPITALS) + r"][^\W\d_]*(?:['’\-][^\W\d_]+)*",
    re.UNICODE,
)
# Capitalised words that are not names: function words that open sentences or headlines, titles,
# days and months, in the languages the stream sees most. Lower-cased, diacritics stripped.
_NOT_NAMES = frozenset(
    """
    a an and as at but by for from he her his i if in into is it its me my no not of on or our she so
    that the their them then there these they this those to up us was we were what when where which who
    why will with you your after before over under new more most also all any some one two three mr mrs
    ms dr prof sir president minister prime chief general mayor governor king queen pope senator judge
    police officials official monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december today yesterday tomorrow
    der die das den dem des ein eine einer und oder aber nicht ist sind war wie was wer wo im am zum
    zur bei mit von vor nach auf aus fur uber unter als auch sich sie er es wir ihr ich herr frau
    montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar marz juni juli oktober
    dezember le la les un une des du de et ou mais pas est sont il elle ils elles nous vous au aux
    dans sur pour par avec sans ce cette ces qui que quoi lundi mardi mercredi jeudi vendredi samedi
    dimanche janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre el
    los las una unos unas y o pero es son en por para con sin este esta estos estas lunes martes
    miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio julio agosto
    septiembre setiembre octubre noviembre diciembre il lo gli uno e ma non sono nel nella per tra fra
    questo questa lunedi martedi mercoledi giovedi venerdi sabato domenica gennaio febbraio aprile
    maggio giugno luglio settembre ottobre dicembre
    """.split()
)
_NAME_WORDS = 400
_MAX_NAMES = 15
_STORY_NAMES = 50
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1 << 16)
def _fold(token: str) -> str:
    # Cached: names recur across the articles of a stream, and folding was a third of this module's cost.
    decomposed = unicodedata.normalize("NFKD", token.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def salient_names(title: str, text: str) -> list[str]:
    """The article's most salient names (lower-cased, diacritics stripped), most frequent first.

    A capitalised word counts when it is not sentence-initial, or when it also occurs capitalised
    inside a sentence elsewhere; words in the title count twice. Only the opening ``_NAME_WORDS``
    words of the body are read: the lead names the event.
    """
    body = " ".join(text.split()[:_NAME_WORDS])
    if _title_case(title):
        # "Birth Rate Falls Another Four Percent": a headline in title case capitalises every word,
        # so only its words that the body also capitalises are names.
        in_body = {
            _fold(_POSSESSIVE.sub("", m.group())) for m in _TOKEN.finditer(body) if m.group()[:1].isupper()
        }
        title = " ".join(
            m.group() for m in _TOKEN.finditer(title) if _fold(_POSSESSIVE.sub("", m.group())) in in_body
        )
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    initial: list[tuple[str, int]] = []
    inner: set[str] = set()
    order = 0
    for weight, chunk in ((2, title), (1, body)):
        for sentence in _SENT_SPLIT.split(chunk):
            first = _TOKEN.search(sentence)
            for m in _CAPITALISED.finditer(sentence):
                i = 0 if first is not None and m.start() == first.start() else 1
                tok = _POSSESSIVE.sub("", m.group())
                if len(tok) < 2:
                    continue
                key = _fold(tok)
                if key in _NOT_NAMES:
                    continue
                order += 1
                first_seen.setdefault(key, order)
                if i == 0:
                    initial.append((key, weight))
                else:
                    inner.add(key)
                    counts[key] += weight
    for key, weight in initial:
        if key in inner:
            counts[key] += weight
    ranked = sorted(counts, key=lambda k: (-counts[k], first_seen[k]))
    return ranked[:_MAX_NAMES]


def _title_case(title: str) -> bool:
    """Whether a headline capitalises most of its longer words (English headline style)."""
    words = [m.group() for m in _TOKEN.finditer(title) if len(m.group()) > 3]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def skeleton(name: str) -> str:
    """A spelling-tolerant key for matching a name across languages: first letter plus consonants."""
    out = name[:1]
    for c in name[1:]:
        if c in _VOWELS or c in "h-'’" or not c.isalpha():
            continue
        if out[-1:] != c:
            out += c
    return out


def compare_names(
    names: list[str], story_names: list[str], same_language: bool, p: ClusterParams
) -> tuple[list[str], bool]:
    """Shared salient names of an article (or a story's leading names) and a story's leading names
    (most frequent first), and whether their disagreement vetoes the join."""
    key = (lambda n: n) if same_language else skeleton
    story_keys = {key(n) for n in story_names}
    article_keys = {key(n) for n in names}
    shared = [n for n in names if key(n) in story_keys]
    # Disagreement: none of the article's leading names occurs in the story, and none of the story's
    # leading names in the article (leading names are the places and people the event is about).
    disjoint = not ({key(n) for n in names[: p.veto_top]} & story_keys) and not (
        {key(n) for n in story_names[: p.veto_top]} & article_keys
    )
    vetoed = p.veto_names > 0 and len(names) >= p.veto_names and len(story_names) >= p.veto_names and disjoint
    return shared, vetoed
