"""Turn a syntactic argument (a head token) into the actors it names.

An argument phrase is walked along noun-phrase edges only (compounds, modifiers,
appositions, conjunctions and list prepositions such as "such as", "including", "of",
"from"), never into relative clauses or other prepositions, so "militias such as A, B
and C" gives A, B and C while "Hezbollah fighters in Syria" gives only Hezbollah.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from proxygraph.extract.arrays import DocArrays, arrays, lazy
from proxygraph.extract.candidates import first_conjunct, prep_objects, with_conjuncts
from proxygraph.extract.collectives import (
    collective_for,
    conjoined_collectives,
    is_client_phrase,
)
from proxygraph.extract.lexicon import Lexicon, load_lexicon
from proxygraph.extract.mentions import Mention
from proxygraph.extract.modifiers import (
    backing_modifier_at,
    hyphen_before,
    hyphen_participle,
    sponsor_ends_at,
)
from proxygraph.extract.wordsets import WORDS
from proxygraph.ids import stable_id
from proxygraph.model import Entity
from proxygraph.registry import normalize

_NP_EDGES = {"compound", "amod", "nmod", "appos", "conj", "poss", "nummod", "det", "cc",
             "punct", "flat", "quantmod", "npadvmod", "case", "predet", "dep"}
_RELATIVE_PRONOUNS = {"which", "that", "who", "whom"}
# the only relations a backing modifier or a hyphenated participle can have ("pro-X" aside:
# `modifiers.py`), tested before either is asked
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "acl", "npadvmod"})
_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves", "he", "his", "him",
             "she", "her", "who", "which", "that", "whom", "whose"}


@dataclass
class SentenceMentions:
    """The mentions of one sentence, indexed by token."""

    sent: Span
    mentions: list[Mention]
    by_token: dict[int, Mention] = field(default_factory=dict)
    # "the two sides", "both countries": head token -> the pair named before (plural_references.py)
    pairs: dict[int, tuple[Entity, ...]] = field(default_factory=dict)
    # a list item's subject given by the line that opens the list ("Since 2022 the UK has:
    # - provided 14 tanks ..."): the doer of an item whose verb has no subject
    lead_in: Entity | None = None

    def __post_init__(self) -> None:
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    @lazy
    def tokens(self) -> list[Token]:
        """The sentence's tokens, from the Doc's list built once (spaCy makes a new Token
        object per access)."""
        return arrays(self.sent.doc).tokens[self.sent.start:self.sent.end]

    @lazy
    def ents(self) -> list[Span]:
        """The sentence's named entities, from the Doc's list built once per chunk
        (`Span.ents` walks every entity of the Doc on each call)."""
        start, end = self.sent.start, self.sent.end
        return [e for e in arrays(self.sent.doc).ents if start <= e.start and e.end <= end]






def phrase_tokens(head: Token, lex: Lexicon | None = None) -> list[Token]:
    """Tokens of the noun phrase headed by `head`, walking only noun-phrase edges."""
    lex = lex or load_lexicon()
    a = arrays(head.doc)  # read by index: no Token objects for the words walked past
    deps, pos, tokens = a.dep, a.pos, a.tokens
    out: list[int] = []
    stack = [(head.i, False)]
    seen: set[int] = set()
    while stack:
        i, in_appos = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        out.append(i)
        for c in a.children[i]:
            dep = deps[c]
            if dep in ("relcl", "acl", "advcl", "ccomp", "xcomp"):
                continue
            if (dep in _MODIFIER_DEPS or a.lower[c].startswith("pro")) and (
                    backing_modifier_at(c, a, lex) or hyphen_participle(c, a)):
                continue  # the sponsor in "X-backed Y", the UN in "UN-recognised government"
            if hyphen_before(c, a) and a.lower[c - 2] == "anti":
                continue  # the foe in "the anti-Taliban Northern Alliance"
            inner = in_appos or (dep == "appos" and pos[i] == "PROPN")
            if dep in _NP_EDGES:
                stack.append((c, inner))
            elif dep == "prep" and _is_list_prep(c, a):
                if a.lower[c] == "of" and any(a.lower[m] in WORDS.former_words
                                              for m in a.children[i] if deps[m] == "amod"):
                    continue  # "former members of the RSF" have left it
                if not (in_appos and a.lower[c] in WORDS.descriptive_preps):
                    stack.append((c, inner))
            elif dep in ("pobj", "pcomp") and (pos[i] == "ADP" or (
                    # "including" tagged as a verb: its names, not "including the seizure of"
                    a.lower[i] in WORDS.list_preps and (pos[c] == "PROPN" or a.tag[c] == "NNS"))):
                stack.append((c, inner))
    out.sort()
    return [head if i == head.i else tokens[i] for i in out]


def place_holder(head: Token, sm: SentenceMentions) -> Entity | None:
    """Who holds a place named by its holder: "Houthi-controlled areas", "RSF-held
    territory", "areas controlled by the M23"."""
    if head.lemma_.lower() not in WORDS.controlled_place_nouns:
        return None
    a = arrays(head.doc)
    for c in a.children[head.i]:
        if a.lower[c] not in WORDS.control_participles or a.tag[c] != "VBN":
            continue
        if c < head.i and hyphen_before(c, a):
            m = sm.by_token.get(c - 2)
            if m is not None and not m.is_item and m.end == c - 1:
                return m.entity
        for prep in a.children[c]:
            if a.lower[prep] == "by":
                for obj in a.children[prep]:
                    m = sm.by_token.get(obj)
                    if m is not None and not m.is_item and a.dep[obj] == "pobj":
                        return m.entity
    return None


def _epithet_sponsor(m: Mention, phrase: list[Token]) -> bool:
    """'Islamic State' in "Islamic State-linked insurgents": the parser may hang the
    name's first word on the noun and the rest on the participle the phrase leaves out; the
    name is still the epithet's sponsor, not the phrase's party."""
    return (sponsor_ends_at(m.end, arrays(phrase[0].doc))
            and all(t.i != m.end + 1 for t in phrase))


def _is_list_prep(prep: int, a: DocArrays) -> bool:
    word = a.lower[prep]
    if word == "as":
        return any(a.lower[c] == "such" for c in a.children[prep]) or (
            prep > 0 and a.lower[prep - 1] == "such")
    return word in WORDS.list_preps


def actors_in_phrase(head: Token, sm: SentenceMentions,
                     lex: Lexicon | None = None) -> list[Entity]:
    """The actors an argument phrase names, in text order, without duplicates.

    Possessors are dropped when the phrase also names something else ("Russia's Wagner
    Group" is Wagner); when nothing is named, a collective may be built from the head.
    """
    lex = lex or load_lexicon()
    holder = place_holder(head, sm)
    if holder is not None:
        return [holder]  # "Houthi-controlled areas of Yemen": the Houthis
    launcher = _launcher(head, sm)
    if launcher is not None:
        return [launcher]  # "shot down drones launched by the RSF": the RSF
    tokens = phrase_tokens(head, lex)
    found: list[tuple[Mention, bool]] = []
    seen_mentions: set[int] = set()
    for tok in tokens:
        m = sm.at(tok)
        if m is None or m.is_item or id(m) in seen_mentions:
            continue
        seen_mentions.add(id(m))
        if _epithet_sponsor(m, tokens):
            continue
        if m.entity.kind == "state" and _origin_of_people(tok, head):
            continue  # "volunteers from Chad": where the recruits come from
        if m.demonym and not _demonym_is_actor(tok.doc[m.end - 1], head, lex):
            # the last word of "North Korean" modifies the noun; in "American and British
            # warplanes" the first conjunct does
            modified = first_conjunct(tok.doc[m.end - 1])
            # "Russian officers", "(under the command of) Russian officers", "Israeli jets"
            noun = modified.head
            if noun.dep_ == "compound" and noun.head.i > noun.i and (
                    noun.head.lemma_.lower() in lex.military_heads
                    or noun.head.lemma_.lower() in lex.state_agent_heads):
                noun = noun.head  # "Belarusian drone operators", "Iranian missile experts"
            lemma = noun.lemma_.lower()
            # "Rwandan and Mozambican forces": the army word names each state's forces
            army = noun.lower_ in WORDS.army_words
            if modified.dep_ not in ("amod", "compound", "nmod") or not (
                    army or lemma in lex.military_heads or lemma in lex.equipment_heads
                    or lemma in lex.state_agent_heads
                    or _operated_weapon(noun, lex, sm)):
                continue
            if _named_body_of(noun, sm):
                continue  # "Russian instructors from the Africa Corps": the Africa Corps'
            # "Russian officers"; "Ukrainian positions", "Nigerian army bases": a military
            # site is its forces' (train gold: 118 of 142 such parties are the forces); but
            # "Russian instructors", "Iranian engineers" are the state's (train gold: 383
            # of 478)
            if lemma not in lex.state_agent_heads and (
                    army or lemma in lex.military_heads or lemma in WORDS.military_site_nouns):
                m = Mention(m.start, m.end, military_of(m.entity), m.text)
        # "Somalia's government" is Somalia, not a possessor beside the phrase's other names
        own_state = m.entity.kind == "state" and (
            tok.doc[m.end - 1].head.lemma_.lower() in lex.state_heads)
        found.append((m, _is_possessor(m, sm) and not own_state))
    found = [(m, poss) for m, poss in found if not _title_of_person(m, found, sm, lex)
             and not _leader_of_group(m, head, sm)]
    named = [m for m, poss in found if not poss]
    # "Maduro's government" too: the leader as the possessor
    leaders = named or [m for m, poss in found if poss]
    if head.lemma_.lower() in lex.state_heads and leaders and all(
            m.entity.kind == "person" and _leads_it(head.doc[m.end - 1], head)
            for m in leaders):
        # "the Sudani government", "the government of Gustavo Petro": the leader's state
        # (guide 8)
        states = [_leader_state(m) for m in leaders]
        if all(states):
            named = states  # type: ignore[assignment]
    elif head.lower_ in WORDS.army_words and leaders and all(
            m.entity.kind == "person" and poss for m, poss in found):
        # "Putin's army", "Assad's forces": the army of the state the leader leads
        armies = [_leader_state(m) for m in leaders]
        if all(armies):
            named = [Mention(s.start, s.end, military_of(s.entity), s.text)
                     for s in armies if s is not None]
    if not found:
        seat = _state_by_its_seat(head, sm, lex)
        if seat is not None:
            return [seat]
        loyal = _loyal_forces(head, sm, lex)
        if loyal:
            return loyal
    if not named:
        person = _unregistered_person(head, tokens, sm)
        if person is not None:
            return [person]  # "Iran's acting foreign minister, Ali Bagheri Kani"
    chosen = named or [m for m, _ in found]
    if is_client_phrase(head, lex):
        # "Iran's proxies A and B" are the members; bare "Iran's proxies" are a collective,
        # never the patron itself.
        chosen = named
    entities: list[Entity] = []
    for m in chosen:
        if all(e.id != m.entity.id for e in entities):
            entities.append(m.entity)
    if entities:
        # "Moscow, Tehran and Iran's proxy network": an unnamed conjunct is a party too.
        a = arrays(head.doc)
        for tok in tokens:
            if a.dep[tok.i] == "conj" and a.pos[tok.i] == "NOUN" and sm.at(tok) is None and (
                    not _part_of_named(tok, sm)):
                extra = collective_for(tok, sm, lex)
                if extra is not None and all(e.id != extra.id for e in entities):
                    entities.append(extra)
        return entities
    built = collective_for(head, sm, lex)
    if built is None:
        return []
    # "Iraqi and Yemeni cadres" are two groups, each its own party (guide 4)
    return [built, *(e for e in conjoined_collectives(head, sm, lex) if e.id != built.id)]


def _part_of_named(noun: Token, sm: SentenceMentions) -> bool:
    """"factions of the Syrian National Army": a part of a named body is that body, which
    the phrase already names; not a group of its own."""
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        o.dep_ == "pobj" and (m := sm.at(o)) is not None and not m.is_item
        for o in p.children) for p in noun.children)


def _leads_it(person: Token, head: Token) -> bool:
    """The person's name modifies the state word ("the Netanyahu cabinet") or is its "of"
    ("the government of Gustavo Petro", "the regime of Bashar al-Assad")."""
    if person.head.i == head.i:
        return True
    of = person.head
    return (person.dep_ == "pobj" and of.lower_ == "of" and of.head.i == head.i
            and head.lemma_.lower() in WORDS.governing_heads)


def _loyal_forces(head: Token, sm: SentenceMentions, lex: Lexicon) -> list[Entity]:
    """ "forces loyal to Salva Kiir", "fighters loyal to Haftar", "militiamen loyal to the
    Houthis": armed men named by whom they are loyal to are that one's forces: a leader's
    army (the state's) or group (`affiliation`), a state's military, a group itself."""
    if head.lower_ not in WORDS.army_words and head.lemma_.lower() not in lex.military_heads and (
            head.lemma_.lower() not in lex.group_nouns):
        return []
    from proxygraph.extract.mentions import default_index

    registry = default_index().registry
    out: list[Entity] = []
    for adjective in head.children:
        if adjective.dep_ != "amod" or adjective.lemma_.lower() not in WORDS.loyalty_adjectives:
            continue
        for obj in with_conjuncts(prep_objects(adjective, {"to"})):
            m = sm.at(obj)
            if m is None or m.is_item:
                continue
            entity = registry.affiliate(m.entity) if m.entity.kind == "person" else m.entity
            if entity is not None and entity.kind == "state":
                entity = military_of(entity)
            if entity is not None and entity.kind != "person":
                out.append(entity)
    return out


def _leader_state(m: Mention) -> Mention | None:
    """The state a person leads or serves, as a mention at the person's words."""
    from proxygraph.extract.mentions import default_index

    state = default_index().registry.affiliate(m.entity)
    if state is None or state.kind != "state":
        return None
    return Mention(m.start, m.end, state, m.text)


def _origin_of_people(tok: Token, head: Token) -> bool:
    """`tok` sits in a "from" phrase of an indefinite group of people ("fighters from
    Chad") or of their recruitment ("the recruitment of mercenaries from Colombia")."""
    while tok.head.i != tok.i and tok.i != head.i:
        if tok.dep_ == "pobj" and tok.head.lower_ == "from" and _people_or_recruiting(
                tok.head.head):
            return True
        tok = tok.head
    return False


def _people_or_recruiting(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in WORDS.indefinite_group_nouns:
        return not any(c.dep_ in ("det", "poss") for c in noun.children)
    return noun.pos_ == "NOUN" and load_lexicon().nouns.get(lemma) == "RECRUITMENT"


def _leader_of_group(m: Mention, head: Token, sm: SentenceMentions) -> bool:
    """"the Tiger Forces of Suheil al-Hassan": a person after "of" names the group's leader,
    not a second participant."""
    group = sm.at(head)
    if m.entity.kind != "person" or group is None or group.entity.kind not in (
            "armed_group", "state_organ", "pmc"):
        return False
    tok = head.doc[m.end - 1]
    while tok.dep_ in ("appos", "compound", "flat") and tok.head.i not in (tok.i, head.i):
        tok = tok.head
    if tok.dep_ == "appos" and tok.head.i == head.i:
        # the parser hangs the name's last word on the group as an apposition
        return m.start > 0 and head.doc[m.start - 1].lower_ == "of"
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i == head.i


def _unregistered_person(head: Token, tokens: list[Token], sm: SentenceMentions
                         ) -> Entity | None:
    """A named person the registry does not know, heading the phrase or in apposition."""
    inside = {t.i for t in tokens}
    for ent in sm.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or ent.root.i not in inside:
            continue
        if ent.root.i != head.i and ent.root.dep_ != "appos":
            continue
        if any(sm.at(t) is not None for t in ent) or not all(t.text[:1].isupper() for t in ent
                                                             if t.is_alpha):
            continue
        return Entity(id=stable_id("x", normalize(ent.text)), name=ent.text, kind="person",
                      resolved=False)
    return None


def military_of(state: Entity) -> Entity:
    """The armed forces of a state, when the registry has them; else the state."""
    from proxygraph.extract.mentions import armed_forces, default_index

    return armed_forces(state, default_index().registry,
                        ("military", "armed forces", "troops")) or state


def _title_of_person(m: Mention, found: list[tuple[Mention, bool]],
                     sm: SentenceMentions, lex: Lexicon) -> bool:
    """'Russian' and 'Hamas' in "Russian President Vladimir Putin", "Hamas political chief
    Ismail Haniyeh": a title's affiliation, not a second actor (guide 8)."""
    if m.entity.kind == "person":
        return False
    persons = {i for p, _ in found if p.entity.kind == "person" for i in range(p.start, p.end)}
    if not persons:
        return False
    doc = sm.sent.doc
    # Read left to right too: "SDF commander Mazloum Abdi" even when the parse is broken.
    between: list[Token] = []
    i = m.end
    while i < sm.sent.end and i not in persons and len(between) < 4:
        between.append(doc[i])
        i += 1
    if i in persons and any(t.lemma_.lower() in lex.title_words for t in between) and all(
            t.pos_ in ("NOUN", "ADJ", "PROPN") for t in between):
        return True
    tok = doc[m.end - 1]
    for _ in range(12):
        if tok.i in persons or (not m.covers(tok.i) and tok.lemma_.lower() in lex.title_words):
            return True  # "President of the Islamic Republic of Iran Masoud Pezeshkian"
        if tok.dep_ in ("conj", "appos") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _is_possessor(m: Mention, sm: SentenceMentions) -> bool:
    """'Russia' in "Russia's Wagner Group"; not 'Tehran' in "Moscow and Tehran's efforts"."""
    a = arrays(sm.sent.doc)  # (read by index: asked of every mention in a phrase)
    last = m.end - 1
    if a.dep[last] != "poss":
        return False
    if a.pos[last] == "PRON" or a.lower[last].endswith("s'"):
        return True
    # A real possessive has its marker right after it; in "the National Defence Forces and
    # Liwa' al-Quds" the parser takes the apostrophe of the next name for one.
    nxt = m.end
    return nxt < len(a.dep) and (a.tag[nxt] == "POS" or a.text[nxt] in ("'", "’", "'s", "’s"))


def _named_body_of(noun: Token, sm: SentenceMentions) -> bool:
    """The people a demonym describes are said to be of a named force ("Russian
    instructors from the Africa Corps", "Iranian advisers of the Quds Force")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "with"):
            for obj in prep.children:
                m = sm.at(obj)
                if obj.dep_ == "pobj" and m is not None and not m.demonym and (
                        m.entity.kind in ("armed_group", "pmc", "state_organ")):
                    return True
    return False


def _demonym_is_actor(tok: Token, head: Token, lex: Lexicon) -> bool:
    """'the Russian government' and 'the Iranians' stand for the state; 'Iranian drones' not."""
    if tok.i == head.i:
        return True  # "the Iranians"
    # ("Iranian and Russian officials": the second demonym hangs on the first)
    return first_conjunct(tok).head.i == head.i and head.lemma_.lower() in lex.state_heads


def _launcher(noun: Token, sm: SentenceMentions) -> Entity | None:
    """Who launched the weapons a side brought down: "shot down three drones launched by
    the RSF", "intercepted missiles fired by the Houthis" (the side fired upon)."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in WORDS.interception_verbs or (
            noun.lemma_.lower() not in WORDS.operated_weapons):
        return None
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        for by in (p for p in acl.children if p.dep_ == "agent"):
            for obj in (o for o in by.children if o.dep_ == "pobj"):
                m = sm.at(obj)
                if m is not None and not m.is_item:
                    return m.entity
    return None


def _operated_weapon(noun: Token, lex: Lexicon, sm: SentenceMentions) -> bool:
    """"Turkish drones struck SDF positions", "a Turkish F-16 shot down an Armenian Su-25":
    a weapon that strikes is its operator's, so its demonym names the attacker, and one
    brought down names the side fired upon; "Iranian drones" anywhere else are where they
    come from."""
    verb = noun.head
    weapon = sm.at(noun)
    if noun.lemma_.lower() not in WORDS.operated_weapons and (
            weapon is None or not weapon.is_item):
        return False
    if noun.dep_ == "dobj" and verb.lemma_.lower() in WORDS.interception_verbs:
        # "shot down 82 Ukrainian drones": the side that flew them was fired upon
        return verb.lemma_.lower() != "shoot" or any(
            c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)
    return (noun.dep_ == "nsubj"
            and lex.verb_gives(verb.lemma_.lower(), "CLASH"))


def _state_by_its_seat(head: Token, sm: SentenceMentions, lex: Lexicon) -> Entity | None:
    """'the junta in Niamey', 'the government in Kabul': a state organ named by where it
    sits is that state (guide 18)."""
    if head.lemma_.lower() not in lex.state_heads:
        return None
    # "backs the government in Mogadishu": the parser often hangs the seat on the verb;
    # right after the noun it still names where the noun sits
    after = [t for t in head.head.children if t.i == head.right_edge.i + 1]
    for prep in [*head.children, *after]:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for place in prep.children:
            m = sm.at(place) if place.dep_ == "pobj" else None
            if m is not None and not m.is_item and m.entity.kind == "state":
                return m.entity
    return None


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
    if any(c.dep_ in ("det", "poss", "amod", "nummod") and c.lower_ not in _RELATIVE_PRONOUNS
           for c in tok.children):
        return False
    if tok.dep_ == "conj":
        return misparsed_verb(tok.head, lex)
    subject = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"
               and c.i < tok.i]
    if not subject:
        return False
    if tok.dep_ == "relcl":
        return True
    before = tok.doc[subject[0].left_edge.i - 1] if subject[0].left_edge.i > 0 else None
    if tok.dep_ == "appos" and before is not None and before.lower_ in _RELATIVE_PRONOUNS:
        return True  # "the Wagner Group, which Russia funds," read as two appositions
    return tok.dep_ == "ROOT" and any(
        c.dep_ in ("dobj", "conj") and c.pos_ in ("VERB", "PROPN")
        # "PIJ coordinates with Hamas": a partner named after the verb's preposition
        or (c.dep_ == "prep" and c.lower_ in ("with", "against")
            and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children))
        for c in tok.children)


def relative_antecedent(clause: Token, sm: SentenceMentions) -> Token:
    """The noun a relative clause is about. In "the Tiger Forces of Suheil al-Hassan,
    whom Russian officers trained" the parser attaches the clause to the nearest noun,
    a person named as the group's leader; the group is the antecedent."""
    head = clause.head
    named, named_at = sm.at(head), head
    while named_at.dep_ in ("compound", "flat") and named_at.head.i != named_at.i:
        named_at = named_at.head
    owner = None
    if named_at.dep_ == "pobj" and named_at.head.lower_ == "of":
        owner = named_at.head.head
    elif named_at.dep_ == "appos" and named is not None and named is not sm.at(
            named_at.head) and head.doc[named.start - 1].lower_ == "of":
        owner = named_at.head  # "the Tiger Forces of Suheil al-Hassan": the name split
    if owner is None or owner.pos_ not in ("NOUN", "PROPN"):
        return head
    group = sm.at(owner)
    if named is not None and named.entity.kind == "person" and group is not None and (
            group.entity.kind in ("state", "state_organ", "armed_group", "pmc")):
        return owner
    return head
