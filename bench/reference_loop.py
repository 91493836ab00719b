"""The plain reference loop: the minimum any cleaning tool must do per document.

    python bench/reference_loop.py RAW_DIR OUT_DIR

For each ``*.txt`` (sorted): read the bytes, ``ftfy.fix_text`` (defaults), langdetect on the
first 2,000 characters (seeded), build a record dict, validate it against the record schema
(validator compiled once), and write it atomically (temporary file, fsync, rename). No rules,
no change log, no incremental skip, no parallelism. ``bench/run.py`` compares ``cleaner run``
against it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import ftfy
from jsonschema import Draft202012Validator
from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

SCHEMA = Path(__file__).resolve().parents[1] / "cleaner" / "schema" / "article.schema.json"


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def tidy(text: str) -> str:
    """The least a record's text needs to pass the schema: no control characters, single
    spaces, no blank-only lines, paragraphs separated by one blank line."""
    lines = (_SPACES.sub(" ", _CONTROLS.sub("", line)).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    raw_dir, out_dir = (Path(a) for a in (argv if argv is not None else sys.argv[1:]))
    out_dir.mkdir(parents=True, exist_ok=True)
    DetectorFactory.seed = 0
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    for path in sorted(raw_dir.glob("*.txt")):
        data = path.read_bytes()
        text = tidy(ftfy.fix_text(data.decode("utf-8", errors="replace")))
        try:
            best = detect_langs(text[:2000])[0]
            language, score = best.lang, round(best.prob, 4)
        except LangDetectException:
            language, score = "und", 0.0
        record = {
            "id": path.stem,
            "source": {"path": path.as_posix(), "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "encoding": "utf-8"},
            "title": None, "published": None, "authors": [],
            "language": language, "language_score": score,
            "text": text, "changes": [], "warnings": [],
            "stats": {"raw_chars": len(text), "text_chars": len(text), "paragraphs": text.count("\n\n") + 1, "lines_removed": 0},
            "cleaner": {"version": "0.0.0", "config_hash": "sha256:" + "0" * 16},
        }
        errors = list(validator.iter_errors(record))
        if errors:
            print(f"{path}: {errors[0].message}", file=sys.stderr)
            continue
        write_atomic(out_dir / f"{path.stem}.json", (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
