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
from proxygraph.extract.arrays import arrays
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
    tok = trigger
    if misparsed_verb(trigger, lex) and trigger.dep_ == "appos":
        return chain, None  # a relative clause read as an apposition keeps its own tense
    while tok.head.i != tok.i and tok.dep_ in _INHERIT:
        head = tok.head
        if tok.dep_ in ("ccomp", "advcl") and head.lemma_.lower() in reporting:
            return chain, head
        if tok.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to"
                                            for c in tok.children):
            break  # a subordinate clause keeps its own tense
        denial = head.lemma_.lower() in lex.cues["status"]["deny"] and tok.i > head.i
        if tok.dep_ == "ccomp" and not denial and head.lemma_.lower() not in (
                "help", "assist", "enable", *lex.cues["status"]["forecast_verbs"]):
            # but "agreed to help Russia build" plans the building, and "denied that it
            # had armed" denies it (not "militias launch attack; X denies role")
            break
        content_clause = any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
        if tok.dep_ == "acl" and tok.tag_ != "VBG" and not content_clause and not (
                tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in tok.children)):
            # "X, backed by Y, announced ...": the participle keeps its own status; but
            # "has no plans to arm Y" takes the status of the plan
            break
        chain.append(head)
        tok = head
        if is_finite(head) or (head.tag_ == "VBG" and kids_subject(head)):
            break  # a finite verb (or "with tensions rising") carries its own tense
    if tok.head.i != tok.i and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in reporting:
        return chain, tok.head
    return chain, None


def kids_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def is_finite(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in tok.children)


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


def _modal(tok: Token) -> tuple[str, bool] | None:
    """The modal auxiliary of a verb and whether it is 'modal + have + participle'."""
    for child in tok.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in tok.children)
            return child.lower_, perfect
    return None


def _verb_group(verb: Token) -> list[Token]:
    """The verb's children, with what a bare later conjunct shares with the first: in "is
    armed, funded and trained by" and "has armed, paid and trained X since 2017", "funded"
    and "paid" share the auxiliary, and the group shares its "since"."""
    children = list(verb.children)
    if verb.dep_ != "conj" or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                  for c in children):
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
                if prep.lower_ != "for" and obj.dep_ == "pobj":
                    return True  # "since 2015", "throughout the war"
                if obj.dep_ == "pobj" and obj.lemma_.lower() in WORDS.span_units:
                    return True
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
    if aux_words & {"has", "have", "'ve"} and (
            _standing_since(children) or _standing_since(_object_preps(verb))):
        return "ongoing"  # "has armed the group since 2015", "have fought for years"
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


def status_of(trigger: Token, chain: list[Token], lex: Lexicon) -> tuple[str, bool]:
    """(status, hedged_past): hedged_past is 'might have done', which lowers certainty."""
    cues = lex.cues["status"]
    planned_lemmas = cue_set(lex, "status", "planned")
    deny = cue_set(lex, "status", "deny")
    for child in trigger.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in cues["planned_modifiers"]:
            return "planned", False
        if child.dep_ == "acl" and child.tag_ == "VBG" and (
                child.lemma_ in WORDS.ongoing_participles):
            return "ongoing", False
    for k, tok in enumerate(chain):
        if k and chain[k - 1].dep_ == "prep" and chain[k - 1].lower_ in WORDS.event_adjunct_preps:
            break  # "the mutiny ended after a deal": the ending is not the deal's
        if _negated(tok, lex):
            return "denied", False
        if tok is not trigger and tok.lemma_.lower() in deny:
            return "denied", False
    if any(tok is not trigger and tok.pos_ == "VERB"
           and tok.lemma_.lower() in cues["forecast_verbs"] for tok in chain):
        return "forecast", False  # "officials expect Iran to resupply the group"
    if trigger.pos_ == "VERB" and trigger.lemma_.lower() in WORDS.promise_verbs:
        return "planned", False  # "Germany pledges four more IRIS-T systems to Kyiv"
    # "vowed to keep targeting": the vow outranks the continuation below it
    vowed = any(tok is not trigger and tok.pos_ == "VERB"
                and tok.lemma_.lower() in planned_lemmas for tok in chain)
    for tok in chain:
        modal = _modal(tok) if tok.pos_ in ("VERB", "AUX") else None
        if modal is not None:
            word, perfect = modal
            if perfect:
                return "occurred", True
            if word in cues["planned_modals"]:
                return "planned", False
            if word in cues["forecast_modals"]:
                return "forecast", False
        if tok is not trigger and tok.lemma_.lower() in planned_lemmas and (
                tok.pos_ == "VERB" or (tok.pos_ == "NOUN" and any(
                    c.dep_ == "acl" and c in chain for c in tok.children))):
            return "planned", False  # "plans to send", "has plans to send"
        # "is likely to", "is expected to", "is set to"; not "set up a hotline"
        forecast_word = tok.lower_ in cues["forecast_adjectives"] and (
            tok.pos_ == "ADJ" or any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be"
                                     for c in tok.children))
        if forecast_word and tok is not trigger:
            return "forecast", False
        for child in tok.children:
            if child.dep_ in ("acomp", "attr") and child.lemma_.lower() in cues[
                    "forecast_adjectives"]:
                return "forecast", False
            if child.dep_ == "acomp" and child.lemma_.lower() in WORDS.planned_adjectives:
                return "planned", False  # "is due to hold talks", "was ready to train"
        if tok is not trigger and tok.lemma_.lower() in WORDS.continuation_verbs and (
                tok.tag_ in ("VBZ", "VBP", "VBD")
                or any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)):
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
    tokens = [t for t in head.subtree if t.dep_ not in ("relcl", "acl") and not t.is_punct]
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
        if subj is not None and subj.lower_ not in ("it", "this", "that"):
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
    for child in top.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in reporting and any(
                c.dep_ == "nsubj" for c in child.children):
            return child
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
