"""Chrome is removed only as a whole unit (issue 14, part 2).

A phrase or pattern rule removes a line when the chrome *is* the line, or its dominant part;
a longer sentence that quotes chrome, mentions it, or starts with a chrome label and goes on
with a sentence of its own is article text. Each example is placed above, inside and below the
body, where the rules' position tests differ.
"""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.rules.phrases import label_then_sentence, outside_quotes, quotes_chrome, reads_as_sentence

CONFIG = Config(languages=None)

P1 = ("The data protection authority fined three publishers on Tuesday for the way their websites "
      "asked readers for consent, in the largest penalty of its kind this year.")
P2 = "The publishers said they would appeal, arguing that the rules had changed twice since 2021."
P3 = "A hearing is expected in the spring, a spokesman for the authority said."


def placements(line: str) -> list[str]:
    return [f"{line}\n\n{P1}\n\n{P2}\n\n{P3}", f"{P1}\n\n{line}\n\n{P2}\n\n{P3}", f"{P1}\n\n{P2}\n\n{P3}\n\n{line}"]


# Sentences that quote, mention or start with chrome: kept wherever they stand.
KEPT = [
    pytest.param('The banner read “We use cookies to improve your experience” and offered a single Accept button, '
                 "which the authority said was no real choice.", id="quoted-cookie-banner"),
    pytest.param("Readers were told that “by continuing to browse this site, you agree to our use of cookies”, "
                 "a wording the authority called misleading.", id="quoted-by-continuing"),
    pytest.param("The authority said a notice stating that by continuing to browse you accept cookies and the privacy "
                 "policy does not amount to consent.", id="mentions-site-voice"),
    pytest.param("Read more: the authority has published its guidance on consent banners on its website.", id="read-more-sentence"),
    pytest.param("See also: the rules that apply to newspapers were rewritten after a court case in 2019.", id="see-also-sentence"),
    pytest.param("Sign in to continue reading: the publishers must now show a button to refuse as prominent as "
                 "the one to accept.", id="paywall-label-then-sentence"),
    pytest.param('One site greeted readers with “Share this article with your friends” before they had read a line, '
                 "the authority noted.", id="quoted-share-prompt"),
]

# Chrome units, also with a dominant chrome part: removed.
REMOVED = [
    pytest.param("We use cookies to give you the best experience. By continuing you agree to our cookie policy.", "CNS001", id="cookie-notice"),
    pytest.param("Cookies: We use cookies and similar technologies to analyse traffic. You can accept or manage your preferences.",
                 "CNS001", id="cookie-notice-after-heading"),
    pytest.param("READ MORE: Regulator fines three publishers over consent banners", "REL002", id="read-more-headline"),
    pytest.param("Share this article: Facebook Twitter Email", "SHR001", id="share-row-dominant"),
    pytest.param("Subscribe to continue reading", "SUB002", id="paywall"),
]


@pytest.mark.parametrize("line", KEPT)
def test_sentence_with_chrome_in_it_is_kept(line: str) -> None:
    for raw in placements(line):
        result = clean_text(raw, CONFIG)
        assert line in result.text, [(c.rule, c.before) for c in result.changes]


@pytest.mark.parametrize("line, code", REMOVED)
def test_chrome_unit_is_removed(line: str, code: str) -> None:
    for raw in placements(line)[1:]:
        result = clean_text(raw, CONFIG)
        assert line not in result.text
        assert code in {c.rule for c in result.changes if c.action == "removed"}


def test_shape_helpers() -> None:
    assert outside_quotes('He said “Share this” and left the room.') == "He said … and left the room."
    assert outside_quotes("“Share this article”") is None
    assert quotes_chrome('He said “Accept all cookies” twice, then left.', lambda t: "cookies" in t.casefold())
    assert not quotes_chrome("Accept all cookies", lambda t: "cookies" in t.casefold())
    assert reads_as_sentence("the ministry has published its figures for the year")
    assert not reads_as_sentence("Ministry Publishes Figures For The Year")
    assert not reads_as_sentence("//twitter.com/jane and http://twitter.com/john")
    assert not reads_as_sentence("中国外交部发言人说，双方将于明年举行对话")  # no case, no evidence
    assert label_then_sentence("Read more: the ministry has published its figures for the year.", lambda t: t.strip() == "Read more")
    assert not label_then_sentence("Read more: Ministry publishes its figures", lambda t: t.strip() == "Read more")


def test_quoted_banner_kept_through_the_cli(cli, corpus) -> None:
    """The issue's first example, paraphrased, through ``cleaner run``: the sentence quoting a
    cookie banner stays in the record; the banner itself, below the article, goes."""
    import json

    quoted = ('The banner said "We use cookies to improve your experience" and offered one Accept button, '
              "which the authority said was not a free choice.")
    banner = "We use cookies to improve your experience. By continuing to browse, you agree to our cookie policy."
    (corpus / "raw" / "story.txt").write_text(f"{P1}\n\n{quoted}\n\n{P2}\n\n{P3}\n\n{banner}\n", encoding="utf-8")
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    record = json.loads((corpus / "clean" / "story.json").read_text(encoding="utf-8"))
    assert "“We use cookies to improve your experience”" in record["text"]
    assert banner not in record["text"]
    assert [c["rule"] for c in record["changes"] if c["action"] == "removed"] == ["CNS001"]
