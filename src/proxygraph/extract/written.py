"""How the sentence names each party of its claims, beside the registry's names.

A claim's subject and object are registry entities ("Rapid Support Forces"), but the
sentence may have named them otherwise: "the militia", "Russian instructors", "Pyongyang".
The analyst reading a claim wants that wording, and the gold format lists a party's names
as written. This step gives each claim the sentence's names of its parties that the entity
does not already carry (never a bare pronoun: "it" names nobody on its own, "our units"
does).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from proxygraph.evaluate import normalize_name
from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.mentions import Mention
from proxygraph.model import Claim, Entity

_MAX_CHARS = 80  # a longer "name" is a phrase the mention finder ran on, not a name
_MAX_WORDS = 5
_MODIFIERS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})


def with_written(claims: list[Claim], sent: Span, mentions: list[Mention]) -> list[Claim]:
    """`claims` with `written` set from the sentence's mentions of their parties."""
    if not claims:
        return claims
    a = arrays(sent.doc)
    by_entity: dict[str, list[str]] = {}
    # "Russian military instructors": the phrase a demonym opens names that state's forces
    by_state: dict[str, list[str]] = {}
    owner_of = {i: m.entity.id for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        pronoun = m.end - m.start == 1 and a.pos[m.start] in ("PRON", "DET")
        if pronoun and a.dep[m.start] != "poss":
            continue  # "it", "they"
        text = sent.doc[m.start:m.end].text.strip()  # as written (m.text may be rebuilt)
        if text and len(text) <= _MAX_CHARS and not pronoun:  # ("its" alone names nobody)
            by_entity.setdefault(m.entity.id, []).append(text)
        phrase = _phrase(m, sent.doc, a)
        if phrase is not None and owner_of.get(a.head[m.end - 1], m.entity.id) == m.entity.id:
            # (not "Hamas chief Yahya Sinwar": that phrase names another actor)
            # "Iranian-made drones" names no actor; "Russian instructors" names Russia's
            # forces, and "Israel's military" Israel's
            owner = m.demonym or a.dep[m.end - 1] == "poss"
            (by_state if owner else by_entity).setdefault(m.entity.id, []).append(phrase)
    out = []
    for claim in claims:
        written = {role: names for role, party in (("subject", claim.subject),
                                                   ("object", claim.object))
                   if party is not None and (names := _new_names(party, by_entity, by_state))}
        out.append(replace(claim, written=written) if written else claim)
    return out


def _phrase(m: Mention, doc: Doc, a: DocArrays) -> str | None:
    """The noun phrase a mention modifies, from its first word to its head noun ("Houthi
    rebels", "Russian military instructors"), or None."""
    last = m.end - 1
    head = a.head[last]
    if a.dep[last] not in _MODIFIERS or head <= last or a.pos[head] not in ("NOUN", "PROPN"):
        return None
    if head - m.start + 1 > _MAX_WORDS:
        return None
    text = doc[m.start:head + 1].text
    return text if len(text) <= _MAX_CHARS else None


def _new_names(entity: Entity, by_entity: dict[str, list[str]],
               by_state: dict[str, list[str]]) -> tuple[str, ...]:
    # compared as the scorer compares names: case, accents, punctuation, a leading "the"
    known = {normalize_name(n) for n in (entity.name, *entity.aliases)}
    names: list[str] = []
    texts = by_entity.get(entity.id, [])
    if entity.kind == "state_organ" and entity.affiliation:
        texts = texts + by_state.get(entity.affiliation, [])
    elif entity.kind in ("state", "armed_group", "pmc"):
        # "our units", "Russia's army"; "its fighters", "Hezbollah's fighters" are the group
        texts = texts + by_state.get(entity.id, [])
    for text in texts:
        key = normalize_name(text)
        if key and key not in known:
            known.add(key)
            names.append(text)
    return tuple(names)
