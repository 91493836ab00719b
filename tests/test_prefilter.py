"""Literal prefilters (``cleaner.engine.prefilter``): sound (never reject a text a pattern
matches), derived from ``re`` itself where case folding is concerned, and selective."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.config import Config
from cleaner.engine.pipeline import Pipeline
from cleaner.engine.prefilter import IGNORECASE_EXTRAS, Prefilter, SplitScan, fold, prefilter


def _pack_patterns() -> list[re.Pattern[str]]:
    """Every member pattern of the built-in packs, compiled as the rules compile them."""
    out = []
    for rule in Pipeline.for_config(Config()).rules:
        for key in ("patterns", "edge_patterns"):
            out.extend(re.compile(p, re.IGNORECASE) for p in getattr(rule.options, key, ()))
    return out


PACK_PATTERNS = _pack_patterns()


def test_ignorecase_extras_are_what_re_says() -> None:
    """Every BMP character that ``re.IGNORECASE`` matches with an ASCII letter, and that
    ``str.lower`` does not turn into that letter, is in ``IGNORECASE_EXTRAS``."""
    extras = {}
    for code in range(0x80, 0x10000):
        ch = chr(code)
        for letter in "abcdefghijklmnopqrstuvwxyz":
            if re.fullmatch(letter, ch, re.IGNORECASE) and ch.lower() != letter:
                extras[ch] = letter
    assert extras == IGNORECASE_EXTRAS


@pytest.mark.parametrize(("pattern", "flags", "clauses"), [
    (r"(?:we|our)\s+(?:may|might)\s+earn\s+commissions?", re.I, (("commission",), ("earn",), ("may", "might"), ("our", "we"))),
    (r"Share\s+on\s+Facebook", 0, (("facebook",), ("share",), ("on",))),
    (r"\d+\s+comments?", re.I, (("comment",),)),
    (r".{1,80}\s+is\s+(?:reader|audience)-supported", re.I, (("-supported",), ("audience", "reader"), ("is",))),
    (r"(?:sign\s+up|subscribe)(?:\s+now)?", re.I, (("sign", "subscribe"),)),
    (r"(?=.*\bnews)letter", re.I, (("letter",), ("news",))),
    (r"(?:abc|)", re.I, ()),  # a branch that needs nothing: no clause from it
    (r"(?:abc|)de", re.I, (("de",),)),
    (r"[Ss]hare|Tweet", 0, (("hare", "tweet"),)),
    (r"\w+", 0, ()),
    (r"(?i:ÉTÉ)x|été", 0, ()),  # non-ASCII under IGNORECASE is not trusted
    (r"ΣΑ", 0, ()),  # Σ lowers by context
    (r"ÉCRIT", 0, (("écrit",),)),  # case-sensitive non-ASCII is
], ids=lambda v: v if isinstance(v, str) else None)
def test_clauses(pattern: str, flags: int, clauses: tuple[tuple[str, ...], ...]) -> None:
    assert prefilter(re.compile(pattern, flags)).clauses == clauses


def test_no_clauses_always_passes() -> None:
    assert Prefilter().may_match("")


def test_fold_maps_what_ignorecase_equates() -> None:
    assert fold("İS ſHARE KELVIN ıs") == "is share kelvin is"
    assert prefilter(re.compile("share", re.I)).may_match(fold("ſhare"))
    assert re.search("share", "ſhare", re.I)


# Texts near the patterns: pieces of their literals, words, spaces and odd characters.
PIECES = st.sampled_from([
    "share", "Share ", "SHARE", "ſhare", "İs", "is ", "we ", "our ", "may ", "earn ", "commission", "affiliate ",
    "newsletter", "Sign up", "subscribe", "comments", "12 ", "reader-supported", "browser", "Advertisement",
    "Follow us on ", "Facebook", "Twitter", "\n", " ", "é", "ı", "K", "Σ", ":", "’", "-", "© 2024 ",
])
TEXTS = st.lists(PIECES | st.text(max_size=5), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(PACK_PATTERNS))
def test_sound_on_pack_patterns(text: str, pattern: re.Pattern[str]) -> None:
    if pattern.search(text):
        assert prefilter(pattern).may_match(fold(text))


def test_sound_on_pack_examples() -> None:
    """Each pack pattern's prefilter accepts lines the pattern matches in real rule examples."""
    lines = [
        "We may earn a commission when you buy through links on our site.",
        "Follow us on Twitter", "Sign up for our newsletter", "12 Comments", "Advertisement",
        "This article contains affiliate links.", "Market data provided by Acme.",
    ]
    for pattern in PACK_PATTERNS:
        needs = prefilter(pattern)
        for line in lines:
            if pattern.search(line):
                assert needs.may_match(fold(line)), (pattern.pattern, line)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_split_scan_finds_every_line_the_union_finds(text: str) -> None:
    sources = [r"(?:please\s+)?share\s+this", r"\d+\s+comments?", r"follow\s+us\s+on\s+\w+", r"[A-Z]\w+"]
    union = re.compile("|".join(f"(?:{s})" for s in sources), re.I)
    scan = SplitScan(sources, re.I).scanner(fold(text))
    for line in text.split("\n"):
        if union.fullmatch(line):
            assert scan is not None and scan.fullmatch(line), line


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_literals_found_beforehand_give_the_same_answer(text: str) -> None:
    """``satisfied_by`` on the literals a text holds (what the candidate index's automaton
    finds) answers as ``may_match`` on the text."""
    for source in (r"(?:we|our)\s+(?:may|might)\s+earn\s+commissions?", r"(?:please\s+)?share\s+this", r"\d+\s+comments?"):
        needs = prefilter(re.compile(source, re.I))
        folded = fold(text)
        present = {literal for clause in needs.clauses for literal in clause if literal in folded}
        assert needs.satisfied_by(present) == needs.may_match(folded)
