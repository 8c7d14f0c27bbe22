"""Chunks of documents over a Dask cluster, in input order: the distributed engine.

:func:`map_chunks_on` is what :func:`stance.parallel.map_chunks` is on one machine: it sends
chunks of documents to the workers of a ``distributed.Client`` and yields their results in
input order, with a bounded window of chunks in flight (memory stays flat on the client).

* The model and gazetteer go to each worker **once**, in a worker plugin registered for the
  run (the scheduler keeps it, so a worker that joins or restarts mid-run gets it too); each
  task carries only its documents. The default model and gazetteer are not shipped at all:
  each worker loads its own from the package, and checks it is the client's (same
  ``model_sha256``). The workers of a ``local:N`` cluster on Linux are forked from the client
  once it has loaded them, so they hold them already and share their pages with it.
* A worker lost mid-run has its chunks run again elsewhere (the scheduler's retries); an
  exception raised while labelling reaches the caller, after the results before it, as with
  local workers.
* ``dask[distributed]`` is an extra (``pip install "stance[dask]"``): it is imported only
  here, when a cluster is used, and its absence is :class:`DaskMissingError`.

Examples
--------
>>> check_scheduler("local:2"), check_scheduler("tcp://10.0.0.5:8786")
('local:2', 'tcp://10.0.0.5:8786')
>>> check_scheduler("local:0")
Traceback (most recent call last):
...
ValueError: --scheduler local:0: local:N needs a whole number of workers N >= 1
"""

from __future__ import annotations

import collections
import contextlib
import gc
import logging
import uuid
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .gazetteer import Gazetteer, default_gazetteer
from .parallel import can_fork
from .trained import TrainedModel
from .training import default_model, is_default_model

if TYPE_CHECKING:  # pragma: no cover
    import distributed

__all__ = ["DaskMissingError", "check_scheduler", "connect", "map_chunks_on", "require_dask"]

INSTALL_HINT = 'python -m pip install "stance[dask]" (in a checkout: pip install -e ".[dask]")'


class DaskMissingError(ImportError):
    """The ``dask`` extra is needed (a cluster was asked for) but is not installed."""


def require_dask(what: str = "--scheduler") -> Any:
    """The ``distributed`` module, or :class:`DaskMissingError` naming ``what`` needs it."""
    try:
        import distributed
    except ImportError as exc:
        raise DaskMissingError(
            f"{what} needs the dask extra (dask[distributed]), which is not installed: "
            f"{INSTALL_HINT}"
        ) from exc
    return distributed


def check_scheduler(spec: str) -> str:
    """``spec`` if it names a cluster (``local:N`` or a scheduler address such as
    ``tcp://host:8786``), else a ValueError saying what is expected."""
    if spec.startswith("local:"):
        count = spec.partition(":")[2]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--scheduler {spec}: local:N needs a whole number of workers N >= 1")
        return spec
    if "://" not in spec:
        raise ValueError(
            f"--scheduler {spec}: expected a scheduler address (tcp://host:8786) or local:N "
            "(a cluster of N worker processes on this machine)"
        )
    return spec


# Settings of a local:N cluster. Its scheduler, nannies and workers share the machine's cores
# with the labelling, so what they do besides running tasks is taken from it; none of these
# changes a result. The statistical profiler samples the task thread's stack every 10 ms (about
# 2% of a worker in a py-spy profile); the system monitors read /proc with psutil every 0.5 s in
# every process (scheduler and nannies in the client, each worker), and the memory monitors
# every 0.1 s; the event loops wake every 20 ms to check they are not blocked; work stealing
# rebalances queues the client keeps two tasks deep anyway.
LOCAL_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
}


def _start_method() -> str:
    """How a local:N cluster starts its workers: ``fork`` on Linux, else ``forkserver`` where
    the platform has it, else dask's own setting (``spawn``)."""
    import multiprocessing

    import dask

    if can_fork():
        return "fork"
    if "forkserver" in multiprocessing.get_all_start_methods():
        return "forkserver"
    return dask.config.get("distributed.worker.multiprocessing-method")


def _local_cluster(workers: int) -> Any:
    """A LocalCluster of ``workers`` processes of one thread each, without a dashboard.

    On Linux the workers are forked from this process, as local ``--jobs`` workers are: they
    start with every module imported and the model and gazetteer the client has loaded (shared
    with it, page by page, until written), so a 2-worker cluster is up in about 0.5 s instead of
    the 3 to 4 s of workers forked from a fork server that imports stance first. A worker the
    nanny restarts later (one that died mid-run) is started by dask's own method (``spawn``):
    forking the client mid-run, with its threads busy, is what ``fork`` is unsafe for; that
    worker imports stance and loads the model itself. Elsewhere the workers come from a fork
    server that has imported stance once (macOS), or are spawned.
    """
    import dask
    import distributed
    from distributed.utils import get_mp_context

    method = _start_method()
    with dask.config.set({**LOCAL_CONFIG, "distributed.worker.multiprocessing-method": method}):
        if method == "forkserver":
            # distributed sets its own preload list on first use; stance's modules join it.
            get_mp_context().set_forkserver_preload(["distributed", "stance.batch", __name__])
        # What is loaded now lives as long as the workers: frozen, their garbage collector
        # never walks (and so never writes to, and copies) the pages they share with the client.
        gc.freeze()
        try:
            with warnings.catch_warnings():
                # Python >= 3.12 warns on fork when threads exist: here dask's own (the fork
                # happens while they wait for the workers to start).
                warnings.filterwarnings("ignore", ".*fork", DeprecationWarning)
                return distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
        finally:
            gc.unfreeze()


@contextlib.contextmanager
def connect(spec: str) -> Iterator[distributed.Client]:
    """A client of the cluster ``spec`` names, closed on leaving (with the cluster, for
    ``local:N``: N worker processes of one thread each, no dashboard)."""
    check_scheduler(spec)
    dd = require_dask()
    if spec.startswith("local:"):
        cluster = _local_cluster(int(spec.partition(":")[2]))
        client = dd.Client(cluster)
    else:
        cluster = None
        try:
            client = dd.Client(spec, timeout="20s")
        except OSError as exc:
            raise ValueError(f"--scheduler {spec}: cannot reach the scheduler ({exc})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# What each worker process holds for a run: (model, gazetteer) under the run's key, put there
# by the run's plugin before the worker takes any of its tasks.
_STATE: dict[str, tuple[TrainedModel, Gazetteer]] = {}


def _resolve_on_worker(model: Any, gazetteer: Any) -> tuple[TrainedModel, Gazetteer]:
    if isinstance(model, str):  # the default model, by its sha256: load this worker's own
        trained = default_model()
        if trained.metadata.get("model_sha256") != model:
            raise RuntimeError(
                "this Dask worker's default model differs from the client's (another version "
                "of stance?); install the same stance on the client and the workers"
            )
    else:
        trained = model
    return trained, (default_gazetteer() if gazetteer is None else gazetteer)


def _plugin_class() -> type:
    """The worker plugin class, made on first use (it subclasses distributed's, which is an
    optional dependency), and found by pickle as ``stance.cluster._RunPlugin``."""
    cls = globals().get("_RunPlugin")
    if cls is not None:
        return cls
    from distributed import WorkerPlugin

    class _RunPlugin(WorkerPlugin):
        """Puts a run's model and gazetteer into the worker process, once."""

        def __init__(self, key: str, model: Any, gazetteer: Any) -> None:
            self.key, self.model, self.gazetteer = key, model, gazetteer

        def setup(self, worker: Any) -> None:
            _STATE[self.key] = _resolve_on_worker(self.model, self.gazetteer)

        def teardown(self, worker: Any) -> None:
            _STATE.pop(self.key, None)

    _RunPlugin.__module__ = __name__
    _RunPlugin.__qualname__ = "_RunPlugin"
    globals()["_RunPlugin"] = _RunPlugin
    return _RunPlugin


def __getattr__(name: str) -> Any:
    # A worker unpickling the plugin looks its class up here, before anything made it.
    if name == "_RunPlugin":
        return _plugin_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _run_chunk(key: str, work: Any, chunk: list, *args: Any) -> Any:
    """A task on a worker: ``work(chunk, model, gazetteer, *args)`` with the run's model."""
    try:
        model, gaz = _STATE[key]
    except KeyError:
        raise RuntimeError(f"this Dask worker was not set up for run {key}") from None
    return work(chunk, model, gaz, *args)


def _window(client: distributed.Client) -> int:
    """Chunks in flight: two per worker thread (at least four)."""
    return max(4, 2 * sum(client.nthreads().values()))


def map_chunks_on(
    client: distributed.Client,
    work: Any,
    chunked: Iterable[list],
    model: TrainedModel,
    gazetteer: Gazetteer,
    *args: Any,
) -> Iterator[Any]:
    """``work(chunk, model, gazetteer, *args)`` for every chunk on the cluster, its results
    flattened and in input order (a generator: a bounded window of chunks in flight).

    Parameters
    ----------
    client : distributed.Client
        The cluster to run on.
    work : callable
        A module-level function (workers import it by name), returning a list per chunk.
    chunked : iterable of list
        The chunks, read lazily.
    model, gazetteer : TrainedModel, Gazetteer
        Sent to each worker once, for the whole run (not at all for the default ones, which
        each worker loads itself).
    *args
        Small values passed to every call of ``work``.

    Raises
    ------
    Exception
        Whatever ``work`` raised on a worker, once the results before it are yielded.
    """
    key = f"stance-run-{uuid.uuid4().hex[:12]}"
    spec = model.metadata.get("model_sha256") if is_default_model(model) else model
    gaz = None if gazetteer is default_gazetteer() else gazetteer
    client.register_plugin(_plugin_class()(key, spec, gaz), name=key)
    window = _window(client)
    ahead: collections.deque = collections.deque()
    try:
        for i, chunk in enumerate(chunked):
            ahead.append(client.submit(_run_chunk, key, work, chunk, *args, key=f"{key}-{i}"))
            if len(ahead) > window:
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()
    finally:
        # Interrupted or abandoned: drop what nobody will read. Either way the workers forget
        # the run's model.
        for future in ahead:
            future.cancel()
        with contextlib.suppress(Exception):  # a cluster already gone has nothing to forget
            client.unregister_worker_plugin(key)
