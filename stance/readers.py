"""Read the documents to label from files, directories, glob patterns or stdin.

The reader layer behind ``stance label PATH...``. Data flow, one way::

    PATH... -> expand_paths -> one path at a time -> reader for its suffix -> Document
                                                                          or InputError

:func:`iter_documents` never raises for bad input: a missing file, a binary file, a broken
JSON line or a CSV without the text column each come out as an :class:`InputError` (which names
the file, or ``file#N`` for one record, and says what is wrong), and the batch goes on. JSON
Lines and CSV files are read line by line / row by row, so memory does not grow with the number
of records; only a single document (a ``.txt``, ``.md``, ``.html`` or ``.json`` file, or one
record's text) is held whole, and it is limited to ``max_bytes``.

Formats, by suffix:

========================  ======================================================================
``.txt``, ``.md``         the text as is (same characters, line endings kept), one document;
                          any other suffix given explicitly is read the same way
``.html``, ``.htm``       the article's main text (:func:`html_to_text`), one document
``.jsonl``                one JSON object per line, one document per object
``.csv``                  one document per row (header row required)
``.json``                 an object, a list of objects, or an object with a list of objects
                          under ``"articles"``, ``"documents"`` or ``"records"``
``-``                     standard input, whole, one plain-text document with id ``"-"``
========================  ======================================================================

Files are read as UTF-8 (a byte-order mark is dropped) unless ``encoding`` names another
codec; ``errors="replace"`` tolerates a few bad bytes (each becomes U+FFFD). A file that does not
decode is refused with a message that names the encoding it most likely is (charset-normalizer's
guess) and the options that read it.

Examples
--------
>>> import io
>>> [doc.text for doc in iter_documents(["-"], stdin=io.StringIO("Wang said no."))]
['Wang said no.']
>>> [str(err) for err in iter_documents(["no/such.txt"])]
['no/such.txt: no such file or directory']
"""

from __future__ import annotations

import codecs
import csv
import glob
import io
import itertools
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .webpage import html_to_text

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Document",
    "InputError",
    "expand_paths",
    "html_to_text",
    "iter_documents",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv", ".json")

_STDIN = "-"
# Where a JSON file may keep its list of records, in the order they are looked for.
_LIST_KEYS = ("articles", "documents", "records")
# A NUL byte never occurs in text; finding one near the start is the classic binary test.
_SNIFF_BYTES = 8192
_NOT_TEXT = "not text (binary file?)"
_EMPTY = "file is empty"
_BOM = b"\xef\xbb\xbf"
# csv refuses fields over 131,072 characters by default; articles are longer. The limit is
# process-wide and a C long, which is 32 bits on Windows, hence not sys.maxsize.
_CSV_FIELD_LIMIT = 2**31 - 1


@dataclass(frozen=True)
class Document:
    """One document to label.

    Attributes
    ----------
    id : str
        The path as given (posix form) for a whole file, ``"-"`` for stdin; for a record of a
        JSONL, CSV or JSON file the ``id_col`` value, else its ``id`` field, else ``source``.
    text : str
        The text to segment and label. Offsets of statements refer to this string.
    source : str
        Where it came from: the path as given, ``"-"``, or ``"path#N"`` for the N-th record
        (1-based; for JSONL, N is the line number).
    meta : Mapping[str, str]
        Other string fields of the record (e.g. ``publisher``); for HTML, ``publisher`` from
        ``og:site_name`` when present.

    Examples
    --------
    >>> Document(id="a", text="Wang said no.", source="a.txt")
    Document(id='a', text='Wang said no.', source='a.txt', meta={})
    """

    id: str
    text: str
    source: str
    meta: Mapping[str, str] = field(default_factory=dict)


class InputError(ValueError):
    """An input that cannot be read: which one, and why.

    Parameters
    ----------
    source : str
        The path as given, ``"-"`` for stdin, or ``"path#N"`` for one record.
    reason : str
        What is wrong, in words a user can act on.

    Examples
    --------
    >>> err = InputError("a.csv", "no text column 'text' (columns: body); use --text-col")
    >>> str(err)
    "a.csv: no text column 'text' (columns: body); use --text-col"
    >>> err.source, isinstance(err, ValueError)
    ('a.csv', True)
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # The default rebuilds from self.args (one string) and would fail: errors cross process
        # boundaries when a batch is labelled in parallel.
        return (type(self), (self.source, self.reason))


# --------------------------------------------------------------------------- paths


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Turn command-line items into the list of inputs to read, in order, without duplicates.

    Parameters
    ----------
    paths : Iterable[str]
        Each item is a file, a directory (walked recursively in sorted order, keeping files
        with a suffix in :data:`SUPPORTED_SUFFIXES` and skipping hidden files and folders),
        a glob pattern (``**`` recurses; matches sorted; like a folder, it keeps only files
        with a supported suffix, and a matched folder is walked), or ``"-"`` for stdin. A file
        named explicitly is kept whatever its suffix (it is read as plain text). A single
        string is taken as one item.

    Returns
    -------
    list[str]
        Paths as given or joined onto the folder or pattern given. An item that matches
        nothing, or a folder with no supported file, is kept as is, so that reading it reports
        the problem while the rest of the batch goes on.

    Examples
    --------
    >>> expand_paths(["-", "missing.txt", "-"])
    ['-', 'missing.txt']
    """
    if isinstance(paths, str):
        paths = [paths]
    # A dict keeps insertion order: an ordered set.
    seen: dict[str, None] = {}
    for item in paths:
        for path in _expand_one(os.fspath(item)):
            seen.setdefault(path, None)
    return list(seen)


def _expand_one(item: str) -> list[str]:
    if item == _STDIN or os.path.isfile(item):
        return [item]
    if os.path.isdir(item):
        return _walk(item) or [item]
    # A pattern stands for many files, like a folder: it keeps what stance can read, so that
    # "articles/*" skips the PDFs next to the articles instead of reporting each one.
    expanded: list[str] = []
    for match in sorted(glob.glob(item, recursive=True)):
        if os.path.isdir(match):
            expanded.extend(_walk(match))
        elif match.lower().endswith(SUPPORTED_SUFFIXES):
            expanded.append(match)
    return expanded or [item]


_NOT_ARTICLES = frozenset(
    {"README", "LICENSE", "LICENCE", "CHANGELOG", "CHANGES", "CONTRIBUTING", "NOTICE", "AUTHORS"}
)


def _walk(folder: str) -> list[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or not name.lower().endswith(SUPPORTED_SUFFIXES):
                continue
            if name.split(".")[0].upper() in _NOT_ARTICLES:
                continue  # a folder's README or LICENCE describes the articles; it is not one
            path = os.path.join(root, name)
            # Sort on path components, so "a/b.txt" comes before "a-c.txt" as in a file tree.
            found.append((Path(os.path.relpath(path, folder)).parts, path))
    return [path for _, path in sorted(found)]


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class _Options:
    text_col: str
    id_col: str | None
    max_bytes: int
    encoding: str = "utf-8"
    errors: str = "strict"

    @property
    def codec(self) -> str:
        # utf-8-sig drops a byte-order mark and otherwise reads exactly as utf-8.
        return "utf-8-sig" if codecs.lookup(self.encoding).name == "utf-8" else self.encoding


_ERRORS = ("strict", "replace")


def check_encoding(encoding: str, errors: str = "strict") -> None:
    """Raise ValueError, naming the option, unless ``encoding`` and ``errors`` are usable.

    Examples
    --------
    >>> check_encoding("latin-1", "replace")
    >>> check_encoding("klingon")
    Traceback (most recent call last):
    ...
    ValueError: --encoding: unknown encoding 'klingon' (e.g. utf-8, latin-1, cp1252, utf-16)
    """
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ValueError(
            f"--encoding: unknown encoding {encoding!r} (e.g. utf-8, latin-1, cp1252, utf-16)"
        ) from None
    if errors not in _ERRORS:
        raise ValueError(f"--encoding-errors must be one of {', '.join(_ERRORS)}, got {errors!r}")


def iter_documents(
    paths: Iterable[str],
    *,
    text_col: str = "text",
    id_col: str | None = None,
    max_bytes: int = 20_000_000,
    stdin: TextIO | None = None,
    encoding: str = "utf-8",
    errors: str = "strict",
) -> Iterator[Document | InputError]:
    """Stream the documents of ``paths``, in order, with an error in place of each bad input.

    Parameters
    ----------
    paths : Iterable[str]
        Files, folders, glob patterns or ``"-"``, as for :func:`expand_paths`.
    text_col : str
        The field (JSONL, JSON) or column (CSV) holding the text. A JSON list of strings is
        joined with blank lines (paragraphs).
    id_col : str, optional
        The field or column holding the document id; a record without one is an error. When
        not given, an ``id`` field is used if present, else ``"path#N"``.
    max_bytes : int
        The largest document, in UTF-8 bytes: a whole ``.txt``, ``.md``, ``.html`` or ``.json``
        file, stdin, or one record's text (JSONL and CSV files are streamed, so their total
        size is not limited).
    stdin : TextIO, optional
        The stream ``"-"`` reads; ``sys.stdin`` by default (decoded with ``encoding``).
    encoding : str
        The files' encoding (any Python codec name); UTF-8 by default.
    errors : str
        ``"strict"`` refuses a file (or a JSONL line) with a byte that does not decode;
        ``"replace"`` reads it with U+FFFD in place of each bad byte.

    Yields
    ------
    Document or InputError
        A document, or an error naming the input (``source``) and the problem (``reason``).
        Nothing is read before the first item is asked for.

    Raises
    ------
    ValueError
        If ``max_bytes`` is not positive, or ``encoding`` or ``errors`` is unknown (a caller's
        mistake, not an input's).

    Examples
    --------
    >>> import io
    >>> docs = iter_documents(["-"], stdin=io.StringIO("  "))
    >>> [str(d) for d in docs]
    ['-: stdin is empty']
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    check_encoding(encoding, errors)
    options = _Options(text_col, id_col, max_bytes, encoding, errors)
    for path in expand_paths(paths):
        if path == _STDIN:
            yield _read_stdin(stdin if stdin is not None else _stdin(options), options)
        else:
            yield from _read_path(path, options)


def _read_path(path: str, options: _Options) -> Iterator[Document | InputError]:
    # Readers raise InputError for a problem with the whole file (reading stops there) and
    # yield it for one bad record (reading goes on); both reach the caller as items.
    try:
        _check_file(path)
        suffix = os.path.splitext(path)[1].lower()
        reader = _READERS.get(suffix, _read_plain)
        yield from reader(path, options)
    except InputError as exc:
        yield exc
    except UnicodeDecodeError as exc:
        yield InputError(path, _undecodable(exc, None, options))
    except OSError as exc:
        yield InputError(path, f"cannot read ({exc.strerror or exc})")


def _check_file(path: str) -> None:
    listed = ", ".join(SUPPORTED_SUFFIXES)
    if os.path.isdir(path):
        raise InputError(path, f"no {listed} files in directory")
    if not os.path.exists(path):
        if any(c in path for c in "*?["):
            raise InputError(path, f"no {listed} file matches this pattern")
        raise InputError(path, "no such file or directory")
    if not os.path.isfile(path):
        raise InputError(path, "not a regular file")


def _stdin(options: _Options) -> TextIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a replaced sys.stdin (tests, notebooks) is text already
        return sys.stdin
    return io.TextIOWrapper(buffer, encoding=options.codec, errors=options.errors, newline="")


def _read_stdin(stream: TextIO, options: _Options) -> Document | InputError:
    max_bytes = options.max_bytes
    try:
        # Read one character past the limit, so a huge pipe never fills memory.
        text = stream.read(max_bytes + 1)
    except UnicodeDecodeError as exc:
        return InputError(_STDIN, _undecodable(exc, None, options))
    text = text.removeprefix("\ufeff")
    if "\x00" in text[:_SNIFF_BYTES]:
        return InputError(_STDIN, _NOT_TEXT)
    if not text.strip():
        return InputError(_STDIN, "stdin is empty")
    size = _utf8_size(text, max_bytes)
    if size > max_bytes:
        # Only max_bytes + 1 characters were read: the true size may be larger.
        at_least = len(text) > max_bytes
        return InputError(_STDIN, _too_big("stdin is", size, max_bytes, at_least=at_least))
    return Document(id=_STDIN, text=text, source=_STDIN)


# --------------------------------------------------------------------------- whole files


def _read_whole(path: str, options: _Options) -> str:
    size = os.path.getsize(path)
    if size > options.max_bytes:
        raise InputError(path, _too_big("file is", size, options.max_bytes))
    data = Path(path).read_bytes()
    if b"\x00" in data[:_SNIFF_BYTES] and not options.codec.startswith(("utf-16", "utf-32")):
        raise InputError(path, _binary(data))
    # Bytes, not text mode: text mode would turn "\r\n" into "\n", and offsets must refer to
    # the file's own characters. utf-8-sig drops a byte-order mark.
    try:
        text = data.decode(options.codec, options.errors)
    except UnicodeDecodeError as exc:
        # utf-8-sig counts offsets after the byte-order mark; report the offset in the file.
        offset = exc.start + (len(_BOM) if data.startswith(_BOM) else 0)
        raise InputError(path, _undecodable(exc, offset, options, data)) from None
    if not text.strip():
        raise InputError(path, _EMPTY)
    return text


def _read_plain(path: str, options: _Options) -> Iterator[Document]:
    text = _read_whole(path, options)
    yield Document(id=_as_id(path), text=text, source=path)


def _read_html(path: str, options: _Options) -> Iterator[Document]:
    text, publisher = html_to_text(_read_whole(path, options))
    if not text:
        raise InputError(path, "HTML has no body text")
    meta = {"publisher": publisher} if publisher else {}
    yield Document(id=_as_id(path), text=text, source=path, meta=meta)


def _read_json(path: str, options: _Options) -> Iterator[Document | InputError]:
    try:
        data = json.loads(_read_whole(path, options))
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict) and options.text_col in data:
        yield _to_document(data, path, None, _as_id(path), options)
        return
    records = _json_records(data)
    if records is None:
        raise InputError(
            path,
            f"JSON must be an object with a {options.text_col!r} field, a list of such "
            f"objects, or an object with such a list under "
            f"{', '.join(repr(k) for k in _LIST_KEYS)}; found {_describe(data)}",
        )
    if not records:
        raise InputError(path, "JSON holds no records")
    yield from _records_to_documents(path, enumerate(records, start=1), options)


def _json_records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
    return None


# --------------------------------------------------------------------------- streamed files


def _sniff(path: str) -> None:
    with open(path, "rb") as raw:
        head = raw.read(_SNIFF_BYTES)
    if b"\x00" in head:
        raise InputError(path, _binary(head))


def _binary(head: bytes) -> str:
    # NUL bytes are binary data, or text in UTF-16/32, which says so in its byte-order mark.
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "not UTF-8 text: it is UTF-32 (--encoding utf-32)"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "not UTF-8 text: it is UTF-16 (--encoding utf-16)"
    return _NOT_TEXT


def _read_jsonl(path: str, options: _Options) -> Iterator[Document | InputError]:
    _sniff(path)
    # Bytes, decoded line by line: a bad byte then spoils only its own line, and lines split
    # on "\n" alone, as JSON Lines defines them (str.splitlines() would also split on U+2028,
    # which JSON allows raw inside strings).
    with open(path, "rb") as stream:
        yield from _records_to_documents(path, _jsonl_records(path, stream, options), options)


def _jsonl_records(
    path: str, stream: Iterable[bytes], options: _Options
) -> Iterator[tuple[int, Any]]:
    # Yields (line number, object), or (line number, InputError) for a line that is not one.
    found = False
    for number, raw in enumerate(stream, start=1):
        source = f"{path}#{number}"
        try:
            codec = options.codec if number == 1 else options.codec.removesuffix("-sig")
            line = raw.decode(codec, options.errors)
        except UnicodeDecodeError as exc:
            found = True
            reason = _undecodable(exc, None, options, raw)
            yield number, InputError(source, f"line {number} is {reason}")
            continue
        if not line.strip():
            continue
        found = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, InputError(source, f"line {number} is not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            reason = f"line {number} is {_kind(record)}, not a JSON object"
            yield number, InputError(source, reason)
            continue
        yield number, record
    if not found:
        raise InputError(path, _EMPTY)


def _read_csv(path: str, options: _Options) -> Iterator[Document | InputError]:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    _sniff(path)
    # newline="" lets csv see quoted line breaks; strict decoding raises UnicodeDecodeError at
    # a bad byte, which _read_path reports after the rows already read.
    with open(path, encoding=options.codec, errors=options.errors, newline="") as stream:
        rows = csv.DictReader(stream)
        try:
            columns = rows.fieldnames
            if not columns or not any(c.strip() for c in columns):
                raise InputError(path, _EMPTY)
            for role, column in _columns(options):
                if column not in columns:
                    raise InputError(path, _missing_column(role, column, None, columns))
            first = next(rows, None)
            if first is None:
                raise InputError(path, "CSV has a header but no rows")
            numbered = enumerate(itertools.chain([first], rows), start=1)
            yield from _records_to_documents(path, numbered, options)
        except csv.Error as exc:
            raise InputError(path, f"malformed CSV at line {rows.line_num} ({exc})") from None


# --------------------------------------------------------------------------- records


def _records_to_documents(
    path: str, records: Iterable[tuple[int, Any]], options: _Options
) -> Iterator[Document | InputError]:
    first = True
    for number, record in records:
        source = f"{path}#{number}"
        if isinstance(record, InputError):
            yield record
            continue
        if not isinstance(record, dict):
            yield InputError(source, f"record {number} is {_kind(record)}, not an object")
            continue
        if first:
            # The first record shows the file's layout: a column missing there is missing
            # everywhere, and one message says so better than one per record.
            for role, column in _columns(options):
                if column not in record:
                    raise InputError(path, _missing_column(role, column, number, list(record)))
            first = False
        yield _to_document(record, source, number, f"{_as_id(path)}#{number}", options)


def _to_document(
    record: Mapping[Any, Any],
    source: str,
    number: int | None,
    default_id: str,
    options: _Options,
) -> Document | InputError:
    if options.text_col not in record:
        reason = _missing_column("text", options.text_col, number, list(record))
        return InputError(source, reason)
    text = record[options.text_col]
    if isinstance(text, list) and all(isinstance(p, str) for p in text):
        # A list of paragraphs, as in the MFA transcripts.
        text = "\n\n".join(text)
    if text is None or (isinstance(text, str) and not text.strip()):
        return InputError(source, f"text column {options.text_col!r} is empty")
    if not isinstance(text, str):
        return InputError(source, f"text column {options.text_col!r} holds {_kind(text)}")
    size = _utf8_size(text, options.max_bytes)
    if size > options.max_bytes:
        return InputError(source, _too_big("text is", size, options.max_bytes))
    if options.id_col is not None and options.id_col not in record:
        reason = _missing_column("id", options.id_col, number, list(record))
        return InputError(source, reason)
    doc_id = _record_id(record, default_id, options.id_col)
    if doc_id is None:
        return InputError(source, f"id column {options.id_col!r} is empty")
    used = {options.text_col, options.id_col or "id"}
    meta = {
        k: v for k, v in record.items() if isinstance(k, str) and k not in used and _is_value(v)
    }
    return Document(id=doc_id, text=text, source=source, meta=meta)


def _record_id(record: Mapping[Any, Any], default: str, id_col: str | None) -> str | None:
    value = record.get(id_col or "id")
    if value is None or isinstance(value, (dict, list, bool)) or not str(value).strip():
        # An explicit id column must hold an id; the implicit "id" field is only a preference.
        return None if id_col else default
    return str(value)


def _is_value(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _columns(options: _Options) -> list[tuple[str, str]]:
    # The columns every record must have, with their role ("text" or "id").
    required = [("text", options.text_col)]
    if options.id_col is not None:
        required.append(("id", options.id_col))
    return required


def _missing_column(role: str, column: str, number: int | None, found: list[Any]) -> str:
    names = ", ".join(str(c) for c in found if c is not None) or "none"
    if number is None:
        return f"no {role} column {column!r} (columns: {names}); use --{role}-col"
    return f"no {role} column {column!r} in record {number} (fields: {names}); use --{role}-col"


# --------------------------------------------------------------------------- messages


def _as_id(path: str) -> str:
    return path.replace(os.sep, "/")


def _utf8_size(text: str, limit: int) -> int:
    # A character takes at most 4 UTF-8 bytes: skip encoding a copy when it cannot matter.
    return len(text) if len(text) * 4 <= limit else len(text.encode("utf-8", "surrogatepass"))


def _too_big(what: str, size: int, limit: int, *, at_least: bool = False) -> str:
    amount = f"over {limit / 1e6:.1f} MB" if at_least else f"{size / 1e6:.1f} MB"
    return (
        f"{what} {amount}, above the limit of {limit / 1e6:.1f} MB for one document; "
        "raise --max-mb or split it"
    )


def _undecodable(
    exc: UnicodeDecodeError, offset: int | None, options: _Options, data: bytes | None = None
) -> str:
    # A streamed file decodes in chunks (a JSONL file by line), whose offsets are not the
    # file's: no offset then.
    byte = exc.object[exc.start : exc.start + 1].hex().upper()
    where = f" at offset {offset}" if offset is not None else ""
    name = codecs.lookup(options.encoding).name.upper().replace("_", "-")
    guess = _guess_encoding(data if data is not None else bytes(exc.object))
    hint = f"it looks like {guess} (--encoding {guess}); " if guess else ""
    return (
        f"not {name} text: byte 0x{byte}{where} cannot be decoded; {hint}"
        "--encoding-errors replace reads it with a few bad bytes replaced"
    )


_LIKELY_ENCODINGS = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "cp1256",
    "iso8859_7",
    "cp1253",
    "cp1254",
    "cp1255",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
    "mac_roman",
)


def _guess_encoding(data: bytes) -> str | None:
    """The encoding charset-normalizer finds most likely for ``data``, if any but UTF-8."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it comes with datasets (requests)
        return None
    # Only encodings that real articles come in: on a few bytes an exotic code page (EBCDIC)
    # would fit as well and mislead.
    best = from_bytes(data[:200_000], cp_isolation=list(_LIKELY_ENCODINGS)).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return codecs.lookup(best.encoding).name.replace("_", "-")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        fields = ", ".join(str(k) for k in list(value)[:10]) or "none"
        return f"an object with fields: {fields}"
    return _kind(value)


def _kind(value: Any) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return kinds.get(type(value), type(value).__name__)


_READERS = {
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
    ".csv": _read_csv,
    ".json": _read_json,
}
