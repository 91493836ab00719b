"""Atomic file writes: a reader (or a crash) never sees a half-written file.

Data goes to a hidden temporary file in the target's folder, is flushed and fsynced, and is then
renamed over the target (``os.replace`` is atomic on POSIX). Temporary files left by a killed
run are recognisable by their prefix and removed by :func:`clear_stale_temp_files`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".cleaner-tmp-"


def write_atomic(path: Path, data: bytes, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (best effort; not every filesystem allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def clear_stale_temp_files(folder: Path) -> int:
    """Remove temporary files a killed run left in ``folder``; returns how many."""
    if not folder.is_dir():
        return 0
    n = 0
    for entry in folder.iterdir():
        if entry.name.startswith(TEMP_PREFIX) and entry.is_file():
            try:
                entry.unlink()
                n += 1
            except OSError:
                pass
    return n
