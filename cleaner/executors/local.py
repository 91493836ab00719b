"""Local executors: in this process, or in a pool of worker processes on this machine."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import signal
import sys
from typing import Any, Callable, Iterable, Iterator

from ..signals import die_with_parent
from .base import Done, auto_chunk_size, default_jobs, ordered_chunks, run_chunk


class SerialExecutor:
    """Runs the step in this process, one item after another."""

    name = "serial"
    jobs = 1

    def map(self, step: Callable[[Any], Any], items: Iterable[Any], total: int | None = None) -> Iterator[Any]:
        for item in items:
            yield item.result if isinstance(item, Done) else step(item)

    def close(self) -> None:
        pass


# The step of the current pool, set once per worker process by the initializer, so chunks carry
# only their items.
_worker_step: Callable[[Any], Any] | None = None


def _init_worker(step: Callable[[Any], Any], parent_pid: int) -> None:
    global _worker_step
    _worker_step = step
    # Ctrl-C and kill go to the whole process group; the parent handles them and stops the pool,
    # and a worker ends when its parent does, whatever killed it.
    die_with_parent(parent_pid)


def _run_worker_chunk(chunk: list[Any]) -> list[Any]:
    assert _worker_step is not None, "worker used before its initializer ran"
    return run_chunk(_worker_step, chunk)


#: How often the parent wakes while it waits for a chunk (seconds).
SIGNAL_POLL_SECONDS = 0.2


def _result_between_signals(future: concurrent.futures.Future) -> Any:
    """The chunk's results, waiting in short steps. A signal sent to the process (Ctrl-C, a
    worker's kill) may be taken by one of the pool's threads; Python runs its handler only when
    the main thread runs again, and a main thread blocked on the future for a whole chunk would
    run it only then. Waking every few tenths of a second stops a run within that time."""
    while not future.done():
        concurrent.futures.wait((future,), timeout=SIGNAL_POLL_SECONDS)
    return future.result()


def _context() -> Any:
    """``fork`` where it is safe and cheap (Linux: workers inherit the loaded rule packs and
    language profiles), else the platform default."""
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes fed in chunks, at most ``window`` chunks in flight
    (default ``3 * jobs``: every worker has one chunk running and two waiting). A step with a
    ``prepare()`` method is prepared in this process before the workers are forked."""

    name = "local"

    def __init__(self, jobs: int | None = None, chunk_size: int | None = None, window: int | None = None) -> None:
        self.jobs = jobs or default_jobs()
        self.chunk_size = chunk_size
        self.window = window or 3 * self.jobs
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None

    def map(self, step: Callable[[Any], Any], items: Iterable[Any], total: int | None = None) -> Iterator[Any]:
        self.close()
        size = self.chunk_size or auto_chunk_size(self.jobs, total)
        try:
            yield from ordered_chunks(lambda chunk: self._start(step).submit(_run_worker_chunk, chunk),
                                      _result_between_signals, items, size, self.window)
        except KeyboardInterrupt:
            self.stop()  # Ctrl-C: do not wait for the chunks in flight (seconds of work each)
            raise

    def _start(self, step: Callable[[Any], Any]) -> concurrent.futures.ProcessPoolExecutor:
        """The pool, started on the first chunk that needs work (a run with nothing to
        compute starts no process)."""
        if self._pool is None:
            context = _context()
            prepare = getattr(step, "prepare", None)
            if prepare is not None and context.get_start_method() == "fork":
                prepare()  # loaded once here, inherited by every worker
            self._pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=context, initializer=_init_worker, initargs=(step, os.getpid()))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def stop(self) -> None:
        """Stop at once: the workers are terminated, their chunks dropped (an interrupted run
        keeps only what it wrote; results still in flight were never written)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # SIGKILL: workers ignore the stop signals (``signals.die_with_parent``).
        if hasattr(pool, "terminate_workers"):  # Python 3.14+
            pool.terminate_workers(signal.SIGKILL)
        else:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
        pool.shutdown(wait=True, cancel_futures=True)
