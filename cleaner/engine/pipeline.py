"""The pipeline: composes the enabled rules for a config and applies them to one text.

The pipeline owns the change log: rules return text or edits, the pipeline compares and writes
``changes`` (only when something changed). It knows nothing of files; the runner and executors
feed it decoded text (``cleaner.runner``, ``cleaner.executors``).

Order: rules run by stage (unicode -> layout -> lines -> inline -> final), then in registry
order. After the line stage a guard checks how much of the document the line rules took away;
past ``max_removed_share`` their removals are refused and a warning is written instead.
Then the paragraphs are assembled, and the language is detected on the clean text.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..audit import Change, line_changes
from ..config import Config, config_hash
from ..errors import RuleCrash
from ..packs import PackSet, load_packs
from .base import Action, DocumentRule, Extract, LineRule, Remove, RepairRule, Replace, Rule, Stage, judged_edits
from .index import CandidateIndex, ViewCandidates
from .view import DocView, Line

#: Evidence of the article's edge left at one place is capped here (see ``Line.chrome_before``).
MAX_BOUNDARY = 4
#: Record fields that extraction rules fill; single-valued fields keep their first value.
SINGLE_FIELDS = ("title", "published")
LIST_FIELDS = ("authors", "credits", "captions")


@dataclass(frozen=True)
class Notice:
    """A record warning: something a person should look at."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Cleaned:
    """What cleaning one text produced (before it becomes a record)."""

    text: str
    fields: dict[str, Any]
    changes: list[Change]
    warnings: list[Notice]
    language: str
    language_score: float
    lines_removed: int
    paragraphs: int
    raw_chars: int
    #: Rule codes that ran and changed something, with counts (for run reports).
    rule_counts: dict[str, int] = field(default_factory=dict)


class _Work:
    """Mutable working state of one document: the lines (blank ones included), fields, log."""

    def __init__(self, text: str) -> None:
        #: Counts changes to the lines (and so to the fields: an extraction removes its line).
        self.version = 0
        #: Document rule -> the version it last ran on and found nothing to do (see
        #: ``Pipeline._apply_document``).
        self.quiet_at: dict[int, int] = {}
        #: The decoded text's lines, as they were laid out.
        self.raw_lines = text.split("\n")
        #: The file's id (see ``DocView.source``), ``None`` for a text without one.
        self.source: str | None = None
        self.lines = [Line(no, t) for no, t in enumerate(self.raw_lines, 1)]
        self.fields: dict[str, Any] = {"title": None, "published": None, "authors": [], "credits": [], "captions": []}
        self.changes: list[Change] = []
        self.warnings: list[Notice] = []
        self.counts: dict[str, int] = {}
        #: Line number -> the place in the pipeline's order of the rule that last changed the
        #: line's text (see ``Pipeline._settle_repairs``).
        self.changed_by: dict[int, int] = {}
        #: (working line, gap, evidence) -> the kept line made of it (see ``_find_kept``).
        self._made: dict[tuple[int, int, int], tuple[Line, Line]] = {}

    # The kept lines, the whole text and the view document rules judge are asked for again and
    # again; they are cached until the lines change (replaced whole, or one through ``set_line``).
    @property
    def lines(self) -> list[Line]:
        return self._lines

    @lines.setter
    def lines(self, lines: list[Line]) -> None:
        self._lines = lines
        self._forget()

    def set_line(self, pos: int, line: Line) -> None:
        self._lines[pos] = line
        self._forget()

    def _forget(self) -> None:
        self.version += 1
        self._kept: tuple[tuple[Line, ...], list[int]] | None = None
        self._text: str | None = None
        #: The view of the kept lines and its candidates, shared by consecutive document rules
        #: until one of them changes a line (its cached shapes, units and article span are
        #: then recomputed).
        self.view: tuple[bool, DocView, ViewCandidates] | None = None

    def text(self) -> str:
        """All lines joined, for document-wide character tests."""
        if self._text is None:
            self._text = "\n".join(line.text for line in self._lines)
            starts = [0]
            for line in self._lines:
                starts.append(starts[-1] + len(line.text) + 1)
            self._starts = starts
        return self._text

    def lines_matching(self, pattern: "re.Pattern[str]") -> list[int]:
        """Positions of the lines in which ``pattern`` matches, found by scanning the joined
        text once (a search per matching line, none per other line)."""
        text = self.text()
        starts = self._starts
        out: list[int] = []
        at = 0
        while True:
            m = pattern.search(text, at)
            if m is None:
                return out
            pos = bisect_right(starts, m.start()) - 1
            out.append(pos)
            at = starts[pos + 1]

    def log(self, changes: Iterable[Change]) -> None:
        for change in changes:
            self.changes.append(change)
            self.counts[change.rule] = self.counts.get(change.rule, 0) + 1

    def kept(self) -> tuple[tuple[Line, ...], list[int]]:
        """Non-blank lines (with their gap counts) and their positions in ``self.lines``."""
        if self._kept is None:
            self._kept = self._find_kept()
        return self._kept

    def _find_kept(self) -> tuple[tuple[Line, ...], list[int]]:
        out: list[Line] = []
        positions: list[int] = []
        gap = 0
        chrome = 0
        # The kept line of an unchanged working line with the same gap and evidence is the
        # one made last time: most calls follow the removal of a line or two.
        made = self._made
        for pos, line in enumerate(self.lines):
            if line.chrome_before:
                chrome = min(MAX_BOUNDARY, chrome + line.chrome_before)
            text = line.text
            if not text or text.isspace():  # blank (no stripped copy: this runs per line and view)
                gap += 1
                continue
            key = (id(line), gap, chrome)
            entry = made.get(key)
            if entry is None or entry[0] is not line:
                entry = made[key] = (line, Line(line.no, line.text, gap, line.removed_before, chrome))
            out.append(entry[1])
            positions.append(pos)
            gap = 0
            chrome = 0
        return tuple(out), positions


class Pipeline:
    """The enabled rules of one config, ready to clean texts. Build with :meth:`for_config`."""

    def __init__(self, config: Config, rules: Sequence[Rule], packs: PackSet) -> None:
        self.config = config
        self.rules = sorted(rules, key=lambda r: int(r.stage))
        #: Each rule's place in the order the rules run.
        self._ordinal = {id(rule): i for i, rule in enumerate(self.rules)}
        self.packs = packs
        self.config_hash = config_hash(config, packs.files)
        self._stages = sorted({r.stage for r in self.rules})
        self._has_layout_rules = Stage.LAYOUT in self._stages
        #: One candidate index for all line rules, built from their declarations.
        self.index = CandidateIndex(self.rules)

    @classmethod
    def for_config(cls, config: Config) -> "Pipeline":
        return _pipeline_for(config)

    # -- applying rules -------------------------------------------------------------------

    #: Up to this many lines, a repair's scan pattern is tried line by line rather than by a
    #: scan of the whole text (a search call per line against one scan).
    FEW_LINES = 16

    def _apply_repair(self, rule: RepairRule, work: _Work, only: set[int] | None = None) -> set[int]:
        """Apply a repair rule to every line (or the line positions in ``only``); returns the
        positions it changed."""
        if rule.scan is not None:
            if only is not None and len(only) <= self.FEW_LINES:  # test each, no scan of the whole text
                search = rule.scan.search
                positions: Iterable[int] = [p for p in sorted(only) if search(work.lines[p].text)]
            else:
                positions = work.lines_matching(rule.scan)
                if only is not None:
                    positions = [p for p in positions if p in only]
        else:
            positions = range(len(work.lines)) if only is None else sorted(only)
        action = rule.action.value
        changed: set[int] = set()
        for pos in positions:
            line = work.lines[pos]
            text = line.text
            if not text or text.isspace() or not rule.quick_check(text):
                continue
            new = rule.repair(text)
            if new != text:
                if "\n" in new:
                    raise ValueError(f"{rule.code} produced a line break")
                work.log(line_changes(rule.code, action, line.no, text, new))
                work.set_line(pos, line._replace(text=new))
                work.changed_by[line.no] = self._ordinal[id(rule)]
                changed.add(pos)
        return changed

    def _apply_document(self, rule: DocumentRule, work: _Work, layout: bool) -> None:
        # A rule is a function of the view (lines, fields, config): on the view it last found
        # nothing to do in, it would find nothing again (the line stage's next round).
        if work.quiet_at.get(id(rule)) == work.version:
            return
        kept, positions = work.kept()
        if not kept:
            return
        if work.view is not None and work.view[0] == layout:
            _, view, candidates = work.view
        else:
            view = DocView(kept, self.config, work.fields, layout=layout, raw_lines=work.raw_lines,
                           source=work.source)
            candidates = self.index.for_view(view)
            work.view = (layout, view, candidates)
        if isinstance(rule, LineRule) and type(rule).edits is LineRule.edits:
            edits = list(judged_edits(rule, view, candidates.of(rule)))
        else:
            edits = list(rule.edits(view))
        if not edits:
            work.quiet_at[id(rule)] = work.version
            return
        drop: dict[int, int] = {}  # kept index -> boundary strength of its removal
        replace: dict[int, tuple[int, str]] = {}
        # Edits come sorted by start, so "inside an accepted Replace" is "not past the furthest
        # end so far": one comparison instead of a scan over every Replace (quadratic).
        replaced_until = -1
        for edit in sorted(edits, key=_edit_start):
            if isinstance(edit, (Remove, Extract)):
                line = kept[edit.index]
                if edit.index in drop or edit.index <= replaced_until:
                    continue  # a line is judged once per rule
                if isinstance(edit, Extract):
                    stored = self._store_field(work, edit.field, edit.value)
                    work.log([Change(rule.code, Action.EXTRACTED.value, line.no, line.text, _field_text(stored), edit.field)])
                else:
                    work.log([Change(rule.code, Action.REMOVED.value, line.no, line.text)])
                strength = edit.boundary if isinstance(edit, Remove) and edit.boundary is not None else rule.boundary_strength
                drop[edit.index] = strength
            elif isinstance(edit, Replace):
                if "\n" in edit.text:
                    raise ValueError(f"{rule.code} produced a line break")
                if edit.end < edit.start or edit.start <= replaced_until or any(i in drop for i in range(edit.start, edit.end + 1)):
                    continue  # overlapping another edit: the first one wins
                start_pos, end_pos = positions[edit.start], positions[edit.end]
                old = "\n".join(l.text for l in work.lines[start_pos:end_pos + 1])
                if old != edit.text:
                    action = Action.REPAIRED.value if rule.action is Action.REMOVED else rule.action.value
                    work.log(line_changes(rule.code, action, kept[edit.start].no, old, edit.text))
                    work.changed_by[kept[edit.start].no] = self._ordinal[id(rule)]
                    replace[edit.start] = (edit.end, edit.text)
                    replaced_until = max(replaced_until, edit.end)
        if not drop and not replace:
            work.quiet_at[id(rule)] = work.version
            return
        new_lines: list[Line] = []
        skip_until = -1
        kept_index_of = {pos: i for i, pos in enumerate(positions)}
        removed = 0  # dropped lines not yet credited to the next kept line
        # A line dropped by a boundary rule marks the next kept line (see Line.chrome_before);
        # a dropped line passes its own mark on.
        pending = 0
        for pos, line in enumerate(work.lines):
            if pos <= skip_until:
                continue
            i = kept_index_of.get(pos)
            if i is None:
                new_lines.append(line)
                continue
            if i in drop:
                removed += 1 + line.removed_before
                # evidence adds up over a run of removed lines ("Share", "Facebook", "Twitter")
                pending = min(MAX_BOUNDARY, pending + drop[i] + line.chrome_before)
                continue
            if removed:
                line = line._replace(removed_before=line.removed_before + removed)
                removed = 0
            if pending:
                line = line._replace(chrome_before=min(MAX_BOUNDARY, pending + line.chrome_before))
                pending = 0
            if i in replace:
                end, text = replace[i]
                skip_until = positions[end]
                new_lines.append(line._replace(text=text))
                continue
            new_lines.append(line)
        work.lines = new_lines

    @staticmethod
    def _store_field(work: _Work, name: str, value: Any) -> Any:
        if name in LIST_FIELDS:
            items = work.fields.setdefault(name, [])
            # a list value is several entries from one line ("By Jane Roe and John Doe")
            for item in (value if isinstance(value, list) else [value]):
                if item not in items:
                    items.append(item)
        elif work.fields.get(name) is None:
            work.fields[name] = value
        return value

    # -- the whole run --------------------------------------------------------------------

    def layout_detected(self, text: str) -> bool:
        """Does the text look like OCR / hard-wrapped output? Decides the layout stage in
        ``auto`` mode (see ``cleaner.rules.layout``)."""
        if self.config.layout == "on":
            return True
        if self.config.layout in ("off", "wrap"):
            return False
        from ..rules.layout_detect import looks_scanned

        return looks_scanned(text, self._typeset_split(), self._misread())

    def layout_decision(self, text: str) -> str:
        """Which layout rules the text gets and why, in words (``cleaner explain``)."""
        if not self._has_layout_rules:
            return "no layout rules enabled"
        if self.config.layout == "on":
            return "scan: the OCR rules (--layout on)"
        if self.config.layout == "off":
            return "left as laid out (--layout off)"
        if self.config.layout == "wrap":
            return "the rules for every text: hard wraps joined (--layout wrap)"
        from ..rules.layout_detect import looks_hard_wrapped, scan_evidence

        if not looks_hard_wrapped(text):
            return "not hard-wrapped: the rules for every text"
        evidence = scan_evidence(text, self._typeset_split(), self._misread())
        if evidence is None:
            return "no sign of print: the rules for every text (hard wraps joined by WRP001)"
        return f"scan: the OCR rules, OCR word repair {self.config.ocr_repair} (sign of print: {evidence})"

    def _misread(self) -> "Callable[[str], bool] | None":
        """Does a text show OCR misreadings at raw OCR's rate (OCR006's evidence on the text's
        words and language)? ``None`` without OCR006."""
        from ..rules.ocr import _detected
        from ..rules.ocr_words import WordRepair

        rule = next((r for r in self.rules if isinstance(r, WordRepair)), None)
        if rule is None:
            return None
        languages = self.config.languages

        def misread(text: str) -> bool:
            lines = text.split("\n")
            if languages is not None and len(languages) == 1:
                language = languages[0]
            else:
                language = _detected(" ".join(line.strip() for line in lines[:60])[:1000])
            return rule.shows_misreadings(lines, language)

        return misread

    def _typeset_split(self) -> "Callable[[str, str, str], bool] | None":
        """Is ``head-`` / ``tail`` at a line end one word that a typesetter broke (OCR004's
        decision on the text's own and the language's words)? ``None`` without OCR004."""
        from ..text.lexicon import Vocabulary, zipf
        from ..rules.ocr import Dehyphenate

        rule = next((r for r in self.rules if isinstance(r, Dehyphenate)), None)
        if rule is None:
            return None
        languages = self.config.languages
        language = languages[0] if languages is not None and len(languages) == 1 else None

        seen: dict[str, Any] = {}  # the vocabulary and language of the text asked about last

        def typeset(head: str, tail: str, text: str) -> bool:
            if seen.get("text") is not text:
                lang = language
                if lang is None:
                    from ..language import UNDETERMINED, detect_language

                    found, _ = detect_language(text[:2000], 1000)
                    lang = None if found == UNDETERMINED else found.split("-")[0]
                seen.update(text=text, vocab=Vocabulary(text.split("\n")), language=lang)
            head = head.lstrip("“\"‘'([")
            vocab, lang = seen["vocab"], seen["language"]
            if rule.decide(head, tail, vocab, lang) != "join":
                return False
            # OCR004 joins by default; a sign of print needs more: a word no tool would have
            # broken (a text tool breaks only at a hyphen already there: fall-out, re-elected).
            # The text writes the joined form itself, or it is a word more common than the
            # rarer half (amal-gamated, defend-ants: a syllable break, not two words).
            last = re.split(r"[-‐⸗]", head)[-1]
            if vocab.count(last + tail):
                return True
            joined = zipf(last + tail, lang)
            return joined >= rule.part_zipf and joined > min(zipf(last, lang), zipf(tail, lang))

        return typeset

    def clean(self, text: str, detect_language: bool = True, known: Mapping[str, Any] | None = None,
              source: str | None = None) -> Cleaned:
        """Clean decoded text. Pure: the same text and config always give the same result.
        ``detect_language=False`` skips langdetect (language ``und``), for re-checking texts.
        ``known``: single-valued fields already found (a record's ``title`` and ``published``
        when its text is checked again): rules that fill them stand down, as they did once the
        field was filled on the first cleaning. ``source``: the file's id (``source.path``), for
        the rules learned per source."""
        work = _Work(text)
        work.source = source
        for name in SINGLE_FIELDS:
            if known is not None and known.get(name) is not None:
                work.fields[name] = known[name]
        layout = self._has_layout_rules and self.layout_detected(text)
        judged_at, guard = 0, (0, 0)
        for stage in self._stages:
            if stage is Stage.LAYOUT:
                # Text that looks scanned gets the OCR rules (which join its wraps too); any
                # other text the rules for every text (hard wraps joined), unless layout
                # repair is off.
                if layout or self.config.layout != "off":
                    self._run_stage(stage, work, layout, every_text=not layout)
                continue
            if stage is Stage.LINES:
                guard = self._run_guarded(work, layout)
                judged_at = len(work.changes)
            else:
                self._run_stage(stage, work, layout)
        self._settle_repairs(work, text)
        self._settle_judgement(work, text, layout, judged_at, guard)

        kept, _ = work.kept()
        paragraphs = [line.text for line in kept]
        clean_text = "\n\n".join(paragraphs)
        from ..language import UNDETERMINED, detect_language as detect

        language, score = detect(clean_text, self.config.language_sample_chars) if detect_language else (UNDETERMINED, 0.0)
        if detect_language and clean_text and score < self.config.min_language_score:
            work.warnings.append(Notice("LNG001", f"language detection is unsure: {language} with probability {score:.2f}"))
        removed = sum(1 for c in work.changes if c.action in (Action.REMOVED.value, Action.EXTRACTED.value))
        if len(work.fields["authors"]) > 1:
            from ..rules.metadata import merge_split_authors

            work.fields["authors"] = merge_split_authors(work.fields["authors"])
        if work.fields["title"] and (known is None or known.get("title") is None):
            self._quote_title_as_text(work)
        return Cleaned(
            text=clean_text,
            fields=work.fields,
            changes=work.changes,
            warnings=work.warnings,
            language=language,
            language_score=score,
            lines_removed=removed,
            paragraphs=len(paragraphs),
            raw_chars=len(text),
            rule_counts=work.counts,
        )

    #: How many times :meth:`_settle_judgement` may judge the lines again.
    MAX_JUDGEMENT_ROUNDS = 2

    def _settle_judgement(self, work: _Work, text: str, layout: bool, judged_at: int, guard: tuple[int, int]) -> None:
        """Judge the lines again when the repairs after the line stage changed one.

        Line rules judge a line as the line stage sees it; the quote, typography and whitespace
        repairs run after them and may change what a line looks like (". . ." becomes "…",
        runs of spaces one space). Cleaning the text again would judge the repaired lines, and
        cleaning a record's text again must change nothing: so when the repairs changed a kept
        line, the line stage (and then the repairs) runs once more on the repaired lines.
        ``guard``: the words of the document and those judgement took (see ``_run_guarded``).
        """
        repaired = (Action.REPAIRED.value, Action.NORMALIZED.value)
        for _ in range(self.MAX_JUDGEMENT_ROUNDS):
            if not any(c.action in repaired for c in work.changes[judged_at:]):
                return
            before = len(work.changes)
            # The guard weighs what judgement takes in all rounds against the whole document.
            guard = self._run_guarded(work, layout, guard if guard[0] else None)
            judged_at = len(work.changes)
            if judged_at == before:
                return
            for stage in self._stages:
                if stage > Stage.LINES:
                    self._run_stage(stage, work, layout)
            self._settle_repairs(work, text)

    def _quote_title_as_text(self, work: _Work) -> None:
        """The headline moves into ``title`` before the quote repairs run on the text: give it
        the text's quote style too (the same quote rules, in order), here and in its change."""
        title = before = work.fields["title"]
        for rule in self.rules:
            if isinstance(rule, RepairRule) and rule.stage is Stage.INLINE and rule.code.startswith("QUO") and rule.quick_check(title):
                title = rule.repair(title)
        if title == before:
            return
        work.fields["title"] = title
        for i, change in enumerate(work.changes):
            if change.field == "title" and change.after == before:
                work.changes[i] = dataclasses.replace(change, after=title)

    #: How many extra rounds of repairs :meth:`_settle_repairs` may run.
    MAX_REPAIR_ROUNDS = 3

    def _settle_repairs(self, work: _Work, text: str) -> None:
        """Run the repair rules again on the lines they changed, until nothing changes.

        Repairs can enable one another across the order they run in: a ``˝`` that QUO003 turns
        into ``“`` makes a backtick pair visible to QUO002, which ran before it; NULs that UNI002
        removes let ftfy (UNI001, before it) see mojibake. One pass would leave such text for
        the next run to change, and cleaning a record's text again must change nothing. A line
        that came through unchanged is already settled (rules are pure functions of the line),
        so only changed lines are looked at again: usually a few, for one more round.
        """
        original = text.split("\n")
        repairs = [r for r in self.rules if isinstance(r, RepairRule) and r.stage in (Stage.UNICODE, Stage.INLINE, Stage.FINAL)]
        pending = {pos for pos, line in enumerate(work.lines) if line.text != original[line.no - 1]}
        for _ in range(self.MAX_REPAIR_ROUNDS):
            if not pending:
                return
            # The rules after a line's last changer have all seen its text as it is and left
            # it alone: they need to look again only once an earlier rule changes it anew.
            last = {pos: work.changed_by.get(work.lines[pos].no, len(self.rules)) for pos in pending}
            changed: set[int] = set()
            for rule in repairs:
                ordinal = self._ordinal[id(rule)]
                lines = {pos for pos in pending if ordinal <= last[pos] or pos in changed}
                if not lines:
                    continue
                try:
                    changed |= self._apply_repair(rule, work, lines)
                except Exception as exc:
                    raise RuleCrash(rule.code, rule.name, exc) from exc
            pending = changed

    def _run_stage(self, stage: Stage, work: _Work, layout: bool, certain_only: bool = False, skip_context_free: bool = False,
                   every_text: bool | None = None) -> None:
        """Run one stage's rules (``every_text``: only the layout rules for text that does
        (``True``) or does not (``False``) look scanned, see ``Rule.every_text``)."""
        for rule in self.rules:
            if rule.stage is not stage or (certain_only and not rule.certain) or (skip_context_free and rule.context_free):
                continue
            if every_text is not None and rule.every_text is not every_text:
                continue
            try:
                if isinstance(rule, RepairRule):
                    self._apply_repair(rule, work)
                else:
                    self._apply_document(rule, work, layout)  # type: ignore[arg-type]
            except RuleCrash:
                raise  # named already (a text test the candidate index ran for all rules)
            except Exception as exc:  # a bug in the rule: name it in the reject (REJ099)
                raise RuleCrash(rule.code, rule.name, exc) from exc

    #: How many times the line stage may run on one document (see :meth:`_run_lines`).
    MAX_LINE_ROUNDS = 4

    def _run_lines(self, work: _Work, layout: bool, certain_only: bool = False) -> None:
        """Run the line stage until it removes nothing more.

        Line rules judge a line by its neighbours and its place above, in or below the body, so
        removing one line can make the next one an edge line (a "Close" button left between a
        removed gallery counter and the headline). One pass would leave those for a second
        cleaning to find; cleaning a record's text again must change nothing. Each further
        round runs only while the previous one removed something: for most documents one or
        two rounds.
        """
        context_free_too = True
        for _ in range(self.MAX_LINE_ROUNDS):
            before = len(work.changes)
            self._run_stage(Stage.LINES, work, layout, certain_only, skip_context_free=not context_free_too)
            new = work.changes[before:]
            if not any(c.action in (Action.REMOVED.value, Action.EXTRACTED.value) for c in new):
                return
            # A context-free rule has seen every line already, unless a rule rewrote one.
            context_free_too = any(c.action in (Action.REPAIRED.value, Action.NORMALIZED.value) for c in new)

    def _run_guarded(self, work: _Work, layout: bool, base: tuple[int, int] | None = None) -> tuple[int, int]:
        """Run the line stage under the guard: if the judgement rules (not the certain ones)
        would remove more than ``max_removed_share`` of the words, run it again with the
        certain rules only and write a warning instead.

        ``base``: (words of the document, words judgement took from it) as an earlier run of the
        line stage on this document left them; the share counts those too. Returns the same
        pair after this run, for the next."""
        lines, n_changes = list(work.lines), len(work.changes)
        fields = {k: (list(v) if isinstance(v, list) else v) for k, v in work.fields.items()}
        counts = dict(work.counts)
        self._run_lines(work, layout)
        judged = {r.code for r in self.rules if r.stage is Stage.LINES and not r.certain}
        from ..text.shape import word_count

        removed = [c for c in work.changes[n_changes:] if c.rule in judged and c.action in (Action.REMOVED.value, Action.EXTRACTED.value)]
        removed_words = sum(word_count(c.before) for c in removed)
        before_words, taken = base if base is not None else (None, 0)
        if not removed_words:
            return before_words or 0, taken  # nothing taken by judgement (words are counted only when something was)
        if before_words is None:
            before_words = _count_words(lines)
        if not before_words:
            return before_words, taken
        share = (taken + removed_words) / before_words
        if share > self.config.max_removed_share:
            # Weigh judgement against what the certain rules leave: a line a certain rule takes
            # by its text alone (removed here by a judging rule that came first) is not
            # judgement's, and is gone when the text is cleaned again, where the share must
            # come out the same.
            removals = (Action.REMOVED.value, Action.EXTRACTED.value)
            certain = sum(word_count(c.before) for c in work.changes[n_changes:]
                          if c.action in removals and (c.rule not in judged or self._certainly_chrome(c.before)))
            also_certain = sum(word_count(c.before) for c in removed if self._certainly_chrome(c.before))
            rest = before_words - certain
            share = (taken + removed_words - also_certain) / rest if rest > 0 else 0.0
        if share <= self.config.max_removed_share:
            return before_words, taken + removed_words
        work.lines, work.fields, work.counts = lines, fields, counts
        del work.changes[n_changes:]
        self._run_lines(work, layout, certain_only=True)
        if any(w.code == "GRD001" for w in work.warnings):
            return before_words, taken  # judged again after the repairs: one warning per record
        work.warnings.append(Notice(
            "GRD001",
            f"line rules would remove {share:.0%} of the words by judgement (limit {self.config.max_removed_share:.0%}); "
            f"{len(removed)} removal(s) refused, please review",
        ))
        return before_words, taken


    def _certainly_chrome(self, text: str) -> bool:
        """Would a certain line rule that reads the text alone remove a line of this text
        wherever it stood? (Its ``judge`` answers; no prefilter stands in for it.)"""
        return any(isinstance(rule, LineRule) and rule.stage is Stage.LINES and rule.certain and rule.context_free
                   and rule.judge(text, None, -1) is not None  # type: ignore[arg-type]
                   for rule in self.rules)


def _edit_start(edit: Any) -> int:
    return edit.start if isinstance(edit, Replace) else edit.index


def _field_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_field_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return str(value)


def _count_words(lines: Iterable[Line]) -> int:
    from ..text.shape import word_count

    return sum(word_count(line.text) for line in lines if line.text.strip())


@lru_cache(maxsize=8)
def _pipeline_for(config: Config) -> Pipeline:
    from .registry import build_rules

    packs = load_packs(config.pack_paths())
    rules = build_rules(config, packs)
    return Pipeline(config, rules, packs)
