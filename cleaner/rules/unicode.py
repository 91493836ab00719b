"""Character-level repairs: mojibake, control and invisible characters, ligatures, normal form."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, ClassVar

from ..engine.base import Action, RepairRule, Stage


class Mojibake(RepairRule):
    """Repair mojibake (text decoded with the wrong encoding) with ftfy.

    Only ftfy's encoding repairs run here; its other fixes are separate rules or off, and it is
    told to leave curly quotes alone (its default "uncurls" them) and full-width CJK punctuation
    as it is.

    >>> from cleaner.config import Config
    >>> Mojibake(Config()).repair("The Mona Lisa doesnâ€™t have eyebrows.")
    'The Mona Lisa doesn’t have eyebrows.'

    Leaves alone: correctly encoded text in any script, curly quotes, "ｆｕｌｌ-width" letters.
    """

    code = "UNI001"
    name = "unicode.mojibake"
    summary = "Repair mojibake (UTF-8 read as Latin-1/cp1252 and similar) with ftfy."
    stage = Stage.UNICODE
    action = Action.REPAIRED

    _ftfy_config: ClassVar[Any] = None
    _needs_ftfy: ClassVar[Any] = None

    def setup(self) -> None:
        super().setup()
        self.scan = Mojibake._needs_ftfy_pattern()

    @staticmethod
    def _needs_ftfy_pattern() -> "re.Pattern[str]":
        pattern = Mojibake._needs_ftfy
        if pattern is None:
            from ftfy.badness import MOJIBAKE_CATEGORIES

            harmless = "".join(MOJIBAKE_CATEGORIES[k] for k in ("common", "start_punctuation", "end_punctuation"))
            pattern = Mojibake._needs_ftfy = re.compile("[^\\x00-\\x7f" + "".join(re.escape(c) for c in harmless) + "]")
        return pattern

    def quick_check(self, text: str) -> bool:
        # ftfy changes a line only when its mojibake test (``ftfy.badness``) matches, or for C1
        # controls and surrogates. Every pattern of that test needs some character besides
        # ASCII and ftfy's "common" and quotation-mark categories (curly quotes, dashes, the
        # ellipsis, NBSP), so English with curly quotes skips ftfy entirely
        # (tests/test_fast_paths.py checks this against ftfy).
        if text.isascii():
            return False
        return Mojibake._needs_ftfy_pattern().search(text) is not None

    def repair(self, text: str) -> str:
        import ftfy

        cfg = Mojibake._ftfy_config
        if cfg is None:
            cfg = Mojibake._ftfy_config = ftfy.TextFixerConfig(
                unescape_html=False,
                remove_terminal_escapes=False,
                fix_encoding=True,
                restore_byte_a0=True,
                replace_lossy_sequences=True,
                decode_inconsistent_utf8=True,
                fix_c1_controls=True,
                fix_latin_ligatures=False,
                fix_character_width=False,
                uncurl_quotes=False,
                fix_line_breaks=False,
                fix_surrogates=True,
                remove_control_chars=False,
                normalization=None,
                explain=False,
            )
        return ftfy.fix_text(text, cfg)


class ControlCharacters(RepairRule):
    """Remove control characters (C0 except tab, DEL, C1) that scrapers and OCR leave behind.

    >>> from cleaner.config import Config
    >>> ControlCharacters(Config()).repair("Seoul\\x00 \\x1bnews\\x7f")
    'Seoul news'

    Leaves alone: tabs and line breaks (whitespace rules handle them), format characters such as
    the zero-width joiner that some scripts and emoji need.
    """

    code = "UNI002"
    name = "unicode.control-characters"
    summary = "Remove C0/C1 control characters and DEL."
    stage = Stage.UNICODE
    action = Action.NORMALIZED

    _pattern = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    scan = _pattern

    def repair(self, text: str) -> str:
        return self._pattern.sub("", text)


class InvisibleCharacters(RepairRule):
    """Remove invisible characters that break words for search: zero-width space, word joiner,
    soft hyphen, a byte-order mark inside the text.

    >>> from cleaner.config import Config
    >>> InvisibleCharacters(Config()).repair("inter\\u00adnational\\u200b news")
    'international news'

    Leaves alone: zero-width (non-)joiners and direction marks, which Persian, Indic scripts,
    emoji and right-to-left text need.
    """

    code = "UNI003"
    name = "unicode.invisible-characters"
    summary = "Remove zero-width spaces, word joiners, soft hyphens and stray BOMs."
    stage = Stage.UNICODE
    action = Action.NORMALIZED
    trigger_chars = "\u200b\u2060\ufeff\u00ad\u180e"

    _pattern = re.compile("[\u200b\u2060\ufeff\u00ad\u180e]")

    def repair(self, text: str) -> str:
        return self._pattern.sub("", text)


class Ligatures(RepairRule):
    """Spell out Latin typographic ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ), which OCR and PDFs produce.

    >>> from cleaner.config import Config
    >>> Ligatures(Config()).repair("the ﬁrst ﬂight")
    'the first flight'

    Leaves alone: ligature-like letters that are letters of a language (æ, œ, ĳ).
    """

    code = "UNI004"
    name = "unicode.ligatures"
    summary = "Spell out Latin typographic ligatures such as ﬁ and ﬂ."
    stage = Stage.UNICODE
    action = Action.REPAIRED
    trigger_chars = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"

    _table = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})

    def repair(self, text: str) -> str:
        return text.translate(self._table)


class NormalForm(RepairRule):
    """Compose the text to Unicode NFC, so equal words are equal strings.

    >>> from cleaner.config import Config
    >>> NormalForm(Config()).repair("Cafe\\u0301") == "Caf\\u00e9"
    True

    It runs at the end of the unicode stage, before any rule reads letters, so "e" + combining
    acute is one letter "é" for every later rule (a quote after it is a closing quote).

    Leaves alone: compatibility characters (NFC, not NFKC: "²", "ﬁ" and full-width forms keep
    their identity).
    """

    code = "UNI005"
    name = "unicode.nfc"
    summary = "Normalise the text to Unicode NFC."
    stage = Stage.UNICODE
    action = Action.NORMALIZED
    # NFC can change a line only at a character outside ASCII, Latin-1 and the general
    # punctuation block (U+2002-U+206F; U+2000 and U+2001 decompose to U+2002 and U+2003): a
    # combining mark, a Hangul jamo, a singleton such as the Ångström sign.
    scan = re.compile(r"[^\x00-\xff\u2002-\u206f]")

    def quick_check(self, text: str) -> bool:
        return not text.isascii() and not unicodedata.is_normalized("NFC", text)

    def repair(self, text: str) -> str:
        return unicodedata.normalize("NFC", text)
