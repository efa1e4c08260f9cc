"""Near-duplicate and syndicated-copy detection (MinHash + LSH).

The same wire story re-published by several sites, or re-titled, is linked to the first copy stored
(``duplicate_of``) so that later counts treat the copies as one voice. Shingles are word 5-grams of the
cleaned body, which survive re-titling, a trimmed paragraph and light rewording.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
# Named explicitly: signatures are stored, and must be read back with the scheme that made them.
_SCHEME = "affine32"
_SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> list[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < _SHINGLE:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i : i + _SHINGLE]).encode() for i in range(len(words) - _SHINGLE + 1)]


def signature(text: str) -> MinHash:
    """The MinHash of ``text``'s word 5-gram shingles."""
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME)
    shingles = _shingles(text)
    if shingles:
        m.update_batch(shingles)
    return m


def content_hash(raw: str) -> str:
    """Identity of an article's content: whitespace differences do not make a new article."""
    return hashlib.sha256(" ".join(raw.split()).encode("utf-8")).hexdigest()


class DuplicateIndex:
    """An LSH index over stored articles; ``find`` returns the original a new text copies, if any."""

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def find(self, sig: MinHash) -> str | None:
        """The earliest-added article whose estimated Jaccard with ``sig`` reaches the threshold."""
        best: tuple[int, str] | None = None
        for key in self._lsh.query(sig):
            if self._sigs[key].jaccard(sig) >= self.threshold:
                cand = (self._order[key], key)
                best = cand if best is None or cand < best else best
        return None if best is None else best[1]

    def add(self, article_id: str, sig: MinHash) -> None:
        if article_id in self._sigs:
            return
        self._order[article_id] = len(self._order)
        self._sigs[article_id] = sig
        self._lsh.insert(article_id, sig)

    @staticmethod
    def to_list(sig: MinHash) -> list[int]:
        return [int(v) for v in sig.hashvalues]

    @staticmethod
    def from_list(values: list[int]) -> MinHash:
        return MinHash(
            num_perm=NUM_PERM, seed=1, hashvalues=np.array(values, dtype=np.uint64), scheme=_SCHEME
        )
