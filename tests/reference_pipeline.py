"""The reference pipeline: what cleaning means, without any of the engine's shortcuts.

No caches, no prefilters (``may_match``, ``quick_check``, ``scan``, candidate finders), no skips
(quiet rules, context-free rules, last changers): every rule on every line, each document rule
on a fresh view, in the engine's stage order, and every loop runs to a fixed point. It is slow
on purpose and written to be read; ``tests/test_reference_equivalence.py`` checks that the real
pipeline (``cleaner.pipeline.Pipeline``) gives exactly what it gives. A shortcut in the engine is
correct when, and only when, that test cannot tell it is there.

What it shares with the engine is what cleaning *is*, not how it is made fast: the rules, the
view rules judge (``DocView``, built without phrase tables or carried candidates), the change
log's format (``audit.line_changes``) and how extracted values are stored and written
(``Pipeline._store_field``, ``pipeline._field_text``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

from cleaner.audit import Change, line_changes
from cleaner.config import Config
from cleaner.packs import load_packs
from cleaner.pipeline import MAX_BOUNDARY, SINGLE_FIELDS, Notice, Pipeline, _field_text
from cleaner.rules.base import (
    Action,
    DocumentRule,
    Extract,
    LineRule,
    Remove,
    RepairRule,
    Replace,
    Rule,
    Stage,
)
from cleaner.rules.metadata import merge_split_authors
from cleaner.rules.registry import build_rules
from cleaner.text.shape import word_count
from cleaner.rules.view import DocView, Line

#: A loop that has not settled after this many rounds is a bug (the test then fails).
MAX_ROUNDS = 50
_DROPS = (Action.REMOVED.value, Action.EXTRACTED.value)
_REWRITES = (Action.REPAIRED.value, Action.NORMALIZED.value)


@dataclass
class ReferenceResult:
    text: str
    fields: dict[str, Any]
    changes: list[Change]
    warnings: list[Notice]


class NotSettled(AssertionError):
    """A loop did not reach a fixed point in ``MAX_ROUNDS`` rounds."""


class _Doc:
    def __init__(self, text: str, known: Mapping[str, Any] | None) -> None:
        self.raw_lines = text.split("\n")
        self.lines = [Line(no, t) for no, t in enumerate(self.raw_lines, 1)]
        self.fields: dict[str, Any] = {"title": None, "published": None, "authors": [], "credits": [], "captions": []}
        for name in SINGLE_FIELDS:
            if known is not None and known.get(name) is not None:
                self.fields[name] = known[name]
        self.changes: list[Change] = []
        self.warnings: list[Notice] = []

    def kept(self) -> tuple[list[Line], list[int]]:
        """The non-blank lines, each with the blank lines, removals and chrome evidence before it."""
        out, positions = [], []
        gap = chrome = 0
        for pos, line in enumerate(self.lines):
            if line.chrome_before:
                chrome = min(MAX_BOUNDARY, chrome + line.chrome_before)
            if not line.text.strip():
                gap += 1
                continue
            out.append(Line(line.no, line.text, gap, line.removed_before, chrome))
            positions.append(pos)
            gap = chrome = 0
        return out, positions


class ReferencePipeline:
    def __init__(self, config: Config) -> None:
        self.config = config
        packs = load_packs(config.pack_paths())
        self.rules: list[Rule] = sorted(build_rules(config, packs), key=lambda r: int(r.stage))

    # -- one rule, plainly -------------------------------------------------------------------

    def repair(self, rule: RepairRule, doc: _Doc) -> bool:
        changed = False
        for pos, line in enumerate(doc.lines):
            if not line.text.strip():
                continue
            new = rule.repair(line.text)
            if new != line.text:
                assert "\n" not in new, rule.code
                doc.changes.extend(line_changes(rule.code, rule.action.value, line.no, line.text, new))
                doc.lines[pos] = line._replace(text=new)
                changed = True
        return changed

    def document(self, rule: DocumentRule, doc: _Doc, layout: bool) -> bool:
        kept, positions = doc.kept()
        if not kept:
            return False
        view = DocView(tuple(kept), self.config, doc.fields, layout=layout, raw_lines=doc.raw_lines)
        if isinstance(rule, LineRule) and type(rule).edits is LineRule.edits:
            edits: list[Any] = []
            for index, line in enumerate(kept):  # every line, no candidates
                verdict = rule.judge(line.text, view, index)
                if verdict is not None:
                    edits.append(Extract(index, verdict.field, verdict.value) if verdict.extracts else Remove(index, verdict.boundary))
        else:
            edits = list(rule.edits(view))
        drop: dict[int, int] = {}
        replace: dict[int, tuple[int, str]] = {}
        for edit in sorted(edits, key=lambda e: e.start if isinstance(e, Replace) else e.index):
            replaced = {i for start, (end, _) in replace.items() for i in range(start, end + 1)}
            if isinstance(edit, (Remove, Extract)):
                if edit.index in drop or edit.index in replaced:
                    continue
                line = kept[edit.index]
                if isinstance(edit, Extract):
                    Pipeline._store_field(doc, edit.field, edit.value)  # type: ignore[arg-type]
                    doc.changes.append(Change(rule.code, Action.EXTRACTED.value, line.no, line.text, _field_text(edit.value), edit.field))
                else:
                    doc.changes.append(Change(rule.code, Action.REMOVED.value, line.no, line.text))
                own = edit.boundary if isinstance(edit, Remove) else None
                drop[edit.index] = own if own is not None else rule.boundary_strength
            else:
                assert "\n" not in edit.text, rule.code
                span = set(range(edit.start, edit.end + 1))
                if edit.end < edit.start or span & replaced or span & set(drop):
                    continue
                old = "\n".join(l.text for l in doc.lines[positions[edit.start]:positions[edit.end] + 1])
                if old != edit.text:
                    action = Action.REPAIRED.value if rule.action is Action.REMOVED else rule.action.value
                    doc.changes.extend(line_changes(rule.code, action, kept[edit.start].no, old, edit.text))
                    replace[edit.start] = (edit.end, edit.text)
        if not drop and not replace:
            return False
        kept_at = {pos: i for i, pos in enumerate(positions)}
        new_lines: list[Line] = []
        removed = pending = 0
        skip_until = -1
        for pos, line in enumerate(doc.lines):
            if pos <= skip_until:
                continue
            i = kept_at.get(pos)
            if i is None:
                new_lines.append(line)
            elif i in drop:
                removed += 1 + line.removed_before
                pending = min(MAX_BOUNDARY, pending + drop[i] + line.chrome_before)
            else:
                if removed:
                    line = line._replace(removed_before=line.removed_before + removed)
                if pending:
                    line = line._replace(chrome_before=min(MAX_BOUNDARY, pending + line.chrome_before))
                removed = pending = 0
                if i in replace:
                    end, text = replace[i]
                    skip_until = positions[end]
                    line = line._replace(text=text)
                new_lines.append(line)
        doc.lines = new_lines
        return True

    def run(self, rule: Rule, doc: _Doc, layout: bool) -> bool:
        if isinstance(rule, RepairRule):
            return self.repair(rule, doc)
        return self.document(rule, doc, layout)  # type: ignore[arg-type]

    # -- stages ------------------------------------------------------------------------------

    def line_stage(self, doc: _Doc, layout: bool, certain_only: bool) -> None:
        """Every line rule, round after round, until a round removes nothing."""
        for _ in range(MAX_ROUNDS):
            before = len(doc.changes)
            for rule in self.rules:
                if rule.stage is Stage.LINES and (rule.certain or not certain_only):
                    self.run(rule, doc, layout)
            if not any(c.action in _DROPS for c in doc.changes[before:]):
                return
        raise NotSettled("line stage")

    def guarded_line_stage(self, doc: _Doc, layout: bool) -> None:
        lines, n_changes = list(doc.lines), len(doc.changes)
        fields = {k: (list(v) if isinstance(v, list) else v) for k, v in doc.fields.items()}
        self.line_stage(doc, layout, certain_only=False)
        judged = {r.code for r in self.rules if r.stage is Stage.LINES and not r.certain}
        refused = [c for c in doc.changes[n_changes:] if c.rule in judged and c.action in _DROPS]
        removed_words = sum(word_count(c.before) for c in refused)
        total_words = sum(word_count(line.text) for line in lines if line.text.strip())
        if not removed_words or not total_words:
            return
        share = removed_words / total_words
        if share <= self.config.max_removed_share:
            return
        doc.lines, doc.fields = lines, fields
        del doc.changes[n_changes:]
        self.line_stage(doc, layout, certain_only=True)
        doc.warnings.append(Notice(
            "GRD001",
            f"line rules would remove {share:.0%} of the words by judgement (limit {self.config.max_removed_share:.0%}); "
            f"{len(refused)} removal(s) refused, please review",
        ))

    def settle_repairs(self, doc: _Doc) -> None:
        """The character repairs again on every line, until none changes anything."""
        repairs = [r for r in self.rules if isinstance(r, RepairRule) and r.stage in (Stage.UNICODE, Stage.INLINE, Stage.FINAL)]
        for _ in range(MAX_ROUNDS):
            changed = False
            for rule in repairs:
                changed |= self.repair(rule, doc)
            if not changed:
                return
        raise NotSettled("repairs")

    def settle_judgement(self, doc: _Doc, layout: bool, judged_at: int) -> None:
        """When the repairs after the line stage changed a line, the line stage judges the
        lines again, then the later stages and the repairs run again (as the engine does, at
        most twice)."""
        for _ in range(2):
            if not any(c.action in _REWRITES for c in doc.changes[judged_at:]):
                return
            before = len(doc.changes)
            self.guarded_line_stage(doc, layout)
            judged_at = len(doc.changes)
            if judged_at == before:
                return
            for rule in self.rules:
                if rule.stage > Stage.LINES:
                    self.run(rule, doc, layout)
            self.settle_repairs(doc)

    def quote_title(self, doc: _Doc) -> None:
        title = before = doc.fields["title"]
        for rule in self.rules:
            if isinstance(rule, RepairRule) and rule.stage is Stage.INLINE and rule.code.startswith("QUO"):
                title = rule.repair(title)
        if title != before:
            doc.fields["title"] = title
            doc.changes = [dataclasses.replace(c, after=title) if c.field == "title" and c.after == before else c for c in doc.changes]

    def clean(self, text: str, layout: bool, known: Mapping[str, Any] | None = None) -> ReferenceResult:
        """Clean ``text``; ``layout`` says whether the layout stage runs (the engine decides it
        with ``Pipeline.layout_detected``, which is no shortcut)."""
        doc = _Doc(text, known)
        for stage in sorted({r.stage for r in self.rules}):
            if stage is Stage.LINES:
                self.guarded_line_stage(doc, layout)
                judged_at = len(doc.changes)
                continue
            if stage is Stage.LAYOUT and not layout and self.config.layout == "off":
                continue
            for rule in self.rules:
                # The layout stage: the OCR rules for text that looks scanned, the rules for
                # every text (hard wraps) for any other.
                if rule.stage is stage and (stage is not Stage.LAYOUT or rule.every_text is not layout):
                    self.run(rule, doc, layout)
        self.settle_repairs(doc)
        self.settle_judgement(doc, layout, judged_at)
        # The record's fields: a name split into two authors (with and without its e-mail) is
        # one; the title takes the text's quote style, in the field and in its change.
        if len(doc.fields["authors"]) > 1:
            doc.fields["authors"] = merge_split_authors(doc.fields["authors"])
        if doc.fields["title"] and (known is None or known.get("title") is None):
            self.quote_title(doc)
        kept, _ = doc.kept()
        return ReferenceResult("\n\n".join(line.text for line in kept), doc.fields, doc.changes, doc.warnings)
