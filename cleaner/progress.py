"""The progress bar of ``cleaner run`` on a terminal.

One line on stderr (drawn by tqdm), redrawn in place at most ten times a second::

    cleaning  [#########...........]  4510/10000   45%  212.30 files/s  ETA 00:26, 3 rejected

Shown only when stderr is a terminal (and ``TERM`` is not ``dumb``); never in a pipe, a log
file or CI, and not with ``--quiet``. The line is erased when the run ends, so the summary line
and the reject lines that follow are all that stays on screen.
"""

from __future__ import annotations

import os
import shutil
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


class ProgressBar:
    """A tqdm bar on ``stream`` while a run goes on. Use ``start(total)``, ``update(outcome,
    summary)`` per file, ``close()`` at the end (they match the ``on_start``/``on_outcome``
    hooks of :func:`cleaner.runner.run`)."""

    BAR_FORMAT = "{desc}  [{bar:20}]  {n_fmt}/{total_fmt}  {percentage:3.0f}%  {rate_fmt}  ETA {remaining}{postfix}"

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self._bar: Any = None
        self._rejected = 0
        #: Whether a result came: the rate (and so the ETA) is measured from the first one, so
        #: start-up (loading profiles, starting workers) does not count as cleaning.
        self._measuring = False

    def start(self, total: int) -> None:
        from tqdm import tqdm

        # The size is given: tqdm asks the terminal, and a pseudo-terminal with no size set would
        # make it hide the bar (shutil falls back to 80x24 there).
        size = shutil.get_terminal_size((80, 24))
        self._bar = tqdm(total=total, file=self.stream, desc="cleaning", unit=" files", ascii=".#", leave=False,
                         mininterval=REDRAW_SECONDS, ncols=size.columns, nrows=max(2, size.lines), bar_format=self.BAR_FORMAT,
                         smoothing=0)
        self._bar.set_postfix_str("0 rejected", refresh=True)

    def update(self, outcome: Any, summary: Any) -> None:
        bar = self._bar
        if bar is None:
            return
        if summary.rejected != self._rejected:
            self._rejected = summary.rejected
            bar.set_postfix_str(f"{summary.rejected} rejected", refresh=False)
        if not self._measuring:
            self._measuring = True
            bar.n = bar.initial = summary.total  # tqdm's rate is (n - initial) / elapsed
            bar.start_t = bar.last_print_t = bar._time()
            bar.refresh()
            return
        bar.update(summary.total - bar.n)
        if summary.total >= bar.total:
            bar.refresh()

    def close(self) -> None:
        """Erase the bar (the summary line takes its place)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
