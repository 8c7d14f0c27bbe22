"""Cleaning and segmentation of a document into statements.

A *statement* is one sentence: a headline, a caption or a heading line counts as one. Every
statement keeps character offsets into the ORIGINAL document, so ``doc[start:end]`` is the raw
span it came from and ``clean_inline(doc[start:end]) == statement.text``; when the raw span
holds no markup, ``doc[start:end] == statement.text`` exactly.

The pipeline, one way::

    document -> lines (paragraphs) -> furniture dropped -> inline markup cleaned
             -> Punkt sentences (parameters shipped with the package) -> offsets mapped back

Decisions (documented in ``data/CODEBOOK.md``, section "What is a statement"):

* Paragraphs split on line breaks, so headings such as "Beijing's response" stand alone.
* Page furniture is **dropped**, never labelled: navigation lines ("Skip to main content"),
  contact blocks (phone numbers, e-mail addresses, Twitter handles), photo credits, donation
  appeals, cross-promotion ("See more ... reporting"), bare datelines and runs of ``□``. A
  furniture line carries no position of any actor, and keeping it as ``neutral`` would only
  inflate the ``neutral`` class with text no reader cares about.
* Photo *captions* are kept (kind ``"caption"``): they describe events and often carry claims
  ("revealed by leaked documents to be a forced indoctrination camp"). A trailing credit
  ("© 2017 Ng Han Guan/AP Images") is cut off; a line that repeats the line before it
  (a caption printed twice by the page layout) is dropped.
* Markdown links ``[words](target)`` keep their words; a link is never split across sentences.

``nltk.download`` is never called: the Punkt parameters live in
``stance/_resources/punkt_english.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)

from .resources import resource_text

__all__ = [
    "Segment",
    "SegmentKind",
    "clean_inline",
    "is_furniture",
    "segment",
    "sentence_tokenizer",
]

SegmentKind = Literal["sentence", "heading", "caption"]

# Every character str.splitlines() treats as a line boundary, so no "line" ever holds one.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
# A markdown link or image: the label is kept, the target dropped. No brackets inside the
# label, so matches never overlap and a sub-span cleans exactly as it did in context.
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\(([^()\s]*)\)")
_BOXES = re.compile(r"[□■▪◻◼]+")
_CREDIT = re.compile(r"\s*©.*$")

_NAVIGATION = frozenset(
    s.casefold()
    for s in (
        "Accessibility links",
        "Skip to main content",
        "Skip to content",
        "Breaking News",
        "Recent Comments",
        "Comments",
        "Region / Country",
        "Share",
        "Share this",
        "Print",
        "Menu",
        "Search",
        "Related",
        "Related articles",
        "Advertisement",
        "Subscribe",
        "Sign up",
        "Log in",
        "Top stories",
        "Most read",
        "Follow us",
        # Video players and galleries of news pages (their buttons come out as text).
        "Video Player",
        "Video PlayerClose",
        "Close",
        "Click to expand",
        "Click to expand Image",
        "Next",
        "Previous",
    )
)
_DIGIT = re.compile(r"\d")


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


# Each with a cheap test that must pass before the pattern runs: speech paragraphs are long,
# and the e-mail pattern backtracks over every word of a line that has no "@".
_FURNITURE_PATTERNS: list[tuple[Callable[[str], bool], re.Pattern[str]]] = [
    (test, re.compile(p, re.IGNORECASE))
    for test, p in (
        (lambda line: "@" in line, r"[\w.+-]+@[\w-]+\.[\w.]+"),  # an e-mail address
        # A phone number, r"\+?\d[\d ()-]{7,}\d" written to open on a character class (so the
        # engine skips to the digits; a test checks it finds the same).
        (lambda line: _DIGIT.search(line) is not None, r"[+\d](?:(?<=\+)\d)?(?<=\d)[\d ()-]{7,}\d"),
        (lambda line: "@" in line, r"\btwitter:\s*@"),  # a Twitter handle
        (lambda line: True, r"^for more information\b"),
        (lambda line: True, r"^(photo|image|picture)\s*(credit|courtesy)?\s*:"),
        (lambda line: True, r"^(credit|source)\s*:"),
        # Every match holds "tax" or "donate", and under IGNORECASE their letters match only
        # themselves and their capitals (a test checks all of Unicode): so the case-folded
        # line holds one of the two wherever the pattern can match.
        (
            lambda line: _holds_any(line.casefold(), ("tax", "donate")),
            r"\btax[- ]deductible\b|\bdonate now\b",
        ),
        (lambda line: True, r"^(see|read) more\b"),
        # Pagination ("1 2 3 Next") and a bare number ("2019"): no words of a statement.
        (
            lambda line: len(line) <= 40 and _DIGIT.search(line) is not None,
            r"^[\d\s|·»›‹«]*(next|previous|prev)?$",
        ),
        # Time stamps of a page: "Issued at HKT 18:49", "Updated 18:49 GMT".
        (
            lambda line: ":" in line,
            r"^(issued|updated|published|posted|last updated)\b[^.]{0,30}\d{1,2}:\d{2}\W*\w{0,4}$",
        ),
        # Social and app prompts: "Follow Ynetnews on Facebook and Twitter", "Get the NBC4
        # Washington app for iOS or Android", "Stay informed about local news ...".
        # Links to the page in other languages: "Hier die deutsche Ausgabe lesen / Lire ...".
        (
            lambda line: True,
            r"^(?:follow\b.{0,40}\bon (?:facebook|twitter|instagram|telegram|x)\b"
            r"|(?:get|download) (?:the|our)\b.{0,40}\bapp\b|stay informed about\b"
            r"|hier die deutsche ausgabe|lire la version|lea la versi[oó]n)",
        ),
    )
]
# Opens photo captions of some sites ("Click to expand Image People stand by ..."): the words
# of a button, not of the caption, which follows and is kept.
_CAPTION_BUTTON = re.compile(r"(?:Click to expand )?Image\s+(?=[A-Z0-9“\"])")
_CAPTION_BUTTON_START = "Click to expand Image"
# A bare dateline: "12.03.2020", "2020-03-12", "March 12, 2020", "12 March 2020".
_DATELINE = re.compile(
    r"^(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
    r"|\d{1,2} [A-Z][a-z]+ \d{4}"
    r"|[A-Z][a-z]+\.? \d{1,2}, \d{4})$"
)
_CAPTION = re.compile(r"^(FILE( PHOTO)?\s*[-–—:]|PHOTO\s*[-–—:])|©")
_HEADING_MAX_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Segment:
    """One statement of a document.

    Attributes
    ----------
    doc : str
        Identifier of the document.
    index : int
        Position of the statement in the document, from 0.
    start, end : int
        Character offsets into the original document text.
    text : str
        The cleaned statement: ``clean_inline(document[start:end])``.
    kind : {"sentence", "heading", "caption"}
        ``"heading"`` for a line with no sentence-final punctuation (headlines, section titles),
        ``"caption"`` for a photo caption, else ``"sentence"``.
    """

    doc: str
    index: int
    start: int
    end: int
    text: str
    kind: SegmentKind = "sentence"


@lru_cache(maxsize=1)
def _spec() -> dict:
    raw = resource_text("punkt_english.json")
    return json.loads(raw)


@lru_cache(maxsize=1)
def _number_abbreviation() -> re.Pattern[str]:
    # "No." ends a sentence ("He said no.") unless a number follows ("resolution No. 5").
    words = "|".join(re.escape(w) for w in _spec()["number_abbreviations"])
    return re.compile(rf"\b(?:{words})\.$", re.IGNORECASE)


class _LanguageVars(PunktLanguageVars):
    """Punkt's language variables, with its patterns compiled by Python's ``re``.

    nltk 3.10 sends every pattern through ``nltk.redos`` (the third-party ``regex`` engine
    under a wall-clock timer), a guard against patterns a caller supplies. Punkt's patterns are
    its own and fixed, and were written for ``re``: compiled from the same sources with the same
    flags, they cut the same sentences in less time (tested against nltk's own tokenizer; the few
    characters the two engines class differently send their line to nltk's tokenizer, see
    ``_engines_agree``). Inputs stay bounded by the readers' size limit.
    """

    re_boundary_realignment = re.compile(
        PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE
    )

    def __init__(self) -> None:
        # nltk builds these two lazily and keeps them in these slots; filled here from nltk's own
        # pattern sources, compiled with the flags nltk gives them.
        nltk_vars = PunktLanguageVars()
        flags = re.UNICODE | re.VERBOSE
        self._re_word_tokenizer = re.compile(nltk_vars._word_tokenizer_re().pattern, flags)
        self._re_period_context = re.compile(nltk_vars.period_context_re().pattern, flags)


class _Token(PunktToken):
    """Punkt's token, its patterns compiled by ``re`` (see :class:`_LanguageVars`)."""

    __slots__ = ()
    _RE_ELLIPSIS = re.compile(PunktToken._RE_ELLIPSIS.pattern)
    _RE_NUMERIC = re.compile(PunktToken._RE_NUMERIC.pattern)
    _RE_INITIAL = re.compile(PunktToken._RE_INITIAL.pattern)
    _RE_ALPHA = re.compile(PunktToken._RE_ALPHA.pattern)


# Python's re and the regex engine under nltk.redos class a few characters differently (\x1c-\x1f
# are whitespace only to re; combining marks and some digits differ in \w and \d). A line holding
# such a character goes to nltk's own tokenizer, so every line is cut exactly as nltk cuts it.
# Verdicts are cached per character: a corpus uses a few hundred distinct characters.
_AGREE: set[str] = set()
_DISAGREE: set[str] = set()


@lru_cache(maxsize=1)
def _class_pairs() -> list[tuple[re.Pattern[str], object]]:
    from nltk import redos

    return [(re.compile(c), redos.compile(c)) for c in (r"\s", r"\w", r"\d")]


def _engines_agree(text: str) -> bool:
    """Whether both regular expression engines class every character of ``text`` alike."""
    new = set(text) - _AGREE
    if not new:
        return True
    if new & _DISAGREE:
        return False
    for ch in new:
        same = all(
            (ours.match(ch) is None) == (theirs.match(ch) is None)  # type: ignore[attr-defined]
            for ours, theirs in _class_pairs()
        )
        (_AGREE if same else _DISAGREE).add(ch)
        if not same:
            return False
    return True


@lru_cache(maxsize=1)
def _nltk_sentence_tokenizer() -> PunktSentenceTokenizer:
    """Punkt as nltk ships it (patterns under nltk.redos), with the shipped parameters."""
    return PunktSentenceTokenizer(_parameters())


def _parameters() -> PunktParameters:
    spec = _spec()
    params = PunktParameters()
    params.abbrev_types = set(spec["abbrev_types"])
    params.collocations = {tuple(pair) for pair in spec["collocations"]}
    params.sent_starters = set(spec["sent_starters"])
    return params


class _Tokenizer(PunktSentenceTokenizer):
    """nltk's Punkt tokenizer, remembering its answer for each candidate break's context.

    Punkt decides a candidate break (a period, question or exclamation mark) from its context:
    the word before, the mark and the word after ("said. He", "Mr. Wang"). The decision
    depends on that text and the fixed parameters only, and the same contexts recur all
    through a corpus, so each is worked out once.
    """

    _MAX_REMEMBERED = 200_000  # contexts are a few words: a few tens of MB at most

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._breaks: dict[str, bool] = {}

    def text_contains_sentbreak(self, text: str) -> bool:
        found = self._breaks.get(text)
        if found is None:
            found = super().text_contains_sentbreak(text)
            if len(self._breaks) < self._MAX_REMEMBERED:
                self._breaks[text] = found
        return found


@lru_cache(maxsize=1)
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """The Punkt sentence tokenizer with the parameters shipped in the package.

    Returns
    -------
    PunktSentenceTokenizer
        Built once from ``stance/_resources/punkt_english.json``; no nltk data is needed.

    Examples
    --------
    >>> tok = sentence_tokenizer()
    >>> tok.tokenize("The U.N. report came out. Beijing rejected it.")
    ['The U.N. report came out.', 'Beijing rejected it.']
    """
    return _Tokenizer(_parameters(), lang_vars=_LanguageVars(), token_cls=_Token)


def clean_inline(text: str) -> str:
    """Remove inline markup from a span of text, keeping its words.

    Markdown links and images keep their label, runs of ``□`` go, and a photo credit
    (``©`` to the end of the line) is cut.

    Examples
    --------
    >>> clean_inline("The [United Nations](#) Human Rights Council□□")
    'The United Nations Human Rights Council'
    >>> clean_inline("Kashgar, November 4, 2017. © 2017 Ng Han Guan/AP Images")
    'Kashgar, November 4, 2017.'
    """
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _BOXES.sub("", text)
    return _CREDIT.sub("", text)


def is_furniture(line: str) -> bool:
    """Whether a cleaned line is page furniture that carries no statement.

    Examples
    --------
    >>> is_furniture("Skip to main content")
    True
    >>> is_furniture("For ISHR, in Geneva, Sarah Brooks: +41-786-597-337 (mobile)")
    True
    >>> is_furniture("Beijing's response")
    False
    """
    stripped = line.strip()
    if not stripped or not any(ch.isalnum() for ch in stripped):
        return True
    if stripped.casefold() in _NAVIGATION or _DATELINE.match(stripped):
        return True
    return any(test(stripped) and p.search(stripped) for test, p in _FURNITURE_PATTERNS)


def segment(text: str, doc: str = "doc") -> list[Segment]:
    """Split a document into statements with offsets into the original text.

    Parameters
    ----------
    text : str
        The document, as read from its file.
    doc : str, default "doc"
        Identifier stored in every segment.

    Returns
    -------
    list of Segment
        In document order, indexed from 0. Empty for empty or whitespace-only input.

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> doc = "Beijing's response\\nWang said the [U.S.](#) interferes. He added more."
    >>> for s in segment(doc):
    ...     print(s.index, s.kind, s.text)
    0 heading Beijing's response
    1 sentence Wang said the U.S. interferes.
    2 sentence He added more.
    >>> s = segment(doc)[2]
    >>> doc[s.start:s.end]
    'He added more.'
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() needs the document text as str, got {type(text).__name__}")
    segments: list[Segment] = []
    previous_line: str | None = None
    for line_match in _LINE.finditer(text):
        line, line_start = line_match.group(), line_match.start()
        caption = False
        if line.startswith(_CAPTION_BUTTON_START):
            button = _CAPTION_BUTTON.match(line)
            if button:
                line, line_start, caption = line[button.end() :], line_start + button.end(), True
        cleaned, origin = _clean_with_origin(line, line_start)
        stripped = cleaned.strip()
        if is_furniture(stripped) or stripped == previous_line:
            continue
        previous_line = stripped
        caption = caption or bool(_CAPTION.search(line))
        spans = list(_sentence_spans(cleaned, origin))
        for start, end in spans:
            piece = cleaned[start:end]
            kind = _kind(piece, caption=caption, alone=len(spans) == 1)
            segments.append(
                Segment(
                    doc=doc,
                    index=len(segments),
                    start=origin[start][0],
                    end=origin[end - 1][1],
                    text=piece,
                    kind=kind,
                )
            )
    return segments


def _kind(piece: str, *, caption: bool, alone: bool) -> SegmentKind:
    if caption:
        return "caption"
    # A heading is a short line of its own with no sentence-final punctuation; a long line
    # without it is a paragraph broken by the page's markup, still a sentence.
    if alone and not _SENTENCE_END.search(piece) and len(piece.split()) <= _HEADING_MAX_WORDS:
        return "heading"
    return "sentence"


# origin[i] = (start, end) in the document of cleaned character i. Plain characters map to
# themselves; every character of a link label maps to the whole link, which makes a link atomic.
_Origin = list[tuple[int, int]]


class _Identity:
    """The origin of a line kept as it is: character i comes from ``offset + i``."""

    __slots__ = ("offset",)

    def __init__(self, offset: int):
        self.offset = offset

    def __getitem__(self, i: int) -> tuple[int, int]:
        return (self.offset + i, self.offset + i + 1)


def _clean_with_origin(line: str, offset: int) -> tuple[str, _Origin | _Identity]:
    """Clean one line and record where each kept character came from."""
    if "[" not in line and not _BOXES.search(line) and "©" not in line:
        return line, _Identity(offset)  # most lines: no list of one pair per character
    credit = _CREDIT.search(line)
    limit = credit.start() if credit else len(line)
    chars: list[str] = []
    origin: _Origin = []
    pos = 0
    for link in _LINK.finditer(line, 0, limit):
        _append_plain(line, pos, link.start(), offset, chars, origin)
        whole = (offset + link.start(), offset + link.end())
        for ch in link.group(1):
            chars.append(ch)
            origin.append(whole)
        pos = link.end()
    _append_plain(line, pos, limit, offset, chars, origin)
    return "".join(chars), origin


def _append_plain(
    line: str, start: int, stop: int, offset: int, chars: list[str], origin: _Origin
) -> None:
    for i in range(start, stop):
        if not _BOXES.match(line[i]):
            chars.append(line[i])
            origin.append((offset + i, offset + i + 1))


def _sentence_spans(cleaned: str, origin: _Origin | _Identity) -> Iterator[tuple[int, int]]:
    """Punkt sentence spans of a cleaned line, never splitting a link, whitespace stripped."""
    tokenizer = sentence_tokenizer() if _engines_agree(cleaned) else _nltk_sentence_tokenizer()
    spans = _unglued(tokenizer, cleaned, list(tokenizer.span_tokenize(cleaned)))
    merged: list[list[int]] = []
    number_abbreviation = _number_abbreviation()
    for start, end in spans:
        # A boundary inside an atomic link (both sides map to the same source span) is undone,
        # and so is one between "No." and a number.
        if merged and (
            origin[merged[-1][1] - 1] == origin[start]
            or (cleaned[start].isdigit() and number_abbreviation.search(cleaned, 0, merged[-1][1]))
        ):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    for start, end in merged:
        while start < end and cleaned[start].isspace():
            start += 1
        while end > start and cleaned[end - 1].isspace():
            end -= 1
        if start < end:
            yield start, end


# Two sentences glued without a space, as pages often print them ("... itself.The measures"):
# a word of two or more letters, the mark (and a closing quote), then a capitalised word. One
# letter before the mark is an initial or an abbreviation ("U.S.The" stays whole), and digits
# are decimals or numbers ("3.5"), never candidates.
# (Written to open on the mark, with the letters before it checked behind: a pattern that opens
# on a look-behind tries it at every character, and runs ten times slower.)
_GLUED = re.compile(r"[.!?](?<=[^\W\d_]{2}[.!?])[\"'”’)]?(?=[A-Z][a-z])")
_CLOSERS = "\"'”’)"


def _unglued(
    tokenizer: PunktSentenceTokenizer, cleaned: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Split glued sentences where Punkt splits them once the missing space is put back."""
    if not _GLUED.search(cleaned):
        return spans
    # Punkt itself cuts 'win.”Then' before the quote: the quote goes back to its sentence.
    realigned: list[tuple[int, int]] = []
    for start, end in spans:
        if realigned and realigned[-1][1] == start and cleaned[start] in _CLOSERS:
            realigned[-1] = (realigned[-1][0], start + 1)
            start += 1
        if start < end:
            realigned.append((start, end))
    out: list[tuple[int, int]] = []
    for start, end in realigned:
        cut = start
        for match in _GLUED.finditer(cleaned, start, end):
            at = match.end()
            # Punkt's verdict on the same words with the space: "itself. The" breaks, "Mr. Wang"
            # and "St. Petersburg" do not.
            spaced = cleaned[cut:at] + " " + cleaned[at:end]
            if any(a == at - cut + 1 for a, _ in tokenizer.span_tokenize(spaced)):
                out.append((cut, at))
                cut = at
        out.append((cut, end))
    return out
