"""What differs between the configuration of a check and the one that made stale records.

A record carries only its configuration's hash (``cleaner.config_hash``); the run index in the
output folder remembers the settings behind the hashes that wrote there
(:func:`cleaner.index.read_configs`). ``cleaner validate`` and ``cleaner check`` then say once,
for all records made with another configuration, which settings differ
(``languages: ["en"] -> any``), before listing the files.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Mapping

#: How a ``COR005`` message names what made the record (see ``cleaner.checks``).
_MADE_BY = re.compile(r"made by cleaner (?P<version>\S+) with config (?P<hash>\S+),")


def _shown(key: str, value: Any) -> str:
    if key == "languages" and value is None:
        return "any"
    return json.dumps(value, ensure_ascii=False)


def describe_difference(now: Mapping[str, Any], then: Mapping[str, Any]) -> list[str]:
    """``key: now -> then`` for each setting and rule pack that differs.

    >>> describe_difference({"config": {"languages": ["en"], "quotes": "curly"}, "packs": [["a.toml", "1"]]},
    ...                     {"config": {"languages": None, "quotes": "curly"}, "packs": [["a.toml", "2"]]})
    ['languages: ["en"] -> any', 'rule pack a.toml: its contents differ']
    """
    out = []
    settings_now, settings_then = now.get("config", {}), then.get("config", {})
    for key in sorted(set(settings_now) | set(settings_then)):
        if settings_now.get(key) != settings_then.get(key):
            out.append(f"{key}: {_shown(key, settings_now.get(key))} -> {_shown(key, settings_then.get(key))}")
    packs_now, packs_then = dict(map(tuple, now.get("packs", []))), dict(map(tuple, then.get("packs", [])))
    for name in sorted(set(packs_now) | set(packs_then)):
        if name not in packs_then:
            out.append(f"rule pack {name}: not used by the records")
        elif name not in packs_now:
            out.append(f"rule pack {name}: used by the records, not now")
        elif packs_now[name] != packs_then[name]:
            out.append(f"rule pack {name}: its contents differ")
    return out


def stale_config_notes(codes_and_messages: Iterable[tuple[str, str]], known: Mapping[str, Any], now: Mapping[str, Any],
                       version: str, refresh: str) -> list[str]:
    """One line per (version, configuration) that made ``COR005`` records, saying what differs
    from ``now`` (this check's settings) when ``known`` (the index's configs) has its settings."""
    groups: dict[tuple[str, str], int] = {}
    for code, message in codes_and_messages:
        found = _MADE_BY.search(message) if code == "COR005" else None
        if found:
            key = (found["version"], found["hash"])
            groups[key] = groups.get(key, 0) + 1
    notes = []
    for (made_version, made_hash), count in sorted(groups.items()):
        parts = [f"version: {version} -> {made_version}"] if made_version != version else []
        settings = known.get(made_hash)
        if settings is not None:
            parts += describe_difference(now, settings) or ["the same settings and rule packs (another cleaner build)"]
        else:
            parts.append(f"config {made_hash}, whose settings the run index does not know")
        notes.append(f"{count} record(s) were made with other settings (this check -> the records): {'; '.join(parts)}. "
                     f"Check with the settings they were made with, or refresh them all: {refresh}")
    return notes
