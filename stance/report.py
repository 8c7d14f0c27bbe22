"""An HTML report of labelled statements: who took which position, article by article.

:func:`read_results` reads what ``stance label`` writes (JSONL or CSV), :func:`render_report`
turns those records into one self-contained HTML page and :func:`write_report` does both and
writes the page atomically.

The page needs nothing but itself (inline style sheet, script, SVG charts drawn by
:mod:`stance.report_svg`, the statements in a JSON block), so it can be mailed, archived or
opened offline as it is, on a desktop or a phone. It shows

1. counts: articles, statements, statements with a position, the documents not labelled and the
   malformed lines skipped, each with the reason;
2. the actor x stance table (top 50, sortable); a click on an actor opens its view;
3. two charts: stances by actor type, and the 15 most outspoken actors by stance;
4. the statements, a sortable table under filters (stance, actor, actor type, country,
   document, minimum confidence, words) with a live count and a "Download CSV" of what the
   filters leave; an actor's view lists its statements with their evidence (cue, rule, span);
5. the articles themselves, each headed once by its document id and the voice it was read in
   (given or inferred, with its confidence; or the genre it was read as), each statement tinted
   by its stance and followed by its confidence, and, when it has a position, by a badge naming
   the actor. The filters apply here too: statements that do not match are dimmed, articles
   with none that match are hidden.

Parts 4 and 5's interactivity need JavaScript; without it the page still shows everything but
the statements table.

**Unsure attributions.** An actor is marked with a "?" (and the reason in its tooltip) when the
statement takes a position and :func:`unsure_attribution` finds the attribution a guess:

* its ``rule`` (of :class:`stance.Attribution`) is one of :data:`GUESS_RULES` (carried over from
  earlier sentences, the nearest name, a pronoun, the voice, a headline: no reporting verb ties
  the actor to the statement) and the attribution ranker did not back it with probability 0.5 or
  more (``attribution_score``); or the rule is ``ranker`` with a probability below 0.5;
* a record with no ``rule`` (older or hand-made files) has no ``cue`` either;
* the actor is missing (``""`` or ``"none"``) although the statement takes a position;
* the stance confidence is below :data:`LOW_CONFIDENCE` (0.5): the position, and so who holds
  it, is uncertain.

Each stance has one colour everywhere, from the Okabe-Ito palette, which stays distinguishable
with the common colour-vision deficiencies; ``neutral`` is grey.
"""

from __future__ import annotations

import html
import json
import math
import os
import secrets
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ._report_assets import CSS, SCRIPT
from .labels import ACTOR_TYPES, NEUTRAL, POSITIONS, STANCES
from .report_svg import stacked_barh
from .results import _INTS, COLUMNS, read_results

__all__ = [
    "COLUMNS",
    "GUESS_RULES",
    "LOW_CONFIDENCE",
    "LOW_RANKER_SCORE",
    "STANCE_COLOURS",
    "read_results",
    "render_report",
    "unsure_attribution",
    "write_report",
]

STANCE_COLOURS: dict[str, str] = {
    "urge_accountability": "#0072B2",  # Okabe-Ito blue
    "condemn": "#D55E00",  # vermillion
    "deny": "#E69F00",  # orange
    "allege_interference": "#CC79A7",  # reddish purple
    "neutral": "#999999",  # grey: no position
}
"""One colour per stance, used alike in the charts, the table and the text."""

LOW_CONFIDENCE: float = 0.5
"""A stance confidence below this is shown in red and makes the attribution unsure."""

GUESS_RULES = frozenset({"context", "nearest", "subject", "pronoun", "voice", "headline", "none"})
"""Attribution rules that guess the actor rather than read it off a cue in the statement."""

LOW_RANKER_SCORE = 0.5  # below it, the attribution ranker's choice is marked unsure

_POSITIONS = POSITIONS
_REASONS = {"not_english": "not English"}
_TOP_ACTORS_TABLE = 50
_TOP_ACTORS_CHART = 15
_SKIPPED_LISTED = 100  # malformed lines listed by name in the page; the count covers all
# The statements as the page's script reads them: one array a statement, these fields in order.
_FIELDS = (
    "doc",
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
    "rule",
    "unsure",
)


def unsure_attribution(record: Mapping[str, Any]) -> str:
    """Why the actor of a statement is a guess, or ``""`` when it is not.

    The criterion is in the module docstring. A neutral statement has no actor to be unsure of.

    Parameters
    ----------
    record : mapping
        A record as :func:`read_results` yields it.

    Returns
    -------
    str
        The reasons, joined by ``"; "``; empty for a sure attribution or a neutral statement.

    Examples
    --------
    >>> base = {"stance": "deny", "actor": "China", "confidence": 0.9, "cue": "denied"}
    >>> unsure_attribution(base)
    ''
    >>> unsure_attribution({**base, "cue": ""})
    'no cue links the actor to the statement'
    >>> unsure_attribution({**base, "rule": "context", "confidence": 0.4})
    "rule 'context' guesses the actor; stance confidence 0.40 below 0.5"
    >>> unsure_attribution({**base, "stance": "neutral", "cue": ""})
    ''
    """
    if record.get("stance") == NEUTRAL:
        return ""
    reasons = []
    rule = record.get("rule")
    score = record.get("attribution_score")
    if rule:
        if rule in GUESS_RULES and not (isinstance(score, float) and score >= LOW_RANKER_SCORE):
            reasons.append(f"rule {rule!r} guesses the actor")
        if rule == "ranker" and isinstance(score, float) and score < LOW_RANKER_SCORE:
            reasons.append(f"the ranker's choice has probability {score:.2f}")
    elif not record.get("cue"):
        reasons.append("no cue links the actor to the statement")
    if record.get("actor") in (None, "", "none"):
        reasons.append("no actor found")
    confidence = record.get("confidence")
    if isinstance(confidence, (int, float)) and confidence < LOW_CONFIDENCE:
        reasons.append(f"stance confidence {confidence:.2f} below {LOW_CONFIDENCE:g}")
    return "; ".join(reasons)


# --------------------------------------------------------------------------------------------
# rendering


class _Tally:
    """Everything the page needs from the records, gathered in one pass."""

    def __init__(self, max_articles: int) -> None:
        self.max_articles = max_articles
        self.docs: dict[str, int] = {}  # every labelled document -> its number, in order
        self.sources: list[str] = []  # by document number
        self.shown: dict[str, list[tuple[int, Mapping[str, Any]]]] = {}  # articles shown
        self.not_labelled: dict[str, tuple[str, str]] = {}  # doc -> (source, status)
        self.rows: list[list[Any]] = []  # every statement, as the page's script reads it
        self.has_rule = False
        self.by_stance: Counter[str] = Counter()
        self.by_type: Counter[tuple[str, str]] = Counter()  # (actor_type, stance)
        self.by_actor: Counter[tuple[str, str, str, str]] = Counter()  # (actor, type, country, st)

    @property
    def n_positions(self) -> int:
        return len(self.rows) - self.by_stance[NEUTRAL]

    def add(self, record: Mapping[str, Any]) -> None:
        doc = str(record.get("doc"))
        status = record.get("status") or "ok"
        if status != "ok":
            self.not_labelled.setdefault(doc, (str(record.get("source") or ""), str(status)))
            return
        stance = record.get("stance")
        if stance not in STANCES:
            raise ValueError(
                f"document {doc!r} statement {record.get('index')}: stance {stance!r} is not one "
                f"of {', '.join(STANCES)}"
            )
        if doc not in self.docs:
            self.docs[doc] = len(self.docs)
            self.sources.append(str(record.get("source") or ""))
            if len(self.docs) <= self.max_articles:
                self.shown[doc] = []
        if doc in self.shown:
            self.shown[doc].append((len(self.rows), record))
        self.rows.append(_row(record, self.docs[doc]))
        self.has_rule = self.has_rule or bool(record.get("rule"))
        self.by_stance[stance] += 1
        if stance != NEUTRAL:
            actor_type = str(record.get("actor_type") or "none")
            self.by_type[actor_type, stance] += 1
            actor = str(record.get("actor") or "")
            self.by_actor[actor, actor_type, str(record.get("country") or ""), stance] += 1


def _row(record: Mapping[str, Any], number: int) -> list[Any]:
    """A statement as the page's script reads it: the values of ``_FIELDS``, in order."""
    out: list[Any] = [number]
    for name in _FIELDS[1:-1]:
        value = record.get(name)
        if name in _INTS:
            value = value if isinstance(value, int) and not isinstance(value, bool) else None
        elif name == "confidence":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            value = float(value) if ok and math.isfinite(value) else None
        else:
            value = "" if value is None else str(value)
        out.append(value)
    out.append(unsure_attribution(record))
    return out


def render_report(
    records: Iterable[Mapping[str, Any]],
    *,
    title: str = "stance report",
    max_articles: int = 200,
    skipped: Sequence[str] = (),
) -> str:
    """Render labelled statements as one self-contained HTML page.

    Parameters
    ----------
    records : iterable of mappings
        Records as :func:`read_results` yields them: the statements of a document consecutive,
        and one record with a ``status`` other than ``"ok"`` for each document not labelled.
        Read once, in a single pass.
    title : str
        The page's title and heading.
    max_articles : int
        At most this many articles are shown in full, in the order they come; a note says how
        many more there were. Counts, tables and charts always cover every record.
    skipped : sequence of str
        The messages of the lines of the results file skipped as malformed: counted and
        listed in the page.

    Returns
    -------
    str
        The HTML page: inline CSS, SVG and script, the statements as escaped JSON, no external
        reference, every piece of text escaped. An empty input gives a page that says so.

    Raises
    ------
    ValueError
        If a statement's stance is not one of :data:`stance.STANCES`.

    Examples
    --------
    >>> page = render_report([{"doc": "a1", "source": "a1.txt", "status": "ok", "index": 0,
    ...     "text": "HRW urged an inquiry.", "stance": "urge_accountability", "confidence": 0.8,
    ...     "actor": "Human Rights Watch", "actor_type": "ngo", "country": "", "cue": "urged"}])
    >>> page.startswith("<!DOCTYPE html>"), page.count('<span class="badge'), "0.80" in page
    (True, 1, True)
    >>> "Nothing to show" in render_report([])
    True
    """
    if max_articles < 0:
        raise ValueError(f"max_articles must be >= 0, got {max_articles}")
    tally = _Tally(max_articles)
    for record in records:
        tally.add(record)
    parts = [_head(title), "<body>", '<main class="page">', f"<h1>{_esc(title)}</h1>"]
    if not tally.docs and not tally.not_labelled:
        parts.append('<p class="nothing">Nothing to show: the results hold no document.</p>')
        if skipped:
            parts.append(_skipped_html(skipped))
        parts += ["</main>", "</body>", "</html>", ""]
        return "\n".join(parts)

    parts.append(_counts_html(tally, skipped))
    if tally.n_positions:
        parts.append(_actor_table_html(tally.by_actor))
        parts.append(_charts_html(tally.by_type, tally.by_actor))
    elif tally.docs:
        parts.append(
            '<p class="nothing">No statement takes a position: nothing to tabulate or chart.</p>'
        )
    if tally.docs:
        parts.append(_explorer_html(tally))
        parts.append(_articles_html(tally, max_articles))
        parts.append(_data_html(tally))
        parts.append(f'<script id="report-app">{SCRIPT}</script>')
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
        tint = _tint(colour, 0.12 if stance == NEUTRAL else 0.3)
        line = _tint(colour, 0.45) if stance == NEUTRAL else colour
        rules.append(
            f".st-{stance}{{background:{tint};border-bottom:2px solid {line}}}\n"
            f".sw-{stance}{{background:{colour}}}\n"
            f".b-{stance}{{border-color:{colour}}}\n"
            f".h-{stance}{{border-bottom:4px solid {colour}!important}}"
        )
    css = CSS + "\n".join(rules)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>\n{css}\n</style>\n</head>"
    )


def _script_safe(text: str) -> str:
    """JSON that no record can break out of a ``<script>`` block with (``</script>``, ``<!--``)."""
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _data_html(tally: _Tally) -> str:
    fields = {name: i for i, name in enumerate(_FIELDS)}
    data = {
        "stances": list(STANCES),
        "labels": {s: _label(s) for s in STANCES},
        "low": LOW_CONFIDENCE,
        "fields": {**fields, "attribution_unsure": fields["unsure"]},
        # The download has the columns of a results file, so `stance report` reads it again.
        "csv": [*COLUMNS, *(["rule"] if tally.has_rule else []), "attribution_unsure"],
        "docs": list(tally.docs),
        "sources": tally.sources,
        "rows": tally.rows,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return f'<script type="application/json" id="report-data">{_script_safe(text)}</script>'


def _legend_html() -> str:
    items = "".join(
        f'<span><span class="sw sw-{s}"></span>{_esc(_label(s))}</span>' for s in STANCES
    )
    return f'<div class="legend" aria-label="stance colours">{items}</div>'


def _counts_html(tally: _Tally, skipped: Sequence[str]) -> str:
    n_statements, n_positions = len(tally.rows), tally.n_positions
    share = f" ({n_positions / n_statements:.0%})" if n_statements else ""
    tiles = [
        ("articles", f"{len(tally.docs):,}", "articles labelled"),
        ("statements", f"{n_statements:,}", "statements"),
        ("positions", f"{n_positions:,}", f"with a position{share}"),
        ("not-labelled", f"{len(tally.not_labelled):,}", "documents not labelled"),
    ]
    if skipped:
        tiles.append(("skipped", f"{len(skipped):,}", "malformed lines skipped"))
    out = ['<section class="summary">', '<div class="counts">']
    for key, number, label in tiles:
        warn = " warn" if key == "skipped" else ""
        out.append(
            f'<div class="tile{warn}" id="count-{key}"><span class="num">{number}</span>'
            f'<span class="lbl">{_esc(label)}</span></div>'
        )
    out.append("</div>")
    if n_statements:
        # A one-line share of each stance: the whole corpus at a glance, without a chart.
        spans = "".join(
            f'<span class="sw-{s}" style="width:{100 * tally.by_stance[s] / n_statements:.3f}%" '
            f'title="{_esc(_label(s))}: {tally.by_stance[s]}"></span>'
            for s in STANCES
            if tally.by_stance[s]
        )
        out.append(f'<div class="bar">{spans}</div>')
        out.append(_legend_html())
    if tally.not_labelled:
        out.append('<div class="notlab">Not labelled:<ul id="not-labelled">')
        for doc, (source, status) in tally.not_labelled.items():
            reason = _REASONS.get(status, status.replace("_", " "))
            src = f' <span class="src">{_esc(source)}</span>' if _adds(source, doc) else ""
            out.append(
                f'<li><code class="doc-id">{_esc(doc)}</code>{src}: '
                f'<span class="reason" data-status="{_esc(status)}">{_esc(reason)}</span></li>'
            )
        out.append("</ul></div>")
    if skipped:
        out.append(_skipped_html(skipped))
    out.append("</section>")
    return "\n".join(out)


def _skipped_html(skipped: Sequence[str]) -> str:
    n = len(skipped)
    out = [
        '<details class="skipped" id="skipped">',
        f"<summary>{n:,} malformed line{'s' if n > 1 else ''} of the results file skipped"
        "</summary>",
        "<ul>",
    ]
    out += [f"<li>{_esc(message)}</li>" for message in skipped[:_SKIPPED_LISTED]]
    if n > _SKIPPED_LISTED:
        out.append(f"<li>… and {n - _SKIPPED_LISTED:,} more</li>")
    out.append("</ul></details>")
    return "\n".join(out)


def _adds(source: str, doc: str) -> bool:
    """Whether a document's source says more than its id (a file's id is its path already)."""
    return bool(source) and source.replace("\\", "/") != doc


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


def _actor_link(actor: str) -> str:
    return (
        f'<button type="button" class="linkish actor-link" data-actor="{_esc(actor)}">'
        f"{_esc(actor)}</button>"
    )


def _actor_table_html(by_actor: Counter[tuple[str, str, str, str]]) -> str:
    rows = _actor_rows(by_actor)
    head = "".join(
        f'<th class="n h-{s}" data-stance="{s}">{_esc(_label(s))}</th>' for s in _POSITIONS
    )
    out = [
        "<section>",
        "<h2>Actors and their positions</h2>",
        '<p class="note">Click a column to sort by it, an actor to see its statements.</p>',
        '<div class="scroll"><table class="data actors sortable" id="actors">',
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
            f'<tr><td class="actor">{_actor_link(actor)}</td>'
            f'<td class="type">{_esc(actor_type)}</td>'
            f'<td class="country">{_esc(country)}</td>{cells}'
            f'<td class="n total">{total}</td></tr>'
        )
    out.append("</tbody></table></div>")
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
    names = {s: _label(s) for s in _POSITIONS}
    types = [t for t in ACTOR_TYPES if any(by_type[t, s] for s in _POSITIONS)]
    top = _actor_rows(by_actor)[:_TOP_ACTORS_CHART]
    figures = [
        (
            types,
            {s: [by_type[t, s] for t in types] for s in _POSITIONS},
            "Statements with a position, by actor type and stance",
            "Stances by actor type",
        ),
        (
            [_short(actor, country) for (actor, _, country), _, _ in top],
            {s: [counts[s] for _, counts, _ in top] for s in _POSITIONS},
            f"The {len(top)} actors with most statements taking a position, by stance",
            f"Top {len(top)} actors",
        ),
    ]
    out = ["<section>", "<h2>Charts</h2>", '<div class="charts">']
    for labels, series, alt, caption in figures:
        svg = stacked_barh(labels, series, STANCE_COLOURS, title=alt, names=names)
        out.append(f"<figure>{svg}<figcaption>{_esc(caption)}</figcaption></figure>")
    out += ["</div>", "</section>"]
    return "\n".join(out)


def _short(actor: str, country: str, width: int = 30) -> str:
    name = actor if len(actor) <= width else actor[: width - 1].rstrip() + "…"
    return f"{name} ({country})" if country else name


def _explorer_html(tally: _Tally) -> str:
    """The filters, the view of one actor and the statements table (filled by the script)."""
    boxes = "".join(
        f'<label><input type="checkbox" name="stance" value="{s}" checked>'
        f'<span class="sw sw-{s}"></span>{_esc(_label(s))}</label>'
        for s in STANCES
    )
    selects = "".join(
        f'<label>{label}<select id="f-{key}"><option value="">all</option></select></label>'
        for key, label in (
            ("actor", "Actor"),
            ("type", "Actor type"),
            ("country", "Country"),
            ("doc", "Document"),
        )
    )
    heads = "".join(
        f'<th data-key="{key}"{cls}>{label}</th>'
        for key, label, cls in (
            ("doc", "Document", ""),
            ("index", "#", ' class="n"'),
            ("actor", "Actor", ""),
            ("actor_type", "Type", ""),
            ("country", "Country", ""),
            ("stance", "Stance", ""),
            ("confidence", "Confidence", ' class="n"'),
            ("text", "Statement", ""),
            ("evidence", "Evidence", ""),
        )
    )
    return "\n".join(
        [
            '<section id="explore">',
            f"<h2>Statements ({len(tally.rows):,})</h2>",
            '<form id="filters" class="filters" hidden>',
            f"<fieldset><legend>Stance</legend>{boxes}</fieldset>",
            selects,
            '<label>Minimum confidence<input id="f-min" type="number" min="0" max="1" '
            'step="0.05" value="0" inputmode="decimal"></label>',
            '<label class="search">Search<input id="f-q" type="search" autocomplete="off" '
            'placeholder="words of the statement, actor, cue or document"></label>',
            '<div class="actions"><span id="shown-count" aria-live="polite"></span>'
            '<button type="reset" class="btn">Reset filters</button>'
            '<a id="download" class="btn" href="#" download="statements.csv">Download CSV</a>'
            "</div>",
            "</form>",
            '<section id="actor-view" hidden></section>',
            '<div id="statements-section" hidden>',
            '<div class="scroll"><table class="data sortable" id="statements">',
            f"<thead><tr>{heads}</tr></thead><tbody></tbody></table></div>",
            '<p><button type="button" id="show-more" class="btn" hidden></button></p>',
            "</div>",
            '<noscript><p class="note">The filters and the statements table need JavaScript; '
            "the articles below show every statement.</p></noscript>",
            "</section>",
        ]
    )


def _doc_heading(doc: str) -> str:
    """A document id as a heading, a path's folders muted so that the file name stands out."""
    folder, slash, name = doc.rpartition("/")
    if not slash or not name:
        return _esc(doc)
    return f'<span class="dir">{_esc(folder + slash)}</span>{_esc(name)}'


def _articles_html(tally: _Tally, max_articles: int) -> str:
    shown, n_docs = len(tally.shown), len(tally.docs)
    out = [
        '<section id="articles">',
        f"<h2>Articles ({shown:,} of {n_docs:,})</h2>",
        _legend_html(),
        f'<p class="note" id="articles-count">{shown:,} of {shown:,} articles shown</p>',
    ]
    for number, (doc, statements) in enumerate(tally.shown.items(), start=1):
        source = tally.sources[tally.docs[doc]]
        out.append(f'<article class="doc" id="doc-{number}" data-d="{tally.docs[doc]}">')
        out.append(f'<h3 class="doc-id">{_doc_heading(doc)}</h3>')
        if _adds(source, doc):
            out.append(f'<div class="src">{_esc(source)}</div>')
        out.append(_voice_html(statements[0][1]) if statements else "")
        out.append(_running_text(statements))
        out.append("</article>")
    omitted = n_docs - shown
    if omitted:
        out.append(
            f'<p class="note" id="articles-omitted">{omitted:,} more article'
            f"{'s' if omitted > 1 else ''} not shown (at most {max_articles:,} are; counts,"
            " tables and charts cover all).</p>"
        )
    out.append("</section>")
    return "\n".join(out)


def _voice_html(record: Mapping[str, Any]) -> str:
    """Whose voice the document was read in, so that a reader can check it (and pass
    ``--publisher`` to correct it)."""
    voice, how, conf = (record.get(k) for k in ("voice", "voice_source", "voice_confidence"))
    score = f", {conf:.2f}" if isinstance(conf, float) and how == "inferred" else ""
    if voice and how in ("given", "inferred"):
        return f'<div class="voice">voice: {_esc(voice)} ({_esc(how)}{score})</div>'
    genre = record.get("genre")
    return f'<div class="voice">no voice; read as {_esc(genre)}</div>' if genre else ""


def _running_text(statements: list[tuple[int, Mapping[str, Any]]]) -> str:
    ordered = sorted(statements, key=lambda kr: kr[1].get("index") or 0)
    paragraphs: list[list[str]] = [[]]
    previous_end: int | None = None
    for k, record in ordered:
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
        paragraphs[-1].append(_statement_html(k, record))
    return "\n".join(f"<p>{' '.join(p)}</p>" for p in paragraphs if p)


def _statement_html(k: int, record: Mapping[str, Any]) -> str:
    stance = str(record["stance"])
    actor = str(record.get("actor") or "")
    actor_type = str(record.get("actor_type") or "")
    country = str(record.get("country") or "")
    cue = str(record.get("cue") or "")
    rule = str(record.get("rule") or "")
    unsure = unsure_attribution(record)
    confidence = record.get("confidence")
    conf = f"{confidence:.2f}" if isinstance(confidence, (int, float)) else ""
    low = " low" if isinstance(confidence, (int, float)) and confidence < LOW_CONFIDENCE else ""
    who = ", ".join(x for x in (actor_type, country) if x)
    tip = [f"stance: {_label(stance)}" + (f" ({conf})" if conf else "")]
    if stance != NEUTRAL or actor not in ("", "none"):
        tip.append(f"actor: {actor}" + (f" ({who})" if who else ""))
    score = record.get("attribution_score")
    if isinstance(score, float):
        rule = f"{rule} (ranker {score:.2f})"
    tip += [f"{name}: {value}" for name, value in (("cue", cue), ("rule", rule)) if value]
    if unsure:
        tip.append(f"attribution unsure: {unsure}")
    title = _esc("\n".join(tip))
    text = (
        f'<span class="st st-{stance}" data-stance="{stance}" data-index="'
        f'{_esc(record.get("index"))}" data-k="{k}" title="{title}">'
        f"{_esc(record.get('text') or '')}</span>"
    )
    if stance == NEUTRAL:
        return f'{text}<span class="cf{low}" title="confidence">{conf}</span>' if conf else text
    mark = f'<span class="unsure" title="{_esc(unsure)}">?</span>' if unsure else ""
    badge = " · ".join(
        x
        for x in (
            f"<b>{_esc(actor)}</b>{mark}" + (f" ({_esc(who)})" if who else ""),
            _esc(_label(stance)),
            f'<span class="conf{low}">{conf}</span>' if conf else "",
        )
        if x
    )
    return f'{text}<span class="badge b-{stance}" title="{title}">{badge}</span>'


# --------------------------------------------------------------------------------------------
# writing


def _warn(message: str) -> None:
    warnings.warn(f"skipped {message}", UserWarning, stacklevel=2)


def write_report(
    results_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    title: str | None = None,
    on_error: Callable[[str], None] | None = None,
) -> Path:
    """Read a results file and write its HTML report.

    A malformed line of the results file is skipped, reported through ``on_error`` and listed in
    the page. The page is rendered in full, then written to a temporary file next to ``out_path``
    and moved over it: a failure never leaves a half-written report behind.

    Parameters
    ----------
    results_path : str or path-like
        A ``.jsonl`` or ``.csv`` results file, see :func:`read_results`.
    out_path : str or path-like
        Where to write the page; its directory must exist. An existing file is replaced.
    title : str, optional
        The page title; by default ``"stance report: <results file name>"``.
    on_error : callable, optional
        Called with the message (file, line, problem) of each malformed line skipped; by
        default a :class:`UserWarning`.

    Returns
    -------
    Path
        ``out_path``.

    Raises
    ------
    FileNotFoundError
        If there is no results file.
    ValueError
        If it cannot be read as a whole (unknown suffix, not UTF-8 text, a bad CSV header), or
        if every one of its lines is malformed.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> tmp = tempfile.TemporaryDirectory()
    >>> results = Path(tmp.name) / "results.csv"
    >>> _ = results.write_text("doc,source,status,index,text,stance,confidence,actor,"
    ...     "actor_type,country\\nd1,d1.txt,not_english,,,,,,,\\nd2,d2.txt,ok,x,,,,,,\\n")
    >>> skipped = []
    >>> out = write_report(results, Path(tmp.name) / "report.html", on_error=skipped.append)
    >>> "not English" in out.read_text(encoding="utf-8"), len(skipped)
    (True, 1)
    >>> tmp.cleanup()
    """
    results_path, out_path = Path(results_path), Path(out_path)
    report = on_error or _warn
    skipped: list[str] = []
    n_valid = 0

    def skip(message: str) -> None:
        skipped.append(message)
        report(message)

    def counted(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        nonlocal n_valid
        for record in records:
            n_valid += 1
            yield record

    # render_report reads every record before it looks at `skipped`: the list is complete then.
    page = render_report(
        counted(read_results(results_path, on_error=skip)),
        title=title if title is not None else f"stance report: {results_path.name}",
        skipped=skipped,
    )
    if skipped and not n_valid:
        first = skipped[0].removeprefix(f"{results_path} ")
        raise ValueError(
            f"{results_path}: no valid record; all {len(skipped):,} lines are malformed "
            f"(the first: {first})"
        )
    return _write_atomic(out_path, page)


def _write_atomic(out_path: Path, text: str) -> Path:
    """Write ``text`` to a temporary file next to ``out_path``, then move it over."""
    # O_EXCL on a random name: never clobbers another writer's temporary file. Mode 0o666 lets
    # the umask decide the permissions, as for any file the user creates (mkstemp would make
    # the report private to its owner).
    tmp = out_path.with_name(f".{out_path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out_path
