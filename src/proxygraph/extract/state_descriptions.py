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

from proxygraph.extract.arrays import arrays
from proxygraph.extract.mentions import Mention
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity


def learn_state_descriptions(sent: Span, mentions: list[Mention],
                             table: dict[str, Entity]) -> None:
    """Record which state each government word of the sentence belongs to: "Mali's
    junta", "the Malian junta", "the government of Ethiopia", "Myanmar junta" (an alias)."""
    words = WORDS.state_descriptions
    a = arrays(sent.doc)  # (read by index: asked of every state mention)
    for m in mentions:
        if m.entity.kind != "state" or m.is_item:
            continue
        last = m.end - 1
        head = a.head[last]
        word: str | None = None
        if a.lemma[last] in words:
            word = a.lemma[last]  # the alias holds the word
        elif a.lemma[head] in words and a.dep[last] in ("poss", "amod", "compound", "nmod"):
            word = a.lemma[head]
        elif a.dep[last] == "pobj" and a.lower[head] == "of" and a.lemma[a.head[head]] in words:
            word = a.lemma[a.head[head]]
        if word is not None:
            table[word] = m.entity


def with_state_descriptions(sent: Span, mentions: list[Mention],
                            table: dict[str, Entity]) -> list[Mention]:
    """The sentence's mentions with one for each bare government word ("the junta", "the
    transitional authorities") whose state the document gave before."""
    words = WORDS.state_descriptions
    a = arrays(sent.doc)  # (read by index: asked of every sentence)
    if not table or words.isdisjoint(a.lemma[sent.start:sent.end]):
        return mentions
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra: list[Mention] = []
    for i in range(sent.start, sent.end):
        lemma = a.lemma[i]
        if lemma not in words or i in taken or a.pos[i] != "NOUN":
            continue
        tok = a.tokens[i]
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
