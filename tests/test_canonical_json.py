"""``canonical_json.dumps_indented`` is ``json.dumps(..., ensure_ascii=False, indent=2)``."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.canonical_json import dumps_indented

from .conftest import REPO

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                      max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_equals_json_dumps(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_non_string_keys_and_tuples_as_json_does() -> None:
    value = {1: (1, 2), 2.5: [], True: {}, None: "\u2028\x00\"\\"}
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_committed_records_round_trip() -> None:
    records = sorted((REPO / "clean").glob("*.json"))
    assert records
    for path in records:
        text = path.read_text(encoding="utf-8")
        assert dumps_indented(json.loads(text)) + "\n" == text
