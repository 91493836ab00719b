"""Findings point at the line of the offending field: JSON paths located in record files."""

from __future__ import annotations

import json

import pytest

from cleaner.json_locate import locate
from cleaner.schema import json_path

from .conftest import CLEAN, SEED_IDS


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, path + (key,))
    elif isinstance(value, list) and value:
        for i, inner in enumerate(value):
            yield from _leaves(inner, path + (i,))
    else:
        yield path, value


@pytest.mark.parametrize("record_id", SEED_IDS)
@pytest.mark.parametrize("indent", [2, None, 4])
def test_every_field_of_a_record_is_found(record_id: str, indent: int | None) -> None:
    record = json.loads((CLEAN / f"{record_id}.json").read_text(encoding="utf-8"))
    text = json.dumps(record, ensure_ascii=False, indent=indent)
    lines = text.split("\n")
    for path, value in _leaves(record):
        line, column = locate(text, json_path(path))
        assert lines[line - 1][column - 1:].startswith(json.dumps(value, ensure_ascii=False)), path


@pytest.mark.parametrize("text,path,expected", [
    ('{"a": {"b": [1, 2]}}', "$.a.b[1]", (1, 17)),
    ('{"a": {"b": [1, 2]}}', "$.a.missing", (1, 7)),   # the deepest parent that exists
    ('{"a": {"b": [1, 2]}}', "$.a.b[9]", (1, 13)),
    ('{"a": [1, 2', "$.a[1]", (1, 11)),                 # truncated documents still locate
    ('{"a": {"b": 1', "$.a.c", (1, 7)),
    ("[]", "$.x", (1, 1)),
    ("", "$", (1, 1)),
])
def test_missing_paths_and_broken_documents(text: str, path: str, expected: tuple[int, int]) -> None:
    assert locate(text, path) == expected
