"""The output of ``stance label``: one record per statement, and its files.

The record schema (:data:`RECORD_FIELDS`), how records are written (a JSONL line each, CSV
rows, or a table for the terminal; one document per ``write``) and read back
(:func:`read_done` for ``--resume``, :func:`read_results` for a report or a test: every record
checked against the label scheme; a malformed line is an error or, given an ``on_error``
callback, reported and skipped, as ``stance label`` skips bad input).

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
import math
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .labelling import STATEMENT_FIELDS, VOICE_FIELDS, LabelledDocument
from .labels import check_scheme

__all__ = [
    "COLUMNS",
    "FORMATS",
    "JSON_LINE",
    "RECORD_FIELDS",
    "Output",
    "csv_lines",
    "read_done",
    "read_results",
    "records_of",
    "table_block",
]

RECORD_FIELDS: tuple[str, ...] = ("doc", "source", "status", *STATEMENT_FIELDS[1:], *VOICE_FIELDS)
"""The columns of an output record: the document, where it came from, its status, the fields
of a :class:`stance.Statement`, and the document's voice (:class:`stance.labelling.DocumentVoice`,
the same on every record of a document; a flag record has only the first three)."""
COLUMNS = RECORD_FIELDS  # the name the report has always used
FORMATS = ("jsonl", "csv", "table")

STOP_AFTER_VARIABLE = "STANCE_TEST_STOP_AFTER"
"""A test hook, not for users: with ``STANCE_TEST_STOP_AFTER=N`` in its environment a run kills
itself (SIGKILL, as ``kill -9`` would) right after writing its N-th document, so a test of a
killed run stops at a known point instead of racing a timer against the machine's speed.
``N:SIGINT`` sends Ctrl-C to the run's whole process group instead (as a terminal does), and
``N:SIGSTOP`` stops the run there, so a test can look at its workers before it kills it."""


def _stop_hook() -> tuple[int, str]:
    count, _, name = (os.environ.get(STOP_AFTER_VARIABLE) or "0").partition(":")
    return int(count), name or "SIGKILL"


def _stop_here(name: str) -> None:
    if name == "SIGINT":
        os.killpg(os.getpgrp(), signal.SIGINT)
    else:
        os.kill(os.getpid(), getattr(signal, name))


def records_of(result: LabelledDocument, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """The output records of one labelled document (one per statement, or one flag record)."""
    if result.status != "ok":
        record = dict.fromkeys(RECORD_FIELDS)
        record.update(doc=result.doc, source=result.source, status=result.status)
        return [record]
    voice = result.voice.fields()
    return [
        {"doc": s.doc, "source": result.source, "status": "ok", **s.to_dict(), **voice}
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
        self.stop_after, self.stop_signal = _stop_hook()
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
            _stop_here(self.stop_signal)  # the test hook: see STOP_AFTER_VARIABLE

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


# Every record names its document; a labelled statement also needs what the page shows. The
# offsets and the cue are optional so that hand-made or older files still render.
_ALWAYS = ("doc", "source", "status")
_STATEMENT = ("index", "text", "stance", "confidence", "actor", "actor_type", "country")
_INTS = ("index", "start", "end", "actor_start", "actor_end", "voice_start", "voice_end")
_MAY_BE_EMPTY = ("source", "text", "country", "cue", "rule", "voice", "genre")


def read_results(
    path: str | os.PathLike[str], *, on_error: Callable[[str], None] | None = None
) -> Iterator[dict[str, Any]]:
    """Read the records of a results file written by ``stance label``.

    Parameters
    ----------
    path : str or path-like
        A ``.jsonl`` file (one JSON object a line) or a ``.csv`` file with a header row.
    on_error : callable, optional
        Called with the message (file, line, problem) of each malformed line or row, which is
        then skipped, as ``stance label`` skips bad input. By default the first one raises.

    Returns
    -------
    Iterator[dict]
        One dict a record, with every column of :data:`COLUMNS`: CSV cells come back as ``int``,
        ``float`` or ``None`` (an empty cell) like their JSON counterparts, a missing ``cue`` or
        ``country`` as ``""`` and every other missing optional field as ``None``. Columns outside
        :data:`COLUMNS` (such as ``rule``) are passed through unchanged.

    Raises
    ------
    FileNotFoundError
        If there is no such file (at once).
    ValueError
        For an unknown suffix or a directory (at once), and, while iterating, for a file that is
        not UTF-8 text, a CSV header without a required column, and (without ``on_error``) a
        malformed line, a missing required field, or a value of the wrong type or outside the
        label scheme; the message names the file and the line.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = Path(tmp.name) / "results.jsonl"
    >>> _ = path.write_text(json.dumps({"doc": "d1", "source": "d1.txt", "status": "ok",
    ...     "index": 0, "text": "China denied it.", "stance": "deny", "confidence": 0.9,
    ...     "actor": "China", "actor_type": "government", "country": "CHN"}) + "\\n{oops\\n")
    >>> skipped = []
    >>> [(r["actor"], r["stance"], r["cue"]) for r in read_results(path, on_error=skipped.append)]
    [('China', 'deny', '')]
    >>> skipped[0].endswith("results.jsonl line 2: not valid JSON (Expecting property name "
    ...     "enclosed in double quotes)")
    True
    >>> tmp.cleanup()
    """
    path = Path(path)
    suffix = path.suffix.lower()
    # Checked here, not in the generators, so that a wrong file fails at the call.
    if suffix not in (".jsonl", ".csv"):
        raise ValueError(
            f"{path}: unknown results format {suffix or '(no suffix)'!r}; use .jsonl or .csv"
        )
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such results file")
    if path.is_dir():
        raise ValueError(f"{path}: is a directory, not a results file")
    if on_error is None:

        def on_error(message: str) -> None:
            raise ValueError(message)

    return _read_jsonl(path, on_error) if suffix == ".jsonl" else _read_csv(path, on_error)


def _read_jsonl(path: Path, on_error: Callable[[str], None]) -> Iterator[dict[str, Any]]:
    # Bytes, decoded line by line: one line of bad bytes is one malformed line, not a bad file.
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            where = f"{path} line {number}"
            try:
                line = raw.decode("utf-8")
                if not line.strip():
                    continue
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError(
                        f"{where}: expected a JSON object, got {type(record).__name__}"
                    )
                out = _normalise(record, where)
            except UnicodeDecodeError as err:
                on_error(f"{where}: not UTF-8 text (byte {err.start + 1} of the line)")
            except json.JSONDecodeError as err:
                on_error(f"{where}: not valid JSON ({err.msg})")
            except ValueError as err:
                on_error(str(err))
            else:
                yield out


def _read_csv(path: Path, on_error: Callable[[str], None]) -> Iterator[dict[str, Any]]:
    # utf-8-sig: a spreadsheet that saved the file may have put a byte-order mark in front.
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                return
            missing = [c for c in (*_ALWAYS, *_STATEMENT) if c not in header]
            if missing:
                raise ValueError(f"{path} line 1: missing required column(s) {', '.join(missing)}")
            for row in reader:
                # line_num is where the row ends: a quoted cell may span several lines.
                where = f"{path} line {reader.line_num}"
                if not row:
                    continue
                try:
                    record = _csv_record(header, row, where)
                except ValueError as err:
                    on_error(str(err))
                else:
                    yield record
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: not UTF-8 text (byte {err.start + 1} of a block)") from None
    except csv.Error as err:
        raise ValueError(f"{path}: not a readable CSV file ({err})") from None


def _csv_record(header: list[str], row: list[str], where: str) -> dict[str, Any]:
    if len(row) != len(header):
        raise ValueError(f"{where}: {len(row)} cells, the header has {len(header)}")
    record: dict[str, Any] = {}
    for name, cell in zip(header, row, strict=True):
        # CSV has no null: an empty cell is one, except where "" is a value of its own.
        record[name] = cell if cell or name in _MAY_BE_EMPTY else None
    for name in _INTS:
        if isinstance(record.get(name), str):
            record[name] = _parse(int, record[name], name, where, "an integer")
    for name in ("confidence", "attribution_score", "voice_confidence"):
        if isinstance(record.get(name), str):
            record[name] = _parse(float, record[name], name, where, "a number")
    return _normalise(record, where)


def _parse(kind: type, cell: str, name: str, where: str, noun: str) -> Any:
    try:
        return kind(cell)
    except ValueError:
        raise ValueError(f"{where}: {name} {cell!r} is not {noun}") from None


def _normalise(record: dict[str, Any], where: str) -> dict[str, Any]:
    for name in _ALWAYS:
        if not isinstance(record.get(name), str) or (name != "source" and not record[name]):
            raise ValueError(f"{where}: missing or empty field {name!r}")
    out: dict[str, Any] = {name: record.get(name) for name in COLUMNS}
    out.update((k, v) for k, v in record.items() if k not in out)
    if record["status"] != "ok":
        # A document that was not labelled has no statement; whatever else it carries is moot.
        for name in COLUMNS[3:]:
            out[name] = None
        return out
    for name in _STATEMENT:
        if record.get(name) is None:
            raise ValueError(f"{where}: missing field {name!r}")
    for name in _INTS:
        value = out[name]
        # bool is an int to Python but never a valid offset.
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{where}: {name} {value!r} is not an integer")
    confidence = out["confidence"]
    if (
        isinstance(confidence, bool)
        or not isinstance(confidence, (int, float))
        or not math.isfinite(confidence)
    ):
        raise ValueError(f"{where}: confidence {confidence!r} is not a number")
    out["confidence"] = float(confidence)
    for name in ("text", "stance", "actor", "actor_type", "country", "cue", "rule"):
        if out[name] is None:
            out[name] = ""
        elif not isinstance(out[name], str):
            raise ValueError(f"{where}: {name} {out[name]!r} is not a string")
    check_scheme(out["stance"], out["actor_type"], where)
    return out
