"""Every rule's docstring example is run: ``cleaner rules CODE`` shows no example that fails.

A rule documents itself in one of two ways, and both are tests here (ids ``CODE-docstring``,
so ``pytest -k NAV004`` runs them with the rule's cases):

* doctest examples (``>>>``), run with :mod:`doctest` in the rule module's namespace;
* a ``Before::`` block and an ``After::`` block of text. The Before text is cleaned as
  ``cleaner run`` cleans a file (the whole pipeline, through :func:`cleaner.clean_text`); the
  rule must log a change, and the cleaned text must be the After text, line for line (blank
  lines aside: the examples show one paragraph a line). An annotation after two spaces and
  ``<-`` explains a line and is not part of it. Settings the example needs are written in the
  Before heading as ``key = value`` in double backquotes (``Before (with ``layout = "wrap"``)::``),
  keyword arguments of :class:`~cleaner.config.Config`. An After told in words (``After: the
  line is gone; ``published`` is ...``) checks that the rule fires, that every record field
  the words name in double backquotes is filled, and that a field said to be a value (in
  double backquotes or double quotes) is that value.
"""

from __future__ import annotations

import ast
import doctest
import inspect
import re
import sys
import textwrap
from typing import Any

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.rules.registry import RULES

HEADING = re.compile(r"^(Before|After)\b(?P<note>[^\n]*?)(?P<literal>::)?$", re.M)
SETTING = re.compile(r"``(\w+) = ([^`]+)``")
ANNOTATION = re.compile(r"\s{2,}<-.*$")
FIELDS = ("title", "published", "authors", "credits", "captions")
FIELD_VALUE = re.compile(r'``(\w+)`` is (?:``([^`]+)``|"([^"]+)")')


def _literal_block(doc: str, start: int) -> str:
    """The indented block after a ``::`` heading ending at ``start``."""
    lines = []
    for line in doc[start:].split("\n")[1:]:
        if line.strip() and not line.startswith(" "):
            break
        lines.append(line)
    block = textwrap.dedent("\n".join(lines)).strip("\n")
    return "\n".join(ANNOTATION.sub("", line) for line in block.split("\n"))


def before_after(doc: str) -> dict[str, Any] | None:
    """``{"before", "after" (None when told in words), "after_words", "settings"}``, or None
    when the docstring has no Before block."""
    found: dict[str, Any] = {}
    for match in HEADING.finditer(doc):
        kind = match.group(1).lower()
        if kind in found:
            continue
        if match.group("literal"):
            found[kind] = _literal_block(doc, match.end())
        else:
            found[kind] = None
            found["after_words"] = doc[match.start():].split("\n\n")[0]
        if kind == "before":
            found["settings"] = {key: ast.literal_eval(value) for key, value in SETTING.findall(match.group("note"))}
    if found.get("before") is None:
        return None
    assert "after" in found, "a Before block needs an After"
    return found


def _paragraph_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _doctests(rule: type) -> list[doctest.DocTest]:
    module = sys.modules[rule.__module__]
    finder = doctest.DocTestFinder(recurse=False)
    return [test for test in finder.find(rule, rule.__name__, module=module, globs=vars(module)) if test.examples]


@pytest.mark.parametrize("rule", RULES, ids=[f"{rule.code}-docstring" for rule in RULES])
def test_docstring_example(rule: type) -> None:
    doc = inspect.getdoc(rule) or ""
    example = before_after(doc)
    tests = _doctests(rule)
    assert example is not None or tests, f"{rule.code} has no Before/After or >>> example"
    for test in tests:
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
        assert runner.failures == 0, f"{rule.code}: {runner.failures} doctest example(s) fail"
    if example is None:
        return
    result = clean_text(example["before"], Config(**{"languages": None, **example["settings"]}))
    logged = [change.rule for change in result.changes]
    assert rule.code in logged, f"{rule.code} does not fire on its own example; log: {logged}"
    if example["after"] is not None:
        assert _paragraph_lines(result.text) == _paragraph_lines(example["after"])
    else:
        words = " ".join(example["after_words"].split())
        for name in FIELDS:
            if f"``{name}``" in words:
                assert result.fields.get(name), f"the example says {name} is filled"
        for name, code_value, quoted_value in FIELD_VALUE.findall(words):
            assert result.fields.get(name) == (code_value or quoted_value), name


def test_the_reader_strips_annotations_and_reads_settings() -> None:
    doc = textwrap.dedent('''\
        Before (with ``layout = "wrap"``)::

            Home          <- a label
            Text here.

        After::

            Text here.
        ''')
    assert before_after(doc) == {"before": "Home\nText here.", "after": "Text here.", "settings": {"layout": "wrap"}}
