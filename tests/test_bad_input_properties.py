"""Property tests (hypothesis) for bad input: arbitrary bytes never crash the run, every word
is accounted for, and cleaning is idempotent on what it produces.

``make fuzz`` runs the same checks far longer (atheris, or hypothesis with many examples).
"""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.config import Config
from cleaner.engine.pipeline import Pipeline

from .invariants import check_raw_bytes, unaccounted_words


def clean_text(text, config):
    """The pipeline's result for any text (``cleaner.clean_text`` rejects what a run would:
    an empty text, another language; these properties hold for every text)."""
    return Pipeline.for_config(config).clean(text)


PIPELINE = Pipeline.for_config(Config(languages=None))

#: Pieces scrapers, OCR and broken encoders produce.
PIECES = st.sampled_from([
    "China", "NATO", "said.", "media`s", "``Never,''", "˝", "“", "”", '"', "'", "`", "‘", "’", " ", "  ", "\u00a0",
    "\t", "\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x00", "\x01", "\x1b", "\x1c", "\x7f", "\u200b",
    "\u00ad", "\ufeff", "ﬁ", "e\u0301", "Café", "doesnâ€™t", "Ã©tÃ©", "日本語", "中国和北约", "한국어", "Русский", "—",
    "5'10\"", "Go to contents", "Please enter your comment!", "Posted November. 25, 2002 23:02,", "a@b.com", "\ud7ff",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=10)), max_size=30).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "cp1252", "cp949", "shift_jis", "gb18030", "cp1251", "latin-1"])


@st.composite
def raw_files(draw: st.DrawFn) -> bytes:
    """Bytes as they turn up in a scraped folder: encoded text, damaged on the way."""
    kind = draw(st.sampled_from(["bytes", "text", "text", "damaged", "bom-mix"]))
    if kind == "bytes":
        return draw(st.binary(max_size=600))
    data = draw(TEXTS).encode(draw(ENCODINGS), errors="ignore")
    if kind == "damaged" and data:
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at + draw(st.integers(0, 3)):]
    if kind == "bom-mix":
        data = draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE])) + data
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raw_files())
def test_arbitrary_bytes_never_crash_and_keep_every_promise(data: bytes) -> None:
    check_raw_bytes(data, PIPELINE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_never_drops_a_word_the_changes_do_not_account_for(doc: str) -> None:
    """Exact accounting: raw words - words of every ``before`` + words of every repair's
    ``after`` == the words of the text (a signed tally, so a word the log claims but the text
    lacks counts as much as a word that vanished)."""
    doc = doc.replace("\r\n", "\n").replace("\r", "\n")  # decoding normalises line ends first
    result = clean_text(doc, PIPELINE.config)
    assert not unaccounted_words(doc, result.text, result.changes)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_files())
def test_cleaning_a_record_text_again_changes_nothing(data: bytes) -> None:
    record = check_raw_bytes(data, PIPELINE)
    if record is None:
        return
    again = clean_text(record["text"], PIPELINE.config)
    assert again.text == record["text"]
