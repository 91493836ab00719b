"""Executors: who runs the cleaning step, and where.

An executor takes a step (a picklable callable: one item in, one result out) and an iterable of
items, and yields the results **in item order**, reading the items lazily and keeping only a
bounded number in flight. It owns processes, machines and scheduling; it never knows what the
step does, and the step never knows which executor runs it (the spirit of datatrove's
executors). Because results come back in order, the output does not depend on the executor or
on the number of workers.

* :class:`SerialExecutor` -- in this process, one item after another (``--jobs 1``);
* :class:`ProcessPoolExecutor` -- a local process pool fed in chunks (``--jobs N``);
* :class:`RayExecutor` -- Ray tasks on a local or remote Ray cluster (``--backend ray``;
  ``pip install 'cleaner-news[ray]'``).
"""

from __future__ import annotations

from typing import Any

from .base import Done, Executor, default_jobs, ordered_chunks
from .local import ProcessPoolExecutor, SerialExecutor

BACKENDS = ("local", "ray")

__all__ = ["BACKENDS", "Done", "Executor", "ProcessPoolExecutor", "RayExecutor", "SerialExecutor", "default_jobs", "make_executor", "ordered_chunks"]


def make_executor(backend: str = "local", jobs: int | None = None, ray_address: str | None = None, chunk_size: int | None = None) -> Executor:
    """The executor for ``--backend`` and ``--jobs``: serial for one local job, a process pool
    for more, Ray for ``ray`` (its ``jobs`` is the number of CPUs of a local Ray instance)."""
    jobs = jobs or default_jobs()
    if backend == "ray":
        from .ray import RayExecutor

        return RayExecutor(address=ray_address, jobs=jobs, chunk_size=chunk_size)
    if backend != "local":
        raise ValueError(f"unknown backend {backend!r} (choose from {', '.join(BACKENDS)})")
    if jobs <= 1:
        return SerialExecutor()
    return ProcessPoolExecutor(jobs=jobs, chunk_size=chunk_size)


def __getattr__(name: str) -> Any:
    if name == "RayExecutor":  # imported lazily: Ray is an optional extra
        from .ray import RayExecutor

        return RayExecutor
    raise AttributeError(f"module 'cleaner.executors' has no attribute {name!r}")
