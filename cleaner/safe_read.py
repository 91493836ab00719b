"""Reading files a stranger may have committed: records, reports, indexes, configs.

A corpus repository is untrusted input. Git stores symlinks, so a record, the rejects report or
the index can be a symlink to ``/dev/zero``; a FIFO in their place would block a reader forever.
Everything the tool reads besides raw files (``runner.read_raw_with_stat``) goes through here:
opened without blocking, refused unless it is a regular file, and never read past a limit.
JSON from such files is parsed with :func:`loads_untrusted`, which turns nesting too deep for
the parser into a ``ValueError`` like any other malformed JSON.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from typing import IO, Any

#: The most bytes read from a rejects report, an index or a record (records can be several
#: times larger than their raw file: a long line with many edits logs many spans).
MAX_DATA_BYTES = 1 << 30
#: The most bytes read from a configuration file.
MAX_CONFIG_BYTES = 1 << 20


class NotRegularFile(OSError):
    """The path is a FIFO, socket, device or directory: refused, not read."""


def open_regular(path: "str | os.PathLike[str]", follow_symlinks: bool = True) -> IO[bytes]:
    """``path`` opened for reading in binary mode, if it is a regular file; otherwise an
    :class:`OSError` (:class:`NotRegularFile` for anything but a regular file)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow_symlinks and exc.errno == errno.ELOOP and os.path.islink(path):
            raise NotRegularFile(errno.ELOOP, "a symlink, not a regular file; not read") from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file (a FIFO, socket, device or directory); not read")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: "str | os.PathLike[str]", limit: int = MAX_DATA_BYTES, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; otherwise an :class:`OSError`."""
    with open_regular(path, follow_symlinks) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit} bytes; not read")
    return data


def loads_untrusted(data: "str | bytes") -> Any:
    """``json.loads``, with nesting too deep to parse reported as a ``ValueError``."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("nested too deeply to parse") from None
