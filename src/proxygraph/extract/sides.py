"""Side rules: whose side an actor is on ("on X's behalf", "fought for X"), who attacked
whom ("came under fire from X"), whom recruits serve, and which state a located target
stands for ("fired rockets at towns in northern Israel"); attacks on merchant ships are on
"commercial shipping" (guide 15). The target helpers serve the verb and noun families too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids, prep_objects, with_conjuncts
from proxygraph.extract.families import rule_family
from proxygraph.extract.mentions import collective
from proxygraph.extract.wordsets import WORDS
from proxygraph.gazetteer import town_country
from proxygraph.model import Entity
from proxygraph.registry import default_registry

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView


@rule_family("sides", roles=("verb",))
class Sides:
    """Fighting or intervening on a side is SUPPORT; coming under fire is a CLASH."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None or v.names_capability(tok):
            return
        lemma = v.verb_lemma(tok)
        if lemma in v.lex.behalf_verbs or lemma in WORDS.alongside_verbs:
            yield from _on_behalf(v, tok)
        if lemma in WORDS.under_fire_verbs:
            yield from _under_fire(v, tok)
        if lemma in WORDS.permission_verbs:
            yield from _lets_use(v, tok)


def _lets_use(v: SentenceView, verb: Token) -> Iterator[Candidate]:
    """"Pakistan lets the Taliban operate from its territory", "accused Azerbaijan of
    allowing Israel to use its airspace": letting a force use one's ground is SUPPORT."""
    acts = [x for x in kids(verb, "xcomp", "ccomp")
            if x.lemma_.lower() in WORDS.ground_use_verbs]
    if not acts:
        return
    allowed = v.actors(kids(verb, "dobj") + [s for x in acts for s in kids(x, "nsubj")])
    yield from v.pairs("SUPPORT", v.subjects(verb), allowed, verb, [], False)


def _on_behalf(v: SentenceView, verb: Token) -> Iterator[Candidate]:
    """'Russia intervened on Damascus's behalf' / 'fought on behalf of the junta'."""
    # "entered the war on Hamas's behalf": the parser may hang it on the object
    preps = [p for t in (verb, *kids(verb, "dobj")) for p in kids(t, "prep")
             if p.lower_ in ("on", "in")]
    for behalf in (o for p in preps for o in kids(p, "pobj")):
        if behalf.lemma_.lower() != "behalf":
            continue
        helped = v.actors(kids(behalf, "poss") + prep_objects(behalf, {"of"}))
        yield from v.pairs("SUPPORT", v.subjects(verb), helped, verb, [], False)
    lemma = verb.lemma_.lower()
    if lemma in WORDS.fight_verbs or lemma in WORDS.alongside_verbs:
        # "fought for the Assad government", "fighting alongside the LNA", "patrol
        # alongside FACA troops" (guide 5); "fought with the army against the TPLF"
        preps = {"for", "alongside"} if lemma in WORDS.fight_verbs else {"alongside"}
        beside = prep_objects(verb, {"alongside"})
        against = prep_objects(verb, {"against"})
        if lemma in WORDS.fight_verbs and against:
            lent = _lent(v, verb)  # ("with Iranian instructors": they support it)
            beside = beside + [h for h in prep_objects(verb, {"with"}) if h not in lent]
            preps = preps | {"with"}
        else:
            lent = []
        allies = v.actors([h for h in prep_objects(verb, preps) if h not in lent])
        yield from v.pairs("SUPPORT", v.subjects(verb), allies, verb, [], False)
        # "fought alongside the army against IS": the ally fights that enemy too
        comrades = v.actors(beside)
        enemies = v.actors(against)
        # the parser may hang "against" on the ally ("alongside Russian troops against
        # Ukrainian forces"): the verb's frame misses that enemy, so both fights are here
        hung = v.actors([o for h in beside for o in prep_objects(h, {"against"})])
        yield from v.pairs("CLASH", comrades, enemies + hung, verb, [], False)
        yield from v.pairs("CLASH", v.subjects(verb), hung, verb, [], False)


def _under_fire(v: SentenceView, verb: Token) -> Iterator[Candidate]:
    """'X came under fire (attack, shelling) from Y': Y attacked X."""
    hostile = [o for o in prep_objects(verb, {"under"})
               if o.lemma_.lower() in WORDS.under_fire_nouns]
    if not hostile:
        return
    attackers = v.actors(prep_objects(verb, {"from", "by"}))
    yield from v.pairs("CLASH", attackers, v.subjects(verb), verb, [], False)


def fight_companions(v: SentenceView, verb: Token, beside: set[str]
                     ) -> tuple[list[Entity], list[Entity]]:
    """Whom a fighter fought beside ("alongside the Syrian army", "with Hezbollah", "on
    Assad's side"), whom it supports, and who lent it people or help ("with advisers from
    the Quds Force", "with Russian air support"), who support it."""
    heads = prep_objects(verb, beside) + side_of(v, verb)
    lent = _lent(v, verb)
    return v.actors([h for h in heads if h not in lent]), v.actors(lent)


def _lent(v: SentenceView, verb: Token) -> list[Token]:
    """The people or help a fighter fought "with" that others lent it: "with advisers
    from the Quds Force", "with Russian air support"."""
    return [h for h in prep_objects(verb, {"with"})
            if h.lemma_.lower() in v.lex.state_agent_heads or h.lemma_.lower() in WORDS.help_nouns]


def side_of(v: SentenceView, verb: Token) -> list[Token]:
    """'fought on the side of the LNA' / 'on Assad's side': the ally (guide 5)."""
    sides = [o for p in kids(verb, "prep") if p.lower_ == "on"
             for o in kids(p, "pobj") if o.lemma_.lower() == "side"]
    return [h for side in sides for h in kids(side, "poss") + prep_objects(side, {"of"})]


def located_targets(v: SentenceView, heads: list[Token],
                    attackers: list[Entity] | None = None) -> list[Entity]:
    """'fired rockets at towns in northern Israel': a town, base or position in a state
    stands for the state attacked."""
    out: list[Entity] = []
    homes = {_home_state(e) for e in attackers or ()}
    for head in with_conjuncts(heads):
        town = _town_state(v, head)
        if town is not None and attackers and town.id not in homes and all(
                e.id != town.id for e in out):
            # "Iran fired missiles at Tel Aviv and Haifa": Israel; a town of the attacker's own
            # country is where its war is ("the AA could move against Sittwe")
            out.append(town)
            continue
        if head.lemma_.lower() not in WORDS.settlement_nouns:
            continue  # not "positions in Lebanon": a military site is not its host state
        for entity in v.actors(prep_objects(head, {"in"})):
            if entity.kind == "state" and all(e.id != entity.id for e in out):
                out.append(entity)
    return out


def _home_state(entity: Entity) -> str | None:
    """The state an actor belongs to or fights in: an armed group's first country."""
    if entity.kind == "state":
        return entity.id
    if entity.kind in ("state_organ", "person") and entity.affiliation:
        return entity.affiliation
    return entity.countries[0] if entity.countries else None


def _town_state(v: SentenceView, head: Token) -> Entity | None:
    """The state of a town named as a target ("Tel Aviv"), when the name is no actor."""
    if head.pos_ != "PROPN" or v.sm.at(head) is not None:
        return None
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ in ("compound", "flat")]
    name = head.doc[min([head.i, *(t.i for t in words)]):head.i + 1].text
    country = town_country(name)
    if country is None:
        return None
    state = default_registry().lookup_actor(country)
    return state if state is not None and state.kind == "state" else None


def shipping_targets(v: SentenceView, heads: list[Token]) -> list[Entity]:
    """'fired missiles at a Liberian-flagged container ship': commercial shipping, unless
    the ship is a warship or belongs to someone named."""
    for head in with_conjuncts(heads):
        if head.lemma_.lower() not in WORDS.merchant_ship_nouns or v.actors([head]):
            continue
        words = {t.lower_ for t in head.subtree if t.i < head.i}
        if words & WORDS.naval_modifiers:
            continue
        phrase = head.doc[head.left_edge.i:head.i + 1].text
        return [collective("commercial shipping", (phrase,))]
    return []
