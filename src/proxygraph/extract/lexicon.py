"""Trigger and cue lexicons, loaded once from the data files beside this module."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


def _read(name: str) -> dict[str, Any]:
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text("utf-8"))


def _set(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@dataclass(frozen=True)
class VerbTrigger:
    claim_type: str
    frame: str  # recipient | patient | partner | absorbed | container | none


@dataclass(frozen=True)
class Lexicon:
    version: str
    verbs: dict[str, tuple[VerbTrigger, ...]]
    giving_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    themes: dict[str, str]  # noun lemma -> claim type
    nouns: dict[str, str]  # noun lemma -> claim type
    agent_nouns: dict[str, str]
    client_nouns: frozenset[str]
    weak_client_nouns: frozenset[str]
    backing_participles: dict[str, str]
    weak_participles: frozenset[str]
    clash_nouns_need_target: frozenset[str]
    hostile_preps: frozenset[str]
    group_nouns: frozenset[str]
    state_heads: frozenset[str]
    transparent_heads: frozenset[str]
    collective_modifiers: frozenset[str]
    verb_requires_prep: dict[str, frozenset[str]]
    verb_object_idioms: dict[str, dict[str, str | None]]
    behalf_verbs: frozenset[str]
    commodities: frozenset[str]
    military_heads: frozenset[str]
    state_agent_heads: frozenset[str]
    equipment_heads: frozenset[str]
    mutual_clash_nouns: frozenset[str]
    title_words: frozenset[str]
    with_recipient_verbs: frozenset[str]
    part_nouns: frozenset[str]
    reciprocal_clash_verbs: frozenset[str]
    command_nouns: frozenset[str]
    subordination_verbs: frozenset[str]
    flow_verbs: frozenset[str]
    cues: dict[str, Any]

    def verb_gives(self, lemma: str, ctype: str) -> bool:
        """Whether the verb `lemma` is a trigger of claim type `ctype`."""
        return any(t.claim_type == ctype for t in self.verbs.get(lemma, ()))


def _invert(mapping: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for claim_type, words in mapping.items():
        for word in words:
            out.setdefault(str(word).lower(), claim_type)
    return out


@cache
def load_lexicon() -> Lexicon:
    raw = _read("lexicon.yaml")
    cues = _read("cues.yaml")
    verbs: dict[str, list[VerbTrigger]] = {}
    for claim_type, frames in raw["verbs"].items():
        for frame, lemmas in frames.items():
            for lemma in lemmas:
                verbs.setdefault(lemma, []).append(VerbTrigger(claim_type, frame))
    return Lexicon(
        version=f"{raw['version']}.{cues['version']}",
        verbs={k: tuple(v) for k, v in verbs.items()},
        giving_verbs=_set(raw["giving_verbs"]),
        receiving_verbs=_set(raw["receiving_verbs"]),
        themes=_invert(raw["themes"]),
        nouns=_invert(raw["nouns"]),
        agent_nouns=_invert(raw["agent_nouns"]),
        client_nouns=_set(raw["client_nouns"]),
        weak_client_nouns=_set(raw["weak_client_nouns"]),
        backing_participles=_invert(raw["backing_participles"]),
        weak_participles=_set(raw["weak_participles"]),
        clash_nouns_need_target=_set(raw["clash_nouns_need_target"]),
        hostile_preps=_set(raw["hostile_preps"]),
        group_nouns=_set(raw["group_nouns"]),
        state_heads=_set(raw["state_heads"]),
        transparent_heads=_set(raw["transparent_heads"]),
        collective_modifiers=_set(raw["collective_modifiers"]),
        verb_requires_prep={k: _set(v) for k, v in raw["verb_requires_prep"].items()},
        behalf_verbs=_set(raw["behalf_verbs"]),
        verb_object_idioms={verb: {str(o).lower(): t for o, t in objs.items()}
                            for verb, objs in raw["verb_object_idioms"].items()},
        commodities=_set(raw.get("commodities")),
        military_heads=_set(raw.get("military_heads")),
        state_agent_heads=_set(raw.get("state_agent_heads")),
        equipment_heads=_set(raw.get("equipment_heads")),
        mutual_clash_nouns=_set(raw.get("mutual_clash_nouns")),
        title_words=_set(raw.get("title_words")),
        with_recipient_verbs=_set(raw.get("with_recipient_verbs")),
        part_nouns=_set(raw.get("part_nouns")),
        reciprocal_clash_verbs=_set(raw.get("reciprocal_clash_verbs")),
        command_nouns=_set(raw.get("command_nouns")),
        subordination_verbs=_set(raw.get("subordination_verbs")),
        flow_verbs=_set(raw.get("flow_verbs")),
        cues=cues,
    )


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("ed", "e"), ("es", ""),
             ("s", ""), ("d", ""), ("", ""))


def _one_slip(stem: str) -> set[str]:
    """Spellings one typing slip away that keep every letter: two neighbours swapped
    ("recieve"), a doubled letter dropped ("suply") or a letter doubled ("equipp")."""
    out: set[str] = set()
    for i in range(len(stem) - 1):
        out.add(stem[:i] + stem[i + 1] + stem[i] + stem[i + 2:])
        if stem[i] == stem[i + 1]:
            out.add(stem[:i] + stem[i + 1:])
    for i in range(len(stem)):
        out.add(stem[:i] + stem[i] + stem[i:])
    return out


@cache
def typo_trigger(word: str) -> str | None:
    """The trigger verb a misspelt verb form stands for ("recieves" -> receive, "suplied"
    -> supply), or None. Only slips that keep the letters, and stems of five letters or
    more, so that real words ("sing", "arid") are not read as triggers."""
    lex = load_lexicon()
    known = set(lex.verbs) | lex.giving_verbs
    word = word.lower()
    for suffix, repl in _SUFFIXES:
        if suffix and not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)] + repl if suffix else word
        if len(stem) < 5 or stem in known:
            continue
        found = sorted(c for c in _one_slip(stem) if c in known)
        if len(found) == 1:
            return found[0]
    return None


@cache
def reporting_verbs() -> frozenset[str]:
    """Verbs that report a statement ("said", "claimed"), from the certainty cues."""
    return frozenset(load_lexicon().cues["certainty"]["reporting_verbs"])
