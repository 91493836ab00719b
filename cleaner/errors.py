"""Typed exceptions. Inside the package we raise these; the CLI turns them into
``path: CODE message`` lines and documented exit codes.

Exceptions with more than one argument define ``__reduce__``: a process pool or Ray sends an
exception raised in a worker back to the driver by pickling it, and the default pickling
rebuilds it from its message alone.
"""

from __future__ import annotations


class CleanerError(Exception):
    """Base class for every error the cleaner raises on purpose."""


class ConfigError(CleanerError):
    """The configuration (``[tool.cleaner]``, ``--config`` or a rule pack) is invalid."""


class RejectError(CleanerError):
    """A raw file cannot become a record. ``code`` is a stable reject code (see ``cleaner.rejects``)."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line

    def __reduce__(self) -> tuple:
        return (type(self), (self.code, self.message, self.line))

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class RecordInvalid(CleanerError):
    """A record does not match ``schemas/article.schema.json``; ``path`` is the JSON path of the field."""

    def __init__(self, message: str, path: str = "$") -> None:
        super().__init__(f"{path}: {message}")
        self.message = message
        self.path = path

    def __reduce__(self) -> tuple:
        return (type(self), (self.message, self.path))


class OutputError(CleanerError):
    """The output cannot be written (folder missing or read-only, disk full). The run stops;
    records already written are complete (they are written atomically)."""


class InternalError(CleanerError):
    """A bug: an unexpected exception while cleaning ``path`` (in ``rule`` when known). Raised
    instead of a REJ099 reject under ``--strict``; ``__cause__`` is the original exception."""

    def __init__(self, path: str, message: str, rule: str | None = None) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
        self.rule = rule

    def __reduce__(self) -> tuple:
        return (type(self), (self.path, self.message, self.rule))


class RuleCrash(Exception):
    """A rule raised while cleaning a text; carries the rule so the reject can name it. Not a
    :class:`CleanerError`: it is a bug, and reaches the runner as an internal error."""

    def __init__(self, code: str, name: str, error: BaseException) -> None:
        super().__init__(f"{code} ({name}): {type(error).__name__}: {error}")
        self.code = code
        self.name = name
        self.error = error

    def __reduce__(self) -> tuple:
        return (type(self), (self.code, self.name, self.error))
