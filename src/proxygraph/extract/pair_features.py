"""Pairs of actor mentions in a sentence and the features the learned layer reads of them.

For every ordered pair of actors a sentence names (registry and local names, anaphora,
unnamed groups), `indexed_pairs` takes the two closest mentions in the parse and the
dependency path between them; `indexed_pair_features` turns a pair into the feature
strings the relation model's weights are keyed by: the actors' kinds, the path and the
words on and between it, what the governing word gives, the words around each mention and
the claim types the sentence's trigger words name. Training (`train_relations.py`) and
inference (`learned.py`) read the same functions, so they see the same features.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar, cast

from spacy.tokens import Span, Token

from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.collectives import collective_for, written_collective
from proxygraph.extract.lexicon import Lexicon, load_lexicon
from proxygraph.extract.mentions import Mention, is_label_collective
from proxygraph.extract.wordsets import WORDS

if TYPE_CHECKING:
    from proxygraph.extract.arguments import SentenceMentions

MAX_MENTIONS = 12  # actors per sentence considered: bounds the pairs at 132
MAX_PATH = 6  # dependency edges; longer paths are one feature "long"
WINDOW = 2  # words either side of a mention read as features
_ACTOR_KINDS = {"state", "state_organ", "armed_group", "pmc", "person", "organization"}


def mention_head(m: Mention, tokens: list[Token]) -> Token:
    """The token of a mention whose head lies outside it (its syntactic head)."""
    first = tokens[0].i if tokens else 0
    span = tokens[max(0, m.start - first):max(0, m.end - first)]  # the sentence's tokens
    head = arrays(span[-1].doc).head  # (a mention is never empty)
    for tok in span:
        i = tok.i
        if not (m.start <= head[i] < m.end) or head[i] == i:
            return tok
    return span[-1]


def _actor_mentions(sm: SentenceMentions) -> list[Mention]:
    lex = load_lexicon()
    a = arrays(sm.sent.doc)
    named = [m for m in sm.mentions if not (m.is_item or m.entity.kind not in _ACTOR_KINDS)
             and (not m.demonym or _demonym_party(m, sm, lex))
             and not _leader_of_body(m, a)]
    # Unnamed groups are parties too ("recruited Syrian fighters"): 4-fold CV on train
    # a..w, claim F1 0.435 -> 0.438
    return named + _collective_mentions(sm, lex) if named else named


def _leader_of_body(m: Mention, a: DocArrays) -> bool:
    """"Putin's army", "Maduro's government": the leader owns a body that is the party (the
    phrase walker reads it as his state's), not a party himself."""
    last = m.end - 1
    return (m.entity.kind == "person" and a.dep[last] == "poss"
            and (a.lower[a.head[last]] in WORDS.army_words
                 or a.lemma[a.head[last]] in WORDS.governing_heads))


def _collective_mentions(sm: SentenceMentions, lex: Lexicon) -> list[Mention]:
    """The sentence's unnamed groups ("Syrian fighters", "recruited local men") as mentions
    of their collectives, each at its head noun. A state's people in its service ("Russian
    officers", "Iranian crews") are that state's forces, which the rules read, not a group."""
    a = arrays(sm.sent.doc)
    taken = {i for m in sm.mentions if not m.demonym for i in range(m.start, m.end)}
    national = {a.head[m.end - 1] for m in sm.mentions if m.demonym}
    out = []
    for i in range(sm.sent.start, sm.sent.end):
        if i in taken or a.pos[i] not in ("NOUN", "PROPN"):
            continue
        if any(c in taken and a.dep[c] in ("compound", "poss", "nmod") for c in a.children[i]):
            continue  # "M23 fighters", "Hezbollah's fighters": the named group itself
        lemma = a.lemma[i]
        bare = lemma in WORDS.written_collective_heads  # "minors", "front companies"
        writable = bare or lemma in lex.group_nouns
        if lemma in WORDS.indefinite_group_nouns:
            pass  # "Syrian fighters", "foreign mercenaries": a group of their own (guide 6)
        elif i in national or not writable:
            continue
        entity = collective_for(a.tokens[i], sm, lex)
        if entity is None and writable:
            # "young men", "eastern militias", "front companies": named as written
            entity = written_collective(a.tokens[i], bare=bare)
        # "IRGC-trained fighters" are named by the relation their label states: the rules
        # read that label, and its sponsor is no other party to them
        if entity is not None and not is_label_collective(entity, lex.backing_participles):
            out.append(Mention(i, i + 1, entity, a.text[i]))
    return out


def _demonym_party(m: Mention, sm: SentenceMentions, lex: Lexicon) -> bool:
    """A demonym names its state's act through people or an act ("Saudi negotiators met",
    "Iranian financial support"), not through a thing whose origin it gives ("Iranian
    rockets reached Israel") nor inside a group the rules already name ("Iraqi militias")."""
    tok = sm.sent.doc[m.end - 1]
    noun = tok.head
    if noun.i == tok.i:
        return True  # "the Iranians"
    owner = sm.at(noun)
    if owner is not None and owner is not m:
        return False
    lemma = noun.lemma_.lower()
    if lemma in lex.group_nouns or lemma in WORDS.indefinite_group_nouns:
        return False  # "Syrian fighters": a collective of its own (guide 6)
    return lex.themes.get(lemma) != "ARMS_TRANSFER"


DepPath = tuple[list[Token], "Token | None", list[Token]]  # up, common ancestor, down


def mention_pairs(sm: SentenceMentions) -> list[tuple[Mention, Mention, Token, Token, DepPath]]:
    """Every ordered pair of actors of the sentence, each by its closest two mentions, with
    the mentions' head tokens and the dependency path between them.

    An actor named twice in a sentence ("Iran denies it, but officials say Iran sent ...")
    takes part in the relation through the mention nearest the other party in the parse,
    not through whichever came first."""
    tokens = arrays(sm.sent.doc).tokens
    return [(a, b, ha, hb, _token_path(path, tokens))
            for a, b, ha, hb, path in indexed_pairs(sm)]


def indexed_pairs(sm: SentenceMentions
                   ) -> list[tuple[Mention, Mention, Token, Token, IndexPath]]:
    """`mention_pairs` with each path by token index (most pairs never need its tokens)."""
    by_actor: dict[str, list[Mention]] = {}
    for m in _actor_mentions(sm):
        by_actor.setdefault(m.entity.id, []).append(m)
    actors = list(by_actor)[:MAX_MENTIONS]
    if len(actors) < 2:
        return []
    heads = {id(m): mention_head(m, sm.tokens) for ms in by_actor.values() for m in ms}
    doc_arrays = arrays(sm.sent.doc)
    # each head's chain up to the root, walked once for all the pairs it is in
    chains = {h.i: ancestor_indexes(h.i, doc_arrays.head) for h in heads.values()}
    paths: dict[tuple[int, int], IndexPath] = {}  # by the two heads (each pair comes twice)
    out = []
    for x in actors:
        for y in actors:
            if x == y:
                continue
            best: tuple[int, int, Mention, Mention, IndexPath] | None = None
            for a in by_actor[x]:
                for b in by_actor[y]:
                    path = _pair_path(heads[id(a)].i, heads[id(b)].i, chains, paths,
                                      doc_arrays.head)
                    length = len(path[0]) + len(path[2]) + (0 if path[1] is not None else 99)
                    if best is None or (length, a.start + b.start) < best[:2]:
                        best = (length, a.start + b.start, a, b, path)
            assert best is not None
            a, b = best[2], best[3]
            out.append((a, b, heads[id(a)], heads[id(b)], best[4]))
    return out


def ancestor_indexes(i: int, head: list[int]) -> list[int]:
    """Token `i` and its heads up to the root (at most 40), as token indexes."""
    chain = [i]
    while head[chain[-1]] != chain[-1] and len(chain) < 40:
        chain.append(head[chain[-1]])
    return chain


_CLASSES: dict[tuple[int, str], list[str]] = {}


def _lemma_classes_kept(lemma: str, lex: Lexicon) -> list[str]:
    key = (id(lex), lemma)
    found = _CLASSES.get(key)
    if found is None:
        if len(_CLASSES) > 50_000:
            _CLASSES.clear()
        found = _CLASSES[key] = _lemma_classes(key[1], lex)
    return found


F = TypeVar("F")  # a feature as the caller keeps it: its string, or the model's row


def _same(feature: str) -> str:
    return feature


class SentenceWords(Generic[F]):
    """The feature strings each token of one sentence gives, made on first use: the pairs
    of a sentence share their words (a word between five pairs is read once, not five
    times).

    Each feature is kept as `code` makes it of its string: by default the string itself;
    the learned layer passes its model's feature -> row lookup, so a feature the pairs
    share is looked up in the large table once per sentence rather than once per pair."""

    def __init__(self, lex: Lexicon, code: Callable[[str], F] | None = None) -> None:
        self.lex = lex
        self.code: Callable[[str], F] = code or cast(Callable[[str], F], _same)
        self._words: dict[tuple[str, int], list[F]] = {}
        self._governors: dict[int, list[F]] = {}
        self._sides: dict[tuple[str, int, int, int, str], _Side[F]] = {}
        self._sentence: list[F] | None = None
        self._actor_heads: frozenset[int] | None = None
        self._between_pairs: dict[tuple[object, ...], list[F]] = {}

    def word(self, i: int, a: DocArrays, tag: str, class_tag: str) -> list[F]:
        """`tag=lemma`, then `class_tag=` each of its `_lemma_classes`, for token `i`."""
        key = (tag, i)
        found = self._words.get(key)
        if found is None:
            lemma, code = a.lemma[i], self.code
            found = self._words[key] = [
                code(f"{tag}={lemma}"),
                *(code(f"{class_tag}={c}") for c in _lemma_classes_kept(lemma, self.lex))]
        return found

    def sentence_types(self, sm: SentenceMentions, a: DocArrays) -> list[F]:
        """`st=TYPE` for each claim type a trigger word anywhere in the sentence names: a
        relation the parse hangs elsewhere than on the pair's path is still in the
        sentence's words (4-fold document CV, pair F1 at 0.4: 0.536 -> 0.561)."""
        if self._sentence is None:
            types = sentence_trigger_types(sm.sent)
            self._sentence = [self.code(f"st={t}") for t in sorted(types)]
        return self._sentence

    def actor_heads(self, sm: SentenceMentions) -> frozenset[int]:
        """The head token of each actor mention of the sentence (`mention_head`: "Ministry"
        in "Ministry of Defence"), found once for its pairs."""
        if self._actor_heads is None:
            self._actor_heads = frozenset(mention_head(m, sm.tokens).i
                                          for m in sm.mentions if not m.is_item)
        return self._actor_heads

    def between(self, i: int, a: DocArrays) -> list[F]:
        """A word between the pair: nothing for punctuation and numbers."""
        key = ("between", i)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = self.word(i, a, "bw", "bc") if a.is_alpha[i] else []
        return found

    def between_pair(self, a: Mention, b: Mention, ia: int, ib: int, arr: DocArrays
                     ) -> list[F]:
        """The words between two mentions with heads `ia` and `ib`, outside both, or
        "between=long" past 12 words: the same for the pair either way round, made once."""
        key = (*sorted((ia, ib)), *sorted(((a.start, a.end), (b.start, b.end))))
        found = self._between_pairs.get(key)
        if found is not None:
            return found
        lo, hi = key[0], key[1]
        between = [i for i in range(lo + 1, hi)
                   if not (a.start <= i < a.end or b.start <= i < b.end)]  # (Mention.covers)
        if len(between) <= 12:
            found = [f for i in between for f in self.between(i, arr)]
        else:
            found = [self.code("between=long")]
        self._between_pairs[key] = found
        return found

    def side(self, m: Mention, head: Token, tag: str, tokens: list[Token]) -> _Side[F]:
        """The features mention `m` (with its head token) gives as side `tag` ("a" or "b")
        of a pair: its kind, its head word's relation and word, what it does or undergoes
        as that word's dependant ("nsubj|strike") and the words either side of it, read
        once for every pair it is in."""
        key = (tag, m.start, m.end, head.i, m.entity.kind)
        found = self._sides.get(key)
        if found is None:
            found = self._sides[key] = self._make_side(m, head, tag, tokens)
        return found

    def _make_side(self, m: Mention, head: Token, tag: str, tokens: list[Token]) -> _Side[F]:
        a, code = arrays(head.doc), self.code
        i = head.i
        dep, governor = a.dep[i], a.head[i]
        governed_by_adp = a.pos[governor] == "ADP"
        first, end = tokens[0].i, tokens[-1].i + 1  # the sentence's tokens
        # what the verb a subject governs does to ("exchanged fire" or "exchanged
        # prisoners", "opened fire" or "opened talks"): the verb alone cannot tell
        # (the object's lemma as spaCy cases it, which the weights were trained on)
        done_to = (next((a.tokens[c].lemma_ for c in a.children[governor]
                         if a.dep[c] == "dobj" and not m.start <= c < m.end), None)
                   if dep in ("nsubj", "nsubjpass") and a.pos[governor] == "VERB" else None)
        after: list[F] = []
        if tag == "a":
            after = [code(f"after_a={a.lower[t]}") for t in range(m.end, min(m.end + 3, end))
                     if a.lower[t] in self.lex.backing_participles]
        return _Side(
            kind=code(f"k{tag}={m.entity.kind}"),
            dep=code(f"{tag}dep={dep}"),
            dep_name=dep,
            prep=code(f"{tag}prep={a.lower[governor]}") if governed_by_adp else None,
            head=code(f"{tag}head={a.lemma[governor]}"),
            head2=(code(f"bhead2={a.lemma[a.head[governor]]}|{a.lower[governor]}")
                   if tag == "b" and governed_by_adp else None),
            role=code(f"{tag}hd={dep}|{a.lemma[governor]}"),
            verb_object=(code(f"{tag}vo={a.lemma[governor]}|{done_to}")
                         if done_to is not None else None),
            window=[code(f) for f in _window(m, tag, first, end, a)],
            after=after,
        )

    def governor(self, lca: int, a: DocArrays) -> list[F]:
        """The features of a pair's lowest common ancestor (by token index) that do not
        depend on the pair: its part of speech and classes, what it gives, its negation
        and prepositions."""
        found = self._governors.get(lca)
        if found is not None:
            return found
        lex, dep, children, code = self.lex, a.dep, a.children, self.code
        found = [code(f"lcapos={a.pos[lca]}"),
                 *(code(f"lcac={c}") for c in _lemma_classes_kept(a.lemma[lca], lex))]
        for child in children[lca]:
            if dep[child] in ("dobj", "attr", "pobj") or dep[child] == "prep":
                targets = [child] if dep[child] != "prep" else [
                    g for g in children[child] if dep[g] == "pobj"]
                for t in targets:
                    for conj in (t, *_conjuncts(t, a)):
                        found.extend(code(f"gives={c}")
                                     for c in _lemma_classes_kept(a.lemma[conj], lex)
                                     if c[:2] == "t:")
            if dep[child] == "neg":
                found.append(code("neg"))
            if dep[child] == "prep":
                found.append(code(f"lcaprep={a.lower[child]}"))
        self._governors[lca] = found
        return found


def _conjuncts(i: int, a: DocArrays) -> list[int]:
    """`Token.conjuncts` by token index: the coordination the token is in, less itself."""
    start = i
    while a.head[start] != start and a.dep[start] == "conj":
        start = a.head[start]
    out = [start]
    for word in out:  # (grows while walked: breadth first, as spaCy does)
        out.extend(c for c in a.children[word] if c > word and a.dep[c] == "conj")
    return [w for w in out if w != i]


def _lemma_classes(lemma: str, lex: Lexicon) -> list[str]:
    out = [f"v:{t.claim_type}:{t.frame}" for t in lex.verbs.get(lemma, ())]
    if lemma in lex.receiving_verbs:
        out.append("receive")
    elif lemma in lex.giving_verbs:
        out.append("give")
    for table, tag in ((lex.nouns, "n"), (lex.themes, "t"), (lex.agent_nouns, "a")):
        if lemma in table:
            out.append(f"{tag}:{table[lemma]}")
    if lemma in lex.backing_participles:
        out.append(f"b:{lex.backing_participles[lemma]}")
    if lemma in lex.client_nouns:
        out.append("client")
    return out


IndexPath = tuple[list[int], "int | None", list[int]]  # a DepPath by token index


def index_path(up_a: list[int], up_b: list[int]) -> IndexPath:
    """From the two tokens' chains of heads (`ancestor_indexes`): the indexes from a up to
    the lowest common ancestor, the ancestor, and from it down to b."""
    ids_b = {t: n for n, t in enumerate(up_b)}
    for n, i in enumerate(up_a):
        if i in ids_b:
            return up_a[:n], i, up_b[:ids_b[i]][::-1]
    return up_a[:], None, up_b[::-1]


def _pair_path(ia: int, ib: int, chains: dict[int, list[int]],
               paths: dict[tuple[int, int], IndexPath], head: list[int]) -> IndexPath:
    """`index_path` of two heads, from their pair the other way round when it was made:
    with both chains up to the root, the common ancestor is the same, and the path the
    same read backwards."""
    found = paths.get((ia, ib))
    if found is None:
        back = paths.get((ib, ia))
        if back is not None and all(head[c[-1]] == c[-1] for c in (chains[ia], chains[ib])):
            found = (back[2][::-1], back[1], back[0][::-1])
        else:
            found = index_path(chains[ia], chains[ib])
        paths[ia, ib] = found
    return found


def _token_path(path: IndexPath, tokens: list[Token]) -> DepPath:
    up, lca, down = path
    return ([tokens[i] for i in up], tokens[lca] if lca is not None else None,
            [tokens[i] for i in down])


def _path(a: Token, b: Token) -> DepPath:
    """Tokens from a up to the lowest common ancestor, the ancestor, and from it down to b."""
    doc_arrays = arrays(a.doc)
    chain_a = ancestor_indexes(a.i, doc_arrays.head)
    chain_b = ancestor_indexes(b.i, doc_arrays.head)
    return _token_path(index_path(chain_a, chain_b), doc_arrays.tokens)


def pair_features(sm: SentenceMentions, a: Mention, b: Mention, lex: Lexicon | None = None,
                  path: tuple[list[Token], Token | None, list[Token]] | None = None,
                  heads: tuple[Token, Token] | None = None,
                  words: SentenceWords[str] | None = None
                  ) -> tuple[list[str], Token | None]:
    """Features of the ordered pair (a as subject, b as object), and the governing token
    (`path`, `heads` and `words`, if the caller has them: the pair's dependency path from
    `_path`, the mentions' `mention_head`, the sentence's `SentenceWords`)."""
    lex = lex or load_lexicon()
    words = words or SentenceWords(lex)
    tokens = sm.tokens
    ha, hb = heads if heads is not None else (mention_head(a, tokens), mention_head(b, tokens))
    up, lca, down = path if path is not None else _path(ha, hb)
    indexes = ([t.i for t in up], lca.i if lca is not None else None, [t.i for t in down])
    return indexed_pair_features(sm, a, b, indexes, ha, hb, words), lca


def _form(m: Mention, arr: DocArrays) -> str:
    """How a mention names its actor: "name", "pronoun" or "description"."""
    first = arr.tokens[m.start]
    if m.end - m.start == 1 and first.pos_ in ("PRON", "DET"):
        return "pronoun"
    return "name" if arr.tokens[m.end - 1].pos_ == "PROPN" else "description"


# Dependency labels by which the path leaves one clause for another
_CLAUSE_LINKS = frozenset({"ccomp", "advcl", "relcl", "xcomp", "acl", "parataxis"})


def indexed_pair_features(sm: SentenceMentions, a: Mention, b: Mention, path: IndexPath,
                   ha: Token, hb: Token, words: SentenceWords[F]) -> list[F]:
    """`pair_features` of a path by token index (each feature as `words` codes it)."""
    up, lca, down = path
    code = words.code
    tokens = sm.tokens
    arr = arrays(sm.sent.doc)
    dep = arr.dep
    side_a, side_b = words.side(a, ha, "a", tokens), words.side(b, hb, "b", tokens)
    feats = [side_a.kind, side_b.kind, code(f"kk={a.entity.kind}|{b.entity.kind}"),
             code(f"order={'ab' if a.start < b.start else 'ba'}"), side_a.dep, side_b.dep,
             code(f"deps={side_a.dep_name}|{side_b.dep_name}")]
    if a.demonym:
        feats.append(code("a_demonym"))
    if b.demonym:
        feats.append(code("b_demonym"))
    if side_b.prep is not None:
        feats.append(side_b.prep)
    if side_a.prep is not None:
        feats.append(side_a.prep)
    if len(up) + len(down) > MAX_PATH:
        feats.append(code("path=long"))
    else:
        feats.append(code("path=" + " ".join([dep[i] + "^" for i in up]
                                             + ["v" + dep[i] for i in down])))
    ia, ib = ha.i, hb.i
    # another actor on the path between them ("A's ally B armed C"): the pair is less often
    # related directly; and how many actors the sentence names
    others = words.actor_heads(sm) - {ha.i, hb.i}
    if others.intersection((*up[1:], *([lca] if lca is not None else []), *down[:-1])):
        feats.append(code("actor_on_path"))
    feats.append(code(f"actors={min(len(others), 4)}"))
    # how each party is named: a name, a pronoun or a description ("the group")
    feats.append(code(f"forms={_form(a, arr)}|{_form(b, arr)}"))
    if any(dep[i] in _CLAUSE_LINKS for i in (*up, *down)):
        feats.append(code("crosses_clause"))
    gap = abs(ia - ib)
    feats.append(code(f"dist={min(gap, 10) if gap < 10 else '10+' if gap < 20 else '20+'}"))
    for i in (*up[1:], *([lca] if lca is not None else []), *down[:-1]):
        if i != ia and i != ib:  # a word on the path
            feats.extend(words.word(i, arr, "pw", "pc"))
    if lca is not None:
        word = arr.lemma[lca]
        feats.append(code(f"lca={word}"))
        feats.append(code(f"lca_k={word}|{a.entity.kind}|{b.entity.kind}"))
        feats.append(code(f"lca_d={word}|{side_a.dep_name}|{side_b.dep_name}"))
        feats.extend(words.governor(lca, arr))
    feats.append(side_a.head)
    feats.append(side_b.head)
    if side_b.head2 is not None:
        feats.append(side_b.head2)
    feats += (side_a.role, side_b.role, *side_a.window, *side_b.window)
    feats += [f for f in (side_a.verb_object, side_b.verb_object) if f is not None]
    feats += words.between_pair(a, b, ia, ib, arr)
    feats += side_a.after  # "X-backed B": a hyphenated participle right after a
    feats += words.sentence_types(sm, arr)
    return feats


class _Side(NamedTuple, Generic[F]):
    """The features one mention gives as side `a` or `b` of any pair, made once (each as
    `SentenceWords.code` makes it)."""

    kind: F  # "ka=state"
    dep: F  # "adep=nsubj"
    dep_name: str  # "nsubj"
    prep: F | None  # "aprep=with", when its head is a preposition
    head: F  # "ahead=arm"
    head2: F | None  # b only: "bhead2=talk|with", when its head is a preposition
    role: F  # "ahd=nsubj|arm"
    verb_object: F | None  # a subject's verb and its object: "avo=exchange|fire"
    window: list[F]  # the words either side
    after: list[F]  # a only: "after_a=backed"


def _window(m: Mention, tag: str, first: int, end: int, a: DocArrays) -> list[str]:
    """The two words either side of a mention ("talks with X", "X fighters"), which the
    parse may not hang on it (within the sentence: tokens `first` to `end`)."""
    lemma, alpha = a.lemma, a.is_alpha
    return ([f"{tag}L={lemma[t]}" for t in range(max(first, m.start - WINDOW), m.start)
             if alpha[t]]
            + [f"{tag}R={lemma[t]}" for t in range(m.end, min(m.end + WINDOW, end)) if alpha[t]])


def trigger_types(lemmas: Iterable[str]) -> set[str]:
    """The claim types the sentence's trigger verbs, nouns and transferred things name."""
    table = types_by_lemma()
    out: set[str] = set()
    for lemma in set(lemmas) & table.keys():
        out |= table[lemma]
    return out


def sentence_trigger_types(sent: Span) -> frozenset[str]:
    """`trigger_types` of a sentence's lemmas, kept with its Doc's arrays: the learned
    layer, its sentence features and the implied parties each ask."""
    kept = arrays(sent.doc).kept
    key = ("trigger_types", sent.start, sent.end)
    found = kept.get(key)
    if found is None:
        found = kept[key] = frozenset(trigger_types(arrays(sent.doc).lemma[sent.start:sent.end]))
    return cast(frozenset[str], found)


@cache
def types_by_lemma() -> dict[str, frozenset[str]]:
    """Trigger lemma -> the claim types it names (verbs, nouns, transferred things)."""
    lex = load_lexicon()
    out: dict[str, set[str]] = {}
    for lemma, triggers in lex.verbs.items():
        out.setdefault(lemma, set()).update(t.claim_type for t in triggers)
    for table in (lex.nouns, lex.themes):
        for lemma, ctype in table.items():
            out.setdefault(lemma, set()).add(ctype)
    return {lemma: frozenset(types) for lemma, types in out.items()}
