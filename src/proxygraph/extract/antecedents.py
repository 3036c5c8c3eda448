"""Where a pronoun's antecedent sits in its own sentence: the speaker of the clause it is
reported in, the subject or object of the verb it hangs on, the one a gift is for. The
anaphora (`anaphora.py`) asks these before looking back at earlier sentences.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from proxygraph.extract.lexicon import load_lexicon, reporting_verbs
from proxygraph.extract.mentions import Mention
from proxygraph.extract.wordsets import WORDS


def reporting_person(pronoun: Token, actors: list[Mention]) -> Mention | None:
    """The person a "he"/"his" in reported speech refers to: the subject of the reporting
    verb the pronoun's clause hangs on ("X said he had met Y", "X said his government
    would ..."); None anywhere else."""
    if pronoun.pos_ not in ("PRON", "DET"):
        return None
    clause = pronoun.head if pronoun.dep_ in ("nsubj", "nsubjpass") else pronoun.head.head
    for _ in range(3):
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in reporting_verbs():
            speaker = clause.head
            found = [m for m in actors if m.entity.kind == "person" and m.start < pronoun.i
                     and pronoun.doc[m.end - 1].dep_ == "nsubj"
                     and pronoun.doc[m.end - 1].head.i == speaker.i]
            return found[-1] if found else None
        clause = clause.head
    return None


def governing_verb(tok: Token) -> Token:
    """The word an argument hangs on, past its preposition ("armed [them]", "provides
    [them] with", "supplied [to] them")."""
    return tok.head.head if tok.dep_ == "pobj" else tok.head


def own_subject(tok: Token, actors: list[Mention]) -> Mention | None:
    """The actor that is the subject of the verb an object description hangs on ("Wagner"
    in "Wagner supplied the militia with missiles"), which the description cannot be."""
    if tok.dep_ not in ("dobj", "pobj", "dative"):
        return None
    verb = governing_verb(tok)
    return next((m for m in actors if tok.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")
                 and tok.doc[m.end - 1].head.i == verb.i), None)


def copula_attribute(tok: Token) -> bool:
    """"its" in what the copula's subject is said to be ("the UAE is its main sponsor")."""
    return tok.dep_ == "poss" and tok.head.dep_ == "attr"


def attacked_possession(tok: Token) -> Token | None:
    """The attack verb whose target "its"/"their" possesses ("fired missiles at its
    cities", "shelled their positions"), or None."""
    if tok.dep_ != "poss" or tok.head.dep_ not in ("dobj", "pobj"):
        return None
    verb = governing_verb(tok.head)
    return verb if load_lexicon().verb_gives(verb.lemma_.lower(), "CLASH") else None


def first_conjunct_object(verb: Token, pronoun: Token, actors: list[Mention]
                           ) -> list[Mention]:
    """The actor a conjoined verb's object pronoun takes from the verb it shares a subject
    with: "supplies the Houthis ... and provides them" (none when the verb has its own
    subject, or the first verb's object is no actor)."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    first = verb.head
    objects = []
    for m in actors:
        last = pronoun.doc[m.end - 1]
        if not (first.i < m.start < verb.i and last.dep_ in ("dobj", "dative", "pobj")):
            continue
        if governing_verb(last).i == first.i:
            objects.append(m)
    return objects[-1:]


def up_to(tok: Token, found: Callable[[Token], bool]) -> Token:
    """From the pronoun's head up at most six heads: the first token `found` accepts, else
    where the walk stopped (the root, or six heads up)."""
    clause = tok.head
    for _ in range(6):
        if found(clause) or clause.head.i == clause.i:
            break
        clause = clause.head
    return clause


def object_controller(tok: Token, actors: list[Mention]) -> Mention | None:
    """The object of a verb that hands its act to it ("urged Pyongyang to stop ...",
    "asked Iran to rein in ..."), when the pronoun lies in that act's clause."""
    clause = up_to(tok, lambda t: t.pos_ in ("VERB", "AUX"))
    if clause.dep_ != "xcomp" or clause.i > tok.i + 6:
        return None
    objects = {c.i for c in clause.head.children if c.dep_ == "dobj"}
    found = [m for m in actors if m.end - 1 in objects and m.end <= tok.i]
    return found[-1] if found else None


def receiver_of_purpose(tok: Token, actors: list[Mention]) -> Mention | None:
    """The one given to, for a possessive in the purpose of a gift: "gave the militias
    drones for their attacks", "supplies Hezbollah with rockets for its war"."""
    noun = tok.head
    if tok.dep_ != "poss" or noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    verb = noun.head.head
    for _ in range(3):  # "rockets for its war", "data (targeting) for their attacks"
        if verb.pos_ == "VERB" and verb.dep_ != "acl":
            break
        verb = verb.head.head if verb.dep_ == "pobj" else verb.head
    if verb.pos_ != "VERB":
        return None
    heads = {c.i for c in verb.children if c.dep_ in ("dobj", "dative")} | {
        o.i for p in verb.children if p.dep_ in ("prep", "dative") and p.lower_ == "to"
        for o in p.children if o.dep_ == "pobj"}
    found = [m for m in actors if m.end - 1 in heads and m.end <= tok.i]
    return found[0] if len(found) == 1 else None


def relative_speaker(tok: Token, mentions: list[Mention]) -> Mention | None:
    """"Russia's defence ministry, which said its forces had shot down ...": the pronoun
    in what a relative clause's subject says is that subject's antecedent."""
    if tok.lower_ not in ("its", "their", "it", "they"):
        return None
    clause = up_to(tok, lambda t: t.dep_ == "ccomp")
    speech = clause.head
    if clause.dep_ != "ccomp" or speech.dep_ != "relcl":
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in ("which", "who", "that")
               for c in speech.children):
        return None
    antecedent = speech.head.i
    found = [m for m in mentions if m.start <= antecedent < m.end and not m.is_item]
    return found[0] if found else None


def office_speaker(tok: Token, actors: list[Mention]) -> Mention | None:
    """"South Korea's presidential office said it would consider sending weapons": what an
    unnamed office or ministry says of "it" is said of the body it speaks for, named as
    its possessor or modifier ("Germany's defence ministry", "the Iranian foreign
    ministry")."""
    if tok.lower_ not in ("its", "it"):
        return None
    clause = up_to(tok, lambda t: t.dep_ == "ccomp")
    speech = clause.head
    if clause.dep_ != "ccomp" or speech.lemma_.lower() not in reporting_verbs():
        return None
    office = next((c for c in speech.children if c.dep_ == "nsubj"), None)
    if office is None or office.lemma_.lower() not in WORDS.office_organ_words or any(
            m.start <= office.i < m.end for m in actors):
        return None
    owners = [m for m in actors if office.left_edge.i <= m.start and m.end <= office.i
              and m.entity.kind in ("state", "armed_group", "organization")]
    return owners[-1] if owners else None
