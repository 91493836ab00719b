"""The hostile-file table, through the real console script.

One corpus holds every kind of bad input a scraped folder throws at the cleaner; one
``cleaner run`` cleans it. Each row of ``TABLE`` then says what must have become of its input: a
record (with checks on it), or a reject with its code. Across the table: exit 1, no traceback,
every input ends as exactly one record or one reject, raw files untouched, every record valid
and replayable, no temporary file left.

``pytest -k REJ003`` selects the rows with that code; ``-k record`` the ones that are cleaned.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from cleaner.audit import apply_changes
from cleaner.decode import decode_bytes
from cleaner.record import is_canonical
from cleaner.schema import validate_record

from .conftest import ARTICLE, cleaner_executable

SIZE_LIMIT = 4_000_000  # the corpus's max_file_bytes

CHINESE = "北京市中心的主要道路因早晨的大雪而严重拥堵。气象部门预计降雪将持续到今晚，市民出行请注意安全。交通部门表示，地铁和公交将增加班次，以缓解道路压力。"
KOREAN = "서울 시내 주요 도로가 출근길 폭설로 극심한 정체를 빚었다. 기상청은 오늘 밤까지 눈이 더 내릴 것으로 내다봤다. 시민들은 대중교통을 이용해 달라는 당부를 받았다."
JAPANESE = "東京都内の主要道路は朝の大雪で激しい渋滞となった。気象庁は今夜まで雪が続くと予想している。市民には公共交通機関の利用が呼びかけられた。"
FRENCH = "Les routes principales de la ville étaient paralysées ce matin à cause d’une forte chute de neige. « Très difficile », a déclaré le préfet, qui demande aux habitants de rester chez eux."


def _long_line() -> bytes:
    """Three megabytes without a newline, with repairs all along it (straight quotes, NBSP,
    backtick apostrophes, double spaces)."""
    unit = 'The minister said "we will act" and the media`s reports\u00a0agreed.  Officials were not sure. '
    return (unit * (3_000_000 // len(unit) + 1)).encode("utf-8")


@dataclass(frozen=True)
class Row:
    """One hostile input: the name it has in raw/, how to make it, what must become of it."""

    name: str
    make: Callable[[Path], None]
    code: str | None = None  # the reject code, or None: it becomes a record
    check: Callable[[dict], None] | None = None  # checks on the record
    message: str | None = None  # a piece of the reject message

    @property
    def id(self) -> str:
        return f"{self.code or 'record'}-{self.name}"


def _write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _encoding(name: str, *, contains: str = "", bom: bool | None = None) -> Callable[[dict], None]:
    def check(record: dict) -> None:
        assert record["source"]["encoding"] == name
        assert contains in record["text"]
        if bom is not None:
            assert any(c["rule"] == "DEC001" for c in record["changes"]) is bom

    return check


def _text(*present: str, absent: tuple[str, ...] = (), rules: tuple[str, ...] = ()) -> Callable[[dict], None]:
    def check(record: dict) -> None:
        for piece in present:
            assert piece in record["text"], piece
        for piece in absent:
            assert piece not in record["text"], piece
        logged = {c["rule"] for c in record["changes"]}
        assert set(rules) <= logged, (rules, logged)

    return check


def _directory_named_txt(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text(ARTICLE, encoding="utf-8")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _symlink_to(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _big(path: Path) -> None:
    with open(path, "wb") as fh:  # tens of megabytes, without holding them in memory here
        block = (ARTICLE * 40).encode("utf-8")
        for _ in range(30_000_000 // len(block) + 1):
            fh.write(block)


def _binary_without_signature(path: Path) -> None:
    import random

    rnd = random.Random(8)
    path.write_bytes(bytes(rnd.randrange(0, 256) for _ in range(4096)))


TABLE: list[Row] = [
    Row("empty.txt", _write(b""), "REJ001", message="empty"),
    Row("whitespace-only.txt", _write(b"  \n\t \r\n  "), "REJ001"),
    Row("png-image.txt", _write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "REJ002", message="PNG"),
    Row("pdf-document.txt", _write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n"), "REJ002", message="PDF"),
    Row("zip-archive.txt", _write(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(200))), "REJ002", message="ZIP"),
    Row("gzip-archive.txt", _write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(100))), "REJ002"),
    Row("binary-no-signature.txt", _binary_without_signature, "REJ002", message="control bytes"),
    Row("invalid-utf8.txt", _write(bytes(range(0x80, 0x100)) * 4), "REJ003", message="invalid UTF-8"),
    Row("damaged-utf8.txt", _write("Le café était très chaud, déjà à midi. ".encode() * 4 + b"\xff\xfe" + ARTICLE.encode()), "REJ003", message="damaged"),
    Row("legacy-not-confident.txt", _write(b"\xd2" * 300), "REJ003", message="no legacy encoding fits"),
    Row("utf8-bom.txt", _write(codecs.BOM_UTF8 + ARTICLE.encode("utf-8")), check=_encoding("utf-8", contains="strategic dialogue", bom=True)),
    Row("utf16le-bom.txt", _write(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")), check=_encoding("utf-16-le", contains="strategic dialogue", bom=True)),
    Row("utf16be-bom.txt", _write(codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")), check=_encoding("utf-16-be", contains="strategic dialogue", bom=True)),
    Row("utf32le-bom.txt", _write(codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le")), check=_encoding("utf-32-le", contains="strategic dialogue", bom=True)),
    Row("utf32be-bom.txt", _write(codecs.BOM_UTF32_BE + ARTICLE.encode("utf-32-be")), check=_encoding("utf-32-be", contains="strategic dialogue", bom=True)),
    Row("utf16le-no-bom.txt", _write(ARTICLE.encode("utf-16-le")), check=_encoding("utf-16-le", contains="strategic dialogue", bom=False)),
    Row("cp1252-french.txt", _write(FRENCH.encode("cp1252")), check=_encoding("cp1252", contains="préfet")),
    Row("euc-kr-korean.txt", _write(KOREAN.encode("euc-kr")), check=_encoding("cp949", contains="기상청")),
    Row("shift-jis-japanese.txt", _write(JAPANESE.encode("shift_jis")), check=_encoding("shift_jis", contains="気象庁")),
    Row("gb18030-chinese.txt", _write(CHINESE.encode("gb18030")), check=_encoding("gb18030", contains="气象部门")),
    Row("mojibake.txt", _write(("The Mona Lisa doesnâ€™t have eyebrows, and the museumâ€™s curators say so. " * 3).encode("utf-8")),
        check=_text("doesn’t have eyebrows", absent=("â€",), rules=("UNI001",))),
    Row("nul-and-controls.txt", _write(ARTICLE.replace("dialogue", "dia\x00logue").replace("summit", "sum\x07mit\x1b").encode("utf-8")),
        check=_text("strategic dialogue", "summit", absent=("\x00", "\x07", "\x1b"), rules=("UNI002",))),
    Row("crlf-line-ends.txt", _write(ARTICLE.replace("\n", "\r\n").encode("utf-8")), check=_text("adversaries.\n\nThe two", absent=("\r",), rules=("DEC002",))),
    Row("cr-line-ends.txt", _write(ARTICLE.replace("\n", "\r").encode("utf-8")), check=_text("adversaries.\n\nThe two", absent=("\r",), rules=("DEC002",))),
    Row("unicode-line-separators.txt", _write(ARTICLE.replace("\n\n", "\u2028").encode("utf-8")), check=_text("adversaries.\n\nThe two", absent=("\u2028",), rules=("DEC002",))),
    Row("only-artifacts.txt", _write(b"Go to contents\n\nPlease enter your comment!\nPlease enter your name here\n"), "REJ004", message="nothing left"),
    Row("only-invisible.txt", _write("\u200b\u00ad\u200b\n\ufeff\n".encode("utf-8")), "REJ004"),
    Row("megabytes-one-line.txt", lambda p: p.write_bytes(_long_line()), check=_text("“we will act”", "media’s", absent=("\u00a0", "  "), rules=("QUO001", "QUO006", "WSP001"))),
    Row("tens-of-megabytes.txt", _big, "REJ006", message="max_file_bytes"),
    Row("name with spaces.txt", _write(ARTICLE.encode()), check=_text("strategic dialogue")),
    Row("한국어 기사 – café.txt", _write(ARTICLE.encode()), check=_text("strategic dialogue")),
    Row("directory-named.txt", _directory_named_txt, "REJ008", message="directory"),
    Row("fifo.txt", _fifo, "REJ008", message="not a regular file"),
    Row("symlink-leaving-tree.txt", _symlink_to("../outside/secret.txt"), "REJ010", message="leaves the input tree"),
    Row("symlink-inside-tree.txt", _symlink_to("name with spaces.txt"), check=_text("strategic dialogue")),
    Row("symlink-loop.txt", _symlink_to("symlink-loop.txt"), "REJ007", message="symlink loop"),
    Row("symlink-dangling.txt", _symlink_to("no-such-file.txt"), "REJ007", message="No such file"),
    Row("_underscore.txt", _write(ARTICLE.encode()), "REJ011", message="must not start with '_'"),
    Row("line\nbreak.txt", _write(ARTICLE.encode()), "REJ011", message="control characters"),
    Row("back\\slash.txt", _write(ARTICLE.encode()), "REJ011", message="backslash"),
    Row("twin.txt", _write(ARTICLE.encode()), "REJ009", message="claimed by 2 inputs"),
    Row("sub/twin.txt", _write(ARTICLE.encode()), "REJ009", message="claimed by 2 inputs"),
    Row("Case.txt", _write(ARTICLE.encode()), "REJ009", message="case or Unicode form"),
    Row("case.txt", _write(ARTICLE.encode()), "REJ009", message="case or Unicode form"),
]
#: Not inputs at all: hidden files and files not named *.txt are never read.
IGNORED = {".hidden.txt": ARTICLE.encode(), "notes.md": b"# not an article\n"}
#: A file whose name is not valid UTF-8 (a byte string; Linux allows it).
BAD_BYTES_NAME = b"latin1-caf\xe9.txt"


def _snapshot(folder: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``folder``: its kind and, for regular files, a hash of its bytes."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            rel = os.fsencode(path.relative_to(folder)).hex()
            if path.is_symlink():
                out[rel] = ("symlink", os.readlink(path))
            elif path.is_file():
                out[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                out[rel] = ("other", "")
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("hostile")
    (root / "pyproject.toml").write_text(f'[tool.cleaner]\nlanguages = "any"\nmax_file_bytes = {SIZE_LIMIT}\n', encoding="utf-8")
    raw = root / "raw"
    (raw / "sub").mkdir(parents=True)
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("A secret article outside the input tree. " * 20, encoding="utf-8")
    for row in TABLE:
        row.make(raw / row.name)
    for name, data in IGNORED.items():
        (raw / name).write_bytes(data)
    with open(os.path.join(os.fsencode(raw), BAD_BYTES_NAME), "wb") as fh:
        fh.write(ARTICLE.encode())
    before = _snapshot(root)
    proc = subprocess.run([cleaner_executable(), "run"], cwd=root, capture_output=True, env={**os.environ, "NO_COLOR": "1"}, timeout=600)
    return {
        "root": root,
        "proc": proc,
        "stderr": proc.stderr.decode("utf-8", "replace"),
        "before": before,
        "report": json.loads((root / "clean" / "_rejects.json").read_text(encoding="utf-8"))["rejects"],
    }


def _record_path(hostile: dict, row: Row) -> Path:
    return hostile["root"] / "clean" / f"{Path(row.name).name[:-4]}.json"


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r.id)
def test_row(hostile: dict, row: Row) -> None:
    source = f"raw/{row.name}".replace("\n", "\\n")
    entries = [e for e in hostile["report"] if e["path"] == source]
    if row.code is None:
        assert not entries, entries
        record = json.loads(_record_path(hostile, row).read_text(encoding="utf-8"))
        assert record["source"]["path"] == source
        row.check(record)  # type: ignore[misc]
    else:
        assert [e["code"] for e in entries] == [row.code], (source, entries)
        assert row.message is None or row.message in entries[0]["message"], entries[0]["message"]
        assert f"{source}: {row.code} " in hostile["stderr"]
        assert not _record_path(hostile, row).exists()  # no record, not even an old one


def test_the_batch_goes_on_and_exits_1_without_a_traceback(hostile: dict) -> None:
    assert hostile["proc"].returncode == 1, hostile["stderr"]
    assert "Traceback" not in hostile["stderr"]
    # every reject line is one line: `path: CODE message`
    lines = [l for l in hostile["stderr"].splitlines() if ": REJ" in l]
    assert len(lines) == len(hostile["report"])
    for line, entry in zip(lines, hostile["report"]):
        assert line == f"{entry['path']}: {entry['code']} {entry['message']}"


def test_every_input_is_a_record_or_a_reject_never_both_never_lost(hostile: dict) -> None:
    clean = hostile["root"] / "clean"
    records = {p.name[:-5] for p in clean.iterdir() if p.suffix == ".json" and not p.name.startswith(("_", "."))}
    rejected = [e["path"] for e in hostile["report"]]
    assert len(rejected) == len(set(rejected))
    expected_records = {Path(r.name).name[:-4] for r in TABLE if r.code is None} | {"inside"}
    assert records == expected_records
    inputs = {f"raw/{r.name}".replace("\n", "\\n") for r in TABLE} | {"raw/directory-named.txt/inside.txt", "raw/latin1-caf\\xe9.txt"}
    sources = {json.loads((clean / f"{rid}.json").read_text(encoding="utf-8"))["source"]["path"] for rid in records}
    assert sources | set(rejected) == inputs
    assert not sources & set(rejected)
    assert {e["code"] for e in hostile["report"] if e["path"] == "raw/latin1-caf\\xe9.txt"} == {"REJ011"}


def test_raw_files_and_symlink_targets_are_never_modified(hostile: dict) -> None:
    after = _snapshot(hostile["root"])
    for key, value in hostile["before"].items():
        assert after[key] == value, bytes.fromhex(key)
    # nothing new anywhere but in clean/
    new = {bytes.fromhex(k).decode("utf-8", "replace") for k in after.keys() - hostile["before"].keys()}
    assert all(n == "clean" or n.startswith("clean/") for n in new), new


def test_records_are_valid_canonical_and_replay(hostile: dict) -> None:
    clean = hostile["root"] / "clean"
    for path in sorted(clean.iterdir()):
        assert not path.name.startswith(".cleaner-tmp-"), "a temporary file was left behind"
        if path.name.startswith(("_", ".")):
            continue  # the rejects report; the hidden run index
        data = path.read_bytes()
        assert is_canonical(data), path.name
        record = json.loads(data)
        validate_record(record)
        raw = hostile["root"] / record["source"]["path"]
        decoded = decode_bytes(raw.read_bytes()).text
        assert apply_changes(decoded, record["changes"]) == record["text"], path.name


def test_the_outside_file_was_never_read(hostile: dict) -> None:
    clean = hostile["root"] / "clean"
    for path in clean.iterdir():
        assert "secret article" not in path.read_text(encoding="utf-8")


def test_a_second_run_gives_byte_identical_output(hostile: dict, tmp_path: Path) -> None:
    clean = hostile["root"] / "clean"
    first = {p.name: p.read_bytes() for p in clean.iterdir() if not p.name.startswith(".")}
    proc = subprocess.run([cleaner_executable(), "run", "--quiet"], cwd=hostile["root"], capture_output=True, timeout=600)
    assert proc.returncode == 1
    assert {p.name: p.read_bytes() for p in clean.iterdir() if not p.name.startswith(".")} == first
