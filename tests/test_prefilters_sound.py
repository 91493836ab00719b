"""Every rule's prefilter is sound: it never refuses a line the rule itself would change.

A repair rule's ``quick_check`` and ``scan``, and a line rule's ``may_match`` / ``text_test``
and candidate finder (``candidates``, phrase tables, pattern scans), only let the engine skip
work. Here each one is checked, rule by rule, against the rule's own ``repair`` / ``judge`` on
generated lines and documents (``tests/strategies.py``) and on the seeds.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from cleaner.config import Config
from cleaner.engine.pipeline import Pipeline
from cleaner.engine.base import LineRule, RepairRule
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


def _view(text: str, tables: bool) -> DocView:
    kept, _ = _Doc(text, None).kept()
    return DocView(tuple(kept), PIPELINE.config, {"title": None, "published": None, "authors": [], "credits": [], "captions": []},
                   phrase_tables=PIPELINE._phrase_tables if tables else None)


def _assert_candidates_sound(rule: LineRule, text: str) -> None:
    for tables in (True, False):
        view = _view(text, tables)
        accepted = {i for i, line in enumerate(view.lines) if rule.judge(line.text, view, i) is not None}
        if not accepted:
            continue
        found = set(rule.candidates(view))
        missed = sorted(accepted - found)
        assert not missed, f"{rule.code}: the candidate finder misses {[view.lines[i].text for i in missed]!r}, which judge accepts"
        test = rule.text_test()
        if test is not None:
            for i in accepted:
                assert test(view.lines[i].text), f"{rule.code}: may_match refuses {view.lines[i].text!r}, which judge accepts"


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
                   or (isinstance(r, LineRule) and type(r).edits is LineRule.edits and r.text_test() is not None)}
    assert prefiltered and prefiltered <= covered
