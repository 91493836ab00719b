"""pre-commit hooks (``.pre-commit-hooks.yaml`` at the repository root).

Each hook is a module with ``main(argv) -> int`` over the Python API, like the hooks of
pre-commit-hooks: checks change nothing and exit 1 on findings; the fixer prints what it wrote
and exits 1 when it changed something, so the user re-stages. Hooks take the file names
pre-commit passes (in any order, possibly split over several calls) and keep to the files of
the configured corpus folders, so a ``notes.txt`` beside the corpus is left alone.

Imports are lazy: a hook on one or two files must start in well under a second.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

from ..cli import EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE  # noqa: F401 - the hooks' exit codes


def parser(prog: str, description: str, filenames: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description=description)
    if filenames:
        p.add_argument("filenames", nargs="*", metavar="FILE", help="files pre-commit passes; others than the corpus's are skipped")
    p.add_argument("--config", metavar="FILE", help="pyproject.toml or TOML file with [tool.cleaner] (default: the nearest pyproject.toml)")
    return p


def files_under(filenames: Iterable[str], folder: Path, suffix: str) -> list[str]:
    """The names that end in ``suffix`` and lie inside ``folder`` (without following symlinks:
    a symlinked raw file is judged by the cleaner, not skipped here)."""
    base = os.path.abspath(folder)
    chosen = []
    for name in filenames:
        if not name.endswith(suffix):
            continue
        absolute = os.path.abspath(name)
        if os.path.commonpath([base, absolute]) == base and absolute != base:
            chosen.append(name)
    return sorted(chosen)


def run_hook(prog: str, body: Callable[[], int]) -> int:
    """Run a hook body with the CLI's error conventions: ``prog: config error: ...`` and exit 2,
    internal errors exit 3 without a traceback."""
    from ..errors import ConfigError

    try:
        return body()
    except ConfigError as exc:
        print(f"{prog}: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # pragma: no cover - a bug; say so without a traceback
        print(f"{prog}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


def load_config(args: Any) -> Any:
    from ..config import load_config as load

    return load(args.config)


def refresh_command(args: Any) -> str:
    """The command that refreshes a record, as ``cleaner validate`` words it."""
    from ..cli import refresh_command as command

    return command(args)


def add_format_option(p: argparse.ArgumentParser) -> None:
    from ..findings import FORMATS

    p.add_argument("--format", choices=FORMATS, default="text", help="text (path:line:col: CODE message), json, or github")
