"""Bytes to text: BOMs, UTF-8/16/32, a careful fallback for legacy encodings, binary detection.

The result says what the bytes were decoded as (``source.encoding`` in the record) and which
normalisations were made on the way (a BOM dropped, CR/CRLF line ends turned into LF), so the
record can list them. Everything later works on ``Decoded.text``, the "raw" text that record
``changes`` refer to by line number.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from . import rejects
from .errors import RejectError

#: Leading bytes of common binary formats that end up named ``*.txt`` in scraped dumps.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media file"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 media file"),
    (b"\x00\x00\x00\x20ftyp", "MP4 media file"),
    (b"wOFF", "WOFF font"),
)

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

_NEWLINES = re.compile(r"\r\n?")
_C0_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from raw bytes, and what decoding did on the way."""

    text: str
    encoding: str
    bom: bool = False
    #: Line-end styles found and turned into ``\n``: a subset of ``("\r\n", "\r")``.
    newlines: tuple[str, ...] = field(default=())


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary file ``data`` is, or ``None`` if it may be text.

    >>> sniff_binary(b"%PDF-1.7 ...")
    'PDF document'
    >>> sniff_binary("Plain text".encode()) is None
    True
    """
    for magic, kind in BINARY_SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 flavour of BOM-less data whose ASCII characters alternate with NUL bytes."""
    sample = data[:4096]
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
    "gb18030": frozenset({"zh-cn", "zh-tw"}),
    "big5": frozenset({"zh-tw", "zh-cn"}),
    "cp1251": frozenset({"ru", "uk", "bg", "mk", "sr"}),
}
#: cp1252 covers the Western European languages langdetect knows.
_LATIN_LANGUAGES = frozenset({
    "en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "no", "fi", "ca", "af", "id", "tl", "sw", "so",
    "et", "sq", "cy", "ro", "hr", "sl", "pl", "cs", "sk", "hu", "lt", "lv", "tr", "vi",
})
_MIN_LEGACY_SCORE = 0.90


def _legacy_confidence(text: str, encoding: str) -> float:
    """How sure we are that ``text`` is right: langdetect's probability that it is written in a
    language of that encoding (0 when it reads as another language, or holds control bytes)."""
    if _C0_CONTROLS.search(text):
        return 0.0
    if encoding == "cp1252" and any(0x80 <= ord(c) <= 0x9F for c in text):
        return 0.0
    from .language import detect_language

    language, score = detect_language(text, 2000)
    allowed = LEGACY_LANGUAGES.get(encoding, _LATIN_LANGUAGES)
    return score if language in allowed else 0.0


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
        if b"\x00" in data:
            flavour = _utf16_without_bom(data)
            if flavour is None:
                raise RejectError(rejects.BINARY, f"binary file (NUL byte at offset {data.index(0)}), not text")
            try:
                text, encoding = data.decode(flavour), flavour
            except UnicodeDecodeError:
                raise RejectError(rejects.UNDECODABLE, f"looks like {flavour} without a byte-order mark but does not decode") from None
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
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
    if newlines:
        text = _NEWLINES.sub("\n", text)
    if not text.strip():
        raise RejectError(rejects.EMPTY, "file holds only whitespace")
    return Decoded(text=text, encoding=encoding, bom=bom, newlines=newlines)
