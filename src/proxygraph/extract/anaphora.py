"""What a pronoun, "the group", "the army" or "the two countries" refers to in this document.

The document context carries what earlier sentences tell later ones (the last subject, the
most prominent armed group and national army, the actors the last sentence named, the year
and date the text last gave); `resolve_anaphora` adds a mention for each reference it can
resolve (`plural_references.py` finds the actors a plural description names).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from proxygraph.extract.antecedents import (
    attacked_possession,
    copula_attribute,
    first_conjunct_object,
    governing_verb,
    object_controller,
    office_speaker,
    own_subject,
    receiver_of_purpose,
    relative_speaker,
    reporting_person,
)
from proxygraph.extract.arguments import is_pronoun
from proxygraph.extract.arrays import arrays
from proxygraph.extract.dateline import dateline_date
from proxygraph.extract.lexicon import reporting_verbs
from proxygraph.extract.mentions import FIRST_PERSON, Mention
from proxygraph.extract.modifiers import sponsor_ends_at
from proxygraph.extract.nlp import span_text
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Claim, Entity
from proxygraph.registry import default_registry

_YEAR = re.compile(r"(?<![\d,.\-–])(19\d\d|20\d\d)(?![\d\-–])")
_GROUP_KINDS = {"armed_group", "pmc"}
_PAIR_KINDS = {"state", "state_organ", "armed_group", "pmc", "person", "organization"}
ACTOR_KINDS = {"state", "state_organ", "armed_group", "pmc", "organization"}
_NAMED_BODY_KINDS = {"state_organ", "armed_group", "pmc", "organization"}
RECENT_SENTENCES = 3  # how far back "the three juntas" may find the three named
_WAR_KINDS = {"state", "state_organ", "armed_group", "pmc"}  # who can be a side of a war


@dataclass
class DocumentContext:
    """What earlier sentences tell later ones: the last subject, group and year."""

    last_subject: Mention | None = None
    # How prominent each armed group has been so far: "the group" in a later sentence is
    # the one the report is about, not whichever was named last (see `topic_group`).
    group_salience: Counter[str] = field(default_factory=Counter)
    # each group's last mention, the most recently named last
    group_mention: dict[str, Mention] = field(default_factory=dict)
    # how prominent each national army has been: "the army" later is the leading one
    army_salience: Counter[str] = field(default_factory=Counter)
    army_mention: dict[str, Mention] = field(default_factory=dict)
    # the actors the last sentence named: "the two countries" in the next one
    last_actors: list[Entity] = field(default_factory=list)
    # ... and those of the sentences before it ("the three juntas" after a paragraph that
    # named Mali, Burkina Faso and Niger one sentence each), the latest last
    earlier_actors: list[list[Entity]] = field(default_factory=list)
    # the pairs the claims so far have fighting each other: "either side" (`belligerents`)
    clashes: Counter[tuple[str, str]] = field(default_factory=Counter)
    fighters: dict[str, Entity] = field(default_factory=dict)
    # the latest actor whose name holds each formation word: "the alliance" two sentences
    # after "the Three Brotherhood Alliance"
    named_by_word: dict[str, Entity] = field(default_factory=dict)
    # the latest unregistered party of the claims so far by the last word of its name:
    # "the militias" after "Iran-backed militias"
    collectives: dict[str, Entity] = field(default_factory=dict)
    year: int | None = None
    filed: date | None = None  # the document's date: anchors "on Tuesday", "in January"
    paragraph_year: int | None = None  # the last year named in the current paragraph

    def topic_group(self, kinds: frozenset[str] | set[str], but: str | None = None
                    ) -> Mention | None:
        """The most prominent group of `kinds` named so far, other than the one with id
        `but`; the latest on a tie."""
        latest_first = [m for m in reversed(self.group_mention.values())
                        if m.entity.kind in kinds and m.entity.id != but]
        if not latest_first:
            return None
        return max(latest_first, key=lambda m: self.group_salience[m.entity.id])

    def belligerents(self, but: Collection[str]) -> tuple[Entity, ...]:
        """The two sides the claims so far have fought each other most often, neither
        with an id in `but`: "the UAE denies arming either side" in a report on the war
        between the SAF and the RSF."""
        for pair, _ in self.clashes.most_common():
            if not but or but.isdisjoint(pair):
                return tuple(self.fighters[i] for i in pair)
        return ()

    def learn_claims(self, claims: Iterable[Claim]) -> None:
        """Record the fighting a sentence's claims report (denied and planned fights are no
        war) and the unregistered parties they name."""
        for c in claims:
            for party in (c.subject, c.object):
                if party is not None and party.kind == "collective":
                    self.collectives[party.name.lower().split()[-1]] = party
            if (c.type == "CLASH" and c.object is not None and c.status in ("occurred", "ongoing")
                    and c.subject.id != c.object.id and c.object.kind in _WAR_KINDS
                    and c.subject.kind in _WAR_KINDS):
                self.clashes[tuple(sorted((c.subject.id, c.object.id)))] += 1
                self.fighters[c.subject.id] = c.subject
                self.fighters[c.object.id] = c.object


# The words `resolve_anaphora` can resolve (pronouns, "the army"), and the lemmas: a token
# with neither is passed over without reading it.
_ANAPHOR_WORDS = frozenset({"it", "its", "they", "their", "them", "itself", "army", "military",
                            "forces", "he", "she", "his", "her"})
_PERSONAL = frozenset({"he", "she", "his", "her"})
_LEADERS_BODIES = frozenset({"government", "administration", "army", "military"})
# "the rebels", "these terrorists": members named by their kind stand for the group
_MEMBER_DETERMINERS = frozenset({"the", "these", "those"})
_ANAPHOR_LEMMAS = WORDS.pmc_nouns | WORDS.member_nouns | WORDS.anaphoric_nouns
# Heads of a description a demonym can tie to a group: not "forces" or "troops" (a state's)
_DESCRIPTION_NOUNS = WORDS.member_nouns | {"faction", "group", "militia", "movement",
                                           "organisation", "organization"}


def resolve_anaphora(sent: Span, mentions: list[Mention], ctx: DocumentContext) -> list[Mention]:
    """Add mentions for 'it/its/they' and 'the party/group' pointing at a recent actor.

    A pronoun in a fronted phrase points forward to the main subject ("After its invasion
    of Ukraine, Moscow began ..."); otherwise to the last subject actor before it, in this
    sentence or an earlier one. 'The party' points at the last armed group named.
    """
    extra: list[Mention] = []
    a = arrays(sent.doc)
    lower, lemmas = a.lower, a.lemma
    if _ANAPHOR_WORDS.isdisjoint(lower[sent.start:sent.end]) and _ANAPHOR_LEMMAS.isdisjoint(
            lemmas[sent.start:sent.end]):
        return sorted(mentions, key=lambda m: m.start)  # (most sentences: set tests in C)
    taken = {i for m in mentions for i in range(m.start, m.end)}
    actors = [m for m in mentions if not m.is_item and not m.demonym
              and m.entity.kind in ACTOR_KINDS]
    main_subject = _main_subject(sent, actors)
    for i in range(sent.start, sent.end):
        if i in taken or (lower[i] not in _ANAPHOR_WORDS and lemmas[i] not in _ANAPHOR_LEMMAS):
            continue  # no branch below can take it: skip the Token reads
        tok = a.tokens[i]
        target: Mention | None = None
        if lower[i] in _PERSONAL:
            # "Biden said he had spoken with Netanyahu": the person whose words they are;
            # "his" only before his government or army ("his forces" may be a group's)
            if lower[i] in ("he", "she") or (
                    tok.dep_ == "poss" and lower[tok.head.i] in _LEADERS_BODIES):
                target = reporting_person(tok, mentions)
        elif is_pronoun(tok) and tok.lower_ in ("it", "its", "they", "their", "them", "itself"):
            controller = (object_controller(tok, actors) or relative_speaker(tok, mentions)
                          or office_speaker(tok, actors))
            receiver = receiver_of_purpose(tok, actors)
            if main_subject is not None and tok.i < main_subject.start and tok.i < sent.root.i:
                target = main_subject
            elif receiver is not None:
                # "Iran supplies Hezbollah with rockets for its war against Israel": what
                # is given serves the receiver's war, not the giver's
                target = receiver
            elif controller is not None:
                # "Seoul urged Pyongyang to stop its cooperation with Moscow": the one urged
                # does the stopping, and "its" is theirs
                target = controller
            else:
                # an object pronoun is not its own verb's subject: in "the Houthis said
                # Iran had armed them", "them" is not Iran
                own_verb = governing_verb(tok)
                # ("Russia fired missiles at its cities": an attack's target is not the
                # attacker's either)
                target_of = attacked_possession(tok)
                not_own = tok.dep_ in ("dobj", "pobj", "dative") or target_of is not None
                own_verb = target_of or own_verb
                # ("Iran supplies the Houthis and provides them with ...": the verbs
                # conjoined with its own share its subject, who is not "them" either)
                earlier = [m for m in actors if m.start < tok.i
                           and (subject := _as_subject(sent.doc[m.end - 1])) is not None
                           and not (not_own and subject.head.i == own_verb.i)]
                if tok.dep_ in ("dobj", "pobj", "dative"):
                    # "Iran supplies the Houthis with missiles and provides them with
                    # intelligence": "them" is the first verb's object
                    earlier = first_conjunct_object(own_verb, tok, actors) or earlier
                if earlier and earlier[-1].entity.kind == "state" and tok.lower_ in (
                        "they", "them", "their"):
                    # "Russia provided Houthi rebels with data for their attacks": a plural
                    # pronoun prefers a plural group named before it over a state
                    plural = [m for m in actors if m.start < tok.i
                              and m.entity.kind in _GROUP_KINDS
                              and "NNS" in (sent.doc[m.end - 1].tag_,
                                            sent.doc[m.end - 1].head.tag_)]
                    earlier = plural[-1:] or earlier
                topic = _line_topic(sent, actors)
                if not earlier and topic is not None and topic.start < tok.i:
                    # "Badr Organization — the oldest faction ...; its fighters were ...":
                    # a list line names its topic before a dash or colon
                    earlier = [topic]
                if not earlier and tok.lower_ in ("they", "them", "their"):
                    # a verbless line ("Fatemiyoun: Afghan fighters ..., many of them ...")
                    # has no subject: the group it names is the nearest antecedent
                    earlier = [m for m in actors if m.start < tok.i
                               and m.entity.kind in _GROUP_KINDS]
                # "Several Yemeni men told reporters they ...": an unnamed subject of the
                # pronoun's number, nearer than any actor, is the antecedent: nobody we know
                plural = ("NNS", "NNPS") if tok.lower_ in ("they", "them", "their") else (
                    "NN", "NNP")
                # ("called both leaders and urged them": "them" are the leaders)
                roles = ("nsubj", "nsubjpass", "dobj") if plural[0] == "NNS" else (
                    "nsubj", "nsubjpass")
                unnamed = any(a.dep[j] in roles and a.tag[j] in plural and not taken.intersection(
                    range(a.tokens[j].left_edge.i, j + 1)) for j in range(sent.start, i))
                fallback = ctx.last_subject
                state_subject = (fallback is not None
                                 and fallback.entity.kind in ("state", "state_organ"))
                if not earlier and not unnamed and (tok.lower_ == "them" or (
                        tok.lower_ in ("they", "their") and state_subject)):
                    # "Some say Eritrea gives them guns" after a sentence on Fano: an object
                    # "them" is the armed group named last, not the last sentence's subject;
                    # so is a "they" after a sentence whose subject was a state
                    groups = [e for e in ctx.last_actors if e.kind in _GROUP_KINDS]
                    if groups:
                        fallback = Mention(tok.i, tok.i + 1, groups[-1], tok.text)
                target = earlier[-1] if earlier else (None if unnamed else fallback)
                verb = tok.head.head if copula_attribute(tok) else own_verb
                doers = {m.entity.id for m in actors
                         if sent.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")
                         and sent.doc[m.end - 1].head.i == verb.i}
                if target is not None and target.entity.id in doers and (
                        not_own or verb is not own_verb):
                    # "Rwanda arms it, Rwanda pays it": never its own verb's doer, even
                    # when the last sentence's subject was that doer, but the group named
                    # last; "the UAE is its sponsor": not the copula's subject either
                    others = [e for e in ctx.last_actors
                              if e.id not in doers and e.kind in _GROUP_KINDS]
                    target = Mention(tok.i, tok.i + 1, others[-1], tok.text) if others else None
        elif ((lemma := tok.lemma_.lower()) in WORDS.pmc_nouns and tok.i > 0 and tok.tag_ == "NNS"
              and sent.doc[tok.i - 1].lower_ == "the"):
            # "the contractors", "the mercenaries": the private military company named before
            pmcs = [m for m in actors if m.start < tok.i and m.entity.kind == "pmc"]
            last_pmc = ctx.topic_group({"pmc"})
            target = pmcs[-1] if pmcs else last_pmc
        elif (lemma in WORDS.member_nouns and tok.tag_ == "NNS" and tok.i > 0
              and sent.doc[tok.i - 1].lower_ in _MEMBER_DETERMINERS and not any(
                  c.dep_ in ("amod", "compound", "nmod") for c in tok.children)):
            # "the militants", "the rebels": the armed group the story is about (guide 17)
            doer = own_subject(tok, actors)
            groups = [m for m in actors if m.start < tok.i and m.entity.kind == "armed_group"
                      and m is not doer]
            last = ctx.topic_group({"armed_group"}, but=doer.entity.id if doer else None)
            # ("Syrian fighters were paid ... the fighters": the unnamed group so named)
            named_so = ctx.collectives.get(tok.lower_)
            target = groups[-1] if groups else (
                Mention(tok.i, tok.i + 1, named_so, tok.text) if named_so else last)
        elif (home := _national_description(tok)) is not None:
            # "the Yemeni rebels", "the Iraqi militia" after the Houthis or Kata'ib
            # Hezbollah: the group of that country the report is about (guide 17)
            target = _group_from(home, [m for m in actors if m.start < tok.i], ctx)
        elif _bare_army(tok) and ctx.army_salience:
            # "the army" after "the Sudanese Armed Forces (SAF)": the army the report is
            # about (guide 17); never guessed from a country alone
            top = max(ctx.army_mention.values(), key=lambda m: ctx.army_salience[m.entity.id])
            target = top
        elif (lemma in WORDS.anaphoric_nouns and tok.i > 0
              and (tok.tag_ == "NN" or _capitalised_description(tok))
              and sent.doc[(first := _past_epithet(tok))].lower_
              in WORDS.anaphoric_determiners):
            word = lemma
            # "the corps" is the Fifth Corps named before it; "the party", any armed group;
            # "the Iran-backed group" too, never its sponsor
            named = [m for m in actors if m.start < first
                     and word in m.entity.name.lower().replace("-", " ").split()]
            # ("Wagner supplied the militia": the militia is not Wagner)
            doer = own_subject(tok, actors)
            groups = [m for m in actors if m.start < first and m.entity.kind in _GROUP_KINDS
                      and m is not doer]
            earlier_named = ctx.named_by_word.get(word)
            if named:
                target = named[-1]
            elif (earlier_named is not None and word not in WORDS.generic_group_nouns
                  and not any(c.dep_ in ("relcl", "acl") for c in tok.children)):
                # ("the coalition that intervened in Yemen" is one the sentence introduces)
                target = Mention(tok.i, tok.i + 1, earlier_named, tok.text)
            elif word in WORDS.generic_group_nouns:
                target = groups[-1] if groups else ctx.topic_group(
                    _GROUP_KINDS, but=doer.entity.id if doer else None)
        if target is not None:
            extra.append(Mention(tok.i, tok.i + 1, target.entity, tok.text))
    return sorted(mentions + extra, key=lambda m: m.start)


_MULTINATIONAL = ("coalition", "alliance", "multinational", "task force")


def _as_subject(last: Token) -> Token | None:
    """The subject a mention's last token is, or heads as its government ("Seoul's
    government warned that it ..."): the token that is the subject, or None."""
    if last.dep_ in ("nsubj", "nsubjpass"):
        return last
    head = last.head
    if (last.dep_ in ("poss", "compound", "amod") and head.dep_ in ("nsubj", "nsubjpass")
            and head.lemma_.lower() in WORDS.governing_heads):
        return head
    return None


_NAME_PREPOSITIONS = frozenset({"of", "for", "against", "in", "to"})


def _name_head(name: str) -> str:
    """The word a body's name is headed by: "Three Brotherhood Alliance" -> alliance,
    "Coalition of Patriots for Change" -> coalition (never "Democratic Alliance Army")."""
    words = name.lower().replace("-", " ").split()
    cut = next((i for i, w in enumerate(words) if w in _NAME_PREPOSITIONS and i > 0), len(words))
    return words[cut - 1] if cut else ""














def _past_epithet(tok: Token) -> int:
    """The index of the word before a description's noun, past a sponsor's epithet:
    "the" in "the Iran-backed group", in "the Tehran-aligned militia" and in "the group"."""
    doc = tok.doc
    i = tok.i - 1
    if sponsor_ends_at(i - 1, arrays(doc)):
        i -= 2  # the participle and its hyphen
        while i > 0 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and doc[i].lower_ != "the":
            i -= 1  # the sponsor's words ("Islamic State")
    return max(i, 0)


def _national_description(tok: Token) -> str | None:
    """The state a definite description of one group names by its demonym alone: "the
    Yemeni rebels", "the Palestinian movement" -> its registry id. A description with any
    other modifier ("the rival Iraqi militias", "the Iran-backed Iraqi militias") or of a
    state's own forces ("the Iraqi forces") is not one."""
    lemma = tok.lemma_.lower()
    if lemma not in _DESCRIPTION_NOUNS or tok.pos_ != "NOUN":
        return None
    if tok.tag_ != "NN" and lemma not in WORDS.member_nouns:
        return None  # "the Iraqi militias" are several; "the Yemeni rebels" are the group
    modifiers = [c for c in tok.children if c.i < tok.i]
    if len(modifiers) != 2 or modifiers[0].lower_ != "the" or modifiers[0].dep_ != "det":
        return None
    adjective = modifiers[1]
    if adjective.i != tok.i - 1 or adjective.dep_ not in ("amod", "compound", "nmod"):
        return None
    state = default_registry().demonym(adjective.text)
    return state.id if state is not None and state.kind == "state" else None


def _group_from(home: str, earlier: list[Mention], ctx: DocumentContext) -> Mention | None:
    """The group based in `home` named last in the sentence before the description, else
    the most prominent one named so far; none when the registry gives no such group."""
    here = [m for m in earlier if m.entity.kind in _GROUP_KINDS
            and home in m.entity.countries]
    if here:
        return here[-1]
    named = [m for m in reversed(ctx.group_mention.values()) if home in m.entity.countries]
    return max(named, key=lambda m: ctx.group_salience[m.entity.id]) if named else None


@lru_cache(maxsize=4096)  # bounded: documents bring new unregistered entities
def _is_national_army(entity: Entity) -> bool:
    """A state's land or joint armed forces ("Sudanese Armed Forces", "Tatmadaw"), not its
    air force, navy or police."""
    if entity.kind != "state_organ":
        return False
    names = [entity.name.lower(), *(a.lower() for a in entity.aliases)]
    if any(word in name for name in names for word in _MULTINATIONAL):
        return False  # "the Saudi-led military coalition" is no state's own army
    return any(word in name for name in names for word in WORDS.army_names)












def _capitalised_description(tok: Token) -> bool:
    """"The Coalition confirms its support", "The Division reiterates its call": a
    formation word written as a name, standing alone, points back at the armed body
    named before (not "The Group" or "The Panel" of a UN panel, nor "The Ministry")."""
    doc = tok.doc
    return (tok.tag_ == "NNP" and tok.text[:1].isupper()
            and tok.lemma_.lower() in WORDS.formation_nouns
            and tok.dep_ != "compound" and not any(c.dep_ == "compound" for c in tok.children)
            and (tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ != "PROPN"))


def _bare_army(tok: Token) -> bool:
    """"the army", "the military", "the armed forces": no modifier naming whose."""
    doc, i, word = tok.doc, tok.i, tok.lower_
    if word == "forces":
        return i > 1 and doc[i - 1].lower_ == "armed" and doc[i - 2].lower_ == "the"
    return (word in ("army", "military") and i > 0 and doc[i - 1].lower_ == "the"
            and tok.pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in tok.children))


def _line_topic(sent: Span, actors: list[Mention]) -> Mention | None:
    """The actor a list line is about: "Badr Organization — ..." / "Kata'ib Hezbollah: ..."."""
    first = actors[0] if actors else None
    if first is None or first.start != sent.start or first.end >= sent.end:
        return None
    return first if sent.doc[first.end].text in ("—", "–", ":", "-") else None


def _main_subject(sent: Span, actors: list[Mention]) -> Mention | None:
    a = arrays(sent.doc)  # (read by index; the root found only for a subject)
    root: int | None = None
    for m in actors:
        last = m.end - 1
        if a.dep[last] in ("nsubj", "nsubjpass"):
            root = sent.root.i if root is None else root
            if a.head[last] == root:
                return m
    return None


def named_actors(mentions: list[Mention], sent: Span, kinds: Collection[str]
                  ) -> list[Entity]:
    """Distinct actors of `kinds` the mentions name as parties (not "in Moscow")."""
    a = arrays(sent.doc)
    named: dict[str, Entity] = {}
    for m in mentions:
        last = m.end - 1
        place = a.dep[last] == "pobj" and a.lower[a.head[last]] in WORDS.place_preps
        if not (m.is_item or m.demonym or place) and m.entity.kind in kinds:
            named.setdefault(m.entity.id, m.entity)
    return list(named.values())


def update_context(sent: Span, mentions: list[Mention], ctx: DocumentContext) -> None:
    """Record what this sentence tells later ones: its actors, groups, armies, subject,
    dateline and year."""
    doc = sent.doc
    a = arrays(doc)
    ctx.last_actors = named_actors(mentions, sent, _PAIR_KINDS)
    ctx.earlier_actors = [*ctx.earlier_actors[-(RECENT_SENTENCES - 1):], ctx.last_actors]
    for m in mentions:
        if m.is_item or m.demonym or m.start == m.end - 1 and is_pronoun(doc[m.start]):
            continue
        subject = a.dep[m.end - 1] in ("nsubj", "nsubjpass")
        if sponsor_ends_at(m.end, a):
            continue  # the sponsor in "Islamic State-linked insurgents" is not who they are
        if m.entity.kind in _NAMED_BODY_KINDS:
            # by its name's head, or by the head it was written with ("the Security Belt
            # Forces ... the force")
            written = _name_head(m.text)
            for word in (_name_head(m.entity.name), written, written.removesuffix("s")):
                if word in WORDS.anaphoric_nouns:
                    ctx.named_by_word[word] = m.entity
        if m.entity.kind in _GROUP_KINDS:
            ctx.group_salience[m.entity.id] += 2 if subject else 1
            ctx.group_mention.pop(m.entity.id, None)  # re-inserted: now the latest
            ctx.group_mention[m.entity.id] = m
        elif _is_national_army(m.entity):
            ctx.army_salience[m.entity.id] += 2 if subject else 1
            ctx.army_mention[m.entity.id] = m
    reporting = reporting_verbs()
    subjects = [m for m in mentions if not m.is_item and not m.demonym
                and m.entity.kind in ACTOR_KINDS
                and a.dep[m.end - 1] in ("nsubj", "nsubjpass")
                and a.lemma[a.head[m.end - 1]] not in reporting
                and a.lower[m.start] not in FIRST_PERSON]  # "we" is never a later "they"
    if subjects:
        ctx.last_subject = subjects[0]
    text = span_text(sent)
    filed = dateline_date(text)
    if filed is not None:
        ctx.filed = filed
    years = _YEAR.findall(text) if "19" in text or "20" in text else ()
    if years:
        ctx.year = ctx.paragraph_year = int(years[-1])
