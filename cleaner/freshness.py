"""Is a record current? The one definition used by incremental runs and by ``cleaner validate``.

A record is current when it was made from the raw file's present bytes (``source.sha256``) by
this cleaner version with this configuration (``cleaner.config_hash``). Anything else is stale,
and the reason says what to do about it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
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


# -- the cheap pre-check of incremental runs --------------------------------------------------
#
# ``record_status`` needs the raw file's sha256, i.e. reading every raw file. Incremental runs
# first compare the raw file's size and mtime with what the run index remembers (see
# ``cleaner.index``), and hash only when those differ. An index entry is trusted only when it
# was made under the same *run stamp*: this version, this configuration, the same code and the
# same text libraries. The stamp is stricter than a record's ``cleaner`` field on purpose: a
# developer editing a rule without bumping the version still gets fresh records.

#: Libraries whose version can change a record's text.
TEXT_LIBRARIES = ("ftfy", "langdetect")

#: A raw file modified this close to when it was read may change again within the same mtime
#: tick; its size/mtime is not trusted next time (the hash decides), as git does with racy files.
RACY_SECONDS = 2.0


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the cleaner's own code and data files (``*.py``, packs, schema)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def run_stamp(config_hash: str, version: str = __version__) -> str:
    """The stamp of index entries made by this cleaner with this configuration."""
    from importlib import metadata

    libraries = {}
    for name in TEXT_LIBRARIES:
        try:
            libraries[name] = metadata.version(name)
        except metadata.PackageNotFoundError:  # pragma: no cover - a broken install
            libraries[name] = "?"
    payload = json.dumps({"version": version, "config_hash": config_hash, "code": code_digest(), "libraries": libraries}, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def raw_stat_matches(size: int, mtime_ns: int, known_size: int, known_mtime_ns: int) -> bool:
    """Does a raw file's present size and mtime match what was remembered? A remembered mtime
    of ``-1`` (a racy file) never matches, so the hash decides.

    >>> raw_stat_matches(10, 5, 10, 5), raw_stat_matches(10, 6, 10, 5), raw_stat_matches(10, 5, 10, -1)
    (True, False, False)
    """
    return known_mtime_ns >= 0 and size == known_size and mtime_ns == known_mtime_ns
