"""Voice on the parse: passives (full, reduced, after "with"), a participle that is really a finite
verb, and a passive's agent. A passive's subject is what is reported on, not who reports it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyscope.stages.attribution import _lemma

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_passive(verb: Token) -> bool:
    """Whether ``verb`` is a passive ("is believed", "has been called"); a contracted "’s" before the
    verb and its preposition is "has" ("who’s called for new talks"), whatever the parser says."""
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return True
    aux = next((c for c in verb.children if c.dep_ == "auxpass"), None)
    if aux is None:
        return False
    return not (
        aux.lower_ in ("'s", "’s")
        and any(x.dep_ == "nsubj" for x in verb.children)
        and any(x.dep_ == "prep" and x.i == verb.i + 1 for x in verb.children)
    )


def _absolute_participle(verb: Token) -> bool:
    """ "…, with Roe and her husband expected to visit …": a participle after "with" that takes an
    infinitive is passive (they are expected to visit); the noun before it is what is reported on, not
    who expects it. Not "with many worried that …", where the many do worry."""
    after_with = (verb.dep_ == "pcomp" and verb.head.lower_ == "with") or any(
        c.dep_ == "mark" and c.lower_ == "with" for c in verb.children
    )
    infinitive = any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )
    return verb.tag_ in ("VBN", "VBD") and after_with and infinitive


# Reporting verbs that never take an infinitive of their own subject's: before "to", passive.
_RAISING = frozenset(
    "believe think say report know understand consider confirm reveal rumour rumor allege suspect "
    "estimate presume assume".split()
)


def reduced_passive(verb: Token) -> bool:
    """ "the passengers confirmed to be travelling on stolen passports", "the man believed to have
    been the mastermind": a participle right after a noun and before an infinitive, with no subject
    or auxiliary of its own, is a passive relative clause (who confirmed it is not said), however the
    parser hung it."""
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ == "ccomp" for c in verb.children):
        return False
    if any(c.dep_ in ("nsubjpass", "aux", "auxpass") for c in verb.children):
        return False
    if not any(c.dep_ == "xcomp" for c in verb.children):
        return False
    if any(c.dep_ == "nsubj" for c in verb.children) and _lemma(verb) not in _RAISING:
        # "Officials expected to win": a subject of its own that does the expecting. Not so with
        # "believe", "say" and the like, which take no infinitive of their subject's ("the man
        # believed to have been the mastermind" is the man someone believes ...).
        return False
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return (
        before is not None and before.pos_ in ("NOUN", "PROPN") and after is not None and after.lower_ == "to"
    )


def _misparsed_finite(verb: Token) -> bool:
    """ "as the prime minister, Najib Razak, announced on Monday that …": a participle the parser hung
    on a noun, with a reported clause of its own, is that noun's finite verb."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBN", "VBD")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and any(
            c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            for c in verb.children
        )
    )


def _agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb ("was criticised by the union")."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    by = passive_by(verb)
    return next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None


def passive_by(verb: Token) -> Token | None:
    """The "by" the parser hung on a passive's predicate ("was called a liar by his rivals"): the
    agent, misplaced."""
    for c in verb.children:
        if c.dep_ == "oprd":
            by = next((g for g in c.rights if g.dep_ == "prep" and g.lower_ == "by"), None)
            if by is not None:
                return by
    return None
