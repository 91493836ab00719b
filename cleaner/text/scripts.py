"""Writing-system detection: which script a line or a document is written in.

Used to tell a language-switcher label ("한국어" on an English page) from the article's own
lines. Counting is done with one compiled character class per script, so a whole document costs
a handful of C-speed scans rather than a Python loop over characters.
"""

from __future__ import annotations

import re

#: script -> character class. Order matters only for ties.
SCRIPT_CLASSES: dict[str, str] = {
    "Latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "Cyrillic": "\u0400-\u052f",
    "Greek": "\u0370-\u03ff\u1f00-\u1fff",
    "Arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "Hebrew": "\u0590-\u05ff",
    "Hangul": "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f",
    "Kana": "\u3040-\u30ff\u31f0-\u31ff",
    "Han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "Thai": "\u0e00-\u0e7f",
    "Devanagari": "\u0900-\u097f",
    "Bengali": "\u0980-\u09ff",
    "Georgian": "\u10a0-\u10ff",
    "Armenian": "\u0530-\u058f",
    "Ethiopic": "\u1200-\u137f",
    "Tamil": "\u0b80-\u0bff",
}

_PATTERNS = {name: re.compile("[" + chars + "]+") for name, chars in SCRIPT_CLASSES.items()}
_NON_LATIN = re.compile("[" + "".join(chars for name, chars in SCRIPT_CLASSES.items() if name != "Latin") + "]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
_CHAR_SCRIPT: dict[str, str] = {}

# Japanese mixes Han and Kana; Korean text may hold Han. Such pairs count as one writing system
# when comparing a line with its document.
_COMPATIBLE = {
    frozenset({"Han", "Kana"}),
    frozenset({"Han", "Hangul"}),
}


def _char_script(ch: str) -> str | None:
    cached = _CHAR_SCRIPT.get(ch)
    if cached is not None or ch in _CHAR_SCRIPT:
        return cached
    found = None
    for name, pattern in _PATTERNS.items():
        if pattern.match(ch):
            found = name
            break
    if len(_CHAR_SCRIPT) < 65536:
        _CHAR_SCRIPT[ch] = found
    return found


def script_counts(text: str) -> dict[str, int]:
    """Letters per script in ``text``.

    >>> script_counts("Hello 한국어")
    {'Latin': 5, 'Hangul': 3}
    """
    if len(text) <= 64:
        counts: dict[str, int] = {}
        for ch in text:
            if ch.isalpha():
                name = _char_script(ch)
                if name:
                    counts[name] = counts.get(name, 0) + 1
        return counts
    # ASCII letters are counted on bytes (C speed); the character classes then scan only the
    # non-ASCII characters, which are few in most documents, and the non-Latin classes only
    # when one of them occurs at all. Counting by deletion (length before minus after) runs in
    # C and builds no list of matches, which matters for a document of tens of megabytes.
    ascii_part = text.encode("ascii", "ignore")
    latin = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))
    rest = "".join(_NON_ASCII_RUN.findall(text))
    if rest:
        latin += len(rest) - len(_PATTERNS["Latin"].sub("", rest))
    out = {"Latin": latin} if latin else {}
    if rest and _NON_LATIN.search(rest):
        for name, pattern in _PATTERNS.items():
            if name != "Latin":
                n = len(rest) - len(pattern.sub("", rest))
                if n:
                    out[name] = n
    return out


def dominant_script(text: str) -> str | None:
    """The script with the most letters, or ``None`` for text without letters.

    >>> dominant_script("엘제이의 리벤지인가 and a few English words")
    'Latin'
    >>> dominant_script("1234") is None
    True
    """
    counts = script_counts(text)
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def same_writing_system(a: str | None, b: str | None) -> bool:
    """Scripts that appear together in one language count as the same writing system.

    >>> same_writing_system("Han", "Kana"), same_writing_system("Hangul", "Latin")
    (True, False)
    """
    if a is None or b is None or a == b:
        return True
    return frozenset({a, b}) in _COMPATIBLE
