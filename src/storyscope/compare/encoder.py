"""all-MiniLM-L6-v2 as a sentence encoder, in plain torch.

The briefing embeds quotes and claims with all-MiniLM-L6-v2. Loading it through sentence-transformers
imports transformers and the rest of their stack, about five seconds of a cold ``storyscope brief``
that took fifteen, for a six-layer BERT encoder and a mean over its tokens. This module runs the same
computation from the pinned package's own files: the fast tokenizer (``tokenizer.json``), the weights
(``model.safetensors``), the BERT configuration, then mean pooling over real tokens and unit length, as
the package's ``modules.json`` prescribes. ``tests/compare/test_encoder.py`` checks it against
sentence-transformers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

# sentence-transformers' setting for this model (sentence_bert_config.json): longer inputs are cut.
MAX_TOKENS = 256


class MiniLM:
    """``encode(texts)`` gives one unit-length 384-float row per text, as sentence-transformers does."""

    def __init__(self, path: Path) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self._torch = torch
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
            raise ValueError(f"{path}: not the BERT encoder this module runs")
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.dim = int(config["hidden_size"])
        weights = load_file(str(path / "model.safetensors"))
        # Checkpoints name their tensors with or without the "bert." prefix.
        self.w = {k.removeprefix("bert."): v.float() for k, v in weights.items()}
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def _layer_norm(self, x: Any, name: str) -> Any:
        return self._torch.nn.functional.layer_norm(
            x, (self.dim,), self.w[f"{name}.weight"], self.w[f"{name}.bias"], self.eps
        )

    def _linear(self, x: Any, name: str) -> Any:
        return self._torch.nn.functional.linear(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"])

    def _forward(self, ids: Any, types: Any, mask: Any) -> Any:
        torch, w = self._torch, self.w
        positions = torch.arange(ids.shape[1]).unsqueeze(0)
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][positions]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._layer_norm(x, "embeddings.LayerNorm")
        batch, length = ids.shape
        head = self.dim // self.heads
        # Padding positions get the lowest float added to their scores, as BERT's extended mask does.
        bias = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for i in range(self.layers):
            p = f"encoder.layer.{i}"

            def split(t: Any) -> Any:
                return t.view(batch, length, self.heads, head).transpose(1, 2)

            q = split(self._linear(x, f"{p}.attention.self.query"))
            k = split(self._linear(x, f"{p}.attention.self.key"))
            v = split(self._linear(x, f"{p}.attention.self.value"))
            # One fused kernel for softmax(q k^T / sqrt(d) + bias) v, as transformers uses.
            attended = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=bias)
            context = attended.transpose(1, 2).reshape(batch, length, self.dim)
            x = self._layer_norm(
                x + self._linear(context, f"{p}.attention.output.dense"), f"{p}.attention.output.LayerNorm"
            )
            inner = torch.nn.functional.gelu(self._linear(x, f"{p}.intermediate.dense"))
            x = self._layer_norm(x + self._linear(inner, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        return x

    def encode(self, texts: list[str], batch_size: int = 64, **_: Any) -> npt.NDArray[np.float32]:
        """Unit-length embeddings of ``texts``, one row each (keyword options of sentence-transformers'
        ``encode`` are accepted and ignored: this always normalises and never shows progress)."""
        torch = self._torch
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        # Longest first, as sentence-transformers batches: little padding per batch.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                chunk = order[start : start + batch_size]
                enc = self.tokenizer.encode_batch([texts[i] for i in chunk])
                ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
                types = torch.tensor([e.type_ids for e in enc], dtype=torch.long)
                mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
                hidden = self._forward(ids, types, mask)
                m = mask.unsqueeze(-1).float()
                pooled = (hidden * m).sum(dim=1) / m.sum(dim=1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[chunk] = pooled.numpy()
        return out
