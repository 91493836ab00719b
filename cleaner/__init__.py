"""cleaner: a data-quality and OCR-cleanup toolkit for scraped news.

The public API (imports are lazy, so ``import cleaner`` stays fast for hooks)::

    from cleaner import clean_text, clean_file, load_config, Config
    result = clean_text(raw_text)          # Cleaned: text, fields, changes, warnings, language
    record = clean_file("raw/a.txt")       # a validated record dict (raises RejectError)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from .api import clean_bytes, clean_file, clean_text
    from .audit import apply_changes
    from .config import Config, load_config
    from .errors import CleanerError, ConfigError, RecordInvalid, RejectError
    from .runner import run

_EXPORTS = {
    "clean_text": "api",
    "clean_file": "api",
    "clean_bytes": "api",
    "apply_changes": "audit",
    "Config": "config",
    "load_config": "config",
    "CleanerError": "errors",
    "ConfigError": "errors",
    "RecordInvalid": "errors",
    "RejectError": "errors",
    "run": "runner",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
