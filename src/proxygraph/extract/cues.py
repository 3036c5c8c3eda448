"""Status (occurred, ongoing, planned, forecast, denied), certainty and attribution.

Status comes from the clause that governs the trigger: negation and denial verbs, modals,
"likely/expected to", planning verbs, then tense. Certainty comes from hedges and
reporting verbs in the sentence; the reporter becomes the attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from proxygraph.extract.arguments import misparsed_verb
from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.candidates import first_conjunct
from proxygraph.extract.lexicon import Lexicon, load_lexicon
from proxygraph.extract.nlp import doc_text, span_text
from proxygraph.extract.wordsets import WORDS

# Edges along which a word inherits the modality of its governor.
_INHERIT = {"xcomp", "conj", "dobj", "pobj", "prep", "acomp", "attr", "nsubj", "nsubjpass",
            "npadvmod", "compound", "amod", "pcomp", "appos", "oprd", "dative", "agent", "acl",
            "nmod", "poss", "advcl", "ccomp"}


_ADVERB = re.compile(r"(?<= )(?:widely|generally|long|also|now|still|firmly|strongly|"
                     r"commonly|largely|further|increasingly) ")


def cue_set(lex: Lexicon, group: str, name: str) -> frozenset[str]:
    """A word list of the cues as a set, built once per lexicon (modality runs per claim)."""
    key = (id(lex), group, name)
    found = _CUE_SETS.get(key)
    if found is None or found[0] is not lex:
        found = _CUE_SETS[key] = (lex, frozenset(lex.cues[group][name]))
    return found[1]


_CUE_SETS: dict[tuple[int, str, str], tuple[Lexicon, frozenset[str]]] = {}
# certainty's "low" words that count only in a hedge phrase, not alone
_LOW_ONLY_IN_PHRASES = frozenset({"thought", "believed", "suspected", "appear", "seem",
                                  "suggest", "might", "unknown"})


@dataclass(frozen=True)
class Modality:
    status: str
    certainty: str
    attribution: tuple[str, ...]


def governing_chain(trigger: Token, lex: Lexicon) -> tuple[list[Token], Token | None]:
    """Tokens from the trigger up to its clause's top, and the reporting verb above, if any."""
    reporting = cue_set(lex, "certainty", "reporting_verbs")
    chain = [trigger]
    if misparsed_verb(trigger, lex) and trigger.dep_ == "appos":
        return chain, None  # a relative clause read as an apposition keeps its own tense
    a = arrays(trigger.doc)  # walked up by token index; the chain holds the Doc's Tokens
    dep, lower, lemma, tag, heads, children = a.dep, a.lower, a.lemma, a.tag, a.head, a.children
    deny = cue_set(lex, "status", "deny")
    carried = {"help", "assist", "enable", *lex.cues["status"]["forecast_verbs"]}
    i = trigger.i
    while heads[i] != i and dep[i] in _INHERIT:
        head = heads[i]
        if dep[i] in ("ccomp", "advcl") and lemma[head] in reporting:
            return chain, a.tokens[head]
        if dep[i] == "advcl" and not any(dep[c] == "aux" and lower[c] == "to"
                                          for c in children[i]) and not _bare_participle(i, a):
            break  # a subordinate clause keeps its own tense
        denial = lemma[head] in deny and i > head
        if dep[i] == "ccomp" and not denial and lemma[head] not in carried:
            # but "agreed to help Russia build" plans the building, and "denied that it
            # had armed" denies it (not "militias launch attack; X denies role")
            break
        content_clause = any(dep[c] == "mark" and lower[c] == "that" for c in children[i])
        if dep[i] == "acl" and tag[i] != "VBG" and not content_clause and not (
                tag[i] == "VB" and any(dep[c] == "aux" and lower[c] == "to"
                                       for c in children[i])):
            # "X, backed by Y, announced ...": the participle keeps its own status; but
            # "has no plans to arm Y" takes the status of the plan
            break
        chain.append(a.tokens[head])
        i = head
        if _finite_at(head, a) or (tag[head] == "VBG" and any(
                dep[c] in ("nsubj", "nsubjpass") for c in children[head])):
            break  # a finite verb (or "with tensions rising") carries its own tense
    if heads[i] != i and dep[i] == "ccomp" and lemma[heads[i]] in reporting:
        return chain, a.tokens[heads[i]]
    return chain, None


def _bare_participle(i: int, a: DocArrays) -> bool:
    """A participle clause with no subject nor conjunction of its own ("continues to train
    the army, helping it ..."): it has no tense but its head's."""
    return a.tag[i] == "VBG" and not any(
        a.dep[c] in ("nsubj", "nsubjpass", "mark", "aux") for c in a.children[i])


def is_finite(tok: Token) -> bool:
    return _finite_at(tok.i, arrays(tok.doc))


def _finite_at(i: int, a: DocArrays) -> bool:
    if a.pos[i] not in ("VERB", "AUX"):
        return False
    if a.tag[i] in ("VBD", "VBZ", "VBP", "MD"):
        return True
    dep, lower = a.dep, a.lower
    return any(dep[c] in ("aux", "auxpass") and lower[c] != "to" for c in a.children[i])


def _negated(tok: Token, lex: Lexicon) -> bool:
    negators = lex.cues["status"]["negators"]
    a = arrays(tok.doc)  # read by index: no Token objects for the children
    dep, lower, children = a.dep, a.lower, a.children
    for c in children[tok.i]:
        if dep[c] == "neg":
            nxt = lower[c + 1] if c + 1 < len(lower) else None
            if nxt is not None and nxt in WORDS.not_only_adverbs:
                continue  # "not just X but Y" affirms
            return True
        if dep[c] == "advmod" and lower[c] == "never":
            return True
        if dep[c] == "advmod" and lower[c] == "longer" and any(
                lower[g] == "no" for g in children[c]):
            return True
        if lower[c] == "longer" and c > 0 and lower[c - 1] == "no":
            return True
        if dep[c] in ("nsubj", "nsubjpass", "det", "dobj") and (
                lower[c] in ("neither", "no", "none", "nobody") or any(
                dep[g] == "det" and lower[g] in ("neither", "no") for g in children[c])):
            return True
    return a.lemma[tok.i] in negators and a.pos[tok.i] == "VERB"


def _modal(i: int, a: DocArrays) -> tuple[str, bool] | None:
    """The modal auxiliary of verb `i` and whether it is 'modal + have + participle'."""
    dep, lower, kids_i = a.dep, a.lower, a.children[i]
    for c in kids_i:
        if dep[c] == "aux" and a.tag[c] == "MD":
            perfect = any(dep[x] == "aux" and lower[x] == "have" for x in kids_i)
            return lower[c], perfect
    return None


def _verb_group(verb: Token) -> list[Token]:
    """The verb's children, with what a bare later conjunct shares with the first: in "is
    armed, funded and trained by" and "has armed, paid and trained X since 2017", "funded"
    and "paid" share the auxiliary, and the group shares its "since"."""
    children = list(verb.children)
    if verb.dep_ != "conj":
        # "has trained and equipped the force for a decade": the span the parse hangs on
        # the last bare conjunct is the whole group's
        children += [c for other in verb.conjuncts if other.i > verb.i and not any(
            g.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for g in other.children)
            for c in other.children if c.dep_ == "prep" and c.lower_ in ("since", "for")]
        return children
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in children):
        return children
    first = first_conjunct(verb)
    children += [c for c in first.children if c.dep_ in ("aux", "auxpass", "neg")
                 and c.i < verb.i]
    for other in (first, *first.conjuncts):
        if other.i != verb.i:
            children += [c for c in other.children if c.dep_ == "prep"
                         and c.lower_ in ("since", "for")]
    return children


def _standing_since(children: list[Token]) -> bool:
    """'has ... since January', 'has ... for years': a perfect that reaches the present."""
    for prep in children:
        if prep.dep_ == "prep" and prep.lower_ in ("since", "for", "throughout"):
            for obj in prep.children:
                if prep.lower_ != "for" and (obj.dep_ == "pobj" or obj.lower_ == "then"):
                    return True  # "since 2015", "throughout the war", "since then"
                if obj.dep_ == "pobj" and (obj.lemma_.lower() in WORDS.span_units or any(
                        t.dep_ == "pobj" and t.lemma_.lower() in WORDS.span_units
                        for of in obj.children if of.dep_ == "prep" and of.lower_ == "of"
                        for t in of.children)):
                    return True  # "for years", "for the better part of two decades"
    return False


def _object_preps(verb: Token) -> list[Token]:
    """Prepositions the parse hangs on the verb's object instead of the verb: in "has
    provided Hamas with funding for years", "for years" is the providing's span."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children
                if g.dep_ == "pobj"]
    return [p for o in objects for p in o.children if p.dep_ == "prep"]


def tense_status(verb: Token) -> str:
    """occurred or ongoing from the verb group's tense."""
    children = _verb_group(verb)
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if verb.tag_ in ("VBZ", "VBP"):
        return "ongoing"
    perfect = bool(aux_words & {"has", "have", "'ve"})
    if perfect and (_standing_since(children) or _standing_since(_object_preps(verb))):
        return "ongoing"  # "has armed the group since 2015", "have fought for years"
    if perfect and _regular(children):
        # "have held regular talks"; not "has repeatedly struck", which annotators read as
        # past acts (train corpus: 9 of 14 such perfects occurred)
        return "ongoing"
    if perfect and verb.lemma_ == "be" and verb.tag_ == "VBN":
        return "ongoing"  # "has been in contact with": a state that holds until now
    if verb.tag_ == "VBG":
        if aux_words & {"is", "are", "am", "'s", "'re"}:
            return "ongoing"
        if "been" in aux_words and aux_words & {"has", "have", "'ve"}:
            return "ongoing"
        if aux_words & {"was", "were"}:
            return "occurred"
    if verb.tag_ == "VBN" and verb.dep_ != "amod" and aux_words & {"is", "are", "am"} and (
            not aux_words & {"has", "have", "had"}):
        return "ongoing"
    return "occurred"


def _regular(children: list[Token]) -> bool:
    """The verb's object is a recurring thing: "held regular consultations"."""
    return any(c.dep_ in ("dobj", "attr") and any(
        m.dep_ == "amod" and m.lower_ in WORDS.recurrence_adjectives for m in c.children)
        for c in children)


def status_of(trigger: Token, chain: list[Token], lex: Lexicon) -> tuple[str, bool]:
    """(status, hedged_past): hedged_past is 'might have done', which lowers certainty."""
    cues = lex.cues["status"]
    planned_lemmas = cue_set(lex, "status", "planned")
    deny = cue_set(lex, "status", "deny")
    # read by token index (chain[0] is the trigger, the rest the heads above it); the
    # lemmas that a test compares unlowered are read from the Token
    a = arrays(trigger.doc)
    dep, lower, lemma, tag, pos, children = a.dep, a.lower, a.lemma, a.tag, a.pos, a.children
    for c in children[trigger.i]:
        if dep[c] in ("amod", "compound") and lower[c] in cues["planned_modifiers"]:
            return "planned", False
        if dep[c] == "acl" and tag[c] == "VBG" and (
                a.tokens[c].lemma_ in WORDS.ongoing_participles):
            return "ongoing", False
    ids = [tok.i for tok in chain]
    above = ids[1:]  # the chain without the trigger
    for k, i in enumerate(ids):
        if k and dep[ids[k - 1]] == "prep" and lower[ids[k - 1]] in WORDS.event_adjunct_preps:
            break  # "the mutiny ended after a deal": the ending is not the deal's
        if _negated(chain[k], lex):
            return "denied", False
        if k and lemma[i] in deny:
            return "denied", False
    if any(pos[i] == "VERB" and lemma[i] in cues["forecast_verbs"] for i in above):
        return "forecast", False  # "officials expect Iran to resupply the group"
    if pos[trigger.i] == "VERB" and lemma[trigger.i] in WORDS.promise_verbs:
        return "planned", False  # "Germany pledges four more IRIS-T systems to Kyiv"
    # "vowed to keep targeting": the vow outranks the continuation below it
    vowed = any(pos[i] == "VERB" and lemma[i] in planned_lemmas for i in above)
    for k, i in enumerate(ids):
        modal = _modal(i, a) if pos[i] in ("VERB", "AUX") else None
        if modal is not None:
            word, perfect = modal
            if perfect:
                return "occurred", True
            if word in cues["planned_modals"]:
                return "planned", False
            if word in cues["forecast_modals"]:
                return "forecast", False
        if k and lemma[i] in planned_lemmas and (
                pos[i] == "VERB" or (pos[i] == "NOUN" and any(
                    dep[c] == "acl" and c in ids for c in children[i]))):
            return "planned", False  # "plans to send", "has plans to send"
        # "is likely to", "is expected to", "is set to"; not "set up a hotline"
        forecast_word = lower[i] in cues["forecast_adjectives"] and (
            pos[i] == "ADJ" or any(dep[c] in ("auxpass", "aux") and a.tokens[c].lemma_ == "be"
                                   for c in children[i]))
        if forecast_word and k:
            return "forecast", False
        for c in children[i]:
            if dep[c] in ("acomp", "attr") and lemma[c] in cues["forecast_adjectives"]:
                return "forecast", False
            if dep[c] == "acomp" and lemma[c] in WORDS.planned_adjectives:
                return "planned", False  # "is due to hold talks", "was ready to train"
        if k and lemma[i] in WORDS.continuation_verbs and (
                tag[i] in ("VBZ", "VBP", "VBD", "VBG")  # "accused of continuing to arm"
                or any(dep[c] == "aux" and a.tokens[c].lemma_ == "have" for c in children[i])):
            return ("planned" if vowed else "ongoing"), False  # "continues to arm"
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        # "which Iran funds": a present-tense verb the parser read as a plural noun.
        return ("ongoing" if misparsed_verb(trigger, lex) else "occurred"), False
    if _bare_infinitive(verb):
        # "is believed to fund", "appears to arm": the tense is the governing verb's (a
        # perfect infinitive, "is said to have armed", stays a past act)
        governing = next((t for t in chain[chain.index(verb) + 1:]
                          if t.pos_ in ("VERB", "AUX") and is_finite(t)), None)
        if governing is not None:
            return tense_status(governing), False
    return tense_status(verb), False


def _bare_infinitive(verb: Token) -> bool:
    """"to fund" / "to be training", not "to have armed"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ in ("VB", "VBG") and any(a.lower_ == "to" for a in auxes) and not any(
        a.lower_ == "have" for a in auxes)


def phrase_text(head: Token) -> str:
    """The text of a reporter's noun phrase without leading determiners."""
    # "officials, who spoke on condition of anonymity,": the clause is not the name
    clauses = {t.i for c in head.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    cut = min(clauses, default=len(head.doc))  # the name ends where its first clause starts
    # 'the Republic of the Sudan (the "Applicant")': nor is a parenthesis after it
    paren = next((t.i for t in head.subtree if t.text == "(" and t.i > head.left_edge.i), None)
    if paren is not None and paren > head.i:
        cut = min(cut, paren)
    tokens = [t for t in head.subtree if t.i not in clauses and not t.is_punct
              and (t.i <= head.i or t.i < cut)]
    if not tokens:
        return head.text
    if tokens[0].dep_ == "det" and len(tokens) > 1:
        tokens = tokens[1:]
    # Sliced from the text as written ("Akram al-Kaabi"), not tokens joined by spaces.
    # (`doc_text` is the Doc's text kept once: `Doc.text` rebuilds it from every token)
    text = doc_text(head.doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]
    return text.strip()


def _according_to(sent: Span) -> list[str]:
    out = []
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and (
                tok.doc[tok.i + 1].lower_ == "to"):
            to = tok.doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                out.append(phrase_text(pobj))
    return out


def certainty_of(sent: Span, reporter: Token | None, hedged_past: bool,
                 lex: Lexicon, trigger: Token | None = None) -> tuple[str, tuple[str, ...]]:
    cues = lex.cues["certainty"]
    # A hedge phrase qualifies what follows it: "later reports confirmed that ..." at the
    # end of a sentence says nothing about a claim made at its start.
    cut = (trigger.idx - sent.start_char + len(trigger.text)) if trigger is not None else None
    lowered = span_text(sent).lower()[:cut]
    # "are widely believed to", "was reportedly said to": an adverb inside a hedge phrase
    lowered = _ADVERB.sub("", lowered)
    lower = arrays(sent.doc).lower[sent.start:sent.end]
    attribution = _according_to(sent) if "according" in lower else []
    if reporter is not None:
        subj = next((c for c in reporter.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in ("which", "who") and reporter.dep_ == "relcl":
            # "Russia's defence ministry, which said ...": the ministry says it
            attribution.append(phrase_text(reporter.head))
        elif subj is not None and subj.lower_ not in ("it", "this", "that"):
            attribution.append(phrase_text(subj))
    attribution_t = tuple(dict.fromkeys(a for a in attribution if a))
    if hedged_past or any(p in lowered for p in cues["low_phrases"]):
        return "low", attribution_t
    words = set(lower)
    lowered_all = span_text(sent).lower()
    if not words.isdisjoint(cue_set(lex, "certainty", "low") - _LOW_ONLY_IN_PHRASES):
        return "low", attribution_t
    if reporter is not None or attribution_t:
        return "medium", attribution_t
    if not words.isdisjoint(cue_set(lex, "certainty", "medium")) or any(
            p in lowered for p in cues["medium_phrases"]) or (
            any(p in lowered_all for p in ("officials said", "sources said", "officials say"))):
        return "medium", attribution_t
    return "high", attribution_t


def _parenthetical_reporter(top: Token, lex: Lexicon) -> Token | None:
    """"X pressed Y to act, a U.S. official said, ...": a reporting clause set inside or
    after the claim's clause (a parataxis of its verb) credits the whole clause."""
    reporting = cue_set(lex, "certainty", "reporting_verbs")
    a = arrays(top.doc)
    dep, children = a.dep, a.children
    for c in children[top.i]:
        if dep[c] == "parataxis" and a.lemma[c] in reporting and any(
                dep[g] == "nsubj" for g in children[c]):
            return a.tokens[c]
    return None


def modality(trigger: Token, sent: Span, lex: Lexicon | None = None) -> Modality:
    """Status, certainty and attribution of what `trigger` says in `sent`; kept with the
    Doc's arrays, as a sentence's claims often share their trigger ("X and Y armed Z")."""
    lex = lex or load_lexicon()
    key = ("modality", sent.start, sent.end, trigger.i, id(lex))
    kept = arrays(sent.doc).kept
    found = kept.get(key)
    if not isinstance(found, Modality):
        found = kept[key] = _modality(trigger, sent, lex)
    return found


def _modality(trigger: Token, sent: Span, lex: Lexicon) -> Modality:
    chain, reporter = governing_chain(trigger, lex)
    if reporter is None:
        reporter = _parenthetical_reporter(chain[-1], lex)
    status, hedged = status_of(trigger, chain, lex)
    certainty, attribution = certainty_of(sent, reporter, hedged, lex, trigger)
    if certainty == "high" and any(t.pos_ == "NOUN" and t.lemma_.lower() in WORDS.report_nouns
                                   for t in chain[1:]):
        certainty = "medium"  # "reports that Iran had sent drones", "claims that ..."
    if status == "denied" and any(t.lemma_.lower() in lex.cues["status"]["deny"] for t in chain):
        certainty = "medium"
        denier = next((c for t in chain if t.lemma_.lower() in lex.cues["status"]["deny"]
                       for c in t.children if c.dep_ == "nsubj"), None)
        if denier is not None:
            attribution = (*attribution, phrase_text(denier))
    return Modality(status, certainty, attribution)
