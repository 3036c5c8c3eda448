"""What is given: claim types from theme nouns ("weapons", "funds", "intelligence"),
registry items in a phrase, and the origins the text states for them (guide 7, 13, 16).

Functions over a `SentenceView`, shared by the verb, nominal, flow and epithet families.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.arguments import phrase_tokens, stated_origin
from proxygraph.extract.arrays import DocArrays
from proxygraph.extract.candidates import prep_objects, with_conjuncts
from proxygraph.extract.mentions import Mention
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity
from proxygraph.registry import default_registry

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView

# A weapon model designation: "Su-30SME", "F-16", "T-72", "Mi-24", "TB2", "S-400".
_MODEL_CODE = re.compile(r"^[A-Z][A-Za-z]{0,4}-?\d{1,3}[A-Z]{0,4}s?$")


def as_money(ctype: str | None, i: int, a: DocArrays) -> str | None:
    """The claim type of support word `i` that a monetary modifier qualifies ("financial
    assistance", "cash support"): FUNDING; any other type as it is."""
    if ctype == "SUPPORT" and any(a.lemma[c] in WORDS.monetary_modifiers for c in a.children[i]):
        return "FUNDING"
    return ctype


def civilian_aid(i: int, a: DocArrays) -> bool:
    """ "humanitarian aid", "medical assistance", "food funding": help to civilians, which
    is no support of anyone (guide 16)."""
    return any(a.lower[c] in WORDS.civilian_aid_modifiers for c in a.children[i])


def money_among_kinds(i: int, a: DocArrays) -> bool:
    """ "military, financial and political support": a monetary modifier among coordinated
    ones (the first is the noun's modifier, the others its conjuncts)."""
    mods = [c for c in a.children[i] if a.dep[c] == "amod"]
    mods += [x for c in mods for x in a.children[c] if a.dep[x] == "conj"]
    money = [m for m in mods if a.lemma[m] in WORDS.monetary_modifiers]
    return bool(money) and len(money) < len(mods)


def names_forces(v: SentenceView, tok: Token) -> bool:
    """ "troops", "3,000 soldiers", "forces", "a contingent": a word for armed people."""
    return (v.arrays.lower[tok.i] in WORDS.army_words
            or v.arrays.lemma[tok.i] in v.lex.military_heads)


def theme_types(v: SentenceView, heads: list[Token], conjuncts: bool = True) -> list[str]:
    found: list[str] = []
    in_kind = False  # a support noun of people or shelter ("advisers", "safe haven")
    a = v.arrays  # (the phrase's words read by token index)
    lemma, lower, text, themes = a.lemma, a.lower, a.text, v.lex.themes
    for head in (with_conjuncts(heads) if conjuncts else heads):
        ctype = None
        tokens = phrase_tokens(head, v.lex)
        if conjuncts:
            # each conjunct is typed on its own: "advisers and drones" are support and arms,
            # not two arms because the first one's phrase holds the drones
            others = _conjunct_words(head)
            tokens = [t for t in tokens if t.i not in others]
        if lower[head.i] in WORDS.order_nouns:
            continue  # "received instructions from": orders (orders.py), not training
        named = themes.get(lemma[head.i])
        own = as_money(named, head.i, a)  # "provided financial assistance"
        if own == "FUNDING" and named == "SUPPORT" and money_among_kinds(head.i, a):
            own = "SUPPORT"  # "financial and military support": both (below)
        if civilian_aid(head.i, a):
            continue  # "humanitarian aid" is not support (guide 16)
        if head.ent_type_ == "MONEY" and not any(
                (m := v.sm.at(t)) is not None and m.is_item for t in tokens):
            own = "FUNDING"  # "$2.6 billion"; "$10 million worth of small arms" is arms
        if own in ("INTELLIGENCE", "FUNDING", "TRAINING", "TRADE"):
            ctype = own  # "drone surveillance footage" is intelligence, not a drone
        elif own == "SUPPORT" and lemma[head.i] in WORDS.fire_support_nouns:
            ctype = own  # "artillery support", "air-defence cover": fire, not materiel
        elif any((m := v.sm.at(t)) is not None and m.is_item for t in tokens) or any(
                text[t.i][:1].isupper() and _MODEL_CODE.match(text[t.i])
                for t in tokens if t.i != head.i or len(tokens) == 1):
            ctype = "ARMS_TRANSFER"  # a model code ("Su-30SME fighters") is materiel
        else:
            for i in [head.i, *[t.i for t in tokens if a.dep[t.i] == "compound"]]:
                ctype = themes.get(lemma[i]) or themes.get(lower[i])
                if ctype:
                    break
            if ctype is None:
                # "300 tons of yellowcake", "a consignment of banknotes": what the measure
                # or the load holds is what is given
                held = [o for p in a.children[head.i] if lower[p] == "of"
                        for o in a.children[p] if a.dep[o] == "pobj"]
                ctype = next((themes[lemma[o]] for o in held if lemma[o] in themes), None)
        if ctype == "SUPPORT" and lemma[head.i] in WORDS.support_in_kind_nouns:
            in_kind = True
        if ctype and ctype not in found:
            found.append(ctype)
        if ctype == "SUPPORT" and money_among_kinds(head.i, a):
            # "military, financial and political support": support and funding
            in_kind = True
            if "FUNDING" not in found:
                found.append("FUNDING")
    if "ARMS_TRANSFER" in found and commodities_only(v, heads):
        found[found.index("ARMS_TRANSFER")] = "TRADE"
    if len(found) > 1 and "SUPPORT" in found and not in_kind:
        # "weapons and other resources" is an arms transfer; "drones and military
        # advisers" is an arms transfer and support
        found.remove("SUPPORT")
    return found


def _conjunct_words(head: Token) -> set[int]:
    """The indices of the words of a head's conjuncts, which its phrase holds too."""
    return {t.i for c in head.children if c.dep_ == "conj" for t in c.subtree}


def _item_mentions(v: SentenceView, heads: list[Token], conjuncts: bool = True
                   ) -> list[Mention]:
    found = []
    for head in (with_conjuncts(heads) if conjuncts else heads):
        # (a head's phrase holds its conjuncts' words too)
        others = set() if conjuncts else _conjunct_words(head)
        for tok in phrase_tokens(head, v.lex):
            if tok.i in others:
                continue
            m = v.sm.at(tok)
            if m is not None and m.is_item and m not in found:
                found.append(m)
    return found


def origins(v: SentenceView, theme: list[Token], conjuncts: bool = True,
            made_in: bool = False) -> list[Entity]:
    """States the text names as origin of the given items: the sender when none is named.
    With `conjuncts` false, only the given heads ("Saudi funding" of "American training
    and Saudi funding"). With `made_in`, a registered weapon the text gives no origin
    comes from its maker's state ("Niger received Bayraktar drones": Turkey)."""
    out: list[Entity] = []
    items = _item_mentions(v, theme, conjuncts)
    origins = [stated_origin(m, v.sm) or (_maker(m.entity) if made_in else None)
               for m in items]
    for head in (with_conjuncts(theme) if conjuncts else theme):
        kind = v.lex.themes.get(v.arrays.lemma[head.i])
        if kind is not None and kind != "ARMS_TRANSFER":
            # "received Iranian support", "Qatari funding": the state named on the help
            # ("U.S. and Qatari funding": the parser may hang the first as "nmod", the
            # second as its conjunct)
            origins += [m.entity for c in _modifiers(head, ("amod", "compound", "poss", "nmod"))
                        if (m := v.sm.at(c)) is not None and not m.is_item
                        and (m.demonym or m.entity.kind == "state")]
        if kind == "ARMS_TRANSFER":
            # "Russian T-90 tanks": a weapon word with a demonym, no registry item
            # "UAE arms": a state's name as a noun modifier is the origin too
            named = [m.entity for c in head.children if c.dep_ in ("amod", "compound")
                     and (m := v.sm.at(c)) is not None
                     and (m.demonym or m.entity.kind == "state")]
            # "Iran's weapons reached the Houthis": the owner sent them
            named += [m.entity for c in head.children if c.dep_ == "poss"
                      and (m := v.sm.at(c)) is not None
                      and m.entity.kind in ("state", "state_organ", "pmc")]
            # "weapons from Iran"; but "Russian weapons from Tehran" passed through Tehran
            origins += named or [m.entity for c in prep_objects(head, {"from"})
                                 if (m := v.sm.at(c)) is not None and m.entity.kind == "state"]
    for origin in origins:
        if origin is not None and all(e.id != origin.id for e in out):
            out.append(origin)
    return out


def _modifiers(head: Token, deps: tuple[str, ...]) -> list[Token]:
    """The head's modifiers of those relations, each with its conjuncts."""
    return [t for c in head.children if c.dep_ in deps for t in (c, *c.conjuncts)]


def commodities_only(v: SentenceView, heads: list[Token]) -> bool:
    """Oil, gold, grain: goods that are traded, not armed with."""
    items = _item_mentions(v, heads)
    return bool(items) and all(m.entity.id in v.lex.commodities for m in items)


def is_item_phrase(v: SentenceView, heads: list[Token]) -> bool:
    for head in heads:
        m = v.sm.at(head)
        if m is not None and m.is_item:
            return True
        if v.arrays.lemma[head.i] in v.lex.themes and m is None:
            return True
    return False


def _maker(item: Entity) -> Entity | None:
    """The registry's origin state of a named major weapon (a drone, a missile, an air
    defence system): none for rifles and shells, made and copied everywhere, nor for a
    state that no longer exists ("AK-pattern rifles" are no Soviet delivery)."""
    if (item.origin is None or item.category not in WORDS.made_in_categories
            or item.origin in WORDS.defunct_states):
        return None
    state = default_registry().get(item.origin)
    return state if state is not None and state.kind == "state" else None
