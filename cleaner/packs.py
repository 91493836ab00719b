"""Rule packs: the phrase lists, labels and patterns rules use, kept as data (TOML), not code.

A pack is a TOML file. Top-level tables named by a rule code hold that rule's data; other
top-level tables are named datasets shared by several rules (month names, language endonyms)::

    # my-site.toml
    [NAV001]                      # add phrases to a built-in rule
    phrases = ["Zum Inhalt springen"]

    [USR001]                      # define a new phrase rule
    name = "user.example-footer"
    summary = "Remove the example.com footer line."
    phrases = ["Example News, all rights reserved"]

The built-in packs live in ``cleaner/packs/`` (one file per family); ``[tool.cleaner] packs``
adds user packs, loaded after them. Lists are concatenated, tables merged, scalars overridden.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import ConfigError
from .pack_regex import BUILTIN_PACK_DIR, builtin_patterns, check_user_pack
from .engine.base import CODE_PATTERN

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BUILTIN_DIR = BUILTIN_PACK_DIR
_DATASET_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _merge(into: dict[str, Any], table: Mapping[str, Any]) -> None:
    for key, value in table.items():
        old = into.get(key)
        if isinstance(old, list) and isinstance(value, list):
            seen = set(map(repr, old))
            into[key] = old + [v for v in value if repr(v) not in seen]
        elif isinstance(old, dict) and isinstance(value, dict):
            merged = dict(old)
            _merge(merged, value)
            into[key] = merged
        else:
            into[key] = value


class PackSet:
    """Every pack in use, merged. Build with :func:`load_packs`."""

    def __init__(self, files: tuple[Path, ...], tables: dict[str, dict[str, Any]], user_codes: tuple[str, ...],
                 sources: dict[tuple[str, str], Path] | None = None) -> None:
        self.files = files
        self._tables = tables
        #: (table, key) -> the last pack file that set the key (for error messages).
        self._sources = sources or {}
        #: Codes defined by user packs that no built-in rule has: they become generic phrase rules.
        self.user_codes = user_codes

    def rule_data(self, code: str) -> Mapping[str, Any]:
        return self._tables.get(code, {})

    def source(self, table: str, key: str) -> str | None:
        """The pack file that last set ``key`` in ``[table]`` (``None`` if none did)."""
        path = self._sources.get((table, key))
        return str(path) if path is not None else None

    def dataset(self, name: str) -> Mapping[str, Any]:
        return self._tables.get(name, {})

    def keys(self) -> Iterable[str]:
        return self._tables.keys()


def _read_pack(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read rule pack: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: invalid rule pack TOML: {exc}") from None
    for key, value in data.items():
        if key == "pack":
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: top-level key {key!r} must be a table ([{key}])")
        if not (CODE_PATTERN.match(key) or _DATASET_NAME.match(key)):
            raise ConfigError(f"{path}: {key!r} is neither a rule code (like NAV001) nor a dataset name (lower_case)")
    data.pop("pack", None)
    return data


def builtin_pack_files() -> tuple[Path, ...]:
    return tuple(sorted(BUILTIN_DIR.glob("*.toml")))


@lru_cache(maxsize=16)
def _load(files: tuple[Path, ...], stamps: tuple[tuple[int, int], ...], builtin_count: int) -> PackSet:
    tables: dict[str, dict[str, Any]] = {}
    builtin_keys: set[str] = set()
    user_codes: list[str] = []
    sources: dict[tuple[str, str], Path] = {}
    for position, path in enumerate(files):
        data = _read_pack(path)
        if position >= builtin_count:
            check_user_pack(path, data, builtin_patterns())
        for key, table in data.items():
            if position < builtin_count:
                builtin_keys.add(key)
            elif CODE_PATTERN.match(key) and key not in builtin_keys and key not in user_codes:
                user_codes.append(key)
            _merge(tables.setdefault(key, {}), table)
            sources.update(((key, name), path) for name in table)
    return PackSet(files, tables, tuple(user_codes), sources)


def load_packs(user_packs: Iterable[Path] = ()) -> PackSet:
    """Load the built-in packs and then ``user_packs`` (cached while the files are unchanged)."""
    builtin = builtin_pack_files()
    users = tuple(Path(p) for p in user_packs)
    for path in users:
        if not path.is_file():
            raise ConfigError(f"{path}: rule pack not found")
    files = builtin + users
    stamps = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load(files, stamps, len(builtin))
