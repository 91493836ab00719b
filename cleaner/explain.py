"""``cleaner explain``: a record's changes in the order of the raw file's lines.

A change's ``line`` is where replay finds it (``cleaner.audit``): for a repair inside a
paragraph that hard-wrap repair joined, that is the paragraph's first line. A reader wants the
line the edited words stand on, so :func:`raw_lines` replays the log as
:func:`cleaner.audit.apply_changes` does while remembering the raw line of every character.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

#: The stage shown for decoding entries (they are no rules of the pipeline).
DECODE_STAGE = "decode"


def raw_lines(text: str, changes: Iterable[Mapping[str, Any]]) -> list[int]:
    """For each change, the raw line (1-based) where its ``before`` starts; the logged ``line``
    when the log does not replay (a hand-edited record).

    >>> raw = "It was a well-\\nknown strategy\\nof the party.\\n"
    >>> raw_lines(raw, [{"rule": "OCR003", "action": "repaired", "line": 1, "before": "strategy\\nof", "after": "strategy of"}])
    [2]
    """
    # one entry per raw line: [text, the raw line of each character, alive]
    entries: list[list[Any]] = [[t, [no] * len(t), True] for no, t in enumerate(text.split("\n"), 1)]
    out: list[int] = []
    for change in changes:
        logged = int(change["line"])
        out.append(logged)
        if str(change["rule"]).startswith("DEC") or not 0 < logged <= len(entries) or not entries[logged - 1][2]:
            continue
        entry = entries[logged - 1]
        if change["action"] in ("removed", "extracted"):
            entry[2] = False
            continue
        before, after = change["before"], change.get("after") or ""
        follower = logged
        while before not in entry[0] and follower < len(entries):
            if entries[follower][2]:
                entry[0] += "\n" + entries[follower][0]
                entry[1] += [follower + 1] + entries[follower][1]
                entries[follower][2] = False
            follower += 1
        at = entry[0].find(before)
        if at < 0:
            continue
        if at < len(entry[1]):
            out[-1] = entry[1][at]
        line_of_edit = entry[1][at] if at < len(entry[1]) else logged
        entry[0] = entry[0][:at] + after + entry[0][at + len(before):]
        entry[1] = entry[1][:at] + [line_of_edit] * len(after) + entry[1][at + len(before):]
    return out


def in_line_order(changes: list[Mapping[str, Any]], lines: list[int], stages: Mapping[str, str]) -> list[tuple[int, str, Mapping[str, Any]]]:
    """``(raw line, stage, change)`` sorted by raw line; changes on one line keep their order."""
    rows = [(line, stages.get(str(c["rule"]), DECODE_STAGE if str(c["rule"]).startswith("DEC") else "?"), c)
            for line, c in zip(lines, changes)]
    return sorted(rows, key=lambda row: row[0])
