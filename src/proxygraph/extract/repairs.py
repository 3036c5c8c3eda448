"""Repairs of parses the small model gets wrong in a way that changes who the parties are.

Each repair is local, rare and cheap: it looks at a sentence's root only. Headlines and
leads often end on their source ("North Korean troops fighting in Kursk, Seoul says"); the
model then makes the story's subject a second subject of "says", so the source becomes a
party. The repair hangs the story under the reporting verb as its content clause, as the
model does when the story has a finite verb ("Iran arming rebels, US says").
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from proxygraph.extract.lexicon import load_lexicon, reporting_verbs
from proxygraph.extract.wordsets import WORDS


def repair(doc: Doc) -> Doc:
    lexicon = load_lexicon()
    reporting = reporting_verbs()
    triggers = lexicon.verbs
    for sent in list(doc.sents):
        _trailing_source(sent.root, reporting)
        _verbs_read_as_nouns(sent, triggers)
    for tok in doc:
        if tok.dep_ == "advcl" and tok.tag_ in ("VBN", "VBD", "JJ") and (
                _list_read_as_clause(tok, triggers)):
            continue
        if tok.dep_ == "conj" and tok.lower_ in lexicon.backing_participles:
            _stranded_epithet(tok)
        elif tok.tag_ == "JJ" and tok.lower_.endswith("ed"):
            if not _participle_on_object(tok, triggers):
                _adjective_verb(tok, triggers)
        elif tok.dep_ == "compound" and tok.tag_ in ("NN", "VBG") and tok.lower_.endswith("ing"):
            if not _gerund_after_preposition(tok, triggers):
                _gerund_after_aspect(tok, triggers)
        elif tok.dep_ in ("nmod", "amod") and tok.lower_.endswith("ing"):
            _gerund_after_preposition(tok, triggers)
        elif tok.pos_ == "NOUN" and tok.dep_ in ("pobj", "pcomp") and tok.lower_.endswith("ing"):
            _gerund_list_after_preposition(tok, triggers)
    return doc


def _list_read_as_clause(tok: Token, triggers: Mapping[str, object]) -> bool:
    """"has trained, equipped and paid the Security Belt Forces", "has funded, armed and
    trained the Houthis": the model makes the middle verb of a list a clause of the first
    ("trained, [equipped and paid X]"), or an adjective. A trigger's past form right after
    "<verb>," with a conjunct of its own and no subject or auxiliary is the list's next
    verb: all three are conjuncts of the first. Returns whether it repaired."""
    doc = tok.doc
    first = tok.head
    lemma = _past_lemma(tok.lower_, triggers)
    if (tok.i < 2 or doc[tok.i - 1].text != "," or first.i != tok.i - 2
            or first.pos_ != "VERB" or lemma is None):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in tok.children):
        return False
    later = [c for c in tok.children if c.dep_ == "conj" and c.i > tok.i]
    if not later:
        return False
    tok.dep_ = "conj"
    if tok.tag_ == "JJ":
        tok.tag_, tok.pos_, tok.lemma_ = first.tag_, "VERB", lemma
    for c in later:
        c.head = first
    return True


# Words between a name and its verb list, or inside the object phrase after it.
_OBJECT_WORDS = ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PART")


def _noun_read_verb(tok: Token, triggers: Mapping[str, object], plural: bool) -> str | None:
    """The trigger lemma of a present-tense verb the tagger read as a noun ("Iran arms",
    "France and Ukraine finance"), else None."""
    word = tok.lower_
    if plural:
        # ("Qatar and Turkey back the government": "back" read as an adverb)
        return word if (tok.tag_ == "NN" or (tok.tag_ == "RB" and word == "back")) and (
            word in triggers) else None
    if tok.tag_ != "NNS" or not word.endswith("s"):
        return None
    return next((s for s in (word[:-1], word[:-2], word[:-3] + "y") if s in triggers), None)


def _subject_lost(verb: Token, first_name: Token) -> bool:
    """ "Kim and Putin sign defence pact", "Kim, Putin sign ...": the tagger saw the verb
    but hung the first name on it as a modifier, so the names are no subjects. (The verb
    list admits a tagged trigger first only after two names.)"""
    return verb.tag_ in ("VBP", "VB") and first_name.dep_ != "nsubj"


def _name_word(tok: Token) -> bool:
    """A word of a name: a proper noun, or a capitalised noun the tagger missed ("Tehran")."""
    return tok.pos_ == "PROPN" or (tok.tag_ == "NN" and tok.text[:1].isupper() and tok.is_alpha)


def _verbs_read_as_nouns(sent: Span, triggers: Mapping[str, object]) -> None:
    """"Iran arms and funds Hamas", "Tehran funds and arms Hamas": after a proper name the
    small model reads "arms" and "funds" as plural nouns and the clause as one noun phrase,
    so no verb has a subject or an object. Headlines join two subjects by a comma ("Russia,
    Iran sign drone deal"), and the model then reads the verb as a noun or hangs the first
    name on it as a modifier. When the sentence is exactly name, verb list,
    object phrase (what may follow is punctuation or a new clause), it is re-hung as the
    clause it is. Nothing changes unless every piece is found and the tree stays a tree."""
    doc = sent.doc
    start = sent.start
    colon = next((t.i for t in doc[start:min(start + 3, sent.end)] if t.text == ":"), None)
    if colon is not None:
        start = colon + 1  # "Q: Iran funds ...": a transcript's speaker label
    if start < sent.end and doc[start].pos_ == "CCONJ":
        start += 1
    if start + 1 < sent.end and doc[start].lower_ == "the" and _name_word(doc[start + 1]):
        start += 1  # "The United States funds and trains ..."
    name_end, plural = start, False
    while name_end < sent.end and (_name_word(doc[name_end]) or (
            doc[name_end].lower_ in ("and", ",") and name_end > start
            and name_end + 1 < sent.end and _name_word(doc[name_end + 1]))):
        # "France and Ukraine finance", headline "Russia, Iran sign": two subjects
        plural = plural or doc[name_end].lower_ in ("and", ",")
        name_end += 1
    if name_end == start or name_end >= sent.end:
        return
    verbs, lemmas, i = [], [], name_end
    while i < sent.end:
        lemma = _noun_read_verb(doc[i], triggers, plural)
        if lemma is None and (verbs or plural) and doc[i].tag_ in ("VBZ", "VBP", "VB") and (
                doc[i].lemma_ in triggers):
            # "arms and trains the militia": the second one is a verb; "Kim, Putin sign"
            lemma = doc[i].lemma_
        if lemma is None:
            break
        verbs.append(doc[i])
        lemmas.append(lemma)
        i += 1
        if i < sent.end and doc[i].lower_ == "and" and len(verbs) < 3:
            i += 1
        else:
            break
    if not verbs or doc[i - 1].lower_ == "and":
        return
    first_name = next(t for t in doc[start:name_end] if _name_word(t))
    if not _noun_read_verb(verbs[0], triggers, plural) and not _subject_lost(
            verbs[0], first_name):
        return
    obj_end = i
    while obj_end < sent.end and doc[obj_end].pos_ in _OBJECT_WORDS:
        obj_end += 1
    heads = [t.i for t in doc[i:obj_end] if t.pos_ in ("PROPN", "NOUN")]
    if not heads:
        return
    if obj_end < sent.end and not (doc[obj_end].is_punct or doc[obj_end].pos_ == "SPACE"
                                   or doc[obj_end].lower_ in ("and", "but", "in", "since")
                                   or (plural and doc[obj_end].pos_ == "ADP"
                                       and doc[obj_end].lower_ != "of")):
        return  # ("Iran, Taliban trade fire on border": a place or time may follow)
    subject, obj, first = doc[name_end - 1], doc[heads[-1]], verbs[0]
    root = sent.root
    label = colon is not None and root.i < start  # "Q:" heads the parse
    if root.i not in range(start, obj_end) and not label:
        return
    new = {subject.i: (first.i, "nsubj"), first.i: (first.i, "ROOT"), obj.i: (verbs[-1].i, "dobj")}
    for later in verbs[1:]:
        new[later.i] = (first.i, "conj")
    if plural:
        # "France and Ukraine": the first name is the subject, the others its conjuncts
        names = [t for t in doc[start:name_end] if _name_word(t)
                 and (t.i + 1 == name_end or not _name_word(doc[t.i + 1]))]
        subject = names[0]
        new[subject.i] = (first.i, "nsubj")
        for later in names[1:]:
            new[later.i] = (subject.i, "conj")
        for t in doc[start:name_end]:
            if t.lower_ in ("and", ","):
                new[t.i] = (subject.i, "cc" if t.lower_ == "and" else "punct")
    for t in doc[start:name_end - 1]:
        if t.i not in new and t.head.i not in range(start, name_end):
            new[t.i] = (subject.i, "compound")
    for t in doc[i:obj_end]:
        if t.i != obj.i and t.head.i not in range(i, obj_end):
            new[t.i] = (obj.i, "compound" if t.pos_ in ("PROPN", "NOUN") else "det"
                        if t.pos_ == "DET" else "amod")
    for t in doc[name_end:i]:
        if t.lower_ == "and":
            new[t.i] = (first.i, "cc")
    if start > sent.start and doc[start - 1].lower_ == "the" and doc[start - 1].i not in new:
        new[start - 1] = (subject.i, "det")
    if label:
        new[root.i] = (first.i, "dep")
    # every token left pointing at the old root now hangs on the verb
    for t in sent:
        if t.i not in new and t.head.i == root.i and t.i != root.i and not (
                label and t.i < start):
            new[t.i] = (first.i, t.dep_)
    if root.i not in new:
        return
    for index in _top_down(new):
        head, dep = new[index]
        doc[index].head, doc[index].dep_ = doc[head], dep
    for tok, lemma in zip(verbs, lemmas, strict=True):
        tok.tag_, tok.pos_, tok.lemma_ = ("VBP" if plural else "VBZ"), "VERB", lemma


def _top_down(new: dict[int, tuple[int, str]]) -> list[int]:
    """The re-hung tokens, each after its new head: assigning in this order never makes
    a token the child of its own descendant on the way."""
    def depth(i: int) -> int:
        steps = 0
        while i in new and new[i][0] != i and steps < len(new):
            i, steps = new[i][0], steps + 1
        return steps
    return sorted(new, key=depth)


def _stranded_epithet(tok: Token) -> None:
    """"between the SDF and Turkish-backed factions": the model sometimes makes the
    hyphenated participle a conjunct of the noun before "and", leaving its own noun
    without it. A participle after a hyphen modifies the noun that follows it."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text not in ("-", "–") or tok.i + 1 >= len(doc):
        return
    noun, first = doc[tok.i + 1], tok.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.head.i == tok.i:
        return
    tok.head, tok.dep_ = noun, "amod"
    if first.head.i == noun.i and first.dep_ in ("nmod", "compound") and first.i < tok.i:
        # the noun before "and" was made the modifier of ours; it is the first conjunct
        first.head, first.dep_ = noun.head, noun.dep_
        noun.head, noun.dep_ = first, "conj"


def _gerund_after_aspect(tok: Token, triggers: Mapping[str, object]) -> None:
    """"have begun training units of the army": after a verb of beginning or continuing the
    -ing word is the verb ("begun [training [units]]"), not a noun compound
    ("[training units]")."""
    noun = tok.head
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_ not in WORDS.aspect_verbs or tok.i != verb.i + 1:
        return
    word = tok.lower_[:-3]
    lemma = next((s for s in (word, word + "e") if s in triggers), None)
    if lemma is None:
        return
    tok.head, tok.dep_ = verb, "xcomp"
    noun.head = tok
    tok.tag_, tok.pos_, tok.lemma_ = "VBG", "VERB", lemma


def _gerund_lemma(word: str, triggers: Mapping[str, object]) -> str | None:
    """The trigger lemma of an -ing form: arming, financing, equipping."""
    stem = word[:-3]
    return next((s for s in (stem, stem + "e", stem[:-1]) if s in triggers), None)


def _gerund_after_preposition(tok: Token, triggers: Mapping[str, object]) -> bool:
    """"accuse Asmara of arming and training Fano units": the model reads the -ing words
    as modifiers of the noun after them ("[arming and training] units"). Right after a
    preposition whose object is that noun, a trigger's -ing form is the verb and the noun
    its object. Returns whether it repaired."""
    doc = tok.doc
    noun = tok.head
    if tok.i == 0 or noun.i <= tok.i or noun.dep_ != "pobj":
        return False
    prep = doc[tok.i - 1]
    lemma = _gerund_lemma(tok.lower_, triggers)
    if lemma is None or prep.pos_ != "ADP" or noun.head.i != prep.i:
        return False
    tok.head, tok.dep_ = prep, "pcomp"
    noun.head, noun.dep_ = tok, "dobj"
    tok.tag_, tok.pos_, tok.lemma_ = "VBG", "VERB", lemma
    for c in tok.conjuncts:  # "and training": the second verb of the list
        other = _gerund_lemma(c.lower_, triggers) if c.lower_.endswith("ing") else None
        if other is not None:
            c.tag_, c.pos_, c.lemma_ = "VBG", "VERB", other
    return True


def _gerund_list_after_preposition(tok: Token, triggers: Mapping[str, object]) -> None:
    """"accused Tehran of funding and arming Hamas": the model reads the first -ing word
    as a noun under "of" and hangs the verb after "and" on it or on "accused". The first
    is a verb too, and the second its conjunct (they share the accused and the object)."""
    doc = tok.doc
    prep = tok.head
    lemma = _gerund_lemma(tok.lower_, triggers)
    if lemma is None or prep.pos_ != "ADP" or tok.i + 2 >= len(doc):
        return
    cc, second = doc[tok.i + 1], doc[tok.i + 2]
    if cc.dep_ != "cc" or second.tag_ != "VBG" or second.dep_ != "conj" or (
            second.head.i not in (tok.i, prep.head.i)):
        return
    tok.dep_, tok.tag_, tok.pos_, tok.lemma_ = "pcomp", "VBG", "VERB", lemma
    cc.head, second.head = tok, tok


def _past_lemma(word: str, triggers: Mapping[str, object]) -> str | None:
    """The trigger lemma of a past tense or participle: armed, financed, equipped."""
    return next((s for s in (word[:-2], word[:-1], word[:-3], word[:-3] + "y")
                 if s in triggers), None)


def _participle_on_object(tok: Token, triggers: Mapping[str, object]) -> bool:
    """"it had armed Hamas", "that it armed Hamas": the model reads the participle as an
    adjective of the name after it ("armed Hamas"), leaving "had" or nothing as the verb.
    A trigger's participle between a subject word (a pronoun or a name) or "had", and the
    proper name it modifies, is the clause's verb; it takes the place of the phrase the
    parse built and the name becomes its object. Returns whether it repaired."""
    doc = tok.doc
    lemma = _past_lemma(tok.lower_, triggers)
    noun = tok.head
    if (lemma is None or tok.dep_ != "amod" or noun.i != tok.i + 1 or noun.pos_ != "PROPN"
            or tok.i == 0):
        return False
    before = doc[tok.i - 1]
    if before.lemma_ == "have" and before.pos_ in ("VERB", "AUX") and noun.head.i == before.i:
        # "it had armed Hamas": "had" is the auxiliary of the participle
        have = before
        moved = [c for c in have.children if c.i != noun.i]
        tok.head, tok.dep_ = (tok if have.head.i == have.i else have.head), have.dep_
        have.head, have.dep_ = tok, "aux"
        noun.head, noun.dep_ = tok, "dobj"
        for c in moved:
            c.head = tok
        tok.tag_ = "VBN"
    elif before.tag_ == "PRP" and before.lower_ in ("it", "they", "he", "she", "we"):
        # "denied that it armed Hamas": the pronoun is the subject
        place = before
        if noun.head.i == place.i:  # ("it" <- appos "Hamas")
            noun.head = place.head
        tok.head, tok.dep_ = place.head, ("ccomp" if place.head.pos_ == "VERB" else "dep")
        place.head, place.dep_ = tok, "nsubj"
        noun.head, noun.dep_ = tok, "dobj"
        mark = doc[place.i - 1] if place.i > 0 else None
        if mark is not None and mark.lower_ == "that" and mark.head.i != tok.i:
            mark.head, mark.dep_ = tok, "mark"
        tok.tag_ = "VBD"
    else:
        return False
    tok.pos_, tok.lemma_ = "VERB", lemma
    return True


def _adjective_verb(tok: Token, triggers: Mapping[str, object]) -> None:
    """"Iran armed Hamas", "Russia armed and funded Haftar": the model reads a trigger's
    past tense as an adjective yet gives it a direct object. A word with an object is a
    verb; it gets the verb's tag and lemma back when the lemma is a trigger."""
    lemma = _past_lemma(tok.lower_, triggers)
    if lemma is None:
        return
    has_object = any(c.dep_ in ("dobj", "dative") for c in tok.children)
    clause_head = tok.dep_ in ("ROOT", "conj") and any(c.dep_ == "nsubj" for c in tok.children)
    noun = tok.head
    # "funded and armed Hamas" parsed as "funded and [armed Hamas]": Hamas, a conjunct of
    # the first verb, is the object both verbs share
    shared = (tok.dep_ == "amod" and noun.i == tok.i + 1 and noun.dep_ == "conj"
              and noun.head.pos_ == "VERB" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "and")
    if not (has_object or clause_head or shared):
        return
    if shared:
        verb = noun.head
        tok.head, tok.dep_ = verb, "conj"
        noun.head, noun.dep_ = tok, "dobj"
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
    tok.tag_ = "VBN" if perfect else "VBD"
    tok.pos_ = "VERB"
    tok.lemma_ = lemma


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
    last = max((t.i for t in story.subtree if not t.is_punct and t.i < source.i
                and not (appositive and source.is_ancestor(t))), default=None)
    if last is None:
        return  # a story of punctuation alone (a parse of a broken line): nothing to move
    if [t.text for t in root.doc[last + 1:source.left_edge.i]] != [","]:
        return
    if appositive:
        source.head = root
        source.dep_ = "nsubj"
    story.dep_ = "ccomp"
