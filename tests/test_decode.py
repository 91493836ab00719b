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


# -- bad input (issue 8): what decoding must tell apart ------------------------------------------

CHINESE = "北京市中心的主要道路因早晨的大雪而严重拥堵。气象部门预计降雪将持续到今晚，市民出行请注意安全。交通部门表示，地铁和公交将增加班次，以缓解道路压力。"
TRADITIONAL = "台北市中心的主要道路因早晨的大雪而嚴重擁堵。氣象部門預計降雪將持續到今晚，市民出行請注意安全。交通部門表示，捷運和公車將增加班次，以緩解道路壓力。"
KOREAN = "서울 시내 주요 도로가 출근길 폭설로 극심한 정체를 빚었다. 기상청은 오늘 밤까지 눈이 더 내릴 것으로 내다봤다."


@pytest.mark.parametrize(
    "data,encoding",
    [
        (CHINESE.encode("gb18030"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
        (KOREAN.encode("euc-kr"), "cp949"),  # cp949 is a superset of EUC-KR
        ("Die Straßen waren heute Morgen wegen starken Schneefalls blockiert, sagte der Bürgermeister.".encode("cp1252"), "cp1252"),
        (TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("utf-32-be"), "utf-32-be"),
        ("Seoul\x00 news with a stray NUL byte, which the unicode rules remove.".encode(), "utf-8"),
        (b"MZ Foods expands its plant in Busan, the company said on Monday.", "utf-8"),
        (b"BMW recalls 10,000 cars in Korea.", "utf-8"),
    ],
    ids=["gb18030", "big5", "euc-kr", "cp1252-german", "utf32le-no-bom", "utf32be-no-bom", "stray-nul", "MZ-article", "BM-article"],
)
def test_decoded_with_confidence(data: bytes, encoding: str) -> None:
    assert decode_bytes(data).encoding == encoding


@pytest.mark.parametrize(
    "data,code,message",
    [
        (b"\xd2" * 300, rejects.UNDECODABLE, "no legacy encoding fits"),  # langdetect calls it Russian
        ("Le café était très chaud. ".encode() * 4 + b"\xff" + "Fin de l’été.".encode(), rejects.UNDECODABLE, "damaged"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", rejects.BINARY, "Windows executable"),
        (bytes(range(32)) * 10, rejects.BINARY, "control bytes"),
    ],
    ids=["one-repeated-byte", "damaged-utf8", "MZ-executable", "control-bytes"],
)
def test_rejected_with_a_reason(data: bytes, code: str, message: str) -> None:
    with pytest.raises(RejectError) as info:
        decode_bytes(data)
    assert info.value.code == code
    assert message in info.value.message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_unicode_line_separators_end_lines(separator: str) -> None:
    decoded = decode_bytes(f"one{separator}two".encode())
    assert decoded.text == "one\ntwo"
    assert decoded.newlines == (separator,)
