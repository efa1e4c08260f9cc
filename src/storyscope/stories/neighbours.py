"""Nearest story centroids in one embedding space: an exact search while there are few stories, a usearch
HNSW graph past a limit, so that the cost of finding candidates stays flat as stories accumulate."""

from __future__ import annotations

from typing import Any

import numpy as np

from storyscope.stories.vectors import Vectors


class _Index:
    """Story centroids of one space: exact search while small, usearch HNSW past ``exact_limit``.

    Keys are story sequence numbers. Insertion is single-threaded and in a fixed order, so the graph,
    and therefore the candidates, are the same for the same input.
    """

    def __init__(self, dims: int, exact_limit: int) -> None:
        self.dims = dims
        self.exact_limit = exact_limit
        self._rows: dict[int, Vectors] = {}
        self._matrix: Vectors | None = None
        self._keys: list[int] = []
        self._pos: dict[int, int] = {}
        self._ann: Any = None

    def __len__(self) -> int:
        return len(self._rows)

    def upsert(self, key: int, vector: Vectors) -> None:
        had = key in self._rows
        self._rows[key] = vector
        if self._ann is not None:
            if had:
                self._ann.remove(key)
            self._ann.add(key, vector, threads=1)
        elif len(self._rows) > self.exact_limit:
            self._build_ann()
        elif had and self._matrix is not None:
            self._matrix[self._pos[key]] = vector
        else:
            self._matrix = None  # rebuilt lazily at the next search

    def remove(self, key: int) -> None:
        if self._rows.pop(key, None) is None:
            return
        if self._ann is not None:
            self._ann.remove(key)
        self._matrix = None

    def _build_ann(self) -> None:
        from usearch.index import Index

        self._ann = Index(
            ndim=self.dims, metric="cos", dtype="f32", connectivity=16, expansion_add=128,
            expansion_search=128,
        )  # fmt: skip
        for key in sorted(self._rows):
            self._ann.add(key, self._rows[key], threads=1)
        self._matrix = None

    def search(self, vector: Vectors, k: int) -> list[int]:
        """Keys of the ``k`` nearest centroids, nearest first (ties by key)."""
        if not self._rows:
            return []
        if self._ann is not None:
            found = self._ann.search(vector, min(k, len(self._rows)), threads=1)
            return [int(x) for x in found.keys]
        if self._matrix is None:
            self._keys = sorted(self._rows)
            self._pos = {key: i for i, key in enumerate(self._keys)}
            self._matrix = np.stack([self._rows[key] for key in self._keys])
        sims = self._matrix @ vector
        order = np.lexsort((np.asarray(self._keys), -sims))[:k]
        return [self._keys[i] for i in order]
