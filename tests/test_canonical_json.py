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


def _key_orders(value: object) -> object:
    """The keys of every dict inside ``value``, in order (what canonical order is about)."""
    if isinstance(value, dict):
        return [(k, _key_orders(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_key_orders(v) for v in value]
    return None


def test_built_records_are_already_in_canonical_order() -> None:
    from cleaner.api import clean_bytes
    from cleaner.record import canonicalize

    raws = sorted((REPO / "raw").glob("*.txt")) + sorted((REPO / "tests" / "fixtures").rglob("*.txt"))
    assert raws
    for path in raws:
        try:
            record = clean_bytes(path.read_bytes(), path.stem, path.name)
        except Exception:  # noqa: BLE001 - fixtures that are rejected have no record to check
            continue
        assert _key_orders(record) == _key_orders(canonicalize(record)), path
    # fields a rule made with their keys the other way round are put in order
    from cleaner.audit import Change
    from cleaner.engine.pipeline import Cleaned
    from cleaner.record import Source, build_record

    cleaned = Cleaned("Body text.", {"authors": [{"email": "a@b.c", "name": "A"}], "credits": [{"text": "© X", "kind": "copyright"}]},
                      [Change("NAV001", "removed", 1, "Menu")], [], "en", 0.99, 1, 1, 12)
    record = build_record("x", Source("raw/x.txt", "0" * 64, 12, "utf-8"), cleaned, "sha256:0")
    assert _key_orders(record) == _key_orders(canonicalize(record))
    assert list(record["authors"][0]) == ["name", "email"]
