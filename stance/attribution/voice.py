"""Whose voice a document is in, read from the document itself.

A release says whose it is in its first lines ("(Geneva) – ... Human Rights Watch said today"),
a joint statement in its opening ("We, the undersigned organizations") or its list of signers, a
letter in its close ("Sincerely, ... Human Rights Watch"), a head of state's statement in its
speaker turns ("President of Russia Vladimir Putin: ...") or its lead ("President of Ukraine
Volodymyr Zelenskyy had a phone conversation ..."), a speech in its greeting and its first
person ("Ladies and Gentlemen ... my country, Ukraine"), and a news report in its byline or wire
dateline ("GENEVA (Reuters) -"): news narration has no actor.

:func:`infer_voice` reads the first few segments, the first 8,000 characters (for an organisation
naming its own work) and the last lines of a document with regular expressions (no parser, no
model), so its cost is bounded whatever the document's length (about a millisecond for a news
article, ``benchmarks/voice.py``). Each rule gives a candidate with a confidence: a weight set
by hand from how often the rule was right on the ``news`` training and validation documents
(``benchmarks/voice.py``), not a calibrated probability. The labeller uses a voice only when
its confidence is at least :data:`VOICE_THRESHOLD`; below it the voice is reported, not used.

The words come from ``stance/_resources/attribution/voice_cues.csv``.

Examples
--------
>>> from stance.segmentation import segment
>>> text = ("(Geneva) – The authorities should free the jailed activists at once, Human Rights "
...         "Watch said today.")
>>> v = infer_voice(text, segment(text))
>>> v.actor.name, v.genre, v.rule, text[v.start:v.end]
('Human Rights Watch', 'ngo_release', 'release_lead', 'Human Rights Watch said today')
>>> v = infer_voice("GENEVA (Reuters) - Police detained ten protesters on Monday.", ())
>>> v.actor is None, v.genre, v.rule
(True, 'news_report', 'news_dateline')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..gazetteer import Actor, Gazetteer, default_gazetteer
from ..resources import read_table
from ..segmentation import Segment
from .lexicon import ORG_TYPES, RUN_OPENERS, TITLES
from .mentions import resolve_actor

__all__ = ["GENRES", "VOICE_THRESHOLD", "InferredVoice", "infer_voice"]

GENRES: tuple[str, ...] = (
    "ngo_release",
    "government_statement",
    "transcript",
    "speech",
    "news_report",
    "unknown",
)
"""The genres :func:`infer_voice` tells apart."""

VOICE_THRESHOLD = 0.6
"""The confidence from which the labeller uses an inferred voice for attribution."""

# How far a document is read: its first segments (a release's lead is in its first paragraphs,
# after photo captions) and its last characters (a letter's sign-off, a list of signers).
HEAD_SEGMENTS = 12
HEAD_CHARS = 4000
TAIL_CHARS = 2500
BODY_CHARS = 8000  # read for an organisation's references to its own work


@dataclass(frozen=True)
class InferredVoice:
    """The voice of a document as read from it, with its evidence.

    Attributes
    ----------
    actor : Actor or None
        Whose voice the document is in; ``None`` when it is nobody's (news narration, a
        transcript whose speaker is not named) or when nothing says.
    start, end : int or None
        The evidence: ``text[start:end]`` is :attr:`cue` (``None`` when no rule fired).
    cue : str
        The words that decided, as written.
    rule : str
        The rule: ``release_lead``, ``self_reference``, ``joint_statement``, ``sign_off``,
        ``speaker_turn``, ``office_lead``, ``readout``, ``statement_by``, ``speech``, ``interview``,
        ``news_byline``, ``news_dateline``, ``news_marker``, ``narration`` or ``none``.
    confidence : float
        In [0, 1]; the labeller uses the voice from :data:`VOICE_THRESHOLD`.
    genre : str
        One of :data:`GENRES`.
    """

    actor: Actor | None
    start: int | None
    end: int | None
    cue: str
    rule: str
    confidence: float
    genre: str


NO_VOICE = InferredVoice(None, None, None, "", "none", 0.0, "unknown")


def _cues(kind: str) -> list[str]:
    return [r["cue"] for r in _TABLE if r["kind"] == kind]


def _alternation(kind: str) -> str:
    # Longest first, so that "joint statement" is tried before "statement"; spaces match any
    # run of white space.
    words = sorted(_cues(kind), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


_TABLE = read_table("attribution/voice_cues.csv")

# A name as organisations and people write theirs: capitalised words with the short connectors
# of names between them, and an acronym in brackets ("Committee to Protect Journalists (CPJ)"),
# on one line (a list of signers has one name a line).
_WORD = r"[A-Z][\w’'&.\-]*[\w]|[A-Z]"
NAME = (
    rf"(?:{_WORD})(?:(?:[ \t]+(?:of|for|to|the|on|de|du|des|in)){{0,2}}[ \t]+(?:{_WORD}))*"
    r"(?:[ \t]+\([A-Z][A-Za-z]{1,9}\))?"
)
# Names joined by "and" (and commas before it): the first is the one the codebook keeps. A name
# after a comma alone is not in the list: "... in Gaza, Human Rights Watch said today".
_LIST = rf"(?<![\w’'&.\-])(?P<who>{NAME})(?:(?:\s*,\s*{NAME})*,?\s+and\s+(?:the\s+)?{NAME})?"
_OTHERS = r"(?:,?\s+and\s+(?:more\s+than\s+|over\s+|some\s+)?\d+\s+other\s+\w+)?"
_DOC = _alternation("document")
RELEASE_LEAD = re.compile(
    rf"{_LIST}{_OTHERS}\s*,?\s+(?:{_alternation('lead_verb')})\s+"
    rf"(?:today|in\s+(?:a|an|its|their)\s+(?:new\s+|joint\s+)?(?:{_DOC})\b[^.]{{0,60}}?"
    r"\b(?:released|published|issued|sent|made public)\s+today)\b"
)
REPORT_BY = re.compile(
    rf"\b(?:{_DOC})\s+(?:released|published|issued)\s+today\s+by\s+(?:the\s+)?(?P<who>{NAME})"
)
# "(Geneva) –" opens a release's lead; "GENEVA (Reuters) -" or "(Newser) –" a news story's.
PAREN_DATELINE = re.compile(r"^\s*\((?P<place>[A-Z][^()\n]{1,40})\)\s*[–—-]", re.M)
LEAD_SAID = re.compile(rf"{_LIST}{_OTHERS}\s*,?\s+said\s*\.")
WIRE_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .,'’\-]{{0,40}}\((?P<wire>{_alternation('wire')})\)\s*[–—-]"
    rf"|^\s*\((?P<paren>{_alternation('wire')})\)\s*[–—-]",
    re.M | re.I,
)
# "By Jane Doe", "By Medea Benjamin and Nicolas J. S. Davies": a line of names only.
BYLINE = re.compile(
    r"^[ \t]*(?:By|BY|by)\s+(?P<who>[A-Z][\w.’'\-]*(?:\s+(?:and\s+)?[A-Z][\w.’'\-]*){1,7})[ \t]*$",
    re.M,
)
# A line of its own that opens with a marker ("Updated 18:49 HKT", "Reporting by ...").
NEWS_MARKER = re.compile(rf"^[ \t]*(?i:{_alternation('news_marker')})\b[^\n]{{0,100}}$", re.M)
SELF_AFTER = re.compile(rf"(?P<who>{NAME})(?:’s|'s)?\s+(?:{_alternation('self_after')})\b")
# The same, found fast: the phrase first (a plain word scan), then the name in the few words
# before it (a pattern that opens on a name is tried at every capital of the document).
SELF_PHRASE = re.compile(rf"(?<=\s)(?:{_alternation('self_after')})\b")
NAME_BEFORE = re.compile(rf"(?<![\w’'&.\-])(?P<who>{NAME})(?:’s|'s)?\s+$")
SELF_BEFORE = re.compile(
    rf"\b(?i:{_alternation('self_before')})\s+(?:[^,\n]{{0,80}},\s*){{0,2}}(?:the\s+)?"
    rf"(?P<who>{NAME})(?!\s+(?:of|for)\b)"
)
JOINT = re.compile(rf"\b(?i:{_alternation('joint')})\b")
SIGNATORIES = re.compile(
    rf"^\s*(?i:{_alternation('signatories')})\s*\n+\s*(?:\d+[.)]\s*)?(?P<who>{NAME})", re.M
)
SIGN_OFF = re.compile(
    rf"^\s*(?i:{_alternation('sign_off')})\s*,?\s*\n(?P<lines>(?:[^\n]*\n?){{1,8}})", re.M
)
_OFFICE = "(?i:" + _alternation("office") + ")"
_STATE = r"(?:the\s+)?(?P<state>[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*){0,3})"
_PERSON = r"(?P<person>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,2})"
SPEAKER_TURN = re.compile(
    rf"(?:^|(?<=[.!?\s]))(?P<office>{_OFFICE})\s+of\s+(?P<run>{_STATE})\s+{_PERSON}:"
)
# An office and the capitalised words after it ("President of Ukraine Volodymyr Zelenskyy"),
# split into the state and the holder's name by the gazetteer (_office_holder).
_RUN = r"(?P<run>[A-Z][\w’'\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'\-]*){0,6})"
_ACTS = (
    r"(?=\s*,?\s+(?:and\s+[A-Z][^.]{0,120}?\s+)?(?:has|have|had|is|was|held|signed|met|took|"
    r"sent|spoke|said|stated|noted|announced|addressed|chaired|visited|stressed|informed|"
    r"emphasized|discussed|made|called|congratulated|expressed|paid|received|delivered|"
    r"awarded|instructed|started|approved|gave|briefed|\w+ed\b))"
)
OFFICE_LEAD = re.compile(
    rf"(?:^|(?<=\n))[ \t]*(?:The\s+)?(?P<office>{_OFFICE})\s+(?:of\s+(?:the\s+)?)?{_RUN}" + _ACTS
)
STATED_BY = re.compile(
    rf"\b(?:stated|said|noted|announced|emphasized)\s+by\s+(?:the\s+)?(?P<office>{_OFFICE})"
    rf"\s+(?:of\s+(?:the\s+)?)?{_RUN}"
)
# A readout of a call or meeting on a head of state's site: "the two leaders", "the parties",
# with the site's own head of state named by office ("the President of Russia").
READOUT = re.compile(
    r"\b(?:the\s+(?:two\s+)?(?:leaders|presidents|parties|interlocutors)|exchanged\s+views|"
    r"exchange\s+of\s+views|during\s+the\s+(?:telephone\s+)?conversation)\b",
    re.I,
)
# The office as the subject of a clause: "..., the President of Russia briefed him".
OFFICE_OF = re.compile(
    rf"(?:^|(?<=[.!?,]\s))(?:the\s+|The\s+)?(?P<office>{_OFFICE})\s+of\s+(?:the\s+)?{_RUN}" + _ACTS,
    re.M,
)
STATEMENT_BY = re.compile(
    rf"^\s*(?i:{_alternation('statement_by')})\s+(?:the\s+)?(?P<who>{NAME})", re.M
)
JOINT_HEADS = re.compile(
    r"\bWe,\s+the\s+(?:Presidents|Heads\s+of\s+State|Leaders|Foreign\s+Ministers|Prime\s+"
    rf"Ministers)\s+of\s+{_STATE}"
)
ADDRESS = re.compile(rf"\b(?i:{_alternation('address')})\b")
# A speech that opens by calling its own people ("Ukrainians!", "Great people of great
# Ukraine!"); "Dear Slovak people!" calls a foreign audience and is not read.
VOCATIVE = re.compile(r"\A\s*(?:Great\s+|Brave\s+|Fellow\s+)?(?P<dem>[A-Z][a-z]+(?:ians|ans|ese))!")
MY_COUNTRY = re.compile(
    rf"\b(?:[Mm]y|[Oo]ur)\s+(?:country|nation|State|state)\s*,\s*(?P<s1>{NAME})"
    rf"|\bon\s+behalf\s+of\s+(?:the\s+)?(?:Government\s+and\s+(?:the\s+)?people|people|"
    rf"Government|delegation)\s+of\s+(?:the\s+)?(?P<s2>{NAME})"
    rf"|\bGlory\s+to\s+(?P<s3>{NAME})"
    rf"|\bGreetings\s+from\s+(?P<s4>{NAME})"
    rf"|\A\s*(?:Great\s+|Brave\s+|Free\s+)?people\s+of\s+(?:great\s+|our\s+)?(?P<s5>{NAME})!"
)
FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Oo]ur|[Uu]s)\b")
TURN = re.compile(r"^\s*(?:Q|A|Question|Answer)\s*:", re.M)
NARRATION = re.compile(r"\b(?:said|says|told|according\s+to|reported)\b")


def _holds(low: str, words: tuple[str, ...]) -> bool:
    """False only if ``low`` (a lower-cased text) holds none of ``words``: a pattern each of
    whose matches holds one of them need not be searched (a plain scan is many times faster)."""
    return any(w in low for w in words)


_SELF_BEFORE_WORDS = tuple(_cues("self_before"))
_OFFICE_WORDS = tuple(_cues("office"))
_ADDRESS_WORDS = tuple(_cues("address"))
_READOUT_WORDS = ("leaders", "presidents", "parties", "interlocutors", "views", "conversation")


@dataclass(frozen=True)
class _Candidate:
    actor: Actor | None
    start: int
    end: int
    rule: str
    confidence: float
    genre: str


def infer_voice(
    text: str, segments: Sequence[Segment], gazetteer: Gazetteer | None = None
) -> InferredVoice:
    """Recognise whose voice a document is in from the document itself.

    Parameters
    ----------
    text : str
        The document.
    segments : sequence of Segment
        Its segments (``stance.segment(text)``); the first :data:`HEAD_SEGMENTS` of them bound
        the part read for leads. Empty: the first :data:`HEAD_CHARS` characters are read.
    gazetteer : Gazetteer, optional
        Known actors, to name and type the voice; defaults to the shipped gazetteer.

    Returns
    -------
    InferredVoice
        The best-supported voice, or one with ``actor=None`` (a news report, or nothing found).

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> v = infer_voice("President of Russia Vladimir Putin: Good afternoon, colleagues.", ())
    >>> v.actor.name, v.actor.type, v.actor.country, v.genre
    ('Vladimir Putin', 'government', 'RUS', 'transcript')
    """
    if not isinstance(text, str):
        raise TypeError(f"infer_voice() needs the document text as str, got {type(text).__name__}")
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    head_end = min(len(text), HEAD_CHARS)
    if segments:
        last = segments[min(len(segments), HEAD_SEGMENTS) - 1]
        head_end = min(head_end, max(last.end, 0)) or head_end
    head = text[:head_end]
    tail_start = max(0, len(text) - TAIL_CHARS)
    found: list[_Candidate] = []
    for rule in _RULES:
        found.extend(rule(text, head, tail_start, gaz))
    if not found:
        return _fallback(head)
    news = [c for c in found if c.genre == "news_report"]
    if news:
        # A news story that quotes a release ("..., Amnesty International said today") is
        # still news: its own markers make the publisher's voice less likely.
        found = [
            c if c.actor is None or c.actor.type not in {"ngo", "igo"} else _weaker(c, 0.25)
            for c in found
        ]
    best = max(found, key=lambda c: (c.confidence, -c.start))
    return InferredVoice(
        best.actor,
        best.start,
        best.end,
        text[best.start : best.end],
        best.rule,
        round(best.confidence, 3),
        best.genre,
    )


def _weaker(c: _Candidate, by: float) -> _Candidate:
    return _Candidate(c.actor, c.start, c.end, c.rule, max(0.0, c.confidence - by), c.genre)


def _fallback(head: str) -> InferredVoice:
    """No rule fired: narration that reports others' words reads as news (with no actor)."""
    said = NARRATION.search(head)
    if said is not None:
        return InferredVoice(
            None, said.start(), said.end(), said.group(), "narration", 0.3, "news_report"
        )
    if head.strip() and len(FIRST_PERSON.findall(head)) < 2:
        # Third-person narration with no reporting verb yet: most likely news, no evidence span.
        return InferredVoice(None, None, None, "", "narration", 0.2, "news_report")
    return NO_VOICE


def _genre_of(actor: Actor) -> str:
    if actor.type == "government":
        return "government_statement"
    return "ngo_release" if actor.type in {"ngo", "igo"} else "unknown"


def _clean(name: str) -> str:
    """``name`` without an acronym in brackets, openers before it ("But") or titles after it
    ("Human Rights Watch Executive Director")."""
    words = re.sub(r"\s+\([A-Z][A-Za-z]{1,9}\)$", "", name).split()
    while words and words[0].casefold() in RUN_OPENERS:
        words.pop(0)
    while len(words) > 1 and words[-1].casefold() in TITLES:
        words.pop()
    return " ".join(words)


def _is_organisation_name(name: str, gaz: Gazetteer) -> bool:
    """Known to the gazetteer, or ending in an organisation word ("... Watch", "... Union")."""
    return gaz.lookup(name) is not None or name.split()[-1].casefold() in ORG_TYPES


def _organisation(name: str, gaz: Gazetteer, strict: bool = False) -> Actor | None:
    """The organisation ``name`` names, or None for a person, a news outlet or a state.
    ``strict``: only a known name or one ending in an organisation word."""
    name = _clean(name)
    if not name or (strict and not _is_organisation_name(name, gaz)):
        return None
    actor = resolve_actor(name, gaz)
    if actor.type in {"media", "public", "none"}:
        return None
    if actor.country and gaz.state(actor.country) == actor:
        return None  # "China said today": a state named in a lead is reported, not publishing
    return actor


def _release_lead(text: str, head: str, tail: int, gaz: Gazetteer) -> list[_Candidate]:
    out = []
    # Every lead and report match holds "today": most documents need no search.
    for m in RELEASE_LEAD.finditer(head) if "today" in head else ():
        actor = _organisation(m.group("who"), gaz)
        if actor is not None:
            out.append(
                _Candidate(actor, m.start("who"), m.end(), "release_lead", 0.9, _genre_of(actor))
            )
    for m in REPORT_BY.finditer(head) if "today" in head else ():
        actor = _organisation(m.group("who"), gaz)
        if actor is not None:
            out.append(
                _Candidate(actor, m.start(), m.end(), "release_lead", 0.85, _genre_of(actor))
            )
    dateline = PAREN_DATELINE.search(head)
    if dateline is not None and not WIRE_DATELINE.match(head, dateline.start()):
        # "(Nairobi) – ..., Human Rights Watch said." ends the lead paragraph of a release.
        para_end = head.find("\n", dateline.end())
        lead = LEAD_SAID.search(head, dateline.end(), para_end if para_end > 0 else len(head))
        if lead is not None:
            actor = _organisation(lead.group("who"), gaz)
            if actor is not None:
                out.append(
                    _Candidate(
                        actor, lead.start("who"), lead.end(), "release_lead", 0.85, _genre_of(actor)
                    )
                )
    return out


def _self_reference(text: str, head: str, tail: int, gaz: Gazetteer) -> list[_Candidate]:
    body = text[: max(len(head), BODY_CHARS)]  # an organisation may name itself further on
    found: list[tuple[str, int, int]] = []  # (name, start of the evidence, its end)
    for phrase in SELF_PHRASE.finditer(body):
        window = max(0, phrase.start() - 120)
        m = NAME_BEFORE.search(body, window, phrase.start())
        if m is not None:
            found.append((m.group("who"), m.start(), phrase.end()))
    if _holds(body.lower(), _SELF_BEFORE_WORDS):
        found.extend((m.group("who"), m.start(), m.end()) for m in SELF_BEFORE.finditer(body))
    hits: dict[Actor, list[tuple[int, int]]] = {}
    for name, start, end in found:
        actor = _organisation(name, gaz, strict=True)
        if actor is not None and actor.type in {"ngo", "igo"}:
            hits.setdefault(actor, []).append((start, end))
    out = []
    for actor, spans in hits.items():
        start, end = min(spans)
        confidence = min(0.85, 0.65 + 0.1 * (len(spans) - 1))
        out.append(_Candidate(actor, start, end, "self_reference", confidence, "ngo_release"))
    return out


def _joint_statement(text: str, head: str, tail: int, gaz: Gazetteer) -> list[_Candidate]:
    out = []
    heads = JOINT_HEADS.search(head)
    if heads is not None:
        state = gaz.lookup(heads.group("state"))
        if state is not None and state.type == "government":
            out.append(
                _Candidate(
                    state,
                    heads.start(),
                    heads.end(),
                    "joint_statement",
                    0.8,
                    "government_statement",
                )
            )
    joint = JOINT.search(head) if "undersigned" in head.lower() else None
    if joint is None:
        return out
    signers = SIGNATORIES.search(text, tail) or SIGNATORIES.search(text, joint.end())
    if signers is not None:
        actor = _organisation(signers.group("who"), gaz)
        if actor is not None:
            out.append(
                _Candidate(
                    actor,
                    signers.start("who"),
                    signers.end("who"),
                    "joint_statement",
                    0.8,
                    _genre_of(actor),
                )
            )
            return out
    # No list of signers: the signers as the text names them (codebook: joint statements).
    group = Actor("Undersigned organizations", "ngo", "")
    out.append(_Candidate(group, joint.start(), joint.end(), "joint_statement", 0.7, "ngo_release"))
    return out


def _sign_off(text: str, head: str, tail: int, gaz: Gazetteer) -> list[_Candidate]:
    out = []
    for m in SIGN_OFF.finditer(text, tail):
        base = m.start("lines")
        for line in re.finditer(r"[^\n]+", m.group("lines")):
            words = line.group().strip()
            if not words or not words[0].isupper():
                continue
            actor = _organisation(words, gaz)
            if (
                actor is not None
                and actor.type in {"ngo", "igo", "government"}
                and gaz.lookup(words)
            ):
                start = base + line.start() + (len(line.group()) - len(line.group().lstrip()))
                out.append(
                    _Candidate(actor, start, start + len(words), "sign_off", 0.8, _genre_of(actor))
                )
                break
    return out[:1]


def _head_of_state(text: str, head: str, tail: int, gaz: Gazetteer) -> list[_Candidate]:
    out = []
    low = head.lower()
    offices = _holds(low, _OFFICE_WORDS)
    turn = SPEAKER_TURN.search(head) if offices and ":" in head else None
    if turn is not None:
        actor = _office_holder(turn, gaz)
        if actor is not None:
            out.append(
                _Candidate(actor, turn.start(), turn.end() - 1, "speaker_turn", 0.85, "transcript")
            )
    for pattern, confidence in ((OFFICE_LEAD, 0.75), (STATED_BY, 0.7)):
        m = pattern.search(head) if offices and (pattern is OFFICE_LEAD or " by " in low) else None
        actor = _office_holder(m, gaz) if m is not None else None
        if m is not None and actor is not None:
            out.append(
                _Candidate(
                    actor,
                    m.start("office"),
                    m.end(),
                    "office_lead",
                    confidence,
                    "government_statement",
                )
            )
    readout = READOUT.search(head) if offices and _holds(low, _READOUT_WORDS) else None
    if readout is not None:
        for m in OFFICE_OF.finditer(head):
            actor = _office_holder(m, gaz)
            if actor is not None:
                out.append(
                    _Candidate(actor, m.start(), m.end(), "readout", 0.65, "government_statement")
                )
                break
    by = STATEMENT_BY.search(head)
    if by is not None:
        actor = _statement_holder(by.group("who"), gaz)
        if actor is not None:
            out.append(
                _Candidate(actor, by.start(), by.end(), "statement_by", 0.8, _genre_of(actor))
            )
    return out


def _office_holder(m: re.Match[str], gaz: Gazetteer) -> Actor | None:
    """The holder of an office: "President of Russia Vladimir Putin" is Vladimir Putin, typed
    by the office's state; "the President of Russia" the office itself; "President Vladimir
    Putin" the person only when the gazetteer knows him (no state is named)."""
    words = m.group("run").split()
    person = m.groupdict().get("person")
    for k in range(len(words), 0, -1):
        state = gaz.lookup(" ".join(words[:k]))
        if state is not None and state.country and gaz.state(state.country) == state:
            rest = " ".join(words[k:])
            name = person or rest
            if not name:
                return resolve_actor(f"{m.group('office')} of {state.name}", gaz)
            if len(name.split()) < 2:
                return None
            known = gaz.lookup(name)
            return known if known is not None else Actor(name, "government", state.country)
    known = gaz.lookup(person or " ".join(words))
    if known is not None and known.type == "government" and known.country:
        return known
    return None


def _statement_holder(name: str, gaz: Gazetteer) -> Actor | None:
    actor = resolve_actor(name, gaz)
    return None if actor.type in {"media", "none"} else actor


def _speech(text: str, head: str, tail: int, gaz: Gazetteer) -> list[_Candidate]:
    low = head.lower()
    greeting = ADDRESS.search(head) if _holds(low, _ADDRESS_WORDS) else None
    vocative = VOCATIVE.search(head)
    gate = ("my ", "our ", "glory", "greetings", "people of", "on behalf")
    own = MY_COUNTRY.search(head) if any(w in low for w in gate) else None
    # A speech greets its audience, calls its people, or speaks of "my country, X".
    if greeting is None and vocative is None and own is None:
        return []
    if len(FIRST_PERSON.findall(head)) < 2:
        return []
    state: Actor | None = None
    evidence: re.Match[str] | None = None
    if own is not None:
        name = next(g for g in own.groups() if g)
        state = gaz.lookup(name)
        evidence = own
    if (state is None or not state.country) and vocative is not None:
        state = _state_of_people(vocative.group("dem"), gaz)
        evidence = vocative
    if state is None or not state.country or gaz.state(state.country) is None:
        cue = greeting or vocative or own
        assert cue is not None
        return [_Candidate(None, cue.start(), cue.end(), "speech", 0.5, "speech")]
    assert evidence is not None
    start = evidence.start("dem") if evidence is vocative else evidence.start()
    return [_Candidate(gaz.state(state.country), start, evidence.end(), "speech", 0.7, "speech")]


def _state_of_people(plural: str, gaz: Gazetteer) -> Actor | None:
    """The state whose people ``plural`` names ("Ukrainians" -> Ukraine)."""
    for singular in (plural[:-1], plural[:-1].removesuffix("e")):
        state = gaz.demonym(singular)
        if state is not None:
            return state
    return None


def _interview(text: str, head: str, tail: int, gaz: Gazetteer) -> list[_Candidate]:
    turns = list(TURN.finditer(text, 0, min(len(text), 3 * HEAD_CHARS)))
    if not turns:
        return []
    # A journalist's question or a speaker's answer: whose, the text (a paragraph) rarely says.
    first = turns[0]
    return [_Candidate(None, first.start(), first.end(), "interview", 0.6, "transcript")]


def _news(text: str, head: str, tail: int, gaz: Gazetteer) -> list[_Candidate]:
    out = []
    wire = WIRE_DATELINE.search(head)
    if wire is not None:
        out.append(_Candidate(None, wire.start(), wire.end(), "news_dateline", 0.8, "news_report"))
    byline = BYLINE.search(head)
    if byline is not None:
        out.append(
            _Candidate(None, byline.start(), byline.end(), "news_byline", 0.75, "news_report")
        )
    marker = NEWS_MARKER.search(head) or NEWS_MARKER.search(text, tail)
    if marker is not None:
        out.append(
            _Candidate(None, marker.start(), marker.end(), "news_marker", 0.6, "news_report")
        )
    return out


_RULES = (
    _release_lead,
    _self_reference,
    _joint_statement,
    _sign_off,
    _head_of_state,
    _speech,
    _interview,
    _news,
)
