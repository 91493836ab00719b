"""The rule registry: every built-in rule, in the order it runs within its stage.

An explicit table, like ftfy's name-to-function table: no import magic, and the order is the
order you read here. ``cleaner rules`` prints it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Rule, check_codes
from .ads import AdLabel
from .chrome import ArticleTools, BackToTop, Breadcrumb, EdgeChromeRun, EndMark, LanguageSwitcher, Pagination, RepeatedLine, SiteMenu, SiteNotice, SkipLink, TagLine
from .comments import CommentCount, CommentFormPrompt
from .consent import CookieNotice
from .markup import AssetLine, HtmlResidue, LinkDefinition, MarkdownLinks
from .media import PlayerNotice
from .metadata import Byline, Caption, ContributorLine, Copyright, Dateline, Headline, PhotoCredit, ReporterEmail
from .related import PopularListHeading, RelatedHeading, RelatedLinkLine
from .share import FollowUs, HashtagRow, ShareButtons
from .subscribe import AppPromo, NewsletterSignup, Paywall
from .typography import DoubleHyphenDash, PunctuationSpacing, SpacedEllipsis
from .ocr import Dehyphenate, JumpLine, PageFurniture, RejoinSplit, Unwrap
from .ocr_words import WordRepair
from .wrap import UnwrapText
from .phrases import user_phrase_rule
from .quotes import (
    BacktickApostrophe,
    BacktickQuotes,
    ClosingQuoteSpacing,
    DanglingClosingQuote,
    DoubleQuoteOrientation,
    LookalikeDoubleQuotes,
    SingleQuoteOrientation,
    StraightQuoteStyle,
    TurnedApostrophe,
)
from .unicode import ControlCharacters, InvisibleCharacters, Ligatures, Mojibake, NormalForm
from .whitespace import OddSpaces, SpaceRuns, StripLine

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config
    from ..packs import PackSet

#: Every built-in rule class. Within a stage, rules run in this order.
RULES: tuple[type[Rule], ...] = (
    # unicode
    Mojibake,
    ControlCharacters,
    InvisibleCharacters,
    OddSpaces,
    Ligatures,
    NormalForm,
    MarkdownLinks,
    # layout: in text that looks scanned, furniture then joins (OCR)
    JumpLine,
    PageFurniture,
    RejoinSplit,
    Unwrap,
    Dehyphenate,
    WordRepair,
    UnwrapText,  # any other text: the wraps its own evidence shows
    # lines: markup leftovers, then chrome phrases and labels, then metadata (moved into
    # fields), then the headline (judged once chrome is gone), then the runs of short lines
    # above and below the body (judged by position, once everything nameable is gone)
    LinkDefinition,
    HtmlResidue,
    AssetLine,
    SkipLink,
    LanguageSwitcher,
    BackToTop,
    Breadcrumb,
    Pagination,
    ArticleTools,
    SiteNotice,
    TagLine,
    EndMark,
    ShareButtons,
    FollowUs,
    HashtagRow,
    CommentFormPrompt,
    CommentCount,
    NewsletterSignup,
    Paywall,
    AppPromo,
    CookieNotice,
    AdLabel,
    PlayerNotice,
    RelatedLinkLine,
    RelatedHeading,
    PopularListHeading,
    SiteMenu,
    Caption,
    PhotoCredit,
    Copyright,
    ContributorLine,
    Dateline,
    ReporterEmail,
    Byline,
    Headline,
    RepeatedLine,
    EdgeChromeRun,
    # inline: quotes
    BacktickApostrophe,
    TurnedApostrophe,
    BacktickQuotes,
    LookalikeDoubleQuotes,
    ClosingQuoteSpacing,
    DanglingClosingQuote,
    DoubleQuoteOrientation,
    SingleQuoteOrientation,
    StraightQuoteStyle,
    # inline: typography
    DoubleHyphenDash,
    SpacedEllipsis,
    PunctuationSpacing,
    # final
    SpaceRuns,
    StripLine,
)

check_codes(RULES)
#: User rules run just before this one: after the built-in chrome rules, before metadata.
FIRST_METADATA_RULE = Caption
BY_CODE: dict[str, type[Rule]] = {r.code: r for r in RULES}


def all_rule_classes(packs: "PackSet") -> list[type[Rule]]:
    """Built-in rules plus the phrase rules that user packs define. User rules run with the
    built-in chrome rules, before the metadata rules, so a site's leftovers are gone before the
    headline is looked for."""
    user = [user_phrase_rule(code, dict(packs.rule_data(code))) for code in packs.user_codes]
    at = RULES.index(FIRST_METADATA_RULE)
    return list(RULES[:at]) + user + list(RULES[at:])


def build_rules(config: "Config", packs: "PackSet") -> list[Rule]:
    """Instantiate the enabled rules for ``config`` (unknown codes in disable/enable are an error)."""
    from ..pipeline import check_known, enabled

    classes = all_rule_classes(packs)
    check_known(config, (c.code for c in classes))
    return [cls(config, packs.rule_data(cls.code), packs) for cls in classes if enabled(cls, config)]


def build_rule(code: str, config: "Config") -> Rule:
    """One built-in rule with its pack data, e.g. for tests and notebooks:
    ``build_rule("QUO004", Config()).repair(text)``."""
    from ..packs import load_packs

    packs = load_packs(config.pack_paths())
    return BY_CODE[code](config, packs.rule_data(code), packs)
