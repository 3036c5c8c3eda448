"""Repairs of parses the small model gets wrong in a way that changes who the parties are.

Each repair is local, rare and cheap: it looks at a sentence's root only. Headlines and
leads often end on their source ("North Korean troops fighting in Kursk, Seoul says"); the
model then makes the story's subject a second subject of "says", so the source becomes a
party. The repair hangs the story under the reporting verb as its content clause, as the
model does when the story has a finite verb ("Iran arming rebels, US says").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from proxygraph.extract.lexicon import reporting_verbs


def repair(doc: Doc) -> Doc:
    reporting = reporting_verbs()
    for sent in doc.sents:
        _trailing_source(sent.root, reporting)
    return doc


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
