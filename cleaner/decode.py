"""Bytes to text: BOMs, UTF-8/16/32, a careful fallback for legacy encodings, binary detection.

The result says what the bytes were decoded as (``source.encoding`` in the record) and which
normalisations were made on the way (a BOM dropped, CR/CRLF line ends turned into LF), so the
record can list them. Everything later works on ``Decoded.text``, the "raw" text that record
``changes`` refer to by line number.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from . import rejects
from .errors import RejectError

#: Leading bytes of common binary formats that end up named ``*.txt`` in scraped dumps. These
#: hold bytes no text starts with (or are long and specific), so they decide on their own.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00\x00\x00\x18ftyp", "MP4 media file"),
    (b"\x00\x00\x00\x20ftyp", "MP4 media file"),
    (b"\x00\x00\x01\x00", "Windows icon"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x00asm", "WebAssembly module"),
)
#: Short, printable signatures: an article may well start with "MZ" or "ID3". They decide only
#: together with other evidence that the bytes are not text (control bytes, invalid UTF-8).
WEAK_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "Windows executable"),
    (b"BZh", "bzip2 archive"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"BM", "BMP image"),
    (b"fLaC", "FLAC audio"),
)
#: Control bytes that text does not contain (C0 except tab, LF, VT, FF, CR, ESC; and DEL).
_CONTROL_BYTES = bytes(sorted(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}))
_CONTROL_BYTE = re.compile(b"[" + re.escape(_CONTROL_BYTES) + b"]")
#: Above this share of control bytes (in the first ``_SNIFF_BYTES``) a file is binary. Text with a
#: few stray NUL or control characters stays text: the unicode rules remove them (UNI002).
MAX_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 8192

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Legacy encodings tried when the bytes are not UTF-8. Each must decode strictly and the result
#: must read, by langdetect, as a language written in that encoding (``_legacy_confidence``).
LEGACY_ENCODINGS: tuple[str, ...] = ("cp949", "shift_jis", "gb18030", "big5", "cp1251", "cp1252")

#: Unicode's line and paragraph separators end a line just like CR and LF. (NEL, U+0085, is
#: left to the mojibake repair: in scraped text it is nearly always a cp1252 "…" read as Latin-1.)
_UNICODE_LINE_ENDS = ("\u2028", "\u2029")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029]")
_C0_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
_C1_CONTROLS = re.compile(r"[\x80-\x9f]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from raw bytes, and what decoding did on the way."""

    text: str
    encoding: str
    bom: bool = False
    #: Line-end styles found and turned into ``\n``: a subset of ``("\r\n", "\r", "\u2028", "\u2029")``.
    newlines: tuple[str, ...] = field(default=())


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary file ``data`` is, or ``None`` if it may be text.

    >>> sniff_binary(b"%PDF-1.7 ...")
    'PDF document'
    >>> sniff_binary("Plain text".encode()) is None
    True
    >>> sniff_binary(b"MZ Foods expands to Busan.") is None    # an article, not an executable
    True
    >>> sniff_binary(b"MZ\\x90\\x00\\x03\\x00\\x00\\x00\\x04\\x00")
    'Windows executable'
    """
    for magic, kind in BINARY_SIGNATURES:
        if data.startswith(magic):
            return kind
    for magic, kind in WEAK_BINARY_SIGNATURES:
        if data.startswith(magic) and (control_share(data) > 0 or not _is_utf8_prefix(data[:_SNIFF_BYTES])):
            return kind
    return None


def control_share(data: bytes) -> float:
    """The share of control bytes (not tab, line ends or ESC) in the first ``_SNIFF_BYTES``.

    >>> control_share(b"abc\\x00")
    0.25
    """
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / len(sample)


def _is_utf8_prefix(sample: bytes) -> bool:
    """Is ``sample`` valid UTF-8, allowing a character cut at its end?"""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 or UTF-32 flavour of BOM-less data whose characters are mostly ASCII or
    BMP, so that NUL bytes stand in a regular pattern."""
    sample = data[:4096]
    if len(sample) >= 8 and len(data) % 4 == 0:
        lanes = [sample[k::4].count(0) / (len(sample) // 4) for k in range(4)]
        if lanes[2] > 0.95 and lanes[3] > 0.95 and lanes[0] < 0.05:
            return "utf-32-le"
        if lanes[0] > 0.95 and lanes[1] > 0.95 and lanes[3] < 0.05:
            return "utf-32-be"
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


#: What a legacy decoding must read as, by langdetect: the languages written in that encoding.
LEGACY_LANGUAGES: dict[str, frozenset[str]] = {
    "cp949": frozenset({"ko"}),
    "shift_jis": frozenset({"ja"}),
    # langdetect often calls short Han-only text Korean or Japanese (Hanja, Kanji); the common-
    # character test in _plausible is what tells Chinese decodings apart.
    "gb18030": frozenset({"zh-cn", "zh-tw", "ko", "ja"}),
    "big5": frozenset({"zh-tw", "zh-cn", "ko", "ja"}),
    "cp1251": frozenset({"ru", "uk", "bg", "mk", "sr"}),
}
#: cp1252 covers the Western European languages langdetect knows.
_LATIN_LANGUAGES = frozenset({
    "en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "no", "fi", "ca", "af", "id", "tl", "sw", "so",
    "et", "sq", "cy", "ro", "hr", "sl", "pl", "cs", "sk", "hu", "lt", "lv", "tr", "vi",
})
_MIN_LEGACY_SCORE = 0.90


_HANGUL = re.compile("[\uac00-\ud7a3]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile("[\u3040-\u30ff]")
#: Letters a real text in any language has at least this many different ones of.
_MIN_DISTINCT_LETTERS = 4


def _plausible(text: str, encoding: str) -> bool:
    """Does ``text`` look like the language its encoding is for, beyond what langdetect checks?
    langdetect reads one repeated letter as a language, and Chinese bytes read as cp949 give
    Hangul mixed with many Hanja that it still calls Korean.

    >>> _plausible("서울 시내 도로가 폭설로 정체", "cp949"), _plausible("굇쑴懇櫓懃돨寮狼돛쨌凜豆", "cp949")
    (True, False)
    """
    if len({c for c in text if c.isalpha()}) < _MIN_DISTINCT_LETTERS:
        return False
    if encoding == "cp949":
        hangul = _HANGUL.findall(text)
        hanja = len(_HAN.findall(text))
        if not hangul or hanja > 0.25 * (len(hangul) + hanja):
            return False
        # Korean text keeps to the 2,350 common syllables of KS X 1001 (EUC-KR); other bytes read
        # as cp949 land on its rare extension syllables.
        rare = sum(1 for s in set(hangul) if not _in_euc_kr(s))
        return rare <= 0.05 * len(set(hangul))
    if encoding in ("gb18030", "big5"):
        if _HANGUL.search(text):
            return False
        return _common_han_share(text, encoding) >= 0.9
    if encoding == "shift_jis":
        return bool(_KANA.search(text) or _HAN.search(text))
    # Single-byte encodings: words separated by spaces, few stray symbols. CJK bytes read as
    # cp1251/cp1252 give long runs of letters and signs such as ± © µ without a space.
    words = text.split()
    letters = sum(1 for c in text if c.isalpha())
    if not words or letters / len(words) > 20:
        return False
    symbols = sum(1 for c in text if not (c.isalnum() or c.isspace()) and unicodedata.category(c)[0] == "S")
    return symbols <= 0.05 * max(1, letters)


def _common_han_share(text: str, encoding: str) -> float:
    """The share of the text's distinct Han characters that are common ones (GB2312 for
    gb18030, Big5 level 1 for big5): Chinese text keeps to them, while bytes of another encoding
    read as gb18030 or big5 land on rare characters."""
    han = set(_HAN.findall(text))
    if not han:
        return 0.0
    return sum(1 for c in han if _common_han(c, encoding)) / len(han)


def _common_han(char: str, encoding: str) -> bool:
    try:
        encoded = char.encode("gb2312" if encoding == "gb18030" else "big5")
    except UnicodeEncodeError:
        return False
    return encoding == "gb18030" or 0xA4 <= encoded[0] <= 0xC6  # Big5 level 1: frequent characters


def _in_euc_kr(char: str) -> bool:
    try:
        char.encode("euc_kr")
    except UnicodeEncodeError:
        return False
    return True


def _looks_like_damaged_utf8(data: bytes) -> bool:
    """Mostly valid UTF-8 with a few bad bytes: a damaged file, not a legacy encoding (reading
    it as cp1252 would turn every correct character into mojibake)."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if not valid:
        return False
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    invalid = len(data.decode("utf-8", "replace").split("\ufffd")) - 1 - data.decode("utf-8", "ignore").count("\ufffd")
    return valid >= 4 * invalid


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _legacy_confidence(text: str, encoding: str) -> float:
    """How sure we are that ``text`` is right: langdetect's probability that it is written in a
    language of that encoding (0 when it reads as another language, holds control bytes, or
    fails the plausibility checks of :func:`_plausible`)."""
    if _C0_CONTROLS.search(text):
        return 0.0
    if encoding == "cp1252" and _C1_CONTROLS.search(text):
        return 0.0
    if not _plausible(text, encoding):
        return 0.0
    from .language import detect_language

    language, score = detect_language(text, 2000)
    allowed = LEGACY_LANGUAGES.get(encoding, _LATIN_LANGUAGES)
    if language not in allowed:
        return 0.0
    if encoding in ("gb18030", "big5") and len(set(_HAN.findall(text))) >= 10:
        # langdetect's probabilities on Han text come in steps of 1/7 and rarely reach 0.9;
        # with ten or more distinct characters, the common-character share is the better measure.
        score = max(score, _common_han_share(text, encoding))
    return score


def _decode_legacy(data: bytes) -> tuple[str, str] | None:
    """The most convincing legacy decoding, or ``None`` when none is convincing."""
    best: tuple[float, str, str] | None = None
    for legacy in LEGACY_ENCODINGS:
        try:
            candidate = data.decode(legacy)
        except UnicodeDecodeError:
            continue
        confidence = _legacy_confidence(candidate, legacy)
        if confidence >= _MIN_LEGACY_SCORE and (best is None or confidence > best[0]):
            best = (confidence, candidate, legacy)
    return None if best is None else (best[1], best[2])


def decode_bytes(data: bytes) -> Decoded:
    """Decode raw bytes, or raise :class:`RejectError` with a reject code.

    >>> decode_bytes(b"\\xef\\xbb\\xbfHello\\r\\nworld").text
    'Hello\\nworld'
    >>> decode_bytes("Le café est très chaud, déjà.".encode("cp1252")).encoding
    'cp1252'
    """
    if not data.strip():
        raise RejectError(rejects.EMPTY, "file is empty" if not data else "file holds only whitespace")
    kind = sniff_binary(data)
    if kind is not None:
        raise RejectError(rejects.BINARY, f"binary file ({kind}), not text")

    text: str | None = None
    bom = False
    encoding = "utf-8"
    for mark, name in _BOMS:
        if data.startswith(mark):
            try:
                text = data[len(mark):].decode(name)
            except UnicodeDecodeError as exc:
                raise RejectError(rejects.UNDECODABLE, f"invalid {name} after its byte-order mark at byte {exc.start + len(mark)}") from None
            bom, encoding = True, name
            break
    if text is None:
        flavour = _utf16_without_bom(data) if b"\x00" in data[:_SNIFF_BYTES] else None
        if flavour is not None:
            try:
                text, encoding = data.decode(flavour), flavour
            except UnicodeDecodeError:
                raise RejectError(rejects.UNDECODABLE, f"looks like {flavour} without a byte-order mark but does not decode") from None
        else:
            share = control_share(data)
            if share > MAX_CONTROL_SHARE:
                first = _CONTROL_BYTE.search(data).start()  # type: ignore[union-attr]
                raise RejectError(rejects.BINARY, f"binary file ({share:.0%} control bytes, the first at offset {first}), not text")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                if _looks_like_damaged_utf8(data):
                    raise RejectError(rejects.UNDECODABLE, f"invalid UTF-8 at byte {exc.start} in an otherwise UTF-8 file (damaged, not a legacy encoding)") from None
                legacy = _decode_legacy(data)
                if legacy is None:
                    raise RejectError(
                        rejects.UNDECODABLE,
                        f"invalid UTF-8 at byte {exc.start} and no legacy encoding fits with confidence",
                    ) from None
                text, encoding = legacy

    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    newlines = (("\r\n",) if crlf else ()) + (("\r",) if lone_cr else ())
    newlines += tuple(sep for sep in _UNICODE_LINE_ENDS if sep in text)
    if newlines:
        text = _NEWLINES.sub("\n", text)
    if not text.strip():
        raise RejectError(rejects.EMPTY, "file holds only whitespace")
    return Decoded(text=text, encoding=encoding, bom=bom, newlines=newlines)
