"""Spellings of names: when two can name one person or one place.

Spelling-insensitive keys and the person-name comparison the entity merge
(:mod:`storyscope.compare.entities`) builds on. Nothing here knows about articles or mentions: two
strings in, a decision out, so the rules can be read and tested on their own.

* :func:`translit_key` folds one name word to a key that transliterations share ("Peskow" / "Peskov",
  "Woronez" / "Voronets");
* :class:`PersonName` splits a person's name into given names and surname, particles ("al-", "bin",
  "van") ignored;
* :func:`same_person` says whether two such names can denote one person: surnames within a small edit
  distance on long names, given names compatible (initials, a middle name, reordered given names);
* :func:`place_key` is the word-for-word key of a place's romanisation ("Lugansk" / "Luhansk").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PARTICLES = frozenset(
    "al el ad as ash at an az bin ibn ben bint abu van von der den de da di du la le".split()
)


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (accents dropped, punctuation to spaces)."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in norm if not unicodedata.combining(ch))
    ascii_text = re.sub(r"['’`]s\b", "", ascii_text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", ascii_text.lower()).split())


def translit_key(word: str) -> str:
    """A spelling-insensitive key for one name word ("Peskow" and "Peskov" share "peskov")."""
    w = fold(word).replace(" ", "")
    # German spellings of Slavic names: "tsch" = "ch", "z"/"tz" = "ts" ("Woronez" / "Voronets").
    for a, b in (
        ("tsch", "ch"),
        ("kh", "h"),
        ("ph", "f"),
        ("ck", "k"),
        ("sch", "sh"),
        ("tz", "z"),
        ("ts", "z"),
        ("w", "v"),
        ("q", "k"),
        ("ou", "u"),
    ):
        w = w.replace(a, b)
    w = w.replace("y", "i").replace("j", "i")
    return re.sub(r"(.)\1+", r"\1", w)


def _edit_distance(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def similar_key(a: str, b: str) -> bool:
    """Whether two name keys are one spelling: equal when short, one edit apart from 5 letters, two from 9."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest >= 9:
        return _edit_distance(a, b, 2) <= 2
    if shortest >= 5:
        return _edit_distance(a, b, 1) <= 1
    return False


@dataclass(frozen=True)
class PersonName:
    """A person's name split into given names and surname, as spelling-insensitive keys."""

    text: str
    given: tuple[str, ...]
    surname: str
    # Every word after the first, run together: "Marin Halse" and "Marin-Halse" are one surname.
    tail: str = ""

    @classmethod
    def parse(cls, text: str) -> PersonName:
        words = [w for w in re.split(r"\s+", text.strip()) if w]
        words = [re.sub(r"['’]s$", "", w).strip(".,") for w in words]
        words = [w for w in words if w]
        # Particles ("al-", "bin", "van") belong to the surname and are ignored for matching.
        parts: list[str] = []
        for w in words:
            pieces = [p for p in re.split(r"[-‐]", w) if p]
            if len(pieces) > 1 and fold(pieces[0]) in PARTICLES:
                pieces = pieces[1:]
            parts.append("".join(pieces))
        while len(parts) > 1 and fold(parts[-2]) in PARTICLES:
            del parts[-2]
        if not parts:
            return cls(text, (), fold(text))
        tail = translit_key("".join(parts[1:])) if len(parts) > 1 else translit_key(parts[0])
        return cls(text, tuple(translit_key(p) for p in parts[:-1]), translit_key(parts[-1]), tail)

    @property
    def full(self) -> bool:
        return bool(self.given)


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    if len(a) == len(b) >= 2 and _same_words_reordered(a, b):
        return True  # "Omar Ismail Mostefai" / "Ismael Omar Mostefai": given names in another order
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) < len(long_) and all(
        len(x) > 1 and similar_key(x, y) for x, y in zip(short, long_[-len(short) :], strict=True)
    ):
        # "Levine Cava" / "Daniella Levine Cava": the first of a two-word surname taken for a given
        # name; "Ann Dunham" / "Stanley Ann Dunham": a person known by a middle name.
        return True
    x, y = a[0], b[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return similar_key(x, y)


def _same_words_reordered(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    rest = list(b)
    for x in a:
        hit = next((y for y in rest if len(x) > 1 and len(y) > 1 and similar_key(x, y)), None)
        if hit is None:
            return False
        rest.remove(hit)
    return True


def same_person(a: PersonName, b: PersonName) -> bool:
    """Whether two names can denote one person: surnames and first names agree."""
    if similar_key(a.surname, b.surname):
        return _given_compatible(a.given, b.given)
    # "Jane Marin Halse" / "Jane Marin-Halse": the same words, split differently.
    return bool(a.given and b.given) and a.tail == b.tail and _given_compatible(a.given, b.given)


def _place_word(word: str) -> str:
    w = translit_key(word).replace("g", "h")
    return re.sub(r"[aeiou]+v$", "v", w)


def place_key(key: str) -> str:
    """A romanisation-insensitive key of a place name, or "" for a name too short to trust one."""
    words = key.split()
    if not words or len(key.replace(" ", "")) < 4:
        return ""
    return " ".join(_place_word(w) for w in words)
