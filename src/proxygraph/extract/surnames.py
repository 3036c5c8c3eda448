"""People named again by their surname.

Reports name a person in full once ("Colombian President Gustavo Petro", "the Saudi-born
commander Ibn al-Khattab") and by surname afterwards ("Petro suspended the talks",
"Khattab trained recruits"). The registry cannot list every surname as an alias (a bare
"Kabila" or "Castro" names several people), but within one report a surname stands for
the one person of that name it has named in full. This component keeps, per document, each
named person's surname and turns a later bare surname into a mention of that person; a
surname two named people share stays unresolved.
"""

from __future__ import annotations

from spacy.tokens import Doc

from proxygraph.extract.arrays import arrays
from proxygraph.extract.mentions import Mention
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity
from proxygraph.registry import default_registry

# Particles before an Arabic or European family name: "al-Khattab" is "Khattab" too.
_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "az", "ibn", "bin", "ben",
                        "abu", "de", "van", "von", "der", "da", "di", "la", "le", "du"})
_MIN_LENGTH = 3  # "Ri Son Gwon": a two-letter last word is no surname to look for


def surname_forms(entity: Entity) -> set[str]:
    """The bare surnames a person's multiword names end with ("Gustavo Petro" -> Petro,
    "Ibn al-Khattab" -> Khattab), or begin with where the family name comes first ("Kim
    Jong Un" -> Kim)."""
    forms: set[str] = set()
    first_word = named_by_first_word(entity)
    for name in (entity.name, *entity.aliases):
        words = name.split()
        if len(words) < 2:
            continue
        if first_word:
            first = words[0]
            if len(first) >= 2 and first.isalpha() and first[0].isupper():
                forms.add(first)
            continue
        last = words[-1]
        head, _, tail = last.rpartition("-")
        core = tail if head.lower() in _PARTICLES else last
        if len(core) >= _MIN_LENGTH and core.isalpha() and core[0].isupper():
            forms.add(core)
    return forms


def named_by_first_word(person: Entity) -> bool:
    """Whether a report names this person again by the first word of their name: they
    belong to a state, or a body of a state, where that word is the family name ("Kim") or
    the only personal name ("Getachew")."""
    states = WORDS.first_word_name_states
    if person.affiliation is None:
        return False
    if person.affiliation in states:
        return True
    body = default_registry().affiliate(person)
    return body is not None and bool(body.countries) and body.countries[0] in states


class Surnames:
    """One document's surnames: form -> the person, or None when two people share it."""

    def __init__(self) -> None:
        self.table: dict[str, Entity | None] = {}
        self.people: dict[str, Entity] = {}  # everyone named in full, by id, first named first

    def learn(self, entity: Entity) -> None:
        self.people.setdefault(entity.id, entity)
        for form in surname_forms(entity):
            known = self.table.get(form, entity)
            self.table[form] = entity if known is not None and known.id == entity.id else None

    def person(self, form: str) -> Entity | None:
        return self.table.get(form)


def with_surnames(doc: Doc, mentions: list[Mention], surnames: Surnames) -> list[Mention]:
    """A chunk's mentions with its bare surnames of people the document named in full
    (in this chunk or before it); `surnames` learns the chunk's people."""
    for m in mentions:
        if m.entity.kind == "person":
            surnames.learn(m.entity)
    if not surnames.table:
        return mentions
    a = arrays(doc)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    for i, text in enumerate(a.text):
        # court filings and indictments write a defined party's surname in capitals
        # ("DARWISH wired the money"), which the tagger reads as anything but a name
        shouted = len(text) >= _MIN_LENGTH and text.isupper() and text.isalpha()
        if i in covered or (a.pos[i] != "PROPN" and not shouted):
            continue
        person = surnames.person(text.capitalize() if shouted else text)
        if person is None:
            continue
        if (named_by_first_word(person) and i + 1 < len(a.text)
                and a.pos[i + 1] == "PROPN" and a.text[i + 1][:1].isupper()):
            continue  # "Kim Do-hyun" is another Kim
        start = i
        if (i >= 2 and a.text[i - 1] == "-" and a.lower[i - 2] in _PARTICLES
                and not covered & {i - 1, i - 2}):
            start = i - 2  # "al-Sisi"
        found.append(Mention(start, i + 1, person, doc[start:i + 1].text))
    if not found:
        return mentions
    return sorted(mentions + found, key=lambda m: m.start)
