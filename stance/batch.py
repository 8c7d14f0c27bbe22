"""The batch job behind ``stance label``: read, label, write, and never lose finished work.

* Output is written one document at a time, each document's records in a single ``write`` with
  interrupts held off, so whatever stops the run (Ctrl-C, a killed process) leaves a valid file
  holding every document finished so far; ``resume=True`` skips the documents already in it.
* A bad input (unreadable, empty, binary, too large, a CSV without the text column) is reported
  by name and the batch goes on; the summary lists every failure.
* A progress line on stderr (documents, statements per second, time left) when stderr is a
  terminal.

Examples
--------
>>> import io, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Amnesty International condemned the arrests.")
>>> summary = run_label([str(folder)], out=str(folder / "out.jsonl"), quiet=True)
>>> summary.documents, summary.statements, summary.failed
(1, 1, [])
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from .labelling import DocItem, documents, label_chunk, resolve_gazetteer, resolve_model
from .labels import NEUTRAL, POSITIONS, SHORT_NAMES
from .parallel import batched, check_jobs, map_chunks
from .readers import Document, InputError, check_encoding, expand_paths, iter_documents
from .results import (
    FORMATS,
    JSON_LINE,
    RECORD_FIELDS,
    Output,
    csv_lines,
    read_done,
    records_of,
    table_block,
)

# RECORD_FIELDS, read_done and records_of live in stance.results; still importable from here
# for the report and older callers.
__all__ = ["RECORD_FIELDS", "Summary", "read_done", "records_of", "run_label"]


@dataclass
class Summary:
    """What a batch run did."""

    documents: int = 0
    statements: int = 0
    not_english: list[str] = field(default_factory=list)
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # (actor, actor_type, country, stance)
    seconds: float = 0.0
    interrupted: bool = False

    def text(self, top: int = 15) -> str:
        """A readable summary: totals, the actor x stance table, failures."""
        rate = self.statements / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.documents} articles, {self.statements} statements in {self.seconds:.1f} s "
            f"({rate:,.0f} statements/s)"
            + (f"; {self.skipped} already done (--resume)" if self.skipped else "")
        ]
        if self.not_english:
            lines.append(
                f"{len(self.not_english)} not labelled (not English): "
                + ", ".join(self.not_english[:10])
                + (" ..." if len(self.not_english) > 10 else "")
            )
        by_actor: dict[tuple[str, str, str], Counter] = {}
        for (actor, typ, country, stance_), n in self.counts.items():
            if stance_ != NEUTRAL:
                by_actor.setdefault((actor, typ, country), Counter())[stance_] += n
        if by_actor:
            rows = sorted(by_actor.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
            width = max(len(_who(k)) for k, _ in rows[:top])
            short = [SHORT_NAMES[s] for s in POSITIONS]
            lines.append("actor x stance:")
            lines.append(
                "  " + "actor".ljust(width) + "".join(s.rjust(9) for s in short) + "total".rjust(7)
            )
            for key, c in rows[:top]:
                lines.append(
                    "  "
                    + _who(key).ljust(width)
                    + "".join(str(c[s]).rjust(9) for s in POSITIONS)
                    + str(sum(c.values())).rjust(7)
                )
            if len(rows) > top:
                lines.append(f"  ... and {len(rows) - top} more actors")
        neutral = sum(n for k, n in self.counts.items() if k[3] == NEUTRAL)
        lines.append(f"neutral statements (no actor): {neutral}")
        if self.failed:
            lines.append(f"{len(self.failed)} inputs failed:")
            lines.extend(f"  {reason}" for reason in self.failed)
        if self.interrupted:
            lines.append(
                "interrupted: the output holds every article finished; rerun with --resume"
            )
        return "\n".join(lines)


def _who(key: tuple[str, str, str]) -> str:
    actor, typ, country = key
    return f"{actor} ({typ}{', ' + country if country else ''})"


class _Progress:
    """A tqdm bar on stderr: share of the input read (by bytes), articles, statements per
    second and time left; silent when stderr is not a terminal or with ``--quiet``."""

    def __init__(self, total_bytes: int, enabled: bool, stream: IO[str]):
        self.enabled = enabled
        self.statements = 0
        self.bar = None
        if enabled:
            from tqdm import tqdm  # comes with datasets; imported only for a terminal

            self.bar = tqdm(
                total=max(total_bytes, 1),
                file=stream,
                unit="B",
                unit_scale=True,
                mininterval=0.2,
                dynamic_ncols=True,
                bar_format="{percentage:3.0f}%|{bar:20}| {desc}  {remaining} left",
                leave=False,
            )
            self.start = self.bar.start_t

    def update(self, documents: int, statements: int, nbytes: int) -> None:
        if self.bar is None:
            return
        elapsed = self.bar._time() - self.start
        rate = statements / elapsed if elapsed > 0 else 0.0
        # the text first, redrawn by the update that follows (one redraw, not two)
        self.bar.set_description_str(
            f"{documents} articles  {statements} statements  {rate:,.0f}/s", refresh=False
        )
        self.bar.update(nbytes)
        if documents == 1:  # the first article shows at once, before tqdm's interval
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@dataclass
class _Done:
    """One labelled document, ready to write: what a worker sends back (text, not objects)."""

    doc: str
    status: str
    n_statements: int
    block: str
    counts: Counter


def _format_chunk(
    chunk: list[DocItem], model: Any, gaz: Any, fmt: str, min_confidence: float
) -> list[_Done]:
    """Label a chunk and format its output, in the worker: the parent process only writes."""
    out = []
    for result in label_chunk(chunk, model, gaz, True):
        records = records_of(result, min_confidence)
        if fmt == "jsonl":
            block = "".join(JSON_LINE(r) + "\n" for r in records)
        elif fmt == "csv":
            block = csv_lines(records)
        else:
            block = table_block(result, records)
        counts = Counter((s.actor, s.actor_type, s.country, s.stance) for s in result.statements)
        out.append(_Done(result.doc, result.status, len(result.statements), block, counts))
    return out


def _labelled_blocks(
    docs: Iterable[Document],
    model: Any,
    jobs: int,
    publisher: str | None,
    fmt: str,
    min_confidence: float,
    gaz: Any,
    chunk_size: int = 32,
    client: Any = None,
) -> Iterator[_Done]:
    """Documents in, formatted output blocks out, in input order; parallel over chunks (local
    workers, or the workers of a Dask ``client``)."""
    trained = resolve_model(model)
    if jobs != 1 or client is not None:
        # Smaller chunks for workers: the last one finishes sooner after the others.
        chunk_size = max(1, chunk_size // 2)
    chunked = batched(documents(docs, publisher), chunk_size)
    if client is not None:
        from .cluster import map_chunks_on

        yield from map_chunks_on(client, _format_chunk, chunked, trained, gaz, fmt, min_confidence)
        return
    yield from map_chunks(_format_chunk, chunked, jobs, trained, gaz, fmt, min_confidence)


def _same_file(path: str, out: str) -> bool:
    """Whether input ``path`` is the output file ``out`` (by name, link or inode)."""
    if path == "-":
        return False
    if os.path.realpath(path) == os.path.realpath(out):
        return True
    try:
        return os.path.samefile(path, out)
    except OSError:  # one of them does not exist (yet)
        return False


def _total_bytes(paths: Iterable[str]) -> int:
    total = 0
    for p in paths:
        with contextlib.suppress(OSError):
            total += os.path.getsize(p) if p != "-" else 0
    return total


def _check_options(fmt: str, out: str | None, resume: bool, min_confidence: float) -> None:
    """Refuse options that cannot work together, before any work."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if resume and out is None:
        raise ValueError("--resume needs an output file (-o FILE) to resume from")
    if out is not None and fmt == "table":
        raise ValueError("--format table prints to the terminal; use jsonl or csv with -o")
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"--min-confidence must be between 0 and 1, got {min_confidence}")


def _check_cluster(jobs: int, scheduler: str | None, client: Any) -> None:
    """Refuse a cluster asked for twice or with local workers, before any work."""
    if scheduler is not None and client is not None:
        raise ValueError("give scheduler (an address) or client (a connected one), not both")
    if (scheduler is not None or client is not None) and jobs != 1:
        raise ValueError(
            f"--jobs {jobs} and --scheduler: choose one (--jobs runs local worker processes, "
            "--scheduler runs on a Dask cluster)"
        )
    if scheduler is not None:
        from .cluster import check_scheduler, require_dask

        check_scheduler(scheduler)
        require_dask()


@contextlib.contextmanager
def _cluster(scheduler: str | None, client: Any) -> Iterator[Any]:
    """The Dask client to label on: the one given, one for ``scheduler`` (closed after), or
    None (local)."""
    if scheduler is None:
        yield client
        return
    from .cluster import connect

    with connect(scheduler) as connected:
        yield connected


def _without_output(paths: list[str], out: str, stderr: IO[str] | None) -> list[str]:
    """The inputs but the output file: the output (growing under --resume) is never read back
    as an input; a folder that holds it, or a glob that matches it, would otherwise feed the
    run its own records. Each one dropped is named on ``stderr`` (unless it is None)."""
    own = [p for p in paths if _same_file(p, out)]
    for p in own:
        if stderr is not None:
            print(f"stance: {p}: skipped, it is the output file", file=stderr)
    return [p for p in paths if p not in own]


def _write_all(
    docs: Iterator[Document],
    output: Output,
    summary: Summary,
    progress: _Progress,
    sizes: dict[str, int],
    client: Any,
    how: tuple,
) -> None:
    """Label ``docs`` (``how``: model, jobs, publisher, format, min confidence, gazetteer) and
    write each as it comes, in input order; Ctrl-C keeps what is written."""
    start = time.perf_counter()
    # Everything loaded so far (modules, model, gazetteer) lives for the whole run: frozen, the
    # cyclic garbage collector stops walking it again and again (about 2% of the run), and
    # forked workers stop touching, and so copying, the pages they share with this process.
    gc.freeze()
    try:
        for done_doc in _labelled_blocks(docs, *how, client=client):
            output.write_block(done_doc.block)
            summary.documents += 1
            if done_doc.status == "not_english":
                summary.not_english.append(done_doc.doc)
            else:
                summary.statements += done_doc.n_statements
                summary.counts.update(done_doc.counts)
            progress.update(summary.documents, summary.statements, sizes.pop(done_doc.doc, 0))
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        gc.unfreeze()
        progress.close()
        output.close()
        summary.seconds = time.perf_counter() - start


def run_label(
    paths: Iterable[str],
    *,
    out: str | None = None,
    fmt: str = "jsonl",
    model: Any = None,
    jobs: int = 1,
    min_confidence: float = 0.0,
    resume: bool = False,
    quiet: bool = False,
    text_col: str = "text",
    id_col: str | None = None,
    publisher: str | None = None,
    max_bytes: int = 20_000_000,
    gazetteer: str | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    encoding: str = "utf-8",
    encoding_errors: str = "strict",
    scheduler: str | None = None,
    client: Any = None,
) -> Summary:
    """Label every document under ``paths`` and write the results (see ``stance label -h``).

    Raises
    ------
    ValueError
        Before any work: an unknown format, ``resume`` without ``out``, an output that cannot
        be written or resumed from.
    """
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    _check_options(fmt, out, resume, min_confidence)
    check_jobs(jobs)
    _check_cluster(jobs, scheduler, client)
    check_encoding(encoding, encoding_errors)
    gaz = resolve_gazetteer(gazetteer)  # a bad actors file stops here, before any work
    model = resolve_model(model)  # and the default model is loaded before the clock
    done = read_done(out, fmt) if resume and out is not None else set()
    expanded = expand_paths(paths)
    if out is not None:
        expanded = _without_output(expanded, out, None if quiet else stderr)
    summary = Summary()
    progress = _Progress(
        _total_bytes(expanded), enabled=not quiet and stderr.isatty(), stream=stderr
    )
    sizes: dict[str, int] = {}

    def documents() -> Iterator[Document]:
        for item in iter_documents(
            expanded,
            text_col=text_col,
            id_col=id_col,
            max_bytes=max_bytes,
            encoding=encoding,
            errors=encoding_errors,
        ):
            if isinstance(item, InputError):
                summary.failed.append(str(item))
                if not quiet:
                    progress.close()
                    print(f"stance: {item}", file=stderr)
                continue
            if item.id in done:
                summary.skipped += 1
                continue
            sizes[item.id] = len(item.text)
            yield item

    # The cluster starts (or is reached) before the output is opened: a scheduler that cannot
    # be reached leaves an existing output untouched.
    with _cluster(scheduler, client) as active:
        output = Output(out, fmt, resume, stdout)
        how = (model, jobs, publisher, fmt, min_confidence, gaz)
        _write_all(documents(), output, summary, progress, sizes, active, how)
    return summary
