"""Names a report introduces that the registry does not know.

Real reports name actors no curated list foresees: a faction ("the Sultan Murad
Division"), a company, a minister, and acronyms they define themselves ("Haftar Affiliated
Forces (HAF)"). Without a mention no rule or classifier can make them a party. This
component finds, per document:

- acronym definitions, "Long Name (ACR)" or "ACR (Long Name)": ACR then means whatever the
  long name means (a registry entity, or a new unregistered one);
- proper names the parser tags as organisations or persons, of two or more capitalised
  words, not inside a registry mention: unregistered entities (`resolved: false`), their
  kind guessed from the head word ("Division" -> armed group, a person -> person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from spacy.tokens import Doc, Span

from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.extract.mentions import AliasIndex, Mention, normalized
from proxygraph.extract.nlp import doc_text
from proxygraph.extract.wordsets import WORDS
from proxygraph.gazetteer import is_town
from proxygraph.ids import stable_id
from proxygraph.model import Entity
from proxygraph.registry import default_registry, normalize

# "Long Name (ACR)": a parenthesised acronym of 2-8 letters, at least two of them capitals
# ("JeM"; digits and hyphens allowed inside), defined by the words just before it whose
# initials spell it.
# How alike (difflib ratio) a long form must be to a registry name to be its spelling:
# "kataib hizbollah" / "kataib hezbollah" 0.94; "rwanda security forces" / "rapid support
# forces" 0.71 is another group.
SPELLING_SIMILARITY = 0.85
_HYPHENS = ("-", "–")
# "Jaish-e-Mohammed (JeM)", and in encyclopedic prose "(JeM; 'Army of Muhammad')",
# "(HTS, formerly ...)": the short form opens the parenthesis
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9\-]{1,7})(?:\)|[;,]\s)")
_WORD = re.compile(r"[\w'’.\-]+")
# 'the United Arab Emirates (the "Respondent")', 'Ural Radio Systems JSC ("URS")',
# '(hereinafter "the Company")': a filing's defined term for the name before it
_DEFINED = re.compile(r"\((?:hereinafter(?: referred to as)?,?\s+)?(?:the\s+)?[\"“‘']+"
                      r"(?:the\s+)?([A-Z][\w.\-]*(?:\s+[A-Z0-9][\w.\-]*){0,3})[\"”’']+\)")


@dataclass
class LocalNames:
    """The document's own names: normalized surface -> entity."""

    table: dict[str, Entity] = field(default_factory=dict)
    longest: int = 1  # tokens

    def at(self, a: DocArrays, text: str, start: int, end: int) -> tuple[str, Entity | None]:
        """Tokens `start`..`end`-1 as written (`text`: the Doc's text), and what they name
        in this document, if anything."""
        last = end - 1
        surface = text[a.idx[start]:a.idx[last] + len(a.text[last])]
        return surface, self.table.get(normalized(surface))

    def add(self, surface: str, entity: Entity) -> None:
        key = normalize(surface)
        if key and key not in self.table:
            self.table[key] = entity
            self.longest = max(self.longest, len(surface.split()))


def unregistered(name: str, kind: str, aliases: tuple[str, ...] = ()) -> Entity:
    state = _state_of_forces(name) if kind == "state_organ" else None
    return Entity(id=stable_id("x", normalize(name)), name=name, kind=kind,
                  aliases=tuple(dict.fromkeys(a for a in aliases if a and a != name)),
                  resolved=False, affiliation=state)


# "Rwanda Security Forces", "Burkinabe Army": a state's own forces, named after the state
_STATE_FORCES = re.compile(r"(?:(?:security|defen[cs]e|armed|national defen[cs]e) forces?"
                           r"|(?:national )?(?:army|police|navy|gendarmerie)|air force)$")


def guess_kind(name: str) -> str:
    words = [w.lower().strip(".,") for w in name.split()]
    if any(w in WORDS.state_organ_heads for w in words) or _state_of_forces(name):
        return "state_organ"
    if any(w in WORDS.armed_heads for w in words) or name.isupper():
        return "armed_group"
    return "organization"


def _state_of_forces(name: str) -> str | None:
    """The state whose own forces a name is ("Rwanda Security Forces" -> rwanda)."""
    first, _, rest = name.partition(" ")
    if not _STATE_FORCES.fullmatch(rest.lower()):
        return None
    registry = default_registry()
    state = registry.lookup_actor(first) or registry.demonym(first)
    return state.id if state is not None and state.kind == "state" else None


def document_names(text: str, index: AliasIndex) -> LocalNames:
    """Acronyms the document defines, mapped to what their long form names."""
    names = LocalNames()
    for match in _ACRONYM.finditer(text):
        short = match.group(1)
        before = _WORD.findall(text[max(0, match.start() - 120):match.start()])
        words = _defining_words(before, short)
        if not words:
            continue
        long_form = " ".join(words)
        if normalize(long_form) in WORDS.not_parties:
            continue
        entity = index.match_text(long_form) or _registry_suffix(words, index, short)
        known = index.match_text(short)
        if entity is None and known is not None:
            # "(SNA)" after words the registry cannot read: keep its meaning; when they are
            # another spelling of its name ("Kataib Hizbollah (KH)"), they name it too
            if _spelling_of(long_form, known):
                names.add(long_form, known)
            continue
        if entity is None:
            entity = unregistered(long_form, guess_kind(long_form), (short,))
        # A report's own definition wins over the registry's reading of the acronym:
        # "Somali National Army (SNA)" makes SNA Somali in this report
        names.add(short, entity)
        names.add(long_form, entity)
    for match in _DEFINED.finditer(text):
        entity = _defined_entity(_WORD.findall(text[max(0, match.start() - 160):match.start()]),
                                 index)
        if entity is not None and normalize(match.group(1)) not in WORDS.not_parties:
            names.add(match.group(1), entity)
    return names


def _defined_entity(before: list[str], index: AliasIndex) -> Entity | None:
    """What the words just before a defined term name: the longest registry name ending
    there, else the run of capitalised words ending there (two or more), unregistered."""
    before = [w.strip(".,") for w in before[-8:]]
    for k in range(len(before), 0, -1):
        words = before[-k:]
        if not words[0][:1].isupper():
            continue
        entity = index.match_text(" ".join(words))
        if entity is not None:
            return entity
    run: list[str] = []
    for word in reversed(before):
        if not (word[:1].isupper() or (run and word.lower() in WORDS.name_joiners)):
            break
        run.insert(0, word)
    while run and run[0].lower() in WORDS.name_joiners:
        run.pop(0)
    if len(run) < 2:
        return None
    name = " ".join(run)
    return unregistered(name, guess_kind(name))


def _spelling_of(long_form: str, known: Entity) -> bool:
    """Whether a long form the registry cannot read is another spelling of what the
    registry takes its acronym for ("Kataib Hizbollah (KH)"; not "Rwanda Security Forces
    (RSF)")."""
    wanted = normalize(long_form)
    return any(SequenceMatcher(None, wanted, normalize(name)).ratio() >= SPELLING_SIMILARITY
               for name in (known.name, *known.aliases))


def _defining_words(before: list[str], short: str) -> list[str]:
    """The fewest words ending just before "(ACR)" whose initials, joiners aside, are the
    acronym's letters in order, the first word giving the first letter ("Haftar
    affiliated forces" -> HAF); none when no such run exists ("said on Friday (AFP)")."""
    letters = [c for c in short.upper() if c.isalpha()]
    if len(letters) < 2 or sum(c.isupper() for c in short) < 2:
        return []
    for k in range(1, min(len(before), len(letters) + 4) + 1):
        words = before[-k:]
        # "Jaish-e-Mohammed (JeM)": a hyphenated name's parts give initials too
        content = [part for w in words if w.lower() not in WORDS.name_joiners
                   for part in w.split("-") if part]
        if not content or words[0].lower() in WORDS.name_joiners:
            continue
        initials = [w[0].upper() for w in content]
        if initials == letters or (initials[0] == letters[0] and _subsequence(letters, initials)
                                   and len(content) <= len(letters) + 1):
            return words
    return []


def _subsequence(letters: list[str], initials: list[str]) -> bool:
    pos = 0
    for c in letters:
        try:
            pos = initials.index(c, pos) + 1
        except ValueError:
            return False
    return True


def _registry_suffix(words: list[str], index: AliasIndex, short: str) -> Entity | None:
    """"the Russian-backed Africa Corps (AC)": the longest registry name ending the phrase
    that still spells the acronym ("Hizbollah" of "Kataib Hizbollah (KH)" does not)."""
    for start in range(1, len(words) - 0):
        if _defining_words(words[start:], short) != words[start:]:
            continue
        entity = index.match_text(" ".join(words[start:]))
        if entity is not None:
            return entity
    return None


def with_local_names(doc: Doc, registry_mentions: list[Mention], names: LocalNames
                     ) -> list[Mention]:
    """A chunk's mentions with the document's own names: its acronym definitions override
    the registry's reading of the same letters, and unregistered names are added."""
    registry_mentions = _states_inside_names(doc, registry_mentions)
    # "Kataib Hizbollah (KH)" defined here: its words are that name, not "Hizbollah"
    spans = _defined_spans(doc, names)
    registry_mentions = [m for m in registry_mentions if not any(
        start <= m.start and m.end <= end and end - start > m.end - m.start
        for start, end in spans)]
    merged = []
    for m in registry_mentions:
        own = names.table.get(normalize(m.text)) if m.text.isupper() else None
        merged.append(Mention(m.start, m.end, own, m.text) if own is not None
                      and own.id != m.entity.id else m)
    return sorted(merged + local_mentions(doc, merged, names), key=lambda m: m.start)


def _defined_spans(doc: Doc, names: LocalNames) -> list[tuple[int, int]]:
    """Token spans of the document's own multiword names in a chunk."""
    if names.longest < 2:
        return []
    a = arrays(doc)
    texts, text = a.text, doc_text(doc)
    out = []
    for i in range(len(texts)):
        if not texts[i][:1].isupper() or texts[i].lower() in ("the", "a", "an"):
            continue
        for length in range(min(names.longest, len(texts) - i), 1, -1):
            if not texts[i + length - 1][:1].isalnum():
                continue  # a name ends on a word, not on the comma after it
            if names.at(a, text, i, i + length)[1] is not None:
                out.append((i, i + length))
                break
    return out


def _states_inside_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the Chad Patriotic Front", "the Palestine Liberation Army": a state's name inside an
    organisation's proper name is part of that name, not the state. The registry's
    mention gives way to the name the parser tags, when the name ends with a word for an
    armed body and the registry knows no entity for it."""
    states = [m for m in mentions if m.entity.kind == "state"]
    if not states:
        return mentions
    out = list(mentions)
    for ent in arrays(doc).ents:
        if ent.label_ != "ORG" or ent[-1].lower_ not in WORDS.armed_heads or any(
                t.lower_ in WORDS.state_organ_heads for t in ent):
            continue  # "the Russian Federation Ministry of Defence" is the state's organ
        inside = [m for m in mentions if ent.start <= m.start and m.end <= ent.end]
        if not inside or any(m.entity.kind != "state" for m in inside):
            continue  # "the Libyan National Army" is the registry's; "Free Syrian Army" too
        if any(m.demonym for m in inside) and ent[-1].lower_ not in WORDS.named_unit_heads:
            continue  # "the Syrian Army" is the state's; "the Georgian Legion" names itself
        named = _named(ent)
        if named is None or named.end - named.start <= max(m.end - m.start for m in inside):
            continue
        out = [m for m in out if m not in inside] + [named]
    return sorted(out, key=lambda m: m.start) if out != mentions else mentions


def local_mentions(doc: Doc, registry_mentions: list[Mention], names: LocalNames
                   ) -> list[Mention]:
    """Mentions of the document's own names and of unregistered proper names in a chunk."""
    covered = {i for m in registry_mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    if names.table:
        a = arrays(doc)
        texts, text = a.text, doc_text(doc)
        n = len(texts)
        i = 0
        while i < n:
            if i in covered or not texts[i][:1].isupper():
                i += 1
                continue
            found = None
            for length in range(min(names.longest, n - i), 0, -1):
                surface, entity = names.at(a, text, i, i + length)
                if entity is not None and not any(j in covered for j in range(i, i + length)):
                    found = Mention(i, i + length, entity, surface)
                    break
            if found is not None:
                out.append(found)
                covered.update(range(found.start, found.end))
                i = found.end
            else:
                i += 1
    for ent in arrays(doc).ents:
        if ent.label_ not in ("ORG", "PERSON") or any(i in covered
                                                      for i in range(ent.start, ent.end)):
            continue
        mention = _named(ent)
        if mention is not None:
            out.append(mention)
            covered.update(range(mention.start, mention.end))
    out.extend(_shouted_names(doc, covered))
    return out


def _shouted_names(doc: Doc, covered: set[int]) -> list[Mention]:
    """Names a court filing writes in capitals inside prose ("The defendant ARTUR PETROSYAN
    was ...", "KAVKAZ TRADE LINK LLC"): a person, or a company when the last word says so.
    The tagger reads such words as anything but a name; `surnames` then finds the person's
    bare "PETROSYAN" later on."""
    a = arrays(doc)
    words = [t for t in a.text if t.isalpha()]
    if len(words) < 6 or sum(w[0].islower() for w in words) * 3 < len(words):
        return []  # a heading, in capitals or title case, not prose
    out = []
    i, n = 0, len(a.text)
    while i < n:
        end = i
        while end < n and end not in covered and (
                _shouted(a.text[end]) or (a.text[end] == "-" and end > i
                                           and end + 1 < n and _shouted(a.text[end + 1]))):
            end += 1
        names = [w for w in a.text[i:end] if w != "-"]
        if (2 <= len(names) <= 4 and sum(len(w) >= 4 for w in names) >= 2
                and not (end < n and a.text[end] == ":")  # "BREAKING NEWS:" is a label
                and not (i > 0 and i - 1 in covered and _shouted(a.text[i - 1]))
                and not _plain_words(names, a.lower[i - 1] if i > 0 else "")):
            surface = " ".join(a.text[i:end]).replace(" - ", "-")
            name = " ".join(w.capitalize() for w in surface.split())
            name = "-".join(p[:1].upper() + p[1:] for p in name.split("-"))
            kind = "organization" if names[-1].lower() in WORDS.company_suffixes else "person"
            out.append(Mention(i, end, unregistered(name, kind, (surface,)), surface))
        i = max(end, i + 1)
    return out


def _plain_words(names: list[str], before: str) -> bool:
    """"COMMUNIQUE OF THE GOVERNMENT", "DEPUTY PRESS SECRETARY", "Operation FANSAN YAMMA":
    capitals that are a heading, a title or an operation, no one's name."""
    lowered = {w.lower() for w in names}
    return (before in WORDS.not_party_name_starts
            or not lowered.isdisjoint(_HEADING_WORDS | load_lexicon().title_words
                                      | WORDS.voice_genres | WORDS.press_genre_heads))


_HEADING_WORDS = frozenset({"and", "for", "in", "of", "on", "the", "to"})


def _shouted(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def _line_label(span: Span) -> bool:
    """A word opening its line before a colon or a parenthesis: a transcript label."""
    doc = span.doc
    first = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    return first and span.end < len(doc) and doc[span.end].text in (":", "(")


def _named(ent: Span) -> Mention | None:
    words = [t for t in ent if not t.is_punct]
    while words and words[0].lower_ in ("the", "a", "an"):
        words = words[1:]
    if not words or words[-1].tag_ == "POS":
        words = words[:-1] if words else words
    while words and words[-1].lower_ in WORDS.name_joiners:
        words = words[:-1]  # "the Group of Experts of" the entity cut short: its head
    if not words:
        return None
    start, end = words[0].i, words[-1].i + 1
    span = ent.doc[start:end]
    text = span.text
    if normalize(text) in WORDS.not_parties or is_town(text):
        return None  # "El Fasher" tagged as an organisation is a town (guide 19)
    if words[0].lower_ in WORDS.not_party_name_starts:
        return None  # "Operation Shujaa" is what the parties did, not a party
    # "Ansar al-Sharia", "Jaysh al-Fatah": an Arabic group name the parser takes for a
    # person's, hyphens and all (other hyphenated names stay out: "al-Khadim" is a base)
    arabic_group = words[0].lower_ in WORDS.arabic_armed_heads and words[0].text[:1].isupper()
    capitalised = all(t.text[:1].isupper() or t.lower_ in WORDS.name_joiners
                      or (arabic_group and t.text in _HYPHENS) for t in span)
    if not capitalised:
        return None
    if arabic_group:
        return Mention(start, end, unregistered(text, "armed_group"), text)
    if ent.label_ == "PERSON":
        if len(span) < 2 or any(t.pos_ not in ("PROPN", "NOUN", "ADP", "DET", "PART")
                                for t in span):
            return None
        return Mention(start, end, unregistered(text, "person"), text)
    if len(span) < 2 and not (text.isupper() and 2 <= len(text) <= 6
                              and not any(c.isdigit() for c in text)):
        # a single capitalised word is too often a place or a product; letters and
        # digits ("M90", "T-72") are a model, not a party
        return None
    if len(span) == 1 and _line_label(span):
        return None  # "HOST:", "HOST (Carla Reyes):" label a turn; nobody acts there
    if span[-1].lower_ in WORDS.state_body_words and len(span) <= 2:
        return None  # "Kenyan government": a state the demonym rules read
    if (start > 0 and ent.doc[start - 1].lower_ in ("our", "their", "its")
            and all(t.lower_ in WORDS.generic_force_words for t in span)):
        return None  # "our Armed Forces": the speaker's forces (mentions.with_pronoun_forces)
    return Mention(start, end, unregistered(text, guess_kind(text)), text)
