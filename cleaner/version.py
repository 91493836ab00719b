"""The cleaner's version: part of every record, so a rule change shows up as stale records."""

__version__ = "0.1.0"
