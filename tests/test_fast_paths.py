"""The fast paths give exactly what the slow, obvious code gives.

Speed work replaced per-character Python loops (langdetect's n-gram walk, script counting) and
narrowed the change-log diff; each replacement is checked here against the original on real
text and on generated text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.audit import apply_changes, edit_spans, line_changes
from cleaner.language import _detector_class, _get_factory, sample
from cleaner.scripts import _PATTERNS, script_counts

from .conftest import RAW, REPO

EVAL_RAW = REPO.parent / "shared" / "eval" / "aeb-dev" / "raw"

# Scripts, case runs, punctuation langdetect maps to spaces, Vietnamese diacritics, URLs.
PIECES = st.sampled_from([
    "the ", "The ", "NATO ", "US-led ", "Café ", "e\u0301", "Tiê\u0301ng Viê\u0323t ", "한국어 ", "日本語の", "テキスト",
    "Привет ", "мир ", "Ελληνικά ", "عربي ", "ی", "  ", " ", ", ", ".", "’", "“", "\u2014", "1998 ", "http://x.org/a ",
    "a@b.com ", "ÀÉÎ ", "ﬁ", "\u00a0", "\n", "ÃÂ", "ǅ", "ß",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _stock_and_fast(text: str) -> tuple[object, object]:
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import LangDetectException

    factory = _get_factory()
    out = []
    for cls in (Detector, _detector_class()):
        detector = cls(factory)
        detector.append(text)
        try:
            out.append(([(p.lang, p.prob) for p in detector.get_probabilities()], detector.text))
        except LangDetectException as exc:
            out.append((str(exc), detector.text))
    return out[0], out[1]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_fast_language_detector_equals_langdetect(text: str) -> None:
    stock, fast = _stock_and_fast(text)
    assert fast == stock


def _real_texts(limit: int) -> list[str]:
    paths = sorted(RAW.glob("*.txt"))
    if EVAL_RAW.is_dir():
        paths += sorted(EVAL_RAW.glob("*/*.txt"))[:limit]
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def test_fast_language_detector_equals_langdetect_on_real_news() -> None:
    texts = _real_texts(120)
    for text in texts:
        for limit in (1500, 10_000):
            stock, fast = _stock_and_fast(sample(text, limit))
            assert fast == stock, text[:80]


def _script_counts_by_character(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name, pattern in _PATTERNS.items():
        n = sum(1 for ch in text if pattern.match(ch))
        if n:
            counts[name] = n
    return counts


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_script_counts_equal_a_count_by_character(text: str) -> None:
    text += " " * 65  # past the short-text path, which counts letters one by one
    assert script_counts(text) == _script_counts_by_character(text)


@pytest.mark.parametrize("text", _real_texts(40), ids=lambda t: t[:20])
def test_script_counts_on_real_news(text: str) -> None:
    assert script_counts(text) == _script_counts_by_character(text)


EDITS = st.lists(st.tuples(st.integers(0, 400), st.sampled_from(["’", "“", " ", "", "x", "  ", "media’s", "\u00a0"])), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["word", " ", "  ", "'", "`", "the", "media`s", ",", ".", "\u00a0", "│"]), min_size=1, max_size=200).map("".join), EDITS)
def test_edit_spans_replay_on_long_lines(old: str, edits: list[tuple[int, str]]) -> None:
    """Edits scattered over a long line (the prefix/suffix trim and the token-for-token path)
    still replay to the new line."""
    new = old
    for pos, replacement in edits:
        pos = min(pos, len(new))
        new = new[:pos] + replacement + new[pos + 1:]
    changes = line_changes("TST001", "repaired", 1, old, new)
    assert apply_changes(old, changes) == "\n\n".join(l for l in new.split("\n") if l.strip())
    if old == new:
        assert edit_spans(old, new) == []


def test_edit_spans_substitutions_are_local() -> None:
    old = "He said 'yes' and then 'no' " * 40
    new = old.replace("'", "’")
    spans = edit_spans(old, new)
    assert len(spans) == 80
    assert all(len(before) < 12 for before, _ in spans)


# -- the compiled schema check ----------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
        ["", "x", "en", "und", "removed", "repaired", "sha256:0123456789abcdef", "a@b", "2002-11-25T23:02", "a  b", " a", "a\n\n\nb", "ab" * 32]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["name", "email", "rule", "x", "before"]), inner, max_size=3),
    max_leaves=8,
)


def _seed_records() -> list[dict]:
    import json

    from .conftest import CLEAN, SEED_IDS

    return [json.loads((CLEAN / f"{rid}.json").read_text(encoding="utf-8")) for rid in SEED_IDS]


def _paths(value, prefix=()):
    """Every (path, value) inside a JSON value."""
    yield prefix, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_compiled_schema_check_agrees_with_jsonschema(data) -> None:
    import copy

    from cleaner.schema import _quick_check, _validator

    quick, validator = _quick_check(), _validator()
    assert quick is not None
    record = copy.deepcopy(data.draw(st.sampled_from(_seed_records())))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p, _ in _paths(record) if p]
        path = data.draw(st.sampled_from(paths))
        parent = record
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["set", "delete", "add"]))
        if action == "set":
            parent[path[-1]] = data.draw(JSON_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "name", "email", "field", "after"]))] = data.draw(JSON_VALUES)
        else:
            parent.append(data.draw(JSON_VALUES))
    assert quick(record) == validator.is_valid(record)


def test_compiled_schema_check_accepts_real_records() -> None:
    from cleaner.schema import _quick_check

    assert all(_quick_check()(r) for r in _seed_records())


def test_schema_with_other_keywords_is_not_compiled() -> None:
    from cleaner.schema_check import compile_schema

    assert compile_schema({"type": "object", "anyOf": [{"required": ["a"]}]}) is None
    assert compile_schema({"type": "object", "properties": {"a": {"$ref": "#/x"}}}) is None
    check = compile_schema({"type": ["integer", "null"], "minimum": 1})
    assert [check(v) for v in (1, 1.0, 0, None, True, "1")] == [True, True, False, True, False, False]


# -- ftfy is skipped only where it cannot change anything --------------------------------------


def _harmless() -> str:
    from ftfy.badness import MOJIBAKE_CATEGORIES

    return "".join(MOJIBAKE_CATEGORIES[k] for k in ("common", "start_punctuation", "end_punctuation"))


def test_lines_skipped_by_the_mojibake_rule_are_ones_ftfy_leaves_alone() -> None:
    """Every string of up to three characters from ASCII samples and the characters the
    mojibake rule's quick check lets through: ftfy finds no mojibake and changes nothing."""
    from itertools import product

    from ftfy.badness import is_bad

    from cleaner.config import Config
    from cleaner.rules.unicode import Mojibake

    rule = Mojibake(Config())
    alphabet = _harmless() + "aZ .1'\"-"
    for n in (1, 2, 3):
        for chars in product(alphabet, repeat=n):
            text = "".join(chars)
            assert not rule.quick_check(text), text
            assert not is_bad(text), text
            assert rule.repair(text) == text, text
    assert rule.quick_check("doesnâ€™t") and rule.quick_check("Café") and rule.quick_check("\x85")
    assert not rule.quick_check("He said “yes” — it’s fine…")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_harmless() + "abcXYZ .,;:!?'\"()-0123456789")), max_size=40))
def test_skipped_lines_are_unchanged_by_ftfy(text: str) -> None:
    from cleaner.config import Config
    from cleaner.rules.unicode import Mojibake

    rule = Mojibake(Config())
    assert not rule.quick_check(text)
    assert rule.repair(text) == text
