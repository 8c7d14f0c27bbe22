"""Known actors: the names, aliases and demonyms of states, bodies, NGOs and media.

The gazetteer is a CSV file, ``data/gazetteer.csv`` (inside a wheel ``stance/_data/``), with the
header ``name,type,country,aliases,demonyms,source``. Each row is one actor, typed and placed as
``data/CODEBOOK.md`` section 3 says; ``aliases`` and ``demonyms`` are ``|``-separated. It answers
three questions:

- :meth:`Gazetteer.lookup`: which actor does a name denote ("Beijing" -> China)?
- :meth:`Gazetteer.demonym`: which state does an adjective denote ("Chinese" -> China)?
- :meth:`Gazetteer.find_mentions`: where in a text are actors named?

Names are compared by :func:`normalize_name` (case, diacritics, dots, possessives and a leading
"the" do not matter). Mentions are found by a greedy longest match over word tokens, so
"People's Republic of China" is one mention and "South China Sea" none (a few non-actor phrases
built on actor names, :data:`NOT_ACTORS`, block the match).

Examples
--------
>>> gaz = default_gazetteer()
>>> gaz.lookup("Beijing").country, gaz.lookup("HRW").name, gaz.demonym("Chinese").name
('CHN', 'Human Rights Watch', 'China')
>>> text = "The U.S. and Human Rights Watch criticised Beijing."
>>> [(text[m.start:m.end], m.actor.name) for m in gaz.find_mentions(text)]
[('U.S.', 'United States'), ('Human Rights Watch', 'Human Rights Watch'), ('Beijing', 'China')]
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from .labels import ACTOR_TYPES
from .resources import PACKAGE_DIR, data_file

__all__ = [
    "COLUMNS",
    "GAZETTEER_TYPES",
    "NOT_ACTORS",
    "Actor",
    "Gazetteer",
    "Mention",
    "default_gazetteer",
    "gazetteer_path",
    "normalize_name",
    "read_gazetteer",
]

COLUMNS: tuple[str, ...] = ("name", "type", "country", "aliases", "demonyms", "source")
"""Header of a gazetteer file; ``demonyms`` and ``source`` may be left out of a user file."""

_REQUIRED = COLUMNS[:4]

GAZETTEER_TYPES: tuple[str, ...] = tuple(t for t in ACTOR_TYPES if t != "none")
"""Actor types a gazetteer entry may have: every codebook type but ``none``."""

# The sources whose entries are states: a state is looked up by its code (Gazetteer.state).
STATE_SOURCES: frozenset[str] = frozenset({"un_member", "un_observer", "territory"})

NOT_ACTORS: tuple[str, ...] = (
    # Treaties, documents and places named after a capital or a state: a match on them is
    # consumed without a mention, so "Paris Agreement" does not name France.
    "Paris Agreement",
    "Paris Club",
    "Paris Climate Agreement",
    "Paris Accord",
    "Paris Principles",
    "Paris Peace Forum",
    "Beijing Declaration",
    "Beijing Platform for Action",
    "Beijing Declaration and Platform for Action",
    "Beijing Olympics",
    "Beijing Winter Olympics",
    "Vienna Convention",
    "Vienna Conventions",
    "Vienna Declaration",
    "Vienna Declaration and Programme of Action",
    "Minsk agreement",
    "Minsk agreements",
    "Minsk Protocol",
    "Doha Agreement",
    "Doha Development Agenda",
    "Havana Syndrome",
    "Berlin Wall",
    "Warsaw Pact",
    "Helsinki Final Act",
    "Helsinki Accords",
    "Oslo Accords",
    "Stockholm Convention",
    "Budapest Memorandum",
    "Washington Consensus",
    "Washington State",
    "Moscow Mechanism",
    "Astana process",
    "Lisbon Treaty",
    "Treaty of Lisbon",
    "Lisbon Declaration",
    "Cairo Programme of Action",
    "Doha Declaration",
    "Doha Programme of Action",
    "Vienna Programme of Action",
    "Riyadh Agreement",
    "Ottawa Convention",
    "Ottawa Treaty",
    "Cotonou Agreement",
    "Prague city government",
    "TAIPEI Act",
    "SAMOA Pathway",
    "Gulf of Guinea",
    "Under-Secretary-General",
    "Assistant Secretary-General",
    "Deputy Secretary-General",
    "South China Sea",
    "East China Sea",
    "Latin America",
    "North America",
    "South America",
    "Central America",
    "Bank of America",
    "American Samoa",
    "Northern Ireland",
    "New Guinea",
    "New Mexico",
    "Niger Delta",
    "Niger River",
    "Congo River",
    "Congo Basin",
)
"""Phrases that contain an actor's name but name no actor; :meth:`Gazetteer.find_mentions` skips
them."""

# A word token: a dotted abbreviation ("U.S.", "U.N.") or letters and digits with inner
# apostrophes ("d'Ivoire", "People's"). Hyphens, dots and other punctuation separate tokens.
# Written as r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*" but opening on one character class
# (the first letter or digit, common to both branches): the regex engine then skips straight
# to words, nearly twice as fast; the tokens are the same (a test compares the two forms).
_TOKEN_RE = re.compile(r"[^\W_](?:(?<=[^\W\d_])\.(?:[^\W\d_]\.)+|[^\W_]*(?:['’][^\W_]+)*)")
_POSSESSIVE = ("'s", "'S", "’s", "’S")

# Case modes of a token of a name: an acronym ("US", "WHO") matches only capitals; the first word
# of a capitalised name ("China", "Human Rights Watch") only a capitalised word; else any case.
_ANY, _CAP, _UPPER = 0, 1, 2


def _normalise_token(raw: str) -> str:
    # Decompose before and after case-folding: some letters only fold once decomposed.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", raw).casefold())
    return "".join(ch for ch in folded if ch.isalnum() and not unicodedata.combining(ch))


class _NormCache(dict):
    """Normalised tokens by raw token. The same words recur all through a corpus, and
    normalising is most of the cost of reading one. A dict whose ``__getitem__`` (C code, so
    ``map`` over it never enters Python for a known word) fills itself on a miss; emptied when
    full, so memory stays bounded however long the corpus."""

    limit = 1 << 16

    def __missing__(self, raw: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        norm = self[raw] = _normalise_token(raw)
        return norm


_norm_token = _NormCache().__getitem__


class _Token(NamedTuple):  # a tuple: built for every word of every sentence, so cheap
    start: int
    end: int
    norm: str
    raw: str


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    append, norm_token = out.append, _norm_token  # local names: this loop runs per word
    for match in _TOKEN_RE.finditer(text):
        start, end = match.span()
        raw = match.group()
        if len(raw) > 2 and raw[-2:] in _POSSESSIVE:
            end -= 2
            raw = raw[:-2]
        norm = norm_token(raw)
        if norm:
            append(_Token(start, end, norm, raw))
    return out


def _words(text: str) -> tuple[list[str], list[str], list[str], list[int] | None]:
    """The raw and normalised form of every token of ``text``, as :func:`_tokens` finds them,
    without building match objects (this runs for every word of every sentence, so the work is
    pushed into C: findall, map). Also the tokens as found and, when some were dropped, the
    indices of those kept, for :func:`_starts`, which is only needed when a name was found."""
    raws = found = _TOKEN_RE.findall(text)
    if ("'" in text or "’" in text) and any(raw[-2:] in _POSSESSIVE for raw in raws):
        raws = [raw[:-2] if len(raw) > 2 and raw[-2:] in _POSSESSIVE else raw for raw in raws]
    norms = list(map(_norm_token, raws))
    keep = None
    if "" in norms:  # a token with no letter or digit left ("’"): not a word of any name
        keep = [i for i, n in enumerate(norms) if n]
        raws = [raws[i] for i in keep]
        norms = [norms[i] for i in keep]
    return raws, norms, found, keep


def _starts(text: str, found: list[str], keep: list[int] | None, upto: int) -> list[int]:
    """Start offsets of the first ``upto`` tokens :func:`_words` kept (no further: the last
    name found may end well before the sentence does)."""
    last = upto if keep is None else keep[upto - 1] + 1
    starts: list[int] = []
    pos = 0
    find = text.find
    for raw in found[:last]:
        start = find(raw, pos)
        starts.append(start)
        pos = start + len(raw)
    return starts if keep is None else [starts[i] for i in keep[:upto]]


def _key_tokens(name: str) -> list[_Token]:
    tokens = _tokens(name)
    while len(tokens) > 1 and tokens[0].norm == "the":
        tokens = tokens[1:]
    return tokens


@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """The form under which a name is compared.

    Case-folded, diacritics stripped, punctuation removed ("U.S." -> "us"), a possessive "'s"
    dropped, hyphens read as spaces, whitespace collapsed and a leading "the" dropped.

    Examples
    --------
    >>> normalize_name("the U.S.")
    'us'
    >>> normalize_name("  Côte d’Ivoire ")
    'cote divoire'
    >>> normalize_name("China's")
    'china'
    >>> normalize_name("Leung Chun-ying")
    'leung chun ying'
    """
    return " ".join(t.norm for t in _key_tokens(text))


def _case_mode(raw: str) -> int:
    letters = [ch for ch in raw if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return _UPPER
    return _ANY


def _case_ok(mode: int, raw: str) -> bool:
    if mode == _UPPER:
        return all(ch.isupper() for ch in raw if ch.isalpha())
    if mode == _CAP:
        return not raw[0].islower()
    return True


def _cases_ok(checks: tuple[tuple[int, int], ...], raws: list[str], at: int) -> bool:
    """Whether the tokens of a name found at ``raws[at]`` are written in the case its entry asks
    for (``checks``: the (token, mode) pairs whose mode is not "any case")."""
    for k, mode in checks:
        if not _case_ok(mode, raws[at + k]):
            return False
    return True


@dataclass(frozen=True)
class Actor:
    """One known actor.

    Two actors are equal when ``name``, ``type`` and ``country`` are; ``aliases``, ``demonyms``
    and ``source`` are carried along.

    Parameters
    ----------
    name : str
        Canonical name, as the codebook normalises it ("Human Rights Watch", "Wang Wenbin").
    type : str
        One of :data:`GAZETTEER_TYPES`.
    country : str
        ISO 3166-1 alpha-3 code, or ``""`` (international bodies and NGOs, groups of states).
    aliases : tuple of str
        Other names of the same actor in running text ("HRW", "Beijing").
    demonyms : tuple of str
        Adjectives of a state ("Chinese").
    source : str
        Where the entry comes from (``un_member``, ``curated``, ``seeds_train``, ...).

    Examples
    --------
    >>> Actor("China", "government", "CHN", aliases=("Beijing",)) == Actor("China", "government", "CHN")
    True
    >>> Actor("China", "state", "CHN")
    Traceback (most recent call last):
    ...
    ValueError: actor 'China': unknown type 'state'; expected one of ngo, igo, government, legislature, media, public
    """  # noqa: E501

    name: str
    type: str
    country: str = ""
    aliases: tuple[str, ...] = field(default=(), compare=False)
    demonyms: tuple[str, ...] = field(default=(), compare=False)
    source: str = field(default="curated", compare=False)

    def __post_init__(self) -> None:
        if not normalize_name(self.name):
            raise ValueError(f"actor name {self.name!r} has no word in it")
        if self.type not in GAZETTEER_TYPES:
            raise ValueError(
                f"actor {self.name!r}: unknown type {self.type!r}; expected one of "
                f"{', '.join(GAZETTEER_TYPES)}"
            )
        country = self.country
        if country and not (len(country) == 3 and country.isascii() and country.isupper()):
            raise ValueError(
                f"actor {self.name!r}: country {country!r} is not an ISO 3166-1 alpha-3 code "
                "(3 uppercase letters) or empty"
            )
        for kind, values in (("alias", self.aliases), ("demonym", self.demonyms)):
            for value in values:
                if not normalize_name(value):
                    raise ValueError(f"actor {self.name!r}: {kind} {value!r} has no word in it")

    def names(self) -> tuple[str, ...]:
        """The name and every alias.

        Examples
        --------
        >>> Actor("Human Rights Watch", "ngo", aliases=("HRW",)).names()
        ('Human Rights Watch', 'HRW')
        """
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Mention:
    """An actor named in a text: ``text[start:end]`` is the name as written.

    ``demonym`` is true when the words are a state's adjective ("Chinese"), not its name.
    """

    start: int
    end: int
    actor: Actor
    demonym: bool = False


class _Node:
    __slots__ = ("children", "entry")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        # (actor or None for a blocking phrase, case mode of each token, and the (token, mode)
        # pairs of those whose case matters: the matching loop checks only these)
        self.entry: tuple[Actor | None, tuple[int, ...], tuple[tuple[int, int], ...]] | None = None


def _insert(root: _Node, phrase: str, actor: Actor | None) -> None:
    tokens = _key_tokens(phrase)
    # A proper name of several words ("Secretary-General", "Human Rights Watch") must start with
    # a capital in the text too; a description ("Rights groups", "Chinese officials") need not.
    proper = len(tokens) == 1 or (tokens[0].raw[:1].isupper() and tokens[-1].raw[:1].isupper())
    modes = [_case_mode(t.raw) for t in tokens]
    if proper and modes[0] == _ANY and tokens[0].raw[:1].isupper():
        modes[0] = _CAP
    node = root
    for token in tokens:
        node = node.children.setdefault(token.norm, _Node())
    if node.entry is not None and node.entry[0] == actor:
        # The same key from two spellings ("US", "U.S.", "Us"): the laxer case mode wins.
        modes = [min(a, b) for a, b in zip(node.entry[1], modes, strict=True)]
    node.entry = (actor, tuple(modes), tuple((k, m) for k, m in enumerate(modes) if m != _ANY))


class Gazetteer:
    """A set of known actors, looked up by name, alias or demonym.

    Parameters
    ----------
    actors : iterable of Actor
        The entries. A normalised name or alias may denote one actor only, and a demonym one.
    not_actors : iterable of str
        Phrases that :meth:`find_mentions` consumes without a mention (default
        :data:`NOT_ACTORS`).

    Raises
    ------
    ValueError
        If two actors share a normalised name, alias or demonym.

    Examples
    --------
    >>> gaz = Gazetteer([Actor("Human Rights Watch", "ngo", aliases=("HRW",)),
    ...                  Actor("China", "government", "CHN", aliases=("Beijing",),
    ...                        demonyms=("Chinese",))])
    >>> len(gaz), gaz.lookup("hrw").name, gaz.lookup("Beijing's").country
    (2, 'Human Rights Watch', 'CHN')
    >>> gaz.lookup("Amnesty") is None
    True
    """

    def __init__(self, actors: Iterable[Actor], *, not_actors: Iterable[str] = NOT_ACTORS) -> None:
        self._actors: tuple[Actor, ...] = tuple(actors)
        self._not_actors: tuple[str, ...] = tuple(not_actors)
        self._by_key: dict[str, Actor] = {}
        self._by_demonym: dict[str, Actor] = {}
        self._names = _Node()
        self._demonyms = _Node()
        for phrase in self._not_actors:
            _insert(self._names, phrase, None)
        for actor in self._actors:
            for index, (table, values) in enumerate(
                ((self._by_key, actor.names()), (self._by_demonym, actor.demonyms))
            ):
                for value in values:
                    key = normalize_name(value)
                    other = table.setdefault(key, actor)
                    if other is not actor:
                        kind = "demonym" if index else "name or alias"
                        raise ValueError(
                            f"{kind} {value!r} (normalised {key!r}) denotes both "
                            f"{other.name!r} and {actor.name!r}"
                        )
                    _insert(self._demonyms if index else self._names, value, actor)

    @classmethod
    def load(cls, path: str | Path | None = None, extra: str | Path | None = None) -> Gazetteer:
        """Read a gazetteer file, and a user's file over it.

        Parameters
        ----------
        path : str or Path, optional
            A gazetteer CSV file; by default the one shipped with stance (cached, see
            :func:`default_gazetteer`).
        extra : str or Path, optional
            A user's CSV file with the same header (``demonyms`` and ``source`` may be left
            out). Its entries win over those of ``path``: see :meth:`override`.

        Raises
        ------
        ValueError
            Naming the file and line: a missing column, an unknown type, a country that is not
            3 uppercase letters, an empty name, a name, alias or demonym given to two entries.

        Examples
        --------
        >>> Gazetteer.load().lookup("U.S.").country
        'USA'
        """
        base = default_gazetteer() if path is None else cls(read_gazetteer(path))
        return base if extra is None else base.override(read_gazetteer(extra))

    # -- queries ---------------------------------------------------------------------------

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Every entry, in file order."""
        return self._actors

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.lookup(name) is not None

    def __repr__(self) -> str:
        return f"<Gazetteer of {len(self._actors)} actors>"

    def lookup(self, name: str) -> Actor | None:
        """The actor a name or alias denotes, compared by :func:`normalize_name`.

        Examples
        --------
        >>> gaz = default_gazetteer()
        >>> gaz.lookup("the United States of America").name
        'United States'
        >>> gaz.lookup("Geng Shuang")
        Actor(name='Geng Shuang', type='government', country='CHN', ...)
        """
        return self._by_key.get(normalize_name(name))

    def demonym(self, word: str) -> Actor | None:
        """The state whose adjective ``word`` is ("Chinese", "French", "U.S.").

        Examples
        --------
        >>> default_gazetteer().demonym("French").country
        'FRA'
        >>> default_gazetteer().demonym("Martian") is None
        True
        """
        return self._by_demonym.get(normalize_name(word))

    def state(self, code: str) -> Actor | None:
        """The state (a UN member or observer, or a territory) with ISO 3166-1 alpha-3 ``code``.

        Examples
        --------
        >>> default_gazetteer().state("PSE").name
        'Palestine'
        """
        return self._states.get(code)

    @cached_property
    def _states(self) -> dict[str, Actor]:
        # Built at the first lookup, once per gazetteer: most gazetteers are never asked.
        return {a.country: a for a in self._actors if a.source in STATE_SOURCES and a.country}

    def find_mentions(self, text: str, *, demonyms: bool = False) -> list[Mention]:
        """Every non-overlapping longest mention of a known actor, left to right.

        Matching is by normalised word tokens, in time linear in the text: at each token the
        longest name or alias that starts there wins, and the search resumes after it. A
        capitalised name ("China", "Secretary-General") matches only when its first word is
        capitalised in the text too, and an acronym ("US", "WHO") only in capitals, so "china",
        "us" and "a secretary general" name nobody; a description ("Rights groups") matches in
        any case.

        Parameters
        ----------
        text : str
            Any text.
        demonyms : bool
            Also report state adjectives ("Chinese officials": "Chinese"), with
            ``Mention.demonym`` set. A name as long as a demonym wins.

        Examples
        --------
        >>> gaz = default_gazetteer()
        >>> text = "Let us see: the People's Republic of China and Chinese diplomats in Paris."
        >>> [text[m.start:m.end] for m in gaz.find_mentions(text)]
        ["People's Republic of China", 'Paris']
        >>> [(text[m.start:m.end], m.demonym) for m in gaz.find_mentions(text, demonyms=True)][1]
        ('Chinese', True)
        >>> gaz.find_mentions("They ratified the Paris Agreement.")
        []
        """
        raws, norms, found, keep = _words(text)
        tries = (
            ((self._names, False), (self._demonyms, True)) if demonyms else ((self._names, False),)
        )
        hits: list[tuple[int, int, Actor, bool]] = []
        n = len(norms)
        # Only words that begin some name can begin a mention: find them in one pass (a list
        # comprehension, not the walk below, which would otherwise run for every word).
        firsts = self._first_words(demonyms)
        resume = 0
        for i in [k for k, norm in enumerate(norms) if norm in firsts]:
            if i < resume:
                continue
            best: tuple[int, Actor | None, bool] | None = None
            for root, is_demonym in tries:
                node: _Node | None = root.children.get(norms[i])
                j = i + 1
                while node is not None:
                    if node.entry is not None:
                        actor, _, checks = node.entry
                        if (best is None or j > best[0]) and (
                            not checks or _cases_ok(checks, raws, i)
                        ):
                            best = (j, actor, is_demonym)
                    if j >= n:
                        break
                    node = node.children.get(norms[j])
                    j += 1
            if best is None:
                continue
            j, actor, is_demonym = best
            if actor is not None:
                hits.append((i, j, actor, is_demonym))
            resume = j
        if not hits:
            return []
        starts = _starts(text, found, keep, hits[-1][1])
        return [Mention(starts[i], starts[j - 1] + len(raws[j - 1]), a, d) for i, j, a, d in hits]

    def _first_words(self, demonyms: bool) -> frozenset[str]:
        """Normalised words that begin a name (or, with ``demonyms``, a demonym); cached."""
        key = "_first_words_demonyms" if demonyms else "_first_words_names"
        found = self.__dict__.get(key)
        if found is None:
            found = frozenset(self._names.children) | (
                frozenset(self._demonyms.children) if demonyms else frozenset()
            )
            self.__dict__[key] = found
        return found

    # -- derived gazetteers ----------------------------------------------------------------

    def exclude_sources(self, *sources: str) -> Gazetteer:
        """A copy without the entries of the given sources.

        Examples
        --------
        >>> gaz = default_gazetteer()
        >>> known = gaz.exclude_sources("seeds_test", "extended_test")
        >>> len(known) < len(gaz), known.lookup("Omer Kanat") is None, "China" in known
        (True, True, True)
        """
        drop = set(sources)
        return Gazetteer(
            (a for a in self._actors if a.source not in drop), not_actors=self._not_actors
        )

    def override(self, actors: Iterable[Actor]) -> Gazetteer:
        """A copy with ``actors`` added over the present entries.

        An entry whose normalised name equals a new entry's name or alias is replaced whole; an
        alias or demonym that a new entry claims moves to it, and the old entry keeps the rest.

        Examples
        --------
        >>> gaz = Gazetteer([Actor("China", "government", "CHN", aliases=("Beijing", "PRC"))])
        >>> new = gaz.override([Actor("Beijing municipal government", "government", "CHN",
        ...                           aliases=("Beijing",))])
        >>> new.lookup("Beijing").name, new.lookup("PRC").name
        ('Beijing municipal government', 'China')
        """
        new = tuple(actors)
        claimed = {normalize_name(v) for a in new for v in a.names()}
        claimed_demonyms = {normalize_name(v) for a in new for v in a.demonyms}
        kept = []
        for actor in self._actors:
            if normalize_name(actor.name) in claimed:
                continue
            aliases = tuple(v for v in actor.aliases if normalize_name(v) not in claimed)
            demonyms = tuple(v for v in actor.demonyms if normalize_name(v) not in claimed_demonyms)
            kept.append(
                Actor(actor.name, actor.type, actor.country, aliases, demonyms, actor.source)
            )
        return Gazetteer([*kept, *new], not_actors=self._not_actors)


# -- files -----------------------------------------------------------------------------------


def gazetteer_path() -> Path:
    """Where the shipped gazetteer lies: inside an installed wheel, else ``data/`` of the repo.

    Raises
    ------
    FileNotFoundError
        If the file is in neither place.

    Examples
    --------
    >>> gazetteer_path().name
    'gazetteer.csv'
    """
    return data_file(
        "gazetteer.csv",
        what=f"gazetteer.csv is neither in {PACKAGE_DIR / '_data'} nor in "
        f"{PACKAGE_DIR.parent / 'data'}; reinstall stance",
    )


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


def read_gazetteer(path: str | Path) -> list[Actor]:
    """The entries of one gazetteer file, checked.

    Raises
    ------
    ValueError
        Naming the file and line of the first problem.
    """
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames
        if not header:
            raise ValueError(f"{path}: empty file; the header must be {','.join(COLUMNS)}")
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            raise ValueError(
                f"{path} line 1: missing column(s) {', '.join(missing)}; the header must be "
                f"{','.join(COLUMNS)} (demonyms and source may be left out)"
            )
        actors: list[Actor] = []
        seen: dict[tuple[str, str], tuple[int, str]] = {}
        for row in reader:
            line = reader.line_num
            where = f"{path} line {line}"
            if None in row:
                raise ValueError(f"{where}: more cells than columns (quote a cell with a comma)")
            name = (row["name"] or "").strip()
            if not name:
                raise ValueError(f"{where}: empty name")
            try:
                actor = Actor(
                    name=name,
                    type=(row["type"] or "").strip(),
                    country=(row["country"] or "").strip(),
                    aliases=tuple(a for a in _split(row["aliases"]) if a != name),
                    demonyms=_split(row.get("demonyms")),
                    source=(row.get("source") or "").strip() or "user",
                )
            except ValueError as exc:
                raise ValueError(f"{where}: {exc}") from None
            for kind, values in (("name or alias", actor.names()), ("demonym", actor.demonyms)):
                for value in values:
                    key = normalize_name(value)
                    first_line, first_name = seen.setdefault((kind, key), (line, actor.name))
                    if first_line != line:
                        raise ValueError(
                            f"{where}: {kind} {value!r} (normalised {key!r}) already denotes "
                            f"{first_name!r} on line {first_line}"
                        )
            actors.append(actor)
    return actors


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped with stance, read once.

    Examples
    --------
    >>> default_gazetteer() is default_gazetteer()
    True
    """
    return Gazetteer(read_gazetteer(gazetteer_path()))
