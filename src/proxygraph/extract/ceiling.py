"""The names each sentence offers as claim parties: what any relation classifier could use.

Used by the evaluation bench to measure the candidate ceiling (the share of gold claims
whose sentence mentions both parties in some form), so a recall loss can be told apart
from a mention loss.
"""

from __future__ import annotations

from pathlib import Path

from proxygraph.evaluate import normalize_name
from proxygraph.extract.nlp import span_text
from proxygraph.extract.pipeline import analysed_sentences

_PARTY_LABELS = {"ORG", "GPE", "NORP", "PERSON", "FAC", "LOC"}


def sentence_names(path: Path) -> list[tuple[str, set[str]]]:
    """(sentence text, normalized names it offers) for every sentence of a report file:
    the extractor's own mentions (registry, the report's names, anaphora), spaCy's
    entities and noun chunks."""
    from proxygraph.ingest import read_document

    out: list[tuple[str, set[str]]] = []
    for item in analysed_sentences(read_document(path)):
        sent = item.sent
        names: set[str] = set()
        for m in item.sm.mentions:
            names |= {normalize_name(n) for n in (m.entity.name, *m.entity.aliases, m.text)}
        for ent in sent.ents:
            if ent.label_ in _PARTY_LABELS:
                names.add(normalize_name(ent.text))
        for chunk_np in sent.noun_chunks:  # descriptive collectives ("Syrian fighters")
            names.add(normalize_name(chunk_np.text))
            names.add(normalize_name(" ".join(t.text for t in chunk_np
                                              if t.dep_ != "det")))
        out.append((span_text(sent), names))
    return out
