"""Actor mentions in a sentence: known actors from the gazetteer, unknown names typed from
their titles and organisation words, group phrases, a state's bodies; and the memory of the
persons and organisations a document has named (surnames, "the party")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple
from weakref import WeakKeyDictionary

from ..gazetteer import Actor, Gazetteer, default_gazetteer
from .lexicon import (
    BODY_TYPES,
    GROUP_TYPES,
    LEADING_STOP,
    NOT_NAMES,
    ORG_TYPES,
    RUN_OPENERS,
    TITLES,
)
from .patterns import (
    BODY_OF,
    BODY_OF_GATE,
    GROUP,
    GROUP_HEAD_GATE,
    HAS_SPACE,
    RUN,
    SINGLE_CAP,
    STATE_BODY,
    STATE_BODY_GATE,
    WORD,
    find_groups,
    lowered,
    may_hold,
)
from .records import Mention


def is_person_name(words: Sequence[str]) -> bool:
    if not 1 < len(words) <= 5:
        return False
    folded = [w.casefold().strip(".") for w in words]
    if any(w in ORG_TYPES or w in TITLES or w in NOT_NAMES or w == "i" for w in folded):
        return False
    return all(
        w[:1].isupper() or w in {"de", "van", "von", "bin", "al", "la", "le", "da"} for w in words
    ) and not all(w.isupper() for w in words)


# The kind of each known actor, per gazetteer (known actors recur from sentence to sentence);
# held weakly, so a gazetteer that is dropped takes its cache with it.
_KINDS: WeakKeyDictionary[Gazetteer, dict[tuple[str, str, str], str]] = WeakKeyDictionary()


def kind_of(actor: Actor, gaz: Gazetteer) -> str:
    """ "state", "group", "person" or "org" (cached per gazetteer: known actors recur)."""
    cache = _KINDS.get(gaz)
    if cache is None:
        cache = _KINDS[gaz] = {}
    key = (actor.name, actor.type, actor.country)
    kind = cache.get(key)
    if kind is None:
        if actor.country and gaz.state(actor.country) == actor:
            kind = "state"
        elif GROUP.fullmatch(actor.name.casefold()) or actor.name[:1].isdigit():
            kind = "group"
        else:
            kind = "person" if is_person_name(actor.name.split()) else "org"
        if len(cache) < 100_000:
            cache[key] = kind
    return kind


def type_from_words(words: Sequence[str], gaz: Gazetteer) -> tuple[str | None, str]:
    """Type and country implied by titles, demonyms and organisation words in ``words``."""
    kind: str | None = None
    country = ""
    for word in words:
        w = word.casefold().strip(".,'’")
        if w.endswith("'s") or w.endswith("’s"):
            w = w[:-2]
        state = gaz.demonym(word.strip(".,")) or gaz.lookup(word.strip(".,'’s"))
        if state is not None and state.type == "government" and state.country:
            country = country or state.country
        if TITLES.get(w):
            kind = TITLES[w]
        elif w in ORG_TYPES and kind is None:
            kind = ORG_TYPES[w]
        if w in {"un", "u.n", "united nations"}:
            kind = kind or "igo"
    return kind, country


def resolve_actor(name: str, gazetteer: Gazetteer | None = None, context: str = "") -> Actor:
    """Type a name: from the gazetteer when it knows it, else from its words and ``context``.

    Parameters
    ----------
    name : str
        An actor name as written ("Geng Shuang", "the US Congress", "Malaysian Prime Minister
        Mahathir Mohamad") or an ISO 3166-1 alpha-3 code of a state ("PSE").
    gazetteer : Gazetteer, optional
        Defaults to the shipped gazetteer.
    context : str
        Words around the name (a title, an apposition) used when the gazetteer does not know it.

    Examples
    --------
    >>> a = resolve_actor("HRW")
    >>> a.name, a.type, a.country
    ('Human Rights Watch', 'ngo', '')
    >>> resolve_actor("PSE").name
    'Palestine'
    >>> a = resolve_actor("Jane Roe", context="Malaysian Foreign Ministry spokesperson")
    >>> a.type, a.country
    ('government', 'MYS')
    >>> a = resolve_actor("President of Ukraine")
    >>> a.type, a.country
    ('government', 'UKR')
    """
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    name = name.strip()
    if re.fullmatch(r"[A-Z]{3}", name) and gaz.state(name) is not None:
        return gaz.state(name)  # type: ignore[return-value]
    known = gaz.lookup(name)
    if known is not None:
        return known
    words = WORD.findall(name)
    kind, country = type_from_words(WORD.findall(context) + words, gaz)
    # A person speaking for an organisation named in the context takes its type and country.
    orgs = [m.actor for m in gaz.find_mentions(context) if kind_of(m.actor, gaz) != "state"]
    if orgs and is_person_name(words):
        kind, country = orgs[-1].type, orgs[-1].country
    if kind is None and country and any(w.casefold() in TITLES for w in words):
        # "President of Russia", "Prime Minister of India": an office of a state, held for it.
        kind = "government"
    if kind is None:
        kind = "public" if is_person_name(words) else "ngo"
    if kind in {"igo", "ngo", "public"} and not WORD.findall(context):
        country = ""
    return Actor(name=clean_name(name), type=kind, country=country)


def clean_name(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip(" ,.;:"))
    return re.sub(r"(?:'s|’s)$", "", name)


def capitalised_runs(sentence: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Runs of capitalised words (with connectors such as "of the") and their word spans."""
    runs = []
    for run in RUN.finditer(sentence):
        start, end = run.span()
        text = run.group()
        if text[-1] != "." and not HAS_SPACE.search(text):
            # One capitalised word, which WORD reads whole (most runs): no second search.
            runs.append((start, end, [(start, end)]))
            continue
        words = [(w.start(), w.end()) for w in WORD.finditer(sentence, start, end)]
        if words:
            runs.append((words[0][0], words[-1][1], words))
    return runs


class Gates(NamedTuple):
    """The words of each gate (see :func:`may_hold`) that a document holds at all. A sentence
    is part of its document, so a word the document lacks is in none of its sentences: each
    sentence is then tested for these few words rather than for all of them."""

    groups: tuple[str, ...] = GROUP_HEAD_GATE  # case-sensitive
    state_body: tuple[str, ...] = STATE_BODY_GATE  # in lower case
    body_of: tuple[str, ...] = BODY_OF_GATE  # in lower case

    @classmethod
    def of(cls, text: str) -> Gates:
        # str.lower maps each character on its own (but for a final sigma, never an ASCII
        # letter), so the lower-cased document holds every ASCII word a lower-cased sentence of
        # it holds. Where lower-casing misses what re.IGNORECASE finds, every word stays.
        low = lowered(text)
        if low is None:
            return cls(tuple(w for w in GROUP_HEAD_GATE if w in text))
        return cls(
            tuple(w for w in GROUP_HEAD_GATE if w in text),
            tuple(w for w in STATE_BODY_GATE if w in low),
            tuple(w for w in BODY_OF_GATE if w in low),
        )


ALL_GATES = Gates()  # every word: for a sentence read without its document


def sentence_mentions(
    sentence: str, base: int, gaz: Gazetteer, gates: Gates = ALL_GATES
) -> list[Mention]:
    known = [
        Mention(base + m.start, base + m.end, m.actor, kind_of(m.actor, gaz))
        for m in gaz.find_mentions(sentence)
    ]
    mentions: list[Mention] = []
    for run_start, _run_end, run in capitalised_runs(sentence):
        mentions.extend(_run_mentions(sentence, base, run, run_start, known, gaz))
    taken = [(m.start, m.end) for m in mentions]
    for m in known:
        if not any(s <= m.start < e or s < m.end <= e for s, e in taken):
            mentions.append(m)
    low = lowered(sentence) if gates.state_body or gates.body_of else ""
    for b in STATE_BODY.finditer(sentence) if may_hold(low, gates.state_body) else ():
        state = gaz.demonym(b.group("dem")) or gaz.lookup(b.group("dem"))
        start, end = base + b.start(), base + b.end()
        if (
            state is None
            or not state.country
            or any(m.start <= start and end <= m.end for m in mentions)
        ):
            continue
        mentions = [m for m in mentions if not (start <= m.start and m.end <= end)]
        noun = b.group("noun").casefold()
        body = Actor(b.group(), BODY_TYPES.get(noun, "government"), state.country)
        mentions.append(Mention(start, end, body, "org"))
    for o in BODY_OF.finditer(sentence) if may_hold(low, gates.body_of) else ():
        start = base + o.end()
        state = next((m for m in mentions if m.start == start and m.kind == "state"), None)
        if state is not None:
            mentions = [m for m in mentions if m is not state]
            mentions.append(Mention(base + o.start(), state.end, state.actor, "state"))
    for g_start, g_end, g_head in find_groups(sentence, gates.groups):
        start, end = base + g_start, base + g_end
        # "UN member states", "60 Uyghur organizations": a group whose modifiers hold a
        # known name is still the group; a name that runs past the group wins.
        if any(
            m.start < end and start < m.end and not (start <= m.start and m.end < end)
            for m in mentions
        ):
            continue
        mentions = [m for m in mentions if not (start <= m.start and m.end < end)]
        phrase = re.sub(r"^(?:The|the)\s+", "", sentence[g_start:g_end].strip())
        head = g_head.casefold()
        if phrase.casefold() == head and re.search(
            r"\b(?:the|these|those)\s+$", sentence[:g_start], re.I
        ):
            continue  # "the groups said": an anaphor, resolved to the groups named before
        typ = GROUP_TYPES.get(head.split()[-1] if head not in GROUP_TYPES else head, "ngo")
        if head.endswith(("groups", "organizations", "organisations", "advocates", "defenders")):
            typ = "ngo"
        mentions.append(
            Mention(start, end, Actor(phrase[:1].upper() + phrase[1:], typ, ""), "group")
        )
    mentions.sort(key=lambda m: m.start)
    return mentions


def _run_mentions(
    sentence: str,
    base: int,
    run: list[tuple[int, int]],
    run_start: int,
    known: list[Mention],
    gaz: Gazetteer,
) -> list[Mention]:
    """Turn one capitalised run into actor mentions: titles split off, unknown names typed."""
    words = [sentence[s:e] for s, e in run]
    # Drop sentence openers, dates and honorifics at the front of the run.
    while words and words[0].casefold().strip(":") in RUN_OPENERS:
        words.pop(0)
        run = run[1:]
    if not run:
        return []
    start, end = base + run[0][0], base + run[-1][1]
    inside = [m for m in known if start <= m.start and m.end <= end]
    if inside and inside[0].start == start and inside[0].end == end:
        return [inside[0]]
    # The last title word splits role from name: "French Ambassador | Nicolas de Rivière".
    title_at = max(
        (i for i, w in enumerate(words) if w.casefold().strip(".") in TITLES), default=-1
    )
    name_words = words[title_at + 1 :]
    role_words = words[: title_at + 1]
    if name_words and name_words[-1].endswith(("'s", "’s")):
        name_words[-1] = name_words[-1][:-2]
    person_known = [m for m in inside if m.kind == "person"]
    if person_known:
        # "Human Rights Watch Executive Director Kenneth Roth": the known person wins.
        return person_known[-1:]
    if name_words and is_person_name(name_words) and not gaz.demonym(name_words[0]):
        name_start = base + run[title_at + 1][0]
        name = " ".join(name_words)
        context_words = (
            role_words + _pre_context(sentence, run[0][0]) + _apposition(sentence, run[-1][1])
        )
        org = [m for m in known if m.end <= start and start - m.end <= 2] + [
            m
            for m in known
            if m.start >= end
            and m.kind == "org"
            and m.start - end < 80
            and "," in sentence[end - base : m.start - base]
        ]
        actor = _person_actor(name, context_words, org[:1], gaz)
        return [Mention(name_start, end, actor, "person")]
    if inside:
        # "US Congress", "Chinese Foreign Ministry": a state or demonym in front of an
        # organisation word makes one organisation of that state.
        last = words[-1].casefold().strip(".")
        if last in ORG_TYPES and inside[-1].end < end and inside[-1].kind == "state":
            actor = Actor(" ".join(words), ORG_TYPES[last], inside[-1].actor.country)
            return [Mention(start, end, actor, "org")]
        return inside
    if len(words) >= 2 and words[-1].casefold().strip(".") in ORG_TYPES:
        full = gaz.lookup(" ".join(words))
        if full is not None:
            return [Mention(start, end, full, kind_of(full, gaz))]
        kind, country = type_from_words(words, gaz)
        if kind in {"ngo", "igo", "media"} and not gaz.demonym(words[0]):
            country = ""
        actor = Actor(" ".join(words), kind or "ngo", country)
        return [Mention(start, end, actor, "org")]
    return []


def _pre_context(sentence: str, at: int) -> list[str]:
    """Up to four words before ``at`` in the same clause (titles written in lower case)."""
    before = sentence[:at]
    clause = re.split(r"[,;:()\"“”]", before)[-1]
    return WORD.findall(clause)[-4:]


def _apposition(sentence: str, at: int) -> list[str]:
    """The words of an apposition after a name: ", president of the World Uyghur Congress,"."""
    m = re.match(r"\s*,\s*([^,;:\"“”]{3,90})", sentence[at:])
    if not m:
        return []
    words = WORD.findall(m.group(1))
    if words and words[0].casefold() in {"said", "told", "says", "who", "which", "and"}:
        return []
    return words


def _person_actor(name: str, context: list[str], org: list[Mention], gaz: Gazetteer) -> Actor:
    known = gaz.lookup(name)
    if known is not None:
        return known
    kind, country = type_from_words(context, gaz)
    org_in_context = [
        m.actor
        for m in gaz.find_mentions(" ".join(context))
        if m.actor.type != "government" or not m.actor.country
    ]
    if org:
        kind, country = org[0].actor.type, org[0].actor.country or country
    elif org_in_context:
        kind, country = org_in_context[0].type, org_in_context[0].country
    if kind is None:
        kind = "public"
    if kind in {"ngo", "igo"} and not org:
        country = ""
    return Actor(name, kind, country)


# --- the document pass ------------------------------------------------------------------------


class Memory:
    """Persons and organisations named so far in a document, indexed for constant-time
    lookups (so a long document costs no more per sentence than a short one)."""

    def __init__(self) -> None:
        self.empty = True
        self.last_person: Mention | None = None
        self._by_part: dict[str, Mention] = {}
        self._parts: tuple[str, ...] | None = None  # the keys of _by_part, as a tuple
        self._by_tail: dict[str, Mention] = {}
        self._persons: set[str] = set()

    def add(self, mentions: list[Mention]) -> None:
        for m in mentions:
            if m.kind == "person":
                parts = m.actor.name.split()
                if len(parts) > 1:
                    # a surname, or a Chinese family name that comes first ("Wang Wenbin")
                    self._by_part[parts[0]] = self._by_part[parts[-1]] = m
                    self._parts = None
                self._persons.add(m.actor.name)
                self.last_person = m
                self.empty = False
            elif m.kind == "org":
                words = m.actor.name.casefold().split()
                for i in range(1, len(words)):
                    self._by_tail[" ".join(words[i:])] = m
                self.empty = False

    def name_parts(self) -> tuple[str, ...] | None:
        """The first and last names of persons named so far, or ``None`` when there are so
        many that testing for each would cost more than reading the sentence's words."""
        if len(self._by_part) > 32:
            return None
        if self._parts is None:
            self._parts = tuple(self._by_part)
        return self._parts

    def person_with_name_part(self, word: str) -> Mention | None:
        return self._by_part.get(word)

    def org_ending_with(self, tail: str) -> Mention | None:
        return self._by_tail.get(tail)

    def is_person(self, name: str) -> bool:
        return name in self._persons


def resolve_surnames(
    sentence: str, base: int, mentions: list[Mention], people: Memory
) -> list[Mention]:
    """A single capitalised word that is part of a person named before is that person; an
    organisation named by the end of an earlier name ("the Communist Party" after "the
    Chinese Communist Party") is that organisation."""
    if people.empty:
        return mentions
    out = []
    for m in mentions:
        if m.kind == "org":
            tail = m.actor.name.casefold()
            earlier = people.org_ending_with(tail)
            if earlier is not None and earlier.actor != m.actor:
                m = Mention(m.start, m.end, earlier.actor, "org")
        out.append(m)
    taken = [(m.start, m.end) for m in mentions]
    parts = people.name_parts()
    # A surname can only be found where it is written: test for each part first while there
    # are few (most documents name a handful of people), and search only if one is there.
    present = parts is None or may_hold(sentence, parts)
    words = SINGLE_CAP.finditer(sentence) if present else ()
    for w in words:
        word = w.group()
        if people.person_with_name_part(word) is None or word.casefold() in LEADING_STOP:
            continue
        start, end = base + w.start(), base + w.end()
        if any(s <= start < e for s, e in taken):
            continue
        p = people.person_with_name_part(word)
        if p is not None:
            out.append(Mention(start, end, p.actor, "person"))
    out.sort(key=lambda m: m.start)
    return out


def is_group_phrase(name: str) -> bool:
    """Whether ``name`` describes a group ("43 countries", "Rights groups") rather than names one.

    Examples
    --------
    >>> is_group_phrase("More than 60 Uyghur organizations"), is_group_phrase("Human Rights Watch")
    (True, False)
    """
    return bool(GROUP.fullmatch(name.strip())) or name.strip()[:1].isdigit()
