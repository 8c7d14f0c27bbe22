"""An HTML report of labelled statements: who took which position, article by article.

:func:`read_results` reads what ``stance label`` writes (JSONL or CSV), :func:`render_report`
turns those records into one self-contained HTML page and :func:`write_report` does both and
writes the page atomically.

The page needs nothing but itself: the style sheet is inline, the charts are PNG images embedded
as ``data:`` URIs, and there is no script and no link to anything outside the file, so it can be
mailed, archived or opened offline as it is. It shows

1. counts: articles, statements, statements with a position (any stance but ``neutral``) and the
   documents that were not labelled, each with the reason;
2. the actor x stance table: every actor with a position, most outspoken first (top 50);
3. two charts: stances by actor type, and the 15 most outspoken actors by stance;
4. the articles themselves, each statement tinted by its stance and, when it has a position,
   followed by a badge naming the actor.

Each stance has one colour everywhere, from the Okabe-Ito palette, which stays distinguishable
with the common colour-vision deficiencies; ``neutral`` is grey. The charts need matplotlib, an
optional dependency (``pip install 'stance[report]'``), imported only when a page is rendered.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import os
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .labels import ACTOR_TYPES, STANCES, check_scheme

__all__ = [
    "COLUMNS",
    "STANCE_COLOURS",
    "read_results",
    "render_report",
    "write_report",
]

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

STANCE_COLOURS: dict[str, str] = {
    "urge_accountability": "#0072B2",  # Okabe-Ito blue
    "condemn": "#D55E00",  # vermillion
    "deny": "#E69F00",  # orange
    "allege_interference": "#CC79A7",  # reddish purple
    "neutral": "#999999",  # grey: no position
}
"""One colour per stance, used alike in the charts, the table and the text."""

# Every record names its document; a labelled statement also needs what the page shows. The
# offsets and the cue are optional so that hand-made or older files still render.
_ALWAYS = ("doc", "source", "status")
_STATEMENT = ("index", "text", "stance", "confidence", "actor", "actor_type", "country")
_INTS = ("index", "start", "end", "actor_start", "actor_end")
_MAY_BE_EMPTY = ("source", "text", "country", "cue")
_POSITIONS = tuple(s for s in STANCES if s != "neutral")
_REASONS = {"not_english": "not English"}
_TOP_ACTORS_TABLE = 50
_TOP_ACTORS_CHART = 15
_MPL_MISSING = "the report needs matplotlib: pip install 'stance[report]'"


# --------------------------------------------------------------------------------------------
# reading


def read_results(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Read the records of a results file written by ``stance label``.

    Parameters
    ----------
    path : str or path-like
        A ``.jsonl`` file (one JSON object a line) or a ``.csv`` file with a header row.

    Returns
    -------
    Iterator[dict]
        One dict a record, with every column of :data:`COLUMNS`: CSV cells come back as ``int``,
        ``float`` or ``None`` (an empty cell) like their JSON counterparts, a missing ``cue`` or
        ``country`` as ``""`` and every other missing optional field as ``None``. Columns outside
        :data:`COLUMNS` are passed through unchanged.

    Raises
    ------
    ValueError
        For an unknown suffix (at once), and, while iterating, for a malformed line, a missing
        required column or field, or a value of the wrong type or outside the label scheme; the
        message names the file and the line.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = Path(tmp.name) / "results.jsonl"
    >>> _ = path.write_text(json.dumps({"doc": "d1", "source": "d1.txt", "status": "ok",
    ...     "index": 0, "text": "China denied it.", "stance": "deny", "confidence": 0.9,
    ...     "actor": "China", "actor_type": "government", "country": "CHN"}) + "\\n")
    >>> [(r["actor"], r["stance"], r["cue"], r["start"]) for r in read_results(path)]
    [('China', 'deny', '', None)]
    >>> tmp.cleanup()
    """
    path = Path(path)
    suffix = path.suffix.lower()
    # The suffix is checked here, not in the generator, so that a wrong file fails at the call.
    if suffix == ".jsonl":
        return _read_jsonl(path)
    if suffix == ".csv":
        return _read_csv(path)
    raise ValueError(
        f"{path}: unknown results format {suffix or '(no suffix)'!r}; use .jsonl or .csv"
    )


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{where}: not valid JSON ({err.msg})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{where}: expected a JSON object, got {type(record).__name__}")
            yield _normalise(record, where)


def _read_csv(path: Path) -> Iterator[dict[str, Any]]:
    # utf-8-sig: a spreadsheet that saved the file may have put a byte-order mark in front.
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return
        missing = [c for c in (*_ALWAYS, *_STATEMENT) if c not in header]
        if missing:
            raise ValueError(f"{path} line 1: missing required column(s) {', '.join(missing)}")
        for row in reader:
            # line_num is the line where the row ends: a quoted cell may span several lines.
            where = f"{path} line {reader.line_num}"
            if not row:
                continue
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
                record["confidence"] = _parse(
                    float, record["confidence"], "confidence", where, "a number"
                )
            yield _normalise(record, where)


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
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
        raise ValueError(f"{where}: confidence {confidence!r} is not a number")
    out["confidence"] = float(confidence)
    for name in ("text", "stance", "actor", "actor_type", "country", "cue"):
        if out[name] is None:
            out[name] = ""
        elif not isinstance(out[name], str):
            raise ValueError(f"{where}: {name} {out[name]!r} is not a string")
    check_scheme(out["stance"], out["actor_type"], where)
    return out


# --------------------------------------------------------------------------------------------
# rendering


def render_report(
    records: Iterable[Mapping[str, Any]],
    *,
    title: str = "stance report",
    max_articles: int = 200,
) -> str:
    """Render labelled statements as one self-contained HTML page.

    Parameters
    ----------
    records : iterable of mappings
        Records as :func:`read_results` yields them: the statements of a document consecutive,
        and one record with a ``status`` other than ``"ok"`` for each document not labelled.
        Read once, in a single pass; only the statements of the articles shown are kept.
    title : str
        The page's title and heading.
    max_articles : int
        At most this many articles are shown in full, in the order they come; a note says how
        many more there were. Counts, table and charts always cover every record.

    Returns
    -------
    str
        The HTML page: inline CSS, charts as ``data:image/png`` URIs, no script, no external
        reference, every piece of text escaped. An empty input gives a page that says so.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    ValueError
        If a statement's stance is not one of :data:`stance.STANCES`.

    Examples
    --------
    >>> page = render_report([{"doc": "a1", "source": "a1.txt", "status": "ok", "index": 0,
    ...     "text": "HRW urged an inquiry.", "stance": "urge_accountability", "confidence": 0.8,
    ...     "actor": "Human Rights Watch", "actor_type": "ngo", "country": "", "cue": "urged"}])
    >>> page.startswith("<!DOCTYPE html>"), "(ngo) · urge accountability · 0.80" in page
    (True, True)
    >>> "Nothing to show" in render_report([])
    True
    """
    if max_articles < 0:
        raise ValueError(f"max_articles must be >= 0, got {max_articles}")
    # Checked before anything else so that a missing dependency fails the same way on any input.
    try:
        import matplotlib  # noqa: F401
    except ImportError as err:
        raise ImportError(_MPL_MISSING) from err

    docs: dict[str, str] = {}  # every labelled document -> source, in order of appearance
    shown: dict[str, list[Mapping[str, Any]]] = {}  # statements of the articles shown
    not_labelled: dict[str, tuple[str, str]] = {}  # doc -> (source, status)
    n_statements = 0
    by_stance: Counter[str] = Counter()
    by_type: Counter[tuple[str, str]] = Counter()  # (actor_type, stance)
    by_actor: Counter[tuple[str, str, str, str]] = Counter()  # (actor, type, country, stance)
    for record in records:
        doc = str(record.get("doc"))
        status = record.get("status") or "ok"
        if status != "ok":
            not_labelled.setdefault(doc, (str(record.get("source") or ""), str(status)))
            continue
        stance = record.get("stance")
        if stance not in STANCES:
            raise ValueError(
                f"document {doc!r} statement {record.get('index')}: stance {stance!r} is not one "
                f"of {', '.join(STANCES)}"
            )
        if doc not in docs:
            docs[doc] = str(record.get("source") or "")
            if len(docs) <= max_articles:
                shown[doc] = []
        if doc in shown:
            shown[doc].append(record)
        n_statements += 1
        by_stance[stance] += 1
        if stance != "neutral":
            actor_type = str(record.get("actor_type") or "none")
            by_type[actor_type, stance] += 1
            actor = str(record.get("actor") or "")
            by_actor[actor, actor_type, str(record.get("country") or ""), stance] += 1

    n_positions = n_statements - by_stance["neutral"]
    parts = [_head(title), "<body>", '<main class="page">', f"<h1>{_esc(title)}</h1>"]
    if not docs and not not_labelled:
        parts.append('<p class="nothing">Nothing to show: the results hold no document.</p>')
        parts += ["</main>", "</body>", "</html>", ""]
        return "\n".join(parts)

    parts.append(_counts_html(len(docs), n_statements, n_positions, not_labelled, by_stance))
    if n_positions:
        parts.append(_actor_table_html(by_actor))
        parts.append(_charts_html(by_type, by_actor))
    elif docs:
        parts.append(
            '<p class="nothing">No statement takes a position: nothing to tabulate or chart.</p>'
        )
    if docs:
        parts.append(_articles_html(docs, shown, max_articles))
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _label(stance: str) -> str:
    return stance.replace("_", " ")


def _tint(colour: str, strength: float) -> str:
    """The colour mixed with white: ``strength`` 1 is the colour itself, 0 is white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * strength):02x}" for c in rgb)


def _head(title: str) -> str:
    rules = []
    for stance, colour in STANCE_COLOURS.items():
        # Neutral text is most of an article: a fainter tint keeps the positions standing out.
        tint = _tint(colour, 0.12 if stance == "neutral" else 0.3)
        line = _tint(colour, 0.45) if stance == "neutral" else colour
        rules.append(
            f".st-{stance}{{background:{tint};border-bottom:2px solid {line}}}\n"
            f".sw-{stance}{{background:{colour}}}\n"
            f".b-{stance}{{border-color:{colour}}}\n"
            f".h-{stance}{{border-bottom:4px solid {colour}!important}}"
        )
    css = _CSS + "\n".join(rules)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>\n{css}\n</style>\n</head>"
    )


_CSS = """\
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#1d1f23;
 font:16px/1.55 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
.page{max-width:1100px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:1.9rem;margin:.2em 0 .6em}
h2{font-size:1.3rem;margin:1.8em 0 .6em;padding-bottom:.25em;border-bottom:1px solid #d9dce1}
.counts{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 12px}
.tile{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:10px 18px;min-width:150px}
.tile .num{display:block;font-size:1.7rem;font-weight:650;line-height:1.2}
.tile .lbl{color:#5b616b;font-size:.88rem}
.bar{display:flex;height:10px;border-radius:5px;overflow:hidden;margin:10px 0 4px;max-width:740px}
.bar span{display:block;height:100%}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:8px 0;font-size:.9rem;color:#3b4048}
.legend .sw{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;
 vertical-align:-1px}
.notlab{font-size:.92rem;color:#3b4048}
.notlab ul{margin:.3em 0 0;padding-left:1.3em}
.notlab code,.src{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
table.actors{border-collapse:collapse;width:100%;background:#fff;border:1px solid #e1e4e8;
 font-size:.92rem}
.actors th,.actors td{padding:6px 10px;border-bottom:1px solid #eceef1;text-align:left}
.actors th{background:#f0f2f5;font-weight:600;vertical-align:bottom}
.actors td.n,.actors th.n{text-align:right;font-variant-numeric:tabular-nums;width:8.5%}
.actors td.zero{color:#c3c7cd}
.actors td.total{font-weight:650}
.actors tbody tr:nth-child(even){background:#fafbfc}
.note{color:#5b616b;font-size:.9rem;font-style:italic}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px;
 align-items:start}
.charts figure{margin:0;background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:10px}
.charts img{display:block;width:100%;height:auto}
.charts figcaption{font-size:.88rem;color:#5b616b;margin-top:4px}
article.doc{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:14px 20px;
 margin:14px 0}
article.doc h3{margin:0;font-size:1.05rem;word-break:break-all}
article.doc .src{color:#6a707a;margin:2px 0 8px;word-break:break-all}
article.doc p{margin:.55em 0;line-height:1.9}
.st{padding:1px 2px;border-radius:2px;-webkit-box-decoration-break:clone;
 box-decoration-break:clone}
.badge{display:inline-block;font-size:.78rem;line-height:1.35;padding:0 6px;margin:0 2px 0 4px;
 border:1.5px solid;border-radius:9px;background:#fff;color:#2b2f36;white-space:nowrap;
 vertical-align:1px;max-width:100%;overflow:hidden;text-overflow:ellipsis}
.badge b{font-weight:600}
.nothing{font-size:1.05rem;color:#3b4048;background:#fff;border:1px solid #e1e4e8;
 border-radius:8px;padding:16px 20px}
"""


def _legend_html() -> str:
    items = "".join(
        f'<span><span class="sw sw-{s}"></span>{_esc(_label(s))}</span>' for s in STANCES
    )
    return f'<div class="legend" aria-label="stance colours">{items}</div>'


def _counts_html(
    n_docs: int,
    n_statements: int,
    n_positions: int,
    not_labelled: Mapping[str, tuple[str, str]],
    by_stance: Counter[str],
) -> str:
    share = f" ({n_positions / n_statements:.0%})" if n_statements else ""
    tiles = [
        ("articles", f"{n_docs:,}", "articles labelled"),
        ("statements", f"{n_statements:,}", "statements"),
        ("positions", f"{n_positions:,}", f"with a position{share}"),
        ("not-labelled", f"{len(not_labelled):,}", "documents not labelled"),
    ]
    out = ['<section class="summary">', '<div class="counts">']
    for key, number, label in tiles:
        out.append(
            f'<div class="tile" id="count-{key}"><span class="num">{number}</span>'
            f'<span class="lbl">{_esc(label)}</span></div>'
        )
    out.append("</div>")
    if n_statements:
        # A one-line share of each stance: the whole corpus at a glance, without a chart.
        spans = "".join(
            f'<span class="sw-{s}" style="width:{100 * by_stance[s] / n_statements:.3f}%" '
            f'title="{_esc(_label(s))}: {by_stance[s]}"></span>'
            for s in STANCES
            if by_stance[s]
        )
        out.append(f'<div class="bar">{spans}</div>')
        out.append(_legend_html())
    if not_labelled:
        out.append('<div class="notlab">Not labelled:<ul id="not-labelled">')
        for doc, (source, status) in not_labelled.items():
            reason = _REASONS.get(status, status.replace("_", " "))
            src = f' <span class="src">{_esc(source)}</span>' if source and source != doc else ""
            out.append(
                f'<li><code class="doc-id">{_esc(doc)}</code>{src}: '
                f'<span class="reason" data-status="{_esc(status)}">{_esc(reason)}</span></li>'
            )
        out.append("</ul></div>")
    out.append("</section>")
    return "\n".join(out)


def _actor_rows(
    by_actor: Counter[tuple[str, str, str, str]],
) -> list[tuple[tuple[str, str, str], dict[str, int], int]]:
    """Actors with a position as ``((actor, type, country), counts by stance, total)``."""
    counts: dict[tuple[str, str, str], dict[str, int]] = {}
    for (actor, actor_type, country, stance), n in by_actor.items():
        counts.setdefault((actor, actor_type, country), dict.fromkeys(_POSITIONS, 0))[stance] += n
    rows = [(key, c, sum(c.values())) for key, c in counts.items()]
    # Most outspoken first; ties by name so that the order does not depend on the input's.
    rows.sort(key=lambda row: (-row[2], row[0][0].casefold(), row[0]))
    return rows


def _actor_table_html(by_actor: Counter[tuple[str, str, str, str]]) -> str:
    rows = _actor_rows(by_actor)
    head = "".join(
        f'<th class="n h-{s}" data-stance="{s}">{_esc(_label(s))}</th>' for s in _POSITIONS
    )
    out = [
        "<section>",
        "<h2>Actors and their positions</h2>",
        '<table class="actors" id="actors">',
        f"<thead><tr><th>Actor</th><th>Type</th><th>Country</th>{head}"
        '<th class="n">Total</th></tr></thead>',
        "<tbody>",
    ]
    for (actor, actor_type, country), counts, total in rows[:_TOP_ACTORS_TABLE]:
        cells = "".join(
            f'<td class="n{" zero" if not counts[s] else ""}" data-stance="{s}">{counts[s]}</td>'
            for s in _POSITIONS
        )
        out.append(
            f'<tr><td class="actor">{_esc(actor)}</td><td class="type">{_esc(actor_type)}</td>'
            f'<td class="country">{_esc(country)}</td>{cells}'
            f'<td class="n total">{total}</td></tr>'
        )
    out.append("</tbody></table>")
    if len(rows) > _TOP_ACTORS_TABLE:
        more = len(rows) - _TOP_ACTORS_TABLE
        out.append(
            f'<p class="note" id="actors-more">The {_TOP_ACTORS_TABLE} actors with most positions'
            f" are shown; {more:,} more actor{'s' if more > 1 else ''} with fewer are not.</p>"
        )
    out.append("</section>")
    return "\n".join(out)


def _charts_html(
    by_type: Counter[tuple[str, str]], by_actor: Counter[tuple[str, str, str, str]]
) -> str:
    types = [t for t in ACTOR_TYPES if any(by_type[t, s] for s in _POSITIONS)]
    type_png = _stacked_barh(
        types, {s: [by_type[t, s] for t in types] for s in _POSITIONS}, "statements"
    )
    top = _actor_rows(by_actor)[:_TOP_ACTORS_CHART]
    labels = [_short(actor, country) for (actor, _, country), _, _ in top]
    actor_png = _stacked_barh(
        labels, {s: [counts[s] for _, counts, _ in top] for s in _POSITIONS}, "statements"
    )
    figures = [
        (type_png, "Statements with a position, by actor type and stance", "Stances by actor type"),
        (
            actor_png,
            f"The {len(top)} actors with most statements taking a position, by stance",
            f"Top {len(top)} actors",
        ),
    ]
    out = ["<section>", "<h2>Charts</h2>", '<div class="charts">']
    for png, alt, caption in figures:
        data = base64.b64encode(png).decode("ascii")
        out.append(
            f'<figure><img class="chart" alt="{_esc(alt)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_esc(caption)}</figcaption></figure>"
        )
    out += ["</div>", "</section>"]
    return "\n".join(out)


def _short(actor: str, country: str, width: int = 30) -> str:
    name = actor if len(actor) <= width else actor[: width - 1].rstrip() + "…"
    return f"{name} ({country})" if country else name


def _stacked_barh(labels: list[str], series: Mapping[str, list[int]], xlabel: str) -> bytes:
    """A horizontal stacked bar chart as PNG bytes, the first label at the top."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Figure + Agg canvas rather than pyplot: no global backend switch, no figure registry that
    # would keep every chart alive in a long-running process.
    height = 1.35 + 0.34 * max(len(labels), 2)
    with rc_context({"font.size": 10, "axes.titlesize": 11, "font.family": "DejaVu Sans"}):
        fig = Figure(figsize=(5.2, height), layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ys = list(range(len(labels)))
        left = [0] * len(labels)
        for stance, values in series.items():
            ax.barh(
                ys,
                values,
                left=left,
                height=0.7,
                color=STANCE_COLOURS[stance],
                label=_label(stance),
                edgecolor="white",
                linewidth=0.6,
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        top = max(left, default=0)
        for y, total in zip(ys, left, strict=True):
            ax.text(total + top * 0.012, y, str(total), va="center", fontsize=9, color="#333")
        ax.set_yticks(ys, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.1 + 0.5)
        ax.set_xlabel(xlabel)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color="#e6e6e6", linewidth=0.8)
        ax.set_axisbelow(True)
        # A figure legend, not an axes one: long actor names push the axes right, and a legend
        # centred on them would be cut at the figure's edge.
        fig.legend(
            loc="outside upper center",
            ncol=4,
            frameon=False,
            fontsize=9,
            handlelength=1.2,
            columnspacing=0.9,
            handletextpad=0.4,
        )
        buf = io.BytesIO()
        # No Software entry: the same records give byte-identical pages, whatever the version.
        fig.savefig(buf, format="png", dpi=150, metadata={"Software": None})
    return buf.getvalue()


def _articles_html(
    docs: Mapping[str, str], shown: Mapping[str, list[Mapping[str, Any]]], max_articles: int
) -> str:
    out = ["<section>", f"<h2>Articles ({len(shown):,} of {len(docs):,})</h2>", _legend_html()]
    for number, (doc, statements) in enumerate(shown.items(), start=1):
        source = docs[doc]
        out.append(f'<article class="doc" id="doc-{number}">')
        out.append(f'<h3 class="doc-id">{_esc(doc)}</h3>')
        if source:
            out.append(f'<div class="src">{_esc(source)}</div>')
        out.append(_running_text(statements))
        out.append("</article>")
    omitted = len(docs) - len(shown)
    if omitted:
        out.append(
            f'<p class="note" id="articles-omitted">{omitted:,} more article'
            f"{'s' if omitted > 1 else ''} not shown (at most {max_articles:,} are; counts,"
            " table and charts cover all).</p>"
        )
    out.append("</section>")
    return "\n".join(out)


def _running_text(statements: list[Mapping[str, Any]]) -> str:
    ordered = sorted(statements, key=lambda r: r.get("index") or 0)
    paragraphs: list[list[str]] = [[]]
    previous_end: int | None = None
    for record in ordered:
        start, end = record.get("start"), record.get("end")
        # Statements of one paragraph are a space apart; a wider gap is a line break (a heading
        # or a new paragraph) in the source, the only layout the offsets still tell.
        if (
            paragraphs[-1]
            and isinstance(start, int)
            and isinstance(previous_end, int)
            and start - previous_end > 1
        ):
            paragraphs.append([])
        previous_end = end if isinstance(end, int) else None
        paragraphs[-1].append(_statement_html(record))
    return "\n".join(f"<p>{' '.join(p)}</p>" for p in paragraphs if p)


def _statement_html(record: Mapping[str, Any]) -> str:
    stance = str(record["stance"])
    actor = str(record.get("actor") or "")
    actor_type = str(record.get("actor_type") or "")
    country = str(record.get("country") or "")
    cue = str(record.get("cue") or "")
    confidence = record.get("confidence")
    conf = f"{confidence:.2f}" if isinstance(confidence, (int, float)) else ""
    who = ", ".join(x for x in (actor_type, country) if x)
    tip = [f"stance: {_label(stance)}" + (f" ({conf})" if conf else "")]
    if stance != "neutral" or actor not in ("", "none"):
        tip.append(f"actor: {actor}" + (f" ({who})" if who else ""))
    if cue:
        tip.append(f"cue: {cue}")
    title = _esc("\n".join(tip))
    index = record.get("index")
    text = (
        f'<span class="st st-{stance}" data-stance="{stance}" data-index="{_esc(index)}" '
        f'title="{title}">{_esc(record.get("text") or "")}</span>'
    )
    if stance == "neutral":
        return text
    badge = " · ".join(
        x
        for x in (
            f"<b>{_esc(actor)}</b>" + (f" ({_esc(who)})" if who else ""),
            _esc(_label(stance)),
            conf,
        )
        if x
    )
    return f'{text}<span class="badge b-{stance}" title="{title}">{badge}</span>'


# --------------------------------------------------------------------------------------------
# writing


def write_report(
    results_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    title: str | None = None,
) -> Path:
    """Read a results file and write its HTML report.

    The page is rendered in full before anything is written, then written to a temporary file
    next to ``out_path`` and moved over it, so a failure never leaves a half-written or broken
    report behind and a reader never sees one.

    Parameters
    ----------
    results_path : str or path-like
        A ``.jsonl`` or ``.csv`` results file, see :func:`read_results`.
    out_path : str or path-like
        Where to write the page; its directory must exist. An existing file is replaced.
    title : str, optional
        The page title; by default ``"stance report: <results file name>"``.

    Returns
    -------
    Path
        ``out_path``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> tmp = tempfile.TemporaryDirectory()
    >>> results = Path(tmp.name) / "results.csv"
    >>> _ = results.write_text("doc,source,status,index,text,stance,confidence,actor,"
    ...     "actor_type,country\\nd1,d1.txt,not_english,,,,,,,\\n")
    >>> out = write_report(results, Path(tmp.name) / "report.html")
    >>> "not English" in out.read_text(encoding="utf-8")
    True
    >>> tmp.cleanup()
    """
    results_path, out_path = Path(results_path), Path(out_path)
    page = render_report(
        read_results(results_path),
        title=title if title is not None else f"stance report: {results_path.name}",
    )
    # O_EXCL on a random name: never clobbers another writer's temporary file. Mode 0o666 lets
    # the umask decide the permissions, as for any file the user creates (mkstemp would make
    # the report private to its owner).
    tmp = out_path.with_name(f".{out_path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out_path
