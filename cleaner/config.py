"""The cleaner's configuration: one frozen object, read from ``[tool.cleaner]`` and overridable on the CLI.

Every field that can change a record's content is part of :func:`config_hash`, together with the
bytes of every rule pack in use, so a record can tell whether it is stale.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

QUOTE_STYLES = ("curly", "straight")
LAYOUT_MODES = ("auto", "on", "off", "wrap")


@dataclass(frozen=True)
class Config:
    """Options of one cleaning run. Build with :func:`load_config` or ``Config(...)`` directly.

    >>> Config(languages=("en",)).accepts("en")
    True
    >>> Config(languages=None).accepts("ko")
    True
    """

    #: Accepted languages (langdetect codes); ``None`` accepts any language.
    languages: tuple[str, ...] | None = ("en",)
    #: Output quote style: ``curly`` (“ ” ‘ ’) or ``straight`` (" ').
    quotes: str = "curly"
    #: Rule codes switched off.
    disable: frozenset[str] = frozenset()
    #: Rule codes switched on that are off by default.
    enable: frozenset[str] = frozenset()
    #: Extra rule-pack files (TOML), resolved against the config file's folder.
    packs: tuple[str, ...] = ()
    #: How many characters of the clean text langdetect sees (its cost grows with length).
    language_sample_chars: int = 1500
    #: Below this langdetect probability the record gets a ``LNG001`` warning.
    min_language_score: float = 0.80
    #: The guard: if the judgement line rules would remove more than this share of the words,
    #: they are refused and a warning is written instead. Full-page extractor output is often
    #: 60-85% menus and footers, and the position rules never drop a sentence, so the limit
    #: sits above that.
    max_removed_share: float = 0.85
    #: OCR/hard-wrap layout rules: ``auto`` (the OCR rules when the text looks like OCR, hard
    #: wraps joined in any other text), ``on`` (OCR rules), ``wrap`` (hard wraps only), ``off``.
    layout: str = "auto"
    #: OCR word repair (``OCR006``) in layout mode: ``auto`` (when the text shows OCR misreadings),
    #: ``on``, ``off``.
    ocr_repair: str = "auto"
    #: Raw files larger than this are rejected (``REJ006``).
    max_file_bytes: int = 64 * 1024 * 1024
    #: ``cleaner check`` reports a raw file with fewer words than this left after cleaning
    #: (``COR012``; 0 switches it off). Records are written all the same. Not part of the hash.
    min_words: int = 20
    #: ``cleaner validate`` and ``cleaner check`` report near-duplicate records (``COR013``):
    #: those whose word 5-gram shingles have an estimated Jaccard similarity of at least
    #: ``duplicate_threshold``; ``duplicates = false`` skips the search. Not part of the hash.
    duplicates: bool = True
    duplicate_threshold: float = 0.8
    #: Corpus root: record ``source.path`` values are relative to it. Not part of the hash.
    root: Path = field(default_factory=Path.cwd)
    #: Default input and output folders, relative to ``root``. Not part of the hash.
    raw_dir: str = "raw"
    clean_dir: str = "clean"

    def __post_init__(self) -> None:
        # Built directly (a notebook, ``Config(languages=["en"], disable={"QUO006"})``), the
        # fields get the same normal form as from a config file, so the object stays hashable.
        if self.languages is not None:
            object.__setattr__(self, "languages", parse_languages(self.languages))
        for name in ("disable", "enable"):
            codes = getattr(self, name)
            if isinstance(codes, str) or not all(isinstance(c, str) for c in codes):
                raise ConfigError(f"{name} must be a collection of rule codes, not {codes!r}")
            object.__setattr__(self, name, frozenset(c.strip().upper() for c in codes))
        if isinstance(self.packs, str):
            raise ConfigError(f"packs must be a list of file paths, not {self.packs!r}")
        object.__setattr__(self, "packs", tuple(self.packs))
        object.__setattr__(self, "root", Path(self.root))
        if self.quotes not in QUOTE_STYLES:
            raise ConfigError(f"quotes must be one of {', '.join(QUOTE_STYLES)}, not {self.quotes!r}")
        if self.layout not in LAYOUT_MODES:
            raise ConfigError(f"layout must be one of {', '.join(LAYOUT_MODES)}, not {self.layout!r}")
        if self.ocr_repair not in LAYOUT_MODES:
            raise ConfigError(f"ocr_repair must be one of {', '.join(LAYOUT_MODES)}, not {self.ocr_repair!r}")
        if not 0 < self.max_removed_share <= 1:
            raise ConfigError("max_removed_share must be in (0, 1]")
        if not 0 <= self.min_language_score <= 1:
            raise ConfigError("min_language_score must be in [0, 1]")
        if self.language_sample_chars < 50:
            raise ConfigError("language_sample_chars must be at least 50")
        if self.max_file_bytes < 1:
            raise ConfigError("max_file_bytes must be positive")
        if self.min_words < 0:
            raise ConfigError("min_words must be 0 or more")
        if not 0 < self.duplicate_threshold <= 1:
            raise ConfigError(f"duplicate_threshold must be in (0, 1], not {self.duplicate_threshold}")

    def accepts(self, language: str) -> bool:
        return self.languages is None or language in self.languages

    def replace(self, **changes: Any) -> "Config":
        return dataclasses.replace(self, **changes)

    def pack_paths(self) -> tuple[Path, ...]:
        return tuple((self.root / p) if not Path(p).is_absolute() else Path(p) for p in self.packs)

    def hashed_fields(self) -> dict[str, Any]:
        """The fields that can change a record, in a JSON-ready form."""
        return {
            "languages": None if self.languages is None else sorted(self.languages),
            "quotes": self.quotes,
            "disable": sorted(self.disable),
            "enable": sorted(self.enable),
            "language_sample_chars": self.language_sample_chars,
            "min_language_score": self.min_language_score,
            "max_removed_share": self.max_removed_share,
            "layout": self.layout,
            "ocr_repair": self.ocr_repair,
            "max_file_bytes": self.max_file_bytes,
        }


def parse_languages(value: Any) -> tuple[str, ...] | None:
    """``"any"``, ``"en,ko"``, ``["en", "ko"]`` -> a tuple, or ``None`` for any.

    >>> parse_languages("any") is None
    True
    >>> parse_languages("en, ko")
    ('en', 'ko')
    """
    if value is None:
        return None
    if isinstance(value, str):
        if value.strip().lower() in ("any", "*", ""):
            return None
        value = value.split(",")
    if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(v, str) for v in value):
        raise ConfigError("languages must be 'any' or a list of language codes")
    langs = [v.strip() for v in value if v.strip()]
    if any(v.lower() == "any" for v in langs):
        return None
    return normalise_languages(langs) or None


def normalise_languages(codes: Any) -> tuple[str, ...]:
    """Language codes as langdetect answers them: lower case, ``_`` as ``-``, ``zh`` for both
    Chinese profiles; a code langdetect cannot answer is an error naming the ones it can (a
    typo would otherwise reject every file).

    >>> normalise_languages(["EN", "zh", "pt"])
    ('en', 'pt', 'zh-cn', 'zh-tw')
    >>> normalise_languages(["eng"])
    Traceback (most recent call last):
    ...
    cleaner.errors.ConfigError: unknown language code 'eng': langdetect answers af, ar, bg, bn, ca, cs, cy, da, de, el, en, es, et, fa, fi, fr, gu, he, hi, hr, hu, id, it, ja, kn, ko, lt, lv, mk, ml, mr, ne, nl, no, pa, pl, pt, ro, ru, sk, sl, so, sq, sv, sw, ta, te, th, tl, tr, uk, ur, vi, zh (zh-cn, zh-tw)
    """
    from .language import detectable_languages

    known = detectable_languages()
    out: set[str] = set()
    for code in codes:
        wanted = code.strip().lower().replace("_", "-")
        matches = [k for k in known if k == wanted or k.split("-")[0] == wanted]
        if not matches:
            groups: dict[str, list[str]] = {}
            for k in known:
                groups.setdefault(k.split("-")[0], []).append(k)
            listed = ", ".join(base if group == [base] else f"{base} ({', '.join(group)})" for base, group in groups.items())
            raise ConfigError(f"unknown language code {code!r}: langdetect answers {listed}")
        out.update(matches)
    return tuple(sorted(out))


_KEYS = {
    "languages", "quotes", "disable", "enable", "packs", "language_sample_chars",
    "min_language_score", "max_removed_share", "layout", "ocr_repair", "max_file_bytes", "raw_dir", "clean_dir",
    "min_words", "duplicates", "duplicate_threshold",
}


#: The type each option must have, and how a message words it (``languages``, ``disable``,
#: ``enable`` and ``packs`` are checked where they are read).
_TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "quotes": ((str,), "a string"),
    "layout": ((str,), "a string"),
    "ocr_repair": ((str,), "a string"),
    "raw_dir": ((str,), "a string (a folder)"),
    "clean_dir": ((str,), "a string (a folder)"),
    "language_sample_chars": ((int,), "a whole number"),
    "max_file_bytes": ((int,), "a whole number of bytes"),
    "min_words": ((int,), "a whole number"),
    "duplicates": ((bool,), "true or false"),
    "duplicate_threshold": ((int, float), "a number"),
    "min_language_score": ((int, float), "a number"),
    "max_removed_share": ((int, float), "a number"),
}


def _type_name(value: Any) -> str:
    return {bool: "true/false", str: "a string", int: "a whole number", float: "a number", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def config_from_mapping(table: Mapping[str, Any], root: Path, source: str = "[tool.cleaner]") -> Config:
    """Build a Config from a ``[tool.cleaner]`` table; unknown keys and values of the wrong
    type are an error naming the key and the type expected, not a silent no-op."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{source} must be a table, not {_type_name(table)}")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{source}: unknown option(s): {', '.join(unknown)}")
    kwargs: dict[str, Any] = {"root": root}
    for key, value in table.items():
        if key in _TYPES:
            types, expected = _TYPES[key]
            if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
                raise ConfigError(f"{source}: {key} must be {expected}, not {_type_name(value)} ({value!r:.40})")
        if key == "languages":
            try:
                kwargs[key] = parse_languages(value)
            except ConfigError as exc:
                raise ConfigError(f"{source}: {exc}") from None
        elif key in ("disable", "enable"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: {key} must be a list of rule codes")
            kwargs[key] = frozenset(v.upper() for v in value)
        elif key == "packs":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: packs must be a list of file paths")
            kwargs[key] = tuple(value)
        else:
            kwargs[key] = value
    try:
        return Config(**kwargs)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None


#: A pyproject.toml that does not parse but seems to hold a ``[tool.cleaner]`` table.
_MENTIONS_CLEANER = re.compile(r"(?m)^\s*\[\s*tool\s*\.\s*cleaner\b|\btool\s*\.\s*cleaner\s*[.=]|^\s*cleaner\s*[.=]")


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's table, or a :class:`ConfigError` naming the file (not a regular file, too
    large, not UTF-8, invalid or too deeply nested TOML)."""
    from .safe_read import MAX_CONFIG_BYTES, read_regular

    try:
        text = read_regular(path, MAX_CONFIG_BYTES).decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None


def find_config(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.cleaner]`` table, from ``start`` upwards.
    One that seems to have the table but cannot be read is returned too: it decides (and
    :func:`load_config` reports what is wrong with it), rather than a folder further up."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            data = _read_toml(candidate)
        except ConfigError:
            from .safe_read import read_regular

            try:
                text = read_regular(candidate, 1 << 20).decode("utf-8", "replace")
            except OSError:
                continue
            if _MENTIONS_CLEANER.search(text):
                return candidate
            continue
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "cleaner" in tool:
            return candidate
    return None


def load_config(path: str | Path | None = None, start: str | Path | None = None, **overrides: Any) -> Config:
    """Read the configuration.

    ``path`` is a ``pyproject.toml`` (its ``[tool.cleaner]`` table) or a standalone TOML file whose
    top level is the table. Without ``path`` the nearest ``pyproject.toml`` with ``[tool.cleaner]``
    above ``start`` (default: the current folder) is used; without one, the defaults. The config
    file's folder is the corpus root. ``overrides`` (e.g. from the CLI) win over the file.
    """
    start_dir = Path(start) if start is not None else Path.cwd()
    if path is None:
        found = find_config(start_dir)
        if found is None:
            config = Config(root=start_dir.resolve())
            return config.replace(**overrides) if overrides else config
        path = found
    path = Path(path)
    data = _read_toml(path)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool must be a table ([tool.cleaner]), not {_type_name(tool)}")
    if path.name == "pyproject.toml":
        table = tool.get("cleaner", {})
        source = f"{path}: [tool.cleaner]"
    else:
        table = tool.get("cleaner", data)
        source = str(path)
    config = config_from_mapping(table, path.resolve().parent, source)
    return config.replace(**overrides) if overrides else config


@lru_cache(maxsize=64)
def _file_digest(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def config_hash(config: Config, pack_files: tuple[Path, ...]) -> str:
    """A short stable hash of everything besides the raw bytes and the version that shapes a record.

    ``pack_files`` are all rule packs in use (built-in and user), so editing a phrase list makes
    records stale just like changing an option.
    """
    payload = json.dumps(config_settings(config, pack_files), sort_keys=True)
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def config_settings(config: Config, pack_files: tuple[Path, ...]) -> dict[str, Any]:
    """What :func:`config_hash` hashes: the settings that shape a record and each rule pack's
    name and digest (the run index keeps it, so a stale record can say what changed)."""
    digests = []
    for pack in pack_files:
        st = pack.stat()
        digests.append([pack.name, _file_digest(pack, st.st_mtime_ns, st.st_size)])
    return {"config": config.hashed_fields(), "packs": digests}
