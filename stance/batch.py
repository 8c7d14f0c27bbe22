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
import csv
import gc
import io
import json
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .labelling import STATEMENT_FIELDS, LabelledDocument
from .readers import Document, InputError, check_encoding, expand_paths, iter_documents

__all__ = ["RECORD_FIELDS", "Summary", "read_done", "records_of", "run_label"]

RECORD_FIELDS: tuple[str, ...] = ("doc", "source", "status", *STATEMENT_FIELDS[1:])
FORMATS = ("jsonl", "csv", "table")


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
        stances = ["urge_accountability", "condemn", "deny", "allege_interference"]
        by_actor: dict[tuple[str, str, str], Counter] = {}
        for (actor, typ, country, stance_), n in self.counts.items():
            if stance_ != "neutral":
                by_actor.setdefault((actor, typ, country), Counter())[stance_] += n
        if by_actor:
            rows = sorted(by_actor.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
            width = max(len(_who(k)) for k, _ in rows[:top])
            short = ["urge", "condemn", "deny", "interf."]
            lines.append("actor x stance:")
            lines.append(
                "  " + "actor".ljust(width) + "".join(s.rjust(9) for s in short) + "total".rjust(7)
            )
            for key, c in rows[:top]:
                lines.append(
                    "  "
                    + _who(key).ljust(width)
                    + "".join(str(c[s]).rjust(9) for s in stances)
                    + str(sum(c.values())).rjust(7)
                )
            if len(rows) > top:
                lines.append(f"  ... and {len(rows) - top} more actors")
        neutral = sum(n for k, n in self.counts.items() if k[3] == "neutral")
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


def records_of(result: LabelledDocument, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """The output records of one labelled document (one per statement, or one flag record)."""
    if result.status != "ok":
        record = dict.fromkeys(RECORD_FIELDS)
        record.update(doc=result.doc, source=result.source, status=result.status)
        return [record]
    return [
        {"doc": s.doc, "source": result.source, "status": "ok", **s.to_dict()}
        for s in result.statements
        if s.confidence >= min_confidence
    ]


class _Output:
    """Appends whole documents to a JSONL or CSV file, or prints tables to a stream."""

    def __init__(self, path: str | None, fmt: str, resume: bool, stream: IO[str]):
        self.fmt = fmt
        self.stream = stream
        self.fd: int | None = None
        if path is None:
            if fmt == "csv":
                self.stream.write(
                    _csv_lines([dict(zip(RECORD_FIELDS, RECORD_FIELDS, strict=False))])
                )
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
        try:
            self.fd = os.open(path, flags, 0o644)
        except OSError as exc:
            raise ValueError(f"cannot write the output {path}: {exc.strerror}") from None
        if fmt == "csv" and os.fstat(self.fd).st_size == 0:
            self._write(_csv_lines([dict(zip(RECORD_FIELDS, RECORD_FIELDS, strict=False))]))

    def write_block(self, block: str) -> None:
        """One document's records, already formatted: all of them or (interrupted) none."""
        if self.fd is None:
            self.stream.write(block)
            self.stream.flush()
        else:
            self._write(block)

    def _write(self, block: str) -> None:
        data = block.encode("utf-8")
        # Hold off Ctrl-C and TERM while one document's block goes out: a file never ends
        # half-way through a document.
        held = {signal.SIGINT, signal.SIGTERM}
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            view = memoryview(data)
            while view:
                written = os.write(self.fd, view)  # type: ignore[arg-type]
                view = view[written:]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def close(self) -> None:
        if self.fd is not None:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = None


def _csv_lines(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECORD_FIELDS, lineterminator="\n")
    for r in records:
        writer.writerow({k: "" if r.get(k) is None else r[k] for k in RECORD_FIELDS})
    return buffer.getvalue()


def _table_block(result: LabelledDocument, records: list[dict[str, Any]]) -> str:
    lines = [f"== {result.doc}" + (f"  [{result.status}]" if result.status != "ok" else "")]
    for r in records if result.status == "ok" else []:
        who = (
            r["actor"]
            if r["actor"] == "none"
            else (f"{r['actor']} ({r['actor_type']}{', ' + r['country'] if r['country'] else ''})")
        )
        text = r["text"] if len(r["text"]) <= 70 else r["text"][:69] + "…"
        lines.append(
            f"{r['index']:>4}  {r['stance']:<20} {r['confidence']:.2f}  {who[:40]:<40}  {text}"
        )
    return "\n".join(lines) + "\n\n"


def read_done(path: str | Path, fmt: str) -> set[str]:
    """Ids of the documents already in an output file (for ``--resume``).

    A last line without its newline can only come from a write that was cut short; it is
    removed so the file stays valid and that document is labelled again.
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return set()
    raw = path.read_bytes()
    end = raw.rfind(b"\n") + 1
    if end < len(raw):
        with path.open("r+b") as fh:
            fh.truncate(end)
        raw = raw[:end]
    text = raw.decode("utf-8")
    done: set[str] = set()
    if fmt == "csv":
        for row in csv.DictReader(io.StringIO(text)):
            if "doc" not in row:
                raise ValueError(f"{path}: not an output of stance label (no 'doc' column)")
            done.add(row["doc"])
        return done
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            done.add(json.loads(line)["doc"])
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ValueError(
                f"{path} line {n}: not an output of stance label; cannot --resume from it"
            ) from None
    return done


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


def _json_line_encoder() -> Callable[[dict[str, Any]], str]:
    """``json.dumps(record, ensure_ascii=False)``, for one record per output line.

    json.dumps builds an encoder for every call. Here one encoder serves all lines, and where
    the json module has its C encoder (CPython), that is called directly: the same text (a test
    compares them) without the Python layers around it, which cost as much as the encoding
    of a small record."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    # The arguments JSONEncoder.iterencode passes it, but no circular-reference check (records
    # are flat dicts of strings, numbers and None).
    iterencode = make(
        None,
        encoder.default,
        json.encoder.encode_basestring,
        None,
        encoder.key_separator,
        encoder.item_separator,
        False,
        False,
        True,
    )
    return lambda record: "".join(iterencode(record, 0))


_JSON_LINE = _json_line_encoder()


def _format_chunk(
    chunk: list, model: Any, gaz: Any, fmt: str, min_confidence: float
) -> list[_Done]:
    """Label a chunk and format its output, in the worker: the parent process only writes."""
    from .labelling import _label_chunk

    out = []
    for result in _label_chunk(chunk, model, gaz, True):
        records = records_of(result, min_confidence)
        if fmt == "jsonl":
            block = "".join(_JSON_LINE(r) + "\n" for r in records)
        elif fmt == "csv":
            block = _csv_lines(records)
        else:
            block = _table_block(result, records)
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
) -> Iterator[_Done]:
    """Documents in, formatted output blocks out, in input order; parallel over chunks."""
    from .labelling import _model, chunks, map_chunks

    trained = _model(model)
    if jobs != 1:
        # Smaller chunks for workers: the last one finishes sooner after the others.
        chunk_size = max(1, chunk_size // 2)
    yield from map_chunks(
        _format_chunk, chunks(docs, publisher, chunk_size), jobs, trained, gaz, fmt, min_confidence
    )


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
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if resume and out is None:
        raise ValueError("--resume needs an output file (-o FILE) to resume from")
    if out is not None and fmt == "table":
        raise ValueError("--format table prints to the terminal; use jsonl or csv with -o")
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"--min-confidence must be between 0 and 1, got {min_confidence}")
    from .labelling import _gazetteer, _model, check_jobs

    check_jobs(jobs)
    check_encoding(encoding, encoding_errors)
    gaz = _gazetteer(gazetteer)  # a bad actors file stops here, before any work
    model = _model(model)  # and the default model is trained (first use) before the clock
    done = read_done(out, fmt) if resume and out is not None else set()
    expanded = expand_paths(paths)
    if out is not None:
        # The output (growing under --resume) is never read back as an input: a folder that
        # holds it, or a glob that matches it, would otherwise feed the run its own records.
        own = [p for p in expanded if _same_file(p, out)]
        expanded = [p for p in expanded if p not in own]
        for p in own:
            if not quiet:
                print(f"stance: {p}: skipped, it is the output file", file=stderr)
    summary = Summary()
    output = _Output(out, fmt, resume, stdout)
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

    start = time.perf_counter()
    # Everything loaded so far (modules, model, gazetteer) lives for the whole run: frozen, the
    # cyclic garbage collector stops walking it again and again (about 2% of the run), and
    # forked workers stop touching, and so copying, the pages they share with this process.
    gc.freeze()
    try:
        for done_doc in _labelled_blocks(
            documents(), model, jobs, publisher, fmt, min_confidence, gaz
        ):
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
    return summary
