"""Reading one raw file as a run reads it: the size limit, no hang on a FIFO or a device that
took a file's place, and no symlink followed that took a file's place after discovery (used by
the runner, ``cleaner explain`` and ``api.clean_file``)."""

from __future__ import annotations

import errno
import os
import stat as stat_module

from . import rejects
from .errors import RejectError


def read_raw(path: str, limit: int, follow: bool = True) -> bytes:
    """The bytes of one raw file (see :func:`read_raw_with_stat`)."""
    return read_raw_with_stat(path, limit, follow)[0]



def read_raw_with_stat(path: str, limit: int, follow: bool = True) -> tuple[bytes, os.stat_result]:
    """The bytes of one raw file and its stat, read without blocking on a FIFO or device that
    took the place of a file after discovery, without following a symlink unless ``follow``
    (one that took the place of a file after discovery could lead anywhere), and without more
    than ``limit`` + 1 bytes in memory; or a :class:`RejectError`."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags if follow else flags | getattr(os, "O_NOFOLLOW", 0))
    except IsADirectoryError:
        raise RejectError(rejects.NOT_A_FILE, "is a directory, not a file") from None
    except OSError as exc:
        if not follow and exc.errno == errno.ELOOP and os.path.islink(path):
            raise RejectError(rejects.OUTSIDE_TREE, "became a symlink after the run found it; not followed") from None
        raise RejectError(rejects.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat_module.S_ISDIR(info.st_mode):
            raise RejectError(rejects.NOT_A_FILE, "is a directory, not a file")
        if not stat_module.S_ISREG(info.st_mode):
            raise RejectError(rejects.NOT_A_FILE, "is not a regular file (a FIFO, socket or device)")
        if info.st_size > limit:
            raise RejectError(rejects.TOO_LARGE, f"file is {info.st_size} bytes, over the limit of {limit} (max_file_bytes)")
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks), info
    except OSError as exc:
        raise RejectError(rejects.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
