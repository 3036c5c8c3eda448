"""Echo rules: a sentence that restates claims made just before without naming the relation.

"Sudan accuses the UAE of arming the RSF. Abu Dhabi denies this." The second sentence
is its own statement (guide 1): the UAE's denial of the same ARMS_TRANSFER (guide 9),
though it names no relation and no second party. An echo rule reads one analysed
sentence, the claims it made and the claims of the sentences just before, and yields
claims restated on it. Registered as components (`components.yaml`, `echo_rules`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from proxygraph.extract.arrays import arrays
from proxygraph.extract.candidates import pair_key
from proxygraph.extract.families import echo_rule
from proxygraph.extract.nlp import span_text
from proxygraph.extract.wordsets import WORDS
from proxygraph.ids import claim_id
from proxygraph.model import Claim, Document, Entity, Evidence

if TYPE_CHECKING:
    from proxygraph.extract.pipeline import AnalysedSentence

LOOK_BACK = 2  # sentences before the echo that its antecedent may sit in


def sentence_evidence(offset: int, sent: Span) -> Evidence:
    """The sentence as evidence, trimmed (spaCy can keep a trailing newline token in it)."""
    text = span_text(sent)
    lead = len(text) - len(text.lstrip())
    sentence = text.strip()
    start = offset + sent.start_char + lead
    return Evidence(sentence, start, start + len(sentence))


def restated(document: Document, item: AnalysedSentence, claim: Claim, **changes: object
             ) -> Claim:
    """`claim` stated again by `item`'s sentence, with `changes`, under its own id."""
    evidence = sentence_evidence(item.offset, item.sent)
    new = claim.with_changes(evidence=evidence, **changes)
    return new.with_changes(id=claim_id(document.sha256, evidence.start, new.type,
                                        new.subject.id, new.object.id if new.object else None,
                                        claim.extractor.get("version", ""),
                                        denied=new.status == "denied"))


@echo_rule("denial_echo")
def denial_echo(document: Document, item: AnalysedSentence, here: Sequence[Claim],
                before: Sequence[Sequence[Claim]]) -> Iterator[Claim]:
    """"X denies this", "a charge Kigali rejects", "both denied it": the denier's denial of
    the claims just made about it, as `denied` claims credited to the denier."""
    sent = item.sent
    lemmas = arrays(sent.doc).lemma[sent.start:sent.end]
    if WORDS.denial_verbs.isdisjoint(lemmas) and WORDS.dismissive_words.isdisjoint(lemmas):
        return  # no denial verb or dismissive word: most sentences, told by set tests
    for verb in item.sm.tokens:
        subject: Token | None = None
        if verb.pos_ == "VERB" and verb.lemma_.lower() in WORDS.denial_verbs:
            if not _denies_a_statement(verb):
                continue
        elif _misread_denial(verb):
            # "a charge Kigali rejects" read as a noun phrase: the name before the verb
            subject = sent.doc[verb.i - 1]
        elif not _dismisses_a_statement(verb):
            continue
        deniers = _deniers(item, verb, subject)
        if not deniers:
            continue
        ids = {e.id for e, _ in deniers}
        # a minister's or a ministry's denial is its state's ("Araghchi dismissed that")
        ids |= {e.affiliation for e, _ in deniers if e.affiliation}
        credit = tuple(dict.fromkeys(text for _, text in deniers))
        denied_here = {pair_key(c.type, c.subject, c.object) for c in here
                       if c.status == "denied"}
        for claims in (here, *reversed(before[-LOOK_BACK:])):
            # what is denied is a charge: a claim someone reported or alleged, not one
            # the author states as fact
            about = [c for c in claims if c.status != "denied" and c.certainty != "high" and (
                c.subject.id in ids or (c.object is not None and c.object.id in ids))]
            if not about:
                continue
            done: set[tuple[str, str, str | None]] = set()
            for claim in about:
                key = pair_key(claim.type, claim.subject, claim.object)
                if key in denied_here or key in done:
                    continue
                done.add(key)
                yield restated(document, item, claim, status="denied", certainty="medium",
                               attribution=credit, quantity=None,
                               time=claim.time if claims is here else None)
            break
        return


def _denies_a_statement(verb: Token) -> bool:
    """"denies this", "rejected the charge", "which Tehran denies", "denied it for months";
    not "denied entry" or "rejected the offer" (what is denied is no statement)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if objects:
        return all(o.lemma_.lower() in WORDS.denied_statements for o in objects)
    # no object: "which Cairo denies" (the relative pronoun is the object), "denied that
    # it was involved"; "a charge Abu Dhabi denies" that the parser read as the subject
    # "a charge Abu Dhabi"
    return verb.dep_ == "relcl" or any(c.dep_ == "ccomp" for c in verb.children) or any(
        w.lemma_.lower() in WORDS.denied_statements and w.i < s.i
        for s in verb.children if s.dep_ == "nsubj" for w in s.lefts)


def _misread_denial(tok: Token) -> bool:
    """"a charge Kigali rejects", "an allegation Tehran denies" that the parser read as
    one noun phrase: a statement noun, a name, then the denial verb taken for a noun."""
    doc, i = tok.doc, tok.i
    return (tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in WORDS.denial_verbs
            and i >= 2 and doc[i - 1].pos_ == "PROPN"
            and doc[i - 2].lemma_.lower() in WORDS.denied_statements)


def _dismisses_a_statement(verb: Token) -> bool:
    """"called the charge baseless", "dismissed as groundless", "said such claims were
    false": a verb of calling or saying whose object or clause is a statement and a
    dismissive word ("baseless", "propaganda")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in WORDS.calling_verbs | {"say"}:
        return False
    if lemma == "say":  # "said such claims were groundless"
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        return any(_statement_called_dismissive(c, "nsubj") for c in clauses)
    return _statement_called_dismissive(verb, "dobj")


def _statement_called_dismissive(head: Token, role: str) -> bool:
    """`head` has a statement as its `role` and a dismissive word among its complements."""
    said = [c for c in head.children if c.dep_ == role]
    if not said or not all(c.lemma_.lower() in WORDS.denied_statements for c in said):
        return False
    return any(t.lemma_.lower() in WORDS.dismissive_words for c in head.children
               if c.dep_ in ("oprd", "acomp", "attr", "xcomp", "ccomp", "prep")
               for t in c.subtree)


def _deniers(item: AnalysedSentence, verb: Token, subject: Token | None = None
             ) -> list[tuple[Entity, str]]:
    """The actors that deny, with the words that name them: the verb's subject, or the
    subject it shares with the verb it is coordinated with."""
    subject = subject or next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    pair = item.sm.pairs.get(subject.i)
    if pair is not None:  # "both countries deny it"
        return [(e, e.name) for e in pair]
    out: list[tuple[Entity, str]] = []
    for tok in subject.subtree:
        if tok.dep_ in ("relcl", "acl", "appos"):
            break
        m = item.sm.at(tok)
        if m is None or m.is_item or any(e.id == m.entity.id for e, _ in out):
            continue
        out.append((m.entity, m.entity.name if tok.pos_ == "PRON" else m.text))
    return out
