"""The record schema: well formed, strict, documented; records validate; errors name the field."""

from __future__ import annotations

import copy
import json

import pytest

from cleaner.errors import RecordInvalid
from cleaner.record import dumps_record, is_canonical
from cleaner.schema import SCHEMA_PATH, load_schema, validate_record

from .conftest import CLEAN, REPO, SEED_IDS


def _objects(node, path="$"):
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _objects(value, f"{path}[{i}]")


def test_packaged_schema_is_the_top_level_schema() -> None:
    assert SCHEMA_PATH.read_bytes() == (REPO / "schemas" / "article.schema.json").read_bytes()


def test_schema_has_no_duplicate_keys() -> None:
    """JSON parsers keep the last of two equal keys silently; a merge can leave one behind."""
    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"duplicate keys: {sorted({k for k in keys if keys.count(k) > 1})}"
        return dict(pairs)

    json.loads(SCHEMA_PATH.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)


def test_schema_is_draft_2020_12_and_strict() -> None:
    schema = load_schema()
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")
    for path, obj in _objects(schema):
        assert obj.get("additionalProperties") is False, f"{path} allows additional properties"
        for name, prop in obj.get("properties", {}).items():
            assert prop.get("description"), f"{path}.properties.{name} has no description"


@pytest.mark.parametrize("record_id", SEED_IDS)
def test_committed_records_validate_and_are_canonical(record_id: str) -> None:
    data = (CLEAN / f"{record_id}.json").read_bytes()
    validate_record(json.loads(data))
    assert is_canonical(data)


@pytest.mark.parametrize(
    "mutate,path",
    [
        (lambda r: r.update(extra=1), "$"),
        (lambda r: r["source"].update(sha256="xyz"), "$.source.sha256"),
        (lambda r: r.update(published="25 Nov 2002"), "$.published"),
        (lambda r: r["changes"][0].update(action="deleted"), "$.changes[0].action"),
        (lambda r: r.update(text="two  spaces"), "$.text"),
        (lambda r: r.update(text="nbsp\u00a0here"), "$.text"),
        (lambda r: r.update(text="a\n\n\nb"), "$.text"),
        (lambda r: r.update(language_score=1.5), "$.language_score"),
        (lambda r: r["stats"].pop("paragraphs"), "$.stats"),
    ],
)
def test_invalid_records_name_the_field(mutate, path: str) -> None:
    record = json.loads((CLEAN / f"{SEED_IDS[0]}.json").read_text(encoding="utf-8"))
    bad = copy.deepcopy(record)
    mutate(bad)
    with pytest.raises(RecordInvalid) as info:
        validate_record(bad)
    assert info.value.path == path


def test_non_canonical_bytes_are_detected() -> None:
    data = (CLEAN / f"{SEED_IDS[0]}.json").read_bytes()
    record = json.loads(data)
    assert dumps_record(record) == data
    assert not is_canonical(json.dumps(record, indent=4, ensure_ascii=False).encode())
    assert not is_canonical(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False).encode() + b"\n")
