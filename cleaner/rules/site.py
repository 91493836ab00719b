"""Site templates learned from the corpus (``cleaner learn``): the lines a source repeats
around every article, removed from that source's articles only.

The entries are data: ``cleaner learn`` writes them into a pack (one ``[SIT001.sources.NAME]``
table per source, each entry with its support), a person reviews and commits it, and
``[tool.cleaner] packs`` (or ``cleaner run --pack``) puts it to use. This module holds what the
learner and the rule must agree on: how a line is normalised and which source a file belongs to.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Literal, Mapping

from ..errors import ConfigError
from ..engine.base import Action, DocumentRule, Edit, Remove, Stage
from ..engine.options import Options, setting
from ..text.shape import line_shape

if TYPE_CHECKING:  # pragma: no cover
    from ..packs import PackSet
    from ..engine.view import DocView

CODE = "SIT001"
_DIGITS = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[\W_]+")
#: Words from which a learned line seen away from the body is a headline or a sentence (kept
#: where it stands beside the body: the article's own).
HEADLINE_WORDS = 2
#: What a month or weekday name becomes in a line that holds a date.
DATE_WORD = "\u2039d\u203a"


def date_words(packs: "PackSet | None") -> frozenset[str]:
    """Month and weekday names of every language in the packs (``[months]``, ``[weekdays]``),
    case-folded: in a line with a number they are part of a date, which a site changes daily."""
    if packs is None:
        return frozenset()
    words: set[str] = set()
    for table in (packs.dataset("months"), packs.dataset("weekdays")):
        for names in table.values():
            for name in names if isinstance(names, list) else ():
                for variant in name if isinstance(name, list) else (name,):
                    if isinstance(variant, str):
                        words.add(unicodedata.normalize("NFKC", variant).casefold())
    return frozenset(words)


def normalise_line(text: str, dates: frozenset[str] = frozenset()) -> str:
    """The key a line is learned and matched by: case folded, each run of digits one ``0``,
    punctuation and whitespace one space, and in a line with a number, month and weekday names
    one placeholder (a site's date line changes every day; its wording does not).

    >>> normalise_line("  Updated: 12:05 PM, Nov. 3, 2019 |", frozenset({"nov"}))
    'updated 0 0 pm ‹d› 0 0'
    >>> normalise_line("SKIP to   Content!")
    'skip to content'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    numbered = _DIGITS.sub("0", folded)
    words = _NOT_WORD.sub(" ", numbered).split()
    if dates and numbered != folded:
        words = [DATE_WORD if w in dates else w for w in words]
    if all(w == "0" or w == DATE_WORD for w in words):
        # Nothing but numbers ("$139.00", a phone number, "12/03"): with its digits made alike
        # it would be any other line of numbers; it keeps them.
        return " ".join(_NOT_WORD.sub(" ", folded).split())
    return " ".join(words)


Grouping = Literal["folder", "level", "pattern"]


@dataclass(frozen=True)
class SourceKey:
    """How a file's id (its ``source.path``, as records hold it) names its source."""

    group: Grouping = "folder"
    level: int = 1
    pattern: str = ""

    def __post_init__(self) -> None:
        if self.group == "pattern":
            try:
                compiled = re.compile(self.pattern)
            except re.error as exc:
                raise ConfigError(f"source pattern {self.pattern!r} is not a regular expression: {exc}") from None
            object.__setattr__(self, "_compiled", compiled)

    def of(self, path: str | None) -> str | None:
        """The source of the file at ``path`` (``None``: no source, nothing learned applies).

        >>> SourceKey().of("raw/donga/2020/a.txt"), SourceKey("level", 2).of("raw/donga/2020/a.txt")
        ('2020', 'donga')
        >>> SourceKey("pattern", pattern=r"^raw/([a-z]+)_").of("raw/donga_0042.txt")
        'donga'
        """
        if not path:
            return None
        if self.group == "pattern":
            found = self._compiled.search(path)  # type: ignore[attr-defined]
            if found is None:
                return None
            return (found.group(1) if found.re.groups else found.group(0)) or None
        folders = PurePosixPath(path).parts[:-1]
        if self.group == "level":
            return folders[self.level - 1] if len(folders) >= self.level else None
        return folders[-1] if folders else None


@dataclass(frozen=True)
class LearnedEntry:
    """One learned line, or a run of lines removed only together."""

    lines: tuple[str, ...]
    seen: int
    keys: tuple[str, ...] = ()
    #: On how many of the articles it was seen on it stood next to a paragraph of the body.
    by_body: int = 0
    #: The most copies of it one article held.
    most: int = 1

    @property
    def at_edges(self) -> bool:
        """Seen mostly away from the body (a menu, a box of headlines), not beside it."""
        return 2 * self.by_body < self.seen

    def label(self, source: str, articles: int) -> str:
        shown = " / ".join(self.lines)
        return f"{source}: {shown!r} (seen on {self.seen} of {articles} articles)"


@dataclass(frozen=True)
class LearnedSource:
    articles: int
    entries: tuple[LearnedEntry, ...]


@dataclass(frozen=True)
class SiteTemplateOptions(Options):
    #: How a file's id names its source: its folder, the folder at ``level`` from the top,
    #: or the first group of ``pattern`` (a regular expression searched in the id).
    group: Grouping = "folder"
    level: int = setting(1, minimum=1)
    pattern: str = ""
    #: Source name -> what was learned for it (written by ``cleaner learn``).
    sources: "dict[str, LearnedSource]" = None  # type: ignore[assignment]

    @classmethod
    def read(cls, table: Mapping[str, Any], code: str, source: "Callable[[str], str] | None" = None) -> "Options":
        plain = {k: v for k, v in table.items() if k != "sources"}
        base = super().read(plain, code, source)
        file = source("sources") if source is not None else None
        where = f"{file}: [{code}] sources" if file else f"[{code}] sources"
        return cls(group=base.group, level=base.level, pattern=base.pattern,  # type: ignore[attr-defined]
                   sources=_read_sources(table.get("sources", {}), where))


def _read_sources(value: Any, where: str) -> dict[str, LearnedSource]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of sources, got {value!r}")
    out: dict[str, LearnedSource] = {}
    for name, table in value.items():
        at = f"{where}.{name}"
        if not isinstance(table, dict) or set(table) - {"articles", "entries"}:
            raise ConfigError(f"{at} must be a table with articles and entries, got {table!r}")
        articles = table.get("articles", 0)
        if not isinstance(articles, int) or isinstance(articles, bool) or articles < 0:
            raise ConfigError(f"{at}.articles must be a whole number, got {articles!r}")
        entries = []
        for number, entry in enumerate(table.get("entries", []), 1):
            bad = not isinstance(entry, dict) or set(entry) - {"lines", "seen", "by_body", "most"} or "lines" not in entry
            lines = entry.get("lines") if isinstance(entry, dict) else None
            counts = (entry.get("seen", 0), entry.get("by_body", 0), entry.get("most", 1)) if isinstance(entry, dict) else (None,)
            if isinstance(lines, str):
                lines = [lines]
            if bad or not isinstance(lines, list) or not lines or not all(isinstance(x, str) for x in lines) \
                    or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts):
                raise ConfigError(f"{at}.entries[{number}] must be {{ lines = [\"...\"], seen = N, by_body = N, most = N }}, got {entry!r}")
            entries.append(LearnedEntry(tuple(lines), counts[0], by_body=counts[1], most=max(1, counts[2])))
        out[str(name)] = LearnedSource(articles, tuple(entries))
    return out


class SiteTemplate(DocumentRule):
    """Remove the lines a source repeats around its articles, as ``cleaner learn`` found them
    (menus, footers, newsletter boxes, "more from this section" headings): each entry removes
    whole lines of that source's articles only, and the change names the entry.

    A source ``daily`` whose learned pack holds "Daily tides" and "Ask the editor desk"; its
    file ``raw/daily/a.txt`` loses them, the article stays:

    >>> import pathlib, tempfile
    >>> from cleaner import Config, clean_text
    >>> pack = pathlib.Path(tempfile.mkdtemp()) / "learned.toml"
    >>> _ = pack.write_text('[SIT001.sources.daily]\\narticles = 9\\nentries = ['
    ...                     '{ lines = ["Daily tides"], seen = 9, by_body = 9 }, { lines = ["Ask the editor desk"], seen = 8, by_body = 8 }]\\n')
    >>> text = ("Daily tides\\n\\nChina will hold a strategic dialogue with NATO next year, the ministry said on Monday.\\n\\n"
    ...         "Ask the editor desk\\n")
    >>> result = clean_text(text, Config(languages=None, packs=(str(pack),)), source="raw/daily/a.txt")
    >>> result.text
    'China will hold a strategic dialogue with NATO next year, the ministry said on Monday.'
    >>> [(c.rule, c.before) for c in result.changes]
    [('SIT001', 'Daily tides'), ('SIT001', 'Ask the editor desk')]

    Leaves alone: files of other sources, and files whose source learned nothing; any part of
    a line (a learned line quoted inside a paragraph stays: only whole lines go); a learned
    headline or sentence that the source showed away from its bodies (a "most read" box) where
    it stands next to a paragraph of the body, or where the article holds more copies of it
    than any article the source learned from (its page title, its heading and the box), where
    this article's body writes most of its content words, or where no other learned headline
    stands beside it (a box of other stories lists several): there it is the article's own
    headline or text (an entry of several lines is removed only where
    all its lines stand together). Data: the pack
    ``cleaner learn`` writes (``[SIT001]``; see ``cleaner learn --help``).
    """

    code = CODE
    name = "site.learned-template"
    summary = "Remove the lines `cleaner learn` found repeated around a source's articles (a learned pack)."
    stage = Stage.LINES
    action = Action.REMOVED
    Options: ClassVar[type[Options]] = SiteTemplateOptions
    # An entry is a whole line the source printed on most of its articles: never text of one
    # article (a fixed form), so the guard does not refuse it; its removals mark the article's edge.
    evidence: ClassVar[str] = "form"
    boundary = True

    def setup(self) -> None:
        options: SiteTemplateOptions = self.options  # type: ignore[assignment]
        self.dates = date_words(self.packs)
        self.source_key = SourceKey(options.group, options.level, options.pattern)
        #: source -> key -> (label, a headline or sentence seen away from the body (or
        #: ``None``), the most copies on one article); source -> first key of a run -> [(keys, label)]
        self.singles: dict[str, dict[str, tuple[str, bool, int]]] = {}
        self.runs: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
        for name, learned in (options.sources or {}).items():
            singles = self.singles.setdefault(name, {})
            runs = self.runs.setdefault(name, {})
            for entry in learned.entries:
                keys = tuple(normalise_line(line, self.dates) for line in entry.lines)
                if not all(keys):
                    continue
                label = entry.label(name, learned.articles)
                if len(keys) == 1:
                    # A line of two words or more, seen away from the body, is a headline or
                    # a sentence: beside this article's body it is this article's own.
                    singles[keys[0]] = (label, entry.at_edges and line_shape(entry.lines[0])[0] >= HEADLINE_WORDS, entry.most)
                else:
                    runs.setdefault(keys[0], []).append((keys, label))
        self._keys: dict[str, str] = {}

    def key(self, text: str) -> str:
        found = self._keys.get(text)
        if found is None:
            if len(self._keys) > 1 << 16:
                self._keys.clear()
            found = self._keys[text] = normalise_line(text, self.dates)
        return found

    def source_of(self, doc: "DocView") -> str | None:
        return self.source_key.of(getattr(doc, "source", None))

    def edits(self, doc: "DocView") -> Iterable[Edit]:
        source = self.source_of(doc)
        if source is None or (source not in self.singles):
            return
        singles, runs = self.singles[source], self.runs[source]
        keys = [self.key(line.text) for line in doc.lines]
        taken: set[int] = set()
        for start, key in enumerate(keys):
            for run, label in runs.get(key, ()):
                end = start + len(run)
                if tuple(keys[start:end]) == run:
                    for index in range(start, end):
                        if index not in taken:
                            taken.add(index)
                            yield Remove(index)
        around: "_RawLines | None" = None
        for index, key in enumerate(keys):
            if index in taken or key not in singles:
                continue
            _, guarded, most = singles[key]
            if guarded:
                around = around or _RawLines(doc, self.key)
                # Beside the body, or more copies than any article of the source held (its
                # title, its heading, the box): the article's own headline or text.
                if around.beside_body(doc.lines[index].no, singles) or around.copies[key] > most:
                    continue
                # A headline whose words this article's body writes is its own (a "most read"
                # box on the site's other pages listed this very story).
                if around.told_by_body(doc.lines[index].text, singles):
                    continue
                # A box of other stories' headlines lists several: a headline with none of them
                # beside it, only the site's furniture, is this article's own.
                if not around.beside_headline(doc.lines[index].no, singles):
                    continue
            yield Remove(index)

    def label_for(self, path: str | None, text: str) -> str | None:
        """The learned entry behind the removal of ``text`` from the file at ``path``: what
        ``cleaner explain`` shows beside a SIT001 change."""
        source = self.source_key.of(path)
        if source is None or source not in self.singles:
            return None
        key = self.key(text)
        found = self.singles[source].get(key)
        if found is not None:
            return found[0]
        return next((label for runs in self.runs[source].values() for run, label in runs if key in run), None)


#: A content word: four letters or more ("said", "council"; not "the", "of").
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


class _RawLines:
    """The document's raw lines as the learner saw them (non-blank, before any rule removed
    one): where a learned line stands is judged there, as it was learned."""

    #: How many lines that are neither learned nor prose (a subheading, a dateline) may stand
    #: between a learned headline and the body for it to be the article's own.
    BODY_REACH = 2

    def __init__(self, doc: "DocView", key: Callable[[str], str]) -> None:
        raw = doc.raw_lines if doc.raw_lines is not None else [line.text for line in doc.lines]
        self.numbers = [no for no, text in enumerate(raw, 1) if text.strip()]
        self.texts = [raw[no - 1].strip() for no in self.numbers]
        self.keys = [key(text) for text in self.texts]
        self.position = {no: i for i, no in enumerate(self.numbers)}
        self.copies = Counter(self.keys)
        self._body_words: "set[str] | None" = None

    #: A headline is the body's own when at least this share of its content words (two at
    #: least) are words of the body (see :meth:`told_by_body`).
    BODY_WORD_SHARE = 0.6

    def told_by_body(self, text: str, learned: Mapping[str, Any]) -> bool:
        """Does the body (the prose lines that are not learned) write most of the content words
        of ``text`` -- the words of four letters or more?"""
        words = {w.casefold() for w in _CONTENT_WORD.findall(text)}
        if len(words) < 2:
            return False
        if self._body_words is None:
            self._body_words = {w.casefold() for t, k in zip(self.texts, self.keys)
                                if k and k not in learned and line_shape(t)[1] for w in _CONTENT_WORD.findall(t)}
        return len(words & self._body_words) >= self.BODY_WORD_SHARE * len(words)

    def beside_headline(self, number: int, learned: Mapping[str, Any]) -> bool:
        """Is the line next to raw line ``number`` (either side) another learned headline?"""
        at = self.position.get(number)
        if at is None:
            return False
        return any(0 <= j < len(self.keys) and self.keys[j] != self.keys[at] and self.keys[j] in learned
                   and learned[self.keys[j]][1] for j in (at - 1, at + 1))

    def beside_body(self, number: int, learned: Mapping[str, Any]) -> bool:
        """Does the body (a line of prose that is not learned) stand next to raw line
        ``number``, or beyond a few lines that are neither learned nor prose?"""
        at = self.position.get(number)
        if at is None:
            return False
        for step in (-1, 1):
            j = at + step
            for _ in range(self.BODY_REACH + 1):
                if not 0 <= j < len(self.keys) or not self.keys[j] or self.keys[j] in learned:
                    break
                if line_shape(self.texts[j])[1]:
                    return True
                j += step
        return False
