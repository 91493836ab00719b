"""The rule registry: every built-in rule, in the order it runs within its stage.

An explicit table, like ftfy's name-to-function table: no import magic, and the order is the
order you read here. ``cleaner rules`` prints it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..errors import ConfigError
from .base import Peer, Rule, check_codes
from .options import Options
from ..rules.ads import AdLabel
from ..rules.chrome import ArticleTools, BackToTop, Breadcrumb, EdgeChromeRun, EndMark, LanguageSwitcher, Pagination, RepeatedLine, SiteMenu, SiteNotice, SkipLink, TagLine
from ..rules.comments import CommentCount, CommentFormPrompt
from ..rules.consent import CookieNotice
from ..rules.markup import AssetLine, HtmlResidue, LinkDefinition, MarkdownLinks
from ..rules.media import PlayerNotice
from ..rules.metadata import Byline, Caption, ContributorLine, Copyright, Dateline, Headline, PhotoCredit, ReporterEmail
from ..rules.related import PopularListHeading, RelatedHeading, RelatedLinkLine
from ..rules.site import SiteTemplate
from ..rules.share import FollowUs, HashtagRow, ShareButtons
from ..rules.subscribe import AppPromo, NewsletterSignup, Paywall
from ..rules.typography import DoubleHyphenDash, PunctuationSpacing, SpacedEllipsis
from ..rules.ocr import Dehyphenate, JumpLine, PageFurniture, RejoinSplit, Unwrap
from ..rules.ocr_words import WordRepair
from ..rules.wrap import UnwrapText
from ..rules.phrases import user_phrase_rule
from ..rules.quotes import (
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
from ..rules.unicode import ControlCharacters, InvisibleCharacters, Ligatures, Mojibake, NormalForm
from ..rules.whitespace import OddSpaces, SpaceRuns, StripLine

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
    SiteTemplate,  # a learned pack's lines, once the metadata is in its fields
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
    user = [user_phrase_rule(code, dict(packs.rule_data(code)), packs.source(code, next(iter(packs.rule_data(code)), "")))
            for code in packs.user_codes]
    at = RULES.index(FIRST_METADATA_RULE)
    return list(RULES[:at]) + user + list(RULES[at:])


def read_options(classes: "list[type[Rule]]", packs: "PackSet") -> dict[str, Options]:
    """Every rule's options, read and checked once from the packs (a typo or a wrong type is a
    ``ConfigError`` naming the pack file, the rule and the key)."""
    return {cls.code: cls.Options.read(packs.rule_data(cls.code), cls.code, lambda key, code=cls.code: packs.source(code, key))
            for cls in classes}


def build_rules(config: "Config", packs: "PackSet") -> list[Rule]:
    """Instantiate the enabled rules for ``config`` (unknown codes in disable/enable are an error)."""
    classes = all_rule_classes(packs)
    check_known(config, (c.code for c in classes))
    options = read_options(classes, packs)
    by_code = {cls.code: cls for cls in classes}
    return [cls(config, packs.rule_data(cls.code), packs, options[cls.code], _peers(cls, by_code, options, config))
            for cls in classes if enabled(cls, config)]


def _peers(cls: type[Rule], by_code: dict[str, type[Rule]], options: dict[str, Options], config: "Config") -> dict[str, Peer]:
    return {code: Peer(options[code], enabled(by_code[code], config)) for code in cls.needs}


def build_rule(code: str, config: "Config") -> Rule:
    """One built-in rule with its pack data, e.g. for tests and notebooks:
    ``build_rule("QUO004", Config()).repair(text)``."""
    from ..packs import load_packs

    packs = load_packs(config.pack_paths())
    classes = all_rule_classes(packs)
    options = read_options(classes, packs)
    by_code = {cls.code: cls for cls in classes}
    cls = by_code[code]
    return cls(config, packs.rule_data(code), packs, options[code], _peers(cls, by_code, options, config))


def enabled(rule_cls: type[Rule], config: "Config") -> bool:
    if rule_cls.code in config.disable:
        return False
    return rule_cls.default_enabled or rule_cls.code in config.enable


def unknown_codes(config: "Config", known: Iterable[str]) -> list[str]:
    known_set = set(known)
    return sorted((set(config.disable) | set(config.enable)) - known_set)


def check_known(config: "Config", known: Iterable[str]) -> None:
    bad = unknown_codes(config, known)
    if bad:
        raise ConfigError(f"unknown rule code(s) in disable/enable: {', '.join(bad)} (see `cleaner rules`)")
