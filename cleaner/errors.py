"""Typed exceptions. Inside the package we raise these; the CLI turns them into
``path: CODE message`` lines and documented exit codes."""

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

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class RecordInvalid(CleanerError):
    """A record does not match ``schemas/article.schema.json``; ``path`` is the JSON path of the field."""

    def __init__(self, message: str, path: str = "$") -> None:
        super().__init__(f"{path}: {message}")
        self.message = message
        self.path = path
