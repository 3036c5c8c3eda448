"""Attributes of a candidate claim: items (with origin), intermediaries, routes, places,
time and quantity, each looked for within the trigger's clause."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from proxygraph.extract.arguments import SentenceMentions, actors_in_phrase, with_origin
from proxygraph.extract.arrays import arrays
from proxygraph.extract.candidates import Candidate, is_return_noun
from proxygraph.extract.nlp import doc_text, span_text
from proxygraph.extract.quantity import find_quantities
from proxygraph.extract.timex import TimeMention, best_time
from proxygraph.model import Entity, Quantity, TimeSpan

_ROUTE = re.compile(
    r"\b(by (?:sea|air|land|road|rail|truck|ship|boat|plane|aircraft)|over[- ]?land|overland"
    r"|by the (?:sea|air) route|across the [A-Z][\w-]*(?: [A-Z][\w-]*)*"
    r"|(?:through|via) the [A-Z][\w-]*(?: [A-Z][\w-]*)*)",
)
_INTERMEDIARY_KINDS = {"pmc", "armed_group", "organization", "person", "state_organ",
                       "collective"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def clause_tokens(cand: Candidate) -> list[Token]:
    """The trigger's clause: its subtree, or for epithets nothing beyond the phrase."""
    trigger = cand.trigger
    if cand.label:
        return [trigger]
    # kept per trigger: a sentence's claims often share it ("X and Y armed Z")
    kept = arrays(trigger.doc).kept
    key = ("clause_tokens", trigger.i)
    found = kept.get(key)
    if not isinstance(found, list):
        found = kept[key] = list(trigger.subtree)
    return list(found)  # (a copy: the callers may extend it)


def items_for(cand: Candidate, tokens: list[Token], sm: SentenceMentions) -> tuple[Entity, ...]:
    seen: dict[str, Entity] = {}
    for tok in tokens:
        m = sm.at(tok)
        if m is None or not m.is_item or m.entity.id in seen or m.covers(cand.trigger.i):
            continue
        returned = _given_in_return(tok)
        if returned is not None and returned.i != cand.trigger.i:
            continue  # "shipped shells to Russia in exchange for oil": the oil comes back
        seen[m.entity.id] = with_origin(m, sm)
    return tuple(seen.values())


def _given_in_return(tok: Token) -> Token | None:
    """The "exchange" of "in exchange for" (or "return") above a token, or None."""
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        if is_return_noun(tok):
            return tok
        tok = tok.head
    return None


def via_and_route(tokens: list[Token], sm: SentenceMentions) -> tuple[tuple[Entity, ...],
                                                                       tuple[str, ...]]:
    via: list[Entity] = []
    route: list[str] = []
    taken: list[tuple[int, int]] = []  # char spans of "via <intermediary>" phrases
    a = arrays(sm.sent.doc)  # (the clause's words read by index, not as Token attributes)
    for tok in tokens:
        if a.lower[tok.i] not in ("via", "through") or a.dep[tok.i] != "prep":
            continue
        for pobj in (c for c in tok.children if c.dep_ == "pobj"):
            actors = actors_in_phrase(pobj, sm)
            middlemen = [a for a in actors if a.kind in _INTERMEDIARY_KINDS]
            if middlemen:
                via.extend(a for a in middlemen if all(v.id != a.id for v in via))
                last = max(pobj.subtree, key=lambda t: t.i)
                taken.append((tok.idx, last.idx + len(last.text)))
            else:
                route.append(f"{tok.text} {_span_text(pobj)}")
    if tokens:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = doc_text(tokens[0].doc)[start:end]
        for match in _ROUTE.finditer(text):
            phrase = match.group(0)
            lo, hi = start + match.start(), start + match.end()
            if any(a <= lo and hi <= b for a, b in taken):
                continue  # "via the Wagner Group" is an intermediary, not a route
            if not any(phrase in r or r in phrase for r in route):
                route.append(phrase)
    return tuple(via), tuple(route)


def _span_text(head: Token) -> str:
    tokens = [t for t in head.subtree if t.dep_ not in ("relcl", "acl")]
    return head.doc[tokens[0].i:tokens[-1].i + 1].text if tokens else head.text


def places_for(tokens: list[Token], sm: SentenceMentions,
               parties: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Places in the clause; a state that is a party ("drones from Iran") is not a place."""
    named = [ent for ent in sm.ents if ent.label_ in _PLACE_LABELS]
    if not named:
        return ()  # (most sentences name no place: the clause is not read)
    wanted = {t.i for t in tokens}
    places: list[str] = []
    for ent in named:
        if ent.start not in wanted:
            continue
        prep = ent.root.head
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "near", "inside", "around",
                                                        "from", "on", "across", "off"):
            continue
        m = sm.at(ent.root)
        if m is not None and (m.entity.kind != "state" or m.entity.id in parties):
            continue
        if ent.text not in places:
            places.append(ent.text)
    return tuple(places)


def time_for(cand: Candidate, sent: Span, times: list[TimeMention]) -> TimeSpan | None:
    if cand.label or not times:
        return None
    offset = cand.trigger.idx - sent.start_char
    return best_time(times, offset)


def quantity_for(tokens: list[Token], sent: Span) -> Quantity | None:
    if not tokens:
        return None
    lo = tokens[0].idx - sent.start_char
    hi = tokens[-1].idx + len(tokens[-1].text) - sent.start_char
    for start, end, quantity in _sentence_quantities(span_text(sent)):
        if lo <= start and end <= hi:
            return quantity
    return None


@lru_cache(maxsize=4)
def _sentence_quantities(text: str) -> tuple[tuple[int, int, Quantity], ...]:
    """The quantities of a sentence, found once for all the claims it makes (they come one
    after another: a few entries suffice)."""
    return tuple(find_quantities(text))
