"""What attribution gives for a statement (:class:`Attribution`) and the actor mentions it
finds on the way (:class:`Mention`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..gazetteer import Actor


@dataclass(frozen=True)
class Attribution:
    """The actor of one statement and the evidence for it.

    Attributes
    ----------
    actor, actor_type, country : str
        Name, type (see ``stance.ACTOR_TYPES``) and ISO 3166-1 alpha-3 code ("" when none).
    cue : str
        The reporting verb or phrase that links the actor to the statement, as written ("" when
        the actor comes from the document's voice or from the sentences before).
    actor_start, actor_end : int or None
        Span of the actor mention in the document text, when the actor is named in it.
    rule : str
        Which rule decided: ``quote``, ``according_to``, ``by_agent``, ``cue``, ``pronoun``,
        ``headline``, ``voice``, ``context``, ``subject`` or ``none``; ``ranker`` when the
        learned ranker (:mod:`stance.attribution.ranker`) overturned the rules' answer.
    score : float or None
        The ranker's probability for the chosen actor (``None`` when no ranker ran for the
        statement: its rule is one the ranker leaves alone, or the ranker was switched off).
    """

    actor: str
    actor_type: str
    country: str
    cue: str = ""
    actor_start: int | None = None
    actor_end: int | None = None
    rule: str = "none"
    score: float | None = None


NO_ACTOR = Attribution("none", "none", "")


class Mention(NamedTuple):  # a tuple: several are built for every sentence, so cheap
    start: int  # offsets into the document
    end: int
    actor: Actor
    kind: str  # "person", "org", "state", "group"


def attr(m: Mention, cue: str, rule: str) -> Attribution:
    return Attribution(m.actor.name, m.actor.type, m.actor.country, cue, m.start, m.end, rule)


def attr_voice(voice: Actor, cue: str = "", rule: str = "voice") -> Attribution:
    return Attribution(voice.name, voice.type, voice.country, cue, None, None, rule)


def with_cue(a: Attribution, cue: str, rule: str) -> Attribution:
    return Attribution(a.actor, a.actor_type, a.country, cue, a.actor_start, a.actor_end, rule)
