"""What every executor provides, and the bounded, ordered scheduling they share."""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Done:
    """An item whose result is already known (e.g. a record confirmed current by the run
    index): executors yield ``result`` in its place, in order, without sending it to a worker
    or starting one for it."""

    result: Any


class Executor(Protocol):
    """Runs a step over items and yields the results in item order."""

    #: Short name for reports (``serial``, ``local``, ``ray``).
    name: str
    #: How many steps run at once.
    jobs: int

    def map(self, step: Callable[[Any], Any], items: Iterable[Any], total: int | None = None) -> Iterator[Any]:
        """Results of ``step(item)`` in the order of ``items`` (for a :class:`Done` item, its
        result). Items are read lazily; a bounded number are in flight at any time, so memory
        does not grow with the input. ``total`` (how many items, if known) helps choose the
        chunk size."""
        ...

    def close(self) -> None:
        """Release workers. Safe to call twice."""
        ...


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_chunk(step: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    """Apply ``step`` to a chunk of items (what a worker does with one unit of work)."""
    return [step(item) for item in chunk]


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), read lazily.

    >>> list(chunks(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while True:
        chunk = list(islice(iterator, size))
        if not chunk:
            return
        yield chunk


def ordered_chunks(submit: Callable[[list[Any]], Any], result: Callable[[Any], list[Any]], items: Iterable[Any],
                   chunk_size: int, window: int) -> Iterator[Any]:
    """Submit ``items`` in chunks, at most ``window`` chunks in flight, and yield the results in
    input order. ``submit(chunk)`` returns a handle (a future, a Ray object reference);
    ``result(handle)`` blocks until that chunk is done and returns its results. :class:`Done`
    items are not submitted (a chunk of nothing but them costs no round trip).

    The oldest chunk is always the one waited for, so results are in order and at most
    ``window * chunk_size`` items and results are held at any time.

    >>> list(ordered_chunks(lambda c: [x * 10 for x in c], lambda h: h, [0, 1, Done("two"), 3, 4], 2, 2))
    [0, 10, 'two', 30, 40]
    """
    in_flight: deque[tuple[list[Any], Any]] = deque()
    for chunk in chunks(items, chunk_size):
        todo = [item for item in chunk if not isinstance(item, Done)]
        in_flight.append((chunk, submit(todo) if todo else None))
        if len(in_flight) >= window:
            yield from _in_order(*in_flight.popleft(), result)
    while in_flight:
        yield from _in_order(*in_flight.popleft(), result)


def _in_order(chunk: list[Any], handle: Any, result: Callable[[Any], list[Any]]) -> Iterator[Any]:
    computed = iter(result(handle)) if handle is not None else iter(())
    for item in chunk:
        yield item.result if isinstance(item, Done) else next(computed)


def auto_chunk_size(jobs: int, hint: int | None = None) -> int:
    """Items per chunk: big enough that sending a chunk costs little next to cleaning it,
    small enough that workers stay evenly busy and progress moves smoothly.

    >>> auto_chunk_size(2), auto_chunk_size(2, hint=10), auto_chunk_size(64, hint=1_000_000)
    (16, 1, 64)
    """
    if hint is None:
        return 16
    return max(1, min(64, hint // (jobs * 8)))
