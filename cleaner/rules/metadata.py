"""Metadata lines: headline, dateline and reporter e-mail move from the text into record fields.

Nothing found here is thrown away: the line leaves the text and its content goes into
``title``, ``published`` or ``authors``, with an ``extracted`` change that keeps the line.
"""

from __future__ import annotations

import re
from typing import Any

from ..dates import DateParser
from .base import Action, LineRule, Stage, Verdict
from .shape import looks_like_headline
from .view import DocView

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


class Dateline(LineRule):
    """Move a dateline into ``published`` (ISO 8601, keeping the source's precision).

    Before::

        Posted November. 25, 2002 23:02,

    After: the line is gone; ``published`` is ``2002-11-25T23:02`` (no timezone invented).

    Only a line that is a date and nothing else counts. With a prefix ("Posted", "Updated") it
    counts anywhere; a bare date only above or below the article body.

    Leaves alone: dates inside sentences, and a bare date line between paragraphs of the body
    (a timeline entry). Month names, prefixes and zones: ``packs/metadata.toml``.
    """

    code = "MET001"
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
        prefixes = list(self.data.get("prefixes", []))
        zones = dict(packs.dataset("timezones")) if packs else {}
        weekdays = [w for names in (packs.dataset("weekdays").values() if packs else []) for w in names]
        self.parser = DateParser.build(months, prefixes, zones, weekdays)
        self.prefix = re.compile("^(?:" + "|".join(re.escape(p) for p in prefixes) + r")\b", re.IGNORECASE) if prefixes else None

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if len(line) > 120 or not any(ch.isdigit() for ch in line):
            return None
        iso = self.parser.parse(line)
        if iso is None:
            return None
        prefixed = self.prefix is not None and self.prefix.match(line.strip()) is not None
        if not prefixed and not doc.at_edge(index):
            return None
        return Verdict("published", iso)


class ReporterEmail(LineRule):
    """Move a reporter's e-mail line into ``authors``.

    Before (last line of the article)::

        yshwang@donga.com

    After: the line is gone; ``authors`` holds ``{"email": "yshwang@donga.com"}``. A name on
    the same line ("Hwang Yoo-sun yshwang@donga.com", "By Jane Roe, jane@x.com") goes into
    ``name``.

    Leaves alone: an address inside a sentence ("Send tips to tips@example.com.") and e-mail
    lines inside the body.
    """

    code = "MET002"
    name = "metadata.reporter-email"
    summary = "Move a reporter e-mail line (yshwang@donga.com) into authors."
    stage = Stage.LINES
    action = Action.EXTRACTED
    certain = True

    def setup(self) -> None:
        labels = self.data.get("labels", [])
        self.label = re.compile(r"^\s*(?:" + "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True)) + r")\s*[:：]?\s*", re.IGNORECASE) if labels else None

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if "@" not in line or len(line) > 120:
            return None
        emails = _EMAIL.findall(line)
        if len(emails) != 1:
            return None
        email = emails[0].rstrip(".")
        rest = line.replace(emails[0], " ")
        if self.label is not None:
            rest = self.label.sub("", rest)
        # Separators become spaces; a hyphen inside a name (Yoo-sun) stays.
        rest = re.sub(r"(?<![^\W\d_])-(?![^\W\d_])|[\s,;:()<>\[\]|/·•=–—]+", " ", rest).strip(" .")
        if self.label is not None:
            rest = self.label.sub("", rest).strip()
        if len(rest.split()) > 5 or any(ch.isdigit() for ch in rest):
            return None
        if rest and not doc.at_edge(index):
            return None
        author: dict[str, Any] = {"name": rest, "email": email} if rest else {"email": email}
        return Verdict("authors", author)


class Headline(LineRule):
    """Move the headline (the first line, when it reads as a title above the body) into ``title``.

    Before::

        China, NATO to Enter into Strategic Talks Next Year
        Posted November. 25, 2002 23:02,
        China will hold a strategic dialogue with ...

    After: the line is gone; ``title`` is "China, NATO to Enter into Strategic Talks Next Year".
    A trailing site name after " | " stays out of the title.

    The line must be followed directly by prose (chrome and datelines are gone by the time
    this rule runs). That also makes the rule idempotent: once the headline is gone, the first
    line is prose, which is never a headline.

    Leaves alone: a first line that is a full sentence (a dek or standfirst such as "According
    to Beijing, China is committed to global peace." stays in the text), a first line not
    followed by prose, and any line after the first. In OCR / hard-wrapped text (layout mode)
    the rule stands down: a scanned column's first short line is as often a kicker, a section
    label, a dateline ("BAAR, SWITZERLAND") or a subhead as a headline, and nothing in plain
    text tells them apart, so it stays in the text.
    """

    code = "MET003"
    name = "metadata.headline"
    summary = "Move the headline line above the body into title; a full-sentence dek stays."
    stage = Stage.LINES
    action = Action.EXTRACTED

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if index != 0 or doc.fields.get("title") or len(doc) < 2 or doc.layout:
            return None
        if doc.prose[0] or not doc.prose[1] or not looks_like_headline(line):
            return None
        if not any(ch.isalpha() for ch in line):
            return None
        title = line.strip()
        if " | " in title:
            parts = [p.strip() for p in title.split(" | ") if p.strip()]
            title = max(parts, key=len)
        return Verdict("title", title)
