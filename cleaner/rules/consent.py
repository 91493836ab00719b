"""Cookie and consent notices: banners that extractors keep as text."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..engine.base import REMOVE, Lines, Verdict
from .phrases import PhraseOptions, PhraseRule, quotes_chrome
from ..engine.view import DocView


def _alternation(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(w.casefold()) for w in sorted(set(words), key=len, reverse=True)))


@dataclass(frozen=True)
class CookieNoticeOptions(PhraseOptions):
    """``[CNS001]`` settings of :class:`CookieNotice`."""

    cookie_words: tuple[str, ...] = ()
    consent_words: tuple[str, ...] = ()
    site_voice: tuple[str, ...] = ()


#: A heading before a notice on the same line ("Cookies", "Your privacy"): a few capitalised words.
_HEADING = re.compile(r"(?:[^\W\d_][\w'’\-]*\s*){1,3}")


def _label_only(text: str) -> bool:
    return _HEADING.fullmatch(text) is not None


class CookieNotice(PhraseRule):
    """Remove cookie banners and consent notices ("We use cookies to improve your experience.
    By continuing to browse you agree...", "Accept all cookies", "Manage consent").

    A notice sentence names cookies and at least two consent words (accept, agree, policy,
    browsing...). Written as the site speaking ("we use", "this site uses", "by continuing")
    it is removed anywhere; otherwise only above or below the article body. Buttons and
    headings ("Accept all", "Cookie settings") are phrases; bare "OK", "I agree" are labels.

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        We use cookies to give you the best experience. By continuing you agree to our cookie policy.
        Accept all cookies

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    The site's voice must start a sentence of the line (or follow a short heading such as
    "Cookies"): a sentence that mentions it further on is reporting.

    Leaves alone: reporting about cookies inside the body ("Regulators said sites that track
    users with cookies must ask for consent first, under the new privacy policy."), and
    sentences that quote a notice ("The banner read “We use cookies to improve your
    experience” and offered a single button, the regulator said."). Data: ``[CNS001]`` in ``packs/consent.toml``.
    """

    code = "CNS001"
    Options = CookieNoticeOptions
    name = "consent.cookie-notice"
    summary = "Remove cookie banners and consent notices."
    where = "anywhere"
    boundary = True
    max_chars = 800

    def setup(self) -> None:
        super().setup()
        self.cookie = _alternation(self.options.cookie_words)
        self.consent = _alternation(self.options.consent_words)
        self.voice = _alternation(self.options.site_voice)

    def is_notice(self, line: str) -> tuple[bool, bool]:
        """(is a consent notice, spoken by the site)."""
        if self.cookie is None or self.consent is None or len(line) > self.max_chars:
            return False, False
        low = line.casefold()
        if not self.cookie.search(low):
            return False, False
        if len(set(self.consent.findall(low))) < 2:
            return False, False
        stripped = low.lstrip()
        quoted = stripped[:1] in "\"“”«„'‘"
        return True, (not quoted and self._voiced(stripped))

    def _voiced(self, low: str) -> bool:
        """Does a sentence of the (case-folded) line start in the site's voice ("We use cookies
        ...", "By continuing to browse ...")? A sentence that only mentions such words later
        ("The court found that a notice saying by continuing ...") is reporting."""
        if self.voice is None:
            return False
        for m in self.voice.finditer(low):
            before = low[:m.start()].rstrip()
            if not before or before[-1] in ".!?:;|•·»›>)]。！？" or _label_only(before):
                return True
        return False

    def _speaks_of_cookies(self, text: str) -> bool:
        return self.cookie is not None and len(text) <= self.max_chars and self.cookie.search(text.casefold()) is not None

    def lines(self) -> Lines:
        if self.cookie is None:
            return super().lines()
        return dataclasses.replace(super().lines(), text=self._speaks_of_cookies)  # and lines that speak of cookies

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        verdict = super().judge(line, doc, index)
        if verdict is not None:
            return verdict
        notice, voiced = self.is_notice(line)
        if notice and quotes_chrome(line.strip(), lambda text: self.is_notice(text)[0]):
            return None  # a sentence quoting a banner is reporting
        if notice and (voiced or doc.article_zone(index) != "body"):
            return REMOVE
        return None
