"""Metadata lines: headline, dateline and reporter e-mail move from the text into record fields.

Nothing found here is thrown away: the line leaves the text and its content goes into
``title``, ``published`` or ``authors``, with an ``extracted`` change that keeps the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..text.dates import DateParser
from .base import Action, Edit, Extract, LineRule, Options, Stage, Verdict
from .context import units_past_edge
from .phrases import phrase_key
from ..text.shape import in_capitals, looks_like_headline, word_count
from .view import DocView

#: A machine timestamp ("2019-11-19T08:57:40+01:00") is never a timeline entry.
_ISO_TIMESTAMP = re.compile(r"\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class DatelineOptions(Options):
    """``[MET001]`` settings of :class:`Dateline`."""

    prefixes: tuple[str, ...] = ()


class Dateline(LineRule):
    """Move a dateline into ``published`` (ISO 8601, keeping the source's precision).

    Before::

        Posted November. 25, 2002 23:02,
        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    After: the line is gone; ``published`` is ``2002-11-25T23:02`` (no timezone invented).

    Only a line that is a date and nothing else counts. With a prefix ("Posted", "Updated") it
    counts anywhere, and so does a machine timestamp ("2019-11-19T08:57:40+01:00"); a bare
    date only above or below the article body.

    Leaves alone: dates inside sentences, and a bare date line between paragraphs of the body
    (a timeline entry). Month names, prefixes and zones: ``packs/metadata.toml``.
    """

    code = "MET001"
    Options = DatelineOptions
    name = "metadata.dateline"
    summary = "Move a dateline ('Posted November. 25, 2002 23:02') into published."
    stage = Stage.LINES
    action = Action.EXTRACTED
    certain = True

    def setup(self) -> None:
        packs = self.packs
        months_by_lang = packs.dataset("months") if packs else {}
        months: dict[str, int] = {}
        for names in months_by_lang.values():
            for i, spelled in enumerate(names, 1):
                for variant in (spelled if isinstance(spelled, list) else [spelled]):
                    months[variant] = i
        prefixes = list(self.options.prefixes)
        zones = dict(packs.dataset("timezones")) if packs else {}
        weekdays = [w for names in (packs.dataset("weekdays").values() if packs else []) for w in names]
        self.parser = DateParser.build(months, prefixes, zones, weekdays)
        self.prefix = re.compile("^(?:" + "|".join(re.escape(p) for p in prefixes) + r")\b", re.IGNORECASE) if prefixes else None

    def may_match(self, text: str) -> bool:
        return len(text) <= 120 and _DIGIT.search(text) is not None and self.parser.parse(text) is not None

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if len(line) > 120 or _DIGIT.search(line) is None:
            return None
        iso = self.parser.parse(line)
        if iso is None:
            return None
        prefixed = self.prefix is not None and self.prefix.match(line.strip()) is not None
        if not prefixed and not doc.at_edge(index) and not _ISO_TIMESTAMP.match(line):
            return None
        return Verdict("published", iso)


@dataclass(frozen=True)
class ReporterEmailOptions(Options):
    """``[MET002]`` settings of :class:`ReporterEmail`."""

    labels: tuple[str, ...] = ()
    #: Words between a name and the address ("Write to Al Root at ..."), tried in this order.
    words_before_address: tuple[str, ...] = ()


class ReporterEmail(LineRule):
    """Move a reporter's e-mail line into ``authors``.

    Before::

        ... the summit held in Prague.
        yshwang@donga.com

    After: the line is gone; ``authors`` holds ``{"email": "yshwang@donga.com"}``. A name on
    the same line ("Hwang Yoo-sun yshwang@donga.com", "By Jane Roe, jane@x.com") goes into
    ``name``.

    A contact tagline ending the article -- it opens with the name the e-mail spells and gives a
    phone number or a handle too ("Maria Keller covers transport. Reach her at
    maria.keller@example.com, 555-201-3344 or @mkeller.") -- goes into ``authors`` the same way.

    Leaves alone: an address inside a sentence ("Send tips to tips@example.com.") and e-mail
    lines inside the body.
    """

    code = "MET002"
    Options = ReporterEmailOptions
    needs = ("MET004",)  # its titles and roles end a name
    name = "metadata.reporter-email"
    summary = "Move a reporter e-mail line (yshwang@donga.com) into authors."
    stage = Stage.LINES
    action = Action.EXTRACTED
    certain = True

    def setup(self) -> None:
        labels = self.options.labels
        self.label = re.compile(r"^\s*(?:" + "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True)) + r")(?![^\W_])\s*[:：]?\s*", re.IGNORECASE) if labels else None
        # A name may carry a title after it ("Hong Gil-dong 기자", "Jane Roe, Staff Writer").
        byline = self.peers["MET004"].options
        titles = list(byline.titles_after) + list(byline.roles)
        self.title = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)) + r")\s*$", re.IGNORECASE) if titles else None
        # "Write to Al Root at al.root@example.com": the name sits between a label and "at".
        before_at = "|".join(re.escape(w) for w in self.options.words_before_address)
        self.trailing_at = re.compile(rf"\s+(?:{before_at})\s*$", re.IGNORECASE) if before_at else None

    def may_match(self, text: str) -> bool:
        return "@" in text and len(text) <= _MAX_TAGLINE_CHARS

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if "@" not in line or len(line) > _MAX_TAGLINE_CHARS:
            return None
        emails = _EMAIL.findall(line)
        if len(emails) != 1:
            return None
        if len(line) > 120:
            return self._tagline(line, emails[0].rstrip("."), doc, index)
        email = emails[0].rstrip(".")
        rest = line.replace(emails[0], " ")
        if self.label is not None:
            rest = self.label.sub("", rest)
        # Separators become spaces; a hyphen inside a name (Yoo-sun) stays.
        rest = re.sub(r"(?<![^\W\d_])-(?![^\W\d_])|[\s,;:()<>\[\]|/·•=–—]+", " ", rest).strip(" .")
        if self.label is not None:
            rest = self.label.sub("", rest).strip()
        if self.trailing_at is not None:
            rest = self.trailing_at.sub("", rest).strip()
        if self.title is not None:
            rest = self.title.sub("", rest).strip(" ,.")
        if len(rest.split()) > 5 or any(ch.isdigit() for ch in rest):
            return None
        if rest and not doc.at_edge(index):
            return None
        if rest and not _looks_like_name(rest):
            return None  # "Email us at news@example.com" is a contact line, not a byline
        author: dict[str, Any] = {"name": rest, "email": email} if rest else {"email": email}
        return Verdict("authors", author)

    def _tagline(self, line: str, email: str, doc: DocView, index: int) -> Verdict | None:
        """A reporter's contact tagline at the article's end ("Maria Keller covers transport.
        Reach her at maria.keller@example.com, 555-201-3344 or @mkeller."): it opens with the
        name the e-mail spells and gives another contact (a phone number, a handle)."""
        span = doc.article
        if span is not None and index < span[1]:
            return None  # only the article's last line, or below it
        rest = line.replace(email, " ")
        if not (_PHONE.search(rest) or _HANDLE.search(rest)):
            return None
        words = line.split()
        for size in (2, 3):
            name = " ".join(words[:size]).strip(",.;:")
            if _looks_like_name(name) and _spells(email, name):
                return Verdict("authors", {"name": name, "email": email})
        return None


#: A contact tagline is a sentence or two, longer than an e-mail line.
_MAX_TAGLINE_CHARS = 300
#: A phone number (seven digits or more, with the usual separators) and a social handle.
_PHONE = re.compile(r"(?<![\w.])\+?\(?\d[\d ().-]{5,16}\d(?!\w)")
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{2,30}(?![\w.@])")


_TOKEN = re.compile(r"\w+")


_LABEL_COLON = re.compile(r"\w[:：]\s")


def _reads_as_title(line: str) -> bool:
    """Words of a headline, not a dateline, a place, an agency or a caption label.

    >>> _reads_as_title("China, NATO to Enter into Strategic Talks Next Year")
    True
    >>> [_reads_as_title(t) for t in ("BAAR, SWITZERLAND", "Associated Press", "November 20, 2019 - 11:28 AMT")]
    [False, False, False]
    >>> _reads_as_title("Tested by: John Milbank RRP: £23.99 More info: www.example.co.uk")
    False
    """
    if "@" in line or not any(ch.isalpha() for ch in line):
        return False
    tokens = _TOKEN.findall(line)
    if word_count(line) < 3 or sum(t.isdigit() for t in tokens) >= 0.3 * len(tokens):
        return False
    if line.isupper() and len(tokens) <= 4:
        return False  # "WASHINGTON", "BAAR, SWITZERLAND": a dateline's place
    if len(_LABEL_COLON.findall(line)) >= 2:
        return False  # "Tested by: ... Price: ...": a row of labelled facts, not a headline
    return "caption" not in line.casefold()


class Headline(LineRule):
    """Move the headline into ``title``: the first line, when it reads as a title above the body.

    Before::

        China, NATO to Enter into Strategic Talks Next Year
        Posted November. 25, 2002 23:02,
        China will hold a strategic dialogue with ...

    After: the line is gone; ``title`` is "China, NATO to Enter into Strategic Talks Next Year".

    The first line counts when it is followed directly by prose (chrome and datelines are gone
    by the time this rule runs; so does the line right above the body when all above it is
    chrome that ``chrome.edge-run`` removes), or when it is a page title above the article's chrome
    ("China, NATO to Enter into Strategic Talks | Example News", as HTML-to-text extractors
    write the page's ``<title>`` first; the same headline standing again above the body goes
    too). A site name after " | " (in a page title also " - " or " – ") stays out of the
    title. Both make the rule idempotent: once the headline is gone, the first line is prose or
    chrome, which is neither.

    Leaves alone: a first line that is a full sentence (a dek or standfirst such as "According
    to Beijing, China is committed to global peace." stays in the text), a first line not
    followed by prose and without a site name, a line of fewer than three words, a place in
    capitals, a line mostly of numbers, a row of labelled facts ("Price: ... Tested by: ..."),
    and any line after the first. In OCR / hard-wrapped text it judges the paragraphs the layout
    stage unwrapped, exactly as it would judge them in the record's text, so cleaning is
    idempotent.
    """

    code = "MET003"
    needs = ("NAV003",)  # its walk past the edge finds the headline above the body
    name = "metadata.headline"
    summary = "Move the headline line above the body into title; a full-sentence dek stays."
    stage = Stage.LINES
    action = Action.EXTRACTED

    #: What separates a page title from the site's name, most specific first.
    SITE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ", " // ")

    def setup(self) -> None:
        self.edge_run = self.peers["NAV003"]

    def edits(self, doc: DocView) -> Iterable[Edit]:
        if not len(doc) or doc.fields.get("title"):
            return
        verdict = self.judge(doc.text(0), doc, 0)
        if verdict is None:
            yield from self._above_the_body(doc)
            return
        yield Extract(0, "title", verdict.value)
        # The page title names the headline that stands again above the body: it goes too.
        key = phrase_key(verdict.value)
        for unit in doc.units[1:]:
            if doc.article_zone(unit.start) != "top":
                break
            if unit.start == unit.end and phrase_key(unit.text) == key:
                yield Extract(unit.start, "title", verdict.value)

    def _above_the_body(self, doc: DocView) -> Iterable[Edit]:
        """The headline right above the body when everything above it is chrome that
        ``chrome.edge-run`` removes: once that is gone, it is the first line (so a second
        cleaning finds nothing more to move)."""
        span = doc.article
        if span is None or not self.edge_run.enabled:
            return
        first = doc.unit_of[span[0]]
        if first < 1:
            return
        unit = doc.units[first - 1]
        if unit.start != unit.end or unit.prose or not looks_like_headline(unit.text) or not _reads_as_title(unit.text):
            return
        chrome = set(units_past_edge(doc.units, first, doc.unit_of[span[1]], self.edge_run.options))
        if all(u in chrome for u in range(first - 1)):
            yield Extract(unit.start, "title", self._without_site_name(unit.text.strip()))

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if index != 0 or doc.fields.get("title") or len(doc) < 2:
            return None
        units = doc.units
        if units[0].end != 0 or units[0].prose or not looks_like_headline(line):
            return None
        if not _reads_as_title(line):
            return None
        title = line.strip()
        if units[1].prose:
            return Verdict("title", self._without_site_name(title))
        if doc.article is None or doc.article_zone(0) != "top":
            return None
        page_title = self._without_site(title)
        if page_title is None or word_count(page_title) < 3:
            return None
        return Verdict("title", page_title)

    @classmethod
    def _without_site_name(cls, title: str) -> str:
        """An on-page headline without a trailing site name: after " | " always; after a dash
        only when what follows reads as a name ("- The New York Times", "- CBSSports.com"),
        so "Brexit - what it means" keeps its dash."""
        if " | " in title:
            return max((p.strip() for p in title.split(" | ")), key=len)
        for sep in (" - ", " – ", " — "):
            head, found, tail = title.rpartition(sep)
            if found and head.strip():
                words = tail.split()
                if 1 <= len(words) <= 5 and all(w[:1].isupper() or "." in w or w.lower() in ("of", "the", "and", "&") for w in words):
                    return head.strip()
        return title

    @classmethod
    def _without_site(cls, title: str) -> str | None:
        """The title without a site name at either end, or ``None`` when it names none."""
        for sep in cls.SITE_SEPARATORS:
            if sep in title:
                if sep == " | ":
                    parts = [p.strip() for p in title.split(sep) if p.strip()]
                else:
                    head, _, tail = title.rpartition(sep)
                    parts = [head.strip(), tail.strip()]
                return max(parts, key=len) if parts else None
        return None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted({w for w in words if isinstance(w, str) and w}, key=len, reverse=True))


#: One word of a personal name: capitalised (or all caps), perhaps with an initial's dot,
#: an apostrophe or a hyphen (O'Neil, Jean-Luc, J.).
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ\u0391-\u03a9\u0400-\u042f][\w'’.\-]*", re.UNICODE)
#: Lower-case words inside names ("Ludwig van Beethoven", "Maria da Silva").
_NAME_PARTICLES = frozenset("de da do dos das del della di du van von der den ter la le bin binti al el ibn y e".split())
#: A name in a script without capitals: Hangul, Han, Kana, Arabic, Hebrew, Thai, Devanagari.
_UNCASED_NAME = re.compile(r"[\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff\u0600-\u06ff\u0590-\u05ff\u0e00-\u0e7f\u0900-\u097f·・ ]{2,24}")
_NAME_JOINERS = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\be\b|\by\b|\bdan\b|\ben\b|\bog\b|\boch\b|\bи\b|·|、|/)\s*")


def _looks_like_name(text: str) -> bool:
    """A personal name: capitalised words (particles allowed), or a name in a script without
    capitals.

    >>> _looks_like_name("Hwang Yoo-sun"), _looks_like_name("us"), _looks_like_name("정덕현")
    (True, False, True)
    """
    if _UNCASED_NAME.fullmatch(text):
        return True
    words = text.split()
    return 1 <= len(words) <= 5 and all(_NAME_WORD.fullmatch(w) or w in _NAME_PARTICLES for w in words) \
        and words[0] not in _NAME_PARTICLES


@dataclass(frozen=True)
class BylineOptions(Options):
    """``[MET004]`` settings of :class:`Byline`."""

    labels: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    titles_after: tuple[str, ...] = ()
    #: Capitalised words that start phrases, not names ("Then", "Today").
    not_names: tuple[str, ...] = ()


class Byline(LineRule):
    """Move a byline ("By Jane Roe and John Doe", "Por Ana Silva", "홍길동 기자") into ``authors``.

    A label (By, Por, Von, Oleh, ...) followed by one to four personal names -- capitalised
    words, or a name in a script without capitals -- perhaps followed by a role after a comma
    or a bar ("By Jane Roe, Staff Writer | Reuters"); or names without a label but with a role
    ("Jane Roe and John Doe, Associated Press"). Korean and Japanese bylines put a title after
    the name ("홍길동 기자"). Each name becomes one ``authors`` entry.

    Before::

        By Jane Roe and John Doe
        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    After: the line is gone; ``authors`` holds ``{"name": "Jane Roe"}`` and
    ``{"name": "John Doe"}``.

    Only above or below the article body (a byline is never between paragraphs).

    Leaves alone: "By the way", "By Monday the plan was dead." and other lines whose words are
    not names (a word in lower case, a month or a weekday, a sentence's end), and any line
    inside the body. Labels and roles: ``[MET004]`` in ``packs/metadata.toml``.
    """

    code = "MET004"
    Options = BylineOptions
    name = "metadata.byline"
    summary = "Move a byline ('By Jane Roe', 'Por Ana Silva', '홍길동 기자') into authors."
    stage = Stage.LINES
    action = Action.EXTRACTED

    def setup(self) -> None:
        labels = _alternation(list(self.options.labels))
        roles = _alternation(list(self.options.roles))
        titles = _alternation(list(self.options.titles_after))
        self.labelled = re.compile(rf"\s*(?:{labels})\s*[:：]?\s+(?P<names>.+)", re.IGNORECASE) if labels else None
        self.role_tail = re.compile(rf"\s*(?:[,|/•·–—-]|\bof\b|\bfor\b)\s*(?:the\s+)?(?:{roles})\b.*$", re.IGNORECASE) if roles else None
        self.titled = re.compile(rf"\s*[\[(（【]?\s*(?P<names>[^\W\d_][^\[\]()（）【】]{{0,30}}?)\s*(?:{titles})\s*[\])）】]?\s*", re.UNICODE) if titles else None
        packs = self.packs
        words: set[str] = set()
        if packs:
            for names in packs.dataset("months").values():
                for entry in names:
                    words.update(v.casefold() for v in (entry if isinstance(entry, list) else [entry]))
            for names in packs.dataset("weekdays").values():
                words.update(w.casefold() for w in names)
        # Capitalised words that start phrases, not names.
        words.update(w.casefold() for w in self.options.not_names)
        self.not_names = frozenset(words)

    def names(self, line: str) -> list[str] | None:
        """The names of a byline, or ``None`` when the line is not one."""
        stripped = line.strip()
        if len(stripped) > 120 or any(ch.isdigit() for ch in stripped) or "@" in stripped:
            return None
        m = self.labelled.fullmatch(stripped) if self.labelled is not None else None
        if m is None and self.titled is not None:
            m = self.titled.fullmatch(stripped)
        if m is not None:
            text = m.group("names")
            if self.role_tail is not None:
                text = self.role_tail.sub("", text)
        else:
            # No label: names followed by a role ("Jane Roe, Associated Press").
            if self.role_tail is None:
                return None
            text = self.role_tail.sub("", stripped)
            if text == stripped:
                return None
        text = text.strip(" .,;:|")
        if not text or text[-1] in "!?":
            return None
        names = [n.strip(" .") for n in _NAME_JOINERS.split(text) if n.strip(" .")]
        if not 1 <= len(names) <= 4 or not all(self._is_name(n) for n in names):
            return None
        return names

    def _is_name(self, name: str) -> bool:
        if _UNCASED_NAME.fullmatch(name):
            return True
        words = name.split()
        if not 1 <= len(words) <= 5:
            return False
        if words[0].casefold().strip(".") in self.not_names:
            return False
        if not all(_NAME_WORD.fullmatch(w) or w in _NAME_PARTICLES for w in words) or words[0] in _NAME_PARTICLES:
            return False
        return any(w[0].isupper() and len(w.strip(".")) >= 2 for w in words)

    def may_match(self, text: str) -> bool:
        return self.names(text) is not None

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if doc.article_zone(index) == "body":
            return None
        names = self.names(line)
        if names is None:
            return None
        above = doc.neighbour(index, -1) or ""
        if doc.layout and len(names) == 1 and len(names[0].split()) == 1 and in_capitals(above) and not any(ch.isdigit() for ch in above):
            return None  # print: "By Spinster" under a headline in capitals is part of the headline
        return Verdict("authors", [{"name": n} for n in names])


def _anchor(phrase: str) -> str:
    """What every line holding ``phrase`` (in any case) holds in lower case: its longest word,
    or the whole phrase when that word is too short to select anything (the "c" of "(c)")."""
    low = phrase.lower()
    word = max(re.findall(r"\w+", low) or [""], key=len)
    return word if len(word) >= 3 else low


@dataclass(frozen=True)
class CopyrightOptions(Options):
    """``[MET005]`` settings of :class:`Copyright`."""

    starts: tuple[str, ...] = ()
    rights: tuple[str, ...] = ()


class Copyright(LineRule):
    """Move a copyright line into ``credits`` (kind ``copyright``).

    A line that starts with ©, (c) or "Copyright" followed by a year or a name, or that says
    "All rights reserved" (in many languages), at most 300 characters.

    Before::

        ... the summit held in Prague.
        © 2019 The Associated Press. All rights reserved.

    After: the line is gone; ``credits`` holds ``{"kind": "copyright", "text": "© 2019 The
    Associated Press. All rights reserved."}``.

    Leaves alone: "Copyright holders sued the company on Monday, the court said." (no year, no
    ©, a sentence), sentences that use a rights phrase further on ("The court ruled that the
    agency's photos may not be reproduced without consent.") and long paragraphs that mention
    rights. Data: ``[MET005]`` in
    ``packs/metadata.toml``.
    """

    code = "MET005"
    Options = CopyrightOptions
    name = "metadata.copyright"
    summary = "Move copyright lines ('© 2019 Reuters. All rights reserved.') into credits."
    stage = Stage.LINES
    action = Action.EXTRACTED
    certain = True

    context_free = True

    def setup(self) -> None:
        starts = _alternation(list(self.options.starts))
        rights = _alternation(list(self.options.rights))
        self.start = re.compile(rf"\s*(?:{starts})", re.IGNORECASE) if starts else None
        self.rights = re.compile(rights, re.IGNORECASE) if rights else None
        self.symbol_or_year = re.compile(r"[©ⓒ]|\(c\)|\b(?:1[89]|20)\d\d\b", re.IGNORECASE)
        self.mark = re.compile(r"[©ⓒ]|\(c\)|\bcopyright\b", re.IGNORECASE)
        # Every phrase holds its anchor: a line without any of them cannot match, and testing
        # a few substrings is far cheaper than the alternation of every phrase.
        phrases = list(self.options.starts) + list(self.options.rights)
        self.anchors = tuple(sorted({_anchor(p) for p in phrases if p}, key=len, reverse=True))

    def _marked(self, text: str) -> bool:
        return self.mark.search(text) is not None or (self.start is not None and self.start.match(text) is not None)

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        stripped = line.strip()
        if len(stripped) > 300:
            return None
        low = stripped.lower()
        for anchor in self.anchors:
            if anchor in low:
                break
        else:
            return None
        rights = self.rights.search(stripped) if self.rights is not None else None
        if rights is not None and (self._marked(stripped) or word_count(stripped[:rights.start()]) <= 5 or word_count(stripped) <= 12):
            # The rights phrase is the line (or follows a copyright mark), not words of a
            # longer sentence ("The court ruled the photos may not be reproduced without ...").
            return Verdict("credits", {"kind": "copyright", "text": stripped})
        if self.start is None or not self.start.match(stripped):
            return None
        rest = self.start.sub("", stripped, count=1).strip(" ©.,:")
        if not any(ch.isalnum() for ch in rest):
            return None  # a bare "Copyright" is a footer link, not a credit
        if self.symbol_or_year.search(stripped[:60]) or (word_count(stripped) <= 8 and not stripped.endswith(".")):
            return Verdict("credits", {"kind": "copyright", "text": stripped})
        return None


@dataclass(frozen=True)
class PhotoCreditOptions(Options):
    """``[MET006]`` settings of :class:`PhotoCredit`."""

    labels: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    #: Stock agencies whose bare name is a credit (a wire agency's bare name may be a byline).
    stock_agencies: tuple[str, ...] = ()


class PhotoCredit(LineRule):
    """Move a photo credit line into ``credits`` (kind ``photo``).

    "Photo: Jane Roe / AP", "Image copyright EPA", "Photo by Jane Roe", "AP Photo/Jane Roe",
    "(Getty Images)", "Jane Roe/Reuters", "사진=연합뉴스", "Foto: Reprodução/Instagram".

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        Photo: Jane Roe / AP
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    After: the line is gone; ``credits`` holds ``{"kind": "photo", "text": "Photo: Jane Roe / AP"}``.

    Leaves alone: sentences about photos ("Photo by photo, the exhibition tells her story.") --
    a credit names at most twelve words and is not a sentence -- and a bare wire agency name
    ("Reuters", a byline). Labels and agencies: ``[MET006]`` in ``packs/metadata.toml``.
    """

    code = "MET006"
    Options = PhotoCreditOptions
    name = "metadata.photo-credit"
    summary = "Move photo credits ('Photo: Jane Roe / AP', 'Getty Images') into credits."
    stage = Stage.LINES
    action = Action.EXTRACTED
    certain = True

    def setup(self) -> None:
        labels = _alternation(list(self.options.labels))
        agencies = _alternation(list(self.options.agencies))
        self.stock = frozenset(a.casefold() for a in self.options.stock_agencies)
        who = r"(?:[^.!?。！？]|\.(?=\s*[A-Z/]))(?:[^.!?。！？]|\.(?=\s*[A-Z/])){0,99}?[.]?"  # "Gene J. Puskar"
        forms = []
        if labels:
            forms.append(rf"(?:{labels})\s*(?:credit|by|courtesy(?:\s+of)?|source|copyright|©)?\s*[:：=/|]\s*{who}")
            forms.append(rf"(?:{labels})\s+(?:by|courtesy(?:\s+of)?|copyright|credit|©)\s+{who}")
        if agencies:
            forms.append(rf"(?:[\w.'’\-]+(?:\s+[\w.'’\-]+){{0,3}}\s*/\s*)?(?:{agencies})(?:\s*(?:/|via|for)\s*[^()]{{1,80}})?")
        body = "|".join(f"(?:{f})" for f in forms)
        self.credit = re.compile(rf"\s*[\[(]?\s*(?:{body})\s*[\])]?\s*", re.IGNORECASE) if body else None
        # "Jane Roe, ASSOCIATED PRESS", "JANE ROE, FUTURISM": a name, a comma, an agency or an
        # organisation in capitals (the latter only above or below the article).
        name = r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,3}"
        self.named_agency = re.compile(rf"\s*{name}\s*,\s*(?:{agencies})\s*", re.IGNORECASE) if agencies else None
        self.named_caps = re.compile(rf"\s*{name}\s*,\s*[A-Z][A-Z&.\-]{{2,}}(?:\s+[A-Z][A-Z&.\-]{{1,}}){{0,3}}\s*")

    def may_match(self, text: str) -> bool:
        stripped = text.strip()
        if self.credit is None or len(stripped) > 160:
            return False
        return self.credit.fullmatch(stripped) is not None or ("," in stripped and (
            (self.named_agency is not None and self.named_agency.fullmatch(stripped) is not None)
            or self.named_caps.fullmatch(stripped) is not None))

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        stripped = line.strip()
        if self.credit is None or len(stripped) > 160 or word_count(stripped) > 14:
            return None
        if stripped.endswith(".") and word_count(stripped) >= 6 and sum(w[:1].islower() for w in stripped.split()) >= 3:
            return None  # a sentence ("Photo by photo, the exhibition tells her story.")
        if not self.credit.fullmatch(stripped):
            if "," in stripped and ((self.named_agency is not None and self.named_agency.fullmatch(stripped))
                                    or (doc.article_zone(index) != "body" and self.named_caps.fullmatch(stripped))):
                return Verdict("credits", {"kind": "photo", "text": stripped})
            return None
        bare = stripped.strip("()[] ").casefold()
        if "/" not in stripped and ":" not in stripped and "=" not in stripped and " by " not in f" {bare} " \
                and "copyright" not in bare and "©" not in bare and "courtesy" not in bare and bare not in self.stock:
            return None  # "Reuters" alone is a byline or a dateline, not surely a photo credit
        return Verdict("credits", {"kind": "photo", "text": stripped})


@dataclass(frozen=True)
class CaptionOptions(Options):
    """``[MET007]`` settings of :class:`Caption`."""

    labels: tuple[str, ...] = ()
    #: Words that make a bracketed credit at a line's end ("(Photo: ...)"), tried in this order.
    photo_words: tuple[str, ...] = ()
    #: Patterns of a credit ending a caption without brackets ("... Credit: Jane Roe/Agency").
    credit_tails: tuple[str, ...] = ()


class Caption(LineRule):
    """Move a photo caption into ``captions``: a line that ends with a photo credit in brackets
    or after its last sentence ("... on Monday. Credit: Jane Roe/The Daily", "... on Monday.
    © Agency / Jane Roe", "... Photograph by Jane Roe/Agency"), starts with a caption label,
    or is an AP-style caption ("FILE - In this Nov. 19, 2019, file photo, ...").

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        Jens Stoltenberg speaks in Brussels on Monday. (AP Photo/Jane Roe)
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    After: the line is gone; ``captions`` holds "Jens Stoltenberg speaks in Brussels on
    Monday. (AP Photo/Jane Roe)". A caption label is not part of the caption ("Image caption:
    Jens Stoltenberg in Brussels" gives "Jens Stoltenberg in Brussels").

    Above or below the article, a line with AP-style position words ("Jane Roe, left, speaks
    with John Doe") is a caption too.

    Leaves alone: sentences that end with a source in brackets that is not a photo credit
    ("... the ministry said. (Reuters)"), prose mentioning photos, and position words inside
    the body. Labels: ``[MET007]`` in
    ``packs/metadata.toml``; agencies: ``[MET006] agencies``.
    """

    code = "MET007"
    Options = CaptionOptions
    needs = ("MET006",)  # its agencies make a credit tail
    name = "metadata.caption"
    summary = "Move photo captions ('... (AP Photo/Jane Roe)', 'Image caption ...') into captions."
    stage = Stage.LINES
    action = Action.EXTRACTED
    certain = True

    def setup(self) -> None:
        labels = _alternation(list(self.options.labels))
        agencies = _alternation(list(self.peers["MET006"].options.agencies))
        photo = "(?:" + "|".join(re.escape(w) for w in self.options.photo_words) + ")"
        agency_credit = rf"(?:{agencies})\s*(?:photo|images?|pool|picture|file|/|via)" if agencies else photo
        self.credit_tail = re.compile(rf"\((?:{agency_credit}|{photo}\b)[^()]{{0,80}}\)\s*$", re.IGNORECASE)
        self.label = re.compile(rf"\s*(?:{labels})\s*[:：]\s*\S", re.IGNORECASE) if labels else None
        # AP-style position words ("Jane Roe, left, and John Doe speak ..."): only outside the body.
        self.position_words = re.compile(r",\s+(?:left|right|center|centre|second\s+(?:left|right)|from\s+(?:left|right)|top|bottom|foreground|background)\s*,", re.IGNORECASE)
        self.tails = re.compile("|".join(f"(?:{p})" for p in self.options.credit_tails)) if self.options.credit_tails else None
        self.ap_style = re.compile(r"\s*(?:FILE\s*[-–—]\s*)?In this (?:[^,]{0,60},\s*)?(?:\d{4},?\s*)?(?:file\s+)?(?:photo|image|photograph|picture|frame grab|handout photo|video image)\b", re.IGNORECASE)

    def may_match(self, text: str) -> bool:
        stripped = text.strip()
        if len(stripped) > 600 or len(stripped) < 12:
            return False
        return (stripped.endswith(")") and self.credit_tail.search(stripped) is not None) \
            or (self.label is not None and self.label.match(stripped) is not None) \
            or self.ap_style.match(stripped) is not None or self.position_words.search(stripped) is not None \
            or self._credit_tail(stripped)

    def _credit_tail(self, stripped: str) -> bool:
        return self.tails is not None and self.tails.search(stripped) is not None

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        stripped = line.strip()
        if len(stripped) > 600 or len(stripped) < 12:
            return None
        labelled = self.label is not None and self.label.match(stripped)
        if labelled:  # the caption without its label ("Image caption: ...")
            return Verdict("captions", stripped[labelled.end() - 1:])
        if (stripped.endswith(")") and self.credit_tail.search(stripped)) or self.ap_style.match(stripped) \
                or self._credit_tail(stripped):
            return Verdict("captions", stripped)
        if doc.article_zone(index) != "body" and self.position_words.search(stripped):
            return Verdict("captions", stripped)
        return None


@dataclass(frozen=True)
class ContributorLineOptions(Options):
    """``[MET008]`` settings of :class:`ContributorLine`."""

    patterns: tuple[str, ...] = ()


class ContributorLine(LineRule):
    """Move contributor and agency credit lines into ``credits`` (kind ``contributors``):
    "Jane Roe contributed reporting from Hong Kong.", "Reporting by Jane Roe; Editing by John
    Doe", "With AFP", "Com informações da Reuters".

    Before::

        ... the summit held in Prague.
        Jane Roe contributed reporting from Brussels.

    After: the line is gone; ``credits`` holds ``{"kind": "contributors", "text": "Jane Roe
    contributed reporting from Brussels."}``.

    Leaves alone: sentences in which someone contributed something else ("She contributed to
    the fund in 2019.") -- the patterns must match the whole line. Patterns: ``[MET008]`` in
    ``packs/metadata.toml``.
    """

    code = "MET008"
    Options = ContributorLineOptions
    name = "metadata.contributor-line"
    summary = "Move contributor lines ('Jane Roe contributed reporting', 'Reporting by ...') into credits."
    stage = Stage.LINES
    action = Action.EXTRACTED
    certain = True

    context_free = True

    def setup(self) -> None:
        from .phrases import compile_patterns

        self.pattern = compile_patterns(self.options.patterns, f"[{self.code}]")

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        stripped = line.strip().strip("()[]—–- ").strip()
        if self.pattern is None or len(stripped) > 300 or not stripped:
            return None
        if self.pattern.fullmatch(stripped):
            return Verdict("credits", {"kind": "contributors", "text": line.strip()})
        return None


def merge_split_authors(authors: list[dict[str, str]]) -> list[dict[str, str]]:
    """One person found twice -- a byline's name and, elsewhere, an e-mail without a name --
    becomes one entry, when the e-mail's local part spells that name (``maria.keller``,
    ``mkeller``, ``keller.m`` for Maria Keller) and no other name fits it; a bare name that
    stands elsewhere with its e-mail (a byline and a tagline) is not kept twice.

    >>> merge_split_authors([{"name": "Maria Keller"}, {"email": "maria.keller@example.com"}])
    [{'name': 'Maria Keller', 'email': 'maria.keller@example.com'}]
    >>> merge_split_authors([{"name": "Maria Keller"}, {"email": "desk@example.com"}])
    [{'name': 'Maria Keller'}, {'email': 'desk@example.com'}]
    >>> merge_split_authors([{"email": "mkeller@x.org"}, {"name": "Maria Keller", "email": "mkeller@x.org"}, {"name": "Maria Keller"}])
    [{'name': 'Maria Keller', 'email': 'mkeller@x.org'}]
    """
    names = [i for i, a in enumerate(authors) if set(a) == {"name"}]
    merged = [dict(a) for a in authors]
    dropped: set[int] = set()
    for i, author in enumerate(authors):
        if set(author) != {"email"}:
            continue
        fits = [n for n in names if _spells(author["email"], authors[n]["name"]) and "email" not in merged[n]]
        if len(fits) == 1:
            merged[fits[0]]["email"] = author["email"]
            dropped.add(i)
    with_email = {a["name"] for a in merged if "name" in a and "email" in a}
    out: list[dict[str, str]] = []
    for i, author in enumerate(merged):
        if i in dropped or author in out:  # merging may make an entry found elsewhere too
            continue
        if set(author) == {"name"} and author["name"] in with_email:
            continue  # the same name with its e-mail is there (a tagline and a byline)
        out.append(author)
    return out


def _spells(email: str, name: str) -> bool:
    """Does the e-mail's local part spell the name (all of it, or an initial and the surname)?"""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z]+", folded)
    local = re.sub(r"[^a-z]", "", email.split("@", 1)[0].lower())
    if len(words) < 2 or not local:
        return False
    first, last = words[0], words[-1]
    return local in {"".join(words), first + last, last + first, first[0] + last, last + first[0], first + last[0]}
