"""A rule's settings: one frozen dataclass per rule, read once from its ``[CODE]`` pack table.

Each field is one key of the table, with its type and default written once::

    @dataclass(frozen=True)
    class TagLineOptions(Options):
        labels: tuple[str, ...] = ()
        max_items: int = setting(20, minimum=1)

A TOML list becomes a tuple. A key the rule does not have (``phrasess``, ``wher``), a value of
the wrong type or out of range is a :class:`~cleaner.errors.ConfigError` naming the pack file,
the rule and the key (the CLI exits 2).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Literal, Mapping

from ..errors import ConfigError


def setting(default: Any, *, minimum: float | None = None, maximum: float | None = None) -> Any:
    """A field with a default and, for numbers, the least and the greatest value allowed."""
    return dataclasses.field(default=default, metadata={"bounds": (minimum, maximum)})


@dataclass(frozen=True)
class Options:
    """No settings: a rule without a pack table (or with an empty one)."""

    @classmethod
    def read(cls, table: Mapping[str, Any], code: str, source: "Callable[[str], str] | None" = None) -> "Options":
        """The options in ``table`` (the rule's merged pack table); ``source(key)`` names the
        pack file a key came from, for the error message."""

        def where(key: str) -> str:
            file = source(key) if source is not None else None
            return f"{file}: [{code}] {key}" if file else f"[{code}] {key}"

        hints = _hints(cls)
        values: dict[str, Any] = {}
        for key, value in table.items():
            field = hints.get(key)
            if field is None:
                known = ", ".join(sorted(hints)) or "none"
                raise ConfigError(f"{where(key)}: unknown setting (this rule's settings: {known})")
            kind, bounds = field
            values[key] = _convert(value, kind, bounds, where(key))
        return cls(**values)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, tuple[Any, tuple[float | None, float | None]]]:
    hints = typing.get_type_hints(cls)
    return {f.name: (hints[f.name], f.metadata.get("bounds", (None, None))) for f in dataclasses.fields(cls) if f.init}


#: Types a TOML value has as it is, with how an error names them.
_PLAIN: dict[type, str] = {bool: "true or false", str: "a string"}


def _convert(value: Any, kind: Any, bounds: tuple[float | None, float | None], where: str) -> Any:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (kind,) = [a for a in args if a is not type(None)]
        return _convert(value, kind, bounds, where)
    if origin is Literal:
        if value not in args:
            raise ConfigError(f"{where} must be one of {', '.join(map(repr, args))}, got {value!r}")
        return value
    if origin is tuple and args[1:] == (Ellipsis,) and typing.get_origin(args[0]) is tuple:  # pairs, triples
        size = len(typing.get_args(args[0]))
        if not isinstance(value, list) or not all(isinstance(v, list) and len(v) == size and all(isinstance(x, str) for x in v) for v in value):
            raise ConfigError(f"{where} must be a list of lists of {size} strings, got {value!r}")
        return tuple(tuple(v) for v in value)
    if origin is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where} must be a list of strings, got {value!r}")
        return tuple(value)
    if origin is dict:  # a table: one entry per key (per language, say)
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be a table, got {value!r}")
        return {str(k): _convert(v, args[1], bounds, f"{where}.{k}") for k, v in value.items()}
    if kind in _PLAIN:
        if not isinstance(value, kind):
            raise ConfigError(f"{where} must be {_PLAIN[kind]}, got {value!r}")
        return value
    if kind is int or kind is float:
        ok = isinstance(value, int) if kind is int else isinstance(value, (int, float))
        if not ok or isinstance(value, bool):
            raise ConfigError(f"{where} must be {'an integer' if kind is int else 'a number'}, got {value!r}")
        minimum, maximum = bounds
        if minimum is not None and value < minimum:
            raise ConfigError(f"{where} must be at least {minimum}, got {value!r}")
        if maximum is not None and value > maximum:
            raise ConfigError(f"{where} must be at most {maximum}, got {value!r}")
        return kind(value)
    raise TypeError(f"{where}: unsupported option type {kind!r}")  # a bug in a rule's Options
