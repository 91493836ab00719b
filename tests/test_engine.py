"""The engine finds candidates, rules judge: what a rule declares, the engine derives and owns.

``certain`` and ``context_free`` are derived from a rule's declaration (``evidence``, ``reads``),
never set by hand; memos live in the engine (``engine.index``), never in a rule instance. That
the shortcuts change nothing is ``tests/test_reference_equivalence.py``'s and
``tests/test_prefilters_sound.py``'s job.
"""

from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.engine.base import LineRule, Rule
from cleaner.engine.pipeline import Pipeline
from cleaner.engine.registry import RULES

from .conftest import RAW

PIPELINE = Pipeline.for_config(Config(languages=None))


@pytest.mark.parametrize("cls", RULES, ids=lambda c: c.code)
def test_certain_and_context_free_are_derived_not_set(cls: type[Rule]) -> None:
    for klass in cls.__mro__:
        assert "certain" not in vars(klass) or klass is Rule, f"{klass.__name__} sets certain by hand: declare evidence"
        assert "context_free" not in vars(klass) or klass is Rule, f"{klass.__name__} sets context_free by hand: declare reads"
    assert cls.evidence in ("form", "judgement")
    assert cls.reads <= {"position", "neighbours", "fields"}


def test_derived_flags_follow_the_declaration() -> None:
    by_code = {r.code: r for r in PIPELINE.rules}
    # a phrase rule of phrases that count anywhere: fixed forms, judged by the text alone
    assert by_code["COM002"].certain and by_code["COM002"].context_free
    # labels are judged by position and neighbours
    share = by_code["SHR001"]
    assert share.lines().labels and not share.certain and not share.context_free
    for rule in PIPELINE.rules:
        assert rule.certain == (rule.evidence == "form") and rule.context_free == (not rule.reads)


def test_rules_keep_no_memos() -> None:
    """After cleaning the seeds, no rule instance holds a memo of texts: the engine owns them."""
    for path in sorted(RAW.glob("*.txt")):
        PIPELINE.clean(path.read_text(encoding="utf-8", errors="replace"), detect_language=False)
    for rule in PIPELINE.rules:
        grown = {k: v for k, v in vars(rule).items() if isinstance(v, dict) and ("memo" in k or len(v) > 200)}
        assert not grown, f"{rule.code} keeps {sorted(grown)}"


def test_line_rules_declare_their_candidates() -> None:
    """Every judged line rule hands the engine a declaration; phrase rules select by phrases,
    labels and patterns, and none of them finds its own candidates."""
    for rule in PIPELINE.rules:
        if isinstance(rule, LineRule):
            assert not hasattr(rule, "candidates") and not hasattr(rule, "extra_candidates"), rule.code
            if rule.lines().selects:
                assert isinstance(rule.lines().phrases, frozenset) and rule.lines().max_chars > 0
