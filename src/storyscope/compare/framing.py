"""How each source frames the story: what it includes and leaves out, whom it quotes, in which words.

Per source (JSON ``framing: {source_id: {...}}``):

``coverage``
    From the claim × source matrix: how many of the story's claims the source states, the claims only
    it states (``only_here``) and the claims two or more other independent voices state that it leaves
    out (``left_out``). A syndicated copy shares its original's voice: what the original states is not
    "only here" because the copy repeats it.
``quoted``
    Whom it quotes, how often and at what length (words of quoted text), most quoted first.
``reporting_verbs``
    The verbs it introduces statements with ("said" against "claimed", "admitted", "warned").
``distinctive_terms``
    Words it uses markedly more than the other sources: weighted log-odds with an informative
    Dirichlet prior (Monroe, Colaresi and Quinn 2008), kept when the z-score is at least 1.96.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from storyscope.models import Article, Json

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_STOP = frozenset(
    """
    a an the and or but if of at by for with about against between into through during before after above
    below to from up down in out on off over under again then once here there when where why how all any
    both each few more most other some such no nor not only own same so than too very can will just should
    now is are was were be been being have has had having do does did doing would could might must shall
    may it its this that these those i me my we our you your he him his she her they them their what which
    who whom also said says say told according as while since s t
    """.split()
)
Z_MIN = 1.96
MAX_TERMS = 10
MAX_LISTED = 8


def _tokens(text: str) -> list[str]:
    return [w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP and len(w) > 2]


def distinctive_terms(texts: dict[str, str], limit: int = MAX_TERMS) -> dict[str, list[Json]]:
    """Per key of ``texts``: its most over-represented words against all the others (log-odds z >= 1.96)."""
    counts = {k: Counter(_tokens(t)) for k, t in texts.items()}
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    a0 = sum(total.values())
    out: dict[str, list[Json]] = {}
    for k, ci in counts.items():
        rest = total - ci
        ni, nj = sum(ci.values()), sum(rest.values())
        scored: list[tuple[float, str, int]] = []
        for w, yi in ci.items():
            if yi < 2:
                continue  # one use is not a habit
            aw = total[w]
            yj = rest[w]
            delta = math.log((yi + aw) / (ni + a0 - yi - aw)) - math.log((yj + aw) / (nj + a0 - yj - aw))
            var = 1.0 / (yi + aw) + 1.0 / (yj + aw)
            z = delta / math.sqrt(var)
            if z >= Z_MIN:
                scored.append((z, w, yi))
        scored.sort(key=lambda s: (-s[0], s[1]))
        out[k] = [{"term": w, "count": n, "z": round(z, 2)} for z, w, n in scored[:limit]]
    return out


def build_framing(
    articles: Sequence[Article], claims: Sequence[Json], quotes: Sequence[Json], *_: object
) -> Json:
    """The per-source framing of a story (see the module docstring)."""
    ids = {a.id for a in articles}
    voice = {a.id: (a.duplicate_of if a.duplicate_of in ids else a.id) for a in articles}
    # Copies would only echo their original: distinctive terms compare independent voices.
    voice_text: dict[str, str] = {}
    for a in articles:
        if voice[a.id] == a.id:
            voice_text[a.id] = a.text
    terms = distinctive_terms(voice_text) if len(voice_text) > 1 else {}

    out: Json = {}
    for a in articles:
        v = voice[a.id]
        states = [c for c in claims if a.id in c["sources"]]
        # A source that makes a point in other words (``near_sources``) neither leaves it out nor
        # leaves the source stating it alone.
        only = [
            c
            for c in states
            if {voice[s] for s in c["sources"]} == {v}
            and not {voice[s] for s in c.get("near_sources", [])} - {v}
        ]
        left_out = [
            c
            for c in claims
            if a.id not in c["sources"]
            and a.id not in c.get("near_sources", [])
            and len({voice[s] for s in c["sources"]} - {v}) >= 2
        ]
        quoted: dict[str, Json] = {}
        verbs: Counter[str] = Counter()
        for q in quotes:
            for var in q.get("variants", []):
                if var["source"] != a.id:
                    continue
                who = var.get("speaker") or q.get("speaker") or "(unnamed)"
                entry = quoted.setdefault(who, {"speaker": who, "quotes": 0, "words": 0})
                entry["quotes"] += 1
                entry["words"] += len(var["text"].split())
                if var.get("verb"):
                    verbs[str(var["verb"])] += 1
        out[a.id] = {
            "coverage": {
                "claims": len(states),
                "of": len(claims),
                "only_here": [_claim_ref(c, a.id) for c in only[:MAX_LISTED]],
                "only_here_count": len(only),
                "left_out": [{"text": c["text"], "sources": c["sources"]} for c in left_out[:MAX_LISTED]],
                "left_out_count": len(left_out),
            },
            "quoted": sorted(quoted.values(), key=lambda e: (-e["words"], -e["quotes"], e["speaker"])),
            "reporting_verbs": [
                {"verb": w, "count": n} for w, n in sorted(verbs.items(), key=lambda x: (-x[1], x[0]))
            ],
            "distinctive_terms": terms.get(v, []),
            "copy_of": a.duplicate_of if a.duplicate_of in ids else None,
        }
    return out


def _claim_ref(c: Json, source: str) -> Json:
    own = next((v for v in c.get("variants", []) if v["source"] == source), None)
    if own is None:
        return {"text": c["text"]}
    return {"text": own["text"], "source": source, "start": own["start"], "end": own["end"]}
