"""The output of ``stance label``: one record per statement, and its files.

The record schema (:data:`RECORD_FIELDS`), how records are written (a JSONL line each, CSV
rows, or a table for the terminal; one document per ``write``) and read back
(:func:`read_done` for ``--resume``, :func:`read_records` for a report or a test).

Examples
--------
>>> RECORD_FIELDS[:4]
('doc', 'source', 'status', 'index')
>>> JSON_LINE({"doc": "a", "text": "é"})
'{"doc": "a", "text": "é"}'
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .labelling import STATEMENT_FIELDS, LabelledDocument

__all__ = [
    "FORMATS",
    "JSON_LINE",
    "RECORD_FIELDS",
    "Output",
    "csv_lines",
    "read_done",
    "read_records",
    "records_of",
    "table_block",
]

RECORD_FIELDS: tuple[str, ...] = ("doc", "source", "status", *STATEMENT_FIELDS[1:])
"""The columns of an output record: the document, where it came from, its status, and the
fields of a :class:`stance.Statement` (a flag record has only the first three)."""
FORMATS = ("jsonl", "csv", "table")

STOP_AFTER_VARIABLE = "STANCE_TEST_STOP_AFTER"
"""A test hook, not for users: with ``STANCE_TEST_STOP_AFTER=N`` in its environment a run kills
itself (SIGKILL, as ``kill -9`` would) right after writing its N-th document, so a test of a
killed run stops at a known point instead of racing a timer against the machine's speed."""


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


JSON_LINE = _json_line_encoder()


class Output:
    """Appends whole documents to a JSONL or CSV file, or prints tables to a stream."""

    def __init__(self, path: str | None, fmt: str, resume: bool, stream: IO[str]):
        self.fmt = fmt
        self.stream = stream
        self.fd: int | None = None
        self.written = 0
        self.stop_after = int(os.environ.get(STOP_AFTER_VARIABLE) or 0)
        if path is None:
            if fmt == "csv":
                self.stream.write(
                    csv_lines([dict(zip(RECORD_FIELDS, RECORD_FIELDS, strict=False))])
                )
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
        try:
            self.fd = os.open(path, flags, 0o644)
        except OSError as exc:
            raise ValueError(f"cannot write the output {path}: {exc.strerror}") from None
        if fmt == "csv" and os.fstat(self.fd).st_size == 0:
            self._write(csv_lines([dict(zip(RECORD_FIELDS, RECORD_FIELDS, strict=False))]))

    def write_block(self, block: str) -> None:
        """One document's records, already formatted: all of them or (interrupted) none."""
        if self.fd is None:
            self.stream.write(block)
            self.stream.flush()
        else:
            self._write(block)
        self.written += 1
        if self.written == self.stop_after:
            os.kill(os.getpid(), signal.SIGKILL)  # the test hook: see STOP_AFTER_VARIABLE

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


def csv_lines(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECORD_FIELDS, lineterminator="\n")
    for r in records:
        writer.writerow({k: "" if r.get(k) is None else r[k] for k in RECORD_FIELDS})
    return buffer.getvalue()


def table_block(result: LabelledDocument, records: list[dict[str, Any]]) -> str:
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


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a JSONL output file, in order."""
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
