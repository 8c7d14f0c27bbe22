"""Cues in a sentence and the actor each links to: "according to X", "X said", "... by X",
a pronoun or role noun resolved to an earlier actor."""

from __future__ import annotations

import re

from ..gazetteer import Gazetteer
from .context import Context
from .lexicon import TITLES
from .patterns import (
    ACCORDING,
    ACCORDING_GATE,
    BY_AGENT,
    CUE,
    DOC_ANAPHOR,
    GROUP_OF,
    INFINITIVE,
    INTRODUCES,
    INVERTIBLE,
    NEGATED,
    PASSIVE,
    PREPOSITION,
    PRONOUN,
    SPEECH_CUE,
    lowered,
    may_hold,
    tail,
)
from .records import Attribution, Mention, attr, attr_voice, with_cue


def _nearest_before(
    mentions: list[Mention], at: int, clause_start: int, sentence: str, base: int
) -> Mention | None:
    """The subject of a verb at ``at``: the nearest mention before it in its clause."""
    before = [
        m
        for m in mentions
        if m.end <= at
        and m.start >= clause_start
        and not re.match(r"['’]s\b", sentence[m.end - base : m.end - base + 2])
    ]
    # "43 countries at the United Nations have condemned": an object of a preposition is
    # not the subject, unless nothing else is there.
    subjects = [
        m
        for m in before
        if not PREPOSITION.search(tail(sentence, m.start - base))
        or GROUP_OF.search(tail(sentence, m.start - base))
    ]
    if subjects and subjects[-1] is not before[-1]:
        before = [m for m in before if m.start <= subjects[-1].start]
    if not before:
        return None
    best = before[-1]
    # An apposition or a list before the verb: go back to its head ("Germany, the US and
    # the UK will host" -> Germany; "Dolkun Isa, president of the WUC, said" -> Dolkun Isa).
    for m in reversed(before[:-1]):
        gap = sentence[m.end - base : best.start - base] if m.end <= best.start else None
        if gap is None:
            break
        if re.fullmatch(r"\s*\(\s*", gap) and m.actor == best.actor:
            best = m  # "International Service for Human Rights (ISHR)"
        elif (
            (
                re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*(?:the\s+)?", gap)
                or (
                    m.kind == best.kind == "person"
                    and re.fullmatch(r"\s*(?:,?\s*and)\s+(?:[A-Z][\w-]*\s+){1,2}", gap)
                )
            )
            and (m.kind == best.kind or {m.kind, best.kind} <= {"state", "org", "group"})
            and not (best.kind == "person" and gap.strip() == ",")
        ):
            best = m  # a list of like actors: the first named holds the position
        elif m.kind == "person" and best.kind != "person":
            gap_words = gap or ""
            if gap_words.lstrip().startswith(",") and len(gap_words) < 80:
                best = m
            else:
                break
        else:
            break
    if best.kind != "person":
        # "Louis Charbonneau, executive director of UN Human Rights Watch, criticized": the
        # person the apposition describes, past the organisations named inside it.
        for m in reversed(before):
            if m.kind == "person" and m.end <= best.start:
                gap = sentence[m.end - base : best.start - base]
                if gap.startswith(",") and len(gap) < 100 and gap.count(",") == 1:
                    best = m
                break
    return best


def explicit(
    text: str,
    base: int,
    mentions: list[Mention],
    ctx: Context,
) -> Attribution | None:
    """An actor the sentence names with a cue: "according to X", "X said", "... by X"."""
    last, voice, speaker_voice = ctx.last, ctx.voice, ctx.speaker_voice
    for acc in ACCORDING.finditer(text) if may_hold(lowered(text), ACCORDING_GATE) else ():
        if last is not None and DOC_ANAPHOR.match(text[acc.end() :]):
            return with_cue(last, acc.group().strip(), "according_to")
        after = [m for m in mentions if m.start - base >= acc.end() - 1]
        if after and after[0].start - base - acc.end() < 40:
            return attr(after[0], acc.group().strip(), "according_to")
        anaphor = _anaphor(text[acc.end() :], ctx)
        if anaphor is not None:
            return with_cue(anaphor, acc.group().strip(), "according_to")
    cues = [c for c in CUE.finditer(text) if not NEGATED.search(tail(text, c.start()))]
    # A finite verb names its subject; a participle ("..., asking states not to attend")
    # often hangs on a noun, so it comes last, after the passive agent.
    participles = [c for c in cues if c.group().endswith("ing")]
    cues = [c for c in cues if not c.group().endswith("ing")]
    if speaker_voice:
        # In a spokesperson's answer or a state's speech only speech verbs that introduce
        # what someone else said hand the statement to them: "the US has accused China" or
        # "what the US said is a lie" stay the speaker's position.
        cues = [
            c for c in cues if SPEECH_CUE.fullmatch(c.group()) and INTRODUCES.match(text[c.end() :])
        ]
    for c in cues:
        speaker = _speaker_for_cue(text, base, c, mentions, ctx)
        if speaker is None:
            continue
        if (
            speaker_voice
            and voice is not None
            and speaker.country == voice.country
            and (speaker.rule != "pronoun" and speaker.actor == _state_name(ctx.gaz, voice.country))
        ):
            return None  # "China firmly opposes": the spokesperson speaking for China
        return with_cue(
            speaker, c.group(), "cue" if speaker.rule in {"none", "cue"} else speaker.rule
        )
    if not speaker_voice:
        for by in BY_AGENT.finditer(text):
            after = [m for m in mentions if m.start - base >= by.end() - 1]
            if after and after[0].start - base - by.end() < 30:
                return attr(after[0], by.group().strip(), "by_agent")
        for c in participles:
            speaker = _speaker_for_cue(text, base, c, mentions, ctx)
            if speaker is not None:
                return with_cue(
                    speaker, c.group(), "cue" if speaker.rule in {"none", "cue"} else speaker.rule
                )
    return None


def _state_name(gaz: Gazetteer, country: str) -> str:
    state = gaz.state(country) if country else None
    return state.name if state is not None else ""


def _anaphor(after: str, ctx: Context) -> Attribution | None:
    """Resolve a pronoun or role noun at the start of ``after`` to an earlier actor."""
    last, people, last_mentions = ctx.last, ctx.people, ctx.last_mentions
    m = PRONOUN.match(after.lstrip())
    if not m:
        return None
    word = m.group("p").casefold()
    if word in {"he", "she"} or (
        word.split()[-1] in TITLES
        and word.split()[-1] not in {"officials", "lawmakers", "delegation", "activists"}
    ):
        # The person who spoke last keeps the floor ("Brownback met the Dalai Lama. He said
        # ..."); else the person named last.
        if last is not None and people.is_person(last.actor):
            return with_cue(last, "", "pronoun")
        if people.last_person is not None:
            return attr(people.last_person, "", "pronoun")
        return with_cue(last, "", "pronoun") if last else None
    if word in {"we", "i"}:
        return None
    # they / the group / the ministry: the last actor if it fits, else the last organisation
    # or group named that fits ("the groups" -> organisations, "the countries" -> states).
    noun = word.split()[-1]
    wanted = (
        {"ngo"}
        if noun.startswith(("group", "organi", "coalition", "watchdog"))
        else {"government"}
        if noun in {"countries", "governments", "ministry", "embassy", "government", "delegation"}
        else None
    )
    if (
        last is not None
        and (wanted is None or last.actor_type in wanted)
        and any(m.actor.name == last.actor for m in last_mentions)
    ):
        return with_cue(last, "", "pronoun")
    for mention in reversed(last_mentions):
        if mention.kind in {"org", "group", "state"} and (
            wanted is None or mention.actor.type in wanted
        ):
            return attr(mention, "", "pronoun")
    return with_cue(last, "", "pronoun") if last else None


def _speaker_for_cue(
    outside: str,
    base: int,
    cue: re.Match[str],
    mentions: list[Mention],
    ctx: Context,
) -> Attribution | None:
    """The holder linked to a cue: its subject before it, or 'said X' after it."""
    last, voice = ctx.last, ctx.voice
    at = cue.start()
    before_cue = tail(outside, at)
    if INFINITIVE.search(before_cue):
        return None  # "called on UN member states to urge": the subject is another verb's
    if PASSIVE.search(before_cue):
        return None  # "was condemned by X": the agent rule handles it
    if re.match(r"\s+by\b", outside[cue.end() :]):
        return None  # "an announcement issued by X": the agent rule handles it
    # Inverted: ', said X' / '," X said' — the mention right after a verb of saying (not
    # "told VOA", "criticized Beijing": there the mention is the object).
    after = [
        m
        for m in mentions
        if 0 <= m.start - base - cue.end() <= 3 and INVERTIBLE.fullmatch(cue.group())
    ]
    before_text = outside[:at].rstrip()
    if after and (before_text.endswith((",", '"', "”", "'", "’")) or before_text == ""):
        return attr(after[0], "", "cue")
    # Subject: nearest mention in the same clause before the verb.
    clause_start = max(outside.rfind(ch, 0, at) for ch in (";", '"', "“", "”", ":")) + 1
    subject = _nearest_before(mentions, base + at, base + clause_start, outside, base)
    if subject is None and last is not None and DOC_ANAPHOR.match(outside[clause_start:at].strip()):
        return with_cue(last, "", "context")  # "The statement called on ...": its holder
    pron = None
    for p in PRONOUN.finditer(outside, clause_start, at):
        pron = p
    if subject is not None and (pron is None or subject.end > base + pron.start()):
        nearest_end = max(
            m.end for m in mentions if m.end <= base + at and m.start >= base + clause_start
        )
        between = outside[nearest_end - base : at]
        # an aside in commas does not break the link: "X, who ..., said"
        between = re.sub(r",[^,]*,", " ", between)
        between = re.sub(r"^\s*,?\s*(?:which|who)\b", " ", between)  # "Turkey, which joined"
        # too far from its verb, or across a subordinate clause: not its subject
        if len(between) <= 100 and not re.search(
            r"\b(?:that|which|who|whom|whose|because|while|although|when|if|whether)\b",
            between,
        ):
            return attr(subject, "", "cue")
    if pron is not None and at - pron.end() < 40:
        word = pron.group("p").casefold()
        if word in {"we", "i"}:
            return attr_voice(voice, "", "voice") if voice is not None else None
        return _anaphor(outside[pron.start() :], ctx)
    return None
