"""The document pass: every sentence of a document attributed in order, with the state carried
from sentence to sentence (the last actor, the open quotes, the persons named so far)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from ..gazetteer import Actor, Gazetteer, default_gazetteer
from ..segmentation import Segment
from .context import Context
from .cues import explicit
from .mentions import Gates, Memory, kind_of, resolve_surnames, sentence_mentions
from .patterns import DOC_ANAPHOR, HEADLINE, TURN
from .quotes import Spans, clip_quotes, fill_quote_runs, overlapping, quote_state
from .ranker import Ranker, candidates, default_ranker, rerank
from .records import NO_ACTOR, Attribution, Mention, attr, attr_voice, with_cue
from .retype import Retyper, default_retyper
from .voice import InferredVoice


def attribute(
    text: str,
    segments: Sequence[Segment],
    *,
    voice: Actor | None = None,
    gazetteer: Gazetteer | None = None,
    ranker: Ranker | Literal["default"] | None = "default",
    retyper: Retyper | Literal["default"] | None = "default",
    inferred: InferredVoice | None = None,
) -> list[Attribution]:
    """Attribute every segment of a document to the actor who holds its position.

    Parameters
    ----------
    text : str
        The document, as given to :func:`stance.segment`.
    segments : sequence of Segment
        Its segments, in order (``stance.segment(text)``).
    voice : Actor, optional
        The document's own voice: the publisher of an advocacy release, the spokesperson
        answering at a press conference, the state giving a speech. Statements with no cue of
        their own are attributed to it. Leave ``None`` for news reports (their narration has
        no actor) and for a journalist's question. In transcripts, a paragraph that opens with
        ``Q:`` switches the voice off and ``A:`` switches it back on.
    gazetteer : Gazetteer, optional
        Known actors; defaults to the shipped gazetteer (``stance.gazetteer.default_gazetteer``).
    ranker : Ranker, "default" or None
        A learned choice between candidate actors (:mod:`stance.attribution.ranker`), which
        has the last word over the rules' answers; ``"default"`` is the shipped one, ``None``
        leaves the rules alone.
    retyper : Retyper, "default" or None
        With a ranker: a learned second look at the type and country of actors the gazetteer
        does not know (:mod:`stance.attribution.retype`).
    inferred : InferredVoice, optional
        With a ranker and no ``voice``: the voice read from the document
        (:func:`stance.attribution.voice.infer_voice`), whatever its confidence; the ranker
        weighs it as one more candidate.

    Returns
    -------
    list of Attribution
        One per segment, in order. The actor is the holder the text points at, whatever the
        stance turns out to be; the labeller sets ``none`` for statements it finds neutral.

    Examples
    --------
    >>> from stance.segmentation import segment
    >>> text = "Chinese Foreign Ministry spokesperson Wang Wenbin said the report is a lie."
    >>> a = attribute(text, segment(text))[0]
    >>> a.actor, a.actor_type, a.country, a.cue, text[a.actor_start:a.actor_end]
    ('Wang Wenbin', 'government', 'CHN', 'said', 'Wang Wenbin')
    """
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    # The quoted passages, found once for the rules and the ranker's candidates.
    quotes = Spans(clip_quotes(quote_state(text), segments, text))
    results, per_segment = rules_and_mentions(
        text, segments, voice=voice, gazetteer=gaz, quotes=quotes
    )
    if voice is not None:
        results = _voice_evidence(results, per_segment, voice)
    if ranker == "default":
        ranker = default_ranker()
    if retyper == "default":
        retyper = default_retyper()
    if ranker is None:
        return results
    cands = candidates(
        text,
        segments,
        results,
        voice=voice,
        gazetteer=gaz,
        mentions=per_segment,
        inferred=inferred,
        quotes=quotes,
    )
    countries = [m.actor.country for ms in per_segment for m in ms]
    return rerank(
        results,
        cands,
        ranker,
        text=text,
        gazetteer=gaz,
        retyper=retyper,
        countries=countries,
    )


def _voice_evidence(
    results: list[Attribution], mentions: list[list[Mention]], voice: Actor
) -> list[Attribution]:
    """Statements in the document's voice point at where the document names it first ("...,
    Human Rights Watch said today"), the evidence a reader would check."""
    first = next((m for ms in mentions for m in ms if m.actor.name == voice.name), None)
    if first is None:
        return results
    return [
        replace(a, actor_start=first.start, actor_end=first.end)
        if a.actor == voice.name and a.actor_start is None
        else a
        for a in results
    ]


def rules_and_mentions(
    text: str,
    segments: Sequence[Segment],
    *,
    voice: Actor | None,
    gazetteer: Gazetteer,
    quotes: Spans | None = None,
) -> tuple[list[Attribution], list[list[Mention]]]:
    """The rules' attribution of every segment, and the actor mentions of each segment
    (``quotes``: the document's quoted passages, when the caller has them already)."""
    gaz = gazetteer
    if quotes is None:
        quotes = Spans(clip_quotes(quote_state(text), segments, text))
    gates = Gates.of(text)
    ctx = Context(gaz, Memory(), quotes, voice=voice)
    results: list[Attribution] = []
    # A person or a state as voice is a speaker (a spokesperson's answers, a state's speech):
    # every sentence is theirs unless they quote someone. An organisation is a publisher:
    # its release reports others' positions as news does, and keeps the rest for itself.
    speaker_voice = voice is not None and kind_of(voice, gaz) in {"person", "state"}
    prev_end = 0
    per_segment: list[list[Mention]] = []
    for seg in segments:
        paragraph_break = "\n" in text[prev_end : seg.start] or seg.index == 0
        prev_end = seg.end
        turn = TURN.match(seg.text)
        if turn:
            ctx.voice = None if turn.group("who").casefold().startswith(("q", "f")) else voice
        ctx.speaker_voice = speaker_voice and ctx.voice is not None
        sentence = text[seg.start : seg.end]
        mentions = sentence_mentions(sentence, seg.start, gaz, gates)
        mentions = resolve_surnames(sentence, seg.start, mentions, ctx.people)
        per_segment.append(mentions)
        ctx.people.add(mentions)
        result = _attribute_sentence(sentence, seg, mentions, ctx, paragraph_break)
        results.append(result)
        ctx.previous = result
        if result.actor != "none":
            ctx.last = result
        ctx.last_mentions = mentions or ctx.last_mentions
    fill_quote_runs(results, segments, quotes, ctx.quote_speaker)
    return results, per_segment


def _attribute_sentence(
    sentence: str, seg: Segment, mentions: list[Mention], ctx: Context, new_paragraph: bool
) -> Attribution:
    """The attribution of one sentence: a cue in it, else its quote's speaker, a headline's
    lead, the document's voice or the actor of the sentences before."""
    voice, speaker_voice, last = ctx.voice, ctx.speaker_voice, ctx.last
    quote_speaker = ctx.quote_speaker
    base = seg.start
    turn = TURN.match(sentence)  # the "Q:" of a turn is not part of what is said
    body = sentence if turn is None else " " * turn.end() + sentence[turn.end() :]
    in_quote = overlapping(ctx.quotes, base, base + len(sentence))
    outside = body
    for qs, qe in in_quote:
        s, e = max(qs - base, 0), min(qe - base, len(body))
        outside = outside[:s] + " " * (e - s) + outside[e:]
    outside_mentions = [m for m in mentions if outside[m.start - base : m.end - base].strip()]

    found = explicit(outside, base, outside_mentions, ctx)
    if found is not None:
        if in_quote and found.rule in {"quote", "cue"}:
            for q in in_quote:
                quote_speaker.setdefault(q, with_cue(found, found.cue, "quote"))
            return with_cue(found, found.cue, "quote") if found.rule == "cue" else found
        return found

    # A headline "X: ..." (not a transcript turn marker).
    head = HEADLINE.match(sentence)
    is_headline = seg.kind == "heading" or seg.index == 0
    if head and is_headline and not speaker_voice and not TURN.match(sentence):
        lead = [m for m in mentions if m.start - base < head.end(1)]
        if lead:
            return attr(lead[0], ":", "headline")

    # Inside a quote: its speaker, if known from this or an earlier sentence; a quote that
    # opens this sentence right after a quoted sentence goes on with the same speaker.
    for q in in_quote:
        if q in quote_speaker:
            return quote_speaker[q]
    if in_quote and not speaker_voice:
        # Cues inside a quote with no speaker yet: a text that quotes a whole reported
        # passage ("“In a statement, HRW's director Kenneth Roth said that ...").
        found = explicit(body, base, mentions, ctx)
        if found is not None:
            for q in in_quote:
                quote_speaker.setdefault(q, with_cue(found, found.cue, "quote"))
            return with_cue(found, found.cue, "quote")
    opens_quote = bool(in_quote) and in_quote[0][0] <= base + (len(body) - len(body.lstrip()))
    if opens_quote and ctx.previous is not None and ctx.previous.rule == "quote":
        return ctx.previous

    # A statement about a document just named takes that document's holder.
    if DOC_ANAPHOR.match(body.strip()) and last is not None:
        return with_cue(last, "", "context")

    # The document's own voice; else the actor of the sentences just before.
    if voice is not None:
        return attr_voice(voice)
    if last is not None and not new_paragraph:
        return with_cue(last, "", "context")
    subject = [m for m in outside_mentions if m.start - base < 40]
    if subject:
        return attr(subject[0], "", "subject")
    if last is not None:
        return with_cue(last, "", "context")
    return NO_ACTOR
