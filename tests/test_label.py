"""Batch labelling: the Python API (label, label_many) and the `stance label` command."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance
from stance import labelling
from stance.batch import RECORD_FIELDS, read_done, run_label
from stance.cli import main
from stance.labelling import LabelledDocument, Statement, label, label_many
from stance.results import STOP_AFTER_VARIABLE
from stance.segmentation import clean_inline, segment

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

FRENCH = (
    "Le gouvernement a refusé de répondre aux questions des journalistes sur la situation "
    "dans la région. Les organisations de défense des droits de l'homme demandent une enquête."
)
HTML = (
    "<html><head><title>Site</title></head><body><nav>Home | World</nav><article>"
    "<h1>Rights groups urge inquiry</h1><p>Human Rights Watch urged the UN to open an "
    "inquiry into abuses in Xinjiang.</p><p>The meeting took place on Monday.</p></article>"
    "<footer>Contact us</footer></body></html>"
)


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> stance.TrainedModel:
    # A quick model keeps these tests fast; the default model is exercised by the doctests.
    return stance.train("logreg", "all", metric_resamples=0)


@pytest.fixture(scope="module")
def model_file(model: stance.TrainedModel, tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(model.save(tmp_path_factory.mktemp("model") / "logreg.stance"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of real articles in every input format, and inputs that must fail."""
    folder = tmp_path / "in"
    (folder / "news").mkdir(parents=True)
    for p in SEEDS[:3]:
        (folder / "news" / p.name).write_bytes(p.read_bytes())
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "notes.md").write_text("# Heading\n\nAmnesty International condemned the arrests.\n")
    (folder / "rows.jsonl").write_text(
        json.dumps({"id": "j1", "text": "The Foreign Ministry denied the reports."})
        + "\n"
        + json.dumps({"id": "j2", "text": "Lawmakers called for sanctions on officials."})
        + "\n"
    )
    (folder / "rows.csv").write_text("id,body\nc1,The council met on Monday.\n")  # no text col
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>")
    with (folder / "huge.txt").open("wb") as fh:  # 50 MB, written sparsely
        fh.truncate(50_000_000)
    return folder


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- Python API ---------------------------------------------------------------------------


def test_label_returns_frozen_statements_with_offsets(model: stance.TrainedModel) -> None:
    text = SEEDS[1].read_text(encoding="utf-8")
    statements = label(text, model, doc_id="001")
    assert [s.index for s in statements] == list(range(len(segment(text))))
    for s in statements:
        assert isinstance(s, Statement) and s.doc == "001"
        assert clean_inline(text[s.start : s.end]) == s.text
        assert 0.0 <= s.confidence <= 1.0
        if s.stance == "neutral":  # codebook: a neutral statement has no actor
            assert (s.actor, s.actor_type, s.country, s.cue) == ("none", "none", "", "")
        if s.actor_start is not None:
            assert s.actor_end is not None and 0 <= s.actor_start < s.actor_end <= len(text)
    with pytest.raises(dataclasses.FrozenInstanceError):
        statements[0].stance = "deny"  # type: ignore[misc]


def test_label_finds_actors_of_a_real_article(model: stance.TrainedModel) -> None:
    statements = label(SEEDS[1].read_text(encoding="utf-8"), model, doc_id="001")
    actors = {s.actor for s in statements}
    assert {"Wang Wenbin", "Dolkun Isa"} & actors


@pytest.mark.parametrize(
    ("bad", "error"),
    [(None, TypeError), (b"bytes", TypeError), (FRENCH, ValueError)],
)
def test_label_refuses_bad_text(model: stance.TrainedModel, bad: object, error: type) -> None:
    with pytest.raises(error, match=r"str|English"):
        label(bad, model)  # type: ignore[arg-type]


def test_label_non_english_can_be_forced(model: stance.TrainedModel) -> None:
    assert label(FRENCH, model, check_language=False)


@pytest.mark.parametrize("fork", [True, False], ids=["forked workers", "joblib workers"])
def test_label_many_keeps_input_order_and_ids(
    model: stance.TrainedModel, fork: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fork and not labelling._can_fork():
        pytest.skip("this platform does not fork workers")
    monkeypatch.setattr(labelling, "_can_fork", lambda: fork)
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
    if not labelling._can_fork():
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
    assert not labelling._SHARED
    # An error in a worker reaches the caller, after the chunks before it.
    chunks = [[("a", "", None, "", {})], [("b", "", None, "", {})], [("c", "", None, "", {})]]
    got = []
    with pytest.raises(RuntimeError, match="chunk with b"):
        for doc in labelling.map_chunks(_fails_on_b, iter(chunks), 2):
            got.append(doc)
    assert got == ["a"]


@pytest.mark.parametrize("jobs", [0, 1.5, "2", True])
def test_bad_jobs_are_refused(model: stance.TrainedModel, jobs: object) -> None:
    with pytest.raises(ValueError, match="worker processes"):
        list(label_many(["HRW urged an inquiry."], model, n_jobs=jobs))  # type: ignore[arg-type]


def test_fast_path_labels_as_the_pipeline_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # The labeller reads each sentence once for the context model (DocumentProba); without
    # that path it goes through the pipeline on text and neighbour context: same statements.
    model = stance.train("context", "seeds", metric_resamples=0)
    docs = [(p.stem, p.read_text(encoding="utf-8")) for p in SEEDS]
    fast = list(label_many(docs, model))
    assert model.__dict__["_document_proba"] is not None  # the fast path was taken
    slow_model = stance.TrainedModel(model.estimator, model.metadata)
    monkeypatch.setattr(stance.models.DocumentProba, "of", classmethod(lambda cls, e: None))
    slow = list(label_many(docs, slow_model))
    assert fast == slow and sum(len(d.statements) for d in fast) > 50


def test_label_many_streams_its_input(model: stance.TrainedModel) -> None:
    pulled = 0

    def docs():
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield (f"d{i}", "Human Rights Watch urged an independent inquiry.")

    first = next(label_many(docs(), model, chunk_size=8))
    assert isinstance(first, LabelledDocument) and first.doc == "d0"
    assert pulled <= 9  # one chunk read, not the whole input


def test_results_convert_to_dataframe_and_dataset(model: stance.TrainedModel) -> None:
    results = list(label_many([p.read_text(encoding="utf-8") for p in SEEDS[:2]], model))
    frame = stance.to_dataframe(results)
    dataset = stance.to_dataset(results)
    n = sum(len(r.statements) for r in results)
    assert len(frame) == dataset.num_rows == n
    assert list(frame.columns) == list(dataset.column_names)
    assert dataset.features["actor_start"].dtype == "int64"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from([*list("abcXYZ .\"“”\n,:;'"), "said", "Wang"]), max_size=120).map(
        "".join
    )
)
def test_any_text_gives_statements_inside_it(model: stance.TrainedModel, text: str) -> None:
    for s in label(text, model, check_language=False):
        assert 0 <= s.start < s.end <= len(text)
        if s.actor_start is not None:
            assert 0 <= s.actor_start < s.actor_end <= len(text)  # type: ignore[operator]


# --- the command ------------------------------------------------------------------------------


def test_cli_labels_a_folder_and_reports_bad_inputs(
    corpus: Path, tmp_path: Path, model_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    code = main(["label", str(corpus), "-o", str(out), "--model", model_file])
    err = capsys.readouterr().err
    assert code == 1  # some inputs failed
    records = _records(out)
    assert all(set(r) == set(RECORD_FIELDS) for r in records)
    docs = {r["doc"] for r in records}
    assert {"j1", "j2"} <= docs
    assert any(d.endswith("page.html") for d in docs)
    assert sum(d.endswith(".txt") and "news" in d for d in docs) == 3
    french = [r for r in records if r["doc"].endswith("french.txt")]
    assert [r["status"] for r in french] == ["not_english"]
    for name in ("empty.txt", "binary.txt", "rows.csv", "nobody.html", "huge.txt"):
        assert name in err  # each failure named, in the summary too
    assert "5 inputs failed" in err and "actor x stance" in err


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_cli_resume_finishes_a_cut_run(
    corpus: Path, tmp_path: Path, model_file: str, fmt: str
) -> None:
    news = str(corpus / "news")
    full, cut = tmp_path / f"full.{fmt}", tmp_path / f"cut.{fmt}"
    assert (
        main(["label", news, "-o", str(full), "--format", fmt, "--model", model_file, "--quiet"])
        == 0
    )
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    first_doc = [i for i, line in enumerate(lines) if SEEDS[0].name in line]
    # the first article finished, and half a line of the second: what a kill could leave
    cut.write_text("".join(lines[: first_doc[-1] + 1]) + lines[first_doc[-1] + 1][:25])
    assert read_done(cut, fmt) == {str(corpus / "news" / SEEDS[0].name)}
    assert (
        main(
            [
                "label",
                news,
                "-o",
                str(cut),
                "--format",
                fmt,
                "--model",
                model_file,
                "--resume",
                "--quiet",
            ]
        )
        == 0
    )
    assert cut.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")


def _articles_file(path: Path, texts: list[str]) -> Path:
    """A JSONL input of many articles, ids a0, a1, ..."""
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    return path


def _label_command(source: Path, out: Path, model_file: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "stance.cli", "label", str(source), "-o", str(out),
            "--model", model_file, *extra]  # fmt: skip


def _wait_until_written(out: Path, size: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < size):
        time.sleep(0.02)


N_KILLED = 40  # articles in the run that is killed
KILLED_AFTER = 15  # articles it has written when it kills itself (the writer's test hook)


def test_cli_killed_run_leaves_valid_output_and_resumes(tmp_path: Path, model_file: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    source = _articles_file(
        tmp_path / "many.jsonl", [texts[i % len(texts)] for i in range(N_KILLED)]
    )
    out = tmp_path / "out.jsonl"
    cmd = _label_command(source, out, model_file, "--quiet")
    env = {**os.environ, STOP_AFTER_VARIABLE: str(KILLED_AFTER)}
    code = subprocess.run(cmd, stderr=subprocess.DEVNULL, env=env).returncode
    assert code == -signal.SIGKILL
    raw = out.read_text(encoding="utf-8")
    assert raw.endswith("\n")
    records = [json.loads(line) for line in raw.splitlines()]  # every line is valid JSON
    per_doc: dict[str, list[int]] = {}
    for r in records:
        per_doc.setdefault(r["doc"], []).append(r["index"])
    n_segments = [len(segment(t)) for t in texts]
    for doc, indices in per_doc.items():  # every article written is complete
        assert indices == list(range(n_segments[int(doc[1:]) % len(texts)])), doc
    assert len(per_doc) == KILLED_AFTER
    code = subprocess.run([*cmd, "--resume"], stderr=subprocess.DEVNULL).returncode
    assert code == 0
    final = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    docs = [r["doc"] for r in final]
    assert len(set(docs)) == N_KILLED
    assert len(final) == sum(n_segments[i % len(texts)] for i in range(N_KILLED))  # no repeats


@pytest.mark.parametrize(
    "model_bytes", [b"not a zip", b"PK\x03\x04truncated"], ids=["garbage", "truncated"]
)
def test_cli_bad_model_stops_before_any_work(
    corpus: Path, tmp_path: Path, model_bytes: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.stance"
    bad.write_bytes(model_bytes)
    out = tmp_path / "out.jsonl"
    assert main(["label", str(corpus), "-o", str(out), "--model", str(bad)]) == 2
    assert not out.exists()
    assert "bad.stance" in capsys.readouterr().err


def test_cli_missing_model_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["label", str(SEEDS[0]), "--model", str(tmp_path / "nope.stance")]) == 2
    assert "nope.stance" in capsys.readouterr().err


def test_cli_table_stdin_and_min_confidence(
    model_file: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(SEEDS[1].read_text(encoding="utf-8")))
    assert main(["label", "-", "--format", "table", "--model", model_file, "--quiet"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("== -") and "Wang Wenbin" in table
    monkeypatch.setattr("sys.stdin", io.StringIO(SEEDS[1].read_text(encoding="utf-8")))
    assert (
        main(
            [
                "label",
                "-",
                "--format",
                "jsonl",
                "--model",
                model_file,
                "--quiet",
                "--min-confidence",
                "0.6",
            ]
        )
        == 0
    )
    kept = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert kept and all(r["confidence"] >= 0.6 for r in kept)
    assert len(kept) < len(segment(SEEDS[1].read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--resume"], "--resume needs an output file"),
        (["--min-confidence", "2"], "between 0 and 1"),
        (["-o", "/nonexistent-dir/out.jsonl"], "cannot write the output"),
    ],
)
def test_cli_usage_errors(
    argv: list[str], message: str, model_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["label", str(SEEDS[0]), "--model", model_file, *argv]) == 2
    assert message in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_line_only_on_a_terminal(
    corpus: Path, tmp_path: Path, model: stance.TrainedModel, quiet: bool
) -> None:
    err = _Terminal()
    run_label(
        [str(corpus / "news")], out=str(tmp_path / "o.jsonl"), model=model, quiet=quiet, stderr=err
    )
    assert ("statements" in err.getvalue() and "left" in err.getvalue()) is not quiet
    plain = io.StringIO()  # not a terminal: no progress line
    run_label([str(corpus / "news")], out=str(tmp_path / "p.jsonl"), model=model, stderr=plain)
    assert "left" not in plain.getvalue()


def test_cli_report_from_label_output(corpus: Path, tmp_path: Path, model_file: str) -> None:
    out = tmp_path / "out.jsonl"
    main(["label", str(corpus / "news"), "-o", str(out), "--model", model_file, "--quiet"])
    html = tmp_path / "report.html"
    assert main(["report", str(out), "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert SEEDS[0].name in page and "<table" in page


def _terminal_signals() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_keeps_finished_documents(tmp_path: Path, model_file: str, jobs: str) -> None:
    text = SEEDS[2].read_text(encoding="utf-8")
    source = _articles_file(tmp_path / "many.jsonl", [text] * 3000)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        _label_command(source, out, model_file, "--jobs", jobs),
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal: SIGINT neither blocked nor ignored, whatever state the test
        # runner's process is in (a child inherits both). In the full suite the run twice
        # finished untouched, as if the signal never reached it; alone it always passed.
        preexec_fn=_terminal_signals,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    _wait_until_written(out, 100_000)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the run and its workers all get it
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "--resume" in err
    assert "Traceback" not in err  # the workers do not die noisily
    lines = out.read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["doc"].startswith("a") for line in lines)
    assert len(lines) % len(segment(text)) == 0  # whole documents only
    assert os.path.getsize(out) > 0


def test_users_own_actors_file(
    model: stance.TrainedModel, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Maria Kowalska urged governments to impose sanctions, such as travel bans, on officials "
        "responsible for serious human rights abuses."
    )
    before = label(text, model, check_language=False)[0]
    assert before.actor_type != "legislature"  # unknown name, no title: not typed as legislator
    actors = tmp_path / "actors.csv"
    actors.write_text("name,type,country,aliases\nMaria Kowalska,legislature,POL,Kowalska\n")
    found = stance.attribute(text, segment(text), gazetteer=stance.Gazetteer.load(extra=actors))
    assert (found[0].actor, found[0].actor_type, found[0].country) == (
        "Maria Kowalska",
        "legislature",
        "POL",
    )
    s = label(text, model, gazetteer=actors)[0]
    assert s.stance == "urge_accountability"  # deterministic: the same model, the same text
    assert (s.actor, s.actor_type, s.country) == ("Maria Kowalska", "legislature", "POL")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type,country\nSomeone,alien,XXX\n")
    src = tmp_path / "a.txt"
    src.write_text(text)
    assert (
        main(
            [
                "label",
                str(src),
                "--gazetteer",
                str(bad),
                "--model",
                str(model.save(tmp_path / "m.stance")),
            ]
        )
        == 2
    )
    assert "bad.csv" in capsys.readouterr().err


def test_cli_refuses_zero_jobs(
    corpus: Path, tmp_path: Path, model_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    args = ["label", str(corpus), "-o", str(out), "--model", model_file, "--jobs", "0"]
    assert main(args) == 2
    assert "worker processes" in capsys.readouterr().err
    assert not out.exists()


def test_cli_two_jobs_write_what_one_job_writes(
    corpus: Path, tmp_path: Path, model_file: str
) -> None:
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        main(
            ["label", str(corpus), "-o", str(out), "--model", model_file, "--jobs", jobs, "--quiet"]
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") > 50


# --------------------------------------------------------------------------- operational safety


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


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_do_not_outlive_a_killed_run(tmp_path: Path, model_file: str, sig: int) -> None:
    text = SEEDS[2].read_text(encoding="utf-8")
    source = _articles_file(tmp_path / "many.jsonl", [text] * 3000)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        _label_command(source, out, model_file, "--jobs", "2", "--quiet"),
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_written(out, 50_000)
        workers = _children(proc.pid)
        assert len(workers) == 2, "the run should have two workers while it writes"
        proc.send_signal(sig)
        proc.wait(timeout=30)
        # Polled, not slept: the workers must be gone within a few seconds of the parent.
        assert _wait_for(lambda: not any(_alive(w) for w in workers), timeout=10), workers
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.parametrize("resume", [False, True], ids=["again", "resume"])
def test_output_inside_the_input_folder_is_never_read(
    tmp_path: Path, model_file: str, resume: bool
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, seed in enumerate(SEEDS[:2]):
        (folder / f"a{i}.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    out = folder / "out.jsonl"
    cmd = _label_command(folder, out, model_file)
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    before = out.read_bytes()
    # Run again over the same folder (now holding the output), as a user would.
    again = subprocess.run(
        [*cmd, "--resume"] if resume else cmd, capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert f"{out}: skipped, it is the output file" in again.stderr
    # Resume has nothing left to do; a fresh run writes the same records again.
    assert out.read_bytes() == before
    docs = {json.loads(line)["doc"] for line in before.decode().splitlines()}
    assert docs == {f"{folder}/a0.txt", f"{folder}/a1.txt"}


def test_output_named_among_the_inputs_by_another_path(tmp_path: Path, model_file: str) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Human Rights Watch urged an inquiry.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(out)
    cmd = _label_command(a, out, model_file)
    cmd.insert(4, str(tmp_path / "link.jsonl"))  # a second input: the output, through a link
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "link.jsonl: skipped, it is the output file" in result.stderr


def test_cli_encoding_options(tmp_path: Path, model_file: str) -> None:
    a = tmp_path / "latin.txt"
    a.write_bytes("Amnesty said that José Pérez was detained in Bogotá.".encode("latin-1"))
    out = tmp_path / "out.jsonl"
    refused = subprocess.run(_label_command(a, out, model_file), capture_output=True, text=True)
    assert refused.returncode == 1 and "--encoding-errors replace" in refused.stderr
    for extra in (["--encoding", "latin-1"], ["--encoding-errors", "replace"]):
        ok = subprocess.run(_label_command(a, out, model_file, *extra), capture_output=True)
        assert ok.returncode == 0, ok.stderr
        (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert record["text"].startswith("Amnesty said that Jos")


def test_every_option_an_error_message_names_exists() -> None:
    """Hints in messages ("raise --max-mb", "use --text-col") must name real options."""
    import ast

    from stance.cli import build_parser

    parser = build_parser()
    options = set()
    for action in parser._actions:
        options.update(action.option_strings)
        for sub in getattr(action, "choices", None) or {}:
            if isinstance(action.choices, dict):
                for a in action.choices[sub]._actions:
                    options.update(a.option_strings)
    named = set()
    for module in Path(stance.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                named.update(re.findall(r"(?<![\w-])--[a-z][a-z-]*[a-z]", node.value))
    assert named, "no hint found: the walk is broken"
    assert named <= options, f"messages name options that do not exist: {named - options}"
