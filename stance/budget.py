"""A time budget that can be trusted: work that may be stopped, and a clock that can be faked.

:class:`Budget` counts seconds from its creation on a clock that tests can replace (no sleeps
and no races against the wall clock). :func:`call_within` runs one piece of work in a child
process and stops it when its time is up: a fit inside scikit-learn cannot be interrupted
from Python, but a process can be killed, and the child takes its memory and threads with it.
Nothing is left behind: the child is always ended and reaped before :func:`call_within`
returns or raises, also when the caller is interrupted (Ctrl-C).

On Linux the child is forked, so it starts at once and shares the parent's data without copying
it; elsewhere it is started fresh (``spawn``) and is sent the work by pickle.

Examples
--------
>>> clock = FakeClock()
>>> budget = Budget(10.0, clock)
>>> clock.advance(4.0)
>>> budget.spent(), budget.remaining()
(4.0, 6.0)
>>> call_within(divmod, (7, 2), timeout=60.0)
(3, 1)
"""

from __future__ import annotations

import multiprocessing
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Budget", "FakeClock", "OutOfTime", "WorkerDied", "call_within"]

_STOP_GRACE = 2.0
"""Seconds a stopped child is given to end on SIGTERM before it is killed."""


class OutOfTime(Exception):
    """The work did not finish within its time; its child process was ended.

    Attributes
    ----------
    pid : int or None
        The process id of the ended child (already reaped).
    """

    def __init__(self, message: str, pid: int | None = None):
        super().__init__(message)
        self.pid = pid


class WorkerDied(RuntimeError):
    """The child process ended without an answer (killed from outside, out of memory)."""


class FakeClock:
    """A clock for tests: it stands still until :meth:`advance` moves it."""

    def __init__(self, now: float = 0.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock ``seconds`` forward."""
        self.now += seconds


@dataclass
class Budget:
    """``seconds`` of time from now, on ``clock`` (``time.perf_counter`` unless faked).

    Raises
    ------
    ValueError
        If ``seconds`` is not a positive number.
    """

    seconds: float
    clock: Callable[[], float] = time.perf_counter
    start: float = field(init=False)

    def __post_init__(self) -> None:
        if not self.seconds > 0:  # also refuses NaN
            raise ValueError(f"budget {self.seconds!r}: give a positive number of seconds")
        self.start = self.clock()

    def spent(self) -> float:
        """Seconds since the budget started."""
        return self.clock() - self.start

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self.seconds - self.spent())


def _context() -> Any:
    # fork shares the parent's data and starts at once; it is the safe default on Linux only
    # (macOS system libraries may not survive a fork), as in stance.parallel.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _child(conn: Any, fn: Callable[..., Any], args: tuple) -> None:
    """Body of the child: run ``fn(*args)`` and send back its result or its exception."""
    try:
        result: tuple[str, Any] = ("ok", fn(*args))
    except BaseException as exc:  # every failure, Ctrl-C too, goes back to the parent
        result = ("error", exc)
    try:
        conn.send(result)
    except Exception:  # the exception or result would not pickle: send its text
        conn.send(("error", RuntimeError("".join(traceback.format_exception(result[1])))))
    finally:
        conn.close()


def _end(process: Any) -> None:
    """End ``process`` (SIGTERM, then SIGKILL after a grace period) and reap it."""
    if process.is_alive():
        process.terminate()
        process.join(_STOP_GRACE)
    if process.is_alive():
        process.kill()
    process.join()


def call_within(fn: Callable[..., Any], args: tuple = (), *, timeout: float) -> Any:
    """``fn(*args)`` run in a child process, stopped if it has not returned after ``timeout``
    seconds.

    Returns
    -------
    Any
        What ``fn`` returned (sent back by pickle).

    Raises
    ------
    OutOfTime
        If ``timeout`` seconds passed first; the child has then been ended and reaped.
    WorkerDied
        If the child ended without an answer.
    Exception
        Whatever ``fn`` raised, raised again here (a ``RuntimeError`` with its traceback when
        it cannot be pickled).
    """
    if timeout <= 0:
        raise OutOfTime("no time left")
    context = _context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, fn, args), daemon=True)
    process.start()
    send.close()  # the child holds its own end: EOF here once it exits
    try:
        if not receive.poll(timeout):
            raise OutOfTime(f"stopped after {timeout:.1f} s", pid=process.pid)
        try:
            status, value = receive.recv()
        except EOFError:
            process.join()
            raise WorkerDied(f"worker process ended with code {process.exitcode}") from None
    finally:
        receive.close()
        _end(process)
    if status == "error":
        raise value
    return value
