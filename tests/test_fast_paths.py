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
from cleaner.language import _detector_class, _get_profiles, sample
from cleaner.text.scripts import _PATTERNS, script_counts

from .conftest import RAW, REPO

EVAL_RAW = REPO.parent / "shared" / "eval" / "aeb-dev" / "raw"

# Scripts, case runs, punctuation langdetect maps to spaces, Vietnamese diacritics, URLs.
PIECES = st.sampled_from([
    "the ", "The ", "NATO ", "US-led ", "Café ", "e\u0301", "Tiê\u0301ng Viê\u0323t ", "한국어 ", "日本語の", "テキスト",
    "Привет ", "мир ", "Ελληνικά ", "عربي ", "ی", "  ", " ", ", ", ".", "’", "“", "\u2014", "1998 ", "http://x.org/a ",
    "a@b.com ", "ÀÉÎ ", "ﬁ", "\u00a0", "\n", "ÃÂ", "ǅ", "ß",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _stock_factory() -> object:
    from langdetect import detector_factory

    detector_factory.DetectorFactory.seed = 0
    detector_factory.init_factory()
    return detector_factory._factory


def test_profiles_hold_langdetects_probabilities() -> None:
    stock, ours = _stock_factory(), _get_profiles()
    assert ours.langlist == stock.langlist
    assert ours.word_lang_prob_map.keys() == stock.word_lang_prob_map.keys()
    for gram, probabilities in stock.word_lang_prob_map.items():
        assert ours.matrix[ours.word_lang_prob_map[gram]].tolist() == probabilities, gram


def _stock_and_fast(text: str) -> tuple[object, object]:
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import LangDetectException

    out = []
    for cls, profiles in ((Detector, _stock_factory()), (_detector_class(), _get_profiles())):
        detector = cls(profiles)
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
