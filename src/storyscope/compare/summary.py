"""An extractive multi-source summary whose every sentence cites the sources that state it.

Sentences are taken verbatim from the articles (so no sentence asserts what no source states). A
sentence scores by how many independent sources state the same thing (syndicated copies count once),
how central it is to the story, and how early its source puts it; selection is greedy with a
redundancy cut, and the chosen sentences are ordered by where they sit in their articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storyscope.models import Article, Span, SummarySentence
from storyscope.stages.sentences import split_sentences

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_STOP = frozenset(
    """
    a an the and or but if of at by for with about against between into through during before after
    above below to from up down in out on off over under again further then once here there when where
    why how all any both each few more most other some such no nor not only own same so than too very
    can will just should now is are was were be been being have has had having do does did doing would
    could might must shall may it its it's this that these those i me my we our you your he him his she
    her they them their what which who whom also said says say told according as while since
    """.split()
)
_QUOTE_OPENERS = "\"“‘'«„"
# Sentences shorter than this carry too little to summarise; longer ones read badly in a summary.
_MIN_WORDS, _MAX_WORDS = 7, 50
# A source "states" a sentence when one of its sentences holds this share of its content words, is not
# much broader itself (reverse share), and agrees on every number: a long sentence that mentions the
# same people is not a statement of the same fact.
_STATE_SHARE = 0.6
_STATE_REVERSE = 0.45
_STATE_COSINE = 0.45
_NUMBER = re.compile(r"\d[\d,.]*")
_REDUNDANT = 0.45


@dataclass
class _Cand:
    source: str
    order: int
    index: int
    rel_pos: float
    start: int
    end: int
    text: str
    terms: Counter[str]
    words: int


def _terms(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for w in _WORD.findall(text.lower()):
        if w in _STOP or len(w) < 2:
            continue
        out[_stem(w)] += 1
    return out


def _stem(w: str) -> str:
    # Just enough folding for overlap counting: possessives and plurals.
    for suf in ("'s", "’s"):
        if w.endswith(suf):
            w = w[: -len(suf)]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(a[t] * b[t] * idf.get(t, 1.0) ** 2 for t in a.keys() & b.keys())
    na = math.sqrt(sum((v * idf.get(t, 1.0)) ** 2 for t, v in a.items()))
    nb = math.sqrt(sum((v * idf.get(t, 1.0)) ** 2 for t, v in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def _numbers(text: str) -> set[str]:
    return {m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}


def _states(c: _Cand, t: _Cand, idf: dict[str, float]) -> bool:
    """Whether sentence ``t`` states what ``c`` states (conservatively: wrong citations are worse)."""
    return (
        _share(c.terms, t.terms) >= _STATE_SHARE
        and _share(t.terms, c.terms) >= _STATE_REVERSE
        and _cosine(c.terms, t.terms, idf) >= _STATE_COSINE
        and _numbers(c.text) == _numbers(t.text)
    )


def _share(a: Counter[str], b: Counter[str]) -> float:
    """The share of ``a``'s distinct content words that ``b`` holds."""
    return len(a.keys() & b.keys()) / len(a) if a else 0.0


def summarize(articles: Sequence[Article], words: int = 150) -> list[SummarySentence]:
    """A summary of about ``words`` words (never under 2/3 nor over 4/3 of it when the text allows)."""
    voice = {a.id: (a.duplicate_of if a.duplicate_of in {x.id for x in articles} else a.id) for a in articles}
    cands = _candidates(articles)
    if not cands:
        return []
    df: Counter[str] = Counter()
    for c in cands:
        df.update(c.terms.keys())
    n = len(cands)
    idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}

    by_source: dict[str, list[_Cand]] = {}
    for c in cands:
        by_source.setdefault(c.source, []).append(c)

    support: list[dict[str, _Cand]] = []
    scores: list[float] = []
    for c in cands:
        stating = {c.source: c}
        for src, sents in by_source.items():
            if src == c.source:
                continue
            matches = [t for t in sents if _states(c, t, idf)]
            if matches:
                stating[src] = max(matches, key=lambda t: (_cosine(c.terms, t.terms, idf), -t.index))
        support.append(stating)
        voices = len({voice[s] for s in stating})
        centrality = _centrality(c, by_source, voice, idf)
        position = 1.0 / (1.0 + c.index)
        penalty = 0.5 if c.text.lstrip()[:1] in _QUOTE_OPENERS else 0.0
        scores.append(voices + 2.0 * centrality + 0.8 * position - penalty)

    # How widely the story's sources use each term: the summary should cover what many sources
    # talk about. Copies are not extra voices.
    term_voices: dict[str, set[str]] = {}
    for c in cands:
        for t in c.terms:
            term_voices.setdefault(t, set()).add(voice[c.source])
    n_voices = len(set(voice.values()))
    weight = {t: len(v) / n_voices for t, v in term_voices.items() if len(v) >= 2 or n_voices == 1}

    chosen: list[int] = []
    covered: set[str] = set()
    total = 0
    while total < words:
        best: tuple[float, int] | None = None
        for i, c in enumerate(cands):
            if i in chosen or total + c.words > words * 4 // 3:
                continue
            if any(_cosine(c.terms, cands[j].terms, idf) >= _REDUNDANT for j in chosen):
                continue
            # Greedy coverage with diminishing returns: terms already covered earn nothing again.
            gain = sum(weight.get(t, 0.0) for t in c.terms if t not in covered) / math.sqrt(c.words)
            value = gain + 0.3 * scores[i]
            key = (value, -i)
            if best is None or key > (best[0], -best[1]):
                best = (value, i)
        if best is None:
            break
        i = best[1]
        chosen.append(i)
        covered.update(cands[i].terms)
        total += cands[i].words

    chosen.sort(key=lambda i: (cands[i].rel_pos, cands[i].order, cands[i].index))
    order = {a.id: k for k, a in enumerate(articles)}
    out = []
    for i in chosen:
        stating = support[i]
        srcs = sorted(stating, key=lambda s: order[s])
        spans = [Span(s, stating[s].start, stating[s].end) for s in srcs]
        text = _representative([stating[s] for s in srcs], idf).text
        out.append(SummarySentence(text=text, sources=srcs, spans=spans))
    return out


def _representative(group: list[_Cand], idf: dict[str, float]) -> _Cand:
    """The wording most like the others': an odd (say machine-translated) variant is rarely typical."""
    if len(group) < 3:
        return group[0] if len(group) == 1 else min(group, key=lambda c: c.order)
    return max(
        group,
        key=lambda c: (sum(_cosine(c.terms, o.terms, idf) for o in group if o is not c), -c.order),
    )


def _centrality(
    c: _Cand, by_source: dict[str, list[_Cand]], voice: dict[str, str], idf: dict[str, float]
) -> float:
    """Mean over the other independent sources of the best similarity to one of their sentences."""
    others = [
        sents
        for src, sents in by_source.items()
        if voice[src] != voice[c.source] and voice[src] == src  # copies are not another voice
    ]
    if not others:
        return 0.0
    return sum(max(_cosine(c.terms, t.terms, idf) for t in sents) for sents in others) / len(others)


def _candidates(articles: Sequence[Article]) -> list[_Cand]:
    out = []
    for order, a in enumerate(articles):
        sents = split_sentences(a.text)
        # The first sentence of a .txt body can be a sub-headline without a verb; text length keeps
        # those out through _MIN_WORDS and the requirement of final punctuation.
        for k, s in enumerate(sents):
            n_words = len(s.text.split())
            if not (_MIN_WORDS <= n_words <= _MAX_WORDS):
                continue
            if s.text.rstrip("\"'”’»)").rstrip()[-1:] not in ".!":
                continue
            terms = _terms(s.text)
            if len(terms) < 3:
                continue
            out.append(_Cand(a.id, order, k, k / max(1, len(sents)), s.start, s.end, s.text, terms, n_words))
    return out
