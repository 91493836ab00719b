"""Does a text look like OCR / hard-wrapped output? (decides the layout stage in ``auto`` mode)

Web extractors write one paragraph per line: line lengths vary wildly and most long lines end
a sentence. A scanned column is hard-wrapped: many lines of nearly the same length, most of
them ending mid-sentence (often with a hyphen). The test uses only those statistics.
"""

from __future__ import annotations

import statistics


def looks_hard_wrapped(text: str, min_lines: int = 8) -> bool:
    """True when most non-blank lines are wrapped at a similar width mid-sentence.

    >>> column = "\\n".join(["The quick brown fox jumps over the lazy", "dog and then runs into the forest to"] * 6)
    >>> looks_hard_wrapped(column)
    True
    >>> looks_hard_wrapped("One paragraph per line.\\nAnother one, quite a bit longer than the first.\\n" * 6)
    False
    """
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < min_lines:
        return False
    lengths = [len(line) for line in lines]
    width = statistics.median(lengths)
    if width < 20 or width > 120:
        return False
    near_width = sum(1 for n in lengths if abs(n - width) <= max(6, width * 0.2)) / len(lines)
    mid_sentence = sum(1 for line in lines if line[-1] not in ".!?:\"”’)") / len(lines)
    return near_width >= 0.6 and mid_sentence >= 0.5
