"""Roles: the words for people's posts and forms of address (titles, honorifics, role nouns, gendered
words), the role stated beside a name ("Kremlin spokesman Dmitry Peskov", "Jane Roe, the city's
mayor"), and the descriptions that can stand for a named person by their role ("the spokesman",
"Iran's top leader")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Forms of address that are not roles: stripped from names and dropped.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady ayatollah grand sheikh shaikh imam rev reverend rabbi "
    "father hon herr frau monsieur madame mme mlle signor don".split()
)
# Titles: stripped from names and kept as the role when no fuller role is stated.
TITLES = frozenset(
    "president vice-president premier chancellor minister senator sen rep representative congressman "
    "congresswoman governor gov mayor king queen prince princess emir sultan pope cardinal bishop general "
    "gen colonel col lieutenant lt captain capt admiral adm sergeant sgt commander major maj judge justice "
    "secretary ambassador spokesman spokeswoman spokesperson chairman chairwoman chair director ceo chief "
    "leader envoy adviser advisor professor prof detective inspector officer coach crown deputy foreign "
    "prime supreme marshal brigadier commodore corporal".split()
)
# Head nouns of descriptions that can stand for a named person ("the spokesman", "Iran's top leader").
ROLE_NOUNS = frozenset(
    "president premier chancellor minister senator congressman congresswoman governor mayor king queen "
    "prince princess emir sultan pope general colonel admiral commander judge secretary ambassador "
    "spokesman spokeswoman spokesperson chairman chairwoman director executive ceo chief leader envoy "
    "adviser advisor official diplomat lawmaker prosecutor attorney lawyer founder author analyst "
    "professor researcher candidate nominee coach negotiator commissioner".split()
)
_FEMALE_WORDS = frozenset("spokeswoman chairwoman congresswoman queen princess mrs ms miss lady dame".split())
_MALE_WORDS = frozenset("spokesman chairman congressman king prince mr sir lord".split())


# Nouns that make a title word before them part of a body's name ("Foreign Ministry").
_BODY_NOUNS = frozenset(
    "ministry office department council committee court service services bank party cabinet command "
    "staff guard corps assembly league".split()
)


def _left_role(doc: Doc, name_start: int, root: Token, person_tokens: set[int]) -> int | None:
    """First token of the role phrase right before a name ("Kremlin spokesman"), or None."""
    i = name_start - 1
    first = None
    while i >= 0:
        tok = doc[i]
        if tok.i in person_tokens or (tok.is_punct and tok.text not in "-") or tok.dep_ == "det":
            break
        if tok.tag_ == "POS" and i - 1 >= 0 and doc[i - 1].i in person_tokens:
            break  # stop at "Biden's": the role is what follows the other person
        if not (root.is_ancestor(tok) or (tok.head.i >= name_start and tok.head.i < root.i + 1)):
            break
        first = i
        i -= 1
    if first is None:
        return None
    # The word next to the name must be a title or a common noun: "CNN's Jane Roe" states no role.
    nxt = doc[name_start - 1]
    if not (nxt.pos_ == "NOUN" or nxt.lower_.rstrip(".") in TITLES):
        return None
    return first


def _appos_role(root: Token, name_end: int) -> str | None:
    """The role stated in an apposition after the name ("Jane Roe, the city's mayor, said")."""
    for child in root.children:
        if child.dep_ != "appos" or child.i < name_end or child.ent_type_ in ("PERSON",):
            continue
        if child.pos_ not in ("NOUN", "PROPN") or (
            child.ent_type_ and child.ent_iob_ == "B" and child.pos_ == "PROPN"
        ):
            continue
        toks = [t for t in child.subtree if not (t.is_punct and t.text != "-")]
        toks = [t for t in toks if t.i >= name_end]
        # "the group's dealer who, known for ..., sold them ...": the role is the noun phrase, not
        # the relative clause that describes the person further.
        clause = [c.left_edge.i for c in child.children if c.dep_ in ("relcl", "acl") and c.i > child.i]
        if clause:
            toks = [t for t in toks if t.i < min(clause)]
        if not toks or len(toks) > 16:
            continue
        while toks and toks[0].dep_ == "det":
            toks = toks[1:]
        if not toks:
            continue
        doc = root.doc
        return str(doc[toks[0].i : toks[-1].i + 1].text)
    return None


def _gender_of(words: Iterable[str]) -> str | None:
    for w in words:
        lw = w.lower().rstrip(".")
        if lw in _FEMALE_WORDS:
            return "f"
        if lw in _MALE_WORDS:
            return "m"
    return None


def _role_like(role: str | None) -> bool:
    """Whether a stated role names a position ("foreign minister"), not a description ("the last
    country on the river")."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", role or "")}
    return bool(words & (TITLES | ROLE_NOUNS))


def _description_np(tok: Token) -> tuple[int, list[Token]] | None:
    """(first token index, modifiers) of a definite role description headed by ``tok``, or None."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ROLE_NOUNS or tok.tag_ in ("NNS", "NNPS"):
        return None
    # "spokesman Dmitry Roe": part of a name's role, not a description.
    if (tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON") or (
        tok.head.ent_type_ == "PERSON"
        and tok.dep_
        in (
            "nmod",
            "amod",
        )
    ):
        return None
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
        return None
    if tok.dep_ == "appos" and (tok.head.ent_type_ == "PERSON" or tok.head.pos_ == "PROPN"):
        # "Alexis Roe, the 37-year-old leader of the party, …": the name's own role, not another
        # person who might compete with it for a later "he".
        return None
    left = [c for c in tok.lefts]
    if not left:
        return None
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in left) or any(
        c.dep_ == "poss" for c in left
    )
    first = min(t.i for c in left for t in c.subtree)
    mods = [t for c in left if c.dep_ != "det" for t in c.subtree if not t.is_punct and t.tag_ != "POS"]
    if not definite:
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one") for c in left)
        return (-1 - first, mods) if indefinite else None
    return first, mods


def _stem(word: str) -> str:
    return word.lower()[:4]


def _role_matches(desc_head: str, mods: list[Token], role: str) -> bool:
    role_words = [w.lower() for w in re.findall(r"[^\W\d_]+", role)]
    if desc_head not in role_words:
        return False
    # A description that names a country or body ("Iran's leader", "the Kremlin chief") must match it.
    named = [m for m in mods if m.pos_ == "PROPN" or m.ent_type_ in ("GPE", "NORP", "ORG")]
    stems = {_stem(w) for w in role_words}
    return all(_stem(m.text) in stems for m in named)
