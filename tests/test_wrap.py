"""Hard-wrapped text that is not a scan (WRP001): paragraphs joined before the line rules judge them.

Cases run through the whole pipeline with the default config (layout ``auto``): the text is not
a scan, so the plain-text layout rule joins the wraps it finds and the line rules judge whole
paragraphs. The property: a wrapped text gives the record of the same text one paragraph per
line.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean_text
from cleaner.audit import apply_changes
from cleaner.config import Config
from cleaner.rules.wrap import join_lines, text_wrap

AUTO = Config(languages=("en",))
OFF = Config(languages=("en",), layout="off")
#: Hard wraps joined in every text, never the OCR rules (most wrapped test texts look scanned
#: to ``layout_detect`` too, and would get the OCR rules in ``auto``).
WRAP = Config(languages=("en",), layout="wrap")

BODY = [
    "The regional water board said on Thursday that the reservoir north of the town had fallen "
    "to its lowest level in two decades, and that households would be asked to cut their use by "
    "a fifth until the autumn rains arrive.",
    "Farmers in the valley, who draw most of their water from the same reservoir, have already "
    "been told that irrigation will be limited to three days a week, a measure the board first "
    "used during the long drought of the nineties.",
    "A spokeswoman for the board said the restrictions would be reviewed every month and lifted "
    "as soon as the level recovered, adding that fines for breaking them would be modest at first.",
    "Engineers are also studying whether an old pipeline from the neighbouring district could be "
    "brought back into service, which would take about six weeks and cost less than a new well.",
]
MENU = ["Home", "News", "Sport", "Weather", "Sign in"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use"]
WORD = re.compile(r"\w+")


def _wrap(paragraphs: list[str], width: int, sep: str = "\n\n", **kw: object) -> str:
    return sep.join(textwrap.fill(p, width, **kw) for p in paragraphs)  # type: ignore[arg-type]


def _codes(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.rule for c in result.changes}


#: A text that also looks like a scan column (``layout_detect``) is joined by the OCR rules.
JOINERS = {"WRP001", "OCR003"}


def _comparable(result) -> tuple:  # type: ignore[no-untyped-def]
    """A record apart from the line numbers and the joins themselves (changes across lines)."""
    changes = [(c.rule, c.action, c.before, c.after, c.field) for c in result.changes if "\n" not in c.before]
    return result.text, result.fields, changes, [w.to_dict() for w in result.warnings]


@pytest.mark.parametrize("width", [30, 45, 60, 72, 78, 100, 130, 150])
def test_wrapped_body_comes_back_as_its_paragraphs(width: int) -> None:
    raw = _wrap(BODY, width)
    result = clean_text(raw, AUTO)
    assert result.text == "\n\n".join(BODY)
    assert _codes(result) & JOINERS
    assert apply_changes(raw, result.changes) == result.text


@pytest.mark.parametrize("width", [40, 72, 110])
def test_wrapped_body_in_a_page_of_menus_is_joined_and_menus_kept(width: int) -> None:
    """Only part of the page is wrapped (too little of it for the scan detector): the body is
    joined by WRP001, the one-item-per-line menus stay, and every join is logged at the raw
    line its paragraph starts on."""
    menu = [f"Section {name}" for name in ("world", "business", "health", "science", "travel", "culture", "style", "food")] * 4
    raw = "\n".join(menu) + "\n\n" + _wrap(BODY[:2], width) + "\n\n" + "\n".join(menu)
    result = clean_text(raw, AUTO)
    assert "WRP001" in _codes(result) and "OCR003" not in _codes(result)
    assert "\n\n".join(BODY[:2]) in result.text
    assert apply_changes(raw, result.changes) == result.text
    lines = raw.split("\n")
    firsts = [i + 1 for i, line in enumerate(lines) if line and i > 0 and not lines[i - 1] and len(line) > 30]
    assert sorted({c.line for c in result.changes if c.rule == "WRP001"}) == firsts
    # the menus, left to the chrome rules, are judged one item per line: none is joined
    kept = [line for line in lines if line]
    wrap = text_wrap(raw)
    assert wrap is not None and not {kept[i] for i in wrap.joins} & set(menu)


CASES = [
    pytest.param("\n".join(BODY), "\n\n".join(BODY), set(), id="WRP001-one-paragraph-per-line-untouched"),
    pytest.param(_wrap(BODY, 72, sep="\n"), "\n\n".join(BODY), {"WRP001"}, id="WRP001-no-blank-lines-between-paragraphs"),
    pytest.param(_wrap(BODY, 64, sep="\n", initial_indent="   "), "\n\n".join(BODY), {"WRP001"}, id="WRP001-indented-first-lines"),
    pytest.param(_wrap(BODY, 70).replace("\n", "\r\n"), "\n\n".join(BODY), {"WRP001"}, id="WRP001-crlf"),
    pytest.param(
        "\n".join(MENU) + "\n\n" + _wrap(BODY, 60) + "\n\n" + "\n".join(FOOTER),
        "\n\n".join(BODY), {"WRP001"}, id="WRP001-wrapped-body-between-menus"),
    pytest.param(
        "\n".join(f"> {line}" for line in textwrap.wrap(BODY[0], 70)) + "\n\n" + _wrap(BODY[1:], 72),
        "> " + "\n\n".join(BODY), {"WRP001"}, id="WRP001-email-quote"),
    pytest.param(
        "# Reservoir at a twenty-year low\n\n" + textwrap.fill(BODY[0].replace("lowest level in two decades", "[lowest level in two decades](https://example.org/levels)"), 78)
        + "\n\n" + _wrap(BODY[1:], 78),
        "\n\n".join(BODY), {"WRP001", "MRK001"}, id="WRP001-markdown-heading-and-link"),
    pytest.param(
        _wrap(BODY[:2], 72) + "\n\n  * " + textwrap.fill(BODY[2], 72, subsequent_indent="    ").lstrip() + "\n  * Short item\n  * Another item",
        "\n\n".join(BODY[:2]) + "\n\n* " + BODY[2] + "\n\n* Short item\n\n* Another item", {"WRP001"}, id="WRP001-list-item-hanging-indent"),
]


def _double_wrap(paragraphs: list[str], first: int, second: int) -> str:
    """Text wrapped at ``first`` columns, then every line of it wrapped again at ``second``."""
    return "\n\n".join("\n".join(textwrap.fill(line, second) for line in textwrap.wrap(p, first)) for p in paragraphs)


NESTED_LIST = "\n".join(["Archive", "    + 2019", *(f"        o {month} ({n})" for month, n in
                          [("December", 12), ("November", 9), ("October", 15), ("September", 11), ("August", 7)])])

CASES += [
    pytest.param(_double_wrap(BODY, 80, 60), "\n\n".join(BODY), {"WRP001"}, id="WRP001-wrapped-twice"),
    pytest.param(_wrap(BODY, 72) + "\n\n[1]: https://example.org/news/2019/reservoir-levels-fall-to-a-twenty-year-low-says-\nwater-board",
                 "\n\n".join(BODY), {"WRP001", "MRK002"}, id="WRP001-wrapped-link-definition-left-to-MRK002"),
]


#: Link definitions as a second converter pass or a wrap repair leaves them (MRK002).
DEFINITIONS = [
    pytest.param("* [[1]: https://example.org/news/reservoir](#)\n* [[2]: https://example.org/water-board](#)", id="as-list-items-of-links"),
    pytest.param("> [3]: https://example.org/news/reservoir", id="quoted"),
    pytest.param("[1]: https://example.org/news/2019/reservoir-levels-fa lls-to-a-low [2]: https://example.org/board?id=4 "
                 "[3]: https://example.org/x", id="joined-with-wrapped-addresses"),
    pytest.param("[1]: https://example.org/news/reservoir-levels-fall-to-a-twenty-year-lo w-says-water-board", id="one-address-wrapped-and-joined"),
]


@pytest.mark.parametrize("definitions", DEFINITIONS)
def test_link_definitions_in_any_markup_are_removed(definitions: str) -> None:
    raw = "\n".join(BODY) + "\n\n" + definitions
    result = clean_text(raw, AUTO)
    assert result.text == "\n\n".join(BODY)
    assert "MRK002" in _codes(result)


@pytest.mark.parametrize("line", [
    "[1]: https://example.org/report said the official, who asked not to be named.",
    "[1] See the appendix for the method used in the survey of the valley's farms.",
    "* [Read the board's report](https://example.org/report) on the reservoir",
])
def test_text_with_a_label_or_link_is_not_a_definition(line: str) -> None:
    result = clean_text("\n".join(BODY[:2] + [line] + BODY[2:]), AUTO)
    assert "MRK002" not in _codes(result)


@pytest.mark.parametrize("raw, expected, codes", CASES)
def test_unwrap_cases(raw: str, expected: str, codes: set[str]) -> None:
    result = clean_text(raw.replace("\r\n", "\n"), WRAP)
    assert result.text == expected
    assert codes <= _codes(result)
    if not codes:
        assert "WRP001" not in _codes(result)
    assert apply_changes(raw.replace("\r\n", "\n"), result.changes) == result.text


def test_menus_and_lists_stay_one_item_per_line() -> None:
    """A wrapped body between menus: the body's lines are joined, the menus' are not; a list of
    headlines of different lengths below the body keeps one headline per line."""
    headlines = ["Council approves the budget for the new library", "Storm damages roofs across the coast overnight",
                 "Local team wins the cup after a penalty shoot-out", "Museum reopens its doors after repairs"]
    lines = MENU + [""] + _wrap(BODY, 60).split("\n") + [""] + headlines
    wrap = text_wrap("\n".join(lines))
    assert wrap is not None and 55 <= wrap.width <= 62
    kept = [l for l in lines if l]
    joined = {kept[i] for i in wrap.joins} | {kept[i + 1] for i in wrap.joins}
    assert not joined & set(MENU + headlines)


def test_nested_list_items_stay_one_per_line() -> None:
    """An extractor's nested list ("o" before each item, indented alike) next to a wrapped body:
    its items start in lower case, but each is a unit of its own."""
    raw = _wrap(BODY[:3], 60) + "\n\n" + NESTED_LIST
    result = clean_text(raw, WRAP)
    joins = [c.before for c in result.changes if c.rule == "WRP001"]
    assert joins and not any("(" in before for before in joins)
    assert "\n\n".join(BODY[:3]) in result.text


@pytest.mark.parametrize("a, b, expected", [
    pytest.param("the board said it would", "act soon.", "the board said it would act soon.", id="WRP001-join-space"),
    pytest.param("a well-", "known engineer", "a well-known engineer", id="WRP001-join-compound-hyphen"),
    pytest.param("> the board said it would", "> act soon.", "> the board said it would act soon.", id="WRP001-join-quote"),
    pytest.param("水库的水位已经降到", "二十年来的最低点", "水库的水位已经降到二十年来的最低点", id="WRP001-join-cjk"),
])
def test_join_lines(a: str, b: str, expected: str) -> None:
    assert join_lines(a, b) == expected


def test_layout_off_leaves_wrapped_text_alone() -> None:
    raw = _wrap(BODY, 60)
    assert "WRP001" not in _codes(clean_text(raw, OFF))


def test_wrapped_chrome_is_still_chrome() -> None:
    """A wrapped body with a share row and a newsletter prompt: the joined paragraphs are kept,
    the chrome removed as it is from the text one paragraph per line."""
    chrome_top = ["Share this article", "Facebook", "Twitter", "Email"]
    chrome_end = ["Sign up for our newsletter to get the top stories every morning."]
    flat = "\n".join(chrome_top + BODY + chrome_end)
    wrapped = "\n".join(chrome_top) + "\n" + _wrap(BODY, 66) + "\n" + chrome_end[0]
    assert _comparable(clean_text(wrapped, WRAP)) == _comparable(clean_text(flat, WRAP))


def test_cli_run_joins_a_wrapped_file(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "story.txt").write_text("\n".join(MENU) + "\n\n" + _wrap(BODY, 72) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = cli("run", str(raw), "--out", str(out), "--languages", "en", "--layout", "wrap")
    assert proc.returncode == 0, proc.stderr
    import json

    record = json.loads((out / "story.json").read_text(encoding="utf-8"))
    assert record["text"] == "\n\n".join(BODY)
    assert any(c["rule"] == "WRP001" for c in record["changes"])


# -- the property ---------------------------------------------------------------------------

VOCAB = ("the", "board", "water", "said", "would", "farmers", "valley", "restrictions", "level", "month",
         "engineers", "pipeline", "district", "weeks", "service", "reservoir", "autumn", "rains", "households",
         "asked", "their", "use", "by", "a", "of", "and", "to", "in", "on", "first", "during", "drought",
         "well-known", "long-term", "Thursday", "River", "council", "spokeswoman", "modest", "fines")

SENTENCES = st.lists(st.sampled_from(VOCAB), min_size=6, max_size=18).map(lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + ".")
PARAGRAPHS = st.lists(st.lists(SENTENCES, min_size=2, max_size=5).map(" ".join), min_size=3, max_size=6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PARAGRAPHS, st.integers(min_value=30, max_value=150), st.sampled_from(["\n\n", "\n"]), st.sampled_from([WRAP, AUTO]))
def test_wrapped_text_gives_the_record_of_its_paragraphs(paragraphs: list[str], width: int, sep: str, config: Config) -> None:
    """Paragraphs set apart by blank lines come back as they were. Without blank lines a full
    line ending a sentence may end a paragraph too: such a text comes back word for word, in
    whole sentences (see ``cleaner.rules.wrap``)."""
    flat = "\n".join(paragraphs)
    wrapped = sep.join(textwrap.fill(p, width) for p in paragraphs)
    continued = sum(1 for p in paragraphs for a, b in zip(textwrap.wrap(p, width), textwrap.wrap(p, width)[1:]) if b[:1].islower())
    if continued < 3 or sep == "\n" and config is AUTO:
        # too little evidence of a wrap (fewer than three sentences going on in lower case on
        # the next line); or a text that looks scanned, which the OCR rules join
        return
    result = clean_text(wrapped, config)
    expected = clean_text(flat, config)
    assert apply_changes(wrapped, result.changes) == result.text
    if sep == "\n\n":
        assert _comparable(result) == _comparable(expected)
    else:
        assert _words(result.text) == _words(expected.text)
        assert all(p.endswith(".") for p in result.text.split("\n\n"))


def _words(text: str) -> list[str]:
    return WORD.findall(text)
