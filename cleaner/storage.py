"""Atomic file writes: a reader (or a crash) never sees a half-written file.

Data goes to a hidden temporary file in the target's folder, is flushed and fsynced, and is then
renamed over the target (``os.replace`` is atomic on POSIX): after ``kill -9`` or a power cut the
target holds either its old bytes or its new bytes, never a mix. The folder itself is fsynced
once a batch is done (:func:`fsync_dir`), so the renames survive a power cut too.

Temporary files carry the writing process's id (``.cleaner-tmp-<pid>-<random>.part``). A killed
run leaves some behind; :func:`clear_stale_temp_files` removes those whose process is gone, and
never the ones of a run still writing into the same folder.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import OutputError

TEMP_PREFIX = ".cleaner-tmp-"


def write_atomic(path: Path, data: bytes, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; raises :class:`OutputError` if it cannot."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
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


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError as exc:  # pragma: no cover - other platforms
        return exc.errno != errno.ESRCH
    return True


def clear_stale_temp_files(folder: Path) -> int:
    """Remove temporary files that killed runs left in ``folder``; returns how many. Files of a
    process that is still alive (another run writing here) are left alone."""
    if not folder.is_dir():
        return 0
    n = 0
    for entry in folder.iterdir():
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        owner = entry.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if owner.isdigit() and _process_alive(int(owner)):
            continue
        try:
            if entry.is_file() and not entry.is_symlink():
                entry.unlink()
                n += 1
        except OSError:
            pass
    return n


def prepare_output_folder(folder: Path) -> None:
    """Create the output folder if needed and clear what killed runs left in it; raises
    :class:`OutputError` when the folder cannot be used (a file in its place, no permission)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {folder}: {exc.strerror or exc}") from exc
    if not folder.is_dir():
        raise OutputError(f"the output folder {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to the output folder {folder}: permission denied")
    clear_stale_temp_files(folder)
    ignore_private_files(folder)


#: Hidden files a run keeps in its output folder (the run index, the shard table, temporary
#: files): machine-specific, never part of the corpus.
PRIVATE_PATTERN = ".cleaner-*"
GITIGNORE_BLOCK = (f"# Written by cleaner: its run index and temporary files are machine-specific, not part of\n"
                   f"# the corpus (committed, they would change under every pre-commit run).\n{PRIVATE_PATTERN}\n")


def ignore_private_files(folder: Path) -> None:
    """Make git ignore the run's private files in ``folder``: a ``.gitignore`` holding
    :data:`PRIVATE_PATTERN`, written when there is none and appended to one that lacks it.
    Best effort: a corpus outside git, or a read-only ``.gitignore``, runs all the same."""
    path = folder / ".gitignore"
    try:
        existing = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = None
    except (OSError, UnicodeDecodeError):
        return
    if existing is not None and PRIVATE_PATTERN in existing.splitlines():
        return
    text = GITIGNORE_BLOCK if not existing else existing + ("" if existing.endswith("\n") else "\n") + GITIGNORE_BLOCK
    try:
        write_atomic(path, text.encode("utf-8"))
    except OutputError:
        pass


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
        fd, self.temp_path = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".part", dir=path.parent)
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
