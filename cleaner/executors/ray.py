"""The Ray executor: the same step, run as Ray tasks on a local or remote Ray cluster.

``ray.init()`` starts a local Ray instance with ``jobs`` CPUs unless an address is given
(``--ray-address``, or the ``RAY_ADDRESS`` environment variable that ``ray start`` and
``ray job submit`` set), in which case it joins that cluster. The step is put in the object
store once; chunks of items go out as tasks, at most ``window`` at a time, and their results
come back in order, so records are byte-identical to a local run.

Every node needs ``cleaner`` installed (the same version: records carry it) and must be able to
read the raw files at the paths the driver sees (a shared filesystem); the driver writes the
output folder. See "Running on a Ray cluster" in the README.
"""

from __future__ import annotations

import logging
from itertools import chain
from typing import Any, Callable, Iterable, Iterator

from ..errors import CleanerError
from .base import Done, auto_chunk_size, default_jobs, ordered_chunks, run_chunk


class RayUnavailable(CleanerError):
    """``--backend ray`` without Ray installed, or Ray failed to start or connect."""


_remote_run_chunk: Any = None


def _remote(ray: Any) -> Any:
    global _remote_run_chunk
    if _remote_run_chunk is None:
        _remote_run_chunk = ray.remote(num_cpus=1, max_retries=2)(run_chunk)
    return _remote_run_chunk


class RayExecutor:
    """Runs chunks of items as Ray tasks, at most ``window`` chunks in flight (default: three
    per CPU of the cluster). Ray is started (or joined) on the first item that needs work, so a
    run with nothing to compute starts nothing."""

    name = "ray"

    def __init__(self, address: str | None = None, jobs: int | None = None, chunk_size: int | None = None, window: int | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise RayUnavailable("the Ray backend needs Ray: pip install 'cleaner-news[ray]'") from None
        self._ray = ray
        self.address = address
        self.jobs = jobs or default_jobs()
        self.chunk_size = chunk_size
        self.window = window
        self._started = False

    def _ensure_started(self) -> None:
        ray = self._ray
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"logging_level": logging.WARNING}
            if self.address:
                kwargs["address"] = self.address
            else:
                # A local instance with ``jobs`` CPUs (or the cluster named by RAY_ADDRESS,
                # which ray.init reads itself).
                kwargs["num_cpus"] = self.jobs
                kwargs["include_dashboard"] = False
            try:
                ray.init(**kwargs)
            except Exception as exc:  # connection refused, bad address, no resources
                raise RayUnavailable(f"cannot start or join Ray ({self.address or 'local'}): {exc}") from None
            self._started = True
        self.jobs = max(1, int(ray.cluster_resources().get("CPU", self.jobs)))

    def map(self, step: Callable[[Any], Any], items: Iterable[Any], total: int | None = None) -> Iterator[Any]:
        iterator = iter(items)
        for item in iterator:
            if isinstance(item, Done):
                yield item.result
                continue
            self._ensure_started()
            ray = self._ray
            remote = _remote(ray)
            step_ref = ray.put(step)
            size = self.chunk_size or auto_chunk_size(self.jobs, total)
            yield from ordered_chunks(lambda chunk: remote.remote(step_ref, chunk), ray.get, chain([item], iterator), size,
                                      self.window or 3 * self.jobs)
            return

    def close(self) -> None:
        if self._started:
            self._ray.shutdown()
            self._started = False
