"""End-to-end throughput of ``stance label`` on the raw corpus, with 1 and 2 jobs.

Labels the whole of ``../shared/corpus`` (MFA press-conference transcripts and UN General
Debate speeches) exactly as a user would: ``stance label corpus.jsonl -o out.jsonl`` in a fresh
process (read, segment, attribute, classify, write), with the default model already cached.
Then the same corpus repeated ten times (1 and 2 jobs), to show that peak memory does not grow
with the input.
Memory is the peak of the resident memory of the process and its workers, summed, read from /proc:
as RSS every 50 ms (a page the forked workers share counts once per process) and as PSS every 2
seconds (a shared page split among them; costlier to read). A profile of one job on part of the
corpus says where the time goes.

    python benchmarks/throughput.py [--corpus ../shared/corpus] [--repeat 10] [--runs 5]

Writes ``results/throughput/summary.json`` and ``results/throughput/summary.md``, and prints
the table. Timings vary with the machine and its load: the medians of ``--runs`` runs are
reported, and the ratios matter more than the absolute figures.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results" / "throughput"


def corpus_documents(corpus: Path) -> list[dict]:
    """The raw corpus as documents: a transcript (paragraphs joined) or a speech each."""
    docs = []
    for line in (corpus / "mfa_press_conferences_2018_2020.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        docs.append(
            {"id": r["id"], "text": "\n\n".join(r["paragraphs"]), "publisher": r["spokesperson"]}
        )
    for line in (corpus / "ungdc_2019_2022.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        docs.append({"id": r["id"], "text": r["text"], "publisher": r["country"]})
    return docs


def write_input(docs: list[dict], path: Path, repeat: int) -> int:
    size = 0
    with path.open("w", encoding="utf-8") as fh:
        for k in range(repeat):
            for d in docs:
                line = json.dumps({**d, "id": f"{d['id']}~{k}"}, ensure_ascii=False) + "\n"
                fh.write(line)
                size += len(line.encode("utf-8"))
    return size


def _tree_pids(pid: int) -> list[int]:
    """A process and all its descendants, from /proc."""
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return pids


def _rss(pid: int) -> int:
    """Summed RSS (bytes) of a process tree: a page that forked workers share counts once per
    process. Cheap to read (statm)."""
    total = 0
    for p in _tree_pids(pid):
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    return total


def _pss(pid: int, tree: bool = True) -> int:
    """Summed PSS (bytes) of a process tree: a shared page is split among the processes that
    share it, so this is what the run really holds. Costly to read (the kernel walks the page
    tables), so it is sampled less often than RSS."""
    total = 0
    for p in _tree_pids(pid) if tree else [pid]:
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                total += next(int(ln.split()[1]) * 1024 for ln in fh if ln.startswith("Pss:"))
        except (OSError, ValueError, StopIteration):
            continue
    return total


def run_cli(input_path: Path, jobs: int, scheduler: str | None = None) -> dict:
    """One ``stance label`` run in a fresh process: wall time, statements, peak memory (of the
    whole process tree, and of the main process alone: the client, with ``scheduler``)."""
    out = input_path.with_suffix(f".out{jobs}{'-dask' if scheduler else ''}.jsonl")
    how = ["--scheduler", scheduler] if scheduler else ["--jobs", str(jobs)]
    cmd = [sys.executable, "-m", "stance.cli", "label", str(input_path), "-o", str(out), *how]
    cmd.append("--quiet")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_pss = peak_main_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss, peak_main_pss
        # RSS every 50 ms; PSS every 2 s: reading it every 50 ms took a fifth of a core
        # from the run being measured.
        tick = 0
        while not done.is_set():
            peak = max(peak, _rss(proc.pid))
            if tick % 40 == 0:
                peak_pss = max(peak_pss, _pss(proc.pid))
                peak_main_pss = max(peak_main_pss, _pss(proc.pid, tree=False))
            tick += 1
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"stance label failed ({proc.returncode}): {err.decode()[-2000:]}")
    with out.open(encoding="utf-8") as fh:
        statements = sum(1 for line in fh if '"status": "ok"' in line)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    out.unlink()
    return {
        "seconds": seconds,
        "statements": statements,
        "peak_rss_mb": peak / 1e6,
        "peak_pss_mb": peak_pss / 1e6,
        "peak_main_pss_mb": peak_main_pss / 1e6,
        "sha256": digest,
    }


def profile(docs: list[dict], n_docs: int) -> str:
    """Where the time goes: cProfile of one job labelling ``n_docs`` documents in-process,
    split by stage (cumulative time of each stage's entry point)."""
    from stance.labelling import label_many
    from stance.training import default_model

    model = default_model()
    sample = [(d["id"], d["text"]) for d in docs[:n_docs]]
    list(label_many(sample[:5], model))  # warm caches (gazetteer, tokenizer)
    profiler = cProfile.Profile()
    profiler.enable()
    n = sum(len(r.statements) for r in label_many(sample, model))
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    raw = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_f, _l, fn), (_cc, _nc, _tt, ct, _c) in raw.items() if fn == "label_many")
    stages = {
        "segment (stance.segmentation: cleaning, Punkt)": ("segmentation.py", "segment"),
        "attribute (stance.attribution, gazetteer)": ("attribution/document.py", "attribute"),
        "classify (tf-idf + logistic regression)": ("trained.py", "predict_proba_documents"),
        "language check": ("language.py", "looks_english"),
    }
    lines = [f"profile of 1 job, {n_docs} documents, {n} statements (cumulative time by stage):"]
    accounted = 0.0
    for name, (file, fn) in stages.items():
        t = sum(v[3] for k, v in raw.items() if k[0].endswith(file) and k[2] == fn)
        accounted += t
        lines.append(f"  {name:<50} {t:6.2f} s  {t / total:5.1%}")
    rest = total - accounted
    rest_name = "the rest (statements, chunks, glue)"
    lines.append(f"  {rest_name:<50} {rest:6.2f} s  {rest / total:5.1%}")
    top = io.StringIO()
    pstats.Stats(profiler, stream=top).sort_stats("tottime").print_stats(12)
    return (
        "\n".join(lines)
        + "\n\nTop functions by own time:\n"
        + top.getvalue().split("ncalls", 1)[-1]
    )


def _figures(runs: list[dict], size: int, jobs: int) -> dict:
    """Median time of ``runs`` and the rates and peaks every table reports."""
    seconds = statistics.median(r["seconds"] for r in runs)
    statements = runs[0]["statements"]
    return {
        "seconds": round(seconds, 1),
        "statements": statements,
        "statements_per_s": round(statements / seconds),
        "statements_per_s_per_core": round(statements / seconds / jobs),
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
        "peak_pss_mb": round(max(r["peak_pss_mb"] for r in runs), 1),
    }


def compare_scheduler(docs: list[dict], scheduler: str, runs: int) -> int:
    """The corpus with ``--scheduler`` and with ``--jobs`` on as many cores, in pairs of runs
    whose order alternates (ABBA: a drift of the machine's speed falls on both alike): medians,
    the cluster's share of the joblib throughput (ratio of the medians, and the median of the
    per-pair ratios, which a run slowed by another job on the machine sways less), peak memory
    of the client and of the whole tree."""
    jobs = int(scheduler.partition(":")[2]) if scheduler.startswith("local:") else 2
    joblib_how, cluster_how = f"--jobs {jobs}", f"--scheduler {scheduler}"
    rows: dict[str, list[dict]] = {joblib_how: [], cluster_how: []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus_x1.jsonl"
        size = write_input(docs, path, 1)
        for k in range(runs):
            order = [joblib_how, cluster_how] if k % 2 == 0 else [cluster_how, joblib_how]
            for how in order:
                rows[how].append(run_cli(path, jobs, scheduler if how == cluster_how else None))
    table = []
    for how, got in rows.items():
        table.append(
            {
                "how": how,
                "runs": len(got),
                **_figures(got, size, jobs),
                "seconds_all": [round(r["seconds"], 1) for r in got],
                "peak_main_pss_mb": round(max(r["peak_main_pss_mb"] for r in got), 1),
                "identical_output": len({r["sha256"] for rs in rows.values() for r in rs}) == 1,
            }
        )
    share = table[1]["statements_per_s"] / table[0]["statements_per_s"]
    pairs = [a["seconds"] / b["seconds"] for a, b in zip(*rows.values(), strict=True)]
    summary = {
        "rows": table,
        "cluster_share_of_joblib": round(share, 3),
        "cluster_share_of_joblib_paired": {
            "median": round(statistics.median(pairs), 3),
            "pairs": [round(p, 3) for p in pairs],
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "dask.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps(summary, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5, help="runs per setting (median reported)")
    parser.add_argument("--profile-docs", type=int, default=150)
    parser.add_argument(
        "--profile-only",
        action="store_true",
        help="keep the timed rows of results/throughput/summary.json, redo the profile",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        help="compare `--scheduler SCHEDULER` (e.g. local:2) with --jobs N on the corpus, where "
        "N is the number of workers of local:N (or 2); writes results/throughput/dask.*",
    )
    args = parser.parse_args(argv)

    from stance.training import default_model

    default_model()  # train and cache once, outside the timed runs
    docs = corpus_documents(args.corpus)
    if args.scheduler:
        return compare_scheduler(docs, args.scheduler, args.runs)
    rows = []
    if args.profile_only:
        rows = json.loads((RESULTS / "summary.json").read_text())["rows"]
    with tempfile.TemporaryDirectory() as tmp:
        settings = [] if args.profile_only else [(1, 1), (1, 2), (args.repeat, 1), (args.repeat, 2)]
        for repeat, jobs in settings:
            path = Path(tmp) / f"corpus_x{repeat}.jsonl"
            if not path.exists():
                size = write_input(docs, path, repeat)
            size = path.stat().st_size
            runs = [run_cli(path, jobs) for _ in range(args.runs if repeat == 1 else 1)]
            row = {
                "input": f"corpus x{repeat}",
                "documents": len(docs) * repeat,
                "mb": round(size / 1e6, 1),
                "jobs": jobs,
                "runs": len(runs),
                **_figures(runs, size, jobs),
            }
            rows.append(row)
            print(json.dumps(row))
    prof = profile(docs, args.profile_docs)
    growth = {}  # peak memory of the 10x corpus against the 1x corpus, per number of jobs
    for jobs in sorted({r["jobs"] for r in rows}):
        base = next((r for r in rows if r["input"] == "corpus x1" and r["jobs"] == jobs), None)
        big = next((r for r in rows if r["input"] != "corpus x1" and r["jobs"] == jobs), None)
        if base and big:
            growth[jobs] = {k: big[k] / base[k] - 1 for k in ("peak_rss_mb", "peak_pss_mb")}
    big_input = next(r["input"] for r in rows if r["input"] != "corpus x1")
    cols = [
        "input",
        "documents",
        "mb",
        "jobs",
        "seconds",
        "statements",
        "statements_per_s",
        "statements_per_s_per_core",
        "mb_per_s",
        "peak_rss_mb",
        "peak_pss_mb",
    ]
    table = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    table += ["| " + " | ".join(str(r.get(c, "")) for c in cols) + " |" for r in rows]
    md = "\n".join(
        [
            "# Throughput of `stance label` (default model, end to end)",
            "",
            f"Machine: {os.cpu_count()} cores; medians of {rows[0]['runs']} runs for the 1x corpus"
            " (one run for the 10x corpus); each run a fresh `stance label` process, start-up"
            " (imports, loading the model) included.",
            "",
            *table,
            "",
            "Peak memory, summed over the process and its workers: RSS counts a page that forked"
            " workers share once per process, PSS splits it among them (what the run holds).",
            "",
            *[
                f"Peak memory, {big_input} vs corpus x1, {jobs} job{'s' * (jobs > 1)}: RSS"
                f" {g['peak_rss_mb']:+.1%}, PSS {g['peak_pss_mb']:+.1%}."
                for jobs, g in growth.items()
            ],
            "",
            "```",
            prof,
            "```",
        ]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "summary.json").write_text(
        json.dumps(
            {
                "rows": rows,
                "memory_growth": {
                    str(j): {k: round(v, 3) for k, v in g.items()} for j, g in growth.items()
                },
            },
            indent=1,
        )
        + "\n"
    )
    (RESULTS / "summary.md").write_text(md + "\n")
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
