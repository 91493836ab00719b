"""What a rule is.

A rule is a small pure unit with a stable code (``QUO004``), a dotted name
(``quotes.closing-quote-spacing``), a one-line summary and a docstring with a before/after
example and a "leaves alone" note. Rules never touch files and never record changes
themselves: the pipeline applies them and writes the change log (see ``cleaner.engine.pipeline``).

Three kinds:

* :class:`RepairRule` -- ``repair(text) -> text`` on one line (a paragraph, once layout is
  repaired). The pipeline diffs before/after and logs each edit as ``repaired`` (or
  ``normalized``).
* :class:`LineRule` -- ``judge(line, view) -> Verdict | None`` for each kept line, with its
  neighbours and position in ``view``; a verdict removes the line or extracts it into a record
  field.
* :class:`DocumentRule` -- ``edits(doc) -> [Edit]`` over the whole document, for decisions that
  need more than one line (joining hard-wrapped lines, runs of chrome at the edges).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Mapping, NamedTuple, Sequence

from .options import Options, setting  # noqa: F401 - rule modules import both from here

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config
    from ..packs import PackSet
    from .view import DocView


class Stage(enum.IntEnum):
    """Where in the pipeline a rule runs. Rules run by stage, then in registry order."""

    UNICODE = 10  # character-level repair before anything reads the words (mojibake, controls)
    LAYOUT = 20  # OCR and hard-wrap repair (joins lines into paragraphs)
    LINES = 30  # line classification: chrome, comments, metadata
    INLINE = 40  # quotes and typography inside a paragraph
    FINAL = 50  # whitespace and Unicode normal form: the text's invariants


class Action(str, enum.Enum):
    REMOVED = "removed"
    REPAIRED = "repaired"
    EXTRACTED = "extracted"
    NORMALIZED = "normalized"


CODE_PATTERN = re.compile(r"^[A-Z]{3}[0-9]{3}$")


#: How surely a removed line marks the article's edge (``Line.chrome_before``): a lone label
#: ("Home", "Email") is weak evidence, a chrome phrase ("Share on Facebook") strong.
WEAK_BOUNDARY = 1
STRONG_BOUNDARY = 2


@dataclass(frozen=True)
class Remove:
    """Drop the kept line at ``index``. ``boundary`` overrides the rule's boundary strength for
    this line (``None``: the rule's own, see ``Rule.boundary_strength``)."""

    index: int
    boundary: int | None = None


@dataclass(frozen=True)
class Extract:
    """Drop the kept line at ``index`` and keep ``value`` in record field ``field``."""

    index: int
    field: str
    value: Any


@dataclass(frozen=True)
class Replace:
    """Replace the kept lines ``start..end`` (inclusive; blank lines between them included) by
    one line of ``text``. ``start == end`` rewrites a single line."""

    start: int
    end: int
    text: str


Edit = Remove | Extract | Replace


@dataclass(frozen=True)
class Verdict:
    """A line rule's answer: remove the line, or extract it into ``field`` (with ``value``)."""

    field: str | None = None
    value: Any = None
    #: Boundary strength of a removal, overriding the rule's (see ``Remove.boundary``).
    boundary: int | None = None

    @property
    def extracts(self) -> bool:
        return self.field is not None


REMOVE = Verdict()


class Peer(NamedTuple):
    """What a rule is handed of another rule it declares in ``Rule.needs``: that rule's options
    and whether it runs in this pipeline."""

    options: Options
    enabled: bool


class Rule:
    """Base class: metadata shared by every rule kind.

    Subclasses set the class attributes; ``setup`` reads ``self.options``, the rule's settings
    (an instance of its ``Options`` dataclass, read from the ``[CODE]`` table of the rule packs,
    built-in and user, merged), and ``self.peers``, what it declared it needs of other rules.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    stage: ClassVar[Stage]
    action: ClassVar[Action]
    default_enabled: ClassVar[bool] = True
    #: The rule's settings (see ``engine.options``): a frozen dataclass, one field per pack key.
    Options: ClassVar[type[Options]] = Options
    #: Codes of the rules whose options this rule reads, and whether they run: the engine hands
    #: them over as ``self.peers[code]`` (a :class:`Peer`); a rule never looks them up itself.
    needs: ClassVar[tuple[str, ...]] = ()
    #: What a rule's decisions rest on: ``"form"`` -- a fixed form that is never article text
    #: (a boilerplate phrase, a markup line, a dateline) -- or ``"judgement"`` (shape,
    #: position). A rule of forms is *certain*: the pipeline's guard never refuses it.
    evidence: ClassVar[str] = "judgement"
    #: What ``judge`` reads besides the line's own text: ``"position"`` (its place above, in or
    #: below the body), ``"neighbours"`` (the lines beside it), ``"fields"`` (record fields
    #: found so far). Empty: the text alone -- ``judge`` is then handed no view (``None``), and
    #: the engine asks it once per distinct text (see ``engine.index``).
    reads: ClassVar[frozenset[str]] = frozenset({"position", "neighbours", "fields"})
    #: A boundary rule removes site chrome (menus, share rows, "Related" headings, comment
    #: forms): where it removed a line, the article may end. ``chrome.edge-run`` (NAV003) takes
    #: such places as evidence that the short lines beyond them are chrome too. In-body
    #: interruptions ("Advertisement", photo credits) are not boundaries.
    boundary: bool = False
    #: A layout rule for every text that does not look scanned (joining hard wraps); the OCR
    #: rules (``False``) run on text that does (see ``Pipeline.clean``).
    every_text: bool = False

    @property
    def certain(self) -> bool:
        """Derived from the declaration: the rule removes only fixed forms (``evidence``)."""
        return self.evidence == "form"

    @property
    def context_free(self) -> bool:
        """Derived from the declaration: ``judge`` reads the line's text alone (``reads``), so
        once it has looked at a text it never changes its mind (the line stage's later rounds
        skip it)."""
        return not self.reads

    @property
    def boundary_strength(self) -> int:
        return STRONG_BOUNDARY if self.boundary else 0

    def __init__(self, config: "Config", data: Mapping[str, Any] | None = None, packs: "PackSet | None" = None,
                 options: Options | None = None, peers: Mapping[str, Peer] | None = None) -> None:
        self.config = config
        self.packs = packs
        self.options = options if options is not None else self.Options.read(data or {}, self.code)
        #: Code -> :class:`Peer` for each code in ``needs`` (handed over by the registry).
        self.peers: Mapping[str, Peer] = peers or {}
        missing = set(self.needs) - set(self.peers)
        if missing:
            raise ValueError(f"{self.code} needs {', '.join(sorted(missing))}: build it with engine.registry")
        self.setup()

    def setup(self) -> None:
        """Prepare compiled patterns and lookup sets once per pipeline. Override as needed."""

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]

    @classmethod
    def doc(cls) -> str:
        return (cls.__doc__ or cls.summary).strip()

    def __repr__(self) -> str:
        return f"<{self.code} {self.name}>"


class RepairRule(Rule):
    """A pure text -> text function on one line. The rule declares the lines it may change
    (``trigger_chars`` or ``scan``); the engine looks for them with one scan of the document.
    ``quick_check`` is for a finer test of a line's text that no pattern says (``False``: the
    rule cannot change it); by default the declaration's."""

    action: ClassVar[Action] = Action.REPAIRED
    #: If set, the rule only runs on lines containing at least one of these characters.
    trigger_chars: ClassVar[str | None] = None

    #: A pattern found in every line the rule may change (``None``: any line may change). The
    #: pipeline finds the lines to look at with one scan of the document instead of a test per
    #: line. Built from ``trigger_chars`` unless a rule sets its own.
    scan: ClassVar[re.Pattern[str] | None] = None

    def setup(self) -> None:
        super().setup()
        chars = self.trigger_chars
        self._trigger = re.compile("[" + re.escape(chars) + "]") if chars else None
        if self._trigger is not None and type(self).scan is None:
            self.scan = self._trigger

    def quick_check(self, text: str) -> bool:
        return self._trigger is None or self._trigger.search(text) is not None

    def repair(self, text: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


class DocumentRule(Rule):
    """Sees every kept line of the document at once and returns edits."""

    action: ClassVar[Action] = Action.REMOVED

    def edits(self, doc: "DocView") -> Iterable[Edit]:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Lines:
    """A line rule's declaration of the lines ``judge`` may accept, by their text alone: the
    engine builds one candidate index per document from every rule's declaration
    (``cleaner.engine.index``) and calls ``judge`` on those lines only.

    With ``selects``, a line is a candidate when its phrase key (``rules.phrases.phrase_key``)
    is one of ``phrases`` or ``labels``, or starts with one of ``label_starts`` (a row of
    labels), or a pattern of ``patterns`` matches the stripped line whole (lines of at most
    ``max_chars``), or ``text(line)`` holds. Without, a candidate is a line ``text`` accepts;
    with no ``text`` either, every line is. A superset is fine; missing a line ``judge``
    accepts is a bug (``tests/test_prefilters_sound.py``)."""

    selects: bool = False
    phrases: frozenset[str] = frozenset()
    labels: frozenset[str] = frozenset()
    label_starts: frozenset[str] = frozenset()
    #: Compiled pack patterns (``pack_regex.compile_patterns``), matched on the stripped line.
    patterns: tuple[Any, ...] = ()
    max_chars: int = 200
    #: A test of the line's text alone, or ``None``.
    text: "Callable[[str], bool] | None" = None


class LineRule(DocumentRule):
    """Judges each kept, non-blank line on its own (with its neighbours at hand).

    A rule implements ``judge`` and declares, in :meth:`lines`, which lines it may accept
    (``Lines``); the engine finds them and remembers what it found (see ``engine.index``).
    """

    def judge(self, line: str, doc: "DocView", index: int) -> Verdict | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def lines(self) -> Lines:
        """The declaration of the lines to judge (default: every line; a rule that reads the
        text alone is asked once per distinct text)."""
        return Lines()

    def edits(self, doc: "DocView") -> Iterable[Edit]:
        """Judge every line (the engine judges only the candidates its index finds)."""
        return judged_edits(self, doc, range(len(doc.lines)))


def judged_edits(rule: LineRule, doc: "DocView", indices: Iterable[int]) -> Iterable[Edit]:
    """The edits of ``rule``'s verdicts on the lines at ``indices``."""
    for index in indices:
        verdict = rule.judge(doc.lines[index].text, doc, index)
        if verdict is None:
            continue
        yield Extract(index, verdict.field, verdict.value) if verdict.extracts else Remove(index, verdict.boundary)


def rule_sort_key(rule: Rule | type[Rule], position: int) -> tuple[int, int]:
    return (int(rule.stage), position)


def check_codes(rules: Sequence[type[Rule]]) -> None:
    """Registry sanity: codes well formed and unique."""
    seen: dict[str, str] = {}
    for rule in rules:
        if not CODE_PATTERN.match(rule.code):
            raise ValueError(f"bad rule code {rule.code!r} on {rule.__name__}")
        if rule.code in seen:
            raise ValueError(f"rule code {rule.code} used by {seen[rule.code]} and {rule.__name__}")
        seen[rule.code] = rule.__name__
