"""Find actor and item mentions in a parsed chunk: registry aliases, demonyms, collectives.

Matching is on normalized token spans (longest first), so spelling variants such as
Hizballah / Kata'ib / Sha’bi resolve through the registry's alias index. Acronym aliases
(IS, US, PMF) only match upper-case text, so the verb "is" never becomes Islamic State.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Doc, Token

from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.wordsets import WORDS
from proxygraph.ids import stable_id
from proxygraph.model import Entity
from proxygraph.registry import Registry, default_registry, normalize

MAX_ALIAS_TOKENS = 8


@dataclass(frozen=True)
class Mention:
    start: int  # token index (inclusive) in the chunk Doc
    end: int  # token index (exclusive)
    entity: Entity
    text: str
    demonym: bool = False  # "Iranian" standing for Iran

    @property
    def is_item(self) -> bool:
        return self.entity.kind == "item"

    def covers(self, i: int) -> bool:
        return self.start <= i < self.end


FIRST_PERSON = frozenset({"we", "us", "our", "ours", "ourselves"})


@dataclass(frozen=True)
class _AliasEntry:
    entity: Entity
    acronym: bool  # written in capitals: match only capitalised text
    # A multiword proper name ("Security Council"): all-lowercase text ("national security
    # councils") is an ordinary phrase, not the name.
    proper: bool = False


class AliasIndex:
    """Normalized alias -> entity, with the first words of every alias for fast skipping."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.entries: dict[str, _AliasEntry] = {}
        # Longest alias (in tokens, generously) per first word: bounds the span search.
        self.first_words: dict[str, int] = {}
        self._longest: dict[str, int] = {}  # the same per word as written, filled on use
        # Every leading substring of every alias key: a span whose key is not among them
        # cannot grow into an alias, so the scan stops there.
        self.prefixes: set[str] = set()
        for surface, entity in registry.alias_items():
            key = normalize(surface)
            if not key:
                continue
            letters = [c for c in surface if c.isalpha()]
            acronym = bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5
            proper = _is_proper_name(surface)
            current = self.entries.get(key)
            # Keep a stricter flag only when every alias with this key has it.
            if current is None:
                self.entries[key] = _AliasEntry(entity, acronym, proper)
            elif current.entity.id == entity.id:
                self.entries[key] = _AliasEntry(entity, current.acronym and acronym,
                                                current.proper and proper)
            words = key.split(" ")
            span = min(MAX_ALIAS_TOKENS, 3 * len(words))
            self.first_words[words[0]] = max(self.first_words.get(words[0], 0), span)
            first = surface.split(" ", 1)[0]
            if first[-2:] in ("'s", "’s"):
                # "People's Republic of China" starts at the token "People": the parser
                # splits off the "'s" that the key folds into "peoples"
                stem = normalize(first[:-2])
                self.first_words[stem] = max(self.first_words.get(stem, 0), span)
            self.prefixes.update(key[:k] for k in range(1, len(key) + 1))
        self.demonyms: dict[str, Entity] = {}
        for entity in registry.actors:
            for word in entity.demonyms:
                self.demonyms[normalize(word)] = entity

    def match(self, tokens: list[Token]) -> Entity | None:
        return self.match_text("".join(t.text_with_ws for t in tokens).strip())

    def match_text(self, text: str, key: str | None = None) -> Entity | None:
        key = _normalize(text) if key is None else key
        entry = self.entries.get(key)
        if entry is None and text.endswith("s") and len(key.rsplit(" ", 1)[-1]) > 3:
            # simple plural: "Shahed-136s"; not "a US", whose capital S is no plural of "A.U."
            entry = self.entries.get(key[:-1])
        if entry is None:
            return None
        if entry.acronym and not _is_capitalised(text):
            return None
        if entry.proper and text == text.lower():
            return None
        return entry.entity

    def longest_from(self, word: str) -> int:
        """The most tokens an alias starting with this word has (0: none starts with it)."""
        longest = self._longest.get(word)
        if longest is None:
            if len(self._longest) > 200_000:  # bounded on an endless stream of new words
                self._longest.clear()
            longest = self._longest[word] = self.first_words.get(
                _normalize(word).split(" ")[0], 0)
        return longest

    def demonym(self, token: Token) -> Entity | None:
        return self.demonym_of(token.text)

    def demonym_of(self, word: str) -> Entity | None:
        """The state a capitalised word ("Iranian", "Iranians") is the demonym of."""
        if not word[:1].isupper():
            return None
        key = _normalize(word)
        entity = self.demonyms.get(key)
        if entity is None and key.endswith("s"):
            entity = self.demonyms.get(key[:-1])
        return entity


@lru_cache(maxsize=65536)
def normalized(text: str) -> str:
    """`registry.normalize`, remembered: the same words are looked up again and again."""
    return normalize(text)


_normalize = normalized


def _is_proper_name(surface: str) -> bool:
    words = [w for w in surface.split() if w.lower() not in ("of", "the", "al", "and", "for")]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _is_capitalised(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) * 2 >= len(letters)


@cache
def default_index() -> AliasIndex:
    return AliasIndex(default_registry())


_CLAUSE_ENDS = frozenset({".", "!", "?", ";", ":"})


def find_mentions(doc: Doc, index: AliasIndex | None = None) -> list[Mention]:
    """Registry mentions (longest match, left to right), then demonyms not inside one."""
    index = index or default_index()
    mentions: list[Mention] = []
    a = arrays(doc)  # spaCy rebuilds Token objects and strings on every access
    texts, is_punct, is_space, space = a.text, a.is_punct, a.is_space, a.whitespace
    known = index._longest  # longest_from's memo, read inline: this runs for every token
    i = 0
    n = len(texts)
    while i < n:
        if is_punct[i] or is_space[i]:
            i += 1
            continue
        longest = known.get(texts[i])
        if longest is None:
            longest = index.longest_from(texts[i])
        if not longest:
            i += 1
            continue
        found = None
        text = ""
        # Grow the span a token at a time while its key can still become an alias; keep
        # the longest span that is one.
        for length in range(1, min(longest, n - i) + 1):
            last = i + length - 1
            if length > 1 and texts[last] in _CLAUSE_ENDS:
                break  # "in Amhara. Fano units": no alias runs across a sentence's end
            text += space[last - 1] if length > 1 else ""
            text += texts[last]
            key = _normalize(text)
            if not (length > 1 and (a.pos[last] in ("PUNCT", "CCONJ", "ADP")
                                    or a.tag[last] == "POS" or is_punct[last])):
                # (a span never ends on "'s", "and" or punctuation: "Iran's" is "Iran")
                entity = index.match_text(text, key)
                if entity is not None:
                    found = Mention(i, i + length, entity, text)  # the span's text
            if key and key not in index.prefixes:
                break
        if found is not None:
            mentions.append(found)
            i = found.end
        else:
            i += 1
    covered = {t for m in mentions for t in range(m.start, m.end)}
    for j, word in enumerate(texts):  # j is the token's index: tokens are the whole Doc
        if j in covered or not word[:1].isupper():
            continue  # (a demonym is capitalised)
        nxt = texts[j + 1] if j + 1 < n else None
        if nxt is not None and j + 1 not in covered and word[:1].isupper() and (
                nxt[:1].isupper()):
            # two-word demonyms: "North Korean shells", "South Sudanese troops", "the
            # North Koreans"
            pair = index.demonym_of(f"{word} {nxt}")
            if pair is not None:
                mentions.append(Mention(j, j + 2, pair, f"{word} {nxt}", demonym=True))
                covered.update((j, j + 1))
                continue
        state = index.demonym_of(word)
        if state is not None:
            mentions.append(Mention(j, j + 1, state, word, demonym=True))
    mentions = [_former_members(_state_army(m, a, index), a) for m in mentions
                if not (_names_a_currency(m, a) or _in_a_place_name(m, a)
                        or _names_a_border(m, a))]
    mentions.sort(key=lambda m: m.start)
    return mentions


def _former_members(m: Mention, a: DocArrays) -> Mention:
    """'former Colombian soldiers', 'retired Russian officers': people who left a state's
    forces are a group of their own, not those forces."""
    if m.entity.kind != "state_organ" or m.start == 0:
        return m
    first = m.start - 1
    if a.lower[first] == "-" and first >= 1:
        first -= 1  # "ex-Colombian soldiers"
    if a.lower[first] not in WORDS.former_words:
        return m
    name = " ".join(a.text[first:m.end]).replace(" - ", "-")
    return Mention(m.start, m.end, collective(name), m.text)


def _names_a_currency(m: Mention, a: DocArrays) -> bool:
    """'US' in "1,000 US dollars", 'Iraqi' in "Iraqi dinars": the money, no actor."""
    return (m.entity.kind == "state" and m.end < len(a.lower)
            and a.lower[m.end] in WORDS.currency_words)


def _names_a_border(m: Mention, a: DocArrays) -> bool:
    """'Syria' and 'Lebanon' in "the Syria-Lebanon border", 'Lebanese' in "the Lebanese
    border", 'Israel' in "Israel's border": a place (guide 19), no party."""
    if m.entity.kind != "state":
        return False
    i = m.end - 1
    for _ in range(3):  # "Syria" -> "Lebanon" -> "border"
        if a.dep[i] not in ("compound", "amod", "poss", "nmod") or a.head[i] <= i:
            return False
        i = a.head[i]
        if a.lemma[i] in WORDS.border_nouns:
            return True
    return False


def _in_a_place_name(m: Mention, a: DocArrays) -> bool:
    """'America' in "Latin America", "Central America" or "Voice of America", 'Chad' in
    "Lake Chad": a region, a lake or a longer name, not the state the word alone stands
    for."""
    before = m.start - 1
    if before >= 0 and a.text[before] in WORDS.landform_prefixes:
        return True
    return (m.end - m.start == 1 and before >= 0 and a.text[m.start] in WORDS.region_names
            and (a.text[before] in WORDS.region_prefixes
                 or (a.lower[before] == "of" and before >= 1 and a.text[before - 1].istitle())))


def _state_army(m: Mention, a: DocArrays, index: AliasIndex) -> Mention:
    """"Israel's military", "Sudan army", "Mali's armed forces": a state named with its
    army word is that state's armed forces, when the registry has them."""
    if m.demonym or m.entity.kind != "state":
        return m
    lower, n = a.lower, len(a.lower)
    start = _army_of_start(m, a)
    if start is not None:  # "the (apostate) army of Burkina Faso", "the armed forces of Mali"
        organ = armed_forces(m.entity, index.registry, ARMY_PHRASES)
        if organ is not None:
            return Mention(start, m.end, organ, " ".join(a.text[start:m.end]))
        return m
    i = m.end
    if i < n and a.tag[i] == "POS":
        i += 1
    if i < n and lower[i] == "armed" and i + 1 < n:
        i += 1  # "armed forces"
    if i >= n or lower[i] not in WORDS.army_words:
        return m
    if a.dep[i] in ("compound", "amod", "nmod") and a.head[i] > i:
        return m  # "Ukraine military aid", "Russia's military operation", "army chief"
    organ = armed_forces(m.entity, index.registry, ARMY_PHRASES)
    if organ is None:
        return m
    return Mention(m.start, i + 1, organ, " ".join(a.text[m.start:i + 1]))


def _army_of_start(m: Mention, a: DocArrays) -> int | None:
    """Where "army of" starts when the state is named after it ("the army of Mali": the
    index of "army", or of "armed"); None otherwise."""
    of = m.start - 1
    if of < 1 or a.lower[of] != "of" or a.dep[m.end - 1] != "pobj" or a.head[m.end - 1] != of:
        return None
    noun = of - 1
    if a.lower[noun] not in WORDS.army_words or a.head[of] != noun:
        return None
    armed = noun >= 1 and a.lower[noun - 1] == "armed"
    if a.lower[noun] == "forces" and not armed:
        return None  # "all political forces of Yemen"
    return noun - 1 if armed else noun


def with_pronoun_forces(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"its troops", "our forces", "their soldiers" said of a state: its armed forces, as
    "Mali's soldiers" are (`_state_army`), when the registry has them. (Said of an armed
    group, "our forces" stay the group.)"""
    if not any(m.end - m.start == 1 and m.entity.kind == "state" for m in mentions):
        return mentions
    a = arrays(doc)
    out = []
    for m in mentions:
        head = a.head[m.start]
        if (m.end - m.start == 1 and m.entity.kind == "state" and a.dep[m.start] == "poss"
                and a.lower[m.start] in _POSSESSIVE_PRONOUNS and head > m.start
                and a.lower[head] in WORDS.army_words):
            organ = national_army(m.entity)
            if organ is not None:
                m = Mention(m.start, head + 1, organ, " ".join(a.text[m.start:head + 1]))
        out.append(m)
    return out


_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our"})
# The phrases whose registry alias names a state's armed forces, in the order tried.
ARMY_PHRASES = ("military", "armed forces", "army", "troops")


def national_army(state: Entity) -> Entity | None:
    """The state's armed forces as the packaged registry names them, or None."""
    return armed_forces(state, default_registry(), ARMY_PHRASES)


@lru_cache(maxsize=1024)
def armed_forces(state: Entity, registry: Registry, nouns: tuple[str, ...]) -> Entity | None:
    """The state organ the registry knows as "<demonym> <noun>" for one of `nouns` and
    affiliates to `state` ("Sudanese military" -> Sudanese Armed Forces), or None."""
    for noun in nouns:
        organ = registry.lookup_actor(f"{demonym_form(state)} {noun}")
        if organ is not None and organ.kind == "state_organ" and organ.affiliation == state.id:
            return organ
    return None


def collective(name: str, aliases: tuple[str, ...] = ()) -> Entity:
    """A participant that is not in the registry, kept under a descriptive name."""
    key = normalize(name)
    return Entity(
        id=stable_id("x", key),
        name=name,
        kind="collective",
        aliases=tuple(dict.fromkeys(a for a in aliases if a and a != name)),
        resolved=False,
    )


def demonym_form(entity: Entity) -> str:
    """The adjective used to name collectives of a state: Iran -> Iranian."""
    return entity.demonyms[0] if entity.demonyms else entity.name


def is_label_collective(entity: Entity, backing_words: Iterable[str]) -> bool:
    """'Iran-backed militias' is named only by its sponsor: it never carries the SUPPORT
    its own label implies (annotation guide, point 6)."""
    return not entity.resolved and any(f"-{w} " in entity.name for w in backing_words)
