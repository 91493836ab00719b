"""What must hold for any input, whatever its bytes: shared by the hypothesis properties
(``tests/test_bad_input_properties.py``) and the fuzz target (``fuzz/fuzz_decode_clean.py``).

For raw bytes, cleaning either rejects them with a documented reject code other than REJ099 (an
internal error is a bug, never a verdict on the input), or gives a record that validates, is
canonical, replays exactly from the decoded text, and whose text keeps the text invariants.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any, Iterable

from cleaner import rejects
from cleaner.api import clean_bytes
from cleaner.audit import apply_changes
from cleaner.decode import decode_bytes
from cleaner.errors import RejectError
from cleaner.engine.pipeline import Pipeline
from cleaner.record import dumps_record, is_canonical
from cleaner.schema import validate_record

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Words as the change log counts them: CJK ideographs one by one (they have no spaces).
WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def check_text_invariants(text: str) -> None:
    """The record text's promises (see ``schemas/article.schema.json``)."""
    assert unicodedata.is_normalized("NFC", text)
    assert "\n\n\n" not in text
    assert "  " not in text and "\u00a0" not in text
    for line in text.split("\n"):
        assert line == line.strip(" ")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def unaccounted_words(raw: str, text: str, changes: Iterable[Any]) -> Counter:
    """Words whose count the change log does not explain, as a signed tally (empty when every
    word is accounted for): raw words, minus the words of every ``before``, plus the words of
    every repair's ``after``, must be exactly the words of the text."""
    tally: Counter = Counter(WORD.findall(raw))
    for change in changes:
        get = change.get if isinstance(change, dict) else lambda k, c=change: getattr(c, k)
        if str(get("rule")).startswith("DEC"):
            continue  # decoding changes are already part of the decoded text
        tally.subtract(WORD.findall(get("before")))
        if get("action") in ("repaired", "normalized"):
            tally.update(WORD.findall(get("after") or ""))
    tally.subtract(WORD.findall(text))
    return Counter({w: n for w, n in tally.items() if n})


def check_raw_bytes(data: bytes, pipeline: Pipeline) -> dict[str, Any] | None:
    """Clean ``data`` as a raw file and check every promise; returns the record (or ``None``
    when the bytes were rejected). Raises ``AssertionError`` on a broken promise, and lets any
    other exception (a crash) through."""
    try:
        record = clean_bytes(data, "fuzz", "raw/fuzz.txt", pipeline=pipeline)
    except RejectError as exc:
        assert exc.code in rejects.REJECT_CODES, exc.code
        assert exc.code != rejects.INTERNAL, f"internal error on input {data[:200]!r}: {exc.message}"
        assert exc.message and "\n" not in exc.message
        return None
    validate_record(record)
    assert is_canonical(dumps_record(record))
    decoded = decode_bytes(data).text
    assert apply_changes(decoded, record["changes"]) == record["text"]
    check_text_invariants(record["text"])
    assert not unaccounted_words(decoded, record["text"], record["changes"])
    return record
