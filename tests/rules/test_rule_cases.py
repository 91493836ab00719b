"""Every rule's cases, kept as data: one YAML file per rule family in ``tests/rules/cases/``.

A file maps rule codes to named cases (in the spirit of sqlfluff's YAML rule tests)::

    NAV004:
      back-to-top:
        fail: "${BODY}\\n\\nBack to top ↑"   # the rule must log a change on this text ...
        fix: "${BODY}"                       # ... and the cleaned text must be this
      leaves-a-sentence:
        pass: "${P1}\\n\\nBack to top form ..."  # the rule logs nothing, the text comes out as it went in

Optional keys of a case: ``fix`` (the expected cleaned text; with ``pass`` it replaces "as it
went in"), ``changes`` (the exact list of rule codes in the change log), ``fields`` (fields
the record must hold, ``null`` for "not set"), ``source`` (the file's id, for SIT001),
``config`` (keyword arguments of
:class:`~cleaner.config.Config`, e.g. ``quotes: straight`` or ``layout: "on"``) and ``options``
(settings of the rule under test, given as a user pack ``[CODE]`` table). ``${NAME}`` in a text
is replaced by the ``snippets`` of the file (shared article paragraphs).

Cases go through the public API (:func:`cleaner.clean_text`, the whole pipeline) and are
judged by the record's change log and text only, so they hold whatever the engine does to find
candidates. Test ids are ``CODE-case-name``: ``pytest -k NAV004`` selects a rule's cases.
"""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest
import yaml

from cleaner import clean_text
from cleaner.config import Config
from cleaner.engine.registry import RULES

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"pass", "fail", "fix", "changes", "fields", "config", "options", "source"}


def _expand(text: str, snippets: dict[str, str]) -> str:
    return string.Template(text).substitute(snippets)


def load_cases() -> list[Any]:
    """One ``pytest.param`` per case of every family file, id ``CODE-name``."""
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        snippets: dict[str, str] = {}
        for name, text in (data.pop("snippets", None) or {}).items():  # a snippet may use the ones above it
            snippets[name] = _expand(str(text), snippets)
        for code, cases in data.items():
            for name, case in cases.items():
                unknown = set(case) - CASE_KEYS
                assert not unknown, f"{path.name}: {code} {name}: unknown keys {sorted(unknown)}"
                assert ("pass" in case) != ("fail" in case), f"{path.name}: {code} {name}: give one of pass/fail"
                case = dict(case)
                for key in ("pass", "fail", "fix"):
                    if key in case:
                        case[key] = _expand(case[key], snippets)
                params.append(pytest.param(code, case, id=f"{code}-{name}"))
    return params


CASES = load_cases()


def _config(case: dict[str, Any], code: str, tmp_path: Path) -> Config:
    settings = dict(case.get("config") or {})
    if "disable" in settings:
        settings["disable"] = frozenset(settings["disable"])
    if case.get("options"):
        pack = tmp_path / "case.toml"
        lines = [f"[{code}]"] + [f"{key} = {_toml(value)}" for key, value in case["options"].items()]
        pack.write_text("\n".join(lines) + "\n", encoding="utf-8")
        settings.update(root=tmp_path, packs=(pack.name,))
    return Config(**{"languages": None, **settings})


def _toml(value: Any) -> str:
    """A YAML value as a TOML value (tables inline): strings, numbers and lists are written as
    JSON writes them, which TOML reads alike."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value)


@pytest.mark.parametrize("code,case", CASES)
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    raw = case["pass"] if "pass" in case else case["fail"]
    # ``source``: the file's id the text comes from (the rules learned per source need one)
    result = clean_text(raw, _config(case, code, tmp_path), source=case.get("source"))
    logged = [change.rule for change in result.changes]
    if "pass" in case:
        assert code not in logged, f"{code} changed a text it should leave alone: {result.changes}"
        assert result.text == case.get("fix", raw)
    else:
        assert code in logged, f"{code} did not fire; log: {logged}"
        if "fix" in case:
            assert result.text == case["fix"]
    if "changes" in case:
        assert logged == case["changes"]
    for name, value in (case.get("fields") or {}).items():
        assert result.fields.get(name) == value, name


def test_every_rule_has_a_pass_and_a_fail_case() -> None:
    kinds: dict[str, set[str]] = {}
    for param in CASES:
        code, case = param.values
        kinds.setdefault(code, set()).add("pass" if "pass" in case else "fail")
    missing = [rule.code for rule in RULES if kinds.get(rule.code, set()) != {"pass", "fail"}]
    assert not missing, f"rules without both a pass and a fail case in tests/rules/cases/: {missing}"


def test_every_case_names_a_rule_of_the_catalogue() -> None:
    codes = {rule.code for rule in RULES}
    assert {param.values[0] for param in CASES} <= codes
