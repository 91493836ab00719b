"""Atomic file writes: a reader (or a crash) never sees a half-written file.

Data goes to a hidden temporary file in the target's folder, is flushed and fsynced, and is then
renamed over the target (``os.replace`` is atomic on POSIX): after ``kill -9`` or a power cut the
target holds either its old bytes or its new bytes, never a mix. The folder itself is fsynced
once a batch is done (:func:`fsync_dir`), so the renames survive a power cut too.

Temporary files are named ``.cleaner-tmp-<pid>-<run token>-<random>.part`` and their writer holds
an exclusive ``flock`` on them while it writes. A killed run leaves some behind; the kernel drops
its locks, so :func:`clear_stale_temp_files` removes every temporary file nobody holds (past a
few seconds' grace for one just created), even when a live process has since taken the dead
writer's pid -- as happens in containers. Without ``flock`` (Windows) it falls back to the pid.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import tempfile
import time
from pathlib import Path

from .errors import OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TEMP_PREFIX = ".cleaner-tmp-"
#: A temporary file nobody holds a lock on is left alone this long after its last write (the
#: moment between its creation and its lock).
STALE_SECONDS = 10.0
_run_token = secrets.token_hex(4)


def _new_token() -> None:
    global _run_token
    _run_token = secrets.token_hex(4)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_new_token)


def temp_prefix() -> str:
    """The name prefix of this process's temporary files: its pid and a token of this run."""
    return f"{TEMP_PREFIX}{os.getpid()}-{_run_token}-"


def _hold(fd: int) -> None:
    """Lock a temporary file for as long as ``fd`` is open: the mark of a live writer."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def write_atomic(path: Path, data: bytes, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; raises :class:`OutputError` if it cannot."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(), suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        _hold(fd)
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


def _held(path: Path) -> bool | None:
    """Does a live writer hold this temporary file's lock? ``None`` where locks are unknown."""
    if fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True  # cannot look: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # releases a lock just taken
    return False


def _stale(path: Path) -> bool:
    try:
        st = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    owner = path.name[len(TEMP_PREFIX):].split("-", 1)[0]
    alive = owner.isdigit() and _process_alive(int(owner))
    held = _held(path)
    if held is None:  # no locks: a live process with that pid may be its writer
        return not alive
    return not held and (not alive or time.time() - st.st_mtime > STALE_SECONDS)


def clear_stale_temp_files(folder: Path) -> int:
    """Remove temporary files that killed runs left in ``folder``; returns how many. Files a
    live writer holds (another run writing here) are left alone."""
    if not folder.is_dir():
        return 0
    n = 0
    for entry in folder.iterdir():
        if not entry.name.startswith(TEMP_PREFIX) or not _stale(entry):
            continue
        try:
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
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, self.temp_path = tempfile.mkstemp(prefix=temp_prefix(), suffix=".part", dir=path.parent)
            _hold(fd)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        self._fh = os.fdopen(fd, "wb")
        self.size = 0

    def _failed(self, exc: OSError) -> OutputError:
        """Drop the temporary file after a failed write (a full disk): nothing half-written stays."""
        try:
            self._fh.close()
        except OSError:
            pass
        self.discard()
        return OutputError(f"cannot write {self.path}: {exc.strerror or exc}")

    def write(self, data: bytes) -> int:
        """Append ``data``; returns the offset it was written at."""
        offset = self.size
        try:
            self._fh.write(data)
        except OSError as exc:
            raise self._failed(exc) from exc
        self.size += len(data)
        return offset

    def close_temp(self) -> None:
        """Flush and close the temporary file (it can then be read back, compared, committed)."""
        if not self._fh.closed:
            try:
                self._fh.flush()
                if self.fsync:
                    os.fsync(self._fh.fileno())
                self._fh.close()
            except OSError as exc:
                raise self._failed(exc) from exc

    def commit(self) -> None:
        self.close_temp()
        try:
            os.chmod(self.temp_path, 0o644)
            os.replace(self.temp_path, self.path)
        except OSError as exc:
            raise self._failed(exc) from exc

    def discard(self) -> None:
        if not self._fh.closed:
            try:
                self._fh.close()
            except OSError:
                pass  # a full disk: the temporary file goes anyway
        try:
            os.unlink(self.temp_path)
        except FileNotFoundError:
            pass
