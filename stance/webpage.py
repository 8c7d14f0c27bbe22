r"""The main text of a web page: the article, without navigation, footers and scripts.

Examples
--------
>>> html_to_text("<nav>Home</nav><article><h1>Title</h1><p>Body text.</p></article>")[0]
'Title\n\nBody text.'
"""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_to_text"]
# Elements whose content is never article text. <title> is skipped too: it usually repeats the
# headline with the site name, and the first <h1> gives the headline alone.
_SKIP = frozenset(
    "script style noscript template svg nav footer aside form button iframe head title".split()
)
# Elements that end a paragraph where they open or close.
_BLOCK = frozenset(
    """
    address article aside blockquote body br caption dd details div dl dt figcaption figure
    footer h1 h2 h3 h4 h5 h6 header hr li main ol p pre section summary table tbody
    thead tr ul
    """.split()
)
_CONTAINERS = ("article", "main", "header", "h1")


class _ArticleParser(HTMLParser):
    """Collect paragraphs of the whole page, of <main> and of <article>, and the first <h1>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.publisher = ""
        self._skipping: dict[str, int] = {}
        self._open = dict.fromkeys(_CONTAINERS, 0)
        # Paragraphs per region; "page" is everything outside skipped elements.
        self._paragraphs: dict[str, list[str]] = {"page": [], "main": [], "article": []}
        self._parts: dict[str, list[str]] = {"page": [], "main": [], "article": []}
        self._headline: list[str] | None = None
        self._headline_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            fields = dict(attrs)
            if fields.get("property") == "og:site_name" and fields.get("content"):
                self.publisher = " ".join(str(fields["content"]).split())
        if tag == "body":
            # A page that never closes <head> must not lose its body with it.
            self._skipping.pop("head", None)
            self._skipping.pop("title", None)
        if tag in _SKIP:
            self._skipping[tag] = self._skipping.get(tag, 0) + 1
        elif tag in self._open:
            self._open[tag] += 1
            if tag == "h1" and not self._headline_done and not self._skipped():
                self._headline = []
        if tag in _BLOCK:
            self._break()
        elif tag in ("td", "th"):
            # Cells of one row stay one line: "Name Country", not one paragraph per cell.
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self._break()
        if self._skipping.get(tag):
            self._skipping[tag] -= 1
        elif self._open.get(tag):
            self._open[tag] -= 1
            if tag == "h1" and self._headline is not None and not self._headline_done:
                self._headline_done = bool(" ".join(self._headline).split())

    def handle_data(self, data: str) -> None:
        if self._skipped():
            return
        if self._headline is not None and not self._headline_done:
            self._headline.append(data)
        # A site <header> may hold the headline (kept above) but its other text is furniture.
        if self._open["header"]:
            return
        self._parts["page"].append(data)
        for region in ("main", "article"):
            if self._open[region]:
                self._parts[region].append(data)

    def text(self) -> str:
        """The article's paragraphs joined by blank lines, headline first ("" if none)."""
        self._break()
        paragraphs = next(
            (self._paragraphs[r] for r in ("article", "main", "page") if self._paragraphs[r]),
            [],
        )
        headline = " ".join("".join(self._headline or []).split())
        if headline and paragraphs and headline not in paragraphs:
            paragraphs = [headline, *paragraphs]
        return "\n\n".join(paragraphs)

    def _skipped(self) -> bool:
        return any(self._skipping.values())

    def _break(self) -> None:
        for region, parts in self._parts.items():
            paragraph = " ".join("".join(parts).split())
            if paragraph:
                self._paragraphs[region].append(paragraph)
            parts.clear()


def html_to_text(html: str) -> tuple[str, str]:
    """The main text of an HTML page, and its publisher.

    Navigation, headers, footers, asides, forms, scripts and styles are dropped. The text is
    that of the ``<article>`` elements if any, else of ``<main>``, else of the whole body; the
    first ``<h1>`` leads as the headline. Block elements end paragraphs, which are joined with
    blank lines; whitespace inside a paragraph is collapsed and entities are unescaped.

    Parameters
    ----------
    html : str
        The page.

    Returns
    -------
    tuple[str, str]
        The text ("" if the page has none) and the ``og:site_name`` ("" if absent).

    Examples
    --------
    >>> page = '''<html><head><title>Ban | News</title>
    ... <meta property="og:site_name" content="VOA"></head><body>
    ... <nav><a href="/">Home</a></nav><header><h1>Rights  groups &amp; the UN</h1></header>
    ... <article><p>The groups <b>urged</b> a debate.</p><p>China refused.<br>It left.</p>
    ... <script>track()</script></article><footer>© VOA</footer></body></html>'''
    >>> text, publisher = html_to_text(page)
    >>> print(text)
    Rights groups & the UN
    <BLANKLINE>
    The groups urged a debate.
    <BLANKLINE>
    China refused.
    <BLANKLINE>
    It left.
    >>> publisher
    'VOA'
    """
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    return parser.text(), parser.publisher
