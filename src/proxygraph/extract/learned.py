"""The learned layer: a linear classifier over pairs of actor mentions in one sentence.

The rules find what their frames describe; reports say the same things in ways no frame
foresaw. For every ordered pair of actors a sentence mentions, this component scores each
claim type from features of how the two are connected (`pair_features.py`: the dependency
path, the words on and between it, what the governing word gives, the actors' kinds, the
sentence's trigger words) and proposes the types whose probability passes the model's
threshold (a type's own, where cross-validation chose one), where the rules found nothing
for that pair and type. The weights are data (`relations.json`, made by
`python -m proxygraph.extract.train_relations`), read once; inference is pure Python, so
extraction stays deterministic and needs no machine-learning library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Span, Token

from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.candidates import Candidate
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.extract.mentions import Mention
from proxygraph.extract.pair_features import (
    IndexPath,
    SentenceWords,
    indexed_pair_features,
    indexed_pairs,
    sentence_trigger_types,
)
from proxygraph.extract.view import SentenceView
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

if TYPE_CHECKING:
    from proxygraph.extract.arguments import SentenceMentions

MODEL_FILE = "relations.json"
# A pair the rules related in one type may hold another ("armed and trained" read as
# training only): the layer adds it when surer than its usual threshold. 4-fold CV on train
# a..s: F1 0.430 -> 0.432; blind a..f 0.470 -> 0.472.
RELATED_THRESHOLD = 0.7
# A sentence that names two actors and gave the rules nothing mostly still states a
# relation in words no frame foresaw: there the layer proposes types at 0.3 rather than
# 0.4. On train yg..yj, parts the models had not been trained on (1,664 gold claims): F1
# 0.482 -> 0.486 at 0.3 (P 0.686 -> 0.670, R 0.372 -> 0.381); 0.483 at 0.25 and at 0.35.
SILENCE_DISCOUNT = 0.1
# An unnamed group as a party ("young men", "front companies") is often a victim or a
# bystander: the layer proposes it only at 0.5. On train yk..yo, parts the models were not
# trained on (2,128 gold claims): F1 0.504 at the usual bars, 0.505 at 0.5 (P 0.674 ->
# 0.681), 0.504 at 0.6.
COLLECTIVE_THRESHOLD = 0.5
# Types the classifier proposes: PRODUCTION has no second party to pair with.
PAIR_TYPES = ("AGREEMENT", "ARMS_TRANSFER", "CLASH", "CONTACT", "COORDINATION", "DEMAND",
              "FUNDING", "INTEGRATION", "INTELLIGENCE", "RECRUITMENT", "SUPPORT", "TRADE",
              "TRAINING")


@dataclass(frozen=True)
class RelationModel:
    version: str
    threshold: float
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]  # type -> feature -> weight
    # a type's own threshold, where CV found one better than `threshold` for it
    thresholds: dict[str, float] = field(default_factory=dict)

    def threshold_of(self, ctype: str) -> float:
        return self.thresholds.get(ctype, self.threshold)

    @cached_property
    def in_silence(self) -> RelationModel:
        """This model with the bar lowered by SILENCE_DISCOUNT, for sentences where the
        rules found no claim."""
        return replace(self, threshold=self.threshold - SILENCE_DISCOUNT,
                       thresholds={t: v - SILENCE_DISCOUNT for t, v in self.thresholds.items()})

    @cached_property
    def by_feature(self) -> dict[str, tuple[tuple[str, float], ...]]:
        """feature -> (type, weight) pairs: a pair's few features touch only their weights."""
        out: dict[str, list[tuple[str, float]]] = {}
        for ctype, table in self.weights.items():
            for feature, weight in table.items():
                out.setdefault(feature, []).append((ctype, weight))
        return {f: tuple(v) for f, v in out.items()}

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        scores = dict(self.bias)
        table = self.by_feature
        for feature in features:
            for ctype, weight in table.get(feature, ()):
                scores[ctype] += weight
        return {ctype: _sigmoid(score) for ctype, score in scores.items()}

    @cached_property
    def matrix(self) -> tuple[tuple[str, ...], dict[str, int], np.ndarray]:
        """The weights as one array: row 0 the bias, then a row per feature (`rows` gives
        it), a column per type in name order, and a last row of zeros; a type a feature
        does not touch weighs 0 (adding 0.0 changes no sum)."""
        types = tuple(sorted(self.bias))
        column = {t: n for n, t in enumerate(types)}
        rows = {f: n for n, f in enumerate(self.by_feature, start=1)}
        weights = np.zeros((len(rows) + 2, len(types)))
        weights[0] = [self.bias[t] for t in types]
        for feature, row in rows.items():
            for ctype, weight in self.by_feature[feature]:
                weights[row, column[ctype]] = weight
        return types, rows, weights

    def accepted(self, pairs: list[list[str]]) -> list[list[str]]:
        """For each pair's features, the types whose probability reaches the threshold, in
        name order."""
        return [list(found) for found in self.accepted_probabilities(pairs)]

    def accepted_probabilities(self, pairs: list[list[str]]) -> list[dict[str, float]]:
        """For each pair's features, the types whose probability reaches the threshold,
        with that probability, in name order: one array sum for all the pairs of a
        sentence instead of a loop per pair, feature and type.

        The decisions are those of `probabilities` to the last bit: each pair's rows (the
        bias, then its features in order, then zero rows up to the longest pair) are summed
        along the array's slow axis, which numpy adds one row after another, as the loop
        there does."""
        if not pairs:
            return []
        rows = self.matrix[1]
        # (rows start at 1: filtering out None drops exactly the unknown features)
        return self._accepted([[0, *filter(None, map(rows.get, features))]
                               for features in pairs])

    def accepted_rows(self, pairs: list[list[int | None]]) -> list[dict[str, float]]:
        """`accepted_probabilities` of each pair's features given as their rows in
        `matrix` (None: a feature the model does not know), in the same order."""
        return self._accepted([[0, *filter(None, features)] for features in pairs])

    def _accepted(self, picked: list[list[int]]) -> list[dict[str, float]]:
        """The accepted types of each pair's rows (the bias row first)."""
        if not picked:
            return []
        types, _, weights = self.matrix
        zero = len(weights) - 1
        width = max(len(p) for p in picked)
        index = np.full((len(picked), width), zero)
        for n, p in enumerate(picked):
            index[n, :len(p)] = p
        scores = weights[index].sum(axis=1)
        # Only a score near or above the threshold's log-odds can pass: those alone get
        # the exact probability the threshold is compared with.
        limits = self.limits
        out: list[dict[str, float]] = [{} for _ in picked]
        for n, k in zip(*np.nonzero(scores >= limits[1]), strict=True):
            p = _sigmoid(float(scores[n, k]))
            if p >= limits[0][k]:
                out[n][types[k]] = p
        return out

    @cached_property
    def limits(self) -> tuple[list[float], np.ndarray]:
        """Each type's threshold (in `matrix` column order) and the log-odds under which
        no score can reach it."""
        types = self.matrix[0]
        ts = [self.threshold_of(t) for t in types]
        cuts = np.array([math.log(t / (1.0 - t)) - 1e-6 if 0.0 < t < 1.0
                         else (-math.inf if t <= 0.0 else math.inf) for t in ts])
        return ts, cuts


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def load_model() -> RelationModel | None:
    """The packaged model, or None when no model has been trained into the package."""
    return read_model(MODEL_FILE)


def read_model(name: str) -> RelationModel | None:
    """A weights file beside this module (`relations.json`, `implied.json`), or None."""
    path = resources.files(__package__).joinpath(name)
    if not path.is_file():
        return None
    raw = json.loads(path.read_text("utf-8"))
    return RelationModel(version=str(raw["version"]), threshold=float(raw["threshold"]),
                         bias={k: float(v) for k, v in raw["bias"].items()},
                         weights={k: {f: float(w) for f, w in v.items()}
                                  for k, v in raw["weights"].items()},
                         thresholds={k: float(v)
                                     for k, v in raw.get("thresholds", {}).items()})


def _trigger(lca: Token | None, a: Token, b: Token) -> Token:
    if lca is not None and lca.i not in (a.i, b.i):
        return lca
    return (lca or a).head if (lca or a).head.i != (lca or a).i else (lca or a)


def _placed(m: Mention, head: int, a: DocArrays) -> bool:
    """A country named as where something happens ("strikes across southern Lebanon") is
    a place, not a party (guide 19). (`head`: the mention's head token, by index.)"""
    if m.entity.kind != "state" or a.dep[head] != "pobj":
        return False
    prep = a.head[head]
    if a.lower[prep] in WORDS.place_preps:
        return True
    # "on the territory of Benin", "across parts of Syria": the state names the place
    return a.lower[prep] == "of" and a.lemma[a.head[prep]] in WORDS.controlled_place_nouns


def _descriptor(m: Mention, head: int, sm: SentenceMentions, a: DocArrays) -> bool:
    """A mention that only describes another: the epithet in "UN-recognised government",
    "Iran-backed militias" (the rules read those), or the body named in an apposition
    ("the Quds Force, an elite unit of the IRGC")."""
    if m.end < len(a.text) and a.text[m.end] in ("-", "–") and m.end < sm.sent.end:
        return True
    i = head
    for _ in range(4):
        if a.dep[i] == "appos":
            owner = sm.by_token.get(a.head[i])
            return owner is not None and owner.entity.id != m.entity.id
        if a.head[i] == i:
            break
        i = a.head[i]
    return False


def _embedded(head: int, lca: int | None, sm: SentenceMentions, pair: set[str],
              a: DocArrays) -> bool:
    """The mention belongs to another actor's event below the pair's governor ("asked China
    to press Tehran": Tehran is pressed by China, not asked by Washington). A clause whose
    doer is one of the pair ("Iran agreed to arm the Houthis") keeps the pair."""
    if lca is None:
        return True
    dep, children = a.dep, a.children
    i = a.head[head]
    while i != lca and a.head[i] != i:
        if a.pos[i] in ("VERB", "AUX") and dep[i] in ("xcomp", "ccomp", "advcl", "relcl"):
            doers = [c for c in children[i] if dep[c] in ("nsubj", "nsubjpass")]
            if not doers and dep[i] == "xcomp":
                governor = a.head[i]
                doers = [c for c in children[governor] if dep[c] == "dobj"] or [
                    c for c in children[governor] if dep[c] == "nsubj"]
            for doer in doers:
                m = sm.by_token.get(doer)
                if m is not None and m.entity.id not in pair:
                    return True
        i = a.head[i]
    return False


def _between(head: int, a: DocArrays) -> int | None:
    """The "between" whose phrase holds the mention ("talks between A and B", "between
    Israel's air base and Baku")."""
    i = head
    for _ in range(4):
        if a.head[i] == i:
            return None
        i = a.head[i]
        if a.lower[i] == "between" and a.dep[i] == "prep":
            # "talks between A and B" name the talks' sides; "shuttled between Sanaa and
            # Riyadh" names where one went
            return i if a.pos[a.head[i]] in ("NOUN", "PROPN") else None
    return None


def _host_of_sides(ha: int, hb: int, sides: dict[int, int | None], a: DocArrays) -> bool:
    """One of the pair is a side a noun's "between" names and the other comes before it:
    "Oman hosted talks between A and B" (Oman is no side of the talks). `sides` keeps each
    head's `_between` for the sentence's other pairs."""
    for h in (ha, hb):
        if h not in sides:
            sides[h] = _between(h, a)
    ba, bb = sides[ha], sides[hb]
    if (ba is None) == (bb is None):
        return False
    between = ba if ba is not None else bb
    outside = hb if ba is not None else ha
    assert between is not None
    return outside < between


def _declined_by_rules(lca: int, ha: int, hb: int, a: DocArrays) -> bool:
    """Words the rules decide alone: reliance ("Hamas relies on Iran" is support, "relies
    on Iran for arms" the arms), engaging *with* someone ("engaged with the Taliban on
    trade") and naming someone something ("called Hezbollah a political force",
    "described X as a proxy")."""
    lemma = a.lemma[lca]
    if lemma in WORDS.rely_verbs or lemma in WORDS.rely_nouns:
        return True
    if lemma in WORDS.naming_verbs and any(
            a.dep[c] == "oprd" or (a.dep[c] == "prep" and a.lower[c] == "as")
            # "called Hezbollah 'a serious political force'": the quote read as apposition
            or (a.dep[c] == "dobj" and any(a.dep[g] == "appos" for g in a.children[c]))
            for c in a.children[lca]):
        return True  # "Putin called Hezbollah a serious political force": a judgement
    return lemma in WORDS.object_only_clash_verbs and any(
        a.dep[h] == "pobj" and a.lower[a.head[h]] == "with" and a.head[a.head[h]] == lca
        for h in (ha, hb))


def _governs_a_complement(lca: int | None, a: DocArrays) -> bool:
    """Does the pair's governing word take a verb complement ("agreed to help", "asked X
    to arm")? The act is then the complement's, and a pair the rules related there is
    theirs whole."""
    return lca is not None and any(a.dep[c] == "xcomp" for c in a.children[lca])


def _co_speakers(ha: int, hb: int, speech: frozenset[str], a: DocArrays) -> bool:
    """"The US, South Korea and Japan condemned the pact": coordinated subjects of a verb
    of speech or judgement act together; they are no pair of their own."""
    first, second = (ha, hb) if ha < hb else (hb, ha)
    i = second
    while a.dep[i] == "conj" and a.head[i] != i:
        i = a.head[i]
        if i == first:
            return a.dep[i] in ("nsubj", "nsubjpass") and a.lemma[a.head[i]] in speech
    return False


def _speaks_of_itself(verb: int, ha: int, hb: int, sm: SentenceMentions, a: DocArrays
                      ) -> int | None:
    """One of the pair reports (the subject of `verb`) what the other is in, and the
    report names the reporter again by a pronoun no mention took ("the army said its
    forces had repelled an RSF attack", "Iran has stated that it does not arm the
    Houthis"): the reporter is a party after all. The report's clause (its head), or
    None."""
    for reporter, other in ((ha, hb), (hb, ha)):
        if a.head[reporter] != verb or a.dep[reporter] not in ("nsubj", "nsubjpass"):
            continue
        clause = other
        while a.head[clause] != verb and a.head[clause] != clause:
            clause = a.head[clause]
        if a.head[clause] != verb or a.dep[clause] not in ("ccomp", "xcomp", "advcl"):
            continue
        top = a.tokens[clause]
        speaker = sm.by_token.get(reporter)
        # (a pronoun no mention took, or one the anaphora gave the reporter itself:
        # "CENTCOM said its forces destroyed two Houthi drones")
        if any(a.lower[i] in _SELF_PRONOUNS and i < other and (
                i not in sm.by_token or (speaker is not None
                                         and sm.by_token[i].entity.id == speaker.entity.id))
               for i in range(top.left_edge.i, top.right_edge.i + 1)):
            return clause
    return None


_SELF_PRONOUNS = frozenset({"it", "its", "itself", "they", "their", "them", "we", "our",
                            "us"})


@cache
def _reporting_words() -> frozenset[str]:
    """Governors that report, deny or judge: whoever they relate is no party to the act."""
    cues = load_lexicon().cues
    return frozenset({*cues["certainty"]["reporting_verbs"], *cues["status"]["deny"],
                      *WORDS.judging_verbs})


# Types by which the rules put two parties on one side: the classifier adds no fight between
# them ("fought with the ENDF against the TPLF").
_ALLIED_TYPES = frozenset({"SUPPORT", "COORDINATION"})


def _armed_membership(part: Entity, whole: Entity, sent: Span, a: DocArrays) -> bool:
    """Whether a state is part of a body here as a force is ("troops from Nigeria and Chad"
    in the MNJTF, a state in a mission or an alliance) and not as a member of a bloc
    ("Iran is a member of BRICS"): a word for forces in the sentence or the body's name.
    Anything but a state in a body is not asked."""
    if part.kind != "state" or whole.kind != "organization":
        return True
    words = WORDS.armed_body_words
    return not words.isdisjoint(a.lemma[sent.start:sent.end]) or any(
        w.lower().rstrip("s") in words for w in whole.name.split())


def learned_candidates(sm: SentenceMentions, known: set[tuple[str, str, str | None]],
                       model: RelationModel | None = None) -> list[Candidate]:
    """Claims the classifier finds for the sentence's actor pairs beyond `known` ones."""
    model = model or load_model()
    if model is None:
        return []
    if not known:
        model = model.in_silence  # the rules found nothing here: a lower bar
    pairs = indexed_pairs(sm)  # none unless two actors are named: most sentences stop here
    sent = sm.sent
    a_ = arrays(sent.doc)
    if not pairs or not WORDS.unannotated_topics.isdisjoint(a_.lemma[sent.start:sent.end]):
        return []
    lex = load_lexicon()
    # A pair the rules already related, in any type or direction, is mostly theirs: they
    # know what the classifier cannot (a price is not funding, "asked X to press Y"); it
    # adds another type there only above RELATED_THRESHOLD.
    related: dict[frozenset[str], set[str]] = {}
    for ctype, subject, obj in known:
        related.setdefault(frozenset((subject, obj)), set()).add(ctype)
    # ... and only when the sentence has a trigger word of a type the rules did not give the
    # pair ("armed and trained" read as training only): other related pairs cost features
    # for nothing
    offered = sentence_trigger_types(sent) if related else frozenset()
    reporting = _reporting_words()
    scored: list[tuple[Mention, Mention, Token, Token, IndexPath]] = []
    features: list[list[int | None]] = []
    # each feature kept as its row of the weights (`accepted_rows`), looked up once a sentence
    words = SentenceWords(lex, model.matrix[1].get)
    # a mention that is a place or only describes another is no party, whatever its pair
    no_party: dict[int, bool] = {}
    sides: dict[int, int | None] = {}  # each head's "between", if a noun's names it
    clause_of: dict[tuple[int, int], int] = {}  # a reporter's pair -> the report's verb
    for a, b, ha, hb, path in pairs:
        for m, h in ((a, ha), (b, hb)):
            if id(m) not in no_party:
                no_party[id(m)] = _placed(m, h.i, a_) or _descriptor(m, h.i, sm, a_)
        given = related.get(frozenset((a.entity.id, b.entity.id)))
        if no_party[id(a)] or no_party[id(b)] or (given is not None and offered <= given):
            continue
        lca = path[1]
        pair = {a.entity.id, b.entity.id}
        reported = lca is not None and a_.lemma[lca] in reporting
        if reported and lca is not None:
            clause = _speaks_of_itself(lca, ha.i, hb.i, sm, a_)
            if clause is not None:
                # "Iran has stated that it does not arm the Houthis": the report's own
                # verb carries the relation (and its status)
                reported, clause_of[(ha.i, hb.i)] = False, clause
        if _embedded(ha.i, lca, sm, pair, a_) or _embedded(hb.i, lca, sm, pair, a_) or (
                reported) or _co_speakers(ha.i, hb.i, reporting, a_):
            continue  # "Israel blamed Hamas for ...": the reporter is no party
        if _host_of_sides(ha.i, hb.i, sides, a_):
            continue  # "Oman hosted talks between A and B": the sides are A and B
        if lca is not None and _declined_by_rules(lca, ha.i, hb.i, a_):
            continue
        scored.append((a, b, ha, hb, path))
        features.append(indexed_pair_features(sm, a, b, path, ha, hb, words))
    out: list[Candidate] = []
    for (a, b, ha, hb, path), found in zip(scored, model.accepted_rows(features), strict=True):
        types = list(found)
        if "collective" in (a.entity.kind, b.entity.kind):
            types = [t for t in types if found[t] >= COLLECTIVE_THRESHOLD]
        if types and frozenset((a.entity.id, b.entity.id)) in related:
            if _governs_a_complement(path[1], a_):
                continue  # "agreed to help Russia build": the rules read the act it plans
            types = [t for t in types if found[t] >= RELATED_THRESHOLD]
            if related[frozenset((a.entity.id, b.entity.id))] & _ALLIED_TYPES:
                types = [t for t in types if t != "CLASH"]  # the rules made them allies
        if not types:
            continue  # (most pairs)
        up, lca, down = path
        loose = any(a_.lemma[i] in WORDS.loose_affiliation_nouns
                    for i in (*up, *down, *([lca] if lca is not None else [])))
        # "backed army chief al-Burhan": a supported leader stands for his state, as in the
        # rules (guide 8)
        leader_state = SentenceView.affiliation(b.entity, ("state",))
        for ctype in types:
            if loose and ctype in ("INTEGRATION", "SUPPORT"):
                continue
            if ctype == "INTEGRATION" and not _armed_membership(a.entity, b.entity, sent, a_):
                continue
            obj = leader_state if ctype == "SUPPORT" else b.entity
            key = (ctype, a.entity.id, obj.id)
            reverse = (ctype, obj.id, a.entity.id)
            if key in known or reverse in known or obj.id == a.entity.id:
                continue  # the rules already stated this pair (either way round)
            if (ctype, a.entity.id, leader_state.id) in known:
                continue  # "urged the government of Maduro": the rules read his state
            known.add(key)
            said = clause_of.get((ha.i, hb.i))
            trigger = a_.tokens[said] if said is not None else _trigger(
                a_.tokens[lca] if lca is not None else None, ha, hb)
            out.append(Candidate(ctype, a.entity, obj, trigger))
    return out
