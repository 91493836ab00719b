"""Pack patterns: the built-in packs' on Python's ``re``, users' on RE2 (linear time).

A user pack is data anyone can write, and ``re`` backtracks: ``(?:.*,){11}P`` on a line of 40
commas never finishes. User patterns are therefore run on RE2 (``google-re2``), whose matching
time is linear in the text whatever the pattern; what RE2 cannot express (lookarounds,
backreferences, counted repeats over 1000) is refused when the pack is loaded, naming the pack
file and the pattern. The built-in patterns stay on ``re``: one needs a lookahead, and they are
reviewed, checked for catastrophic backtracking by the test suite (``cleaner.regex_safety``)
and measured by ``make bench-adversarial``.

Whatever the engine, a pack pattern only ever sees one line of at most
:data:`MAX_PATTERN_LINE_CHARS` characters; a pack cannot lift that cap.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import re2

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The folder of the built-in packs (``cleaner.packs`` loads them).
BUILTIN_PACK_DIR = Path(__file__).resolve().parent / "packs"

#: The longest line any pack pattern is tried on, whatever a pack's ``max_chars`` says.
MAX_PATTERN_LINE_CHARS = 1000
#: The pack keys that hold regular expressions.
PATTERN_KEYS = ("patterns", "edge_patterns", "page_numbers")


def _re2_options() -> "re2.Options":
    options = re2.Options()
    options.case_sensitive = False  # pack patterns are matched ignoring case
    options.log_errors = False
    return options


_OPTIONS = _re2_options()


def _compile_re2(pattern: str) -> Any:
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(reason) from None


def check_user_pack(path: Path, data: Mapping[str, Any], trusted: frozenset[str]) -> None:
    """Refuse a user pack whose patterns RE2 cannot run (``trusted``: the built-in packs'
    patterns, which run on ``re``)."""
    for code, table in data.items():
        for key in PATTERN_KEYS:
            values = table.get(key) if isinstance(table, dict) else None
            for pattern in values if isinstance(values, list) else ():
                if isinstance(pattern, str) and pattern not in trusted:
                    try:
                        _compile_re2(pattern)
                    except ValueError as exc:
                        raise ConfigError(
                            f"{path}: [{code}] {key}: invalid or unsupported pattern {pattern!r} ({exc}); user pack "
                            "patterns run on RE2, in linear time: no lookarounds, backreferences or repeat counts over 1000"
                        ) from None


class PackPatterns:
    """The alternation of a rule's patterns: built-in members compiled with ``re``, user members
    with RE2. Matches only lines of at most :data:`MAX_PATTERN_LINE_CHARS` characters."""

    def __init__(self, builtin: list[str], user: list[str]) -> None:
        self.builtin_sources = tuple(builtin)
        self.user_sources = tuple(user)
        self.builtin = re.compile("|".join(f"(?:{p})" for p in builtin), re.IGNORECASE) if builtin else None
        self.user = _compile_re2("|".join(f"(?:{p})" for p in user)) if user else None

    def fullmatch(self, text: str) -> Any:
        """The match of a member on the whole of ``text`` (an ``re`` or RE2 match), or ``None``."""
        if len(text) > MAX_PATTERN_LINE_CHARS:
            return None
        found = self.builtin.fullmatch(text) if self.builtin is not None else None
        if found is None and self.user is not None:
            found = self.user.fullmatch(text)
        return found

    def user_fullmatch(self, text: str) -> bool:
        """Does a user member match ``text`` whole? (The built-in members are scanned apart.)"""
        return self.user is not None and len(text) <= MAX_PATTERN_LINE_CHARS and self.user.fullmatch(text) is not None


def compile_patterns(patterns: Iterable[Any], where: str) -> PackPatterns | None:
    """The patterns of a pack key as one :class:`PackPatterns` (``None`` when there are none)."""
    pats = list(patterns)
    for p in pats:
        if not isinstance(p, str):
            raise ConfigError(f"{where}: patterns must be strings, got {p!r}")
    if not pats:
        return None
    trusted = builtin_patterns()
    try:
        return PackPatterns([p for p in pats if p in trusted], [p for p in pats if p not in trusted])
    except (re.error, ValueError) as exc:
        raise ConfigError(f"{where}: invalid pattern: {exc}") from None


@lru_cache(maxsize=1)
def builtin_patterns() -> frozenset[str]:
    """Every regular expression the built-in packs hold. They run on ``re`` and are checked for
    catastrophic backtracking by the test suite (``tests/test_regex_safety.py``); every other
    pattern runs on RE2. (The packs are read here as plain TOML; ``cleaner.packs`` checks them.)"""
    found: set[str] = set()
    for path in sorted(BUILTIN_PACK_DIR.glob("*.toml")):
        for table in tomllib.loads(path.read_text(encoding="utf-8")).values():
            if isinstance(table, dict):
                for key in PATTERN_KEYS:
                    found.update(v for v in table.get(key, []) if isinstance(v, str))
    return frozenset(found)
