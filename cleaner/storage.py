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


class AtomicFile:
    """A file written in pieces that appears at ``path`` only when :meth:`commit` is called
    (a hidden temporary file renamed over it); :meth:`discard` (or a crash) leaves ``path`` as
    it was. For outputs too big to build in memory (indexes, JSONL shards).

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> out = AtomicFile(folder / "a.txt")
    >>> out.write(b"one "), out.write(b"two"), (folder / "a.txt").exists()
    (0, 4, False)
    >>> out.commit(); (folder / "a.txt").read_bytes()
    b'one two'
    """

    def __init__(self, path: Path, fsync: bool = True) -> None:
        self.path = path
        self.fsync = fsync
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.temp_path = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=path.parent)
        self._fh = os.fdopen(fd, "wb")
        self.size = 0

    def write(self, data: bytes) -> int:
        """Append ``data``; returns the offset it was written at."""
        offset = self.size
        self._fh.write(data)
        self.size += len(data)
        return offset

    def close_temp(self) -> None:
        """Flush and close the temporary file (it can then be read back, compared, committed)."""
        if not self._fh.closed:
            self._fh.flush()
            if self.fsync:
                os.fsync(self._fh.fileno())
            self._fh.close()

    def commit(self) -> None:
        self.close_temp()
        os.chmod(self.temp_path, 0o644)
        os.replace(self.temp_path, self.path)

    def discard(self) -> None:
        if not self._fh.closed:
            self._fh.close()
        try:
            os.unlink(self.temp_path)
        except FileNotFoundError:
            pass
