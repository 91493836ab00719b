"""Decoding raw bytes: encodings, BOMs, line ends, binary and empty files."""

from __future__ import annotations

import codecs

import pytest

from cleaner import rejects
from cleaner.decode import decode_bytes
from cleaner.errors import RejectError

TEXT = "Seoul’s café — “news”\nsecond line"


@pytest.mark.parametrize(
    "data,encoding,bom",
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", True),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le", True),
        (TEXT.encode("utf-16-le"), "utf-16-le", False),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf16le-no-bom"],
)
def test_unicode_encodings(data: bytes, encoding: str, bom: bool) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding
    assert decoded.bom is bom


@pytest.mark.parametrize(
    "text,codec",
    [("Le café est très chaud, déjà.", "cp1252"), ("한국어 기사 본문입니다. 중국과 나토", "cp949"), ("日本語の記事です。ニュース", "shift_jis"), ("Русский текст новости", "cp1251")],
)
def test_legacy_encodings(text: str, codec: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == codec


def test_line_ends_normalised_and_reported() -> None:
    decoded = decode_bytes(b"a\r\nb\rc\n")
    assert decoded.text == "a\nb\nc\n"
    assert decoded.newlines == ("\r\n", "\r")


@pytest.mark.parametrize(
    "data,code",
    [
        (b"", rejects.EMPTY),
        (b"  \n\t \r\n", rejects.EMPTY),
        (b"%PDF-1.4\n%binary", rejects.BINARY),
        (b"\x89PNG\r\n\x1a\n\x00\x00", rejects.BINARY),
        (b"PK\x03\x04\x14\x00", rejects.BINARY),
        (b"abc\x00\x01\x02\xff\xfe\x00\x00\x13", rejects.BINARY),
        (b"\xff\xfe\x00\xd8", rejects.UNDECODABLE),
        (bytes(range(0x80, 0x100)) * 4, rejects.UNDECODABLE),
    ],
    ids=["empty", "whitespace", "pdf", "png", "zip", "nul-bytes", "bad-utf16", "garbage-high-bytes"],
)
def test_rejected_inputs(data: bytes, code: str) -> None:
    with pytest.raises(RejectError) as info:
        decode_bytes(data)
    assert info.value.code == code
    assert info.value.message
