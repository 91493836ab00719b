"""Language detection with langdetect, made deterministic and bounded in cost.

langdetect is randomised; ``DetectorFactory.seed = 0`` makes it repeatable. Its cost grows with
the text length, so only a bounded sample is read (``language_sample_chars``). The profiles
(~0.2 s to load) are read on first use only, so importing the cleaner stays fast.
"""

from __future__ import annotations

import threading
from typing import Any

UNDETERMINED = "und"

_lock = threading.Lock()
_factory: Any = None


def _get_factory() -> Any:
    global _factory
    if _factory is None:
        with _lock:
            if _factory is None:
                from langdetect import detector_factory

                detector_factory.DetectorFactory.seed = 0
                detector_factory.init_factory()
                _factory = detector_factory._factory
    return _factory


def sample(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, cut back to a word boundary.

    >>> sample("one two three", 9)
    'one two'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


def detect_language(text: str, limit: int = 1500) -> tuple[str, float]:
    """``(language, probability)`` for ``text``; ``("und", 0.0)`` when there is nothing to go on.

    >>> detect_language("China will hold a strategic dialogue with the North Atlantic Treaty Organization.")[0]
    'en'
    """
    if not text.strip():
        return UNDETERMINED, 0.0
    from langdetect.lang_detect_exception import LangDetectException

    factory = _get_factory()
    detector = factory.create()
    detector.append(sample(text, limit))
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return UNDETERMINED, 0.0
    if not best:
        return UNDETERMINED, 0.0
    top = best[0]
    return str(top.lang), round(float(top.prob), 4)
