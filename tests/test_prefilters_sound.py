"""Every rule's prefilter is sound: it never refuses a line the rule itself would change.

A repair rule's ``quick_check`` and ``scan``, and the candidate index built from a line rule's
declaration (``LineRule.lines``: phrases, labels, patterns, text tests; ``engine.index``), only let
the engine skip work; a rule that declares it reads the text alone (``reads`` empty) must judge
the same without the view. Here each one is checked, rule by rule, against the rule's own ``repair`` / ``judge`` on
generated lines and documents (``tests/strategies.py``) and on the seeds.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from cleaner.config import Config
from cleaner.engine.pipeline import Pipeline
from cleaner.engine.base import LineRule, RepairRule
from cleaner.engine.index import CandidateIndex
from cleaner.engine.view import DocView

from .conftest import RAW
from .reference_pipeline import _Doc
from .strategies import DOCUMENTS, LINE

CONFIGS = {"curly": Config(languages=None), "straight": Config(languages=None, quotes="straight")}
PIPELINE = Pipeline.for_config(CONFIGS["curly"])
REPAIRS = [r for r in PIPELINE.rules if isinstance(r, RepairRule)]
#: Line rules whose edits are their verdicts on candidate lines (the others judge the document).
LINE_RULES = [r for r in PIPELINE.rules if isinstance(r, LineRule) and type(r).edits is LineRule.edits]
SEED_TEXTS = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(RAW.glob("*.txt"))]
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rule(code: str, style: str = "curly"):
    return next(r for r in Pipeline.for_config(CONFIGS[style]).rules if r.code == code)


def _assert_repair_prefilter_sound(rule: RepairRule, text: str) -> None:
    if rule.repair(text) == text:
        return
    assert rule.quick_check(text), f"{rule.code}: quick_check refuses {text!r}, which repair changes"
    if rule.scan is not None:
        assert rule.scan.search(text), f"{rule.code}: scan misses {text!r}, which repair changes"


@pytest.mark.parametrize("style", sorted(CONFIGS))
@pytest.mark.parametrize("code", [r.code for r in REPAIRS])
@EXAMPLES
@given(line=LINE)
def test_repair_prefilter_never_refuses_a_line_repair_changes(code: str, style: str, line: str) -> None:
    _assert_repair_prefilter_sound(_rule(code, style), line.replace("\n", " "))


def _view(text: str) -> DocView:
    kept, _ = _Doc(text, None).kept()
    return DocView(tuple(kept), PIPELINE.config, {"title": None, "published": None, "authors": [], "credits": [], "captions": []})


def _assert_candidates_sound(rule: LineRule, text: str) -> None:
    view = _view(text)
    accepted = {i for i, line in enumerate(view.lines) if rule.judge(line.text, view, i) is not None}
    if rule.context_free:
        # The declaration says judge reads the text alone: it answers the same without a view.
        for i, line in enumerate(view.lines):
            alone = rule.judge(line.text, None, -1) is not None  # type: ignore[arg-type]
            assert alone == (i in accepted), f"{rule.code} declares it reads the text alone, yet judges {line.text!r} by more"
    if not accepted:
        return
    # The pipeline's index (its memos warm from earlier texts) and a fresh one.
    for index in (PIPELINE.index, CandidateIndex(PIPELINE.rules)):
        found = set(index.for_view(view).of(rule))
        missed = sorted(accepted - found)
        assert not missed, f"{rule.code}: the candidate index misses {[view.lines[i].text for i in missed]!r}, which judge accepts"
    for i in accepted:  # the declaration is of the text alone: a line is a candidate wherever it stands
        alone = _view(view.lines[i].text)
        assert 0 in set(CandidateIndex(PIPELINE.rules).for_view(alone).of(rule)), f"{rule.code}: {view.lines[i].text!r} is a candidate only in context"


@pytest.mark.parametrize("code", [r.code for r in LINE_RULES])
@EXAMPLES
@given(text=DOCUMENTS)
def test_line_rule_candidates_never_miss_a_line_judge_accepts(code: str, text: str) -> None:
    _assert_candidates_sound(_rule(code), text.replace("\r", ""))


@pytest.mark.parametrize("code", [r.code for r in LINE_RULES] + [r.code for r in REPAIRS])
def test_prefilters_are_sound_on_the_seeds(code: str) -> None:
    rule = _rule(code)
    for text in SEED_TEXTS:
        if isinstance(rule, RepairRule):
            for line in text.split("\n"):
                _assert_repair_prefilter_sound(rule, line)
        else:
            _assert_candidates_sound(rule, text)


def test_every_prefiltered_rule_is_covered() -> None:
    """The tests above see every rule that has a prefilter of its own (none is left out by
    being disabled by default)."""
    covered = {r.code for r in REPAIRS + LINE_RULES}
    prefiltered = {r.code for r in PIPELINE.rules if (isinstance(r, RepairRule) and (r.scan is not None or type(r).quick_check is not RepairRule.quick_check))
                   or (isinstance(r, LineRule) and type(r).edits is LineRule.edits and (r.lines().selects or r.lines().text is not None or r.context_free))}
    assert prefiltered and prefiltered <= covered
