"""'The junta', 'the regime', 'the authorities': a state described by its government.

Reports name a state's government once ("Mali's junta", "the Burkinabe transitional
authorities", "the government of Ethiopia") and then by the description alone ("the junta
ordered US troops to leave"). The description is that state (guides 17 and 18). This
component keeps, per document, the state each government word was last tied to, and
turns a later bare description ("the junta", "the transitional authorities") into a
mention of it. A word never tied to a state, or tied only through another word ("the
administration" after "Iran's government"), stays unresolved.
"""

from __future__ import annotations

from spacy.tokens import Span

from proxygraph.extract.mentions import Mention
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity


def learn_state_descriptions(sent: Span, mentions: list[Mention],
                             table: dict[str, Entity]) -> None:
    """Record which state each government word of the sentence belongs to: "Mali's
    junta", "the Malian junta", "the government of Ethiopia", "Myanmar junta" (an alias)."""
    words = WORDS.state_descriptions
    doc = sent.doc
    for m in mentions:
        if m.entity.kind != "state" or m.is_item:
            continue
        last = doc[m.end - 1]
        word: str | None = None
        if last.lemma_.lower() in words:
            word = last.lemma_.lower()  # the alias holds the word
        elif last.head.lemma_.lower() in words and last.dep_ in ("poss", "amod", "compound",
                                                                  "nmod"):
            word = last.head.lemma_.lower()
        elif (last.dep_ == "pobj" and last.head.lower_ == "of"
              and last.head.head.lemma_.lower() in words):
            word = last.head.head.lemma_.lower()
        if word is not None:
            table[word] = m.entity


def with_state_descriptions(sent: Span, mentions: list[Mention],
                            table: dict[str, Entity]) -> list[Mention]:
    """The sentence's mentions with one for each bare government word ("the junta", "the
    transitional authorities") whose state the document gave before."""
    if not table:
        return mentions
    words = WORDS.state_descriptions
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra: list[Mention] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in words or tok.i in taken or tok.pos_ != "NOUN":
            continue
        if tok.tag_ != ("NNS" if lemma == "authority" else "NN"):
            continue  # "the two governments" are a pair (anaphora.pair_references)
        children = list(tok.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
            continue
        # "the Malian junta", "the government of Sudan", "the Taliban regime": named here
        if any(c.dep_ in ("poss", "compound", "nmod", "prep") or any(
                i in taken for i in range(c.left_edge.i, c.right_edge.i + 1))
               for c in children if c.dep_ != "det"):
            continue
        state = table.get(lemma)
        if state is not None:
            extra.append(Mention(tok.i, tok.i + 1, state, tok.text))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)
