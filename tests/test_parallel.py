"""stance.parallel: workers that keep input order, stop cleanly, and never outlive the run."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import (
    FRENCH,
    SEEDS,
    _articles_file,
    _label_command,
)

import stance
from stance import parallel
from stance.labelling import label, label_many
from stance.results import STOP_AFTER_VARIABLE


@pytest.mark.parametrize("fork", [True, False], ids=["forked workers", "joblib workers"])
def test_label_many_keeps_input_order_and_ids(
    model: stance.TrainedModel, fork: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fork and not parallel.can_fork():
        pytest.skip("this platform does not fork workers")
    monkeypatch.setattr(parallel, "can_fork", lambda: fork)
    docs = [(p.stem, p.read_text(encoding="utf-8")) for p in SEEDS] + [("fr", FRENCH)]
    one = list(label_many(docs, model, chunk_size=2))
    two = list(label_many(docs, model, n_jobs=2, chunk_size=2))
    assert [d.doc for d in one] == [d for d, _ in docs]
    assert one == two  # parallel gives the same results, in the same order
    assert one[-1].status == "not_english" and one[-1].statements == ()
    assert one[0].statements == tuple(label(docs[0][1], model, doc_id=docs[0][0]))


def _fails_on_b(chunk: list, *args: object) -> list:
    if any(doc == "b" for doc, *_ in chunk):
        raise RuntimeError("chunk with b")
    return [doc for doc, *_ in chunk]


def test_forked_workers_stop_cleanly(model: stance.TrainedModel) -> None:
    if not parallel.can_fork():
        pytest.skip("this platform does not fork workers")
    import multiprocessing

    def ours() -> set:  # joblib keeps its own (loky) workers for reuse: not ours
        return set(multiprocessing.active_children()) - before

    before = set(multiprocessing.active_children())
    docs = ((f"d{i}", "HRW urged an inquiry.") for i in range(10_000))
    stream = label_many(docs, model, n_jobs=2, chunk_size=4)
    assert next(stream).doc == "d0"
    assert len(ours()) == 2
    stream.close()  # abandoned half-way: the workers are stopped, nothing is left behind
    deadline = time.monotonic() + 30
    while ours() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not ours()
    assert not parallel._SHARED
    # An error in a worker reaches the caller, after the chunks before it.
    chunks = [[("a", "", None, "", {})], [("b", "", None, "", {})], [("c", "", None, "", {})]]
    got = []
    with pytest.raises(RuntimeError, match="chunk with b"):
        for doc in parallel.map_chunks(_fails_on_b, iter(chunks), 2):
            got.append(doc)
    assert got == ["a"]


@pytest.mark.parametrize("jobs", [0, 1.5, "2", True])
def test_bad_jobs_are_refused(model: stance.TrainedModel, jobs: object) -> None:
    with pytest.raises(ValueError, match="worker processes"):
        list(label_many(["HRW urged an inquiry."], model, n_jobs=jobs))  # type: ignore[arg-type]


def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.append(int(entry))
    return found


def _state(pid: int) -> str:
    """The process state letter from /proc ("R", "S", "T" stopped, "Z" zombie), "" if gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_do_not_outlive_a_killed_run(tmp_path: Path, model_file: str, sig: int) -> None:
    text = SEEDS[2].read_text(encoding="utf-8")
    source = _articles_file(tmp_path / "many.jsonl", [text] * 300)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        _label_command(source, out, model_file, "--jobs", "2", "--quiet"),
        stderr=subprocess.DEVNULL,
        # The run stops itself (SIGSTOP) after writing its 20th article, workers still alive:
        # the test then looks at them and kills the run, at a known point, not on a timer.
        env={**os.environ, STOP_AFTER_VARIABLE: "20:SIGSTOP"},
    )
    try:
        assert _wait_for(lambda: _state(proc.pid) == "T", timeout=120), "the run never stopped"
        workers = _children(proc.pid)
        assert len(workers) == 2, "the run should have two workers while it writes"
        proc.send_signal(sig)
        os.kill(proc.pid, signal.SIGCONT)  # a stopped process acts on SIGTERM once continued
        proc.wait(timeout=30)
        # Polled, not slept: the workers must be gone within a few seconds of the parent.
        assert _wait_for(lambda: not any(_alive(w) for w in workers), timeout=10), workers
    finally:
        proc.kill()
        proc.wait()
