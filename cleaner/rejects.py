"""The catalogue of reject codes: why a raw file did not become a record.

Every raw file ends up either as a record or in the rejects report with one of these codes.
Codes are stable; a retired code is never reused.
"""

from __future__ import annotations

EMPTY = "REJ001"
BINARY = "REJ002"
UNDECODABLE = "REJ003"
NOTHING_LEFT = "REJ004"
LANGUAGE = "REJ005"
TOO_LARGE = "REJ006"
UNREADABLE = "REJ007"
NOT_A_FILE = "REJ008"
ID_COLLISION = "REJ009"
OUTSIDE_TREE = "REJ010"
BAD_NAME = "REJ011"
INTERNAL = "REJ099"

#: code -> (name, summary); printed by ``cleaner rules --rejects`` and in the README.
REJECT_CODES: dict[str, tuple[str, str]] = {
    EMPTY: ("reject.empty", "The file is empty or holds only whitespace."),
    BINARY: ("reject.binary", "The file is binary (NUL bytes or a known binary signature such as PDF, PNG, ZIP)."),
    UNDECODABLE: ("reject.undecodable", "The bytes are not valid UTF-8/UTF-16/UTF-32 and no legacy encoding fits with confidence."),
    NOTHING_LEFT: ("reject.nothing-left", "Nothing is left after cleaning: the file held only artifacts."),
    LANGUAGE: ("reject.language", "The detected language is not in the accepted list."),
    TOO_LARGE: ("reject.too-large", "The file is larger than the configured size limit (max_file_bytes)."),
    UNREADABLE: ("reject.unreadable", "The file could not be read (permissions or I/O error)."),
    NOT_A_FILE: ("reject.not-a-file", "The path is not a regular file (a directory or special file named *.txt)."),
    ID_COLLISION: ("reject.id-collision", "Two inputs map to the same record id; neither is written."),
    OUTSIDE_TREE: ("reject.outside-tree", "A symlink points outside the input tree and is not followed."),
    BAD_NAME: ("reject.bad-name", "The file name cannot become a record id (not UTF-8, control characters, a backslash, a leading '_' or '.', too long)."),
    INTERNAL: ("reject.internal-error", "A bug inside a rule crashed on this file; the run went on (use --strict to stop)."),
}
