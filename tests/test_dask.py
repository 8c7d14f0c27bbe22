"""stance.cluster and stance.dask: labelling on a real Dask cluster (a LocalCluster of two
worker processes), with the output, resumability and errors of one job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from importlib.util import find_spec
from pathlib import Path

import pytest
from helpers import FRENCH, ROOT, SEEDS, _articles_file, _label_command, _records
from test_parallel import _alive, _children, _state, _wait_for

import stance
from stance.batch import run_label
from stance.cli import main
from stance.cluster import map_chunks_on
from stance.labelling import documents, label_chunk, label_many, resolve_gazetteer
from stance.parallel import batched
from stance.results import STOP_AFTER_VARIABLE

HAS_DASK = find_spec("distributed") is not None and find_spec("dask") is not None
needs_dask = pytest.mark.skipif(not HAS_DASK, reason="the dask extra is not installed")

CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def client():  # a distributed.Client; the type is optional
    if not HAS_DASK:
        pytest.skip("the dask extra is not installed")
    from stance.cluster import connect

    with connect("local:2") as connected:  # what --scheduler local:2 starts
        yield connected


def _seed_docs() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in SEEDS] + [("fr", FRENCH)]


@needs_dask
def test_label_many_on_a_cluster_gives_the_one_job_result(
    client: object, model: stance.TrainedModel
) -> None:
    docs = _seed_docs()
    one = list(label_many(docs, model, chunk_size=2))
    on_cluster = list(label_many(docs, model, chunk_size=2, client=client))
    assert on_cluster == one  # same statements, same order
    with pytest.raises(ValueError, match="not both"):
        list(label_many(docs, model, n_jobs=2, client=client))


def _corpus_slice(path: Path, per_file: int = 12) -> Path:
    """The first documents of each file of the shared corpus, as one JSONL input."""
    rows = []
    for name, text, voice in (
        ("mfa_press_conferences_2018_2020.jsonl", "paragraphs", "spokesperson"),
        ("ungdc_2019_2022.jsonl", "text", "country"),
    ):
        with (CORPUS / name).open(encoding="utf-8") as fh:
            for _, line in zip(range(per_file), fh, strict=False):
                r = json.loads(line)
                body = "\n\n".join(r[text]) if isinstance(r[text], list) else r[text]
                rows.append({"id": r["id"], "text": body, "publisher": r[voice]})
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return path


@needs_dask
@pytest.mark.parametrize("inputs", ["seeds", "corpus slice"])
def test_run_label_on_a_cluster_writes_what_one_job_writes(
    client: object, tmp_path: Path, inputs: str
) -> None:
    if inputs == "seeds":
        paths = [str(p) for p in SEEDS]
    else:
        if not CORPUS.is_dir():
            pytest.skip(f"the corpus is not at {CORPUS}")
        paths = [str(_corpus_slice(tmp_path / "slice.jsonl"))]
    one, two = tmp_path / "one.jsonl", tmp_path / "cluster.jsonl"
    # the default model: each worker loads its own, checked against the client's
    first = run_label(paths, out=str(one), quiet=True)
    second = run_label(paths, out=str(two), quiet=True, client=client)
    assert two.read_bytes() == one.read_bytes() and one.stat().st_size > 0
    assert (second.documents, second.statements) == (first.documents, first.statements)


@needs_dask
def test_bad_documents_are_reported_as_with_one_job(
    client: object, corpus: Path, tmp_path: Path, model_file: str
) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "cluster.jsonl"
    first = run_label([str(corpus)], out=str(one), model=model_file, quiet=True)
    second = run_label([str(corpus)], out=str(two), model=model_file, quiet=True, client=client)
    assert len(first.failed) == 5 and second.failed == first.failed  # each named, by the client
    assert two.read_bytes() == one.read_bytes()
    # An error raised while labelling reaches the caller, after the results before it.
    chunks = [[("a", "", None, "", {})], [("b", "", None, "", {})], [("c", "", None, "", {})]]
    got = []
    gaz = resolve_gazetteer(None)
    with pytest.raises(RuntimeError, match="chunk with b"):
        for doc in map_chunks_on(client, _fails_on_b, iter(chunks), stance.default_model(), gaz):
            got.append(doc)
    assert got == ["a"]


def _fails_on_b(chunk: list, model: object, gaz: object) -> list:
    if any(doc == "b" for doc, *_ in chunk):
        raise RuntimeError("chunk with b")
    return [doc for doc, *_ in chunk]


def _held_once(chunk: list, model: object, gaz: object, marker: str) -> list:
    """Label a chunk; the first attempt at the chunk of document a3 writes its worker's pid to
    ``marker`` and waits there for ever (until the test kills the worker)."""
    if any(item[0] == "a3" for item in chunk) and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        threading.Event().wait()
    return label_chunk(chunk, model, gaz, True)


@needs_dask
def test_a_killed_worker_loses_nothing(
    client: object, model: stance.TrainedModel, tmp_path: Path
) -> None:
    texts = [t for _, t in _seed_docs()]
    docs = [(f"a{i}", texts[i % len(texts)]) for i in range(12)]
    one = list(label_many(docs, model, chunk_size=2))
    marker = tmp_path / "held.pid"
    killed: list[int] = []

    def kill_the_holder() -> None:  # the worker holding a3's chunk, once it holds it
        if _wait_for(lambda: marker.exists() and marker.read_text() != "", timeout=120):
            killed.append(int(marker.read_text()))
            os.kill(killed[0], signal.SIGKILL)

    killer = threading.Thread(target=kill_the_holder, daemon=True)
    killer.start()
    chunks = list(batched(documents(docs), 2))
    gaz = resolve_gazetteer(None)
    got = list(map_chunks_on(client, _held_once, iter(chunks), model, gaz, str(marker)))
    killer.join(timeout=5)
    assert killed and not _alive(killed[0])  # a worker really died mid-chunk
    assert got == one  # and its chunk was labelled again elsewhere: nothing lost, same order
    # the cluster is whole again (the nanny restarted the worker, with the run's model)
    assert _wait_for(lambda: len(client.scheduler_info()["workers"]) == 2, timeout=60)


@needs_dask
@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_a_killed_client_resumes(tmp_path: Path, model_file: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    source = _articles_file(tmp_path / "many.jsonl", [texts[i % len(texts)] for i in range(20)])
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    assert main(["label", str(source), "-o", str(full), "--model", model_file, "--quiet"]) == 0
    cmd = _label_command(source, out, model_file, "--scheduler", "local:2", "--quiet")
    # The client stops itself after writing its 6th article (the writer's test hook), its
    # cluster running; the test then kills it, at a known point.
    proc = subprocess.Popen(
        cmd, stderr=subprocess.DEVNULL, env={**os.environ, STOP_AFTER_VARIABLE: "6:SIGSTOP"}
    )
    try:
        assert _wait_for(lambda: _state(proc.pid) == "T", timeout=120), "the run never stopped"
        nannies = _children(proc.pid)
        assert len(nannies) >= 2  # the local cluster's processes
        proc.kill()
        proc.wait(timeout=30)
        # the cluster dies with its client
        assert _wait_for(lambda: not any(_alive(p) for p in nannies), timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert len({r["doc"] for r in _records(out)}) == 6  # whole articles only
    assert subprocess.run([*cmd, "--resume"], stderr=subprocess.DEVNULL).returncode == 0
    assert out.read_bytes() == full.read_bytes()


@needs_dask
def test_label_partitions(client: object, model_file: str) -> None:
    import dask.dataframe as dd
    import pandas as pd

    from stance.dask import META, label_partitions

    docs = _seed_docs()
    pdf = pd.DataFrame({"id": [d for d, _ in docs], "body": [t for _, t in docs]})
    ddf = dd.from_pandas(pdf, npartitions=3)
    lazy = label_partitions(ddf, text_col="body", id_col="id", model=model_file)
    assert {c: str(t) for c, t in lazy.dtypes.items()} == dict(META)
    got = lazy.compute()
    assert {c: str(t) for c, t in got.dtypes.items()} == dict(META)
    one = list(label_many(docs, model_file))
    assert got["doc"].tolist() == [s.doc for d in one for s in d.statements] + ["fr"]
    assert got["stance"].tolist()[:-1] == [s.stance for d in one for s in d.statements]
    assert got["status"].tolist()[-1] == "not_english"
    with pytest.raises(ValueError, match=r"text_col='text' is not a column .* id, body"):
        label_partitions(ddf)


def test_scheduler_option_errors(
    tmp_path: Path, model_file: str, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    out = tmp_path / "out.jsonl"
    base = ["label", str(SEEDS[0]), "-o", str(out), "--model", model_file]
    assert main([*base, "--scheduler", "local:2", "--jobs", "2"]) == 2
    assert "--jobs 2 and --scheduler: choose one" in capsys.readouterr().err
    assert main([*base, "--scheduler", "somewhere"]) == 2
    assert "expected a scheduler address" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    assert main([*base, "--scheduler", "local:2"]) == 2
    err = capsys.readouterr().err
    assert "needs the dask extra" in err and "stance[dask]" in err
    assert not out.exists()  # refused before any work
