"""The confidence of events: a logistic model over how each event was found, calibrated.

data/confidence.yaml is fitted by scripts/fit_confidence.py on the development gold sets; these
tests check the promise it makes (events above 0.8 are right at least 80% of the time) on the
sets in this repository and in ../shared, and that the confidence follows how events were found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tacitus
from tacitus.errors import DataFileError
from tacitus.events.confidence import ConfidenceModel, default_model, features, load

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "coder_cases.yaml"


def test_events_confidence_model_is_fitted():
    model = default_model()
    header = (ROOT / "src" / "tacitus" / "data" / "confidence.yaml").read_text(encoding="utf-8")
    assert "Written by scripts/fit_confidence.py" in header and "above 0.8" in header.lower()
    # the ways of finding an event that go wrong most often weigh against it (noun events
    # no longer do: on the whole news articles of 2026-12-04 they were right as often as others)
    for feature in ("coref-source", "bare", "passive"):
        assert model.weights.get(feature, 0.0) < 0.0, feature


def test_events_confidence_features_and_probability():
    feats = features(["verb", "simple", "coref-source"], source_kind="person", target_kind="igo", code="0841")
    assert {"verb", "coref-source", "source-person", "target-organisation", "root-08"} <= feats
    model = ConfidenceModel(0.0, {"coref-source": -1.0})
    assert model(["coref-source"]) < model([]) == 0.5


def test_events_confidence_follows_how_the_event_was_found():
    direct = tacitus.code("Russia criticised Kazakhstan on Monday.", published="2024-03-01")
    via_pronoun = tacitus.code("Russia summoned the Kazakh ambassador. It criticised Kazakhstan on Monday.",
                               published="2024-03-01")
    first = next(e for e in direct if e.cameo.startswith("111"))
    later = next(e for e in via_pronoun if e.cameo.startswith("111"))
    assert "coref-source" in later.how and "coref-source" not in first.how
    assert later.confidence < first.confidence


def test_events_confidence_bad_file(tmp_path):
    bad = tmp_path / "confidence.yaml"
    bad.write_text("weights: {noun: -1}\n")
    with pytest.raises(DataFileError) as err:
        load(bad)
    assert "fit_confidence.py" in str(err.value)


def test_events_confidence_calibrated_on_the_linguistic_cases():
    from tacitus.validation.calibration import above, case_set

    items = case_set(CASES, "linguistics")
    n, right = above(items)
    assert n >= 50 and right / n >= 0.8, f"above 0.8: {right}/{n} right"


def test_events_confidence_calibrated_on_the_seed(shared):
    from tacitus.validation.calibration import above, seed_set

    n, right = above(seed_set(shared))
    assert n >= 10 and right / n >= 0.8, f"above 0.8: {right}/{n} right"


def test_events_confidence_a_feature_with_a_prior_is_not_fitted():
    """"generalised" keeps the prior set on the news gold's tune half: a refit on sets where
    generalised events happen to be right (the hand-written linguistic cases) does not raise it."""
    from tacitus.events.confidence import PRIORS
    from tacitus.validation.calibration import Judged, fit

    items = [Judged("cases", frozenset({"verb", "generalised"}), 0.5, True) for _ in range(20)]
    items += [Judged("cases", frozenset({"verb"}), 0.5, i % 3 != 0) for i in range(30)]
    model = fit(items)
    assert "generalised" not in model.weights
    assert model(["verb", "generalised"]) < model(["verb"])
    assert PRIORS["generalised"] < 0
