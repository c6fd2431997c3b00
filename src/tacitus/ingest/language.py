"""Is an article in English? py3langid (which ships its own model), trusted only when sure.

py3langid is shaky on short texts: on the 2,225 BBC News headlines (25-35 characters) it
guessed another language for 367, with up to 0.81 normalised probability (mostly Nigerian
Pidgin, "pcm"); on the first 120 characters of each article it was wrong 3 times, at most
0.56. A French sentence of 60 characters gets 0.89, a German one 0.99. Hence: texts shorter
than MIN_CHARS are never judged, texts shorter than LONG_CHARS need SHORT_CONFIDENCE, longer
ones LONG_CONFIDENCE. To recalibrate, classify the BBC headlines and first paragraphs again
(``../shared/corpora/bbc-news-2005``) and keep every English text above the thresholds.

Before py3langid, the writing system decides: English is written in Latin letters, so a text
whose letters are mostly of another script (Han, kana, Hangul, Arabic, Cyrillic, Greek,
Devanagari...) is not English, however short. py3langid alone let a 45-character Chinese
sentence through (``zh`` at 0.80, under SHORT_CONFIDENCE) and a 100-character Arabic one
(0.85); the script test needs no model and no confidence.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from typing import Any

#: Below this many characters the language is not judged (a headline is too little).
MIN_CHARS = 40
#: From this many characters on, LONG_CONFIDENCE is enough to call a text non-English.
LONG_CHARS = 200
SHORT_CONFIDENCE = 0.97
LONG_CONFIDENCE = 0.90
#: py3langid reads at most this many characters (the start of an article is enough).
SAMPLE_CHARS = 5000
#: The script test needs this many letters: "Xi (习近平) met Biden" names a person in Han
#: script inside an English sentence; a few words of another script are quotes and names.
MIN_SCRIPT_LETTERS = 10
#: A text whose letters are less than this share Latin is not English. English news quotes
#: names in their own script now and then ("习近平", "Зеленский"), never half its letters.
MIN_LATIN_SHARE = 0.5
#: Script names as Unicode writes them at the start of a letter's name, for the reason.
_SCRIPT_NAMES = {"CJK": "Han (Chinese)", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana",
                 "HANGUL": "Hangul (Korean)", "ARABIC": "Arabic", "CYRILLIC": "Cyrillic", "GREEK": "Greek",
                 "HEBREW": "Hebrew", "DEVANAGARI": "Devanagari", "THAI": "Thai", "ARMENIAN": "Armenian",
                 "GEORGIAN": "Georgian", "BENGALI": "Bengali", "TAMIL": "Tamil", "ETHIOPIC": "Ethiopic"}


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


def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name ("CYRILLIC SMALL LETTER A" -> "CYRILLIC")."""
    if ch < "\u0250":
        return "LATIN"  # ASCII, Latin-1 and Latin Extended-A/B: the common case, without a lookup
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def foreign_script(text: str) -> str | None:
    """Why ``text`` is not English by its letters, or None when they are mostly Latin.

    Args:
        text: any text; only its first SAMPLE_CHARS characters are read.

    Returns:
        A reason such as "written in Han (Chinese) script (96% of its letters), tacitus codes
        English only", or None (too few letters, or mostly Latin ones).
    """
    scripts = Counter(_script(ch) for ch in text[:SAMPLE_CHARS] if ch.isalpha())
    total = sum(scripts.values())
    if total < MIN_SCRIPT_LETTERS or scripts["LATIN"] >= MIN_LATIN_SHARE * total:
        return None
    script, n = max(((k, v) for k, v in scripts.items() if k != "LATIN"), key=lambda kv: kv[1])
    shown = _SCRIPT_NAMES.get(script, script.title())
    kana = scripts["HIRAGANA"] + scripts["KATAKANA"]
    if kana and script in ("CJK", "HIRAGANA", "KATAKANA"):  # Japanese writes Han and kana together
        n, shown = kana + scripts["CJK"], "Japanese (Han and kana)"
    return f"written in {shown} script ({n / total:.0%} of its letters), tacitus codes English only"


def not_english(text: str) -> str | None:
    """Why ``text`` should be skipped as not English, or None if it may be English.

    A text mostly in another script than Latin is refused whatever its length; otherwise
    only a confident guess on enough text counts (see the module docstring).

    Args:
        text: the cleaned article text.

    Returns:
        A one-line reason such as "language looks like 'fr' (0.99), tacitus codes English
        only", or None.
    """
    reason = foreign_script(text)
    if reason is not None:
        return reason
    if len(text) < MIN_CHARS:
        return None
    lang, prob = detect_language(text)
    needed = LONG_CONFIDENCE if len(text) >= LONG_CHARS else SHORT_CONFIDENCE
    if lang == "en" or prob < needed:
        return None
    return f"language looks like {lang!r} ({prob:.2f}), tacitus codes English only"
