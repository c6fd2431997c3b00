"""The NumPy copy of the sentence model (tacitus.link.minilm) against sentence-transformers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tacitus.link.minilm import NumpyMiniLM, UnsupportedModel, model_dir

SRC = Path(__file__).resolve().parents[1] / "src"

#: our own sentences: a phrase, a wire sentence, one word, an empty text, and one far longer
#: than the 64 tokens the model reads (truncated alike by both)
SENTENCES = [
    "to sign a deal",
    "The foreign minister of Ruritania arrived in Freedonia on Tuesday for two days of talks.",
    "Talks",
    "",
    "Delegations from the two governments met in the capital " + "and discussed trade, energy and security " * 12,
    "Border guards fired warning shots at a fishing boat that had crossed into disputed waters.",
]


def test_numpy_vectors_are_sentence_transformers_vectors_in_a_fresh_process():
    # one interpreter: NumPy first (small requests never import PyTorch or transformers),
    # then sentence-transformers on the same texts, as Embedder uses them
    script = """
import json, sys
import numpy as np
from tacitus.link.agreement import TORCH_FROM, Embedder
texts = json.loads(sys.argv[1])
small = np.array(Embedder.encode_here(texts))
assert "torch" not in sys.modules and "transformers" not in sys.modules, "NumPy path imported PyTorch"
assert Embedder._model is None and Embedder._small_count == len(texts)
many = texts * (TORCH_FROM // len(texts) + 1)   # a large request loads sentence-transformers
big = np.array(Embedder.encode_here(many))
assert Embedder._model is not None and "sentence_transformers" in sys.modules
assert Embedder._small_count == len(texts)
again = np.array(Embedder.encode_here(texts))     # once loaded, PyTorch answers small requests too
assert Embedder._small_count == len(texts)
ref = big[:len(texts)]
print(json.dumps([float(np.abs(small - ref).max()), float(np.abs(again - ref).max()),
                  [float(x) for x in np.linalg.norm(small, axis=1)], small.dtype.name]))
"""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run([sys.executable, "-c", script, json.dumps(SENTENCES)], capture_output=True,
                          text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    small_diff, again_diff, norms, dtype = json.loads(proc.stdout.strip().splitlines()[-1])
    assert small_diff < 1e-5 and again_diff < 1e-5
    assert all(abs(n - 1.0) < 1e-5 for n in norms) and dtype == "float32"


def test_numpy_model_keeps_order_and_batching_does_not_change_vectors():
    model = NumpyMiniLM()
    one_by_one = np.array([model.encode([s])[0] for s in SENTENCES])
    batched = np.array(model.encode(SENTENCES, batch_size=4))
    assert np.abs(one_by_one - batched).max() < 1e-5
    # meaning, not word overlap: a paraphrase is nearer than a sentence on another act
    visit, paraphrase, other = model.encode(["The president visited the neighbouring capital.",
                                              "The head of state travelled to the nearby capital.",
                                              "The central bank raised interest rates."])
    assert float(visit @ paraphrase) > float(visit @ other) + 0.2


def test_numpy_model_refuses_another_architecture(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(model_dir(), folder)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "hidden_act": "relu"}))
    with pytest.raises(UnsupportedModel, match="GELU"):
        NumpyMiniLM(folder)
    (folder / "config.json").write_text(json.dumps(config))
    pooling = folder / "1_Pooling" / "config.json"
    pooling.write_text(json.dumps({**json.loads(pooling.read_text()), "pooling_mode_mean_tokens": False,
                                   "pooling_mode_cls_token": True}))
    with pytest.raises(UnsupportedModel):
        NumpyMiniLM(folder)
