"""Stopping cleanly on a signal, and worker processes that never outlive their parent.

``SIGTERM`` (``kill``, systemd, CI timeouts), ``SIGHUP`` (a closed terminal) and ``SIGQUIT``
stop a command as Ctrl-C does: :class:`Stopped` is a ``KeyboardInterrupt``, so the same clean-up
runs (the pool is shut down, what is complete is kept, temporary files go) and the command exits
with ``128 + signal number`` and a message. A worker process must not outlive its parent
whatever kills it, ``kill -9`` included: on Linux the kernel sends it ``SIGKILL`` when the parent
dies (``prctl(PR_SET_PDEATHSIG)``), and everywhere a watchdog thread ends it once its parent is
gone (its parent pid changes).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

#: The signals that stop a command like Ctrl-C (those this platform has).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name))
_PR_SET_PDEATHSIG = 1
#: How often the watchdog looks for its parent.
WATCHDOG_SECONDS = 1.0


class Stopped(KeyboardInterrupt):
    """Raised in the main thread when a stop signal arrives."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise_stopped(signum: int, frame: object) -> None:
    raise Stopped(signum)


def install_stop_handlers() -> None:
    """Make the stop signals raise :class:`Stopped` in the main thread (from another thread,
    e.g. ``cleaner.cli.main`` called by an application, nothing is changed)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_stopped)


def die_with_parent(parent_pid: int) -> None:
    """In a worker process: end when ``parent_pid`` (the process that started it) ends. The
    parent handles the stop signals and stops its workers itself, so they ignore them."""
    for signum in (signal.SIGINT, *STOP_SIGNALS):
        signal.signal(signum, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watchdog remains
            pass
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="parent-watchdog", daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)
