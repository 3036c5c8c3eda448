"""Turn a syntactic argument (a head token) into the actors it names.

An argument phrase is walked along noun-phrase edges only (compounds, modifiers,
appositions, conjunctions and list prepositions such as "such as", "including", "of",
"from"), never into relative clauses or other prepositions, so "militias such as A, B
and C" gives A, B and C while "Hezbollah fighters in Syria" gives only Hezbollah.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from proxygraph.extract.lexicon import Lexicon, load_lexicon
from proxygraph.extract.mentions import Mention, collective, demonym_form
from proxygraph.model import Entity

_NP_EDGES = {"compound", "amod", "nmod", "appos", "conj", "poss", "nummod", "det", "cc",
             "punct", "flat", "quantmod", "npadvmod", "case", "predet", "dep"}
_LIST_PREPS = {"of", "from", "like", "including", "among", "as", "within"}
# Under an appositive these describe the head instead of listing members: in "the Quds
# Force, an elite unit of the IRGC," the IRGC is not a second subject.
_DESCRIPTIVE_PREPS = {"of", "from", "among", "within"}
_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves", "he", "his", "him",
             "she", "her", "who", "which", "that", "whom", "whose"}


@dataclass
class SentenceMentions:
    """The mentions of one sentence, indexed by token."""

    sent: Span
    mentions: list[Mention]
    by_token: dict[int, Mention] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)


def is_backing_modifier(token: Token, lex: Lexicon) -> bool:
    """'backed' in 'Iran-backed militias' or 'pro' in 'pro-Iranian groups'."""
    text = token.lower_
    if text in lex.backing_participles and token.dep_ in ("amod", "compound", "nmod", "acl"):
        return any(c.dep_ in ("npadvmod", "compound", "nmod", "amod", "poss") for c in token.children
                   ) or _hyphen_before(token)
    return text == "pro" or text.startswith("pro-")


def _hyphen_before(token: Token) -> bool:
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text in ("-", "–")


def phrase_tokens(head: Token, lex: Lexicon | None = None) -> list[Token]:
    """Tokens of the noun phrase headed by `head`, walking only noun-phrase edges."""
    lex = lex or load_lexicon()
    out: list[Token] = []
    stack = [(head, False)]
    seen: set[int] = set()
    while stack:
        tok, in_appos = stack.pop()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        out.append(tok)
        for child in tok.children:
            dep = child.dep_
            if dep in ("relcl", "acl", "advcl", "ccomp", "xcomp"):
                continue
            if is_backing_modifier(child, lex):
                continue  # the sponsor in "X-backed Y" is not part of Y
            inner = in_appos or (dep == "appos" and tok.pos_ == "PROPN")
            if dep in _NP_EDGES:
                stack.append((child, inner))
            elif dep == "prep" and _is_list_prep(child):
                if not (in_appos and child.lower_ in _DESCRIPTIVE_PREPS):
                    stack.append((child, inner))
            elif dep in ("pobj", "pcomp") and tok.pos_ == "ADP":
                stack.append((child, inner))
    out.sort(key=lambda t: t.i)
    return out


def _is_list_prep(prep: Token) -> bool:
    word = prep.lower_
    if word == "as":
        return any(c.lower_ == "such" for c in prep.children) or (
            prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")
    return word in _LIST_PREPS


def actors_in_phrase(head: Token, sm: SentenceMentions,
                     lex: Lexicon | None = None) -> list[Entity]:
    """The actors an argument phrase names, in text order, without duplicates.

    Possessors are dropped when the phrase also names something else ("Russia's Wagner
    Group" is Wagner); when nothing is named, a collective may be built from the head.
    """
    lex = lex or load_lexicon()
    tokens = phrase_tokens(head, lex)
    found: list[tuple[Mention, bool]] = []
    seen_mentions: set[int] = set()
    for tok in tokens:
        m = sm.at(tok)
        if m is None or m.is_item or id(m) in seen_mentions:
            continue
        seen_mentions.add(id(m))
        if m.demonym and not _demonym_is_actor(tok, head, lex):
            continue
        found.append((m, _is_possessor(m, sm)))
    named = [m for m, poss in found if not poss]
    chosen = named or [m for m, _ in found]
    if named and _is_client_phrase(head, lex):
        chosen = named  # "Iran's proxies A and B": the members, not the patron
    entities: list[Entity] = []
    for m in chosen:
        if all(e.id != m.entity.id for e in entities):
            entities.append(m.entity)
    if entities:
        return entities
    built = collective_for(head, sm, lex)
    return [built] if built else []


def _is_possessor(m: Mention, sm: SentenceMentions) -> bool:
    """'Russia' in "Russia's Wagner Group"; not 'Tehran' in "Moscow and Tehran's efforts"."""
    last = sm.sent.doc[m.end - 1]
    return last.dep_ == "poss"


def _demonym_is_actor(tok: Token, head: Token, lex: Lexicon) -> bool:
    """'the Russian government' and 'the Iranians' stand for the state; 'Iranian drones' not."""
    if tok.i == head.i:
        return True  # "the Iranians"
    return tok.head.i == head.i and head.lemma_.lower() in lex.state_heads


def _is_client_phrase(head: Token, lex: Lexicon) -> bool:
    if head.lemma_.lower() in lex.client_nouns:
        return True
    return any(c.lemma_.lower() in lex.client_nouns for c in head.children
               if c.dep_ in ("compound", "amod"))


def collective_for(head: Token, sm: SentenceMentions, lex: Lexicon | None = None) -> Entity | None:
    """A descriptive participant for "Syrian fighters", "Iran-backed militias", "its proxies"."""
    lex = lex or load_lexicon()
    lemma = head.lemma_.lower()
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    if lemma not in lex.group_nouns:
        # "Iran's proxy network", "its proxy forces": a client modifier makes a collective.
        client = next((c for c in head.children if c.dep_ in ("compound", "amod")
                       and c.lemma_.lower() in lex.client_nouns), None)
        if client is None:
            return None
    plural = head.text.lower() if head.tag_ in ("NNS", "NNPS") else head.text.lower() + "s"
    if lemma == "man":
        plural = "men"
    own = _descriptor_collective(head, plural, sm, lex)
    if own is not None:
        return own
    for child in head.children:
        if child.dep_ == "poss" and _is_client_phrase(head, lex):
            owner = sm.at(child)
            if owner is not None and not owner.is_item:
                name = f"{demonym_form(owner.entity)} proxies"
                return collective(name, (f"{owner.entity.name}'s {plural}",))
    for child in head.children:
        if is_backing_modifier(child, lex):
            sponsor = next((sm.at(c) for c in child.subtree if sm.at(c) is not None), None)
            if sponsor is None and child.i >= 2:
                sponsor = sm.at(child.doc[child.i - 2])
            if sponsor is not None and not sponsor.is_item:
                word = child.lower_ if child.lower_ != "pro" else "backed"
                name = f"{sponsor.entity.name}-{word} {plural}"
                return collective(name, (f"{demonym_form(sponsor.entity)} {plural}",
                                         f"{demonym_form(sponsor.entity)}-{word} {plural}"),
                                  )
    return None


def _descriptor_collective(head: Token, plural: str, sm: SentenceMentions,
                           lex: Lexicon) -> Entity | None:
    """'Syrian fighters', 'Iraqi militias', 'Shia militias': a name of their own."""
    for child in head.children:
        if child.dep_ not in ("amod", "compound", "nmod"):
            continue
        m = sm.at(child)
        if m is not None and _after_pro(child):
            continue  # "pro-Iranian groups" are named by their sponsor only
        if m is not None and not m.is_item and (m.demonym or m.entity.kind == "state"):
            name = f"{demonym_form(m.entity)} {plural}"
            return collective(name, (f"{m.text} {plural}",))
        if m is None and child.lower_ in lex.collective_modifiers:
            return collective(f"{child.text} {plural}")
    return None


def _after_pro(token: Token) -> bool:
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text in ("-", "–") and doc[token.i - 2].lower_ == "pro"


def is_pronoun(token: Token) -> bool:
    return token.lower_ in _PRONOUNS and token.pos_ in ("PRON", "DET")


def with_origin(m: Mention, sm: SentenceMentions) -> Entity:
    """'Iranian RPGs', 'Russian-made Kornets': the demonym before an item is its origin."""
    origin = stated_origin(m, sm)
    return replace(m.entity, origin=origin.id) if origin is not None else m.entity


def stated_origin(m: Mention, sm: SentenceMentions) -> Entity | None:
    """The state the text names as an item's origin, or None (registry origins not used)."""
    doc = sm.sent.doc
    i = m.start - 1
    while i >= sm.sent.start and (doc[i].text in ("-", "–") or doc[i].lower_ in (
            "made", "built", "designed", "produced", "manufactured")):
        i -= 1
    if i >= sm.sent.start:
        before = sm.at(doc[i])
        if before is not None and (before.demonym or before.entity.kind == "state"):
            return before.entity
    return None


def misparsed_verb(tok: Token, lex: Lexicon) -> bool:
    """'which Iran funds', 'Iran funds and trains X': the small model often reads a
    present-tense verb after a proper name as a plural noun with the name as compound."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.lemma_.lower() not in lex.verbs:
        return False
    if any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children):
        return False
    if tok.dep_ == "conj":
        return misparsed_verb(tok.head, lex)
    if not any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i for c in tok.children):
        return False
    if tok.dep_ == "relcl":
        return True
    return tok.dep_ == "ROOT" and any(
        c.dep_ in ("dobj", "conj") and c.pos_ in ("VERB", "PROPN") for c in tok.children)
