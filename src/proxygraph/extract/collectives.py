"""Collectives: the descriptive participants a report names without a registry entry
("Syrian fighters", "Iran-backed militias", "its proxies", "recruited volunteers",
"Chinese companies"), each an unresolved Entity named as written (guides 6 and 17)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.arrays import arrays
from proxygraph.extract.candidates import with_conjuncts
from proxygraph.extract.lexicon import Lexicon, load_lexicon
from proxygraph.extract.mentions import collective, demonym_form
from proxygraph.extract.modifiers import is_backing_modifier
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

if TYPE_CHECKING:
    from proxygraph.extract.arguments import SentenceMentions


def is_client_phrase(head: Token, lex: Lexicon) -> bool:
    a = arrays(head.doc)  # (read by index: asked of every argument phrase)
    lemma, dep = a.lemma, a.dep
    if lemma[head.i] in lex.client_nouns:
        return True
    return any(lemma[c] in lex.client_nouns for c in a.children[head.i]
               if dep[c] in ("compound", "amod"))


def collective_for(head: Token, sm: SentenceMentions, lex: Lexicon | None = None) -> Entity | None:
    """A descriptive participant for "Syrian fighters", "Iran-backed militias", "its proxies"."""
    lex = lex or load_lexicon()
    lemma = head.lemma_.lower()
    if head.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    if lemma in WORDS.count_words or head.like_num:
        # "thousands of Afghan Shia men": the counted noun names the group
        counted = _counted(head)
        return collective_for(counted, sm, lex) if counted is not None else None
    bloc = _bloc_collective(head)
    if bloc is not None:
        return bloc
    if not _group_head(lemma, lex):
        # "Iran's proxy network", "its proxy forces": a client modifier makes a collective.
        client = next((c for c in head.children if c.dep_ in ("compound", "amod")
                       and c.lemma_.lower() in lex.client_nouns), None)
        if client is None:
            return None
    if lemma_plural_only(head):
        return None  # "a Chinese company" is one unnamed firm, not a group
    plural = plural_of(head)
    own = _descriptor_collective(head, plural, sm, lex)
    if own is not None:
        return own
    for child in head.children:
        if child.dep_ == "poss" and is_client_phrase(head, lex):
            owner = sm.at(child)
            if owner is not None and not owner.is_item:
                name = f"{demonym_form(owner.entity)} proxies"
                return collective(name, (f"{owner.entity.name}'s {plural}",))
    for child in head.children:
        if is_backing_modifier(child, lex):
            sponsor = next((sm.at(c) for c in child.subtree if sm.at(c) is not None), None)
            if sponsor is None and child.i >= 2:
                sponsor = sm.at(child.doc[child.i - 2])
            if sponsor is not None and not sponsor.is_item:
                word = child.lower_ if child.lower_ != "pro" else "backed"
                name = f"{sponsor.entity.name}-{word} {plural}"
                return collective(name, (f"{demonym_form(sponsor.entity)} {plural}",
                                         f"{demonym_form(sponsor.entity)}-{word} {plural}",
                                         as_written(head)))
    return _indefinite_collective(head, plural)


def _bloc_collective(head: Token) -> Entity | None:
    """'Western countries', 'foreign intelligence services', 'Gulf states': states of a bloc
    no state of which is named, as written."""
    if head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in WORDS.bloc_nouns:
        return None
    if any(c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ != "the")
           for c in head.children):
        return None  # "two Gulf states", "some Western capitals": some of them
    lefts = _modifier_words(head)
    if not lefts or not all(t.is_alpha for t in lefts) or not any(
            t.lower_ in WORDS.bloc_modifiers for t in lefts):
        return None
    return collective(" ".join([*(t.text for t in lefts), head.text]))


def _modifier_words(head: Token) -> list[Token]:
    """The words of the adjectives and nouns before a head ("young Afghan men"), in order."""
    return sorted((t for c in head.lefts if c.dep_ in ("amod", "compound") for t in c.subtree),
                  key=lambda t: t.i)


def _group_head(lemma: str, lex: Lexicon) -> bool:
    """A noun for people acting together: "fighters", "militias", "recruits"."""
    return (lemma in lex.group_nouns or lemma in WORDS.indefinite_group_nouns
            or lemma in WORDS.definite_collective_nouns)


def plural_of(head: Token) -> str:
    """The plural a collective is named with: "fighters", "men", "companies"."""
    word = head.text.lower()
    if head.tag_ in ("NNS", "NNPS") or word in WORDS.invariant_plural_nouns:
        return word
    if head.lemma_.lower() == "man":
        return "men"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def lemma_plural_only(head: Token) -> bool:
    return head.lemma_.lower() in WORDS.plural_only_group_nouns and (
        head.tag_ not in ("NNS", "NNPS"))


def _indefinite_collective(head: Token, plural: str) -> Entity | None:
    """'recruited volunteers', 'thousands of convicts', 'armed terrorists': an indefinite
    plural introduces a new group (guide 6), named as written; "the fighters" or "its
    men" point back to a group already named (guide 17), so they make none. "The rebels",
    "the mujahideen" (`definite_collective_nouns`) reach here only when anaphora found no
    group behind them: then they are a group of their own, named as written."""
    lemma = head.lemma_.lower()
    if head.tag_ not in ("NNS", "NNPS") and lemma not in WORDS.invariant_plural_nouns:
        return None
    definite = lemma in WORDS.definite_collective_nouns and any(
        c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    if lemma not in WORDS.indefinite_group_nouns and not definite:
        return None
    if any((c.dep_ == "det" and not definite) or c.dep_ == "poss"
           or (c.dep_ == "prep" and c.lower_ == "of")
           or (c.dep_ in ("amod", "acl") and any(g.dep_ == "prep" for g in c.children))
           for c in head.children):
        return None  # "fighters of the 106th Brigade", "fighters loyal to the TPLF"
    lefts = [t for t in _modifier_words(head) if t.is_alpha]
    if any(t.lower_ in WORDS.count_words or t.ent_type_ for t in lefts):
        return None  # "many fighters" say nothing; "Iranian fighters" are another rule's
    written = " ".join([*(t.text for t in lefts), head.text])  # (already in order)
    core = " ".join([*(t.text for t in lefts if t.pos_ in ("NOUN", "PROPN")), head.text])
    aliases = [core, plural]
    pobj = next((g for p in head.children if p.dep_ == "prep" and p.lower_ == "from"
                 for g in p.children if g.dep_ == "pobj"), None)
    if pobj is not None and pobj.lemma_.lower() in load_lexicon().group_nouns:
        return None  # "fighters from both Iraqi groups" are those groups'
    placed = _written_with_place(head, lefts)  # "mercenaries from Colombia"
    if placed is not None:
        aliases.append(placed)
    return collective(written, tuple(aliases))


_ORIGIN_PREPS = ("from", "in", "among", "across")


def _written_with_place(head: Token, lefts: list[Token]) -> str | None:
    """A group of people as written with where it comes from or is ("young women from
    Africa", "militants in the West Bank"), from its first modifier in `lefts` to the end
    of the preposition's phrase: on the group or, where the parser hangs it on the verb,
    right after it; a date is no place ("recruited men in 2023"). None without one."""
    where = next((p for p in head.children if p.dep_ == "prep" and p.lower_ in _ORIGIN_PREPS),
                 None)
    after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if where is None and after is not None and after.dep_ == "prep" and (
            after.lower_ in _ORIGIN_PREPS) and not any(
            t.ent_type_ in ("DATE", "TIME") for t in after.subtree):
        where = after
    if where is None:
        return None
    start = min([t.i for t in lefts] + [head.i])
    return head.doc[start:where.right_edge.i + 1].text


def _descriptor_collective(head: Token, plural: str, sm: SentenceMentions,
                           lex: Lexicon) -> Entity | None:
    """'Syrian fighters', 'Iraqi militias', 'Afghan Shia men': a name of their own, made of
    the nationality and community words before the head (not "ordinary", "young")."""
    words: list[str] = []
    written: list[str] = []
    # The sponsor of "Iran-backed Iraqi militias" is not part of their name; of "Lebanese or
    # Palestinian militias" the first word is.
    modifiers = [t for c in head.lefts if c.dep_ in ("amod", "compound", "nmod")
                 and not is_backing_modifier(c, lex)
                 for t in c.subtree if t.dep_ not in ("conj", "cc")]
    for tok in sorted(modifiers, key=lambda t: t.i):
        m = sm.at(tok)
        if m is not None and _after_pro(tok):
            return None  # "pro-Iranian groups" are named by their sponsor only
        if m is not None and not m.is_item and (m.demonym or m.entity.kind == "state"):
            if tok.i == m.end - 1:
                words.append(demonym_form(m.entity))
                written.append(m.text)
        elif m is None and (tok.lower_ in lex.collective_modifiers or _proper_modifier(tok)):
            words.append(tok.text)  # "Shia militias", "Tuareg rebels"
            written.append(tok.text)
    if not words:
        return None
    name = f"{' '.join(words)} {plural}"
    return collective(name, (f"{' '.join(written)} {plural}", as_written(head)))


def written_collective(head: Token, bare: bool) -> Entity | None:
    """An unnamed plural group as the text writes it, "young men", "the eastern militias",
    "front companies", "separatists" (guide 6), where no other rule names it: a party the
    learned layer may pair. "The fighters", "its men" and "members of the group" point at a
    group already named (guide 17) and make none; nor does a plain word for people in arms
    ("killing 11 soldiers") unless `bare`."""
    if head.tag_ not in ("NNS", "NNPS"):
        return None
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in head.children):
        return None
    modified = any(c.dep_ in ("amod", "compound", "nmod") for c in head.lefts)
    if not modified and (not bare or any(c.dep_ == "det" for c in head.children)):
        return None
    written = as_written(head)
    return collective(written, (plural_of(head),))


def as_written(head: Token) -> str:
    """The collective's words as the text has them, from its first modifier to its head
    ("Colombian armed groups", "Iranian-backed militia groups"): one of its names."""
    first = min((t.i for c in head.lefts if c.dep_ in ("amod", "compound", "nmod")
                 for t in c.subtree), default=head.i)
    return head.doc[first:head.i + 1].text


def conjoined_collectives(head: Token, sm: SentenceMentions, lex: Lexicon) -> list[Entity]:
    """The later conjuncts of a descriptor collective: "Yemeni cadres" of "Iraqi and Yemeni
    cadres" ("Iraqi cadres" is `_descriptor_collective`'s)."""
    if not _group_head(head.lemma_.lower(), lex) or lemma_plural_only(head):
        return []
        return []
    plural = plural_of(head)
    out: list[Entity] = []
    for mod in head.lefts:
        if mod.dep_ not in ("amod", "compound", "nmod") or is_backing_modifier(mod, lex):
            continue
        first = sm.at(mod)
        if first is None or first.is_item or not (first.demonym or first.entity.kind == "state"):
            continue
        rest = [t for t in head.lefts if t.i > mod.i and t.dep_ in ("amod", "compound")]
        tail = " ".join(t.text for t in rest)
        for conj in mod.conjuncts:
            m = sm.at(conj)
            if conj.i < mod.i or m is None or m.is_item or not (
                    m.demonym or m.entity.kind == "state") or conj.i != m.end - 1:
                continue
            words = " ".join(w for w in (demonym_form(m.entity), tail) if w)
            written = " ".join(w for w in (m.text, tail) if w)
            out.append(collective(f"{words} {plural}", (f"{written} {plural}",)))
    return out


def _proper_modifier(token: Token) -> bool:
    """A capitalised name the registry does not know: "Tuareg" in "Tuareg rebels". Not the
    sentence's first word, whose capital says nothing."""
    return (token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha
            and token.i > token.sent.start)


def _after_pro(token: Token) -> bool:
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text in ("-", "–") and doc[token.i - 2].lower_ == "pro"


def _counted(head: Token) -> Token | None:
    """What a count word or number counts: its "of" object ("thousands of men")."""
    return next((c for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                 for c in p.children if c.dep_ == "pobj"), None)


def recruits(heads: list[Token], found: list[Entity], sm: SentenceMentions) -> list[Entity]:
    """The object of a recruitment whose phrases are `heads` and name `found`: the people
    taken in ("recruited young men", "the recruitment of minors", "recruiting Syrians")
    when `found` names no one but states, whose people the recruits are."""
    if not all(e.kind == "state" for e in found):
        return found
    people = [e for h in with_conjuncts(heads) if (e := recruited_people(h, sm)) is not None]
    return people or found


def recruited_people(head: Token, sm: SentenceMentions) -> Entity | None:
    """Whom a recruiter takes in: "recruited young men", "hundreds of minors", "Syrians",
    "young women from Africa". People no other claim would make a party ("killed
    civilians" is no clash, guide 6) are a party of RECRUITMENT, named as written: an
    indefinite plural of a word for people, or a demonym in the plural (the recruits, not
    their state). "the men", "its youth" point back and make none."""
    a = arrays(head.doc)
    i = head.i
    if a.lemma[i] in WORDS.count_words or head.like_num:
        counted = _counted(head)
        return recruited_people(counted, sm) if counted is not None else None
    mention = sm.at(head)
    people = a.lemma[i] in WORDS.recruited_nouns or (
        a.tag[i] in ("NNS", "NNPS") and mention is not None and mention.demonym)
    if not people or a.tag[i] not in ("NNS", "NNPS") and a.lemma[i] not in ("people", "youth"):
        return None
    if any(a.dep[c] in ("det", "poss") and a.lower[c] not in ("some", "many", "several")
           for c in a.children[i]):
        return None
    lefts = [t for t in _modifier_words(head)
             if t.is_alpha and t.lower_ not in WORDS.count_words]
    written = " ".join([*(t.text for t in lefts), head.text])  # (already in order)
    aliases = [head.text]
    # "young women from Africa and Central Asia", "young men in Rutshuru": the phrase with
    # where they come from, as annotators often name them
    placed = _written_with_place(head, lefts)
    if placed is not None:
        aliases.append(placed)
    return collective(written, tuple(aliases))
