"""Findings of ``cleaner check``, ``cleaner validate`` and the pre-commit hooks: what they are
called and how they are printed.

A finding names a file (and where in it), a stable code and a message. Raw files that would be
rejected carry their reject code (``REJ001`` ...); everything else carries a ``COR`` code from
:data:`CHECK_CODES`. Each code belongs to a *kind*, which the one-line summaries count.

Three output formats: ``text`` (``path:line:col: CODE message``, what editors and pre-commit
show), ``json`` (a list of objects) and ``github`` (GitHub Actions workflow commands, which
turn into annotations on the pull request).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Iterable, Sequence, TextIO

from .rejects import REJECT_CODES

FORMATS = ("text", "json", "github")

#: code -> (name, kind, summary). Codes are stable; a retired code is never reused.
CHECK_CODES: dict[str, tuple[str, str, str]] = {
    "COR001": ("record.schema", "schema", "The record does not match the record schema; the message names the JSON path of the field."),
    "COR002": ("record.unreadable", "schema", "The record file is not readable UTF-8 JSON."),
    "COR003": ("record.not-canonical", "not-canonical", "Re-serialising the record gives other bytes (key order, indentation, escapes, final newline)."),
    "COR004": ("record.stale-raw", "stale", "The raw file changed since the record was made (source.sha256)."),
    "COR005": ("record.stale-cleaner", "stale", "Another cleaner version or configuration made the record (cleaner.version, cleaner.config_hash)."),
    "COR006": ("record.missing", "missing", "A raw file has no record and is not in the rejects report."),
    "COR007": ("record.orphan", "orphan", "A record has no raw file."),
    "COR008": ("record.artifact", "artifact", "The current rules would still change the record's text."),
    "COR009": ("record.misplaced", "stale", "The record's id or source.path does not match its file name or where its raw file is."),
    "COR010": ("rejects.stale", "stale", "The rejects report disagrees with the raw files: it lists a file that is gone, that has a record, or that is no longer rejected for that reason."),
    "COR011": ("record.replay", "replay", "The record's changes do not turn its raw file into its text (was the record edited by hand?)."),
    "COR012": ("raw.little-text", "little-text", "Suspiciously little text is left after cleaning (fewer words than min_words)."),
    "COR013": ("record.duplicate", "duplicate", "The record's text is the same as, or a near-duplicate of, another record's (estimated Jaccard similarity of word 5-gram shingles at least duplicate_threshold); the message names the cluster."),
}

#: The kind of every finding that is a reject code.
REJECTED = "rejected"


def kind_of(code: str) -> str:
    """The kind a code is counted under in summaries.

    >>> kind_of("COR004"), kind_of("REJ001")
    ('stale', 'rejected')
    """
    if code in REJECT_CODES:
        return REJECTED
    return CHECK_CODES[code][1]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: ``path:line:column: code message``."""

    path: str
    line: int
    column: int
    code: str
    message: str

    @property
    def kind(self) -> str:
        return kind_of(self.code)

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column, "code": self.code,
                "kind": self.kind, "message": self.message}

    def github(self) -> str:
        """A GitHub Actions ``::error`` workflow command (an annotation on the file and line).

        >>> Finding("raw/a,b.txt", 1, 1, "REJ001", "file is empty\\n").github()
        '::error file=raw/a%2Cb.txt,line=1,col=1,title=REJ001 reject.empty::file is empty%0A'
        """
        name = CHECK_CODES[self.code][0] if self.code in CHECK_CODES else REJECT_CODES.get(self.code, ("",))[0]
        title = f"{self.code} {name}".strip()
        return (f"::error file={_escape_property(self.path)},line={self.line},col={self.column},"
                f"title={_escape_property(title)}::{_escape_data(self.message)}")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(findings: Sequence[Finding], fmt: str) -> str:
    """The findings in one output format, ready to print (empty text when there are none)."""
    if fmt == "json":
        return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        return "".join(f.github() + "\n" for f in findings)
    return "".join(f.text() + "\n" for f in findings)


def count_kinds(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per kind, in the order kinds are first listed in the catalogue."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    order = [REJECTED] + list(dict.fromkeys(kind for _, kind, _ in CHECK_CODES.values()))
    return {kind: counts[kind] for kind in order if kind in counts}


def describe_counts(counts: dict[str, int]) -> str:
    """``no problems`` or ``3 problems: 1 schema, 2 stale``.

    >>> describe_counts({}), describe_counts({"schema": 1, "stale": 2})
    ('no problems', '3 problems: 1 schema, 2 stale')
    """
    total = sum(counts.values())
    if not total:
        return "no problems"
    noun = "problem" if total == 1 else "problems"
    return f"{total} {noun}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items())


def emit(findings: Sequence[Finding], fmt: str, summary: str | None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print the findings (stdout) and a summary line (stderr); the exit code: 1 if any finding."""
    (out or sys.stdout).write(render(findings, fmt))
    if summary:
        print(summary, file=err or sys.stderr)
    return 1 if findings else 0
