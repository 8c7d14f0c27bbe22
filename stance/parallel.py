"""Work in parallel: chunks of documents mapped over worker processes, in input order.

:func:`map_chunks` is the one place where workers are started. On Linux they are forked once the
model is loaded, so they share it (and every imported module) with the parent and start at
once; per chunk only the documents go out and the results come back. Elsewhere joblib's workers
are used. Workers ignore Ctrl-C (the parent keeps what is finished and stops them) and die
with the parent, however it dies.

Examples
--------
>>> [len(c) for c in batched(range(5), 2)]
[2, 2, 1]
>>> list(map_chunks(lambda chunk: [x * 10 for x in chunk], batched(range(5), 2), 1))
[0, 10, 20, 30, 40]
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import signal
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["batched", "can_fork", "check_jobs", "map_chunks"]

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items``, read lazily, as lists of ``size`` (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# What forked workers need (the work and its model and gazetteer), under a key per run: a forked
# process starts as a copy of this one, so nothing here is pickled or loaded again.
_SHARED: dict[int, tuple[Any, tuple[Any, ...]]] = {}
_KEYS = itertools.count()


def _shared_work(key: int, chunk: list) -> Any:
    work, args = _SHARED[key]
    return work(chunk, *args)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _worker_init(parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it (it keeps what is
    # finished and stops the workers), so a worker does not die mid-chunk with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker when ``parent`` dies, however it dies (SIGKILL included).

    Linux delivers SIGTERM to the worker when the thread that forked it ends
    (``PR_SET_PDEATHSIG``); where that call is missing, a daemon thread checks once a second
    that the parent is still there. Either way a parent that died before this ran is noticed
    at once, by the worker's parent id having changed.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0
    except (OSError, AttributeError):
        armed = False
    if os.getppid() != parent:
        os._exit(1)
    if not armed:
        import threading

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, name="stance-parent-watch", daemon=True).start()


def can_fork() -> bool:
    """Whether worker processes are forked from this one (Linux), sharing what it has loaded."""
    # fork is safe and cheap on Linux; elsewhere (macOS system libraries, Windows) it is
    # unsafe or missing, and the workers are fresh processes sent what they need.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def check_jobs(n_jobs: object) -> int:
    """``n_jobs`` if it is a usable number of worker processes (joblib's convention: 1 works
    in this process, -1 uses every core, -2 all but one), else a ValueError saying why."""
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise ValueError(
            f"jobs must be a whole number of worker processes other than 0 (1 = no workers, "
            f"-1 = one per core), got {n_jobs!r}"
        )
    return n_jobs


def map_chunks(work: Any, chunked: Iterable[list], n_jobs: int, *args: Any) -> Iterator[Any]:
    """``work(chunk, *args)`` for every chunk, its results flattened and in input order; in
    joblib worker processes when ``n_jobs > 1`` (a generator: memory stays bounded).

    On Linux the workers are forked once the model is loaded, so they start at once and
    share it (and every module already imported) with this process: per chunk only the
    documents go out and the results come back. (joblib's own fork backend cannot hand results
    back as they come, so this uses ``concurrent.futures`` with joblib's count of workers.)
    Elsewhere joblib's default backend starts fresh workers and sends ``args`` with every
    chunk.
    """
    if n_jobs == 1:
        for chunk in chunked:
            yield from work(chunk, *args)
        return
    from joblib import Parallel, delayed, effective_n_jobs

    if not can_fork():
        parallel = Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2*n_jobs")
        for result in parallel(delayed(work)(chunk, *args) for chunk in chunked):
            yield from result
        return
    key = next(_KEYS)
    _SHARED[key] = (work, args)
    workers = effective_n_jobs(n_jobs)
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )

    def submit(chunk: list) -> Future:
        with warnings.catch_warnings():
            # The first submit forks the workers. Python >= 3.12 warns on fork when native
            # threads exist (BLAS pools, which handle fork themselves).
            warnings.filterwarnings("ignore", ".*fork", DeprecationWarning)
            return pool.submit(_shared_work, key, chunk)

    finished = False
    try:
        ahead: collections.deque[Future] = collections.deque()
        for chunk in chunked:
            ahead.append(submit(chunk))
            if len(ahead) > 2 * workers:  # two chunks per worker in flight: bounded memory
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()
        finished = True
    finally:
        del _SHARED[key]
        if finished:
            pool.shutdown()
        else:
            # Interrupted or abandoned: stop the workers now rather than let them finish
            # chunks nobody will read.
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
