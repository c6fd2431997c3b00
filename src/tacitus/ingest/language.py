"""Is an article in English? py3langid (which ships its own model), trusted only when sure.

py3langid is shaky on short texts: on the 2,225 BBC News headlines (25-35 characters) it
guessed another language for 367, with up to 0.81 normalised probability (mostly Nigerian
Pidgin, "pcm"); on the first 120 characters of each article it was wrong 3 times, at most
0.56. A French sentence of 60 characters gets 0.89, a German one 0.99. Hence: texts shorter
than MIN_CHARS are never judged, texts shorter than LONG_CHARS need SHORT_CONFIDENCE, longer
ones LONG_CONFIDENCE. To recalibrate, classify the BBC headlines and first paragraphs again
(``../shared/corpora/bbc-news-2005``) and keep every English text above the thresholds.
"""

from __future__ import annotations

import functools
from typing import Any

#: Below this many characters the language is not judged (a headline is too little).
MIN_CHARS = 40
#: From this many characters on, LONG_CONFIDENCE is enough to call a text non-English.
LONG_CHARS = 200
SHORT_CONFIDENCE = 0.97
LONG_CONFIDENCE = 0.90
#: py3langid reads at most this many characters (the start of an article is enough).
SAMPLE_CHARS = 5000


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid

    # normalised probabilities, so the thresholds are probabilities (the default gives log scores)
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` and its probability.

    Args:
        text: any text; only its first SAMPLE_CHARS characters are read.

    Returns:
        An ISO 639-1 code (or py3langid's code, e.g. "pcm") and a probability in [0, 1].
    """
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(lang), float(prob)


def not_english(text: str) -> str | None:
    """Why ``text`` should be skipped as not English, or None if it may be English.

    Only a confident guess on enough text counts (see the module docstring).

    Args:
        text: the cleaned article text.

    Returns:
        A one-line reason such as "language looks like 'fr' (0.99), tacitus codes English
        only", or None.
    """
    if len(text) < MIN_CHARS:
        return None
    lang, prob = detect_language(text)
    needed = LONG_CONFIDENCE if len(text) >= LONG_CHARS else SHORT_CONFIDENCE
    if lang == "en" or prob < needed:
        return None
    return f"language looks like {lang!r} ({prob:.2f}), tacitus codes English only"
