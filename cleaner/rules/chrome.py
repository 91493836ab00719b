"""Navigation chrome: skip links, language switchers, menus, breadcrumbs, pagination, article
tools, and the runs of short lines above and below the article body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..text.scripts import dominant_script, same_writing_system
from .base import REMOVE, Action, DocumentRule, Edit, LineRule, Options, Remove, Stage, Verdict, setting
from .context import EdgeRunOptions, units_past_edge
from .phrases import MAX_LABEL_ROW_CHARS, PhraseRule, count_labels, label_words, phrase_key
from ..text.shape import line_shape, word_count
from .view import DocView



class SkipLink(PhraseRule):
    """Remove accessibility skip links ("Go to contents", "Skip to main content", "본문 바로가기").

    Before::

        Go to contents
        China, NATO to Enter into Strategic Talks Next Year

    After::

        China, NATO to Enter into Strategic Talks Next Year

    Leaves alone: the same words inside a sentence ("Go to contents page 4 for the table").
    Phrases: ``[NAV001] phrases`` in ``packs/chrome.toml``.
    """

    code = "NAV001"
    name = "chrome.skip-link"
    summary = "Remove skip links such as 'Go to contents' and 'Skip to main content'."
    where = "anywhere"
    boundary = True


@dataclass(frozen=True)
class LanguageSwitcherOptions(Options):
    """``[NAV002]`` settings of :class:`LanguageSwitcher`."""

    labels: tuple[str, ...] = ()


#: A switcher row has separators between its labels ("English | 한국어"); labels separated by
#: spaces alone could be words of a sentence.
_ROW_SEPARATOR = re.compile(r"[|/·•]")


class LanguageSwitcher(LineRule):
    """Remove language-switcher labels ("한국어", "日本語", "English", "Español").

    A line that is a known language label is removed when it is written in another script than
    the article (한국어 on an English page) -- a switcher label, wherever it sits -- or, in the
    article's own script, when it sits in the chrome above or below the body or next to another
    label (a run of labels is a switcher).

    Before::

        한국어
        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    A row of two or more labels and nothing else ("English | 한국어 | 日本語") is a switcher
    wherever it stands.

    Leaves alone: a language name inside a sentence, and "English" alone in the middle of an
    English article's body. Labels: ``[NAV002] labels`` in ``packs/chrome.toml``.
    """

    code = "NAV002"
    Options = LanguageSwitcherOptions
    name = "chrome.language-switcher"
    summary = "Remove language-switcher labels (한국어, 日本語, English) outside the article's own text."
    stage = Stage.LINES
    action = Action.REMOVED
    boundary = True

    def setup(self) -> None:
        self.labels = frozenset(phrase_key(p) for p in self.options.labels)
        self.max_label_words = max((len(label_words(k)) for k in self.labels), default=0)

    def _is_label(self, text: str | None) -> bool:
        return text is not None and len(text) <= 40 and phrase_key(text) in self.labels

    def _is_row(self, text: str) -> bool:
        """Two or more labels and nothing else, with separators between them."""
        if len(text) > MAX_LABEL_ROW_CHARS or not _ROW_SEPARATOR.search(text):
            return False
        return count_labels(label_words(phrase_key(text)), self.labels, self.max_label_words) >= 2

    def may_match(self, text: str) -> bool:
        return self._is_label(text) or self._is_row(text)

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if not self._is_label(line):
            return REMOVE if self._is_row(line) else None
        line_script = dominant_script(line)
        if not same_writing_system(line_script, doc.script):
            return REMOVE
        if doc.article_zone(index) != "body" or self._is_label(doc.neighbour(index, -1)) or self._is_label(doc.neighbour(index, 1)):
            return REMOVE
        return None


class EdgeChromeRun(DocumentRule):
    """Remove the short non-sentence lines past the article's edge: menus, section links,
    headline lists and footers above and below the article body.

    The article body is the stretch of the document where prose outweighs short lines (see
    ``cleaner.rules.context``). Walking outwards from it, the rule looks for evidence that the
    article has ended: places where the chrome rules removed a line (a "Share on Facebook"
    phrase counts 2, a lone "Home" label 1, a run of removed lines adds up; ``evidence`` = 3 is
    needed, so one phrase alone -- a "Don't miss" heading inside a listicle -- is not enough).
    Past that evidence every short line is chrome, until ``reset_words`` of prose show the
    text has turned back into running text; a short line that reads like a sentence (a list
    item rather than a menu entry) needs ``sentence_evidence``. A prose line goes only as a
    teaser: fewer than ``reset_words`` of prose between two short lines taken as chrome (the
    blurb under a headline in a list of stories; the last blurb of such a list too), never a
    list item and never next to a line that starts in lower case (a piece of a sentence). A list an
    extractor flattened into one line (a month archive, a drop-down's options: many capitalised
    words, no sentence ending, hardly a comma) is a short line, however long. Nothing inside
    the body is removed.

    Before (the evidence counted walking outwards from the body, line by line)::

        Crossword Puzzles         <- past the evidence: removed here
        Skip to main content      <- removed by NAV001 (a phrase: 2, so 4 here)
        Home                      <- removed by NAV007 (a label: 1, so 2 here)
        World                     <- removed by NAV007 (a label: 1)
        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        The two sides discussed the plan on the sidelines of the summit held in Prague.
        Share on Facebook         <- removed by SHR001 (a phrase: 2)
        Twitter                   <- removed by SHR001 (a label: 1, so 3 here)
        Defence Budget Grows Again             <- past the evidence: removed here
        You may also like                      <- removed by REL001 (a phrase: 2, so 5 here)
        NATO allies meet in Prague on Monday   <- reads like a sentence (needs 4): removed here

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    Leaves alone: subheadings, lists and short lines inside the body; short lines below or
    above it with no chrome between them and the body (a fact box, a list of dates that ends
    the article); prose lines anywhere but teasers (a closing paragraph after a share row stays:
    no chrome follows it); and documents without prose (position proves nothing there).
    Settings: ``[NAV003] evidence``, ``sentence_evidence``, ``reset_words``, ``teasers`` in
    ``packs/chrome.toml``.
    """

    code = "NAV003"
    Options = EdgeRunOptions
    name = "chrome.edge-run"
    summary = "Remove the short lines past the article's edge (menus, headline lists, footers)."
    stage = Stage.LINES
    action = Action.REMOVED

    def edits(self, doc: DocView) -> Iterable[Edit]:
        span = doc.article
        if span is None:
            return
        units = doc.units
        first, last = doc.unit_of[span[0]], doc.unit_of[span[1]]
        for u in units_past_edge(units, first, last, self.options):
            yield from (Remove(i) for i in units[u].indices)


class BackToTop(PhraseRule):
    """Remove "Back to top" links ("Back to top ↑", "Nach oben", "맨 위로", "返回顶部").

    Before::

        ... the summit held in Prague.
        Back to top ↑

    After::

        ... the summit held in Prague.

    Leaves alone: a sentence that goes back to the top ("Back to top form after injury, he
    scored twice."). Phrases: ``[NAV004] phrases`` in ``packs/chrome.toml``.
    """

    code = "NAV004"
    name = "chrome.back-to-top"
    summary = "Remove 'Back to top' links."
    where = "anywhere"
    boundary = True


#: A crumb: words (letters first), no brackets or digits-first tokens ("9.30 A.M." is a time).
#: A section head as newspapers print it: a word or two in capitals with a full stop.
_PRINT_SECTION_HEAD = re.compile(r"[^\W\d_a-z]{2,}(?:[ &-][^\W\d_a-z]{2,}){0,2}\.")
_CRUMB = re.compile(r"[^\W\d_][\w'’&.,\- ]*", re.UNICODE)


@dataclass(frozen=True)
class BreadcrumbOptions(Options):
    """``[NAV005]`` settings of :class:`Breadcrumb`."""

    home: tuple[str, ...] = ()
    separators: tuple[str, ...] = ()


class Breadcrumb(LineRule):
    """Remove breadcrumb trails ("Home > World > Asia", "Início / Notícias / Brasil").

    A line of two to eight short crumbs (at most four words each) joined by one kind of
    separator is a trail: removed anywhere when its first crumb is a home label (Home,
    Startseite, 홈, 首页...); a trail of three or more crumbs of at most three words also
    above or below the article body.

    Before::

        Home > World > Asia
        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    Leaves alone: a page title ("Headline | Site": two crumbs, no home label), "Revenue >
    costs" and "either/or" inside the body, times ("9.30 A.M. / 7.00 P.M."), and any line of
    more than 120 characters. Home labels and separators:
    ``[NAV005]`` in ``packs/chrome.toml``.
    """

    code = "NAV005"
    Options = BreadcrumbOptions
    name = "chrome.breadcrumb"
    summary = "Remove breadcrumb trails such as 'Home > World > Asia'."
    stage = Stage.LINES
    action = Action.REMOVED
    boundary = True

    def setup(self) -> None:
        self.home = frozenset(phrase_key(h) for h in self.options.home)
        seps = [s for s in self.options.separators if s.strip()]
        self.separators = tuple(sorted(set(seps), key=len, reverse=True))

    def crumbs(self, line: str) -> list[str] | None:
        """The crumbs of a breadcrumb-shaped line, or ``None``."""
        stripped = line.strip()
        if len(stripped) > MAX_LABEL_ROW_CHARS:
            return None
        for sep in self.separators:
            if sep in stripped:
                parts = [p.strip() for p in stripped.split(sep)]
                if parts and not parts[-1]:
                    parts.pop()  # a trailing separator ("Home >")
                if not 2 <= len(parts) <= 8 or any(not p for p in parts):
                    return None
                if any(other in p for p in parts for other in self.separators if other != sep and len(other) == 1 and other in "/|>»›"):
                    return None
                if all(0 < word_count(p) <= 4 and _CRUMB.fullmatch(p) for p in parts):
                    return parts
                return None
        return None

    def may_match(self, text: str) -> bool:
        return self.crumbs(text) is not None

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        parts = self.crumbs(line)
        if parts is None:
            return None
        if phrase_key(parts[0]) in self.home:
            return REMOVE
        # Without a home label, two crumbs could be a page title ("Headline | Site").
        if len(parts) >= 3 and all(word_count(p) <= 3 for p in parts) and doc.article_zone(index) != "body":
            return REMOVE
        return None


class Pagination(PhraseRule):
    """Remove pagination and article-to-article navigation ("Page 2 of 5", "Next article",
    "1 2 3 4 Next »").

    Multi-word phrases count anywhere; single words ("Next", "Previous") and rows of page
    numbers only above or below the article body, next to another such line, or several on
    one line.

    Before::

        ... the summit held in Prague.
        « Previous
        1 2 3 4 5 Next »

    After::

        ... the summit held in Prague.

    Leaves alone: "Next" or a row of numbers between paragraphs of the body (a table's row,
    a list), and "page 3 of the report" inside a sentence. Data: ``[NAV006]`` in
    ``packs/chrome.toml``.
    """

    code = "NAV006"
    name = "chrome.pagination"
    summary = "Remove pagination ('Page 2 of 5', 'Next article', '1 2 3 Next')."
    where = "anywhere"
    boundary = True

    _THREE_DIGITS = re.compile(r"\d\D*\d\D*\d")

    def _may_be_numbers(self, text: str) -> bool:
        # A row of page numbers holds three digits at least.
        return len(text.strip()) <= MAX_LABEL_ROW_CHARS and self._THREE_DIGITS.search(text) is not None

    def may_match(self, text: str) -> bool:
        return super().may_match(text) or self._may_be_numbers(text)

    def extra_candidates(self, doc: DocView) -> set[int]:
        return set(self.lines_by_text(doc, "numbers", self._may_be_numbers))

    def label_count(self, line: str | None) -> int:
        count = super().label_count(line)
        if count or line is None:
            return count
        return 2 if self._is_pager(line) else 0

    def _is_pager(self, line: str) -> bool:
        """Three or more page numbers counting up by one (a gap before the last one allowed),
        with nothing else on the line but separators and pagination labels."""
        key = phrase_key(line)
        if len(key) > MAX_LABEL_ROW_CHARS:
            return False
        numbers = [int(n) for n in re.findall(r"\d{1,4}", key)]
        if len(numbers) < 3 or re.search(r"\d{5}", key):
            return False
        steps = [b - a for a, b in zip(numbers, numbers[1:])]
        if any(step != 1 for step in steps[:-1]) or steps[-1] < 1:
            return False
        words = re.sub(r"[\d\s|·•,.…]+", " ", key).split()
        return not words or super().label_count(" ".join(words)) > 0


class SiteMenu(PhraseRule):
    """Remove site-menu and footer labels ("Home", "World", "Sign in", "Privacy Policy") above
    or below the article.

    A label is chrome outside the article body, next to another label, or when several make up
    one line ("Home | World | Sport"). The places they are removed from mark the article's
    edge for ``chrome.edge-run``.

    Before::

        Home
        World
        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        Privacy Policy
        Terms of Use

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    Leaves alone: a single label between paragraphs of the body ("Politics" as a subheading)
    and the words inside sentences. Labels in many languages: ``[NAV007] labels`` in
    ``packs/chrome.toml``.
    """

    code = "NAV007"
    name = "chrome.site-menu"
    summary = "Remove menu and footer labels (Home, World, Sign in, Privacy Policy) outside the body."
    where = "edges"
    boundary = True

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if doc.layout and _PRINT_SECTION_HEAD.fullmatch(line.strip()):
            return None  # a scanned page's section head ("LAW.", "SPORT."): content, not a menu
        return super().judge(line, doc, index)


class ArticleTools(PhraseRule):
    """Remove article tool links and counters ("Print", "Text size", "5 min read", "1.2k views").

    Before::

        5 min read
        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    Leaves alone: "Print" or "Save" alone between paragraphs of the body, and reading-time
    phrases inside sentences ("a 5 min read that rewards patience"). Data: ``[NAV008]`` in
    ``packs/chrome.toml``.
    """

    code = "NAV008"
    name = "chrome.article-tools"
    summary = "Remove article tools: print, text size, listen, save, reading time, view counts."
    where = "anywhere"
    boundary = True


class SiteNotice(PhraseRule):
    """Remove site notices written as prose: affiliate disclosures ("We may earn a commission
    when you buy through links on our site"), market-data disclaimers ("Quotes delayed at least
    15 minutes"), browser warnings ("You are using an outdated browser"), and, above or below
    the article, an author's bio ("Jane Roe is a freelance writer based in Toronto.").

    Every pattern needs the site's or the reader's voice ("we", "our", "this article", "you're
    using"), which reporting rarely has.

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        When you buy through links on our site, we may earn an affiliate commission.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    Leaves alone: reporting about commissions and browsers ("Retailers earn a commission on
    each sale, the regulator said.") and a bio sentence inside the body. Patterns:
    ``[NAV009]`` in ``packs/chrome.toml``.
    """

    code = "NAV009"
    name = "chrome.site-notice"
    summary = "Remove site notices: affiliate disclosures, market-data disclaimers, browser warnings."
    where = "anywhere"
    boundary = True
    max_chars = 600


@dataclass(frozen=True)
class TagLineOptions(Options):
    """``[NAV010]`` settings of :class:`TagLine`."""

    labels: tuple[str, ...] = ()
    max_items: int = setting(20, minimum=1)
    max_item_words: int = setting(5, minimum=1)


class TagLine(LineRule):
    """Remove tag and category lines ("Tags: NATO, China, Prague", "Filed under: World |
    Asia", "Etiquetas: ...").

    A label, a separator (``:``, ``|``, ``»``), then a list of short items (at most five
    words each) separated by commas, bars, semicolons, bullets or slashes.

    Before::

        ... the summit held in Prague.
        Tags: NATO, China, Prague summit

    After::

        ... the summit held in Prague.

    Leaves alone: "Topics: the summit covered terrorism, energy and the war in Ukraine, which
    ..." (an item longer than five words is a sentence) and "Tags" in prose. Labels:
    ``[NAV010] labels`` in ``packs/chrome.toml``.
    """

    code = "NAV010"
    Options = TagLineOptions
    name = "chrome.tag-line"
    summary = "Remove tag and category lines ('Tags: NATO, China', 'Filed under: World')."
    stage = Stage.LINES
    action = Action.REMOVED
    boundary = True

    _ITEM_SEPARATORS = re.compile(r"\s*(?:[,;|·•/]|\s[-–—]\s)\s*")

    context_free = True

    def setup(self) -> None:
        labels = sorted({l for l in self.options.labels if l}, key=len, reverse=True)
        alt = "|".join(re.escape(l) for l in labels)
        self.labelled = re.compile(rf"\s*(?:{alt})\s*(?:[:：|»›>]|\s[-–—])\s*(?P<items>\S.*)", re.IGNORECASE) if alt else None
        self.max_items = self.options.max_items
        self.max_item_words = self.options.max_item_words

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if self.labelled is None or len(line) > 400:
            return None
        m = self.labelled.fullmatch(line.strip())
        if m is None:
            return None
        items = [i for i in self._ITEM_SEPARATORS.split(m.group("items").strip(" .|,;")) if i]
        if not 1 <= len(items) <= self.max_items:
            return None
        if any(word_count(i) > self.max_item_words or i.rstrip().endswith((".", "!", "?")) and word_count(i) > 3 for i in items):
            return None
        return REMOVE


#: Between a page title and the site's name: "Headline - The Daily", "Opinion | Headline".
_TITLE_SEPARATOR = re.compile(r"\s+[-–—|:·•]+\s+|\s*[|·•]\s*")
#: The most words a site name or a section label around an echoed title may have.
MAX_TITLE_AFFIX_WORDS = 6
#: The fewest words of a paragraph whose second copy is an echo (shorter lines repeat by
#: chance: "Read more", a dateline, a list's items).
MIN_REPEATED_PARAGRAPH_WORDS = 12


def _line_key(text: str) -> str:
    """A line's identity for repetition: case-folded, spaces collapsed, edge punctuation off."""
    return phrase_key(text) if len(text) <= 2000 else " ".join(text.casefold().split())


def _echoes_title(key: str, title: str) -> bool:
    """Is ``key`` the title with a site name or section label around it ("<title> - Site",
    "Opinion | <title>")?"""
    if not title or title not in key or key == title:
        return key == title
    before, _, after = key.partition(title)
    for affix, at_start in ((before, True), (after, False)):
        if not affix:
            continue
        sep = _TITLE_SEPARATOR.search(affix)
        if sep is None or (sep.end() != len(affix) if at_start else sep.start() != 0):
            return False
        if word_count(affix) > MAX_TITLE_AFFIX_WORDS:
            return False
    return True


class RepeatedLine(DocumentRule):
    """Remove echoes of the article above it (before its first line of prose): the headline
    already moved into ``title`` (also with the site's name around it: "<headline> - The
    Daily", "Opinion | <headline>"), and a line that the article repeats further on.

    Pages print the headline as the page title, the heading and the share text; a caption or a
    pull quote comes once in the article and again in a gallery or a teaser. The body's copy
    stays, so the text keeps every word; the copies above it go. "Above" is before the first
    prose line, a place that removing lines above it does not move: cleaning again finds the
    same echoes.

    Before::

        Jens Stoltenberg speaks in Brussels    <- the article repeats it further on: removed
        NATO allies meet in Prague             <- the headline: moved into ``title`` by MET003
        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        Jens Stoltenberg speaks in Brussels
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        Jens Stoltenberg speaks in Brussels
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    With ``title`` already known ("NATO allies meet in Prague", as ``cleaner validate``
    passes it), a first line "NATO allies meet in Prague - The Daily" is removed the same way.

    A paragraph of prose (twelve words or more) above the article body that is printed again
    further on -- a gallery repeating the story's captions above it -- goes; the copies inside
    the body stay (or the first, when none is inside), and so do copies below it.

    Leaves alone: every other line from the first prose line on (a product list repeats its
    features, an article may repeat its headline, an embedded post's attribution line may come twice),
    lines above it that the article does not repeat, lines of one or two words (a repeated "Share" or "Advertisement" is
    for the rules that know it), and lines that differ in any word.
    """

    code = "NAV012"
    name = "chrome.repeated-line"
    summary = "Remove echoes of the article above it: the headline with the site name, lines the article repeats."
    stage = Stage.LINES
    action = Action.REMOVED

    def edits(self, doc: DocView) -> Iterable[Edit]:
        # "Above the article" is before its first line of prose: a place that removing lines
        # above it does not move, so cleaning the text again finds the same echoes.
        first_prose = next((i for i, text in enumerate(doc.stripped) if line_shape(text)[1]), None)
        if first_prose is None:
            return
        title = doc.fields.get("title")
        title_key = _line_key(title) if isinstance(title, str) and word_count(title) >= 3 else ""
        above: dict[str, list[int]] = {}
        for index in range(first_prose):
            text = doc.stripped[index]
            if word_count(text) < 3:
                continue
            key = _line_key(text)
            if title_key and _echoes_title(key, title_key):
                yield Remove(index)
            else:
                above.setdefault(key, []).append(index)
        yield from self._repeated_paragraphs(doc, first_prose)
        if not above:
            return
        # A line above the article that the article holds too is an echo of it.
        for index in range(first_prose, len(doc.stripped)):
            text = doc.stripped[index]
            if word_count(text) >= 3:
                yield from (Remove(i) for i in above.pop(_line_key(text), ()))
                if not above:
                    return

    def _repeated_paragraphs(self, doc: DocView, first_prose: int) -> Iterable[Edit]:
        """A paragraph of prose printed above the article body (a gallery's caption, a teaser
        of the story itself) that is printed again further on: the copies above the body go
        when another copy stays (every copy inside the body, else the first)."""
        copies: dict[str, list[int]] = {}
        for index in range(first_prose, len(doc.stripped)):
            text = doc.stripped[index]
            words, prose = line_shape(text)
            if prose and words >= MIN_REPEATED_PARAGRAPH_WORDS:
                copies.setdefault(_line_key(text), []).append(index)
        span = doc.article
        for indices in copies.values():
            if len(indices) < 2:
                continue
            inside = [i for i in indices if span is not None and span[0] <= i <= span[1]]
            keep = set(inside) or {indices[0]}
            yield from (Remove(i) for i in indices if i not in keep and (span is None or i < span[0]))


class EndMark(PhraseRule):
    """Remove a wire service's end-of-story mark ("(END)", "-30-", "###", "/END/", "(끝)").

    News agencies end a story with a mark that scrapers keep as a line of its own. The marks in
    brackets or between dashes count anywhere; a bare "END" or "ENDS" only above or below the
    article body.

    Before::

        ... the summit held in Prague.
        (END)

    After::

        ... the summit held in Prague.

    Leaves alone: "End" or "The end" inside the body (a chapter of a serial, a quote) and
    sentences that mention an end. Data: ``[NAV011]`` in ``packs/chrome.toml``.
    """

    code = "NAV011"
    name = "chrome.end-mark"
    summary = "Remove wire-service end marks such as '(END)', '-30-' and '###'."
    where = "anywhere"
    boundary = True
