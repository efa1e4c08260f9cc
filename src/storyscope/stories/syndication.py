"""Near-duplicate and syndicated-copy detection (MinHash + LSH).

The same wire story re-published by several sites, or re-titled, is linked to the first copy stored
(``duplicate_of``) so that later counts treat the copies as one voice. Shingles are word 5-grams of the
cleaned body, which survive re-titling, a trimmed paragraph and light rewording.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
_SHINGLE = 5
_MULTIPLIER = np.uint64(1_000_003)
_MASK32 = np.uint64(0xFFFFFFFF)
_WORD = re.compile(r"\w+", re.UNICODE)


def _shingle_hashes(text: str) -> np.ndarray:
    """A 32-bit hash per word 5-gram of ``text``.

    Each word is hashed once (CRC-32) and the five hashes of a shingle are combined as a polynomial,
    all shingles at once: hashing every 5-gram string with SHA-1 was a third of a plain-text ingest.
    :func:`signature` mixes each value again before permuting it.
    """
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < _SHINGLE:
        return np.array([zlib.crc32(" ".join(words).encode())] if words else [], dtype=np.uint64)
    word_hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - _SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(_SHINGLE):
        h = (h * _MULTIPLIER + word_hashes[k : k + n]) & _MASK32
    return h


_SHIFT = np.uint64(32)
_SEED = 1


def _fmix32(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's 32-bit finaliser: the polynomial combination of word hashes leaves low bits that
    # depend on few inputs; mixing spreads every input bit before the affine permutations.
    h = h ^ (h >> np.uint64(16))
    h = (h * np.uint64(0x85EBCA6B)) & _MASK32
    h = h ^ (h >> np.uint64(13))
    h = (h * np.uint64(0xC2B2AE35)) & _MASK32
    return h ^ (h >> np.uint64(16))


def _draw_permutations(seed: int) -> tuple[np.ndarray, np.ndarray]:
    # Multiply-add-shift hashing: the high 32 bits of a * h + b modulo 2**64, a odd. As good a family
    # as the affine one modulo a prime for MinHash, and several times faster in numpy (no 64-bit modulo).
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2)
    return a[:, None], b[:, None]


_A, _B = _draw_permutations(_SEED)
_EMPTY = np.full(NUM_PERM, _MASK32, dtype=np.uint64)


@dataclass(frozen=True)
class Signature:
    """A MinHash signature: per permutation, the least permuted shingle hash."""

    hashvalues: np.ndarray

    def jaccard(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / NUM_PERM


def signature(text: str) -> Signature:
    """The MinHash of ``text``'s word 5-gram shingles."""
    shingles = _shingle_hashes(text)
    if not len(shingles):
        return Signature(_EMPTY.copy())
    h = _fmix32(np.unique(shingles))
    # In place, and the shift after the minimum (it is monotone): a third of the time of the plain
    # expression. The products wrap modulo 2**64 by design.
    permuted = np.multiply.outer(_A.ravel(), h)
    permuted += _B
    return Signature(permuted.min(axis=1) >> _SHIFT)


def _band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band whose S-curve best separates pairs above and below ``threshold``:
    the least sum of the chances of a false candidate and of a missed copy, integrated over Jaccard."""
    shapes = np.array(
        [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], dtype=np.float64
    )
    bands, rows = shapes[:, :1], shapes[:, 1:]
    below = np.linspace(0.0, threshold, 200)[None, :]
    above = np.linspace(threshold, 1.0, 200)[None, :]
    false_candidate = np.trapezoid(1 - (1 - below**rows) ** bands, below, axis=1)
    missed = np.trapezoid((1 - above**rows) ** bands, above, axis=1)
    # Ties go to the first shape listed (fewest bands), as in a scan in that order.
    best = int(np.argmin(false_candidate + missed))
    return int(shapes[best, 0]), int(shapes[best, 1])


def content_hash(raw: str) -> str:
    """Identity of an article's content: whitespace differences do not make a new article."""
    return hashlib.sha256(" ".join(raw.split()).encode("utf-8")).hexdigest()


class DuplicateIndex:
    """An LSH index over stored articles; ``find`` returns the original a new text copies, if any.

    Signatures are cut into bands; two articles become candidates when one band is identical, and
    candidates are kept when their estimated Jaccard reaches the threshold."""

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold
        self._bands, self._rows = _band_shape(threshold, NUM_PERM)
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in range(self._bands)]
        self._sigs: dict[str, Signature] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def _keys(self, sig: Signature) -> list[bytes]:
        r = self._rows
        return [sig.hashvalues[i * r : (i + 1) * r].tobytes() for i in range(self._bands)]

    def find(self, sig: Signature) -> str | None:
        """The earliest-added article whose estimated Jaccard with ``sig`` reaches the threshold."""
        candidates: set[str] = set()
        for bucket, band in zip(self._buckets, self._keys(sig), strict=True):
            candidates.update(bucket.get(band, ()))
        best: tuple[int, str] | None = None
        for key in candidates:
            if self._sigs[key].jaccard(sig) >= self.threshold:
                cand = (self._order[key], key)
                best = cand if best is None or cand < best else best
        return None if best is None else best[1]

    def add(self, article_id: str, sig: Signature) -> None:
        if article_id in self._sigs:
            return
        self._order[article_id] = len(self._order)
        self._sigs[article_id] = sig
        for bucket, band in zip(self._buckets, self._keys(sig), strict=True):
            bucket.setdefault(band, []).append(article_id)

    @staticmethod
    def to_list(sig: Signature) -> list[int]:
        out: list[int] = sig.hashvalues.tolist()
        return out

    @staticmethod
    def from_list(values: list[int]) -> Signature:
        return Signature(np.array(values, dtype=np.uint64))
