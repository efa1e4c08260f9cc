"""Near-duplicate and syndicated-copy detection (MinHash + LSH).

The same wire story re-published by several sites, or re-titled, is linked to the first copy stored
(``duplicate_of``) so that later counts treat the copies as one voice. Shingles are word 5-grams of the
cleaned body, which survive re-titling, a trimmed paragraph and light rewording.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
# Named explicitly: signatures are stored, and must be read back with the scheme that made them.
_SCHEME = "affine32"
_SHINGLE = 5
_MULTIPLIER = np.uint64(1_000_003)
_MASK32 = np.uint64(0xFFFFFFFF)
_WORD = re.compile(r"\w+", re.UNICODE)


def _shingle_hashes(text: str) -> list[int]:
    """A 32-bit hash per word 5-gram of ``text``.

    Each word is hashed once (CRC-32) and the five hashes of a shingle are combined as a polynomial,
    all shingles at once: hashing every 5-gram string with SHA-1 was a third of a plain-text ingest.
    MinHash mixes each value again before permuting it (datasketch's ``fmix`` in the 32-bit scheme).
    """
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < _SHINGLE:
        return [zlib.crc32(" ".join(words).encode())] if words else []
    word_hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - _SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(_SHINGLE):
        h = (h * _MULTIPLIER + word_hashes[k : k + n]) & _MASK32
    out: list[int] = h.tolist()
    return out


_PERMUTATIONS: tuple[object, object] | None = None


def _permutations() -> tuple[object, object]:
    # The seed's permutations, drawn once: a new MinHash draws them again from a random generator.
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME).permutations
    return _PERMUTATIONS


def signature(text: str) -> MinHash:
    """The MinHash of ``text``'s word 5-gram shingles."""
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME, hashfunc=int, permutations=_permutations())
    shingles = _shingle_hashes(text)
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
