"""How likely a coded event is right: a logistic model over how the event was found.

The coder records, for every event, the ways its trigger and actors were found
(``Candidate.how``: a noun event, a subject inherited through a coordination, an actor found by
coreference, a bare-verb pattern, reported speech ...). ``data/confidence.yaml`` holds one
weight per such feature and an intercept, fitted by ``scripts/fit_confidence.py`` on the
development gold sets (the seed gold, the PETRARCH validation records, the linguistic test set
and the pattern coverage sentences; the PLOVER gold sentences are held out to check it). The
confidence is ``1 / (1 + exp(-(intercept + sum of the weights of its features)))``: a
probability, calibrated on those sets (the fitting script prints the table).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.datafiles import builtin_path, load_yaml
from tacitus.errors import DataFileError


def features(how: Iterable[str], *, source_kind: str | None, target_kind: str | None, code: str) -> set[str]:
    """The model's features of one event: how it was found, what its actors are, its CAMEO root.

    (The length of the sentence, its number of verbs and of actors and its quotation marks
    were tried and left out: on the development sets they took weights that said longer,
    busier sentences are coded better, which no one should believe.)
    """
    found = set(how)
    found.add(f"root-{code[:2]}")
    for side, kind in (("source", source_kind), ("target", target_kind)):
        if kind in ("igo", "bloc", "region"):
            found.add(f"{side}-organisation")
        elif kind == "person":
            found.add(f"{side}-person")
    if target_kind is None:
        found.add("no-target")
    if code[2:] == "0" or len(code) == 2:
        found.add("root-code")  # 040, 190: the general code of its family
    return found


#: Weights of features that the fitting sets have too few events of to fit, used while the
#: model file has no weight of its own for them. ``generalised`` (a verb no pattern names,
#: coded by its nearest pattern in meaning: events/generalise.py) is a guess: it is set by
#: ``scripts/fit_generalise.py --write`` on the tune half of the news gold, so that the mean
#: confidence of the generalised events kept there is the share of them that is right. On
#: 2026-12-04 none was kept (see ``generalise.THRESHOLD``), so -1.0 is a starting value, not
#: fitted: about 0.6 for a verb event that would be 0.8 found by a pattern.
PRIORS: dict[str, float] = {"generalised": -1.0}


@dataclass
class ConfidenceModel:
    """Intercept and weights of the logistic model (see the module docstring)."""

    intercept: float = 1.7
    weights: dict[str, float] = field(default_factory=dict)
    source: str = ""

    def __call__(self, feats: Iterable[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, PRIORS.get(f, 0.0)) for f in feats)
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_mapping(cls, data: Mapping, source: str = "") -> ConfidenceModel:
        try:
            intercept = float(data["intercept"])
            weights = {str(k): float(v) for k, v in (data.get("weights") or {}).items()
                       if k not in ("__line__", "__keylines__")}
        except (KeyError, TypeError, ValueError) as err:
            raise DataFileError(source or "confidence.yaml", f"expected intercept: and weights: numbers ({err})",
                                hint="regenerate it with scripts/fit_confidence.py") from err
        return cls(intercept, weights, source)


def load(path: str | Path | None = None) -> ConfidenceModel:
    """The confidence model in ``path`` (default: the built-in ``data/confidence.yaml``)."""
    path = Path(path) if path is not None else builtin_path("confidence.yaml")
    data = load_yaml(path)
    if not isinstance(data, Mapping):
        raise DataFileError(str(path), "expected a mapping with intercept: and weights:",
                            hint="regenerate it with scripts/fit_confidence.py")
    return ConfidenceModel.from_mapping(data, str(path))


@functools.lru_cache(maxsize=1)
def default_model() -> ConfidenceModel:
    return load()
