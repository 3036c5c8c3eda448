"""'The junta', 'the regime', 'the authorities': a state described by its government.

Reports name a state's government once ("Mali's junta", "the Burkinabe transitional
authorities", "the government of Ethiopia") and then by the description alone ("the junta
ordered US troops to leave"). The description is that state (guides 17 and 18). This
component keeps, per document, the state each government word was last tied to, and
turns a later bare description ("the junta", "the transitional authorities") into a
mention of it. A word never tied to a state, or tied only through another word ("the
administration" after "Iran's government"), stays unresolved, except the words a report
uses only of its home country ("the junta"; "the army" and "the military" when no army
was named): those are the state the report keeps naming, when one clearly leads.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.mentions import Mention, national_army
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity
from proxygraph.registry import default_registry

# A home country leads when named at least this often, and this many times as often as
# the next state (train e..zd: 2 / 1.5 and 3 / 2.0 within 0.001 F1 of each other).
HOME_MIN_MENTIONS = 2
HOME_LEAD = 1.5


class Governments:
    """Per document: the state each government word was last tied to, and how often each
    state was named (as actor, place, demonym, or through one of its organs)."""

    def __init__(self) -> None:
        self.tied: dict[str, Entity] = {}
        self.named: Counter[str] = Counter()
        # the countries of the armed groups named: where the report's war is
        self.battlegrounds: Counter[str] = Counter()
        self.states: dict[str, Entity] = {}

    def home(self) -> Entity | None:
        """The state the report is about, when one clearly leads; else the country whose
        armed groups it names, when one clearly leads there (a report on Myanmar's war
        that names China as often as Myanmar, and only Myanmar's groups); else None."""
        state_id = _clear_lead(self.named) or _clear_lead(self.battlegrounds)
        return self.states[state_id] if state_id is not None else None

    def learn(self, sent: Span, mentions: list[Mention]) -> None:
        """Record which state each government word of the sentence belongs to: "Mali's
        junta", "the Malian junta", "the government of Ethiopia", "Myanmar junta" (an
        alias, or a headline the parser misread), and count the states named."""
        words = WORDS.state_descriptions
        a = arrays(sent.doc)  # (read by index: asked of every state mention)
        registry = default_registry()
        for m in mentions:
            state = m.entity
            if state.kind == "state_organ" and (home := registry.affiliate(state)) is not None:
                state = home
            elif (state.kind == "armed_group" and state.countries
                  and state.countries[0] in registry):
                # where a report's armed groups fight is its home: a report on Myanmar's
                # war names China often, Myanmar's own groups more
                state = registry.get(state.countries[0])
                self.battlegrounds[state.id] += 1
            if state.kind != "state" or m.is_item:
                continue
            self.named[state.id] += 1
            self.states[state.id] = state
            if m.entity.kind != "state":
                continue
            last = m.end - 1
            head = a.head[last]
            word: str | None = None
            held = [a.lemma[j] for j in range(m.start, m.end) if a.lemma[j] in words]
            if held:
                word = held[0]  # the alias holds the word ("Kingdom of Saudi Arabia")
            elif a.lemma[head] in words and a.dep[last] in ("poss", "amod", "compound", "nmod"):
                word = a.lemma[head]
            elif (a.dep[last] == "pobj" and a.lower[head] == "of"
                  and a.lemma[a.head[head]] in words):
                word = a.lemma[a.head[head]]
            elif m.end < sent.end and a.lemma[m.end] in words and a.pos[m.end] == "NOUN":
                word = a.lemma[m.end]  # "Mali junta leans on ...": a misread headline
            if word is not None:
                self.tied[word] = m.entity

    def resolve(self, sent: Span, mentions: list[Mention]) -> list[Mention]:
        """The sentence's mentions with one for each bare government word ("the junta",
        "the transitional authorities") whose state the document gave before, and for a
        bare "the army" no earlier army explained (the home state's armed forces)."""
        words = WORDS.state_descriptions
        home_words = WORDS.home_state_descriptions
        a = arrays(sent.doc)  # (read by index: asked of every sentence)
        lemmas = a.lemma[sent.start:sent.end]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        halves = self._halves(sent)
        forces = self._government_forces(sent, taken)
        if (words.isdisjoint(lemmas) and home_words.isdisjoint(lemmas) and not halves
                and not forces):
            return mentions
        extra: list[Mention] = [m for m in halves + forces if m.start not in taken]
        taken |= {m.start for m in forces}
        home = self.home()
        for i in range(sent.start, sent.end):
            lemma = a.lemma[i]
            if (lemma not in words and lemma not in home_words) or i in taken:
                continue
            # "the Kingdom", "the Government", "the Republic" (a communique's capitals)
            wanted = ("NNS",) if lemma == "authority" else ("NNP",) if lemma == "republic" else (
                "NN", "NNP")
            if a.pos[i] not in ("NOUN", "PROPN") or a.tag[i] not in wanted:
                continue  # "the two governments" are a pair (plural_references.pair_references)
            tok = a.tokens[i]
            if a.tag[i] == "NNP" and (lemma not in ("kingdom", "government", "republic")
                                      or a.dep[i] == "compound" or not a.text[i][:1].isupper()):
                continue  # "Government House" names a place
            if lemma in ("government", "army", "military") and a.dep[i] in ("compound", "amod"):
                body = self._modifier_body(i, a, taken, home)
                if body is not None:
                    extra.append(Mention(i, i + 1, body, tok.text))
                continue
            children = list(tok.children)
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
                continue
            # "the Malian junta", "the government of Sudan", "the Taliban regime": named here
            if any(c.dep_ in ("poss", "compound", "nmod", "prep") or any(
                    i in taken for i in range(c.left_edge.i, c.right_edge.i + 1))
                   for c in children if c.dep_ != "det"):
                continue
            target = self.tied.get(lemma) if lemma in words else None
            if target is None and lemma in home_words and home is not None:
                target = home
                if lemma in WORDS.army_words:  # "the army": the home state's forces
                    target = national_army(home)
            if target is not None:
                extra.append(Mention(tok.i, tok.i + 1, target, tok.text))
        if not extra:
            return mentions
        return sorted(mentions + extra, key=lambda m: m.start)

    def _modifier_body(self, i: int, a: DocArrays, taken: set[int],
                       home: Entity | None) -> Entity | None:
        """"Government offensives", "pays government salaries": the state the report's
        "government" was tied to (else its home country) acts or pays through the noun
        "government" modifies; "attacked the army camp", "overran an army post": its army
        holds the site. Not "anti-government", nor a noun another mention already names
        ("Yemen's government salaries"); "government troops" and "government positions"
        are `_government_forces`'."""
        noun = a.head[i]
        if (noun == i or a.pos[noun] != "NOUN" or noun in taken
                or a.lower[noun] in WORDS.army_words or a.lemma[noun] == "unit"
                or (i > 0 and a.lower[i - 1] in ("-", "anti", "non"))
                or any(c in taken for c in a.children[noun])):
            return None
        state = self.tied.get("government") or home
        if a.lemma[i] == "government":
            return None if a.lemma[noun] in WORDS.military_site_nouns else state
        site = a.lemma[noun] in WORDS.military_site_nouns or a.lemma[noun] == "camp"
        return national_army(state) if site and state is not None else None

    def _government_forces(self, sent: Span, taken: set[int]) -> list[Mention]:
        """"Government troops", "federal forces", "regime soldiers": the armed forces of the
        state the report's "government" was tied to, else of its home country (`taken`:
        the tokens the sentence's mentions cover)."""
        a = arrays(sent.doc)
        if WORDS.government_force_modifiers.isdisjoint(a.lower[sent.start:sent.end]):
            return []  # (most sentences, told by a set test)
        out = []
        for i in range(sent.start, sent.end):
            army = a.lower[i] in WORDS.army_words or a.lemma[i] == "unit"
            # "shelled government positions": the site names whose forces hold it
            site = a.lemma[i] in WORDS.military_site_nouns
            if not (army or site) or i in taken or a.pos[i] != "NOUN":
                continue
            modifiers = [c for c in a.children[i] if a.dep[c] in ("amod", "compound")]
            named = [c for c in modifiers if a.lower[c] in WORDS.government_force_modifiers]
            if not named or any(c in taken for c in modifiers):
                continue  # "Sudanese government troops" are named by their demonym
            state = self.tied.get("government") or self.home()
            body = national_army(state) if state is not None else None
            if body is not None:  # (a state the registry knows no army of has none here)
                at = i if army else named[0]
                out.append(Mention(at, at + 1, body, a.text[at]))
        return out

    def _halves(self, sent: Span) -> list[Mention]:
        """"The North", "the South" as a divided country's halves, in a report that has
        named either half: "Seoul expects the North to send more troops"."""
        table = WORDS.divided_state_halves
        if not any(state_id in self.named for state_id in table.values()):
            return []
        a = arrays(sent.doc)
        out = []
        for i in range(sent.start + 1, sent.end):
            state_id = table.get(a.text[i])
            if (state_id is None or a.lower[i - 1] != "the" or a.pos[i] != "PROPN"
                    or a.dep[i] in ("compound", "amod", "nmod")
                    or (i + 1 < sent.end and a.pos[i + 1] == "PROPN")):
                continue  # "the North Korean army", "the South China Sea"
            out.append(Mention(i, i + 1, default_registry().get(state_id), a.text[i]))
        return out


def leaders_bodies(sent: Span, mentions: list[Mention]) -> list[Mention]:
    """"Abiy's government", "the Yoon government", "the administration of Gustavo
    Petro": a leader named for the government he heads stands for his state there, as
    "Ethiopia's government" does (guide 18); "Kiir's forces", "Haftar's fighters": a
    leader named for the men he commands stands for his army or his group. Before
    anaphora, so "it" in "the Yoon government said it might arm Kyiv" finds the state."""
    a = arrays(sent.doc)
    lemmas = a.lemma[sent.start:sent.end]
    if WORDS.governing_heads.isdisjoint(lemmas) and WORDS.army_words.isdisjoint(
            a.lower[sent.start:sent.end]) and WORDS.leader_men_nouns.isdisjoint(lemmas):
        return mentions
    registry = default_registry()
    out = []
    for m in mentions:
        body = registry.affiliate(m.entity) if m.entity.kind == "person" else None
        if body is not None:
            last = m.end - 1
            head = a.head[last]
            if a.dep[last] == "pobj" and a.lower[head] == "of" and a.head[head] != head:
                head = a.head[head]  # "the government of Gustavo Petro"
            elif a.dep[last] not in ("poss", "compound", "amod"):
                head = last
            if head != last and a.lemma[head] in WORDS.governing_heads and body.kind == "state":
                m = Mention(m.start, m.end, body, m.text)
            elif head != last and a.dep[last] == "poss" and (
                    a.lower[head] in WORDS.army_words or a.lemma[head] in WORDS.leader_men_nouns):
                # his state's army ("Kiir's forces"), or the group he leads ("Machar's")
                forces = national_army(body) if body.kind == "state" else body
                if forces is not None and forces.kind != "person":
                    m = Mention(m.start, m.end, forces, m.text)
        out.append(m)
    return out


def _clear_lead(counts: Counter[str]) -> str | None:
    """The key named at least HOME_MIN_MENTIONS times and HOME_LEAD times as often as the
    next one, or None."""
    top = counts.most_common(2)
    if not top or top[0][1] < HOME_MIN_MENTIONS:
        return None
    if len(top) > 1 and top[0][1] < HOME_LEAD * top[1][1]:
        return None
    return top[0][0]
