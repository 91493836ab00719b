"""The progress bar of ``cleaner run`` on a terminal.

One line on stderr, redrawn in place at most ten times a second::

    cleaning  [#########...........]  4510/10000  45%  212.3 files/s  ETA 0:26  3 rejected

Shown only when stderr is a terminal (and ``TERM`` is not ``dumb``); never in a pipe, a log
file or CI, and not with ``--quiet``. The line is erased when the run ends, so the summary line
and the reject lines that follow are all that stays on screen.
"""

from __future__ import annotations

import os
import shutil
import time
from typing import IO, Any

REDRAW_SECONDS = 0.1


def wanted(stream: IO[str], quiet: bool = False) -> bool:
    """Should a progress bar be drawn on ``stream``?"""
    if quiet or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def format_eta(seconds: float) -> str:
    """
    >>> format_eta(7), format_eta(125), format_eta(3725)
    ('0:07', '2:05', '1:02:05')
    """
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render(done: int, total: int, elapsed: float, rejected: int, width: int = 80,
           measured: tuple[int, float] | None = None) -> str:
    """The progress line for ``done`` of ``total`` files after ``elapsed`` seconds. The rate
    (and so the ETA) comes from ``measured`` -- files done and seconds since the first result --
    when given, so start-up (loading profiles, starting workers) does not count as cleaning.

    >>> render(50, 200, 10.0, 2, width=100)
    'cleaning  [#####...............]   50/200   25%  5.0 files/s  ETA 0:30  2 rejected'
    >>> render(50, 200, 10.0, 2, width=40)  # a narrow terminal: no bar, the line cut
    'cleaning     50/200   25%  5.0 files/s '
    >>> render(0, 0, 0.0, 0, width=100)
    'cleaning  [####################]  0/0  100%  - files/s  ETA -  0 rejected'
    >>> render(60, 200, 30.0, 0, width=100, measured=(50, 2.0))  # 28 s of start-up left out
    'cleaning  [######..............]   60/200   30%  25.0 files/s  ETA 0:06  0 rejected'
    """
    share = done / total if total else 1.0
    counted, seconds = measured if measured is not None else (done, elapsed)
    rate = counted / seconds if seconds > 0 and counted else 0.0
    eta = format_eta((total - done) / rate) if rate else "-"
    rate_text = f"{rate:.1f}" if rate else "-"
    count = f"{done:>{len(str(total))}}/{total}"
    tail = f"  {count}  {share:4.0%}  {rate_text} files/s  ETA {eta}  {rejected} rejected"
    bar_width = max(0, min(20, width - len("cleaning  []") - len(tail) - 1))
    filled = int(bar_width * share)
    bar = f"[{'#' * filled}{'.' * (bar_width - filled)}]" if bar_width >= 5 else ""
    return (f"cleaning  {bar}{tail}")[: max(10, width - 1)]


class ProgressBar:
    """Draws :func:`render` on ``stream`` while a run goes on. Use ``start(total)``,
    ``update(outcome, summary)`` per file, ``close()`` at the end (they match the
    ``on_start``/``on_outcome`` hooks of :func:`cleaner.runner.run`)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0
        self.rejected = 0
        self._started = time.monotonic()
        self._drawn = 0.0
        self._visible = False
        #: Files done and the time at the first result: the rate is measured from there.
        self._first: tuple[int, float] | None = None

    def start(self, total: int) -> None:
        self.total = total
        self._started = time.monotonic()
        self._draw(force=True)

    def update(self, outcome: Any, summary: Any) -> None:
        self.done = summary.total
        self.rejected = summary.rejected
        if self._first is None:
            self._first = (self.done, time.monotonic())
        self._draw(force=self.done >= self.total)

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._drawn < REDRAW_SECONDS:
            return
        self._drawn = now
        width = shutil.get_terminal_size((80, 24)).columns
        measured = (self.done - self._first[0], now - self._first[1]) if self._first is not None else (0, 0.0)
        line = render(self.done, self.total, now - self._started, self.rejected, width, measured)
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._visible = True

    def close(self) -> None:
        """Erase the bar (the summary line takes its place)."""
        if self._visible:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._visible = False
