"""Repairs of parses the small model gets wrong in a way that changes who the parties are.

Each repair is local, rare and cheap: it looks at a sentence's root only. Headlines and
leads often end on their source ("North Korean troops fighting in Kursk, Seoul says"); the
model then makes the story's subject a second subject of "says", so the source becomes a
party. The repair hangs the story under the reporting verb as its content clause, as the
model does when the story has a finite verb ("Iran arming rebels, US says").
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from proxygraph.extract.lexicon import load_lexicon, reporting_verbs
from proxygraph.extract.wordsets import WORDS


def repair(doc: Doc) -> Doc:
    lexicon = load_lexicon()
    reporting = reporting_verbs()
    triggers = lexicon.verbs
    for sent in doc.sents:
        _trailing_source(sent.root, reporting)
    for tok in doc:
        if tok.dep_ == "conj" and tok.lower_ in lexicon.backing_participles:
            _stranded_epithet(tok)
        elif tok.tag_ == "JJ" and tok.lower_.endswith("ed"):
            _adjective_verb(tok, triggers)
        elif tok.dep_ == "compound" and tok.tag_ in ("NN", "VBG") and tok.lower_.endswith("ing"):
            _gerund_after_aspect(tok, triggers)
    return doc


def _stranded_epithet(tok: Token) -> None:
    """"between the SDF and Turkish-backed factions": the model sometimes makes the
    hyphenated participle a conjunct of the noun before "and", leaving its own noun
    without it. A participle after a hyphen modifies the noun that follows it."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text not in ("-", "–") or tok.i + 1 >= len(doc):
        return
    noun, first = doc[tok.i + 1], tok.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.head.i == tok.i:
        return
    tok.head, tok.dep_ = noun, "amod"
    if first.head.i == noun.i and first.dep_ in ("nmod", "compound") and first.i < tok.i:
        # the noun before "and" was made the modifier of ours; it is the first conjunct
        first.head, first.dep_ = noun.head, noun.dep_
        noun.head, noun.dep_ = first, "conj"


def _gerund_after_aspect(tok: Token, triggers: Mapping[str, object]) -> None:
    """"have begun training units of the army": after a verb of beginning or continuing the
    -ing word is the verb ("begun [training [units]]"), not a noun compound
    ("[training units]")."""
    noun = tok.head
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_ not in WORDS.aspect_verbs or tok.i != verb.i + 1:
        return
    word = tok.lower_[:-3]
    lemma = next((s for s in (word, word + "e") if s in triggers), None)
    if lemma is None:
        return
    tok.head, tok.dep_ = verb, "xcomp"
    noun.head = tok
    tok.tag_, tok.pos_, tok.lemma_ = "VBG", "VERB", lemma


def _adjective_verb(tok: Token, triggers: Mapping[str, object]) -> None:
    """"Iran armed Hamas", "Russia armed and funded Haftar": the model reads a trigger's
    past tense as an adjective yet gives it a direct object. A word with an object is a
    verb; it gets the verb's tag and lemma back when the lemma is a trigger."""
    word = tok.lower_
    stems = (word[:-2], word[:-1], word[:-3], word[:-3] + "y")  # armed, financed, equipped
    lemma = next((s for s in stems if s in triggers), None)
    if lemma is None:
        return
    has_object = any(c.dep_ in ("dobj", "dative") for c in tok.children)
    clause_head = tok.dep_ in ("ROOT", "conj") and any(c.dep_ == "nsubj" for c in tok.children)
    noun = tok.head
    # "funded and armed Hamas" parsed as "funded and [armed Hamas]": Hamas, a conjunct of
    # the first verb, is the object both verbs share
    shared = (tok.dep_ == "amod" and noun.i == tok.i + 1 and noun.dep_ == "conj"
              and noun.head.pos_ == "VERB" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "and")
    if not (has_object or clause_head or shared):
        return
    if shared:
        verb = noun.head
        tok.head, tok.dep_ = verb, "conj"
        noun.head, noun.dep_ = tok, "dobj"
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
    tok.tag_ = "VBN" if perfect else "VBD"
    tok.pos_ = "VERB"
    tok.lemma_ = lemma


def _trailing_source(root: Token, reporting: frozenset[str]) -> None:
    """"<story>, Seoul says": the first of two subjects, before a comma, is the story; or
    the source read as an apposition of the story's subject, just before the verb. The
    parse is changed only when every condition holds."""
    if root.lemma_.lower() not in reporting:
        return
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if len(subjects) == 2:
        story, source = subjects
        appositive = False
    elif len(subjects) == 1:
        story = subjects[0]
        found = next((c for c in story.children if c.dep_ == "appos"
                      and c.right_edge.i + 1 == root.i), None)
        if found is None or root.doc[found.left_edge.i - 1].text != ",":
            return
        source, appositive = found, True
    else:
        return
    last = max(t.i for t in story.subtree
               if not t.is_punct and t.i < source.i and not (appositive and source.is_ancestor(t)))
    if [t.text for t in root.doc[last + 1:source.left_edge.i]] != [","]:
        return
    if appositive:
        source.head = root
        source.dep_ = "nsubj"
    story.dep_ = "ccomp"
