"""Reading the results files of ``stance label`` (JSONL or CSV) for :mod:`stance.report`.

Private: :func:`stance.report.read_results` and :data:`stance.report.COLUMNS` are the public
names. Every record is checked against the label scheme; a malformed line is either an error or,
given an ``on_error`` callback, reported and skipped, as ``stance label`` skips bad input.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .labels import check_scheme

__all__ = ["COLUMNS", "read_results"]

COLUMNS: tuple[str, ...] = (
    "doc",
    "source",
    "status",
    "index",
    "start",
    "end",
    "text",
    "stance",
    "confidence",
    "actor",
    "actor_type",
    "country",
    "cue",
    "actor_start",
    "actor_end",
)
"""The columns of a results file, in the order ``stance label`` writes them."""

# Every record names its document; a labelled statement also needs what the page shows. The
# offsets and the cue are optional so that hand-made or older files still render.
_ALWAYS = ("doc", "source", "status")
_STATEMENT = ("index", "text", "stance", "confidence", "actor", "actor_type", "country")
_INTS = ("index", "start", "end", "actor_start", "actor_end")
_MAY_BE_EMPTY = ("source", "text", "country", "cue")


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
    if isinstance(record.get("confidence"), str):
        record["confidence"] = _parse(float, record["confidence"], "confidence", where, "a number")
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
    for name in ("text", "stance", "actor", "actor_type", "country", "cue"):
        if out[name] is None:
            out[name] = ""
        elif not isinstance(out[name], str):
            raise ValueError(f"{where}: {name} {out[name]!r} is not a string")
    check_scheme(out["stance"], out["actor_type"], where)
    return out
