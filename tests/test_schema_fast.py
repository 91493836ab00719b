"""The quick schema check (``cleaner.schema_fast``) never passes what jsonschema rejects.

Records are mutated at random -- a value replaced by another JSON value (often one that is
valid somewhere else in a record), a key dropped, a key added -- and whenever the quick check
says "valid", jsonschema must agree. It may be stricter; then jsonschema decides.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from cleaner.schema import load_schema
from cleaner.schema_fast import _split_lookaheads, compile_check, pattern_test

from .conftest import CLEAN, SEED_IDS

SCHEMA = load_schema()
QUICK = compile_check(SCHEMA)
JSONSCHEMA = Draft202012Validator(SCHEMA)
RECORDS = [json.loads((CLEAN / f"{rid}.json").read_text(encoding="utf-8")) for rid in SEED_IDS]


def _slots(value: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every value inside a record (the root excluded)."""
    out = []
    if isinstance(value, dict):
        for key, inner in value.items():
            out.append(path + (key,))
            out.extend(_slots(inner, path + (key,)))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            out.append(path + (i,))
            out.extend(_slots(inner, path + (i,)))
    return out


SLOTS = [(n, slot) for n, record in enumerate(RECORDS) for slot in _slots(record)]
# Values that are valid somewhere in a record, and near misses of them.
SPECIAL = st.sampled_from([
    None, True, False, 0, 1, -1, 1.0, 0.5, 1.5, float("nan"), float("inf"), "", " ", "en", "und", "EN", "english",
    "NAV001", "nav001", "REJ", "removed", "deleted", "title", "authors", "a@b.c", "a b@c", "2002-11-25", "2002-11-25T23:02",
    "25 Nov 2002", "sha256:0123456789abcdef", "0" * 64, "g" * 64, "0.1.0", "utf-8", "two  spaces", "nbsp\u00a0", "a\n\n\nb",
    " lead", "trail ", "ok text", [], {}, ["x"], {"name": "A"}, {"email": "a@b.c"}, {"code": "LNG001", "message": "m"},
    {"rule": "NAV001", "action": "removed", "line": 1, "before": "x"},
])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=True) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
VALUES = st.one_of(SPECIAL, JSON_VALUES)


def _apply(record: dict, slot: tuple, action: str, value: Any, key: str) -> dict:
    out = copy.deepcopy(record)
    parent = out
    for part in slot[:-1]:
        parent = parent[part]
    last = slot[-1]
    if action == "replace":
        parent[last] = value
    elif action == "drop":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last][key] = value
    elif isinstance(parent[last], list):
        parent[last].append(value)
    else:
        parent[last] = value
    return out


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SLOTS), st.sampled_from(["replace", "drop", "add"]), VALUES, st.sampled_from(["x", "id", "name", "after", "field"]),
       st.lists(st.tuples(st.sampled_from(SLOTS), VALUES), max_size=2))
def test_quick_yes_implies_jsonschema_yes(choice, action, value, key, more) -> None:
    n, slot = choice
    mutated = _apply(RECORDS[n], slot, action, value, key)
    for (m, other), other_value in more:
        if m == n:
            try:
                mutated = _apply(mutated, other, "replace", other_value, key)
            except (KeyError, IndexError, TypeError):
                pass
    quick = QUICK(mutated)
    event(f"quick check says {'valid' if quick else 'invalid'}")
    if quick:
        assert JSONSCHEMA.is_valid(mutated), mutated


def test_committed_records_pass_the_quick_check() -> None:
    assert QUICK is not None
    assert all(QUICK(r) for r in RECORDS)


@pytest.mark.parametrize("mutate", [
    lambda r: r.update(extra=1),
    lambda r: r.pop("text"),
    lambda r: r.update(language_score=True),
    lambda r: r.update(language_score=1.5),
    lambda r: r["stats"].update(paragraphs=-1),
    lambda r: r["changes"][0].update(rule="nav001"),
    lambda r: r["changes"].append("x"),
    lambda r: r.update(title=""),
    lambda r: r.update(text="a  b"),
    lambda r: r["source"].update(sha256="A" * 64),
])
def test_quick_check_rejects_invalid_records(mutate) -> None:
    record = copy.deepcopy(RECORDS[0])
    mutate(record)
    assert not QUICK(record)
    assert not JSONSCHEMA.is_valid(record)


def test_a_schema_fastjsonschema_cannot_compile_leaves_everything_to_jsonschema() -> None:
    assert compile_check({"type": "object", "properties": {"x": {"$ref": "#/$defs/missing"}}}) is None


def test_the_schemas_patterns_are_tested_by_the_split_test() -> None:
    """The quick check answers for the text pattern as jsonschema does, lookaheads split."""
    base = copy.deepcopy(RECORDS[0])
    for text in ("One paragraph.\n\nAnother.", "two  spaces", " lead", "trail ", "a\n\n\nb", "nbsp\u00a0here", "ok\n"):
        record = dict(base, text=text)
        assert QUICK(record) == JSONSCHEMA.is_valid(record), text


# -- split patterns -------------------------------------------------------------------------

TEXT_PATTERN = SCHEMA["properties"]["text"]["pattern"]
SPLIT_PATTERNS = [
    TEXT_PATTERN,
    r"^(?!\s)(?![\s\S]*  )[a-z ]*$",
    r"^(?![\S\s]*a+b)(?!x)\w*",
    r"^(?![\s\S]*[]])(?!\))[^(]*$",  # a class holding "]" and an escaped paren
]
# Characters the patterns above care about, so random texts hit their edges often.
PATTERN_TEXT = st.text(alphabet=st.sampled_from(list("ab x\n\t\u00a0\u0007]()(\u0085é")), max_size=12)


@pytest.mark.parametrize("pattern", SPLIT_PATTERNS)
def test_split_patterns_are_recognised(pattern) -> None:
    assert _split_lookaheads(pattern) is not None


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SPLIT_PATTERNS + [r"^(?=a)b", r"x(?!y)", r"(?i)^(?!A)b"]), PATTERN_TEXT)
def test_pattern_test_agrees_with_re_search(pattern, text) -> None:
    assert pattern_test(pattern)(text) is (re.search(pattern, text) is not None)


@pytest.mark.parametrize("pattern", [r"(?i)^(?!a)b", r"^(?=a)b", r"x(?!y)", r"^(?![\s\S]*?a)b", r"^(?!a)(b)\1"])
def test_patterns_of_other_forms_are_searched_whole(pattern) -> None:
    assert _split_lookaheads(pattern) is None
