"""The change log: edit snippets read well and replay exactly."""

from __future__ import annotations

import pytest

from cleaner.audit import Change, ReplayError, apply_changes, edit_spans


@pytest.mark.parametrize(
    "old,new,spans",
    [
        ("media`s reports", "media’s reports", [("media`s", "media’s")]),
        ("China`s and China`s", "China’s and China’s", [("China`s", "China’s"), ("China`s", "China’s")]),
        ("security, ”Stoltenberg", "security,” Stoltenberg", [("security, ”Stoltenberg", "security,” Stoltenberg")]),
        ("end   ", "end", [("end   ", "end")]),
        ("  start", "start", [("  start", "start")]),
        ("inter-\nnational", "international", [("inter-\nnational", "international")]),
        ("中国和北约", "中国與北约", [("中国和北约", "中国與北约")]),
    ],
)
def test_edit_spans(old: str, new: str, spans: list[tuple[str, str]]) -> None:
    assert edit_spans(old, new) == spans


@pytest.mark.parametrize(
    "old,new",
    [
        ("a`b a`b a`b", "a’b a’b a’b"),
        ("x x x x", "x y x y"),
        ("the the the cat", "the cat the cat"),
        ("“a” “b” “c”", '"a" "b" "c"'),
        ("aaaa", "abab"),
    ],
)
def test_spans_replay_left_to_right(old: str, new: str) -> None:
    text = old
    for before, after in edit_spans(old, new):
        assert before in text
        text = text.replace(before, after, 1)
    assert text == new


def test_apply_changes_handles_removals_repairs_and_joins() -> None:
    raw = "Go to contents\n\ninter-\nnational news\n\nChina`s view\n"
    log = [
        Change("NAV001", "removed", 1, "Go to contents"),
        Change("OCR001", "repaired", 3, "inter-\nnational", "international"),
        Change("QUO001", "repaired", 6, "China`s", "China’s"),
        Change("DEC002", "normalized", 1, "\r\n", "\n"),
    ]
    assert apply_changes(raw, log) == "international news\n\nChina’s view"


def test_apply_changes_rejects_a_wrong_log() -> None:
    with pytest.raises(ReplayError):
        apply_changes("one\ntwo", [Change("NAV001", "removed", 1, "not this line")])
    with pytest.raises(ReplayError):
        apply_changes("one\ntwo", [Change("QUO001", "repaired", 2, "absent", "x")])
