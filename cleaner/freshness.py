"""Is a record current? The one definition used by incremental runs and by ``cleaner validate``.

A record is current when it was made from the raw file's present bytes (``source.sha256``) by
this cleaner version with this configuration (``cleaner.config_hash``). Anything else is stale,
and the reason says what to do about it.
"""

from __future__ import annotations

import hashlib
from typing import Any, Mapping

from .version import __version__

CURRENT = "current"
STALE_RAW = "stale-raw"  # the raw file changed since the record was made
STALE_CLEANER = "stale-cleaner"  # another cleaner version or configuration made it


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_status(record: Mapping[str, Any], raw_sha256: str, config_hash: str, version: str = __version__) -> str:
    """``current``, ``stale-raw`` or ``stale-cleaner`` for a parsed record.

    >>> rec = {"source": {"sha256": "ab"}, "cleaner": {"version": "0.1.0", "config_hash": "h"}}
    >>> record_status(rec, "ab", "h", "0.1.0"), record_status(rec, "cd", "h", "0.1.0"), record_status(rec, "ab", "x", "0.1.0")
    ('current', 'stale-raw', 'stale-cleaner')
    """
    source = record.get("source") or {}
    made_by = record.get("cleaner") or {}
    if source.get("sha256") != raw_sha256:
        return STALE_RAW
    if made_by.get("version") != version or made_by.get("config_hash") != config_hash:
        return STALE_CLEANER
    return CURRENT
